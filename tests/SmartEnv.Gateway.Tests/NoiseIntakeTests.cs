using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Simulation;
using SmartEnv.Hj212;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// HJ 212-2017 noise uploads (ST 23; table B.3 codes; 2011 <c>LA-Rtd</c>, 2061 <c>-Data</c>) over real TCP into the store,
/// and the simulator's noise mode.
/// </summary>
public abstract class NoiseIntakeTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static async Task<long> NoiseSiteAsync(SmartEnvStore store, string code, string mn, string pw)
    {
        await using var ctx = store.CreateContext();
        var site = new Site { Code = code, NameZh = "测试噪声点", Kind = SiteKind.Noise, NoiseZone = "2" };
        ctx.Sites.Add(site);
        await ctx.SaveChangesAsync();
        ctx.Devices.Add(new Device { Mn = mn, Password = pw, SiteId = site.Id });
        await ctx.SaveChangesAsync();
        return site.Id;
    }

    [Fact]
    public async Task Noise_hour_and_realtime_uploads_are_acked_and_stored_as_observations()
    {
        var (store, _) = await db.MigratedAsync();
        const string mn = "NOISE00000000000000000001";
        var siteId = await NoiseSiteAsync(store, "T-NOISE-1", mn, "123456");
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);

        // Hour 2024-05-01 10:00–11:00 Beijing (DataTime = period start, HJ 212-2017 table 4).
        var hour = new Hj212Packet
        {
            Qn = "20240501110005001", St = "23", Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
            Cp =
            [
                new("DataTime", "20240501100000"), new("Leq-Data", "56.3"), new("L10-Data", "59.1"), new("L50-Data", "54.0"),
                new("L90-Data", "49.8"), new("LMx-Data", "71.2"), new("LMn-Data", "46.5"),
            ],
        };
        // Real-time A level (example C.25 shape).
        var rtd = new Hj212Packet
        {
            Qn = "20240501100530002", St = "23", Cn = "2011", Pw = "123456", Mn = mn, Flag = 5,
            Cp = [new("DataTime", "20240501100530"), new("LA-Rtd", "50.1")],
        };
        foreach (var p in new[] { hour, rtd })
        {
            await logger.SendAsync(Hj212Serializer.ToBytes(p));
            var ack = await logger.ReadLineAsync(TimeSpan.FromSeconds(10));
            Assert.NotNull(ack);
            Assert.Contains("QN=" + p.Qn, ack);
            Assert.Contains("CN=9014", ack);
        }

        await using var ctx = store.CreateContext();
        var stored = await ctx.Observations.AsNoTracking().Where(o => o.Mn == mn).ToListAsync();
        var start = new DateTimeOffset(2024, 5, 1, 10, 0, 0, Beijing);
        var hourly = stored.Where(o => o.Period == PeriodType.Hour).ToDictionary(o => o.ParameterCode);
        Assert.Equal(["L10", "L50", "L90", "LMn", "LMx", "Leq"], hourly.Keys.Order(StringComparer.Ordinal));
        Assert.All(hourly.Values, o => Assert.Equal((siteId, PeriodType.Hour, start.UtcDateTime), (o.SiteId, o.Period, o.DataTime.UtcDateTime)));
        Assert.Equal(56.3m, hourly["Leq"].Value);
        Assert.Equal("56.3", hourly["Leq"].ValueText);
        Assert.Equal(71.2m, hourly["LMx"].Value);
        var la = Assert.Single(stored, o => o.Period == PeriodType.Rtd);
        Assert.Equal(("LA", PeriodType.Rtd, 50.1m), (la.ParameterCode, la.Period, la.Value));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 2, 5, 30, TimeSpan.Zero), la.DataTime);
    }

    [Fact]
    public async Task Simulator_noise_mode_sends_consecutive_plausible_hours()
    {
        var (store, _) = await db.MigratedAsync();
        var first = new DateTimeOffset(2024, 5, 1, 6, 0, 0, Beijing);
        var options = new SimulatorOptions
        {
            Port = 0, Stations = 1, MnPrefix = "SIMNOISE", Kind = SimulatedKind.Noise, NoiseFirstHour = first,
            Interval = TimeSpan.FromMilliseconds(30), Duration = TimeSpan.FromMilliseconds(30 * 24 - 15), Drain = TimeSpan.FromSeconds(10),
        };
        await NoiseSiteAsync(store, "T-NOISE-SIM", options.Mn(0), options.Password);
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        var result = await new Hj212Simulator(options with { Port = gw.Hj212Port }).RunAsync();
        Assert.True(result.Sent >= 2, $"sent {result.Sent}");
        Assert.Equal(result.Sent, result.Acked);

        await using var ctx = store.CreateContext();
        var leq = await ctx.Observations.AsNoTracking().Where(o => o.Mn == options.Mn(0) && o.ParameterCode == "Leq")
            .OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(result.Sent, leq.Count);
        for (var i = 0; i < leq.Count; i++)
        {
            Assert.Equal(first.AddHours(i).UtcDateTime, leq[i].DataTime.UtcDateTime);
            Assert.Equal((PeriodType.Hour, "dB(A)"), (leq[i].Period, leq[i].Unit));
            Assert.InRange(leq[i].Value!.Value, 40m, 65m); // urban profile: 44–61 dB(A)
        }
    }
}

public sealed class SqliteNoiseIntakeTests(SqliteTestDatabase db) : NoiseIntakeTests<SqliteTestDatabase>(db);

public sealed class PostgresNoiseIntakeTests(PostgresTestDatabase db) : NoiseIntakeTests<PostgresTestDatabase>(db);
