using System.Globalization;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace SmartEnv.Planning.Import;

/// <summary>
/// Reads the plan tables from a folder (<c>indicators-14th</c>, <c>indicators-13th</c>, <c>targets-in-text</c>,
/// <c>major-projects</c>, each as <c>.tsv</c> or, when no TSV is there, <c>.xlsx</c> — first sheet) or from one workbook
/// written by <see cref="PlanExcelExporter"/> (sheets named as in <see cref="PlanTableNames.Sheet"/>).
/// </summary>
/// <remarks>
/// TSV: UTF-8, tab-separated, no quoting (the plan's cells contain quotes such as <c>“两江四岸”</c>), first line the header.
/// xlsx cells are read as text; a numeric cell (typed by hand in Excel) becomes its invariant shortest form, so a date
/// typed as the number <c>2021.10</c> arrives as <c>2021.1</c>: the builder refuses such numeric <c>YYYY.1</c> dates as ambiguous.
/// </remarks>
public static class PlanReader
{
    /// <summary>Reads a folder of TSV/xlsx files or one workbook (path ending in <c>.xlsx</c>).</summary>
    /// <param name="path">Folder or workbook.</param>
    /// <returns>The tables or the errors (file-level errors for missing files or unreadable content).</returns>
    public static PlanImportResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (File.Exists(path) && path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return ReadWorkbook(path);
            if (!Directory.Exists(path)) return Fail(path, "no such folder or .xlsx workbook");
            var tables = new Dictionary<PlanTableId, RawTable>();
            var errors = new List<PlanImportError>();
            foreach (var id in PlanTableNames.All)
            {
                var tsv = Path.Combine(path, PlanTableNames.Stem(id) + ".tsv");
                var xlsx = Path.Combine(path, PlanTableNames.Stem(id) + ".xlsx");
                if (File.Exists(tsv)) tables[id] = ReadTsv(tsv);
                else if (File.Exists(xlsx)) tables[id] = ReadSheet(xlsx, null);
                else errors.Add(new PlanImportError(path, 0, "", $"neither {PlanTableNames.Stem(id)}.tsv nor {PlanTableNames.Stem(id)}.xlsx found"));
            }
            return errors.Count > 0 ? new PlanImportResult(null, errors) : PlanTableBuilder.Build(tables);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException
            or FormatException or System.Xml.XmlException || (e.GetType().Namespace?.StartsWith("MiniExcelLibs", StringComparison.Ordinal) ?? false))
        {
            return Fail(path, e.Message);
        }
    }

    private static PlanImportResult Fail(string source, string message) => new(null, [new PlanImportError(source, 0, "", message)]);

    /// <summary>Reads one TSV file (UTF-8, tab, no quoting, header on line 1).</summary>
    /// <param name="file">The file.</param>
    public static RawTable ReadTsv(string file)
    {
        using var reader = Sep.New('\t').Reader(o => o with { HasHeader = true, DisableQuotesParsing = true, DisableColCountCheck = true }).FromFile(file);
        var headers = reader.Header.ColNames.ToArray();
        var rows = new List<RawRow>();
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < row.ColCount; i++) cells[i] = row[i].ToString();
            rows.Add(new RawRow(row.LineNumberFrom, cells));
        }
        return new RawTable(Path.GetFileName(file), headers, rows);
    }

    /// <summary>Reads the four sheets of a workbook written by <see cref="PlanExcelExporter"/>.</summary>
    /// <param name="file">The .xlsx file.</param>
    public static PlanImportResult ReadWorkbook(string file)
    {
        var names = MiniExcel.GetSheetNames(file);
        var tables = new Dictionary<PlanTableId, RawTable>();
        var errors = new List<PlanImportError>();
        foreach (var id in PlanTableNames.All)
        {
            var sheet = PlanTableNames.Sheet(id);
            if (names.Contains(sheet)) tables[id] = ReadSheet(file, sheet);
            else errors.Add(new PlanImportError(Path.GetFileName(file), 0, "", $"sheet '{sheet}' missing"));
        }
        return errors.Count > 0 ? new PlanImportResult(null, errors) : PlanTableBuilder.Build(tables);
    }

    /// <summary>Reads one worksheet as text cells; the first row is the header.</summary>
    /// <param name="file">The .xlsx file.</param>
    /// <param name="sheet">Sheet name, null for the first sheet.</param>
    public static RawTable ReadSheet(string file, string? sheet)
    {
        var source = Path.GetFileName(file) + (sheet is null ? "" : "#" + sheet);
        var all = new List<RawRow>();
        var line = 0;
        foreach (IDictionary<string, object?> r in MiniExcel.Query(file, useHeaderRow: false, sheetName: sheet))
        {
            line++;
            var values = r.Values.ToList();
            var cells = values.Select(CellText).ToList();
            var numeric = values.Select((v, i) => (v, i)).Where(x => x.v is double or decimal or int or long).Select(x => x.i).ToHashSet();
            while (cells.Count > 0 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
            all.Add(new RawRow(line, cells, numeric));
        }
        if (all.Count == 0) return new RawTable(source, [], []);
        return new RawTable(source, all[0].Cells, all.Skip(1).ToList());
    }

    private static string CellText(object? v) => v switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.Day == 1 ? "yyyy.MM" : "yyyy.MM.dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
