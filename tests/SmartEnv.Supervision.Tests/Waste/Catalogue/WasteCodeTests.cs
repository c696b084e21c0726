using SmartEnv.Supervision.Waste.Catalogue;

namespace SmartEnv.Supervision.Tests.Waste.Catalogue;

/// <summary>The waste-code shape (名录 Art. 5(三)) and the hazard-characteristic text (Art. 5(四), table note 1).</summary>
public class WasteCodeTests
{
    [Fact]
    public void A_code_splits_into_industry_sequence_and_category()
    {
        Assert.True(WasteCode.TryParse("900-041-49", out var c, out var reason));
        Assert.Null(reason);
        Assert.Equal(("900", "041", "49", "HW49", "90004149", false), (c.Industry, c.Sequence, c.CategoryDigits, c.Category, c.Digits, c.IsUnlisted));
        Assert.Equal("900-041-49", c.Value);
        Assert.Equal("900-041-49", c.ToString());
        Assert.True(WasteCode.Parse("900-000-08").IsUnlisted);
        Assert.False(WasteCode.Parse("900-001-08").IsUnlisted);
        Assert.False(WasteCode.Parse("261-000-08").IsUnlisted);  // only industry 900 + sequence 000 (Art. 6)
        Assert.Equal("HW01", WasteCode.Parse("841-001-01").Category);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData(" 900-041-49", "blanks")]
    [InlineData("900-041-49 ", "blanks")]
    [InlineData("90004149", "8 digits without hyphens; write it as 900-041-49")]
    [InlineData("900-041-4", "9 characters")]
    [InlineData("900-0411-49", "11 characters")]
    [InlineData("900–041-49", "position 4")]        // en dash
    [InlineData("900_041_49", "position 4")]
    [InlineData("900-041－49", "position 8")]        // full-width hyphen
    [InlineData("900-041-4９", "position 10")]       // full-width digit
    [InlineData("９00-041-49", "position 1")]
    [InlineData("HW9-041-49", "position 1")]
    [InlineData("900-041-00", "no HW00")]
    public void Malformed_codes_are_refused_with_the_reason(string? text, string reasonPart)
    {
        Assert.False(WasteCode.TryParse(text, out var c, out var reason));
        Assert.Equal(default, c);
        Assert.Contains(reasonPart, reason);
        Assert.Contains(reasonPart, Assert.Throws<FormatException>(() => WasteCode.Parse(text)).Message);
    }

    [Theory]
    [InlineData("T", HazardJoin.Single, "T")]
    [InlineData("In", HazardJoin.Single, "In")]
    [InlineData("T，I", HazardJoin.FirstCertain, "T I")]
    [InlineData("C，T", HazardJoin.FirstCertain, "C T")]
    [InlineData("T，I，R", HazardJoin.FirstCertain, "T I R")]
    [InlineData("T/In", HazardJoin.AnyOf, "T In")]
    [InlineData("T/C/I/R/In", HazardJoin.AnyOf, "T C I R In")]
    public void Hazard_texts_of_the_list(string text, HazardJoin join, string items)
    {
        var h = HazardCharacteristics.Parse(text);
        Assert.Equal(join, h.Join);
        Assert.Equal(items, string.Join(' ', h.Items));
        Assert.Equal(text, h.Text);
        // Table note 1: "，" → has the first; "/" → one or more, none certain.
        Assert.Equal(join == HazardJoin.AnyOf ? "" : items.Split(' ')[0], string.Join(' ', h.Certain));
    }

    [Theory]
    [InlineData("T,I", "ASCII comma")]
    [InlineData("T，I/C", "mixes")]
    [InlineData("T / I", "blanks")]
    [InlineData("X", "'X' is not a characteristic")]
    [InlineData("IN", "'IN' is not a characteristic")]
    [InlineData("T/T", "twice")]
    [InlineData("", "empty")]
    [InlineData("T/", "'' is not a characteristic")]
    public void Malformed_hazard_texts_are_refused(string text, string reasonPart)
    {
        Assert.False(HazardCharacteristics.TryParse(text, out var v, out var reason));
        Assert.Null(v);
        Assert.Contains(reasonPart, reason);
    }

    [Fact]
    public void Chinese_names_are_those_of_the_list()
    {
        Assert.Equal("毒性 腐蚀性 易燃性 反应性 感染性",
            string.Join(' ', Enum.GetValues<HazardCharacteristic>().Select(HazardCharacteristics.NameZh)));
        Assert.Equal(HazardCharacteristics.Parse("T/In"), HazardCharacteristics.Parse("T/In"));
        Assert.NotEqual(HazardCharacteristics.Parse("T，I"), HazardCharacteristics.Parse("I，T"));
    }
}
