using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The running app with one real personal access token per role (made by <see cref="AccountService"/> on the
/// real store), a read-only admin token, and the legacy admin token.</summary>
public sealed class RouteTableFixture : IAsyncLifetime
{
    public WebAppFixture<SqliteTestDatabase> Web { get; } = new();
    public Dictionary<string, string?> Tokens { get; } = new(StringComparer.Ordinal);
    public string ReadOnlyAdmin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Web.InitializeAsync();
        foreach (var role in SmartEnvRoles.All)
            Tokens[role] = await TestAccounts.TokenAsync(Web.Store, "rt-" + role, [role], role == SmartEnvRoles.Enterprise ? ["91500105MA5U0RT001"] : null);
        Tokens["anonymous"] = null;
        ReadOnlyAdmin = await TestAccounts.TokenAsync(Web.Store, "rt-admin-ro", [SmartEnvRoles.Admin], readOnly: true);
    }

    public Task DisposeAsync() => Web.DisposeAsync();
}

/// <summary>
/// The route table (issue 13, "deny by default"): EVERY endpoint of the running app — read from its
/// <see cref="EndpointDataSource"/>, so a route added tomorrow is checked too — must (1) declare its access explicitly
/// (a named policy via <c>RequireAuthorization(SmartEnvPolicies.X)</c> / <c>[Authorize(Policy = …)]</c>, or
/// <c>AllowAnonymous</c>), (2) be listed in <see cref="Expected"/> below, the hand-written table of which principals may
/// call it, and (3) behave so when called over HTTP with a real token of each role and without one: an allowed principal
/// never gets 401/403 or a redirect to <c>/signin</c>, a refused one always does. Path parameters name things that do not
/// exist, so allowed writes end in 400/404 and change nothing. A read-only token is refused (403) on every state-changing
/// request it would otherwise be allowed, and the legacy admin token acts as admin.
/// <para>
/// How it fails when one route's policy is removed — e.g. <c>.RequireAuthorization(SmartEnvPolicies.Monitoring)</c>
/// deleted from <c>POST /api/sites/</c> in <c>SitesApi.cs</c> (tried once, 2026-12-06; then restored):
/// <code>
/// Every_endpoint_declares_a_named_policy_or_anonymous_and_is_in_the_table: route table:
/// POST /api/sites/: declares neither a policy nor AllowAnonymous
/// Every_endpoint_answers_each_role_as_the_table_says: route table:
/// POST /api/sites/ as monitoring: expected allowed, got 403
/// </code>
/// (the endpoint fell back to the Admin policy, so monitoring lost it; a route whose policy was widened instead, e.g.
/// to <c>AllowAnonymous</c>, fails with "as anonymous: expected refused, got 400"). A new route missing from the table
/// fails with "not in the route table".
/// </para>
/// </summary>
public sealed class RouteTableTests(RouteTableFixture fx) : IClassFixture<RouteTableFixture>
{
    private const string Everyone = "admin monitoring enforcement planning viewer enterprise anonymous";
    private const string Staff = "admin monitoring enforcement planning viewer";
    private const string Monitoring = "admin monitoring";
    private const string AlertHandling = "admin monitoring enforcement";
    private const string Planning = "admin planning";

    /// <summary>Who may call what (the role table of docs/security.md, written out per route). Key: method and pattern as
    /// routing reports them ("*" = any method: called with GET and POST).</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // Documentation, health, UI plumbing: the public.
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["GET /scalar/scalar.js"] = Everyone,
        ["GET /scalar/scalar.aspnetcore.js"] = Everyone,
        ["GET /scalar/favicon.svg"] = Everyone,
        ["GET /scalar/{documentName?}"] = Everyone,
        ["GET /health"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["GET /health/live"] = Everyone,
        // Prometheus scrape endpoint (issue 15): staff only, a read-only token suffices.
        ["GET /metrics"] = Staff,
        ["GET /ui/culture"] = Everyone,
        ["GET /_framework/opaque-redirect"] = Everyone,
        ["* /_blazor/negotiate"] = Everyone,
        ["* /_blazor"] = Everyone,
        ["* /_blazor/disconnect/"] = Everyone,
        ["* /_blazor/initializers/"] = Everyone,
        // Published figures: the public (non-public sites only for staff, inside the handler).
        ["GET /api/sites/"] = Everyone,
        ["GET /api/sites/{code}"] = Everyone,
        ["GET /api/sites/{code}/aqi/daily"] = Everyone,
        ["GET /api/sites/{code}/aqi/latest"] = Everyone,
        ["GET /api/sites/{code}/aqi/hourly"] = Everyone, // issue 14: one hourly-data policy for pages and API (HJ 633 real-time report)
        ["GET /api/alerts/count"] = Everyone,
        ["GET /ui/export/air-daily.{ext}"] = Everyone,
        ["GET /ui/export/water-sections.{ext}"] = Everyone,
        ["GET /ui/export/noise-daily.{ext}"] = Everyone,
        // Bureau-internal reads.
        ["GET /api/sites/{code}/observations"] = Staff,
        ["GET /api/sites/{code}/assessment"] = Staff,
        ["GET /api/assessment/city"] = Staff,
        ["GET /api/alerts/"] = Staff,
        ["GET /api/audit/"] = "admin",
        ["GET /api/audit/verify"] = "admin",
        ["POST /api/review/marks"] = Monitoring,
        ["POST /api/review/marks/{id:long}/restore"] = Monitoring,
        ["GET /api/review/marks"] = Staff,
        ["GET /api/enterprises/"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/sites"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/"] = "admin enforcement",
        ["PUT /api/enterprises/{uscc}"] = "admin enforcement",
        // issue 16 P2 (registry: permits, versions, execution reports)
        ["GET /api/enterprises/{uscc}/permits"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/permits"] = "admin enforcement",
        ["POST /api/enterprises/{uscc}/permits/{permit}/versions"] = "admin enforcement",
        ["GET /api/enterprises/{uscc}/permits/{permit}/versions/{version}"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/reports"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/reports/{reportId}/submitted"] = "admin enforcement enterprise",

        // issue 16 P3 (registry Excel import/export)
        ["GET /api/registry/templates/{table}.xlsx"] = Staff,
        ["GET /api/registry/export/{table}.xlsx"] = Staff,
        ["POST /api/registry/import/{table}"] = "admin enforcement",

        // issue 16 P4 (outlet monitoring)
        ["GET /api/enterprises/{uscc}/outlets/{code}/hours"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/outlets/{code}/exceedances"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/outlets/{code}/totals"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/outlets/{code}/rates"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/outlets/{code}/quantity"] = "admin monitoring enforcement planning viewer enterprise",

        // issue 16 P5 (explanations)
        ["GET /api/enterprises/{uscc}/explanations/"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/explanations/"] = "enterprise", // filed by the enterprise itself; staff 403 in the handler
        ["POST /api/enterprises/{uscc}/explanations/{explanationId}/decision"] = AlertHandling,
        ["POST /api/enterprises/{uscc}/explanations/{explanationId}/withdraw"] = "enterprise",
        ["GET /api/enterprises/{uscc}/explanations/{explanationId}/attachment"] = "admin monitoring enforcement planning viewer enterprise",

        // issue 16 P6 (一企一档 pages)

        // issue 17 P1 (catalogue)
        ["GET /api/hw/codes/"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/hw/codes/{wasteCode}"] = "admin monitoring enforcement planning viewer enterprise",

        // issue 17 P2 (ledger)
        ["GET /api/enterprises/{uscc}/hw/party"] = "admin monitoring enforcement planning viewer enterprise",
        ["PUT /api/enterprises/{uscc}/hw/party"] = "admin enforcement",
        ["GET /api/enterprises/{uscc}/hw/facilities"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/facilities"] = "admin enforcement enterprise", // other staff 403 in the handler
        ["GET /api/enterprises/{uscc}/hw/containers"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/containers"] = "admin enforcement enterprise", // other staff 403 in the handler
        ["GET /api/enterprises/{uscc}/hw/containers/{identifier}"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/containers/{identifier}/{stage}"] = "admin enforcement enterprise", // other staff 403 in the handler
        ["GET /api/enterprises/{uscc}/hw/ledger"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/hw/stock"] = "admin monitoring enforcement planning viewer enterprise",

        // issue 17 P3 (labels)
        ["GET /api/enterprises/{uscc}/hw/containers/{identifier}/label.pdf"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/hw/c/{identifier}"] = Everyone,
        ["GET|POST /hw/c/{Identifier}"] = Everyone, // the container page a scanned label opens (short view; ledger for parties/staff)

        // issue 17 P4 (manifests)
        ["GET /api/enterprises/{uscc}/hw/manifests/"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/manifests/"] = "enterprise", // drafted by the 移出人; staff 403 in the handler
        ["GET /api/enterprises/{uscc}/hw/manifests/{number}"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/manifests/{number}/{action}"] = "enterprise", // signed by the parties; staff 403 in the handler
        ["GET /api/enterprises/{uscc}/hw/manifests/{number}/versions"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/hw/manifests/{number}/events"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/hw/manifests"] = Staff,

        // issue 17 P5 (declarations, overview)
        ["GET /api/enterprises/{uscc}/hw/class"] = "admin monitoring enforcement planning viewer enterprise",
        ["PUT /api/enterprises/{uscc}/hw/class"] = "admin enforcement",
        ["GET /api/enterprises/{uscc}/hw/plans"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/plans"] = "enterprise", // submitted by the enterprise itself; staff 403 in the handler
        ["GET /api/enterprises/{uscc}/hw/declarations"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/hw/declarations"] = "enterprise", // submitted by the enterprise itself; staff 403 in the handler
        ["GET /api/hw/declarations"] = Staff,
        ["GET /api/hw/overview"] = Staff,
        ["GET /api/hw/reconciliation"] = Staff,

        // issue 17 P6 (medical waste): writes by the institution, enforcement and admin (other staff 403 in the handler)
        ["GET /api/enterprises/{uscc}/mw/handovers"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/mw/handovers"] = "admin enforcement enterprise",
        ["GET /api/enterprises/{uscc}/mw/collections"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/mw/collections"] = "admin enforcement enterprise",
        ["GET /api/enterprises/{uscc}/mw/reports/{year}"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/mw/reports/{year}"] = "admin enforcement enterprise",
        ["GET /api/mw/overview"] = Staff,

        // issue 17 P7 (pages)
        ["GET|POST /hw"] = "admin monitoring enforcement planning viewer enterprise", // staff overview / 我的危险废物 (EnterpriseOrStaff, scoped reads)
        ["GET|POST /hw/containers"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET|POST /hw/map"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET|POST /hw/manifests"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET|POST /hw/manifests/{Number}"] = "admin monitoring enforcement planning viewer enterprise",

        // issue 18 P2 (intake: public form, staff entry, query code, photos)
        ["POST /api/complaints/public"] = Everyone, // anonymous public form, rate-limited per address (429 is not a refusal)
        ["POST /api/complaints/public/query"] = Everyone, // number + query code in the body
        ["POST /api/complaints/"] = "admin enforcement", // staff entry (Enforcement)
        ["GET /api/complaints/{number}/photos/{seq}"] = Staff,

        // issue 18 P3 (handling): reads staff (reporter data only for admin/enforcement, in the handler), writes enforcement
        ["GET /api/complaints/"] = Staff,
        ["GET /api/complaints/overdue"] = Staff,
        ["GET /api/complaints/{number}"] = Staff,
        ["POST /api/complaints/{number}/{action}"] = "admin enforcement",
        ["GET /api/complaints/{number}/events"] = Staff,
        ["GET /api/complaints/{number}/duplicates"] = Staff,
        ["POST /api/complaints/{number}/merge"] = "admin enforcement",
        ["POST /api/complaints/{number}/extend"] = "admin enforcement",

        // issue 18 P4 (statistics, hotspots, Excel)
        ["GET /api/complaints/stats"] = Staff,
        ["GET /api/complaints/stats.xlsx"] = Staff,
        ["GET /api/complaints/hotspots"] = Staff,
        ["GET /api/complaints/streets"] = Staff,

        // issue 18 P5 (Open311 GeoReport v2)
        // Anonymous as the spec says (a GeoReport v2 api_key is the client's, not a SmartEnv account): the POST with a wrong
        // {format} is a 400 for everyone before the key is looked at; with a real format and no api_key it is the spec's 403.
        ["GET /open311/v2/discovery.{format}"] = Everyone,
        ["GET /open311/v2/services.{format}"] = Everyone,
        ["GET /open311/v2/services/{service_code}.{format}"] = Everyone,
        ["POST /open311/v2/requests.{format}"] = Everyone,
        ["GET /open311/v2/requests.{format}"] = Everyone,
        ["GET /open311/v2/requests/{service_request_id}.{format}"] = Everyone,

        // issue 18 P6 (pages)
        ["GET|POST /complaint"] = Everyone, // 我要投诉: the public form (anonymous; staff entry for enforcement users)
        ["GET|POST /complaint/query"] = Everyone, // 投诉进度查询: number + query code, public projection only
        ["GET|POST /complaints"] = Staff,
        ["GET|POST /complaints/{Number}"] = Staff, // reporter block only for admin/enforcement; actions for Enforcement
        ["GET|POST /complaints/stats"] = Staff,
        ["GET|POST /complaints/map"] = Staff,

        // issue 18 P7 (一企一档 slot, CLI, privacy)

        // issue 19 P5 (draw plans, inspections, enforcement cases, credit): plans Enforcement (a committed plan's result only
        // for its organiser, 403 in the handler), writes Enforcement, reads staff; enterprise views under {uscc}; public lists anonymous
        ["GET /api/draw-plans/"] = "admin enforcement",
        ["POST /api/draw-plans/"] = "admin enforcement",
        ["GET /api/draw-plans/{planId}"] = "admin enforcement",
        ["POST /api/draw-plans/{planId}/commit"] = "admin enforcement",
        ["POST /api/draw-plans/{planId}/publish"] = "admin enforcement",
        ["GET /api/draw-plans/{planId}/tasks"] = "admin enforcement",
        ["POST /api/inspection-tasks/{taskId:long}/start"] = "admin enforcement",
        ["POST /api/inspection-records"] = "admin enforcement",
        ["POST /api/inspection-findings/{findingId:long}/rectification"] = "admin enforcement",
        ["POST /api/rectification-orders/{orderId:long}/follow-up"] = "admin enforcement",
        ["GET /api/enforcement-cases"] = Staff,
        ["POST /api/enforcement-cases"] = "admin enforcement",
        ["GET /api/enforcement-cases/{caseNumber}"] = Staff,
        ["GET /api/enforcement-cases/penalty-bands"] = Staff, // guidance only (supervision.md §2.2)
        ["PUT /api/enforcement-cases/{caseNumber}"] = "admin enforcement",
        ["GET /api/enterprises/{uscc}/inspections"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/enterprises/{uscc}/enforcement-cases"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/public/draw-plans"] = Everyone,
        ["GET /api/public/inspection-results"] = Everyone,
        ["GET /api/public/inspections/plans/{planId}/plan.json"] = Everyone,
        ["GET /api/enterprises/{uscc}/credit/"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/credit/evaluate"] = "admin enforcement",
        ["POST /api/enterprises/{uscc}/credit/adjust"] = "admin enforcement",
        ["POST /api/enterprises/{uscc}/credit/events"] = "admin enforcement",
        ["POST /api/enterprises/{uscc}/credit/repairs"] = "enterprise", // applied for by the enterprise itself; staff 403 in the handler
        ["POST /api/enterprises/{uscc}/credit/repairs/{applicationId:long}/{action}"] = "admin enforcement enterprise", // other staff 403 in the handler
        ["GET /api/credit/repairs"] = Staff,
        ["GET /api/credit/evaluations"] = Staff,
        ["GET /api/public/credit/red-list"] = Everyone,
        ["GET /api/public/credit/black-list"] = Everyone,
        // issue 20: emergencies (EmergencyApi); writes under /api/enterprises/{uscc}/emergency: the enterprise itself, admin,
        // enforcement (other staff 403 in the handler)
        ["GET /api/enterprises/{uscc}/emergency/"] = "admin monitoring enforcement planning viewer enterprise",
        ["POST /api/enterprises/{uscc}/emergency/units"] = "admin enforcement enterprise",
        ["POST /api/enterprises/{uscc}/emergency/plans"] = "admin enforcement enterprise",
        ["PUT /api/enterprises/{uscc}/emergency/plans/{emergencyPlanId:long}/documents/{doc}"] = "admin enforcement enterprise",
        ["POST /api/enterprises/{uscc}/emergency/plans/{emergencyPlanId:long}/submit"] = "admin enforcement enterprise",
        ["GET /api/enterprises/{uscc}/emergency/plans/{emergencyPlanId:long}/attachments/{attachmentId:long}"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET /api/emergency/plans"] = Staff,
        ["POST /api/emergency/plans/{emergencyPlanId:long}/check"] = "admin enforcement",
        ["GET /api/emergency/events"] = Staff,
        ["POST /api/emergency/events"] = "admin enforcement",
        ["POST /api/emergency/events/{eventId:long}/reports"] = "admin enforcement",
        ["POST /api/emergency/classify"] = Staff,
        ["GET /api/public/emergency-plans"] = Everyone,
        // issue 22: data sources and their findings (DataSourcesApi); the page /data/sources (writes for Monitoring only)
        ["GET /api/data-sources"] = Staff,
        ["POST /api/data-sources"] = Monitoring,
        ["PUT /api/data-sources/{key}"] = Monitoring,
        ["GET /api/data-sources/{key}/findings"] = Staff,
        ["POST /api/data-sources/{key}/findings"] = Monitoring,
        ["POST /api/data-sources/{key}/findings/{findingId:long}/withdraw"] = Monitoring,
        ["GET|POST /data/sources"] = Staff,
        // issue 19 P5 (pages): staff plans, tasks, cases, credit; the public results and red/black lists (no personal data)
        ["GET|POST /inspections"] = Staff,
        ["GET|POST /inspections/plans/{PlanId}"] = Staff, // the record form only for Enforcement
        ["GET|POST /inspections/cases"] = Staff,
        ["GET|POST /inspections/cases/{CaseNumber}"] = Staff,
        ["GET|POST /credit"] = Staff,
        ["GET|POST /credit/repair"] = "admin monitoring enforcement planning viewer enterprise", // the enterprise applies; staff see nothing to apply for
        ["GET|POST /credit/{Uscc}/{Year}"] = Staff, // the adjustment only for Enforcement
        ["GET|POST /credit/repairs"] = Staff, // review steps only for Enforcement
        ["GET|POST /public/inspections"] = Everyone,
        ["GET|POST /public/credit"] = Everyone,
        // issue 20: construction sites (API staff/enforcement/monitoring; the public list has name, street and card only)
        ["GET /api/construction/sites"] = Staff,
        ["POST /api/construction/sites"] = "admin enforcement",
        ["GET /api/construction/sites/{siteCode}"] = Staff,
        ["POST /api/construction/sites/{siteCode}/monitors"] = Monitoring,
        ["POST /api/construction/sites/{siteCode}/thresholds"] = "admin enforcement",
        ["POST /api/construction/sites/{siteCode}/evaluate"] = "admin enforcement",
        ["GET /api/construction/presets"] = Staff,
        ["GET /api/construction/ranking"] = Staff,
        ["GET /api/public/construction/sites"] = Everyone,
        ["GET|POST /construction"] = Staff,
        ["GET|POST /construction/ranking"] = Staff,
        // issue 20: platform scheduler — schedules and their last runs, admin only
        ["GET /api/schedules"] = "admin",
        ["GET|POST /construction/{SiteCode}"] = Staff, // preset and re-evaluation only for Enforcement

        // issue 20: the one map (一张图): staff layers and pages; the public layers and page anonymous (a staff-only key 404)
        ["GET /api/map/layers/"] = Staff,
        ["GET /api/map/layers/{key}"] = Staff,
        ["GET /api/public/map/layers/"] = Everyone,
        ["GET /api/public/map/layers/{key}"] = Everyone,
        ["GET|POST /map"] = Staff,
        ["GET|POST /public/map"] = Everyone,
        // issue 20 part A: 入河排水口 reads staff, writes Monitoring
        ["GET /api/drainage/outlets/"] = Staff,
        ["GET /api/drainage/outlets/{outletCode}"] = Staff,
        ["POST /api/drainage/outlets/"] = Monitoring,
        ["POST /api/drainage/outlets/{outletCode}/status"] = Monitoring,
        ["POST /api/drainage/outlets/{outletCode}/samples"] = Monitoring,
        ["POST /api/drainage/import"] = Monitoring,
        ["GET|POST /drainage"] = Staff,
        ["GET|POST /drainage/{OutletCode}"] = Staff,
        ["GET|POST /emergency"] = "admin monitoring enforcement planning viewer enterprise", // issue 20: an enterprise sees its own units and plans
        ["GET|POST /emergency/events"] = Staff, // the record form only for Enforcement
        ["GET|POST /emergency/events/{Id}"] = Staff, // the next report only for Enforcement
        ["GET|POST /public/emergency-plans"] = Everyone, // issue 20: filed units (name, USCC, filing number, day)

        ["GET /ui/export/audit.{ext}"] = "admin",
        ["GET /ui/export/alerts.{ext}"] = Staff,
        ["GET /api/plan/indicators"] = Staff,
        ["GET /api/plan/projects"] = Staff,
        ["GET /api/plan/projects/{sequence:int}"] = Staff,
        ["GET /api/plan/export"] = Staff,
        ["GET /ui/export/plan-workbook.xlsx"] = Staff,
        ["GET /ui/export/plan-indicators.{ext}"] = Staff,
        ["GET /ui/export/plan-projects.{ext}"] = Staff,
        // Monitoring: registry, devices, raw data, imports, recomputation.
        ["POST /api/sites/"] = Monitoring,
        ["PUT /api/sites/{code}"] = Monitoring,
        ["DELETE /api/sites/{code}"] = Monitoring,
        ["GET /api/devices/"] = Monitoring,
        ["PUT /api/devices/"] = Monitoring,
        ["PUT /api/devices/{mn}"] = Monitoring,
        ["DELETE /api/devices/{mn}"] = Monitoring,
        ["GET /api/quarantine"] = Monitoring,
        ["GET /api/quarantine/counts"] = Monitoring,
        ["POST /api/import"] = Monitoring,
        ["POST /api/verify/{domain}"] = Monitoring, // issue 22
        ["GET /api/operations"] = Monitoring,
        ["GET /api/operations/{id}"] = Monitoring,
        ["POST /api/sites/{code}/aqi/recompute"] = Monitoring,
        ["GET /ui/export/quarantine.{ext}"] = Monitoring,
        ["GET /ui/export/packets.{ext}"] = Monitoring,
        ["GET /ui/export/imports.{ext}"] = Monitoring,
        ["GET /ui/export/import-rejects.{ext}"] = Monitoring,
        // Alert handling; plan writes.
        ["POST /api/alerts/{id:long}/acknowledge"] = AlertHandling,
        ["POST /api/alerts/{id:long}/close"] = AlertHandling,
        ["POST /api/plan/indicators/{number:int}/values"] = Planning,
        ["PUT /api/plan/indicators/{number:int}/municipal-target"] = Planning,
        ["POST /api/plan/projects/{sequence:int}/stage"] = Planning,
        ["POST /api/plan/projects/{sequence:int}/progress"] = Planning,
        ["POST /api/plan/projects/{sequence:int}/evaluations"] = Planning,
        // Pages (GET and the form POST of static pages).
        ["GET|POST /"] = Everyone,
        ["GET|POST /air"] = Everyone,
        ["GET|POST /water"] = Everyone,
        ["GET|POST /noise"] = Everyone,
        ["GET|POST /public"] = Everyone,
        ["GET|POST /signin"] = Everyone,
        ["GET|POST /signout"] = Everyone,
        ["GET|POST /alerts"] = Staff,
        ["GET|POST /plan"] = Staff,
        ["GET|POST /data"] = Monitoring,
        ["GET|POST /signin/2fa"] = Everyone,
        ["GET|POST /account"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET|POST /users"] = "admin",
        ["GET|POST /audit"] = "admin",
        ["GET|POST /review"] = Monitoring,
        // issue 16 P6: 一企一档 pages (policy EnterpriseOrStaff; the file reads through the caller's scope)
        ["GET|POST /enterprises"] = "admin monitoring enforcement planning viewer enterprise",
        ["GET|POST /enterprises/{Uscc}"] = "admin monitoring enforcement planning viewer enterprise",
    };

    private List<(string Key, string[] Methods, RouteEndpoint Endpoint)> Endpoints()
    {
        var source = fx.Web.App.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>().Select(e =>
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? [];
            var key = (methods.Length == 0 ? "*" : string.Join("|", methods)) + " " + e.RoutePattern.RawText;
            return (key, methods.Length == 0 ? new[] { "GET", "POST" } : methods, e);
        }).ToList();
    }

    [Fact]
    public void Every_endpoint_declares_a_named_policy_or_anonymous_and_is_in_the_table()
    {
        var problems = new List<string>();
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 60, $"only {endpoints.Count} endpoints found: is the data source the app's?");
        foreach (var (key, _, e) in endpoints)
        {
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (!anonymous && (policies.Count == 0 || policies.Any(p => p is null || !SmartEnvPolicies.Roles.ContainsKey(p))))
                problems.Add($"{key}: declares neither a policy nor AllowAnonymous");
            if (!Expected.ContainsKey(key)) problems.Add($"{key}: not in the route table (add it to RouteTableTests.Expected)");
        }
        foreach (var gone in Expected.Keys.Except(endpoints.Select(x => x.Key)))
            problems.Add($"{gone}: in the table but no longer routed");
        Assert.True(problems.Count == 0, "route table:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_table_says()
    {
        var problems = new List<string>();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = SmartEnvWeb.BoundAddress(fx.Web.App) };
        foreach (var (key, methods, e) in Endpoints().Where(x => Expected.ContainsKey(x.Key)))
        {
            var allowed = Expected[key].Split(' ');
            var path = Path(e);
            foreach (var method in methods)
            {
                foreach (var (who, token) in fx.Tokens)
                {
                    var status = await CallAsync(http, e, method, path, token);
                    // An enterprise user naming an enterprise-owned id outside its scope (these ids exist nowhere) gets the
                    // scope's 404 before any policy runs, whether the route is its to call or not: never a 403 that would
                    // confirm the record exists (EnterpriseScope). EnterpriseScopeRouteTests checks those routes with real
                    // ids of its own and of another enterprise.
                    if (who == SmartEnvRoles.Enterprise && status.Item1 == HttpStatusCode.NotFound
                        && EnterpriseScope.OwnedRouteParameters(e).Count > 0)
                        continue;
                    var refused = Refused(status);
                    if (allowed.Contains(who) == refused)
                        problems.Add($"{method} {e.RoutePattern.RawText} as {who}: expected {(allowed.Contains(who) ? "allowed" : "refused")}, got {Describe(status)}");
                }
                // The legacy admin token is an admin principal.
                var legacy = await CallAsync(http, e, method, path, fx.Web.Token);
                if (allowed.Contains("admin") == Refused(legacy))
                    problems.Add($"{method} {e.RoutePattern.RawText} with the legacy admin token: got {Describe(legacy)}");
                // A read-only admin token: safe methods as admin, state-changing ones refused (403) wherever only the signed-in may go.
                var ro = await CallAsync(http, e, method, path, fx.ReadOnlyAdmin);
                var change = method is not ("GET" or "HEAD" or "OPTIONS");
                var expectRefused = !allowed.Contains("admin") || (change && !allowed.Contains("anonymous"));
                if (expectRefused != Refused(ro))
                    problems.Add($"{method} {e.RoutePattern.RawText} with a read-only admin token: expected {(expectRefused ? "refused" : "allowed")}, got {Describe(ro)}");
            }
        }
        Assert.True(problems.Count == 0, "route table:\n" + string.Join('\n', problems));
    }

    /// <summary>Refused: 401, 403, or a redirect to the sign-in page.</summary>
    private static bool Refused((HttpStatusCode Status, string? Location) r) =>
        r.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (r.Status is HttpStatusCode.Redirect or HttpStatusCode.Found && r.Location?.Contains("/signin", StringComparison.Ordinal) == true);

    private static string Describe((HttpStatusCode Status, string? Location) r) =>
        ((int)r.Status).ToString(System.Globalization.CultureInfo.InvariantCulture) + (r.Location is null ? "" : " → " + r.Location);

    /// <summary>Calls the endpoint with an empty body of the type it accepts (JSON <c>{}</c>, or an empty multipart form
    /// for an upload: a body of another type would be answered by routing's 415 endpoint, not by this one).</summary>
    private static async Task<(HttpStatusCode, string?)> CallAsync(HttpClient http, RouteEndpoint e, string method, string path, string? token)
    {
        using var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var multipart = e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
        if (method is "POST" or "PUT" or "PATCH")
            req.Content = multipart ? new MultipartFormDataContent { { new StringContent("prsa"), "format" } } : new StringContent("{}", Encoding.UTF8, "application/json");
        using var res = await http.SendAsync(req);
        return (res.StatusCode, res.Headers.Location?.ToString());
    }

    /// <summary>The pattern with every parameter replaced by a value naming nothing that exists.</summary>
    private static string Path(RouteEndpoint e)
    {
        var sb = new StringBuilder();
        foreach (var segment in e.RoutePattern.PathSegments)
        {
            sb.Append('/');
            foreach (var part in segment.Parts)
                sb.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.Name switch
                    {
                        "ext" => "csv",
                        "documentName" => "v1",
                        "id" or "number" or "sequence" or "taskId" or "findingId" or "orderId" or "applicationId" or "emergencyPlanId" or "eventId" or "attachmentId" => "987654",
                        _ => "ROUTE-TEST-NONE",
                    },
                    _ => "",
                });
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }
}
