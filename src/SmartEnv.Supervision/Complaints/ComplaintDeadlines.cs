using SmartEnv.Supervision.Calendar;

namespace SmartEnv.Supervision.Complaints;

/// <summary>A deadline of a complaint. Immutable; thread-safe.</summary>
/// <param name="Date">The last day (Beijing calendar day) on which the step is still in time.</param>
/// <param name="Provisional">True when the working-day calendar lacks a year the count needed: the date was found with
/// Saturday/Sunday as the only rest days (no holidays, no 调休) and must be recomputed once the State Council notice for
/// that year is loaded. A deadline is never refused for this reason.</param>
public sealed record ComplaintDue(DateOnly Date, bool Provisional);

/// <summary>
/// The deadlines of a complaint (issue 18), from the periods of <see cref="ComplaintRules"/> (《信访工作条例》 Art. 22, 23,
/// 34, 35, 36 [P†], supervision.md §5.2) counted on <see cref="WorkdayCalendar"/>.
/// <list type="bullet">
/// <item>The start day is not counted: a period of N days from day S ends on S + N (as 民法典 Art. 201 counts periods).</item>
/// <item>Calendar-day periods end on S + N; when <c>rollForward</c> (<see cref="ComplaintRules.RollForwardToWorkday"/>,
/// [U], by analogy to the period rule of the Civil Procedure Law) and that day is not a working day, on the next working
/// day (so 2024-09-20 + 15 = 2024-10-05, a Saturday inside the National Day holiday, ends on 2024-10-08).</item>
/// <item>Working-day periods use <see cref="WorkdayCalendar.AddWorkdaysOrEstimate"/>.</item>
/// <item>When the calendar lacks a year the count touches, the count goes on with Saturday/Sunday as the only rest days
/// (<see cref="WorkdayCalendar.IsWorkdayOrEstimate"/>) and the result is <see cref="ComplaintDue.Provisional"/>; it never
/// throws for that.</item>
/// </list>
/// Pure (no clock: "today" is an argument); static; thread-safe.
/// </summary>
public static class ComplaintDeadlines
{
    /// <summary>The end of a period of <paramref name="days"/> from <paramref name="start"/> (not counted).</summary>
    /// <param name="start">The start day (registration, acceptance, reply, …), Beijing date.</param>
    /// <param name="days">Length of the period, at least 1.</param>
    /// <param name="kind">Calendar or working days.</param>
    /// <param name="rollForward">For calendar days: move a last day that is not a working day to the next working day.
    /// Ignored for working days (the end is always a working day).</param>
    /// <param name="c">The working-day calendar.</param>
    /// <returns>The last day in time; provisional when a needed year is missing from <paramref name="c"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public static ComplaintDue Due(DateOnly start, int days, DayKind kind, bool rollForward, WorkdayCalendar c)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentNullException.ThrowIfNull(c);
        var provisional = false;
        if (kind == DayKind.Workday)
        {
            var (date, estimated) = c.AddWorkdaysOrEstimate(start, days);
            return new ComplaintDue(date, estimated);
        }
        var end = start.AddDays(days);
        if (rollForward)
            while (!IsWorkday(end, c, ref provisional)) end = end.AddDays(1);
        return new ComplaintDue(end, provisional);
    }

    /// <summary>When the reporter must be told whether the case is accepted: <see cref="ComplaintRules.AcceptanceAnswerDays"/>
    /// (15 days, 条例 Art. 22–23) from registration. Worked: 2024-09-20 + 15 = 2024-10-05 (Saturday, National Day holiday
    /// 10-01…10-07) → 2024-10-08.</summary>
    /// <param name="registeredOn">Beijing day of registration.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    public static ComplaintDue AcceptanceDue(DateOnly registeredOn, ComplaintRules r, WorkdayCalendar c) =>
        Of(registeredOn, "acceptance.answer_days", r, c);

    /// <summary>When handling must be finished (the written reply): <see cref="ComplaintRules.HandlingDays"/> (60 days,
    /// 条例 Art. 34) from acceptance, plus an approved extension counted in the same period (60 + extension days from
    /// acceptance, then rolled forward once). Worked: 2024-09-20 + 60 = 2024-11-19 (Tue); + 30 = 2024-12-19 (Thu).</summary>
    /// <param name="acceptedOn">Beijing day of acceptance.</param>
    /// <param name="extensionDays">Approved extension, 0…<see cref="ComplaintRules.ExtensionMaxDays"/>.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    /// <exception cref="ArgumentOutOfRangeException">Extension below 0 or above the maximum (30 days, 条例 Art. 34).</exception>
    public static ComplaintDue HandlingDue(DateOnly acceptedOn, int extensionDays, ComplaintRules r, WorkdayCalendar c)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (extensionDays < 0 || extensionDays > r.ExtensionMaxDays)
            throw new ArgumentOutOfRangeException(nameof(extensionDays), extensionDays, $"an extension is 0…{r.ExtensionMaxDays} days (信访工作条例 Art. 34)");
        var (days, kind) = r.Period("handling.days");
        return Due(acceptedOn, days + extensionDays, kind, r.RollForwardToWorkday, c);
    }

    /// <summary>Last day the reporter may ask for 复查: <see cref="ComplaintRules.ReviewRequestDays"/> (30 days, 条例 Art. 35)
    /// from the written reply.</summary>
    /// <param name="repliedOn">Beijing day of the reply.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    public static ComplaintDue ReviewRequestDue(DateOnly repliedOn, ComplaintRules r, WorkdayCalendar c) =>
        Of(repliedOn, "review.request_days", r, c);

    /// <summary>When the 复查 decision is due: <see cref="ComplaintRules.ReviewDecisionDays"/> (30 days, 条例 Art. 35) from
    /// the request.</summary>
    /// <param name="requestedOn">Beijing day the 复查 request was received.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    public static ComplaintDue ReviewDecisionDue(DateOnly requestedOn, ComplaintRules r, WorkdayCalendar c) =>
        Of(requestedOn, "review.decision_days", r, c);

    /// <summary>Last day the reporter may ask for 复核: <see cref="ComplaintRules.RecheckRequestDays"/> (30 days, 条例
    /// Art. 36) from the 复查 decision.</summary>
    /// <param name="reviewDecidedOn">Beijing day of the 复查 decision.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    public static ComplaintDue RecheckRequestDue(DateOnly reviewDecidedOn, ComplaintRules r, WorkdayCalendar c) =>
        Of(reviewDecidedOn, "recheck.request_days", r, c);

    /// <summary>When the 复核 decision is due: <see cref="ComplaintRules.RecheckDecisionDays"/> (30 days, 条例 Art. 36) from
    /// the request (hearing time, not counted by the 条例, is not modelled).</summary>
    /// <param name="requestedOn">Beijing day the 复核 request was received.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    public static ComplaintDue RecheckDecisionDue(DateOnly requestedOn, ComplaintRules r, WorkdayCalendar c) =>
        Of(requestedOn, "recheck.decision_days", r, c);

    /// <summary>Last day to object to a forwarded case outside the remit: <see cref="ComplaintRules.OutOfRemitObjectionWorkdays"/>
    /// (5 working days, 条例 Art. 23) from receipt.</summary>
    /// <param name="receivedOn">Beijing day the forwarded case was received.</param>
    /// <param name="r">The rules.</param>
    /// <param name="c">The working-day calendar.</param>
    public static ComplaintDue ObjectionDue(DateOnly receivedOn, ComplaintRules r, WorkdayCalendar c) =>
        Of(receivedOn, "objection.workdays", r, c);

    /// <summary>True when <paramref name="today"/> is after the due day (the due day itself is still in time).</summary>
    /// <param name="due">A deadline.</param>
    /// <param name="today">Beijing date of "now" (the caller's clock).</param>
    public static bool Overdue(ComplaintDue due, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(due);
        return today > due.Date;
    }

    private static ComplaintDue Of(DateOnly start, string key, ComplaintRules r, WorkdayCalendar c)
    {
        ArgumentNullException.ThrowIfNull(r);
        var (days, kind) = r.Period(key);
        return Due(start, days, kind, r.RollForwardToWorkday, c);
    }

    private static bool IsWorkday(DateOnly d, WorkdayCalendar c, ref bool provisional)
    {
        var (workday, estimated) = c.IsWorkdayOrEstimate(d);
        provisional |= estimated;
        return workday;
    }
}
