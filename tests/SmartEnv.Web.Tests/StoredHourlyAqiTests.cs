using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Air;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;
using SmartEnv.Web.Contracts;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The stored hourly AQI (<see cref="AirEvaluator"/>, rule <see cref="AirAveraging.RealTimeInputs"/>) equals hand-worked
/// values, is served by <c>/api/sites/{code}/aqi/hourly</c> and is what the 空气 trend shows (<see cref="AirService.ViewAsync"/>
/// reads the stored rows — there is no second computation to keep equal any more); a recomputation of one day reads the
/// 23 hours before it.
/// <para>Data (site JB-A-GC, HJ633-2012 regime: before 2014): natural day 2013-05-31 with every hour SO2 10, NO2 20,
/// CO 0.5, O3 100, PM10 60, PM2.5 40; natural day 2013-06-01 hour-of-day k = 1…24 with O3 = 100 + 5k, PM2.5 = 40 + k,
/// the rest as before.</para>
/// <para>Hand-worked, first hour of 2013-06-01 (k = 1, label 2013-06-01 01): PM2.5 24-h moving mean = (23·40 + 41)/24 =
/// 961/24 = 40.04… → 40 → IAQI 50 + 5·50/40 = 56.25 → 57; O3 8-h = (7·100 + 105)/8 = 100.625 → 101 → 50 + 1·50/60 =
/// 50.8… → 51; O3 1h 105 → 32.8… → 33; PM10 24-h 60 → 55; SO2 1h 10 → 4; NO2 1h 20 → 10; CO 1h 0.5 → 5. AQI 57, primary
/// pm25_24h. Without the 23 hours of 2013-05-31 the moving means would have 1 valid hour (PM &lt; 20, O3 &lt; 6 of 8) and the
/// AQI would be the largest 1-h IAQI, 33, incomplete.</para>
/// <para>Last hour (k = 24, label 2013-06-02 00): PM2.5 mean 1260/24 = 52.5 → 52 → 72; O3 8-h over k = 17…24 =
/// 1620/8 = 202.5 → 202 → 100 + 42·50/55 = 138.2 → 139; O3 1h 220 → 110. AQI 139, primary o3_8h (the 1-h-only AQI
/// stored before this rule was 110).</para>
/// </summary>
public abstract class StoredHourlyAqiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public async Task Stored_hourly_AQI_is_hand_worked_shown_by_the_UI_trend_and_reads_the_hours_before_the_period()
    {
        var day0 = new DateTimeOffset(2013, 5, 31, 0, 0, 0, Beijing); // natural day 2013-05-31: hour starts 00:00 … 23:00
        long site;
        await using (var ctx = app.Store.CreateContext())
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
        var values = new List<ObservationInput>();
        for (var i = 0; i < 48; i++)
        {
            var k = i - 23; // hour-of-day of 2013-06-01 (≤ 0: the day before)
            var (o3, pm25) = k <= 0 ? (100m, 40m) : (100m + 5 * k, 40m + k);
            foreach (var (code, v) in new[] { ("a21026", 10m), ("a21004", 20m), ("a21005", 0.5m), ("a05024", o3), ("a34002", 60m), ("a34004", pm25) })
                values.Add(new ObservationInput(site, "consistency-test", code, PeriodType.Hour, day0.AddHours(i), v, v.ToString(CultureInfo.InvariantCulture)));
        }
        await new ObservationWriter(app.Store).UpsertAsync(values);

        var evaluator = new AirEvaluator(app.Store);
        var (hours, days) = await evaluator.RecomputeAsync(site, new DateOnly(2013, 6, 1), new DateOnly(2013, 6, 1));
        Assert.Equal((24, 1), (hours, days)); // no hours stored after the day

        var dayStart = day0.AddDays(1);
        using var admin = app.Client(admin: true);
        string Q(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var stored = (await admin.GetFromJsonAsync<List<HourlyAqiDto>>(
            $"/api/sites/JB-A-GC/aqi/hourly?from={Q(dayStart)}&to={Q(dayStart.AddDays(1))}", Json))!;
        Assert.Equal(24, stored.Count);
        Assert.Equal((57, "pm25_24h", true, "HJ633-2012"), (stored[0].Aqi, string.Join(';', stored[0].PrimaryPollutants), stored[0].Complete, stored[0].Regime));
        Assert.Equal((139, "o3_8h", true), (stored[23].Aqi, string.Join(';', stored[23].PrimaryPollutants), stored[23].Complete));

        // The 空气 trend of the same day shows the stored rows (hand-worked 57 … 139) with the 1-h values they were computed
        // from (k = 1: PM2.5 41; k = 24: O3 220), not a computation of its own.
        await using (var db = app.Store.CreateContext())
        {
            var view = await new AirService(db).ViewAsync("JB-A-GC", new DateOnly(2013, 6, 1), new DateOnly(2013, 6, 1), null, "all");
            Assert.NotNull(view);
            Assert.False(view.OnDemand);
            Assert.Equal(24, view.Trend.Count);
            Assert.Equal((57, AqiIndicator.Pm25_24h, 41m), (view.Trend[0].Aqi.Aqi, Assert.Single(view.Trend[0].Aqi.PrimaryPollutants), view.Trend[0].Hour.Pm25));
            Assert.Equal((139, AqiIndicator.O3_8h, 220m), (view.Trend[23].Aqi.Aqi, Assert.Single(view.Trend[23].Aqi.PrimaryPollutants), view.Trend[23].Hour.O3));
        }

        // A whole-period recomputation gives the same rows for 2013-06-01 (the first hours are not short of history).
        await evaluator.RecomputeAsync(site, new DateOnly(2013, 5, 31), new DateOnly(2013, 6, 1));
        var whole = (await admin.GetFromJsonAsync<List<HourlyAqiDto>>(
            $"/api/sites/JB-A-GC/aqi/hourly?from={Q(dayStart)}&to={Q(dayStart.AddDays(1))}", Json))!;
        Assert.Equal(JsonSerializer.Serialize(stored, Json), JsonSerializer.Serialize(whole, Json)); // primary_pollutants is a list: compare the JSON, not list references

        // A late correction on 2013-05-31 (last hour PM2.5 40 → 280) rewrites the next day's first hours as well:
        // k = 1 then has PM2.5 mean (22·40 + 280 + 41)/24 = 1201/24 = 50.04… → 50 → 50 + 15·50/40 = 68.75 → 69.
        await new ObservationWriter(app.Store).UpsertAsync([new ObservationInput(site, "consistency-test", "a34004", PeriodType.Hour, day0.AddHours(23), 280m, "280")]);
        var (h2, _) = await evaluator.RecomputeAsync(site, new DateOnly(2013, 5, 31), new DateOnly(2013, 5, 31));
        Assert.Equal(24 + 23, h2);
        var first = (await admin.GetFromJsonAsync<List<HourlyAqiDto>>(
            $"/api/sites/JB-A-GC/aqi/hourly?from={Q(dayStart)}&to={Q(dayStart.AddHours(1))}", Json))!;
        Assert.Equal(69, Assert.Single(first).Aqi);
    }
}

public sealed class SqliteStoredHourlyAqiTests(WebAppFixture<SqliteTestDatabase> app) : StoredHourlyAqiTests<SqliteTestDatabase>(app);

public sealed class PostgresStoredHourlyAqiTests(WebAppFixture<PostgresTestDatabase> app) : StoredHourlyAqiTests<PostgresTestDatabase>(app);
