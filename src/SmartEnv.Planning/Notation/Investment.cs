using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartEnv.Planning.Notation;

/// <summary>
/// A total-investment cell of the project table in 万元 (10,000 CNY), exact. <c>4186（34880*12%）</c> is amount 4186 with
/// note <c>34880*12%</c> (the district's 12 % share of a 34880 万元 project); <see cref="NoteValue"/> evaluates such a
/// product when it has that form.
/// </summary>
/// <param name="Raw">The cell exactly as printed.</param>
/// <param name="Amount">The amount in 万元, null when the cell holds no leading number.</param>
/// <param name="Note">The text in brackets after the amount, null when none.</param>
public sealed partial record Investment(string Raw, decimal? Amount, string? Note)
{
    [GeneratedRegex(@"^(?<a>\d+(?:\.\d+)?)\s*(?:[（(](?<note>[^）)]*)[）)])?\s*$")]
    private static partial Regex CellRx();

    [GeneratedRegex(@"^\s*(?<a>\d+(?:\.\d+)?)\s*[*×]\s*(?<b>\d+(?:\.\d+)?)\s*(?<pct>%)?\s*$")]
    private static partial Regex ProductRx();

    /// <summary>Parses a cell; never throws. Thousands separators are not accepted (the plan prints none).</summary>
    /// <param name="raw">The cell as printed.</param>
    public static Investment Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var m = CellRx().Match(raw.Trim());
        if (!m.Success) return new Investment(raw, null, null);
        var note = m.Groups["note"].Success ? m.Groups["note"].Value : null;
        return new Investment(raw, decimal.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), note);
    }

    /// <summary>The value of a note of the form <c>a*b</c> or <c>a*b%</c> (exact), null otherwise.</summary>
    public decimal? NoteValue
    {
        get
        {
            if (Note is null) return null;
            var m = ProductRx().Match(Note);
            if (!m.Success) return null;
            var a = decimal.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
            var b = decimal.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
            return m.Groups["pct"].Success ? a * b / 100m : a * b;
        }
    }

    /// <summary>The amount as an exact invariant string without trailing zeros beyond the printed scale (e.g. <c>13256.24</c>).</summary>
    public string AmountText => Amount?.ToString(CultureInfo.InvariantCulture) ?? "";
}
