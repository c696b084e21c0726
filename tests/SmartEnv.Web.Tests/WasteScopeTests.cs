using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Tests;
using SmartEnv.Waste.Manifests;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with the issue 17 fixture (<see cref="WasteSeed"/>: generator A with a stored
/// container in TS001, carrier C, receiver R, hospital H, disposal unit D) plus generator B (<see cref="SourceSeed.UsccB"/>)
/// with a storage facility <c>TS001</c> and a stored container of its own, so every waste route and page has something of
/// B that A must not see; and two submitted manifests drafted through <see cref="ManifestService"/>: <see cref="ManifestA"/>
/// A → carrier C → receiver R (A's container) and <see cref="ManifestB"/> B → carrier C2 → R (B's container), so carrier C
/// is party to the first only.</summary>
public sealed class WasteScopeFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    /// <summary>B's container: 18 + 8 + 8 + 3 characters, as the assumed HJ 1276 layout (WasteSeed).</summary>
    public const string ContainerB = SourceSeed.UsccB + "90024908" + "20260110" + "001";

    /// <summary>B's waste name: a text that appears nowhere in A's records.</summary>
    public const string WasteNameB = "乙厂废导热油";

    /// <summary>B's registered name (SourceSeed).</summary>
    public const string NameB = "重庆江北乙热电有限公司";

    /// <summary>Carrier C2 (valid GB 32100 code; its check character from <c>Uscc.CheckCharacter</c>): party to B's manifest only.</summary>
    public static readonly string UsccC2 = "91500105MA5U0C2C0" + SmartEnv.Standards.Identifiers.Uscc.CheckCharacter("91500105MA5U0C2C0");

    /// <summary>A's manifest (A → C → R), submitted.</summary>
    public string ManifestA { get; private set; } = "";

    /// <summary>B's manifest (B → C2 → R), submitted.</summary>
    public string ManifestB { get; private set; } = "";

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public WasteSeedIds Ids { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-waste-scope-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        Ids = await WasteSeed.SeedAsync(Store);
        await using (var db = Store.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.WasteParties.Add(new WasteParty { Uscc = SourceSeed.UsccB, Roles = WastePartyRoles.Generator, UpdatedAt = now });
            var site = new Site { Code = SourceSeed.UsccB + "-TS001", NameZh = "乙厂危废库", Kind = SiteKind.WasteFacility, IsPublic = false, EnterpriseUscc = SourceSeed.UsccB };
            db.Sites.Add(site);
            await db.SaveChangesAsync();
            var facility = new WasteFacility { Uscc = SourceSeed.UsccB, Code = "TS001", Kind = WasteFacilityKind.Storage, Name = "乙厂危废库", SiteId = site.Id, CreatedAt = now };
            db.WasteFacilities.Add(facility);
            await db.SaveChangesAsync();
            var stored = new DateTimeOffset(2026, 1, 10, 6, 0, 0, TimeSpan.Zero);
            var c = new WasteContainer
            {
                Identifier = ContainerB, IdentifierFormat = "assumed-hj1276-37", Uscc = SourceSeed.UsccB, ListVersion = "2021", WasteCode = "900-249-08",
                Category = "HW08", Name = WasteNameB, Form = "液态", Hazard = "T，I", ContainerType = "铁桶", VolumeL = 200m,
                GeneratedAt = stored.AddHours(-2), QuantityT = 0.2m, QuantityAsGiven = 200m, UnitAsGiven = "kg", FacilityId = facility.Id,
                State = WasteLedgerStage.Stored, StoredAt = stored, CreatedBy = "seed", CreatedAt = now,
            };
            db.WasteContainers.Add(c);
            await db.SaveChangesAsync();
            db.WasteLedgerEntries.Add(new WasteLedgerEntry
            {
                Uscc = SourceSeed.UsccB, Stage = WasteLedgerStage.Stored, At = stored, ContainerId = c.Id, ContainerIdentifier = ContainerB, WasteCode = c.WasteCode,
                Category = c.Category, Name = WasteNameB, QuantityT = 0.2m, QuantityAsGiven = 200m, UnitAsGiven = "kg", FacilityCode = "TS001",
                ListVersion = "2021", RecordedBy = "seed", RecordedAt = now,
            });
            await db.SaveChangesAsync();
            db.Enterprises.Add(new Enterprise { Uscc = UsccC2, Name = "重庆江北庚物流有限公司", CreatedAt = now });
            db.WasteParties.Add(new WasteParty { Uscc = UsccC2, Roles = WastePartyRoles.Carrier, TransportLicence = "渝交运管许可字500105000002号", UpdatedAt = now });
            await db.SaveChangesAsync();
            var manifests = new ManifestService(db, TimeProvider.System);
            var actor = new AuditActor(AuditActorKind.User, "seed");
            ManifestA = (await manifests.DraftAsync(WasteSeed.UsccA, new ManifestDraftInput(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, [WasteSeed.ContainerIdentifierA], null), actor)).Number;
            ManifestB = (await manifests.DraftAsync(SourceSeed.UsccB, new ManifestDraftInput(null, UsccC2, WasteSeed.UsccR, "TS001", null, [ContainerB], null), actor)).Number;
            await manifests.FireAsync(ManifestA, WasteSeed.UsccA, ManifestTrigger.Submit, new(), actor);
            await manifests.FireAsync(ManifestB, SourceSeed.UsccB, ManifestTrigger.Submit, new(), actor);
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback,
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
/// Issue 17 acceptance "enterprise scope holds" for the waste module (P7): A's enterprise user sees nothing of B on every
/// new route and page — the API routes are enumerated from the running app (every pattern with <c>/hw</c> or <c>/mw</c>,
/// so a route added later is probed too), the pages' view models (<see cref="WasteService"/>, <see cref="WasteFileSlot"/>)
/// are read through A's scoped context as the page's circuit reads them. Controls that make it able to fail: staff see B's
/// container in the same views and get no 404 on B's routes; A sees its own container.
/// </summary>
public abstract class WasteScopeTests<TDb>(WasteScopeFixture<TDb> app) : IClassFixture<WasteScopeFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    /// <summary>Texts of B that must never reach A's user.</summary>
    private string[] MarkersOfB => [SourceSeed.UsccB, WasteScopeFixture<TDb>.ContainerB, WasteScopeFixture<TDb>.WasteNameB, WasteScopeFixture<TDb>.NameB, app.ManifestB];

    /// <summary>Routes that show a container to anyone by design, with the reason: the public short view of a scanned label
    /// (P3, plan §4: name, category, code, hazard, generator name, generated date only).</summary>
    private static readonly string[] PublicByDesign = ["/api/hw/c/{identifier}", "/hw/c/{Identifier}"];

    private static WasteService Service(SmartEnvDbContext db) => new(db, TimeProvider.System);

    [Fact]
    public async Task Page_views_through_A_scope_show_nothing_of_B()
    {
        await using var a = app.Store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccA]));
        var home = await Service(a).HomeAsync();
        Assert.False(home.Staff);
        Assert.Equal([WasteSeed.ContainerIdentifierA], home.Containers.Select(c => c.Identifier));
        Assert.All(home.Stock, r => Assert.Equal(WasteSeed.UsccA, r.Uscc));
        Assert.Equal(0.18m, home.Stock.Single().StockT);
        Assert.All(home.Ledger, r => Assert.Equal(WasteSeed.UsccA, r.Uscc));
        Assert.Equal(1, home.Ages.Sum(b => b.Count)); // A's one stored container; B's is not counted
        foreach (var q in new[] { WasteScopeFixture<TDb>.ContainerB, WasteScopeFixture<TDb>.WasteNameB, "乙热电", SourceSeed.UsccB[^6..], "HW08", "900-249" })
            Assert.DoesNotContain(await Service(a).ContainersAsync(q), c => c.Uscc != WasteSeed.UsccA);
        Assert.Equal([WasteSeed.ContainerIdentifierA], (await Service(a).ContainersAsync("HW08")).Select(c => c.Identifier));
        Assert.Empty(await Service(a).ContainerLedgerAsync(WasteScopeFixture<TDb>.ContainerB));
        Assert.Equal([WasteSeed.UsccA], (await Service(a).PartiesAsync()).Select(p => p.Uscc));
        var slotB = await new WasteFileSlot(TimeProvider.System).LoadAsync(a, SourceSeed.UsccB, default);
        Assert.Empty(slotB.Rows);

        // Control: staff see B's container, stock and party in the same views.
        await using var all = app.Store.CreateContext();
        var staff = await Service(all).HomeAsync();
        Assert.True(staff.Staff);
        Assert.Contains(staff.Containers, c => c.Identifier == WasteScopeFixture<TDb>.ContainerB);
        Assert.Contains(staff.Stock, r => r.Uscc == SourceSeed.UsccB && r.StockT == 0.2m);
        Assert.Equal(2, staff.Ages.Sum(b => b.Count));
        Assert.Contains(await Service(all).PartiesAsync(), p => p.Uscc == SourceSeed.UsccB);
        Assert.NotEmpty((await new WasteFileSlot(TimeProvider.System).LoadAsync(all, SourceSeed.UsccB, default)).Rows);
        Assert.Equal([WasteScopeFixture<TDb>.ContainerB], (await Service(all).ContainersAsync(WasteScopeFixture<TDb>.WasteNameB)).Select(c => c.Identifier));
    }

    [Fact]
    public async Task Every_waste_route_answers_A_nothing_of_B()
    {
        var routes = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } t && (t.Contains("/hw", StringComparison.Ordinal) || t.Contains("/mw", StringComparison.Ordinal))
                && !PublicByDesign.Contains(t))
            .ToList();
        Assert.Contains(routes, e => e.RoutePattern.RawText == "/hw"); // the pages are among them (the enumeration can fail)
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        var leaks = new List<string>();
        var staffMissing = new List<string>();
        var probed = 0;
        foreach (var e in routes)
        {
            var template = e.RoutePattern.RawText!;
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                foreach (var (path, underB) in Paths(template, app.ManifestB))
                {
                    probed++;
                    var (status, body) = await SendAsync(entA, method, path);
                    // B's enterprise in the path: the scope's 404 before anything else; A's own path: never B's data.
                    if (underB && status != HttpStatusCode.NotFound) leaks.Add($"{method} {path} → {(int)status}");
                    // (a marker the path itself carries may be echoed by an error message, so only others count)
                    if (MarkersOfB.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal) && !path.Contains(m, StringComparison.Ordinal)) is { } found)
                        leaks.Add($"{method} {path} → {(int)status} shows {found}");
                    // B's container or manifest under A's code: never a success (the pages answer 200 and render 未找到 themselves,
                    // checked on their view models above).
                    if (!underB && !template.StartsWith("/hw", StringComparison.Ordinal) && (int)status is >= 200 and < 300
                        && (path.Contains(WasteScopeFixture<TDb>.ContainerB, StringComparison.Ordinal) || path.Contains(app.ManifestB, StringComparison.Ordinal)))
                        leaks.Add($"{method} {path} → {(int)status} (B's id under A's code)");
                    // Control: B's container list and ledger, asked by staff, show B's container.
                    if (underB && method == "GET" && (template.EndsWith("/hw/containers", StringComparison.Ordinal) || template.EndsWith("/hw/ledger", StringComparison.Ordinal))
                        && !(await SendAsync(staff, method, path)).Body.Contains(WasteScopeFixture<TDb>.ContainerB, StringComparison.Ordinal))
                        staffMissing.Add($"{method} {path}");
                }
            }
        }
        Assert.True(leaks.Count == 0, "A's user got something of B: " + string.Join("; ", leaks));
        Assert.True(staffMissing.Count == 0, "staff did not see B's container on B's routes: " + string.Join("; ", staffMissing));
        Assert.True(probed >= routes.Count, $"probed {probed} of {routes.Count} routes");
    }

    [Fact]
    public async Task A_carrier_sees_only_the_manifests_it_is_party_to()
    {
        await using var c = app.Store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccC]));
        var rows = await Service(c).ManifestsAsync();
        Assert.Equal([app.ManifestA], rows.Select(r => r.View.Number));
        Assert.Null(await Service(c).ManifestAsync(app.ManifestB));
        Assert.Empty(await Service(c).ManifestsAsync(app.ManifestB));
        Assert.Empty(await Service(c).ManifestsAsync(WasteScopeFixture<TDb>.NameB));
        // The carrier's one open action on A's submitted manifest: 确认起运 as C.
        var toSign = Assert.Single(await Service(c).ToSignAsync());
        Assert.Equal([new WasteManifestAction(WasteSeed.UsccC, "carrier", "pick_up")], toSign.Actions);
        // Firing on B's manifest as C is refused (not found), and nothing changes.
        Assert.NotNull(await Service(c).FireAsync(app.ManifestB, new WasteManifestAction(WasteSeed.UsccC, "carrier", "pick_up"), new("渝A00001", null, null),
            new AuditActor(AuditActorKind.User, "carrier-c")));
        await using (var all = app.Store.CreateContext())
            Assert.Equal("submitted", (await new ManifestService(all, TimeProvider.System).GetAsync(app.ManifestB, null))!.State);

        // Over HTTP as C's user: its list holds A's manifest only; B's number under C's code is a 404; C2's code is a 404.
        using var carrier = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccC);
        var list = await carrier.GetStringAsync($"/api/enterprises/{WasteSeed.UsccC}/hw/manifests");
        Assert.Contains(app.ManifestA, list, StringComparison.Ordinal);
        Assert.DoesNotContain(app.ManifestB, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync($"/api/enterprises/{WasteSeed.UsccC}/hw/manifests/{app.ManifestB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync($"/api/enterprises/{WasteScopeFixture<TDb>.UsccC2}/hw/manifests/{app.ManifestB}")).StatusCode);

        // Controls: the receiver R is party to both; generator A sees its own only; staff see both.
        await using var r = app.Store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccR]));
        Assert.Equal([app.ManifestA, app.ManifestB], (await Service(r).ManifestsAsync()).Select(x => x.View.Number).Order(StringComparer.Ordinal));
        await using var a = app.Store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccA]));
        Assert.Equal([app.ManifestA], (await Service(a).ManifestsAsync()).Select(x => x.View.Number));
        Assert.Null(await Service(a).ManifestAsync(app.ManifestB));
        await using var staff = app.Store.CreateContext();
        Assert.Equal(2, (await Service(staff).ManifestsAsync()).Count);
        Assert.Empty((await Service(staff).ManifestsAsync()).SelectMany(x => x.Actions)); // staff read only
    }

    /// <summary>Paths to probe for a template: with A's enterprise (other ids = B's where one fits: B's container under A's
    /// code must not answer), and — when the template names an enterprise — the same with B's.</summary>
    private static IEnumerable<(string Path, bool UnderB)> Paths(string template, string manifestB)
    {
        string Fill(string t, string uscc) => t
            .Replace("{uscc}", uscc, StringComparison.Ordinal)
            .Replace("{identifier}", WasteScopeFixture<TDb>.ContainerB, StringComparison.Ordinal)
            .Replace("{Identifier}", WasteScopeFixture<TDb>.ContainerB, StringComparison.Ordinal)
            .Replace("{number}", manifestB, StringComparison.Ordinal)
            .Replace("{Number}", manifestB, StringComparison.Ordinal);
        var filled = System.Text.RegularExpressions.Regex.Replace(Fill(template, WasteSeed.UsccA), @"\{[^}]+\}", "1");
        yield return (filled, false);
        if (template.Contains("{uscc}", StringComparison.Ordinal))
            yield return (System.Text.RegularExpressions.Regex.Replace(Fill(template, SourceSeed.UsccB), @"\{[^}]+\}", "1"), true);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient c, string method, string path)
    {
        using var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") req.Content = JsonContent.Create(new { });
        using var r = await c.SendAsync(req);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteWasteScopeTests(WasteScopeFixture<SqliteTestDatabase> app) : WasteScopeTests<SqliteTestDatabase>(app);

public sealed class PostgresWasteScopeTests(WasteScopeFixture<PostgresTestDatabase> app) : WasteScopeTests<PostgresTestDatabase>(app);
