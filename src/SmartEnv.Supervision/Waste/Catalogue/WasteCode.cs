namespace SmartEnv.Supervision.Waste.Catalogue;

/// <summary>
/// A hazardous-waste code (危险废物代码) of the 《国家危险废物名录》, Art. 5(三) (supervision.md §3.1 [P]): 8 digits,
/// positions 1–3 the 产生行业代码 (GB/T 4754-2017 industry; <c>900</c> = 非特定行业), 4–6 the 顺序代码, 7–8 the 类别代码;
/// printed and stored as <c>ddd-ddd-dd</c>, e.g. <c>900-041-49</c>. The category <c>HWnn</c> is the last two digits.
/// <c>900-000-XX</c> is the code of a waste found hazardous by 鉴别 (identification) but not listed (名录 Art. 6; the 2025
/// edition adds that an existing code must be used first when one fits).
/// <para>This type checks the shape only; whether a code is listed (or, for 900-000-XX, whether its category exists) is
/// <see cref="HwCatalogues.Check"/>. Immutable value; thread-safe.</para>
/// </summary>
/// <param name="Industry">Digits 1–3 (industry code).</param>
/// <param name="Sequence">Digits 4–6 (sequence).</param>
/// <param name="CategoryDigits">Digits 7–8 (category, e.g. <c>49</c>).</param>
public readonly record struct WasteCode(string Industry, string Sequence, string CategoryDigits)
{
    /// <summary>Industry digits of the unlisted code <c>900-000-XX</c> (名录 Art. 6).</summary>
    public const string UnlistedIndustry = "900";

    /// <summary>Sequence digits of the unlisted code <c>900-000-XX</c>.</summary>
    public const string UnlistedSequence = "000";

    /// <summary>The printed form <c>ddd-ddd-dd</c>, e.g. <c>900-041-49</c>.</summary>
    public string Value => $"{Industry}-{Sequence}-{CategoryDigits}";

    /// <summary>The category, <c>HW</c> + the last two digits, e.g. <c>HW49</c>.</summary>
    public string Category => "HW" + CategoryDigits;

    /// <summary>True for <c>900-000-XX</c>: identified as hazardous by 鉴别, not in the list (名录 Art. 6).</summary>
    public bool IsUnlisted => Industry == UnlistedIndustry && Sequence == UnlistedSequence;

    /// <summary>The 8 digits without hyphens (e.g. for the 数字识别码 segment of a label).</summary>
    public string Digits => Industry + Sequence + CategoryDigits;

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Parses exactly <c>ddd-ddd-dd</c> (ASCII digits, ASCII hyphen-minus, nothing before or after). Nothing is
    /// trimmed, upper-cased or repaired: a code written another way is refused with the reason, so that a foreign or
    /// mistyped code is never stored as if it were right.</summary>
    /// <param name="text">The code as given.</param>
    /// <param name="code">The code when valid; default otherwise.</param>
    /// <param name="reason">Why it is refused (English, names the position); null when valid.</param>
    /// <returns>True when <paramref name="text"/> has the shape.</returns>
    public static bool TryParse(string? text, out WasteCode code, out string? reason)
    {
        code = default;
        reason = Fault(text);
        if (reason is not null) return false;
        code = new WasteCode(text![..3], text.Substring(4, 3), text.Substring(8, 2));
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws.</summary>
    /// <param name="text">The code, <c>ddd-ddd-dd</c>.</param>
    /// <exception cref="FormatException">Not of the shape; the message is the reason of <see cref="TryParse"/>.</exception>
    public static WasteCode Parse(string? text) =>
        TryParse(text, out var c, out var reason) ? c : throw new FormatException($"waste code '{text}': {reason}");

    private static string? Fault(string? t)
    {
        if (string.IsNullOrEmpty(t)) return "empty; a waste code is ddd-ddd-dd (名录 Art. 5), e.g. 900-041-49";
        if (t.Trim().Length != t.Length) return "leading or trailing blanks; a waste code is exactly ddd-ddd-dd";
        if (t.Length == 8 && t.All(char.IsAsciiDigit))
            return $"8 digits without hyphens; write it as {t[..3]}-{t.Substring(3, 3)}-{t[6..]} (ddd-ddd-dd as printed in the list)";
        if (t.Length != 10) return $"{t.Length} characters; a waste code is 10: ddd-ddd-dd (名录 Art. 5), e.g. 900-041-49";
        for (var i = 0; i < 10; i++)
        {
            var c = t[i];
            if (i is 3 or 7)
            {
                if (c != '-') return $"position {i + 1}: '{c}' — positions 4 and 8 are the ASCII hyphen '-' (ddd-ddd-dd)";
            }
            else if (!char.IsAsciiDigit(c))
                return $"position {i + 1}: '{c}' — only the ASCII digits 0–9 are allowed besides the two hyphens (ddd-ddd-dd)";
        }
        if (t[8] == '0' && t[9] == '0') return "category digits 00: categories run HW01–HW50 (名录 Art. 5), there is no HW00";
        return null;
    }
}
