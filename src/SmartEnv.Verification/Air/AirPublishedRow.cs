using SmartEnv.Standards.Air;

namespace SmartEnv.Verifications.Air;

/// <summary>
/// One published air row: a station-hour with its concentrations and the published hourly figures (AQI and, where the
/// file publishes them, IAQI per pollutant, level, category and primary pollutants). Immutable.
/// </summary>
/// <param name="Station">Station code or name.</param>
/// <param name="Time">End of the hour, Beijing time (CNEMC label (D, H) → D H:00).</param>
/// <param name="Day">Natural day of the hour (decides the regime; CNEMC label (D, 0) belongs to D−1).</param>
/// <param name="Concentrations">Concentrations by indicator (μg/m³; CO mg/m³), each ≥ 0: the 1-h values and, where the
/// file publishes them, <c>so2_24h</c>, <c>o3_8h</c>, <c>pm10_24h</c>, <c>pm25_24h</c> (used by the HJ 633-2012 rules and
/// the hypotheses that need them).</param>
/// <param name="Aqi">Published AQI, or null when the row publishes none (then it is not compared).</param>
/// <param name="Location">file:line, or null.</param>
public sealed record AirPublishedRow(string Station, DateTimeOffset Time, DateOnly Day, IReadOnlyDictionary<AqiIndicator, decimal> Concentrations,
    int? Aqi, string? Location = null)
{
    /// <summary>Published IAQI per indicator (integers), or null when the file publishes none. Compared as figure
    /// <c>iaqi:&lt;indicator key&gt;</c> (e.g. <c>iaqi:pm25_1h</c>).</summary>
    public IReadOnlyDictionary<AqiIndicator, int>? Iaqi { get; init; }

    /// <summary>Published level 1…6 (HJ 633 Table 2), or null. Compared as figure <c>level</c>.</summary>
    public int? Level { get; init; }

    /// <summary>Published category as its level 1…6 (优 = 1 … 严重污染 = 6), or null. Compared as figure <c>category</c>
    /// (reported by its zh-CN name).</summary>
    public int? Category { get; init; }

    /// <summary>Published primary pollutants (首要污染物): null when the file publishes no such column, empty when it
    /// publishes "none". Compared as a set, figure <c>primary</c>.</summary>
    public IReadOnlySet<AqiIndicator>? Primary { get; init; }
}
