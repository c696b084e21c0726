namespace SmartEnv.Standards.Identifiers;

/// <summary>
/// 统一社会信用代码 (unified social credit identifier, USCC) of a legal entity or other organisation, checked per
/// GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》 (with amendment No. 1, XG1-2016). An enterprise (排污单位) is
/// keyed by it in the registry (<c>enterprises.uscc</c>) and bound to user accounts by it.
/// <para>Structure (GB 32100-2015 §4, figure 1), 18 characters, positions 1-based:</para>
/// <list type="number">
/// <item>position 1 — 登记管理部门代码 (registration authority, table 1) and position 2 — 机构类别代码 (organisation category,
/// whose meaning depends on position 1): the pairs are data, <c>Identifiers/uscc-categories.tsv</c> (embedded; base table of
/// GB 32100-2015 with XG1-2016 [S], later additions such as G 公安, J 住建, Q 侨联 [U], see supervision.md §1.3). The table
/// grows by amendment, so a pair outside it is only a <see cref="Warnings"/> entry, never a <see cref="Check"/> fault;</item>
/// <item>positions 3–8 — 登记管理机关行政区划码 (GB/T 2260 administrative division of the registering authority): six digits
/// whose first two name a province-level division (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82) or <c>10</c>
/// (the central level, <c>100000</c>);</item>
/// <item>positions 9–17 — 主体标识码 (组织机构代码, GB 11714-1997): eight body characters (digits or letters) and their own check
/// character: C9 = 11 − (Σ Ci·Wi mod 11) with weights W = 3 7 9 10 5 8 4 2, digits valued 0–9 and letters A–Z 10–35;
/// C9 = 10 is written <c>X</c>, C9 = 11 is written <c>0</c>. A mismatch is a <see cref="Warnings"/> entry only (supervision.md
/// §1.4: the embedded check is advisory; real codes with a wrong position 17 exist and GB 32100's own check covers them);</item>
/// <item>position 18 — 校验码 (GB 32100-2015 §5, after GB/T 17710 / ISO 7064 MOD 31-3): C18 = 31 − (Σ Ci·Wi mod 31) over
/// positions i = 1…17 with Wi = 3^(i−1) mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) and character values
/// from the code set (table 2: 0–9 → 0–9, A 10 B 11 C 12 D 13 E 14 F 15 G 16 H 17 J 18 K 19 L 20 M 21 N 22 P 23 Q 24 R 25
/// T 26 U 27 W 28 X 29 Y 30); C18 = 31 is written <c>0</c>.</item>
/// </list>
/// <para>Code set (GB 32100-2015 §4.1): the digits and the upper-case letters except I, O, Z, S, V — 31 characters.
/// Lower case is not part of the code: <see cref="Check"/> refuses it (naming the position); callers that accept user
/// input may upper-case first, the registry stores the standard's upper-case spelling.</para>
/// <para><see cref="Check"/> refuses only what GB 32100-2015 makes impossible: the length, a character outside the code set,
/// a non-digit or unknown province in positions 3–8, and a wrong check character in position 18 (the fault names the
/// expected character). <see cref="Warnings"/> lists what is kept but flagged: positions 1–2 outside the category table and
/// the GB 11714 check of position 17.</para>
/// Pure and thread-safe.
/// </summary>
public static class Uscc
{
    /// <summary>Length of a code (GB 32100-2015 §4).</summary>
    public const int Length = 18;

    /// <summary>The 31 characters of the code set in value order (GB 32100-2015 table 2): index = value.</summary>
    public const string CodeSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly Lazy<IReadOnlyList<UsccCategory>> CategoryTable = new(LoadCategories);
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

    /// <summary>Checks <paramref name="code"/> against the hard rules of GB 32100-2015 (length, code set, positions 3–8
    /// digits of a province-level GB/T 2260 code, position 18 check character), in position order. Positions 1–2 and 17
    /// are not refused here: see <see cref="Warnings"/>.</summary>
    /// <param name="code">The code as given (not trimmed, not upper-cased).</param>
    /// <returns>Null when valid; else the first fault, naming the 1-based position (0 for the length); a position-18 fault
    /// names the expected character (<c>expected 'X'</c>).</returns>
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
            // Positions 1–17 are in the code set here, so the check character they call for can be named (GB 32100 §5).
            var expected = i == Length - 1 ? $"; expected '{CheckCharacter(code.AsSpan(0, 17))}'" : "";
            return new UsccFault(i + 1, $"position {i + 1}: '{ch}' is not in the code set (GB 32100-2015 §4.1: {why}){expected}");
        }
        for (var i = 2; i < 8; i++)
            if (code[i] is < '0' or > '9')
                return new UsccFault(i + 1, $"position {i + 1}: '{code[i]}' — positions 3–8 are the GB/T 2260 administrative division code, digits only");
        var province = (code[2] - '0') * 10 + (code[3] - '0');
        if (Array.IndexOf(ProvincePrefixes, province) < 0)
            return new UsccFault(3, $"position 3: '{code[2..4]}' is not a GB/T 2260 province-level code (nor 10, the central level)");
        var check = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != check)
            return new UsccFault(18, $"position 18: the check character (GB 32100-2015 §5) of {code[..17]} is wrong: expected '{check}', got '{code[17]}'");
        return null;
    }

    /// <summary>The position-1 → position-2 pairs of <c>uscc-categories.tsv</c> (embedded), in file order.</summary>
    public static IReadOnlyList<UsccCategory> Categories => CategoryTable.Value;

    /// <summary>What is kept but flagged in a code: position 1 not a registration authority of the category table; position 2
    /// not a category of that authority in the table (supervision.md §1.3: "do not reject an unknown position-2 code, only
    /// flag it"); position 17 not the GB 11714-1997 check character of positions 9–16 (supervision.md §1.4: warn only).</summary>
    /// <param name="code">The code as given.</param>
    /// <returns>The warnings in position order, each naming its position; empty when there are none, and empty when the code
    /// is not 18 characters of the code set (then <see cref="Check"/> says why).</returns>
    public static IReadOnlyList<UsccFault> Warnings(string? code)
    {
        if (code is null || code.Length != Length) return [];
        foreach (var ch in code)
            if (!CodeSet.Contains(ch, StringComparison.Ordinal)) return [];
        var list = new List<UsccFault>();
        var table = CategoryTable.Value;
        var ofAuthority = table.Where(c => c.Authority == code[0]).ToList();
        if (ofAuthority.Count == 0)
            list.Add(new UsccFault(1, $"position 1: '{code[0]}' is not a registration authority code of the table (GB 32100-2015 table 1 with XG1-2016 and later additions: {string.Concat(table.Select(c => c.Authority).Distinct())}); kept as given"));
        else if (!ofAuthority.Any(c => c.Category == code[1]))
            list.Add(new UsccFault(2, $"position 2: '{code[1]}' is not an organisation category of authority '{code[0]}' ({ofAuthority[0].AuthorityName}) in the table (known: {string.Concat(ofAuthority.Select(c => c.Category))}); kept as given"));
        var org = OrganisationCheckCharacter(code.AsSpan(8, 8));
        if (code[16] != org)
            list.Add(new UsccFault(17, $"position 17: GB 11714 check of {code[8..16]} is {org}, not {code[16]} (advisory: the GB 32100 check character governs)"));
        return list;
    }

    private static IReadOnlyList<UsccCategory> LoadCategories()
    {
        const string name = "SmartEnv.Standards.Identifiers.uscc-categories.tsv";
        using var stream = typeof(Uscc).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var reader = new StreamReader(stream);
        var rows = new List<UsccCategory>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header) { header = false; continue; }
            var f = line.Split('\t');
            if (f.Length != 6 || f[0].Length != 1 || f[1].Length != 1)
                throw new InvalidOperationException($"{name}: malformed row '{line}'");
            rows.Add(new UsccCategory(f[0][0], f[1][0], f[2], f[3], f[4], f[5]));
        }
        return rows;
    }

    /// <summary>True when <paramref name="code"/> is a valid code (<see cref="Check"/> finds no fault).</summary>
    /// <param name="code">The code as given.</param>
    public static bool IsValid(string? code) => Check(code) is null;
}

/// <summary>One row of <c>uscc-categories.tsv</c>: a registration authority (position 1) and one of its organisation
/// categories (position 2). Immutable; thread-safe.</summary>
/// <param name="Authority">Position-1 character.</param>
/// <param name="Category">Position-2 character.</param>
/// <param name="AuthorityName">登记管理部门 name (Chinese).</param>
/// <param name="CategoryName">机构类别 name (Chinese).</param>
/// <param name="Confidence"><c>S</c> (two or more secondary sources agree) or <c>U</c> (one source), supervision.md legend.</param>
/// <param name="Source">Where the row comes from.</param>
public sealed record UsccCategory(char Authority, char Category, string AuthorityName, string CategoryName, string Confidence, string Source);

/// <summary>Why a 统一社会信用代码 is invalid (from <see cref="Uscc.Check"/>), or what is flagged in a valid one (from
/// <see cref="Uscc.Warnings"/>): the 1-based position of the bad character (0 when the length is wrong) and a message
/// naming the rule. Immutable; thread-safe.</summary>
/// <param name="Position">1…18, or 0 for a wrong length.</param>
/// <param name="Message">English message naming the position, the character and the clause.</param>
public sealed record UsccFault(int Position, string Message);
