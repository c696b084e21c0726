namespace SmartEnv.Standards.Common;

/// <summary>
/// Hour-ending labelling of Chinese hourly monitoring data (CNEMC release convention, Beijing time UTC+8): the value
/// labelled (date D, hour H) averages D H-1:00 … D H:00, so H = 0 covers the last hour of the previous day. A natural day
/// (GB 3095-2026 §3.9 "自然日") is therefore the hours labelled 1…23 of D plus hour 0 of D+1; this class numbers them
/// 1…24 ("hour-of-day", 24 = 23:00–24:00).
/// </summary>
public static class HourEnding
{
    /// <summary>The natural day a labelled hour belongs to: D for H = 1…23, D−1 for H = 0.</summary>
    /// <param name="labelDate">Date as labelled.</param>
    /// <param name="labelHour">Hour as labelled, 0…23.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelHour"/> is outside 0…23.</exception>
    public static DateOnly NaturalDay(DateOnly labelDate, int labelHour)
    {
        CheckHour(labelHour);
        return labelHour == 0 ? labelDate.AddDays(-1) : labelDate;
    }

    /// <summary>The hour-of-day 1…24 within <see cref="NaturalDay"/>: H for H = 1…23, 24 for H = 0.</summary>
    /// <param name="labelHour">Hour as labelled, 0…23.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelHour"/> is outside 0…23.</exception>
    public static int HourOfDay(int labelHour)
    {
        CheckHour(labelHour);
        return labelHour == 0 ? 24 : labelHour;
    }

    /// <summary>The end of the averaging hour as a Beijing-time timestamp: D + H hours.</summary>
    /// <param name="labelDate">Date as labelled.</param>
    /// <param name="labelHour">Hour as labelled, 0…23.</param>
    public static DateTime End(DateOnly labelDate, int labelHour)
    {
        CheckHour(labelHour);
        return labelDate.ToDateTime(TimeOnly.MinValue).AddHours(labelHour);
    }

    /// <summary>The label (date, hour 0…23) of the hour of natural day <paramref name="day"/> numbered <paramref name="hourOfDay"/> 1…24.</summary>
    /// <param name="day">Natural day.</param>
    /// <param name="hourOfDay">1…24.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hourOfDay"/> is outside 1…24.</exception>
    public static (DateOnly Date, int Hour) Label(DateOnly day, int hourOfDay)
    {
        if (hourOfDay is < 1 or > 24) throw new ArgumentOutOfRangeException(nameof(hourOfDay), hourOfDay, "hour of day is 1..24");
        return hourOfDay == 24 ? (day.AddDays(1), 0) : (day, hourOfDay);
    }

    private static void CheckHour(int h)
    {
        if (h is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(h), h, "labelled hour is 0..23");
    }
}
