using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Ui.Map;

namespace SmartEnv.Web.Tests;

/// <summary>Issue 20 API: staff register a site, apply a preset (外省参考), evaluate a month and read the card history; an
/// enterprise user is refused (403) like for every site code; the public list and the public map layer carry the name and
/// the card colour only — no monitor values, no staff link.</summary>
public abstract class ConstructionApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Staff_manage_a_site_and_the_public_sees_name_and_card_only()
    {
        var address = SmartEnvWeb.BoundAddress(app.App);
        using var staff = await TestPrincipals.StaffAsync(address, app.Store, SmartEnvRoles.Enforcement);
        using var viewer = await TestPrincipals.StaffAsync(address, app.Store, SmartEnvRoles.Viewer);
        using var ent = await TestPrincipals.EnterpriseAsync(address, app.Store, "91500105000000000J");
        using var anon = TestPrincipals.Anonymous(address);
        var code = "CS-API-" + typeof(TDb).Name[..3];

        var site = await JsonAsync(await staff.PostAsJsonAsync("/api/construction/sites", new
        {
            code, project_name = "寸滩某安置房", builder_uscc = "91500105000000000J", contractor_uscc = "915001050000000430", street = "寸滩街道",
            floor_area_m2 = 80_000m, phase = "structure", longitude = 106.6m, latitude = 29.6m,
        }));
        Assert.True(site.GetProperty("missing_monitor").GetBoolean()); // 80,000 m² ≥ 50,000 and no monitor
        Assert.False(site.GetProperty("has_thresholds").GetBoolean());  // 未配置阈值
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/construction/sites", new
        {
            code = code + "X", project_name = "x", builder_uscc = "91500105000000000A", contractor_uscc = "915001050000000430", floor_area_m2 = 1m, phase = "structure",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/construction/sites/{code}/evaluate", new { month = "2026-03-01" })).StatusCode);

        // Shaanxi in the structure phase: TSP 0.7 mg/m³ = 700 μg/m³.
        var th = await JsonAsync(await staff.PostAsJsonAsync($"/api/construction/sites/{code}/thresholds", new { preset = "shaanxi-db61-1078-2017" }));
        Assert.Equal((700m, "tsp"), (th[0].GetProperty("limit_ug_m3").GetDecimal(), th[0].GetProperty("parameter").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/construction/sites/{code}/thresholds", new { preset = "chongqing-db50" })).StatusCode);

        var card = await JsonAsync(await staff.PostAsJsonAsync($"/api/construction/sites/{code}/evaluate", new { month = "2026-03-01" }));
        Assert.Equal("green", card.GetProperty("card").GetString()); // no data, no complaints, no findings
        var detail = await JsonAsync(await viewer.GetAsync($"/api/construction/sites/{code}"));
        Assert.Equal(1, detail.GetProperty("cards").GetArrayLength());

        Assert.Equal(HttpStatusCode.Forbidden, (await ent.GetAsync("/api/construction/sites")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ent.GetAsync($"/api/construction/sites/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync($"/api/construction/sites/{code}")).StatusCode);

        var pub = await JsonAsync(await anon.GetAsync("/api/public/construction/sites"));
        var row = pub.EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);
        Assert.Equal(["card", "code", "project_name", "street_code"], row.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("green", row.GetProperty("card").GetString());

        // The public map layer: name and card, no link, no values.
        await using var db = app.Store.CreateContext(SmartEnv.Storage.DataScope.Public);
        var features = await new ConstructionSitesLayer().FeaturesAsync(db, new MapLayerQuery(true, null, new DateOnly(2026, 4, 1)), default);
        var f = features.Single(x => x.Id == code);
        Assert.Equal(("寸滩某安置房", "green", (string?)null, "2026-03"), (f.Name, f.Category, f.Href, f.Detail));
        await using var staffDb = app.Store.CreateContext();
        var staffFeature = (await new ConstructionSitesLayer().FeaturesAsync(staffDb, new MapLayerQuery(false, null, new DateOnly(2026, 4, 1)), default)).Single(x => x.Id == code);
        Assert.Equal("/construction/" + code, staffFeature.Href);
    }
    /// <summary>Trial findings (issue 20): a month out of DateOnly's range was a 500, a month not yet begun stored a green
    /// card that became the site's current (and public) card, and half a position was stored.</summary>
    [Fact]
    public async Task Months_not_begun_or_out_of_range_and_half_positions_are_refused()
    {
        var address = SmartEnvWeb.BoundAddress(app.App);
        using var staff = await TestPrincipals.StaffAsync(address, app.Store, SmartEnvRoles.Enforcement);
        var code = "CS-REF-" + typeof(TDb).Name[..3];
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/construction/sites", new
        {
            code, project_name = "半个坐标", builder_uscc = "91500105000000000J", contractor_uscc = "915001050000000430",
            floor_area_m2 = 1000m, phase = "structure", longitude = 106.5m,
        })).StatusCode);
        await JsonAsync(await staff.PostAsJsonAsync("/api/construction/sites", new
        {
            code, project_name = "月份边界", builder_uscc = "91500105000000000J", contractor_uscc = "915001050000000430", floor_area_m2 = 1000m, phase = "structure",
        }));
        // The fixture runs on the system clock: next month (Beijing) has not begun.
        var today = SmartEnv.Standards.Common.BeijingTime.Date(TimeProvider.System.GetUtcNow());
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        foreach (var month in new[] { next.ToString("yyyy-MM-dd"), "9999-12-31", "0001-01-01" })
        {
            var r = await staff.PostAsJsonAsync($"/api/construction/sites/{code}/evaluate", new { month });
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{month}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(0, (await JsonAsync(await staff.GetAsync($"/api/construction/sites/{code}"))).GetProperty("cards").GetArrayLength());
        // The current month is allowed (its hours so far).
        await JsonAsync(await staff.PostAsJsonAsync($"/api/construction/sites/{code}/evaluate", new { month = today.ToString("yyyy-MM-dd") }));
    }
}

public sealed class SqliteConstructionApiTests(WebAppFixture<SqliteTestDatabase> app) : ConstructionApiTests<SqliteTestDatabase>(app);

public sealed class PostgresConstructionApiTests(WebAppFixture<PostgresTestDatabase> app) : ConstructionApiTests<PostgresTestDatabase>(app);
