using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The 监督检查 tab of the 一企一档 file (<c>/enterprises/{uscc}?tab=inspections</c>, issue 19 P5): the enterprise's
/// inspection records (day, items checked, each finding with its outcome and category, the rectification order's due day
/// and follow-up) and its enforcement cases (案号, penalty, amount, status), newest first — read through the caller's
/// scoped context, so an enterprise user sees only its own. No inspector names or certificate numbers. Stateless; safe to
/// call once per page load from one circuit.
/// </summary>
public sealed class InspectionsFileSlot : IEnterpriseFileSlot
{
    /// <inheritdoc />
    public string Key => "inspections";

    /// <inheritdoc />
    public async Task<EnterpriseSlotView> LoadAsync(SmartEnvDbContext db, string uscc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = new List<IReadOnlyList<string>>();
        var records = await db.InspectionRecords.AsNoTracking().Where(r => r.Uscc == uscc).ToListAsync(ct);
        var ids = records.Select(r => r.Id).ToList();
        var findings = await db.InspectionFindings.AsNoTracking().Where(f => ids.Contains(f.RecordId)).ToListAsync(ct);
        var fids = findings.Select(f => f.Id).ToList();
        var orders = await db.RectificationOrders.AsNoTracking().Where(o => fids.Contains(o.FindingId)).ToListAsync(ct);
        foreach (var r in records.OrderByDescending(r => r.InspectedAt).ThenByDescending(r => r.Id))
        {
            var parts = new List<string> { Texts.Inspections.SlotItems(r.ItemsChecked.Replace(",", "、", StringComparison.Ordinal)) };
            foreach (var f in findings.Where(f => f.RecordId == r.Id).OrderBy(f => f.Seq))
            {
                var text = f.Item + "：" + Texts.Inspections.Outcome(f.Outcome) + (f.Category is { } c ? "（" + c + "）" : "");
                if (orders.FirstOrDefault(o => o.FindingId == f.Id) is { } o)
                    text += " · " + Texts.Inspections.SlotOrder(Display.Date(o.DueOn)) + (o.FollowUpResult is { } fr ? " · " + Texts.Inspections.FollowUp(fr) : "");
                parts.Add(text);
            }
            rows.Add([Texts.Inspections.SlotInspection + " " + Display.Beijing(r.InspectedAt), string.Join("；", parts)]);
        }
        var cases = await db.EnforcementCases.AsNoTracking().Where(c => c.Uscc == uscc).OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id).ToListAsync(ct);
        foreach (var c in cases)
            rows.Add([Texts.Inspections.SlotCase + " " + c.CaseNumber, string.Join(" · ", Texts.Inspections.Penalty(c.PenaltyType),
                c.Amount is { } a ? Texts.Inspections.Yuan(a) : "—", Texts.Inspections.CaseStatus(c.Status), Display.Date(c.FiledOn))]);
        return new EnterpriseSlotView([Texts.Inspections.SlotWhat, Texts.Inspections.SlotDetail], rows, Texts.Inspections.SlotEmpty);
    }
}

/// <summary>
/// The 环境信用 tab of the 一企一档 file (<c>/enterprises/{uscc}?tab=credit</c>, issue 19 P5): the current grade with its
/// colour (<see cref="EnterpriseSlotView.Badge"/>), the latest evaluation's score and its lines (item, occurrences,
/// points, evidence ids), through the caller's scoped context (an enterprise user sees only its own). Stateless.
/// </summary>
public sealed class CreditFileSlot : IEnterpriseFileSlot
{
    /// <inheritdoc />
    public string Key => "credit";

    /// <inheritdoc />
    public async Task<EnterpriseSlotView> LoadAsync(SmartEnvDbContext db, string uscc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        string[] headers = [Texts.Credit.Item, Texts.Credit.Points];
        var grade = (await CreditGrades.CurrentAsync(db, [uscc], ct)).TryGetValue(uscc, out var g) ? g : (Storage.Entities.Credit.StoredCreditGrade?)null;
        var e = await db.CreditEvaluations.AsNoTracking().Where(x => x.Uscc == uscc).OrderByDescending(x => x.Year).ThenByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (e is null || grade is null) return new EnterpriseSlotView(headers, [], Texts.Credit.SlotEmpty);
        var lines = await db.CreditEvaluationLines.AsNoTracking().Include(l => l.Evidence).Where(l => l.EvaluationId == e.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var rows = new List<IReadOnlyList<string>> { new[] { Texts.Credit.SlotScore(e.Year), e.Score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) } };
        foreach (var l in lines)
            rows.Add([CreditUiService.ItemName(l.ItemCode) + " ×" + l.Occurrences, (l.Kind == Storage.Entities.Credit.StoredCreditItemKind.Bonus ? "+" : "−") + l.Points.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                + " · " + string.Join("、", l.Evidence.OrderBy(x => x.Seq).Select(x => x.RecordId))]);
        return new EnterpriseSlotView(headers, rows, Texts.Credit.SlotEmpty, Texts.Credit.Grade(grade.Value), CreditUiService.Colour(grade.Value));
    }
}
