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
    // Issue 16 changed this (supervision.md §1.4: GB 11714 only warns): an organisation check wrong (7 for 6) is no
    // longer refused at position 17; it changes the GB 32100 sum by 1·28 (966 → 994; 994 mod 31 = 2; 31 − 2 = 29 → 'X'),
    // so position 18 ('T' given) is the fault.
    [InlineData("91440300708461137T", 18)]
    // Two adjacent digits swapped (70846113 → 78046113): 0·29 + 8·25 = 200 becomes 8·29 + 0·25 = 232, +32 (998 mod 31 =
    // 6; 31 − 6 = 25 → 'R'), so the final check catches it (it used to be the organisation check, now advisory).
    [InlineData("91440300780461136T", 18)]
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
    // Division: a letter in positions 3–8; province 99 and 00 do not exist (GB/T 2260). (Issue 16: positions 1 and 2 are
    // no longer refused — see the warning tests below; a changed position 1 or 2 now fails the position-18 check.)
    [InlineData("91440A00708461136T", 6)]
    [InlineData("91990300708461136T", 3)]
    [InlineData("91000300708461136T", 3)]
    // '0' for '9' at position 1: Σ 966 − 9·1 = 957; 957 mod 31 = 27; 31 − 27 = 4 → '4', not 'T'.
    [InlineData("01440300708461136T", 18)]
    public void Structure_is_checked_before_the_checksums(string code, int position) =>
        Assert.Equal(position, Uscc.Check(code)?.Position);

    // Issue 16 acceptance (plan §4 row GB 32100; supervision.md §1.5): the worked examples, sums by hand in the reference
    // tables. A: Σ 1640, 1640 mod 31 = 28 (31·52 = 1612), 31 − 28 = 3 → '3'; GB 11714 of M000100Y: 22·3 + 0 + 0 + 0 + 1·5
    // + 0 + 0 + 34·2 = 66 + 5 + 68 = 139; 139 mod 11 = 7 (132); 11 − 7 = 4 → '4'. B: Σ 1304, mod 31 = 2 (31·42 = 1302),
    // 29 → 'X'. C: Σ 1108, mod 31 = 23 (31·35 = 1085), 8 → '8'. D (Σ ≡ 0): 915001052000004000 — 168 (9·1 + 1·3 + 5·9 +
    // 1·26 + 5·17, as in the Jiangbei codes above) + 2·20 (position 9) + 4·10 (position 15) = 248 = 8·31 → 31 − 0 = 31 →
    // written '0'; GB 11714 of 20000040: 2·3 + 4·4 = 22; 22 mod 11 = 0; 11 → written '0'.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91130200699229617X")]
    [InlineData("911302307808371268")]
    [InlineData("915001052000004000")]
    // The test enterprises: 91500105MA5U0A1661, 91500105MA5U0B169H (plan §4; both pass GB 11714 as well).
    [InlineData("91500105MA5U0A1661")]
    [InlineData("91500105MA5U0B169H")]
    public void Worked_examples_are_valid_without_warnings(string code)
    {
        Assert.Null(Uscc.Check(code));
        Assert.Empty(Uscc.Warnings(code));
    }

    // Z is outside the code set (refused as such) and the check of Example A is '3'; Tencent's is 'T' (worked above).
    [Theory]
    [InlineData("91350100M000100Y4Z", "expected '3'")]
    [InlineData("91440300708461136U", "expected 'T'")]
    [InlineData("91440300708461136t", "expected 'T'")]
    public void A_wrong_position_18_names_the_expected_character(string code, string expected)
    {
        var fault = Uscc.Check(code);
        Assert.NotNull(fault);
        Assert.Equal(18, fault.Position);
        Assert.StartsWith("position 18: ", fault.Message, StringComparison.Ordinal);
        Assert.Contains(expected, fault.Message, StringComparison.Ordinal);
    }

    // GB 11714 mismatch: position 17 '5' for '4'. Σ = 1640 + 1·28 = 1668; 1668 mod 31 = 25 (31·53 = 1643); 31 − 25 = 6
    // → '6' given: GB 32100 holds, so the code is valid and only flagged.
    [Fact]
    public void A_GB_11714_mismatch_is_valid_with_a_position_17_warning()
    {
        Assert.Null(Uscc.Check("91350100M000100Y56"));
        var w = Assert.Single(Uscc.Warnings("91350100M000100Y56"));
        Assert.Equal(17, w.Position);
        Assert.StartsWith("position 17: GB 11714 check of M000100Y is 4", w.Message, StringComparison.Ordinal);
    }

    // Jiangbei zero body 91500105000000000J has Σ 168 with 9·1 at position 1 and 1·3 at position 2.
    //  9A…: 168 − 3 + 10·3 = 195; 195 mod 31 = 9; 31 − 9 = 22 → 'N'. Authority 9 has categories 1 2 3 9 → warning at 2.
    //  95…: 168 − 3 + 5·3 = 180; 180 mod 31 = 25; 31 − 25 = 6 → '6'. 9/5 is not in the table → warning at 2.
    //  B1…: 168 − 9 + 11·1 = 170; 170 mod 31 = 15; 31 − 15 = 16 → 'G'. B is no authority → warning at 1 only.
    //  G1…: 168 − 9 + 16·1 = 175; 175 mod 31 = 20; 31 − 20 = 11 → 'B'. G1 (公安, 2025 addition [U]) is in the table.
    [Theory]
    [InlineData("9A500105000000000N", 2)]
    [InlineData("955001050000000006", 2)]
    [InlineData("B1500105000000000G", 1)]
    public void Unknown_authority_or_category_is_valid_and_flagged(string code, int position)
    {
        Assert.Null(Uscc.Check(code));
        var w = Assert.Single(Uscc.Warnings(code));
        Assert.Equal(position, w.Position);
        Assert.StartsWith($"position {position}:", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Later_additions_of_the_category_table_are_known()
    {
        Assert.Null(Uscc.Check("G1500105000000000B"));
        Assert.Empty(Uscc.Warnings("G1500105000000000B"));
        // The reference's base table (supervision.md §1.3) by hand: 12 authorities with 9 → 1 2 3.
        Assert.Equal("123456789ANY", string.Concat(Uscc.Categories.Where(c => c.Confidence == "S").Select(c => c.Authority).Distinct()));
        Assert.Equal("123", string.Concat(Uscc.Categories.Where(c => c.Authority == '9' && c.Confidence == "S").Select(c => c.Category)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("9135")]
    [InlineData("91350100m000100Y43")]
    public void Warnings_are_empty_for_what_Check_refuses_on_shape(string? code) => Assert.Empty(Uscc.Warnings(code));

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
