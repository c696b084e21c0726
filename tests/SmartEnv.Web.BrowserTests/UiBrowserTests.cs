using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>Every page in a real browser against the real server, seeded with 1420A 唐家沱 2019.</summary>
public sealed class UiBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    private static readonly DateOnly Y0 = new(2019, 1, 1), Y1 = new(2019, 12, 31);

    /// <summary>HJ 663 assessment of 1420A in 2019 straight from the file (not through the store or the UI).</summary>
    private static readonly Lazy<AirAssessment> FromFile = new(() =>
    {
        var hours = AirHourFiles.ReadStations(AirFileFormat.CnemcSites, [UiServerFixture.ChongqingFile], new HashSet<string> { "1420A" });
        return Hj663Assessment.Assess(hours["1420A"], Y0, Y1);
    });

    private static string ScreenshotDir
    {
        get
        {
            var d = Screenshots.Folder;
            return d;
        }
    }

    private async Task<(IPage Page, TimeSpan Render)> OpenAsync(string path, string readySelector, IPage? page = null)
    {
        page ??= await server.NewPageAsync();
        var sw = Stopwatch.StartNew();
        await page.GotoAsync(path);
        try
        {
            await page.Locator(readySelector).First.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "smartenv-ui-failure.png") });
            throw new TimeoutException($"{readySelector} not visible on {path}; browser log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}");
        }
        var t = sw.Elapsed;
        return (page, t);
    }

    private async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(1200); // let ECharts finish its entry animation
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png") });
    }

    [Fact]
    public async Task Air_page_shows_the_HJ663_good_day_ratio_of_1420A_2019_equal_to_the_assessment_of_the_file()
    {
        // Hand value from docs/standards-air.md / `smartenv air assess --station 1420A` on the same file: 83.4 %.
        Assert.Equal(83.4m, FromFile.Value.GoodDayRatioPercent);
        var (page, t) = await OpenAsync("/air?site=1420A&from=2019-01-01&to=2019-12-31", "[data-testid=good-ratio]");
        output.WriteLine($"render /air (1420A, 2019): {t.TotalMilliseconds:F0} ms");
        Assert.Equal("83.4 %", (await page.Locator("[data-testid=good-ratio]").InnerTextAsync()).Trim());
        var excluded = int.Parse(await page.Locator("[data-testid=excluded-count]").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.Equal(FromFile.Value.ExcludedDays.Count(), excluded);
        var composite = (await page.Locator("[data-testid=composite]").InnerTextAsync()).Trim();
        Assert.Equal(FromFile.Value.Composite!.Value.ToString(CultureInfo.InvariantCulture), composite);
        var pm25Mean = await page.Locator("[data-indicator=pm25_24h] td").Nth(2).InnerTextAsync();
        Assert.Equal(FromFile.Value.Statistics.Single(s => s.Indicator == AqiIndicator.Pm25_24h).Mean + " μg/m³", pm25Mean.Trim());
        // …and equal to the API's HJ 663 assessment of the stored hours (GET /api/sites/1420A/assessment, admin).
        using (var http = new HttpClient { BaseAddress = server.BaseUrl })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
            var api = await http.GetFromJsonAsync<JsonElement>("/api/sites/1420A/assessment?from=2019-01-01&to=2019-12-31");
            Assert.Equal(api.GetProperty("good_day_ratio_percent").GetDecimal().ToString(CultureInfo.InvariantCulture) + " %",
                (await page.Locator("[data-testid=good-ratio]").InnerTextAsync()).Trim());
            Assert.Equal(api.GetProperty("composite_index").GetDecimal().ToString(CultureInfo.InvariantCulture), composite);
            var days = string.Join(" ", api.GetProperty("days_per_level").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(days, string.Join(" ", (await page.Locator("[data-testid=days-per-level] .se-aqi").AllInnerTextsAsync()).Select(x => x.Trim())));
        }
        await page.Locator("[_echarts_instance_]").First.WaitForAsync();
        await ShotAsync(page, "air");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, "air-full.png"), FullPage = true });

        // Regime switch: the 2012 text for every day gives the same daily AQI rules (daily set unchanged in 2014 practice).
        await page.GetByText("HJ633-2026", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=regime-note]").Filter(new() { HasText = "HJ633-2026" }).WaitForAsync();
        var r2026 = Hj663Assessment.Assess(AirHourFiles.ReadStations(AirFileFormat.CnemcSites, [UiServerFixture.ChongqingFile],
            new HashSet<string> { "1420A" })["1420A"], Y0, Y1, AqiRegime.Hj633_2026);
        await Assertions.Expect(page.Locator("[data-testid=good-ratio]")).ToHaveTextAsync(r2026.GoodDayRatioPercent!.Value.ToString(CultureInfo.InvariantCulture) + " %");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_renders_with_values_and_saves_a_1920x1080_screenshot()
    {
        var times = new List<string>();
        var (page, t) = await OpenAsync("/", "[data-testid=freshness]");
        times.Add($"/ (overview): {t.TotalMilliseconds:F0} ms");
        // The district = the registry's air stations with data = 1420A only; 2019 is the latest year with data.
        Assert.Equal("83.4 %", (await page.Locator("[data-testid=year-good-ratio]").InnerTextAsync()).Trim());
        // Site names equal the API's registry.
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var sites = await http.GetFromJsonAsync<JsonElement>("/api/sites");
        var tjt = sites.EnumerateArray().Single(s => s.GetProperty("code").GetString() == "1420A").GetProperty("name_zh").GetString();
        await Assertions.Expect(page.Locator("[data-testid=freshness] tr[data-site='1420A']")).ToContainTextAsync(tjt!);
        await Assertions.Expect(page.Locator("[data-testid=freshness] tr[data-site='1420A']")).ToContainTextAsync("离线");
        // The latest day's daily AQI equals the API's stored daily AQI (computed by the import's evaluator).
        var daily = await http.GetFromJsonAsync<JsonElement>("/api/sites/1420A/aqi/daily?from=2019-12-31&to=2019-12-31");
        var apiDay = daily.EnumerateArray().Single().GetProperty("aqi").GetInt32();
        Assert.Equal(apiDay.ToString(CultureInfo.InvariantCulture), (await page.Locator("[data-testid=latest-day-aqi]").InnerTextAsync()).Trim());
        // 水质断面达标: N / M from the water page's view model (latest class per section vs target), computed here.
        List<SmartEnv.Web.Ui.WaterSectionRow> waterRows;
        using (var scope = server.App.Services.CreateScope())
            waterRows = await scope.ServiceProvider.GetRequiredService<SmartEnv.Web.Ui.WaterService>().SectionsAsync();
        var assessed = waterRows.Where(r => SmartEnv.Web.Ui.AirService.JiangbeiCodes.Contains(r.Code) && r.Latest?.Class is not null).ToList();
        var meeting = assessed.Count(r => r.MeetsTarget == true);
        // Hand-worked: only 寸滩 has stored water rows; its latest class Ⅱ is at or better than its target Ⅲ → 1 / 1.
        Assert.Equal(("JB-W-CT", 1), (Assert.Single(assessed).Code, meeting));
        Assert.Equal($"{meeting} / {assessed.Count}", (await page.Locator("[data-testid=water-meeting]").InnerTextAsync()).Trim());
        await page.Locator("[_echarts_instance_]").First.WaitForAsync();
        await ShotAsync(page, "overview");

        foreach (var (path, ready, name) in new[]
                 {
                     ("/water", "[data-testid=water-sections]", "water"),
                     ("/data", "[data-testid=quarantine]", "data"),
                     ("/public", "[data-testid=public-stations]", "public"),
                 })
        {
            if (path == "/data") await SignInAsync(page);
            (page, t) = await OpenAsync(path, ready, page);
            times.Add($"{path}: {t.TotalMilliseconds:F0} ms");
            await ShotAsync(page, name);
        }
        // Public page (last opened): the latest hourly AQI of 1420A equals the API's, with the HJ 633-2012 Table 2 advice of its level.
        var latest = await http.GetFromJsonAsync<JsonElement>("/api/sites/1420A/aqi/latest");
        var apiAqi = latest.GetProperty("aqi").GetInt32();
        Assert.Equal(apiAqi.ToString(CultureInfo.InvariantCulture), (await page.Locator("[data-testid=aqi-1420A]").InnerTextAsync()).Trim());
        var advice = AqiCategory.ForAqi(apiAqi).Level switch
        {
            1 => "各类人群可正常活动",
            2 => "极少数异常敏感人群应减少户外活动",
            3 => "儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
            _ => "儿童、老年人",
        };
        Assert.StartsWith(advice, (await page.Locator("[data-testid=advice-1420A]").InnerTextAsync()).Trim(), StringComparison.Ordinal);

        // Warm render times: every page once more in the same browser context (circuit start, scripts cached).
        foreach (var (path, ready) in new[] { ("/", "[data-testid=freshness]"), ("/air?site=1420A&from=2019-01-01&to=2019-12-31", "[data-testid=good-ratio]"),
                     ("/water", "[data-testid=water-sections]"), ("/data", "[data-testid=quarantine]"), ("/public", "[data-testid=public-stations]") })
        {
            (page, t) = await OpenAsync(path, ready, page);
            times.Add($"{path} (warm): {t.TotalMilliseconds:F0} ms");
        }
        foreach (var line in times) output.WriteLine("render " + line);
        foreach (var line in server.BrowserLog) output.WriteLine("browser: " + line);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "render-times.txt"), times);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Language_switch_turns_the_air_page_into_English_and_back()
    {
        var (page, _) = await OpenAsync("/air?site=1420A&from=2019-01-01&to=2019-12-31", "[data-testid=good-ratio]");
        await Assertions.Expect(page.GetByText("优良天数比例", new() { Exact = true })).ToBeVisibleAsync();
        await page.Locator("[data-testid=lang-en]").ClickAsync();
        await Assertions.Expect(page.GetByText("Good-day ratio", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal("83.4 %", (await page.Locator("[data-testid=good-ratio]").InnerTextAsync()).Trim());
        Assert.Contains("site=1420A", page.Url, StringComparison.Ordinal);
        await ShotAsync(page, "air-en");
        await page.Locator("[data-testid=lang-zh]").ClickAsync();
        await Assertions.Expect(page.GetByText("优良天数比例", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Exported_daily_table_reads_back_with_the_assessment_days_in_Excel_and_CSV()
    {
        var (page, _) = await OpenAsync("/air?site=1420A&from=2019-01-01&to=2019-12-31", "[data-testid=export-xlsx]");
        var expected = FromFile.Value.Days;
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-ui-export-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var ext in new[] { "xlsx", "csv" })
            {
                // The export link of the page, fetched with the page's cookies (culture) and saved as the browser would.
                var href = await page.Locator($"[data-testid=export-{ext}]").GetAttributeAsync("href");
                var response = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, href).ToString());
                Assert.Equal(200, response.Status);
                var disposition = response.Headers["content-disposition"];
                var fileName = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(disposition).FileName!.Trim('"');
                Assert.Equal("air-daily-1420A-2019-01-01-2019-12-31." + ext, fileName);
                var path = Path.Combine(dir, fileName);
                await File.WriteAllBytesAsync(path, await response.BodyAsync());
                Assert.EndsWith("." + ext, path, StringComparison.Ordinal);
                var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ext == "xlsx" ? ExcelType.XLSX : ExcelType.CSV)
                    .Cast<IDictionary<string, object?>>().ToList();
                Assert.Equal(365, rows.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    Assert.Equal(expected[i].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Convert.ToString(rows[i]["日期"], CultureInfo.InvariantCulture));
                    var aqi = Convert.ToString(rows[i]["AQI"], CultureInfo.InvariantCulture);
                    Assert.Equal(expected[i].Aqi?.Aqi?.ToString(CultureInfo.InvariantCulture) ?? "", aqi ?? "");
                }
                var goodValid = rows.Count(r => Convert.ToString(r["有效AQI日"], CultureInfo.InvariantCulture) == "是"
                    && int.Parse(Convert.ToString(r["AQI"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture) <= 100);
                Assert.Equal(FromFile.Value.GoodDays, goodValid);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Signs in through /signin (a wrong password first: refused, still on the sign-in page), then opens the
    /// data page.</summary>
    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/data");
        await page.WaitForURLAsync(u => u.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await page.Locator("[data-testid=signin-user]").FillAsync(UiServerFixture.AdminUser);
        await page.Locator("[data-testid=signin-password]").FillAsync("not-the-password");
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await page.Locator("[data-testid=signin-error]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=quarantine]").CountAsync());
        await page.Locator("[data-testid=signin-password]").FillAsync(UiServerFixture.AdminPassword);
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await page.Locator("[data-testid=quarantine]").WaitForAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Data_page_and_packet_exports_are_closed_without_signing_in()
    {
        var page = await server.NewPageAsync();
        try
        {
            await OpenAsync("/data", "[data-testid=signin]", page); // the public is sent to /signin
            Assert.Equal(0, await page.Locator("[data-testid=quarantine]").CountAsync());
            Assert.DoesNotContain("UNKNOWN0000001", await page.ContentAsync(), StringComparison.Ordinal);
            foreach (var table in new[] { "quarantine", "packets" })
            {
                var r = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, $"/ui/export/{table}.csv").ToString());
                Assert.Equal(401, r.Status);
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Data_page_lists_the_quarantined_packet_with_its_reason_and_hides_the_password_in_page_and_export()
    {
        var page = await server.NewPageAsync();
        await SignInAsync(page);
        (page, _) = await OpenAsync("/data", "[data-testid=quarantine]", page);
        var row = page.Locator("[data-testid=quarantine] tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("UNKNOWN0000001");
        await Assertions.Expect(row).ToContainTextAsync("未知 MN");
        await Assertions.Expect(row).ToContainTextAsync("2026-11-29 14:00"); // 06:00 UTC received = 14:00 Beijing
        await Assertions.Expect(row).ToContainTextAsync("PW=******");
        Assert.DoesNotContain("secret99", await page.ContentAsync(), StringComparison.Ordinal);
        var href = await page.Locator("[data-testid=q-export-csv]").GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, href).ToString());
        var path = Path.Combine(Path.GetTempPath(), "smartenv-ui-q-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
        await File.WriteAllBytesAsync(path, await response.BodyAsync());
        try
        {
            var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
            var r = Assert.Single(rows);
            Assert.Equal("UNKNOWN0000001", Convert.ToString(r["MN"], CultureInfo.InvariantCulture));
            Assert.Equal("未知 MN", Convert.ToString(r["隔离原因"], CultureInfo.InvariantCulture));
            Assert.Equal(UiServerFixture.QuarantinedFrame.Replace("PW=secret99", "PW=******", StringComparison.Ordinal),
                Convert.ToString(r["报文（PW已隐去）"], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(path);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Water_page_shows_the_latest_class_of_Cuntan_equal_to_the_engine_on_the_file_row_and_the_published_class()
    {
        // The latest 正常 寸滩 row of the file, read here from its cells (not through the importer or the page).
        var header = UiServerFixture.CuntanLines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException(name);
        var latest = UiServerFixture.CuntanLines.Skip(1).Select(l => l.Split(','))
            .Where(c => c[Col("站点情况")] == "正常" && c[Col("datetime_cst")] != "")
            .MaxBy(c => DateTime.ParseExact(c[Col("datetime_cst")], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))!;
        var values = new Dictionary<SmartEnv.Standards.Water.WaterItem, decimal>();
        foreach (var (col, item) in new[]
                 {
                     ("pH(无量纲)", SmartEnv.Standards.Water.WaterItem.PH), ("溶解氧(mg/L)", SmartEnv.Standards.Water.WaterItem.DissolvedOxygen),
                     ("高锰酸盐指数(mg/L)", SmartEnv.Standards.Water.WaterItem.PermanganateIndex), ("氨氮(mg/L)", SmartEnv.Standards.Water.WaterItem.AmmoniaNitrogen),
                     ("总磷(mg/L)", SmartEnv.Standards.Water.WaterItem.TotalPhosphorus),
                 })
            values[item] = decimal.Parse(latest[Col(col)], CultureInfo.InvariantCulture);
        var engine = SmartEnv.Standards.Water.WaterClassifier.Classify(values, SmartEnv.Standards.Water.WaterItemSets.Auto5).Class!.Value;
        Assert.True(SmartEnv.Standards.Water.WaterClassText.TryParse(latest[Col("水质类别")], out var published));
        Assert.Equal(published, engine);

        var (page, t) = await OpenAsync("/water", "[data-testid=water-sections]");
        output.WriteLine($"render /water: {t.TotalMilliseconds:F0} ms; 寸滩 latest {latest[Col("datetime_cst")]} class {engine.ToDisplay()}");
        var row = page.Locator("[data-testid=water-sections] tr[data-site='JB-W-CT']");
        Assert.Equal(engine.ToAscii(), await row.Locator("[data-testid=latest-class]").GetAttributeAsync("data-class"));
        Assert.Equal($"{engine.ToDisplay()} 类", (await row.Locator("[data-testid=latest-class]").InnerTextAsync()).Trim());
        Assert.Equal(latest[Col("datetime_cst")], (await row.Locator("[data-testid=sample-time]").InnerTextAsync()).Trim());
        // Target Ⅲ (registry): 达标 exactly when the engine's class is Ⅲ or better.
        Assert.Equal(engine <= SmartEnv.Standards.Water.WaterClass.III ? "达标" : "超标", (await row.Locator("[data-testid=compliance]").InnerTextAsync()).Trim());
        // A section without stored values says so.
        var empty = page.Locator("[data-testid=water-sections] tbody tr:not([data-site='JB-W-CT'])").First;
        await Assertions.Expect(empty.Locator("[data-testid=latest-class]")).ToContainTextAsync("无数据");
        await ShotAsync(page, "water");
        await page.Context.CloseAsync();
    }
}
