using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartEnv.Planning.Notation;

/// <summary>What a printed value cell of the plan's tables means.</summary>
public enum PlanValueKind
{
    /// <summary>A plain number, e.g. <c>90.4</c>, <c>≥88</c>, <c>≤35</c>.</summary>
    Number,
    /// <summary><c>[x]</c>: a 4-year cumulative value (2016–2019 for the 13th plan, as printed in 专栏2's baseline column).</summary>
    Cumulative4Year,
    /// <summary><c>【x】</c>: a 5-year cumulative value over the whole plan period.</summary>
    Cumulative5Year,
    /// <summary><c>—</c>, <c>-</c> or <c>——</c>: no value (no baseline, or not applicable).</summary>
    NoValue,
    /// <summary><c>市级下达</c>: the target is issued by the municipality later (settable on the indicator).</summary>
    SetByMunicipality,
    /// <summary>A surface-water class per GB 3838-2002 (<c>Ⅲ</c>, <c>II</c>); <see cref="PlanValue.Number"/> holds 1–5 (6 for 劣Ⅴ).</summary>
    WaterClass,
    /// <summary>Several labelled values in one cell, e.g. <c>化学需氧量[13.87%]、氨氮[7.86]</c> (see <see cref="PlanValue.Parts"/>).</summary>
    Composite,
    /// <summary>Text the parser does not understand; kept raw, no number.</summary>
    Text,
}

/// <summary>A comparator printed before a target (<c>≥</c>, <c>≤</c>) or stated in the plan's text.</summary>
public enum Comparator
{
    /// <summary>No comparator printed.</summary>
    None,
    /// <summary><c>≥</c> at least.</summary>
    AtLeast,
    /// <summary><c>≤</c> at most.</summary>
    AtMost,
    /// <summary><c>=</c> exactly (used by the plan text for "达到100%"-type targets).</summary>
    Equal,
}

/// <summary>One labelled part of a composite cell, e.g. label <c>化学需氧量</c>, value <c>[13.87%]</c>.</summary>
/// <param name="Label">The text before the value (may be empty).</param>
/// <param name="Value">The parsed value.</param>
public sealed record PlanValuePart(string Label, PlanValue Value);

/// <summary>
/// A value cell of the plan's tables, parsed but never reduced: <see cref="Raw"/> is the cell exactly as printed and is
/// what every exporter writes back. Numbers are exact <see cref="decimal"/>s.
/// </summary>
/// <param name="Raw">The cell text exactly as printed (not trimmed).</param>
/// <param name="Kind">What the notation means.</param>
/// <param name="Comparator">Printed comparator (<c>≥</c>/<c>≤</c>), <see cref="Comparator.None"/> when absent.</param>
/// <param name="Number">The numeric value (percent values without the % sign), null for <see cref="PlanValueKind.NoValue"/>,
/// <see cref="PlanValueKind.SetByMunicipality"/>, <see cref="PlanValueKind.Composite"/> and <see cref="PlanValueKind.Text"/>.</param>
/// <param name="Note">Text printed after the value, e.g. <c>年均3.55</c> in <c>【16.5】年均3.55</c>; null when none.</param>
/// <param name="Parts">Parts of a <see cref="PlanValueKind.Composite"/> cell; empty otherwise.</param>
public sealed record PlanValue(string Raw, PlanValueKind Kind, Comparator Comparator, decimal? Number, string? Note, IReadOnlyList<PlanValuePart> Parts)
{
    /// <summary>True when the cell carries a usable number.</summary>
    public bool HasNumber => Number is not null;

    /// <summary>True for <c>[x]</c> and <c>【x】</c> cumulative values.</summary>
    public bool IsCumulative => Kind is PlanValueKind.Cumulative4Year or PlanValueKind.Cumulative5Year;

    /// <inheritdoc/>
    public bool Equals(PlanValue? other) =>
        other is not null && Raw == other.Raw && Kind == other.Kind && Comparator == other.Comparator && Number == other.Number
        && Note == other.Note && Parts.SequenceEqual(other.Parts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Raw, Kind, Comparator, Number);

    /// <summary>Parses a printed cell; never throws — unknown notation becomes <see cref="PlanValueKind.Text"/>.</summary>
    /// <param name="raw">The cell as printed.</param>
    public static PlanValue Parse(string raw) => PlanValueParser.Parse(raw);

    /// <summary>A number value with an optional comparator, as entered by a user (e.g. a target issued by the city).</summary>
    /// <param name="number">The value.</param>
    /// <param name="comparator">The comparator.</param>
    /// <param name="raw">The text to keep; defaults to the comparator sign followed by the invariant number.</param>
    public static PlanValue FromNumber(decimal number, Comparator comparator = Comparator.None, string? raw = null) =>
        new(raw ?? PlanValueParser.Sign(comparator) + number.ToString(CultureInfo.InvariantCulture), PlanValueKind.Number, comparator, number, null, []);
}

/// <summary>The parser of the plan's value notation (see data/plan/README.md in the shared folder).</summary>
public static partial class PlanValueParser
{
    [GeneratedRegex(@"^(?<cmp>[≥≤=]|>=|<=)?\s*(?<num>[+-]?\d+(?:\.\d+)?)\s*%?\s*$")]
    private static partial Regex NumberRx();

    [GeneratedRegex(@"^(?<open>[\[【])\s*(?<num>\d+(?:\.\d+)?)\s*%?\s*(?<close>[\]】])(?<note>.*)$")]
    private static partial Regex CumulativeRx();

    [GeneratedRegex(@"[\[【]\s*\d+(?:\.\d+)?\s*%?\s*[\]】]")]
    private static partial Regex AnyCumulativeRx();

    /// <summary>Text for a comparator: <c>≥</c>, <c>≤</c>, <c>=</c> or empty.</summary>
    /// <param name="comparator">The comparator.</param>
    public static string Sign(Comparator comparator) => comparator switch
    {
        Comparator.AtLeast => "≥",
        Comparator.AtMost => "≤",
        Comparator.Equal => "=",
        _ => "",
    };

    /// <summary>Parses a comparator column (<c>≥</c>, <c>≤</c>, <c>=</c>, <c>&gt;=</c>, <c>&lt;=</c>, empty).</summary>
    /// <param name="text">The cell.</param>
    /// <returns>The comparator, or null when the text is none of these.</returns>
    public static Comparator? ParseComparator(string text) => text.Trim() switch
    {
        "" => Comparator.None,
        "≥" or ">=" => Comparator.AtLeast,
        "≤" or "<=" => Comparator.AtMost,
        "=" => Comparator.Equal,
        _ => null,
    };

    /// <summary>Parses a Roman numeral water class (Unicode <c>Ⅰ…Ⅴ</c> or ASCII <c>I…V</c>, <c>劣Ⅴ</c> = 6).</summary>
    /// <param name="text">The cell.</param>
    /// <returns>1–6, or null.</returns>
    public static int? ParseWaterClass(string text) => text.Trim() switch
    {
        "Ⅰ" or "I" => 1,
        "Ⅱ" or "II" => 2,
        "Ⅲ" or "III" => 3,
        "Ⅳ" or "IV" => 4,
        "Ⅴ" or "V" => 5,
        "劣Ⅴ" or "劣V" => 6,
        _ => null,
    };

    /// <summary>Parses one cell. Rules: <c>—</c>/<c>-</c>/<c>——</c>/empty → no value; <c>市级下达</c> → set later;
    /// <c>[x]</c> → 4-year cumulative, <c>【x】</c> → 5-year cumulative (text after the bracket kept as note);
    /// optional <c>≥</c>/<c>≤</c>/<c>=</c> then a number (a trailing % is dropped); a Roman numeral → water class;
    /// several bracketed values separated by <c>、</c> → composite; anything else → text.</summary>
    /// <param name="raw">The cell as printed.</param>
    public static PlanValue Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var t = raw.Trim();
        if (t is "" or "—" or "-" or "——" or "--" or "/")
            return new PlanValue(raw, PlanValueKind.NoValue, Comparator.None, null, null, []);
        if (t == "市级下达")
            return new PlanValue(raw, PlanValueKind.SetByMunicipality, Comparator.None, null, null, []);
        var m = NumberRx().Match(t);
        if (m.Success)
        {
            var cmp = ParseComparator(m.Groups["cmp"].Value) ?? Comparator.None;
            return new PlanValue(raw, PlanValueKind.Number, cmp, decimal.Parse(m.Groups["num"].Value, NumberStyles.Number, CultureInfo.InvariantCulture), null, []);
        }
        var c = CumulativeRx().Match(t);
        if (c.Success && (c.Groups["open"].Value == "[") == (c.Groups["close"].Value == "]"))
        {
            var kind = c.Groups["open"].Value == "[" ? PlanValueKind.Cumulative4Year : PlanValueKind.Cumulative5Year;
            var note = c.Groups["note"].Value.Trim();
            return new PlanValue(raw, kind, Comparator.None, decimal.Parse(c.Groups["num"].Value, CultureInfo.InvariantCulture), note.Length == 0 ? null : note, []);
        }
        var wc = ParseWaterClass(t);
        if (wc is not null)
            return new PlanValue(raw, PlanValueKind.WaterClass, Comparator.None, wc, null, []);
        if (AnyCumulativeRx().Matches(t).Count > 1)
        {
            var parts = new List<PlanValuePart>();
            foreach (var piece in t.Split('、'))
            {
                var b = piece.IndexOfAny(['[', '【']);
                var label = b < 0 ? piece : piece[..b];
                parts.Add(new PlanValuePart(label.Trim(), Parse(b < 0 ? "" : piece[b..])));
            }
            return new PlanValue(raw, PlanValueKind.Composite, Comparator.None, null, null, parts);
        }
        return new PlanValue(raw, PlanValueKind.Text, Comparator.None, null, null, []);
    }
}
