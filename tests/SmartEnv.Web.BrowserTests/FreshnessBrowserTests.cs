using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using SmartEnv.Ingestion.Files;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// Issue 11 items 7 and 8 in a real browser, on an own server (the fixture's 2019 import of 1420A, nothing current):
/// <list type="number">
/// <item>Stale: another logger of 1420A reported just now, yet 1420A's AQI (its last hour of 2019, read from the file) is 非实时 on the
/// public page and the overview, the district cards show their own time and 非实时, the year card is "2019年…" (the clock's
/// year is not 2019) — screenshot <c>overview-stale.png</c>. The 2019 calendar draws exactly the days the engine finds
/// without a valid AQI (the file assessed directly) as hollow cells with their reason.</item>
/// <item>Current but incomplete: 港城 gets O3 only for the last three hours (hand: O3 1-h 201 → IAQI 101, 280 → 140,
/// 180 → 50 + 50·(180 − 160)/40 = 75; HJ 633 Table 1 O3 1-h breakpoints 160/200/300 → IAQI 50/100/150): the values are current (no 非实时), but
/// incomplete (PM2.5 … missing), so the district AQI badge is hollow with what is missing, and the AQI trend draws them as
/// hollow markers off the line. The air page's default period (this calendar year) counts only the days up to today as
/// days without a valid AQI: today's day of the year (Beijing), not 365.</item>
/// </list>
/// </summary>
public sealed class FreshnessBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    private static readonly TimeSpan Beijing = SmartEnv.Standards.Common.BeijingTime.Offset;

    /// <summary>1420A's hours read from the file directly (not through the store).</summary>
    private static readonly Lazy<IReadOnlyList<AirHour>> FileHours = new(() =>
        AirHourFiles.ReadStations(AirFileFormat.CnemcSites, [UiServerFixture.ChongqingFile], new HashSet<string> { "1420A" })["1420A"]);

    /// <summary>series[i] of the ECharts instance inside a data-testid'd container: the values (null kept) and each item's reason.</summary>
    private static async Task<JsonElement> SeriesAsync(IPage page, string testId, int minSeries)
    {
        // The option is set after the element appears: wait until the chart has its series.
        await page.WaitForFunctionAsync(
            "([id, n]) => { const el = document.querySelector(`[data-testid=${id}] [_echarts_instance_]`); if (!el) return false;" +
            " const c = echarts.getInstanceByDom(el); return !!c && (c.getOption().series || []).length >= n; }",
            new object[] { testId, minSeries }, new() { Timeout = 30_000 });
        return await page.EvaluateAsync<JsonElement>(
            "id => { const el = document.querySelector(`[data-testid=${id}] [_echarts_instance_]`); const o = echarts.getInstanceByDom(el).getOption();" +
            " return o.series.map(s => ({ name: s.name ?? null, data: s.data.map(d => d == null ? null : (typeof d === 'object' && !Array.isArray(d) ? { value: d.value, reason: d.reason ?? null } : { value: d, reason: null })) })); }",
            testId);
    }

    [Fact]
    public async Task Stale_values_are_marked_by_their_own_time_and_incomplete_ones_are_drawn_hollow_with_the_reason()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = server.Store.CreateContext())
        {
            // Another logger of 1420A (e.g. meteorological) reported a moment ago: the site's logger is online.
            db.Devices.Add(new Device { Mn = "STALETEST000001", Password = "x", SiteId = db.Sites.Single(s => s.Code == "1420A").Id, Enabled = true, LastDataReceivedAt = now });
            await db.SaveChangesAsync();
        }

        var page = await server.NewPageAsync();
        try
        {
            // Public page: 1420A's AQI of 2019-12-31 24:00 is not current, whatever the other logger did.
            await page.GotoAsync("/public");
            await page.Locator("[data-testid=aqi-1420A]").WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=aqi-1420A-stale]")).ToHaveTextAsync("非实时数据");

            // Overview: each card shows its own time and 非实时; the year is named.
            await page.GotoAsync("/");
            await page.Locator("[data-testid=district-aqi]").WaitForAsync(new() { Timeout = 30_000 });
            // The last hour of 1420A in the file itself (CNEMC labels an hour by its end, Beijing time).
            var lastEnd = FileHours.Value.Max(h => HourEnding.End(h.LabelDate, h.LabelHour)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            output.WriteLine($"1420A last hour in the file ends {lastEnd}");
            await Assertions.Expect(page.Locator("[data-testid=district-aqi-time]")).ToContainTextAsync(lastEnd);
            await Assertions.Expect(page.Locator("[data-testid=district-aqi-stale]")).ToHaveTextAsync("非实时数据");
            await Assertions.Expect(page.Locator("[data-testid=latest-day-time]")).ToContainTextAsync("2019-12-31");
            await Assertions.Expect(page.Locator("[data-testid=latest-day-stale]")).ToHaveTextAsync("非实时数据");
            var cards = await page.Locator("[data-testid=overview-cards]").InnerTextAsync();
            Assert.Contains("2019年优良天数比例", cards, StringComparison.Ordinal);
            Assert.DoesNotContain("本年", cards, StringComparison.Ordinal);
            var row = page.Locator("[data-testid=freshness] tr[data-site='1420A']");
            await Assertions.Expect(row.Locator("[data-testid=stale-1420A]")).ToHaveTextAsync("非实时数据");
            await page.Locator("[_echarts_instance_]").First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("overview-stale.png") });

            // The 2019 calendar: the days without a valid AQI, as the engine finds them on the file itself, are hollow cells with a reason.
            var file = Hj663Assessment.Assess(FileHours.Value, new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31));
            await page.GotoAsync("/air?site=1420A&from=2019-01-01&to=2019-12-31");
            await page.Locator("[data-testid=good-ratio]").WaitForAsync(new() { Timeout = 30_000 });
            var calendar = await SeriesAsync(page, "aqi-calendar", 2);
            var invalid = calendar[1].GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(file.ExcludedDays.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                invalid.Select(d => d.GetProperty("value")[0].GetString()));
            Assert.All(invalid, d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("reason").GetString())));
            Assert.Equal(file.ValidAqiDays, calendar[0].GetProperty("data").GetArrayLength());
            Assert.Empty(await page.Locator("[data-testid=period-clipped]").AllAsync()); // 2019 lies in the past
            output.WriteLine($"2019 calendar: {file.ValidAqiDays} valid days, {invalid.Count} hollow days with a reason");

            // Current but incomplete: O3 only, for the last three hours of 港城.
            var h0 = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
            await using (var db = server.Store.CreateContext())
            {
                var gc = db.Sites.Single(s => s.Code == "JB-A-GC").Id;
                await new ObservationWriter(server.Store).UpsertAsync([.. new[] { 201m, 280m, 180m }.Select((v, i) =>
                    new ObservationInput(gc, "test:fresh-o3", AirParameterCodes.O3, PeriodType.Hour, h0.AddHours(i), v, v.ToString(CultureInfo.InvariantCulture)))]);
                // Evaluated as intake does (EvaluationQueue): the pages read the stored hourly AQI.
                await new SmartEnv.Evaluation.AirEvaluator(server.Store).RecomputeAsync(gc,
                    BeijingTime.Date(h0).AddDays(-1), BeijingTime.Date(h0.AddHours(3)));
            }
            await page.GotoAsync("/");
            await page.Locator("[data-testid=district-aqi]").WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=district-aqi]")).ToHaveTextAsync("75");
            Assert.Equal("true", await page.Locator("[data-testid=district-aqi]").GetAttributeAsync("data-incomplete"));
            await Assertions.Expect(page.Locator("[data-testid=district-aqi-incomplete]")).ToContainTextAsync("PM₂.₅"); // HJ 633 writing of the pollutant (#11 item 13)
            Assert.Equal(0, await page.Locator("[data-testid=district-aqi-stale]").CountAsync());
            Assert.Equal(0, await page.Locator("[data-testid=stale-JB-A-GC]").CountAsync());
            await Assertions.Expect(page.Locator("[data-testid=stale-1420A]")).ToHaveTextAsync("非实时数据");
            Assert.Contains("本年优良天数比例", await page.Locator("[data-testid=overview-cards]").InnerTextAsync(), StringComparison.Ordinal);

            // The air page of 港城, default period = this calendar year: the days after today are not counted.
            await page.GotoAsync("/air?site=JB-A-GC");
            await page.Locator("[data-testid=excluded-count]").WaitForAsync(new() { Timeout = 30_000 });
            var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime);
            Assert.Equal(today.DayOfYear.ToString(CultureInfo.InvariantCulture), (await page.Locator("[data-testid=excluded-count]").InnerTextAsync()).Trim());
            await Assertions.Expect(page.Locator("[data-testid=period-clipped]")).ToContainTextAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

            // The trend: no point on the AQI line (every hour lacks PM2.5 …); three hollow markers 101, 140, 75 with the reason.
            var trend = await SeriesAsync(page, "aqi-trend", 2);
            Assert.All(trend[0].GetProperty("data").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.ValueKind));
            var hollow = trend[1].GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(new[] { 101, 140, 75 }, hollow.Select(d => d.GetProperty("value")[1].GetInt32()));
            Assert.All(hollow, d => Assert.Contains("PM₂.₅", d.GetProperty("reason").GetString(), StringComparison.Ordinal));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
