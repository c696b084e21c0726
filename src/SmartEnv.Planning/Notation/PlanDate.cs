using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartEnv.Planning.Notation;

/// <summary>What a printed start/end cell of the project table means.</summary>
public enum PlanDateKind
{
    /// <summary><c>2021.7</c>, <c>2021.07</c>, <c>2020.12</c>: a month.</summary>
    YearMonth,
    /// <summary><c>2021</c>: a year only.</summary>
    Year,
    /// <summary><c>待定</c>: to be decided.</summary>
    ToBeDecided,
    /// <summary><c>——</c>, <c>—</c>, <c>-</c> or empty: not given.</summary>
    NotGiven,
    /// <summary>Anything else; kept raw, no date.</summary>
    Unparsed,
}

/// <summary>
/// A planned start or end as printed in the major-project table (raw kept for export). A <c>YYYY.M</c> cell is always read
/// as year and month (<c>2021.1</c> is January, <c>2021.10</c> October), never as a decimal number.
/// </summary>
/// <param name="Raw">The cell exactly as printed.</param>
/// <param name="Kind">What it means.</param>
/// <param name="Year">The year, when given.</param>
/// <param name="Month">The month 1–12 for <see cref="PlanDateKind.YearMonth"/>, else null.</param>
public sealed partial record PlanDate(string Raw, PlanDateKind Kind, int? Year, int? Month)
{
    [GeneratedRegex(@"^(?<y>(19|20)\d\d)(?:[.．/-](?<m>\d{1,2}))?$")]
    private static partial Regex DateRx();

    /// <summary>Parses a cell; never throws.</summary>
    /// <param name="raw">The cell as printed.</param>
    public static PlanDate Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var t = raw.Trim();
        if (t is "" or "——" or "—" or "-" or "--")
            return new PlanDate(raw, PlanDateKind.NotGiven, null, null);
        if (t == "待定")
            return new PlanDate(raw, PlanDateKind.ToBeDecided, null, null);
        var m = DateRx().Match(t);
        if (!m.Success)
            return new PlanDate(raw, PlanDateKind.Unparsed, null, null);
        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (!m.Groups["m"].Success)
            return new PlanDate(raw, PlanDateKind.Year, y, null);
        var mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        return mo is >= 1 and <= 12 ? new PlanDate(raw, PlanDateKind.YearMonth, y, mo) : new PlanDate(raw, PlanDateKind.Unparsed, null, null);
    }

    /// <summary>True when the cell gives a year (with or without month).</summary>
    public bool IsDated => Year is not null;

    /// <summary>The first day the cell can mean (1st of the month, or 1 January), null when undated.</summary>
    public DateOnly? Earliest => Year is int y ? new DateOnly(y, Month ?? 1, 1) : null;

    /// <summary>The last day the cell can mean (last day of the month, or 31 December) — the deadline used by delay
    /// detection, null when undated.</summary>
    public DateOnly? Latest => Year is int y
        ? (Month is int mo ? new DateOnly(y, mo, DateTime.DaysInMonth(y, mo)) : new DateOnly(y, 12, 31))
        : null;
}
