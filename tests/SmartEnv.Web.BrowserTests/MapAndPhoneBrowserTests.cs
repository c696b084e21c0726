using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The overview map in a real browser with a severe station. Live hours are written through the platform's own path
/// (<see cref="ObservationWriter"/> then <see cref="AirEvaluator"/>) on top of the fixture's 2019 import of 唐家沱.
/// Hand-worked (HJ 633 Table 1, O3 1-h breakpoints 300/400/800/1000 μg/m³ → IAQI 150/200/300/400): 观音桥 O3 1-h 1000 →
/// AQI 400, 严重污染 (#7E0023, Appendix A), drawn at its registry position (EANET estimate 106.5333 °E 29.5833 °N);
/// 港城 O3 1-h 280 → 100 + 80·50/100 = 140, 轻度污染, but 港城 has no published position: it is listed beside the map.
/// The same server then serves the public page to a phone (390 × 844).
/// </summary>
public sealed class MapAndPhoneBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var store = server.Store;
        await using var db = store.CreateContext();
        var gyq = db.Sites.Single(s => s.Code == "JB-A-GYQ").Id;
        var gc = db.Sites.Single(s => s.Code == "JB-A-GC").Id;
        var now = DateTimeOffset.UtcNow;
        var h0 = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-1);
        ObservationInput V(long site, string mn, DateTimeOffset at, decimal v) =>
            new(site, mn, AirParameterCodes.O3, PeriodType.Hour, at, v, v.ToString(CultureInfo.InvariantCulture));
        await new ObservationWriter(store).UpsertAsync([V(gyq, "test:map-severe", h0, 1000m), V(gc, "test:map-unplaced", h0, 280m)]);
        var day = SmartEnv.Standards.Common.BeijingTime.Date(h0);
        foreach (var site in new[] { gyq, gc })
            await new AirEvaluator(store).RecomputeAsync(site, day.AddDays(-1), day.AddDays(1));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>What the browser's ECharts instance holds: marker series (id, name, z, colour, data names, label layout),
    /// legend names, dataZoom components, and the fill of the topmost element drawn at 观音桥's position.</summary>
    private const string ReadChart = """
        () => {
          const el = document.querySelector('[data-testid=overview-map] [_echarts_instance_]');
          const chart = echarts.getInstanceByDom(el);
          const o = chart.getOption();
          const series = o.series.filter(s => (s.id || '').startsWith('site-')).map(s => ({
            id: s.id, name: s.name, z: s.z, color: s.itemStyle.color, size: s.symbolSize,
            data: s.data.map(d => d.name), labelLayout: s.labelLayout }));
          const gyq = o.series.flatMap(s => s.data || []).find(d => d.name === '观音桥');
          const [x, y] = chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, gyq.value);
          // The element painted topmost at that point (ECharts draws SVG here: later elements are on top).
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + x, r.top + y);
          const rgb = hit ? getComputedStyle(hit).fill.match(/\d+/g) || [] : [];
          const hex = '#' + rgb.slice(0, 3).map(v => (+v).toString(16).padStart(2, '0')).join('').toUpperCase();
          return JSON.stringify({ series, legend: o.legend[0].data.map(d => typeof d === 'string' ? d : d.name),
            dataZoom: o.dataZoom.map(d => ({ type: d.type, x: d.xAxisIndex, y: d.yAxisIndex })), pixel: hex });
        }
        """;

    [Fact]
    public async Task The_severe_station_is_drawn_on_top_in_its_colour_a_site_without_position_is_listed_and_the_map_zooms()
    {
        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await page.Locator("[data-testid=overview-map] [_echarts_instance_]").WaitForAsync(new() { Timeout = 30_000 });
            // The topmost shape at 观音桥's position is its marker in the 严重污染 colour (once the entry animation has settled).
            await page.WaitForFunctionAsync($"() => JSON.parse(({ReadChart})()).pixel === '#7E0023'", null, new() { Timeout = 30_000, PollingInterval = 200 });
            using var chart = JsonDocument.Parse(await page.EvaluateAsync<string>(ReadChart));
            var root = chart.RootElement;
            output.WriteLine(root.ToString());
            var series = root.GetProperty("series").EnumerateArray().ToList();
            var top = series.MaxBy(s => s.GetProperty("z").GetDouble());
            Assert.Equal(("严重污染", "#7E0023"), (top.GetProperty("name").GetString(), top.GetProperty("color").GetString()));
            Assert.Equal(["观音桥"], top.GetProperty("data").EnumerateArray().Select(d => d.GetString()));
            Assert.All(series, s => Assert.True(s.GetProperty("labelLayout").GetProperty("hideOverlap").GetBoolean()));
            // 港城 (no position) is not drawn anywhere.
            Assert.DoesNotContain(series.SelectMany(s => s.GetProperty("data").EnumerateArray()), d => d.GetString() == "港城");
            // Legend: the six HJ 633 levels and the six GB 3838 classes.
            var legend = root.GetProperty("legend").EnumerateArray().Select(e => e.GetString()).ToList();
            foreach (var name in new[] { "优", "良", "轻度污染", "中度污染", "重度污染", "严重污染", "Ⅰ 类", "Ⅱ 类", "Ⅲ 类", "Ⅳ 类", "Ⅴ 类", "劣Ⅴ 类" })
                Assert.Contains(name, legend);
            // Zoom and pan: dataZoom inside the plot on the x (longitude) and y (latitude) axes.
            var zooms = root.GetProperty("dataZoom").EnumerateArray().ToList();
            Assert.All(zooms, z => Assert.Equal("inside", z.GetProperty("type").GetString()));
            Assert.Equal([("x", 0), ("y", 0)], zooms.Select(z => z.TryGetProperty("x", out var x) ? ("x", x.GetInt32()) : ("y", z.GetProperty("y").GetInt32())));

            var unplaced = page.Locator("[data-testid=map-unplaced]");
            await Assertions.Expect(unplaced.Locator("li[data-site='JB-A-GC']")).ToContainTextAsync("港城");
            await Assertions.Expect(unplaced.Locator("li[data-site='JB-A-GC']")).ToContainTextAsync("AQI 140 轻度污染");
            await Assertions.Expect(unplaced.Locator("li[data-site='JB-W-YJQ']")).ToContainTextAsync("无公开坐标");
            Assert.Equal("JB-A-GC", await unplaced.Locator("li").First.GetAttributeAsync("data-site")); // worst first
            Assert.Equal(0, await unplaced.Locator("li[data-site='JB-A-GYQ']").CountAsync());

            var card = page.Locator(".ant-card", new() { Has = page.Locator("[data-testid=overview-map]") });
            await card.ScreenshotAsync(new() { Path = Screenshots.PathFor("map-severe.png") });

            // Hovering 观音桥 shows its value, its time and that its position is an estimate.
            var at = await page.EvaluateAsync<double[]>("""
                () => { const el = document.querySelector('[data-testid=overview-map] [_echarts_instance_]');
                        const c = echarts.getInstanceByDom(el);
                        const d = c.getOption().series.flatMap(s => s.data || []).find(d => d.name === '观音桥');
                        const [x, y] = c.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, d.value);
                        const r = el.getBoundingClientRect(); return [r.left + x, r.top + y]; }
                """);
            await page.Mouse.MoveAsync((float)at[0], (float)at[1]);
            await Assertions.Expect(page.Locator("[data-testid=overview-map]")).ToContainTextAsync("AQI 400 严重污染");
            await Assertions.Expect(page.Locator("[data-testid=overview-map]")).ToContainTextAsync("位置为估计值");

            // A wheel turn over the map zooms in: the longitude range shrinks.
            var box = (await page.Locator("[data-testid=overview-map] [_echarts_instance_]").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
            await page.Mouse.WheelAsync(0, -600);
            await page.WaitForFunctionAsync("""
                () => { const c = echarts.getInstanceByDom(document.querySelector('[data-testid=overview-map] [_echarts_instance_]'));
                        const z = c.getOption().dataZoom[0]; return z.end - z.start < 100; }
                """, null, new() { Timeout = 10_000, PollingInterval = 100 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Elements (tag.class) whose right edge is beyond the viewport, and the document's scroll width.</summary>
    private const string Overflow = """
        () => {
          const w = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.right > w + 0.5;
          }).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
          return JSON.stringify({ scrollWidth: document.documentElement.scrollWidth, clientWidth: w, wide: wide.slice(0, 10) });
        }
        """;

    private async Task AssertFitsAsync(IPage page, string what)
    {
        using var fit = JsonDocument.Parse(await page.EvaluateAsync<string>(Overflow));
        output.WriteLine($"{what}: {fit.RootElement}");
        Assert.True(fit.RootElement.GetProperty("scrollWidth").GetInt32() <= 390, $"{what} scrolls sideways: {fit.RootElement}");
        Assert.Equal(0, fit.RootElement.GetProperty("wide").GetArrayLength());
    }

    [Fact]
    public async Task On_a_390px_phone_the_public_page_collapses_the_navigation_shows_tables_as_cards_and_never_scrolls_sideways()
    {
        var ctx = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
            BaseURL = server.BaseUrl.ToString(), TimezoneId = "UTC",
        });
        try
        {
            var page = await ctx.NewPageAsync();
            await page.GotoAsync("/public");
            await page.Locator("[data-testid=public-stations]").WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=aqi-1420A]")).ToBeVisibleAsync();
            Assert.Equal(390, await page.EvaluateAsync<int>("() => window.innerWidth"));
            // The side navigation is collapsed to the menu button of the top bar.
            await Assertions.Expect(page.Locator(".ant-layout-sider")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("[data-testid=nav-toggle]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=top-nav]")).ToHaveCountAsync(0);
            // Tables become cards: no header row, one block per row, each cell labelled with its column.
            var table = page.Locator("table.se-table").First;
            await Assertions.Expect(table.Locator("thead")).ToBeHiddenAsync();
            var row = table.Locator("tbody tr").First;
            Assert.Equal("block", await row.EvaluateAsync<string>("e => getComputedStyle(e).display"));
            Assert.Contains("目标", await row.Locator("td").Nth(1).EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
            await AssertFitsAsync(page, "/public");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("public-phone.png"), FullPage = true });

            // The menu button opens the navigation under the header; choosing a page closes it.
            await page.Locator("[data-testid=nav-toggle] button").ClickAsync();
            var menu = page.Locator("[data-testid=top-nav]");
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await Assertions.Expect(menu).ToContainTextAsync("总览");
            await AssertFitsAsync(page, "/public with the menu open");
            await menu.GetByText("总览").ClickAsync();
            await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
            await Assertions.Expect(menu).ToHaveCountAsync(0);
            await page.Locator("[data-testid=freshness]").WaitForAsync(new() { Timeout = 30_000 });
            await AssertFitsAsync(page, "/ (overview)");
        }
        finally
        {
            await ctx.CloseAsync();
        }

        // On a wide screen the side bar stays and there is no menu button.
        var wide = await server.NewPageAsync();
        try
        {
            await wide.GotoAsync("/public");
            await wide.Locator("[data-testid=public-stations]").WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(wide.Locator(".ant-layout-sider")).ToBeVisibleAsync();
            await Assertions.Expect(wide.Locator("[data-testid=nav-toggle]")).ToBeHiddenAsync();
        }
        finally
        {
            await wide.Context.CloseAsync();
        }
    }
}
