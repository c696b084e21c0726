using SmartEnv.Supervision.Complaints.Statistics;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>GB/T 4754-2017 门类 from the 2-digit 大类: both ends of every range (the standard's "本门类包括 xx～yy 大类").</summary>
public class BulletinTallyIndustrySectionsTests
{
    [Theory]
    [InlineData("0111", "A")] [InlineData("0519", "A")]
    [InlineData("0610", "B")] [InlineData("1200", "B")]
    [InlineData("1310", "C")] [InlineData("2614", "C")] [InlineData("4390", "C")]
    [InlineData("4411", "D")] [InlineData("4690", "D")]
    [InlineData("4710", "E")] [InlineData("5090", "E")]
    [InlineData("5111", "F")] [InlineData("5299", "F")]
    [InlineData("5311", "G")] [InlineData("6090", "G")]
    [InlineData("6110", "H")] [InlineData("6291", "H")]
    [InlineData("6311", "I")] [InlineData("6590", "I")]
    [InlineData("6610", "J")] [InlineData("6999", "J")]
    [InlineData("7010", "K")]
    [InlineData("7111", "L")] [InlineData("7299", "L")]
    [InlineData("7310", "M")] [InlineData("7590", "M")]
    [InlineData("7610", "N")] [InlineData("7990", "N")]
    [InlineData("8010", "O")] [InlineData("8290", "O")]
    [InlineData("8310", "P")]
    [InlineData("8411", "Q")] [InlineData("8590", "Q")]
    [InlineData("8610", "R")] [InlineData("9090", "R")]
    [InlineData("9100", "S")] [InlineData("9600", "S")]
    [InlineData("9700", "T")]
    [InlineData(" 26 ", "C")] [InlineData("262", "C")]
    public void Section_of_a_code(string code, string section) => Assert.Equal(section, IndustrySections.SectionOf(code));

    [Theory]
    [InlineData(null)] [InlineData("")] [InlineData("  ")] [InlineData("2")] [InlineData("0011")] [InlineData("9800")]
    [InlineData("9900")] [InlineData("C2614")] [InlineData("26a4")] [InlineData("26145")]
    public void No_section(string? code) => Assert.Null(IndustrySections.SectionOf(code));

    [Fact]
    public void Twenty_sections_cover_divisions_01_to_97_once()
    {
        Assert.Equal(20, IndustrySections.All.Count);
        var divisions = IndustrySections.All.SelectMany(s => Enumerable.Range(s.FirstDivision, s.LastDivision - s.FirstDivision + 1)).ToList();
        Assert.Equal(Enumerable.Range(1, 97), divisions); // 97 大类 (GB/T 4754-2017), in order, no gap, no overlap
        Assert.Equal("制造业", IndustrySections.NameZh("C"));
        Assert.Equal("住宿和餐饮业", IndustrySections.NameZh("H"));
        Assert.Throws<ArgumentException>(() => IndustrySections.NameZh("U"));
    }
}
