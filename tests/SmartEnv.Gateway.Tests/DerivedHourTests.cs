using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary>GB 3095 Table 4 (1-h mean valid with ≥ 45 min of sampling in the hour), worked by hand.</summary>
public sealed class SubHourlyMeansTests
{
    private static readonly DateTimeOffset T = new(2019, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static List<SubHourlySample> Every(TimeSpan step, int n, Func<int, decimal> value, DateTimeOffset? from = null) =>
        Enumerable.Range(0, n).Select(i => new SubHourlySample((from ?? T) + step * i, value(i))).ToList();

    [Fact]
    public void Nine_five_minute_values_are_45_minutes_and_valid_eight_are_40_and_invalid()
    {
        var nine = Every(TimeSpan.FromMinutes(5), 9, i => 10 * (i + 1));  // 10, 20, … 90 → mean 450/9 = 50
        Assert.Equal(TimeSpan.FromMinutes(5), SubHourlyMeans.Interval(nine));
        Assert.Equal((50m, 45m), SubHourlyMeans.HourMean(nine, TimeSpan.FromMinutes(5)));
        var eight = nine.Take(8).ToList();
        Assert.Equal(((decimal?)null, 40m), SubHourlyMeans.HourMean(eight, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Real_time_every_30_s_needs_90_values()
    {
        var step = TimeSpan.FromSeconds(30);
        Assert.Equal((7m, 45m), SubHourlyMeans.HourMean(Every(step, 90, _ => 7m), step));
        Assert.Equal(((decimal?)null, 44.5m), SubHourlyMeans.HourMean(Every(step, 89, _ => 7m), step));
    }

    [Fact]
    public void Minute_data_win_over_real_time_and_real_time_fills_an_hour_with_too_few_minutes()
    {
        // Hour 02:00: 12 minute values of 30 (60 min) and 120 real-time values of 60 → 30 (minute data preferred).
        // Hour 03:00: 8 minute values (40 min, invalid) and 120 real-time values of 60 → 60.
        var minute = Every(TimeSpan.FromMinutes(5), 12, _ => 30m).Concat(Every(TimeSpan.FromMinutes(5), 8, _ => 99m, T.AddHours(1))).ToList();
        var rtd = Every(TimeSpan.FromSeconds(30), 240, _ => 60m);
        var d = SubHourlyMeans.Derive(minute, rtd);
        Assert.Equal(2, d.Count);
        Assert.Equal(30m, d[T]);
        Assert.Equal(60m, d[T.AddHours(1)]);
    }
}

/// <summary>Minute data of a whole day feed the stored hourly and daily AQI through <see cref="EvaluationQueue"/>.
/// Hand-worked as in <see cref="GatewayEvaluationTests{TDb}"/> (HJ 633-2012 table 1, CNEMC-2014 regime in 2019): 24 h of
/// PM2.5 75, PM10 50, SO2 10, NO2 20, CO 0.5, O3 60 → daily AQI 100 (PM2.5 24-h). An hour whose PM2.5 minute values
/// of 315 cover 40 min is invalid and leaves the 24-h mean at 75; with a ninth 5-min value (45 min) its mean 315 counts:
/// (23 × 75 + 315) / 24 = 85 → IAQI 100 + (85 − 75) / (115 − 75) × 50 = 112.5 → 113.</summary>
public abstract class DerivedHourTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    [Fact]
    public async Task Daily_AQI_from_minute_data_follows_the_45_minute_rule()
    {
        var (store, _) = await db.MigratedAsync();
        long site;
        await using (var ctx = store.CreateContext())
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GYQ").Select(s => s.Id).SingleAsync();
        const string mn = "MINUTE000000000000000001";
        var day = new DateTimeOffset(2019, 6, 1, 0, 0, 0, Beijing);
        var values = new List<ObservationInput>();
        void Add(DateTimeOffset t, string code, decimal v, string? flag = "N") =>
            values.Add(new ObservationInput(site, mn, code, PeriodType.Min, t, v, v.ToString(System.Globalization.CultureInfo.InvariantCulture), Flag: flag));
        for (var h = 0; h < 24; h++)
        for (var m = 0; m < 60; m += 5)
        {
            var t = day.AddHours(h).AddMinutes(m);
            if (h != 5) Add(t, "a34004", 75m);
            else if (m < 40) Add(t, "a34004", 315m);    // 8 values = 40 min: invalid
            else if (m == 40) Add(t, "a34004", 999m, "D"); // a fault-flagged value does not count as sampling time
            Add(t, "a34002", 50m);
            Add(t, "a21026", 10m);
            Add(t, "a21004", 20m);
            Add(t, "a21005", 0.5m);
            Add(t, "a05024", 60m);
        }
        var writer = new ObservationWriter(store);
        await writer.UpsertAsync(values);
        await using (var queue = new EvaluationQueue(store, TimeSpan.FromHours(1)))
        {
            queue.Enqueue(values);
            await queue.FlushAsync();
        }
        async Task<DailyAqi> Day()
        {
            await using var ctx = store.CreateContext();
            return await ctx.DailyAqi.AsNoTracking().SingleAsync(x => x.SiteId == site && x.Date == new DateOnly(2019, 6, 1));
        }
        var d = await Day();
        Assert.Equal((100, "pm25_24h", true, "CNEMC-2014"), (d.Aqi, string.Join(';', d.PrimaryPollutants), d.Valid, d.RegimeId));
        await using (var ctx = store.CreateContext())
            Assert.Equal(24, await ctx.HourlyAqi.CountAsync(x => x.SiteId == site && x.HourStart >= day && x.HourStart < day.AddDays(1)));

        var ninth = new ObservationInput(site, mn, "a34004", PeriodType.Min, day.AddHours(5).AddMinutes(45), 315m, "315", Flag: "N");
        await writer.UpsertAsync([ninth]);
        await using (var queue = new EvaluationQueue(store, TimeSpan.FromHours(1)))
        {
            queue.Enqueue([ninth]);
            await queue.FlushAsync();
        }
        Assert.Equal(113, (await Day()).Aqi);
    }
}

public sealed class SqliteDerivedHourTests(SqliteTestDatabase db) : DerivedHourTests<SqliteTestDatabase>(db);

public sealed class PostgresDerivedHourTests(PostgresTestDatabase db) : DerivedHourTests<PostgresTestDatabase>(db);
