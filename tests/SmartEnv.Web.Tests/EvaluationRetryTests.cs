using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Web.Contracts;
using SmartEnv.Standards.Common;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// A failed recomputation never leaves a silently missing day: the store itself refuses the new daily rows (a trigger
/// that aborts every insert into <c>daily_aqi</c>, installed in the real database — no mock), the old figures are still
/// served by the API, the day is marked failed with the reason in <c>evaluation_days</c> and listed by the 数据 page's
/// service, it is not retried before its backoff (30 s), and after the backoff (the trigger removed) it is retried to done
/// with the new figures.
/// <para>Data: site JB-A-GC, natural day 2019-07-10 (CNEMC-2014 regime), 24 hours of SO2 10, NO2 20, CO 0.5, O3 100,
/// PM10 60 and PM2.5 40 (then 80). Hand-worked daily AQI (HJ 633-2012 table 1): PM2.5 24-h 40 → 50 + (40−35)·50/40 =
/// 56.25 → 57 (PM10 60 → 55, NO2 20 → 25, CO 0.5 → 13, SO2 10 → 10, O3 MDA8 100 → 50, O3 1h 100 → 32), AQI 57, primary
/// pm25_24h. With PM2.5 80: 100 + (80−75)·50/40 = 106.25 → 107, AQI 107.</para>
/// </summary>
public abstract class EvaluationRetryTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>SQL that makes every insert into <c>daily_aqi</c> fail, and SQL that removes it.</summary>
    protected abstract (string Install, string Remove) FailureTrigger { get; }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_failed_recomputation_keeps_the_old_figures_marks_the_day_failed_and_is_retried_to_done()
    {
        var day = new DateOnly(2019, 7, 10);
        var t0 = new DateTimeOffset(2019, 7, 10, 0, 0, 0, BeijingTime.Offset); // hours labelled 01 … 24 of the natural day
        long site;
        await using (var ctx = app.Store.CreateContext())
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
        List<ObservationInput> Day(decimal pm25) =>
            [.. Enumerable.Range(0, 24).SelectMany(h => new[] { ("a21026", 10m), ("a21004", 20m), ("a21005", 0.5m), ("a05024", 100m), ("a34002", 60m), ("a34004", pm25) }
                .Select(x => new ObservationInput(site, "retry-test", x.Item1, PeriodType.Hour, t0.AddHours(h), x.Item2, x.Item2.ToString(CultureInfo.InvariantCulture))))];
        var clock = new Clock(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        using var api = app.Client(admin: false);
        async Task<DailyAqiDto> Served() =>
            Assert.Single((await api.GetFromJsonAsync<List<DailyAqiDto>>("/api/sites/JB-A-GC/aqi/daily?from=2019-07-10&to=2019-07-10", Json))!);
        async Task<EvaluationDay> State()
        {
            await using var ctx = app.Store.CreateContext();
            return await ctx.EvaluationDays.AsNoTracking().SingleAsync(e => e.SiteId == site && e.Day == day);
        }

        await using var queue = new EvaluationQueue(app.Store, TimeSpan.FromHours(1), time: clock); // flushed by the test
        var first = Day(40m);
        await new ObservationWriter(app.Store).UpsertAsync(first);
        queue.Enqueue(first);
        await queue.FlushAsync();
        Assert.Equal((57, "pm25_24h", true), ((await Served()).Aqi, string.Join(";", (await Served()).PrimaryPollutants), (await Served()).Valid));
        Assert.Equal((EvaluationState.Done, 0), ((await State()).State, (await State()).Attempts));

        // Corrected data arrives while the store refuses daily rows.
        var corrected = Day(80m);
        await new ObservationWriter(app.Store).UpsertAsync(corrected);
        await using (var ctx = app.Store.CreateContext())
            await ctx.Database.ExecuteSqlRawAsync(FailureTrigger.Install);
        try
        {
            queue.Enqueue(corrected);
            await queue.FlushAsync();
            Assert.Equal(1, queue.Failed);
            Assert.Equal(57, (await Served()).Aqi); // the old figures are still served, the day is not missing
            var failed = await State();
            Assert.Equal((EvaluationState.Failed, 1, clock.Now.AddSeconds(30)), (failed.State, failed.Attempts, failed.NextAttemptAt));
            Assert.Contains("injected failure", failed.LastError, StringComparison.Ordinal);
            await using (var db = app.Store.CreateContext())
            {
                var (rows, pending, failedCount) = await new DataService(db).EvaluationDaysAsync();
                Assert.Equal(1, failedCount);
                var row = Assert.Single(rows, r => r.SiteCode == "JB-A-GC" && r.Day == day);
                Assert.Equal(EvaluationState.Failed, row.State);
                Assert.Contains("injected failure", row.LastError, StringComparison.Ordinal);
                Assert.Equal(0, pending);
            }

            // Not before its backoff: a round 10 s later leaves it failed with one attempt.
            clock.Now = clock.Now.AddSeconds(10);
            await queue.FlushAsync();
            Assert.Equal((EvaluationState.Failed, 1), ((await State()).State, (await State()).Attempts));
        }
        finally
        {
            await using var ctx = app.Store.CreateContext();
            await ctx.Database.ExecuteSqlRawAsync(FailureTrigger.Remove);
        }

        // After the backoff the automatic retry succeeds: new figures, day done.
        clock.Now = clock.Now.AddSeconds(21);
        await queue.FlushAsync();
        var done = await State();
        Assert.Equal((EvaluationState.Done, 0, (string?)null, (DateTimeOffset?)null), (done.State, done.Attempts, done.LastError, done.NextAttemptAt));
        Assert.Equal((107, "pm25_24h"), ((await Served()).Aqi, string.Join(";", (await Served()).PrimaryPollutants)));
        await using (var ctx = app.Store.CreateContext())
        {
            var row = await ctx.DailyAqi.AsNoTracking().SingleAsync(d => d.SiteId == site && d.Date == day);
            Assert.Equal((24, AirEvaluator.RuleVersion), (row.ValidHours, row.RuleVersion));
            Assert.Equal(["pm25_24h"], row.PrimaryPollutants);
        }
    }
}

public sealed class SqliteEvaluationRetryTests(WebAppFixture<SqliteTestDatabase> app) : EvaluationRetryTests<SqliteTestDatabase>(app)
{
    protected override (string Install, string Remove) FailureTrigger =>
        ("CREATE TRIGGER retry_test_fail BEFORE INSERT ON daily_aqi BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
         "DROP TRIGGER retry_test_fail;");
}

public sealed class PostgresEvaluationRetryTests(WebAppFixture<PostgresTestDatabase> app) : EvaluationRetryTests<PostgresTestDatabase>(app)
{
    protected override (string Install, string Remove) FailureTrigger =>
        ("CREATE FUNCTION retry_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; " +
         "CREATE TRIGGER retry_test_fail BEFORE INSERT ON daily_aqi FOR EACH ROW EXECUTE FUNCTION retry_test_fail();",
         "DROP TRIGGER retry_test_fail ON daily_aqi; DROP FUNCTION retry_test_fail();");
}
