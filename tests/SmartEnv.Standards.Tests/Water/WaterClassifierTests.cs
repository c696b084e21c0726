using System.Globalization;
using SmartEnv.Standards.Water;

namespace SmartEnv.Standards.Tests.Water;

public class WaterClassifierTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Code_table_equals_the_reference_transcription()
    {
        foreach (var row in Gb3838ReferenceTable.Rows.Where(r => r.No >= 3))
        {
            var info = Gb3838Table1.Get((WaterItem)row.No);
            Assert.Equal(row.River, info.River.ToArray());
            if (row.Lake is null) Assert.Null(info.Lake);
            else Assert.Equal(row.Lake, info.Lake!.ToArray());
        }
        Assert.Equal(24, Gb3838Table1.Items.Count);
    }

    // For every item with class limits (DO "≥", the others "≤"), every class limit: at the limit, one unit of the limit's last digit /10 above and below.
    public static TheoryData<int, int, string> UpperLimitEdges()
    {
        var d = new TheoryData<int, int, string>();
        foreach (var row in Gb3838ReferenceTable.Rows.Where(r => r.No >= 3))
            for (var k = 0; k < 5; k++)
            {
                d.Add(row.No, k, "river");
                if (row.Lake is not null) d.Add(row.No, k, "lake");
            }
        return d;
    }

    [Theory]
    [MemberData(nameof(UpperLimitEdges))]
    public void Every_upper_limit_at_above_and_below(int no, int k, string body)
    {
        var row = Gb3838ReferenceTable.Rows[no - 1];
        var wb = body == "lake" ? WaterbodyType.Lake : WaterbodyType.River;
        var lim = wb == WaterbodyType.Lake ? row.Lake! : row.River;
        var item = (WaterItem)no;
        if (item == WaterItem.TotalNitrogen) wb = WaterbodyType.Lake; // TN: lakes only
        var eps = lim[k] / 1000m;
        // Expected per the table: the best class whose limit admits the value (shared limits → better class).
        WaterClass Expected(decimal v) => Enumerable.Range(0, 5).Where(i => v <= lim[i]).Select(i => (WaterClass)(i + 1))
            .DefaultIfEmpty(WaterClass.WorseThanV).First();
        if (item == WaterItem.DissolvedOxygen)
        {
            WaterClass ExpDo(decimal v) => Enumerable.Range(0, 5).Where(i => v >= lim[i]).Select(i => (WaterClass)(i + 1))
                .DefaultIfEmpty(WaterClass.WorseThanV).First();
            Assert.Equal(ExpDo(lim[k]), WaterClassifier.ClassifyItem(item, lim[k], wb));
            Assert.Equal(ExpDo(lim[k] - eps), WaterClassifier.ClassifyItem(item, lim[k] - eps, wb));
            Assert.Equal(ExpDo(lim[k] + eps), WaterClassifier.ClassifyItem(item, lim[k] + eps, wb));
            return;
        }
        Assert.Equal(Expected(lim[k]), WaterClassifier.ClassifyItem(item, lim[k], wb));
        Assert.Equal(Expected(lim[k] + eps), WaterClassifier.ClassifyItem(item, lim[k] + eps, wb));
        Assert.Equal(Expected(lim[k] - eps), WaterClassifier.ClassifyItem(item, lim[k] - eps, wb));
        // The limit itself belongs to class k or better; just above it is worse than class k.
        Assert.True(WaterClassifier.ClassifyItem(item, lim[k], wb) <= (WaterClass)(k + 1));
        Assert.True(WaterClassifier.ClassifyItem(item, lim[k] + eps, wb) > (WaterClass)(k + 1));
    }

    // Hand-worked cases from GB 3838-2002 Table 1.
    [Theory]
    [InlineData("cod", "15", "Ⅰ")]          // Ⅰ = Ⅱ = 15: better class
    [InlineData("cod", "15.01", "Ⅲ")]
    [InlineData("cod", "40", "Ⅴ")]
    [InlineData("cod", "40.001", "劣Ⅴ")]
    [InlineData("bod5", "3", "Ⅰ")]
    [InlineData("bod5", "3.1", "Ⅲ")]
    [InlineData("cu", "1.0", "Ⅱ")]          // Ⅱ…Ⅴ = 1.0
    [InlineData("cu", "0.0100", "Ⅰ")]
    [InlineData("cu", "1.01", "劣Ⅴ")]
    [InlineData("hg", "0.00005", "Ⅰ")]
    [InlineData("hg", "0.00006", "Ⅲ")]
    [InlineData("hg", "0.0011", "劣Ⅴ")]
    [InlineData("nh3n", "0.15", "Ⅰ")]
    [InlineData("nh3n", "0.151", "Ⅱ")]
    [InlineData("nh3n", "1.0", "Ⅲ")]
    [InlineData("nh3n", "2.001", "劣Ⅴ")]
    [InlineData("tp", "0.2", "Ⅲ")]
    [InlineData("tp", "0.2001", "Ⅳ")]
    [InlineData("cn", "0.2", "Ⅲ")]
    [InlineData("cn", "0.21", "劣Ⅴ")]
    [InlineData("fecal_coliform", "10000", "Ⅲ")]
    [InlineData("fecal_coliform", "40001", "劣Ⅴ")]
    [InlineData("do", "7.5", "Ⅰ")]
    [InlineData("do", "7.49", "Ⅱ")]
    [InlineData("do", "6", "Ⅱ")]
    [InlineData("do", "5.999", "Ⅲ")]
    [InlineData("do", "5", "Ⅲ")]
    [InlineData("do", "3", "Ⅳ")]
    [InlineData("do", "2", "Ⅴ")]
    [InlineData("do", "1.99", "劣Ⅴ")]
    [InlineData("do", "0", "劣Ⅴ")]
    [InlineData("ph", "6", "Ⅰ")]
    [InlineData("ph", "5.99", "劣Ⅴ")]
    [InlineData("ph", "9", "Ⅰ")]
    [InlineData("ph", "9.01", "劣Ⅴ")]
    [InlineData("ph", "7.5", "Ⅰ")]
    public void Hand_worked_river_cases(string key, string value, string expected)
    {
        Assert.True(Gb3838Table1.TryGetByKey(key, out var item));
        Assert.Equal(expected, WaterClassifier.ClassifyItem(item, D(value))!.Value.ToDisplay());
    }

    [Theory]
    [InlineData("0.01", "Ⅰ")]
    [InlineData("0.011", "Ⅱ")]
    [InlineData("0.025", "Ⅱ")]
    [InlineData("0.05", "Ⅲ")]
    [InlineData("0.1", "Ⅳ")]
    [InlineData("0.2", "Ⅴ")]
    [InlineData("0.201", "劣Ⅴ")]
    public void Lake_tp(string value, string expected) =>
        Assert.Equal(expected, WaterClassifier.ClassifyItem(WaterItem.TotalPhosphorus, D(value), WaterbodyType.Lake)!.Value.ToDisplay());

    [Fact]
    public void Tn_only_for_lakes_and_temperature_has_no_class()
    {
        Assert.Null(WaterClassifier.ClassifyItem(WaterItem.TotalNitrogen, 5m, WaterbodyType.River));
        Assert.Equal(WaterClass.WorseThanV, WaterClassifier.ClassifyItem(WaterItem.TotalNitrogen, 5m, WaterbodyType.Lake));
        Assert.Null(WaterClassifier.ClassifyItem(WaterItem.Temperature, 30m));
    }

    [Fact]
    public void Negative_value_is_misuse() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WaterClassifier.ClassifyItem(WaterItem.Cod, -1m));

    [Fact]
    public void Exceeding_multiple_against_class_III()
    {
        // COD 30: (30 − 20)/20 = 0.5; NH3-N 2.6: (2.6 − 1.0)/1.0 = 1.6; TP lake 0.125: (0.125 − 0.05)/0.05 = 1.5.
        Assert.Equal(0.5m, WaterClassifier.ExceedingMultiple(WaterItem.Cod, 30m));
        Assert.Equal(1.6m, WaterClassifier.ExceedingMultiple(WaterItem.AmmoniaNitrogen, 2.6m));
        Assert.Equal(1.5m, WaterClassifier.ExceedingMultiple(WaterItem.TotalPhosphorus, 0.125m, WaterbodyType.Lake));
        Assert.Null(WaterClassifier.ExceedingMultiple(WaterItem.Cod, 20m));            // at the limit: not exceeding
        Assert.Null(WaterClassifier.ExceedingMultiple(WaterItem.DissolvedOxygen, 1m));  // none for DO
        Assert.Null(WaterClassifier.ExceedingMultiple(WaterItem.PH, 10m));              // none for pH
        Assert.Null(WaterClassifier.ExceedingMultiple(WaterItem.Temperature, 40m));     // none for temperature
    }

    [Fact]
    public void Sample_class_is_the_worst_item_and_main_pollutants_follow_class_then_multiple()
    {
        var v = new Dictionary<WaterItem, decimal>
        {
            [WaterItem.PH] = 7.2m, [WaterItem.DissolvedOxygen] = 4.0m,       // DO Ⅳ, no multiple
            [WaterItem.Cod] = 35m,                                          // Ⅴ, (35−20)/20 = 0.75
            [WaterItem.AmmoniaNitrogen] = 1.9m,                             // Ⅴ, 0.9
            [WaterItem.TotalPhosphorus] = 0.45m,                            // 劣Ⅴ, 1.25
            [WaterItem.Bod5] = 5m,                                          // Ⅳ, 0.25
        };
        var a = WaterClassifier.Classify(v, WaterItemSets.Gb3838Evaluated21);
        Assert.Equal(WaterClass.WorseThanV, a.Class);
        Assert.Equal(WaterQuality.HeavilyPolluted, a.Quality);
        Assert.Equal([WaterItem.TotalPhosphorus, WaterItem.AmmoniaNitrogen, WaterItem.Cod], a.MainPollutants);
        Assert.Equal(21 - 6, a.MissingItems.Count);
    }

    [Fact]
    public void Heavy_metals_and_cyanide_come_first_when_exceeding()
    {
        var v = new Dictionary<WaterItem, decimal>
        {
            [WaterItem.Cod] = 50m,              // 劣Ⅴ, 1.5
            [WaterItem.AmmoniaNitrogen] = 3m,   // 劣Ⅴ, 2.0
            [WaterItem.Lead] = 0.06m,           // Ⅴ, 0.2
            [WaterItem.Cyanide] = 0.25m,        // 劣Ⅴ, 0.25
        };
        var a = WaterClassifier.Classify(v, WaterItemSets.Gb3838Evaluated21);
        Assert.Equal([WaterItem.Cyanide, WaterItem.Lead, WaterItem.AmmoniaNitrogen], a.MainPollutants);
    }

    [Fact]
    public void No_main_pollutants_at_class_III_or_better_and_items_without_multiple_rank_after()
    {
        var ok = WaterClassifier.Classify(new Dictionary<WaterItem, decimal> { [WaterItem.Cod] = 20m }, WaterItemSets.Auto5.Append(WaterItem.Cod));
        Assert.Equal(WaterClass.III, ok.Class);
        Assert.Empty(ok.MainPollutants);
        var v = new Dictionary<WaterItem, decimal> { [WaterItem.DissolvedOxygen] = 2.5m, [WaterItem.PermanganateIndex] = 11m };
        var a = WaterClassifier.Classify(v, WaterItemSets.Auto5);
        Assert.Equal(WaterClass.V, a.Class);
        Assert.Equal([WaterItem.PermanganateIndex, WaterItem.DissolvedOxygen], a.MainPollutants);
    }

    [Fact]
    public void Ph_outside_range_makes_the_sample_worse_than_V()
    {
        var a = WaterClassifier.Classify(new Dictionary<WaterItem, decimal> { [WaterItem.PH] = 9.02m, [WaterItem.DissolvedOxygen] = 9m }, WaterItemSets.Auto5);
        Assert.Equal(WaterClass.WorseThanV, a.Class);
        Assert.Equal([WaterItem.PH], a.MainPollutants);
        Assert.Equal(3, a.MissingItems.Count);
    }

    [Fact]
    public void No_values_gives_no_class()
    {
        var a = WaterClassifier.Classify(new Dictionary<WaterItem, decimal>(), WaterItemSets.Auto5);
        Assert.Null(a.Class);
        Assert.Null(a.Quality);
    }

    [Theory]
    [InlineData("gb3838-21", 21)]
    [InlineData("auto-5", 5)]
    [InlineData("gb3838-24", 24)]
    [InlineData("ph, do ,tp", 3)]
    public void Item_sets(string name, int count)
    {
        Assert.True(WaterItemSets.TryParse(name, out var items, out _));
        Assert.Equal(count, items.Count);
    }

    [Fact]
    public void Gb3838_21_excludes_temperature_tn_and_coliform()
    {
        Assert.DoesNotContain(WaterItem.Temperature, WaterItemSets.Gb3838Evaluated21);
        Assert.DoesNotContain(WaterItem.TotalNitrogen, WaterItemSets.Gb3838Evaluated21);
        Assert.DoesNotContain(WaterItem.FecalColiform, WaterItemSets.Gb3838Evaluated21);
        Assert.False(WaterItemSets.TryParse("nope", out _, out var err));
        Assert.Contains("nope", err);
    }

    [Theory]
    [InlineData("Ⅰ", WaterClass.I)]
    [InlineData("Ⅳ类", WaterClass.IV)]
    [InlineData("劣Ⅴ", WaterClass.WorseThanV)]
    [InlineData("III", WaterClass.III)]
    public void Parses_roman_classes(string text, WaterClass expected)
    {
        Assert.True(WaterClassText.TryParse(text, out var c));
        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("VI")]
    public void Rejects_non_classes(string text) => Assert.False(WaterClassText.TryParse(text, out _));

    [Theory]
    [InlineData(WaterClass.I, "优", "#0000FF")]
    [InlineData(WaterClass.II, "优", "#0000FF")]
    [InlineData(WaterClass.III, "良好", "#00FF00")]
    [InlineData(WaterClass.IV, "轻度污染", "#FFFF00")]
    [InlineData(WaterClass.V, "中度污染", "#FF7E00")]
    [InlineData(WaterClass.WorseThanV, "重度污染", "#FF0000")]
    public void Qualitative_words_and_colours(WaterClass c, string word, string colour)
    {
        Assert.Equal(word, c.ToQuality().ToChinese());
        Assert.Equal(colour, c.ToQuality().ToColour());
    }

    [Fact]
    public void Target_compliance()
    {
        Assert.True(WaterClassifier.MeetsTarget(WaterClass.III, WaterClass.III));
        Assert.True(WaterClassifier.MeetsTarget(WaterClass.II, WaterClass.III));
        Assert.False(WaterClassifier.MeetsTarget(WaterClass.IV, WaterClass.III));
    }
}
