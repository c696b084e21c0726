using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>
/// Recomputes a site's stored hourly and daily AQI from its stored hour observations (and, for hours without a CN 2061
/// value of a pollutant, the hour mean derived from minute/real-time data by <see cref="SubHourlyMeans"/>; values whose
/// HJ 212 data flag is not N are left out as missing hours, <see cref="DataFlags"/>, and the rows say which in
/// <see cref="HourlyAqi.ExcludedJson"/> / <see cref="DailyAqi.ExcludedJson"/>) with the air standards engine:
/// hourly AQI per labelled hour (<see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/>
/// over <see cref="AirAveraging.RealTimeInputs"/>, regime chosen by the hour's natural day) and daily AQI per natural day (<see cref="Hj663Assessment.Assess"/>: GB 3095
/// validity, O3 MDA8, regime by date). The rows of the period are replaced in one transaction, so late data recomputes
/// its period. Thread-safe (no shared state).
/// </summary>
public sealed class AirEvaluator
{
    /// <summary>Version of the evaluation rules written into every row (<see cref="HourlyAqi.RuleVersion"/>,
    /// <see cref="DailyAqi.RuleVersion"/>): 1 = rows with concentrations, daily values, invalid values and valid-hour count.
    /// Raise it when a rule change must recompute stored days.</summary>
    public const int RuleVersion = 1;

    /// <summary>Longest wait between retries of a failed day (<see cref="RetryDelay"/>).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">Clock for <c>calculated_at</c>.</param>
    public AirEvaluator(SmartEnvStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The label (date, hour 0…23, hour-ending Beijing time) of an hour that starts at <paramref name="start"/>.</summary>
    /// <param name="start">Start of the hour (any offset).</param>
    public static (DateOnly Date, int Hour) Label(DateTimeOffset start) => BeijingTime.HourLabel(start);

    /// <summary>Start (UTC) of the hour labelled (<paramref name="date"/>, <paramref name="hour"/>).</summary>
    /// <param name="date">Label date (Beijing).</param>
    /// <param name="hour">Label hour 0…23.</param>
    public static DateTimeOffset HourStart(DateOnly date, int hour) =>
        BeijingTime.HourStart(date, hour);

    /// <summary>
    /// HJ 663 period assessment of a city (or any named set of air stations, e.g. the district's stations), computed on
    /// demand — a city mean is not a stored figure; one station's assessment is read from its stored days
    /// (<see cref="StoredAir.AssessAsync"/>): per labelled hour and pollutant the city value is the arithmetic mean of the
    /// stations that have one (HJ 663-2013, city concentration = mean of its assessment stations;
    /// <see cref="AirHour.CityMean"/>, read by <see cref="LoadCityHoursAsync"/>), then the city is assessed as one station
    /// (daily validity, AQI, percentiles, composite index), with the validity reasons of the period: the station-hours left
    /// out because of their HJ 212 data flag (<see cref="DataFlags"/>), counted per factor code and flag
    /// (<see cref="ValidityReasons.Count"/>), summed over the stations.
    /// </summary>
    /// <param name="siteIds">The stations (at least one).</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">No station, or <paramref name="to"/> before <paramref name="from"/>.</exception>
    public async Task<(AirAssessment Assessment, Dictionary<string, Dictionary<string, int>> ExcludedHours)> AssessCityAsync(
        IReadOnlyCollection<long> siteIds, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        if (siteIds.Count == 0) throw new ArgumentException("no station", nameof(siteIds));
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        await using var db = _store.CreateContext();
        var (hours, excluded) = await LoadCityHoursAsync(db, siteIds, HourStart(from, 1), HourStart(to.AddDays(1), 0).AddHours(1), ct);
        return (Hj663Assessment.Assess(hours, from, to), ValidityReasons.Count(excluded));
    }

    /// <summary>
    /// The one city-mean read (on-demand paths only: a city / the district, or a rule set other than the one in force): the
    /// labelled hours of one station (<see cref="LoadHoursAsync"/>), or for several stations per labelled hour and pollutant
    /// the arithmetic mean of the stations that have a value (<see cref="AirHour.CityMean"/>, HJ 663-2013), with start in
    /// [<paramref name="fromStart"/>, <paramref name="toStart"/>), and the values left out because of their flag.
    /// </summary>
    /// <param name="db">Context to read with.</param>
    /// <param name="siteIds">The stations.</param>
    /// <param name="fromStart">First hour start (inclusive).</param>
    /// <param name="toStart">Last hour start (exclusive).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<(IReadOnlyList<AirHour> Hours, List<FlaggedValue> Excluded)> LoadCityHoursAsync(SmartEnvDbContext db,
        IReadOnlyCollection<long> siteIds, DateTimeOffset fromStart, DateTimeOffset toStart, CancellationToken ct = default)
    {
        var series = await LoadCitySeriesAsync(db, siteIds, fromStart, toStart, ct);
        return ([.. series.Select(x => x.Hour)], [.. series.SelectMany(x => x.Excluded)]);
    }

    /// <summary>
    /// The city-mean series of a set of stations as labelled hours with their start and the station values left out of
    /// each hour because of their flag: one station's hours as loaded (<see cref="LoadHoursAsync"/>); for several, per
    /// labelled hour and pollutant the arithmetic mean of the stations that have a value (HJ 663-2013 §5, city
    /// concentration = mean of its assessment stations; <see cref="AirHour.CityMean"/>). The one city-mean read, behind the
    /// stored district series (<see cref="RecomputeAsync"/> of the district pseudo-site) and the on-demand paths.
    /// </summary>
    /// <param name="db">Context to read with.</param>
    /// <param name="siteIds">The stations.</param>
    /// <param name="fromStart">First hour start (inclusive).</param>
    /// <param name="toStart">Last hour start (exclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Hours ordered by start; μg/m³, CO mg/m³.</returns>
    /// <param name="series">Reviewed (default: review marks applied per station) or realtime.</param>
    public static async Task<List<LoadedHour>> LoadCitySeriesAsync(SmartEnvDbContext db,
        IReadOnlyCollection<long> siteIds, DateTimeOffset fromStart, DateTimeOffset toStart, CancellationToken ct = default, DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var bySite = await StationHours.LoadAsync(db, siteIds, fromStart, toStart, series, ct); // all stations in one read
        var stations = siteIds.Distinct().Select(id => bySite[id]).Where(l => l.Count > 0).ToList();
        if (stations.Count == 0) return [];
        if (stations.Count == 1) return stations[0];
        var excluded = stations.SelectMany(s => s).Where(x => x.Excluded.Count > 0)
            .GroupBy(x => x.Start).ToDictionary(g => g.Key, g => (IReadOnlyList<FlaggedValue>)[.. g.SelectMany(x => x.Excluded)]);
        var reviewed = stations.SelectMany(s => s).Where(x => x.ReviewExcluded.Count > 0)
            .GroupBy(x => x.Start).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(x => x.ReviewExcluded).Distinct()]);
        return [.. AirHour.CityMean(stations.Select(s => s.Select(x => x.Hour)))
            .Select(h =>
            {
                var start = HourStart(h.LabelDate, h.LabelHour);
                return new LoadedHour(start, h, excluded.GetValueOrDefault(start) ?? []) { ReviewExcluded = reviewed.GetValueOrDefault(start) ?? [] };
            })];
    }

    /// <summary>
    /// A site's labelled hours with start in [<paramref name="fromStart"/>, <paramref name="toStart"/>), in label order: per
    /// hour and pollutant the stored hour measurement (period hour, codes <see cref="AirParameterCodes.OneHour"/>; one per
    /// site, parameter, period and time, if its flag makes it a measurement, <see cref="DataFlags.IsValid"/>), else the hour
    /// mean derived from minute / real-time data (<see cref="SubHourlyMeans"/>, GB 3095 Table 4 ≥ 45 min, valid flags only).
    /// A pollutant whose hour values all carry a flag other than N (HJ 212-2017 table 8: F, M, S, D, C, T, B or a letter
    /// outside the table) is missing for that hour — the device's own verdict on the hour is not overridden by minute data —
    /// and is listed in <see cref="LoadedHour.Excluded"/> with its flag, so the stored AQI can say
    /// why. Hours with neither a value nor an exclusion are absent. The one loader behind the stored AQI, the API and the UI,
    /// so all read the same hours.
    /// </summary>
    /// <param name="db">Context to read with.</param>
    /// <param name="siteId">Site.</param>
    /// <param name="fromStart">First hour start (inclusive).</param>
    /// <param name="toStart">Last hour start (exclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="series">Reviewed (default): a value a review mark excludes (<see cref="ReviewState"/>) is missing and its
    /// pollutant-hour is listed in <see cref="LoadedHour.ReviewExcluded"/> (no hour mean is derived from minute data for it:
    /// the reviewer's verdict on the hour stands, as a flag's does); realtime: marks are ignored.</param>
    /// <returns>Hours ordered by start; μg/m³, CO mg/m³.</returns>
    public static Task<List<LoadedHour>> LoadHoursAsync(SmartEnvDbContext db, long siteId,
        DateTimeOffset fromStart, DateTimeOffset toStart, CancellationToken ct = default, DataSeries series = DataSeries.Reviewed) =>
        LoadHoursFromAsync(db, siteId, fromStart, toStart, SubHourSource.HourSums, ct, series);

    /// <summary>Where <see cref="LoadHoursFromAsync"/>
    /// reads minute / real-time values from.</summary>
    internal enum SubHourSource
    {
        /// <summary>Every stored value of the window (the reference; also used whenever review marks reach the window).</summary>
        Rows,
        /// <summary>The hour aggregates (<see cref="HourSum"/>), stale ones rebuilt from their hour's values.</summary>
        HourSums,
        /// <summary>As <see cref="HourSums"/>, and the rebuilt aggregates are written back (the evaluation's own reads).</summary>
        HourSumsPersisted,
    }

    /// <summary><see cref="LoadHoursAsync"/> with the source of the minute / real-time values named.</summary>
    internal static async Task<List<LoadedHour>> LoadHoursFromAsync(SmartEnvDbContext db, long siteId,
        DateTimeOffset fromStart, DateTimeOffset toStart, SubHourSource source, CancellationToken ct = default, DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = AirParameterCodes.OneHour.ToList();
        var review = series == DataSeries.Reviewed ? await ReviewState.LoadAsync(db, [siteId], fromStart, toStart, ct) : ReviewState.Empty;
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.SiteId == siteId && o.Period == PeriodType.Hour && codes.Contains(o.ParameterCode) && o.DataTime >= fromStart && o.DataTime < toStart)
            .Select(o => new { o.Id, o.DataTime, o.ParameterCode, o.Value, o.Flag })
            .ToListAsync(ct);
        var byHour = new SortedDictionary<DateTimeOffset, decimal?[]>();
        var excluded = new Dictionary<(DateTimeOffset Start, int Pollutant), FlaggedValue>();
        var reviewed = new HashSet<(DateTimeOffset Start, int Pollutant)>();
        decimal?[] Slot(DateTimeOffset start) => byHour.TryGetValue(start, out var v) ? v : byHour[start] = new decimal?[6];
        foreach (var r in rows)
        {
            if (AirParameterCodes.Pollutant(r.ParameterCode) is not { } p) continue;
            if (!review.IsEmpty && review.ExcludedBy(siteId, r.Id, r.ParameterCode, r.DataTime) is not null)
            {
                Slot(r.DataTime);
                reviewed.Add((r.DataTime, (int)p));
                continue;
            }
            if (!DataFlags.IsValid(r.Flag))
            {
                Slot(r.DataTime);
                excluded.TryAdd((r.DataTime, (int)p), new FlaggedValue(r.ParameterCode, DataFlags.Normalize(r.Flag)!, r.Value));
                continue;
            }
            if (r.Value is not { } v) continue;
            Slot(r.DataTime)[(int)p] ??= v;
        }
        // Hours without an hour value of a pollutant: derive it from minute / real-time data (GB 3095 Table 4, ≥ 45 min).
        // Without review marks in the window, from the hour aggregates (one row per hour, issue 15): the same numbers.
        if (source != SubHourSource.Rows && review.IsEmpty)
        {
            foreach (var ((p, start), mean) in await SubHourMeansFromSumsAsync(db, siteId, fromStart, toStart, source == SubHourSource.HourSumsPersisted, ct))
            {
                var slot = Slot(start);
                if (slot[p] is null && !excluded.ContainsKey((start, p))) slot[p] = mean;
            }
            return Assemble(byHour, excluded, reviewed);
        }
        var sub = await db.Observations.AsNoTracking()
            .Where(o => o.SiteId == siteId && (o.Period == PeriodType.Min || o.Period == PeriodType.Rtd) && codes.Contains(o.ParameterCode)
                && o.DataTime >= fromStart && o.DataTime < toStart && o.Value != null)
            .Select(o => new { o.Id, o.DataTime, o.ParameterCode, o.Period, o.Value, o.Flag })
            .ToListAsync(ct);
        if (!review.IsEmpty)
        {
            var kept = sub.Where(r => review.ExcludedBy(siteId, r.Id, r.ParameterCode, r.DataTime) is null).ToList();
            foreach (var r in sub.Except(kept)) // a reviewed-out minute value: its hour lost a value to review
            {
                var start = ReviewBook.TruncateToHour(r.DataTime);
                Slot(start);
                reviewed.Add((start, (int)AirParameterCodes.Pollutant(r.ParameterCode)!.Value));
            }
            sub = kept;
        }
        foreach (var g in sub.Where(r => SubHourlyMeans.Counts(r.Flag)).GroupBy(r => r.ParameterCode))
        {
            var p = (int)AirParameterCodes.Pollutant(g.Key)!.Value;
            List<SubHourlySample> Series(PeriodType t) => g.Where(r => r.Period == t).Select(r => new SubHourlySample(r.DataTime, r.Value!.Value)).ToList();
            foreach (var (start, mean) in SubHourlyMeans.Derive(Series(PeriodType.Min), Series(PeriodType.Rtd)))
            {
                if (start < fromStart || start >= toStart) continue;
                var slot = Slot(start);
                if (slot[p] is null && !excluded.ContainsKey((start, p)) && !reviewed.Contains((start, p))) slot[p] = mean;
            }
        }
        return Assemble(byHour, excluded, reviewed);
    }

    private static List<LoadedHour> Assemble(SortedDictionary<DateTimeOffset, decimal?[]> byHour, Dictionary<(DateTimeOffset Start, int Pollutant), FlaggedValue> excluded,
        HashSet<(DateTimeOffset Start, int Pollutant)> reviewed)
    {
        var hours = new List<LoadedHour>(byHour.Count);
        foreach (var (start, v) in byHour)
        {
            var why = Enumerable.Range(0, 6).Where(p => v[p] is null && excluded.ContainsKey((start, p))).Select(p => excluded[(start, p)]).ToList();
            var byReview = Enumerable.Range(0, 6).Where(p => v[p] is null && reviewed.Contains((start, p))).Select(p => AirParameterCodes.Of((AirPollutant)p)).ToList();
            if (v.All(x => x is null) && why.Count == 0 && byReview.Count == 0) continue;
            var (date, hour) = Label(start);
            hours.Add(new LoadedHour(start, new AirHour(date, hour, v[0], v[1], v[2], v[3], v[4], v[5]), why) { ReviewExcluded = byReview });
        }
        return hours;
    }

    /// <summary>
    /// Valid hour means derived from minute / real-time values (<see cref="SubHourlyMeans.Derive"/>: minute data preferred,
    /// GB 3095 Table 4 ≥ 45 min) computed from the hour aggregates of the window (<see cref="HourSum"/>) instead of every
    /// value: per series (pollutant, period) the reporting interval is the smallest of the hours' inner gaps and of the
    /// gaps between consecutive non-empty hours (last instant → next first instant), which is the smallest gap of the
    /// whole series, and each hour's mean is <see cref="SubHourlyMeans.HourMean(int, decimal, TimeSpan)"/> of its count and
    /// sum. Stale aggregates are rebuilt from their hour's values first (one read for all of them); with
    /// <paramref name="persist"/> the rebuilt rows are written back unless a writer changed them meanwhile (version check).
    /// </summary>
    private static async Task<Dictionary<(int Pollutant, DateTimeOffset Start), decimal>> SubHourMeansFromSumsAsync(SmartEnvDbContext db, long siteId,
        DateTimeOffset fromStart, DateTimeOffset toStart, bool persist, CancellationToken ct)
    {
        var codes = AirParameterCodes.OneHour.ToList();
        var sums = await db.HourSums.AsNoTracking()
            .Where(h => h.SiteId == siteId && codes.Contains(h.ParameterCode) && h.HourStart >= fromStart && h.HourStart < toStart)
            .ToListAsync(ct);
        var stale = sums.Where(h => h.Stale).ToList();
        if (stale.Count > 0)
        {
            var lo = stale.Min(h => h.HourStart);
            var hi = stale.Max(h => h.HourStart).AddHours(1);
            var staleCodes = stale.Select(h => h.ParameterCode).Distinct().ToList();
            var values = await db.Observations.AsNoTracking()
                .Where(o => o.SiteId == siteId && (o.Period == PeriodType.Min || o.Period == PeriodType.Rtd) && staleCodes.Contains(o.ParameterCode)
                    && o.DataTime >= lo && o.DataTime < hi && o.Value != null)
                .Select(o => new { o.DataTime, o.ParameterCode, o.Period, o.Value, o.Flag })
                .ToListAsync(ct);
            var byKey = values.Where(v => HourSums.Counts(v.Value, v.Flag))
                .ToLookup(v => (v.ParameterCode, v.Period, HourSums.HourOf(v.DataTime)), v => (v.DataTime, v.Value!.Value));
            foreach (var h in stale)
            {
                var (n, sum, first, last, gap) = HourSums.Of(byKey[(h.ParameterCode, h.Period, h.HourStart)]);
                var version = h.Version;
                (h.Samples, h.Sum, h.FirstAt, h.LastAt, h.MinGapMicros, h.Stale) = (n, sum, first, last, gap, false);
                if (!persist) continue;
                await db.HourSums.Where(x => x.SiteId == siteId && x.ParameterCode == h.ParameterCode && x.Period == h.Period && x.HourStart == h.HourStart
                        && x.Version == version && x.Stale)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Samples, n).SetProperty(x => x.Sum, sum).SetProperty(x => x.FirstAt, first)
                        .SetProperty(x => x.LastAt, last).SetProperty(x => x.MinGapMicros, gap).SetProperty(x => x.Stale, false)
                        .SetProperty(x => x.Version, version + 1), ct);
            }
        }
        var result = new Dictionary<(int Pollutant, DateTimeOffset Start), decimal>();
        foreach (var g in sums.Where(h => h.Samples > 0).GroupBy(h => h.ParameterCode))
        {
            var p = (int)AirParameterCodes.Pollutant(g.Key)!.Value;
            foreach (var period in new[] { PeriodType.Min, PeriodType.Rtd }) // minute data first: real-time only fill (Derive)
            {
                var series = g.Where(h => h.Period == period).OrderBy(h => h.HourStart).ToList();
                long? gap = null;
                for (var i = 0; i < series.Count; i++)
                {
                    var inner = series[i].MinGapMicros;
                    var across = i == 0 ? null : (long?)((series[i].FirstAt!.Value.UtcTicks - series[i - 1].LastAt!.Value.UtcTicks) / 10);
                    foreach (var x in new[] { inner, across })
                        if (x is { } v && v > 0 && (gap is null || v < gap)) gap = v;
                }
                var interval = gap is { } us ? TimeSpan.FromTicks(us * 10) : TimeSpan.FromMinutes(1);
                foreach (var h in series)
                    if (SubHourlyMeans.HourMean(h.Samples, h.Sum, interval).Mean is { } mean) result.TryAdd((p, h.HourStart), mean);
            }
        }
        return result;
    }

    /// <summary>
    /// Recomputes the hourly AQI of the hours of natural days <paramref name="from"/>…<paramref name="to"/> and their daily
    /// AQI. Each hour's real-time inputs come from <see cref="AirAveraging.RealTimeInputs"/> over the hour and its 23
    /// predecessors, so the 23 hours before the period are read (the first hours get the same moving means as a
    /// whole-period computation), and the hourly AQI of the 23 hours after it is rewritten too (their moving means include
    /// the period's hours). Days of the period without any hour value get no daily row (their old row, if any, is removed).
    /// </summary>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day (Beijing).</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Hourly rows written (including those after the period) and daily rows written; (0, 0) for a discharge
    /// outlet (<see cref="SiteKind.Source"/>, issue 16), a waste facility (<see cref="SiteKind.WasteFacility"/>, issue 17) or
    /// the complaint desk (<see cref="SiteKind.ComplaintDesk"/>, issue 18) or the inspection desk
    /// (<see cref="SiteKind.InspectionDesk"/>, issue 19), which never get AQI rows.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<(int Hours, int Days)> RecomputeAsync(long siteId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        const int before = AirAveraging.RealTimeWindowHours - 1;
        var t0 = HourStart(from, 1);            // natural day `from` starts with the hour labelled (from, 1)
        var t1 = HourStart(to.AddDays(1), 0).AddHours(1); // …and `to` ends with the hour labelled (to+1, 0)
        var tHourlyEnd = t1.AddHours(before);   // hours whose moving means reach into the period
        await using var db = _store.CreateContext();
        if (await db.Sites.IgnoreQueryFilters().AnyAsync(s => s.Id == siteId && (s.Kind == SiteKind.Source || s.Kind == SiteKind.WasteFacility || s.Kind == SiteKind.ComplaintDesk || s.Kind == SiteKind.InspectionDesk || s.Kind == SiteKind.Construction), ct))
        {
            // Issue 20: a construction-site dust/noise monitor is judged by the construction job, never as ambient air.
            // Issue 18: the complaint desk (no device, no values) is never evaluated either.
            // Issue 17: a waste facility (no device, no monitoring values) is never evaluated either; the same early close.
            // A discharge outlet (issue 16) is never evaluated as ambient air: its days are judged against its permit by the
            // compliance job. Reaching here (a day marked before the dispatch by site kind) stores nothing and closes the day.
            await using var sourceTx = await db.Database.BeginTransactionAsync(ct);
            await db.HourlyAqi.IgnoreQueryFilters().Where(h => h.SiteId == siteId && h.HourStart >= t0 && h.HourStart < tHourlyEnd).ExecuteDeleteAsync(ct);
            await db.DailyAqi.IgnoreQueryFilters().Where(d => d.SiteId == siteId && d.Date >= from && d.Date <= to).ExecuteDeleteAsync(ct);
            await SetStateAsync(db, siteId, from, to, EvaluationState.Done, null, 0, null, _time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            await sourceTx.CommitAsync(ct);
            return (0, 0);
        }
        var districtId = await SmartEnvStore.DistrictSiteIdAsync(db, ct);
        var districtStations = await SmartEnvStore.DistrictStationIdsAsync(db, ct);
        Task<List<LoadedHour>> Load(DataSeries series) => siteId == districtId
            ? LoadCitySeriesAsync(db, districtStations, t0.AddHours(-before), tHourlyEnd, ct, series) // the district: HJ 663 city mean
            : LoadHoursFromAsync(db, siteId, t0.AddHours(-before), tHourlyEnd, SubHourSource.HourSumsPersisted, ct, series);
        var now = _time.GetUtcNow();
        // The days' generations before any data is read: a day whose generation moves on while this runs (a commit marked
        // it, EvaluationDayMarks) stays pending instead of being marked done with figures of the older data (issue 15).
        var startGenerations = await db.EvaluationDays.AsNoTracking().Where(e => e.SiteId == siteId && e.Day >= from && e.Day <= to)
            .ToDictionaryAsync(e => e.Day, e => e.Generation, ct);
        // The reviewed series is always stored; the realtime series only where review left something out (数据审核,
        // docs/storage.md "Data review"): elsewhere both series have the same inputs and so the same figures.
        var loaded = await Load(DataSeries.Reviewed);
        var (hourly, daily) = Compute(siteId, loaded, from, to, t0, t1, now, reviewed: true);
        if (loaded.Any(h => h.ReviewExcluded.Count > 0))
        {
            var (rtHourly, rtDaily) = Compute(siteId, await Load(DataSeries.Realtime), from, to, t0, t1, now, reviewed: false);
            var hoursKept = hourly.Where(h => h.ReviewExcludedHours > 0).Select(h => h.HourStart).ToHashSet();
            var daysKept = daily.Where(d => d.ReviewExcludedHours > 0).Select(d => d.Date).ToHashSet();
            hourly.AddRange(rtHourly.Where(h => hoursKept.Contains(h.HourStart)));
            daily.AddRange(rtDaily.Where(d => daysKept.Contains(d.Date)));
        }

        // New figures replace the old ones (both series) and the days are marked done in ONE transaction: a failure anywhere
        // rolls back to the previous figures (still served) and the days are marked failed (MarkFailedAsync, own context).
        try
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.HourlyAqi.IgnoreQueryFilters().Where(h => h.SiteId == siteId && h.HourStart >= t0 && h.HourStart < tHourlyEnd).ExecuteDeleteAsync(ct);
            await db.DailyAqi.IgnoreQueryFilters().Where(d => d.SiteId == siteId && d.Date >= from && d.Date <= to).ExecuteDeleteAsync(ct);
            db.HourlyAqi.AddRange(hourly);
            db.DailyAqi.AddRange(daily);
            await SetStateAsync(db, siteId, from, to, EvaluationState.Done, null, 0, null, now, ct, startGenerations);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await MarkFailedAsync(siteId, from, to, ex, ct);
            throw;
        }
        if (districtStations.Contains(siteId)) await RecomputeDistrictAsync(db, from, to, ct);
        return (hourly.Count(h => h.Reviewed), daily.Count(d => d.Reviewed));
    }

    /// <summary>The hourly rows of [<paramref name="t0"/>, end of <paramref name="loaded"/>) and the daily rows of the natural
    /// days <paramref name="from"/>…<paramref name="to"/> of one series (the one computation of both series).</summary>
    private static (List<HourlyAqi> Hourly, List<DailyAqi> Daily) Compute(long siteId, List<LoadedHour> loaded, DateOnly from, DateOnly to,
        DateTimeOffset t0, DateTimeOffset t1, DateTimeOffset now, bool reviewed)
    {
        var hourly = new List<HourlyAqi>(loaded.Count);
        var window = new AirHourWindow();
        var airHours = new List<AirHour>(loaded.Count);
        var excludedByDay = new Dictionary<DateOnly, List<FlaggedValue>>();
        var reviewHours = loaded.Where(h => h.ReviewExcluded.Count > 0).Select(h => h.Start).ToList(); // ordered
        var reviewByDay = reviewHours.GroupBy(BeijingTime.Date).ToDictionary(g => g.Key, g => g.Count()); // natural day of an hour start
        foreach (var lh in loaded)
        {
            var (start, h, why) = lh;
            var w = window.Push(h);
            if (start < t0) continue;
            if (start < t1)
            {
                airHours.Add(h);
                var day = HourEnding.NaturalDay(h.LabelDate, h.LabelHour);
                if (why.Count > 0) (excludedByDay.TryGetValue(day, out var l) ? l : excludedByDay[day] = []).AddRange(why);
            }
            var result = HourlyAqi(w, h, null);
            var lo = start.AddHours(-(AirAveraging.RealTimeWindowHours - 1));
            hourly.Add(new HourlyAqi
            {
                SiteId = siteId, HourStart = start, Aqi = result.Aqi, Complete = result.Complete,
                PrimaryPollutants = StoredAir.Keys(result.PrimaryPollutants),
                IaqiJson = JsonSerializer.Serialize(result.Iaqi.ToDictionary(k => k.Key.Key(), k => k.Value)),
                ConcentrationsJson = StoredAir.HourJson(h),
                ExcludedJson = ValidityReasons.HourJson(why),
                RegimeId = result.Regime.Id, CalculatedAt = now, RuleVersion = RuleVersion,
                Reviewed = reviewed, ReviewExcludedHours = reviewHours.Count(x => x >= lo && x <= start),
            });
        }

        var assessment = Hj663Assessment.Assess(airHours, from, to);
        // A day without any hour value gets no daily row (an empty "invalid" row would read as a day that was measured); a
        // day whose hours were all flagged (F, D, …) or marked invalid was measured and gets an invalid row that says why.
        var byDay = airHours.GroupBy(h => HourEnding.NaturalDay(h.LabelDate, h.LabelHour)).ToDictionary(g => g.Key, g => g.ToList());
        var daily = assessment.Days.Where(d => byDay.ContainsKey(d.Date)).Select(d => new DailyAqi
        {
            SiteId = siteId, Date = d.Date, Aqi = d.Aqi?.Aqi, Valid = d.AqiValid,
            PrimaryPollutants = d.Aqi is null ? [] : StoredAir.Keys(d.Aqi.PrimaryPollutants),
            IaqiJson = d.Aqi is null ? null : JsonSerializer.Serialize(d.Aqi.Iaqi.ToDictionary(k => k.Key.Key(), k => k.Value)),
            ValuesJson = StoredAir.ToJson(d.Values), InvalidJson = StoredAir.InvalidJson(d.Exclusions),
            ValidHours = StoredAir.ValidHours(byDay[d.Date]),
            ExcludedJson = ValidityReasons.DayJson(excludedByDay.GetValueOrDefault(d.Date) ?? []),
            RegimeId = d.Aqi?.Regime.Id ?? AqiRegime.ForDate(d.Date).Id, CalculatedAt = now, RuleVersion = RuleVersion,
            Reviewed = reviewed, ReviewExcludedHours = reviewByDay.GetValueOrDefault(d.Date),
        }).ToList();
        return (hourly, daily);
    }

    /// <summary>
    /// After a district station's days were recomputed: marks the district's days pending (so a crash or a failure leaves
    /// them to the next <see cref="EvaluationQueue"/> round) and recomputes them from the city mean of the district's
    /// stations (the district pseudo-site, <see cref="Site.DistrictAggregateCode"/>, created when missing). A failure of the
    /// district does not fail the station's recomputation: the district's days are marked failed and retried.
    /// </summary>
    private async Task RecomputeDistrictAsync(SmartEnvDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        try
        {
            var district = await SmartEnvStore.EnsureDistrictSiteAsync(db, ct);
            await MarkPendingAsync(district, from, to, ct);
            await RecomputeAsync(district, from, to, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // RecomputeAsync marked the district's days failed with the reason and the queue retries them; a failure
            // before (e.g. a concurrent creation of the pseudo-site) leaves them to the next recompute of a station or
            // to the upgrade step of the next start (SmartEnvStore.MigrateAndSeedAsync).
            _ = ex;
        }
    }

    /// <summary>
    /// The hourly AQI of an hour from its real-time window (the hour and its 23 predecessors, <see cref="AirHourWindow"/>):
    /// <see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/> over
    /// <see cref="AirAveraging.RealTimeInputs"/> (HJ 633-2012 §5.1.3 / HJ 633-2026 §4.2.3). The one hourly rule of the stored
    /// rows and of the on-demand paths (a fixed regime, a city mean). Pure; thread-safe.
    /// </summary>
    /// <param name="window">The window ending with <paramref name="hour"/>.</param>
    /// <param name="hour">The hour.</param>
    /// <param name="regime">A fixed regime, or null for the regime in force on the hour's natural day.</param>
    public static AqiResult HourlyAqi(IReadOnlyList<AirHour?> window, AirHour hour, AqiRegime? regime)
    {
        ArgumentNullException.ThrowIfNull(hour);
        var r = regime ?? AqiRegime.ForDate(HourEnding.NaturalDay(hour.LabelDate, hour.LabelHour));
        return AqiCalculator.Hourly(AirAveraging.RealTimeInputs(window, r), r);
    }

    /// <summary>Wait before retry number <paramref name="attempts"/> + 1 of a failed day: 30 s · 2^(attempts − 1), at most
    /// <see cref="MaxRetryDelay"/> (exponential backoff; our choice, no standard sets one).</summary>
    /// <param name="attempts">Failed attempts so far (≥ 1).</param>
    public static TimeSpan RetryDelay(int attempts) =>
        attempts <= 1 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(Math.Min(30d * Math.Pow(2, attempts - 1), MaxRetryDelay.TotalSeconds));

    /// <summary>Marks the natural days <paramref name="from"/>…<paramref name="to"/> of a site pending (data arrived or
    /// changed), unless already pending; a failed day becomes pending again (new data is worth an immediate attempt).</summary>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task MarkPendingAsync(long siteId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        await SetStateAsync(db, siteId, from, to, EvaluationState.Pending, null, null, null, _time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records a failed recomputation of the days (own context, so it survives the rolled-back transaction):
    /// state failed, attempts + 1, the error message and the next attempt after <see cref="RetryDelay"/>. A failure to
    /// record is logged by the caller's exception, never hides it.</summary>
    private async Task MarkFailedAsync(long siteId, DateOnly from, DateOnly to, Exception error, CancellationToken ct)
    {
        try
        {
            await using var db = _store.CreateContext();
            var now = _time.GetUtcNow();
            var message = error.GetBaseException().Message;
            if (message.Length > 1024) message = message[..1024];
            var rows = await db.EvaluationDays.Where(e => e.SiteId == siteId && e.Day >= from && e.Day <= to).ToListAsync(ct);
            var existing = rows.ToDictionary(r => r.Day);
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                if (!existing.TryGetValue(d, out var row)) db.EvaluationDays.Add(row = new EvaluationDay { SiteId = siteId, Day = d });
                row.State = EvaluationState.Failed;
                row.Attempts++;
                row.LastError = message;
                row.UpdatedAt = now;
                row.NextAttemptAt = now + RetryDelay(row.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.Data["evaluation_state_not_recorded"] = ex.Message;
        }
    }

    /// <summary>Marks days pending inside the caller's unit of work (e.g. with the review record that changes them,
    /// <see cref="ReviewBook"/>); saved with the caller's <c>SaveChanges</c>.</summary>
    /// <param name="db">The caller's context.</param>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="now">State time.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task SetPendingAsync(SmartEnvDbContext db, long siteId, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct = default) =>
        SetStateAsync(db, siteId, from, to, EvaluationState.Pending, null, null, null, now, ct);

    private static async Task SetStateAsync(SmartEnvDbContext db, long siteId, DateOnly from, DateOnly to, EvaluationState state,
        string? error, int? attempts, DateTimeOffset? next, DateTimeOffset now, CancellationToken ct,
        IReadOnlyDictionary<DateOnly, long>? startGenerations = null)
    {
        var rows = await db.EvaluationDays.Where(e => e.SiteId == siteId && e.Day >= from && e.Day <= to).ToListAsync(ct);
        var existing = rows.ToDictionary(r => r.Day);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            // Done only for the data state that was computed: a day marked again meanwhile stays pending for the next round.
            if (state == EvaluationState.Done && startGenerations is not null && existing.TryGetValue(d, out var marked)
                && marked.Generation != startGenerations.GetValueOrDefault(d)) continue;
            if (!existing.TryGetValue(d, out var row)) db.EvaluationDays.Add(row = new EvaluationDay { SiteId = siteId, Day = d });
            if (state == EvaluationState.Pending) row.Generation++; // data changed: a claim computing the older data requeues (EvaluationClaims)
            if (state == EvaluationState.Pending && row.State == EvaluationState.Pending) continue;
            row.State = state;
            row.LastError = error;
            if (attempts is { } a) row.Attempts = a;
            row.NextAttemptAt = next;
            row.UpdatedAt = now;
        }
    }
}
