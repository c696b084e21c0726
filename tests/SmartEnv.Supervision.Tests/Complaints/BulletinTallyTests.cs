using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>
/// Acceptance "bulletin statistics for a set of hand-made cases equal a hand tally": 12 cases registered in September 2024,
/// 4 in August 2024 (环比 base), 3 in September 2023 (同比 base), 1 in October 2024 (ignored). Every expected figure was
/// counted by hand from the table below, not taken from the code.
/// <code>
///  #  channel      types                               street  industry  status            overdue verif.   satisf.
///  1  Phone        noise.construction                  GYQ     4790 E    Closed            -       True     Satisfied
///  2  Phone        air.cooking                         GYQ     6210 H    Closed            -       Partly   Basically
///  3  WeChat       air.odour, water.industrial         DSB     2614 C    Closed            -       True     Dissatisfied
///  4  WeChat       noise.social                        WLD     -         Handling          yes     -        -
///  5  Online       noise.construction, air.dust        GYQ     4790 E    Handling          -       False    -
///  6  Online       other                               -       -         NotAccOutsideRem  -       -        -
///  7  Letter       air.industrial                      YZ      2614 C    Closed            yes     False    Satisfied
///  8  Visit        solid_waste                         YZ      -         Handling          -       -        -
///  9  Transferred  noise.construction                  GYQ     4790 E    Merged (into 1)   yes*    True*    Satisfied*
/// 10  Phone        noise.traffic                       (bogus) -         NotAccUnclear     -       -        -
/// 11  Phone        water                               WLD     4620 D    Pending           -       -        -
/// 12  Other        air.odour, air.industrial           DSB     2614 C    Closed            -       True     -
/// </code>
/// (* deliberately set on the merged duplicate to show that it stays out of every handling figure.)
/// GYQ 观音桥街道 500105006000, DSB 大石坝街道 500105004000, WLD 五里店街道 500105007000, YZ 鱼嘴镇 500105100000; case 10
/// carries 500105999000, which is no street of the district (→ 未定位).
/// </summary>
public class BulletinTallyTests
{
    private const string Gyq = "500105006000", Dsb = "500105004000", Wld = "500105007000", Yz = "500105100000";

    private static TallyCase C(string n, DateOnly day, ComplaintChannel ch, string[] types, string? street = null, string? industry = null,
        BulletinStatus status = BulletinStatus.Handling, bool overdue = false, Verification? v = null, Satisfaction? s = null) =>
        new(n, day, ch, types, street, industry, status, overdue, v, s);

    private static DateOnly Sep(int d) => new(2024, 9, d);

    private static readonly TallyCase[] Cases =
    [
        C("TS202409020001", Sep(2), ComplaintChannel.Phone, ["noise.construction"], Gyq, "4790", BulletinStatus.Closed, v: Verification.True, s: Satisfaction.Satisfied),
        C("TS202409030001", Sep(3), ComplaintChannel.Phone, ["air.cooking"], Gyq, "6210", BulletinStatus.Closed, v: Verification.PartlyTrue, s: Satisfaction.BasicallySatisfied),
        C("TS202409040001", Sep(4), ComplaintChannel.WeChat, ["air.odour", "water.industrial"], Dsb, "2614", BulletinStatus.Closed, v: Verification.True, s: Satisfaction.Dissatisfied),
        C("TS202409050001", Sep(5), ComplaintChannel.WeChat, ["noise.social"], Wld, null, BulletinStatus.Handling, overdue: true),
        C("TS202409060001", Sep(6), ComplaintChannel.Online, ["noise.construction", "air.dust"], Gyq, "4790", BulletinStatus.Handling, v: Verification.False),
        C("TS202409090001", Sep(9), ComplaintChannel.Online, ["other"], null, null, BulletinStatus.NotAcceptedOutsideRemit),
        C("TS202409100001", Sep(10), ComplaintChannel.Letter, ["air.industrial"], Yz, "2614", BulletinStatus.Closed, overdue: true, v: Verification.False, s: Satisfaction.Satisfied),
        C("TS202409110001", Sep(11), ComplaintChannel.Visit, ["solid_waste"], Yz, null, BulletinStatus.Handling),
        C("TS202409120001", Sep(12), ComplaintChannel.Transferred, ["noise.construction"], Gyq, "4790", BulletinStatus.Merged, overdue: true, v: Verification.True, s: Satisfaction.Satisfied),
        C("TS202409200001", Sep(20), ComplaintChannel.Phone, ["noise.traffic"], "500105999000", null, BulletinStatus.NotAcceptedUnclear),
        C("TS202409290001", Sep(29), ComplaintChannel.Phone, ["water"], Wld, "4620", BulletinStatus.Pending),
        C("TS202409300001", Sep(30), ComplaintChannel.Other, ["air.odour", "air.industrial"], Dsb, "2614", BulletinStatus.Closed, v: Verification.True),
        // August 2024 (环比 base): noise 2 (construction 1, social 1), air 1 (cooking 1), water 1 (industrial 1)
        C("TS202408010001", new(2024, 8, 1), ComplaintChannel.Phone, ["noise.construction"], Gyq, status: BulletinStatus.Closed),
        C("TS202408150001", new(2024, 8, 15), ComplaintChannel.Phone, ["noise.social"], Wld, status: BulletinStatus.Closed),
        C("TS202408200001", new(2024, 8, 20), ComplaintChannel.WeChat, ["air.cooking"], Gyq, status: BulletinStatus.Closed),
        C("TS202408310001", new(2024, 8, 31), ComplaintChannel.Online, ["water.industrial"], Dsb, status: BulletinStatus.Closed),
        // September 2023 (同比 base): air 2 (odour 2), noise 1 (industrial 1)
        C("TS202309010001", new(2023, 9, 1), ComplaintChannel.Phone, ["air.odour"], Dsb, status: BulletinStatus.Closed),
        C("TS202309020001", new(2023, 9, 2), ComplaintChannel.Phone, ["air.odour"], Dsb, status: BulletinStatus.Closed),
        C("TS202309300001", new(2023, 9, 30), ComplaintChannel.Phone, ["noise.industrial"], Yz, status: BulletinStatus.Closed),
        // October 2024: not September, not a base month
        C("TS202410010001", new(2024, 10, 1), ComplaintChannel.Phone, ["noise.construction"], Gyq, status: BulletinStatus.Handling, overdue: true),
    ];

    private static readonly BulletinReport R = BulletinTally.Tally(Cases, 2024, 9);

    private static TallyRow Row(IReadOnlyList<TallyRow> rows, string key) => Assert.Single(rows, r => r.Key == key);
    private static TypeRow Type(string code) => Assert.Single(R.ByType, r => r.Code == code);

    [Fact]
    public void Total_and_its_changes()
    {
        // 12 in September 2024 (merged #9 included: a report received), 4 in August, 3 in September 2023
        Assert.Equal((12, 4, 3), (R.Total, R.PreviousMonthTotal, R.LastYearTotal));
        Assert.Equal(2m, R.MonthOnMonth);  // (12 − 4) ÷ 4 = +200 %
        Assert.Equal(3m, R.YearOnYear);    // (12 − 3) ÷ 3 = +300 %
    }

    [Fact]
    public void By_channel_every_channel_in_order()
    {
        // Phone 1 2 10 11 = 4; WeChat 3 4 = 2; Online 5 6 = 2; Letter 7; Visit 8; Transferred 9; Other 12
        Assert.Equal(["Phone:4", "WeChat:2", "Online:2", "Letter:1", "Visit:1", "Transferred:1", "Other:1"],
            R.ByChannel.Select(r => $"{r.Key}:{r.Count}"));
        Assert.Equal(4m / 12m, Row(R.ByChannel, "Phone").Share);
    }

    [Fact]
    public void By_type_is_multi_valued_and_a_sub_type_counts_for_its_parent()
    {
        // air: 2 3 5 7 12 = 5 (#12 names two air sub-types: air counted once); noise: 1 4 5 9 10 = 5; water: 3 11 = 2;
        // solid_waste 8 = 1; other 6 = 1; soil, ecology, radiation 0
        Assert.Equal((5, 5, 2, 1, 1, 0, 0, 0), (Type("air").Count, Type("noise").Count, Type("water").Count, Type("solid_waste").Count,
            Type("other").Count, Type("soil").Count, Type("ecology").Count, Type("radiation").Count));
        // top-level shares sum to 14/12 > 100 % (cases 3 and 5 have two top-level types)
        Assert.Equal(14, R.ByType.Where(t => t.Parent is null).Sum(t => t.Count));
        Assert.Equal(5m / 12m, Type("air").Share);
        // sub-types: air.odour 3 12 = 2; air.dust 5; air.industrial 7 12 = 2; air.cooking 2; noise.construction 1 5 9 = 3;
        // noise.industrial 0; noise.social 4; noise.traffic 10; water.industrial 3; water.domestic 0
        Assert.Equal((2, 1, 2, 1), (Type("air.odour").Count, Type("air.dust").Count, Type("air.industrial").Count, Type("air.cooking").Count));
        Assert.Equal((3, 0, 1, 1), (Type("noise.construction").Count, Type("noise.industrial").Count, Type("noise.social").Count, Type("noise.traffic").Count));
        Assert.Equal((1, 0), (Type("water.industrial").Count, Type("water.domestic").Count));
        Assert.Equal(0.25m, Type("noise.construction").Share);
        Assert.Equal("noise", Type("noise.construction").Parent);
        // each top-level row is followed by its sub-types
        var codes = R.ByType.Select(t => t.Code).ToList();
        Assert.Equal(codes.IndexOf("air") + 1, codes.IndexOf("air.odour"));
    }

    [Fact]
    public void Type_changes_with_a_zero_base_are_null()
    {
        // 环比 base (August): air 1, noise 2, noise.construction 1, noise.social 1, water 1, solid_waste 0
        Assert.Equal((1, 2), (Type("air").PreviousMonth, Type("noise").PreviousMonth));
        Assert.Equal(4m, Type("air").MonthOnMonth);                  // (5 − 1) ÷ 1
        Assert.Equal(1.5m, Type("noise").MonthOnMonth);              // (5 − 2) ÷ 2
        Assert.Equal(2m, Type("noise.construction").MonthOnMonth);   // (3 − 1) ÷ 1
        Assert.Equal(0m, Type("noise.social").MonthOnMonth);         // (1 − 1) ÷ 1
        Assert.Equal(1m, Type("water").MonthOnMonth);                // (2 − 1) ÷ 1
        Assert.Null(Type("solid_waste").MonthOnMonth);               // base 0 → "—"
        // 同比 base (September 2023): air 2 (odour 2), noise 1 (industrial 1), water 0
        Assert.Equal(1.5m, Type("air").YearOnYear);                  // (5 − 2) ÷ 2
        Assert.Equal(4m, Type("noise").YearOnYear);                  // (5 − 1) ÷ 1
        Assert.Equal(0m, Type("air.odour").YearOnYear);              // (2 − 2) ÷ 2
        Assert.Equal(-1m, Type("noise.industrial").YearOnYear);      // (0 − 1) ÷ 1
        Assert.Null(Type("water").YearOnYear);                       // base 0 → "—"
    }

    [Fact]
    public void By_street_twelve_and_unlocated()
    {
        // 观音桥 1 2 5 9 = 4; 大石坝 3 12 = 2; 五里店 4 11 = 2; 鱼嘴 7 8 = 2; 未定位 6 (none) 10 (not a district code) = 2
        Assert.Equal(13, R.ByStreet.Count);
        Assert.Equal(BulletinTally.None, R.ByStreet[^1].Key);
        Assert.Equal((4, 2, 2, 2, 2), (Row(R.ByStreet, Gyq).Count, Row(R.ByStreet, Dsb).Count, Row(R.ByStreet, Wld).Count,
            Row(R.ByStreet, Yz).Count, Row(R.ByStreet, BulletinTally.None).Count));
        Assert.Equal(0, Row(R.ByStreet, "500105001000").Count); // 华新街: none
        Assert.Equal(12, R.ByStreet.Sum(r => r.Count));
    }

    [Fact]
    public void By_industry_section()
    {
        // 2614 → C: 3 7 12 = 3; 4620 → D: 11 = 1; 4790 → E: 1 5 9 = 3; 6210 → H: 2 = 1; 未关联企业: 4 6 8 10 = 4
        Assert.Equal(["C:3", "D:1", "E:3", "H:1", ":4"], R.ByIndustry.Select(r => $"{r.Key}:{r.Count}"));
    }

    [Fact]
    public void By_status_and_the_merged_duplicate_counted_as_received_only()
    {
        // Pending 11; Handling 4 5 8; Closed 1 2 3 7 12; Unclear 10; OutsideRemit 6; Other —; Merged 9
        Assert.Equal(["Pending:1", "Handling:3", "Closed:5", "NotAcceptedUnclear:1", "NotAcceptedOutsideRemit:1", "NotAcceptedOther:0", "Merged:1"],
            R.ByStatus.Select(r => $"{r.Key}:{r.Count}"));
        Assert.Equal((8, 2, 5), (R.Accepted, R.NotAccepted, R.Closed)); // 受理 = 3 + 5; 未受理 = 1 + 1
        Assert.Equal(new TallyRate(8, 12), R.AcceptanceRate);
        Assert.Equal(new TallyRate(5, 8), R.ClosureRate);
        Assert.Equal(0.625m, R.ClosureRate.Value);
        // 超期: 4 and 7; #9's flag is ignored (merged)
        Assert.Equal(2, R.Overdue);
    }

    [Fact]
    public void True_rate_and_satisfaction_leave_the_merged_duplicate_out()
    {
        // findings: 1 True, 2 Partly, 3 True, 5 False, 7 False, 12 True (9 merged, left out) → (4) ÷ 6
        Assert.Equal(new TallyRate(4, 6), R.TrueRate);
        // 回访: 1 满意, 2 基本满意, 3 不满意, 7 满意 (9 merged, left out) → 3 ÷ 4
        Assert.Equal(new TallyRate(3, 4), R.SatisfactionRate);
        Assert.Equal(0.75m, R.SatisfactionRate.Value);
    }

    [Fact]
    public void Per_street_table()
    {
        var rows = BulletinTally.Streets(Cases.Where(c => c.RegisteredOn.Month == 9 && c.RegisteredOn.Year == 2024).ToList());
        Assert.Equal(13, rows.Count);
        var gyq = Assert.Single(rows, r => r.StreetCode == Gyq);
        // 观音桥: cases 1 2 5 9 = 4; 受理 1 2 5 = 3 (9 merged); 办结 1 2; 超期 0 (9 ignored); 属实 1 2 = 2 (9 ignored);
        // noise 1 5 9 = 3, air 2 5 = 2, water 0
        Assert.Equal((4, 3, 2, 0, 2), (gyq.Count, gyq.Accepted, gyq.Closed, gyq.Overdue, gyq.Verified));
        Assert.Equal((3, 2, 0), (gyq.ByTopType["noise"], gyq.ByTopType["air"], gyq.ByTopType["water"]));
        var none = Assert.Single(rows, r => r.StreetCode == BulletinTally.None);
        // 未定位: 6 10 = 2, neither accepted; other 1 (6), noise 1 (10)
        Assert.Equal((2, 0, 0, 1, 1), (none.Count, none.Accepted, none.Closed, none.ByTopType["other"], none.ByTopType["noise"]));
    }

    [Fact]
    public void Zero_bases_give_null_changes_and_an_empty_month_null_shares()
    {
        // January 2025: one case; December 2024 and January 2024 have none
        var one = BulletinTally.Tally([C("TS202501060001", new(2025, 1, 6), ComplaintChannel.Phone, ["noise"], Gyq)], 2025, 1);
        Assert.Equal((1, 0, 0), (one.Total, one.PreviousMonthTotal, one.LastYearTotal));
        Assert.Null(one.MonthOnMonth);
        Assert.Null(one.YearOnYear);
        Assert.Equal(1m, Assert.Single(one.ByType, t => t.Code == "noise").Share);

        // November 2024 of the main set: no case; previous month October 2024 had 1 → (0 − 1) ÷ 1 = −100 %
        var empty = BulletinTally.Tally(Cases, 2024, 11);
        Assert.Equal((0, 1), (empty.Total, empty.PreviousMonthTotal));
        Assert.Equal(-1m, empty.MonthOnMonth);
        Assert.Null(empty.YearOnYear);
        Assert.All(empty.ByChannel, r => Assert.Null(r.Share));
        Assert.Null(empty.TrueRate.Value);
        Assert.Empty(empty.ByIndustry);
    }

    [Fact]
    public void Change_is_relative_to_the_base()
    {
        Assert.Equal(-0.5m, BulletinTally.Change(5, 10));
        Assert.Null(BulletinTally.Change(5, 0));
        Assert.Null(BulletinTally.Change(0, 0));
    }

    [Theory]
    [InlineData(2024, 0)]
    [InlineData(2024, 13)]
    [InlineData(1999, 5)]
    public void Refuses_a_month_that_does_not_exist(int year, int month) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BulletinTally.Tally(Cases, year, month));
}
