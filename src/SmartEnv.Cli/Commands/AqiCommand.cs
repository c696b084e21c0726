using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartEnv.Standards.Air;
using SmartEnv.Web.Contracts;
using SmartEnv.Standards.Common;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv aqi hourly|daily key=value… [--regime ID] [--at TIME] [--jsonl] [--publication-rule]</c>: HJ 633 AQI of
/// one set of concentrations (μg/m³, CO mg/m³), or one JSON object per stdin line with <c>--jsonl</c>.
/// </summary>
public static class AqiCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("aqi", "空气质量指数 AQI per HJ 633 (regimes HJ633-2012, CNEMC-2014, HJ633-2026).");
        cmd.Subcommands.Add(Report(context, "hourly", AqiReport.Hourly, "实时报 real-time (hourly) AQI, e.g. pm25_1h=70 o3_1h=120."));
        cmd.Subcommands.Add(Report(context, "daily", AqiReport.Daily, "日报 daily AQI, e.g. pm25_24h=70 o3_8h=120 co_24h=1.2."));
        return cmd;
    }

    private static Command Report(CliContext context, string name, AqiReport report, string description)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Concentrations as key=value (so2_1h, so2_24h, no2_1h, no2_24h, co_1h, co_24h, o3_1h, o3_8h, pm10_1h, pm10_24h, pm25_1h, pm25_24h); μg/m³, CO mg/m³.", Arity = ArgumentArity.ZeroOrMore };
        var regime = new Option<string?>("--regime") { Description = "HJ633-2012 | CNEMC-2014 | HJ633-2026 (default: by --at)." };
        var at = new Option<string?>("--at") { Description = "Beijing-time date or date-time the data belong to (default: now); selects the regime: <2014-01-01 HJ633-2012, …2026-02-28 CNEMC-2014, then HJ633-2026." };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read one JSON object of inputs per stdin line (optional \"at\" and \"regime\" members); write one result per line." };
        var publication = new Option<bool>("--publication-rule") { Description = "HJ 633-2026 §5.3.1: with a pollutant missing, show AQI/level/primary as null unless AQI > 100." };
        var cmd = new Command(name, description);
        cmd.Arguments.Add(inputs);
        cmd.Options.Add(regime);
        cmd.Options.Add(at);
        cmd.Options.Add(jsonl);
        cmd.Options.Add(publication);
        cmd.SetAction(pr =>
        {
            var pub = pr.GetValue(publication);
            if (!pr.GetValue(jsonl))
            {
                try
                {
                    var values = ParsePairs(pr.GetValue(inputs) ?? []);
                    if (values.Count == 0) throw new UsageException("no concentrations given (e.g. pm25_1h=70), or use --jsonl");
                    var r = Resolve(pr.GetValue(regime), pr.GetValue(at));
                    context.Out.WriteLine(Output(values, r, report, pub));
                    return 0;
                }
                catch (UsageException e)
                {
                    context.Err.WriteLine("error: " + e.Message);
                    return 2;
                }
            }
            if (pr.GetValue(inputs) is { Length: > 0 })
            {
                context.Err.WriteLine("error: with --jsonl the concentrations come from stdin, not from key=value arguments");
                return 2;
            }
            var failed = false;
            foreach (var (lineNo, line) in CliInput.Lines(context.In))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    var (values, lineRegime, lineAt) = ParseJsonLine(line);
                    var r = Resolve(lineRegime ?? pr.GetValue(regime), lineAt ?? pr.GetValue(at));
                    context.Out.WriteLine(Output(values, r, report, pub));
                }
                catch (UsageException e)
                {
                    failed = true;
                    context.Out.WriteLine(new JsonObject { ["line"] = lineNo, ["error"] = e.Message }.ToJsonString(CliJson.Options));
                    context.Err.WriteLine($"stdin:{lineNo}: {e.Message}");
                }
            }
            return failed ? 1 : 0;
        });
        return cmd;
    }

    private sealed class UsageException(string message) : Exception(message);

    private static AqiResult Compute(Dictionary<AqiIndicator, decimal> values, AqiRegime regime, AqiReport report)
    {
        // The calculator ignores indicators the report does not read; when nothing given is in the report's set (e.g.
        // pm25_24h to a CNEMC-2014 hourly report, which uses pm25_1h) the answer would be an empty AQI: say so instead.
        // Which indicators a report reads is the regime's answer (AqiRegime.Set / Inputs), not decided here.
        var set = regime.Set(report);
        var extra = regime.Inputs(report).Except(set).ToList();
        if (values.Count == 0) throw new UsageException("no concentrations given");
        if (!values.Keys.Any(k => set.Contains(k)))
            throw new UsageException($"none of {string.Join(", ", values.Keys.Select(k => k.Key()))} is used by the {regime.Id} {(report == AqiReport.Hourly ? "hourly" : "daily")} report (it uses {string.Join(", ", set.Select(k => k.Key()))}{(extra.Count == 0 ? "" : $", and {string.Join(", ", extra.Select(k => k.Key()))} for SO2 1h > 800")})");
        return report == AqiReport.Hourly ? AqiCalculator.Hourly(values, regime) : AqiCalculator.Daily(values, regime);
    }

    /// <summary>The output record: the result in the shared contract, with <c>ignored</c> = the given keys the report does
    /// not read (e.g. pm25_1h in an HJ633-2012 hourly report), as the regime says.</summary>
    private static string Output(Dictionary<AqiIndicator, decimal> values, AqiRegime regime, AqiReport report, bool publicationRule) =>
        JsonSerializer.Serialize(AqiResultDto.From(Compute(values, regime, report), AqiContract.Ignored(values.Keys, regime, report), publicationRule), CliJson.Options);

    private static AqiRegime Resolve(string? regime, string? at)
    {
        if (!string.IsNullOrWhiteSpace(regime))
            return AqiRegime.TryFromId(regime, out var r) ? r : throw new UsageException($"unknown regime '{regime}' (HJ633-2012, CNEMC-2014, HJ633-2026)");
        if (string.IsNullOrWhiteSpace(at)) return AqiRegime.ForDate(BeijingTime.Today(TimeProvider.System));
        if (CliInput.TryBeijingTime(at, out var t)) return AqiRegime.ForDate(DateOnly.FromDateTime(t));
        throw new UsageException($"--at '{at}' is not a date or date-time (e.g. 2019-06-01 or 2019-06-01T14:00)");
    }

    private static Dictionary<AqiIndicator, decimal> ParsePairs(IEnumerable<string> pairs)
    {
        var d = new Dictionary<AqiIndicator, decimal>();
        foreach (var p in pairs)
        {
            var eq = p.IndexOf('=');
            if (eq <= 0) throw new UsageException($"'{p}' is not key=value");
            Put(d, p[..eq], p[(eq + 1)..]);
        }
        return d;
    }

    private static void Put(Dictionary<AqiIndicator, decimal> d, string key, string value)
    {
        if (!AqiIndicators.TryParse(key, out var ind)) throw new UsageException($"unknown key '{key}'");
        if (d.ContainsKey(ind)) throw new UsageException($"{ind.Key()} is given twice");
        if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0)
            throw new UsageException($"{key}: '{value}' is not a non-negative number");
        d[ind] = v;
    }

    private static (Dictionary<AqiIndicator, decimal>, string?, string?) ParseJsonLine(string line)
    {
        JsonObject obj;
        try { obj = JsonNode.Parse(line) as JsonObject ?? throw new UsageException("not a JSON object"); }
        catch (JsonException e) { throw new UsageException("invalid JSON: " + e.Message); }
        try { CliInput.RejectDuplicateKeys(JsonDocument.Parse(line).RootElement); }
        catch (FormatException e) { throw new UsageException(e.Message); }
        var d = new Dictionary<AqiIndicator, decimal>();
        string? regime = null, at = null;
        foreach (var (k, v) in obj)
        {
            if (k is "regime" or "at")
            {
                var text = v is null ? null : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
                    : throw new UsageException($"'{k}' must be a string, not {v.ToJsonString()}");
                if (k == "regime") regime = text; else at = text;
                continue;
            }
            if (v is null) continue; // null = missing indicator
            Put(d, k, v.GetValueKind() == JsonValueKind.Number ? v.ToJsonString() : v.ToString());
        }
        return (d, regime, at);
    }
}
