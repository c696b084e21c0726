using SmartEnv.Standards.Identifiers;

namespace SmartEnv.Supervision.Permits;

/// <summary>Result of <see cref="PermitNumber.Check"/>. Immutable; thread-safe.</summary>
/// <param name="Valid">True when the number has the HJ 608-2017 shape and its USCC part passes <see cref="Uscc.Check"/>.</param>
/// <param name="Reason">Why it is invalid, naming the 1-based position in the 22 characters; null when valid.</param>
/// <param name="Uscc">Positions 1–18, the discharger's 统一社会信用代码; null when invalid.</param>
/// <param name="SiteSequence">Positions 19–21, the sequence of the unit's production site (001, 002 …); null when invalid.</param>
/// <param name="Letter">Position 22, the 标识码 letter; null when invalid.</param>
/// <param name="LetterIsP">True when the letter is <c>P</c> (排污许可证). Other letters (e.g. on registration numbers) are
/// valid and stored as given; their meaning is not confirmed (supervision.md §2.3 [U]), so they are flagged, not refused.</param>
public sealed record PermitNumberCheck(bool Valid, string? Reason, string? Uscc, int? SiteSequence, char? Letter, bool LetterIsP);

/// <summary>
/// 排污许可证编号 (also the 固定污染源 code and, with other letters, the 排污登记 number), HJ 608-2017 《排污单位编码规则》
/// Appendix A (supervision.md §2.3 [S]): 22 characters = the unit's 统一社会信用代码 (18, GB 32100-2015) + a 3-digit
/// sequence of its production sites (001, 002 …) + one upper-case letter 标识码 (<c>P</c> for a permit), e.g.
/// <c>91130200699229617X001P</c>. The number is issued by the national platform (条例 Art. 12), so SmartEnv stores it as
/// given and refuses only what cannot be such a number: wrong length, a USCC part that fails GB 32100, a non-digit in
/// 19–21, anything but A–Z in 22. Input is not trimmed or upper-cased (the caller's job, as for <see cref="Uscc"/>).
/// Pure and thread-safe.
/// </summary>
public static class PermitNumber
{
    /// <summary>Length of a number (HJ 608-2017 Appendix A: 18 + 3 + 1).</summary>
    public const int Length = 22;

    /// <summary>Checks <paramref name="input"/>.</summary>
    /// <param name="input">The number as given.</param>
    /// <returns>The check; on failure <see cref="PermitNumberCheck.Reason"/> names the position, for the USCC part the
    /// GB 32100 fault of <see cref="Uscc.Check"/> (with the expected check character for position 18).</returns>
    public static PermitNumberCheck Check(string? input)
    {
        static PermitNumberCheck Bad(string reason) => new(false, reason, null, null, null, false);
        if (input is null || input.Length != Length)
            return Bad($"a permit number has {Length} characters (HJ 608-2017: 统一社会信用代码 18 + site sequence 3 + letter 1); got {input?.Length ?? 0}");
        if (Standards.Identifiers.Uscc.Check(input[..18]) is { } fault)
            return Bad($"positions 1–18 are the 统一社会信用代码: {fault.Message}");
        for (var i = 18; i < 21; i++)
            if (input[i] is < '0' or > '9')
                return Bad($"position {i + 1}: '{input[i]}' — positions 19–21 are the 3-digit site sequence (HJ 608-2017), digits only");
        var letter = input[21];
        if (letter is < 'A' or > 'Z')
            return Bad($"position 22: '{letter}' — the 标识码 is one upper-case letter A–Z (HJ 608-2017; P for a permit)");
        return new PermitNumberCheck(true, null, input[..18], int.Parse(input.AsSpan(18, 3), System.Globalization.CultureInfo.InvariantCulture), letter, letter == 'P');
    }
}

/// <summary>
/// 排放口编号 (outlet code) within a permit, HJ 608-2017 (supervision.md §2.3 [S]): <c>D</c> + <c>A</c> (air) or <c>W</c>
/// (water) + a 3-digit sequence, e.g. <c>DA001</c>, <c>DW001</c>. Upper case as printed in permits. Pure and thread-safe.
/// </summary>
public static class OutletCode
{
    /// <summary>True when <paramref name="code"/> matches <c>^D[AW]\d{3}$</c> (ASCII digits).</summary>
    /// <param name="code">The code as given.</param>
    /// <param name="medium">Air for <c>DA</c>, water for <c>DW</c>; <see cref="OutletMedium.Air"/> when false.</param>
    public static bool IsValid(string? code, out OutletMedium medium)
    {
        medium = OutletMedium.Air;
        if (Reason(code) is not null) return false;
        medium = code![1] == 'A' ? OutletMedium.Air : OutletMedium.Water;
        return true;
    }

    /// <summary>Why <paramref name="code"/> is not an outlet code (naming the 1-based position), or null when it is one.</summary>
    /// <param name="code">The code as given.</param>
    public static string? Reason(string? code)
    {
        if (code is null || code.Length != 5)
            return $"an outlet code has 5 characters (HJ 608-2017: D + A|W + 3 digits, e.g. DA001); got {code?.Length ?? 0}";
        if (code[0] != 'D') return $"position 1: '{code[0]}' — an outlet code starts with D (排放口)";
        if (code[1] is not ('A' or 'W')) return $"position 2: '{code[1]}' — A (废气) or W (废水)";
        for (var i = 2; i < 5; i++)
            if (code[i] is < '0' or > '9') return $"position {i + 1}: '{code[i]}' — positions 3–5 are digits";
        return null;
    }
}
