using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Supervision.Tests.Waste.Ledger;

/// <summary>The assumed HJ 1276-2022 数字识别码 (supervision.md §3.5 [U]): 18 + 8 + 8 + 3 = 37, written by hand below.</summary>
public class ContainerIdentifierTests
{
    private static readonly IContainerIdentifierFormat Format = AssumedHj1276Identifier.Instance;

    [Fact]
    public void Writes_uscc_code_digits_date_and_serial()
    {
        var id = Format.Format("91500105MA5U0A1661", WasteCode.Parse("900-249-08"), new DateOnly(2026, 1, 5), 1);
        Assert.Equal("91500105MA5U0A1661" + "90024908" + "20260105" + "001", id);
        Assert.Equal(37, id.Length);
        Assert.Equal(Format.Length, id.Length);
        Assert.Equal("assumed-hj1276-37", Format.Name);
        Assert.EndsWith("999", Format.Format("91500105MA5U0A1661", WasteCode.Parse("900-041-49"), new DateOnly(2026, 12, 31), 999));
    }

    [Theory]
    [InlineData("91500105MA5U0A1662", 1, "unitCode")]   // check character wrong (…1661 is right)
    [InlineData("91500105MA5U0A166", 1, "unitCode")]    // 17 characters
    [InlineData("91500105MA5U0A1661", 0, "serial")]
    [InlineData("91500105MA5U0A1661", 1000, "serial")]
    public void Refuses_what_does_not_fit(string unit, int serial, string param)
    {
        var e = Assert.Throws<ArgumentException>(() => Format.Format(unit, WasteCode.Parse("900-249-08"), new DateOnly(2026, 1, 5), serial));
        Assert.Equal(param, e.ParamName);
    }
}
