using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212;
using SmartEnv.Hj212.Codes;
using SmartEnv.Imports;
using SmartEnv.Intake;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Host;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue #11 items 2–4 through the real gateway over loopback TCP and through <c>import --format hj212-log</c>, on each
/// engine: field names as real loggers write them (<c>-flag</c>, <c>-avg</c>, <c>-FLAG</c>) keep value and flag; padding
/// between the CRC and CR LF is accepted with a warning and a real fault is named for what it is; a strict gateway
/// refuses what a strict parse refuses; vendor codes are stored with a notice and mapped by the alias table. A 9014 is
/// only sent for what was stored completely. Expected values are the packet texts, written by hand.
/// </summary>
public abstract class FieldPacketTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = SmartEnv.Standards.Common.BeijingTime.Offset;

    private static async Task RegisterAsync(SmartEnvStore store, string mn)
    {
        await using var ctx = store.CreateContext();
        var id = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
        ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = id });
        await ctx.SaveChangesAsync();
    }

    /// <summary>A 2061 upload (Flag=5, ack wanted) with the CP entries given verbatim.</summary>
    private static byte[] Upload(string mn, string qn, string cp, string tail = "\r\n", bool dataTime = true)
    {
        var seg = $"QN={qn};ST=22;CN=2061;PW=123456;MN={mn};Flag=5;CP=&&{(dataTime ? "DataTime=" + qn[..10] + "0000;" : "")}{cp}&&";
        var bytes = Encoding.UTF8.GetBytes(seg);
        return [.. Encoding.ASCII.GetBytes($"##{bytes.Length:D4}"), .. bytes, .. Encoding.ASCII.GetBytes(Hj212Crc.Format(Hj212Crc.Compute(bytes))), .. Encoding.Latin1.GetBytes(tail)];
    }

    private async Task<(SmartEnvStore, SmartEnvPlatform)> StartAsync(GatewayOptions? options = null, IntakeOptions? intake = null)
    {
        var (store, _) = await db.MigratedAsync();
        var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = (options ?? new GatewayOptions()) with { Port = 0, BindAddress = IPAddress.Loopback }, Intake = intake ?? new IntakeOptions() });
        await gw.StartAsync();
        return (store, gw);
    }

    [Fact]
    public async Task Field_names_in_any_case_keep_value_and_flag_and_the_packet_is_acknowledged()
    {
        var (store, gw) = await StartAsync();
        await using var running = gw;
        const string mn = "CASE0000000000000000001";
        await RegisterAsync(store, mn);
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        // The Tianjin station's "…;A18-Avg=40.28,A18-flag=N&&", and -avg / -FLAG of other loggers.
        await logger.SendAsync(Upload(mn, "20190703110000001", "a34004-avg=35,a34004-FLAG=D;A18-Avg=40.28,A18-flag=N"));
        Assert.Contains("QN=20190703110000001", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));

        await using var ctx = store.CreateContext();
        var obs = await ctx.Observations.AsNoTracking().Where(o => o.Mn == mn).OrderBy(o => o.ParameterCode).ToListAsync();
        Assert.Equal([("A18", 40.28m, "N"), ("a34004", 35m, "D")], obs.Select(o => (o.ParameterCode, o.Value!.Value, o.Flag!)));
        var raw = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Mn == mn);
        Assert.Equal(PacketStatus.Accepted, raw.Status);
        Assert.Contains("NonCanonicalFieldName(-avg),NonCanonicalFieldName(-FLAG)", raw.FramingDiagnostics);
        Assert.Contains("NonCanonicalFieldName(-flag)", raw.FramingDiagnostics);
    }

    [Fact]
    public async Task Padding_before_CR_LF_is_stored_and_acknowledged_and_real_faults_are_named_for_what_they_are()
    {
        var (store, gw) = await StartAsync();
        await using var running = gw;
        const string mn = "PAD00000000000000000001";
        await RegisterAsync(store, mn);
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        string[] tails = [" \r\n", "\t\r\n", "\0\r\n"];
        for (int i = 0; i < tails.Length; i++)
        {
            await logger.SendAsync(Upload(mn, $"2019070{4 + i}110000001", $"a34004-Avg=3{i},a34004-Flag=N", tails[i]));
            Assert.Contains($"QN=2019070{4 + i}110000001", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        }
        // Other bytes after the CRC, then a good packet in the same write: the first is refused for those bytes (its
        // CRC is fine), the second is stored and answered.
        var junk = Upload(mn, "20190708110000001", "a34004-Avg=40,a34004-Flag=N", " x\r\n");
        var good = Upload(mn, "20190709110000001", "a34004-Avg=41,a34004-Flag=N");
        await logger.SendAsync([.. junk, .. good]);
        Assert.Contains("QN=20190709110000001", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(1)));

        await using var ctx = store.CreateContext();
        Assert.Equal([30m, 31m, 32m, 41m], await ctx.Observations.Where(o => o.Mn == mn).OrderBy(o => o.Value).Select(o => o.Value!.Value).ToListAsync());
        var padded = await ctx.RawPackets.AsNoTracking().Where(r => r.Mn == mn && r.Status == PacketStatus.Accepted && r.FramingDiagnostics!.Contains("+pad1")).CountAsync();
        Assert.Equal(3, padded);
        var bad = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Text.Contains("20190708110000001"));
        Assert.Equal((PacketStatus.Quarantined, QuarantineReason.Malformed), (bad.Status, bad.QuarantineReason));
        Assert.Equal("framing: trailing_bytes_after_crc: ' x' between the CRC and the line end: only space, TAB or NUL are tolerated there (CRC verifies)", bad.QuarantineDetail);
        Assert.Contains("crc=ok", bad.FramingDiagnostics);
    }

    [Fact]
    public async Task A_strict_gateway_refuses_no_DataTime_a_non_number_and_a_flag_outside_table_8_and_answers_none_of_them()
    {
        var (store, gw) = await StartAsync(intake: new IntakeOptions { ParsePolicy = Hj212ParsePolicy.Strict });
        await using var running = gw;
        const string mn = "STRICT000000000000000001";
        await RegisterAsync(store, mn);
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        await logger.SendAsync([
            .. Upload(mn, "20190710110000001", "a34004-Avg=35,a34004-Flag=N", dataTime: false),
            .. Upload(mn, "20190710110000002", "a34004-Avg=7O,a34004-Flag=N"),
            .. Upload(mn, "20190710110000003", "a34004-Avg=35,a34004-Flag=N℃"),
            .. Upload(mn, "20190710110000004", "a34006-Avg=12,a34006-Flag=N")]); // a vendor code: a notice, accepted
        Assert.Contains("QN=20190710110000004", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(1)));

        await using var ctx = store.CreateContext();
        var rows = await ctx.RawPackets.AsNoTracking().Where(r => r.Mn == mn).OrderBy(r => r.Id).ToListAsync(); // refused rows have no QN
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Take(3), r => Assert.Equal((PacketStatus.Quarantined, QuarantineReason.Malformed), (r.Status, r.QuarantineReason)));
        Assert.StartsWith("missing_data_time at byte ", rows[0].QuarantineDetail);
        Assert.EndsWith(": non_numeric_value (a34004-Avg=7O) not tolerated by policy 'strict'", rows[1].QuarantineDetail);
        Assert.EndsWith(": unknown_data_flag (a34004-Flag=N℃) not tolerated by policy 'strict'", rows[2].QuarantineDetail);
        Assert.Equal(PacketStatus.Accepted, rows[3].Status);
        Assert.Contains("UnregisteredFactorCode(a34006)", rows[3].FramingDiagnostics);
        Assert.Equal([("a34006", 12m)], await ctx.Observations.Where(o => o.Mn == mn).Select(o => new ValueTuple<string, decimal>(o.ParameterCode, o.Value!.Value)).ToListAsync());
    }

    [Fact]
    public async Task A_tolerant_gateway_keeps_an_odd_flag_as_sent_and_maps_a_vendor_code_by_the_alias_table()
    {
        var aliases = FactorAliasFile.Defaults.Then(Hj212FactorAliases.Parse("o31104\ta05024\t*\tvendor O3\n", "bureau.tsv"));
        var (store, gw) = await StartAsync(intake: new IntakeOptions { FactorAliases = aliases });
        await using var running = gw;
        const string mn = "ALIAS00000000000000000001";
        await RegisterAsync(store, mn);
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        await logger.SendAsync(Upload(mn, "20190711110000001", "a34004-Avg=35,a34004-Flag=N℃;o31104-Avg=80,o31104-Flag=N"));
        Assert.Contains("QN=20190711110000001", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        // The same parameter twice (vendor code and its standard code) cannot be stored as sent: refused, not answered.
        await logger.SendAsync(Upload(mn, "20190712110000001", "a05024-Avg=81,a05024-Flag=N;o31104-Avg=80,o31104-Flag=N"));
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(2)));
        // An aliased code is checked as the code it stands for: O3 is a concentration, so -5 is implausible.
        await logger.SendAsync(Upload(mn, "20190718110000001", "o31104-Avg=-5,o31104-Flag=N"));
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(2)));

        await using var ctx = store.CreateContext();
        var obs = await ctx.Observations.AsNoTracking().Where(o => o.Mn == mn).OrderBy(o => o.ParameterCode).ToListAsync();
        Assert.Equal([("a05024", 80m, "N"), ("a34004", 35m, "N℃")], obs.Select(o => (o.ParameterCode, o.Value!.Value, o.Flag!)));
        var accepted = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Qn == "20190711110000001");
        Assert.Contains("UnknownDataFlag(a34004-Flag=N℃)", accepted.FramingDiagnostics);
        Assert.Contains("UnregisteredFactorCode(o31104)", accepted.FramingDiagnostics);
        Assert.Contains("o31104-Avg=80", accepted.Text); // the raw packet keeps the vendor code
        var refused = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Qn == "20190712110000001");
        Assert.Equal((QuarantineReason.Malformed, "o31104 and a05024 both give a05024 (factor alias)"), (refused.QuarantineReason, refused.QuarantineDetail));
        var negative = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Qn == "20190718110000001");
        Assert.Equal((QuarantineReason.ImplausibleValue, "o31104-Avg=-5 is a negative concentration"), (negative.QuarantineReason, negative.QuarantineDetail));
    }

    [Fact]
    public async Task An_hj212_log_import_reads_the_same_packets_as_the_gateway()
    {
        var (store, _) = await db.MigratedAsync();
        const string mn = "LOG00000000000000000001";
        await RegisterAsync(store, mn);
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-fieldlog-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "logger.log");
            static byte[] Line(byte[] packet) => packet[..^2]; // the log's line end stands for CR LF
            await File.WriteAllBytesAsync(file, [
                .. Line(Upload(mn, "20190713110000001", "a34004-avg=35,a34004-FLAG=D;A18-Avg=40.28,A18-flag=N")), (byte)'\n',
                .. Line(Upload(mn, "20190714110000001", "a34004-Avg=36,a34004-Flag=N", " \r\n")), (byte)'\n',
                .. Line(Upload(mn, "20190715110000001", "o31104-Avg=80,o31104-Flag=N")), (byte)'\n']);
            var aliases = Hj212FactorAliases.Parse("o31104\ta05024", "bureau.tsv");
            var summary = await new Hj212LogImporter(store, factorAliases: aliases).ImportAsync(file);
            Assert.Empty(summary.Rejects);
            await using var ctx = store.CreateContext();
            var obs = await ctx.Observations.AsNoTracking().Where(o => o.Mn == mn).OrderBy(o => o.DataTime).ThenBy(o => o.ParameterCode).ToListAsync();
            Assert.Equal([("A18", 40.28m, "N"), ("a34004", 35m, "D"), ("a34004", 36m, "N"), ("a05024", 80m, "N")],
                obs.Select(o => (o.ParameterCode, o.Value!.Value, o.Flag!)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}

public sealed class SqliteFieldPacketTests(SqliteTestDatabase db) : FieldPacketTests<SqliteTestDatabase>(db);

public sealed class PostgresFieldPacketTests(PostgresTestDatabase db) : FieldPacketTests<PostgresTestDatabase>(db);
