using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Tests;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Manifests at the end of the loaded working-day calendar (issue 17 follow-up), on both engines over <see cref="WasteSeed"/>.
/// The embedded cn-workdays.tsv covers 2019–2026 and has no row after 2026-10-10, so the weekdays of late December 2026
/// are working days and 2027 is uncovered: an arrival or paper transfer whose count reaches 2027 is ACCEPTED with a
/// provisional due day (Saturday/Sunday the only rest days in 2027), stored with its flag; a calendar with a MADE-UP 2027
/// notice (元旦 Fri 01-01…Sun 01-03 off; test only, not the State Council's) counts it again, exactly, at the start of the
/// next alert scan or through <see cref="ManifestService.RecomputeProvisionalDuesAsync"/>. Hand counts in the comments
/// (the pure counts: ManifestDueProvisionalTests in SmartEnv.Supervision.Tests). Tests share the class's database: each
/// confirms its manifests at the end so that rule 8 sees nothing of it afterwards.
/// </summary>
public abstract class ManifestDueProvisionalStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "manifest-due-test");

    private static ManifestDraftInput Draft() =>
        new(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, null, [new("900-249-08", "废矿物油", null, "液态", "铁桶", 2, 1m)]);

    /// <summary>The embedded table plus a made-up 2027 notice (test only).</summary>
    private static WorkdayCalendar With2027TestNotice()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/SmartEnv.Supervision/Resources/cn-workdays.tsv"));
        const string made = "2027-01-01\tholiday\t元旦\tTEST ONLY\tmade up\n2027-01-02\tholiday\t元旦\tTEST ONLY\tmade up\n"
            + "2027-01-03\tholiday\t元旦\tTEST ONLY\tmade up\n2027-02-08\tholiday\t春节\tTEST ONLY\tmade up\n2027-02-09\tholiday\t春节\tTEST ONLY\tmade up\n";
        return WorkdayCalendar.Load(new StringReader(text.TrimEnd('\n') + "\n" + made));
    }

    private static async Task<ManifestView> ArrivedAsync(ManifestService s, Clock clock, DateTimeOffset at)
    {
        clock.Now = at;
        var m = await s.DraftAsync(WasteSeed.UsccA, Draft(), Actor);
        await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Submit, new(), Actor);
        await s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.PickUp, new(Vehicle: "渝A12345"), Actor);
        return await s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.Arrive, new(At: at), Actor);
    }

    [Fact]
    public async Task Arrival_on_24_December_2026_is_accepted_and_due_on_the_31st_exactly()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2026, 12, 24));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await ArrivedAsync(s, clock, Bj(2026, 12, 24, 15));
        // Thu 24 not counted: Fri 25 = 1, Mon 28 = 2, Tue 29 = 3, Wed 30 = 4, Thu 31 = 5 (no 2026 row after 10-10).
        Assert.Equal(("arrived", D(2026, 12, 31), false), (m.State, m.ReceiptDue, m.ReceiptDueProvisional));
        var row = await ctx.WasteManifests.AsNoTracking().SingleAsync(x => x.Number == m.Number);
        Assert.Equal((D(2026, 12, 24), D(2026, 12, 31), false), (row.ReceiptDueFrom, row.ReceiptDue, row.ReceiptDueProvisional));
        await s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1m, null)]), Actor);
    }

    [Fact]
    public async Task Arrival_on_28_December_2026_is_provisional_and_the_scan_counts_it_again_once_2027_is_loaded()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2026, 12, 28));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await ArrivedAsync(s, clock, Bj(2026, 12, 28, 15));
        // Mon 28 not counted: Tue 29 = 1, Wed 30 = 2, Thu 31 = 3, Fri 2027-01-01 = 4 (estimated), Mon 01-04 = 5 (estimated).
        Assert.Equal(("arrived", D(2027, 1, 4), true), (m.State, m.ReceiptDue, m.ReceiptDueProvisional));
        Assert.Equal(D(2026, 12, 28), await ctx.WasteManifests.Where(x => x.Number == m.Number).Select(x => x.ReceiptDueFrom).SingleAsync());

        // On the embedded calendar a scan changes nothing (2027 still uncovered) and writes no audit entry.
        await new AlertScanner(store, new AlertOptions(), clock).ScanAsync();
        var row0 = await ctx.WasteManifests.AsNoTracking().SingleAsync(x => x.Number == m.Number);
        Assert.Equal((D(2027, 1, 4), true), (row0.ReceiptDue, row0.ReceiptDueProvisional));
        Assert.False(await ctx.AuditEntries.AnyAsync(a => a.Action == ManifestService.ActionDueRecompute && a.TargetId == m.Number));

        // Tue 2027-01-05 with the made-up 2027 notice loaded: the scan first counts again — 29, 30, 31 = 3; 01-01…01-03 off;
        // Mon 01-04 = 4, Tue 01-05 = 5 → exact 2027-01-05, not overdue today, so rule 8 raises nothing for it.
        clock.Now = Bj(2027, 1, 5, 9);
        await new AlertScanner(store, new AlertOptions { Calendar = With2027TestNotice() }, clock).ScanAsync();
        var row = await ctx.WasteManifests.AsNoTracking().SingleAsync(x => x.Number == m.Number);
        Assert.Equal((D(2027, 1, 5), false), (row.ReceiptDue, row.ReceiptDueProvisional));
        var receiverSite = await ctx.WasteFacilities.Where(f => f.Id == ids.FacilityR).Select(f => f.SiteId).SingleAsync();
        Assert.False(await ctx.Alerts.AnyAsync(a => a.Rule == AlertRule.ManifestReceiptOverdue && a.SiteId == receiverSite && a.ConditionClearedAt == null && a.Detail!.Contains(m.Number)));
        var audit = await ctx.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == ManifestService.ActionDueRecompute && a.TargetId == m.Number);
        Assert.Equal((AuditActorKind.System, "alert-scanner", "manifest"), (audit.ActorKind, audit.ActorName, audit.TargetType));
        Assert.Contains("\"receipt_due\":\"2027-01-04\"", audit.Before);
        Assert.Contains("\"receipt_due\":\"2027-01-05\"", audit.After);
        Assert.Contains("\"receipt_due_provisional\":false", audit.After);

        // Overdue from Wed 01-06 on the exact day; a second recount changes nothing.
        Assert.Equal(0, await new ManifestService(ctx, clock, With2027TestNotice()).RecomputeProvisionalDuesAsync(AuditActor.System("test")));
        clock.Now = Bj(2027, 1, 6, 9);
        Assert.Contains(await s.ListAllAsync(overdue: true), x => x.Number == m.Number && x.ReceiptOverdue && !x.ReceiptDueProvisional);
        await s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1m, null)]), Actor);
        await new AlertScanner(store, new AlertOptions { Calendar = With2027TestNotice() }, clock).ScanAsync(); // ends any episode for the other tests
    }

    [Fact]
    public async Task Without_the_recount_a_provisional_day_stands_and_rule_8_uses_it()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2026, 12, 28));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await ArrivedAsync(s, clock, Bj(2026, 12, 28, 15)); // provisional 2027-01-04, as above
        // Tue 2027-01-05 on the embedded calendar (no 2027 notice): the provisional day counts as it stands — overdue.
        clock.Now = Bj(2027, 1, 5, 9);
        await new AlertScanner(store, new AlertOptions(), clock).ScanAsync();
        var receiverSite = await ctx.WasteFacilities.Where(f => f.Id == ids.FacilityR).Select(f => f.SiteId).SingleAsync();
        var alert = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.ManifestReceiptOverdue && a.SiteId == receiverSite && a.ConditionClearedAt == null);
        Assert.Contains(m.Number, alert.Detail);
        Assert.Equal(Bj(2027, 1, 5, 0).ToUniversalTime(), alert.OpenedAt);
        var view = await s.GetAsync(m.Number, null);
        Assert.Equal((true, true), (view!.ReceiptOverdue, view.ReceiptDueProvisional));
        await s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1m, null)]), Actor);
        await new AlertScanner(store, new AlertOptions(), clock).ScanAsync(); // ends the episode for the other tests
        // Leaves nothing provisional for the other tests (a confirmed manifest is counted again too: the stored figure stays right).
        Assert.Equal(1, await new ManifestService(ctx, clock, With2027TestNotice()).RecomputeProvisionalDuesAsync(AuditActor.System("test")));
    }

    [Fact]
    public async Task Paper_transfer_on_18_December_2026_and_its_back_fill_are_accepted_and_counted_again_from_the_stored_days()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2026, 12, 18, 17));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await s.DraftAsync(WasteSeed.UsccA, Draft(), Actor);
        m = await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.RecordPaper, new(PaperTransferredOn: D(2026, 12, 18)), Actor);
        // Fri 18 not counted: Mon 21…Fri 25 = 1…5, Mon 28…Thu 31 = 6…9, Fri 2027-01-01 = 10 (estimated).
        Assert.Equal(("paper_pending", D(2027, 1, 1), true), (m.State, m.BackfillDue, m.BackfillDueProvisional));

        // Back-filled on Mon 12-28 (arrival on paper Fri 12-18): receipt_due counts from the back-fill day, 12-28 →
        // provisional 2027-01-04 (29, 30, 31, 01-01, 01-04), and 12-28 is what is stored to count from.
        clock.Now = Bj(2026, 12, 28, 11);
        m = await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.BackFill, new(At: Bj(2026, 12, 18, 16)), Actor);
        Assert.Equal(("arrived", D(2027, 1, 4), true), (m.State, m.ReceiptDue, m.ReceiptDueProvisional));
        Assert.Equal(D(2026, 12, 28), await ctx.WasteManifests.Where(x => x.Number == m.Number).Select(x => x.ReceiptDueFrom).SingleAsync());

        // With the made-up 2027 notice: back-fill 18 + 10 = 21…25, 28…31 = 9, 01-01…01-03 off, Mon 01-04 = 10 → 2027-01-04;
        // receipt from 12-28: 29, 30, 31 = 3, Mon 01-04 = 4, Tue 01-05 = 5 → 2027-01-05 (from the arrival day 12-18 it would
        // have been Fri 12-25: the stored start day matters).
        var recount = new ManifestService(ctx, clock, With2027TestNotice());
        Assert.Equal(1, await recount.RecomputeProvisionalDuesAsync(AuditActor.System("test")));
        var v = await s.GetAsync(m.Number, null);
        Assert.Equal((D(2027, 1, 4), false, D(2027, 1, 5), false), (v!.BackfillDue, v.BackfillDueProvisional, v.ReceiptDue, v.ReceiptDueProvisional));
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(a => a.Action == ManifestService.ActionDueRecompute && a.TargetId == m.Number));
        Assert.Equal(0, await recount.RecomputeProvisionalDuesAsync(AuditActor.System("test")));
        await s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1m, null)]), Actor);
    }
}

public sealed class SqliteManifestDueProvisionalStoreTests(SqliteTestDatabase db) : ManifestDueProvisionalStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresManifestDueProvisionalStoreTests(PostgresTestDatabase db) : ManifestDueProvisionalStoreTests<PostgresTestDatabase>(db);
