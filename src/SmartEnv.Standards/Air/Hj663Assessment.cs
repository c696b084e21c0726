using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Air;

/// <summary>Why a daily value of a day is not valid.</summary>
public enum DayExclusionReason
{
    /// <summary>No hourly value at all that day.</summary>
    NoData,
    /// <summary>Fewer than 20 valid hours (GB 3095 Table 4 24-h rule; the O3 daily max 1-h uses the same coverage).</summary>
    TooFewHours,
    /// <summary>Fewer than 14 valid 8-h means ending 08:00…24:00 and the maximum does not exceed the limit (HJ 663-2013 §6.1.2).</summary>
    TooFewEightHourMeans,
}

/// <summary>One invalid daily value.</summary>
/// <param name="Indicator">Daily indicator (<c>so2_24h</c>, …, <c>o3_1h</c> daily max, <c>o3_8h</c> daily max 8-h).</param>
/// <param name="Reason">Why.</param>
/// <param name="Count">Valid hours (or valid 8-h means for O3 8h) found.</param>
/// <param name="Required">Count the rule requires.</param>
public sealed record DayExclusion(AqiIndicator Indicator, DayExclusionReason Reason, int Count, int Required);

/// <summary>
/// One natural day of an assessment: daily values (24-h means, O3 daily max 1-h and daily max 8-h), each rounded per
/// GB/T 8170 to the reporting precision (integer μg/m³, CO 1 decimal), the daily AQI over the valid values and the
/// invalid values with reasons.
/// </summary>
/// <param name="Date">The natural day (hours 01…24).</param>
/// <param name="Values">Valid daily values by daily indicator (rounded); invalid values are absent.</param>
/// <param name="Aqi">Daily AQI from the valid values (null when none is valid).</param>
/// <param name="Exclusions">Invalid daily values and why.</param>
public sealed record AirDay(DateOnly Date, IReadOnlyDictionary<AqiIndicator, decimal> Values, AqiResult? Aqi, IReadOnlyList<DayExclusion> Exclusions)
{
    /// <summary>A valid AQI day: every indicator of the daily set is valid (<see cref="AqiResult.Complete"/>).</summary>
    public bool AqiValid => Aqi is { Complete: true };
}

/// <summary>Period statistics of one daily indicator.</summary>
/// <param name="Indicator">Daily indicator key source.</param>
/// <param name="ValidDays">Days with a valid daily value.</param>
/// <param name="Mean">Mean of the daily values, rounded (integer; CO 1 decimal); null without valid days.</param>
/// <param name="PercentileRank">The percentile HJ 663 assesses for this indicator: 98 (SO2, NO2), 95 (PM10, PM2.5, CO), 90 (O3 8h).</param>
/// <param name="Percentile">That percentile of the daily values (k = 1 + (n−1)·p%), rounded like <paramref name="Mean"/>.</param>
/// <param name="ExceedanceDays">Days whose value is above the GB 3095 grade-II daily limit in force that day.</param>
/// <param name="AnnualValid">For a period of exactly one calendar year: GB 3095 Table 4 annual rule (≥ 324 days, ≥ 27 per month, Feb ≥ 25); else null.</param>
/// <param name="ShortMonths">For a calendar year: months below the monthly minimum.</param>
public sealed record IndicatorStatistics(AqiIndicator Indicator, int ValidDays, decimal? Mean, int PercentileRank, decimal? Percentile,
    int ExceedanceDays, bool? AnnualValid, IReadOnlyList<int> ShortMonths);

/// <summary>One term C_i/S_i of the composite index.</summary>
/// <param name="Indicator">Indicator whose statistic is C_i.</param>
/// <param name="Statistic">"mean", "p95" or "p90".</param>
/// <param name="Concentration">C_i (rounded statistic).</param>
/// <param name="Limit">S_i (grade-II limit of the GB 3095 edition in force at the period end).</param>
/// <param name="Index">C_i/S_i, exact.</param>
public sealed record CompositeTerm(AqiIndicator Indicator, string Statistic, decimal Concentration, decimal Limit, decimal Index);

/// <summary>环境空气质量综合指数 I_sum = Σ C_i/S_i (城市环境空气质量排名技术规定), rounded to 2 decimals per GB/T 8170.</summary>
/// <param name="Value">I_sum, 2 decimals.</param>
/// <param name="Edition">The GB 3095 edition the S_i come from.</param>
/// <param name="Terms">The six terms.</param>
public sealed record CompositeIndex(decimal Value, Gb3095Edition Edition, IReadOnlyList<CompositeTerm> Terms);

/// <summary>The HJ 663 period assessment of a station or a city.</summary>
public sealed class AirAssessment
{
    internal AirAssessment(DateOnly from, DateOnly to, IReadOnlyList<AirDay> days, IReadOnlyList<IndicatorStatistics> statistics,
        CompositeIndex? composite)
    {
        From = from;
        To = to;
        Days = days;
        Statistics = statistics;
        Composite = composite;
        var valid = days.Where(d => d.AqiValid).ToList();
        ValidAqiDays = valid.Count;
        GoodDays = valid.Count(d => d.Aqi!.Aqi <= 100);
        GoodDayRatioPercent = ValidAqiDays == 0 ? null : Gbt8170.Round(100m * GoodDays / ValidAqiDays, 1);
        DaysPerLevel = Enumerable.Range(1, 6).Select(l => valid.Count(d => d.Aqi!.Level == l)).ToList();
        PrimaryPollutantDays = valid.SelectMany(d => d.Aqi!.PrimaryPollutants).GroupBy(p => p)
            .OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>First natural day.</summary>
    public DateOnly From { get; }

    /// <summary>Last natural day (inclusive).</summary>
    public DateOnly To { get; }

    /// <summary>Every day of the period, in order.</summary>
    public IReadOnlyList<AirDay> Days { get; }

    /// <summary>Per-indicator statistics: so2_24h, no2_24h, co_24h, o3_8h, pm10_24h, pm25_24h.</summary>
    public IReadOnlyList<IndicatorStatistics> Statistics { get; }

    /// <summary>Composite index, or null when a component has no valid day.</summary>
    public CompositeIndex? Composite { get; }

    /// <summary>Days with a complete daily AQI (all indicators of the daily set valid).</summary>
    public int ValidAqiDays { get; }

    /// <summary>优良天数: valid AQI days with AQI ≤ 100.</summary>
    public int GoodDays { get; }

    /// <summary>优良天数比例 = good days / valid AQI days × 100, percent, 1 decimal (GB/T 8170); null without valid days.</summary>
    public decimal? GoodDayRatioPercent { get; }

    /// <summary>Valid AQI days per level 1…6 (index 0 = level 1).</summary>
    public IReadOnlyList<int> DaysPerLevel { get; }

    /// <summary>Valid AQI days on which each indicator was a primary pollutant (ties count for each).</summary>
    public IReadOnlyDictionary<AqiIndicator, int> PrimaryPollutantDays { get; }

    /// <summary>Days that are not valid AQI days.</summary>
    public IEnumerable<AirDay> ExcludedDays => Days.Where(d => !d.AqiValid);
}

/// <summary>
/// HJ 663-2013 period assessment (standards.md §3): daily values per GB 3095 validity, daily AQI per HJ 633, period
/// means, CO 24-h P95, O3 daily max 8-h P90 (and SO2/NO2 P98, PM P95), good days and ratio, days per level, exceedance
/// days and the composite index. Pure; exact decimal arithmetic; rounding GB/T 8170 at the reporting precision.
/// </summary>
public static class Hj663Assessment
{
    /// <summary>The daily indicators assessed, in output order.</summary>
    public static IReadOnlyList<AqiIndicator> DailyIndicators { get; } =
        [AqiIndicator.So2_24h, AqiIndicator.No2_24h, AqiIndicator.Co_24h, AqiIndicator.O3_1h, AqiIndicator.O3_8h, AqiIndicator.Pm10_24h, AqiIndicator.Pm25_24h];

    private static readonly AqiIndicator[] StatisticIndicators =
        [AqiIndicator.So2_24h, AqiIndicator.No2_24h, AqiIndicator.Co_24h, AqiIndicator.O3_8h, AqiIndicator.Pm10_24h, AqiIndicator.Pm25_24h];

    /// <summary>Assesses the natural days <paramref name="from"/>…<paramref name="to"/> of one station's (or a city's) hours.</summary>
    /// <param name="hours">Hourly values, any order; hours outside the period are ignored; a later duplicate label replaces an earlier one.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="regime">AQI regime for every day, or null to select it per day (<see cref="AqiRegime.ForDate"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static AirAssessment Assess(IEnumerable<AirHour> hours, DateOnly from, DateOnly to, AqiRegime? regime = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var nDays = to.DayNumber - from.DayNumber + 1;
        var grid = new decimal?[nDays, 24, 6];
        foreach (var h in hours)
        {
            var day = HourEnding.NaturalDay(h.LabelDate, h.LabelHour);
            if (day < from || day > to) continue;
            var d = day.DayNumber - from.DayNumber;
            var hod = HourEnding.HourOfDay(h.LabelHour) - 1;
            for (var p = 0; p < 6; p++) grid[d, hod, p] = h.Get((AirPollutant)p);
        }
        var days = new List<AirDay>(nDays);
        for (var d = 0; d < nDays; d++) days.Add(Day(from.AddDays(d), d, grid, regime));
        var stats = StatisticIndicators.Select(i => Statistics(i, days, from, to)).ToList();
        return new AirAssessment(from, to, days, stats, Composite(stats, to));
    }

    /// <summary>
    /// Assesses the natural days <paramref name="from"/>…<paramref name="to"/> from daily values already determined (the
    /// stored daily rows of the evaluation: valid daily values, daily AQI, invalid values with reasons): the period
    /// statistics, percentiles, exceedance days, composite index and day counts of HJ 663-2013 §6–§7, exactly as
    /// <see cref="Assess"/> derives them from its own days. A day of the period without a given day is a day without data
    /// (every daily indicator <see cref="DayExclusionReason.NoData"/>).
    /// </summary>
    /// <param name="days">Days, any order; days outside the period are ignored; a later duplicate date replaces an earlier one.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static AirAssessment FromDays(IEnumerable<AirDay> days, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var byDate = new Dictionary<DateOnly, AirDay>();
        foreach (var d in days)
            if (d.Date >= from && d.Date <= to) byDate[d.Date] = d;
        var list = new List<AirDay>(to.DayNumber - from.DayNumber + 1);
        for (var date = from; date <= to; date = date.AddDays(1))
            list.Add(byDate.TryGetValue(date, out var d) ? d : NoDataDay(date));
        var stats = StatisticIndicators.Select(i => Statistics(i, list, from, to)).ToList();
        return new AirAssessment(from, to, list, stats, Composite(stats, to));
    }

    /// <summary>A day without any hourly value: every daily indicator invalid for want of data (GB 3095 Table 4).</summary>
    /// <param name="date">The natural day.</param>
    public static AirDay NoDataDay(DateOnly date) => new(date, new Dictionary<AqiIndicator, decimal>(), null,
        [.. DailyIndicators.Select(i => new DayExclusion(i, DayExclusionReason.NoData, 0,
            i == AqiIndicator.O3_8h ? AirAveraging.O3DailyMax8hMinimumWindows : AirAveraging.DailyMinimumHours))]);

    private static AirDay Day(DateOnly date, int d, decimal?[,,] grid, AqiRegime? regime)
    {
        decimal?[] Series(AirPollutant p) => [.. Enumerable.Range(0, 24).Select(h => grid[d, h, (int)p])];
        var values = new Dictionary<AqiIndicator, decimal>();
        var exclusions = new List<DayExclusion>();
        void Daily(AqiIndicator ind, AveragedValue v)
        {
            if (v.Valid) values[ind] = AqiCalculator.RoundInput(ind, v.Value!.Value);
            else exclusions.Add(new DayExclusion(ind, v.Count == 0 ? DayExclusionReason.NoData : DayExclusionReason.TooFewHours, v.Count, v.Required));
        }
        Daily(AqiIndicator.So2_24h, AirAveraging.DailyMean(Series(AirPollutant.So2)));
        Daily(AqiIndicator.No2_24h, AirAveraging.DailyMean(Series(AirPollutant.No2)));
        Daily(AqiIndicator.Co_24h, AirAveraging.DailyMean(Series(AirPollutant.Co)));
        var o3 = Series(AirPollutant.O3);
        Daily(AqiIndicator.O3_1h, AirAveraging.DailyMax1h(o3));
        var o3Limit = Gb3095.Limit(date, AirPollutant.O3, Gb3095Averaging.DailyMax8h)!.Value;
        var mda8 = AirAveraging.O3DailyMaximum8h(o3, o3Limit);
        if (mda8.Valid) values[AqiIndicator.O3_8h] = Gbt8170.Round(mda8.Value!.Value);
        else exclusions.Add(new DayExclusion(AqiIndicator.O3_8h,
            o3.All(v => v is null) ? DayExclusionReason.NoData : DayExclusionReason.TooFewEightHourMeans,
            mda8.ValidWindows, AirAveraging.O3DailyMax8hMinimumWindows));
        Daily(AqiIndicator.Pm10_24h, AirAveraging.DailyMean(Series(AirPollutant.Pm10)));
        Daily(AqiIndicator.Pm25_24h, AirAveraging.DailyMean(Series(AirPollutant.Pm25)));
        var r = regime ?? AqiRegime.ForDate(date);
        var aqi = values.Count == 0 ? null : AqiCalculator.Daily(values, r);
        if (aqi is { Aqi: null }) aqi = null;
        // Exclusions that do not touch the regime's daily set (e.g. O3 1h under HJ633-2026) are still listed: they are
        // invalid daily values, though the day may be a valid AQI day.
        return new AirDay(date, values, aqi, exclusions);
    }

    private static (AirPollutant Pollutant, Gb3095Averaging Averaging, int Rank) Meta(AqiIndicator i) => i switch
    {
        AqiIndicator.So2_24h => (AirPollutant.So2, Gb3095Averaging.Daily, 98),
        AqiIndicator.No2_24h => (AirPollutant.No2, Gb3095Averaging.Daily, 98),
        AqiIndicator.Co_24h => (AirPollutant.Co, Gb3095Averaging.Daily, 95),
        AqiIndicator.O3_8h => (AirPollutant.O3, Gb3095Averaging.DailyMax8h, 90),
        AqiIndicator.Pm10_24h => (AirPollutant.Pm10, Gb3095Averaging.Daily, 95),
        AqiIndicator.Pm25_24h => (AirPollutant.Pm25, Gb3095Averaging.Daily, 95),
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    private static IndicatorStatistics Statistics(AqiIndicator ind, IReadOnlyList<AirDay> days, DateOnly from, DateOnly to)
    {
        var (pollutant, averaging, rank) = Meta(ind);
        var valid = days.Where(d => d.Values.ContainsKey(ind)).ToList();
        var vals = valid.Select(d => d.Values[ind]).ToList();
        decimal? mean = vals.Count == 0 ? null : AqiCalculator.RoundInput(ind, vals.Sum() / vals.Count);
        decimal? pct = vals.Count == 0 ? null : AqiCalculator.RoundInput(ind, Percentile.Of(vals, rank));
        var exceed = valid.Count(d => d.Values[ind] > Gb3095.Limit(d.Date, pollutant, averaging)!.Value);
        bool? annual = null;
        IReadOnlyList<int> shortMonths = [];
        if (from.Year == to.Year && from == new DateOnly(from.Year, 1, 1) && to == new DateOnly(to.Year, 12, 31))
        {
            var (ok, sm) = AirAveraging.AnnualValidity(valid.Select(d => d.Date), from.Year);
            annual = ok;
            shortMonths = sm;
        }
        return new IndicatorStatistics(ind, vals.Count, mean, rank, pct, exceed, annual, shortMonths);
    }

    /// <summary>
    /// Composite index from period statistics: SO2, NO2, PM10, PM2.5 period means over the annual grade-II limits; CO 24-h
    /// P95 over the daily limit; O3 daily max 8-h P90 over the 8-h limit; S_i of the GB 3095 edition in force on
    /// <paramref name="periodEnd"/>.
    /// </summary>
    /// <param name="statistics">Statistics including the six indicators.</param>
    /// <param name="periodEnd">Last day of the period (chooses the edition).</param>
    /// <returns>The index, or null when a component is missing.</returns>
    public static CompositeIndex? Composite(IReadOnlyList<IndicatorStatistics> statistics, DateOnly periodEnd)
    {
        var edition = Gb3095.EditionFor(periodEnd);
        var terms = new List<CompositeTerm>();
        foreach (var s in statistics.OrderBy(s => s.Indicator))
        {
            var (pollutant, _, _) = Meta(s.Indicator);
            var (stat, c, avg) = s.Indicator switch
            {
                AqiIndicator.Co_24h => ("p95", s.Percentile, Gb3095Averaging.Daily),
                AqiIndicator.O3_8h => ("p90", s.Percentile, Gb3095Averaging.DailyMax8h),
                _ => ("mean", s.Mean, Gb3095Averaging.Annual),
            };
            if (c is null) return null;
            var limit = Gb3095.Limit(edition, pollutant, avg)!.Value;
            terms.Add(new CompositeTerm(s.Indicator, stat, c.Value, limit, c.Value / limit));
        }
        return terms.Count == 6 ? new CompositeIndex(Gbt8170.Round(terms.Sum(t => t.Index), 2), edition, terms) : null;
    }
}
