namespace SmartEnv.Supervision.Waste.Catalogue;

/// <summary>Hazard characteristics of the 《国家危险废物名录》 Art. 5(四) (supervision.md §3.1 [P]). Stored and printed by
/// their list abbreviations (<c>T</c>, <c>C</c>, <c>I</c>, <c>R</c>, <c>In</c>).</summary>
public enum HazardCharacteristic
{
    /// <summary>毒性 Toxicity.</summary>
    T,

    /// <summary>腐蚀性 Corrosivity.</summary>
    C,

    /// <summary>易燃性 Ignitability.</summary>
    I,

    /// <summary>反应性 Reactivity.</summary>
    R,

    /// <summary>感染性 Infectivity.</summary>
    In,
}

/// <summary>How the characteristics of one list entry are joined (名录 table note 1).</summary>
public enum HazardJoin
{
    /// <summary>One characteristic, e.g. <c>T</c>.</summary>
    Single,

    /// <summary>Separated by the full-width comma "，", e.g. <c>T，I</c>: the waste <b>has the first</b> characteristic and
    /// may have the others.</summary>
    FirstCertain,

    /// <summary>Separated by "/", e.g. <c>T/C/I/R</c>: the waste has <b>one or more</b> of them (which is not said).</summary>
    AnyOf,
}

/// <summary>
/// The hazard-characteristic text of one list entry, parsed (名录 Art. 5(四) and table note 1; supervision.md §3.1 [P]).
/// The 2021 list uses <c>T</c>, <c>C</c>, <c>In</c>, <c>R</c>, <c>T/In</c>, <c>T/C</c>, <c>T/C/I/R</c>, <c>T/C/I/R/In</c>
/// and "，" lists such as <c>T，I</c>, <c>C，T</c>, <c>T，I，R</c>. Immutable; thread-safe.
/// </summary>
/// <param name="Items">The characteristics in the order written (for <see cref="HazardJoin.FirstCertain"/> the first is the
/// certain one).</param>
/// <param name="Join">How they are joined.</param>
/// <param name="Text">The text as written in the list (full-width "，" kept).</param>
public sealed record HazardCharacteristics(IReadOnlyList<HazardCharacteristic> Items, HazardJoin Join, string Text)
{
    /// <summary>The characteristics the waste certainly has: the single one, the first of a "，" list, none for a "/" list
    /// (which says only "one or more of").</summary>
    public IReadOnlyList<HazardCharacteristic> Certain => Join switch
    {
        HazardJoin.AnyOf => [],
        _ => [Items[0]],
    };

    /// <summary>The list's Chinese name of a characteristic (名录 Art. 5(四)): 毒性, 腐蚀性, 易燃性, 反应性, 感染性 — the words
    /// printed under the pictograms of an HJ 1276 label.</summary>
    /// <param name="c">The characteristic.</param>
    public static string NameZh(HazardCharacteristic c) => c switch
    {
        HazardCharacteristic.T => "毒性",
        HazardCharacteristic.C => "腐蚀性",
        HazardCharacteristic.I => "易燃性",
        HazardCharacteristic.R => "反应性",
        HazardCharacteristic.In => "感染性",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The English name of a characteristic (Toxicity, Corrosivity, Ignitability, Reactivity, Infectivity).</summary>
    /// <param name="c">The characteristic.</param>
    public static string NameEn(HazardCharacteristic c) => c switch
    {
        HazardCharacteristic.T => "Toxicity",
        HazardCharacteristic.C => "Corrosivity",
        HazardCharacteristic.I => "Ignitability",
        HazardCharacteristic.R => "Reactivity",
        HazardCharacteristic.In => "Infectivity",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Equal when the same characteristics are joined the same way (the text follows from them).</summary>
    /// <param name="other">The other value.</param>
    public bool Equals(HazardCharacteristics? other) =>
        other is not null && Join == other.Join && Items.SequenceEqual(other.Items);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Join, Text);

    /// <summary>Parses a list text: abbreviations <c>T C I R In</c> (case as printed) joined by either "，" (U+FF0C) or
    /// "/" throughout. Refused: empty text, blanks, an unknown abbreviation, the ASCII comma (the list prints the
    /// full-width "，", and "," vs "/" changes the meaning, so it is not repaired), both separators in one text, a
    /// characteristic written twice.</summary>
    /// <param name="text">The text, e.g. <c>T，I</c> or <c>T/C/I/R</c>.</param>
    /// <param name="value">The parsed value; null when refused.</param>
    /// <param name="reason">Why refused (English); null when valid.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParse(string? text, out HazardCharacteristics? value, out string? reason)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) { reason = "empty; hazard characteristics are T, C, I, R, In joined by '，' or '/'"; return false; }
        if (text.Any(char.IsWhiteSpace)) { reason = "contains blanks; write e.g. T，I or T/C/I/R as in the list"; return false; }
        if (text.Contains(',')) { reason = "ASCII comma ','; the list writes '，' (has the first, may have the others) or '/' (one or more of them) — say which"; return false; }
        var full = text.Contains('，');
        var slash = text.Contains('/');
        if (full && slash) { reason = "mixes '，' and '/'; the list uses one separator per entry"; return false; }
        var parts = text.Split(full ? '，' : '/');
        var items = new List<HazardCharacteristic>(parts.Length);
        foreach (var p in parts)
        {
            HazardCharacteristic? c = p switch
            {
                "T" => HazardCharacteristic.T,
                "C" => HazardCharacteristic.C,
                "I" => HazardCharacteristic.I,
                "R" => HazardCharacteristic.R,
                "In" => HazardCharacteristic.In,
                _ => null,
            };
            if (c is null) { reason = $"'{p}' is not a characteristic; use T (毒性), C (腐蚀性), I (易燃性), R (反应性), In (感染性)"; return false; }
            if (items.Contains(c.Value)) { reason = $"'{p}' is written twice"; return false; }
            items.Add(c.Value);
        }
        var join = items.Count == 1 ? HazardJoin.Single : full ? HazardJoin.FirstCertain : HazardJoin.AnyOf;
        value = new HazardCharacteristics(items, join, text);
        reason = null;
        return true;
    }

    /// <summary>Parses or throws.</summary>
    /// <param name="text">The list text.</param>
    /// <exception cref="FormatException">Refused; the message holds the reason of <see cref="TryParse"/>.</exception>
    public static HazardCharacteristics Parse(string? text) =>
        TryParse(text, out var v, out var reason) ? v! : throw new FormatException($"hazard characteristics '{text}': {reason}");
}
