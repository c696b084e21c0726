using System.Globalization;
using MiniExcelLibs;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Projects;

namespace SmartEnv.Planning.Import;

/// <summary>
/// Writes the plan tables to one .xlsx workbook in the layout of the plan's tables: one sheet per table (专栏2, 专栏1,
/// 文中目标, 重大项目表), the plan's column headers on row 1, every cell exactly as printed (text cells, so
/// <c>2021.10</c> and <c>4186（34880*12%）</c> survive), and under the project table a <c>合计</c> row with the sum of the
/// parsed investments in 万元. Hierarchy cells are written filled down (one complete row per project) rather than
/// merged, so that each row stands alone when filtered.
/// </summary>
public static class PlanExcelExporter
{
    /// <summary>Writes the workbook, replacing an existing file.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="file">Target .xlsx path.</param>
    public static void Export(PlanTables tables, string file)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var sheets = new Dictionary<string, object>
        {
            [PlanTableNames.Sheet(PlanTableId.Indicators14th)] = Rows(PlanIndicator.Headers, tables.Indicators.Select(i => i.RawCells)),
            [PlanTableNames.Sheet(PlanTableId.Results13th)] = Rows(ThirteenthPlanResult.Headers, tables.Results13th.Select(r => r.RawCells)),
            [PlanTableNames.Sheet(PlanTableId.TextTargets)] = Rows(TextTarget.Headers, tables.TextTargets.Select(r => r.RawCells)),
            [PlanTableNames.Sheet(PlanTableId.MajorProjects)] = Rows(MajorProject.Headers, tables.Projects.Select(p => p.RawCells).Append(TotalRow(tables.Projects))),
        };
        ReplaceFile.Write(file, temp => MiniExcel.SaveAs(temp, sheets, printHeader: false, overwriteFile: true));
    }

    private static IReadOnlyList<string> TotalRow(IReadOnlyList<MajorProject> projects)
    {
        var row = Enumerable.Repeat("", MajorProject.Headers.Count).ToArray();
        row[0] = "合计";
        row[8] = ProjectTotals.Compute(projects).Overall.ToString(CultureInfo.InvariantCulture);
        return row;
    }

    private static List<Dictionary<string, object>> Rows(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var keys = Enumerable.Range(0, headers.Count).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        Dictionary<string, object> Row(IReadOnlyList<string> cells)
        {
            var d = new Dictionary<string, object>(keys.Length);
            for (var i = 0; i < keys.Length; i++) d[keys[i]] = i < cells.Count ? cells[i] : "";
            return d;
        }
        return rows.Select(Row).Prepend(Row(headers)).ToList();
    }
}
