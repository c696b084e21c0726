using System.CommandLine;
using System.Text;
using System.Text.Json;
using SmartEnv.Ingestion.Files;
using SmartEnv.Verifications;
using SmartEnv.Verifications.Files;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv verify air|water|noise --format china-sites|cnemc-water|prsa|csv --input FILE… [--regime ID] [--map …]
/// [--json OUT] [--excel OUT] [--lang zh|en]</c> (issue 22, docs/verification.md): recomputes every published figure of
/// the files, prints the match rate and the findings. A thin shell over <see cref="VerificationService"/>. Exit codes: 0
/// verified (findings or not), 1 input error (file:line:column), 2 usage error, 3 nothing to verify (PRSA, or no row
/// with a published figure and the concentrations to recompute it).
/// </summary>
public static class VerifyCommand
{
    /// <summary>Exit code when the input holds nothing to verify.</summary>
    public const int NothingToVerify = 3;

    /// <summary>Creates the command.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var domain = new Argument<string>("domain") { Description = "air | water | noise" };
        var format = new Option<string>("--format") { Description = "china-sites | prsa | csv (air); cnemc-water | csv (water); csv (noise).", Required = true };
        var input = new Option<string[]>("--input") { Description = "Input file(s), plain or .gz.", Required = true, AllowMultipleArgumentsPerToken = true };
        var regime = new Option<string?>("--regime") { Description = "Air: HJ633-2012 | CNEMC-2014 | HJ633-2026 for every row (default: by each row's date)." };
        var map = new Option<string?>("--map") { Description = "csv: field=header,… e.g. site=站点,time=时间,aqi=AQI,pm25=PM2.5 (docs/verification.md)." };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON (output contract, snake_case) to this file." };
        var excel = new Option<string?>("--excel") { Description = "Write the report as Excel (sheets 概要/发现/不一致明细) to this file." };
        var lang = new Option<string>("--lang") { Description = "zh (default) | en: language of the printed summary and the Excel headers.", DefaultValueFactory = _ => "zh" };
        var cmd = new Command("verify", "Verify published figures: recompute AQI / water class / noise verdict and explain every mismatch (docs/verification.md).");
        cmd.Arguments.Add(domain);
        foreach (var o in new Option[] { format, input, regime, map, json, excel, lang }) cmd.Options.Add(o);
        cmd.SetAction(pr =>
        {
            try
            {
                var english = pr.GetValue(lang) switch
                {
                    "en" => true,
                    "zh" or "zh-CN" => false,
                    var l => throw new VerificationUsageException($"--lang '{l}': zh or en"),
                };
                var inputs = pr.GetValue(input)!;
                foreach (var outPath in new[] { pr.GetValue(json), pr.GetValue(excel) })
                    if (outPath is not null && inputs.Any(i => Path.GetFullPath(i) == Path.GetFullPath(outPath)))
                        throw new VerificationUsageException($"{outPath} is also an --input: the input would be overwritten");
                var request = new VerificationRequest(pr.GetValue(domain)!, pr.GetValue(format)!,
                    [.. inputs.Select(p => new VerificationInput(Path.GetFileName(p), () => File.OpenRead(p)))], pr.GetValue(regime), pr.GetValue(map));
                var report = VerificationService.Run(request);
                foreach (var line in VerificationText.Lines(report, english)) context.Out.WriteLine(line);
                if (pr.GetValue(json) is { } j)
                    WriteAtomically(j, s => s.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(report, ContractJson.Indented))));
                if (pr.GetValue(excel) is { } x) WriteAtomically(x, s => VerificationExcel.Write(s, report, english));
                return report.Compared == 0 ? NothingToVerify : 0;
            }
            catch (VerificationUsageException e)
            {
                context.Err.WriteLine("error: " + e.Message);
                return 2;
            }
            catch (Exception e) when (e is DataFileFormatException or IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine("error: " + e.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var tmp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var s = File.Create(tmp)) write(s);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
