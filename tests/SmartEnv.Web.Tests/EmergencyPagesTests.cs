using System.Globalization;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Emergency;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 20 staff pages: the event page's view model (<see cref="EmergencyUiService.Clock"/>, bound by
/// <c>/emergency/events/{Id}</c> and the list) shows the 初报 deadline in Beijing time and the time left or overdue from
/// the app's clock (fixed here at 2025-03-03 10:00 Beijing); the next reports follow the workflow. Hand-worked values.
/// </summary>
public sealed class EmergencyPagesTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private SmartEnvStore _store = null!;
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, BeijingTime.Offset);
    private static readonly AuditActor Actor = new(AuditActorKind.User, "test-enforcement");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        (_store, _) = await _db.MigratedAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(EmergencyUiService Ui, SmartEnvDbContext Db)> UiAsync()
    {
        var db = _store.CreateContext(DataScope.All);
        await Task.CompletedTask;
        return (new EmergencyUiService(db, _store, new FixedClock(Now)), db);
    }

    private static EventForm Form(string title, string learned, string? deaths = null, params string[] circumstances)
    {
        var f = new EventForm { Title = title, OccurredAt = "2025-03-03T06:00", LearnedAt = learned, Deaths = deaths };
        foreach (var c in circumstances) f.Circumstances.Add(c);
        return f;
    }

    [Fact]
    public async Task Event_page_shows_the_deadline_and_time_left_for_a_major_and_an_unclear_drinking_water_event()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var (ui, db) = await UiAsync();
        await using var _ = db;

        // 重大 by deaths: 10 deaths reaches the 重大 bound (10, inclusive) → 2 h from 09:00 = 11:00 Beijing; now 10:00 → 1 h 0 min left.
        var (major, e1) = await ui.RecordEventAsync(Form("重大事件", "2025-03-03T09:00", "10"), Actor);
        Assert.Null(e1);
        var v1 = (await ui.EventAsync(major!.Value))!;
        Assert.Equal("major", v1.Event.Level);
        var c1 = EmergencyUiService.Clock(v1);
        Assert.Equal("2025-03-03 11:00", c1.DeadlineBeijing);
        Assert.Equal(2, c1.Hours);
        Assert.Equal("剩余 1 小时 0 分", c1.Text);
        Assert.False(c1.Overdue);

        // just below the bound: 9 deaths → 较大 (≥ 3), 4 h from 09:00 = 13:00; 3 h 0 min left.
        var (larger, _) = await ui.RecordEventAsync(Form("较大事件", "2025-03-03T09:00", "9"), Actor);
        var c2 = EmergencyUiService.Clock((await ui.EventAsync(larger!.Value))!);
        Assert.Equal("2025-03-03 13:00", c2.DeadlineBeijing);
        Assert.Equal("剩余 3 小时 0 分", c2.Text);

        // level unclear, drinking-water source (令第17号 Art. 4) → reported as 重大, 2 h from 07:30 = 09:30; now 10:00 → 30 min overdue.
        var (unclear, _) = await ui.RecordEventAsync(Form("级别不明事件", "2025-03-03T07:30", null, "drinking_water"), Actor);
        var v3 = (await ui.EventAsync(unclear!.Value))!;
        Assert.Null(v3.Event.Level);
        var c3 = EmergencyUiService.Clock(v3);
        Assert.Equal("2025-03-03 09:30", c3.DeadlineBeijing);
        Assert.Equal(2, c3.Hours);
        Assert.Equal("已超时 0 小时 30 分", c3.Text);
        Assert.True(c3.Overdue);
    }

    [Fact]
    public async Task Next_reports_follow_the_workflow_and_the_initial_report_stops_the_clock()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var (ui, db) = await UiAsync();
        await using var _ = db;
        var (id, _) = await ui.RecordEventAsync(Form("重大事件", "2025-03-03T09:00", "10"), Actor);
        var v = (await ui.EventAsync(id!.Value))!;
        Assert.Equal([EventReportKind.Initial], EmergencyUiService.NextReports(v));
        Assert.NotNull(await ui.FileReportAsync(id.Value, EventReportKind.Final, "结果", Actor)); // out of order: refused
        Assert.Null(await ui.FileReportAsync(id.Value, EventReportKind.Initial, "初报内容", Actor));
        v = (await ui.EventAsync(id.Value))!;
        Assert.Equal([EventReportKind.Continued, EventReportKind.Final], EmergencyUiService.NextReports(v));
        Assert.Equal("已按时初报", EmergencyUiService.Clock(v).Text); // filed 10:00, due 11:00
        Assert.Null(await ui.FileReportAsync(id.Value, EventReportKind.Final, "处理结果", Actor));
        Assert.Empty(EmergencyUiService.NextReports((await ui.EventAsync(id.Value))!));
    }

    [Fact]
    public async Task Dashboard_lists_due_items_and_rate_for_staff_and_only_its_own_plans_for_an_enterprise()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        await SmartEnv.Tests.SourceSeed.SeedAsync(_store);
        const string a = SmartEnv.Tests.SourceSeed.UsccA, b = SmartEnv.Tests.SourceSeed.UsccB;
        var (ui, db) = await UiAsync();
        await using (db)
        {
            var s = new SmartEnv.Emergency.EmergencyService(db, new FixedClock(Now));
            await s.SaveUnitAsync(null, new SmartEnv.Emergency.RiskUnitInput(a, "储罐区", "较大[较大-大气(Q1-M2-E1)]", new DateOnly(2025, 1, 10), true, []), Actor);
            // A: signed 2022-01-10 → review due 2025-01-10 (3 years), overdue on 2025-03-03; never submitted → filing overdue.
            await s.CreatePlanAsync(a, "甲预案", "2022版", new DateOnly(2022, 1, 10), Actor);
            // B: signed 2025-02-28 → filing due 20 working days later (after 03-03), review 2028 → nothing due.
            await s.CreatePlanAsync(b, "乙预案", "2025版", new DateOnly(2025, 2, 28), Actor);
            var staff = await ui.DashboardAsync(staff: true);
            Assert.Equal(1, staff.Rate!.KeyEnterprises); // A's key unit, no filed plan
            Assert.Equal(0, staff.Rate.Filed);
            Assert.Equal(["filing", "review"], staff.Due.Select(d => d.Key)); // both A's; filing (2022-02) before review (2025-01-10)
            Assert.All(staff.Due, d => Assert.Equal(a, d.Plan.Plan.Uscc));
            Assert.Equal(new DateOnly(2025, 1, 10), staff.Due[1].On);
            Assert.Equal(2, staff.Plans.Count);
            Assert.Equal("重庆江北甲化工有限公司", staff.Names[a]);
        }
        await using var own = _store.CreateContext(DataScope.ForEnterprises([b]));
        var mine = await new EmergencyUiService(own, _store, new FixedClock(Now)).DashboardAsync(staff: false);
        Assert.Null(mine.Rate);
        Assert.Equal(b, Assert.Single(mine.Plans).Plan.Uscc); // never A's plan
        Assert.Empty(mine.Units); // A's unit is not B's
        Assert.Empty(mine.Due);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
