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

    [Fact]
    public async Task Risk_unit_form_creates_checks_the_expression_and_edits_with_substances()
    {
        await SmartEnv.Tests.SourceSeed.SeedAsync(_store);
        const string a = SmartEnv.Tests.SourceSeed.UsccA;
        var (ui, db) = await UiAsync();
        await using var _ = db;
        Assert.Contains(await ui.EnterprisesAsync(), x => x.Uscc == a && x.Name == "重庆江北甲化工有限公司");
        var f = new RiskUnitForm { Uscc = a, Name = "储罐区", Expression = "一般[较大-大气(Q1-M2-E1)]", AssessedOn = "2025-01-10", IsKey = true };
        f.Substances.Add(new SubstanceForm { Name = "盐酸", Cas = "7647-01-0", OnSiteTonnes = "12.5", CriticalTonnes = "7.5" });
        f.Substances.Add(new SubstanceForm()); // an empty row is ignored
        // the overall level 一般 is not the highest medium level 较大: refused with its position, as the API refuses it
        var (none, error) = await ui.SaveUnitAsync(f, Actor);
        Assert.Null(none);
        Assert.Contains("position 0", error, StringComparison.Ordinal);
        f.Expression = "较大[较大-大气(Q1-M2-E1)]";
        f.AssessedOn = "2025/01/10";
        Assert.Equal("assessed_on: yyyy-MM-dd", (await ui.SaveUnitAsync(f, Actor)).Error);
        f.AssessedOn = "2025-01-10";
        var (id, ok) = await ui.SaveUnitAsync(f, Actor);
        Assert.Null(ok);
        var unit = Assert.Single(await new SmartEnv.Emergency.EmergencyService(db, new FixedClock(Now)).UnitsAsync(a));
        Assert.Equal(("较大", 12.5m, 7.5m), (unit.Level, unit.Substances.Single().OnSiteTonnes, unit.Substances.Single().CriticalTonnes));

        // edit: the form of the stored unit, one substance more, the bad quantity refused first
        var edit = EmergencyUiService.FormOf(unit);
        Assert.Equal((id, "2025-01-10", "12.5"), (edit.Id, edit.AssessedOn, edit.Substances[0].OnSiteTonnes));
        edit.Substances.Add(new SubstanceForm { Name = "氨", OnSiteTonnes = "三吨", CriticalTonnes = "5" });
        Assert.Equal("substance 2: on-site and critical quantities in t (numbers)", (await ui.SaveUnitAsync(edit, Actor)).Error);
        edit.Substances[1].OnSiteTonnes = "3";
        Assert.Equal((id, (string?)null), await ui.SaveUnitAsync(edit, Actor));
        db.ChangeTracker.Clear();
        Assert.Equal(["盐酸", "氨"], Assert.Single(await new SmartEnv.Emergency.EmergencyService(db, new FixedClock(Now)).UnitsAsync(a)).Substances.OrderBy(x => x.Id).Select(x => x.Name));
        Assert.Equal(2, db.AuditEntries.Count(e => e.Action == "emergency.unit.save")); // create + edit; the refusals wrote nothing
    }

    [Fact]
    public async Task Plan_form_previews_the_dues_and_registers_the_plan()
    {
        await SmartEnv.Tests.SourceSeed.SeedAsync(_store);
        var (ui, db) = await UiAsync();
        await using var _ = db;
        Assert.Null(ui.PreviewDeadlines("2024-9-20"));
        // signed Fri 2024-09-20 → due Wed 2024-10-23 (hand count in PlanFilingTests: 09-29 and 10-12 worked, 10-01…07 off); review 2027-09-20
        var d = ui.PreviewDeadlines("2024-09-20")!;
        Assert.Equal((new DateOnly(2024, 10, 23), new DateOnly(2027, 9, 20), false), (d.FilingDue, d.ReviewDue, d.FilingDueProvisional));
        var f = new PlanForm { Uscc = SmartEnv.Tests.SourceSeed.UsccA, Title = "突发环境事件应急预案", Version = "2024版", SignedOn = "2024-09-20" };
        var (id, error) = await ui.CreatePlanAsync(f, Actor);
        Assert.Null(error);
        var row = Assert.Single(await new SmartEnv.Emergency.EmergencyService(db, new FixedClock(Now)).PlansAsync());
        Assert.Equal((id!.Value, new DateOnly(2024, 10, 23)), (row.Plan.Id, row.Plan.FilingDue));
        f.SignedOn = "2025-03-04"; // the day after today (2025-03-03)
        Assert.Equal("the signing day is in the future", (await ui.CreatePlanAsync(f, Actor)).Error);
    }

    [Fact]
    public void Upload_check_at_the_size_limit_and_by_type()
    {
        var pdf = new byte[EmergencyUiService.MaxUploadBytes];
        "%PDF"u8.CopyTo(pdf);
        Assert.Equal(("application/pdf", (string?)null), EmergencyUiService.CheckUpload("预案.pdf", pdf)); // exactly 8 MiB = 8,388,608 bytes
        Assert.Equal(("application/pdf", (string?)null), EmergencyUiService.CheckUpload("预案.PDF", pdf.AsSpan(0, pdf.Length - 1))); // one below
        var over = new byte[EmergencyUiService.MaxUploadBytes + 1];
        "%PDF"u8.CopyTo(over);
        Assert.Equal("file: 1 byte to 8 MiB", EmergencyUiService.CheckUpload("预案.pdf", over).Error); // one above
        Assert.Equal("file: 1 byte to 8 MiB", EmergencyUiService.CheckUpload("预案.pdf", []).Error);
        Assert.Equal("file content is not a pdf file", EmergencyUiService.CheckUpload("预案.pdf", "<html>"u8).Error); // renamed page
        Assert.NotNull(EmergencyUiService.CheckUpload("预案.exe", "MZ"u8).Error);
        Assert.NotNull(EmergencyUiService.CheckUpload("预案", "%PDF"u8).Error);
        Assert.Equal("image/png", EmergencyUiService.CheckUpload("a.png", [0x89, 0x50, 0x4E, 0x47, 0x0D]).ContentType);
        Assert.Equal("application/msword", EmergencyUiService.CheckUpload("a.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1]).ContentType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", EmergencyUiService.CheckUpload("a.docx", [0x50, 0x4B, 0x03, 0x04]).ContentType);
    }

    [Fact]
    public async Task Correcting_the_criteria_re_derives_the_level_keeps_the_learned_anchor_and_audits_old_and_new()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var (ui, db) = await UiAsync();
        await using var _ = db;
        // 9 deaths (typo for 10) → 较大, 4 h from 09:00 = 13:00
        var (id, _) = await ui.RecordEventAsync(Form("化工厂爆炸", "2025-03-03T09:00", "9"), Actor);
        Assert.Null(await ui.CorrectionAsync(id!.Value));
        var f = EmergencyUiService.CriteriaOf((await ui.EventAsync(id.Value))!.Event);
        Assert.Equal("9", f.Deaths);
        Assert.Equal("reason: required, ≤ 1000", await ui.CorrectEventAsync(id.Value, f, " ", Actor));
        Assert.Equal("nothing to correct: the criteria are the stored ones", await ui.CorrectEventAsync(id.Value, f, "核对", Actor));
        f.Deaths = "10";
        Assert.Null(await ui.CorrectEventAsync(id.Value, f, "死亡人数录入错误", new AuditActor(AuditActorKind.User, "zhang")));
        var v = (await ui.EventAsync(id.Value))!;
        // 10 deaths → 重大 (≥ 10 inclusive), 2 h from the learned 09:00 = 11:00 — not from the correction at 10:00 (that would be 12:00)
        Assert.Equal(("major", "major"), (v.Event.Level, v.Event.ReportAs));
        Assert.Equal("2025-03-03 11:00", EmergencyUiService.Clock(v).DeadlineBeijing);
        Assert.Equal("剩余 1 小时 0 分", EmergencyUiService.Clock(v).Text);
        var c = (await ui.CorrectionAsync(id.Value))!;
        Assert.Equal(("zhang", Now.ToUniversalTime(), 1, "死亡人数录入错误"), (c.By, c.At.ToUniversalTime(), c.Count, c.Reason));
        var audit = db.AuditEntries.Single(e => e.Action == "emergency.event.correct");
        Assert.Contains("\"deaths\":9", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"larger\"", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"deaths\":10", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"major\"", audit.After, StringComparison.Ordinal);
        // corrected back below the bound: 9 → 较大 again, 13:00; two corrections counted
        f.Deaths = "9";
        Assert.Null(await ui.CorrectEventAsync(id.Value, f, "复核后确认 9 人", Actor));
        Assert.Equal("2025-03-03 13:00", EmergencyUiService.Clock((await ui.EventAsync(id.Value))!).DeadlineBeijing);
        Assert.Equal(2, (await ui.CorrectionAsync(id.Value))!.Count);
        Assert.Equal("counts: whole numbers ≥ 0", await ui.CorrectEventAsync(id.Value, new EventForm { Deaths = "-1" }, "x", Actor));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
