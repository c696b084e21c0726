namespace SmartEnv.Web.Ui;

/// <summary>
/// The one escaper of text cells in every CSV the platform writes (<see cref="Exports.Write"/>, used by all
/// <c>/ui/export/…</c> tables): CSV/formula injection (issue 14 item 11). Source: OWASP "CSV Injection"
/// (owasp.org/www-community/attacks/CSV_Injection): a cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB
/// (0x09) or CR (0x0D) is read as a formula by Excel, LibreOffice and Google Sheets; prepend a single quote and quote the
/// field (the CSV writer, MiniExcel, quotes a field holding a separator, quote or line break and doubles its quotes).
/// <para>SmartEnv rule beyond OWASP (the guidance is silent): a cell that already begins with <c>'</c> also gets one more,
/// so the escape is reversible — a reader drops exactly one leading <c>'</c> from any cell that begins with one and has
/// the stored text back (the audit export re-verifies its hash chain this way, docs/security.md). Numbers, dates and
/// other non-text cells are never changed (a negative number stays a number). Excel files (xlsx) hold text as typed
/// string cells, never formulas, so they are written unchanged.</para>
/// Pure; thread-safe.
/// </summary>
public static class SpreadsheetCells
{
    /// <summary>First characters that make a spreadsheet read a text cell as a formula (OWASP), plus <c>'</c> (reversibility).</summary>
    public static IReadOnlyList<char> Triggers { get; } = ['=', '+', '-', '@', '\t', '\r', '\''];

    /// <summary>The text as it must be written to a CSV cell: with a leading <c>'</c> when it begins with one of
    /// <see cref="Triggers"/>, else unchanged. Null stays null.</summary>
    /// <param name="text">Cell text as stored.</param>
    public static string? Escape(string? text) =>
        text is { Length: > 0 } t && Triggers.Contains(t[0]) ? "'" + t : text;

    /// <summary>A cell value for a CSV: text through <see cref="Escape"/>, anything else unchanged.</summary>
    /// <param name="value">Cell value (string, number, null…).</param>
    public static object? EscapeValue(object? value) => value is string s ? Escape(s) : value;

    /// <summary>The stored text of a cell read back from a CSV this platform wrote: one leading <c>'</c> removed.</summary>
    /// <param name="cell">Cell text as read.</param>
    public static string? Unescape(string? cell) => cell is { Length: > 0 } c && c[0] == '\'' ? c[1..] : cell;
}
