namespace SmartEnv.Supervision.Permits;

/// <summary>Where a permit stands with its renewal on a given day (<see cref="PermitDeadlines.Renewal"/>). Stored and shown
/// as <c>ok</c> | <c>due_soon</c> | <c>overdue</c> | <c>expired</c>.</summary>
public enum RenewalStatus
{
    /// <summary>Nothing to do yet, or a renewal has been filed and the permit is still in force.</summary>
    Ok,

    /// <summary>The renewal deadline is within <see cref="PermitDeadlines.DueSoonDays"/> days (inclusive of the deadline
    /// itself): 即将到期.</summary>
    DueSoon,

    /// <summary>The renewal deadline has passed with no renewal filed, the permit still in force: 续期申请逾期.</summary>
    Overdue,

    /// <summary>The permit's validity has ended (today after <c>valid_to</c>): 已过期.</summary>
    Expired,
}

/// <summary>The renewal position of one permit version on one day. Immutable; thread-safe.</summary>
/// <param name="RenewalDue">Last day on which the renewal may be filed on time (permit: valid_to − lead days; registration:
/// valid_to).</param>
/// <param name="DaysToExpiry">valid_to − today in days (negative once expired; 0 on the last valid day).</param>
/// <param name="Status">See <see cref="RenewalStatus"/>.</param>
public sealed record RenewalState(DateOnly RenewalDue, int DaysToExpiry, RenewalStatus Status);

/// <summary>
/// Renewal deadlines of permits and registrations. Pure: the day comes in (Beijing date of the caller's clock,
/// <c>BeijingTime.Today</c>), nothing is read. Thread-safe.
/// <para>Permit (排污许可证): 《排污许可管理条例》 Art. 14 [P†] — valid 5 years; the holder applies for renewal "届满60日前".
/// SmartEnv reads that as "on or before the 60th day before expiry": with valid_to V and lead L = 60, the deadline is
/// V − L, and the renewal is overdue only from V − L + 1. Worked: today 2026-12-07, V = 2027-02-04 (59 days) → due
/// 2026-12-06 → overdue; V = 2027-02-05 (60 days) → due today → not overdue; V = 2027-02-06 (61 days) → due 2026-12-08 →
/// due soon. The lead is data (<c>permit.renewal_lead_days</c> of <c>report-rules.tsv</c>, <see cref="ReportRules.RenewalLeadDays"/>)
/// so that a change of law is a file edit.</para>
/// <para>Registration (排污登记): renewed within the 20 days before expiry (MEE 登记工作指南 2020, supervision.md §2.2 [S]);
/// there is no early deadline, so <see cref="RegistrationRenewal"/> is due soon inside that window and never overdue before
/// it expires.</para>
/// </summary>
public static class PermitDeadlines
{
    /// <summary>Days before the renewal deadline from which a permit is <see cref="RenewalStatus.DueSoon"/>: 30. SmartEnv rule
    /// (a month's notice before the legal deadline, so the enterprise and the bureau can act); not a legal figure.</summary>
    public const int DueSoonDays = 30;

    /// <summary>The renewal state of a permit version on <paramref name="today"/>.</summary>
    /// <param name="validTo">Last day of validity (inclusive).</param>
    /// <param name="today">The day judged (Beijing date).</param>
    /// <param name="renewalFiled">True when a renewal application has been filed for this version (<c>renewal_filed_on</c>
    /// set); then the state is <see cref="RenewalStatus.Ok"/> until expiry.</param>
    /// <param name="leadDays">Days before expiry by which to apply (条例 Art. 14: 60).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leadDays"/> negative.</exception>
    public static RenewalState Renewal(DateOnly validTo, DateOnly today, bool renewalFiled, int leadDays = 60)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leadDays);
        var due = validTo.AddDays(-leadDays);
        var days = validTo.DayNumber - today.DayNumber;
        var status = today > validTo ? RenewalStatus.Expired
            : renewalFiled ? RenewalStatus.Ok
            : today > due ? RenewalStatus.Overdue
            : today.DayNumber >= due.DayNumber - DueSoonDays ? RenewalStatus.DueSoon
            : RenewalStatus.Ok;
        return new RenewalState(due, days, status);
    }

    /// <summary>The renewal state of an 排污登记 (registration) on <paramref name="today"/>: due soon inside the last
    /// <paramref name="windowDays"/> days of validity (unless filed), expired after it, never overdue.</summary>
    /// <param name="validTo">Last day of validity (inclusive).</param>
    /// <param name="today">The day judged (Beijing date).</param>
    /// <param name="renewalFiled">True when the renewal has been done.</param>
    /// <param name="windowDays">Length of the renewal window (20, supervision.md §2.2 [S]; <see cref="ReportRules.RegistrationRenewalWindowDays"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowDays"/> negative.</exception>
    public static RenewalState RegistrationRenewal(DateOnly validTo, DateOnly today, bool renewalFiled, int windowDays = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        var days = validTo.DayNumber - today.DayNumber;
        var status = today > validTo ? RenewalStatus.Expired
            : renewalFiled ? RenewalStatus.Ok
            : days < windowDays ? RenewalStatus.DueSoon
            : RenewalStatus.Ok;
        return new RenewalState(validTo, days, status);
    }
}
