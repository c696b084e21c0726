using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Pipeline;

/// <summary>
/// Recomputes a site's stored hourly and daily AQI from its stored hour observations (and, for hours without a CN 2061
/// value of a pollutant, the hour mean derived from minute/real-time data by <see cref="SubHourlyMeans"/>) with the air
/// standards engine:
/// hourly AQI per labelled hour (<see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/>,
/// regime chosen by the hour's natural day) and daily AQI per natural day (<see cref="Hj663Assessment.Assess"/>: GB 3095
/// validity, O3 MDA8, regime by date). The rows of the period are replaced in one transaction, so late data recomputes
/// its period. Thread-safe (no shared state).
/// </summary>
public sealed class AirEvaluator
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
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
    public static (DateOnly Date, int Hour) Label(DateTimeOffset start)
    {
        var end = start.ToOffset(Beijing).AddHours(1);
        return (DateOnly.FromDateTime(end.DateTime), end.Hour);
    }

    /// <summary>Start (UTC) of the hour labelled (<paramref name="date"/>, <paramref name="hour"/>).</summary>
    /// <param name="date">Label date (Beijing).</param>
    /// <param name="hour">Label hour 0…23.</param>
    public static DateTimeOffset HourStart(DateOnly date, int hour) =>
        new DateTimeOffset(HourEnding.End(date, hour), Beijing).AddHours(-1).ToUniversalTime();

    /// <summary>
    /// HJ 663 period assessment of a site from its stored hour values (the same computation as
    /// <c>smartenv air assess</c> on the source file): daily values and AQI, valid days, percentiles, exceedances,
    /// composite index. Regime per day by date.
    /// </summary>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<AirAssessment> AssessAsync(long siteId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var (_, airHours) = await LoadAsync(siteId, from, to, ct);
        return Hj663Assessment.Assess(airHours, from, to);
    }

    /// <summary>
    /// HJ 663 period assessment of a city (or any named set of air stations, e.g. the district's stations): per labelled
    /// hour and pollutant the city value is the arithmetic mean of the stations that have one (HJ 663-2013, city
    /// concentration = mean of its assessment stations; <see cref="AirHour.CityMean"/>), then the city is assessed as one
    /// station (daily validity, AQI, percentiles, composite index).
    /// </summary>
    /// <param name="siteIds">The stations (at least one).</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">No station, or <paramref name="to"/> before <paramref name="from"/>.</exception>
    public async Task<AirAssessment> AssessCityAsync(IReadOnlyCollection<long> siteIds, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        if (siteIds.Count == 0) throw new ArgumentException("no station", nameof(siteIds));
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var stations = new List<List<AirHour>>();
        foreach (var id in siteIds.Distinct()) stations.Add((await LoadAsync(id, from, to, ct)).Hours);
        return Hj663Assessment.Assess(AirHour.CityMean(stations), from, to);
    }

    private async Task<(SortedDictionary<DateTimeOffset, Dictionary<AqiIndicator, decimal>> ByHour, List<AirHour> Hours)> LoadAsync(
        long siteId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var t0 = HourStart(from, 1);
        var t1 = HourStart(to.AddDays(1), 0).AddHours(1);
        await using var db = _store.CreateContext();
        var codes = AirParameterCodes.Evaluated.ToList();
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.SiteId == siteId && o.Period == PeriodType.Hour && codes.Contains(o.ParameterCode) && o.DataTime >= t0 && o.DataTime < t1)
            .Select(o => new { o.DataTime, o.ParameterCode, o.Value, o.Mn })
            .ToListAsync(ct);
        var byHour = new SortedDictionary<DateTimeOffset, Dictionary<AqiIndicator, decimal>>();
        foreach (var r in rows.OrderBy(r => r.Mn, StringComparer.Ordinal))
        {
            if (r.Value is not { } v || AirParameterCodes.Indicator(r.ParameterCode) is not { } ind) continue;
            if (!byHour.TryGetValue(r.DataTime, out var inputs)) byHour[r.DataTime] = inputs = [];
            inputs.TryAdd(ind, v);
        }
        // Hours without a 2061 value of a 1-h pollutant: derive it from minute / real-time data (GB 3095 Table 4, ≥ 45 min).
        var subCodes = new[] { AirParameterCodes.So2, AirParameterCodes.No2, AirParameterCodes.Co, AirParameterCodes.O3, AirParameterCodes.Pm10, AirParameterCodes.Pm25 };
        var sub = await db.Observations.AsNoTracking()
            .Where(o => o.SiteId == siteId && (o.Period == PeriodType.Min || o.Period == PeriodType.Rtd) && subCodes.Contains(o.ParameterCode)
                && o.DataTime >= t0 && o.DataTime < t1 && o.Value != null)
            .Select(o => new { o.DataTime, o.ParameterCode, o.Period, o.Value, o.Flag, o.Mn })
            .ToListAsync(ct);
        foreach (var g in sub.Where(r => SubHourlyMeans.Counts(r.Flag)).OrderBy(r => r.Mn, StringComparer.Ordinal).GroupBy(r => r.ParameterCode))
        {
            var ind = AirParameterCodes.Indicator(g.Key)!.Value;
            List<SubHourlySample> Series(PeriodType p) => g.Where(r => r.Period == p).Select(r => new SubHourlySample(r.DataTime, r.Value!.Value)).ToList();
            foreach (var (start, mean) in SubHourlyMeans.Derive(Series(PeriodType.Min), Series(PeriodType.Rtd)))
            {
                if (!byHour.TryGetValue(start, out var inputs)) byHour[start] = inputs = [];
                inputs.TryAdd(ind, mean);
            }
        }
        var hours = new List<AirHour>(byHour.Count);
        foreach (var (start, inputs) in byHour)
        {
            var (date, hour) = Label(start);
            decimal? V(AqiIndicator i) => inputs.TryGetValue(i, out var x) ? x : null;
            hours.Add(new AirHour(date, hour, V(AqiIndicator.So2_1h), V(AqiIndicator.No2_1h), V(AqiIndicator.Co_1h),
                V(AqiIndicator.O3_1h), V(AqiIndicator.Pm10_1h), V(AqiIndicator.Pm25_1h)));
        }
        return (byHour, hours);
    }

    /// <summary>Recomputes hourly AQI for the hours of natural days <paramref name="from"/>…<paramref name="to"/> and
    /// their daily AQI.</summary>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day (Beijing).</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Hourly and daily rows written.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<(int Hours, int Days)> RecomputeAsync(long siteId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var t0 = HourStart(from, 1);            // natural day `from` starts with the hour labelled (from, 1)
        var t1 = HourStart(to.AddDays(1), 0).AddHours(1); // …and `to` ends with the hour labelled (to+1, 0)
        var (byHour, airHours) = await LoadAsync(siteId, from, to, ct);
        await using var db = _store.CreateContext();
        var now = _time.GetUtcNow();
        var hourly = new List<HourlyAqi>(byHour.Count);
        foreach (var (start, inputs) in byHour)
        {
            var (date, hour) = Label(start);
            var result = AqiCalculator.Hourly(inputs, AqiRegime.ForDate(HourEnding.NaturalDay(date, hour)));
            hourly.Add(new HourlyAqi
            {
                SiteId = siteId, HourStart = start, Aqi = result.Aqi, Complete = result.Complete,
                PrimaryPollutants = string.Join(';', result.PrimaryPollutants.Select(p => p.Key())),
                IaqiJson = JsonSerializer.Serialize(result.Iaqi.ToDictionary(k => k.Key.Key(), k => k.Value)),
                RegimeId = result.Regime.Id, CalculatedAt = now,
            });
        }

        var assessment = Hj663Assessment.Assess(airHours, from, to);
        var daily = assessment.Days.Select(d => new DailyAqi
        {
            SiteId = siteId, Date = d.Date, Aqi = d.Aqi?.Aqi, Valid = d.AqiValid,
            PrimaryPollutants = d.Aqi is null ? null : string.Join(';', d.Aqi.PrimaryPollutants.Select(p => p.Key())),
            IaqiJson = d.Aqi is null ? null : JsonSerializer.Serialize(d.Aqi.Iaqi.ToDictionary(k => k.Key.Key(), k => k.Value)),
            RegimeId = d.Aqi?.Regime.Id ?? AqiRegime.ForDate(d.Date).Id, CalculatedAt = now,
        }).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.HourlyAqi.Where(h => h.SiteId == siteId && h.HourStart >= t0 && h.HourStart < t1).ExecuteDeleteAsync(ct);
        await db.DailyAqi.Where(d => d.SiteId == siteId && d.Date >= from && d.Date <= to).ExecuteDeleteAsync(ct);
        db.HourlyAqi.AddRange(hourly);
        db.DailyAqi.AddRange(daily);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (hourly.Count, daily.Count);
    }
}
