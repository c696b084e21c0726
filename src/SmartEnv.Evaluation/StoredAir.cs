using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>
/// One stored hourly AQI of a site (<c>hourly_aqi</c>) as the screens, exports and APIs read it. Immutable.
/// </summary>
/// <param name="Start">Hour start (UTC); the hour is labelled by its end, Beijing time (HJ 663 / CNEMC).</param>
/// <param name="Hour">The 1-h concentrations the AQI was computed from (μg/m³, CO mg/m³; null = missing or excluded).</param>
/// <param name="Aqi">The stored result (<see cref="AqiResult.FromStored"/>): AQI, 首要污染物, completeness, IAQI, regime.</param>
/// <param name="Excluded">Stored validity reason (<see cref="ValidityReasons.ReadHour"/>), or null.</param>
public sealed record StoredHour(DateTimeOffset Start, AirHour Hour, AqiResult Aqi, Dictionary<string, ExcludedHour>? Excluded)
{
    /// <summary>End of the hour (UTC).</summary>
    public DateTimeOffset End => Start.AddHours(1);
}

/// <summary>
/// The one read path of the stored air figures and the one codec of their columns: <see cref="AirEvaluator"/> writes the
/// <c>hourly_aqi</c> / <c>daily_aqi</c> rows through <see cref="ToJson(IReadOnlyDictionary{AqiIndicator, decimal})"/> and friends,
/// and every screen, export, API answer, alert and plan indicator reads them here — no figure of the regime in force is
/// computed again on read. Period statistics (HJ 663-2013 §6–§7: percentiles, exceedances, composite index) are derived
/// from the stored daily values with <see cref="Hj663Assessment.FromDays"/>. Only rows of the regime in force on each day
/// (<see cref="AqiRegime.ForDate"/>, the one the evaluator writes) are read. Thread-safe (static; each call uses the caller's
/// context).
/// </summary>
public static class StoredAir
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Pollutant keys of <see cref="HourlyAqi.ConcentrationsJson"/> in <see cref="AirPollutant"/> order.</summary>
    public static readonly IReadOnlyList<string> PollutantKeys = ["so2", "no2", "co", "o3", "pm10", "pm25"];

    /// <summary>An indicator → value map as stored (<c>{"pm25_24h":35}</c>).</summary>
    /// <param name="values">Values by indicator.</param>
    public static string ToJson(IReadOnlyDictionary<AqiIndicator, decimal> values) =>
        JsonSerializer.Serialize(values.OrderBy(k => k.Key).ToDictionary(k => k.Key.Key(), k => k.Value));

    /// <summary>The six 1-h concentrations of an hour as stored (<c>{"so2":8,"pm25":35}</c>; missing ones absent).</summary>
    /// <param name="h">The hour.</param>
    public static string HourJson(AirHour h) =>
        JsonSerializer.Serialize(Enumerable.Range(0, 6).Where(p => h.Get((AirPollutant)p) is not null)
            .ToDictionary(p => PollutantKeys[p], p => h.Get((AirPollutant)p)!.Value));

    /// <summary>Invalid daily values as stored (JSON array of indicator, reason, count, required), or null when none.</summary>
    /// <param name="exclusions">The day's invalid daily values.</param>
    public static string? InvalidJson(IReadOnlyList<DayExclusion> exclusions) => exclusions.Count == 0 ? null
        : JsonSerializer.Serialize(exclusions.Select(e => new StoredExclusion(e.Indicator.Key(), SnakeCaseEnumConverter<DayExclusionReason>.ToSnake(e.Reason.ToString()), e.Count, e.Required)), Json);

    /// <summary>Primary pollutants as stored keys.</summary>
    /// <param name="primary">Indicators.</param>
    public static List<string> Keys(IEnumerable<AqiIndicator> primary) => [.. primary.Select(p => p.Key())];

    /// <summary>
    /// The fewest valid 1-h values of any of the six pollutants in the natural day's 24 hours (0…24;
    /// <see cref="DailyAqi.ValidHours"/>): the count GB 3095-2012 Table 4's ≥ 20-hour rule is decided on for the weakest
    /// pollutant.
    /// </summary>
    /// <param name="dayHours">The hours of one natural day.</param>
    public static int ValidHours(IReadOnlyCollection<AirHour> dayHours) =>
        Enumerable.Range(0, 6).Min(p => dayHours.Count(h => h.Get((AirPollutant)p) is not null));

    private sealed record StoredExclusion(string Indicator, string Reason, int Count, int Required);

    /// <summary>
    /// The stored daily rows of a series (数据审核, docs/storage.md "Data review"): reviewed = the rows the context's query
    /// filter shows (<see cref="DailyAqi.Reviewed"/> true, one per site, day and regime); realtime = per site, day and regime
    /// the realtime row where one is stored (review excluded something that day), else the reviewed row (same inputs, same
    /// figures). The one place a reader chooses the series.
    /// </summary>
    /// <param name="db">Context.</param>
    /// <param name="series">Series.</param>
    public static IQueryable<DailyAqi> Daily(SmartEnvDbContext db, DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (series == DataSeries.Reviewed) return db.DailyAqi;
        var all = db.DailyAqi.IgnoreQueryFilters([SmartEnvDbContext.ReviewedFilter]); // the data scope still applies
        return all.Where(d => !d.Reviewed || !all.Any(x => !x.Reviewed && x.SiteId == d.SiteId && x.Date == d.Date && x.RegimeId == d.RegimeId));
    }

    /// <summary>The stored hourly rows of a series, by the rule of <see cref="Daily"/>.</summary>
    /// <param name="db">Context.</param>
    /// <param name="series">Series.</param>
    public static IQueryable<HourlyAqi> Hourly(SmartEnvDbContext db, DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (series == DataSeries.Reviewed) return db.HourlyAqi;
        var all = db.HourlyAqi.IgnoreQueryFilters([SmartEnvDbContext.ReviewedFilter]); // the data scope still applies
        return all.Where(h => !h.Reviewed || !all.Any(x => !x.Reviewed && x.SiteId == h.SiteId && x.HourStart == h.HourStart && x.RegimeId == h.RegimeId));
    }

    /// <summary>Stored daily rows of a site for natural days <paramref name="from"/>…<paramref name="to"/>, as assessment
    /// days (<see cref="AirDay"/>): stored daily values, stored AQI (<see cref="AqiResult.FromStored"/>) and stored invalid
    /// values. Days without a row are absent.</summary>
    /// <param name="db">Context.</param>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="series">Reviewed (default) or realtime (<see cref="Daily"/>).</param>
    public static async Task<List<(AirDay Day, DailyAqi Row)>> DaysAsync(SmartEnvDbContext db, long siteId, DateOnly from, DateOnly to, CancellationToken ct = default,
        DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await Daily(db, series).AsNoTracking().Where(d => d.SiteId == siteId && d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(ct);
        return [.. rows.Where(r => r.RegimeId == AqiRegime.ForDate(r.Date).Id).Select(r => (Day(r), r))];
    }

    /// <summary>
    /// HJ 663-2013 period assessment of a station from its stored daily rows (<see cref="Hj663Assessment.FromDays"/>), with
    /// the validity reasons of the period: the station-hours left out because of their HJ 212 data flag, per factor code
    /// and flag, summed from the stored daily reasons (<see cref="DailyAqi.ExcludedJson"/>).
    /// </summary>
    /// <param name="db">Context.</param>
    /// <param name="siteId">Site.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    /// <param name="series">Reviewed (default) or realtime (<see cref="Daily"/>).</param>
    public static async Task<(AirAssessment Assessment, Dictionary<string, Dictionary<string, int>> ExcludedHours)> AssessAsync(
        SmartEnvDbContext db, long siteId, DateOnly from, DateOnly to, CancellationToken ct = default, DataSeries series = DataSeries.Reviewed)
    {
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var days = await DaysAsync(db, siteId, from, to, ct, series);
        var excluded = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (_, row) in days)
            foreach (var (code, flags) in ValidityReasons.ReadDay(row.ExcludedJson) ?? [])
            {
                var per = excluded.TryGetValue(code, out var x) ? x : excluded[code] = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (flag, n) in flags) per[flag] = per.GetValueOrDefault(flag) + n;
            }
        var sorted = excluded.OrderBy(k => k.Key, StringComparer.Ordinal)
            .ToDictionary(k => k.Key, k => k.Value.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value));
        return (Hj663Assessment.FromDays(days.Select(d => d.Day), from, to), sorted);
    }

    /// <summary>Stored hourly rows of a site with hour start in [<paramref name="fromStart"/>, <paramref name="toStart"/>),
    /// in order, of the regime in force on each hour's natural day.</summary>
    /// <param name="db">Context.</param>
    /// <param name="siteId">Site.</param>
    /// <param name="fromStart">First hour start (inclusive, UTC).</param>
    /// <param name="toStart">Last hour start (exclusive, UTC).</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="series">Reviewed (default) or realtime (<see cref="Hourly"/>).</param>
    public static async Task<List<StoredHour>> HoursAsync(SmartEnvDbContext db, long siteId, DateTimeOffset fromStart, DateTimeOffset toStart, CancellationToken ct = default,
        DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await Hourly(db, series).AsNoTracking().Where(h => h.SiteId == siteId && h.HourStart >= fromStart && h.HourStart < toStart)
            .OrderBy(h => h.HourStart).ToListAsync(ct);
        var result = new List<StoredHour>(rows.Count);
        foreach (var r in rows)
        {
            var (date, hour) = AirEvaluator.Label(r.HourStart);
            if (r.RegimeId != AqiRegime.ForDate(HourEnding.NaturalDay(date, hour)).Id) continue;
            result.Add(Hour(r));
        }
        return result;
    }

    /// <summary>The latest stored hourly row of a site with hour start in [<paramref name="lo"/>, <paramref name="hi"/>], or null.</summary>
    /// <param name="db">Context.</param>
    /// <param name="siteId">Site.</param>
    /// <param name="lo">Earliest hour start.</param>
    /// <param name="hi">Latest hour start.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="series">Reviewed (default) or realtime (<see cref="Hourly"/>).</param>
    public static async Task<StoredHour?> LatestHourAsync(SmartEnvDbContext db, long siteId, DateTimeOffset lo, DateTimeOffset hi, CancellationToken ct = default,
        DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        var r = await Hourly(db, series).AsNoTracking().Where(h => h.SiteId == siteId && h.HourStart >= lo && h.HourStart <= hi)
            .OrderByDescending(h => h.HourStart).FirstOrDefaultAsync(ct);
        return r is null ? null : Hour(r);
    }

    /// <summary>A stored hourly row as the screens read it.</summary>
    /// <param name="r">Row.</param>
    /// <exception cref="ArgumentException">The row names an unknown regime.</exception>
    public static StoredHour Hour(HourlyAqi r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var (date, hour) = AirEvaluator.Label(r.HourStart);
        var c = string.IsNullOrEmpty(r.ConcentrationsJson) ? [] : JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.ConcentrationsJson) ?? [];
        decimal? V(int p) => c.TryGetValue(PollutantKeys[p], out var v) ? v : null;
        var airHour = new AirHour(date, hour, V(0), V(1), V(2), V(3), V(4), V(5));
        var aqi = AqiResult.FromStored(AqiRegime.FromId(r.RegimeId), AqiReport.Hourly, r.Aqi, Indicators(r.PrimaryPollutants), r.Complete, Iaqi(r.IaqiJson));
        return new StoredHour(r.HourStart, airHour, aqi, ValidityReasons.ReadHour(r.ExcludedJson));
    }

    /// <summary>A stored daily row as an assessment day.</summary>
    /// <param name="r">Row.</param>
    /// <exception cref="ArgumentException">The row names an unknown regime.</exception>
    public static AirDay Day(DailyAqi r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var values = Values(r.ValuesJson);
        var aqi = r.Aqi is null && string.IsNullOrEmpty(r.IaqiJson) ? null
            : AqiResult.FromStored(AqiRegime.FromId(r.RegimeId), AqiReport.Daily, r.Aqi, Indicators(r.PrimaryPollutants), r.Valid, Iaqi(r.IaqiJson), values);
        if (aqi is { Aqi: null }) aqi = null;
        var invalid = string.IsNullOrEmpty(r.InvalidJson) ? [] : JsonSerializer.Deserialize<List<StoredExclusion>>(r.InvalidJson, Json) ?? [];
        return new AirDay(r.Date, values, aqi, [.. invalid.Select(e => new DayExclusion(Indicator(e.Indicator),
            Enum.Parse<DayExclusionReason>(e.Reason.Replace("_", "", StringComparison.Ordinal), true), e.Count, e.Required))]);
    }

    private static Dictionary<AqiIndicator, decimal> Values(string? json) =>
        string.IsNullOrEmpty(json) ? [] : (JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? []).ToDictionary(k => Indicator(k.Key), k => k.Value);

    private static Dictionary<AqiIndicator, int?> Iaqi(string? json) =>
        string.IsNullOrEmpty(json) ? [] : (JsonSerializer.Deserialize<Dictionary<string, int?>>(json) ?? []).ToDictionary(k => Indicator(k.Key), k => k.Value);

    private static List<AqiIndicator> Indicators(IEnumerable<string> keys) => [.. keys.Select(Indicator)];

    private static AqiIndicator Indicator(string key) =>
        AqiIndicators.TryParse(key, out var i) ? i : throw new ArgumentException($"stored indicator key '{key}' is unknown", nameof(key));
}
