using SmartEnv.Supervision.Calendar;

namespace SmartEnv.Supervision.Waste.Manifests;

/// <summary>
/// Deadlines of a transfer manifest on the working-day calendar (《危险废物转移管理办法》 2021, supervision.md §3.4 [P†]):
/// <list type="bullet">
/// <item>Art. 18 — the 接受人 confirms receipt within <b>5 working days</b> of receiving: due = arrival day + 5 working days
/// (the arrival day itself not counted, <see cref="WorkdayCalendar.AddWorkdaysOrEstimate"/>); overdue from the <b>next day</b> after
/// the due day (confirming on the due day is in time).</item>
/// <item>Art. 20 — after a paper manifest, the electronic one is back-filled within <b>10 working days</b> after the
/// transfer: due = transfer day + 10 working days; overdue from the next day.</item>
/// <item>Art. 20 — data kept ≥ 10 years (<see cref="RetainUntil"/>; the store has no delete route at all).</item>
/// </list>
/// The numbers come from <see cref="WasteRules"/> (<c>waste-rules.tsv</c>: ManifestReceiptWorkdays, ManifestBackfillWorkdays,
/// ManifestRetentionYears). A count that reaches a year without a loaded State Council notice is not refused: it is
/// provisional (SmartEnv rule, the convention of the complaint deadlines), see <see cref="ReceiptDue"/>. Days are Beijing calendar days (the caller converts with <c>BeijingTime</c>). Pure; thread-safe.
/// </summary>
public static class ManifestDeadlines
{
    /// <summary>Last day the 接受人 may confirm receipt (Art. 18), provisional when the count runs into a year without a
    /// loaded holiday notice (<see cref="WorkdayCalendar.AddWorkdaysOrEstimate"/>: Saturday/Sunday the only rest days there;
    /// the transition is never refused for it — the store keeps the flag and counts again once the notice is loaded).</summary>
    /// <param name="arrivedOn">Beijing date the waste arrived.</param>
    /// <param name="calendar">Working-day calendar (<see cref="WorkdayCalendar.China"/>).</param>
    /// <param name="rules">Rule file (5 working days).</param>
    /// <returns>The due day and whether it is provisional.</returns>
    public static (DateOnly Date, bool Provisional) ReceiptDue(DateOnly arrivedOn, WorkdayCalendar calendar, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        return calendar.AddWorkdaysOrEstimate(arrivedOn, rules.ManifestReceiptWorkdays);
    }

    /// <summary>True when <paramref name="today"/> is after <see cref="ReceiptDue"/> (overdue from the next day; a
    /// provisional due day counts as it stands).</summary>
    /// <param name="arrivedOn">Beijing date the waste arrived.</param>
    /// <param name="today">Beijing date of the check.</param>
    /// <param name="calendar">Working-day calendar.</param>
    /// <param name="rules">Rule file.</param>
    public static bool ReceiptOverdue(DateOnly arrivedOn, DateOnly today, WorkdayCalendar calendar, WasteRules rules) =>
        today > ReceiptDue(arrivedOn, calendar, rules).Date;

    /// <summary>Last day to back-fill the electronic manifest after a paper one (Art. 20), provisional as
    /// <see cref="ReceiptDue"/>.</summary>
    /// <param name="transferredOn">Beijing date of the transfer on paper.</param>
    /// <param name="calendar">Working-day calendar.</param>
    /// <param name="rules">Rule file (10 working days).</param>
    /// <returns>The due day and whether it is provisional.</returns>
    public static (DateOnly Date, bool Provisional) BackfillDue(DateOnly transferredOn, WorkdayCalendar calendar, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        return calendar.AddWorkdaysOrEstimate(transferredOn, rules.ManifestBackfillWorkdays);
    }

    /// <summary>True when <paramref name="today"/> is after <see cref="BackfillDue"/>.</summary>
    /// <param name="transferredOn">Beijing date of the transfer on paper.</param>
    /// <param name="today">Beijing date of the check.</param>
    /// <param name="calendar">Working-day calendar.</param>
    /// <param name="rules">Rule file.</param>
    public static bool BackfillOverdue(DateOnly transferredOn, DateOnly today, WorkdayCalendar calendar, WasteRules rules) =>
        today > BackfillDue(transferredOn, calendar, rules).Date;

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
