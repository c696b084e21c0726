using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Waste.Ledger;
using SmartEnv.Tests;
using SmartEnv.Waste.Ledger;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with <see cref="WasteSeed"/>, at a fixed clock: 2026-03-10 12:00 Beijing.</summary>
public sealed class WasteLedgerAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2026-03-10 04:00 UTC = 12:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 0, 0, TimeSpan.Zero);

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public WasteSeedIds Ids { get; private set; } = null!;
    /// <summary>A container of receiver R (another enterprise than A).</summary>
    public string ContainerR { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-hwledger-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        Ids = await WasteSeed.SeedAsync(Store);
        await using (var ctx = Store.CreateContext())
            ContainerR = (await new LedgerService(ctx, new Clock(Now)).GenerateAsync(WasteSeed.UsccR,
                new GenerateInput("900-249-08", "废矿物油", 1m, "t", Now.AddDays(-1)), AuditActor.System("test"))).Identifier;
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(),
            HttpPort = 0, BindAddress = IPAddress.Loopback, Time = new Clock(Now),
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
/// Issue 17 P2 over HTTP on both engines: an enterprise registers a facility, generates a container (identifier by the
/// assumed HJ 1276 layout, kg → t), stores it and reads its ledger and stock; roles (the party profile is staff's; viewers
/// read only); another enterprise's code or container is a 404. Expected values worked by hand.
/// </summary>
public abstract class WasteLedgerApiTests<TDb>(WasteLedgerAppFixture<TDb> app) : IClassFixture<WasteLedgerAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string Base = "/api/enterprises/" + WasteSeed.UsccA + "/hw";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_enterprise_generates_stores_and_reads_its_ledger_and_stock()
    {
        using var a = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        var f = await a.PostAsJsonAsync(Base + "/facilities", new { code = "TS003", kind = "storage", name = "3#危废贮存库", capacity_t = 10m });
        Assert.Equal(HttpStatusCode.Created, f.StatusCode);
        Assert.Equal("storage", (await JsonAsync(f)).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync(Base + "/facilities", new { code = "TS003", kind = "storage", name = "3#危废贮存库" })).StatusCode);

        var g = await a.PostAsJsonAsync(Base + "/containers", new
        {
            waste_code = "900-041-49", name = "废包装桶", quantity = 35m, unit = "kg", generated_at = "2026-03-09T09:30:00+08:00",
            container_type = "铁桶", volume_l = 60m,
        });
        Assert.Equal(HttpStatusCode.Created, g.StatusCode);
        var c = await JsonAsync(g);
        var id = c.GetProperty("identifier").GetString()!;
        Assert.Equal(WasteSeed.UsccA + "90004149" + "20260309" + "001", id);
        Assert.Equal((0.035m, "HW49", "T/In", "generated"), (c.GetProperty("quantity_t").GetDecimal(), c.GetProperty("category").GetString(),
            c.GetProperty("hazard").GetString(), c.GetProperty("state").GetString()));

        var s = await a.PostAsJsonAsync($"{Base}/containers/{id}/stored", new { at = "2026-03-09T15:00:00+08:00", facility_code = "TS003", handler = "赵六" });
        Assert.Equal(HttpStatusCode.Created, s.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await a.PostAsJsonAsync($"{Base}/containers/{id}/stored", new { facility_code = "TS003" })).StatusCode);

        var detail = await JsonAsync(await a.GetAsync($"{Base}/containers/{id}"));
        Assert.Equal(["generated", "stored"], detail.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("stage").GetString()));
        Assert.Equal("stored", detail.GetProperty("container").GetProperty("state").GetString());

        var before = await JsonAsync(await a.GetAsync(Base + "/stock?date=2026-03-08"));
        Assert.Equal(0, before.GetProperty("facilities").EnumerateArray().Single(x => x.GetProperty("facility_code").GetString() == "TS003").GetProperty("containers").GetInt32());
        var stock = await JsonAsync(await a.GetAsync(Base + "/stock")); // today = 2026-03-10
        var ts3 = stock.GetProperty("facilities").EnumerateArray().Single(x => x.GetProperty("facility_code").GetString() == "TS003");
        Assert.Equal((1, 0.035m), (ts3.GetProperty("containers").GetInt32(), ts3.GetProperty("tonnes").GetDecimal()));
        Assert.Equal("2026-03-10", stock.GetProperty("date").GetString());

        var ledger = await JsonAsync(await a.GetAsync(Base + "/ledger?from=2026-03-09&to=2026-03-09"));
        Assert.Equal(2, ledger.GetArrayLength());
        var listed = await JsonAsync(await a.GetAsync(Base + "/containers?state=stored&code=900-041-49"));
        Assert.Contains(listed.EnumerateArray(), x => x.GetProperty("identifier").GetString() == id);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_an_unknown_stage_a_404()
    {
        using var a = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        var r = await a.PostAsJsonAsync(Base + "/containers", new { waste_code = "900-043-49", name = "x", quantity = 1m, unit = "件" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await JsonAsync(r)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("wasteCode", out _) || errors.TryGetProperty("waste_code", out _));
        Assert.True(errors.TryGetProperty("quantity", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostAsJsonAsync($"{Base}/containers/{WasteSeed.ContainerIdentifierA}/burned", new { })).StatusCode);
    }

    [Fact]
    public async Task Another_enterprise_is_a_404_and_roles_hold()
    {
        using var a = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        // R's code: the scope check. R's container under A's code: the query.
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/api/enterprises/{WasteSeed.UsccR}/hw/containers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"{Base}/containers/{app.ContainerR}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostAsJsonAsync($"{Base}/containers/{app.ContainerR}/stored", new { facility_code = "TS001" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"{Base}/containers/{WasteSeed.ContainerIdentifierA}")).StatusCode);

        // The party profile is the bureau's: A reads it, cannot write it; enforcement staff can.
        Assert.Equal("generator", (await JsonAsync(await a.GetAsync(Base + "/party"))).GetProperty("roles")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await a.PutAsJsonAsync(Base + "/party", new { roles = new[] { "generator" } })).StatusCode);
        using var enforcement = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        var put = await enforcement.PutAsJsonAsync($"/api/enterprises/{WasteSeed.UsccC}/hw/party",
            new { roles = new[] { "carrier" }, transport_licence = WasteSeed.TransportLicenceC, division_code = "500105" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await enforcement.PutAsJsonAsync($"/api/enterprises/{WasteSeed.UsccC}/hw/party", new { roles = new[] { "pirate" } })).StatusCode);

        // A viewer reads, never writes.
        using var viewer = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Base + "/containers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Base + "/containers", new { waste_code = "900-041-49", name = "x", quantity = 1m, unit = "t" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Base + "/facilities", new { code = "TS009", kind = "storage", name = "x" })).StatusCode);
    }
}

public sealed class SqliteWasteLedgerApiTests(WasteLedgerAppFixture<SqliteTestDatabase> app) : WasteLedgerApiTests<SqliteTestDatabase>(app);

public sealed class PostgresWasteLedgerApiTests(WasteLedgerAppFixture<PostgresTestDatabase> app) : WasteLedgerApiTests<PostgresTestDatabase>(app);
