using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Uploads that fail the plausibility rules (docs/gateway.md "Implausible uploads") over loopback TCP: quarantined with
/// the reason, not answered (like every other rejected packet), no observation; and a valid packet of another logger in
/// the same write is stored, acknowledged and gets its hourly AQI. Expected reasons and texts are written by hand.
/// </summary>
public abstract class ImplausibleUploadTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static Hj212Packet HourPacket(string mn, string qn, string dataTime, params (string Key, string Value)[] values) => new()
    {
        Qn = qn, St = "22", Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
        Cp = [new Hj212CpEntry("DataTime", dataTime), .. values.Select(v => new Hj212CpEntry(v.Key, v.Value))],
    };

    private static (string, string)[] Six(string pm25) =>
        [("a34004-Avg", pm25), ("a34002-Avg", "50"), ("a21026-Avg", "10"), ("a21004-Avg", "20"), ("a21005-Avg", "0.5"), ("a05024-Avg", "60")];

    private static async Task<long> RegisterAsync(SmartEnvStore store, string site, string mn)
    {
        await using var ctx = store.CreateContext();
        var id = await ctx.Sites.Where(s => s.Code == site).Select(s => s.Id).SingleAsync();
        ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = id });
        await ctx.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task A_DataTime_in_year_9999_is_quarantined_while_a_valid_packet_of_the_same_write_is_stored_with_its_hourly_AQI()
    {
        var (store, _) = await db.MigratedAsync();
        const string badMn = "DATE0000000000000000000B", goodMn = "DATE0000000000000000000G";
        var badSite = await RegisterAsync(store, "JB-A-GC", badMn);
        var goodSite = await RegisterAsync(store, "JB-A-GYQ", goodMn);
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback },
            EvaluationInterval = TimeSpan.FromMinutes(10), // flushed by the test
        });
        var evaluation = gw.Evaluation!;
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var hour = new DateTimeOffset(2019, 7, 1, 10, 0, 0, Beijing);
        var bad = HourPacket(badMn, "20190701110000001", "99991231235900", Six("35"));
        var good = HourPacket(goodMn, "20190701110000002", Hj212Time.Format(hour, Beijing), Six("35"));
        await logger.SendAsync([.. Hj212Serializer.ToBytes(bad), .. Hj212Serializer.ToBytes(good)]); // one write: one batch

        var answer = await logger.ReadLineAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("CN=9014", answer);
        Assert.Contains("QN=20190701110000002", answer);
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(1))); // the quarantined packet gets no answer

        await evaluation.FlushAsync();
        await using var ctx = store.CreateContext();
        var raw = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Mn == badMn);
        Assert.Equal((PacketStatus.Quarantined, QuarantineReason.ImplausibleDataTime), (raw.Status, raw.QuarantineReason));
        Assert.StartsWith("DataTime=99991231235900 is later than now (", raw.QuarantineDetail);
        Assert.EndsWith(" UTC + 1 h)", raw.QuarantineDetail);
        Assert.False(await ctx.Observations.AnyAsync(o => o.Mn == badMn));
        Assert.False(await ctx.HourlyAqi.AnyAsync(h => h.SiteId == badSite && h.HourStart > hour.AddYears(1)));

        Assert.Equal(PacketStatus.Accepted, (await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Mn == goodMn)).Status);
        Assert.Equal(35m, (await ctx.Observations.SingleAsync(o => o.Mn == goodMn && o.ParameterCode == "a34004")).Value);
        Assert.True(await ctx.HourlyAqi.AnyAsync(h => h.SiteId == goodSite && h.HourStart == hour),
            "the valid packet's hour must get its hourly AQI");
    }

    [Theory]
    [InlineData("a34004-Avg", "-5", "a34004-Avg=-5 is a negative concentration")]
    [InlineData("a21026-Avg", "1e30", "a21026-Avg=1e30 is not a plain decimal number below 10^15")]
    [InlineData("a21026-Max", "1000000000000000", "a21026-Max=1000000000000000 is not a plain decimal number below 10^15")]
    [InlineData("a21026-Avg", "NaN", "a21026-Avg=NaN is not a plain decimal number below 10^15")]
    public async Task An_implausible_value_quarantines_the_whole_packet(string key, string value, string detail)
    {
        var (store, _) = await db.MigratedAsync();
        var mn = "VAL" + Math.Abs(StringComparer.Ordinal.GetHashCode(key + value)).ToString("D21", CultureInfo.InvariantCulture)[..21];
        await RegisterAsync(store, "JB-A-GC", mn);
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var hour = new DateTimeOffset(2019, 7, 2, 10, 0, 0, Beijing);
        var values = Six("35").Where(v => v.Item1 != key).Append((key, value)).ToArray();
        await logger.SendAsync(Hj212Serializer.ToBytes(HourPacket(mn, "20190702110000001", Hj212Time.Format(hour, Beijing), values)));
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(2)));

        await using var ctx = store.CreateContext();
        var raw = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Mn == mn);
        Assert.Equal((PacketStatus.Quarantined, QuarantineReason.ImplausibleValue, detail), (raw.Status, raw.QuarantineReason, raw.QuarantineDetail));
        Assert.False(await ctx.Observations.AnyAsync(o => o.Mn == mn)); // never half-stored: not even the five good values
    }

    [Fact]
    public async Task A_negative_temperature_is_not_a_concentration_and_is_accepted()
    {
        var (store, _) = await db.MigratedAsync();
        const string mn = "TEMP0000000000000000000N";
        await RegisterAsync(store, "JB-A-GC", mn);
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var hour = new DateTimeOffset(2019, 1, 2, 3, 0, 0, Beijing);
        await logger.SendAsync(Hj212Serializer.ToBytes(HourPacket(mn, "20190102040000001", Hj212Time.Format(hour, Beijing), ("a01001-Avg", "-5.2"))));
        Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        await using var ctx = store.CreateContext();
        Assert.Equal(-5.2m, (await ctx.Observations.SingleAsync(o => o.Mn == mn && o.ParameterCode == "a01001")).Value);
    }

    [Fact]
    public async Task A_DataTime_a_few_minutes_ahead_is_tolerated_but_two_hours_ahead_is_not()
    {
        var (store, _) = await db.MigratedAsync();
        const string mn = "AHEAD0000000000000000001";
        await RegisterAsync(store, "JB-A-GC", mn);
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, Beijing);
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback }, Time = new Clock(now) });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        // 2011 real-time upload stamped 50 min ahead of the gateway clock: within the 1 h device tolerance.
        await logger.SendAsync(Hj212Serializer.ToBytes(new Hj212Packet
        {
            Qn = "20260601125000001", St = "22", Cn = "2011", Pw = "123456", Mn = mn, Flag = 5,
            Cp = [new Hj212CpEntry("DataTime", Hj212Time.Format(now.AddMinutes(50), Beijing)), new Hj212CpEntry("a34004-Rtd", "30")],
        }));
        Assert.Contains("QN=20260601125000001", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        await logger.SendAsync(Hj212Serializer.ToBytes(new Hj212Packet
        {
            Qn = "20260601140000001", St = "22", Cn = "2011", Pw = "123456", Mn = mn, Flag = 5,
            Cp = [new Hj212CpEntry("DataTime", Hj212Time.Format(now.AddHours(2), Beijing)), new Hj212CpEntry("a34004-Rtd", "31")],
        }));
        Assert.Null(await logger.ReadLineAsync(TimeSpan.FromSeconds(2)));
        await using var ctx = store.CreateContext();
        var q = await ctx.RawPackets.AsNoTracking().SingleAsync(r => r.Mn == mn && r.Status == PacketStatus.Quarantined);
        Assert.Equal((QuarantineReason.ImplausibleDataTime, "DataTime=20260601140000 is later than now (2026-06-01 04:00 UTC + 1 h)"),
            (q.QuarantineReason, q.QuarantineDetail));
        Assert.Equal(30m, (await ctx.Observations.SingleAsync(o => o.Mn == mn)).Value);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SqliteImplausibleUploadTests(SqliteTestDatabase db) : ImplausibleUploadTests<SqliteTestDatabase>(db);

public sealed class PostgresImplausibleUploadTests(PostgresTestDatabase db) : ImplausibleUploadTests<PostgresTestDatabase>(db);
