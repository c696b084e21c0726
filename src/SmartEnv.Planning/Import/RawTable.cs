namespace SmartEnv.Planning.Import;

/// <summary>The four tables of the plan, with their file stems (TSV/xlsx) and sheet names (exported workbook).</summary>
public enum PlanTableId
{
    /// <summary>专栏2: the 17 indicators (<c>indicators-14th</c>).</summary>
    Indicators14th,
    /// <summary>专栏1: the 13th plan's results (<c>indicators-13th</c>).</summary>
    Results13th,
    /// <summary>Targets stated in the running text (<c>targets-in-text</c>).</summary>
    TextTargets,
    /// <summary>重大项目表: the major-project library (<c>major-projects</c>).</summary>
    MajorProjects,
}

/// <summary>File stems and sheet names of the plan tables.</summary>
public static class PlanTableNames
{
    /// <summary>All tables in export order.</summary>
    public static readonly IReadOnlyList<PlanTableId> All = [PlanTableId.Indicators14th, PlanTableId.Results13th, PlanTableId.TextTargets, PlanTableId.MajorProjects];

    /// <summary>The file stem (<c>indicators-14th</c>…): <c>STEM.tsv</c> or <c>STEM.xlsx</c> in an input folder.</summary>
    /// <param name="id">The table.</param>
    public static string Stem(PlanTableId id) => id switch
    {
        PlanTableId.Indicators14th => "indicators-14th",
        PlanTableId.Results13th => "indicators-13th",
        PlanTableId.TextTargets => "targets-in-text",
        _ => "major-projects",
    };

    /// <summary>The sheet name in the exported workbook (the plan's own caption).</summary>
    /// <param name="id">The table.</param>
    public static string Sheet(PlanTableId id) => id switch
    {
        PlanTableId.Indicators14th => "专栏2 规划指标",
        PlanTableId.Results13th => "专栏1 十三五指标",
        PlanTableId.TextTargets => "文中目标",
        _ => "重大项目表",
    };
}

/// <summary>One data row read from a file: its cells as text and where it came from.</summary>
/// <param name="Line">1-based row/line number in the source (the header is line 1).</param>
/// <param name="Cells">The cells exactly as read (missing trailing cells are empty strings).</param>
/// <param name="NumericCells">0-based indexes of cells that were numbers in a spreadsheet (their text is the number's
/// shortest invariant form); null for TSV.</param>
public sealed record RawRow(int Line, IReadOnlyList<string> Cells, IReadOnlySet<int>? NumericCells = null)
{
    /// <summary>True when the cell at <paramref name="index"/> came from a numeric spreadsheet cell.</summary>
    /// <param name="index">0-based cell index.</param>
    public bool IsNumeric(int index) => NumericCells?.Contains(index) == true;
}

/// <summary>A table read from a TSV file or a worksheet, before interpretation.</summary>
/// <param name="Source">File (and sheet) name for error messages.</param>
/// <param name="Headers">Header cells.</param>
/// <param name="Rows">Data rows.</param>
public sealed record RawTable(string Source, IReadOnlyList<string> Headers, IReadOnlyList<RawRow> Rows);

/// <summary>An import error at a row and column (nothing is imported when any error occurs).</summary>
/// <param name="Source">File (and sheet).</param>
/// <param name="Line">1-based line/row, 0 for file-level errors.</param>
/// <param name="Column">Column header, empty for row- or file-level errors.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlanImportError(string Source, int Line, string Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line == 0 ? $"{Source}: {Message}" : $"{Source}:{Line}{(Column.Length > 0 ? " [" + Column + "]" : "")}: {Message}";
}
