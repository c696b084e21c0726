using SmartEnv.Standards.Common;

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

    /// <summary>Length of a real-time window: the reported hour and its 23 predecessors (the span of a 24-h moving mean).</summary>
    public const int RealTimeWindowHours = 24;

    /// <summary>
    /// The inputs of the real-time (hourly) AQI of one station-hour, exactly the set
    /// <see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/> uses under
    /// <paramref name="regime"/>, computed from a window of consecutive hourly (1-h) means. The single implementation of
    /// the hour → AQI-input rule (stored hourly AQI, UI trend, <c>smartenv air hourly</c>).
    /// <list type="bullet">
    /// <item>The 1-h means of the regime's <see cref="AqiRegime.HourlySet"/>: <c>so2_1h no2_1h co_1h o3_1h</c> always;
    /// <c>pm10_1h pm25_1h</c> only where PM 1-h values carry an IAQI (CNEMC-2014, HJ633-2026 §4.2.3–§4.2.4).</item>
    /// <item><c>o3_8h</c> (HJ633-2012 only, HJ 633-2012 §5.1.3 Table 4): the 8-h moving mean of the hour and its 7
    /// predecessors, valid with ≥ 6 of the 8 hours (GB 3095-2012 §7 Table 4; GB 3095-2026 §3.7, Table 4).</item>
    /// <item><c>pm10_24h pm25_24h</c> (HJ633-2012 only, Table 4): the 24-h moving mean of the hour and its 23
    /// predecessors, valid with ≥ 20 of the 24 hours (GB 3095 Table 4, the 24-h rule).</item>
    /// <item><c>so2_24h</c> only when <c>so2_1h</c> &gt; 800 μg/m³ under a regime with
    /// <see cref="So2HourlyAbove800Rule.UseDailyMeanIaqi"/> (HJ 633-2012 Table 1 note 2: SO2 reported by its 24-h IAQI;
    /// HJ633-2012 and CNEMC-2014): the 24-h moving mean, ≥ 20 valid hours. HJ633-2026 sets 200 instead (Table 3 note b)
    /// and needs no moving mean at all (§4.2.3: 1-h values only).</item>
    /// </list>
    /// A moving mean is rounded once to the reporting precision per GB/T 8170 (integer μg/m³; CO 1 decimal mg/m³), as the
    /// daily values of <see cref="Hj663Assessment"/> are and as CNEMC publishes its <c>*_24h</c>/<c>O3_8h</c> columns
    /// (a SmartEnv choice: HJ 633-2012 states no rounding). An invalid moving mean, or a missing 1-h value, is left out,
    /// so the AQI is computed from the rest and marked incomplete (HJ 633-2012 Table 4 note "NA"; HJ 633-2026 §5.3.1).
    /// </summary>
    /// <param name="window">Exactly <see cref="RealTimeWindowHours"/> (24) slots, oldest first: <c>window[23]</c> is the
    /// reported hour, <c>window[23 − k]</c> the hour labelled k hours earlier, or null when that hour has no data. Values
    /// are 1-h means in μg/m³ (CO mg/m³), null = missing. <see cref="AirHourWindow"/> builds such windows.</param>
    /// <param name="regime">The regime of the reported hour (usually <see cref="AqiRegime.ForDate"/> of its natural day).</param>
    /// <returns>Concentration per indicator (μg/m³; CO mg/m³); absent keys are missing or invalid.</returns>
    /// <exception cref="ArgumentException">Not 24 slots, no reported hour, or a slot labelled other than its position says.</exception>
    public static Dictionary<AqiIndicator, decimal> RealTimeInputs(IReadOnlyList<AirHour?> window, AqiRegime regime)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(regime);
        if (window.Count != RealTimeWindowHours)
            throw new ArgumentException($"a real-time window has {RealTimeWindowHours} hourly slots, got {window.Count}", nameof(window));
        var hour = window[^1] ?? throw new ArgumentException("the last slot (the reported hour) is empty", nameof(window));
        var end = HourEnding.End(hour.LabelDate, hour.LabelHour);
        for (var i = 0; i < window.Count - 1; i++)
            if (window[i] is { } h && HourEnding.End(h.LabelDate, h.LabelHour) != end.AddHours(i - (RealTimeWindowHours - 1)))
                throw new ArgumentException($"slot {i} holds the hour labelled {h.LabelDate:yyyy-MM-dd} {h.LabelHour}, " +
                    $"expected {RealTimeWindowHours - 1 - i} h before {hour.LabelDate:yyyy-MM-dd} {hour.LabelHour}", nameof(window));

        var inputs = new Dictionary<AqiIndicator, decimal>(8);
        void Put(AqiIndicator i, decimal? v) { if (v is { } x) inputs[i] = x; }
        Put(AqiIndicator.So2_1h, hour.So2);
        Put(AqiIndicator.No2_1h, hour.No2);
        Put(AqiIndicator.Co_1h, hour.Co);
        Put(AqiIndicator.O3_1h, hour.O3);
        var set = regime.HourlySet;
        if (set.Contains(AqiIndicator.Pm10_1h)) Put(AqiIndicator.Pm10_1h, hour.Pm10);
        if (set.Contains(AqiIndicator.Pm25_1h)) Put(AqiIndicator.Pm25_1h, hour.Pm25);
        if (set.Contains(AqiIndicator.O3_8h)) Put(AqiIndicator.O3_8h, Moving(window, AirPollutant.O3, 8, AqiIndicator.O3_8h));
        if (set.Contains(AqiIndicator.Pm10_24h)) Put(AqiIndicator.Pm10_24h, Moving(window, AirPollutant.Pm10, 24, AqiIndicator.Pm10_24h));
        if (set.Contains(AqiIndicator.Pm25_24h)) Put(AqiIndicator.Pm25_24h, Moving(window, AirPollutant.Pm25, 24, AqiIndicator.Pm25_24h));
        if (regime.So2Above800 == So2HourlyAbove800Rule.UseDailyMeanIaqi && hour.So2 > 800m)
            Put(AqiIndicator.So2_24h, Moving(window, AirPollutant.So2, 24, AqiIndicator.So2_24h));
        return inputs;
    }

    /// <summary>
    /// A moving mean of the last <paramref name="hours"/> slots of a real-time window (the reported hour and its
    /// predecessors), exact, with the GB 3095 Table 4 count (<see cref="AveragedValue.Valid"/>); not rounded.
    /// </summary>
    /// <param name="window">A real-time window (see <see cref="RealTimeInputs"/>; not re-checked here).</param>
    /// <param name="pollutant">Pollutant.</param>
    /// <param name="hours">8 (O3 8-h moving mean, ≥ 6 valid) or 24 (24-h moving mean, ≥ 20 valid).</param>
    /// <exception cref="ArgumentException"><paramref name="hours"/> is neither 8 nor 24, or the window is shorter.</exception>
    public static AveragedValue MovingMean(IReadOnlyList<AirHour?> window, AirPollutant pollutant, int hours)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (hours is not (8 or 24)) throw new ArgumentException("a moving mean spans 8 or 24 hours", nameof(hours));
        if (window.Count < hours) throw new ArgumentException($"the window has {window.Count} slots, fewer than {hours}", nameof(window));
        decimal sum = 0;
        var n = 0;
        for (var i = window.Count - hours; i < window.Count; i++)
            if (window[i]?.Get(pollutant) is { } x) { sum += x; n++; }
        var required = hours == 8 ? EightHourMinimumHours : DailyMinimumHours;
        return new AveragedValue(n == 0 ? null : sum / n, n, required, n >= required);
    }

    private static decimal? Moving(IReadOnlyList<AirHour?> window, AirPollutant pollutant, int hours, AqiIndicator indicator)
    {
        var m = MovingMean(window, pollutant, hours);
        return m.Valid ? AqiCalculator.RoundInput(indicator, m.Value!.Value) : null;
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
