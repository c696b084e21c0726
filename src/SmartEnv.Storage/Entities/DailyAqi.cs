namespace SmartEnv.Storage.Entities;

/// <summary>
/// Daily AQI of a site (HJ 633-2012 §5: 24-hour IAQI/AQI; day = Beijing calendar day per GB 3095-2012 §3) as
/// computed by a named regime. Unique on (<see cref="SiteId"/>, <see cref="Date"/>, <see cref="RegimeId"/>).
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class DailyAqi
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site.</summary>
    public long SiteId { get; set; }

    /// <summary>Calendar day in Beijing time (UTC+8).</summary>
    public DateOnly Date { get; set; }

    /// <summary>AQI; null when the day had too few valid values (GB 3095-2012 table 4 / §7).</summary>
    public int? Aqi { get; set; }

    /// <summary>Primary pollutants, comma-separated; empty when AQI ≤ 50.</summary>
    public string? PrimaryPollutants { get; set; }

    /// <summary>Per-pollutant IAQI as a JSON object.</summary>
    public string? IaqiJson { get; set; }

    /// <summary>True when every daily indicator met its validity rule (GB 3095-2012 §7 / HJ 663-2013: ≥ 20 hours, O3 MDA8
    /// ≥ 14 windows): the day counts in assessments. An invalid day may still carry a partial AQI.</summary>
    public bool Valid { get; set; }

    /// <summary>Validity reason: per pollutant, how many hours of the day were left out because of their HJ 212 data flag,
    /// per flag, as JSON, e.g. <c>{"a34004":{"D":3}}</c>; null when nothing was excluded.</summary>
    public string? ExcludedJson { get; set; }

    /// <summary>Regime id used (e.g. <c>HJ633-2012</c>).</summary>
    public required string RegimeId { get; set; }

    /// <summary>When it was computed (UTC).</summary>
    public DateTimeOffset CalculatedAt { get; set; }
}
