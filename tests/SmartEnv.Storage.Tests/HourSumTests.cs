using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Air;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Issue 15 (writer-eval): the hour aggregates (<c>hour_sums</c>) the writer keeps in the observation transaction give the
/// same hour means as reading every stored value (GB 3095 Table 4 45-min rule, <see cref="SubHourlyMeans"/>), including
/// late and corrected values; and resends of a stored (MN, QN) are not stored again. Both engines. Each test uses its own
/// time range and MNs (the class shares one database).
/// </summary>
public abstract class HourSumTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static async Task<long> SiteIdAsync(SmartEnvStore store, string code)
    {
        await using var ctx = store.CreateContext();
        return await ctx.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    private static RawPacket Raw(string mn, string qn, DateTimeOffset at, PacketStatus status = PacketStatus.Accepted) => new()
    {
        Text = $"##0000QN={qn};ST=22;CN=2011;PW=123456;MN={mn};Flag=5;CP=&&DataTime=20210101000000&&0000",
        ReceivedAt = at, Peer = "127.0.0.1:50000", Mn = mn, Qn = qn, Cn = "2011",
        CrcValid = true, Status = status, FramingDiagnostics = "length=bytes;crc=ok;tail=crlf",
        QuarantineReason = status == PacketStatus.Quarantined ? Entities.QuarantineReason.Malformed : null,
    };

    private static ObservationInput Obs(long site, string mn, string code, PeriodType period, DateTimeOffset t, string? value, string? flag = "N") =>
        new(site, mn, code, period, t, value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture), value, Flag: flag);

    /// <summary>Writes each list as one packet of its own batch.</summary>
    private static async Task WriteAsync(ObservationWriter writer, string mn, IEnumerable<IReadOnlyList<ObservationInput>> packets)
    {
        var i = 0;
        foreach (var p in packets)
            await writer.WriteAsync([new PacketWrite(Raw(mn, mn + "-" + Guid.NewGuid().ToString("N")[..8] + (i++).ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow), p)]);
    }

    private static string Render(IEnumerable<LoadedHour> hours) => string.Join("\n", hours.Select(h =>
        h.Start.ToString("O", CultureInfo.InvariantCulture) + " " + string.Join(" ", Enumerable.Range(0, 6).Select(p => h.Hour.Get((AirPollutant)p)?.ToString(CultureInfo.InvariantCulture) ?? "-"))
        + " " + string.Join(",", h.Excluded.Select(x => x.ParameterCode + ":" + x.Flag))));

    private static async Task<(string Rows, string Sums)> BothAsync(SmartEnvStore store, long site, DateTimeOffset from, DateTimeOffset to)
    {
        await using var ctx = store.CreateContext();
        var rows = await AirEvaluator.LoadHoursFromAsync(ctx, site, from, to, AirEvaluator.SubHourSource.Rows);
        var sums = await AirEvaluator.LoadHoursFromAsync(ctx, site, from, to, AirEvaluator.SubHourSource.HourSums);
        return (Render(rows), Render(sums));
    }

    [Fact]
    public void The_aggregated_codes_are_the_pollutants_hour_means_are_derived_for() =>
        Assert.Equal(AirParameterCodes.OneHour.Order(StringComparer.Ordinal), HourSums.Codes.Order(StringComparer.Ordinal));

    /// <summary>Hand-worked (PM2.5 real-time values every 60 s): hour A has 45 values, 44 × 30 and one 75 → 1,395 / 45 = 31,
    /// then a corrected resend turns its first 30 into 75 → 1,440 / 45 = 32; hour B has 44 values of 40 (44 min &lt; 45: no
    /// mean) until the missing :10 value arrives late with 85 → 45 min, 1,845 / 45 = 41; hour C has 44 values (:00–:43) of
    /// 50 → no mean. The late and the corrected value mark their hours stale; the evaluation rebuilds them.</summary>
    [Fact]
    public async Task A_late_value_and_a_corrected_value_recompute_their_hours_under_the_45_minute_rule()
    {
        var (store, _) = await db.MigratedAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "HSHAND" + Guid.NewGuid().ToString("N")[..8];
        var a = new DateTimeOffset(2022, 5, 1, 2, 0, 0, TimeSpan.Zero);
        var b = a.AddHours(1);
        var c = a.AddHours(2);
        const string Pm25 = AirParameterCodes.Pm25;
        var writer = new ObservationWriter(store);
        var hourA = Enumerable.Range(0, 45).Select(m => Obs(site, mn, Pm25, PeriodType.Rtd, a.AddMinutes(m), m == 44 ? "75" : "30")).ToList();
        var hourB = Enumerable.Range(0, 45).Where(m => m != 10).Select(m => Obs(site, mn, Pm25, PeriodType.Rtd, b.AddMinutes(m), "40")).ToList();
        var hourC = Enumerable.Range(0, 44).Select(m => Obs(site, mn, Pm25, PeriodType.Rtd, c.AddMinutes(m), "50")).ToList();
        await WriteAsync(writer, mn, hourA.Concat(hourB).Concat(hourC).Chunk(11));

        async Task<Dictionary<DateTimeOffset, decimal?>> Pm25Async()
        {
            await using var ctx = store.CreateContext();
            return (await AirEvaluator.LoadHoursAsync(ctx, site, a, a.AddHours(3))).ToDictionary(h => h.Start, h => h.Hour.Pm25);
        }
        var before = await Pm25Async();
        Assert.Equal(31m, before[a]);
        Assert.False(before.ContainsKey(b)); // 44 min: no valid mean, no hour
        Assert.False(before.ContainsKey(c));

        await WriteAsync(writer, mn, [[Obs(site, mn, Pm25, PeriodType.Rtd, b.AddMinutes(10), "85")], [Obs(site, mn, Pm25, PeriodType.Rtd, a, "75")]]);
        await using (var ctx = store.CreateContext())
        {
            var sums = await ctx.HourSums.AsNoTracking().Where(h => h.SiteId == site && h.ParameterCode == Pm25 && h.HourStart >= a && h.HourStart < a.AddHours(3)).ToListAsync();
            Assert.True(sums.Single(h => h.HourStart == a).Stale);  // corrected value
            Assert.True(sums.Single(h => h.HourStart == b).Stale);  // late value before the hour's last one
            var hc = sums.Single(h => h.HourStart == c);
            Assert.False(hc.Stale);                                 // appended only: kept incrementally
            Assert.Equal((44, 2200m), (hc.Samples, hc.Sum));
            Assert.Equal(60_000_000L, hc.MinGapMicros);
        }
        var after = await Pm25Async();
        Assert.Equal(32m, after[a]);
        Assert.Equal(41m, after[b]);
        Assert.False(after.ContainsKey(c));
        var (rows, fromSums) = await BothAsync(store, site, a, a.AddHours(3));
        Assert.Equal(rows, fromSums);

        // The evaluation rebuilds and writes back the stale hours; the stored hourly AQI carries the means.
        var day = BeijingDay(a);
        await new AirEvaluator(store).RecomputeAsync(site, day, day);
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(0, await ctx.HourSums.CountAsync(h => h.SiteId == site && h.Stale && h.HourStart >= a && h.HourStart < a.AddHours(3)));
            var stored = await ctx.HourlyAqi.AsNoTracking().Where(h => h.SiteId == site && (h.HourStart == a || h.HourStart == b)).OrderBy(h => h.HourStart).ToListAsync();
            Assert.Equal(["{\"pm25\":32}", "{\"pm25\":41}"], stored.Select(h => h.ConcentrationsJson));
        }
    }

    private static DateOnly BeijingDay(DateTimeOffset start)
    {
        var (date, hour) = AirEvaluator.Label(start);
        return Standards.Common.HourEnding.NaturalDay(date, hour);
    }

    /// <summary>Hand-worked: SO2 minute values every 2 min, 10:15…10:59 and 11:00…11:44 (23 values each hour, 46 min at a
    /// 2-min interval) — but 10:59 → 11:00 is a 1-min gap, so the series' interval is 1 min and each hour has 23 min: no
    /// mean. An implementation that looked at gaps inside the hours only would find 2 min and a valid mean. With the window
    /// cut at 11:00 the series is hour 10 alone: interval 2 min, 46 min, mean 7.</summary>
    [Fact]
    public async Task The_reporting_interval_includes_the_gap_across_an_hour_boundary()
    {
        var (store, _) = await db.MigratedAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "HSGAP" + Guid.NewGuid().ToString("N")[..8];
        var h10 = new DateTimeOffset(2022, 6, 1, 10, 0, 0, TimeSpan.Zero);
        var values = Enumerable.Range(0, 23).Select(i => Obs(site, mn, AirParameterCodes.So2, PeriodType.Min, h10.AddMinutes(15 + 2 * i), "7"))
            .Concat(Enumerable.Range(0, 23).Select(i => Obs(site, mn, AirParameterCodes.So2, PeriodType.Min, h10.AddHours(1).AddMinutes(2 * i), "9"))).ToList();
        await WriteAsync(new ObservationWriter(store), mn, values.Chunk(5));
        await using var ctx = store.CreateContext();
        Assert.Empty(await AirEvaluator.LoadHoursAsync(ctx, site, h10, h10.AddHours(2)));
        var alone = Assert.Single(await AirEvaluator.LoadHoursAsync(ctx, site, h10, h10.AddHours(1)));
        Assert.Equal(7m, alone.Hour.So2);
        var (rows, sums) = await BothAsync(store, site, h10, h10.AddHours(2));
        Assert.Equal(rows, sums);
    }

    /// <summary>Random series of three pollutants, minute and real-time, random intervals, gaps, scales, flags and null
    /// values, written in random batches with late values, corrected and identical resends: the hour means from the
    /// aggregates equal those from every stored value, over the whole range and random sub-windows, before and after the
    /// evaluation writes the rebuilt aggregates back.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Hour_means_from_the_aggregates_equal_a_full_recompute_on_random_series(int seed)
    {
        var (store, _) = await db.MigratedAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "HSRND" + seed.ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
        var rnd = new Random(seed);
        var t0 = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(seed * 7);
        const int Hours = 8;
        var events = new List<ObservationInput>();
        string[] flags = ["N", "N", "N", "N", "N", "N", "N", "N", "n", "D", "F", "M"];
        string? Value() => rnd.Next(50) == 0 ? null : new decimal(rnd.Next(0, 100_000), 0, 0, false, (byte)rnd.Next(0, 4)).ToString(CultureInfo.InvariantCulture);
        foreach (var code in new[] { AirParameterCodes.Pm25, AirParameterCodes.So2, AirParameterCodes.Co })
            foreach (var period in new[] { PeriodType.Rtd, PeriodType.Min })
            {
                if (rnd.Next(5) == 0) continue;
                var step = TimeSpan.FromSeconds(new[] { 30, 60, 60, 60, 120, 300 }[rnd.Next(6)]);
                for (var h = 0; h < Hours; h++)
                {
                    var keep = new[] { 0.0, 0.5, 0.7, 0.8, 0.9, 1.0, 1.0 }[rnd.Next(7)];
                    for (var t = t0.AddHours(h).AddSeconds(rnd.Next(2) * 30); t < t0.AddHours(h + 1); t += step)
                        if (rnd.NextDouble() < keep) events.Add(Obs(site, mn, code, period, t, Value(), rnd.Next(10) == 0 ? null : flags[rnd.Next(flags.Length)]));
                }
            }
        // Send order: mostly in time, 10 % held back and sent late (out of order), 5 % corrected later, 3 % resent as is.
        var order = events.OrderBy(e => e.DataTime).ToList();
        var late = order.Where(_ => rnd.Next(10) == 0).ToList();
        var sent = order.Except(late).Concat(late.OrderBy(_ => rnd.Next())).ToList();
        foreach (var e in events.Where(_ => rnd.Next(20) == 0).ToList())
            sent.Insert(rnd.Next(sent.Count / 2, sent.Count + 1), e with { Value = e.Value is { } v ? v + 1.5m : 3m, ValueText = ((e.Value ?? 1.5m) + 1.5m).ToString(CultureInfo.InvariantCulture), Flag = rnd.Next(3) == 0 ? "D" : "N" });
        foreach (var e in events.Where(_ => rnd.Next(33) == 0).ToList()) sent.Insert(rnd.Next(sent.Count + 1), e);
        var batches = new List<IReadOnlyList<ObservationInput>>();
        for (var i = 0; i < sent.Count;)
        {
            var n = Math.Min(sent.Count - i, 1 + rnd.Next(200));
            batches.Add(sent.GetRange(i, n));
            i += n;
        }
        var writer = new ObservationWriter(store);
        await WriteAsync(writer, mn, batches);

        await using (var ctx = store.CreateContext())
            Assert.True(await ctx.HourSums.AnyAsync(h => h.SiteId == site && h.Stale && h.HourStart >= t0), "the random sends made no hour stale: the test lost its late values");
        var windows = new List<(DateTimeOffset, DateTimeOffset)> { (t0.AddHours(-1), t0.AddHours(Hours + 1)) };
        for (var w = 0; w < 4; w++)
        {
            var a = rnd.Next(Hours);
            windows.Add((t0.AddHours(a), t0.AddHours(a + 1 + rnd.Next(Hours - a))));
        }
        var derived = 0;
        foreach (var (from, to) in windows)
        {
            var (rows, sums) = await BothAsync(store, site, from, to);
            Assert.Equal(rows, sums);
            derived += rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }
        Assert.True(derived > 0, "no hour had a valid mean: the random series tests nothing");

        // The evaluation's own read writes the rebuilt aggregates back; the answers stay the same.
        await using (var ctx = store.CreateContext())
            await AirEvaluator.LoadHoursFromAsync(ctx, site, t0.AddHours(-1), t0.AddHours(Hours + 1), AirEvaluator.SubHourSource.HourSumsPersisted);
        await using (var ctx = store.CreateContext())
            Assert.False(await ctx.HourSums.AnyAsync(h => h.SiteId == site && h.Stale && h.HourStart >= t0 && h.HourStart < t0.AddHours(Hours)));
        foreach (var (from, to) in windows)
        {
            var (rows, sums) = await BothAsync(store, site, from, to);
            Assert.Equal(rows, sums);
        }
        // More values after the rebuild (appended and late) keep them equal.
        var more = Enumerable.Range(0, 30).Select(i => Obs(site, mn, AirParameterCodes.Pm25, PeriodType.Rtd, t0.AddHours(Hours - 1).AddSeconds(15 + 97 * i), "12.5")).ToList();
        await WriteAsync(writer, mn, more.Chunk(7));
        foreach (var (from, to) in windows)
        {
            var (rows, sums) = await BothAsync(store, site, from, to);
            Assert.Equal(rows, sums);
        }
    }

    [Fact]
    public async Task A_resend_of_a_stored_MN_and_QN_is_not_stored_again_and_is_flagged_duplicate()
    {
        var (store, _) = await db.MigratedAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "DUP" + Guid.NewGuid().ToString("N")[..12];
        var at = new DateTimeOffset(2022, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var writer = new ObservationWriter(store);
        // Received now: keys older than the resend window (48 h) are pruned after a commit.
        PacketWrite P(string qn, string value = "35", PacketStatus status = PacketStatus.Accepted) =>
            new(Raw(mn, qn, DateTimeOffset.UtcNow, status), status == PacketStatus.Accepted ? [Obs(site, mn, AirParameterCodes.Pm25, PeriodType.Rtd, at, value)] : []);

        var first = P("20220701080000001");
        var r1 = await writer.WriteAsync([first]);
        Assert.Equal((1, 1, 0), (r1.Packets, r1.ObservationsInserted, r1.Duplicates));
        Assert.False(first.Duplicate);

        var resend = P("20220701080000001", "99"); // same key: a resend, whatever it carries, is not stored
        var other = P("20220701080000002");
        var inBatch = P("20220701080000002");
        var quarantined = P("20220701080000001", status: PacketStatus.Quarantined);
        var r2 = await writer.WriteAsync([resend, other, inBatch, quarantined]);
        Assert.Equal([true, false, true, false], new[] { resend, other, inBatch, quarantined }.Select(p => p.Duplicate));
        Assert.Equal((2, 2), (r2.Packets, r2.Duplicates));
        Assert.Equal(0, resend.Raw.Id);
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(3, await ctx.RawPackets.CountAsync(r => r.Mn == mn)); // first, other, the quarantined one (kept raw)
            Assert.Equal(35m, (await ctx.Observations.SingleAsync(o => o.Mn == mn)).Value);
        }

        // The same (MN, QN) with another text is other data under a reused QN (the standard's own examples do it): stored.
        var reusedRaw = Raw(mn, "20220701080000001", DateTimeOffset.UtcNow);
        reusedRaw.Text += "X";
        var reused = new PacketWrite(reusedRaw,
            [Obs(site, mn, AirParameterCodes.Pm25, PeriodType.Rtd, at.AddMinutes(5), "36")]);
        Assert.Equal(1, (await writer.WriteAsync([reused])).Packets);
        Assert.False(reused.Duplicate);

        // A failed batch stores no key: the packet retried alone after it is stored, not taken for a duplicate.
        var good = P("20220701080000003");
        var bad = new PacketWrite(Raw(mn, "20220701080000004", DateTimeOffset.UtcNow), [Obs(-1, mn, AirParameterCodes.Pm25, PeriodType.Rtd, at.AddMinutes(1), "1")]); // no site -1
        await Assert.ThrowsAsync<StoreUnavailableException>(() => writer.WriteAsync([good, bad]));
        good.Raw.Id = 0;
        var r3 = await writer.WriteAsync([good]);
        Assert.False(good.Duplicate);
        Assert.Equal(1, r3.Packets);
        // The same writer with de-duplication off (file imports) stores a repeated key again.
        var imports = new ObservationWriter(store) { DeduplicatesResends = false };
        var again = P("20220701080000001");
        Assert.Equal(1, (await imports.WriteAsync([again])).Packets);
        Assert.False(again.Duplicate);
    }
}

public sealed class SqliteHourSumTests(SqliteTestDatabase db) : HourSumTests<SqliteTestDatabase>(db);

public sealed class PostgresHourSumTests(PostgresTestDatabase db) : HourSumTests<PostgresTestDatabase>(db);
