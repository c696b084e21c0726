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
