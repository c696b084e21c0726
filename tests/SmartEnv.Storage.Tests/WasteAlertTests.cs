using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Acceptance "a container stored 366 days raises the alert; 365 does not" (issue 17 P5, alert rule 10) through the alert
/// scanner on both engines. <see cref="WasteSeed"/>'s container of generator A was stored 2026-01-05 14:00 Beijing in TS001;
/// by hand: 2026 is not a leap year, so 2027-01-05 is 365 days later and 2027-01-06 366. A second container of the same day
/// in receiver R's TS001 (R is a 经营单位) gives the legal-limit label. Taking A's container out ends A's episode.
/// </summary>
public abstract class WasteAlertTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Stored_366_days_alerts_365_does_not_labelled_legal_for_a_business_unit()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        const string idR = WasteSeed.UsccR + "90024908" + "20260105" + "001";
        long siteR;
        await using (var ctx = store.CreateContext())
        {
            var a = await ctx.WasteContainers.SingleAsync(c => c.Id == ids.ContainerA);
            var r = new WasteContainer
            {
                Identifier = idR, IdentifierFormat = a.IdentifierFormat, Uscc = WasteSeed.UsccR, ListVersion = "2021", WasteCode = a.WasteCode,
                Category = a.Category, Name = a.Name, GeneratedAt = a.GeneratedAt, QuantityT = 1m, QuantityAsGiven = 1m, UnitAsGiven = "t",
                FacilityId = ids.FacilityR, State = WasteLedgerStage.Stored, StoredAt = a.StoredAt, CreatedBy = "test", CreatedAt = a.CreatedAt,
            };
            ctx.WasteContainers.Add(r);
            await ctx.SaveChangesAsync();
            siteR = await ctx.WasteFacilities.Where(f => f.Id == ids.FacilityR).Select(f => f.SiteId).SingleAsync();
        }
        var clock = new Clock(new DateTimeOffset(2027, 1, 5, 15, 59, 0, TimeSpan.Zero)); // 2027-01-05 23:59 Beijing: 365 days
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        await scanner.ScanAsync();
        await using (var ctx = store.CreateContext())
            Assert.Equal(0, await ctx.Alerts.CountAsync(x => x.Rule == AlertRule.WasteStoredOverYear));

        clock.Now = new DateTimeOffset(2027, 1, 5, 16, 1, 0, TimeSpan.Zero); // 2027-01-06 00:01 Beijing: 366 days
        await scanner.ScanAsync();
        await using (var ctx = store.CreateContext())
        {
            var a = await ctx.Alerts.SingleAsync(x => x.Rule == AlertRule.WasteStoredOverYear && x.SiteId == ids.FacilitySiteA);
            Assert.Equal((AlertSeverity.Moderate, 366m, "warning:1:" + WasteSeed.ContainerIdentifierA), (a.Severity, a.PeakValue, a.Detail));
            Assert.Equal(new DateTimeOffset(2027, 1, 5, 16, 0, 0, TimeSpan.Zero), a.OpenedAt); // 2027-01-06 00:00 Beijing
            Assert.Contains("危险废物贮存超期（预警）", a.MessageZh);
            Assert.Contains("366 天", a.MessageZh);
            var r = await ctx.Alerts.SingleAsync(x => x.Rule == AlertRule.WasteStoredOverYear && x.SiteId == siteR);
            Assert.Equal((AlertSeverity.Major, "over_legal_limit:1:" + idR), (r.Severity, r.Detail));
            Assert.Contains("（法定时限）", r.MessageZh);
            Assert.Equal(2, await ctx.Alerts.CountAsync(x => x.Rule == AlertRule.WasteStoredOverYear));

            var c = await ctx.WasteContainers.SingleAsync(x => x.Id == ids.ContainerA);
            (c.State, c.LeftAt) = (WasteLedgerStage.Removed, clock.Now);
            await ctx.SaveChangesAsync();
        }
        clock.Now = clock.Now.AddHours(1);
        await scanner.ScanAsync();
        await scanner.ScanAsync(); // idempotent
        await using (var ctx = store.CreateContext())
        {
            var a = await ctx.Alerts.SingleAsync(x => x.Rule == AlertRule.WasteStoredOverYear && x.SiteId == ids.FacilitySiteA);
            Assert.Equal(clock.Now, a.ConditionClearedAt);
            Assert.Null((await ctx.Alerts.SingleAsync(x => x.Rule == AlertRule.WasteStoredOverYear && x.SiteId == siteR)).ConditionClearedAt);
        }
    }
}

public sealed class SqliteWasteAlertTests(SqliteTestDatabase db) : WasteAlertTests<SqliteTestDatabase>(db);

public sealed class PostgresWasteAlertTests(PostgresTestDatabase db) : WasteAlertTests<PostgresTestDatabase>(db);
