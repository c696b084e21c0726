namespace SmartEnv.Storage.Entities;

/// <summary>
/// Daily AQI of a site (HJ 633-2012 §5: 24-hour IAQI/AQI; day = Beijing calendar day per GB 3095-2012 §3) as
/// computed by a named regime. Unique on (<see cref="SiteId"/>, <see cref="Date"/>, <see cref="RegimeId"/>, <see cref="Reviewed"/>).
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

    /// <summary>Primary pollutants (首要污染物) as daily indicator keys, e.g. <c>pm25_24h</c>, in indicator order; empty
    /// when AQI ≤ 50 (HJ 633-2012 §5.3) or without AQI. Stored as a JSON array, e.g. <c>["pm25_24h"]</c>.</summary>
    public List<string> PrimaryPollutants { get; set; } = [];

    /// <summary>Valid-hour count the day was judged on: the fewest valid 1-h values (0…24) of any of the six pollutants
    /// in the natural day's hours 01…24 (GB 3095-2012 Table 4: a 24-h mean needs ≥ 20). Null for rows written before this
    /// column existed.</summary>
    public int? ValidHours { get; set; }

    /// <summary>The valid daily values (HJ 663-2013 daily indicators: 24-h means, O3 daily max 1-h and max 8-h), rounded
    /// per GB/T 8170 to reporting precision, as JSON keyed by indicator (<c>{"so2_24h":8,…,"o3_8h":120}</c>; μg/m³, CO
    /// mg/m³); invalid values absent. Null for rows written before this column existed.</summary>
    public string? ValuesJson { get; set; }

    /// <summary>The invalid daily values and why (GB 3095 Table 4 / HJ 663 §6.1.2), as a JSON array of
    /// <c>{"indicator":"o3_8h","reason":"too_few_eight_hour_means","count":12,"required":14}</c>; null when none.</summary>
    public string? InvalidJson { get; set; }

    /// <summary>Version of the evaluation rules that wrote the row (<c>AirEvaluator.RuleVersion</c>); 0 for rows written
    /// before versions were recorded.</summary>
    public int RuleVersion { get; set; }

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

    /// <summary>Series of the row (数据审核, docs/storage.md "Data review"): true = the <b>reviewed</b> series (computed with
    /// the review marks in force at <see cref="CalculatedAt"/>; every row has one, and it is what every reader gets through
    /// the context's query filter), false = the <b>realtime</b> series (as received), stored only where review excluded
    /// something (<see cref="ReviewExcludedHours"/> of the reviewed row &gt; 0); elsewhere the realtime figure equals the
    /// reviewed one.</summary>
    public bool Reviewed { get; set; } = true;

    /// <summary>Hours of the natural day (01…24) with at least one value left out by a review mark (0…24); 0 on a realtime row.</summary>
    public int ReviewExcludedHours { get; set; }

    /// <summary>When it was computed (UTC).</summary>
    public DateTimeOffset CalculatedAt { get; set; }
}
