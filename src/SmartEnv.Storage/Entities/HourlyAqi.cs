namespace SmartEnv.Storage.Entities;

/// <summary>
/// Hourly AQI of a site (HJ 633-2012 §5: 1-hour IAQI/AQI) as computed by a named regime. Unique on
/// (<see cref="SiteId"/>, <see cref="HourStart"/>, <see cref="RegimeId"/>, <see cref="Reviewed"/>); recomputation replaces the row.
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class HourlyAqi
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site.</summary>
    public long SiteId { get; set; }

    /// <summary>Start of the hour as a UTC instant (the CNEMC hour labelled <c>h</c> ends at <c>h</c>:00 Beijing time).</summary>
    public DateTimeOffset HourStart { get; set; }

    /// <summary>AQI (integer, HJ 633-2012 §5.2 rounding up); null when no pollutant had a valid value.</summary>
    public int? Aqi { get; set; }

    /// <summary>Primary pollutants (首要污染物) as indicator keys of the regime, e.g. <c>pm25_24h</c>, in indicator order;
    /// empty when AQI ≤ 50 (HJ 633-2012 §5.3) or without AQI. Stored as a JSON array, e.g. <c>["pm25_24h","o3_8h"]</c>.</summary>
    public List<string> PrimaryPollutants { get; set; } = [];

    /// <summary>The hour's 1-h concentrations the AQI was computed from (after HJ 212 flag exclusion and, where no CN 2061
    /// value existed, the hour mean derived from minute / real-time data), as JSON keyed by pollutant
    /// (<c>so2</c>, <c>no2</c>, <c>co</c>, <c>o3</c>, <c>pm10</c>, <c>pm25</c>; μg/m³, CO mg/m³), missing ones absent; null
    /// for rows written before this column existed.</summary>
    public string? ConcentrationsJson { get; set; }

    /// <summary>Version of the evaluation rules that wrote the row (<c>AirEvaluator.RuleVersion</c>); 0 for rows written
    /// before versions were recorded (they are queued for recomputation by the migration <c>StoredAqiProvenance</c>).</summary>
    public int RuleVersion { get; set; }

    /// <summary>Per-pollutant IAQI as a JSON object, e.g. <c>{"PM2.5":82,"O3_1h":12}</c>.</summary>
    public string? IaqiJson { get; set; }

    /// <summary>True when every pollutant of the regime's hourly set had a value (the AQI is complete).</summary>
    public bool Complete { get; set; }

    /// <summary>Validity reason: the pollutants of the hour left out because of their HJ 212 data flag (any flag but N,
    /// HJ 212-2017 table 8; <c>SmartEnv.Standards.Common.DataFlags</c>), as JSON keyed by factor code, e.g.
    /// <c>{"a34004":{"flag":"D","value":320}}</c> (for T the value is a floor); null when nothing was excluded.</summary>
    public string? ExcludedJson { get; set; }

    /// <summary>Regime id used (e.g. <c>HJ633-2012</c>), so results of different rule versions never mix.</summary>
    public required string RegimeId { get; set; }

    /// <summary>Series of the row (数据审核, docs/storage.md "Data review"): true = the <b>reviewed</b> series (computed with
    /// the review marks in force at <see cref="CalculatedAt"/>; every row has one, and it is what every reader gets through
    /// the context's query filter), false = the <b>realtime</b> series (as received), stored only where review excluded
    /// something (<see cref="ReviewExcludedHours"/> of the reviewed row &gt; 0); elsewhere the realtime figure equals the
    /// reviewed one.</summary>
    public bool Reviewed { get; set; } = true;

    /// <summary>Hours of the row's real-time window (the hour and its 23 predecessors, whose means the hourly AQI uses) with at least one value left out by a review mark (0…24); 0 on a realtime row.</summary>
    public int ReviewExcludedHours { get; set; }

    /// <summary>When it was computed (UTC).</summary>
    public DateTimeOffset CalculatedAt { get; set; }
}
