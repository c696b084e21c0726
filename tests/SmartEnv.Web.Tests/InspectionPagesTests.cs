using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Web.Components.Pages.Credit;
using SmartEnv.Web.Components.Pages.Inspections;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with <see cref="SourceSeed"/> and <see cref="InspectionSeed"/>.</summary>
public sealed class InspectionPagesFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-inspection-pages-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        await SourceSeed.SeedAsync(Store);
        await InspectionSeed.SeedAsync(Store);
        App = SmartEnvWeb.Build(new SmartEnvWebOptions { Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Db.DisposeAsync();
        try { Directory.Delete(_dataDir, true); } catch (IOException) { }
    }
}

/// <summary>
/// Issue 19 P5 pages: the 一企一档 slots 监督检查 and 环境信用 through an enterprise's scope show only its own rows; the
/// public pages, rendered to raw HTML by the app's own components and services, show the drawn enterprises and the red
/// and black lists and never an inspector's name or certificate number.
/// </summary>
public abstract class InspectionPagesTests<TDb>(InspectionPagesFixture<TDb> app) : IClassFixture<InspectionPagesFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly string[] Personal = [InspectionSeed.InspectorNameA, InspectionSeed.InspectorNameB, InspectionSeed.CertA, InspectionSeed.CertB, "insp-19a", "insp-19b", "执法支队"];

    private async Task<EnterpriseSlotView> TabAsync(DataScope scope, string uscc, string key)
    {
        using var di = app.App.Services.CreateScope();
        await using var ctx = app.Store.CreateContext(scope);
        var file = await new EnterpriseFileService(ctx, di.ServiceProvider.GetServices<IEnterpriseFileSlot>(), TimeProvider.System).FileAsync(uscc);
        Assert.NotNull(file);
        var view = file.Slots[key];
        Assert.NotNull(view); // connected: SmartEnvUi registers the slot
        return view;
    }

    private static string Flat(EnterpriseSlotView v) => string.Join("|", v.Rows.SelectMany(r => r)) + "|" + v.Badge;

    [Fact]
    public async Task Enterprise_a_file_shows_its_own_inspections_and_credit_and_nothing_of_b()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var a = await TabAsync(DataScope.ForEnterprises([SourceSeed.UsccA]), SourceSeed.UsccA, "inspections");
        var flat = Flat(a);
        Assert.Contains(InspectionSeed.ItemA + "：发现问题（" + InspectionSeed.CategoryA + "） · 限期整改至 2026-11-17", flat, StringComparison.Ordinal); // 11-03 + 10 working days
        Assert.DoesNotContain(InspectionSeed.ItemB, flat, StringComparison.Ordinal);
        Assert.DoesNotContain(InspectionSeed.CaseB, flat, StringComparison.Ordinal);
        foreach (var p in Personal) Assert.DoesNotContain(p, flat, StringComparison.Ordinal);
        // A's scope asking for B's file gets nothing (the store's filter): no rows of B at all.
        await using (var scoped = app.Store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccA])))
        {
            Assert.Empty((await new InspectionsFileSlot().LoadAsync(scoped, SourceSeed.UsccB, default)).Rows);
            Assert.Empty((await new CreditFileSlot().LoadAsync(scoped, SourceSeed.UsccB, default)).Rows);
        }
        // Staff see B's inspection and case.
        var b = Flat(await TabAsync(DataScope.All, SourceSeed.UsccB, "inspections"));
        Assert.Contains(InspectionSeed.ItemB + "：未发现问题", b, StringComparison.Ordinal);
        Assert.Contains(InspectionSeed.CaseB, b, StringComparison.Ordinal);
        Assert.Contains("罚款 · 200,000.00 元 · 已决定", b, StringComparison.Ordinal);

        var credit = await TabAsync(DataScope.ForEnterprises([SourceSeed.UsccA]), SourceSeed.UsccA, "credit");
        Assert.Equal(("环保诚信", "green"), (credit.Badge, credit.BadgeColour));
        Assert.Equal(["2025 年度得分", "100.0"], credit.Rows[0]);
        var creditB = await TabAsync(DataScope.All, SourceSeed.UsccB, "credit");
        Assert.Equal(("环保不良", "red"), (creditB.Badge, creditB.BadgeColour));
        Assert.Equal(["受到生态环境行政处罚 ×1", "−45.0 · " + InspectionSeed.CaseB], creditB.Rows[1]);
    }

    private async Task<string> RenderAsync<TPage>() where TPage : IComponent
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        using var di = app.App.Services.CreateScope();
        await using var renderer = new HtmlRenderer(di.ServiceProvider, NullLoggerFactory.Instance);
        var raw = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<TPage>()).ToHtmlString());
        return WebUtility.HtmlDecode(raw); // the renderer encodes non-ASCII characters as &#x…; entities
    }

    [Fact]
    public async Task Staff_plan_page_names_the_inspectors_through_the_plans_key()
    {
        async Task<PlanDetail> DetailAsync()
        {
            await using var staff = app.Store.CreateContext(); // the staff scope (plans are staff-only)
            var d = await new InspectionsUiService(staff, app.Store, TimeProvider.System).PlanAsync(InspectionSeed.PlanId);
            Assert.NotNull(d);
            return d;
        }
        // The seeded plan predates pseudonyms: certificates only.
        Assert.Equal(((string?)null, InspectionSeed.CertA), InspectionsUiService.Inspector(await DetailAsync(), InspectionSeed.CertA));
        // With a key (CertA → JC-01, CertB → JC-02) each inspector shows name, certificate and pseudonym.
        await using var db = app.Store.CreateContext();
        var planId = await db.DrawPlans.Where(p => p.PlanId == InspectionSeed.PlanId).Select(p => p.Id).SingleAsync();
        db.DrawPlanInspectors.AddRange(
            new DrawPlanInspector { PlanId = planId, Pseudonym = "JC-01", Position = 1, UserId = 0, Certificate = InspectionSeed.CertA, Name = InspectionSeed.InspectorNameA, Department = "执法支队", DepartmentCode = "KS-1" },
            new DrawPlanInspector { PlanId = planId, Pseudonym = "JC-02", Position = 2, UserId = 0, Certificate = InspectionSeed.CertB, Name = InspectionSeed.InspectorNameB, Department = "执法支队", DepartmentCode = "KS-1" });
        await db.SaveChangesAsync();
        try
        {
            var detail = await DetailAsync();
            Assert.Equal((InspectionSeed.InspectorNameA, " JBZF19000071 · JC-01"), InspectionsUiService.Inspector(detail, InspectionSeed.CertA));
            Assert.Equal((InspectionSeed.InspectorNameB, " JBZF19000072 · JC-02"), InspectionsUiService.Inspector(detail, InspectionSeed.CertB));
            Assert.Equal(((string?)null, "JB-404"), InspectionsUiService.Inspector(detail, "JB-404"));
        }
        finally
        {
            await db.DrawPlanInspectors.Where(k => k.PlanId == planId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_plan_pages_publish_action_publishes_a_committed_plan_once_with_an_audit_entry_and_refuses_in_Chinese()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var planId = "SJ-PUB-" + typeof(TDb).Name[..4];
        await using (var setup = app.Store.CreateContext())
        {
            var at = new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero);
            setup.DrawPlans.Add(new DrawPlanRecord
            {
                PlanId = planId, District = "500105", Quarter = "2026Q4", Status = StoredDrawPlanStatus.Committed, FrozenAt = new DateOnly(2026, 10, 8),
                CommitmentHash = new string('b', 64), Organiser = "t", CreatedAt = at, CommittedAt = at, PublishDue = new DateOnly(2026, 11, 6), Version = 2,
            });
            await setup.SaveChangesAsync();
        }
        var actor = new SmartEnv.Storage.Audit.AuditActor(SmartEnv.Storage.Audit.AuditActorKind.User, "page-publisher");
        await using var staff = app.Store.CreateContext();
        var ui = new InspectionsUiService(staff, app.Store, TimeProvider.System);
        Assert.Null(await ui.PublishAsync(planId, actor));
        Assert.Equal(StoredDrawPlanStatus.Published, (await staff.DrawPlans.AsNoTracking().SingleAsync(p => p.PlanId == planId)).Status);
        Assert.Equal(1, await staff.AuditEntries.CountAsync(e => e.Action == "draw.publish" && e.TargetId == planId && e.ActorName == "page-publisher"));
        // Again (already published) and an unknown plan: the page shows Chinese refusals, nothing changes.
        Assert.Equal("只有已抽取且尚未公开的计划才能公开", await ui.PublishAsync(planId, actor));
        Assert.Equal(Texts.Inspections.PlanNotFound, await ui.PublishAsync("SJ-NONE", actor));
        Assert.Equal(1, await staff.AuditEntries.CountAsync(e => e.Action == "draw.publish" && e.TargetId == planId));
    }

    private static SmartEnv.Storage.Audit.AuditActor PageActor(string name) => new(SmartEnv.Storage.Audit.AuditActorKind.User, name);

    [Fact]
    public async Task The_plans_page_freezes_a_plan_and_the_plan_page_refuses_a_wrong_secret_storing_nothing()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var planId = "SJ-FRZ-" + typeof(TDb).Name[..4];
        // The organiser's secret (16 bytes, hex) made offline; only its sha256 is pasted at the freeze.
        const string secret = "00112233445566778899aabbccddeeff";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(secret)));
        await using var staff = app.Store.CreateContext();
        // A fixed day in 2026Q4 (a quarter that has ended cannot be frozen; the seed has the 2026Q4 plan, so 2027Q1), and two inspectors of their own: the seeded two
        // inspected the seeded enterprises last time and are recused from them, so the freeze would refuse the plan.
        var ui = new InspectionsUiService(staff, app.Store, new FixedClock(new DateTimeOffset(2026, 10, 8, 10, 0, 0, SmartEnv.Standards.Common.BeijingTime.Offset)));
        var extra = new[] { ("insp-frz-1-" + typeof(TDb).Name[..4], "JBFRZ-1"), ("insp-frz-2-" + typeof(TDb).Name[..4], "JBFRZ-2") };
        foreach (var (user, cert) in extra)
            staff.Users.Add(new SmartEnv.Storage.Accounts.SmartEnvUser
            {
                UserName = user, NormalizedUserName = user.ToUpperInvariant(), DisplayName = "执法员", EnforcementCertificate = cert, Department = "执法支队",
                SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UnixEpoch,
            });
        await staff.SaveChangesAsync();
        staff.ChangeTracker.Clear();
        // Refusals first, in Chinese, nothing stored: a hash that is not 64 hex digits, a malformed quarter, a quarter that has ended.
        Assert.Equal("承诺值应为 64 位小写十六进制字符（秘密的哈希值）", await ui.FreezeAsync(new FreezeForm { PlanId = planId, Quarter = "2026Q4", CommitmentHash = secret }, PageActor("organiser")));
        Assert.Equal("季度格式应为“年份＋Q＋季度”，如 2025Q1", await ui.FreezeAsync(new FreezeForm { PlanId = planId, Quarter = "2026Q5", CommitmentHash = hash }, PageActor("organiser")));
        Assert.Equal("该季度已结束，不能再为其冻结抽查计划", await ui.FreezeAsync(new FreezeForm { PlanId = planId, Quarter = "2026Q3", CommitmentHash = hash }, PageActor("organiser")));
        Assert.False(await staff.DrawPlans.AnyAsync(p => p.PlanId == planId));
        try
        {
            Assert.Null(await ui.FreezeAsync(new FreezeForm { PlanId = planId, Quarter = "2027q1", CommitmentHash = hash.ToUpperInvariant() }, PageActor("organiser")));
            var row = await staff.DrawPlans.AsNoTracking().SingleAsync(p => p.PlanId == planId);
            Assert.Equal((StoredDrawPlanStatus.Frozen, "2027Q1", hash, "organiser"), (row.Status, row.Quarter, row.CommitmentHash, row.Organiser));
            Assert.Equal(1, await staff.AuditEntries.CountAsync(e => e.Action == "draw.freeze" && e.TargetId == planId));
            Assert.Equal("该计划编号已存在", await ui.FreezeAsync(new FreezeForm { PlanId = planId, Quarter = "2026Q4", CommitmentHash = hash }, PageActor("organiser")));

            // A wrong secret (one digit off) is refused with a clear message; the plan stays frozen with no secret, no
            // public value, no task and no commit entry.
            var wrong = "10112233445566778899aabbccddeeff";
            Assert.Equal("秘密与冻结时公布的承诺值不符，未抽取，未保存任何内容",
                await ui.CommitAsync(planId, new CommitForm { Secret = wrong, PublicValue = "上证指数 2025-01-06 收盘 3206.92" }, PageActor("organiser")));
            Assert.Equal("秘密应为十六进制字符，至少 32 位（16 字节）", await ui.CommitAsync(planId, new CommitForm { Secret = "00112233", PublicValue = "x" }, PageActor("organiser")));
            Assert.Equal("请填写秘密和公开随机值", await ui.CommitAsync(planId, new CommitForm { Secret = secret, PublicValue = " " }, PageActor("organiser")));
            row = await staff.DrawPlans.AsNoTracking().SingleAsync(p => p.PlanId == planId);
            Assert.Equal((StoredDrawPlanStatus.Frozen, (string?)null, (string?)null), (row.Status, row.Secret, row.PublicValue));
            Assert.Equal(0, await staff.InspectionTasks.CountAsync(t => t.PlanId == row.Id));
            Assert.Equal(0, await staff.AuditEntries.CountAsync(e => e.Action == "draw.commit" && e.TargetId == planId));
            Assert.Equal("未找到该计划", await ui.CommitAsync("SJ-NONE", new CommitForm { Secret = secret, PublicValue = "x" }, PageActor("organiser")));
        }
        finally
        {
            await using var db = app.Store.CreateContext();
            var id = await db.DrawPlans.Where(p => p.PlanId == planId).Select(p => p.Id).SingleOrDefaultAsync();
            await db.DrawPlanInspectors.Where(k => k.PlanId == id).ExecuteDeleteAsync();
            await db.DrawPlans.Where(p => p.Id == id).ExecuteDeleteAsync();
            var names = extra.Select(x => x.Item1).ToList();
            await db.Users.Where(u => names.Contains(u.UserName!)).ExecuteDeleteAsync();
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    [Fact]
    public async Task The_case_pages_create_a_case_and_refuse_a_stale_edit_with_the_refresh_message()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var number = "江北环罚〔2026〕" + typeof(TDb).Name[..4] + "号";
        await using var staff = app.Store.CreateContext();
        var ui = new InspectionsUiService(staff, app.Store, TimeProvider.System);
        var form = new CaseForm
        {
            CaseNumber = number, Uscc = SourceSeed.UsccB, LegalBasis = "《排污许可管理条例》第三十四条", PenaltyType = StoredPenaltyType.Fine, Amount = "200000.50",
            FiledOn = "2026-03-02", NotifiedOn = "2026-03-01", Status = StoredEnforcementStatus.Filed,
        };
        Assert.Equal("日期先后应为 立案 ≤ 告知 ≤ 决定 ≤ 执行", await ui.CreateCaseAsync(form, PageActor("case-officer"))); // 告知 before 立案
        form.NotifiedOn = "2026-3-9";
        Assert.Equal("日期格式应为 年-月-日，如 2025-03-01", await ui.CreateCaseAsync(form, PageActor("case-officer")));
        form.NotifiedOn = "";
        Assert.Null(await ui.CreateCaseAsync(form, PageActor("case-officer")));
        Assert.Equal("该案号已存在", await ui.CreateCaseAsync(form, PageActor("case-officer")));
        var stored = await ui.CaseAsync(number);
        Assert.NotNull(stored);
        Assert.Equal((200000.50m, new DateOnly(2026, 3, 2), 1), (stored.Amount, stored.FiledOn, stored.Version));

        // Two officers open the case at version 1; the first saves (notified, decided); the second's save is stale.
        var first = CaseForm.From(stored);
        var second = CaseForm.From(stored);
        first.NotifiedOn = "2026-03-10";
        first.DecidedOn = "2026-04-01";
        first.Status = StoredEnforcementStatus.Decided;
        Assert.Null(await ui.UpdateCaseAsync(first, PageActor("officer-1")));
        second.Status = StoredEnforcementStatus.Revoked;
        Assert.Equal("该案件已被他人修改，请刷新后重试，本次修改未保存", await ui.UpdateCaseAsync(second, PageActor("officer-2")));
        var now = await ui.CaseAsync(number);
        Assert.NotNull(now);
        Assert.Equal((StoredEnforcementStatus.Decided, (DateOnly?)new DateOnly(2026, 3, 10), (DateOnly?)new DateOnly(2026, 4, 1), 2),
            (now.Status, now.NotifiedOn, now.DecidedOn, now.Version));
        Assert.Equal(1, await staff.AuditEntries.CountAsync(e => e.Action == "enforcement.update" && e.TargetId == number));
        Assert.Equal(0, await staff.AuditEntries.CountAsync(e => e.Action == "enforcement.update" && e.TargetId == number && e.ActorName == "officer-2"));
        // Refreshed (version 2), the second officer's edit goes through; a decided case without its decision day does not.
        var again = CaseForm.From(now);
        again.DecidedOn = "";
        Assert.Equal("已决定、已执行或已结案的案件须填写决定日期", await ui.UpdateCaseAsync(again, PageActor("officer-2")));
        again = CaseForm.From(now);
        again.ExecutedOn = "2026-04-20";
        again.Status = StoredEnforcementStatus.Executed;
        Assert.Null(await ui.UpdateCaseAsync(again, PageActor("officer-2")));
        Assert.Equal(3, (await ui.CaseAsync(number))!.Version);
        await staff.EnforcementCases.Where(c => c.CaseNumber == number).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task The_record_form_stores_two_findings_with_one_order_and_the_follow_up_is_recorded_once()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        var planId = "SJ-REC-" + typeof(TDb).Name[..4];
        long taskId;
        await using (var setup = app.Store.CreateContext())
        {
            var at = new DateTimeOffset(2026, 10, 9, 2, 0, 0, TimeSpan.Zero);
            var plan = new DrawPlanRecord
            {
                PlanId = planId, District = "500105", Quarter = "2026Q4", Status = StoredDrawPlanStatus.Committed, FrozenAt = new DateOnly(2026, 10, 8),
                CommitmentHash = new string('c', 64), Organiser = "t", CreatedAt = at, CommittedAt = at, PublishDue = new DateOnly(2026, 11, 6), Version = 2,
            };
            setup.DrawPlans.Add(plan);
            await setup.SaveChangesAsync();
            // Drawn: the seeded inspectors (a record must name exactly the drawn, enabled certificate holders).
            var task = new InspectionTask
            {
                PlanId = plan.Id, Seq = 1, Uscc = SourceSeed.UsccB, Mode = StoredTaskMode.OnSite,
                Inspectors = [new() { Position = 1, InspectorId = InspectionSeed.CertA }, new() { Position = 2, InspectorId = InspectionSeed.CertB }],
            };
            setup.InspectionTasks.Add(task);
            await setup.SaveChangesAsync();
            taskId = task.Id;
        }
        await using var staff = app.Store.CreateContext();
        var ui = new InspectionsUiService(staff, app.Store, TimeProvider.System);
        var form = new InspectionForm { InspectedAt = "2026-11-03T10:00", Inspectors = InspectionSeed.CertA + ", " + InspectionSeed.CertB, Items = "废水排放，危险废物贮存" };
        form.Findings[0].Item = "废水排放";
        form.Findings.Add(new FindingForm { Item = "危险废物贮存", Problem = true, Workdays = "10", Description = "标识缺失" });
        // The second row's problem has no category: refused naming the row, nothing stored.
        Assert.Equal("第 2 项发现：发现问题时须填写问题类别", await ui.RecordAsync(taskId, form, PageActor("recorder")));
        Assert.Equal(0, await staff.InspectionRecords.CountAsync(r => r.TaskId == taskId));
        form.Findings[1].Category = "贮存不规范";
        Assert.Null(await ui.RecordAsync(taskId, form, PageActor("recorder")));
        var record = await staff.InspectionRecords.AsNoTracking().SingleAsync(r => r.TaskId == taskId);
        var findings = await staff.InspectionFindings.AsNoTracking().Where(f => f.RecordId == record.Id).OrderBy(f => f.Seq).ToListAsync();
        Assert.Equal([(1, "废水排放", StoredFindingOutcome.Compliant, (string?)null), (2, "危险废物贮存", StoredFindingOutcome.Problem, "贮存不规范")],
            findings.Select(f => (f.Seq, f.Item, f.Outcome, f.Category)));
        // One order, on the problem finding only: issued 2026-11-03 (Tue), 10 working days → 2026-11-17 (Tue).
        var orders = await ui.OrdersAsync(planId);
        var o = Assert.Single(orders);
        Assert.Equal((SourceSeed.UsccB, "危险废物贮存", new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 17), (StoredFollowUpResult?)null),
            (o.Uscc, o.Item, o.IssuedOn, o.DueOn, o.Result));
        Assert.Equal("该任务已完成检查", await ui.RecordAsync(taskId, form, PageActor("recorder")));

        // Follow-up: a day before the issue day and a malformed day are refused; then "not rectified" on 11-18 is stored once.
        Assert.Equal("复查日期不能早于整改令下达日期", await ui.FollowUpAsync(o.OrderId, new FollowUpForm { On = "2026-11-02", Rectified = true }, PageActor("checker")));
        Assert.Equal("日期格式应为 年-月-日，如 2025-03-01", await ui.FollowUpAsync(o.OrderId, new FollowUpForm { On = "11/18" }, PageActor("checker")));
        Assert.Null(await ui.FollowUpAsync(o.OrderId, new FollowUpForm { On = "2026-11-18", Rectified = false, Note = "标识仍缺失" }, PageActor("checker")));
        Assert.Equal("该整改令已复查", await ui.FollowUpAsync(o.OrderId, new FollowUpForm { On = "2026-11-19", Rectified = true }, PageActor("checker")));
        o = Assert.Single(await ui.OrdersAsync(planId));
        Assert.Equal(((DateOnly?)new DateOnly(2026, 11, 18), (StoredFollowUpResult?)StoredFollowUpResult.NotRectified, "标识仍缺失"), (o.FollowUpOn, o.Result, o.Note));
        Assert.Equal(1, await staff.AuditEntries.CountAsync(e => e.Action == "rectification.follow_up" && e.TargetId == o.OrderId.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Public_pages_show_results_and_lists_without_personal_data()
    {
        var html = await RenderAsync<PublicInspections>();
        Assert.Contains("data-plan=\"" + InspectionSeed.PlanId + "\"", html, StringComparison.Ordinal);
        Assert.Contains("重庆江北甲化工有限公司", html, StringComparison.Ordinal);
        Assert.Contains(SourceSeed.UsccB, html, StringComparison.Ordinal);
        Assert.Contains("2026-11-03 检查，发现问题 1 项", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-04 检查，未发现问题", html, StringComparison.Ordinal);
        Assert.Contains("非现场检查", html, StringComparison.Ordinal);
        foreach (var p in Personal) Assert.DoesNotContain(p, html, StringComparison.Ordinal);
        // How to verify, with the command; the seeded plan predates pseudonyms (no key, no JSON): no download link.
        Assert.Contains("<code lang=\"zxx\">smartenv draw verify plan.json</code>", html, StringComparison.Ordinal);
        Assert.Contains("由执法机构留存", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"plan-json\"", html, StringComparison.Ordinal);

        // The public index links both public pages of issue 19.
        var index = await RenderAsync<SmartEnv.Web.Components.Pages.Public>();
        Assert.Contains("<a href=\"/public/inspections\">双随机抽查结果公开</a>", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/public/credit\">环保信用红黑名单</a>", index, StringComparison.Ordinal);

        var lists = await RenderAsync<PublicCredit>();
        var red = lists[lists.IndexOf("data-testid=\"red-list\"", StringComparison.Ordinal)..lists.IndexOf("data-testid=\"black-list\"", StringComparison.Ordinal)];
        var black = lists[lists.IndexOf("data-testid=\"black-list\"", StringComparison.Ordinal)..];
        Assert.Contains(SourceSeed.UsccA, red, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceSeed.UsccB, red, StringComparison.Ordinal);
        Assert.Contains(SourceSeed.UsccB, black, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceSeed.UsccA, black, StringComparison.Ordinal);
        Assert.Contains("ant-tag-green", red, StringComparison.Ordinal);
        Assert.Contains("ant-tag-red", black, StringComparison.Ordinal);
        foreach (var p in Personal.Append(InspectionSeed.CaseB)) Assert.DoesNotContain(p, lists, StringComparison.Ordinal);
    }
}

public sealed class SqliteInspectionPagesTests(InspectionPagesFixture<SqliteTestDatabase> app) : InspectionPagesTests<SqliteTestDatabase>(app);

public sealed class PostgresInspectionPagesTests(InspectionPagesFixture<PostgresTestDatabase> app) : InspectionPagesTests<PostgresTestDatabase>(app);
