using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Permits;

namespace SmartEnv.Sources.Registry;

/// <summary>Where a permit stands with its renewal on a day, as shown and filtered on (<c>?renewal=overdue</c>).
/// Immutable; thread-safe.</summary>
/// <param name="Status"><c>ok</c> | <c>due_soon</c> | <c>overdue</c> (续期申请逾期) | <c>expired</c>.</param>
/// <param name="RenewalDue">Last day to file the renewal on time (permit: valid_to − 60 days; registration: valid_to).</param>
/// <param name="DaysToExpiry">valid_to − today in days (negative once expired).</param>
public sealed record RenewalView(string Status, DateOnly RenewalDue, int DaysToExpiry);

/// <summary>
/// The renewal state of a permit's current version: <see cref="PermitDeadlines"/> (排污许可管理条例 Art. 14: apply 60
/// days before expiry; 排污登记: within the last 20 days; supervision.md §2.2) with the lead and window of
/// <see cref="ReportRules.Default"/> (report-rules.tsv). Pure; thread-safe.
/// </summary>
public static class PermitRenewals
{
    /// <summary>Statuses a <c>renewal</c> filter accepts.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["ok", "due_soon", "overdue", "expired"];

    /// <summary>The stored/shown key of a status: <c>ok</c>, <c>due_soon</c>, <c>overdue</c>, <c>expired</c>.</summary>
    /// <param name="status">Status.</param>
    public static string Key(RenewalStatus status) => PermitVersionView.Key(status);

    /// <summary>The renewal view of <paramref name="current"/> on <paramref name="today"/>.</summary>
    /// <param name="kind">Permit or registration.</param>
    /// <param name="current">The permit's current version.</param>
    /// <param name="today">Beijing date (<c>BeijingTime.Today(clock)</c>).</param>
    public static RenewalView Of(PermitKind kind, PermitVersion current, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        var filed = current.RenewalFiledOn is not null;
        var rules = ReportRules.Default;
        var state = kind == PermitKind.Registration
            ? PermitDeadlines.RegistrationRenewal(current.ValidTo, today, filed, rules.RegistrationRenewalWindowDays)
            : PermitDeadlines.Renewal(current.ValidTo, today, filed, rules.RenewalLeadDays);
        return new RenewalView(Key(state.Status), state.RenewalDue, state.DaysToExpiry);
    }
}
