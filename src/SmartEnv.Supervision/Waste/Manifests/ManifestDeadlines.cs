using SmartEnv.Supervision.Calendar;

namespace SmartEnv.Supervision.Waste.Manifests;

/// <summary>
/// Deadlines of a transfer manifest on the working-day calendar (《危险废物转移管理办法》 2021, supervision.md §3.4 [P†]):
/// <list type="bullet">
/// <item>Art. 18 — the 接受人 confirms receipt within <b>5 working days</b> of receiving: due = arrival day + 5 working days
/// (the arrival day itself not counted, <see cref="WorkdayCalendar.AddWorkdays"/>); overdue from the <b>next day</b> after
/// the due day (confirming on the due day is in time).</item>
/// <item>Art. 20 — after a paper manifest, the electronic one is back-filled within <b>10 working days</b> after the
/// transfer: due = transfer day + 10 working days; overdue from the next day.</item>
/// <item>Art. 20 — data kept ≥ 10 years (<see cref="RetainUntil"/>; the store has no delete route at all).</item>
/// </list>
/// The numbers come from <see cref="WasteRules"/> (<c>waste-rules.tsv</c>: ManifestReceiptWorkdays, ManifestBackfillWorkdays,
/// ManifestRetentionYears). Days are Beijing calendar days (the caller converts with <c>BeijingTime</c>). Pure; thread-safe.
/// </summary>
public static class ManifestDeadlines
{
    /// <summary>Last day the 接受人 may confirm receipt (Art. 18).</summary>
    /// <param name="arrivedOn">Beijing date the waste arrived.</param>
    /// <param name="calendar">Working-day calendar (<see cref="WorkdayCalendar.China"/>).</param>
    /// <param name="rules">Rule file (5 working days).</param>
    /// <exception cref="CalendarRangeException">The count runs into a year without a loaded holiday notice — never guessed.</exception>
    public static DateOnly ReceiptDue(DateOnly arrivedOn, WorkdayCalendar calendar, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        return calendar.AddWorkdays(arrivedOn, rules.ManifestReceiptWorkdays);
    }

    /// <summary>True when <paramref name="today"/> is after <see cref="ReceiptDue"/> (overdue from the next day).</summary>
    /// <param name="arrivedOn">Beijing date the waste arrived.</param>
    /// <param name="today">Beijing date of the check.</param>
    /// <param name="calendar">Working-day calendar.</param>
    /// <param name="rules">Rule file.</param>
    /// <exception cref="CalendarRangeException">As <see cref="ReceiptDue"/>.</exception>
    public static bool ReceiptOverdue(DateOnly arrivedOn, DateOnly today, WorkdayCalendar calendar, WasteRules rules) =>
        today > ReceiptDue(arrivedOn, calendar, rules);

    /// <summary>Last day to back-fill the electronic manifest after a paper one (Art. 20).</summary>
    /// <param name="transferredOn">Beijing date of the transfer on paper.</param>
    /// <param name="calendar">Working-day calendar.</param>
    /// <param name="rules">Rule file (10 working days).</param>
    /// <exception cref="CalendarRangeException">The count runs into a year without a loaded holiday notice.</exception>
    public static DateOnly BackfillDue(DateOnly transferredOn, WorkdayCalendar calendar, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        return calendar.AddWorkdays(transferredOn, rules.ManifestBackfillWorkdays);
    }

    /// <summary>True when <paramref name="today"/> is after <see cref="BackfillDue"/>.</summary>
    /// <param name="transferredOn">Beijing date of the transfer on paper.</param>
    /// <param name="today">Beijing date of the check.</param>
    /// <param name="calendar">Working-day calendar.</param>
    /// <param name="rules">Rule file.</param>
    /// <exception cref="CalendarRangeException">As <see cref="BackfillDue"/>.</exception>
    public static bool BackfillOverdue(DateOnly transferredOn, DateOnly today, WorkdayCalendar calendar, WasteRules rules) =>
        today > BackfillDue(transferredOn, calendar, rules);

    /// <summary>First day the manifest's data could lawfully be discarded (Art. 20: kept ≥ 10 years from its creation).
    /// Informative: SmartEnv never deletes a manifest.</summary>
    /// <param name="createdOn">Beijing date the manifest was created.</param>
    /// <param name="rules">Rule file (10 years).</param>
    public static DateOnly RetainUntil(DateOnly createdOn, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return createdOn.AddYears(rules.ManifestRetentionYears);
    }
}
