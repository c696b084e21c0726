using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Host;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Tests;

/// <summary>The real HTTP app on a free loopback port over a real database (one per test class).</summary>
public sealed class WebAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    public TDb Db { get; } = new();
    public SmartEnvPlatform Platform { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public SmartEnvStore Store { get; private set; } = null!;
    public string Token { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-web-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        var token = AdminToken.LoadOrCreate(_dataDir);
        Token = token.Value;
        var readiness = new Readiness("http");
        Platform = SmartEnvPlatform.Create(new PlatformOptions { Store = Store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions { Store = Store, AdminToken = token, Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback } });
        App = Platform.Web!;
        await Platform.StartAsync();
        readiness.MarkReady("http");
    }

    public HttpClient Client(bool admin)
    {
        var c = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(App) };
        if (admin) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return c;
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, true);
    }
}

public abstract class ApiContractTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static object Site(string code, string name, string kind = "air", string? targetClass = null, bool isPublic = true) => new
    {
        code, name_zh = name, kind, longitude = 106.6m, latitude = 29.6m, coordinates_approximate = true,
        coordinate_source = "test", control_level = "district", water_target_class = targetClass, is_public = isPublic,
    };

    [Fact]
    public async Task Health_is_200_when_ready_and_503_with_the_pending_listener_otherwise()
    {
        using var c = app.Client(admin: false);
        var r = await c.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        var pending = new Readiness("hj212");
        await using var second = SmartEnvWeb.Build(new SmartEnvWebOptions { Store = app.Store, AdminToken = AdminToken.LoadOrCreate(Path.Combine(Path.GetTempPath(), "smartenv-tok-" + Guid.NewGuid().ToString("N"))), Readiness = pending, HttpPort = 0, BindAddress = IPAddress.Loopback });
        await second.StartAsync();
        using var c2 = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(second) };
        var r2 = await c2.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r2.StatusCode);
        Assert.Contains("hj212", await r2.Content.ReadAsStringAsync());
        await second.StopAsync();
    }

    [Fact]
    public async Task Public_site_list_has_the_seeded_registry_in_unescaped_Chinese_with_units_of_position()
    {
        using var c = app.Client(admin: false);
        var text = await c.GetStringAsync("/api/sites?kind=water");
        Assert.Contains("\"name_zh\":\"长江寸滩\"", text);
        Assert.Contains("\"control_level\":\"national\"", text);
        var sites = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        Assert.All(sites, s => Assert.Equal("water", s.GetProperty("kind").GetString()));
        var yjq = sites.Single(s => s.GetProperty("name_zh").GetString() == "栋梁河跃进桥");
        Assert.Equal("III", yjq.GetProperty("water_target_class").GetString());
        // No published position: none stored (not a placeholder spot), so nothing to call approximate.
        Assert.True(!yjq.TryGetProperty("longitude", out var lon) || lon.ValueKind == JsonValueKind.Null);
        Assert.False(yjq.GetProperty("coordinates_approximate").GetBoolean());
        var air = JsonDocument.Parse(await c.GetStringAsync("/api/sites/1420A")).RootElement;
        Assert.Equal(106.65m, air.GetProperty("longitude").GetDecimal());
    }

    [Fact]
    public async Task Registry_writes_need_the_admin_token_and_hidden_sites_are_admin_only()
    {
        using var anon = app.Client(admin: false);
        using var admin = app.Client(admin: true);
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/sites", Site(code, "测试站"))).StatusCode);
        var wrong = new HttpClient { BaseAddress = anon.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('0', 64));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/api/sites", Site(code, "测试站"))).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", Site(code, "测试站", isPublic: false))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/sites", Site(code, "测试站"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/sites/{code}")).StatusCode);
        Assert.DoesNotContain(code, await anon.GetStringAsync("/api/sites"));
        Assert.Contains(code, await admin.GetStringAsync("/api/sites"));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "测试站二", isPublic: true))).StatusCode);
        var got = JsonDocument.Parse(await anon.GetStringAsync($"/api/sites/{code}")).RootElement;
        Assert.Equal("测试站二", got.GetProperty("name_zh").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "x", kind: "water", targetClass: "VI"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "x", kind: "air", targetClass: "III"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/sites/{code}")).StatusCode);
    }

    [Fact]
    public async Task Devices_register_idempotently_and_a_site_with_devices_cannot_be_deleted()
    {
        using var admin = app.Client(admin: true);
        using var anon = app.Client(admin: false);
        var code = "D-" + Guid.NewGuid().ToString("N")[..8];
        var mn = "MN" + Guid.NewGuid().ToString("N")[..20];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", Site(code, "设备站"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PutAsJsonAsync($"/api/devices/{mn}", new { password = "123456", site_code = code })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = "123456", site_code = code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = "654321", site_code = code })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = "654321", site_code = "NO-SUCH" })).StatusCode);
        await using (var db = app.Store.CreateContext())
        {
            // Issue 14 item 4: the PW is stored as a salted hash (compared, never read back).
            var stored = db.Devices.Single(d => d.Mn == mn).PasswordHash;
            Assert.DoesNotContain("654321", stored);
            Assert.True(DevicePasswords.Verify(stored, "654321"));
            Assert.False(DevicePasswords.Verify(stored, "123456"));
            var hashes = await db.Database.SqlQueryRaw<string>("SELECT password_hash AS \"Value\" FROM devices").ToListAsync();
            Assert.DoesNotContain(hashes, h => h.Contains("654321") || h.Contains("123456"));
        }
        var list = await admin.GetStringAsync("/api/devices");
        Assert.Contains(mn, list);
        Assert.DoesNotContain("654321", list);
        Assert.DoesNotContain("password", list, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/{mn}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
    }

    [Fact]
    public async Task Observations_filter_by_parameter_period_and_a_Beijing_time_range_and_name_units()
    {
        long site;
        await using (var db = app.Store.CreateContext()) site = db.Sites.Single(s => s.Code == "JB-A-GC").Id;
        var mn = "OB" + Guid.NewGuid().ToString("N")[..12];
        var start = new DateTimeOffset(2019, 1, 1, 22, 0, 0, Beijing);
        var rows = Enumerable.Range(0, 6).SelectMany(h => new[]
        {
            new ObservationInput(site, mn, "a34004", PeriodType.Hour, start.AddHours(h), 30 + h, (30 + h).ToString()),
            new ObservationInput(site, mn, "a21005", PeriodType.Hour, start.AddHours(h), 0.800m, "0.800"),
        });
        await new ObservationWriter(app.Store).UpsertAsync(rows);

        using var anon = app.Client(admin: false);
        using var admin = app.Client(admin: true);
        var url = "/api/sites/JB-A-GC/observations?parameter=a34004&period=hour&from=" + Uri.EscapeDataString("2019-01-02T00:00:00+08:00") + "&to=" + Uri.EscapeDataString("2019-01-02T03:00:00+08:00");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync(url)).StatusCode);
        var items = JsonDocument.Parse(await admin.GetStringAsync(url)).RootElement.EnumerateArray().ToList();
        Assert.Equal([32m, 33m, 34m], items.Select(i => i.GetProperty("value").GetDecimal()));
        Assert.Equal("μg/m³", items[0].GetProperty("unit").GetString());
        Assert.Equal("2019-01-01T16:00:00+00:00", items[0].GetProperty("data_time").GetString());
        Assert.Equal("2019-01-02T00:00:00+08:00", items[0].GetProperty("data_time_local").GetString());

        var co = JsonDocument.Parse(await admin.GetStringAsync("/api/sites/JB-A-GC/observations?parameter=a21005&limit=1")).RootElement[0];
        Assert.Equal(("mg/m³", "0.800"), (co.GetProperty("unit").GetString(), co.GetProperty("value_text").GetString()));
        Assert.Equal("0.800", co.GetProperty("value").GetRawText()); // exact decimal with its scale in the JSON number
    }

    [Fact]
    public async Task Daily_AQI_is_public_hourly_is_admin_and_quarantine_is_admin()
    {
        long site;
        await using (var db = app.Store.CreateContext())
        {
            site = db.Sites.Single(s => s.Code == "JB-A-GYQ").Id;
            var now = DateTimeOffset.UtcNow;
            for (var d = 1; d <= 3; d++)
                db.DailyAqi.Add(new DailyAqi { SiteId = site, Date = new DateOnly(2019, 2, d), Aqi = 40 + d, PrimaryPollutants = [], RegimeId = "HJ633-2012", CalculatedAt = now });
            db.HourlyAqi.Add(new HourlyAqi { SiteId = site, HourStart = new DateTimeOffset(2019, 2, 3, 0, 0, 0, TimeSpan.Zero), Aqi = 77, PrimaryPollutants = ["pm25_24h"], RegimeId = "HJ633-2012", CalculatedAt = now });
            db.RawPackets.Add(new RawPacket { Text = "##0000QN=1;CN=2011;MN=UNKNOWN&&0000", ReceivedAt = now, Status = PacketStatus.Quarantined, QuarantineReason = QuarantineReason.UnknownMn, Mn = "UNKNOWN" });
            await db.SaveChangesAsync();
        }
        using var anon = app.Client(admin: false);
        using var admin = app.Client(admin: true);
        var days = JsonDocument.Parse(await anon.GetStringAsync("/api/sites/JB-A-GYQ/aqi/daily?from=2019-02-02&to=2019-02-03")).RootElement.EnumerateArray().ToList();
        Assert.Equal([42, 43], days.Select(d => d.GetProperty("aqi").GetInt32()));
        Assert.Equal("2019-02-02", days[0].GetProperty("date").GetString());
        Assert.Equal(77, JsonDocument.Parse(await anon.GetStringAsync("/api/sites/JB-A-GYQ/aqi/latest")).RootElement.GetProperty("aqi").GetInt32());
        // Issue 14: the hourly series of a public station is public (HJ 633-2012 §5.1.3 real-time report), as on the 空气 page.
        Assert.Single(JsonDocument.Parse(await anon.GetStringAsync("/api/sites/JB-A-GYQ/aqi/hourly")).RootElement.EnumerateArray());
        Assert.Single(JsonDocument.Parse(await admin.GetStringAsync("/api/sites/JB-A-GYQ/aqi/hourly")).RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/quarantine")).StatusCode);
        var q = JsonDocument.Parse(await admin.GetStringAsync("/api/quarantine")).RootElement.EnumerateArray().ToList();
        Assert.Contains(q, p => p.GetProperty("reason").GetString() == "unknown_mn" && p.GetProperty("mn").GetString() == "UNKNOWN");
    }

    [Fact]
    public async Task Quarantine_texts_and_details_never_return_a_PW_in_the_API_or_the_export()
    {
        // Issue 14 item 4: a quarantined packet keeps the PW it was sent with (right or wrong); no answer shows it.
        var mn = "PWMASK" + Guid.NewGuid().ToString("N")[..12];
        await using (var db = app.Store.CreateContext())
        {
            db.RawPackets.Add(new RawPacket
            {
                Text = $"##0101QN=20261206080000001;ST=22;CN=2061;PW=382917;MN={mn};Flag=5;CP=&&DataTime=20261206070000;pw=471100&&ABCD",
                ReceivedAt = DateTimeOffset.UtcNow, Status = PacketStatus.Quarantined, QuarantineReason = QuarantineReason.Malformed, Mn = mn,
                QuarantineDetail = "bad_field at byte 41: 'PW=382917;MN' …",
            });
            await db.SaveChangesAsync();
        }
        using var admin = app.Client(admin: true);
        var body = await admin.GetStringAsync("/api/quarantine?limit=1000");
        var row = JsonDocument.Parse(body).RootElement.EnumerateArray().Single(p => p.GetProperty("mn").GetString() == mn);
        Assert.Equal($"##0101QN=20261206080000001;ST=22;CN=2061;PW=******;MN={mn};Flag=5;CP=&&DataTime=20261206070000;PW=******&&ABCD", row.GetProperty("text").GetString());
        Assert.Equal("bad_field at byte 41: 'PW=******;MN' …", row.GetProperty("detail").GetString());
        Assert.DoesNotContain("382917", body);
        Assert.DoesNotContain("471100", body);
        var csv = await admin.GetAsync("/ui/export/quarantine.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(mn, text);
        Assert.DoesNotContain("382917", text);
        Assert.DoesNotContain("471100", text);
    }

    [Fact]
    public async Task OpenAPI_document_and_interactive_docs_are_served()
    {
        using var c = app.Client(admin: false);
        var doc = JsonDocument.Parse(await c.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/sites/{code}/observations", paths);
        Assert.Contains("/api/sites/{code}/aqi/daily", paths);
        Assert.Contains("/api/quarantine", paths);
        var scalar = await c.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteApiTests(WebAppFixture<SqliteTestDatabase> app) : ApiContractTests<SqliteTestDatabase>(app);

public sealed class PostgresApiTests(WebAppFixture<PostgresTestDatabase> app) : ApiContractTests<PostgresTestDatabase>(app);
