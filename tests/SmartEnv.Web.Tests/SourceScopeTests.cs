using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with the issue 16 fixture (<see cref="SourceSeed"/>: enterprises A and B, each
/// with a permit and an outlet site) plus, per enterprise, one execution report — so every id a route under
/// <c>/api/enterprises/{uscc}/…</c> takes exists for both A and B; and one submitted 异常说明 each, with an attachment.</summary>
public sealed class SourceScopeFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public SourceSeedIds Ids { get; private set; } = null!;

    /// <summary>Execution report id of A's permit and of B's.</summary>
    public (long A, long B) Reports { get; private set; }

    /// <summary>异常说明 id of A and of B.</summary>
    public (long A, long B) Explanations { get; private set; }

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-source-scope-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        Ids = await SourceSeed.SeedAsync(Store);
        await using (var db = Store.CreateContext())
        {
            var ra = new ExecutionReport { PermitId = Ids.PermitA, Kind = ExecutionReportKind.Annual, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31), DueOn = new DateOnly(2027, 1, 15) };
            var rb = new ExecutionReport { PermitId = Ids.PermitB, Kind = ExecutionReportKind.Annual, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31), DueOn = new DateOnly(2027, 1, 15) };
            db.ExecutionReports.AddRange(ra, rb);
            var files = new SmartEnv.Sources.Explanations.ExplanationAttachments(Path.Combine(_dataDir, "attachments"));
            var explanations = new List<SourceExplanation>();
            foreach (var (uscc, site) in new[] { (SourceSeed.UsccA, Ids.OutletSiteAirA), (SourceSeed.UsccB, Ids.OutletSiteAirB) })
            {
                var (file, error) = await files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("检修记录 " + uscc)), "检修记录.txt");
                Assert.True(file is not null, error);
                var e = new SourceExplanation
                {
                    Uscc = uscc, SiteId = site, Reason = "maintenance", FromHour = new DateTimeOffset(2027, 1, 5, 2, 0, 0, TimeSpan.Zero),
                    ToHour = new DateTimeOffset(2027, 1, 5, 4, 0, 0, TimeSpan.Zero), Text = "锅炉检修", AttachmentName = "检修记录.txt",
                    AttachmentPath = file.RelativePath, AttachmentSha256 = file.Sha256, AttachmentBytes = file.Bytes, State = "submitted",
                    SubmittedBy = "seed", SubmittedAt = DateTimeOffset.UtcNow,
                };
                explanations.Add(e);
                db.SourceExplanations.Add(e);
            }
            await db.SaveChangesAsync();
            Reports = (ra.Id, rb.Id);
            Explanations = (explanations[0].Id, explanations[1].Id);
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback,
            ExplanationAttachmentDirectory = Path.Combine(_dataDir, "attachments"),
        });
        await App.StartAsync();
        Address = SmartEnvWeb.BoundAddress(App);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, true);
    }
}

/// <summary>
/// Issue 16 acceptance "Enterprise A's user sees nothing of enterprise B" (plan issue-16 §4) over the issue 16 fixture:
/// every route under <c>/api/enterprises/{uscc}/</c> — enumerated from the app's endpoints, so a route added later is
/// probed too — answers 404 to A's user (a) with B's uscc and B's ids, and (b) with A's uscc but an id of B (B's permit,
/// outlet, report, explanation under A's uscc: the query, not the uscc check, must refuse it; on a staff-only write the
/// policy's 403 is accepted only when A's own id gets the same 403, so the answer cannot tell B's id exists). Controls that make it able
/// to fail: staff get no 404 for B's GET routes, and A's user gets no 404 for A's own. The lists and the staff-only
/// registry routes are checked by name.
/// </summary>
public abstract class SourceScopeTests<TDb>(SourceScopeFixture<TDb> app) : IClassFixture<SourceScopeFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private sealed record Probe(string Method, string Template, string PathB, string PathA, string? PathAWithIdOfB);

    /// <summary>The value of a route parameter for enterprise B (<paramref name="b"/>) or A; null = not known to this
    /// test (the probe enumeration then fails, naming it).</summary>
    private string? Value(string parameter, bool b) => parameter switch
    {
        "uscc" => b ? SourceSeed.UsccB : SourceSeed.UsccA,
        "code" => b ? SourceSeed.OutletSiteCodeAirB : SourceSeed.OutletSiteCodeAirA,
        "permit" => b ? SourceSeed.PermitNumberB : SourceSeed.PermitNumberA,
        "version" => "1",
        "reportId" => (b ? app.Reports.B : app.Reports.A).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "explanationId" => (b ? app.Explanations.B : app.Explanations.A).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private List<Probe> Probes()
    {
        var probes = new List<Probe>();
        var unknown = new List<string>();
        foreach (var e in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = e.RoutePattern.RawText ?? "";
            if (!raw.StartsWith("/api/enterprises/{uscc}/", StringComparison.Ordinal)) continue;
            // Issue 17's waste routes (…/hw/…, …/mw/…) need a fixture with waste records of A and B: WasteScopeTests enumerates
            // and probes every one of them the same way (A's user → 404 on B's, staff and A's own → not 404).
            if (raw.StartsWith("/api/enterprises/{uscc}/hw/", StringComparison.Ordinal) || raw.StartsWith("/api/enterprises/{uscc}/mw/", StringComparison.Ordinal)) continue;
            // Issue 19's repair steps need a repair application of A and B: CreditApiTests probes them (B's user on A's
            // application → 404, A's application under B's uscc → 404). The other credit and inspection routes take only
            // {uscc} and are probed here.
            if (raw.StartsWith("/api/enterprises/{uscc}/credit/repairs/{applicationId", StringComparison.Ordinal)) continue;
            // Issue 20's plan routes need a plan of A and B: EmergencyApiTests probes them (B's user on A's plan → 404, A's plan
            // under B's uscc → 404). The other emergency routes take only {uscc} and are probed here.
            if (raw.StartsWith("/api/enterprises/{uscc}/emergency/plans/{emergencyPlanId", StringComparison.Ordinal)) continue;
            string? Fill(bool usccOfB, bool idsOfB)
            {
                var sb = new StringBuilder();
                foreach (var seg in e.RoutePattern.PathSegments)
                {
                    sb.Append('/');
                    foreach (var part in seg.Parts)
                        switch (part)
                        {
                            case RoutePatternLiteralPart l: sb.Append(l.Content); break;
                            case RoutePatternSeparatorPart s: sb.Append(s.Content); break;
                            case RoutePatternParameterPart p:
                                var v = Value(p.Name, p.Name == "uscc" ? usccOfB : idsOfB);
                                if (v is null) { unknown.Add($"{raw} {{{p.Name}}}"); return null; }
                                sb.Append(Uri.EscapeDataString(v));
                                break;
                        }
                }
                return sb.ToString();
            }
            var pathB = Fill(true, true);
            var pathA = Fill(false, false);
            if (pathB is null || pathA is null) continue;
            var mixed = e.RoutePattern.Parameters.Count > 1 && e.RoutePattern.Parameters.Any(p => p.Name is not ("uscc" or "version")) ? Fill(false, true) : null;
            foreach (var m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                probes.Add(new Probe(m, raw, pathB, pathA, mixed));
        }
        Assert.True(unknown.Count == 0, "route parameters under /api/enterprises/{uscc}/ this test has no A/B value for (add them to Value): " + string.Join("; ", unknown.Distinct()));
        return probes;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient c, string method, string path)
    {
        using var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") req.Content = JsonContent.Create(new { });
        using var r = await c.SendAsync(req);
        return r.StatusCode;
    }

    [Fact]
    public async Task A_gets_404_for_B_on_every_route_under_an_enterprise()
    {
        var probes = Probes();
        // The routes of issue 16 must be among them (the enumeration itself can fail).
        static string Plain(string template) => System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/');
        var templates = probes.Select(p => Plain(p.Template)).ToHashSet(StringComparer.Ordinal);
        foreach (var t in new[] { "/api/enterprises/{uscc}/sites", "/api/enterprises/{uscc}/permits", "/api/enterprises/{uscc}/permits/{permit}/versions/{version}",
                     "/api/enterprises/{uscc}/reports", "/api/enterprises/{uscc}/reports/{reportId}/submitted", "/api/enterprises/{uscc}/explanations",
                     "/api/enterprises/{uscc}/explanations/{explanationId}/decision", "/api/enterprises/{uscc}/explanations/{explanationId}/attachment" })
            Assert.Contains(t, templates);
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccA);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        var leaks = new List<string>();
        var ownMissing = new List<string>();
        var staffMissing = new List<string>();
        foreach (var p in probes)
        {
            var b = await SendAsync(entA, p.Method, p.PathB);
            if (b != HttpStatusCode.NotFound) leaks.Add($"{p.Method} {p.PathB} → {(int)b}");
            // B's id under A's uscc: 404, or — on a route A's role may not use at all (staff-only writes) — the same 403 that
            // A's own id gets, so the answer says nothing of B's id.
            if (p.PathAWithIdOfB is { } mixed && await SendAsync(entA, p.Method, mixed) is var m && m != HttpStatusCode.NotFound
                && !(m == HttpStatusCode.Forbidden && await SendAsync(entA, p.Method, p.PathA) == HttpStatusCode.Forbidden))
                leaks.Add($"{p.Method} {mixed} (B's id under A's uscc) → {(int)m}");
            if (p.Method == "GET")
            {
                if (await SendAsync(entA, p.Method, p.PathA) == HttpStatusCode.NotFound) ownMissing.Add($"{p.Method} {p.PathA}");
                if (await SendAsync(staff, p.Method, p.PathB) == HttpStatusCode.NotFound) staffMissing.Add($"{p.Method} {p.PathB}");
            }
        }
        Assert.True(leaks.Count == 0, "answered other than 404 to A's user: " + string.Join("; ", leaks));
        Assert.True(ownMissing.Count == 0, "A's own ids answered 404 to A's user: " + string.Join("; ", ownMissing));
        Assert.True(staffMissing.Count == 0, "B's ids answered 404 to staff: " + string.Join("; ", staffMissing));
    }

    [Fact]
    public async Task Lists_show_A_only_and_the_registry_routes_are_staff_only()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccA);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        static async Task<List<string>> Usccs(HttpClient c, string url) =>
            JsonDocument.Parse(await c.GetStringAsync(url)).RootElement.EnumerateArray().Select(e => e.GetProperty("uscc").GetString()!).ToList();
        Assert.Equal([SourceSeed.UsccA], await Usccs(entA, "/api/enterprises"));
        Assert.DoesNotContain(SourceSeed.UsccB, await Usccs(entA, "/api/enterprises?q=" + Uri.EscapeDataString("乙")));
        var all = await Usccs(staff, "/api/enterprises");
        Assert.Contains(SourceSeed.UsccA, all);
        Assert.Contains(SourceSeed.UsccB, all);

        // A's own sites are its two outlets, never B's.
        var sites = JsonDocument.Parse(await entA.GetStringAsync($"/api/enterprises/{SourceSeed.UsccA}/sites")).RootElement.EnumerateArray()
            .Select(e => e.GetProperty("code").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([SourceSeed.OutletSiteCodeAirA, SourceSeed.OutletSiteCodeWaterA], sites);
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/sites/{SourceSeed.OutletSiteCodeAirB}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/sites/{SourceSeed.OutletSiteCodeAirB}")).StatusCode);

        // Staff-only registry routes (bureau work): an enterprise user is refused whatever the table.
        foreach (var e in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api/registry/", StringComparison.Ordinal)))
        {
            var path = (e.RoutePattern.RawText ?? "").Replace("{table}", "enterprises", StringComparison.Ordinal);
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var status = await SendAsync(entA, method, path);
                Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{method} {path} → {(int)status} for an enterprise user");
            }
        }
    }

    [Fact]
    public async Task The_store_seen_through_A_scope_holds_nothing_of_B()
    {
        await using var db = app.Store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccA]));
        Assert.Equal([SourceSeed.UsccA], await db.Enterprises.Select(e => e.Uscc).ToListAsync());
        Assert.Equal([SourceSeed.PermitNumberA], await db.Permits.Select(p => p.Number).ToListAsync());
        Assert.Equal([app.Ids.VersionA], await db.PermitVersions.Select(v => v.Id).ToListAsync());
        Assert.Equal(2, await db.PermitOutlets.CountAsync());
        Assert.Equal(2, await db.PermitLimits.CountAsync());
        Assert.Equal([app.Reports.A], await db.ExecutionReports.Select(r => r.Id).ToListAsync());
        Assert.Equal([app.Explanations.A], await db.SourceExplanations.Select(e => e.Id).ToListAsync());
        Assert.DoesNotContain(app.Ids.OutletSiteAirB, await db.Sites.Select(s => s.Id).ToListAsync());
        // Control: unrestricted, B is there.
        await using var all = app.Store.CreateContext();
        Assert.Equal(2, await all.Permits.CountAsync());
        Assert.Equal(2, await all.ExecutionReports.CountAsync());
        Assert.Equal(2, await all.SourceExplanations.CountAsync());
    }
}

public sealed class SqliteSourceScopeTests(SourceScopeFixture<SqliteTestDatabase> app) : SourceScopeTests<SqliteTestDatabase>(app);

public sealed class PostgresSourceScopeTests(SourceScopeFixture<PostgresTestDatabase> app) : SourceScopeTests<PostgresTestDatabase>(app);
