using System.Globalization;

namespace SmartEnv.Standards.Common;

/// <summary>
/// Beijing time (China Standard Time, UTC+8, no daylight saving since 1991): the time base of HJ 212-2017 DataTime/QN
/// (local time of the logger, §6.3), of CNEMC's hour-ending labels (HJ 663-2013 §5.2, <see cref="HourEnding"/>) and of
/// natural days ("自然日", 0–24 h Beijing time: HJ 663-2013 §3, GB 3095-2012 Table 4 note / GB 3095-2026 §3.9).
/// The one owner of the offset and of the instant ↔ (natural day, labelled hour) arithmetic: code that needs Beijing
/// wall-clock time, a natural day's bounds or an hour-ending label reads it here, and a source-scanning test
/// (<c>BeijingOffsetScanTests</c>) fails when the offset is written anywhere else. Instants returned are UTC
/// (<see cref="DateTimeOffset.Offset"/> zero) unless the member says Beijing. Pure; thread-safe.
/// </summary>
public static class BeijingTime
{
    /// <summary>The offset from UTC: +8 h, all year (no daylight saving).</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>An instant expressed in Beijing time (offset +8 h); the same instant.</summary>
    /// <param name="instant">Any instant (any offset).</param>
    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The Beijing wall-clock reading of an instant (<see cref="DateTimeKind.Unspecified"/>).</summary>
    /// <param name="instant">Any instant (any offset).</param>
    public static DateTime Local(DateTimeOffset instant) => instant.ToOffset(Offset).DateTime;

    /// <summary>The instant at which Beijing clocks read <paramref name="local"/> (its <see cref="DateTime.Kind"/> is ignored).</summary>
    /// <param name="local">Beijing wall-clock time.</param>
    /// <returns>The instant, with offset +8 h.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant is before 0001-01-01 UTC.</exception>
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    /// <summary>The instant at which Beijing clocks read <paramref name="date"/> <paramref name="time"/>.</summary>
    /// <param name="date">Beijing date.</param>
    /// <param name="time">Beijing clock time.</param>
    /// <returns>The instant, with offset +8 h.</returns>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>The Beijing natural day (calendar date, 0–24 h) an instant falls in: 2019-01-01T15:59Z (23:59 Beijing) →
    /// 2019-01-01; 2019-01-01T16:00Z (00:00 Beijing) → 2019-01-02.</summary>
    /// <param name="instant">Any instant (any offset).</param>
    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today's natural day in Beijing at <paramref name="now"/>.</summary>
    /// <param name="now">The clock's now.</param>
    public static DateOnly Today(DateTimeOffset now) => Date(now);

    /// <summary>Today's natural day in Beijing by a clock.</summary>
    /// <param name="clock">The clock (e.g. <see cref="TimeProvider.System"/>).</param>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Date(clock.GetUtcNow());
    }

    /// <summary>Start (UTC) of natural day <paramref name="day"/>: Beijing 00:00 of that date, i.e. 16:00 UTC of the day before.</summary>
    /// <param name="day">Natural day.</param>
    public static DateTimeOffset DayStart(DateOnly day) => At(day, TimeOnly.MinValue).ToUniversalTime();

    /// <summary>End (UTC, exclusive) of natural day <paramref name="day"/>: Beijing 24:00, the next day's 00:00.</summary>
    /// <param name="day">Natural day.</param>
    public static DateTimeOffset DayEnd(DateOnly day) => DayStart(day.AddDays(1));

    /// <summary>
    /// The hour-ending label (CNEMC / HJ 663: label (D, H) is the mean of Beijing D H−1:00 … D H:00, H 0…23) of the
    /// hourly value whose averaging hour starts at <paramref name="hourStart"/>: Beijing 23:00 → (D+1, 0); 00:00 → (D, 1).
    /// </summary>
    /// <param name="hourStart">Start of the averaging hour (any offset; minutes are not checked).</param>
    public static (DateOnly Date, int Hour) HourLabel(DateTimeOffset hourStart)
    {
        var end = hourStart.ToOffset(Offset).AddHours(1);
        return (DateOnly.FromDateTime(end.DateTime), end.Hour);
    }

    /// <summary>End (UTC) of the averaging hour labelled (<paramref name="labelDate"/>, <paramref name="labelHour"/>): Beijing D H:00.</summary>
    /// <param name="labelDate">Label date (Beijing).</param>
    /// <param name="labelHour">Label hour 0…23.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelHour"/> is outside 0…23.</exception>
    public static DateTimeOffset HourEnd(DateOnly labelDate, int labelHour) =>
        FromLocal(HourEnding.End(labelDate, labelHour)).ToUniversalTime();

    /// <summary>Start (UTC) of the averaging hour labelled (<paramref name="labelDate"/>, <paramref name="labelHour"/>): Beijing D H−1:00.</summary>
    /// <param name="labelDate">Label date (Beijing).</param>
    /// <param name="labelHour">Label hour 0…23.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelHour"/> is outside 0…23.</exception>
    public static DateTimeOffset HourStart(DateOnly labelDate, int labelHour) => HourEnd(labelDate, labelHour).AddHours(-1);

    /// <summary>
    /// The natural day an hourly value belongs to, from the end of its averaging hour: the hour ending at Beijing 24:00
    /// (label hour 0 of the next date) is the last hour of the day before (HJ 663-2013 §3: a natural day is 0–24 h).
    /// </summary>
    /// <param name="hourEnd">End of the averaging hour (any offset).</param>
    public static DateOnly NaturalDayOfHourEnd(DateTimeOffset hourEnd) => Date(hourEnd.AddHours(-1));

    /// <summary>
    /// Parses a Beijing local time: <c>yyyy-MM-dd</c> (00:00), <c>yyyy-MM-dd HH:mm</c>, <c>yyyy-MM-dd HH:mm:ss</c> or the
    /// same with a <c>T</c>; a text with an explicit offset or <c>Z</c> (ISO 8601) is taken as that instant. Culture-invariant.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="instant">The instant (offset +8 h when the text had none), when the result is true.</param>
    /// <returns>False when the text is not such a time (or the instant is out of range).</returns>
    public static bool TryParseLocal(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            try { instant = FromLocal(local); return true; }
            catch (ArgumentOutOfRangeException) { return false; }
        }
        return HasOffset(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    private static bool HasOffset(string s) =>
        s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 6 && (s[^6] is '+' or '-') && s[^3] == ':');
}
