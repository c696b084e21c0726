using SmartEnv.Standards.Air;

namespace SmartEnv.Verifications.Air;

/// <summary>
/// One published air row: a station-hour with its concentrations and the published hourly AQI. Immutable.
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
    int? Aqi, string? Location = null);
