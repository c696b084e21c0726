using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Alerts;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Host;

namespace SmartEnv.Web.Tests;

/// <summary>
/// <c>/api/alerts</c> over a real SQLite store at a test clock: live O3 hours written through <see cref="ObservationWriter"/>
/// and <see cref="AirEvaluator"/>, one scan, then the public count, the admin list and handling.
/// Hand-worked: O3 1-h 201 μg/m³ → IAQI 100.5 → AQI 101; 250 → 125 (HJ 633 Table 1: 200 → 100, 300 → 150); 125 is level 3 (轻度).
/// </summary>
public sealed class AlertsApiTests : IAsyncLifetime
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 30, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-alerts-" + Guid.NewGuid().ToString("N")[..12]);
    private SmartEnvStore _store = null!;
    private SmartEnvPlatform _platform = null!;
    private WebApplication _app = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = new SmartEnvStore(StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db")));
        await _store.MigrateAndSeedAsync();
        var token = AdminToken.LoadOrCreate(_dir);
        _token = token.Value;
        var readiness = new Readiness("http");
        _platform = SmartEnvPlatform.Create(new PlatformOptions { Store = _store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions
        {
            Store = _store, AdminToken = token, Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback,
            Time = new Clock(Now), Alerts = new AlertOptions { ScanInterval = TimeSpan.Zero },
        } });
        _app = _platform.Web!;
        await _platform.StartAsync();
        readiness.MarkReady("http");
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private HttpClient Client(bool admin)
    {
        var c = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(_app) };
        if (admin) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return c;
    }

    [Fact]
    public async Task Count_is_public_list_and_handling_need_the_token_and_handling_goes_open_acknowledged_closed()
    {
        long site;
        await using (var db = _store.CreateContext()) site = db.Sites.Single(s => s.Code == "JB-A-GYQ").Id;
        var t = Now.AddMinutes(-30).AddHours(-2); // 06:00 UTC: hours 06–07 h and 07–08 h
        ObservationInput O3(DateTimeOffset start, decimal v) => new(site, "test:api", AirParameterCodes.O3, PeriodType.Hour, start, v, v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await new ObservationWriter(_store).UpsertAsync([O3(t, 201m), O3(t.AddHours(1), 250m)]);
        await new AirEvaluator(_store).RecomputeAsync(site, new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 29));
        Assert.Equal(new AlertScanResult(1, 0), await _app.Services.GetRequiredService<AlertScanner>().ScanAsync());

        using var anon = Client(false);
        using var admin = Client(true);
        Assert.Equal(1, (await anon.GetFromJsonAsync<JsonElement>("/api/alerts/count")).GetProperty("open").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/alerts")).StatusCode);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/alerts?status=open");
        var a = Assert.Single(list.EnumerateArray());
        Assert.Equal("JB-A-GYQ", a.GetProperty("site_code").GetString());
        Assert.Equal("air_aqi_exceeded", a.GetProperty("rule").GetString());
        Assert.Equal("minor", a.GetProperty("severity").GetString());
        Assert.Equal("open", a.GetProperty("status").GetString());
        Assert.Equal(125m, a.GetProperty("peak_value").GetDecimal());
        Assert.Equal(t, a.GetProperty("opened_at").GetDateTimeOffset());
        Assert.Equal(t.AddHours(2), a.GetProperty("last_seen_at").GetDateTimeOffset());
        Assert.False(a.GetProperty("condition_ended").GetBoolean());
        var id = a.GetProperty("id").GetInt64();
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/alerts?rule=device_offline")).EnumerateArray());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/alerts?site=JB-A-GYQ&rule=air_aqi_exceeded")).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/alerts?status=pending")).StatusCode);
        using (var bad = await admin.GetAsync("/api/alerts?rule=noise"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            // The refusal names every rule, the issue 17 waste rules 8–12 included (the list comes from the enum).
            var problem = await bad.Content.ReadAsStringAsync();
            foreach (var name in new[] { "air_aqi_exceeded", "manifest_receipt_overdue", "manifest_discrepancy", "waste_stored_over_year", "medical_storage_overdue", "medical_collection_overdue" })
                Assert.Contains(name, problem);
        }
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/alerts?rule=waste_stored_over_year")).EnumerateArray());

        var body = new { by = "李工", note = "已联系站房" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", body)).StatusCode);
        // Each step records who: without "by" (or with a blank one) → 400 naming the field; the alert stays open.
        foreach (var (step, bad) in new (string, object)[] { ("acknowledge", new { }), ("acknowledge", new { by = "  ", note = "x" }), ("close", new { note = "x" }) })
        {
            var r = await admin.PostAsJsonAsync($"/api/alerts/{id}/{step}", bad);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.StartsWith("by is required", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        Assert.Equal("open", (await admin.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == id).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", body)).StatusCode);
        // 未处理 counts what the label says: an acknowledged alert is being handled (已确认), no longer 未处理.
        var counts = await anon.GetFromJsonAsync<JsonElement>("/api/alerts/count");
        Assert.Equal((0, 1), (counts.GetProperty("open").GetInt32(), counts.GetProperty("acknowledged").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/alerts/{id}/close", new { by = "李工", note = "臭氧污染过程，已上报" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/alerts/{id}/close", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/alerts/99999/close", body)).StatusCode);
        Assert.Equal(0, (await anon.GetFromJsonAsync<JsonElement>("/api/alerts/count")).GetProperty("open").GetInt32());

        var closed = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/alerts?status=closed")).EnumerateArray());
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("已联系站房", closed.GetProperty("acknowledge_note").GetString());
        Assert.Equal("臭氧污染过程，已上报", closed.GetProperty("close_note").GetString());
        Assert.Equal(Now, closed.GetProperty("closed_at").GetDateTimeOffset());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray());

        var doc = JsonDocument.Parse(await anon.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        Assert.True(doc.TryGetProperty("/api/alerts", out _));
        Assert.True(doc.TryGetProperty("/api/alerts/{id}/close", out _));
    }

    [Fact]
    public async Task Overview_online_mark_uses_the_receive_time_like_the_offline_rule()
    {
        // Three public noise points: a backlog uploader (data 20 h old, received 10 min ago), a logger last received
        // 3 h 01 min ago (data of that hour), and an imported point with no logger whose data ended 2 h ago.
        var at = new[] { "T-OV-BACKLOG", "T-OV-SILENT", "T-OV-IMPORT" };
        var ids = new long[3];
        await using (var ctx = _store.CreateContext())
        {
            var sites = at.Select(c => new Site { Code = c, NameZh = c, Kind = SiteKind.Noise, IsPublic = true }).ToList();
            ctx.Sites.AddRange(sites);
            await ctx.SaveChangesAsync();
            for (var i = 0; i < 3; i++) ids[i] = sites[i].Id;
            ctx.Devices.Add(new Device { Mn = "OVBACKLOG01", Password = "123456", SiteId = ids[0], LastDataReceivedAt = Now.AddMinutes(-10) });
            ctx.Devices.Add(new Device { Mn = "OVSILENT01", Password = "123456", SiteId = ids[1], LastDataReceivedAt = Now.AddHours(-3).AddMinutes(-1) });
            await ctx.SaveChangesAsync();
        }
        ObservationInput Leq(long site, string mn, DateTimeOffset start) => new(site, mn, "Leq", PeriodType.Hour, start, 55.0m, "55.0");
        await new ObservationWriter(_store).UpsertAsync([
            Leq(ids[0], "OVBACKLOG01", Now.AddHours(-20)), Leq(ids[1], "OVSILENT01", Now.AddHours(-4).AddMinutes(-1)),
            Leq(ids[2], "file:test:IMPORT", Now.AddHours(-3)),
        ]);
        using var scope = _app.Services.CreateScope();
        var model = await scope.ServiceProvider.GetRequiredService<SmartEnv.Web.Ui.OverviewService>().LoadAsync();
        var rows = at.Select(c => model.Sites.Single(s => s.Code == c)).ToList();
        Assert.Equal([true, false, true], rows.Select(r => r.Online).ToList());
        // The "latest data" column still shows the data end (hour start + 1 h).
        Assert.Equal([Now.AddHours(-19), Now.AddHours(-3).AddMinutes(-1), Now.AddHours(-2)], rows.Select(r => r.LatestHourEnd!.Value).ToList());
    }
}
