using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Gateway;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 11 item 11 on each engine: <c>smartenv simulate --register</c> writes to its own simulated sites (SIM-A001…,
/// 模拟站点N（空气）, non-public, outside the district), never to a real station unless told (<c>--site CODE --real-site</c>);
/// <c>smartenv simulate purge</c> removes the simulated sites, loggers, values, AQI rows, alerts and packets and leaves real
/// data untouched. A real web app and HJ 212 gateway run in-process on loopback over the test store.
/// </summary>
public abstract class SimulateSitesTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    [Fact]
    public async Task Simulate_registers_simulated_sites_refuses_a_real_site_without_the_option_and_purge_removes_only_what_it_created()
    {
        var (store, _) = await db.MigratedAsync();
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-simsites-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var token = AdminToken.LoadOrCreate(dir);
        var readiness = new Readiness("http");
        var gw = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback },
            Web = new SmartEnvWebOptions { Store = store, AdminToken = token, Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback },
        });
        await gw.StartAsync();
        readiness.MarkReady("http");
        var app = gw.Web!;
        try
        {
            // Real data of the real station 1420A (one stored hour value, its hourly AQI row).
            var at = new DateTimeOffset(2019, 6, 1, 0, 0, 0, SmartEnv.Standards.Common.BeijingTime.Offset);
            long tjt;
            await using (var ctx = store.CreateContext())
            {
                tjt = await ctx.Sites.Where(s => s.Code == "1420A").Select(s => s.Id).SingleAsync();
                ctx.Observations.Add(new Observation { SiteId = tjt, ParameterCode = "a34004", Period = PeriodType.Hour, DataTime = at, Value = 35, ValueText = "35", StoredAt = at });
                ctx.HourlyAqi.Add(new HourlyAqi { SiteId = tjt, HourStart = at, Aqi = 50, RegimeId = "HJ633-2012", Complete = true, CalculatedAt = at });
                await ctx.SaveChangesAsync();
            }
            async Task<(int Sites, int Devices, int Obs, int Aqi, int Packets)> RealCounts()
            {
                await using var c = store.CreateContext();
                return (await c.Sites.CountAsync(s => !s.Code.StartsWith("SIM-")), await c.Devices.CountAsync(d => !d.Mn.StartsWith("SIM")),
                    await c.Observations.CountAsync(o => o.SiteId == tjt), await c.HourlyAqi.CountAsync(h => h.SiteId == tjt),
                    await c.RawPackets.CountAsync(p => p.Mn == null || !p.Mn.StartsWith("SIM")));
            }
            var before = await RealCounts();
            string[] common = ["--interval", "0.2", "--duration", "2", "--drain", "10", "--target", $"127.0.0.1:{gw.Hj212Port}",
                "--register", "--token", token.Value, "--api", SmartEnvWeb.BoundAddress(app).ToString().TrimEnd('/')];

            // A real station needs the explicit option: refused, nothing registered.
            var refused = CliRunner.Run("", ["simulate", "--stations", "1", "--site", "1420A", .. common]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--real-site", refused.Err);
            await using (var ctx = store.CreateContext())
                Assert.False(await ctx.Devices.AnyAsync(d => d.SiteId == tjt));

            // Default: two loggers, each on its own simulated site.
            var r = CliRunner.Run("", ["simulate", "--stations", "2", .. common]);
            Assert.True(r.ExitCode == 0, r.Err);
            var sent = JsonDocument.Parse(r.Out.Trim().Split('\n')[^1]).RootElement.GetProperty("acked").GetInt64();
            Assert.True(sent >= 2, r.Out);
            int observations;
            await using (var ctx = store.CreateContext())
            {
                var sims = await ctx.Sites.Where(s => s.Code.StartsWith("SIM-")).OrderBy(s => s.Code).ToListAsync();
                Assert.Equal(["SIM-A001", "SIM-A002"], sims.Select(s => s.Code));
                Assert.Equal(["模拟站点1（空气）", "模拟站点2（空气）"], sims.Select(s => s.NameZh));
                Assert.All(sims, s => Assert.False(s.IsPublic || s.InDistrict, s.Code));
                var ids = sims.Select(s => s.Id).ToList();
                Assert.Equal(2, await ctx.Devices.CountAsync(d => ids.Contains(d.SiteId)));
                observations = await ctx.Observations.CountAsync(o => ids.Contains(o.SiteId));
                // Six pollutants per CN 2011 packet; packets of the same logger within one second share their DataTime (1 s
                // resolution), so the values are six per distinct (logger, DataTime).
                var keys = await ctx.Observations.Where(o => ids.Contains(o.SiteId)).Select(o => new { o.Mn, o.DataTime }).Distinct().CountAsync();
                Assert.Equal(keys * 6, observations);
                Assert.True(keys >= 2, $"{keys} distinct logger times");
                // Derived rows of a simulated site (as the evaluation and the alert scan write them), for purge to remove.
                ctx.HourlyAqi.Add(new HourlyAqi { SiteId = ids[0], HourStart = at, Aqi = 160, RegimeId = "HJ633-2012", Complete = true, CalculatedAt = at });
                ctx.DailyAqi.Add(new DailyAqi { SiteId = ids[0], Date = new DateOnly(2019, 6, 1), Aqi = 160, RegimeId = "HJ633-2012", Valid = true, CalculatedAt = at });
                ctx.Alerts.Add(new Alert { SiteId = ids[0], Rule = AlertRule.AirAqiExceeded, Severity = AlertSeverity.Moderate, Status = AlertStatus.Open,
                    OpenedAt = at, LastSeenAt = at, CreatedAt = at, UpdatedAt = at, MessageZh = "模拟", MessageEn = "simulated" });
                await ctx.SaveChangesAsync();
            }
            Assert.Equal(before, await RealCounts()); // the real station got nothing

            var purge = CliRunner.Run("", ["simulate", "purge", .. StoreArgs(dir)]);
            Assert.True(purge.ExitCode == 0, purge.Err);
            var p = JsonDocument.Parse(purge.Out).RootElement;
            Assert.Equal((2, 2, observations, 1, 1, 1), (p.GetProperty("sites").GetInt32(), p.GetProperty("devices").GetInt32(), p.GetProperty("observations").GetInt32(),
                p.GetProperty("hourly_aqi").GetInt32(), p.GetProperty("daily_aqi").GetInt32(), p.GetProperty("alerts").GetInt32()));
            Assert.True(p.GetProperty("packets").GetInt32() >= sent, purge.Out);
            await using (var ctx = store.CreateContext())
            {
                Assert.False(await ctx.Sites.AnyAsync(s => s.Code.StartsWith("SIM-")));
                Assert.False(await ctx.RawPackets.AnyAsync(x => x.Mn != null && x.Mn.StartsWith("SIM")));
                Assert.False(await ctx.Observations.AnyAsync(o => o.Mn != null && o.Mn.StartsWith("SIM")));
            }
            Assert.Equal(before, await RealCounts());
            var again = JsonDocument.Parse(CliRunner.Run("", ["simulate", "purge", .. StoreArgs(dir)]).Out).RootElement;
            Assert.Equal(0, again.GetProperty("sites").GetInt32());
        }
        finally
        {
            await gw.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}

public sealed class SqliteSimulateSitesTests(SqliteTestDatabase db) : SimulateSitesTests<SqliteTestDatabase>(db);

public sealed class PostgresSimulateSitesTests(PostgresTestDatabase db) : SimulateSitesTests<PostgresTestDatabase>(db);
