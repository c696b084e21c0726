using SmartEnv.Storage.Audit;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Imports;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Monitoring-data review (数据审核, issue 13) on both engines: marks are new rows, the observations stay as they were, a
/// mark or restore queues the affected days, and the stored daily AQI of the reviewed series equals a hand-worked
/// recomputation; the realtime series keeps the figures as received.
/// </summary>
public abstract class DataReviewTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    /// <summary>
    /// The rows of the 1420A 2019 file (<c>china_sites_2019_chongqing.csv.gz</c>, the file the import and plan tests use)
    /// for 2019-01-08 and 2019-01-09, as a CNEMC file in a temp folder: natural day 2019-01-08 is labels 1…23 of 01-08 plus
    /// label 0 of 01-09, and all six pollutants have 24 valid hours that day.
    /// </summary>
    private static async Task<SmartEnvStore> ImportedAsync(TDb db)
    {
        var (store, _) = await db.MigratedAsync();
        await using (var ctx = store.CreateContext())
            if (await ctx.DailyAqi.AnyAsync(d => d.Date == new DateOnly(2019, 1, 8))) return store;
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-review-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "china_sites_20190108-09.csv");
            using (var gz = new GZipStream(File.OpenRead(RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz")), CompressionMode.Decompress))
            using (var reader = new StreamReader(gz))
            await using (var w = new StreamWriter(path))
            {
                await w.WriteLineAsync(await reader.ReadLineAsync());
                while (await reader.ReadLineAsync() is { } line)
                    if (line.StartsWith("20190108,", StringComparison.Ordinal) || line.StartsWith("20190109,", StringComparison.Ordinal)) await w.WriteLineAsync(line);
            }
            var summary = await new CnemcSitesImporter(store).ImportAsync(path, new HashSet<string> { "1420A" });
            Assert.True(summary.ValuesAccepted > 0);
        }
        finally { Directory.Delete(dir, true); }
        return store;
    }

    private static async Task<DailyAqi> DayAsync(SmartEnvStore store, DataSeries series)
    {
        await using var ctx = store.CreateContext();
        var site = await ctx.Sites.SingleAsync(s => s.Code == "1420A");
        return await StoredAir.Daily(ctx, series).AsNoTracking().SingleAsync(d => d.SiteId == site.Id && d.Date == new DateOnly(2019, 1, 8));
    }

    private static Dictionary<string, int?> Iaqi(DailyAqi d) => JsonSerializer.Deserialize<Dictionary<string, int?>>(d.IaqiJson!)!;

    private static async Task RunQueueAsync(SmartEnvStore store)
    {
        await using var queue = new EvaluationQueue(store, TimeSpan.FromHours(1));
        await queue.FlushAsync();
    }

    /// <summary>
    /// Acceptance (issue 13): the 5 highest PM2.5 hours of 1420A on 2019-01-08 are marked invalid; the day's stored AQI
    /// changes exactly as worked out by hand below, and restoring the mark brings the original figures back.
    /// <code>
    /// 1420A, natural day 2019-01-08 (labels 01…23 of 01-08 + label 00 of 01-09), 1-h values as published:
    ///   PM2.5 65 65 64 64 61 60 59 61 72 79 74 77 77 73 82 97 95 117 104 99 85 81 74 52   (labels 01…24)
    ///   PM10  82 84 78 71 67 73 61 74 101 79 106 100 89 95 124 106 126 135 129 107 95 87 79 72
    ///   SO2   8 9 8 8 6 6 6 8 8 10 9 12 12 12 17 19 20 22 20 12 10 10 11 9
    ///   NO2   50 50 44 42 35 36 31 35 33 35 35 41 43 44 50 48 49 51 47 39 39 34 30 30
    ///   CO    1.2 1.2 1.2 1.2 1.1 1.1 1.1 1.3 1.3 1.3 1.4 1.4 1.4 1.3 1.4 1.5 1.5 1.6 1.5 1.4 1.4 1.4 1.3 1.3
    ///   O3    9 6 6 6 5 5 6 6 6 6 7 8 12 13 13 14 11 7 11 15 11 15 19 21
    /// Daily values (GB 3095-2012 Table 4: 24-h mean of ≥ 20 valid hours; rounded once, GB/T 8170 half-even, integer μg/m³,
    /// CO 1 decimal) and IAQI (HJ 633-2012 Table 1, formula (1) IAQI = (IAQI_Hi−IAQI_Lo)/(BP_Hi−BP_Lo)·(C−BP_Lo)+IAQI_Lo,
    /// rounded up, §6.2):
    ///   SO2   272/24 = 11.33 → 11;   segment 0–50 → 0–50:   50/50·11            = 11
    ///   NO2   971/24 = 40.46 → 40;   segment 0–40 → 0–50:   50/40·40            = 50
    ///   CO    31.8/24 = 1.325 → 1.3; segment 0–2 → 0–50:    50/2·1.3            = 32.5 → 33
    ///   PM10  2220/24 = 92.5 → 92 (half-even); 50–150 → 50–100: 50/100·(92−50)+50 = 71
    ///   O3 1h max 21;                segment 0–160 → 0–50:  50/160·21           = 6.5625 → 7
    ///   O3 8h max: windows ending at hours 8…24; the largest ends at hour 24 (11 7 11 15 11 15 19 21)/8 = 110/8 = 13.75 → 14;
    ///                                segment 0–100 → 0–50:  50/100·14           = 7
    /// BEFORE (24 valid PM2.5 hours):
    ///   PM2.5 1837/24 = 76.54 → 77;  segment 75–115 → 100–150: 50/40·(77−75)+100 = 102.5 → 103
    ///   AQI = max(11, 50, 33, 71, 7, 7, 103) = 103, 首要污染物 pm25_24h, level 3 轻度污染, day valid, valid hours 24.
    /// MARK: the five highest PM2.5 hours are labels 16…20 (97 95 117 104 99; the sixth highest is 85 at label 21), i.e.
    ///   the hours starting 15:00…19:00 Beijing = 07:00…11:00 UTC: one range mark, parameter a34004.
    /// AFTER: PM2.5 keeps 24 − 5 = 19 valid hours (1837 − 512 = 1325; 1325/19 = 69.74) — fewer than the 20 a 24-h mean
    ///   needs (GB 3095-2012 Table 4; HJ 663-2013 §6.1.2), so pm25_24h is INVALID (too few hours: 19 of 20) and has no IAQI.
    ///   AQI of the remaining indicators = max(11, 50, 33, 71, 7, 7) = 71, 首要污染物 pm10_24h (71 > 50), level 2 良;
    ///   the day is not valid (an indicator of the daily set is missing) and its valid-hour count is 19 (the fewest of
    ///   the six pollutants). 5 hours excluded by review.
    /// RESTORE: the original 103 / pm25_24h / valid / 24 come back.
    /// </code>
    /// </summary>
    [Fact]
    public async Task Marking_the_five_highest_PM25_hours_of_1420A_on_2019_01_08_changes_the_stored_day_as_worked_by_hand_and_restore_undoes_it()
    {
        var store = await ImportedAsync(db);
        var before = await DayAsync(store, DataSeries.Reviewed);
        Assert.Equal(103, before.Aqi);
        Assert.Equal(["pm25_24h"], before.PrimaryPollutants);
        Assert.True(before.Valid);
        Assert.Equal(24, before.ValidHours);
        Assert.Equal(0, before.ReviewExcludedHours);
        Assert.Equal(103, Iaqi(before)["pm25_24h"]);
        Assert.Equal(71, Iaqi(before)["pm10_24h"]);
        Assert.Equal(33, Iaqi(before)["co_24h"]);
        Assert.Equal(50, Iaqi(before)["no2_24h"]);
        Assert.Equal(11, Iaqi(before)["so2_24h"]);
        Assert.Equal(7, Iaqi(before)["o3_1h"]);
        Assert.Equal(7, Iaqi(before)["o3_8h"]);
        Assert.Contains("\"pm25_24h\":77", before.ValuesJson);

        long observationsBefore;
        string pm25Before;
        await using (var ctx = store.CreateContext())
        {
            observationsBefore = await ctx.Observations.CountAsync();
            pm25Before = string.Join(",", await ctx.Observations.Where(o => o.ParameterCode == "a34004" && o.Period == PeriodType.Hour)
                .OrderBy(o => o.DataTime).Select(o => o.ValueText).ToListAsync());
        }

        var book = new ReviewBook(store);
        var from = BeijingTime.HourStart(new DateOnly(2019, 1, 8), 16); // label 16 = 15:00…16:00 Beijing
        var to = BeijingTime.HourStart(new DateOnly(2019, 1, 8), 20);   // label 20 = 19:00…20:00 Beijing
        Assert.Equal(new DateTimeOffset(2019, 1, 8, 7, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2019, 1, 8, 11, 0, 0, TimeSpan.Zero), to);
        var mark = await book.MarkAsync(new ReviewMarkRequest(null, "1420A", "a34004", from, to, ReviewReason.InstrumentFault, "PM2.5 采样泵故障"), "reviewer");

        // The mark queued the day (the existing evaluation_days queue); nothing is recomputed yet.
        await using (var ctx = store.CreateContext())
        {
            var state = await ctx.EvaluationDays.SingleAsync(e => e.SiteId == mark.SiteId && e.Day == new DateOnly(2019, 1, 8));
            Assert.Equal(EvaluationState.Pending, state.State);
        }
        Assert.Equal(103, (await DayAsync(store, DataSeries.Reviewed)).Aqi);

        await RunQueueAsync(store);
        var after = await DayAsync(store, DataSeries.Reviewed);
        Assert.True(after.Reviewed);
        Assert.Equal(71, after.Aqi);
        Assert.Equal(["pm10_24h"], after.PrimaryPollutants);
        Assert.False(after.Valid);
        Assert.Equal(19, after.ValidHours);
        Assert.Equal(5, after.ReviewExcludedHours);
        Assert.False(Iaqi(after).ContainsKey("pm25_24h") && Iaqi(after)["pm25_24h"] is not null);
        Assert.Equal(71, Iaqi(after)["pm10_24h"]);
        Assert.DoesNotContain("pm25_24h\":", after.ValuesJson);
        Assert.Contains("\"indicator\":\"pm25_24h\"", after.InvalidJson);
        Assert.Contains("\"count\":19", after.InvalidJson);

        // The realtime series keeps the figures as received (stored because review excluded something that day).
        var realtime = await DayAsync(store, DataSeries.Realtime);
        Assert.False(realtime.Reviewed);
        Assert.Equal(103, realtime.Aqi);
        Assert.Equal(24, realtime.ValidHours);

        // Originals never change: same rows, same PM2.5 texts.
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(observationsBefore, await ctx.Observations.CountAsync());
            Assert.Equal(pm25Before, string.Join(",", await ctx.Observations.Where(o => o.ParameterCode == "a34004" && o.Period == PeriodType.Hour)
                .OrderBy(o => o.DataTime).Select(o => o.ValueText).ToListAsync()));
            // The HJ 663 assessment read from stored days sees the reviewed series by default.
            var a = await StoredAir.AssessAsync(ctx, mark.SiteId, new DateOnly(2019, 1, 8), new DateOnly(2019, 1, 8));
            var rt = await StoredAir.AssessAsync(ctx, mark.SiteId, new DateOnly(2019, 1, 8), new DateOnly(2019, 1, 8), series: DataSeries.Realtime);
            Assert.Equal(0, a.Assessment.ValidAqiDays);
            Assert.Equal(1, rt.Assessment.ValidAqiDays);
        }

        var restore = await book.RestoreAsync(mark.Id, "reviewer", "复核后数据有效");
        Assert.Equal(mark.Id, restore.RestoresId);
        await RunQueueAsync(store);
        var restored = await DayAsync(store, DataSeries.Reviewed);
        Assert.Equal(103, restored.Aqi);
        Assert.Equal(["pm25_24h"], restored.PrimaryPollutants);
        Assert.True(restored.Valid);
        Assert.Equal(24, restored.ValidHours);
        Assert.Equal(0, restored.ReviewExcludedHours);
        Assert.Equal(restored.Id, (await DayAsync(store, DataSeries.Realtime)).Id); // no realtime row any more: the series agree
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(2, await ctx.ReviewMarks.CountAsync(r => r.SiteId == mark.SiteId)); // both records kept
            Assert.Equal(0, await ctx.DailyAqi.IgnoreQueryFilters().CountAsync(d => !d.Reviewed));
            Assert.Equal(0, await ctx.HourlyAqi.IgnoreQueryFilters().CountAsync(h => !h.Reviewed));
        }
    }

    /// <summary>Water: a marked NH3-N value leaves the reviewed sample (so it no longer classifies the section; GB 3838-2002
    /// Table 1: NH3-N 1.2 mg/L is class Ⅳ, 1.0 < 1.2 ≤ 1.5) and stays in the realtime one.</summary>
    [Fact]
    public async Task A_marked_water_value_leaves_the_reviewed_sample_and_stays_in_the_realtime_one()
    {
        var (store, _) = await db.MigratedAsync();
        var at = new DateTimeOffset(2021, 4, 2, 0, 0, 0, TimeSpan.Zero);
        long site;
        await using (var ctx = store.CreateContext()) site = await ctx.Sites.Where(s => s.Code == "JB-W-CT").Select(s => s.Id).SingleAsync();
        await new ObservationWriter(store).UpsertAsync([
            new ObservationInput(site, "review-test", "w21003", PeriodType.Hour, at, 1.2m, "1.2"),
            new ObservationInput(site, "review-test", "w01009", PeriodType.Hour, at, 7.5m, "7.5"),
        ]);
        long obs;
        await using (var ctx = store.CreateContext()) obs = await ctx.Observations.Where(o => o.SiteId == site && o.ParameterCode == "w21003" && o.DataTime == at).Select(o => o.Id).SingleAsync();
        await new ReviewBook(store).MarkAsync(new ReviewMarkRequest(obs, null, null, null, null, ReviewReason.CalibrationMaintenance, null), "reviewer");
        await using (var ctx = store.CreateContext())
        {
            var reviewed = (await WaterSamples.ReadAsync(ctx, [site], at, at.AddHours(1)))[site].Single();
            var realtime = (await WaterSamples.ReadAsync(ctx, [site], at, at.AddHours(1), series: DataSeries.Realtime))[site].Single();
            Assert.False(reviewed.Values.ContainsKey(SmartEnv.Standards.Water.WaterItem.AmmoniaNitrogen));
            Assert.Equal(WaterSamples.ReviewedOutFlag, reviewed.Excluded![SmartEnv.Standards.Water.WaterItem.AmmoniaNitrogen]);
            Assert.Equal(1.2m, realtime.Values[SmartEnv.Standards.Water.WaterItem.AmmoniaNitrogen]);
            Assert.Equal(7.5m, reviewed.Values[SmartEnv.Standards.Water.WaterItem.DissolvedOxygen]);
            // The water site has no AQI days to queue.
            Assert.False(await ctx.EvaluationDays.AnyAsync(e => e.SiteId == site));
        }
    }

    /// <summary>The effective-state rule: the latest record covering a value decides (mark → excluded, restore → valid).</summary>
    /// <summary>Acceptance (issue 13, audit): reviewing an hour leaves exactly one chained audit entry, written in the
    /// mark's transaction, naming the reviewer, the record and the reason; restoring leaves one more; the chain verifies.</summary>
    [Fact]
    public async Task A_mark_and_its_restore_each_leave_one_chained_audit_entry()
    {
        var (store, _) = await db.MigratedAsync();
        var reviewer = new AuditActor(AuditActorKind.User, "reviewer-wang", "192.0.2.7");
        var book = new ReviewBook(store) { Auditor = reviewer };
        var t = new DateTimeOffset(2025, 4, 2, 3, 0, 0, TimeSpan.Zero);
        long before;
        await using (var ctx = store.CreateContext()) before = await ctx.AuditEntries.CountAsync();
        var mark = await book.MarkAsync(new ReviewMarkRequest(null, "JB-A-GC", "a34004", t, t, ReviewReason.ExternalInterference, null), reviewer.Name);
        var restore = await book.RestoreAsync(mark.Id, reviewer.Name, "复核有效");
        await using (var ctx = store.CreateContext())
        {
            var added = await ctx.AuditEntries.OrderBy(e => e.Seq).Skip((int)before).ToListAsync();
            Assert.Equal(["review.mark", "review.restore"], added.Select(e => e.Action));
            Assert.All(added, e => Assert.Equal(("review_mark", "reviewer-wang", AuditActorKind.User, "192.0.2.7"), (e.TargetType, e.ActorName, e.ActorKind, e.ClientAddress)));
            Assert.Equal([mark.Id.ToString(CultureInfo.InvariantCulture), restore.Id.ToString(CultureInfo.InvariantCulture)], added.Select(e => e.TargetId));
            Assert.Contains("\"parameter\":\"a34004\"", added[0].After);
            Assert.Equal("复核有效", added[1].Reason);
            Assert.Equal(added[0].Hash, added[1].PrevHash);
            Assert.Null((await AuditVerifier.VerifyAsync(ctx)).FirstBreak);
        }
    }

    [Fact]
    public async Task The_latest_record_covering_a_value_decides_and_bad_requests_are_refused()
    {
        var (store, _) = await db.MigratedAsync();
        var book = new ReviewBook(store);
        var t = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        // All parameters of JB-A-GYQ for 3 hours, then PM2.5 of the middle hour again, then restore the first mark.
        var all = await book.MarkAsync(new ReviewMarkRequest(null, "JB-A-GYQ", null, t, t.AddHours(2), ReviewReason.Shutdown, null), "a");
        var pm = await book.MarkAsync(new ReviewMarkRequest(null, "JB-A-GYQ", "a34004", t.AddHours(1), t.AddHours(1), ReviewReason.Other, "施工扬尘"), "a");
        await using (var ctx = store.CreateContext())
        {
            var s = await ReviewState.LoadAsync(ctx, [all.SiteId], t, t.AddHours(3));
            Assert.Equal(all.Id, s.ExcludedBy(all.SiteId, null, "a21026", t.AddMinutes(59))!.Id);
            Assert.Equal(pm.Id, s.ExcludedBy(all.SiteId, null, "a34004", t.AddHours(1))!.Id);
            Assert.Null(s.ExcludedBy(all.SiteId, null, "a34004", t.AddHours(3))); // to is the last hour start: [to, to+1h) covered, not beyond
        }
        await book.RestoreAsync(all.Id, "a", null);
        await using (var ctx = store.CreateContext())
        {
            var s = await ReviewState.LoadAsync(ctx, [all.SiteId], t, t.AddHours(3));
            Assert.Null(s.ExcludedBy(all.SiteId, null, "a21026", t));
            Assert.Null(s.ExcludedBy(all.SiteId, null, "a34004", t.AddHours(1))); // the restore is later than the PM2.5 mark
        }
        var list = await book.ListAsync("JB-A-GYQ", t, t.AddHours(3));
        Assert.Equal([(ReviewAction.Mark, false), (ReviewAction.Mark, false), (ReviewAction.Restore, false)], list.Select(x => (x.Record.Action, x.Active)).ToList());

        var e1 = await Assert.ThrowsAsync<ReviewException>(() => book.MarkAsync(new ReviewMarkRequest(null, "JB-A-GYQ", null, t, t, ReviewReason.Other, " "), "a"));
        Assert.Equal("text", e1.Field);
        var e2 = await Assert.ThrowsAsync<ReviewException>(() => book.MarkAsync(new ReviewMarkRequest(null, "JB-A-GYQ", null, t, t.AddHours(-1), ReviewReason.Shutdown, null), "a"));
        Assert.Equal("to", e2.Field);
        var e3 = await Assert.ThrowsAsync<ReviewException>(() => book.MarkAsync(new ReviewMarkRequest(null, "NOPE", null, t, t, ReviewReason.Shutdown, null), "a"));
        Assert.True(e3.NotFound);
        var e4 = await Assert.ThrowsAsync<ReviewException>(() => book.MarkAsync(new ReviewMarkRequest(null, "JB-A-GYQ", null, t, t, (ReviewReason)42, null), "a"));
        Assert.Equal("reason", e4.Field);
    }
}

public sealed class SqliteDataReviewTests(SqliteTestDatabase db) : DataReviewTests<SqliteTestDatabase>(db);

public sealed class PostgresDataReviewTests(PostgresTestDatabase db) : DataReviewTests<PostgresTestDatabase>(db);
