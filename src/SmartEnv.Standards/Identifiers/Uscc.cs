namespace SmartEnv.Standards.Identifiers;

/// <summary>
/// 统一社会信用代码 (unified social credit identifier, USCC) of a legal entity or other organisation, checked per
/// GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》 (with amendment No. 1, XG1-2016). An enterprise (排污单位) is
/// keyed by it in the registry (<c>enterprises.uscc</c>) and bound to user accounts by it.
/// <para>Structure (GB 32100-2015 §4, figure 1), 18 characters, positions 1-based:</para>
/// <list type="number">
/// <item>position 1 — 登记管理部门代码 (registration authority, table 1): <c>1</c>…<c>9</c>, <c>A</c>, <c>N</c>, <c>Y</c>
/// (1 机构编制, 5 民政, 9 工商, Y 其他 in the 2015 text; 2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室,
/// N 农业 added by XG1-2016);</item>
/// <item>position 2 — 机构类别代码 (type of organisation, table 1): one of <c>1 2 3 4 5 9</c>, the union of the table's type codes.
/// SmartEnv does not check which type goes with which authority (the pairing table was extended by the amendment; a code
/// valid in a newer revision must not be refused here);</item>
/// <item>positions 3–8 — 登记管理机关行政区划码 (GB/T 2260 administrative division of the registering authority): six digits
/// whose first two name a province-level division (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82) or <c>10</c>
/// (the central level, <c>100000</c>);</item>
/// <item>positions 9–17 — 主体标识码 (组织机构代码, GB 11714-1997): eight body characters (digits or letters) and their own check
/// character: C9 = 11 − (Σ Ci·Wi mod 11) with weights W = 3 7 9 10 5 8 4 2, digits valued 0–9 and letters A–Z 10–35;
/// C9 = 10 is written <c>X</c>, C9 = 11 is written <c>0</c>;</item>
/// <item>position 18 — 校验码 (GB 32100-2015 §5, after GB/T 17710 / ISO 7064 MOD 31-3): C18 = 31 − (Σ Ci·Wi mod 31) over
/// positions i = 1…17 with Wi = 3^(i−1) mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) and character values
/// from the code set (table 2: 0–9 → 0–9, A 10 B 11 C 12 D 13 E 14 F 15 G 16 H 17 J 18 K 19 L 20 M 21 N 22 P 23 Q 24 R 25
/// T 26 U 27 W 28 X 29 Y 30); C18 = 31 is written <c>0</c>.</item>
/// </list>
/// <para>Code set (GB 32100-2015 §4.1): the digits and the upper-case letters except I, O, Z, S, V — 31 characters.
/// Lower case is not part of the code: <see cref="Check"/> refuses it (naming the position); callers that accept user
/// input may upper-case first, the registry stores the standard's upper-case spelling.</para>
/// Pure and thread-safe.
/// </summary>
public static class Uscc
{
    /// <summary>Length of a code (GB 32100-2015 §4).</summary>
    public const int Length = 18;

    /// <summary>The 31 characters of the code set in value order (GB 32100-2015 table 2): index = value.</summary>
    public const string CodeSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private const string RegistrationAuthorities = "123456789ANY";
    private const string OrganisationTypes = "123459";
    private static readonly int[] OrgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly int[] ProvincePrefixes =
        [10, 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>Weight of position <paramref name="position"/> (1…17) in the final check: 3^(position−1) mod 31.</summary>
    /// <param name="position">1-based position, 1…17.</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1…17.</exception>
    public static int Weight(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, 17);
        var w = 1;
        for (var i = 1; i < position; i++) w = w * 3 % 31;
        return w;
    }

    /// <summary>The check character (position 18) of the first 17 characters (GB 32100-2015 §5).</summary>
    /// <param name="first17">17 characters of the code set.</param>
    /// <exception cref="ArgumentException">Not 17 characters of the code set.</exception>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 characters expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = CodeSet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0) throw new ArgumentException($"position {i + 1}: '{first17[i]}' is not in the code set", nameof(first17));
            sum += v * Weight(i + 1);
        }
        var c = 31 - sum % 31;
        return CodeSet[c == 31 ? 0 : c];
    }

    /// <summary>The GB 11714-1997 check character of an organisation code's eight body characters (digits, A–Z).</summary>
    /// <param name="body8">Eight digits or upper-case letters.</param>
    /// <exception cref="ArgumentException">Not eight digits or upper-case letters.</exception>
    public static char OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8) throw new ArgumentException("8 characters expected", nameof(body8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var ch = body8[i];
            var v = ch is >= '0' and <= '9' ? ch - '0' : ch is >= 'A' and <= 'Z' ? ch - 'A' + 10
                : throw new ArgumentException($"'{ch}' is neither a digit nor an upper-case letter", nameof(body8));
            sum += v * OrgCodeWeights[i];
        }
        var c = 11 - sum % 11;
        return c switch { 10 => 'X', 11 => '0', _ => (char)('0' + c) };
    }

    /// <summary>Checks <paramref name="code"/> against every rule above, in position order.</summary>
    /// <param name="code">The code as given (not trimmed, not upper-cased).</param>
    /// <returns>Null when valid; else the first fault, naming the 1-based position (0 for the length).</returns>
    public static UsccFault? Check(string? code)
    {
        if (code is null || code.Length != Length)
            return new UsccFault(0, $"a 统一社会信用代码 has {Length} characters (GB 32100-2015 §4); got {code?.Length ?? 0}");
        for (var i = 0; i < Length; i++)
        {
            var ch = code[i];
            if (CodeSet.Contains(ch, StringComparison.Ordinal)) continue;
            var why = ch is >= 'a' and <= 'z' ? "lower-case letters are not used (write it upper-case)"
                : ch is 'I' or 'O' or 'Z' or 'S' or 'V' ? "I, O, Z, S and V are not used"
                : "only digits and upper-case letters except I, O, Z, S, V are used";
            return new UsccFault(i + 1, $"position {i + 1}: '{ch}' is not in the code set (GB 32100-2015 §4.1: {why})");
        }
        if (!RegistrationAuthorities.Contains(code[0], StringComparison.Ordinal))
            return new UsccFault(1, $"position 1: '{code[0]}' is not a registration authority code (GB 32100-2015 table 1 with XG1-2016: 1–9, A, N, Y)");
        if (!OrganisationTypes.Contains(code[1], StringComparison.Ordinal))
            return new UsccFault(2, $"position 2: '{code[1]}' is not an organisation type code (GB 32100-2015 table 1: 1, 2, 3, 4, 5, 9)");
        for (var i = 2; i < 8; i++)
            if (code[i] is < '0' or > '9')
                return new UsccFault(i + 1, $"position {i + 1}: '{code[i]}' — positions 3–8 are the GB/T 2260 administrative division code, digits only");
        var province = (code[2] - '0') * 10 + (code[3] - '0');
        if (Array.IndexOf(ProvincePrefixes, province) < 0)
            return new UsccFault(3, $"position 3: '{code[2..4]}' is not a GB/T 2260 province-level code (nor 10, the central level)");
        var org = OrganisationCheckCharacter(code.AsSpan(8, 8));
        if (code[16] != org)
            return new UsccFault(17, $"position 17: the organisation code's check character (GB 11714-1997) of {code[8..16]} is '{org}', not '{code[16]}'");
        var check = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != check)
            return new UsccFault(18, $"position 18: the check character (GB 32100-2015 §5) of {code[..17]} is '{check}', not '{code[17]}'");
        return null;
    }

    /// <summary>True when <paramref name="code"/> is a valid code (<see cref="Check"/> finds no fault).</summary>
    /// <param name="code">The code as given.</param>
    public static bool IsValid(string? code) => Check(code) is null;
}

/// <summary>Why a 统一社会信用代码 is invalid: the 1-based position of the first bad character (0 when the length is wrong)
/// and a message naming the rule. Immutable; thread-safe.</summary>
/// <param name="Position">1…18, or 0 for a wrong length.</param>
/// <param name="Message">English message naming the position, the character and the clause.</param>
public sealed record UsccFault(int Position, string Message);
