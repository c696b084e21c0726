using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SmartEnv.Supervision.Credit;
using static SmartEnv.Supervision.Tests.Credit.CreditTestTables;

namespace SmartEnv.Supervision.Tests.Credit;

/// <summary>credit-rules.tsv and its loader: the figures of supervision.md §7 and the issue-19 brief, confidences, the
/// version, and every kind of malformed row refused with its line and column.</summary>
public class CreditRulesTests
{
    private static readonly CreditRules R = CreditRules.Default;

    [Fact]
    public void Grade_bands_colours_and_lists_of_section_7_2()
    {
        // supervision.md §7.2 (2017 text): 诚信 ≥ 100, 良好 80 ≤ s < 100, 警示 60 ≤ s < 80, 不良 < 60; §7.1 colours.
        Assert.Equal([CreditGrade.Trustworthy, CreditGrade.Good, CreditGrade.Warning, CreditGrade.Poor], R.Bands.Select(b => b.Grade));
        Assert.Equal([100m, 80m, 60m, null], R.Bands.Select(b => b.MinScore));
        Assert.Equal(["绿", "蓝", "黄", "红"], R.Bands.Select(b => b.Colour));
        Assert.Equal(["环保诚信企业", "环保良好企业", "环保警示企业", "环保不良企业"], R.Bands.Select(b => b.NameZh));
        Assert.Equal(["红名单", null, null, "黑名单"], R.Bands.Select(b => b.PublicList));
        Assert.All(R.Bands, b => Assert.Equal("S", b.Confidence));
    }

    [Fact]
    public void Limits_events_and_repair_periods()
    {
        Assert.Equal(100m, R.BaseScore);   // §7.2 [S]
        Assert.Equal(0m, R.ScoreFloor);    // [U]
        Assert.Equal(8m, R.BonusCap);      // §10 item 5: 100–108 reported → 8 [U]
        Assert.Equal(["S", "U", "U"], R.Limits.Select(l => l.Confidence));
        Assert.Equal(1, R.Event("event.emergency.general").StepsDown);
        Assert.Equal("U", R.Event("event.emergency.general").Confidence);
        foreach (var c in new[] { "event.emergency.larger", "event.emergency.major", "event.emergency.especially_major" })
        {
            Assert.Null(R.Event(c).StepsDown);
            Assert.Equal("S", R.Event(c).Confidence);
        }
        Assert.Null(R.Event("event.veto").StepsDown);
        // §7.3, NDRC 2025: 轻微 ≤ 3 months, 一般 3–12, 严重 12–36 — all [U].
        Assert.Equal([(0, 3), (3, 12), (12, 36)], R.RepairPeriods.Select(p => (p.ShortestMonths, p.LongestMonths)));
        Assert.All(R.RepairPeriods, p => Assert.Equal("U", p.Confidence));
    }

    [Fact]
    public void The_starting_items_are_unconfirmed_and_say_they_must_be_replaced()
    {
        var scored = R.Items.Where(i => i.Kind != CreditItemKind.Veto).ToList();
        Assert.True(scored.Count(i => i.Kind == CreditItemKind.Deduction) >= 10);
        Assert.True(scored.Count(i => i.Kind == CreditItemKind.Bonus) >= 3);
        Assert.All(scored, i =>
        {
            Assert.Equal("U", i.Confidence);
            Assert.Contains("渝环规〔2021〕7号", i.Source);
            Assert.Equal(0m, i.Points!.Value * 2 % 1);      // multiples of 0.5
            Assert.True(i.Cap >= i.Points);
        });
        // all four groups of §7.1 are used by deductions
        Assert.Equal(CreditRules.Groups.OrderBy(g => g), R.Items.Where(i => i.Kind == CreditItemKind.Deduction).Select(i => i.Group).Distinct().OrderBy(g => g));
        // every evidence kind of the issue has at least one item
        Assert.Equal(Enum.GetValues<CreditEvidenceKind>().Length, R.Items.Select(i => i.Evidence).Distinct().Count());
        var header = EmbeddedText().Split('\n').TakeWhile(l => l.StartsWith('#'));
        Assert.Contains(header, l => l.Contains("must replace them with the official indicator table"));
    }

    [Fact]
    public void The_veto_items_of_section_7_1()
    {
        var vetoes = R.Items.Where(i => i.Kind == CreditItemKind.Veto).ToDictionary(i => i.Code);
        foreach (var c in new[] { "veto.crime", "veto.no_eia", "veto.no_acceptance", "veto.major_change", "veto.total_load", "veto.evasion", "veto.hw_illegal" })
        {
            Assert.Equal("S", vetoes[c].Confidence);
            Assert.Contains("§7.1", vetoes[c].Source);
            Assert.Null(vetoes[c].Points);
        }
        Assert.Equal("U", vetoes["veto.emergency"].Confidence); // SmartEnv reading
    }

    [Fact]
    public void Version_is_the_sha256_of_the_file_and_changes_with_the_table()
    {
        var text = EmbeddedText();
        var expected = "credit-rules@" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        Assert.Equal(expected, R.Version);
        Assert.Matches(new Regex("^credit-rules@[0-9a-f]{8}$"), R.Version);
        Assert.Equal(R.Version, Load(text).Version);
        var changedPoints = text.Replace("management.penalty\t环境管理\t受到生态环境行政处罚\tdeduction\t5\t15", "management.penalty\t环境管理\t受到生态环境行政处罚\tdeduction\t4.5\t15");
        Assert.NotEqual(text, changedPoints);
        var changed = Load(changedPoints);
        Assert.NotEqual(R.Version, changed.Version);
        Assert.Equal(4.5m, changed.Item("management.penalty").Points);
        var changedBand = Load(text.Replace("grade.good\t蓝\t环保良好企业\tgrade\t80", "grade.good\t蓝\t环保良好企业\tgrade\t85"));
        Assert.NotEqual(R.Version, changedBand.Version);
        Assert.Equal(CreditGrade.Warning, changedBand.BandOf(80m).Grade);   // a later text changes the band without code
        Assert.NotEqual(R.Version, Load(text + "# a comment\n").Version);
    }

    [Fact]
    public void The_minimal_table_loads_with_crlf_too()
    {
        var r = Load(Minimal);
        Assert.Equal(3, r.Items.Count);
        Assert.Equal(r.Version.Length, "credit-rules@".Length + 8);
        var crlf = Load(Minimal.Replace("\n", "\r\n"));
        Assert.Equal(r.Items.Select(i => i.Code), crlf.Items.Select(i => i.Code));
    }

    /// <summary>(line, column, new value) of the minimal table → the exception names that line and column.</summary>
    public static readonly TheoryData<int, int, string> BadCells = new()
    {
        { 2, 1, "codes" },            // header
        { 3, 1, "d a" },              // code with a space
        { 3, 2, "大气" },              // not one of the four groups
        { 3, 3, " " },                // empty name
        { 3, 4, "penalty" },          // unknown kind
        { 3, 5, "1.3" },              // not a multiple of 0.5
        { 3, 5, "abc" },              // not a number
        { 3, 5, "0" },                // not positive
        { 3, 5, "1,5" },              // comma decimal separator
        { 3, 6, "0.5" },              // cap below points
        { 3, 7, "smoke" },            // unknown evidence kind
        { 3, 8, "X" },                // unknown confidence
        { 3, 9, "" },                 // empty source
        { 4, 1, "d.a" },              // duplicate code
        { 5, 5, "3" },                // a veto with points
        { 6, 1, "grade.best" },       // unknown grade
        { 7, 2, "紫" },               // unknown colour
        { 7, 7, "白名单" },            // unknown list
        { 8, 5, "85" },               // bands not descending (警示 85 ≥ 良好 80)
        { 9, 5, "0" },                // the lowest grade has no lower bound
        { 10, 1, "score.top" },       // unknown limit
        { 11, 5, "-1" },              // negative limit
        { 13, 5, "0" },               // event steps < 1
        { 13, 5, "1.5" },             // event steps not whole
        { 13, 2, "环境管理" },          // event group must be '-'
        { 19, 5, "3.5" },             // repair months not whole
        { 19, 6, "2" },               // longest below shortest
        { 21, 1, "list.red" },        // the only listing row is list.black
        { 21, 5, "severe" },          // not a severity name
        { 21, 6, "3" },               // listing cap must be '-'
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void A_malformed_cell_is_refused_with_its_line_and_column(int line, int column, string value)
    {
        var ex = Assert.Throws<CreditRulesFormatException>(() => Load(MinimalWith(line, column, value)));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"credit-rules line {line}, column {column} ({CreditRules.Columns[column - 1]}):", ex.Message);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_names_its_line()
    {
        var lines = (string[])MinimalLines.Clone();
        lines[2] = lines[2][..lines[2].LastIndexOf('\t')];   // line 3: 8 columns
        var ex = Assert.Throws<CreditRulesFormatException>(() => Load(string.Join("\n", lines)));
        Assert.Equal((3, 0), (ex.Line, ex.Column));
        Assert.StartsWith("credit-rules line 3: 8 columns", ex.Message);
    }

    [Theory]
    [InlineData(9, "grade.poor")]
    [InlineData(12, "bonus.cap")]
    [InlineData(17, "event.veto")]
    [InlineData(20, "repair.serious")]
    [InlineData(21, "list.black")]
    public void A_missing_required_row_is_named(int line, string code)
    {
        var ex = Assert.Throws<CreditRulesFormatException>(() => Load(MinimalWithout(line)));
        Assert.Equal((0, 0), (ex.Line, ex.Column));
        Assert.Contains($"'{code}' missing", ex.Message);
    }

    [Fact]
    public void The_black_list_information_is_严重_in_the_embedded_table_and_as_written_in_the_minimal_one()
    {
        Assert.Equal((CreditRules.BlackListCode, CreditInfoSeverity.Serious, "U"), (CreditRules.Default.BlackList.Code, CreditRules.Default.BlackList.Severity, CreditRules.Default.BlackList.Confidence));
        Assert.Equal(CreditInfoSeverity.General, Load(MinimalWith(21, 5, "general")).BlackList.Severity);
    }

    [Fact]
    public void Grade_rows_out_of_order_are_refused()
    {
        var lines = (string[])MinimalLines.Clone();
        (lines[6], lines[7]) = (lines[7], lines[6]);   // line 7 is now grade.warning, line 8 grade.good
        var ex = Assert.Throws<CreditRulesFormatException>(() => Load(string.Join("\n", lines)));
        Assert.Equal((7, 1), (ex.Line, ex.Column));
    }

    [Fact]
    public void Lookups_refuse_unknown_codes()
    {
        Assert.Throws<KeyNotFoundException>(() => R.Item("grade.good"));
        Assert.Throws<KeyNotFoundException>(() => R.Event("event.nothing"));
        Assert.False(R.TryGetItem(null, out _));
        Assert.Equal("transmission_rate", CreditRules.EvidenceName(CreditEvidenceKind.TransmissionRate));
        Assert.Equal(CreditEvidenceKind.HwNoncompliance, CreditRules.ParseEvidence("hw_noncompliance"));
        Assert.Null(CreditRules.ParseEvidence("HwNoncompliance"));
    }
}
