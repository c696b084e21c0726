using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Values stored with impossible times (year 9999, year 1, 2049 — e.g. before the intake rule existed) must neither pose
/// as "latest" nor crash the overview: the latest hour of JB-A-GC stays the hand-inserted 2019-07-01 10:00–11:00 Beijing
/// hour (02:00–03:00 UTC), and /aqi/latest returns its row, not the 2049 one.
/// </summary>
public sealed class StoredTimeRobustnessTests(WebAppFixture<SqliteTestDatabase> app) : IClassFixture<WebAppFixture<SqliteTestDatabase>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public async Task Impossible_stored_times_are_ignored_by_latest_and_do_not_crash_the_overview()
    {
        var real = new DateTimeOffset(2019, 7, 1, 2, 0, 0, TimeSpan.Zero);
        long site;
        await using (var ctx = app.Store.CreateContext())
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
        DateTimeOffset[] times = [real, new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), new(1, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2049, 12, 31, 15, 0, 0, TimeSpan.Zero)];
        await new ObservationWriter(app.Store).UpsertAsync([.. times.Select(t => new ObservationInput(site, "robust-test", "a34004", PeriodType.Hour, t, 35m, "35"))]);
        await using (var ctx = app.Store.CreateContext())
        {
            foreach (var (t, aqi) in new[] { (real, 40), (times[3], 50) })
                ctx.HourlyAqi.Add(new HourlyAqi { SiteId = site, HourStart = t, Aqi = aqi, Complete = false, PrimaryPollutants = ["pm25_1h"], IaqiJson = "{}", RegimeId = "HJ633-2012", CalculatedAt = DateTimeOffset.UtcNow });
            await ctx.SaveChangesAsync();
        }

        await using (var db = app.Store.CreateContext())
        {
            var air = new AirService(db, TimeProvider.System);
            Assert.Equal(real.AddHours(1), await air.LatestHourEndAsync("JB-A-GC"));
            var overview = await new OverviewService(db, air, new WaterService(db), TimeProvider.System, new NoiseService(db)).LoadAsync();
            Assert.Equal(real.AddHours(1), overview.Sites.Single(s => s.Code == "JB-A-GC").LatestHourEnd);
        }

        using var admin = app.Client(admin: true);
        var latest = await admin.GetFromJsonAsync<HourlyAqiDto>("/api/sites/JB-A-GC/aqi/latest", Json);
        Assert.Equal((real, 40), (latest!.HourStart, latest.Aqi));
    }
}
