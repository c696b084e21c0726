namespace SmartEnv.Storage.Entities;

/// <summary>
/// Hourly AQI of a site (HJ 633-2012 §5: 1-hour IAQI/AQI) as computed by a named regime. Unique on
/// (<see cref="SiteId"/>, <see cref="HourStart"/>, <see cref="RegimeId"/>); recomputation replaces the row.
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

    /// <summary>Primary pollutants, comma-separated codes (e.g. <c>PM2.5</c>); empty when AQI ≤ 50 (HJ 633-2012 §5.3).</summary>
    public string? PrimaryPollutants { get; set; }

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

    /// <summary>When it was computed (UTC).</summary>
    public DateTimeOffset CalculatedAt { get; set; }
}
