using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with <see cref="WasteSeed"/>, at a fixed clock: Monday 2026-03-02 10:00 Beijing.</summary>
public sealed class ManifestsAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2026-03-02 02:00 UTC = Monday 10:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-manifests-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        await WasteSeed.SeedAsync(Store);
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
/// Issue 17 P4 over HTTP on both engines: the three parties sign their own sections under their own
/// <c>/api/enterprises/{uscc}/hw/manifests</c>, staff read and never sign, B sees nothing, there is no delete, the receipt
/// due day is counted by hand (Mon 2026-03-02 + 5 working days: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 — no holiday in that
/// week per 国办发明电〔2025〕7号), and the number is the first of 2026 in city 5001.
/// </summary>
public abstract class ManifestsApiTests<TDb>(ManifestsAppFixture<TDb> app) : IClassFixture<ManifestsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Parties_sign_their_sections_staff_read_and_B_sees_nothing()
    {
        using var a = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        using var c = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccC);
        using var r = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccR);
        using var b = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccB);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        var draft = new
        {
            carrier_uscc = WasteSeed.UsccC, receiver_uscc = WasteSeed.UsccR, from_facility_code = "TS001",
            lines = new[] { new { waste_code = "900-249-08", name = "废矿物油", package_count = 2, quantity_t = 1.5m } },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/enterprises/{WasteSeed.UsccA}/hw/manifests", draft)).StatusCode);
        var bad = await a.PostAsJsonAsync($"/api/enterprises/{WasteSeed.UsccA}/hw/manifests", new { carrier_uscc = WasteSeed.UsccR, receiver_uscc = WasteSeed.UsccR, from_facility_code = "TS001", lines = draft.lines });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("carrier_uscc", (await bad.Content.ReadAsStringAsync()).Replace("carrierUscc", "carrier_uscc"));

        var created = await a.PostAsJsonAsync($"/api/enterprises/{WasteSeed.UsccA}/hw/manifests", draft);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var m = await JsonAsync(created);
        var number = m.GetProperty("manifest").GetProperty("number").GetString()!;
        Assert.Equal("20265001000001", number);
        Assert.Equal("T，I", m.GetProperty("manifest").GetProperty("lines")[0].GetProperty("hazard").GetString()); // from the 2021 list
        Assert.Equal(["submit", "record_paper", "correct"], m.GetProperty("actions").EnumerateArray().Select(x => x.GetString()));

        string Url(string uscc, string rest = "") => $"/api/enterprises/{uscc}/hw/manifests/{number}{rest}";
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(Url(SourceSeed.UsccB))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(Url(WasteSeed.UsccA))).StatusCode);
        Assert.Empty((await JsonAsync(await b.GetAsync($"/api/enterprises/{SourceSeed.UsccB}/hw/manifests"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync(Url(WasteSeed.UsccC, "/submit"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync(Url(WasteSeed.UsccA, "/submit"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostAsJsonAsync(Url(WasteSeed.UsccA, "/delete"), new { })).StatusCode);
        Assert.False((await a.DeleteAsync(Url(WasteSeed.UsccA))).IsSuccessStatusCode); // no delete route, ever (Art. 20)

        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync(Url(WasteSeed.UsccA, "/submit"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PostAsJsonAsync(Url(WasteSeed.UsccC, "/pick_up"), new { })).StatusCode); // vehicle required
        Assert.Equal(HttpStatusCode.OK, (await c.PostAsJsonAsync(Url(WasteSeed.UsccC, "/pick_up"), new { vehicle = "渝A12345" })).StatusCode);
        var arrived = await JsonAsync(await c.PostAsJsonAsync(Url(WasteSeed.UsccC, "/arrive"), new { }));
        Assert.Equal(("arrived", "2026-03-09"), (arrived.GetProperty("manifest").GetProperty("state").GetString(), arrived.GetProperty("manifest").GetProperty("receipt_due").GetString()));
        var receiverView = await JsonAsync(await r.GetAsync(Url(WasteSeed.UsccR)));
        Assert.Equal(["accept", "accept_partially", "reject"], receiverView.GetProperty("actions").EnumerateArray().Select(x => x.GetString()));

        var accepted = await r.PostAsJsonAsync(Url(WasteSeed.UsccR, "/accept"), new { received = new[] { new { line_no = 1, received_t = 1.5m, method = "D10" } } });
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        Assert.Equal("accepted", (await JsonAsync(accepted)).GetProperty("manifest").GetProperty("state").GetString());

        var events = await JsonAsync(await staff.GetAsync(Url(WasteSeed.UsccA, "/events")));
        Assert.Equal(["draft", "submit", "pick_up", "arrive", "accept"], events.EnumerateArray().Select(e => e.GetProperty("trigger").GetString()));
        var all = await JsonAsync(await staff.GetAsync("/api/hw/manifests"));
        Assert.Contains(all.EnumerateArray(), x => x.GetProperty("manifest").GetProperty("number").GetString() == number && x.GetProperty("actions").GetArrayLength() == 0);
        Assert.Empty((await JsonAsync(await staff.GetAsync("/api/hw/manifests?overdue=true"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync("/api/hw/manifests")).StatusCode);
        Assert.Single((await JsonAsync(await c.GetAsync($"/api/enterprises/{WasteSeed.UsccC}/hw/manifests"))).EnumerateArray());
    }
}

public sealed class SqliteManifestsApiTests(ManifestsAppFixture<SqliteTestDatabase> app) : ManifestsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresManifestsApiTests(ManifestsAppFixture<PostgresTestDatabase> app) : ManifestsApiTests<PostgresTestDatabase>(app);
