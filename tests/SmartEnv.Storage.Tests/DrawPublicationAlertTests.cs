using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Alert rule 16 (<see cref="AlertRule.DrawPublicationOverdue"/>, issue 19) on both engines, at the inspection desk site
/// (<see cref="InspectionDeskSite"/>, created by the first scan that finds an overdue plan). Hand-worked days: a plan
/// committed on Monday 2025-01-06 is due 2025-02-08 (+20 working days, 国办发明电〔2024〕12号: 7–10 Jan (4), 13–17 (9),
/// 20–24 (14), Sunday 26 worked (15), 27 (16), 28 Jan–4 Feb 春节 off, 5–7 Feb (19), Saturday 8 Feb worked (20)), so the
/// alert does not exist at 2025-02-08 23:59 Beijing, opens at 2025-02-09 00:00 and clears when the plan is published. A
/// plan already published and a plan only frozen never count. A stored provisional due day (here a wrong 2025-01-10) is
/// recomputed from the commit day. One test: the scans move forward in time.
/// </summary>
public abstract class DrawPublicationAlertTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static DrawPlanRecord Plan(string id, StoredDrawPlanStatus status, DateTimeOffset? committed, DateOnly? due, bool provisional = false) => new()
    {
        PlanId = id, District = "500105", Quarter = "2025Q1", Status = status, FrozenAt = new DateOnly(2025, 1, 3), CommitmentHash = new string('a', 64),
        Organiser = "t", CreatedAt = Bj(2025, 1, 3).ToUniversalTime(), CommittedAt = committed?.ToUniversalTime(), PublishDue = due, PublishDueProvisional = provisional,
        PublishedAt = status == StoredDrawPlanStatus.Published ? committed?.ToUniversalTime() : null, Version = 1,
    };

    [Fact]
    public async Task Rule_16_opens_the_day_after_the_publication_due_day_and_clears_when_published()
    {
        var (store, _) = await db.MigratedAsync();
        await using (var setup = store.CreateContext())
        {
            setup.DrawPlans.AddRange(
                Plan("SJ-2025Q1", StoredDrawPlanStatus.Committed, Bj(2025, 1, 6), new DateOnly(2025, 2, 8)),
                Plan("SJ-2025Q1B", StoredDrawPlanStatus.Committed, Bj(2025, 1, 6, 15), new DateOnly(2025, 1, 10), provisional: true),
                Plan("SJ-2024Q4", StoredDrawPlanStatus.Published, Bj(2024, 10, 8), new DateOnly(2024, 11, 5)),
                Plan("SJ-2025Q2", StoredDrawPlanStatus.Frozen, null, null));
            await setup.SaveChangesAsync();
        }
        var clock = new Clock(Bj(2025, 2, 8, 23, 59));
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        await using var ctx = store.CreateContext();
        Task<Alert?> AlertOf() => ctx.Alerts.AsNoTracking().Where(a => a.Rule == AlertRule.DrawPublicationOverdue).OrderByDescending(a => a.Id).FirstOrDefaultAsync();

        // The due day itself: nothing, and no desk site yet (the provisional 01-10 was recomputed to 02-08 too).
        await scanner.ScanAsync();
        Assert.Null(await AlertOf());
        Assert.False(await ctx.Sites.AnyAsync(s => s.Kind == SiteKind.InspectionDesk));

        clock.Now = Bj(2025, 2, 9, 0, 0);
        await scanner.ScanAsync();
        var desk = await ctx.Sites.AsNoTracking().SingleAsync(x => x.Kind == SiteKind.InspectionDesk);
        Assert.Equal((InspectionDeskSite.Code, false, (string?)null), (desk.Code, desk.IsPublic, desk.EnterpriseUscc));
        var a = (await AlertOf())!;
        Assert.Equal((desk.Id, "SJ-2025Q1,SJ-2025Q1B", 2m, AlertSeverity.Moderate), (a.SiteId, a.Detail, a.PeakValue, a.Severity));
        Assert.Equal(Bj(2025, 2, 9, 0).ToUniversalTime(), a.OpenedAt);
        Assert.Null(a.ConditionClearedAt);
        Assert.Contains("抽查结果公开超期", a.MessageZh);

        // Both published → the episode ends at the next scan.
        clock.Now = Bj(2025, 2, 10, 9);
        await ctx.DrawPlans.Where(p => p.Status == StoredDrawPlanStatus.Committed)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, StoredDrawPlanStatus.Published).SetProperty(p => p.PublishedAt, clock.Now.ToUniversalTime()));
        await scanner.ScanAsync();
        a = (await AlertOf())!;
        Assert.Equal(Bj(2025, 2, 10, 9).ToUniversalTime(), a.ConditionClearedAt);
        Assert.Equal(1, await ctx.Alerts.CountAsync(x => x.Rule == AlertRule.DrawPublicationOverdue));
    }
}

public sealed class SqliteDrawPublicationAlertTests(SqliteTestDatabase db) : DrawPublicationAlertTests<SqliteTestDatabase>(db);

public sealed class PostgresDrawPublicationAlertTests(PostgresTestDatabase db) : DrawPublicationAlertTests<PostgresTestDatabase>(db);
