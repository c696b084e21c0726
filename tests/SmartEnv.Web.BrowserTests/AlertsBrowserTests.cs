using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using SmartEnv.Alerts;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;
using Xunit.Abstractions;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The 告警 page and the overview's open-alert count in a real browser. Live data are written for the current hours through
/// the platform's own path (<see cref="ObservationWriter"/> then <see cref="AirEvaluator"/>), on top of the fixture's 2019
/// import (history: must raise nothing). Hand-worked: 港城 O3 1-h 201 → AQI 101, 280 → 140 (HJ 633 Table 1: 200 → 100,
/// 300 → 150), so one 空气超标 alert with peak 140 (轻度); 寸滩 NH3-N 1.2 mg/L = class Ⅳ against target Ⅲ, so one 水质超标
/// alert. Expected open alerts: 2.
/// </summary>
public sealed class AlertsBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>, IAsyncLifetime
{
    private long _airAlert;

    public async Task InitializeAsync()
    {
        var store = server.Store;
        await using var db = store.CreateContext();
        var gc = db.Sites.Single(s => s.Code == "JB-A-GC").Id;
        var ct = db.Sites.Single(s => s.Code == "JB-W-CT").Id;
        var now = DateTimeOffset.UtcNow;
        var h0 = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
        ObservationInput V(long site, string mn, string code, DateTimeOffset at, decimal v) =>
            new(site, mn, code, PeriodType.Hour, at, v, v.ToString(CultureInfo.InvariantCulture));
        await new ObservationWriter(store).UpsertAsync([
            V(gc, "test:live-air", AirParameterCodes.O3, h0, 201m), V(gc, "test:live-air", AirParameterCodes.O3, h0.AddHours(1), 280m),
            V(ct, "test:live-water", "w21003", h0, 1.2m),
        ]);
        var day = BeijingTime.Date(h0);
        await new AirEvaluator(store).RecomputeAsync(gc, day.AddDays(-1), day.AddDays(1));
        await server.App.Services.GetRequiredService<AlertScanner>().ScanAsync();
        _airAlert = db.Alerts.Single(a => a.SiteId == gc).Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string ScreenshotDir
    {
        get
        {
            var d = Screenshots.Folder;
            return d;
        }
    }

    [Fact]
    public async Task Overview_count_equals_the_API_open_alerts_and_the_alerts_page_lists_and_handles_them()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
        var open = (await http.GetFromJsonAsync<JsonElement>("/api/alerts?status=open")).EnumerateArray().ToList();
        Assert.Equal(2, open.Count); // hand-constructed: 港城 AQI episode + 寸滩 class Ⅳ; 2019 history raises nothing
        Assert.Equal(["air_aqi_exceeded", "water_class_exceeded"], open.Select(a => a.GetProperty("rule").GetString()).Order());
        Assert.Equal(140m, open.Single(a => a.GetProperty("site_code").GetString() == "JB-A-GC").GetProperty("peak_value").GetDecimal());

        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            var count = page.Locator("[data-testid=open-alerts]");
            await count.WaitForAsync(new() { Timeout = 30_000 });
            Assert.Equal(open.Count.ToString(CultureInfo.InvariantCulture), (await count.InnerTextAsync()).Trim());

            // The page is bureau-internal: the public is sent to /signin, nothing listed.
            await page.GotoAsync("/alerts");
            await page.WaitForURLAsync(u => u.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
            Assert.Equal(0, await page.Locator("[data-testid=alerts]").CountAsync());
            Assert.Equal(401, (await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, "/ui/export/alerts.csv").ToString())).Status);
            await UiServerFixture.SignInAsync(page);
            await page.GotoAsync("/alerts");
            var table = page.Locator("[data-testid=alerts]");
            await table.WaitForAsync(new() { Timeout = 30_000 });
            var rows = page.Locator("[data-testid=alerts] tbody tr");
            Assert.Equal(open.Count, await rows.CountAsync());
            var air = page.Locator($"tr[data-alert='{_airAlert}']");
            await Assertions.Expect(air).ToContainTextAsync("港城");
            await Assertions.Expect(air).ToContainTextAsync("空气超标");
            await Assertions.Expect(air).ToContainTextAsync("峰值 140（轻度污染）");
            var openedBj = open.Single(a => a.GetProperty("id").GetInt64() == _airAlert).GetProperty("opened_at").GetDateTimeOffset()
                .ToOffset(BeijingTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await Assertions.Expect(air).ToContainTextAsync(openedBj); // Beijing time
            await Assertions.Expect(page.Locator("tr[data-site='JB-W-CT']")).ToContainTextAsync("水质超标");
            await page.WaitForTimeoutAsync(500);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, "alerts.png") });

            // Export reads back with the listed rows.
            var csv = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, await page.Locator("[data-testid=alerts-export-csv]").GetAttributeAsync("href")).ToString());
            Assert.Equal(200, csv.Status);
            var path = Path.Combine(Path.GetTempPath(), "smartenv-alerts-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
            await File.WriteAllBytesAsync(path, await csv.BodyAsync());
            try
            {
                var exported = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
                Assert.Equal(open.Select(a => a.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).Order(),
                    exported.Select(r => Convert.ToString(r["编号"], CultureInfo.InvariantCulture)).Order());
            }
            finally { File.Delete(path); }

            // en-US: the same rows with English labels and messages.
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await page.GotoAsync("/ui/culture?culture=en-US&redirect=%2Falerts");
            await Assertions.Expect(air).ToContainTextAsync("Air quality exceeded (AQI > 100)");
            output.WriteLine($"render /alerts (en-US, after culture switch): {sw.ElapsedMilliseconds} ms");
            await Assertions.Expect(air).ToContainTextAsync("peak 140 (Lightly polluted)");
            await Assertions.Expect(rows).ToHaveCountAsync(open.Count);
            await page.GotoAsync("/ui/culture?culture=zh-CN&redirect=%2Falerts");
            await Assertions.Expect(air).ToContainTextAsync("空气超标");

            // The handler defaults to the signed-in account; emptied, the page refuses and the alert stays open (each step
            // records who).
            await Assertions.Expect(page.Locator("[data-testid=alert-handler]")).ToHaveValueAsync(UiServerFixture.AdminUser);
            await page.Locator("[data-testid=alert-handler]").FillAsync("");
            await page.Locator("[data-testid=alert-handler]").BlurAsync();
            await page.Locator($"[data-testid=ack-{_airAlert}]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=alert-error]")).ToHaveTextAsync("请先填写处理人");
            await Assertions.Expect(air.Locator("[data-testid=alert-status]")).ToHaveTextAsync("未处理");

            // Acknowledge with handler and note through the page; the API sees it; the count is unchanged (not closed).
            await page.Locator("[data-testid=alert-handler]").FillAsync("张工");
            await page.Locator("[data-testid=alert-handler]").BlurAsync();
            await page.Locator($"[data-testid=note-{_airAlert}]").FillAsync("已通知站房");
            await page.Locator($"[data-testid=note-{_airAlert}]").BlurAsync();
            await page.Locator($"[data-testid=ack-{_airAlert}]").ClickAsync();
            await Assertions.Expect(air.Locator("[data-testid=alert-status]")).ToHaveTextAsync("已确认");
            var acked = (await http.GetFromJsonAsync<JsonElement>("/api/alerts?status=open")).EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == _airAlert);
            Assert.Equal(("acknowledged", "张工", "已通知站房"), (acked.GetProperty("status").GetString(), acked.GetProperty("acknowledged_by").GetString(), acked.GetProperty("acknowledge_note").GetString()));

            // Close: the row leaves the open list and the overview count drops to 1 (= the API's).
            await page.Locator($"[data-testid=close-{_airAlert}]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            var after = (await http.GetFromJsonAsync<JsonElement>("/api/alerts?status=open")).GetArrayLength();
            Assert.Equal(1, after);
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator("[data-testid=open-alerts]")).ToHaveTextAsync(after.ToString(CultureInfo.InvariantCulture));
            output.WriteLine($"open alerts: {open.Count} → {after}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
