using System.Globalization;

namespace SmartEnv.Standards.Common;

/// <summary>Outcome of <see cref="DataTimePlausibility"/>.</summary>
public enum DataTimeVerdict
{
    /// <summary>Within the plausible range.</summary>
    Plausible,
    /// <summary>Before <see cref="DataTimePlausibility.Earliest"/> (2000-01-01 00:00 Beijing).</summary>
    TooEarly,
    /// <summary>After the reference time ("now") plus the allowed tolerance.</summary>
    InFuture,
}

/// <summary>
/// The one plausibility rule for observation times (DataTime, the start of the averaging period) used by every intake:
/// file imports, the HJ 212 gateway (and hj212-log imports) and the AQI recomputation endpoint. A time is plausible when
/// <c>2000-01-01 00:00 (Beijing, UTC+8) ≤ t ≤ now + tolerance</c>. The standards are silent on this; SmartEnv's choice
/// (docs/storage.md "Plausible observation times"): no Chinese automatic monitoring data precede 2000 (HJ/T 212 dates
/// from 2005, the CNEMC hourly release from 2013), and a measurement cannot come from the future — files are checked
/// with <see cref="FileTolerance"/> (none), devices with <see cref="DeviceTolerance"/> (1 h: logger clocks drift and are
/// set by the platform with CN 1012, HJ 212-2017 table 5). Comparisons are made on UTC instants or on Beijing
/// wall-clock values, so extreme inputs (year 1, year 9999) never overflow. Thread-safe (stateless).
/// </summary>
public static class DataTimePlausibility
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    /// <summary>Earliest plausible time as Beijing wall-clock time: 2000-01-01 00:00.</summary>
    public static DateTime EarliestBeijing { get; } = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Earliest plausible instant: 2000-01-01 00:00 +08:00 (1999-12-31 16:00 UTC).</summary>
    public static DateTimeOffset Earliest { get; } = new(EarliestBeijing, Beijing);

    /// <summary>Tolerance for file imports: none (a file cannot hold a measurement later than the import).</summary>
    public static TimeSpan FileTolerance { get; } = TimeSpan.Zero;

    /// <summary>Tolerance for device uploads over HJ 212: 1 h beyond the receive time (logger clock drift).</summary>
    public static TimeSpan DeviceTolerance { get; } = TimeSpan.FromHours(1);

    /// <summary>Largest plausible magnitude of a measured value: values at or above 10^15 are refused (no quantity
    /// measured comes near; sums of such values would overflow <c>decimal</c> in the averages).</summary>
    public const decimal MaxMagnitude = 1e15m;

    /// <summary>The range of stored times that can count as "latest" on read: <see cref="Earliest"/> … now +
    /// <see cref="DeviceTolerance"/> (the widest intake tolerance), so a row stored before the rule existed never shows as
    /// current.</summary>
    /// <param name="now">Reference time (UTC).</param>
    public static (DateTimeOffset From, DateTimeOffset To) StoredRange(DateTimeOffset now) => (Earliest, now + DeviceTolerance);

    /// <summary>Checks an instant.</summary>
    /// <param name="dataTime">Observation time (period start).</param>
    /// <param name="now">Reference time (import or receive time, from a <see cref="TimeProvider"/>).</param>
    /// <param name="tolerance">Allowed lead over <paramref name="now"/> (≥ 0).</param>
    public static DataTimeVerdict Check(DateTimeOffset dataTime, DateTimeOffset now, TimeSpan tolerance)
    {
        var t = dataTime.UtcDateTime;
        if (t < Earliest.UtcDateTime) return DataTimeVerdict.TooEarly;
        return t > Latest(now, tolerance) ? DataTimeVerdict.InFuture : DataTimeVerdict.Plausible;
    }

    /// <summary>Checks a Beijing wall-clock time (no offset applied, so any <see cref="DateTime"/> is safe).</summary>
    /// <param name="beijing">Observation time, Beijing wall clock.</param>
    /// <param name="now">Reference time.</param>
    /// <param name="tolerance">Allowed lead over <paramref name="now"/>.</param>
    public static DataTimeVerdict CheckBeijing(DateTime beijing, DateTimeOffset now, TimeSpan tolerance)
    {
        if (beijing < EarliestBeijing) return DataTimeVerdict.TooEarly;
        var latest = Latest(now, tolerance);
        return latest < DateTime.MaxValue - Beijing && beijing > latest + Beijing ? DataTimeVerdict.InFuture : DataTimeVerdict.Plausible;
    }

    /// <summary>Checks the start of an hour-ending labelled hour (<see cref="HourEnding"/>: label (D, H) starts at
    /// D H−1:00 Beijing).</summary>
    /// <param name="labelDate">Label date.</param>
    /// <param name="labelHour">Label hour 0…23.</param>
    /// <param name="now">Reference time.</param>
    /// <param name="tolerance">Allowed lead over <paramref name="now"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelHour"/> is outside 0…23.</exception>
    public static DataTimeVerdict CheckHourLabel(DateOnly labelDate, int labelHour, DateTimeOffset now, TimeSpan tolerance)
    {
        if (labelDate < DateOnly.FromDateTime(EarliestBeijing)) return DataTimeVerdict.TooEarly; // also avoids year-1 underflow
        return CheckBeijing(HourEnding.End(labelDate, labelHour).AddHours(-1), now, tolerance);
    }

    /// <summary>Checks a natural day (Beijing) as a whole: plausible when its start is.</summary>
    /// <param name="day">Natural day.</param>
    /// <param name="now">Reference time.</param>
    /// <param name="tolerance">Allowed lead over <paramref name="now"/>.</param>
    public static DataTimeVerdict CheckDay(DateOnly day, DateTimeOffset now, TimeSpan tolerance) =>
        CheckBeijing(day.ToDateTime(TimeOnly.MinValue), now, tolerance);

    /// <summary>English explanation of a failed verdict, e.g. "before 2000-01-01 00:00 Beijing" or "later than
    /// 2026-11-29 17:40 UTC + 1 h"; empty for <see cref="DataTimeVerdict.Plausible"/>.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="now">Reference time used.</param>
    /// <param name="tolerance">Tolerance used.</param>
    public static string Describe(DataTimeVerdict verdict, DateTimeOffset now, TimeSpan tolerance) => verdict switch
    {
        DataTimeVerdict.TooEarly => "before 2000-01-01 00:00 Beijing time",
        DataTimeVerdict.InFuture => "later than now (" + now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"
            + (tolerance > TimeSpan.Zero ? " + " + tolerance.TotalHours.ToString(CultureInfo.InvariantCulture) + " h" : "") + ")",
        _ => "",
    };

    private static DateTime Latest(DateTimeOffset now, TimeSpan tolerance)
    {
        var n = now.UtcDateTime;
        return tolerance > DateTime.MaxValue - n ? DateTime.MaxValue : n + tolerance;
    }
}
