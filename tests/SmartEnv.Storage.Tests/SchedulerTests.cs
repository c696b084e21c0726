using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartEnv.Construction;
using SmartEnv.Scheduling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Scheduling;
using SmartEnv.Web;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The platform scheduler (issue 20, docs/operations.md "Schedules") on both engines, on a <see cref="FakeTimeProvider"/>:
/// cron in Beijing time, an occurrence runs when the clock reaches it and not a second earlier, exactly once (a second
/// scheduler instance and the hand run find it claimed), after downtime only the latest missed occurrence runs, a job
/// never run does not replay history; the hosted loop fires on the fake clock; the monthly card review stores the previous
/// month's cards once. Each test uses its own job keys (the database is shared by the class).
/// Hand conversions: 01:00 Beijing on the 1st = 17:00 UTC on the last day of the month before (UTC+8).
/// </summary>
public abstract class SchedulerTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    /// <summary>A job that counts its runs.</summary>
    private sealed class CountingJob(string key, string cron = "0 1 1 * *") : IScheduledJob
    {
        private int _runs;
        public List<DateTimeOffset> Occurrences { get; } = [];
        public int Runs => Volatile.Read(ref _runs);
        public string Key => key;
        public string DefaultCron => cron;
        public string Description => "test";
        public async Task<string?> RunAsync(DateTimeOffset occurrence, CancellationToken ct)
        {
            lock (Occurrences) Occurrences.Add(occurrence);
            Interlocked.Increment(ref _runs);
            await Task.Delay(50, ct); // long enough for a concurrent claim to meet the stored row
            return "ran " + ScheduleSettings.Text(occurrence);
        }
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h, int mi = 0, int s = 0) => BeijingTime.At(new DateOnly(y, mo, d), new TimeOnly(h, mi, s));

    private static Scheduler Make(SmartEnvStore store, TimeProvider time, params IScheduledJob[] jobs) =>
        new(store, ScheduleSettings.Entries(jobs), time, NullLogger.Instance);

    [Theory]
    [InlineData("61 * * * *")] // minute 61 (0–59)
    [InlineData("* * * *")] // 4 fields
    [InlineData("0 1 1 * * *")] // 6 fields (seconds not accepted)
    public void A_bad_cron_is_one_error_naming_the_setting_and_the_value(string cron)
    {
        var ex = Assert.Throws<ScheduleConfigurationException>(() => ScheduleSettings.Entries([new CountingJob("t-bad")],
            new Dictionary<string, ScheduleSetting> { ["t-bad"] = new(cron, null) }, Bj(2026, 6, 1, 0)));
        Assert.StartsWith($"SmartEnv:Schedules:t-bad:Cron '{cron}': ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Enabled_maybe_is_one_error_naming_the_setting_and_the_value()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SmartEnv:Schedules:t-bad:Enabled"] = "maybe" }).Build();
        var ex = Assert.Throws<ScheduleConfigurationException>(() => ScheduleSettings.Read(config));
        Assert.Equal("SmartEnv:Schedules:t-bad:Enabled 'maybe': must be true or false", ex.Message);
    }

    [Fact]
    public void A_cron_that_never_fires_is_refused_at_the_five_year_boundary()
    {
        IReadOnlyList<ScheduleEntry> At(string cron, DateTimeOffset now) =>
            ScheduleSettings.Entries([new CountingJob("t-never")], new Dictionary<string, ScheduleSetting> { ["t-never"] = new(cron, null) }, now);
        // 31 February: no occurrence ever.
        var ex = Assert.Throws<ScheduleConfigurationException>(() => At("0 1 31 2 *", Bj(2026, 6, 1, 0)));
        Assert.StartsWith("SmartEnv:Schedules:t-never:Cron '0 1 31 2 *': never fires", ex.Message);
        // 29 February 01:00 Beijing: after 2028-02-29 01:00 the next is 2032-02-29 01:00 (hand: leap years 2032) — within 5 years.
        Assert.Single(At("0 1 29 2 *", Bj(2028, 2, 29, 1)));
        // Boundary: 2100 is no leap year (hand, Gregorian calendar), so after 2096-02-29 01:00 Beijing the next 29 February is
        // 2104 — more than 5 years: refused at 01:00 exactly; one minute earlier the occurrence of that day counts: accepted.
        Assert.Single(At("0 1 29 2 *", Bj(2096, 2, 29, 0, 59)));
        Assert.Throws<ScheduleConfigurationException>(() => At("0 1 29 2 *", Bj(2096, 2, 29, 1)));
    }

    [Fact]
    public void Cron_is_evaluated_in_Beijing_time()
    {
        var e = ScheduleSettings.Entries([new CountingJob("t-zone")]).Single();
        // 2026-06-01 01:00 Beijing = 2026-05-31 17:00 UTC (hand conversion).
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 17, 0, 0, TimeSpan.Zero), ScheduleSettings.Next(e, Bj(2026, 5, 20, 0)));
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 17, 0, 0, TimeSpan.Zero), ScheduleSettings.Next(e, Bj(2026, 6, 1, 0, 59, 59)));
        Assert.Equal(Bj(2026, 7, 1, 1), ScheduleSettings.Next(e, Bj(2026, 6, 1, 1))); // strictly after
        var configured = ScheduleSettings.Entries([new CountingJob("t-zone")], new Dictionary<string, ScheduleSetting> { ["t-zone"] = new("30 8 * * 1", false) }).Single();
        Assert.Equal(("30 8 * * 1", false), (configured.Cron, configured.Enabled));
        Assert.Throws<ScheduleConfigurationException>(() => ScheduleSettings.Entries([new CountingJob("t-zone")], new Dictionary<string, ScheduleSetting> { ["t-zone"] = new("61 * * * *", null) }));
        Assert.Throws<ArgumentException>(() => ScheduleSettings.Entries([new CountingJob("Bad Key")]));
    }

    [Fact]
    public async Task An_occurrence_runs_when_the_clock_reaches_it_and_only_once()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new FakeTimeProvider(Bj(2026, 6, 1, 0, 59, 59));
        var job = new CountingJob("t-once");
        var s = Make(store, clock, job);
        Assert.Empty(await s.RunDueAsync()); // one second before 01:00
        clock.Advance(TimeSpan.FromSeconds(1)); // 01:00:00 exactly
        var r = Assert.Single(await s.RunDueAsync());
        Assert.Equal((ScheduledRun.Succeeded, Bj(2026, 6, 1, 1)), (r.Outcome, r.Occurrence));
        Assert.Empty(await s.RunDueAsync());
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await s.RunDueAsync());
        Assert.Equal(1, job.Runs);
        await using var ctx = store.CreateContext();
        var row = await ctx.ScheduledRuns.AsNoTracking().SingleAsync(x => x.JobKey == "t-once");
        Assert.Equal((Bj(2026, 6, 1, 1), ScheduledRun.Succeeded, "ran 2026-06-01 01:00"), (row.OccurrenceUtc, row.Outcome, row.Message));
        Assert.NotNull(row.FinishedAt);
    }

    [Fact]
    public async Task Two_instances_run_an_occurrence_once_and_the_hand_run_finds_it_claimed()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new FakeTimeProvider(Bj(2026, 6, 1, 0, 30));
        var (a, b) = (new CountingJob("t-two"), new CountingJob("t-two"));
        var (sa, sb) = (Make(store, clock, a), Make(store, clock, b));
        clock.Advance(TimeSpan.FromMinutes(31)); // 01:01
        var results = await Task.WhenAll(sa.RunDueAsync(), sb.RunDueAsync());
        Assert.Equal(1, a.Runs + b.Runs);
        // The slower instance either found the occurrence claimed at its insert, or (having read after the claim) nothing due.
        Assert.Single(results.SelectMany(x => x), x => x.Outcome == ScheduledRun.Succeeded);
        Assert.All(results.SelectMany(x => x), x => Assert.Contains(x.Outcome, new[] { ScheduledRun.Succeeded, Scheduler.Claimed }));
        Assert.Equal(Scheduler.Claimed, (await sa.RunAsync("t-two", Bj(2026, 6, 1, 1))).Outcome);
        Assert.Equal(1, a.Runs + b.Runs);
        // By hand: an instant that is not an occurrence, or one ahead of the clock, is refused; an older occurrence runs once.
        await Assert.ThrowsAsync<ArgumentException>(() => sa.RunAsync("t-two", Bj(2026, 6, 1, 2)));
        await Assert.ThrowsAsync<ArgumentException>(() => sa.RunAsync("t-two", Bj(2026, 7, 1, 1)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => sa.RunAsync("t-none"));
        // Both instances hand the same older occurrence to the claim at once: the unique key lets exactly one insert through.
        var both = await Task.WhenAll(sa.RunAsync("t-two", Bj(2026, 5, 1, 1)), sb.RunAsync("t-two", Bj(2026, 5, 1, 1)));
        Assert.Equal([Scheduler.Claimed, ScheduledRun.Succeeded], both.Select(x => x.Outcome).Order(StringComparer.Ordinal));
        Assert.Equal(2, a.Runs + b.Runs);
    }

    [Fact]
    public async Task After_downtime_only_the_latest_missed_occurrence_runs_and_a_new_job_replays_nothing()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new FakeTimeProvider(Bj(2026, 6, 1, 0, 0));
        var job = new CountingJob("t-down");
        clock.Advance(TimeSpan.FromHours(2));
        var before = Make(store, clock, job);
        Assert.Empty(await before.RunDueAsync()); // created at 02:00: the 01:00 occurrence was before it, never claimed → not replayed
        clock.SetUtcNow(Bj(2026, 6, 15, 12));
        Assert.Empty(await before.RunDueAsync());
        var byHand = await before.RunAsync("t-down", null); // by hand: the latest occurrence at or before now, 06-01 01:00
        Assert.Equal((ScheduledRun.Succeeded, Bj(2026, 6, 1, 1)), (byHand.Outcome, byHand.Occurrence));
        // Down from 06-15 to 09-15: missed 07-01, 08-01, 09-01 → only 09-01 01:00 runs (hand count).
        clock.SetUtcNow(Bj(2026, 9, 15, 9));
        var after = Make(store, clock, job);
        var r = Assert.Single(await after.RunDueAsync());
        Assert.Equal(Bj(2026, 9, 1, 1), r.Occurrence);
        Assert.Equal([Bj(2026, 6, 1, 1), Bj(2026, 9, 1, 1)], job.Occurrences);
        Assert.Empty(await after.RunDueAsync());
    }

    [Fact]
    public async Task A_disabled_schedule_does_not_run_and_a_failing_job_is_stored_failed_once()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new FakeTimeProvider(Bj(2026, 6, 1, 0, 59));
        var off = new CountingJob("t-off");
        var s = new Scheduler(store, ScheduleSettings.Entries([off, new FailingJob()], new Dictionary<string, ScheduleSetting> { ["t-off"] = new(null, false) }), clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        var r = Assert.Single(await s.RunDueAsync());
        Assert.Equal(("t-fail", ScheduledRun.Failed), (r.Key, r.Outcome));
        Assert.Contains("boom", r.Message);
        Assert.Empty(await s.RunDueAsync()); // a failed occurrence is not retried
        Assert.Equal(0, off.Runs);
    }

    private sealed class FailingJob : IScheduledJob
    {
        public string Key => "t-fail";
        public string DefaultCron => "0 1 1 * *";
        public string Description => "fails";
        public Task<string?> RunAsync(DateTimeOffset occurrence, CancellationToken ct) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task The_hosted_loop_fires_at_the_occurrence_on_the_fake_clock()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new FakeTimeProvider(Bj(2026, 6, 1, 0, 59));
        var job = new CountingJob("t-loop");
        var service = new SchedulerService(Make(store, clock, job), clock, NullLogger<SchedulerService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await WaitIdleAsync(service); // first round done, sleeping until 01:00 on the fake clock
            clock.Advance(TimeSpan.FromSeconds(59)); // 00:59:59
            await Task.Delay(300);
            Assert.Equal(0, job.Runs);
            clock.Advance(TimeSpan.FromSeconds(1)); // 01:00:00
            for (var i = 0; i < 200 && job.Runs == 0; i++) await Task.Delay(50);
            Assert.Equal(1, job.Runs);
            Assert.Equal(Bj(2026, 6, 1, 1), job.Occurrences.Single());
        }
        finally { await service.StopAsync(CancellationToken.None); }
    }

    private static async Task WaitIdleAsync(SchedulerService service)
    {
        for (var i = 0; i < 200 && service.Rounds == 0; i++) await Task.Delay(50);
        Assert.True(service.Rounds > 0, "the scheduler loop did not finish a round");
        await Task.Delay(100);
    }

    [Fact]
    public async Task The_monthly_review_stores_the_previous_month_cards_once_audited_as_the_system()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new FakeTimeProvider(Bj(2026, 6, 1, 0, 50));
        await using (var ctx = store.CreateContext())
        {
            var s = new ConstructionService(ctx, clock);
            foreach (var code in new[] { "SCH-A", "SCH-B" })
                await s.RegisterSiteAsync(new ConstructionSiteInput(code, "月评" + code, "91500105000000000J", "915001050000000430", null, null, null, null,
                    1000m, "structure", null, null), AuditActor.System("test"));
        }
        var scheduler = Make(store, clock, [.. PlatformJobs.All(store, clock)]);
        Assert.Equal("0 1 1 * *", scheduler.Entry(ConstructionMonthlyReviewJob.JobKey).Cron);
        Assert.Empty(await scheduler.RunDueAsync()); // 00:50
        clock.Advance(TimeSpan.FromMinutes(15)); // 01:05 on the 1st
        var r = Assert.Single(await scheduler.RunDueAsync());
        Assert.Equal((ScheduledRun.Succeeded, Bj(2026, 6, 1, 1)), (r.Outcome, r.Occurrence));
        Assert.StartsWith("2026-05: ", r.Message);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await scheduler.RunDueAsync());
        await using (var ctx = store.CreateContext())
        {
            var ids = await ctx.ConstructionSites.Where(x => x.Code.StartsWith("SCH-")).Select(x => x.Id).ToListAsync();
            var cards = await ctx.ConstructionCards.AsNoTracking().Where(c => ids.Contains(c.ConstructionSiteId)).ToListAsync();
            Assert.Equal(2, cards.Count); // one per site, not two: the second look ran nothing
            Assert.All(cards, c => Assert.Equal((new DateOnly(2026, 5, 1), ConstructionMonthlyReviewJob.JobKey), (c.Month, c.EvaluatedBy)));
            var audits = await ctx.AuditEntries.AsNoTracking().Where(a => a.Action == "construction_card.evaluate" && a.TargetId!.StartsWith("SCH-")).ToListAsync();
            Assert.Equal(2, audits.Count);
            Assert.All(audits, a => Assert.Equal((AuditActorKind.System, ConstructionMonthlyReviewJob.JobKey), (a.ActorKind, a.ActorName)));
        }
        Assert.Equal(new DateOnly(2026, 12, 1), ConstructionMonthlyReviewJob.MonthOf(Bj(2027, 1, 1, 1))); // January reviews December of the year before
    }
}

/// <summary>SQLite.</summary>
public sealed class SqliteSchedulerTests(SqliteTestDatabase db) : SchedulerTests<SqliteTestDatabase>(db);

/// <summary>PostgreSQL.</summary>
public sealed class PostgresSchedulerTests(PostgresTestDatabase db) : SchedulerTests<PostgresTestDatabase>(db);
