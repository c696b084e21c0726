using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>One minute (HJ 212 CN 2051, <c>-Avg</c> of the minute period) or real-time (CN 2011, <c>-Rtd</c>) value.</summary>
/// <param name="DataTime">Start of the minute period, or the sampling instant of a real-time value.</param>
/// <param name="Value">Concentration in the pollutant's unit (μg/m³; CO mg/m³).</param>
public readonly record struct SubHourlySample(DateTimeOffset DataTime, decimal Value);

/// <summary>
/// Hour means derived from minute or real-time data when a site sent no hour value (CN 2061) for a pollutant, under the
/// GB 3095-2012 / GB 3095-2026 Table 4 validity rule for 1-h means: "每小时至少有45分钟的采样时间" (at least 45 min of
/// sampling in the hour). Table 4 names SO2, NO2, CO, O3 and NOx for the 1-h row; PM10 and PM2.5 have no 1-h limit in
/// GB 3095 but feed the hourly AQI (HJ 633), so SmartEnv applies the same 45-min rule to them (choice where the
/// standard is silent). Sampling time is counted as (number of distinct sample instants in the hour) × (the reporting
/// interval), capped at 60 min; the interval is the smallest positive gap between consecutive samples of the series
/// (HJ 212 sends minute and real-time data at a fixed configured interval), or 1 min when the series has a single
/// sample. Minute data are preferred over real-time data for an hour (real-time data fill an hour whose minute data are
/// missing or cover less than 45 min); only samples whose HJ 212 flag makes them a
/// measurement count (<see cref="DataFlags.IsValid"/>: none or <c>N</c>; F, M, S, D, C, T, B are no sampling time). The mean is the arithmetic mean of the samples, exact (decimal), unrounded: the AQI engine
/// rounds its inputs per regime. Thread-safe (pure functions).
/// </summary>
public static class SubHourlyMeans
{
    /// <summary>Minimum sampling time of a valid 1-h mean, minutes (GB 3095 Table 4).</summary>
    public const int MinimumMinutes = 45;

    /// <summary>Reporting interval of a series: smallest positive gap between sample instants, or 1 min.</summary>
    /// <param name="samples">The series (any order).</param>
    public static TimeSpan Interval(IEnumerable<SubHourlySample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var times = samples.Select(s => s.DataTime.UtcTicks).Distinct().Order().ToList();
        var best = long.MaxValue;
        for (var i = 1; i < times.Count; i++) best = Math.Min(best, times[i] - times[i - 1]);
        return best == long.MaxValue ? TimeSpan.FromMinutes(1) : TimeSpan.FromTicks(best);
    }

    /// <summary>The valid 1-h mean of the samples of one hour, or null when they cover less than 45 min.</summary>
    /// <param name="hour">Samples inside the hour (one per instant; later duplicates of an instant are ignored).</param>
    /// <param name="interval">Reporting interval of the series (<see cref="Interval"/>).</param>
    /// <returns>(mean, sampled minutes), mean null when invalid.</returns>
    public static (decimal? Mean, decimal Minutes) HourMean(IReadOnlyList<SubHourlySample> hour, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(hour);
        var distinct = hour.DistinctBy(s => s.DataTime.UtcTicks).ToList();
        return HourMean(distinct.Count, distinct.Sum(s => s.Value), interval);
    }

    /// <summary>The valid 1-h mean of an hour given as its aggregate (count of distinct sample instants and exact sum, as
    /// kept in <c>hour_sums</c>), or null when they cover less than 45 min. The one arithmetic of both paths.</summary>
    /// <param name="count">Distinct sample instants in the hour.</param>
    /// <param name="sum">Exact sum of their values.</param>
    /// <param name="interval">Reporting interval of the series (<see cref="Interval"/>).</param>
    /// <returns>(mean, sampled minutes), mean null when invalid.</returns>
    public static (decimal? Mean, decimal Minutes) HourMean(int count, decimal sum, TimeSpan interval)
    {
        var minutes = Math.Min(60m, count * (decimal)interval.TotalSeconds / 60m);
        if (count == 0 || minutes < MinimumMinutes) return (null, minutes);
        return (sum / count, minutes);
    }

    /// <summary>True for a flag that counts as sampling time: the one flag rule, <see cref="DataFlags.IsValid"/> (none, or
    /// HJ 212 <c>N</c> = normal).</summary>
    /// <param name="flag">HJ 212 data flag.</param>
    public static bool Counts(string? flag) => DataFlags.IsValid(flag);

    /// <summary>Derives hour means per hour start (UTC, whole hours) from a series, minute data preferred.</summary>
    /// <param name="minute">Minute series of one pollutant at one site.</param>
    /// <param name="realtime">Real-time series of the same pollutant and site.</param>
    /// <returns>Valid hour means keyed by hour start.</returns>
    public static Dictionary<DateTimeOffset, decimal> Derive(IReadOnlyList<SubHourlySample> minute, IReadOnlyList<SubHourlySample> realtime)
    {
        ArgumentNullException.ThrowIfNull(minute);
        ArgumentNullException.ThrowIfNull(realtime);
        var result = new Dictionary<DateTimeOffset, decimal>();
        foreach (var (start, mean) in ByHour(minute, Interval(minute)))
            if (mean is { } m) result[start] = m;
        foreach (var (start, mean) in ByHour(realtime, Interval(realtime)))
            if (mean is { } m) result.TryAdd(start, m);
        return result;
    }

    private static IEnumerable<(DateTimeOffset Start, decimal? Mean)> ByHour(IReadOnlyList<SubHourlySample> series, TimeSpan interval) =>
        series.GroupBy(s => new DateTimeOffset(s.DataTime.UtcTicks - s.DataTime.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero))
            .Select(g => (g.Key, HourMean(g.ToList(), interval).Mean));

    /// <summary>True when an observation of this period and code can feed a derived hour value.</summary>
    /// <param name="period">Observation period.</param>
    /// <param name="code">Parameter code.</param>
    public static bool Feeds(PeriodType period, string code) =>
        period is PeriodType.Min or PeriodType.Rtd && code is AirParameterCodes.So2 or AirParameterCodes.No2 or AirParameterCodes.Co
            or AirParameterCodes.O3 or AirParameterCodes.Pm10 or AirParameterCodes.Pm25;
}
