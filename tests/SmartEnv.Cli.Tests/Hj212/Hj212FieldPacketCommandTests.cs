using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Gateway;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Hj212;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests.Hj212;

/// <summary>
/// Issue #11 items 2–6 through <c>smartenv hj212 parse</c> and <c>hj212 build</c>: real loggers' field names, padding
/// before CR LF, what <c>--strict</c> refuses, GBK bytes on stdin, and a built packet that the gateway answers.
/// Expected values are the packet texts, written by hand.
/// </summary>
public class Hj212FieldPacketCommandTests
{
    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    /// <summary>One stdin line: the packet with its CR LF written as the literal characters \r\n, as parse reads.</summary>
    private static string Line(string cp, string pad = "", bool dataTime = true)
    {
        var seg = "QN=20250101110000001;ST=22;CN=2061;PW=123456;MN=CLI0000000000000000001;Flag=5;CP=&&"
            + (dataTime ? "DataTime=20250101100000;" : "") + cp + "&&";
        var n = Encoding.UTF8.GetByteCount(seg);
        return $"##{n:D4}{seg}{Hj212Crc.Format(Hj212Crc.Compute(Encoding.UTF8.GetBytes(seg)))}{pad}\\r\\n";
    }

    private static JsonElement ParseOne(string line, bool strict = false) =>
        Lines(CliRunner.Run(line, strict ? ["hj212", "parse", "--jsonl", "--strict"] : ["hj212", "parse", "--jsonl"]).Out).Single();

    private static string[] Strings(JsonElement a) => a.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Item2_lower_case_flag_and_avg_fold_into_value_and_flag()
    {
        var o = ParseOne(Line("a34004-avg=35,a34004-FLAG=D;A18-Avg=40.28,A18-flag=N"));
        Assert.True(o.GetProperty("ok").GetBoolean());
        var items = o.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("code").GetString(), i.GetProperty("field").GetString(), i.GetProperty("value").GetString(), i.GetProperty("flag").GetString())).ToList();
        Assert.Equal([("a34004", "Avg", "35", "D"), ("A18", "Avg", "40.28", "N")], items);
        Assert.Contains("non_canonical_field_name", Strings(o.GetProperty("warnings")));
        Assert.Equal("non_canonical_field_name", ParseOne(Line("A18-Avg=40.28,A18-flag=N"), strict: true).GetProperty("reason").GetString());
    }

    [Fact]
    public void Item3_padding_before_CR_LF_is_a_warning_and_other_bytes_are_named()
    {
        var o = ParseOne(Line("a34004-Avg=35,a34004-Flag=N", pad: " "));
        Assert.True(o.GetProperty("ok").GetBoolean(), o.ToString());
        Assert.True(o.GetProperty("crc_ok").GetBoolean());
        Assert.Equal(["padding_before_terminator"], Strings(o.GetProperty("warnings")));
        Assert.Equal("padding_before_terminator", ParseOne(Line("a34004-Avg=35,a34004-Flag=N", pad: "\t"), strict: true).GetProperty("reason").GetString());

        var junk = ParseOne(Line("a34004-Avg=35,a34004-Flag=N", pad: " x"));
        Assert.Equal(("trailing_bytes_after_crc", true), (junk.GetProperty("reason").GetString(), junk.GetProperty("crc_ok").GetBoolean()));
    }

    [Theory]
    [InlineData("a34004-Avg=35,a34004-Flag=N", false, "missing_data_time")]
    [InlineData("a34004-Avg=7O,a34004-Flag=N", true, "non_numeric_value")]
    [InlineData("a34004-Avg=35,a34004-Flag=N℃", true, "unknown_data_flag")]
    public void Item4_strict_refuses_it_and_tolerant_warns(string cp, bool dataTime, string code)
    {
        var strict = ParseOne(Line(cp, dataTime: dataTime), strict: true);
        Assert.Equal((false, code), (strict.GetProperty("ok").GetBoolean(), strict.GetProperty("reason").GetString()));
        var tolerant = ParseOne(Line(cp, dataTime: dataTime));
        Assert.Equal([code], Strings(tolerant.GetProperty("warnings")));
    }

    [Fact]
    public void Item4_a_vendor_code_passes_strict_with_a_notice_naming_it()
    {
        var o = ParseOne(Line("a34006-Avg=12,a34006-Flag=N"), strict: true);
        Assert.True(o.GetProperty("ok").GetBoolean());
        var detail = Assert.Single(Strings(o.GetProperty("warning_details")));
        Assert.StartsWith("unregistered_factor_code (a34006) at byte ", detail);
    }

    [Fact]
    public void Item5_a_GBK_log_line_parses_from_stdin_bytes_as_the_gateway_reads_it()
    {
        // PKT-076: C.41's log as a GBK logger sends it — length 148 = GBK bytes, CRC 84C1 over the GBK bytes.
        var row = File.ReadLines(RepoPaths.SharedFile("data/hj212/packets.tsv")).Single(l => l.StartsWith("hj212-076\t")).Split('\t')[5];
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes(row + "\n");

        var o = Lines(CliRunner.RunBytes(gbk, "hj212", "parse", "--jsonl").Out).Single();
        Assert.True(o.GetProperty("ok").GetBoolean(), o.ToString());
        Assert.True(o.GetProperty("crc_ok").GetBoolean());
        Assert.Equal(["gbk_encoding"], Strings(o.GetProperty("warnings")));
        Assert.Equal("//清洗管路//", o.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "i11001").GetProperty("value").GetString());

        // The real command with the bytes on its stdin (Program.Main wiring, not only the in-process runner).
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "smartenv.dll"), "hj212", "parse", "--jsonl" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardInput.BaseStream.Write(gbk);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000));
        var real = Lines(output).Single();
        Assert.Equal((true, true), (real.GetProperty("ok").GetBoolean(), real.GetProperty("crc_ok").GetBoolean()));
    }

    [Fact]
    public void Item4_a_bad_alias_file_stops_import_with_file_and_line_before_touching_the_store()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-alias-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var aliases = Path.Combine(dir, "aliases.tsv");
            File.WriteAllText(aliases, "# bureau aliases\no31104\ta99999\n");
            var log = Path.Combine(dir, "logger.log");
            File.WriteAllText(log, "");
            var r = CliRunner.Run("", "import", "--format", "hj212-log", "--data-dir", Path.Combine(dir, "data"), "--factor-aliases", aliases, log);
            Assert.Equal(2, r.ExitCode);
            Assert.Equal($"error: --factor-aliases: {aliases}:2: 'a99999' is not a registered factor code\n", r.Err);
            Assert.False(Directory.Exists(Path.Combine(dir, "data")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Item6_a_built_upload_has_QN_and_Flag_5_and_the_gateway_answers_it()
    {
        var built = CliRunner.Run("", "hj212", "build", "packet", "--st", "22", "--cn", "2061", "--pw", "123456",
            "--mn", "BUILD0000000000000000001", "--cp", "DataTime=20190716100000;a34004-Avg=35,a34004-Flag=N");
        Assert.Equal(0, built.ExitCode);
        var parsed = ParseOne(built.Out.TrimEnd('\n'), strict: true);
        Assert.True(parsed.GetProperty("ok").GetBoolean());
        var qn = parsed.GetProperty("qn").GetString()!;
        Assert.Matches("^[0-9]{17}$", qn);
        Assert.Equal((5, true), (parsed.GetProperty("flag").GetInt32(), parsed.GetProperty("ack_requested").GetBoolean()));
        var part = ParseOne(CliRunner.Run("", "hj212", "build", "packet", "--st", "22", "--cn", "2061", "--pw", "123456", "--mn", "BUILD0000000000000000001",
            "--pnum", "2", "--pno", "1", "--cp", "DataTime=20190716100000;a34004-Avg=35,a34004-Flag=N").Out.TrimEnd('\n'), strict: true);
        Assert.Equal((true, 7), (part.GetProperty("ok").GetBoolean(), part.GetProperty("flag").GetInt32())); // 2017 + D + A

        var db = new SqliteTestDatabase();
        await db.InitializeAsync();
        try
        {
            var (store, _) = await db.MigratedAsync();
            await using (var ctx = store.CreateContext())
            {
                var site = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
                ctx.Devices.Add(new Device { Mn = "BUILD0000000000000000001", Password = "123456", SiteId = site });
                await ctx.SaveChangesAsync();
            }
            await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
            await gw.StartAsync();
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, gw.Hj212Port);
            var stream = client.GetStream();
            var raw = CliRunner.Run("", "hj212", "build", "packet", "--st", "22", "--cn", "2061", "--pw", "123456", "--qn", qn,
                "--mn", "BUILD0000000000000000001", "--cp", "DataTime=20190716100000;a34004-Avg=35,a34004-Flag=N", "--raw").Out;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(raw));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var answer = new StringBuilder();
            var buf = new byte[512];
            while (!answer.ToString().Contains('\n'))
            {
                var n = await stream.ReadAsync(buf, cts.Token);
                Assert.True(n > 0, "the gateway closed the connection without answering");
                answer.Append(Encoding.UTF8.GetString(buf, 0, n));
            }
            Assert.Contains("CN=9014", answer.ToString());
            Assert.Contains("QN=" + qn, answer.ToString());
        }
        finally { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); await db.DisposeAsync(); }
    }
}
