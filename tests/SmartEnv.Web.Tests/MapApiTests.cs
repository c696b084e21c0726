using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Ui.Map;

namespace SmartEnv.Web.Tests;

/// <summary>The web app at a fixed clock (Monday 2025-01-06 10:00 Beijing) with the seeded registry (3 air stations, 6 water
/// sections, none placed) and a hand-made map population: two enterprises, one outlet, two noise sites, five complaints.</summary>
public sealed class MapAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2025-01-06 02:00 UTC = Monday 10:00 Beijing; the hotspot period is 2024-10-09 … 2025-01-06 (90 days).</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 6, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A: 重点管理, 观音桥街道, placed; B: no category, 五里店街道, no position.</summary>
    public const string A = "91500105MA5U0A1661", B = "91500105MA5U0B169H";

    /// <summary>观音桥街道 and 五里店街道 (jiangbei-streets.tsv).</summary>
    public const string Guanyinqiao = "500105006000", Wulidian = "500105007000";

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-map-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        await using (var ctx = Store.CreateContext())
        {
            await Seed(ctx, Now);
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(),
            HttpPort = 0, BindAddress = IPAddress.Loopback, Time = new Clock(Now),
        });
        await App.StartAsync();
        Address = SmartEnvWeb.BoundAddress(App);
    }

    /// <summary>Seeds the map population (shared with the browser test's hand counts).</summary>
    /// <param name="ctx">Context (unscoped).</param>
    /// <param name="now">Clock.</param>
    public static async Task Seed(SmartEnvDbContext ctx, DateTimeOffset now)
    {
        ctx.Enterprises.AddRange(
            new Enterprise { Uscc = A, Name = "重庆江北甲化工有限公司", ManagementCategory = PermitCategory.Key, StreetCode = Guanyinqiao, Street = "观音桥街道",
                Longitude = 106.53m, Latitude = 29.58m, CreatedAt = now },
            new Enterprise { Uscc = B, Name = "重庆江北乙热电有限公司", StreetCode = Wulidian, Street = "五里店街道", CreatedAt = now });
        ctx.Sites.AddRange(
            new Site { Code = A + "001P-DA001", NameZh = "甲化工 1 号废气排放口", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = A },
            new Site { Code = "JB-N-T1", NameZh = "观音桥噪声点", Kind = SiteKind.Noise, IsPublic = true, Longitude = 106.54m, Latitude = 29.575m, NoiseZone = "1" },
            new Site { Code = "JB-N-T2", NameZh = "内部噪声点", Kind = SiteKind.Noise, IsPublic = false });
        Complaint C(string number, DateOnly on, string? street, double? lat, double? lon) => new()
        {
            Number = number, Content = "夜间施工噪声扰民", CreatedBy = "seed", QueryCodeHash = "x", QueryCodeSalt = "y", RegisteredOn = on,
            RegisteredAt = now, AcceptanceDue = on.AddDays(5), StreetCode = street, Latitude = lat, Longitude = lon, UpdatedAt = now,
        };
        ctx.Complaints.AddRange(
            // Three in one 500 m cell of 观音桥 (≈ 30 m apart), registered 2024-12-20: one feature, 3 cases → "few" (2–4).
            C("TS202412200001", new(2024, 12, 20), Guanyinqiao, 29.5800, 106.5300),
            C("TS202412200002", new(2024, 12, 20), Guanyinqiao, 29.5802, 106.5302),
            C("TS202412200003", new(2024, 12, 20), Guanyinqiao, 29.5801, 106.5301),
            // The first day of the period (today − 89 = 2024-10-09): in, 五里店, 1 case → "one".
            C("TS202410090001", new(2024, 10, 9), Wulidian, 29.60, 106.60),
            // The day before the period: out.
            C("TS202410080001", new(2024, 10, 8), Wulidian, 29.60, 106.60),
            // No street, no coordinates: the unplaced "none:unlocated" feature, 1 case.
            C("TS202412210001", new(2024, 12, 21), null, null, null));
        await ctx.SaveChangesAsync();
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
/// The 一张图 API (issue 20) over HTTP on both engines: which layers each caller sees, the staff-only keys 404 on the public
/// API, enterprise users refused, the street filter (code, name, unknown → 400), and every layer's features counted by
/// hand from <see cref="MapAppFixture{TDb}.Seed"/> and the registry seed.
/// </summary>
public abstract class MapApiTests<TDb>(MapAppFixture<TDb> app) : IClassFixture<MapAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string A = MapAppFixture<TDb>.A, B = MapAppFixture<TDb>.B;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<string?> Ids(JsonElement layer) => layer.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString());

    [Fact]
    public async Task Layers_access_and_counts()
    {
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        using var ent = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var anon = TestPrincipals.Anonymous(app.Address);

        // Staff: every registered layer by Order, highest first (70, 60 ×3 by key, 50, 45, 40, 35, 30, 20).
        var keys = (await JsonAsync(await staff.GetAsync("/api/map/layers"))).EnumerateArray().Select(l => l.GetProperty("key").GetString()).ToList();
        Assert.Equal(["complaint-hotspots", "air", "construction-sites", "risk-units", "water", "drainage-outlets", "noise", "outlets", "enterprises", "drinking-water"], keys);
        // Public: air, construction-sites, water, drainage-outlets, noise, drinking-water.
        var pub = (await JsonAsync(await anon.GetAsync("/api/public/map/layers"))).EnumerateArray().Select(l => l.GetProperty("key").GetString()).ToList();
        Assert.Equal(["air", "construction-sites", "water", "drainage-outlets", "noise", "drinking-water"], pub);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/public/map/layers/enterprises")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/public/map/layers/complaint-hotspots")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/map/layers/no-such-layer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ent.GetAsync("/api/map/layers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ent.GetAsync("/api/map/layers/enterprises")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/map/layers/air")).StatusCode);

        // Stations: the registry seed has 3 air stations (1420A 唐家沱 and JB-A-GYQ 观音桥 with a public position, JB-A-GC 港城
        // without: listed beside the map) and 6 water sections.
        var air = await JsonAsync(await staff.GetAsync("/api/map/layers/air"));
        Assert.Equal(3, air.GetProperty("count").GetInt32());
        Assert.All(air.GetProperty("features").EnumerateArray(), f => Assert.Equal("air-none", f.GetProperty("category").GetString())); // no stored AQI
        Assert.Equal(["1420A", "JB-A-GYQ"], air.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("placed").GetBoolean()).Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(6, (await JsonAsync(await anon.GetAsync("/api/public/map/layers/water"))).GetProperty("count").GetInt32());
        // Noise: staff see the public and the internal point (2), the public only JB-N-T1 (placed, no data → noise-none).
        Assert.Equal(["JB-N-T1", "JB-N-T2"], Ids(await JsonAsync(await staff.GetAsync("/api/map/layers/noise"))));
        var noisePub = await JsonAsync(await anon.GetAsync("/api/public/map/layers/noise"));
        Assert.Equal(["JB-N-T1"], Ids(noisePub));
        var n1 = noisePub.GetProperty("features")[0];
        Assert.Equal(("noise-none", true, "/noise?site=JB-N-T1"), (n1.GetProperty("category").GetString(), n1.GetProperty("placed").GetBoolean(), n1.GetProperty("href").GetString()));

        // Enterprises: A 重点管理 placed, B no category unplaced; street filter by code or name, unknown 400.
        var ents = await JsonAsync(await staff.GetAsync("/api/map/layers/enterprises"));
        Assert.Equal([A, B], Ids(ents));
        Assert.Equal(["key", "none"], ents.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("category").GetString()));
        Assert.Equal([true, false], ents.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("placed").GetBoolean()));
        Assert.Equal([A], Ids(await JsonAsync(await staff.GetAsync("/api/map/layers/enterprises?street=" + MapAppFixture<TDb>.Guanyinqiao))));
        Assert.Equal([B], Ids(await JsonAsync(await staff.GetAsync("/api/map/layers/enterprises?street=" + Uri.EscapeDataString("五里店街道")))));
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/map/layers/enterprises?street=nowhere")).StatusCode);
        // Stations carry no street: a street filter leaves them all out.
        Assert.Equal(0, (await JsonAsync(await staff.GetAsync("/api/map/layers/air?street=" + MapAppFixture<TDb>.Guanyinqiao))).GetProperty("count").GetInt32());

        // Outlets: the one DA site, at its owner's position (the site and permit have none), owner's street and page.
        var outlet = (await JsonAsync(await staff.GetAsync("/api/map/layers/outlets"))).GetProperty("features").EnumerateArray().Single();
        Assert.Equal(("air", 106.53, 29.58, MapAppFixture<TDb>.Guanyinqiao, "/enterprises/" + A),
            (outlet.GetProperty("category").GetString(), outlet.GetProperty("longitude").GetDouble(), outlet.GetProperty("latitude").GetDouble(),
             outlet.GetProperty("street_code").GetString(), outlet.GetProperty("href").GetString()));

        // Complaint hotspots (period 2024-10-09 … 2025-01-06): 观音桥 cell with 3 (few), 五里店 cell with 1 (one, first day in),
        // the unlocated case (one); the 2024-10-08 case is out. Ids sort ordinally: "500105006000:…" < "500105007000:…" < "none:…".
        var hot = await JsonAsync(await staff.GetAsync("/api/map/layers/complaint-hotspots"));
        var hf = hot.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(3, hot.GetProperty("count").GetInt32());
        Assert.Equal(["few", "one", "one"], hf.Select(f => f.GetProperty("category").GetString()));
        Assert.Equal([true, true, false], hf.Select(f => f.GetProperty("placed").GetBoolean()));
        Assert.Equal("none:unlocated", hf[2].GetProperty("id").GetString());
        Assert.DoesNotContain("TS202410080001", await (await staff.GetAsync("/api/map/layers/complaint-hotspots")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Drinking water: empty (no public source of names or positions), the reason in its one category.
        var dw = await JsonAsync(await anon.GetAsync("/api/public/map/layers/drinking-water"));
        Assert.Equal(0, dw.GetProperty("count").GetInt32());
        Assert.Contains("无公开", dw.GetProperty("layer").GetProperty("categories")[0].GetProperty("name_zh").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteMapApiTests(MapAppFixture<SqliteTestDatabase> app) : MapApiTests<SqliteTestDatabase>(app);

public sealed class PostgresMapApiTests(MapAppFixture<PostgresTestDatabase> app) : MapApiTests<PostgresTestDatabase>(app);

/// <summary>The pure parts of the map at their boundaries: the drawn extent, the outlet medium, the hotspot count bands.</summary>
public sealed class OneMapRuleTests
{
    private static MapFeature F(double? lon, double? lat) => new("x", "x", lon, lat, "c", null, null);

    [Fact]
    public void Extent_is_inclusive_and_a_missing_coordinate_is_unplaced()
    {
        // West 106.40, East 106.95, South 29.45, North 29.78 (OverviewMap).
        Assert.True(OneMap.Inside(F(106.40, 29.45)));
        Assert.True(OneMap.Inside(F(106.95, 29.78)));
        Assert.False(OneMap.Inside(F(106.3999, 29.60)));
        Assert.False(OneMap.Inside(F(106.9501, 29.60)));
        Assert.False(OneMap.Inside(F(106.60, 29.4499)));
        Assert.False(OneMap.Inside(F(106.60, 29.7801)));
        Assert.False(OneMap.Inside(F(null, 29.60)));
        Assert.False(OneMap.Inside(F(106.60, null)));
    }

    [Fact]
    public void Outlet_medium_and_hotspot_bands()
    {
        Assert.Equal("air", OutletsMapLayer.CategoryOf("91500105MA5U0A1661001P-DA001"));
        Assert.Equal("water", OutletsMapLayer.CategoryOf("91500105MA5U0A1661001P-DW002"));
        Assert.Equal("other", OutletsMapLayer.CategoryOf("91500105MA5U0A1661001P-DX001"));
        Assert.Equal("other", OutletsMapLayer.CategoryOf("da001")); // lower case is not the HJ 608 code
        Assert.Equal("one", ComplaintHotspotsMapLayer.CategoryOf(1));
        Assert.Equal("few", ComplaintHotspotsMapLayer.CategoryOf(2));
        Assert.Equal("few", ComplaintHotspotsMapLayer.CategoryOf(4));
        Assert.Equal("many", ComplaintHotspotsMapLayer.CategoryOf(5));
    }

    [Fact]
    public void Build_draws_one_series_per_shown_layer_and_category_and_finds_the_clicked_feature()
    {
        var info = new MapLayerInfo("t", "测试", "Test", true, "circle", [new("a", "甲", "A", "#ff0000"), new("b", "乙", "B", "#00ff00")], 1);
        var placed = new MapFeature("1", "一", 106.5, 29.6, "b", null, "/x");
        var data = new MapLayerData(info, [placed, new MapFeature("2", "二", null, null, "a", null, null)]);
        var m = OneMap.Build([data], new HashSet<string>(), [], true);
        // Outline + 2 categories = 3 series; series 2 is "t:b" with the one placed feature.
        Assert.Equal(3, m.SeriesByIndex.Count);
        Assert.Null(m.SeriesByIndex[0]);
        Assert.Equal(("t", "a", 0), (m.SeriesByIndex[1]!.Layer, m.SeriesByIndex[1]!.Category, m.SeriesByIndex[1]!.Features.Count));
        Assert.Same(placed, m.FeatureAt(2, 0));
        Assert.Null(m.FeatureAt(2, 1));
        Assert.Null(m.FeatureAt(0, 0));
        Assert.Single(OneMap.Build([data], new HashSet<string> { "t" }, [], true).SeriesByIndex); // hidden: outline only
    }
}
