using SmartEnv.Supervision.Permits;

namespace SmartEnv.Supervision.Tests.Permits;

/// <summary>HJ 608-2017 permit numbers and outlet codes (plan §4 row "check CLI"; supervision.md §2.3). The USCC parts are
/// the worked examples of supervision.md §1.5 (91130200699229617X: Σ 1304, mod 31 = 2, 31 − 2 = 29 → 'X').</summary>
public class PermitNumberTests
{
    [Fact]
    public void A_P_number_is_valid_and_split()
    {
        var c = PermitNumber.Check("91130200699229617X001P");
        Assert.True(c.Valid);
        Assert.Null(c.Reason);
        Assert.Equal("91130200699229617X", c.Uscc);
        Assert.Equal(1, c.SiteSequence);
        Assert.Equal('P', c.Letter);
        Assert.True(c.LetterIsP);
    }

    [Fact]
    public void Another_letter_is_valid_but_not_P()
    {
        var c = PermitNumber.Check("91130200699229617X002Q");
        Assert.True(c.Valid);
        Assert.Equal(2, c.SiteSequence);
        Assert.Equal('Q', c.Letter);
        Assert.False(c.LetterIsP);
    }

    [Theory]
    // USCC part: position 18 'Y' where the check is 'X' → the GB 32100 fault with the expected character.
    [InlineData("91130200699229617Y001P", "positions 1–18", "expected 'X'")]
    // 21 characters (one sequence digit missing).
    [InlineData("91130200699229617X01P", "22 characters", "got 21")]
    [InlineData("91130200699229617X001PP", "22 characters", "got 23")]
    [InlineData(null, "22 characters", "got 0")]
    [InlineData("91130200699229617X0A1P", "position 20", "digits only")]
    [InlineData("91130200699229617X001p", "position 22", "upper-case letter")]
    [InlineData("91130200699229617X0011", "position 22", "upper-case letter")]
    // The test enterprise A (plan §4) with X for its check character 1 is refused in the USCC part.
    [InlineData("91500105MA5U0A166X001P", "positions 1–18", "expected '1'")]
    public void Invalid_numbers_name_the_position(string? number, string where, string why)
    {
        var c = PermitNumber.Check(number);
        Assert.False(c.Valid);
        Assert.Null(c.Uscc);
        Assert.Contains(where, c.Reason, StringComparison.Ordinal);
        Assert.Contains(why, c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_permit_of_the_plan_is_valid() =>
        Assert.True(PermitNumber.Check("91500105MA5U0A1661001P").Valid);

    [Theory]
    [InlineData("DA001", OutletMedium.Air)]
    [InlineData("DW001", OutletMedium.Water)]
    [InlineData("DA999", OutletMedium.Air)]
    public void Outlet_codes_name_their_medium(string code, OutletMedium medium)
    {
        Assert.True(OutletCode.IsValid(code, out var m));
        Assert.Equal(medium, m);
        Assert.Null(OutletCode.Reason(code));
    }

    [Theory]
    [InlineData("DA01", "5 characters")]
    [InlineData("DA0001", "5 characters")]
    [InlineData("da001", "position 1")]
    [InlineData("TA001", "position 1")] // a treatment facility (TA###), not an outlet
    [InlineData("DN001", "position 2")]
    [InlineData("DA00X", "position 5")]
    [InlineData(null, "5 characters")]
    public void Other_outlet_codes_are_refused(string? code, string why)
    {
        Assert.False(OutletCode.IsValid(code, out _));
        Assert.Contains(why, OutletCode.Reason(code), StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_keys_are_the_plan_spellings()
    {
        Assert.Equal("key", ManagementCategory.Key.Key());
        Assert.Equal("simplified", ManagementCategory.Simplified.Key());
        Assert.Equal("registration", ManagementCategory.Registration.Key());
        Assert.Equal("main", OutletType.Main.Key());
        Assert.Equal("general", OutletType.General.Key());
        Assert.Equal("other", OutletType.Other.Key());
        Assert.Equal("air", OutletMedium.Air.Key());
        Assert.Equal("water", OutletMedium.Water.Key());
        Assert.True(PermitKeys.TryParseCategory("重点管理", out var c) && c == ManagementCategory.Key);
        Assert.True(PermitKeys.TryParseOutletType("主要", out var t) && t == OutletType.Main);
        Assert.False(PermitKeys.TryParseCategory("Key", out _));
    }
}
