using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with <see cref="ComplaintSeed"/>, at a fixed clock: Tuesday 2024-09-24 10:00 Beijing.</summary>
public sealed class ComplaintsAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2024-09-24 02:00 UTC = Tuesday 10:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2024, 9, 24, 2, 0, 0, TimeSpan.Zero);

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-complaints-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        await ComplaintSeed.SeedAsync(Store);
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
/// Issue 18 P3 over HTTP on both engines: a monitoring user reads a case without the reporter's name and contact, an
/// enforcement user reads it with them and takes the actions; an enterprise user (bound to the enterprise the seed's cases
/// report) gets 403 on every complaint route and never a byte of a case; a refused transition is a 409 problem naming the
/// allowed actions; an unknown number is a 404.
/// </summary>
public abstract class ComplaintsApiTests<TDb>(ComplaintsAppFixture<TDb> app) : IClassFixture<ComplaintsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Monitoring_sees_the_case_without_the_reporter_enforcement_with_it_and_an_enterprise_user_nothing()
    {
        using var monitoring = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var enforcement = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        using var enterprise = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccA);
        var url = "/api/complaints/" + ComplaintSeed.NumberOdourA;

        var m = await monitoring.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, m.StatusCode);
        var body = await m.Content.ReadAsStringAsync();
        Assert.Contains("化工厂傍晚有刺鼻异味", body, StringComparison.Ordinal);
        Assert.DoesNotContain("陈先生", body, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000004", body, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(m)).GetProperty("reporter").ValueKind);
        var list = await monitoring.GetStringAsync("/api/complaints?state=accepted");
        Assert.Contains(ComplaintSeed.NumberOdourA, list, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000004", list, StringComparison.Ordinal);

        var e = await JsonAsync(await enforcement.GetAsync(url));
        Assert.Equal(("陈先生", "13800000004"), (e.GetProperty("reporter").GetProperty("name").GetString(), e.GetProperty("reporter").GetProperty("phone").GetString()));
        Assert.Equal("2024-11-22", e.GetProperty("deadlines").GetProperty("handling_due").GetString());

        foreach (var (method, path) in new[] { ("GET", url), ("GET", "/api/complaints"), ("GET", "/api/complaints/overdue"), ("GET", url + "/events"),
                     ("GET", url + "/duplicates"), ("POST", url + "/assign"), ("POST", url + "/merge"), ("POST", url + "/extend") })
        {
            using var req = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST") req.Content = JsonContent.Create(new { assignee_kind = "street", assignee_code = ComplaintSeed.StreetCuntan });
            using var r = await enterprise.SendAsync(req);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{method} {path} → {(int)r.StatusCode}");
            var text = await r.Content.ReadAsStringAsync();
            Assert.DoesNotContain("异味", text, StringComparison.Ordinal);
            Assert.DoesNotContain("陈先生", text, StringComparison.Ordinal);
        }
        Assert.Equal("accepted", (await JsonAsync(await enforcement.GetAsync(url))).GetProperty("state").GetString()); // the enterprise's POST changed nothing
    }

    [Fact]
    public async Task Enforcement_acts_a_refused_transition_is_409_with_the_allowed_actions_and_an_unknown_number_404()
    {
        using var monitoring = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var enforcement = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        var url = "/api/complaints/" + ComplaintSeed.NumberNoise1;

        Assert.Equal(HttpStatusCode.Forbidden, (await monitoring.PostAsJsonAsync(url + "/accept", new { })).StatusCode);
        var accepted = await enforcement.PostAsJsonAsync(url + "/accept", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var a = await JsonAsync(accepted);
        // Accepted Tue 24 Sep: + 60 days = 6 in September, 31 in October, 23 in November → Sat 23 Nov, rolled forward past Sunday to Mon 25 Nov.
        Assert.Equal(("accepted", "2024-11-25"), (a.GetProperty("state").GetString(), a.GetProperty("deadlines").GetProperty("handling_due").GetString()));
        var refused = await enforcement.PostAsJsonAsync(url + "/decline", new { reason = "unclear" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["assign", "merge"], (await JsonAsync(refused)).GetProperty("allowed").EnumerateArray().Select(x => x.GetString()));
        var bad = await enforcement.PostAsJsonAsync(url + "/assign", new { assignee_kind = "street", assignee_code = "不存在" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("assignee_code", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await monitoring.GetAsync("/api/complaints/TS209901010001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enforcement.PostAsJsonAsync("/api/complaints/TS209901010001/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enforcement.PostAsJsonAsync(url + "/teleport", new { })).StatusCode);
        var events = await monitoring.GetStringAsync(url + "/events");
        Assert.Contains("\"accept\"", events, StringComparison.Ordinal);
    }
}

public sealed class SqliteComplaintsApiTests(ComplaintsAppFixture<SqliteTestDatabase> app) : ComplaintsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresComplaintsApiTests(ComplaintsAppFixture<PostgresTestDatabase> app) : ComplaintsApiTests<PostgresTestDatabase>(app);
