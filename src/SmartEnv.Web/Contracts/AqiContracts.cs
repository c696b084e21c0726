using SmartEnv.Standards.Air;

namespace SmartEnv.Web.Contracts;

/// <summary>An AQI category name (HJ 633-2012 Table 2): <c>{"zh":"良","en":"Good"}</c>.</summary>
/// <param name="Zh">Category, e.g. "良".</param>
/// <param name="En">English category, e.g. "Good".</param>
public sealed record AqiCategoryName(string Zh, string En);

/// <summary>
/// An AQI computed from given concentrations (HJ 633 §4–§5): what <c>smartenv aqi hourly|daily</c> writes, one object
/// per line. The level, category and <c>color</c> come from <see cref="AqiCategory"/> (HJ 633-2012 Table 2 / Appendix A),
/// the indicator sets from the <see cref="AqiRegime"/>. Keys are <see cref="AqiIndicator"/> keys (<c>pm25_1h</c>, …).
/// </summary>
/// <param name="Aqi">AQI, null when no indicator of the set could be computed (or not publishable, see <see cref="From"/>).</param>
/// <param name="Level">Level 1…6, null with <paramref name="Aqi"/>.</param>
/// <param name="Category">Category name, null with <paramref name="Aqi"/>.</param>
/// <param name="Color">Appendix A colour "#RRGGBB", null with <paramref name="Aqi"/>.</param>
/// <param name="PrimaryPollutants">首要污染物: indicator keys, empty when AQI ≤ 50.</param>
/// <param name="Iaqi">IAQI per indicator key of the set that was given (null = not computed, see <paramref name="Notes"/>).</param>
/// <param name="Exceeding">超标污染物 keys (IAQI &gt; 100); always empty under HJ633-2026.</param>
/// <param name="Regime">Regime id (<c>HJ633-2012</c>, <c>CNEMC-2014</c>, <c>HJ633-2026</c>).</param>
/// <param name="Complete">Every indicator of the regime's set was given and evaluated.</param>
/// <param name="Capped">Some IAQI was above its table top and capped at 500.</param>
/// <param name="Missing">Keys of the set that were not given.</param>
/// <param name="Notes">Special rule per indicator key (snake_case <see cref="IaqiNote"/>), only where one applied.</param>
/// <param name="Ignored">Given keys the report does not use (e.g. <c>pm25_1h</c> in an HJ633-2012 hourly report).</param>
public sealed record AqiResultDto(int? Aqi, int? Level, AqiCategoryName? Category, string? Color, IReadOnlyList<string> PrimaryPollutants,
    IReadOnlyDictionary<string, int?> Iaqi, IReadOnlyList<string> Exceeding, string Regime, bool Complete, bool Capped,
    IReadOnlyList<string> Missing, IReadOnlyDictionary<string, IaqiNote> Notes, IReadOnlyList<string> Ignored)
{
    /// <summary>The contract shape of a result.</summary>
    /// <param name="r">The result.</param>
    /// <param name="ignored">Given keys the report does not use (<see cref="AqiContract.Ignored"/>).</param>
    /// <param name="publicationRule">Apply HJ 633-2026 §5.3.1: AQI, level, category, color and primary pollutants are null
    /// (empty) unless <see cref="AqiResult.Publishable"/>.</param>
    public static AqiResultDto From(AqiResult r, IEnumerable<AqiIndicator> ignored, bool publicationRule = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        var show = !publicationRule || r.Publishable;
        var band = AqiContract.Band(show ? r.Aqi : null);
        return new AqiResultDto(show ? r.Aqi : null, band.Level, band.Category, band.Color,
            show ? AqiContract.Keys(r.PrimaryPollutants) : [],
            r.Entries.ToDictionary(e => e.Indicator.Key(), e => e.Value), AqiContract.Keys(r.Exceeding), r.Regime.Id, r.Complete, r.Capped,
            AqiContract.Keys(r.Missing), r.Entries.Where(e => e.Note != IaqiNote.None).ToDictionary(e => e.Indicator.Key(), e => e.Note),
            AqiContract.Keys(ignored));
    }
}

/// <summary>One stored hourly AQI (<c>GET /api/sites/{code}/aqi/hourly</c>, <c>…/aqi/latest</c>).</summary>
/// <param name="HourStart">Start of the hour (ISO 8601 instant, UTC offset).</param>
/// <param name="Aqi">AQI, null when no indicator had a value.</param>
/// <param name="Level">Level 1…6 (HJ 633-2012 Table 2), null with <paramref name="Aqi"/>.</param>
/// <param name="Category">Category name, null with <paramref name="Aqi"/>.</param>
/// <param name="Color">Appendix A colour "#RRGGBB", null with <paramref name="Aqi"/>.</param>
/// <param name="PrimaryPollutants">首要污染物 as indicator keys (<c>["pm25_1h"]</c>), empty when AQI ≤ 50.</param>
/// <param name="Complete">True when every pollutant of the regime's hourly set had a value.</param>
/// <param name="Regime">Regime id that computed the row.</param>
/// <param name="Excluded">Validity reason: the pollutants of the hour left out because of their HJ 212 data flag (any
/// flag but N), keyed by code, with the flag and the stored value (e.g. <c>{"a34004":{"flag":"D","value":320}}</c>; for
/// flag T the value is a floor: the concentration was at least it); null when none.</param>
/// <param name="Reviewed">True when the figure is of the reviewed series (数据审核: review marks applied, the default); false
/// for the realtime series (as received, <c>?series=realtime</c>).</param>
/// <param name="ReviewExcludedHours">Hours of the hour's real-time window (it and its 23 predecessors) with a value left out by a review mark; 0 on the realtime series.</param>
public sealed record HourlyAqiDto(DateTimeOffset HourStart, int? Aqi, int? Level, AqiCategoryName? Category, string? Color,
    IReadOnlyList<string> PrimaryPollutants, bool Complete, string Regime, Dictionary<string, Evaluation.ExcludedHour>? Excluded = null,
    bool Reviewed = true, int ReviewExcludedHours = 0)
{
    /// <summary>A row from stored columns (level, category and color derived from the AQI, HJ 633-2012 Table 2); the
    /// primary pollutants are the stored JSON list, written as stored.</summary>
    /// <param name="hourStart">Start of the hour.</param>
    /// <param name="aqi">Stored AQI.</param>
    /// <param name="primaryPollutants">Stored primary pollutant keys.</param>
    /// <param name="complete">Stored completeness.</param>
    /// <param name="regime">Stored regime id.</param>
    /// <param name="excluded">Validity reason.</param>
    /// <param name="reviewed">Stored series flag.</param>
    /// <param name="reviewExcludedHours">Stored count of hours left out by review.</param>
    public static HourlyAqiDto From(DateTimeOffset hourStart, int? aqi, IEnumerable<string>? primaryPollutants, bool complete, string regime,
        Dictionary<string, Evaluation.ExcludedHour>? excluded, bool reviewed = true, int reviewExcludedHours = 0)
    {
        var b = AqiContract.Band(aqi);
        return new(hourStart, aqi, b.Level, b.Category, b.Color, [.. primaryPollutants ?? []], complete, regime, excluded, reviewed, reviewExcludedHours);
    }
}

/// <summary>One stored daily AQI (<c>GET /api/sites/{code}/aqi/daily</c>).</summary>
/// <param name="Date">Beijing natural day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Aqi">AQI, null when the day lacked valid data.</param>
/// <param name="Level">Level 1…6, null with <paramref name="Aqi"/>.</param>
/// <param name="Category">Category name, null with <paramref name="Aqi"/>.</param>
/// <param name="Color">Appendix A colour, null with <paramref name="Aqi"/>.</param>
/// <param name="PrimaryPollutants">首要污染物 as indicator keys (<c>["pm25_24h"]</c>), empty when AQI ≤ 50.</param>
/// <param name="Valid">True when the day met the GB 3095 validity rules (counts in assessments).</param>
/// <param name="Regime">Regime id.</param>
/// <param name="Excluded">Validity reason: per pollutant code, the number of the day's hours left out because of their
/// HJ 212 data flag, per flag (e.g. <c>{"a34004":{"D":3}}</c>); null when none.</param>
/// <param name="Reviewed">True when the figure is of the reviewed series (数据审核: review marks applied, the default); false
/// for the realtime series (as received, <c>?series=realtime</c>).</param>
/// <param name="ReviewExcludedHours">Hours of the natural day with a value left out by a review mark (0…24); 0 on the realtime series.</param>
public sealed record DailyAqiDto(DateOnly Date, int? Aqi, int? Level, AqiCategoryName? Category, string? Color,
    IReadOnlyList<string> PrimaryPollutants, bool Valid, string Regime, Dictionary<string, Dictionary<string, int>>? Excluded = null,
    bool Reviewed = true, int ReviewExcludedHours = 0)
{
    /// <summary>A row from stored columns; the primary pollutants are the stored JSON list.</summary>
    /// <param name="date">Day.</param>
    /// <param name="aqi">Stored AQI.</param>
    /// <param name="primaryPollutants">Stored primary pollutant keys.</param>
    /// <param name="valid">Stored validity.</param>
    /// <param name="regime">Stored regime id.</param>
    /// <param name="excluded">Validity reason.</param>
    /// <param name="reviewed">Stored series flag.</param>
    /// <param name="reviewExcludedHours">Stored count of hours left out by review.</param>
    public static DailyAqiDto From(DateOnly date, int? aqi, IEnumerable<string>? primaryPollutants, bool valid, string regime,
        Dictionary<string, Dictionary<string, int>>? excluded, bool reviewed = true, int reviewExcludedHours = 0)
    {
        var b = AqiContract.Band(aqi);
        return new(date, aqi, b.Level, b.Category, b.Color, [.. primaryPollutants ?? []], valid, regime, excluded, reviewed, reviewExcludedHours);
    }
}

/// <summary>Helpers shared by the AQI records. Pure; thread-safe.</summary>
public static class AqiContract
{
    /// <summary>Level, category and colour of an AQI (HJ 633-2012 Table 2 / Appendix A via <see cref="AqiCategory.ForAqi"/>); all null for null.</summary>
    /// <param name="aqi">AQI or null.</param>
    public static (int? Level, AqiCategoryName? Category, string? Color) Band(int? aqi) =>
        aqi is { } a && AqiCategory.ForAqi(a) is var c ? (c.Level, new AqiCategoryName(c.Zh, c.En), c.Color) : (null, null, null);

    /// <summary>Indicator keys in the given order.</summary>
    /// <param name="indicators">Indicators.</param>
    public static IReadOnlyList<string> Keys(IEnumerable<AqiIndicator> indicators) => [.. indicators.Select(i => i.Key())];

    /// <summary>
    /// The given keys a report does not use, asked of the regime (<see cref="AqiRegime.HourlySet"/>/<see cref="AqiRegime.DailySet"/>
    /// and <see cref="AqiRegime.So2Above800"/> — HJ 633-2012 Table 1 note (2) makes <c>so2_24h</c> an input of the hourly report).
    /// </summary>
    /// <param name="given">Given indicators.</param>
    /// <param name="regime">Regime.</param>
    /// <param name="report">Report.</param>
    public static IReadOnlyList<AqiIndicator> Ignored(IEnumerable<AqiIndicator> given, AqiRegime regime, AqiReport report)
    {
        ArgumentNullException.ThrowIfNull(regime);
        return [.. given.Where(k => !regime.Uses(report, k))];
    }
}
