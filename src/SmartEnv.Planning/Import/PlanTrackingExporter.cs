using System.Globalization;
using MiniExcelLibs;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Projects;

namespace SmartEnv.Planning.Import;

/// <summary>
/// Progress report workbook in the layout of the plan's tables: sheet <c>专栏2 指标进展</c> = the 专栏2 columns followed by
/// the year's value, source, status and rule; sheet <c>重大项目进展</c> = the 重大项目表 columns followed by stage, latest
/// progress (percent, investment completed in 万元, issues) and schedule status on the reference date, with a 合计 row
/// (planned and completed investment). All cells are text; amounts are exact invariant decimals. The workbook is in
/// Chinese: bilingual rule texts are written with their Chinese half (<see cref="BilingualText"/>).
/// </summary>
public static class PlanTrackingExporter
{
    /// <summary>Extra columns of the indicator sheet after the 专栏2 columns.</summary>
    public static readonly IReadOnlyList<string> IndicatorExtraHeaders = ["年份", "当年值", "来源", "状态", "评价规则"];

    /// <summary>Extra columns of the project sheet after the 重大项目表 columns.</summary>
    public static readonly IReadOnlyList<string> ProjectExtraHeaders = ["阶段", "形象进度（%）", "已完成投资（万元）", "存在问题", "进度状态", "截止日期", "逾期天数"];

    /// <summary>Writes the workbook, replacing an existing file.</summary>
    /// <param name="board">Indicators and their values.</param>
    /// <param name="year">Year assessed.</param>
    /// <param name="library">Projects and their tracking state.</param>
    /// <param name="referenceDate">Date of the schedule check.</param>
    /// <param name="file">Target .xlsx path.</param>
    public static void Export(IndicatorBoard board, int year, ProjectLibrary library, DateOnly referenceDate, string file)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(library);
        var ind = new List<IReadOnlyList<string>> { PlanIndicator.Headers.Concat(IndicatorExtraHeaders).ToArray() };
        foreach (var a in board.Assess(year))
        {
            var i = board.Indicators.Single(x => x.Number == a.IndicatorNumber);
            ind.Add(i.RawCells.Concat([Y(year), a.Actual is decimal v ? S(v) : "", a.Source switch { ValueSource.Computed => "监测计算", ValueSource.Reported => "上报", _ => "" },
                IndicatorStatusEvaluator.Label(a.Status), BilingualText.Half(a.RuleText, chinese: true)!]).ToArray());
        }
        var prj = new List<IReadOnlyList<string>> { MajorProject.Headers.Concat(ProjectExtraHeaders).ToArray() };
        var done = 0m;
        foreach (var p in library.Projects)
        {
            var c = p.CheckSchedule(referenceDate);
            var last = p.Latest;
            done += last?.InvestmentToDate ?? 0m;
            prj.Add(p.Project.RawCells.Concat([ProjectLifecycle.Label(p.Lifecycle.Stage), last is null ? "" : S(last.PercentComplete),
                last is null ? "" : S(last.InvestmentToDate), last?.Issues ?? "", ScheduleLabel(c.Status),
                c.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", c.DaysOverdue > 0 ? Y(c.DaysOverdue) : ""]).ToArray());
        }
        var total = Enumerable.Repeat("", MajorProject.Headers.Count + ProjectExtraHeaders.Count).ToArray();
        total[0] = "合计";
        total[8] = S(ProjectTotals.Compute(library.Projects.Select(p => p.Project)).Overall);
        total[MajorProject.Headers.Count + 2] = S(done);
        prj.Add(total);
        ReplaceFile.Write(file, temp => MiniExcel.SaveAs(temp, new Dictionary<string, object> { ["专栏2 指标进展"] = Rows(ind), ["重大项目进展"] = Rows(prj) }, printHeader: false, overwriteFile: true));
    }

    /// <summary>zh-CN label of a schedule status (按期, 开工滞后, 逾期, 已完工, 已取消, 无计划完工时间).</summary>
    /// <param name="s">The status.</param>
    public static string ScheduleLabel(ScheduleStatus s) => s switch
    {
        ScheduleStatus.OnSchedule => "按期",
        ScheduleStatus.StartOverdue => "开工滞后",
        ScheduleStatus.Delayed => "逾期",
        ScheduleStatus.Finished => "已完工",
        ScheduleStatus.Cancelled => "已取消",
        _ => "无计划完工时间",
    };

    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);
    private static string Y(int y) => y.ToString(CultureInfo.InvariantCulture);

    private static List<Dictionary<string, object>> Rows(List<IReadOnlyList<string>> rows)
    {
        var width = rows.Max(r => r.Count);
        return rows.Select(r => Enumerable.Range(0, width).ToDictionary(i => "c" + Y(i), i => (object)(i < r.Count ? r[i] : ""))).ToList();
    }
}
