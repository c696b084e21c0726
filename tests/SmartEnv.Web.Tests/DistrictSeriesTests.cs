using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The district is a stored series: recomputing a district station's day writes the district pseudo-site's hourly and
/// daily AQI from the HJ 663-2013 city mean of the district's three stations, and 空气 / <c>/api/assessment/city</c> read
/// those rows. Hand-worked (HJ 633-2012 table 1, CNEMC-2014 regime in 2019), the same concentration in all 24 hours of
/// 2019-07-02 (so the 24-h and moving means equal the hour values):
/// <code>
///            PM2.5  PM10  SO2  NO2  CO   O3
/// 1420A       40     60   10   30   0.6   80
/// JB-A-GYQ    90    120   14   50   1.0  100
/// JB-A-GC      —     90   12   40   0.8  120     (no PM2.5: mean of the stations that have one)
/// city        65     90   12   40   0.8  100
/// </code>
/// IAQI: PM2.5 65 → 50 + (65 − 35)/(75 − 35) × 50 = 87.5 → 88; PM10 90 → 50 + (90 − 50)/(150 − 50) × 50 = 70;
/// SO2 12 → 12; NO2 40 → 50; CO 0.8 → 20; O3 8-h 100 → 50. AQI 88 (良, level 2), 首要污染物 PM2.5; every hour the same.
/// </summary>
public abstract class DistrictSeriesTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly DateOnly Day = new(2019, 7, 2);

    [Fact]
    public async Task A_district_station_recompute_stores_the_city_mean_day_of_the_district()
    {
        var start = new DateTimeOffset(2019, 7, 2, 0, 0, 0, BeijingTime.Offset);
        var rows = new[]
        {
            ("1420A", (decimal?)40m, 60m, 10m, 30m, 0.6m, 80m),
            ("JB-A-GYQ", 90m, 120m, 14m, 50m, 1.0m, 100m),
            ("JB-A-GC", null, 90m, 12m, 40m, 0.8m, 120m),
        };
        var values = new List<ObservationInput>();
        await using (var ctx = app.Store.CreateContext())
            foreach (var (code, pm25, pm10, so2, no2, co, o3) in rows)
            {
                var id = await ctx.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
                for (var h = 0; h < 24; h++)
                    foreach (var (p, v) in new[] { ("a34004", pm25), ("a34002", pm10), ("a21026", so2), ("a21004", no2), ("a21005", co), ("a05024", o3) })
                        if (v is { } x)
                            values.Add(new ObservationInput(id, "district-test:" + code, p, PeriodType.Hour, start.AddHours(h), x, x.ToString(CultureInfo.InvariantCulture)));
            }
        await new ObservationWriter(app.Store).UpsertAsync(values);
        foreach (var id in values.Select(v => v.SiteId).Distinct())
            await new AirEvaluator(app.Store).RecomputeAsync(id, Day, Day);

        await using var db = app.Store.CreateContext();
        var district = await db.Sites.AsNoTracking().SingleAsync(s => s.Code == Site.DistrictAggregateCode);
        Assert.Equal((SiteKind.Air, false, false), (district.Kind, district.IsPublic, district.InDistrict));
        var daily = await db.DailyAqi.AsNoTracking().SingleAsync(d => d.SiteId == district.Id && d.Date == Day);
        Assert.Equal((88, true, 24), (daily.Aqi, daily.Valid, daily.ValidHours));
        Assert.Equal(["pm25_24h"], daily.PrimaryPollutants);
        var dayValues = JsonSerializer.Deserialize<Dictionary<string, decimal>>(daily.ValuesJson!)!;
        Assert.Equal((65m, 90m, 12m, 40m, 0.8m, 100m),
            (dayValues["pm25_24h"], dayValues["pm10_24h"], dayValues["so2_24h"], dayValues["no2_24h"], dayValues["co_24h"], dayValues["o3_8h"]));
        var iaqi = JsonSerializer.Deserialize<Dictionary<string, int?>>(daily.IaqiJson!)!;
        Assert.Equal((88, 70, 12, 50, 20, 50), (iaqi["pm25_24h"], iaqi["pm10_24h"], iaqi["so2_24h"], iaqi["no2_24h"], iaqi["co_24h"], iaqi["o3_8h"]));
        var hours = await db.HourlyAqi.AsNoTracking().Where(h => h.SiteId == district.Id && h.HourStart >= start && h.HourStart < start.AddDays(1)).ToListAsync();
        Assert.Equal(24, hours.Count);
        Assert.All(hours, h => Assert.Equal(88, h.Aqi));
        Assert.Equal(EvaluationState.Done, (await db.EvaluationDays.AsNoTracking().SingleAsync(e => e.SiteId == district.Id && e.Day == Day)).State);

        // 空气 reads the stored district series (not on demand); a fixed regime is still computed on demand.
        var air = new AirService(db);
        var view = await air.ViewAsync(AirService.DistrictCode, Day, Day, null, "all");
        Assert.NotNull(view);
        Assert.False(view.OnDemand);
        Assert.Equal(88, view.Assessment.Days.Single().Aqi?.Aqi);
        Assert.Equal(24, view.Trend.Count);
        Assert.DoesNotContain(await air.SitesAsync(includeNonPublic: true), s => s.Code == Site.DistrictAggregateCode);

        // The district's station set (any order) reads the stored series; another set is computed on demand.
        using var admin = app.Client(admin: true);
        var r = JsonDocument.Parse(await admin.GetStringAsync("/api/assessment/city?sites=JB-A-GC,1420A,JB-A-GYQ&from=2019-07-02&to=2019-07-02")).RootElement;
        Assert.False(r.GetProperty("on_demand").GetBoolean());
        var pm25Stat = r.GetProperty("assessment").GetProperty("statistics").EnumerateArray().Single(s => s.GetProperty("indicator").GetString() == "pm25_24h");
        Assert.Equal(65m, pm25Stat.GetProperty("mean").GetDecimal());
        var pair = JsonDocument.Parse(await admin.GetStringAsync("/api/assessment/city?sites=1420A,JB-A-GYQ&from=2019-07-02&to=2019-07-02")).RootElement;
        Assert.True(pair.GetProperty("on_demand").GetBoolean());

        // Upgrade of a store from before the district was stored: station rows, no district series. Opening the store
        // marks the district's days pending; the next evaluation round writes them (the same hand-worked AQI 88).
        await db.HourlyAqi.Where(h => h.SiteId == district.Id).ExecuteDeleteAsync();
        await db.DailyAqi.Where(d => d.SiteId == district.Id).ExecuteDeleteAsync();
        await db.EvaluationDays.Where(e => e.SiteId == district.Id).ExecuteDeleteAsync();
        await app.Store.MigrateAndSeedAsync();
        Assert.Equal(EvaluationState.Pending, (await db.EvaluationDays.AsNoTracking().SingleAsync(e => e.SiteId == district.Id && e.Day == Day)).State);
        await using (var queue = new EvaluationQueue(app.Store, TimeSpan.FromHours(1)))
            await queue.FlushAsync();
        Assert.Equal(88, (await db.DailyAqi.AsNoTracking().SingleAsync(d => d.SiteId == district.Id && d.Date == Day)).Aqi);
    }
}

public sealed class SqliteDistrictSeriesTests(WebAppFixture<SqliteTestDatabase> app) : DistrictSeriesTests<SqliteTestDatabase>(app);

public sealed class PostgresDistrictSeriesTests(WebAppFixture<PostgresTestDatabase> app) : DistrictSeriesTests<PostgresTestDatabase>(app);
