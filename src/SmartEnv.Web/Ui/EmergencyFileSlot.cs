using Microsoft.EntityFrameworkCore;
using SmartEnv.Emergency;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The 应急预案 tab of the 一企一档 file (<c>/enterprises/{uscc}?tab=emergency</c>, issue 20): the enterprise's risk units
/// (level, expression, substances, assessment day) and its emergency plans (filing state, filing due, filing number,
/// review due, overdue/due-soon marks on the Beijing day of the app's clock), through the caller's scoped context (an
/// enterprise user sees only its own). The badge is the highest unit level. Stateless apart from the clock.
/// </summary>
/// <param name="time">The app's clock.</param>
public sealed class EmergencyFileSlot(TimeProvider time) : IEnterpriseFileSlot
{
    /// <inheritdoc />
    public string Key => "emergency";

    /// <inheritdoc />
    public async Task<EnterpriseSlotView> LoadAsync(SmartEnvDbContext db, string uscc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        string[] headers = [Texts.Emergency.SlotUnit, Texts.Emergency.SlotDetail];
        var s = new EmergencyService(db, time);
        var units = await s.UnitsAsync(uscc, ct);
        var plans = await s.PlansAsync(uscc, ct);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var u in units)
            rows.Add([u.Name, string.Join(" · ", u.Expression, Texts.Emergency.SlotSubstances(u.Substances.Count), Texts.Emergency.SlotAssessed(Display.Date(u.AssessedOn)))]);
        foreach (var r in plans)
        {
            var p = r.Plan;
            var parts = new List<string> { Texts.Emergency.State(p.State), Texts.Emergency.SlotSigned(Display.Date(p.SignedOn)) };
            if (p.FilingNumber is { } n && p.CheckedOn is { } on) parts.Add(Texts.Emergency.SlotFiled(n, Display.Date(on)));
            else parts.Add(Texts.Emergency.SlotFilingDue(Display.Date(p.FilingDue)) + (r.Status.FilingOverdue ? " " + Texts.Emergency.SlotOverdue : ""));
            parts.Add(Texts.Emergency.SlotReviewDue(Display.Date(p.ReviewDue))
                + (r.Status.ReviewOverdue ? " " + Texts.Emergency.SlotOverdue : r.Status.ReviewDueSoon ? " " + Texts.Emergency.SlotDueSoon : ""));
            rows.Add([Texts.Emergency.SlotPlan(p.PlanVersion), string.Join(" · ", parts)]);
        }
        var top = units.Select(u => RiskLevelExpression.TryParseLevel(u.Level, out var l) ? l : RiskLevel.General).DefaultIfEmpty().Max();
        return units.Count == 0
            ? new EnterpriseSlotView(headers, rows, Texts.Emergency.SlotEmpty)
            : new EnterpriseSlotView(headers, rows, Texts.Emergency.SlotEmpty, RiskLevelExpression.Zh(top), Map.RiskUnitsMapLayer.AntColour(top));
    }
}
