using MiniExcelLibs;
using SmartEnv.Planning.Import;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Projects;

namespace SmartEnv.Planning.Tests;

public class RoundTripTests
{
    private static void AssertRaw(PlanTables t)
    {
        Assert.Equal(ImportTests.TsvRows("indicators-14th"), t.Indicators.Select(i => i.RawCells.ToArray()));
        Assert.Equal(ImportTests.TsvRows("indicators-13th"), t.Results13th.Select(i => i.RawCells.ToArray()));
        Assert.Equal(ImportTests.TsvRows("targets-in-text").Select(Pad7), t.TextTargets.Select(i => i.RawCells.ToArray()));
        Assert.Equal(ImportTests.TsvRows("major-projects"), t.Projects.Select(i => i.RawCells.ToArray()));
    }

    // The text-target TSV ends rows with an empty 备注 cell; a row is 7 cells either way.
    private static string[] Pad7(string[] r) => r.Length >= 7 ? r : [.. r, .. Enumerable.Repeat("", 7 - r.Length)];

    [Fact]
    public void Tsv_import_keeps_every_raw_cell()
    {
        AssertRaw(ImportTests.Load());
    }

    [Fact]
    public void Tsv_to_xlsx_to_model_reproduces_every_raw_cell()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.xlsx");
        try
        {
            PlanExcelExporter.Export(ImportTests.Load(), file);
            Assert.Equal(["专栏2 规划指标", "专栏1 十三五指标", "文中目标", "重大项目表"], MiniExcel.GetSheetNames(file));
            var back = PlanReader.Read(file);
            Assert.True(back.Ok, string.Join("\n", back.Errors));
            AssertRaw(back.Tables!);
            Assert.Equal(1012771.29m, back.Tables!.PrintedProjectTotal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Exported_sheets_carry_the_plan_headers_and_total_row()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.xlsx");
        try
        {
            PlanExcelExporter.Export(ImportTests.Load(), file);
            var rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: "重大项目表").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(52, rows.Count); // header + 50 projects + 合计
            Assert.Equal("总投资（万元）", rows[0]["I"]);
            Assert.Equal("4186（34880*12%）", rows[3]["I"]);
            Assert.Equal("合计", rows[^1]["A"]);
            Assert.Equal("1012771.29", rows[^1]["I"]);
            var ind = MiniExcel.Query(file, useHeaderRow: false, sheetName: "专栏2 规划指标").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("2025年目标值", ind[0]["G"]);
            Assert.Equal("≥88", ind[9]["G"]);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void A_folder_of_per_table_xlsx_files_imports_like_the_tsv()
    {
        var dir = Directory.CreateTempSubdirectory("plan-xlsx-");
        try
        {
            foreach (var stem in new[] { "indicators-14th", "indicators-13th", "targets-in-text", "major-projects" })
            {
                var lines = File.ReadAllLines(Path.Combine(ImportTests.PlanDir, stem + ".tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
                var width = lines.Max(l => l.Length);
                var rows = lines.Select(l => Enumerable.Range(0, width).ToDictionary(i => "k" + i, i => (object)(i < l.Length ? l[i] : ""))).ToList();
                MiniExcel.SaveAs(Path.Combine(dir.FullName, stem + ".xlsx"), rows, printHeader: false);
            }
            var r = PlanReader.Read(dir.FullName);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
            AssertRaw(r.Tables!);
            Assert.Null(r.Tables!.PrintedProjectTotal);
        }
        finally { dir.Delete(true); }
    }
}

public class PlanLayoutImportTests
{
    [Fact]
    public void Blank_merged_hierarchy_cells_are_filled_down_and_kept_blank_raw()
    {
        var dir = Directory.CreateTempSubdirectory("plan-layout-");
        try
        {
            foreach (var f in Directory.GetFiles(ImportTests.PlanDir, "*.tsv")) File.Copy(f, Path.Combine(dir.FullName, Path.GetFileName(f)));
            var rows = ImportTests.TsvRows("major-projects");
            // Print like the plan: a hierarchy cell is left blank when it repeats the row above (merged cell).
            var printed = new List<string[]>();
            string[]? prev = null;
            foreach (var r in rows)
            {
                var c = (string[])r.Clone();
                if (prev is not null && prev[0] == r[0]) c[0] = "";
                if (prev is not null && prev[0] == r[0] && prev[1] == r[1]) { c[1] = ""; if (prev[2] == r[2]) c[2] = ""; }
                printed.Add(c);
                prev = r;
            }
            var header = File.ReadLines(Path.Combine(ImportTests.PlanDir, "major-projects.tsv")).First();
            File.WriteAllLines(Path.Combine(dir.FullName, "major-projects.tsv"), printed.Select(c => string.Join('\t', c)).Prepend(header));
            var res = PlanReader.Read(dir.FullName);
            Assert.True(res.Ok, string.Join("\n", res.Errors));
            var t = res.Tables!;
            Assert.Equal(rows.Select(r => (r[0], r[1], r[2].Length == 0 ? null : r[2])), t.Projects.Select(p => (p.Category, p.Type, p.SubType)));
            Assert.Equal(printed, t.Projects.Select(p => p.RawCells.ToArray()));
            Assert.True(printed.Count(c => c[0].Length == 0) >= 40);
        }
        finally { dir.Delete(true); }
    }
}

public class SpreadsheetQuirkTests
{
    private static string WriteProjectsXlsx(DirectoryInfo dir, Func<int, int, object> cell)
    {
        foreach (var f in Directory.GetFiles(ImportTests.PlanDir, "*.tsv"))
            if (!f.EndsWith("major-projects.tsv", StringComparison.Ordinal)) File.Copy(f, Path.Combine(dir.FullName, Path.GetFileName(f)));
        var lines = File.ReadAllLines(Path.Combine(ImportTests.PlanDir, "major-projects.tsv")).Select(l => l.Split('\t')).ToList();
        var rows = lines.Select((l, r) => Enumerable.Range(0, 10).ToDictionary(i => "k" + i, i => r == 0 ? l[i] : cell(r, i) ?? l[i])).ToList();
        var path = Path.Combine(dir.FullName, "major-projects.xlsx");
        MiniExcel.SaveAs(path, rows, printHeader: false);
        return path;
    }

    [Fact]
    public void Numbers_typed_in_excel_are_read_as_their_text()
    {
        var dir = Directory.CreateTempSubdirectory("plan-num-");
        try
        {
            // investment and a 2020.12 start as real numbers
            WriteProjectsXlsx(dir, (r, i) => r == 1 && i == 8 ? 1300d : r == 1 && i == 6 ? 2020.12d : null!);
            var res = PlanReader.Read(dir.FullName);
            Assert.True(res.Ok, string.Join("\n", res.Errors));
            Assert.Equal("1300", res.Tables!.Projects[0].RawCells[8]);
            Assert.Equal(new DateOnly(2020, 12, 1), res.Tables.Projects[0].PlannedStart.Earliest);
            Assert.Equal(1012771.29m, ProjectTotals.Compute(res.Tables.Projects).Overall);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Numeric_date_ending_in_point_1_is_refused_as_ambiguous()
    {
        var dir = Directory.CreateTempSubdirectory("plan-amb-");
        try
        {
            WriteProjectsXlsx(dir, (r, i) => r == 1 && i == 7 ? 2021.10d : null!);
            var res = PlanReader.Read(dir.FullName);
            Assert.False(res.Ok);
            var e = Assert.Single(res.Errors);
            Assert.Equal((2, "拟完工时间"), (e.Line, e.Column));
            Assert.Contains("ambiguous", e.Message, StringComparison.Ordinal);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Tsv_with_bom_and_crlf_reads_the_same()
    {
        var dir = Directory.CreateTempSubdirectory("plan-crlf-");
        try
        {
            foreach (var f in Directory.GetFiles(ImportTests.PlanDir, "*.tsv"))
            {
                var text = File.ReadAllText(f).Replace("\n", "\r\n", StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(dir.FullName, Path.GetFileName(f)), text, new System.Text.UTF8Encoding(true));
            }
            var res = PlanReader.Read(dir.FullName);
            Assert.True(res.Ok, string.Join("\n", res.Errors));
            Assert.Equal(ImportTests.TsvRows("major-projects"), res.Tables!.Projects.Select(p => p.RawCells.ToArray()));
            Assert.Equal("序号", PlanIndicator.Headers[0]);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Corrupt_workbook_is_an_error_not_a_crash()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-bad-{Guid.NewGuid():N}.xlsx");
        try
        {
            File.WriteAllText(file, "not a zip");
            var res = PlanReader.Read(file);
            Assert.False(res.Ok);
            Assert.Single(res.Errors);
        }
        finally { File.Delete(file); }
    }
}

public class TrackingExportTests
{
    [Fact]
    public void Tracking_workbook_has_plan_columns_then_progress()
    {
        var t = ImportTests.Load();
        var board = new IndicatorBoard(t.Indicators);
        board.Record(new IndicatorValue(9, 2022, 91.2m, ValueSource.Computed, "smartenv air assess", DateTimeOffset.UnixEpoch, "1420A"));
        var lib = new ProjectLibrary(t.Projects);
        var p = lib[11]; // 铜锣峡岸线生态修复工程锣旗寺段, 续建 → 在建, end 2021.7
        Assert.Null(p.Report(new ProgressReport(new DateOnly(2021, 6, 30), 80m, 400.5m, "汛期停工", "区住房城乡建委")));
        Assert.Null(lib[49].Report(new ProgressReport(new DateOnly(2021, 6, 30), 10m, 300m, "", "区生态环境局")));
        var file = Path.Combine(Path.GetTempPath(), $"plan-track-{Guid.NewGuid():N}.xlsx");
        try
        {
            PlanTrackingExporter.Export(board, 2022, lib, new DateOnly(2021, 9, 30), file);
            var ind = MiniExcel.Query(file, useHeaderRow: false, sheetName: "专栏2 指标进展").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(18, ind.Count);
            Assert.Equal(["9", "核心指标", "空气质量优良天数比率", "%", "约束性", "90.4", "≥88", "2022", "91.2", "监测计算", "达标"],
                ind[9].Values.Take(11).Select(v => v?.ToString()));
            var prj = MiniExcel.Query(file, useHeaderRow: false, sheetName: "重大项目进展").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(52, prj.Count);
            Assert.Equal(["在建", "80", "400.5", "汛期停工", "逾期", "2021-07-31", "61"], prj[11].Values.Skip(10).Take(7).Select(v => v?.ToString()));
            Assert.Equal("1012771.29", prj[^1]["I"]);
            Assert.Equal("700.5", prj[^1]["M"]); // 400.5 + 300 completed
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Export_replaces_an_existing_file_whole_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("plan-export-").FullName;
        var file = Path.Combine(dir, "plan.xlsx");
        try
        {
            File.WriteAllText(file, "an older export");
            PlanExcelExporter.Export(ImportTests.Load(), file);
            Assert.Equal(["plan.xlsx"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.True(PlanReader.Read(file).Ok);

            // A target that cannot be replaced (a folder of that name) fails, and no half-written file is left beside it.
            var blocked = Path.Combine(dir, "blocked.xlsx");
            Directory.CreateDirectory(blocked);
            Assert.ThrowsAny<IOException>(() => PlanExcelExporter.Export(ImportTests.Load(), blocked));
            Assert.Equal(["plan.xlsx"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
