using SmartEnv.Supervision.Emergency;
using L = SmartEnv.Supervision.Emergency.EventLevel;

namespace SmartEnv.Supervision.Tests.Emergency;

/// <summary>Annex 1 of 国办函〔2014〕119号 (supervision.md §8.2) at, just below and just above every threshold. Expected
/// levels are read off the annex table by hand: deaths ≥30 Ⅰ / 10–30 Ⅱ / 3–10 Ⅲ / &lt;3 Ⅳ; injured ≥100 / 50 / 10;
/// evacuated ≥50,000 / 10,000 / 5,000; loss ≥1亿 / 2000万 / 500万 yuan; "以上" includes the number.</summary>
public class EventLevelsTests
{
    [Theory]
    // deaths: 30 → Ⅰ (30人以上 includes 30); 29 → Ⅱ; 31 → Ⅰ
    [InlineData(29, L.Major)] [InlineData(30, L.EspeciallyMajor)] [InlineData(31, L.EspeciallyMajor)]
    [InlineData(9, L.Larger)] [InlineData(10, L.Major)] [InlineData(11, L.Major)]
    [InlineData(2, L.General)] [InlineData(3, L.Larger)] [InlineData(4, L.Larger)] [InlineData(0, L.General)]
    public void Deaths(int n, L expected) => Assert.Equal(expected, EventLevels.Classify(new(Deaths: n)).Level);

    [Theory]
    [InlineData(99, L.Major)] [InlineData(100, L.EspeciallyMajor)] [InlineData(101, L.EspeciallyMajor)]
    [InlineData(49, L.Larger)] [InlineData(50, L.Major)] [InlineData(51, L.Major)]
    [InlineData(9, L.General)] [InlineData(10, L.Larger)] [InlineData(11, L.Larger)]
    public void Injured(int n, L expected) => Assert.Equal(expected, EventLevels.Classify(new(Injured: n)).Level);

    [Theory]
    [InlineData(49_999, L.Major)] [InlineData(50_000, L.EspeciallyMajor)] [InlineData(50_001, L.EspeciallyMajor)]
    [InlineData(9_999, L.Larger)] [InlineData(10_000, L.Major)] [InlineData(10_001, L.Major)]
    [InlineData(4_999, L.General)] [InlineData(5_000, L.Larger)] [InlineData(5_001, L.Larger)]
    public void Evacuated(int n, L expected) => Assert.Equal(expected, EventLevels.Classify(new(Evacuated: n)).Level);

    [Theory]
    // 1亿 = 100,000,000 yuan; 2000万 = 20,000,000; 500万 = 5,000,000; just below = one fen less
    [InlineData("99999999.99", L.Major)] [InlineData("100000000", L.EspeciallyMajor)] [InlineData("100000000.01", L.EspeciallyMajor)]
    [InlineData("19999999.99", L.Larger)] [InlineData("20000000", L.Major)] [InlineData("20000000.01", L.Major)]
    [InlineData("4999999.99", L.General)] [InlineData("5000000", L.Larger)] [InlineData("5000000.01", L.Larger)]
    public void Loss(string yuan, L expected) =>
        Assert.Equal(expected, EventLevels.Classify(new(LossYuan: decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture))).Level);

    [Theory]
    [InlineData("city", L.EspeciallyMajor)] [InlineData("county_town", L.Major)] [InlineData("township", L.Larger)]
    public void Water_intake(string c, L expected) => Assert.Equal(expected, EventLevels.Classify(new(WaterIntake: c)).Level);

    [Theory]
    [InlineData("national", L.EspeciallyMajor)] [InlineData("provincial", L.Major)] [InlineData("city", L.Larger)] [InlineData("county", L.General)]
    public void Cross_boundary(string c, L expected) => Assert.Equal(expected, EventLevels.Classify(new(CrossBoundary: c)).Level);

    [Fact]
    public void The_highest_criterion_decides_and_is_named()
    {
        // deaths 2 → Ⅳ, evacuated 12,000 → Ⅱ, township intake → Ⅲ: the level is Ⅱ, decided by evacuated
        var r = EventLevels.Classify(new(Deaths: 2, Evacuated: 12_000, WaterIntake: "township"));
        Assert.Equal(L.Major, r.Level);
        Assert.Equal("evacuated", r.Decisive!.Criterion);
        Assert.Equal("evacuated.major", r.Decisive.Rule);
        Assert.Equal(["deaths", "evacuated", "water_intake"], r.ByCriterion.Select(c => c.Criterion));
    }

    [Fact]
    public void Ties_go_to_the_first_criterion_in_annex_order()
    {
        // deaths 10 → Ⅱ and loss 20,000,000 → Ⅱ: deaths comes first in the annex
        var r = EventLevels.Classify(new(Deaths: 10, LossYuan: 20_000_000m));
        Assert.Equal("deaths", r.Decisive!.Criterion);
    }

    [Fact]
    public void Nothing_known_is_unclear() => Assert.Null(EventLevels.Classify(new()).Level);

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventLevels.Classify(new(Deaths: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventLevels.Classify(new(WaterIntake: "village")));
    }

    [Fact]
    public void The_convention_is_a_row_not_code()
    {
        // flip bound.lower to exclusive: 30 deaths is then "not above 30" → Ⅱ
        var text = Tables.DefaultText().Replace("bound.lower\tconvention\t-\t-\tinclusive", "bound.lower\tconvention\t-\t-\texclusive");
        var rules = EmergencyRules.Load(new StringReader(text));
        Assert.False(rules.LowerBoundInclusive);
        Assert.Equal(L.Major, EventLevels.Classify(new(Deaths: 30), rules).Level);
        Assert.Equal(L.EspeciallyMajor, EventLevels.Classify(new(Deaths: 31), rules).Level);
        Assert.Equal("U", EmergencyRules.Default.Row("bound.lower").Confidence);
    }

    [Fact]
    public void Levels_have_names_and_numerals()
    {
        Assert.Equal("特别重大", EmergencyLevels.Zh(L.EspeciallyMajor));
        Assert.Equal("Ⅰ", EmergencyLevels.Roman(L.EspeciallyMajor));
        Assert.Equal("Ⅳ", EmergencyLevels.Roman(L.General));
        Assert.True(EmergencyLevels.TryParse("especially_major", out var l) && l == L.EspeciallyMajor);
    }
}

internal static class Tables
{
    public static string DefaultText()
    {
        using var s = typeof(EmergencyRules).Assembly.GetManifestResourceStream("SmartEnv.Supervision.Resources.emergency-rules.tsv")!;
        return new StreamReader(s).ReadToEnd();
    }
}
