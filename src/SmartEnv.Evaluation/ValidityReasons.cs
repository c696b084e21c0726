using System.Text.Json;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;

namespace SmartEnv.Evaluation;

/// <summary>
/// A stored value left out of the figures because of its HJ 212 data flag (<see cref="DataFlags"/>): the period counts as
/// missing for that factor. Immutable; thread-safe.
/// </summary>
/// <param name="ParameterCode">Factor code, e.g. <c>a34004</c>.</param>
/// <param name="Flag">The flag, normalised (<see cref="DataFlags.Normalize"/>), e.g. <c>D</c>.</param>
/// <param name="Value">The value as stored (for T, <see cref="DataFlagUse.LowerBound"/>, a floor: the true value is at
/// least this), or null when none was sent.</param>
public sealed record FlaggedValue(string ParameterCode, string Flag, decimal? Value);

/// <summary>
/// One labelled hour of a site as the air evaluation reads it (<see cref="AirEvaluator.LoadHoursAsync"/>). Immutable.
/// </summary>
/// <param name="Start">Hour start (UTC).</param>
/// <param name="Hour">The valid 1-h means (null = missing or excluded).</param>
/// <param name="Excluded">Pollutants of the hour left out because of their flag (the reason the hour is incomplete), in
/// <see cref="AirPollutant"/> order; empty when none.</param>
public sealed record LoadedHour(DateTimeOffset Start, AirHour Hour, IReadOnlyList<FlaggedValue> Excluded)
{
    /// <summary>Factor codes of the hour left out by a review mark (数据审核, <see cref="ReviewState"/>; reviewed series only),
    /// in <see cref="AirPollutant"/> order; empty when none.</summary>
    public IReadOnlyList<string> ReviewExcluded { get; init; } = [];
}

/// <summary>The flag and value of one factor left out of an hourly AQI (<c>hourly_aqi.excluded_json</c>).</summary>
/// <param name="Flag">HJ 212 flag, e.g. <c>D</c>.</param>
/// <param name="Value">The value as stored; for <c>T</c> a floor (the true value is at least this); null when none was sent.</param>
public sealed record ExcludedHour(string Flag, decimal? Value);

/// <summary>
/// The validity reasons stored with AQI rows, as JSON objects keyed by factor code: hourly
/// <c>{"a34004":{"flag":"D","value":320}}</c> (which pollutant of the hour was left out, its flag and value), daily
/// <c>{"a34004":{"D":3,"T":1}}</c> (per pollutant, how many hours of the natural day were left out, per flag). Null when
/// nothing was excluded. Written by <see cref="AirEvaluator"/>, read by the API. Thread-safe (pure functions).
/// </summary>
public static class ValidityReasons
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Hourly reason JSON, or null when nothing was excluded.</summary>
    /// <param name="excluded">Values excluded from the hour.</param>
    public static string? HourJson(IReadOnlyCollection<FlaggedValue> excluded) => excluded.Count == 0 ? null
        : JsonSerializer.Serialize(excluded.GroupBy(x => x.ParameterCode).ToDictionary(g => g.Key, g => new ExcludedHour(g.First().Flag, g.First().Value)), Json);

    /// <summary>Excluded values counted per factor code and flag (codes and flags in ordinal order), e.g.
    /// <c>{"a34004":{"D":3,"T":1}}</c>; empty when none.</summary>
    /// <param name="excluded">Excluded values (one per pollutant-hour).</param>
    public static Dictionary<string, Dictionary<string, int>> Count(IEnumerable<FlaggedValue> excluded) =>
        excluded.GroupBy(x => x.ParameterCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.GroupBy(x => x.Flag).OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Count()));

    /// <summary>Daily reason JSON (<see cref="Count"/> of the day's hours), or null when nothing was excluded.</summary>
    /// <param name="excluded">Values excluded from the day's hours (one per pollutant-hour).</param>
    public static string? DayJson(IReadOnlyCollection<FlaggedValue> excluded) => excluded.Count == 0 ? null
        : JsonSerializer.Serialize(Count(excluded), Json);

    /// <summary>Reads an hourly reason JSON (null or empty → null).</summary>
    /// <param name="json">Stored JSON.</param>
    /// <exception cref="JsonException">Not a reason object.</exception>
    public static Dictionary<string, ExcludedHour>? ReadHour(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Dictionary<string, ExcludedHour>>(json, Json);

    /// <summary>Reads a daily reason JSON (null or empty → null).</summary>
    /// <param name="json">Stored JSON.</param>
    /// <exception cref="JsonException">Not a reason object.</exception>
    public static Dictionary<string, Dictionary<string, int>>? ReadDay(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(json, Json);
}
