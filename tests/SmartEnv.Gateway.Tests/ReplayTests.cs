using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Simulation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary><c>smartenv simulate --replay</c>: the real 2019-01-01 CNEMC file's hours of 1420A sent as CN 2061 packets over
/// loopback arrive as hour observations equal to the file's cells, at the start of each hour-ending label.</summary>
public abstract class ReplayTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    [Fact]
    public async Task Replayed_CNEMC_hours_are_acknowledged_and_stored_as_the_file_has_them()
    {
        var file = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz");
        var replay = CnemcReplay.Load(file, new HashSet<string> { "1420A" }, 10);
        var station = Assert.Single(replay);
        Assert.Equal("1420A", station.Code);
        Assert.Equal(24, station.Hours.Count);

        var (store, _) = await db.MigratedAsync();
        var options = new SimulatorOptions { Port = 0, Stations = 1, Replay = replay, MnPrefix = "REPLAY", Interval = TimeSpan.FromMilliseconds(20), Duration = TimeSpan.FromSeconds(30), Drain = TimeSpan.FromSeconds(10) };
        long site;
        await using (var ctx = store.CreateContext())
        {
            site = await ctx.Sites.Where(s => s.Code == "1420A").Select(s => s.Id).SingleAsync();
            ctx.Devices.Add(new Device { Mn = options.Mn(0), Password = options.Password, SiteId = site });
            await ctx.SaveChangesAsync();
        }
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        var result = await new Hj212Simulator(options with { Port = gw.Hj212Port }).RunAsync();
        Assert.Equal((24L, 24), (result.Sent, result.Acked));

        // Independent reading of the file: label (2019-01-01, hour h) → the hour starting h−1:00 Beijing.
        var hours = CnemcSitesReader.ReadFile(file, new HashSet<string> { "1420A" }).ToList();
        await using (var ctx = store.CreateContext())
        {
            var stored = await ctx.Observations.AsNoTracking().Where(o => o.Mn == options.Mn(0) && o.ParameterCode == "a34004").ToListAsync();
            Assert.All(stored, o => Assert.Equal((PeriodType.Hour, o.ParameterCode == "a21005" ? "mg/m³" : "μg/m³"), (o.Period, o.Unit)));
            var expected = hours.Where(h => h[CnemcType.Pm25] is not null)
                .ToDictionary(h => new DateTimeOffset(h.Date.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset).AddHours(h.Hour - 1), h => h[CnemcType.Pm25]!.Value);
            Assert.Equal(expected.Count, stored.Count);
            foreach (var o in stored) Assert.Equal(expected[o.DataTime], o.Value);
        }
    }
}

public sealed class SqliteReplayTests(SqliteTestDatabase db) : ReplayTests<SqliteTestDatabase>(db);

public sealed class PostgresReplayTests(PostgresTestDatabase db) : ReplayTests<PostgresTestDatabase>(db);
