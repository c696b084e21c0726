using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartEnv.Supervision.Credit;
using G = SmartEnv.Supervision.Credit.CreditGrade;

namespace SmartEnv.Supervision.Tests.Credit;

/// <summary>
/// CreditEvaluation on hand-made enterprises. The rows used (credit-rules.tsv starting table, pinned in
/// <see cref="The_rows_these_tests_use"/>): pollution.exceedance 1 point, cap 15; management.penalty 5, cap 15;
/// management.risk 2, cap 10; social.complaint 0.5, cap 5; pollution.hazardous_waste 1.5, cap 5; bonus.iso14001 2, cap 2;
/// bonus.cleaner_production 2/2; bonus.beyond_standard 3/3; bonus.voluntary_report 1/1; bonus.honour 2/4; bonus cap 8;
/// base 100; floor 0. Every expected score is worked by hand in the comment beside it.
/// </summary>
public class CreditEvaluationTests
{
    private static readonly CreditRules R = CreditRules.Default;

    private static CreditFinding F(string item, string id, int occ = 1) => new(item, id, occ);

    private static CreditEvaluationResult Eval(params CreditFinding[] f) => CreditEvaluation.Evaluate(R, f);

    [Fact]
    public void The_rows_these_tests_use()
    {
        (decimal?, decimal?) P(string c) => (R.Item(c).Points, R.Item(c).Cap);
        Assert.Equal((1m, 15m), P("pollution.exceedance"));
        Assert.Equal((5m, 15m), P("management.penalty"));
        Assert.Equal((2m, 10m), P("management.risk"));
        Assert.Equal((0.5m, 5m), P("social.complaint"));
        Assert.Equal((1.5m, 5m), P("pollution.hazardous_waste"));
        Assert.Equal((2m, 2m), P("bonus.iso14001"));
        Assert.Equal((2m, 2m), P("bonus.cleaner_production"));
        Assert.Equal((3m, 3m), P("bonus.beyond_standard"));
        Assert.Equal((1m, 1m), P("bonus.voluntary_report"));
        Assert.Equal((2m, 4m), P("bonus.honour"));
        Assert.Equal((100m, 0m, 8m), (R.BaseScore, R.ScoreFloor, R.BonusCap));
    }

    // ---- band edges (acceptance, issue 19): 100, 99.5, 80, 79.5, 60, 59.5 ----

    private static readonly CreditFinding[] Edge80 =
    [
        F("management.penalty", "江北环罚〔2025〕11号"), F("management.penalty", "江北环罚〔2025〕12号"), F("management.penalty", "江北环罚〔2025〕13号"),
        F("pollution.exceedance", "EX-2025-0001", 5),
    ];

    private static readonly CreditFinding[] Edge60 =
    [
        F("management.penalty", "P1"), F("management.penalty", "P2"), F("management.penalty", "P3"), F("management.penalty", "P4"),
        F("pollution.exceedance", "EX-A", 12), F("pollution.exceedance", "EX-B", 8),
        F("management.risk", "INS-7", 5),
    ];

    [Fact]
    public void Score_100_is_trustworthy()
    {
        // 100 − 2 × 1 (two exceedances) + min(8, 2) (ISO 14001) = 100 → 环保诚信 (s ≥ 100)
        var r = Eval(F("pollution.exceedance", "EX-1", 2), F("bonus.iso14001", "CERT-1"));
        Assert.Equal(100m, r.Score);
        Assert.Equal(G.Trustworthy, r.Grade);
        Assert.Equal(("绿", "红名单"), (r.Band.Colour, r.Band.PublicList));
    }

    [Fact]
    public void Score_99_5_is_good()
    {
        // 100 − 0.5 (one verified complaint) = 99.5 → 环保良好 (80 ≤ s < 100); not rounded up to 100
        var r = Eval(F("social.complaint", "JB-2025-000123"));
        Assert.Equal(99.5m, r.Score);
        Assert.Equal(G.Good, r.Grade);
        Assert.Equal("蓝", r.Band.Colour);
        Assert.Null(r.Band.PublicList);
    }

    [Fact]
    public void Score_80_is_good()
    {
        // 100 − 3 × 5 (three penalties, = cap 15) − 5 × 1 (five exceedances) = 80 → 环保良好
        var r = Eval(Edge80);
        Assert.Equal(80m, r.Score);
        Assert.Equal(G.Good, r.Grade);
    }

    [Fact]
    public void Score_79_5_is_warning()
    {
        // 80 (as above) − 0.5 (one verified complaint) = 79.5 → 环保警示 (60 ≤ s < 80)
        var r = Eval([.. Edge80, F("social.complaint", "JB-2025-000200")]);
        Assert.Equal(79.5m, r.Score);
        Assert.Equal(G.Warning, r.Grade);
        Assert.Equal("黄", r.Band.Colour);
    }

    [Fact]
    public void Score_60_is_warning()
    {
        // penalties: min(15, 4 × 5 = 20) = 15; exceedances: min(15, (12 + 8) × 1 = 20) = 15; risk: min(10, 5 × 2) = 10
        // 100 − 15 − 15 − 10 = 60 → 环保警示
        var r = Eval(Edge60);
        Assert.Equal(60m, r.Score);
        Assert.Equal(G.Warning, r.Grade);
    }

    [Fact]
    public void Score_59_5_is_poor()
    {
        // 60 (as above) − 0.5 = 59.5 → 环保不良 (s < 60)
        var r = Eval([.. Edge60, F("social.complaint", "JB-2025-000300")]);
        Assert.Equal(59.5m, r.Score);
        Assert.Equal(G.Poor, r.Grade);
        Assert.Equal(("红", "黑名单"), (r.Band.Colour, r.Band.PublicList));
        Assert.False(r.Vetoed);
    }

    [Theory]
    [InlineData("100", G.Trustworthy)]
    [InlineData("108", G.Trustworthy)]
    [InlineData("99.99", G.Good)]     // never rounded: 99.99 is below 100
    [InlineData("80", G.Good)]
    [InlineData("79.99", G.Warning)]
    [InlineData("60", G.Warning)]
    [InlineData("59.99", G.Poor)]
    [InlineData("0", G.Poor)]
    public void Banding_compares_the_exact_score(string score, G expected) =>
        Assert.Equal(expected, R.BandOf(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)).Grade);

    // ---- caps ----

    [Fact]
    public void The_item_cap_cuts_a_line()
    {
        var r = Eval(Edge60);
        var penalty = r.Deductions.Single(l => l.Item.Code == "management.penalty");
        Assert.Equal((4, 20m, 15m, true), (penalty.Occurrences, penalty.Uncapped, penalty.Points, penalty.Capped)); // 4 × 5 = 20 → cap 15
        var risk = r.Deductions.Single(l => l.Item.Code == "management.risk");
        Assert.Equal((5, 10m, 10m, false), (risk.Occurrences, risk.Uncapped, risk.Points, risk.Capped));             // 5 × 2 = 10 = cap, not cut
        // 1.5 × 4 = 6 → cap 5: 100 − 5 = 95
        var hw = Eval(F("pollution.hazardous_waste", "HW-1", 4));
        Assert.Equal(95m, hw.Score);
        Assert.True(hw.Deductions[0].Capped);
    }

    [Fact]
    public void The_bonus_cap_cuts_the_bonus_total()
    {
        // bonuses: 2 + 2 + 3 + 1 + min(4, 2 × 3 = 6) = 12 → min(8, 12) = 8; 100 + 8 = 108 (the 2021 诚信 maximum reported)
        var r = Eval(F("bonus.iso14001", "B1"), F("bonus.cleaner_production", "B2"), F("bonus.beyond_standard", "B3"),
            F("bonus.voluntary_report", "B4"), F("bonus.honour", "B5", 3));
        Assert.Equal((12m, 8m, true), (r.BonusUncapped, r.BonusTotal, r.BonusCapped));
        Assert.True(r.Bonuses.Single(l => l.Item.Code == "bonus.honour").Capped);
        Assert.Equal(108m, r.Score);
        Assert.Equal(G.Trustworthy, r.Grade);
        // with a deduction of 15 (three penalties): 100 − 15 + 8 = 93
        var d = Eval([F("management.penalty", "P", 3), F("bonus.iso14001", "B1"), F("bonus.cleaner_production", "B2"),
            F("bonus.beyond_standard", "B3"), F("bonus.voluntary_report", "B4"), F("bonus.honour", "B5", 3)]);
        Assert.Equal(93m, d.Score);
    }

    [Fact]
    public void Bonus_under_the_cap_is_counted_whole()
    {
        // 100 − 5 (one penalty) + (2 + 3) = 100 → 诚信
        var r = Eval(F("management.penalty", "P"), F("bonus.iso14001", "B1"), F("bonus.beyond_standard", "B3"));
        Assert.Equal((5m, 5m, false), (r.BonusUncapped, r.BonusTotal, r.BonusCapped));
        Assert.Equal(100m, r.Score);
    }

    // ---- veto ----

    [Fact]
    public void A_veto_with_score_100_is_poor()
    {
        var r = Eval(F("veto.evasion", "INS-2025-042"));
        Assert.Equal(100m, r.Score);                     // a veto takes no points
        Assert.Equal(G.Trustworthy, r.Band.Grade);       // the score alone would be 诚信
        Assert.Equal(G.Poor, r.Grade);                   // 一票否决 → 环保不良
        Assert.True(r.Vetoed);
        Assert.Equal(["INS-2025-042"], r.Vetoes.Single().EvidenceIds);
        // even at the maximum 108
        var top = Eval(F("veto.no_eia", "V"), F("bonus.iso14001", "B1"), F("bonus.cleaner_production", "B2"),
            F("bonus.beyond_standard", "B3"), F("bonus.voluntary_report", "B4"));
        Assert.Equal((108m, G.Poor), (top.Score, top.Grade));   // 100 + min(8, 2 + 2 + 3 + 1 = 8)
    }

    // ---- adjustments ----

    [Fact]
    public void Adjustments_move_the_score_and_are_recorded_with_their_reason()
    {
        var adj = new CreditAdjustment(0.5m, "投诉 JB-2025-000200 复查后认定不属实，撤销扣分", "staff-017");
        // 79.5 (Score_79_5_is_warning) + 0.5 = 80 → 良好
        var r = CreditEvaluation.Evaluate(R, [.. Edge80, F("social.complaint", "JB-2025-000200")], [adj]);
        Assert.Equal((79.5m + 0.5m, 0.5m, G.Good), (r.Score, r.AdjustmentTotal, r.Grade));
        Assert.Equal(adj, r.Adjustments.Single());
        Assert.Equal("staff-017", r.Adjustments[0].StaffId);
        Assert.Contains("不属实", r.Adjustments[0].Reason);
        // 100 − 1 = 99 → 良好
        var down = CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(-1m, "现场核查发现台账不全", "staff-002")]);
        Assert.Equal((99m, G.Good), (down.Score, down.Grade));
    }

    [Theory]
    [InlineData("0.5", "", "staff-1")]
    [InlineData("0.5", "   ", "staff-1")]
    [InlineData("0.5", "reason", "")]
    [InlineData("0", "reason", "staff-1")]
    [InlineData("0.3", "reason", "staff-1")]
    public void An_adjustment_needs_a_reason_a_staff_id_and_half_points(string points, string reason, string staff)
    {
        var a = new CreditAdjustment(decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture), reason, staff);
        Assert.Throws<ArgumentException>(() => CreditEvaluation.Evaluate(R, [], [a]));
    }

    [Fact]
    public void Adjustments_stay_within_the_largest_bonus_up_and_the_base_score_down()
    {
        // By hand: bonus.cap = 8, score.base = 100 (credit-rules.tsv). +8 → 108 (诚信); +8.5 or 1e20 refused (a trial put a
        // firm on the red list with 1e20); two adjustments +5 and +3.5 = 8.5 refused together; −100 → 0; −100.5 refused.
        Assert.Equal(108m, CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(8m, "复核", "s")]).Score);
        Assert.Throws<ArgumentException>(() => CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(8.5m, "复核", "s")]));
        Assert.Throws<ArgumentException>(() => CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(100000000000000000000m, "r", "s")]));
        Assert.Throws<ArgumentException>(() => CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(5m, "a", "s"), new CreditAdjustment(3.5m, "b", "s")]));
        Assert.Equal(0m, CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(-100m, "复核", "s")]).Score);
        Assert.Throws<ArgumentException>(() => CreditEvaluation.Evaluate(R, [], [new CreditAdjustment(-100.5m, "复核", "s")]));
    }

    // ---- floor ----

    [Fact]
    public void The_score_never_falls_below_the_floor()
    {
        // every deduction at its cap: 15 + 5 + 4 + 5 + 5 + 2 + 4 + 15 + 6 + 10 + 20 + 4 + 3 + 5 + 6 = 109 → 100 − 109 = −9 → floor 0
        CreditFinding[] all = [.. R.Items.Where(i => i.Kind == CreditItemKind.Deduction).Select(i => F(i.Code, "E-" + i.Code, 100))];
        var r = Eval(all);
        Assert.Equal(109m, r.DeductionTotal);
        Assert.Equal((-9m, 0m, true, G.Poor), (r.RawScore, r.Score, r.Floored, r.Grade));
        // the floor is applied after adjustments: −9 + 5 = −4 → 0
        var adj = CreditEvaluation.Evaluate(R, all, [new CreditAdjustment(5m, "复核", "s")]);
        Assert.Equal((-4m, 0m), (adj.RawScore, adj.Score));
    }

    // ---- evidence ----

    [Fact]
    public void Each_line_links_its_evidence_records_in_table_order()
    {
        var r = Eval(F("social.complaint", "JB-2"), F("pollution.exceedance", "EX-A", 3), F("social.complaint", "JB-1"), F("pollution.exceedance", "EX-B", 2));
        Assert.Equal(["pollution.exceedance", "social.complaint"], r.Deductions.Select(l => l.Item.Code));   // table order
        Assert.Equal((5, 5m), (r.Deductions[0].Occurrences, r.Deductions[0].Points));                      // 3 + 2 occurrences × 1
        Assert.Equal(["EX-A", "EX-B"], r.Deductions[0].EvidenceIds);
        Assert.Equal(["JB-2", "JB-1"], r.Deductions[1].EvidenceIds);                                       // input order
        Assert.Equal(94m, r.Score);                                                                         // 100 − 5 − 2 × 0.5 = 94
    }

    [Theory]
    [InlineData("grade.good", "E1", 1)]      // not an item
    [InlineData("nothing", "E1", 1)]         // unknown
    [InlineData("social.complaint", " ", 1)] // blank evidence id
    [InlineData("social.complaint", "E1", 0)]
    public void A_bad_finding_is_refused(string item, string id, int occ) =>
        Assert.Throws<ArgumentException>(() => Eval(F(item, id, occ)));

    [Fact]
    public void The_same_evidence_record_cannot_count_twice()
    {
        Assert.Throws<ArgumentException>(() => Eval(F("social.complaint", "JB-1"), F("social.complaint", "JB-1")));
        // the same id under two different items is allowed (one inspection record can prove two items): 100 − 1 − 2 = 97
        Assert.Equal(97m, Eval(F("pollution.solid_waste", "INS-1"), F("management.risk", "INS-1")).Score);
    }

    [Fact]
    public void The_result_names_the_rules_version()
    {
        Assert.Equal(R.Version, Eval().RulesVersion);
        Assert.Equal((100m, G.Trustworthy), (Eval().Score, Eval().Grade));   // no findings: the base 100
    }

    /// <summary>One more deduction occurrence never raises the score nor improves the grade; one more bonus occurrence
    /// never lowers it (monotonicity; no expected value from the code).</summary>
    [Property(MaxTest = 200)]
    public Property More_deductions_never_help(NonNegativeInt[] counts, byte pick)
    {
        var deductions = R.Items.Where(i => i.Kind == CreditItemKind.Deduction).ToList();
        var bonuses = R.Items.Where(i => i.Kind == CreditItemKind.Bonus).ToList();
        var findings = counts.Take(deductions.Count).Select((c, i) => (c.Get % 30, deductions[i].Code)).Where(x => x.Item1 > 0)
            .Select(x => F(x.Code, "E-" + x.Code, x.Item1)).ToList();
        var before = Eval([.. findings]);
        var d = deductions[pick % deductions.Count];
        var moreD = Eval([.. findings, F(d.Code, "EXTRA")]);
        var b = bonuses[pick % bonuses.Count];
        var moreB = Eval([.. findings, F(b.Code, "EXTRA")]);
        return (moreD.Score <= before.Score && moreD.Grade >= before.Grade && moreB.Score >= before.Score && moreB.Grade <= before.Grade).ToProperty();
    }
}
