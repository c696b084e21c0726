using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// A server for the 一张图 pages at a fixed clock (Monday 2025-01-06 10:00 Beijing): a temp SQLite store with the registry
/// seed (air and water stations) plus one object of every other layer that can have one (a risk unit and a construction site included) — a public and an internal noise
/// point, enterprise A (重点管理, 观音桥街道) with one DA outlet, three complaints in one cell, one drainage outlet — and an admin. The
/// drinking-water layer stays empty by design (no public source). Chromium as <see cref="UiServerFixture"/>.
/// </summary>
public sealed class OneMapServerFixture : IAsyncLifetime
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2025-01-06 02:00 UTC = Monday 10:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 6, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Enterprise A, placed at 106.56 E 29.60 N where no other marker is.</summary>
    public const string A = "91500105MA5U0A1661";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-map-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication _app = null!;
    public SmartEnvStore Store { get; private set; } = null!;
    public string AdminTokenValue { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public System.Collections.Concurrent.ConcurrentBag<string> BrowserLog { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        Store = new SmartEnvStore(StoreOptions.Parse(null, _dataDir));
        await Store.MigrateAndSeedAsync();
        await using (var ctx = Store.CreateContext())
        {
            const string street = "500105006000"; // 观音桥街道
            ctx.Enterprises.Add(new Enterprise { Uscc = A, Name = "重庆江北甲化工有限公司", ManagementCategory = PermitCategory.Key, StreetCode = street, Street = "观音桥街道",
                Longitude = 106.56m, Latitude = 29.60m, CreatedAt = Now });
            ctx.Sites.AddRange(
                new Site { Code = A + "001P-DA001", NameZh = "甲化工 1 号废气排放口", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = A, Longitude = 106.60m, Latitude = 29.63m },
                new Site { Code = "JB-N-T1", NameZh = "观音桥噪声点", Kind = SiteKind.Noise, IsPublic = true, Longitude = 106.50m, Latitude = 29.56m },
                new Site { Code = "JB-N-T2", NameZh = "内部噪声点", Kind = SiteKind.Noise, IsPublic = false });
            ctx.DrainageOutlets.Add(new SmartEnv.Storage.Entities.Drainage.DrainageOutlet
            {
                Code = "JB-PK-0001", Name = "盘溪河 1 号排水口", River = "panxi", Type = "stormwater", Status = "in_progress", RulesVersion = "test", StreetCode = street,
                Longitude = 106.52m, Latitude = 29.59m, CreatedAt = Now, UpdatedAt = Now,
            });
            foreach (var (n, lat) in new[] { ("TS202412200001", 29.5800), ("TS202412200002", 29.5802), ("TS202412200003", 29.5801) })
                ctx.Complaints.Add(new Complaint
                {
                    Number = n, Content = "夜间施工噪声扰民", CreatedBy = "seed", QueryCodeHash = "x", QueryCodeSalt = "y", RegisteredOn = new DateOnly(2024, 12, 20),
                    RegisteredAt = Now, AcceptanceDue = new DateOnly(2024, 12, 25), StreetCode = street, Latitude = lat, Longitude = 106.5300, UpdatedAt = Now,
                });
            // The modules' layers: enterprise A is a 较大 risk unit (drawn at A's registry position), one construction site on a
            // yellow card for the month.
            ctx.EmergencyRiskUnits.Add(new SmartEnv.Storage.Entities.Emergency.EmergencyRiskUnit
            {
                Uscc = A, Name = "甲化工储罐区", Level = "较大", Expression = "较大[较大-大气(Q1-M2-E1)+一般-水(Q0)]", AssessedOn = new DateOnly(2024, 6, 1),
                IsKey = true, UpdatedAt = Now, UpdatedBy = "seed",
            });
            var site = new SmartEnv.Storage.Entities.Construction.ConstructionSite
            {
                Code = "CS-MAP-01", ProjectName = "观音桥某安置房", BuilderUscc = A, ContractorUscc = "915001050000000430", StreetCode = street,
                Longitude = 106.54m, Latitude = 29.575m, FloorAreaM2 = 60_000m, Phase = "structure", CreatedAt = Now,
            };
            ctx.ConstructionSites.Add(site);
            await ctx.SaveChangesAsync();
            ctx.ConstructionCards.Add(new SmartEnv.Storage.Entities.Construction.ConstructionCard
            {
                ConstructionSiteId = site.Id, Month = new DateOnly(2024, 12, 1), Colour = "yellow", DustHours = 3, ReasonsJson = "[]", EvidenceJson = "[]",
                ThresholdsJson = "[]", RuleVersion = "test", EvaluatedAt = Now, EvaluatedBy = "seed",
            });
            await ctx.SaveChangesAsync();
        }
        await TestAccounts.UserAsync(Store, UiServerFixture.AdminUser, UiServerFixture.AdminPassword, [SmartEnvRoles.Admin]);
        var token = AdminToken.LoadOrCreate(_dataDir);
        AdminTokenValue = token.Value;
        _app = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = token, Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback, Time = new Clock(Now),
        });
        await _app.StartAsync();
        BaseUrl = SmartEnvWeb.BoundAddress(_app);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = UiServerFixture.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new zh-CN page of the given size (a phone-sized one is mobile with touch).</summary>
    public Task<IPage> NewPageAsync(int width = 1600, int height = 1000)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = "UTC" };
        if (width < 500) { options.IsMobile = true; options.HasTouch = true; options.DeviceScaleFactor = 2; }
        return ZhPages.NewAsync(Browser, BaseUrl, BrowserLog, options);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_app is not null) { await _app.StopAsync(); await _app.DisposeAsync(); }
        try { Directory.Delete(_dataDir, true); } catch (IOException) { }
    }
}

/// <summary>
/// 一张图 in Chromium (issue 20 acceptance): for every layer the API lists, the page's count (drawn + listed beside the map,
/// <c>data-count</c>) equals the API's <c>count</c>, and the drawn series hold exactly the API's placed features; a layer
/// toggled off leaves the chart and comes back; a click on enterprise A's marker opens <c>/enterprises/{A}</c>; the public
/// map on a phone shows only the public layers with the public API's counts. Screenshot <c>map.png</c>
/// (<see cref="Screenshots"/>: a temp folder unless <c>docs/screenshots/refresh.sh</c>).
/// </summary>
public sealed class OneMapBrowserTests(OneMapServerFixture server, ITestOutputHelper output) : IClassFixture<OneMapServerFixture>
{
    private Task OpenAsync(IPage page, string path) => ZhPages.OpenAsync(page, path, "[data-testid=one-map][data-ready=true]", server.BrowserLog);

    /// <summary>key → (count, placed) from the API, for staff (admin token) or the public.</summary>
    private async Task<Dictionary<string, (int Count, int Placed)>> ApiCountsAsync(bool publicOnly)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        if (!publicOnly) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminTokenValue);
        var prefix = publicOnly ? "/api/public/map/layers" : "/api/map/layers";
        var keys = JsonDocument.Parse(await http.GetStringAsync(prefix)).RootElement.EnumerateArray().Select(l => l.GetProperty("key").GetString()!).ToList();
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            var e = JsonDocument.Parse(await http.GetStringAsync(prefix + "/" + k)).RootElement;
            result[k] = (e.GetProperty("count").GetInt32(), e.GetProperty("features").EnumerateArray().Count(f => f.GetProperty("placed").GetBoolean()));
        }
        return result;
    }

    /// <summary>key → (data-count, data-placed) of the page's layer list.</summary>
    private static async Task<Dictionary<string, (int Count, int Placed)>> PageCountsAsync(IPage page)
    {
        var rows = page.Locator("[data-testid=map-layers] [data-layer]");
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var r = rows.Nth(i);
            result[(await r.GetAttributeAsync("data-layer"))!] = (int.Parse((await r.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture),
                int.Parse((await r.GetAttributeAsync("data-placed"))!, CultureInfo.InvariantCulture));
        }
        return result;
    }

    /// <summary>Placed features per layer as the chart's series say ("layer:category=n;…").</summary>
    private static async Task<Dictionary<string, int>> DrawnAsync(IPage page)
    {
        var text = await page.Locator("[data-testid=one-map-chart]").GetAttributeAsync("data-series") ?? "";
        return text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('='))
            .GroupBy(p => p[0].Split(':')[0]).ToDictionary(g => g.Key, g => g.Sum(p => int.Parse(p[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Every_layer_matches_the_api_toggles_and_opens_its_object()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/map");
            var api = await ApiCountsAsync(false);
            // The seven built-in layers; the hand counts of the fixture: air 3 (registry), water 6, noise 2, enterprises 1,
            // outlets 1, complaint hotspots 1 (three cases in one cell), drinking water 0.
            Assert.Equal((3, 2), api["air"]); // 1420A and JB-A-GYQ have a public position, JB-A-GC none
            Assert.Equal((2, 1), api["noise"]);
            Assert.Equal((1, 1), api["enterprises"]);
            Assert.Equal((1, 1), api["outlets"]);
            Assert.Equal((1, 1), api["complaint-hotspots"]);
            Assert.Equal((0, 0), api["drinking-water"]);
            Assert.Equal((1, 1), api["drainage-outlets"]);
            Assert.Equal((1, 1), api["risk-units"]);
            Assert.Equal((1, 1), api["construction-sites"]);
            Assert.Equal(6, api["water"].Count);
            // Every registered layer (whoever registered it): the page's count and drawn markers equal the API's.
            var shown = await PageCountsAsync(page);
            Assert.Equal(api.Keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
            foreach (var (k, v) in api) Assert.True(v == shown[k], $"layer {k}: API {v}, page {shown[k]}");
            var drawn = await DrawnAsync(page);
            foreach (var (k, v) in api) Assert.True(v.Placed == drawn.GetValueOrDefault(k), $"layer {k}: API placed {v.Placed}, drawn {drawn.GetValueOrDefault(k)}");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("map.png"), FullPage = true });

            // Toggle enterprises off and on.
            await page.Locator("[data-testid=toggle-enterprises]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=map-layers] [data-layer=enterprises]")).ToHaveAttributeAsync("data-shown", "false");
            Assert.False((await DrawnAsync(page)).ContainsKey("enterprises"));
            await page.Locator("[data-testid=toggle-enterprises]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=map-layers] [data-layer=enterprises]")).ToHaveAttributeAsync("data-shown", "true");
            Assert.Equal(1, (await DrawnAsync(page))["enterprises"]);

            // Click enterprise A's marker (its pixel from the chart's own coordinate conversion) → its page.
            // Vizor.ECharts initialises the chart (echarts.init + setOption) and attaches its click handler in two separate
            // interop calls, and the toggle above re-created the chart (@key): a click between the two is lost. Wait until the
            // current chart draws the enterprises series AND has its click handler (zrender Eventful's _$handlers).
            await page.WaitForFunctionAsync("""
                () => { const el = document.querySelector('[data-testid=one-map-chart] [_echarts_instance_]');
                        const c = el && echarts.getInstanceByDom(el);
                        return !!c && ((c._$handlers && c._$handlers.click) || []).length > 0
                            && c.getOption().series.some(s => s.id === 'enterprises:key'); }
                """);
            var chart = page.Locator("[data-testid=one-map-chart] [_echarts_instance_]").First;
            var xy = await chart.EvaluateAsync<double[]>("(el) => echarts.getInstanceByDom(el).convertToPixel({ seriesId: 'enterprises:key' }, [106.56, 29.60])");
            var box = (await chart.BoundingBoxAsync())!;
            await page.Mouse.ClickAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]));
            await page.WaitForURLAsync(u => u.Contains("/enterprises/" + OneMapServerFixture.A, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
        output.WriteLine(string.Join("\n", server.BrowserLog));
    }

    [Fact]
    public async Task The_public_map_on_a_phone_shows_only_public_layers()
    {
        var page = await server.NewPageAsync(390, 844);
        try
        {
            await OpenAsync(page, "/public/map");
            var api = await ApiCountsAsync(true);
            var shown = await PageCountsAsync(page);
            Assert.Equal(["air", "construction-sites", "drainage-outlets", "drinking-water", "noise", "water"], shown.Keys.Order(StringComparer.Ordinal));
            foreach (var staffOnly in new[] { "enterprises", "outlets", "complaint-hotspots", "risk-units" }) Assert.DoesNotContain(staffOnly, shown.Keys);
            Assert.Equal(api.Keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
            foreach (var (k, v) in api) Assert.True(v == shown[k], $"layer {k}: API {v}, page {shown[k]}");
            Assert.Equal((1, 1), shown["noise"]); // the internal point is not public
            Assert.Equal((1, 1), shown["construction-sites"]); // name and card only
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the public map scrolls sideways on a 390 px phone");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("map-phone.png"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
