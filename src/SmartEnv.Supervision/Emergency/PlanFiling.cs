using SmartEnv.Supervision.Calendar;

namespace SmartEnv.Supervision.Emergency;

/// <summary>Where a plan's filing stands; stored as snake_case text (<c>signed</c>, <c>submitted</c>, <c>filed</c>,
/// <c>returned</c>). Thread-safe (an enum).</summary>
public enum PlanFilingState
{
    /// <summary>已签署 — signed by the principal, not yet submitted.</summary>
    Signed,
    /// <summary>已报送 — submitted to the bureau, awaiting the check.</summary>
    Submitted,
    /// <summary>已备案 — the bureau stamped the 备案表 (filing number given).</summary>
    Filed,
    /// <summary>需补正 — one-time notice to complete; refile by the date the bureau set.</summary>
    Returned,
}

/// <summary>Deadlines of one plan (环发〔2015〕4号, supervision.md §8.3). Dates are Beijing calendar days.</summary>
/// <param name="FilingDue">Signed + <see cref="EmergencyRules.FilingWorkdays"/> working days (the signing day is day 0).</param>
/// <param name="FilingDueProvisional">True when a day counted lies in a year without a loaded holiday notice (estimate).</param>
/// <param name="CheckDue">Submitted + <see cref="EmergencyRules.CheckWorkdays"/> working days, or null when not submitted.</param>
/// <param name="ReviewDue">Signed + <see cref="EmergencyRules.ReviewYears"/> calendar years (29 Feb → 28 Feb).</param>
public sealed record PlanDeadlines(DateOnly FilingDue, bool FilingDueProvisional, DateOnly? CheckDue, DateOnly ReviewDue);

/// <summary>What a plan is listed under on a day (the due/overdue lists of the staff page and <c>smartenv emergency due</c>).</summary>
/// <param name="FilingOverdue">Not submitted and the day is after <see cref="PlanDeadlines.FilingDue"/>.</param>
/// <param name="CheckOverdue">Submitted, not checked, and the day is after <see cref="PlanDeadlines.CheckDue"/>.</param>
/// <param name="RefileOverdue">Returned (补正) and the day is after the refile date the bureau set.</param>
/// <param name="ReviewDueSoon">The review falls due within <see cref="EmergencyRules.ReviewWarningDays"/> days (inclusive).</param>
/// <param name="ReviewOverdue">The day is after <see cref="PlanDeadlines.ReviewDue"/>.</param>
public sealed record PlanDueStatus(bool FilingOverdue, bool CheckOverdue, bool RefileOverdue, bool ReviewDueSoon, bool ReviewOverdue)
{
    /// <summary>True when any flag is set.</summary>
    public bool Any => FilingOverdue || CheckOverdue || RefileOverdue || ReviewDueSoon || ReviewOverdue;
}

/// <summary>
/// Plan-filing deadlines of 《企业事业单位突发环境事件应急预案备案管理办法（试行）》 (环发〔2015〕4号, supervision.md §8.3):
/// file within 20 working days of signing (Art. 14 [S]); the bureau checks within 5 working days (stamped 备案表, or a one-time
/// notice to complete with a refile date it sets); review at least every 3 years. Working days come from
/// <see cref="WorkdayCalendar"/> (cn-workdays.tsv), the start day not counted. Pure; thread-safe.
/// </summary>
public static class PlanFiling
{
    /// <summary>The deadlines of a plan.</summary>
    /// <param name="signed">The signing date (day 0).</param>
    /// <param name="submitted">The submission date, or null.</param>
    /// <param name="calendar">Working-day calendar (default <see cref="WorkdayCalendar.China"/>).</param>
    /// <param name="rules">Rules (default embedded).</param>
    /// <returns>The deadlines; a filing deadline reaching a year without a notice is estimated and flagged provisional, never refused.</returns>
    public static PlanDeadlines Deadlines(DateOnly signed, DateOnly? submitted, WorkdayCalendar? calendar = null, EmergencyRules? rules = null)
    {
        calendar ??= WorkdayCalendar.China;
        rules ??= EmergencyRules.Default;
        var (due, prov) = calendar.AddWorkdaysOrEstimate(signed, rules.FilingWorkdays);
        DateOnly? check = submitted is { } s ? calendar.AddWorkdaysOrEstimate(s, rules.CheckWorkdays).Date : null;
        return new PlanDeadlines(due, prov, check, signed.AddYears(rules.ReviewYears));
    }

    /// <summary>The due/overdue flags of a plan on <paramref name="today"/>.</summary>
    /// <param name="d">Its deadlines.</param>
    /// <param name="state">Its filing state.</param>
    /// <param name="refileBy">The refile date set with a 补正 notice, or null.</param>
    /// <param name="today">The Beijing day (from the app's clock).</param>
    /// <param name="rules">Rules (default embedded).</param>
    public static PlanDueStatus Status(PlanDeadlines d, PlanFilingState state, DateOnly? refileBy, DateOnly today, EmergencyRules? rules = null)
    {
        rules ??= EmergencyRules.Default;
        return new PlanDueStatus(
            FilingOverdue: state == PlanFilingState.Signed && today > d.FilingDue,
            CheckOverdue: state == PlanFilingState.Submitted && d.CheckDue is { } c && today > c,
            RefileOverdue: state == PlanFilingState.Returned && refileBy is { } r && today > r,
            ReviewDueSoon: today <= d.ReviewDue && d.ReviewDue.DayNumber - today.DayNumber <= rules.ReviewWarningDays,
            ReviewOverdue: today > d.ReviewDue);
    }

    /// <summary>The state after an action; the allowed moves are signed → submitted, submitted → filed | returned,
    /// returned → submitted (refile).</summary>
    /// <param name="from">The current state.</param>
    /// <param name="to">The wanted state.</param>
    /// <returns>True when allowed.</returns>
    public static bool CanMove(PlanFilingState from, PlanFilingState to) => (from, to) switch
    {
        (PlanFilingState.Signed, PlanFilingState.Submitted) => true,
        (PlanFilingState.Submitted, PlanFilingState.Filed) => true,
        (PlanFilingState.Submitted, PlanFilingState.Returned) => true,
        (PlanFilingState.Returned, PlanFilingState.Submitted) => true,
        _ => false,
    };

    /// <summary>snake_case text of a state.</summary>
    /// <param name="s">A state.</param>
    public static string Name(PlanFilingState s) => s.ToString().ToLowerInvariant();

    /// <summary>Reads a state from its text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="state">The state (Signed when false).</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParse(string? text, out PlanFilingState state)
    {
        foreach (var s in Enum.GetValues<PlanFilingState>())
            if (Name(s) == text) { state = s; return true; }
        state = PlanFilingState.Signed;
        return false;
    }
}
