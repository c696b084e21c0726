using SmartEnv.Planning.Notation;

namespace SmartEnv.Planning.Tests;

public class NotationTests
{
    [Theory]
    [InlineData("90.4", PlanValueKind.Number, Comparator.None, "90.4", null)]
    [InlineData("≥88", PlanValueKind.Number, Comparator.AtLeast, "88", null)]
    [InlineData("≤35", PlanValueKind.Number, Comparator.AtMost, "35", null)]
    [InlineData("[25.6]", PlanValueKind.Cumulative4Year, Comparator.None, "25.6", null)]
    [InlineData("[13.87%]", PlanValueKind.Cumulative4Year, Comparator.None, "13.87", null)]
    [InlineData("【16.5】", PlanValueKind.Cumulative5Year, Comparator.None, "16.5", null)]
    [InlineData("【16.5】年均3.55", PlanValueKind.Cumulative5Year, Comparator.None, "16.5", "年均3.55")]
    [InlineData("—", PlanValueKind.NoValue, Comparator.None, null, null)]
    [InlineData("-", PlanValueKind.NoValue, Comparator.None, null, null)]
    [InlineData("——", PlanValueKind.NoValue, Comparator.None, null, null)]
    [InlineData("市级下达", PlanValueKind.SetByMunicipality, Comparator.None, null, null)]
    [InlineData("Ⅲ", PlanValueKind.WaterClass, Comparator.None, "3", null)]
    [InlineData("II", PlanValueKind.WaterClass, Comparator.None, "2", null)]
    [InlineData("约二十", PlanValueKind.Text, Comparator.None, null, null)]
    [InlineData("[3】", PlanValueKind.Text, Comparator.None, null, null)]
    public void Parses_plan_notation(string raw, PlanValueKind kind, Comparator cmp, string? number, string? note)
    {
        var v = PlanValue.Parse(raw);
        Assert.Equal(raw, v.Raw);
        Assert.Equal(kind, v.Kind);
        Assert.Equal(cmp, v.Comparator);
        Assert.Equal(number is null ? null : decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture), v.Number);
        Assert.Equal(note, v.Note);
    }

    [Fact]
    public void Composite_cell_keeps_labels_and_values()
    {
        var v = PlanValue.Parse("化学需氧量[13.87%]、氨氮[7.86]、二氧化硫[25.5]、氮氧化物[25.6]");
        Assert.Equal(PlanValueKind.Composite, v.Kind);
        Assert.Null(v.Number);
        Assert.Equal(["化学需氧量", "氨氮", "二氧化硫", "氮氧化物"], v.Parts.Select(p => p.Label));
        Assert.Equal([13.87m, 7.86m, 25.5m, 25.6m], v.Parts.Select(p => p.Value.Number!.Value));
        Assert.All(v.Parts, p => Assert.Equal(PlanValueKind.Cumulative4Year, p.Value.Kind));
    }

    [Theory]
    [InlineData("2021.7", PlanDateKind.YearMonth, 2021, 7, "2021-07-01", "2021-07-31")]
    [InlineData("2021.07", PlanDateKind.YearMonth, 2021, 7, "2021-07-01", "2021-07-31")]
    [InlineData("2021.10", PlanDateKind.YearMonth, 2021, 10, "2021-10-01", "2021-10-31")]
    [InlineData("2024.02", PlanDateKind.YearMonth, 2024, 2, "2024-02-01", "2024-02-29")]
    [InlineData("2021", PlanDateKind.Year, 2021, null, "2021-01-01", "2021-12-31")]
    [InlineData("待定", PlanDateKind.ToBeDecided, null, null, null, null)]
    [InlineData("——", PlanDateKind.NotGiven, null, null, null, null)]
    [InlineData("2021.13", PlanDateKind.Unparsed, null, null, null, null)]
    [InlineData("明年", PlanDateKind.Unparsed, null, null, null, null)]
    public void Parses_project_dates(string raw, PlanDateKind kind, int? year, int? month, string? earliest, string? latest)
    {
        var d = PlanDate.Parse(raw);
        Assert.Equal(raw, d.Raw);
        Assert.Equal(kind, d.Kind);
        Assert.Equal(year, d.Year);
        Assert.Equal(month, d.Month);
        Assert.Equal(earliest is null ? null : DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), d.Earliest);
        Assert.Equal(latest is null ? null : DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), d.Latest);
    }

    [Fact]
    public void Investment_with_note_keeps_amount_note_and_product()
    {
        var i = Investment.Parse("4186（34880*12%）");
        Assert.Equal(4186m, i.Amount);
        Assert.Equal("34880*12%", i.Note);
        Assert.Equal(4185.6m, i.NoteValue); // 34880 × 0.12 worked by hand
        Assert.Equal("4186（34880*12%）", i.Raw);
    }

    [Theory]
    [InlineData("13256.24", "13256.24")]
    [InlineData("500000", "500000")]
    [InlineData("2928.5", "2928.5")]
    public void Investment_amounts_are_exact(string raw, string expected)
    {
        var i = Investment.Parse(raw);
        Assert.Equal(expected, i.AmountText);
        Assert.Null(i.Note);
    }

    [Theory]
    [InlineData("约5000")]
    [InlineData("1,300")]
    [InlineData("")]
    public void Investment_rejects_what_is_not_an_amount(string raw) => Assert.Null(Investment.Parse(raw).Amount);
}
