namespace SmartEnv.Supervision.Credit;

/// <summary>One evidence record of an enterprise for one item: the platform record (exceedance, penalty decision, verified
/// complaint, …) that proves it and how many occurrences it stands for. Immutable; thread-safe.</summary>
/// <param name="ItemCode">An item code of <c>credit-rules.tsv</c> (deduction, bonus or veto row).</param>
/// <param name="EvidenceId">The platform record's id (e.g. a penalty case number or a complaint number); unique per item
/// within one evaluation, so that no record counts twice.</param>
/// <param name="Occurrences">How many occurrences the record stands for (≥ 1; e.g. one exceedance summary covering 3 days).</param>
public sealed record CreditFinding(string ItemCode, string EvidenceId, int Occurrences = 1);

/// <summary>A staff adjustment of the score, with its reason (audited by the caller's store). Immutable; thread-safe.</summary>
/// <param name="Points">Signed points added to the score (negative lowers it); a non-zero multiple of 0.5 (SmartEnv
/// rule: every figure stays on the half-point grid of the items).</param>
/// <param name="Reason">Why (required, not blank).</param>
/// <param name="StaffId">Who (required, not blank).</param>
public sealed record CreditAdjustment(decimal Points, string Reason, string StaffId);

/// <summary>One item's line of an evaluation: the item, the occurrences counted, the points before and after the item's
/// cap, and the evidence records that prove it. Immutable; thread-safe.</summary>
/// <param name="Item">The item row.</param>
/// <param name="Occurrences">Σ occurrences of the item's findings.</param>
/// <param name="Uncapped">points × occurrences (0 for a veto).</param>
/// <param name="Points">min(cap, <paramref name="Uncapped"/>): what the line counts (0 for a veto).</param>
/// <param name="EvidenceIds">The evidence ids, in input order.</param>
public sealed record CreditLine(CreditItem Item, int Occurrences, decimal Uncapped, decimal Points, IReadOnlyList<string> EvidenceIds)
{
    /// <summary>True when the item's cap cut the line (<see cref="Uncapped"/> &gt; <see cref="Points"/>).</summary>
    public bool Capped => Uncapped > Points;
}

/// <summary>The result of <see cref="CreditEvaluation.Evaluate"/>. Immutable; thread-safe.</summary>
/// <param name="RulesVersion"><see cref="CreditRules.Version"/> of the rules used.</param>
/// <param name="BaseScore">The base score (row <c>score.base</c>).</param>
/// <param name="Deductions">One line per deduction item with findings, in table order.</param>
/// <param name="Bonuses">One line per bonus item with findings, in table order.</param>
/// <param name="Vetoes">One line per veto item with findings, in table order; any line makes the grade 环保不良.</param>
/// <param name="Adjustments">The staff adjustments, in input order.</param>
/// <param name="DeductionTotal">Σ deduction lines' points.</param>
/// <param name="BonusUncapped">Σ bonus lines' points (each already within its item cap).</param>
/// <param name="BonusTotal">min(bonus cap, <paramref name="BonusUncapped"/>).</param>
/// <param name="AdjustmentTotal">Σ adjustments' points.</param>
/// <param name="RawScore">base − <paramref name="DeductionTotal"/> + <paramref name="BonusTotal"/> + <paramref name="AdjustmentTotal"/>, exact.</param>
/// <param name="Score">max(score floor, <paramref name="RawScore"/>), never rounded.</param>
/// <param name="Band">The band of <paramref name="Score"/> alone (<see cref="CreditRules.BandOf"/>).</param>
/// <param name="Grade">The grade: <see cref="CreditGrade.Poor"/> when any veto, else the band's grade.</param>
public sealed record CreditEvaluationResult(
    string RulesVersion, decimal BaseScore,
    IReadOnlyList<CreditLine> Deductions, IReadOnlyList<CreditLine> Bonuses, IReadOnlyList<CreditLine> Vetoes,
    IReadOnlyList<CreditAdjustment> Adjustments,
    decimal DeductionTotal, decimal BonusUncapped, decimal BonusTotal, decimal AdjustmentTotal,
    decimal RawScore, decimal Score, CreditGradeBand Band, CreditGrade Grade)
{
    /// <summary>True when a veto item decided the grade.</summary>
    public bool Vetoed => Vetoes.Count > 0;

    /// <summary>True when the bonus cap cut the bonus total.</summary>
    public bool BonusCapped => BonusUncapped > BonusTotal;

    /// <summary>True when the score floor raised the score.</summary>
    public bool Floored => Score > RawScore;
}

/// <summary>
/// The annual environmental-credit evaluation of one enterprise (issue 19, Chongqing method as far as read, supervision.md
/// §7.2): base − Σ min(cap, points × occurrences) over deduction items + min(bonus cap, Σ min(cap, points × occurrences)
/// over bonus items) + Σ staff adjustments, then raised to the score floor; banded by <see cref="CreditRules.BandOf"/>;
/// any veto item → 环保不良 whatever the score. Every figure (items, caps, base 100, floor 0, bonus cap 8, bands) is a row
/// of <c>credit-rules.tsv</c> with its confidence and source.
/// <para>Fractions: points, caps and adjustments are multiples of 0.5, so every score is a multiple of 0.5; the score is a
/// <see cref="decimal"/> kept exactly and <b>never rounded</b> before banding (99.5 is 良好; 59.5 is 不良). The floor is
/// applied after the adjustments. There is no upper limit other than the bonus cap (base 100 + bonus cap 8 = 108).</para>
/// Pure; thread-safe.
/// </summary>
public static class CreditEvaluation
{
    /// <summary>Evaluates one enterprise.</summary>
    /// <param name="rules">The rules (usually <see cref="CreditRules.Default"/>).</param>
    /// <param name="findings">The enterprise's evidence records for the period (any order).</param>
    /// <param name="adjustments">Staff adjustments, or null for none.</param>
    /// <returns>The score, lines with their evidence, vetoes and grade.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or <paramref name="findings"/> is null, or a
    /// finding or adjustment is null.</exception>
    /// <exception cref="ArgumentException">A finding names no item of the rules, has a blank evidence id, repeats an
    /// evidence id of the same item, or has fewer than 1 occurrence; an adjustment is zero, not a multiple of 0.5, larger
    /// than the base score either way, or has a blank reason or staff id; the adjustments together exceed the bonus cap
    /// (<c>bonus.cap</c>, 8) upward or the base score (<c>score.base</c>, 100) downward — staff cannot give more than the
    /// method's largest bonus (SmartEnv rule). The message names the finding or adjustment.</exception>
    public static CreditEvaluationResult Evaluate(CreditRules rules, IEnumerable<CreditFinding> findings, IEnumerable<CreditAdjustment>? adjustments = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(findings);
        var byItem = new Dictionary<string, (int Occ, List<string> Ids)>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            ArgumentNullException.ThrowIfNull(f, nameof(findings));
            if (!rules.TryGetItem(f.ItemCode, out _))
                throw new ArgumentException($"finding {f.EvidenceId}: '{f.ItemCode}' is not an item of {rules.Version}", nameof(findings));
            if (string.IsNullOrWhiteSpace(f.EvidenceId))
                throw new ArgumentException($"finding of '{f.ItemCode}' has no evidence id", nameof(findings));
            if (f.Occurrences < 1)
                throw new ArgumentException($"finding {f.EvidenceId} of '{f.ItemCode}': {f.Occurrences} occurrences (at least 1)", nameof(findings));
            if (!byItem.TryGetValue(f.ItemCode, out var acc)) acc = (0, []);
            if (acc.Ids.Contains(f.EvidenceId))
                throw new ArgumentException($"finding {f.EvidenceId} of '{f.ItemCode}' appears twice", nameof(findings));
            acc.Ids.Add(f.EvidenceId);
            byItem[f.ItemCode] = (checked(acc.Occ + f.Occurrences), acc.Ids);
        }
        var adj = adjustments?.ToList() ?? [];
        foreach (var a in adj)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(adjustments));
            if (a.Points == 0m || !CreditRules.IsHalfPoint(a.Points))
                throw new ArgumentException($"adjustment {a.Points} by {a.StaffId}: a non-zero multiple of 0.5 is required", nameof(adjustments));
            if (string.IsNullOrWhiteSpace(a.Reason))
                throw new ArgumentException($"adjustment {a.Points} by {a.StaffId}: a reason is required", nameof(adjustments));
            if (string.IsNullOrWhiteSpace(a.StaffId))
                throw new ArgumentException($"adjustment {a.Points}: the staff id is required", nameof(adjustments));
            if (Math.Abs(a.Points) > rules.BaseScore)
                throw new ArgumentException($"adjustment {a.Points} by {a.StaffId}: at most {rules.BaseScore} points either way", nameof(adjustments));
        }

        List<CreditLine> deductions = [], bonuses = [], vetoes = [];
        foreach (var item in rules.Items)
        {
            if (!byItem.TryGetValue(item.Code, out var acc)) continue;
            if (item.Kind == CreditItemKind.Veto)
            {
                vetoes.Add(new CreditLine(item, acc.Occ, 0m, 0m, acc.Ids));
                continue;
            }
            var uncapped = item.Points!.Value * acc.Occ;
            var line = new CreditLine(item, acc.Occ, uncapped, Math.Min(item.Cap!.Value, uncapped), acc.Ids);
            (item.Kind == CreditItemKind.Deduction ? deductions : bonuses).Add(line);
        }
        var deductionTotal = deductions.Sum(l => l.Points);
        var bonusUncapped = bonuses.Sum(l => l.Points);
        var bonusTotal = Math.Min(rules.BonusCap, bonusUncapped);
        var adjustmentTotal = adj.Sum(a => a.Points);
        // Staff adjust within what the method can give or take: up to the bonus cap, down to the whole base score.
        if (adjustmentTotal > rules.BonusCap || adjustmentTotal < -rules.BaseScore)
            throw new ArgumentException($"adjustments total {adjustmentTotal}: must be within −{rules.BaseScore} … +{rules.BonusCap} (score.base, bonus.cap)", nameof(adjustments));
        var raw = rules.BaseScore - deductionTotal + bonusTotal + adjustmentTotal;
        var score = Math.Max(rules.ScoreFloor, raw);
        var band = rules.BandOf(score);
        var grade = vetoes.Count > 0 ? CreditGrade.Poor : band.Grade;
        return new CreditEvaluationResult(rules.Version, rules.BaseScore, deductions, bonuses, vetoes, adj,
            deductionTotal, bonusUncapped, bonusTotal, adjustmentTotal, raw, score, band, grade);
    }
}
