using SmartEnv.Supervision.Waste.Medical;
using SmartEnv.Tests;

namespace SmartEnv.Supervision.Tests.Waste.Medical;

/// <summary>The five categories against supervision.md §4 and the list file <c>hw-codes.tsv</c> (the 2021 list).</summary>
public sealed class MedicalWasteCategoryTests
{
    [Theory]
    // Hand-copied from supervision.md §4 (note 药物性 = 841-005, 化学性 = 841-004: not the 目录's order).
    [InlineData(MedicalWasteCategory.Infectious, "感染性废物", "841-001-01", "In")]
    [InlineData(MedicalWasteCategory.Sharps, "损伤性废物", "841-002-01", "In")]
    [InlineData(MedicalWasteCategory.Pathological, "病理性废物", "841-003-01", "In")]
    [InlineData(MedicalWasteCategory.Pharmaceutical, "药物性废物", "841-005-01", "T")]
    [InlineData(MedicalWasteCategory.Chemical, "化学性废物", "841-004-01", "T/C/I/R")]
    public void Each_category_has_its_list_code_and_hazard(MedicalWasteCategory c, string zh, string code, string hazard)
    {
        var i = MedicalWasteCategories.Of(c);
        Assert.Equal((zh, code, hazard, "HW01"), (i.NameZh, i.WasteCode, i.Hazard, i.HwCategory));
        foreach (var text in new[] { i.Key, c.ToString(), code, zh, " " + i.Key.ToUpperInvariant() + " " })
        {
            Assert.True(MedicalWasteCategories.TryParse(text, out var p), text);
            Assert.Equal(c, p!.Category);
        }
    }

    [Fact]
    public void The_table_agrees_with_the_2021_list_file()
    {
        // hw-codes.tsv columns: code category category_name_zh industry_code industry description_zh hazard source.
        var rows = File.ReadAllLines(RepoPaths.SharedFile("reference/hw-codes.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f[0].StartsWith("841-", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var f in rows)
        {
            Assert.True(MedicalWasteCategories.TryParse(f[0], out var i), f[0]);
            Assert.Equal((f[1], f[5], f[6]), (i!.HwCategory, i.NameZh, i.Hazard));
        }
        Assert.Equal(5, MedicalWasteCategories.All.Select(i => i.WasteCode).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("841-006-01")]
    [InlineData("900-041-49")]
    [InlineData("生活垃圾")]
    public void Anything_else_is_not_a_category(string? text) => Assert.False(MedicalWasteCategories.TryParse(text, out _));
}
