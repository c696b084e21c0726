namespace SmartEnv.Supervision.Credit;

/// <summary>The publication window of one piece of credit information (<see cref="CreditRepair.Window"/>). All dates are
/// calendar dates (no time of day, no time zone: the caller's local date in China). Immutable; thread-safe.</summary>
/// <param name="Period">The repair row used.</param>
/// <param name="PublishedOn">The first day of publication (the start date given).</param>
/// <param name="ShortestPeriodEnds">Last day of the shortest period: <paramref name="PublishedOn"/> + shortest months
/// (<see cref="CreditRepair.AddMonths"/>); equal to <paramref name="PublishedOn"/> when the shortest period is 0.</param>
/// <param name="EarliestRepairDate">First day a repair application is accepted: the day after
/// <paramref name="ShortestPeriodEnds"/>, or <paramref name="PublishedOn"/> itself when the shortest period is 0.</param>
/// <param name="LongestPeriodEnds">Last day of publication at the longest: <paramref name="PublishedOn"/> + longest months.</param>
/// <param name="AutomaticEnd">First day the information is no longer published without any repair: the day after
/// <paramref name="LongestPeriodEnds"/>.</param>
public sealed record CreditRepairWindow(CreditRepairPeriod Period, DateOnly PublishedOn, DateOnly ShortestPeriodEnds,
    DateOnly EarliestRepairDate, DateOnly LongestPeriodEnds, DateOnly AutomaticEnd)
{
    /// <summary>True when a repair application may be filed on <paramref name="date"/>: from
    /// <see cref="EarliestRepairDate"/> until the day before <see cref="AutomaticEnd"/> (after it there is nothing to repair).</summary>
    /// <param name="date">The application date.</param>
    public bool CanApplyOn(DateOnly date) => date >= EarliestRepairDate && date < AutomaticEnd;
}

/// <summary>
/// Credit-repair publication periods (issue 19 "credit repair … the publication periods of §7.3 (shortest / longest)
/// applied as configuration"). The months are the repair rows of <c>credit-rules.tsv</c> (NDRC 《信用修复管理办法》 2025:
/// 轻微 0–3, 一般 3–12, 严重 12–36 months, all [U]); repair may be applied for only after the shortest period and the
/// publication ends automatically after the longest.
/// <para>Month arithmetic (SmartEnv reading of the period rule of 民法典 Art. 201–202, [U] from memory, not in
/// supervision.md): the publication day itself is not counted; a period of n months ends on the day of the n-th following
/// month with the same number, and when that month has no such day, on its last day. So 2024-01-31 + 1 month ends
/// 2024-02-29, 2023-01-31 + 1 month ends 2023-02-28, 2023-11-30 + 3 months ends 2024-02-29, 2024-02-29 + 12 months ends
/// 2025-02-28. Not applied: moving a last day that is a holiday to the next working day (Art. 203) — the repair texts
/// were not read on this point.</para>
/// Pure; thread-safe.
/// </summary>
public static class CreditRepair
{
    /// <summary>The window of information of <paramref name="severity"/> published on <paramref name="publishedOn"/>.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="severity">轻微, 一般 or 严重.</param>
    /// <param name="publishedOn">The first day of publication.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="severity"/> is not defined, or the dates would pass
    /// 9999-12-31.</exception>
    public static CreditRepairWindow Window(CreditRules rules, CreditInfoSeverity severity, DateOnly publishedOn)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!Enum.IsDefined(severity)) throw new ArgumentOutOfRangeException(nameof(severity), severity, "not a severity");
        var p = rules.RepairPeriod(severity);
        var shortestEnds = AddMonths(publishedOn, p.ShortestMonths);
        var earliest = p.ShortestMonths == 0 ? publishedOn : shortestEnds.AddDays(1);
        var longestEnds = AddMonths(publishedOn, p.LongestMonths);
        return new CreditRepairWindow(p, publishedOn, shortestEnds, earliest, longestEnds, longestEnds.AddDays(1));
    }

    /// <summary>The first day a repair application is accepted (<see cref="CreditRepairWindow.EarliestRepairDate"/>).</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="severity">轻微, 一般 or 严重.</param>
    /// <param name="publishedOn">The first day of publication.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Window"/>.</exception>
    public static DateOnly EarliestRepairDate(CreditRules rules, CreditInfoSeverity severity, DateOnly publishedOn) =>
        Window(rules, severity, publishedOn).EarliestRepairDate;

    /// <summary>The first day the information is no longer published (<see cref="CreditRepairWindow.AutomaticEnd"/>).</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="severity">轻微, 一般 or 严重.</param>
    /// <param name="publishedOn">The first day of publication.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Window"/>.</exception>
    public static DateOnly AutomaticEnd(CreditRules rules, CreditInfoSeverity severity, DateOnly publishedOn) =>
        Window(rules, severity, publishedOn).AutomaticEnd;

    /// <summary>The last day of a period of <paramref name="months"/> calendar months starting on
    /// <paramref name="start"/>: the same day number <paramref name="months"/> months later, or that month's last day when
    /// it is shorter (2024-01-31 + 1 → 2024-02-29). 0 months gives <paramref name="start"/>.</summary>
    /// <param name="start">The start date (not counted).</param>
    /// <param name="months">Whole months, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is negative or the result passes 9999-12-31.</exception>
    public static DateOnly AddMonths(DateOnly start, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        return start.AddMonths(months); // DateOnly.AddMonths clamps to the month's last day: exactly the rule above.
    }
}
