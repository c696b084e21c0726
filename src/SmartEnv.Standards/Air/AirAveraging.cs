namespace SmartEnv.Standards.Air;

/// <summary>A mean with the number of values behind it and whether it meets the validity rule.</summary>
/// <param name="Value">The exact mean (or maximum) of the valid values, or null when there were none.</param>
/// <param name="Count">Number of valid input values (hours, 8-h means or days).</param>
/// <param name="Required">Minimum count the rule requires.</param>
/// <param name="Valid">Whether the value is valid.</param>
public readonly record struct AveragedValue(decimal? Value, int Count, int Required, bool Valid);

/// <summary>O3 daily maximum 8-hour mean with the HJ 663 validity rule.</summary>
/// <param name="Value">Largest valid 8-h moving mean among the windows ending 08:00…24:00, exact, or null if none.</param>
/// <param name="ValidWindows">Number of valid 8-h means among the 17 windows.</param>
/// <param name="Valid">≥ 14 valid windows, or fewer with <see cref="ExceedsLimit"/>.</param>
/// <param name="ExceedsLimit">The value (rounded to an integer per GB/T 8170) is above the limit.</param>
public readonly record struct O3DailyMax8h(decimal? Value, int ValidWindows, bool Valid, bool ExceedsLimit);

/// <summary>
/// GB 3095 averaging and data validity (GB 3095-2012 §7 / GB 3095-2026 Table 4) and the HJ 663 O3 daily-max-8h rule.
/// Hourly inputs of a natural day are indexed by hour-of-day 1…24 (see <see cref="Common.HourEnding"/>); a null is a
/// missing or invalid hour. All arithmetic exact (decimal).
/// </summary>
public static class AirAveraging
{
    /// <summary>GB 3095 Table 4: a 24-h mean needs ≥ 20 hourly means.</summary>
    public const int DailyMinimumHours = 20;

    /// <summary>GB 3095 Table 4: an 8-h mean needs ≥ 6 hourly means of the 8.</summary>
    public const int EightHourMinimumHours = 6;

    /// <summary>HJ 663-2013 §6.1.2: the O3 daily max 8-h needs ≥ 14 valid 8-h means ending 08:00…24:00.</summary>
    public const int O3DailyMax8hMinimumWindows = 14;

    /// <summary>GB 3095 Table 4: an annual mean needs ≥ 324 daily means.</summary>
    public const int AnnualMinimumDays = 324;

    /// <summary>GB 3095 Table 4: days a month needs (27; February 25).</summary>
    /// <param name="month">Month 1…12.</param>
    public static int MonthlyMinimumDays(int month) => month == 2 ? 25 : 27;

    /// <summary>24-h mean of a natural day: mean of the valid hours, valid with ≥ 20 (GB 3095 Table 4).</summary>
    /// <param name="hours">Hourly values of the day (24 values, hour-of-day 1…24; nulls missing).</param>
    public static AveragedValue DailyMean(IReadOnlyList<decimal?> hours) => Mean(hours, DailyMinimumHours);

    /// <summary>O3 daily maximum 1-h value (HJ 633-2012 daily report), valid with ≥ 20 valid hours (a SmartEnv choice:
    /// the same coverage as a 24-h mean; the standards state none).</summary>
    /// <param name="hours">Hourly values of the day (24 values).</param>
    public static AveragedValue DailyMax1h(IReadOnlyList<decimal?> hours)
    {
        var valid = hours.Where(h => h.HasValue).Select(h => h!.Value).ToList();
        return new AveragedValue(valid.Count == 0 ? null : valid.Max(), valid.Count, DailyMinimumHours, valid.Count >= DailyMinimumHours);
    }

    /// <summary>8-h moving mean of 8 consecutive hourly values, valid with ≥ 6 (GB 3095 Table 4; §3.7 of GB 3095-2026).</summary>
    /// <param name="eightHours">Exactly 8 hourly values, oldest first.</param>
    /// <exception cref="ArgumentException">Not 8 values.</exception>
    public static AveragedValue EightHourMean(IReadOnlyList<decimal?> eightHours)
    {
        if (eightHours.Count != 8) throw new ArgumentException("an 8-h mean takes 8 hourly values", nameof(eightHours));
        return Mean(eightHours, EightHourMinimumHours);
    }

    /// <summary>
    /// O3 daily maximum 8-h mean of a natural day (GB 3095-2026 §3.8) with HJ 663-2013 §6.1.2: the 17 windows ending at
    /// hour-of-day 8…24 (01–08 … 17–24, i.e. 00:00–08:00 … 16:00–24:00); valid with ≥ 14 valid 8-h means, or with fewer
    /// when the maximum (rounded to an integer, GB/T 8170) exceeds <paramref name="limit"/>.
    /// </summary>
    /// <param name="hours">O3 1-h values of the day, 24 values, hour-of-day 1…24.</param>
    /// <param name="limit">The O3 8-h limit for the exceedance exception (GB 3095 grade II: 160 μg/m³).</param>
    /// <exception cref="ArgumentException">Not 24 values.</exception>
    public static O3DailyMax8h O3DailyMaximum8h(IReadOnlyList<decimal?> hours, decimal limit = 160m)
    {
        if (hours.Count != 24) throw new ArgumentException("a natural day has 24 hourly values", nameof(hours));
        decimal? max = null;
        var validWindows = 0;
        for (var end = 8; end <= 24; end++)
        {
            var w = EightHourMean([.. Enumerable.Range(end - 8, 8).Select(i => hours[i])]);
            if (!w.Valid) continue;
            validWindows++;
            if (max is null || w.Value > max) max = w.Value;
        }
        var exceeds = max is { } m && Common.Gbt8170.Round(m) > limit;
        return new O3DailyMax8h(max, validWindows, validWindows >= O3DailyMax8hMinimumWindows || exceeds, exceeds);
    }

    /// <summary>
    /// GB 3095 Table 4 annual rule for SO2, NO2, PM10, PM2.5 (applied by SmartEnv to every annual statistic): ≥ 324 valid
    /// daily values in the year and ≥ 27 in every month (February ≥ 25).
    /// </summary>
    /// <param name="validDays">Dates with a valid daily value (duplicates ignored).</param>
    /// <param name="year">Calendar year.</param>
    /// <returns>Whether the year is valid, and the months (1…12) that fall short.</returns>
    public static (bool Valid, IReadOnlyList<int> ShortMonths) AnnualValidity(IEnumerable<DateOnly> validDays, int year)
    {
        var days = validDays.Where(d => d.Year == year).Distinct().ToList();
        var perMonth = days.GroupBy(d => d.Month).ToDictionary(g => g.Key, g => g.Count());
        var shortMonths = Enumerable.Range(1, 12).Where(m => perMonth.GetValueOrDefault(m) < MonthlyMinimumDays(m)).ToList();
        return (days.Count >= AnnualMinimumDays && shortMonths.Count == 0, shortMonths);
    }

    private static AveragedValue Mean(IReadOnlyList<decimal?> values, int required)
    {
        decimal sum = 0;
        var n = 0;
        foreach (var v in values)
            if (v is { } x) { sum += x; n++; }
        return new AveragedValue(n == 0 ? null : sum / n, n, required, n >= required);
    }
}
