using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Air;

/// <summary>
/// One labelled hour of the six basic pollutants' 1-h means at a station (or a city), hour-ending labelled as CNEMC
/// (<see cref="HourEnding"/>): (LabelDate, LabelHour) averages LabelHour−1:00…LabelHour:00 Beijing time. μg/m³, CO mg/m³;
/// null = missing or invalid.
/// </summary>
/// <param name="LabelDate">Date as labelled.</param>
/// <param name="LabelHour">Hour as labelled, 0…23.</param>
/// <param name="So2">SO2 1-h mean.</param>
/// <param name="No2">NO2 1-h mean.</param>
/// <param name="Co">CO 1-h mean, mg/m³.</param>
/// <param name="O3">O3 1-h mean.</param>
/// <param name="Pm10">PM10 1-h mean.</param>
/// <param name="Pm25">PM2.5 1-h mean.</param>
public sealed record AirHour(DateOnly LabelDate, int LabelHour, decimal? So2, decimal? No2, decimal? Co, decimal? O3, decimal? Pm10, decimal? Pm25)
{
    /// <summary>The value of one pollutant.</summary>
    /// <param name="pollutant">Pollutant.</param>
    public decimal? Get(AirPollutant pollutant) => pollutant switch
    {
        AirPollutant.So2 => So2,
        AirPollutant.No2 => No2,
        AirPollutant.Co => Co,
        AirPollutant.O3 => O3,
        AirPollutant.Pm10 => Pm10,
        _ => Pm25,
    };

    /// <summary>
    /// City hourly values (HJ 663: a city's value is the arithmetic mean of its stations' values): per labelled hour and
    /// pollutant, the mean of the stations that have a value (exact); hours with no station values are omitted.
    /// </summary>
    /// <param name="stations">Each station's hours.</param>
    /// <returns>City hours ordered by label.</returns>
    public static IReadOnlyList<AirHour> CityMean(IEnumerable<IEnumerable<AirHour>> stations)
    {
        var acc = new SortedDictionary<(DateOnly, int), (decimal Sum, int N)[]>();
        foreach (var station in stations)
            foreach (var h in station)
            {
                if (!acc.TryGetValue((h.LabelDate, h.LabelHour), out var a)) acc[(h.LabelDate, h.LabelHour)] = a = new (decimal, int)[6];
                for (var p = 0; p < 6; p++)
                    if (h.Get((AirPollutant)p) is { } v) a[p] = (a[p].Sum + v, a[p].N + 1);
            }
        var result = new List<AirHour>(acc.Count);
        foreach (var ((d, hr), a) in acc)
        {
            decimal? M(int p) => a[p].N == 0 ? null : a[p].Sum / a[p].N;
            result.Add(new AirHour(d, hr, M(0), M(1), M(2), M(3), M(4), M(5)));
        }
        return result;
    }
}
