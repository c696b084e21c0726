using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using SmartEnv.Standards.Water;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The 水 page's section trend against the 寸滩 rows of the CNEMC 2021-04-01…05 automatic-station file (imported by
/// <see cref="UiServerFixture"/>): sample times, the published 水质类别 of each row and the five item values, read here
/// from the file's cells, equal the trend's data; the window counts and the class sequence are also worked by hand.
/// </summary>
public sealed class WaterTrendBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    private static readonly string[] ItemColumns = ["pH(无量纲)", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)"];

    /// <summary>The file's 寸滩 rows the importer stores: 站点情况 正常, one per sample time (the file repeats 00:00 rows).</summary>
    private static List<string[]> FileSamples()
    {
        var header = UiServerFixture.CuntanLines[0].Split(',');
        return UiServerFixture.CuntanLines.Skip(1).Select(l => l.Split(','))
            .Where(c => c[Array.IndexOf(header, "站点情况")] == "正常")
            .DistinctBy(c => c[Array.IndexOf(header, "datetime_cst")])
            .OrderBy(c => c[Array.IndexOf(header, "datetime_cst")], StringComparer.Ordinal).ToList();
    }

    private static int Col(string name) =>
        Array.IndexOf(UiServerFixture.CuntanLines[0].Split(','), name) is var i and >= 0 ? i : throw new InvalidOperationException(name);

    private static string ScreenshotDir
    {
        get
        {
            var d = Screenshots.Folder;
            return d;
        }
    }

    /// <summary>Rows of the trend's data element: (Beijing time, class ASCII, the five values).</summary>
    private static async Task<List<(string Time, string Class, string[] Values)>> TrendDataAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "() => [...document.querySelectorAll('[data-testid=water-trend-data] tr')].map(r => [r.dataset.time, r.dataset.class, r.dataset.values])");
        return json.EnumerateArray().Select(r => (r[0].GetString()!, r[1].GetString()!, r[2].GetString()!.Split(';'))).ToList();
    }

    /// <summary>The option of the ECharts instance inside a data-testid'd chart container.</summary>
    private static Task<JsonElement> ChartOptionAsync(IPage page, string testId) =>
        page.EvaluateAsync<JsonElement>(
            "id => { const el = document.querySelector(`[data-testid=${id}] [_echarts_instance_]`); const o = echarts.getInstanceByDom(el).getOption();" +
            " return { data: o.series[0].data.map(d => d == null ? null : (typeof d === 'object' ? d.value : d)), markLine: (o.series[0].markLine?.data ?? []).map(m => m.yAxis) }; }",
            testId);

    [Fact]
    public async Task Water_trend_of_Cuntan_equals_the_file_rows_and_their_published_class()
    {
        var file = FileSamples();
        // Hand count from the file: 28 寸滩 rows − 3 repeated 00:00 rows (04-02, 04-03, 04-04) − 2 维护 rows (04-04 04:00, 08:00) = 23.
        Assert.Equal(23, file.Count);
        // Hand-read classes: 04-01 08:00 is Ⅳ (CODMn 7.19 > 6, TP 0.233 > 0.2: class Ⅳ limits 10 and 0.3), all later rows Ⅱ.
        var handClasses = new[] { "IV" }.Concat(Enumerable.Repeat("II", 22)).ToList();
        var published = file.Select(c => WaterClassText.TryParse(c[Col("水质类别")], out var v) ? v.Value.ToAscii() : "unparsed " + c[Col("水质类别")]).ToList();
        Assert.Equal(handClasses, published);

        var page = await server.NewPageAsync();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync("/water"); // default: the first section with data (寸滩), window 7 d
        try
        {
            await page.Locator("[data-testid=water-class-chart] [_echarts_instance_] svg").First.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "smartenv-water-trend-failure.png") });
            throw new TimeoutException($"trend chart not visible; browser log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}");
        }
        output.WriteLine($"render /water with trend: {sw.Elapsed.TotalMilliseconds:F0} ms");

        var data = await TrendDataAsync(page);
        // 7 d ending at the latest sample (04-05 16:00) covers the whole file.
        Assert.Equal(file.Select(c => c[Col("datetime_cst")]).ToList(), data.Select(d => d.Time).ToList());
        Assert.Equal(published, data.Select(d => d.Class).ToList());
        for (var i = 0; i < file.Count; i++)
            for (var k = 0; k < ItemColumns.Length; k++)
                Assert.Equal(decimal.Parse(file[i][Col(ItemColumns[k])], CultureInfo.InvariantCulture), decimal.Parse(data[i].Values[k], CultureInfo.InvariantCulture));
        Assert.StartsWith("23 个样品，2021-04-01 08:00 至 2021-04-05 16:00", (await page.Locator("[data-testid=water-trend-summary]").InnerTextAsync()).Trim());

        // The class chart's series: category indexes Ⅰ=0 … 劣Ⅴ=5 → Ⅳ=3 then Ⅱ=1; the target line at Ⅲ=2 (registry: 寸滩 target Ⅲ).
        var classChart = await ChartOptionAsync(page, "water-class-chart");
        Assert.Equal(new[] { 3 }.Concat(Enumerable.Repeat(1, 22)), classChart.GetProperty("data").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([2], classChart.GetProperty("markLine").EnumerateArray().Select(e => e.GetInt32()));
        // The item chart (default pH): the file's pH values and the class Ⅲ range 6 and 9 (GB 3838-2002 Table 1).
        var phChart = await ChartOptionAsync(page, "water-item-chart");
        Assert.Equal(file.Select(c => decimal.Parse(c[Col("pH(无量纲)")], CultureInfo.InvariantCulture)),
            phChart.GetProperty("data").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal([6m, 9m], phChart.GetProperty("markLine").EnumerateArray().Select(e => e.GetDecimal()));

        // Ammonia nitrogen: class Ⅲ limit 1.0 mg/L.
        await page.Locator("[data-testid=water-item-chart]").WaitForAsync();
        await page.GetByText("氨氮", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=water-item-chart] .se-sub").Filter(new() { HasText = "氨氮" }).WaitForAsync();
        // The choice is kept in the address (replace, no page load).
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]item=nh3n"));
        await page.Locator("[data-testid=water-item-chart] [_echarts_instance_] svg").First.WaitForAsync();
        var nh3n = await ChartOptionAsync(page, "water-item-chart");
        Assert.Equal(file.Select(c => decimal.Parse(c[Col("氨氮(mg/L)")], CultureInfo.InvariantCulture)),
            nh3n.GetProperty("data").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal([1.0m], nh3n.GetProperty("markLine").EnumerateArray().Select(e => e.GetDecimal()));
        await page.EvaluateAsync("() => document.querySelector('[data-testid=water-item-chart]').scrollIntoView({ block: 'end' })");
        await page.WaitForTimeoutAsync(1200); // ECharts entry animation
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, "water-trend.png") });

        // 24 h ending at 04-05 16:00: (04-04 16:00, 04-05 16:00] → 04-04 20:00 and 04-05 00, 04, 08, 12, 16 = 6 samples.
        await page.GetByText("24 小时", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=water-trend-summary]").Filter(new() { HasText = "6 个样品" }).WaitForAsync();
        data = await TrendDataAsync(page);
        Assert.Equal(["2021-04-04 20:00", "2021-04-05 00:00", "2021-04-05 04:00", "2021-04-05 08:00", "2021-04-05 12:00", "2021-04-05 16:00"],
            data.Select(d => d.Time).ToList());
        Assert.All(data, d => Assert.Equal("II", d.Class));

        // The window and item are in the address; "all" gives the 23 again.
        await page.GotoAsync("/water?site=JB-W-CT&window=all&item=tp");
        await page.Locator("[data-testid=water-trend-summary]").Filter(new() { HasText = "23 个样品" }).WaitForAsync();
        // The summary can render before the item chart's ECharts instance exists: wait for the chart before reading it.
        await page.Locator("[data-testid=water-item-chart] [_echarts_instance_] svg").First.WaitForAsync();
        Assert.Equal([0.2m], (await ChartOptionAsync(page, "water-item-chart")).GetProperty("markLine").EnumerateArray().Select(e => e.GetDecimal()));
        await page.Context.CloseAsync();
    }
}
