using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using SmartEnv.Planning.Import;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The 规划 page (江北区“十四五”生态环境保护规划) in a real browser against the real server: the fixture imports the plan
/// tables as <c>smartenv plan import ../shared/data/plan</c> does, and 1420A 唐家沱 2019 as the only air station with data.
/// Page values are compared with the admin API and with hand-worked values.
/// </summary>
public sealed class PlanBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    /// <summary>Hand sums of the printed 重大项目表 rows per 分类 (docs/plan.md), 万元.</summary>
    private static readonly Dictionary<string, decimal> HandTotals = new()
    {
        ["重要生态保护与修复重大工程类"] = 864247m,
        ["环境改善与污染防治重大工程"] = 137627.22m,
        ["资源节约循环利用和低碳发展重大工程"] = 3900m,
        ["监管能力提升重大工程"] = 6997.07m,
    };

    private HttpClient Admin()
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
        return http;
    }

    private async Task<IPage> SignedInAsync(string path, string ready)
    {
        var page = await server.NewPageAsync();
        await UiServerFixture.SignInAsync(page);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync(path);
        await WaitAsync(page, ready);
        output.WriteLine($"render {path} after sign-in (first visit of a new context): {sw.ElapsedMilliseconds} ms");
        return page;
    }

    private async Task WaitAsync(IPage page, string selector)
    {
        try
        {
            await page.Locator(selector).First.WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{selector} not visible on {page.Url}; browser log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}");
        }
    }

    private static async Task<string> Text(ILocator l) => (await l.InnerTextAsync()).Trim();

    private async Task<List<IDictionary<string, object?>>> DownloadTableAsync(IPage page, string testId, string ext)
    {
        var href = await page.Locator($"[data-testid={testId}]").GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, href).ToString());
        Assert.Equal(200, response.Status);
        var path = Path.Combine(Path.GetTempPath(), "smartenv-plan-ui-" + Guid.NewGuid().ToString("N")[..8] + "." + ext);
        await File.WriteAllBytesAsync(path, await response.BodyAsync());
        try
        {
            return MiniExcel.Query(path, useHeaderRow: true, excelType: ext == "xlsx" ? ExcelType.XLSX : ExcelType.CSV)
                .Cast<IDictionary<string, object?>>().ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static decimal Dec(object? cell) => decimal.Parse(Convert.ToString(cell, CultureInfo.InvariantCulture)!, NumberStyles.Number, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Plan_page_and_its_exports_are_closed_without_signing_in()
    {
        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync("/plan?year=2019");
            await page.Locator("[data-testid=signin]").WaitForAsync(new() { Timeout = 30_000 }); // the public is sent to /signin
            Assert.Equal(0, await page.Locator("[data-testid=plan-indicators]").CountAsync());
            foreach (var url in new[] { "/ui/export/plan-workbook.xlsx?kind=tables", "/ui/export/plan-indicators.csv?year=2019", "/ui/export/plan-projects.csv" })
                Assert.Equal(401, (await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, url).ToString())).Status);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Indicator_9_for_2019_equals_the_API_and_the_HJ663_good_day_ratio_83_4_and_every_row_matches_the_API()
    {
        var page = await SignedInAsync("/plan", "[data-testid=plan-indicators]");
        try
        {
            // Year selector: 2019 (1420A's year of data; before the plan's 2020 baseline).
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await page.Locator(".ant-radio-button-wrapper").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*2019\s*$") }).ClickAsync();
            await WaitAsync(page, "[data-testid=plan-indicators][data-year='2019']");
            output.WriteLine($"year switch to 2019 (computes #7/#9/#13 from the stored 2019 hours): {sw.ElapsedMilliseconds} ms");
            Assert.Contains("year=2019", page.Url, StringComparison.Ordinal);

            using var http = Admin();
            var api = await http.GetFromJsonAsync<JsonElement>("/api/plan/indicators?year=2019");
            var apiRows = api.GetProperty("indicators").EnumerateArray().ToList();
            Assert.Equal(17, apiRows.Count);
            Assert.Equal(17, await page.Locator("[data-testid=plan-indicators] tbody tr").CountAsync());
            foreach (var a in apiRows)
            {
                var n = a.GetProperty("number").GetInt32();
                var row = page.Locator($"[data-testid=plan-indicators] tr[data-number='{n}']");
                var value = a.GetProperty("value").ValueKind == JsonValueKind.Null ? null : a.GetProperty("value").GetString();
                Assert.Equal(value ?? "", await row.Locator("[data-testid=value]").GetAttributeAsync("data-value") ?? "");
                Assert.Equal(a.GetProperty("status").GetString(), await row.Locator("[data-testid=status]").GetAttributeAsync("data-status"));
                Assert.Equal(a.GetProperty("status_label").GetString(), await Text(row.Locator("[data-testid=status]")));
                var rule = a.GetProperty("rule_text").GetString()!;
                Assert.Equal(rule[..rule.IndexOf(" / ", StringComparison.Ordinal)], await Text(row.Locator("[data-testid=rule]")));
            }

            // #9 by hand: 226 good of 271 valid AQI days = 83.4 % (docs/standards-air.md, `smartenv air assess`); 2019 precedes
            // the baseline year, so it is compared with the target ≥88 directly: not met.
            var r9 = page.Locator("[data-testid=plan-indicators] tr[data-number='9']");
            Assert.Equal("83.4 %", await Text(r9.Locator("[data-testid=value]")));
            Assert.Equal("平台计算", await Text(r9.Locator("[data-testid=source]")));
            Assert.Equal("未达标", await Text(r9.Locator("[data-testid=status]")));
            Assert.Contains("≥88", await Text(r9.Locator("[data-testid=rule]")), StringComparison.Ordinal);
            await Assertions.Expect(r9.Locator("[data-testid=history]")).ToContainTextAsync("v1 83.4 · 平台计算");
            // #13: PM2.5 annual mean 36 μg/m³ over 329 valid days with months 2, 6, 8, 9 short (GB 3095-2012 Table 4): not a
            // valid annual mean → 统计无效, never 未达标 against ≤35.
            var r13 = page.Locator("[data-testid=plan-indicators] tr[data-number='13']");
            Assert.Equal("36", await r13.Locator("[data-testid=value]").GetAttributeAsync("data-value"));
            Assert.Equal("not_valid", await r13.Locator("[data-testid=status]").GetAttributeAsync("data-status"));
            Assert.Equal("统计无效", await Text(r13.Locator("[data-testid=status]")));
            Assert.DoesNotContain("未达标", await Text(r13), StringComparison.Ordinal);

            await page.WaitForTimeoutAsync(500);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("plan.png") });

            // CSV of the visible table reads back with #9 = 83.4.
            var rows = await DownloadTableAsync(page, "plan-ind-export-csv", "csv");
            Assert.Equal(17, rows.Count);
            var csv9 = rows.Single(r => Convert.ToString(r["序号"], CultureInfo.InvariantCulture) == "9");
            Assert.Equal(83.4m, Dec(csv9["2019年值"]));
            Assert.Equal("未达标", Convert.ToString(csv9["状态"], CultureInfo.InvariantCulture));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Project_totals_equal_the_API_and_the_hand_worked_1012771_29_and_a_filter_and_the_detail_match_the_API()
    {
        var page = await SignedInAsync("/plan?tab=projects&reference_date=2021-01-01", "[data-testid=plan-total]");
        try
        {
            using var http = Admin();
            var api = await http.GetFromJsonAsync<JsonElement>("/api/plan/projects?reference_date=2021-01-01");
            var totals = api.GetProperty("totals");
            var hand = HandTotals.Values.Sum();
            Assert.Equal(1012771.29m, hand); // 864247 + 137627.22 + 3900 + 6997.07
            Assert.Equal(hand.ToString(CultureInfo.InvariantCulture), totals.GetProperty("overall").GetString());
            Assert.Equal(totals.GetProperty("overall").GetString(), await Text(page.Locator("[data-testid=plan-total]")));
            Assert.Equal("50", await Text(page.Locator("[data-testid=project-count]")));
            foreach (var (cat, amount) in HandTotals)
            {
                var shown = await Text(page.Locator($"[data-testid=plan-totals] tr[data-category='{cat}'] [data-testid=category-total]"));
                Assert.Equal(totals.GetProperty("by_category").GetProperty(cat).GetString(), shown);
                Assert.Equal(amount, decimal.Parse(shown, CultureInfo.InvariantCulture));
            }
            // The rows themselves add up to the shown total.
            var amounts = await page.Locator("[data-testid=plan-projects] [data-testid=amount]").AllInnerTextsAsync();
            Assert.Equal(50, amounts.Count);
            Assert.Equal(hand, amounts.Sum(a => decimal.Parse(a.Trim(), CultureInfo.InvariantCulture)));

            // Filter by category through the select: totals equal the API's filtered totals (4 projects, 6997.07).
            const string cat4 = "监管能力提升重大工程";
            await page.Locator("[data-testid=filter-category] .ant-select-selector").ClickAsync();
            await page.Locator(".ant-select-item-option").Filter(new() { HasText = cat4 }).First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=project-count]")).ToHaveTextAsync("4", new() { Timeout = 30_000 });
            var filtered = await http.GetFromJsonAsync<JsonElement>($"/api/plan/projects?reference_date=2021-01-01&category={Uri.EscapeDataString(cat4)}");
            await Assertions.Expect(page.Locator("[data-testid=plan-total]")).ToHaveTextAsync(filtered.GetProperty("totals").GetProperty("overall").GetString()!);
            Assert.Equal("6997.07", await Text(page.Locator("[data-testid=plan-total]")));
            Assert.Contains("category=" + Uri.EscapeDataString(cat4), page.Url, StringComparison.Ordinal);
            await page.WaitForTimeoutAsync(500); // a stray re-render must not drop the filter
            Assert.Equal("4", await Text(page.Locator("[data-testid=project-count]")));
            var csv = await DownloadTableAsync(page, "plan-prj-export-csv", "csv");
            Assert.Equal(4, csv.Count);
            Assert.Equal(6997.07m, csv.Sum(r => Dec(r["总投资（万元）"])));

            // Detail with a progress report recorded through the admin API (the UI only reads).
            var seq = filtered.GetProperty("projects")[0].GetProperty("sequence").GetInt32();
            var post = await http.PostAsJsonAsync($"/api/plan/projects/{seq}/progress",
                new { as_of = "2021-06-30", percent_complete = 35.5m, investment_to_date = 120.25m, issues = "设备招标延后", reported_by = "区生态环境局" });
            Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());
            var detailApi = await http.GetFromJsonAsync<JsonElement>($"/api/plan/projects/{seq}?reference_date=2021-01-01");
            var report = Assert.Single(detailApi.GetProperty("reports").EnumerateArray());
            Assert.Equal("35.5", report.GetProperty("percent_complete").GetString());
            await page.Locator($"[data-testid=plan-projects] tr[data-seq='{seq}']").ClickAsync();
            await WaitAsync(page, "[data-testid=plan-reports]");
            var cells = await page.Locator("[data-testid=plan-reports] tbody tr").First.Locator("td").AllInnerTextsAsync();
            Assert.Equal(["2021-06-30", "35.5 %", "120.25", "设备招标延后", "区生态环境局"], cells.Select(c => c.Trim()).ToArray());
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("plan-projects.png") });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Plan_workbook_link_reproduces_the_printed_tables()
    {
        var page = await SignedInAsync("/plan", "[data-testid=plan-export-tables]");
        try
        {
            var href = await page.Locator("[data-testid=plan-export-tables]").GetAttributeAsync("href");
            var response = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, href).ToString());
            Assert.Equal(200, response.Status);
            var file = Path.Combine(Path.GetTempPath(), "smartenv-plan-ui-" + Guid.NewGuid().ToString("N")[..8] + ".xlsx");
            await File.WriteAllBytesAsync(file, await response.BodyAsync());
            try
            {
                var back = PlanReader.ReadWorkbook(file);
                Assert.True(back.Ok, string.Join("; ", back.Errors));
                // Every printed project row (TSV split by hand) comes back cell for cell.
                var printed = File.ReadAllLines(Path.Combine(UiServerFixture.PlanDir, "major-projects.tsv")).Skip(1).Where(l => l.Length > 0)
                    .Select(l => string.Join("\t", l.Split('\t')).TrimEnd('\t')).ToList();
                Assert.Equal(printed, back.Tables!.Projects.Select(p => string.Join("\t", p.RawCells).TrimEnd('\t')).ToList());
                Assert.Equal(1012771.29m, back.Tables.PrintedProjectTotal);
            }
            finally
            {
                File.Delete(file);
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Reported_values_show_in_the_sparkline_the_version_history_and_the_linear_path_status()
    {
        using var http = Admin();
        // #8 森林覆盖率: 2021 = 50.2, 2022 = 51 then corrected to 51.5 (a second version of 2022).
        foreach (var (year, value, note) in new[] { (2021, 50.2m, (string?)null), (2022, 51m, null), (2022, 51.5m, "corrected") })
        {
            var r = await http.PostAsJsonAsync("/api/plan/indicators/8/values", new { year, value, by = "区林业局", evidence = $"{year}年森林资源年报", note });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
        var page = await SignedInAsync("/plan?year=2022", "[data-testid=plan-indicators][data-year='2022']");
        try
        {
            var row = page.Locator("[data-testid=plan-indicators] tr[data-number='8']");
            Assert.Equal("51.5", await row.Locator("[data-testid=value]").GetAttributeAsync("data-value"));
            Assert.Equal("填报", await Text(row.Locator("[data-testid=source]")));
            // Hand-worked linear path: 26.5 (2020) → 55 (2025); 2022: 26.5 + (55 − 26.5) × 2/5 = 37.9; 51.5 ≥ 37.9 → on track.
            Assert.Equal("on_track", await row.Locator("[data-testid=status]").GetAttributeAsync("data-status"));
            await Assertions.Expect(row).ToContainTextAsync("2022年进度值 37.9");
            var api = await http.GetFromJsonAsync<JsonElement>("/api/plan/indicators?year=2022");
            var a8 = api.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 8);
            Assert.Equal(a8.GetProperty("status").GetString(), await row.Locator("[data-testid=status]").GetAttributeAsync("data-status"));
            var history = await row.Locator("[data-testid=history] div").AllInnerTextsAsync();
            Assert.Equal(2, history.Count);
            Assert.StartsWith("v1 51 · 填报 · 区林业局", history[0].Trim(), StringComparison.Ordinal);
            Assert.StartsWith("v2 51.5 · 填报 · 区林业局", history[1].Trim(), StringComparison.Ordinal);
            Assert.EndsWith("corrected", history[1].Trim(), StringComparison.Ordinal);
            // Sparkline 2020–2025: the current values 2021 = 50.2 and 2022 = 51.5, one dot each.
            var dots = await row.Locator("[data-testid=sparkline] circle title").AllTextContentsAsync();
            Assert.Equal(["2021: 50.2", "2022: 51.5"], dots.Select(d => d.Trim()).ToArray());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Switching_to_en_US_shows_English_headers_on_both_tabs()
    {
        var page = await SignedInAsync("/plan?year=2019", "[data-testid=plan-indicators][data-year='2019']");
        try
        {
            await Assertions.Expect(page.GetByText("2020年现状值", new() { Exact = true })).ToBeVisibleAsync();
            await page.Locator("[data-testid=lang-en]").ClickAsync();
            await Assertions.Expect(page.GetByText("Baseline 2020", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            foreach (var h in new[] { "Indicator", "Target 2025", "Attribute", "Value 2019", "Status and rule" })
                await Assertions.Expect(page.Locator("[data-testid=plan-indicators] thead").GetByText(h, new() { Exact = true })).ToBeVisibleAsync();
            var r9 = page.Locator("[data-testid=plan-indicators] tr[data-number='9']");
            Assert.Equal("not met", await Text(r9.Locator("[data-testid=status]")));
            Assert.StartsWith("2019 precedes the baseline year 2020", await Text(r9.Locator("[data-testid=rule]")), StringComparison.Ordinal);
            Assert.Equal("83.4 %", await Text(r9.Locator("[data-testid=value]")));

            await page.GetByRole(AriaRole.Tab, new() { Name = "Major projects" }).ClickAsync();
            await WaitAsync(page, "[data-testid=plan-total]");
            foreach (var h in new[] { "Investment (10k CNY)", "Lead unit", "Planned end", "Schedule" })
                await Assertions.Expect(page.Locator("[data-testid=plan-projects] thead").GetByText(h, new() { Exact = true })).ToBeVisibleAsync();
            output.WriteLine("en-US headers shown on both tabs");
            await page.Locator("[data-testid=lang-zh]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=plan-projects] thead").GetByText("总投资（万元）", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
