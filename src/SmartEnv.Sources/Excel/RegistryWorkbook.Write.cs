using System.Globalization;
using MiniExcelLibs;

namespace SmartEnv.Sources.Excel;

public static partial class RegistryWorkbook
{
    /// <summary>Writes the empty template of <paramref name="table"/>: the data sheet with the header row only and the
    /// <see cref="RegistryTables.HelpSheetName"/> sheet (column, key, required, format).</summary>
    /// <param name="output">Destination stream (.xlsx bytes are written).</param>
    /// <param name="table">Table.</param>
    public static void WriteTemplate(Stream output, RegistryTable table) => Write(output, table, []);

    /// <summary>Writes <paramref name="rows"/> as a workbook in the template's layout, so that the file can be edited and
    /// imported again (choices as their Chinese labels, yes/no as 是/否, dates as text yyyy-MM-dd, numbers as number cells).</summary>
    /// <param name="output">Destination stream.</param>
    /// <param name="table">Table.</param>
    /// <param name="rows">Rows of that table's type (<see cref="EnterpriseRow"/> for enterprises …); <see cref="RegistryRow.Row"/> is ignored.</param>
    /// <exception cref="ArgumentException">A row of another table's type.</exception>
    public static void Write(Stream output, RegistryTable table, IEnumerable<RegistryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = RegistryTables.Columns(table);
        var data = new List<Dictionary<string, object?>> { Line(columns.Select(c => (object?)c.Header)) };
        foreach (var r in rows) data.Add(Line(Cells(table, r)));
        var help = new List<Dictionary<string, object?>> { Line(["列名", "键", "必填", "填写要求"]) };
        foreach (var c in columns) help.Add(Line([c.Header, c.Key, c.Required ? "是" : "否", c.Format]));
        help.Add(Line(["", "", "", "第 1 行为表头，数据从第 2 行起；任一行有错误时整表不导入。"]));
        var sheets = new Dictionary<string, object>
        {
            [RegistryTables.SheetName(table)] = data,
            [RegistryTables.HelpSheetName] = help,
        };
        output.SaveAs(sheets, printHeader: false);
    }

    private static Dictionary<string, object?> Line(IEnumerable<object?> cells)
    {
        var d = new Dictionary<string, object?>();
        var i = 0;
        foreach (var c in cells) d["c" + (i++).ToString(CultureInfo.InvariantCulture)] = c;
        return d;
    }

    private static string Label(IReadOnlyList<(string Stored, string Label)> choices, string? stored) =>
        stored is null ? "" : choices.FirstOrDefault(c => c.Stored == stored).Label ?? stored;

    private static string YesNoText(bool b) => b ? "是" : "否";

    private static string? DateText(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object?[] Cells(RegistryTable table, RegistryRow row) => (table, row) switch
    {
        (RegistryTable.Enterprises, EnterpriseRow e) =>
            [e.Uscc, e.Name, e.Address, e.Street?.Name, e.Longitude, e.Latitude, e.IndustryCode, Label(ManagementCategories, e.ManagementCategory),
             YesNoText(e.IsKeyDischarger), e.ContactName, e.ContactPhone],
        (RegistryTable.Permits, PermitRow p) =>
            [p.Number, p.Uscc, Label(ManagementCategories, p.ManagementCategory), DateText(p.IssuedOn), DateText(p.ValidFrom), DateText(p.ValidTo),
             DateText(p.RenewalFiledOn), YesNoText(p.ReportAnnual), YesNoText(p.ReportSemiannual), YesNoText(p.ReportQuarterly),
             YesNoText(p.ReportMonthly), p.ChangeReason],
        (RegistryTable.Outlets, OutletRow o) =>
            [o.PermitNumber, o.Code, Label(OutletTypes, o.Type), o.Name, o.Longitude, o.Latitude, o.ExpectedIntervalMinutes],
        (RegistryTable.Limits, LimitRow l) =>
            [l.PermitNumber, l.OutletCode, l.ParameterCode, l.LimitValue, l.Unit, l.StandardRef, l.ReferenceO2, l.AnnualQuantityT],
        _ => throw new ArgumentException($"a {row.GetType().Name} is not a row of {RegistryTables.Name(table)}", nameof(row)),
    };
}
