using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Tests;

namespace SmartEnv.Supervision.Tests.Waste.Catalogue;

/// <summary>The 2021 《国家危险废物名录》 as data (supervision.md §3.1 [P]): counts and categories from the SUP text, entries
/// read from the shared reference files (not from the code), the "，" vs "/" meaning of table note 1, 900-000-XX (Art. 6),
/// and refused codes with their reasons.</summary>
public class HwCatalogueTests
{
    private static readonly HwCatalogue E2021 = HwCatalogue.Edition2021;

    [Fact]
    public void The_2021_edition_has_467_codes_in_46_categories_without_HW41_to_HW44()
    {
        Assert.Equal("2021", E2021.Version);
        Assert.Equal(new DateOnly(2021, 1, 1), E2021.InForce);
        Assert.Equal(467, E2021.Entries.Count);
        Assert.Equal(467, E2021.Entries.Select(e => e.Code.Value).Distinct().Count());
        Assert.Equal(46, E2021.Categories.Count);
        string[] expected = [.. Enumerable.Range(1, 40).Concat(Enumerable.Range(45, 6)).Select(n => $"HW{n:00}")];
        Assert.Equal(expected, E2021.Categories.Select(c => c.Category));
        foreach (var c in new[] { "HW41", "HW42", "HW43", "HW44" }) Assert.Null(E2021.Category(c));
        Assert.Equal(467, E2021.Categories.Sum(c => c.CodeCount));
    }

    [Fact]
    public void Per_category_counts_and_names_equal_hw_categories_tsv()
    {
        var rows = File.ReadAllLines(RepoPaths.SharedFile("reference/hw-categories.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(46, rows.Count);
        foreach (var r in rows)
        {
            var c = E2021.Category(r[0]);
            Assert.NotNull(c);
            Assert.Equal((r[1], r[2], int.Parse(r[4])), (c.NameZh, c.NameEn, c.CodeCount));
        }
        // SUP §3.1 / hw-categories.tsv spot checks: HW01 医疗废物 5 codes, HW50 废催化剂 44.
        Assert.Equal(("医疗废物", 5), (E2021.Category("HW01")!.NameZh, E2021.Category("HW01")!.CodeCount));
        Assert.Equal(("废催化剂", 44), (E2021.Category("HW50")!.NameZh, E2021.Category("HW50")!.CodeCount));
    }

    [Fact]
    public void Every_row_of_the_shared_hw_codes_tsv_is_an_entry_as_printed()
    {
        var rows = File.ReadAllLines(RepoPaths.SharedFile("reference/hw-codes.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(467, rows.Count);
        foreach (var r in rows)
        {
            var e = E2021.Find(r[0]);
            Assert.NotNull(e);
            Assert.Equal((r[1], r[2], r[3], r[4], r[5], r[6]), (e.Code.Category, e.CategoryNameZh, e.IndustryCode, e.Industry, e.DescriptionZh, e.Hazard.Text));
        }
    }

    [Fact]
    public void The_embedded_copies_are_the_shared_reference_files()
    {
        Assert.Equal(File.ReadAllText(RepoPaths.SharedFile("reference/hw-codes.tsv")),
            File.ReadAllText(Path.Combine(RepoPaths.Root, "src/SmartEnv.Supervision/Resources/hw-codes-2021.tsv")));
        Assert.Equal(File.ReadAllText(RepoPaths.SharedFile("reference/hw-categories.tsv")),
            File.ReadAllText(Path.Combine(RepoPaths.Root, "src/SmartEnv.Supervision/Resources/hw-categories.tsv")));
    }

    [Fact]
    public void Known_entries()
    {
        var e = E2021.Find("900-041-49")!;
        Assert.Equal(("HW49", "其他废物", "900", "非特定行业"), (e.Code.Category, e.CategoryNameZh, e.IndustryCode, e.Industry));
        Assert.Equal("含有或沾染毒性、感染性危险废物的废弃包装物、容器、过滤吸附介质", e.DescriptionZh);
        Assert.Equal(HazardJoin.AnyOf, e.Hazard.Join);
        Assert.Equal([HazardCharacteristic.T, HazardCharacteristic.In], e.Hazard.Items);
        var oil = E2021.Find("900-249-08")!;
        Assert.Equal(("HW08", HazardJoin.FirstCertain, "T，I"), (oil.Code.Category, oil.Hazard.Join, oil.Hazard.Text));
        Assert.Equal([HazardCharacteristic.T], oil.Hazard.Certain);
        Assert.Equal(HazardJoin.Single, E2021.Find("841-001-01")!.Hazard.Join);
        Assert.Equal([HazardCharacteristic.In], E2021.Find("841-001-01")!.Hazard.Items);
        Assert.Null(E2021.Find("900-000-49"));  // 900-000-XX is not a schedule row
        Assert.Contains(E2021.Search("废矿物油"), x => x.Code.Value == "900-249-08");
        Assert.Equal(11, E2021.Search("HW49").Count());
    }

    // Counted from hw-codes.tsv column 'hazard' by hand (sort | uniq -c): single T 364 + C 3 + In 3 + R 1 = 371;
    // "，" lists: C，T 27 + T，I 29 + T，R 16 + T，C 5 + R，T 4 + T，I，R 4 + C，R 1 + R，C 1 + T，I，C 1 = 88;
    // "/" lists: T/C/I/R 4 + T/In 2 + T/C 1 + T/C/I/R/In 1 = 8. 371 + 88 + 8 = 467.
    [Fact]
    public void Comma_versus_slash_over_the_whole_list()
    {
        var byJoin = E2021.Entries.GroupBy(e => e.Hazard.Join).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(371, byJoin[HazardJoin.Single]);
        Assert.Equal(88, byJoin[HazardJoin.FirstCertain]);
        Assert.Equal(8, byJoin[HazardJoin.AnyOf]);
    }

    [Theory]
    [InlineData("900-000-49", true, null)]
    [InlineData("900-000-01", true, null)]
    [InlineData("900-000-41", false, "category HW41 does not exist in the 2021 list")]
    [InlineData("900-041-49", true, null)]
    [InlineData("900-999-49", true, null)]
    [InlineData("900-040-49", false, "not listed in the 2021 list (category HW49 exists; a waste identified as hazardous but not listed is 900-000-49)")]
    [InlineData("261-001-44", false, "category HW44 does not exist")]
    [InlineData("90004149", false, "write it as 900-041-49")]
    [InlineData("900-041-49", false, "list version '2025' is not loaded", "2025")]
    public void Check_against_an_edition(string code, bool valid, string? reasonPart, string version = "2021")
    {
        var r = HwCatalogues.Default.Check(code, version);
        Assert.Equal(valid, r.Valid);
        if (reasonPart is null) Assert.Null(r.Reason);
        else Assert.Contains(reasonPart, r.Reason);
        if (valid && !code.StartsWith("900-000-", StringComparison.Ordinal)) Assert.Equal(code, r.Entry!.Code.Value);
        else Assert.Null(r.Entry);
    }

    private const string Header = "code\tcategory\tcategory_name_zh\tindustry_code\tindustry\tdescription_zh\thazard\tsource\n";

    private static HwCatalogue Load(string body, string version = "2025", int year = 2025) =>
        HwCatalogue.Load(new StringReader(Header + body), version, new DateOnly(year, 1, 1));

    [Fact]
    public void A_later_edition_is_loaded_beside_2021_and_chosen_by_date()
    {
        // A made-up two-row file in the columns of hw-codes.tsv (the real 2025 schedule is not obtained, hw-2025-list.md).
        var e2025 = Load("900-041-49\tHW49\t其他废物\t900\t非特定行业\t描述\tT/In\tx\n999-001-48\tHW48\t有色金属采选和冶炼废物\t999\t测试行业\t测试\tT\tx\n");
        var set = HwCatalogues.Default.With(e2025);
        Assert.Equal(["2021", "2025"], set.Editions.Select(e => e.Version));
        Assert.Equal("2021", set.InForceOn(new DateOnly(2024, 12, 31)).Version);
        Assert.Equal("2025", set.InForceOn(new DateOnly(2025, 1, 1)).Version);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.InForceOn(new DateOnly(2020, 12, 31)));
        Assert.True(set.Check("999-001-48", "2025").Valid);
        Assert.False(set.Check("999-001-48", "2021").Valid);   // each record is checked under its own version
        Assert.False(set.Check("900-000-01", "2025").Valid);   // HW01 not in the made-up edition
        Assert.Single(HwCatalogues.Default.Editions);          // With returns a new set
        Assert.Throws<ArgumentException>(() => set.With(e2025));
    }

    [Theory]
    [InlineData("900-041-48\tHW49\t其他废物\t900\t非特定行业\td\tT\tx\n", "line 2", "ends in 48")]
    [InlineData("900-041-49\tHW49\t其他废物\t901\t非特定行业\td\tT\tx\n", "line 2", "starts with 900")]
    [InlineData("900-041-49\tHW49\t其他废物\t900\t非特定行业\td\tT,I\tx\n", "line 2", "ASCII comma")]
    [InlineData("900-041-49\tHW49\t其他废物\t900\t非特定行业\td\tT\tx\n900-041-49\tHW49\t其他废物\t900\t非特定行业\td\tT\tx\n", "line 3", "twice")]
    [InlineData("900-041-49\tHW49\t其他废物\t900\t非特定行业\td\tT\tx\n900-042-49\tHW49\t其它\t900\t非特定行业\td\tT\tx\n", "line 3", "named")]
    [InlineData("900-04-149\tHW49\t其他废物\t900\t非特定行业\td\tT\tx\n", "line 2", "position 7")]
    [InlineData("900-000-49\tHW49\t其他废物\t900\t非特定行业\td\tT\tx\n", "line 2", "not a schedule row")]
    public void Load_refuses_a_malformed_schedule_naming_the_line(string body, string part1, string part2)
    {
        var ex = Assert.Throws<FormatException>(() => Load(body));
        Assert.Contains(part1, ex.Message);
        Assert.Contains(part2, ex.Message);
    }

    [Fact]
    public void Load_refuses_a_wrong_header() =>
        Assert.Contains("header", Assert.Throws<FormatException>(() => HwCatalogue.Load(new StringReader("code\tcat\n"), "x", new DateOnly(2025, 1, 1))).Message);
}
