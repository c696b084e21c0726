using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Complaints.Handling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Alert rules 13–15 (issue 18 P3) on both engines over <see cref="ComplaintSeed"/>, at the complaint desk site
/// (<see cref="ComplaintDeskSite"/>, created by the first scan that finds a case). Hand-worked days: cases 1–3 registered
/// 20/22 Sep 2024 are due an acceptance answer on 2024-10-08 (+15 days lands in the National Day holiday, rolled to the
/// first working day), so rule 13 opens at 2024-10-09 00:00; case 4 (accepted 23 Sep) is due 2024-11-22 (23 Sep + 60: 7
/// in September, 31 in October, 22 in November), so rule 14 opens at 2024-11-23 00:00, not at 11-22 23:59, and clears when
/// case 4 is replied. Rule 15 follows an urgent case until it is assigned. One test: the scans move forward in time.
/// </summary>
public abstract class ComplaintAlertTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "alert-test");

    [Fact]
    public async Task Rules_13_to_15_open_after_the_due_day_at_the_desk_site_and_clear_when_handled()
    {
        var (store, _) = await db.MigratedAsync();
        await ComplaintSeed.SeedAsync(store);
        await using (var setup = store.CreateContext())
            await setup.Complaints.Where(c => c.Number == ComplaintSeed.NumberNoise3).ExecuteUpdateAsync(u => u.SetProperty(c => c.Urgency, StoredComplaintUrgency.MassIncident));
        var clock = new Clock(Bj(2024, 9, 25, 9));
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        await using var ctx = store.CreateContext();
        var s = new ComplaintService(ctx, clock);
        Task<Alert?> AlertOf(AlertRule rule) => ctx.Alerts.AsNoTracking().Where(a => a.Rule == rule).OrderByDescending(a => a.Id).FirstOrDefaultAsync();

        // Rule 15: the urgent case 3 (registered 22 Sep 11:00) is not assigned yet.
        await scanner.ScanAsync();
        var desk = await ctx.Sites.AsNoTracking().SingleAsync(x => x.Kind == SiteKind.ComplaintDesk);
        Assert.Equal((ComplaintDeskSite.Code, false, (string?)null), (desk.Code, desk.IsPublic, desk.EnterpriseUscc));
        var urgent = (await AlertOf(AlertRule.ComplaintUrgent))!;
        Assert.Equal((desk.Id, ComplaintSeed.NumberNoise3, 1m, AlertSeverity.Major), (urgent.SiteId, urgent.Detail, urgent.PeakValue, urgent.Severity));
        Assert.Equal(Bj(2024, 9, 22, 11).ToUniversalTime(), urgent.OpenedAt);
        Assert.Contains("紧急投诉待处置", urgent.MessageZh);
        clock.Now = Bj(2024, 9, 26, 9);
        await s.FireAsync(ComplaintSeed.NumberNoise3, ComplaintTrigger.Accept, new(), Actor);
        await scanner.ScanAsync();
        Assert.Null((await AlertOf(AlertRule.ComplaintUrgent))!.ConditionClearedAt); // accepted is not assigned
        clock.Now = Bj(2024, 9, 27, 9);
        await s.FireAsync(ComplaintSeed.NumberNoise3, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Street, AssigneeCode: ComplaintSeed.StreetGuanyinqiao), Actor);
        await scanner.ScanAsync();
        Assert.Equal(Bj(2024, 9, 27, 9).ToUniversalTime(), (await AlertOf(AlertRule.ComplaintUrgent))!.ConditionClearedAt);

        // Rule 13: cases 1 and 2 still registered after 2024-10-08 (case 3 was accepted).
        clock.Now = Bj(2024, 10, 8, 23, 59);
        await scanner.ScanAsync();
        Assert.Null(await AlertOf(AlertRule.ComplaintAcceptanceOverdue));
        clock.Now = Bj(2024, 10, 9, 0, 0);
        await scanner.ScanAsync();
        var acceptance = (await AlertOf(AlertRule.ComplaintAcceptanceOverdue))!;
        Assert.Equal((desk.Id, ComplaintSeed.NumberNoise1 + "," + ComplaintSeed.NumberNoise2, 2m), (acceptance.SiteId, acceptance.Detail, acceptance.PeakValue));
        Assert.Equal(Bj(2024, 10, 9, 0, 0).ToUniversalTime(), acceptance.OpenedAt);
        Assert.Contains(ComplaintSeed.NumberNoise2, acceptance.MessageZh);

        // Rule 14: case 4 due 2024-11-22; overdue from 11-23 00:00; clears at the scan after its reply.
        clock.Now = Bj(2024, 11, 22, 23, 59);
        await scanner.ScanAsync();
        Assert.Null(await AlertOf(AlertRule.ComplaintHandlingOverdue));
        clock.Now = Bj(2024, 11, 23, 0, 0);
        await scanner.ScanAsync();
        var handling = (await AlertOf(AlertRule.ComplaintHandlingOverdue))!;
        Assert.Equal((desk.Id, ComplaintSeed.NumberOdourA, 1m, AlertSeverity.Moderate, (DateTimeOffset?)null),
            (handling.SiteId, handling.Detail, handling.PeakValue, handling.Severity, handling.ConditionClearedAt));
        Assert.Equal(Bj(2024, 11, 23, 0, 0).ToUniversalTime(), handling.OpenedAt);
        Assert.Contains("投诉办理超期", handling.MessageZh);
        Assert.Equal([ComplaintSeed.NumberOdourA], (await s.OverdueAsync(new DateOnly(2024, 11, 23))).Where(r => r.HandlingOverdue).Select(r => r.Number));

        clock.Now = Bj(2024, 11, 25, 9);
        await s.FireAsync(ComplaintSeed.NumberOdourA, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Street, AssigneeCode: ComplaintSeed.StreetCuntan), Actor);
        await s.FireAsync(ComplaintSeed.NumberOdourA, ComplaintTrigger.RecordFindings, new(Findings: "厂界异味", Verification: Verification.True), Actor);
        await s.FireAsync(ComplaintSeed.NumberOdourA, ComplaintTrigger.Reply, new(Reply: "异味问题属实，已责令整改。"), Actor);
        clock.Now = Bj(2024, 11, 25, 9, 30);
        await scanner.ScanAsync();
        // Case 3 (accepted 26 Sep) is due 2024-11-25 (26 Sep + 60: 4, 31, 25): on its due day it is not overdue, so nothing holds.
        Assert.Equal(Bj(2024, 11, 25, 9, 30).ToUniversalTime(), (await AlertOf(AlertRule.ComplaintHandlingOverdue))!.ConditionClearedAt);
        Assert.Equal(1, await ctx.Alerts.CountAsync(a => a.Rule == AlertRule.ComplaintHandlingOverdue));
        Assert.Equal(1, await ctx.Sites.CountAsync(x => x.Kind == SiteKind.ComplaintDesk));
    }
}

public sealed class SqliteComplaintAlertTests(SqliteTestDatabase db) : ComplaintAlertTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintAlertTests(PostgresTestDatabase db) : ComplaintAlertTests<PostgresTestDatabase>(db);
