using SmartEnv.Supervision.Waste.Manifests;

namespace SmartEnv.Supervision.Tests.Waste.Manifests;

/// <summary>办法 Art. 15: 14 digits = year 4 + province 2 + city 2 + serial 6 (Chongqing 50, 市辖区 01).</summary>
public class ManifestNumberTests
{
    [Fact]
    public void Formats_year_province_city_and_six_digit_serial()
    {
        Assert.Equal("20245001000001", ManifestNumber.Format(2024, "500105", 1));
        Assert.Equal("20265002999999", ManifestNumber.Format(2026, "500235", 999_999));
    }

    [Theory]
    [InlineData(2024, "500105", 0)]
    [InlineData(2024, "500105", 1_000_000)]
    [InlineData(1999, "500105", 1)]
    [InlineData(2024, "50010", 1)]
    [InlineData(2024, "990105", 1)] // 99 is no province
    [InlineData(2024, "500005", 1)] // city 00
    [InlineData(2024, "5001a5", 1)]
    public void Refuses_what_cannot_be_a_number(int year, string division, int serial) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ManifestNumber.Format(year, division, serial));

    [Fact]
    public void Parses_its_parts()
    {
        Assert.True(ManifestNumber.TryParse("20245001000123", out var y, out var p, out var c, out var s, out var reason));
        Assert.Equal((2024, "50", "01", 123), (y, p, c, s));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData(null, "14 digits")]
    [InlineData("2024500100012", "got 13")]
    [InlineData("202450010001234", "got 15")]
    [InlineData("2024500100012X", "position 14")]
    [InlineData("19995001000001", "positions 1–4")]
    [InlineData("20249901000001", "positions 5–6")]
    [InlineData("20245000000001", "positions 7–8")]
    [InlineData("20245001000000", "positions 9–14")]
    public void Names_the_fault(string? text, string expected)
    {
        Assert.False(ManifestNumber.TryParse(text, out _, out _, out _, out _, out var reason));
        Assert.Contains(expected, reason);
    }
}
