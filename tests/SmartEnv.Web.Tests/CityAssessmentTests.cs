using SmartEnv.Evaluation;
using System.Net;
using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Tests;

/// <summary>
/// <c>GET /api/assessment/city</c>: two stations averaged per hour (HJ 663), then assessed as one. Hand-worked
/// (HJ 633-2012 table 1, CNEMC-2014 regime in 2019): station 港城 PM2.5 50, 观音桥 PM2.5 100 for all 24 hours of
/// 2019-07-01, both PM10 50, SO2 10, NO2 20, CO 0.5, O3 60. City PM2.5 = 75 → IAQI 100 (breakpoint), the largest
/// → AQI 100, level 2 (良), primary pollutant PM2.5; 观音桥 alone: PM2.5 100 → 100 + (100 − 75)/(115 − 75) × 50 = 131.25 → 132.
/// </summary>
public abstract class CityAssessmentTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    [Fact]
    public async Task City_value_is_the_hourly_mean_of_its_stations_then_assessed_as_a_station()
    {
        var day = new DateTimeOffset(2019, 7, 1, 0, 0, 0, BeijingTime.Offset);
        var values = new List<ObservationInput>();
        await using (var ctx = app.Store.CreateContext())
        {
            foreach (var (code, pm) in new[] { ("JB-A-GC", 50m), ("JB-A-GYQ", 100m) })
            {
                var id = await ctx.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
                for (var h = 0; h < 24; h++)
                    foreach (var (p, v) in new[] { ("a34004", pm), ("a34002", 50m), ("a21026", 10m), ("a21004", 20m), ("a21005", 0.5m), ("a05024", 60m) })
                        values.Add(new ObservationInput(id, "city-test:" + code, p, PeriodType.Hour, day.AddHours(h), v, v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        await new ObservationWriter(app.Store).UpsertAsync(values);
        // The station assessment reads the stored evaluation (as written on intake); the city mean is computed on demand.
        foreach (var id in values.Select(v => v.SiteId).Distinct())
            await new AirEvaluator(app.Store).RecomputeAsync(id, new DateOnly(2019, 7, 1), new DateOnly(2019, 7, 1));

        using var admin = app.Client(admin: true);
        var r = JsonDocument.Parse(await admin.GetStringAsync("/api/assessment/city?sites=JB-A-GC,JB-A-GYQ&from=2019-07-01&to=2019-07-01")).RootElement;
        Assert.True(r.GetProperty("on_demand").GetBoolean());
        Assert.Equal(["JB-A-GC", "JB-A-GYQ"], r.GetProperty("sites").EnumerateArray().Select(e => e.GetString()));
        var a = r.GetProperty("assessment");
        Assert.Equal((1, 1, 1), (a.GetProperty("valid_aqi_days").GetInt32(), a.GetProperty("good_days").GetInt32(), a.GetProperty("days_per_level")[1].GetInt32()));
        Assert.Equal(1, a.GetProperty("primary_pollutant_days").GetProperty("pm25_24h").GetInt32());
        var pm25 = a.GetProperty("statistics").EnumerateArray().Single(s => s.GetProperty("indicator").GetString() == "pm25_24h");
        Assert.Equal(75m, pm25.GetProperty("mean").GetDecimal());

        var gyq = JsonDocument.Parse(await admin.GetStringAsync("/api/sites/JB-A-GYQ/assessment?from=2019-07-01&to=2019-07-01")).RootElement;
        Assert.Equal((0, 1), (gyq.GetProperty("good_days").GetInt32(), gyq.GetProperty("days_per_level")[2].GetInt32()));

        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/assessment/city?sites=JB-A-GC&from=2019-07-01&to=2019-07-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/assessment/city?from=2019-07-01&to=2019-07-01")).StatusCode);
        // A water section is refused as "not an air site" (400, as every AQI endpoint); an unknown code is a 404.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/assessment/city?sites=JB-A-GC,JB-W-CT&from=2019-07-01&to=2019-07-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/assessment/city?sites=JB-A-GC,NO-SUCH&from=2019-07-01&to=2019-07-01")).StatusCode);
    }
}

public sealed class SqliteCityAssessmentTests(WebAppFixture<SqliteTestDatabase> app) : CityAssessmentTests<SqliteTestDatabase>(app);

public sealed class PostgresCityAssessmentTests(WebAppFixture<PostgresTestDatabase> app) : CityAssessmentTests<PostgresTestDatabase>(app);
