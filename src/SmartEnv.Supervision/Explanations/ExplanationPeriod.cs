using SmartEnv.Standards.Common;

namespace SmartEnv.Supervision.Explanations;

/// <summary>
/// The hour range an explanation covers: <c>from_hour</c> … <c>to_hour</c>, both hour STARTS (the period-start convention
/// of HJ 212 hourly data, table 4), inclusive — <c>10:00 … 11:00</c> covers the hours 10–11 h and 11–12 h (2 hours).
/// Limits are SmartEnv rules: whole hours only (hourly data are judged per hour), <c>to ≥ from</c>, at most
/// <see cref="MaxHours"/> hours (366 days; a seasonal 停产 fits, a typo of a year does not). Static; thread-safe.
/// </summary>
public static class ExplanationPeriod
{
    /// <summary>Longest range: 8,784 hours = 366 days (SmartEnv rule).</summary>
    public const int MaxHours = 366 * 24;

    /// <summary>Why the range is refused, or null when it is acceptable.</summary>
    /// <param name="fromHour">First covered hour start.</param>
    /// <param name="toHour">Last covered hour start.</param>
    /// <returns>A message naming <c>from_hour</c> or <c>to_hour</c>, or null.</returns>
    public static string? Check(DateTimeOffset fromHour, DateTimeOffset toHour)
    {
        if (!IsWholeHour(fromHour)) return "from_hour must be a whole hour (minutes and seconds 0)";
        if (!IsWholeHour(toHour)) return "to_hour must be a whole hour (minutes and seconds 0)";
        if (toHour < fromHour) return "to_hour must not be before from_hour (both are hour starts, inclusive)";
        if (Hours(fromHour, toHour) > MaxHours) return $"the range covers more than {MaxHours} hours (366 days); file one explanation per period";
        return null;
    }

    /// <summary>Number of covered hours: <c>(to − from) / 1 h + 1</c>.</summary>
    /// <param name="fromHour">First hour start.</param>
    /// <param name="toHour">Last hour start (≥ <paramref name="fromHour"/>).</param>
    public static long Hours(DateTimeOffset fromHour, DateTimeOffset toHour) => (long)(toHour - fromHour).TotalHours + 1;

    /// <summary>True when the hour starting at <paramref name="hourStart"/> is covered.</summary>
    /// <param name="fromHour">First hour start.</param>
    /// <param name="toHour">Last hour start.</param>
    /// <param name="hourStart">An hour start.</param>
    public static bool Covers(DateTimeOffset fromHour, DateTimeOffset toHour, DateTimeOffset hourStart) => hourStart >= fromHour && hourStart <= toHour;

    /// <summary>The natural days (Beijing time, <see cref="BeijingTime"/>) the covered hours fall in, ascending — the outlet
    /// site-days whose figures change when the explanation is accepted or revoked. An hour starting at 23:00 Beijing lies
    /// wholly in its day (the offset is a whole number of hours).</summary>
    /// <param name="fromHour">First hour start.</param>
    /// <param name="toHour">Last hour start.</param>
    public static IReadOnlyList<DateOnly> BeijingDays(DateTimeOffset fromHour, DateTimeOffset toHour)
    {
        var days = new List<DateOnly>();
        for (var d = BeijingTime.Date(fromHour); d <= BeijingTime.Date(toHour); d = d.AddDays(1)) days.Add(d);
        return days;
    }

    /// <summary>True when the explanation was filed more than <paramref name="windowDays"/> days after the end of its last
    /// hour (flagged, never refused). The window is rule-file data (<c>explanation.filing_window_days</c>, default 10;
    /// online-monitoring-rates.md §2.4, PARTIAL).</summary>
    /// <param name="toHour">Last covered hour start.</param>
    /// <param name="submittedAt">When it was filed.</param>
    /// <param name="windowDays">Filing window in days (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowDays"/> is negative.</exception>
    public static bool IsLate(DateTimeOffset toHour, DateTimeOffset submittedAt, int windowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        return submittedAt > toHour.AddHours(1).AddDays(windowDays);
    }

    private static bool IsWholeHour(DateTimeOffset t) => t.UtcTicks % TimeSpan.TicksPerHour == 0;
}
