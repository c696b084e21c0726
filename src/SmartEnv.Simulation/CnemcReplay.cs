using System.Globalization;
using SmartEnv.Imports;
using SmartEnv.Simulation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Evaluation;

namespace SmartEnv.Simulation;

/// <summary>
/// Builds <c>smartenv simulate --replay FILE</c> input from a CNEMC china_sites file: per station, its hours in file
/// order with the six 1-h pollutants under their HJ 212 codes (<see cref="AirParameterCodes"/>; moving statistics and
/// the published AQI are not sent: a logger sends hour means), DataTime = start of the hour-ending label (Beijing).
/// Hours without any 1-h value are left out. Thread-safe (stateless).
/// </summary>
public static class CnemcReplay
{
    /// <summary>Reads the stations to replay.</summary>
    /// <param name="path">china_sites file (plain or .gz).</param>
    /// <param name="stations">Station codes to replay, or null/empty for all.</param>
    /// <param name="max">At most this many stations (codes in ordinal order).</param>
    /// <returns>Stations with at least one hour, ordered by code.</returns>
    /// <exception cref="DataFileFormatException">Malformed file (line and column).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static IReadOnlyList<ReplayStation> Load(string path, IReadOnlySet<string>? stations, int max)
    {
        CnemcType[] oneHour = [CnemcType.Pm25, CnemcType.Pm10, CnemcType.So2, CnemcType.No2, CnemcType.O3, CnemcType.Co];
        var result = new SortedDictionary<string, List<ReplayHour>>(StringComparer.Ordinal);
        foreach (var h in CnemcSitesReader.ReadFile(path, stations is { Count: > 0 } ? stations : null))
        {
            var values = oneHour.Where(t => h[t] is not null)
                .Select(t => KeyValuePair.Create(CnemcParameters.ForCnemc(t)!.Value.Code, h[t]!.Value.ToString(CultureInfo.InvariantCulture))).ToList();
            if (values.Count == 0) continue;
            if (!result.TryGetValue(h.Station, out var list)) result[h.Station] = list = [];
            list.Add(new ReplayHour(AirEvaluator.HourStart(h.Date, h.Hour), values));
        }
        return result.Take(max).Select(kv => new ReplayStation(kv.Key, kv.Value)).ToList();
    }
}
