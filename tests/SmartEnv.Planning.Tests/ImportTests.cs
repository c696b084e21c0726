using SmartEnv.Planning.Import;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;
using SmartEnv.Tests;

namespace SmartEnv.Planning.Tests;

public class ImportTests
{
    internal static string PlanDir => RepoPaths.SharedFile("data/plan");

    internal static PlanTables Load()
    {
        var r = PlanReader.Read(PlanDir);
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Tables!;
    }

    /// <summary>The TSV read independently of the importer: split on tab, header dropped.</summary>
    internal static List<string[]> TsvRows(string stem) =>
        File.ReadAllLines(Path.Combine(PlanDir, stem + ".tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();

    [Fact]
    public void Imports_all_rows_of_the_four_tables()
    {
        var t = Load();
        Assert.Equal(17, t.Indicators.Count);
        Assert.Equal(9, t.Results13th.Count);
        Assert.Equal(21, t.TextTargets.Count);
        Assert.Equal(50, t.Projects.Count);
        Assert.Equal(Enumerable.Range(1, 17), t.Indicators.Select(i => i.Number));
    }

    [Fact]
    public void Indicator_cells_keep_raw_beside_parsed()
    {
        var t = Load();
        PlanIndicator I(int n) => t.Indicators.Single(i => i.Number == n);
        Assert.Equal(PlanValueKind.NoValue, I(1).Baseline.Kind);
        Assert.Equal("—", I(1).Baseline.Raw);
        Assert.True(I(1).AwaitsMunicipalTarget);
        Assert.Equal(PlanValueKind.Cumulative5Year, I(2).Baseline.Kind);
        Assert.Equal(16.5m, I(2).Baseline.Number);
        Assert.Equal(PlanValueKind.Cumulative4Year, I(3).Baseline.Kind);
        Assert.Equal(25.6m, I(3).Baseline.Number);
        Assert.Equal(PlanValueKind.Cumulative5Year, I(3).Target.Kind);
        Assert.Equal(2m, I(3).Target.Number);
        Assert.Equal(Comparator.AtLeast, I(9).Target.Comparator);
        Assert.Equal(88m, I(9).Target.Number);
        Assert.Equal(90.4m, I(9).Baseline.Number);
        Assert.Equal(Comparator.AtMost, I(13).Target.Comparator);
        Assert.Equal(35m, I(13).Target.Number);
        Assert.Equal("μg/m3", I(13).Unit);
        Assert.Equal("-", I(15).Baseline.Raw);
        Assert.Equal(PlanValueKind.NoValue, I(15).Baseline.Kind);
        Assert.Equal(IndicatorKind.Expected, I(11).Kind);
        Assert.Equal(IndicatorKind.Binding, I(13).Kind);
        Assert.Equal("主要指标", I(13).Category);
        Assert.Equal(2020, I(13).BaselineYear);
        Assert.Equal(2025, I(13).TargetYear);
        Assert.Equal(15, t.Indicators.Count(i => i.Kind == IndicatorKind.Binding));
    }

    [Fact]
    public void Municipal_target_is_settable_only_where_printed_as_such()
    {
        var t = Load();
        var i1 = t.Indicators.Single(i => i.Number == 1);
        var issued = new MunicipalTarget(PlanValue.Parse("【19.5】"), "市生态环境局", new DateOnly(2022, 3, 1), "渝环〔2022〕1号");
        i1.SetMunicipalTarget(issued);
        Assert.False(i1.AwaitsMunicipalTarget);
        Assert.Equal(19.5m, i1.Target.Number);
        Assert.Equal("市级下达", i1.PrintedTarget.Raw);
        Assert.Throws<InvalidOperationException>(() => t.Indicators.Single(i => i.Number == 9).SetMunicipalTarget(issued));
    }

    [Fact]
    public void Results_and_text_targets_parse()
    {
        var t = Load();
        var sewage = t.Results13th[0];
        Assert.Equal("城市污水处理率（%）", sewage.Name);
        Assert.Equal("%", sewage.Unit);
        Assert.False(sewage.Completed);
        Assert.Equal("㎡", t.Results13th[3].Unit);
        var river = t.Results13th.Single(r => r.Name.StartsWith("长江干流", StringComparison.Ordinal));
        Assert.Equal(2m, river.Value2020.Number);
        Assert.Equal(3m, river.Target2020.Number);
        var cls = t.TextTargets.Single(x => x.Name.StartsWith("长江寸滩", StringComparison.Ordinal));
        Assert.Equal(Comparator.AtMost, cls.Comparator);
        Assert.Equal(PlanValueKind.WaterClass, cls.Target.Kind);
        Assert.Equal("稳定达标", cls.Remark);
        Assert.Equal(Comparator.Equal, t.TextTargets.Single(x => x.Name == "重、特大突发环境事件数").Comparator);
    }

    [Fact]
    public void Project_cells_parse_with_raw_kept()
    {
        var t = Load();
        var p3 = t.Projects[2];
        Assert.Equal("溉澜溪“清水绿岸”治理提升工程", p3.Name);
        Assert.Equal(4186m, p3.Investment.Amount);
        Assert.Equal("34880*12%", p3.Investment.Note);
        Assert.Equal("4186（34880*12%）", p3.RawCells[8]);
        var p2 = t.Projects[1];
        Assert.Equal(PlanDateKind.ToBeDecided, p2.PlannedStart.Kind);
        Assert.Equal(PlanDateKind.ToBeDecided, p2.PlannedEnd.Kind);
        var zangjin = t.Projects.Single(p => p.Name.StartsWith("启动藏金阁", StringComparison.Ordinal));
        Assert.Equal(PlanDateKind.NotGiven, zangjin.PlannedEnd.Kind);
        Assert.Equal("——", zangjin.PlannedEnd.Raw);
        Assert.Equal(PlanDateKind.Year, zangjin.PlannedStart.Kind);
        var luoqi = t.Projects.Single(p => p.Name == "铜锣峡岸线生态修复工程锣旗寺段");
        Assert.Equal(new DateOnly(2021, 7, 31), luoqi.PlannedEnd.Latest);
        Assert.Equal(ProjectNature.Continued, luoqi.Nature);
        Assert.Equal("区住房城乡建委", luoqi.LeadUnit);
        Assert.Equal("中鹏", luoqi.ImplementingUnit);
        var upgrade = t.Projects[47];
        Assert.Equal("新建（升级改造）", upgrade.NatureRaw);
        Assert.Equal(ProjectNature.New | ProjectNature.Upgrade, upgrade.Nature);
        Assert.Equal("次级河流监测网络", upgrade.SubType);
        Assert.Null(t.Projects[0].SubType);
        Assert.Equal("VOCs治理工程", t.Projects.Single(p => p.Name == "注塑废气VOCs治理").SubType);
    }

    [Fact]
    public void Totals_by_category_and_overall_match_the_hand_sums()
    {
        var totals = ProjectTotals.Compute(Load().Projects);
        // Worked by hand from major-projects.tsv (column 总投资, 4186（34880*12%）counted as 4186):
        // 生态保护与修复 14 rows: 1300+6000+4186+35000+70000+2800+55704+70000+37036+18000+505+60371+3345+500000 = 864247
        // 环境改善与污染防治 29 rows: 450+13256.24+14836.62+10309.01+9827.74+2928.5+1200.49+3343+332+1815.62+600+1170+360
        //   +1916+4950+4920+924+1800+1200+5400+800+400+10000+15000+5000+10000+5000+7849+2039 = 137627.22
        // 资源节约循环利用和低碳发展 3 rows: 1500+1200+1200 = 3900
        // 监管能力提升 4 rows: 200+700+3097.07+3000 = 6997.07
        // 864247 + 137627.22 + 3900 + 6997.07 = 1012771.29, the plan's printed 合计.
        Assert.Equal(
            [("重要生态保护与修复重大工程类", 14, 864247m), ("环境改善与污染防治重大工程", 29, 137627.22m),
             ("资源节约循环利用和低碳发展重大工程", 3, 3900m), ("监管能力提升重大工程", 4, 6997.07m)],
            totals.ByCategory.Select(c => (c.Category, c.Count, c.Amount)));
        Assert.Equal(1012771.29m, totals.Overall);
        Assert.Equal(PlanTables.PlanPrintedProjectTotal, totals.Overall);
    }

    [Fact]
    public void Bad_cells_are_reported_with_line_and_column_and_nothing_is_imported()
    {
        var dir = Directory.CreateTempSubdirectory("plan-bad-");
        try
        {
            foreach (var f in Directory.GetFiles(PlanDir, "*.tsv")) File.Copy(f, Path.Combine(dir.FullName, Path.GetFileName(f)));
            var path = Path.Combine(dir.FullName, "major-projects.tsv");
            var lines = File.ReadAllLines(path);
            lines[3] = lines[3].Replace("4186（34880*12%）", "约4186", StringComparison.Ordinal);
            lines[5] = lines[5].Replace("\t2022.12\t2025.12\t", "\t2022.13\t2025.12\t", StringComparison.Ordinal);
            File.WriteAllLines(path, lines);
            var r = PlanReader.Read(dir.FullName);
            Assert.False(r.Ok);
            Assert.Null(r.Tables);
            Assert.Contains(r.Errors, e => e.Line == 4 && e.Column == "总投资（万元）" && e.Source == "major-projects.tsv");
            Assert.Contains(r.Errors, e => e.Line == 6 && e.Column == "已（拟）开工时间");
            Assert.Equal(2, r.Errors.Count);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Missing_table_is_a_file_level_error()
    {
        var dir = Directory.CreateTempSubdirectory("plan-missing-");
        try
        {
            File.Copy(Path.Combine(PlanDir, "indicators-14th.tsv"), Path.Combine(dir.FullName, "indicators-14th.tsv"));
            var r = PlanReader.Read(dir.FullName);
            Assert.False(r.Ok);
            Assert.Equal(3, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.Equal(0, e.Line));
        }
        finally { dir.Delete(true); }
    }
}
