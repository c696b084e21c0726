using System.Globalization;

namespace SmartEnv.Hj212;

/// <summary>HJ 212 time fields: <c>YYYYMMDDhhmmss</c> (N14, table 4) and QN's <c>YYYYMMDDhhmmsszzz</c>. Thread-safe.</summary>
public static class Hj212Time
{
    /// <summary>Parses a 14-digit time, or a 17-digit one with milliseconds (field practice).</summary>
    /// <param name="text">The digits.</param>
    /// <param name="offset">UTC offset the time is expressed in (+08:00 for Beijing time).</param>
    /// <param name="value">The instant.</param>
    /// <param name="hasMilliseconds">True when 17 digits were given.</param>
    /// <returns>False when the text is not 14 or 17 digits, not a valid calendar time, or outside the range of
    /// <see cref="DateTimeOffset"/> once <paramref name="offset"/> is applied.</returns>
    public static bool TryParse(string? text, TimeSpan offset, out DateTimeOffset value, out bool hasMilliseconds)
    {
        value = default;
        hasMilliseconds = false;
        if (text is null || (text.Length != 14 && text.Length != 17)) return false;
        foreach (var c in text) if (c is < '0' or > '9') return false;
        hasMilliseconds = text.Length == 17;
        int y = Num(text, 0, 4), mo = Num(text, 4, 2), d = Num(text, 6, 2), h = Num(text, 8, 2), mi = Num(text, 10, 2), s = Num(text, 12, 2);
        int ms = hasMilliseconds ? Num(text, 14, 3) : 0;
        if (y < 1 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return false;
        // A wall-clock time the offset moves outside DateTimeOffset's range (year 1 at +08:00, year 9999 at a negative
        // offset) is not a time either (the constructor would throw).
        long utcTicks = new DateTime(y, mo, d, h, mi, s, ms).Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(y, mo, d, h, mi, s, ms, offset);
        return true;
    }

    /// <summary>Formats an instant as 14 digits in the given offset (<c>YYYYMMDDhhmmss</c>).</summary>
    /// <param name="time">The instant.</param>
    /// <param name="offset">UTC offset to express it in (+08:00 for Beijing time).</param>
    public static string Format(DateTimeOffset time, TimeSpan offset) =>
        time.ToOffset(offset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>Makes a QN (17 digits <c>YYYYMMDDhhmmsszzz</c>, HJ 212-2017 table 3) from an instant.</summary>
    /// <param name="time">The instant the exchange starts.</param>
    /// <param name="offset">UTC offset to express it in (+08:00 for Beijing time).</param>
    public static string Qn(DateTimeOffset time, TimeSpan offset) =>
        time.ToOffset(offset).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    private static int Num(string s, int start, int len)
    {
        int v = 0;
        for (int i = start; i < start + len; i++) v = v * 10 + (s[i] - '0');
        return v;
    }
}
