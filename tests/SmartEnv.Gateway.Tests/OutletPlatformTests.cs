using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Hj212;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Storage.Tests;
using SmartEnv.Standards.Common;
using SmartEnv.Tests;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 16 P4 as <c>smartenv serve</c> wires it, over the registry of <see cref="SourceSeed"/> (permit
/// 91500105MA5U0A1661001P, DA001 a21026 35 mg/m³ at 9 % O₂, valid 2025-06-01…2030-05-31): an ST=31 device bound to DA001
/// sends 2061 hours ZsAvg 30 then 40 (N); the commit marks the outlet day, the evaluation queue dispatches it to the
/// compliance job, whose limits come from the stored permit version → 2 hour rows on that version, exactly one exceedance
/// (40 − 35)/35 → 0.1429, and no AQI row for the outlet.
/// </summary>
public abstract class OutletPlatformTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static byte[] Hour(string mn, DateTimeOffset start, string zs) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = start.ToOffset(Beijing).ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "0000000", St = "31", Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
        Cp = [new Hj212CpEntry("DataTime", Hj212Time.Format(start, Beijing)), new Hj212CpEntry("a21026-ZsAvg", zs), new Hj212CpEntry("a21026-Flag", "N")],
    });

    [Fact]
    public async Task A_seeded_outlets_hours_are_judged_against_its_stored_permit()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SourceSeed.SeedAsync(store);
        await using (var ctx = store.CreateContext())
        {
            ctx.Devices.Add(new Device { Mn = "CEMS0000000000000000000P", Password = "123456", SiteId = ids.OutletSiteAirA });
            await ctx.SaveChangesAsync();
        }
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback }, EvaluationInterval = TimeSpan.FromHours(1),
        });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var hour = new DateTimeOffset(2026, 11, 5, 10, 0, 0, Beijing); // in the past: intake refuses a DataTime after receipt + 1 h
        foreach (var (h, zs) in new[] { (0, "30"), (1, "40") })
        {
            await logger.SendAsync(Hour("CEMS0000000000000000000P", hour.AddHours(h), zs));
            Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        }
        await gw.Evaluation!.FlushAsync();
        await using (var ctx = store.CreateContext())
        {
            var hours = await ctx.SourceHours.AsNoTracking().Where(h => h.SiteId == ids.OutletSiteAirA).OrderBy(h => h.HourStart).ToListAsync();
            Assert.Equal([(ids.VersionA, 30m, false), (ids.VersionA, 40m, true)], hours.Select(h => (h.PermitVersionId, h.Value!.Value, h.Exceeds)).ToList());
            var e = await ctx.SourceExceedances.AsNoTracking().SingleAsync(x => x.SiteId == ids.OutletSiteAirA);
            Assert.Equal((hour.AddHours(1).ToUniversalTime(), 0.1429m, SourceHourBasis.ZsAvg), (e.HourStart, e.Multiple, e.Basis));
            Assert.Equal(0, await ctx.HourlyAqi.IgnoreQueryFilters().CountAsync(x => x.SiteId == ids.OutletSiteAirA));
            Assert.Equal(EvaluationState.Done, (await ctx.EvaluationDays.AsNoTracking().SingleAsync(x => x.SiteId == ids.OutletSiteAirA)).State);
        }
    }
}

public sealed class SqliteOutletPlatformTests(SqliteTestDatabase db) : OutletPlatformTests<SqliteTestDatabase>(db);

public sealed class PostgresOutletPlatformTests(PostgresTestDatabase db) : OutletPlatformTests<PostgresTestDatabase>(db);
