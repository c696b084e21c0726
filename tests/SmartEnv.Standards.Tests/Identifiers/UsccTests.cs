using SmartEnv.Standards.Identifiers;

namespace SmartEnv.Standards.Tests.Identifiers;

/// <summary>GB 32100-2015 统一社会信用代码 checks. Every expected check character below is worked by hand in the comment; the
/// code under test is never asked for its own expectation.</summary>
public class UsccTests
{
    // Weights Wi = 3^(i−1) mod 31, i = 1…17, by hand: 1, 3, 9, 27, 81−62=19, 57−31=26, 78−62=16, 48−31=17, 51−31=20,
    // 60−31=29, 87−62=25, 75−62=13, 39−31=8, 24, 72−62=10, 30, 90−62=28.
    [Fact]
    public void Weights_are_powers_of_three_mod_31()
    {
        int[] byHand = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        for (var i = 1; i <= 17; i++) Assert.Equal(byHand[i - 1], Uscc.Weight(i));
        Assert.Throws<ArgumentOutOfRangeException>(() => Uscc.Weight(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Uscc.Weight(18));
    }

    // 91440300708461136T — 深圳市腾讯计算机系统有限公司 (Tencent), as printed on its published business licence.
    //  Organisation code 70846113-6 (GB 11714): 7·3 + 0·7 + 8·9 + 4·10 + 6·5 + 1·8 + 1·4 + 3·2
    //    = 21 + 0 + 72 + 40 + 30 + 8 + 4 + 6 = 181; 181 mod 11 = 181 − 176 = 5; 11 − 5 = 6 → '6' (position 17). ✓
    //  Check (GB 32100 §5): 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 7·20 + 0·29 + 8·25 + 4·13 + 6·8 + 1·24
    //    + 1·10 + 3·30 + 6·28 = 9 + 3 + 36 + 108 + 0 + 78 + 0 + 0 + 140 + 0 + 200 + 52 + 48 + 24 + 10 + 90 + 168 = 966;
    //    966 mod 31 = 966 − 961 = 5; 31 − 5 = 26 → 'T' (table 2: T = 26). ✓
    // 914403001922038216 — 华为技术有限公司 (Huawei Technologies), published business licence.
    //  Organisation code 19220382-1: 1·3 + 9·7 + 2·9 + 2·10 + 0·5 + 3·8 + 8·4 + 2·2 = 3 + 63 + 18 + 20 + 0 + 24 + 32 + 4
    //    = 164; 164 mod 11 = 164 − 154 = 10; 11 − 10 = 1 → '1'. ✓
    //  Check: 9 + 3 + 36 + 108 + 0 + 78 + 0 + 0 + 1·20 + 9·29 + 2·25 + 2·13 + 0·8 + 3·24 + 8·10 + 2·30 + 1·28
    //    = 234 + 20 + 261 + 50 + 26 + 0 + 72 + 80 + 60 + 28 = 831; 831 mod 31 = 831 − 806 = 25; 31 − 25 = 6 → '6'. ✓
    // 91500105000000000J — synthetic, Jiangbei (500105), organisation body 00000000: Σ = 0, 11 − 0 = 11 → written '0'.
    //  Check: 9·1 + 1·3 + 5·9 + 0·27 + 0·19 + 1·26 + 0·16 + 5·17 = 9 + 3 + 45 + 26 + 85 = 168 (the rest are 0);
    //    168 mod 31 = 168 − 155 = 13; 31 − 13 = 18 → 'J' (J = 18). ✓
    // 915001050000000430 — synthetic: organisation body 00000004: 4·2 = 8; 11 − 8 = 3 → '3'.
    //  Check: 168 + 4·30 (position 16) + 3·28 (position 17) = 168 + 120 + 84 = 372 = 12·31; 372 mod 31 = 0; 31 − 0 = 31
    //    → written '0'. ✓
    // 9150010500000030XD — synthetic: organisation body 00000030: 3·4 = 12; 12 mod 11 = 1; 11 − 1 = 10 → written 'X'.
    //  Check: 168 + 3·10 (position 15) + 0·30 + 29·28 (X = 29 at position 17) = 168 + 30 + 812 = 1010;
    //    1010 mod 31 = 1010 − 992 = 18; 31 − 18 = 13 → 'D' (D = 13). ✓
    [Theory]
    [InlineData("91440300708461136T")]
    [InlineData("914403001922038216")]
    [InlineData("91500105000000000J")]
    [InlineData("915001050000000430")]
    [InlineData("9150010500000030XD")]
    public void Valid_codes_pass(string code)
    {
        Assert.Null(Uscc.Check(code));
        Assert.True(Uscc.IsValid(code));
    }

    [Theory]
    [InlineData("91440300708461136T", 'T')]
    [InlineData("914403001922038216", '6')]
    [InlineData("91500105000000000J", 'J')]
    [InlineData("915001050000000430", '0')] // Σ mod 31 = 0 → 31 → '0'
    [InlineData("9150010500000030XD", 'D')]
    public void Check_character_is_the_hand_worked_one(string code, char expected) =>
        Assert.Equal(expected, Uscc.CheckCharacter(code.AsSpan(0, 17)));

    [Theory]
    [InlineData("70846113", '6')]
    [InlineData("19220382", '1')]
    [InlineData("00000000", '0')] // 11 → '0'
    [InlineData("00000030", 'X')] // 10 → 'X'
    [InlineData("00000004", '3')]
    public void Organisation_check_character_is_the_hand_worked_one(string body, char expected) =>
        Assert.Equal(expected, Uscc.OrganisationCheckCharacter(body));

    [Theory]
    // Last character wrong: Tencent with 'U' (27) for 'T' (26).
    [InlineData("91440300708461136U", 18)]
    // Check '0' case written as 'O' (letter): O is not in the code set, found at position 18 before any checksum.
    [InlineData("91500105000000043O", 18)]
    // Check written as 'Y' though the worked value is 'D'.
    [InlineData("9150010500000030XY", 18)]
    // Organisation check wrong (7 for 6): position 17 is reported, not the final check.
    [InlineData("91440300708461137T", 17)]
    // Two adjacent digits swapped (70846113 → 78046113): the organisation check catches it first.
    [InlineData("91440300780461136T", 17)]
    public void Wrong_check_characters_name_their_position(string code, int position)
    {
        var fault = Uscc.Check(code);
        Assert.NotNull(fault);
        Assert.Equal(position, fault.Position);
        Assert.Contains($"position {position}", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91440300708461136t", 18, "lower-case")] // lower-case check letter
    [InlineData("9l440300708461136T", 2, "lower-case")]  // lower-case L
    [InlineData("91440300708461136I", 18, "I, O, Z, S and V")]
    [InlineData("9144030070846113OT", 17, "I, O, Z, S and V")]
    [InlineData("Z1440300708461136T", 1, "I, O, Z, S and V")]
    [InlineData("91440300S08461136T", 9, "I, O, Z, S and V")]
    [InlineData("914403007V8461136T", 10, "I, O, Z, S and V")]
    [InlineData("91440300-08461136T", 9, "only digits")]
    [InlineData("91440300７08461136T", 9, "only digits")] // full-width 7 (U+FF17) is not an ASCII digit
    public void Characters_outside_the_code_set_are_refused_at_their_position(string code, int position, string why)
    {
        var fault = Uscc.Check(code);
        Assert.NotNull(fault);
        Assert.Equal(position, fault.Position);
        Assert.Contains(why, fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("91440300708461136")]   // 17
    [InlineData("91440300708461136TT")] // 19
    [InlineData(" 91440300708461136T")]  // not trimmed: 19
    public void Wrong_length_is_position_0(string? code)
    {
        var fault = Uscc.Check(code);
        Assert.NotNull(fault);
        Assert.Equal(0, fault.Position);
        Assert.Contains("18 characters", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Registration authority: 0, B, X are not in table 1 (1–9, A, N, Y).
    [InlineData("01440300708461136T", 1)]
    [InlineData("B1440300708461136T", 1)]
    // Type: 6, 7, 8, 0, A are not type codes (1 2 3 4 5 9).
    [InlineData("96440300708461136T", 2)]
    [InlineData("90440300708461136T", 2)]
    [InlineData("9A440300708461136T", 2)]
    // Division: a letter in positions 3–8; province 99 and 00 do not exist (GB/T 2260).
    [InlineData("91440A00708461136T", 6)]
    [InlineData("91990300708461136T", 3)]
    [InlineData("91000300708461136T", 3)]
    public void Structure_is_checked_before_the_checksums(string code, int position) =>
        Assert.Equal(position, Uscc.Check(code)?.Position);

    [Fact]
    public void Code_set_has_31_characters_without_I_O_Z_S_V()
    {
        Assert.Equal(31, Uscc.CodeSet.Length);
        Assert.Equal(31, Uscc.CodeSet.Distinct().Count());
        foreach (var c in "IOZSV") Assert.DoesNotContain(c, Uscc.CodeSet);
        // Table 2 values by hand: T = 26, X = 29, Y = 30.
        Assert.Equal(26, Uscc.CodeSet.IndexOf('T', StringComparison.Ordinal));
        Assert.Equal(29, Uscc.CodeSet.IndexOf('X', StringComparison.Ordinal));
        Assert.Equal(30, Uscc.CodeSet.IndexOf('Y', StringComparison.Ordinal));
    }
}
