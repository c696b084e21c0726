using System.Globalization;

namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// The case number of a complaint: <c>TS</c> (投诉) + the Beijing registration day <c>yyyyMMdd</c> + a 4-digit serial of
/// that day (0001 …), e.g. <c>TS202409200001</c> — 14 characters. SmartEnv rule: the national platform's numbering is
/// not published; the number shows the day and is short enough to read out on the phone. The serial is allocated by the
/// store (<c>complaint_serials</c>, one row per day); this type only formats and checks. Input is not trimmed or
/// upper-cased. Pure and thread-safe.
/// </summary>
public static class ComplaintNumber
{
    /// <summary>Length of a number: 2 + 8 + 4.</summary>
    public const int Length = 14;

    /// <summary>The prefix.</summary>
    public const string Prefix = "TS";

    /// <summary>Largest serial of one day (4 digits).</summary>
    public const int MaxSerial = 9999;

    /// <summary>Formats a number.</summary>
    /// <param name="day">Beijing day of registration (year 2000–9999).</param>
    /// <param name="serial">The day's serial, 1–<see cref="MaxSerial"/>.</param>
    /// <returns>The 14 characters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Year outside 2000–9999 or serial outside 1–9999 (the day's serial
    /// space is exhausted).</exception>
    public static string Format(DateOnly day, int serial)
    {
        if (day.Year is < 2000 or > 9999)
            throw new ArgumentOutOfRangeException(nameof(day), day, "a complaint number's year is 2000–9999");
        if (serial is < 1 or > MaxSerial)
            throw new ArgumentOutOfRangeException(nameof(serial), serial, $"the serial of one day is 1–{MaxSerial} (4 digits)");
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{day:yyyyMMdd}{serial:D4}");
    }

    /// <summary>Reads a number.</summary>
    /// <param name="text">The number as given (exact: upper-case <c>TS</c>, no spaces).</param>
    /// <param name="day">The registration day (default when false).</param>
    /// <param name="serial">The serial (0 when false).</param>
    /// <param name="reason">Why it is not a number; null on success.</param>
    /// <returns>True for <c>TS</c> + a valid date yyyyMMdd (year ≥ 2000) + 4 digits other than 0000.</returns>
    public static bool TryParse(string? text, out DateOnly day, out int serial, out string? reason)
    {
        day = default;
        serial = 0;
        if (text is null || text.Length != Length)
        {
            reason = $"a complaint number has {Length} characters (TS + yyyyMMdd + 4 digits, e.g. TS202409200001)";
            return false;
        }
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reason = "a complaint number starts with TS";
            return false;
        }
        for (var i = 2; i < Length; i++)
            if (!char.IsAsciiDigit(text[i]))
            {
                reason = $"character {i + 1} of a complaint number must be a digit";
                return false;
            }
        if (!DateOnly.TryParseExact(text.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year < 2000)
        {
            reason = "characters 3–10 of a complaint number are the registration day yyyyMMdd";
            return false;
        }
        var s = int.Parse(text.AsSpan(10, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        if (s == 0)
        {
            reason = "the serial of a complaint number starts at 0001";
            return false;
        }
        day = d;
        serial = s;
        reason = null;
        return true;
    }
}
