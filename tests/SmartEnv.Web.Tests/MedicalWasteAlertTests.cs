using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Waste.Medical;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Alert rules 11 (医疗废物暂存超时) and 12 (医疗废物收运超期) on a real engine: hospital H's 暂存间 ZC001, the scanner at a test
/// clock, boundaries worked by hand (48 h exactly: nothing; one minute more: the alert, opened at stored + 48 h).
/// </summary>
public abstract class MedicalWasteAlertTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static DateTimeOffset Bj(int mo, int d, int h, int mi = 0) => new(2026, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = AuditActor.System("test");

    private static async Task<List<Alert>> AlertsAsync(SmartEnvStore store, long site)
    {
        await using var ctx = store.CreateContext();
        return (await ctx.Alerts.AsNoTracking().Where(a => a.SiteId == site).ToListAsync()).OrderBy(a => (int)a.Rule).ThenBy(a => a.Id).ToList(); // rule number order (stored as text)
    }

    [Fact]
    public async Task A_handover_held_over_48_hours_raises_rule_11_and_12_and_the_collection_ends_them()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(3, 1, 8));
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        long bag;
        await using (var ctx = store.CreateContext())
            bag = (await new MedicalWasteService(ctx, clock).RecordHandoverAsync(WasteSeed.UsccH,
                new HandoverInput("ZC001", Bj(3, 1, 8), "infectious", 12.345m, 2, "外科", "张护士", "李工"), Actor)).Id;

        // Exactly 48 h later (03-03 08:00 Beijing): nothing.
        clock.Now = Bj(3, 3, 8);
        await scanner.ScanAsync();
        Assert.Empty(await AlertsAsync(store, ids.FacilitySiteH));

        // 48 h 1 min: rule 11 (the bag) and rule 12 (never collected), both opened at 03-03 08:00 Beijing.
        clock.Now = Bj(3, 3, 8, 1);
        await scanner.ScanAsync();
        var open = await AlertsAsync(store, ids.FacilitySiteH);
        Assert.Equal([AlertRule.MedicalStorageOverdue, AlertRule.MedicalCollectionOverdue], open.Select(a => a.Rule));
        Assert.All(open, a => Assert.Equal(Bj(3, 3, 8).ToUniversalTime(), a.OpenedAt));
        Assert.All(open, a => Assert.Null(a.ConditionClearedAt));
        Assert.Equal(48.02m, open[0].PeakValue); // 48 h 1 min = 48.0167 h → 48.02 (GB/T 8170)
        Assert.Equal("1", open[0].Detail);
        Assert.Equal("none", open[1].Detail);
        Assert.Contains("医疗废物暂存超时", open[0].MessageZh, StringComparison.Ordinal);
        Assert.Contains("医疗废物收运超期", open[1].MessageZh, StringComparison.Ordinal);
        // A's storage facility holds no medical waste: nothing there.
        Assert.Empty(await AlertsAsync(store, ids.FacilitySiteA));

        // The disposal unit collects at 49 h; the next scan ends both episodes (one row each, cleared at the scan).
        await using (var ctx = store.CreateContext())
            await new MedicalWasteService(ctx, clock).RecordCollectionAsync(WasteSeed.UsccH,
                new CollectionInput("ZC001", WasteSeed.UsccD, Bj(3, 3, 8, 1), [bag], null, null), Actor);
        clock.Now = Bj(3, 3, 9);
        await scanner.ScanAsync();
        var after = await AlertsAsync(store, ids.FacilitySiteH);
        Assert.Equal(2, after.Count);
        Assert.All(after, a => Assert.Equal(Bj(3, 3, 9).ToUniversalTime(), a.ConditionClearedAt));
        // Scanning again changes nothing.
        Assert.Equal(new AlertScanResult(0, 0), await scanner.ScanAsync());
    }
}

public sealed class SqliteMedicalWasteAlertTests(SqliteTestDatabase db) : MedicalWasteAlertTests<SqliteTestDatabase>(db);

public sealed class PostgresMedicalWasteAlertTests(PostgresTestDatabase db) : MedicalWasteAlertTests<PostgresTestDatabase>(db);

/// <summary>Rule 11 without rule 12 (a collection left a bag behind), then rule 12 when the collector is late; its own
/// class so that it has its own database.</summary>
public abstract class MedicalWasteLeftBehindAlertTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static DateTimeOffset Bj(int mo, int d, int h, int mi = 0) => new(2026, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = AuditActor.System("test");

    private static async Task<List<Alert>> AlertsAsync(SmartEnvStore store, long site)
    {
        await using var ctx = store.CreateContext();
        return (await ctx.Alerts.AsNoTracking().Where(a => a.SiteId == site).ToListAsync()).OrderBy(a => (int)a.Rule).ThenBy(a => a.Id).ToList(); // rule number order (stored as text)
    }

    [Fact]
    public async Task A_collection_that_leaves_a_bag_behind_is_rule_11_without_rule_12()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(4, 2, 12));
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        await using (var ctx = store.CreateContext())
        {
            var s = new MedicalWasteService(ctx, clock);
            await s.RecordHandoverAsync(WasteSeed.UsccH, new HandoverInput("ZC001", Bj(4, 1, 8), "sharps", 3m, 1, "急诊", "王护士", "李工"), Actor);
            var taken = await s.RecordHandoverAsync(WasteSeed.UsccH, new HandoverInput("ZC001", Bj(4, 1, 9), "infectious", 20m, 4, "病房", "赵护士", "李工"), Actor);
            // Collected 04-02 10:00, the sharps box of 04-01 08:00 left behind.
            await s.RecordCollectionAsync(WasteSeed.UsccH, new CollectionInput("ZC001", WasteSeed.UsccD, Bj(4, 2, 10), [taken.Id], null, null), Actor);
        }
        // 04-03 08:30: the box is 48.5 h old (rule 11); the collector came 22.5 h ago (no rule 12, due 04-04 10:00).
        clock.Now = Bj(4, 3, 8, 30);
        await scanner.ScanAsync();
        var a = Assert.Single(await AlertsAsync(store, ids.FacilitySiteH));
        Assert.Equal(AlertRule.MedicalStorageOverdue, a.Rule);
        Assert.Equal(Bj(4, 3, 8).ToUniversalTime(), a.OpenedAt);
        Assert.Equal(48.5m, a.PeakValue);

        // 04-04 10:01: still held and the collection is 48 h 1 min ago → rule 12 too, opened at 04-04 10:00; detail = its date.
        clock.Now = Bj(4, 4, 10, 1);
        await scanner.ScanAsync();
        var both = await AlertsAsync(store, ids.FacilitySiteH);
        var r12 = Assert.Single(both, x => x.Rule == AlertRule.MedicalCollectionOverdue);
        Assert.Equal(Bj(4, 4, 10).ToUniversalTime(), r12.OpenedAt);
        Assert.Equal("2026-04-02", r12.Detail);
        Assert.Equal(2, both.Count);
    }
}

public sealed class SqliteMedicalWasteLeftBehindAlertTests(SqliteTestDatabase db) : MedicalWasteLeftBehindAlertTests<SqliteTestDatabase>(db);

public sealed class PostgresMedicalWasteLeftBehindAlertTests(PostgresTestDatabase db) : MedicalWasteLeftBehindAlertTests<PostgresTestDatabase>(db);
