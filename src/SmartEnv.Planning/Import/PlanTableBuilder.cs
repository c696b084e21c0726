using System.Globalization;
using System.Text.RegularExpressions;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;

namespace SmartEnv.Planning.Import;

/// <summary>The outcome of an import: the tables, or the errors (never both: nothing is half-imported).</summary>
/// <param name="Tables">The imported tables, null when any error occurred.</param>
/// <param name="Errors">Errors with source, row and column.</param>
public sealed record PlanImportResult(PlanTables? Tables, IReadOnlyList<PlanImportError> Errors)
{
    /// <summary>True when the import succeeded.</summary>
    public bool Ok => Tables is not null;
}

/// <summary>
/// Interprets the four raw tables (from TSV or xlsx) as plan models. Rules: headers must match the plan's columns
/// exactly (after trimming); blank merged cells (指标类别; 分类/项目类型/子类型 of the project table) are filled down from
/// the row above, the raw blank is kept; a last project row whose first cell is <c>合计</c> is the printed total.
/// </summary>
public static partial class PlanTableBuilder
{
    [GeneratedRegex(@"^(?<y>\d{4})年")]
    private static partial Regex YearHeaderRx();

    [GeneratedRegex(@"^\d{4}\.1$")]
    private static partial Regex MonthOneRx();

    [GeneratedRegex(@"^(?<name>.*?)（(?<unit>[^（）]*)）$")]
    private static partial Regex NameUnitRx();

    /// <summary>Builds the plan tables; all four must be given.</summary>
    /// <param name="tables">Raw tables by id.</param>
    public static PlanImportResult Build(IReadOnlyDictionary<PlanTableId, RawTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var errors = new List<PlanImportError>();
        foreach (var id in PlanTableNames.All)
            if (!tables.ContainsKey(id)) errors.Add(new PlanImportError(PlanTableNames.Stem(id), 0, "", "table missing (expected " + PlanTableNames.Stem(id) + ".tsv or .xlsx)"));
        if (errors.Count > 0) return new PlanImportResult(null, errors);

        var ind = BuildIndicators(tables[PlanTableId.Indicators14th], errors);
        var r13 = BuildResults13th(tables[PlanTableId.Results13th], errors);
        var txt = BuildTextTargets(tables[PlanTableId.TextTargets], errors);
        var (prj, total) = BuildProjects(tables[PlanTableId.MajorProjects], errors);
        return errors.Count > 0 ? new PlanImportResult(null, errors) : new PlanImportResult(new PlanTables(ind, r13, txt, prj, total), []);
    }

    private static bool CheckHeaders(RawTable t, IReadOnlyList<string> expected, List<PlanImportError> errors)
    {
        var got = t.Headers.Select(h => h.Trim()).ToList();
        while (got.Count > expected.Count && got[^1].Length == 0) got.RemoveAt(got.Count - 1);
        if (got.SequenceEqual(expected)) return true;
        errors.Add(new PlanImportError(t.Source, 1, "", $"headers [{string.Join(" | ", got)}] differ from the plan's [{string.Join(" | ", expected)}]"));
        return false;
    }

    private static IReadOnlyList<string> Cells(RawRow row, int n) =>
        Enumerable.Range(0, n).Select(i => i < row.Cells.Count ? row.Cells[i] : "").ToArray();

    private static bool ExtraCells(RawTable t, RawRow row, int n, List<PlanImportError> errors)
    {
        for (var i = n; i < row.Cells.Count; i++)
        {
            if (row.Cells[i].Trim().Length == 0) continue;
            errors.Add(new PlanImportError(t.Source, row.Line, "", $"{row.Cells.Count} cells, the table has {n} columns"));
            return true;
        }
        return false;
    }

    private static int YearOf(string header) => int.Parse(YearHeaderRx().Match(header).Groups["y"].Value, CultureInfo.InvariantCulture);

    private static List<PlanIndicator> BuildIndicators(RawTable t, List<PlanImportError> errors)
    {
        var list = new List<PlanIndicator>();
        var h = PlanIndicator.Headers;
        if (!CheckHeaders(t, h, errors)) return list;
        var baseYear = YearOf(h[5]);
        var targetYear = YearOf(h[6]);
        var category = "";
        foreach (var row in t.Rows)
        {
            if (row.Cells.All(c => c.Trim().Length == 0) || ExtraCells(t, row, h.Count, errors)) continue;
            var c = Cells(row, h.Count);
            if (!int.TryParse(c[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var no))
            { errors.Add(new PlanImportError(t.Source, row.Line, h[0], $"'{c[0]}' is not an indicator number")); continue; }
            if (c[1].Trim().Length > 0) category = c[1].Trim();
            IndicatorKind? kind = c[4].Trim() switch { "约束性" => IndicatorKind.Binding, "预期性" => IndicatorKind.Expected, _ => null };
            if (kind is null) { errors.Add(new PlanImportError(t.Source, row.Line, h[4], $"'{c[4]}' is neither 约束性 nor 预期性")); continue; }
            if (c[2].Trim().Length == 0) { errors.Add(new PlanImportError(t.Source, row.Line, h[2], "empty indicator name")); continue; }
            var baseline = PlanValue.Parse(c[5]);
            var target = PlanValue.Parse(c[6]);
            if (baseline.Kind is PlanValueKind.Text or PlanValueKind.Composite)
            { errors.Add(new PlanImportError(t.Source, row.Line, h[5], $"'{c[5]}' is not a value in the plan's notation")); continue; }
            if (target.Kind is PlanValueKind.Text or PlanValueKind.Composite or PlanValueKind.NoValue)
            { errors.Add(new PlanImportError(t.Source, row.Line, h[6], $"'{c[6]}' is not a target in the plan's notation")); continue; }
            list.Add(new PlanIndicator(no, category, c[2].Trim(), c[3].Trim(), c[4], kind.Value, baseYear, baseline, targetYear, target, c));
        }
        foreach (var dup in list.GroupBy(i => i.Number).Where(g => g.Count() > 1))
            errors.Add(new PlanImportError(t.Source, 0, h[0], $"indicator number {dup.Key} appears {dup.Count()} times"));
        return list;
    }

    private static List<ThirteenthPlanResult> BuildResults13th(RawTable t, List<PlanImportError> errors)
    {
        var list = new List<ThirteenthPlanResult>();
        var h = ThirteenthPlanResult.Headers;
        if (!CheckHeaders(t, h, errors)) return list;
        foreach (var row in t.Rows)
        {
            if (row.Cells.All(c => c.Trim().Length == 0) || ExtraCells(t, row, h.Count, errors)) continue;
            var c = Cells(row, h.Count);
            var m = NameUnitRx().Match(c[0].Trim());
            var unit = m.Success ? m.Groups["unit"].Value : "";
            bool? done = c[4].Trim() switch { "完成" => true, "未完成" => false, _ => null };
            if (done is null) errors.Add(new PlanImportError(t.Source, row.Line, h[4], $"'{c[4]}' is neither 完成 nor 未完成"));
            list.Add(new ThirteenthPlanResult(c[0].Trim(), unit, PlanValue.Parse(c[1]), PlanValue.Parse(c[2]), PlanValue.Parse(c[3]), c[4], done, c));
        }
        return list;
    }

    private static List<TextTarget> BuildTextTargets(RawTable t, List<PlanImportError> errors)
    {
        var list = new List<TextTarget>();
        var h = TextTarget.Headers;
        if (!CheckHeaders(t, h, errors)) return list;
        foreach (var row in t.Rows)
        {
            if (row.Cells.All(c => c.Trim().Length == 0) || ExtraCells(t, row, h.Count, errors)) continue;
            var c = Cells(row, h.Count);
            var cmp = PlanValueParser.ParseComparator(c[3]);
            if (cmp is null) { errors.Add(new PlanImportError(t.Source, row.Line, h[3], $"'{c[3]}' is not ≥, ≤ or =")); continue; }
            var v = PlanValue.Parse(c[4]);
            if (v.Number is null) { errors.Add(new PlanImportError(t.Source, row.Line, h[4], $"'{c[4]}' is neither a number nor a water class")); continue; }
            if (!int.TryParse(c[5].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            { errors.Add(new PlanImportError(t.Source, row.Line, h[5], $"'{c[5]}' is not a year")); continue; }
            list.Add(new TextTarget(c[0].Trim(), c[1].Trim(), c[2].Trim(), c[3], cmp.Value, v, year, c[6].Trim(), c));
        }
        return list;
    }

    private static (List<MajorProject>, decimal?) BuildProjects(RawTable t, List<PlanImportError> errors)
    {
        var list = new List<MajorProject>();
        decimal? printedTotal = null;
        var h = MajorProject.Headers;
        if (!CheckHeaders(t, h, errors)) return (list, null);
        ProjectHierarchy? prev = null;
        foreach (var row in t.Rows)
        {
            if (row.Cells.All(c => c.Trim().Length == 0)) continue;
            var c = Cells(row, h.Count);
            if (c[0].Trim() == "合计")
            {
                var tot = Investment.Parse(c[8]);
                if (tot.Amount is null || tot.Note is not null) errors.Add(new PlanImportError(t.Source, row.Line, h[8], $"合计 '{c[8]}' is not an amount"));
                printedTotal = tot.Amount;
                continue;
            }
            if (printedTotal is not null) { errors.Add(new PlanImportError(t.Source, row.Line, "", "project row after the 合计 row")); continue; }
            if (ExtraCells(t, row, h.Count, errors)) continue;
            var cat = c[0].Trim(); var type = c[1].Trim(); var sub = c[2].Trim();
            ProjectHierarchy hier;
            if (cat.Length == 0 || type.Length == 0)
            {
                if (prev is null) { errors.Add(new PlanImportError(t.Source, row.Line, cat.Length == 0 ? h[0] : h[1], "blank with no row above to fill down from")); continue; }
                // A blank 项目类型 continues the type above, sub-type included when also blank.
                hier = new ProjectHierarchy(cat.Length == 0 ? prev.Category : cat,
                    type.Length == 0 ? prev.Type : type,
                    sub.Length > 0 ? sub : type.Length == 0 ? prev.SubType : null);
            }
            else hier = new ProjectHierarchy(cat, type, sub.Length == 0 ? null : sub);
            var p = new MajorProject(list.Count + 1, c, hier);
            var bad = false;
            if (p.Name.Length == 0) { errors.Add(new PlanImportError(t.Source, row.Line, h[3], "empty project name")); bad = true; }
            if (p.Nature == ProjectNature.Unknown) { errors.Add(new PlanImportError(t.Source, row.Line, h[5], $"'{c[5]}' is not 新建/续建/升级改造")); bad = true; }
            foreach (var col in new[] { 6, 7 })
                if (row.IsNumeric(col) && MonthOneRx().IsMatch(c[col].Trim()))
                { errors.Add(new PlanImportError(t.Source, row.Line, h[col], $"numeric cell {c[col]} is ambiguous (month 1 or 10): enter the date as text")); bad = true; }
            if (p.PlannedStart.Kind == PlanDateKind.Unparsed) { errors.Add(new PlanImportError(t.Source, row.Line, h[6], $"'{c[6]}' is not a date (YYYY, YYYY.M, 待定, ——)")); bad = true; }
            if (p.PlannedEnd.Kind == PlanDateKind.Unparsed) { errors.Add(new PlanImportError(t.Source, row.Line, h[7], $"'{c[7]}' is not a date (YYYY, YYYY.M, 待定, ——)")); bad = true; }
            if (p.Investment.Amount is null) { errors.Add(new PlanImportError(t.Source, row.Line, h[8], $"'{c[8]}' is not an amount in 万元")); bad = true; }
            if (bad) continue;
            prev = hier;
            list.Add(p);
        }
        return (list, printedTotal);
    }
}
