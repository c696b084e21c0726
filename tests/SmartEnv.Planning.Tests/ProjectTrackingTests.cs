using SmartEnv.Planning.Projects;

namespace SmartEnv.Planning.Tests;

public class ProjectTrackingTests
{
    private static readonly DateOnly D0 = new(2021, 3, 1);

    private static MajorProject P(string name) => ImportTests.Load().Projects.Single(p => p.Name == name);

    [Fact]
    public void Full_lifecycle_is_recorded_in_order()
    {
        var l = new ProjectLifecycle();
        Assert.True(l.Transition(ProjectStage.Preparation, D0, "区生态环境局").Ok);
        Assert.True(l.Transition(ProjectStage.UnderConstruction, D0.AddDays(30), "区生态环境局").Ok);
        Assert.True(l.Transition(ProjectStage.Completed, D0.AddDays(300), "区生态环境局").Ok);
        Assert.True(l.Transition(ProjectStage.Accepted, D0.AddDays(330), "区生态环境局").Ok);
        Assert.True(l.IsTerminal);
        Assert.Equal([ProjectStage.Preparation, ProjectStage.UnderConstruction, ProjectStage.Completed, ProjectStage.Accepted], l.History.Select(h => h.To));
        Assert.Equal(ProjectStage.Reserve, l.History[0].From);
    }

    [Theory]
    [InlineData(ProjectStage.Reserve, ProjectStage.UnderConstruction)]
    [InlineData(ProjectStage.Reserve, ProjectStage.Completed)]
    [InlineData(ProjectStage.Completed, ProjectStage.UnderConstruction)]
    [InlineData(ProjectStage.Completed, ProjectStage.Cancelled)]
    [InlineData(ProjectStage.Accepted, ProjectStage.Adjusting)]
    [InlineData(ProjectStage.Cancelled, ProjectStage.Reserve)]
    public void Skipping_or_leaving_terminal_stages_is_refused(ProjectStage from, ProjectStage to)
    {
        var l = new ProjectLifecycle(from);
        var r = l.Transition(to, D0, "x", "reason");
        Assert.False(r.Ok);
        Assert.Equal(TransitionRefusal.NotAllowed, r.Refusal);
        Assert.Equal(from, l.Stage);
        Assert.Empty(l.History);
    }

    [Fact]
    public void Adjustment_and_cancellation_need_a_reason_and_adjustment_resumes()
    {
        var l = new ProjectLifecycle(ProjectStage.UnderConstruction);
        Assert.Equal(TransitionRefusal.ReasonRequired, l.Transition(ProjectStage.Adjusting, D0, "区住房城乡建委", " ").Refusal);
        var adj = l.Transition(ProjectStage.Adjusting, D0, "区住房城乡建委", "建设规模调整（第八章第二节 动态调整）");
        Assert.True(adj.Ok);
        Assert.Equal(ProjectStage.UnderConstruction, l.AdjustedFrom);
        Assert.Equal(TransitionRefusal.DateBeforeLast, l.Transition(ProjectStage.UnderConstruction, D0.AddDays(-1), "x").Refusal);
        Assert.True(l.Transition(ProjectStage.UnderConstruction, D0.AddDays(10), "区住房城乡建委").Ok);
        Assert.Equal(TransitionRefusal.ReasonRequired, l.Transition(ProjectStage.Cancelled, D0.AddDays(20), "x").Refusal);
        var c = l.Transition(ProjectStage.Cancelled, D0.AddDays(20), "区发展改革委", "资金未落实");
        Assert.Equal("资金未落实", c.Change!.Reason);
        Assert.Equal(3, l.History.Count);
    }

    [Fact]
    public void Continued_projects_start_under_construction_new_ones_in_reserve()
    {
        Assert.Equal(ProjectStage.UnderConstruction, new TrackedProject(P("铜锣峡岸线生态修复工程锣旗寺段")).Lifecycle.Stage);
        Assert.Equal(ProjectStage.Reserve, new TrackedProject(P("江北区明月山森林防火体系建设项目")).Lifecycle.Stage);
    }

    [Fact]
    public void Delay_is_flagged_after_the_last_day_of_the_planned_end_month()
    {
        // 锣旗寺段: 拟完工 2021.7 → deadline 2021-07-31.
        var t = new TrackedProject(P("铜锣峡岸线生态修复工程锣旗寺段"));
        Assert.Equal(ScheduleStatus.OnSchedule, t.CheckSchedule(new DateOnly(2021, 7, 31)).Status);
        var late = t.CheckSchedule(new DateOnly(2021, 9, 30));
        Assert.Equal(ScheduleStatus.Delayed, late.Status);
        Assert.Equal(new DateOnly(2021, 7, 31), late.Deadline);
        Assert.Equal(61, late.DaysOverdue); // 31 days of August + 30 of September
        t.Lifecycle.Transition(ProjectStage.Completed, new DateOnly(2021, 10, 8), "区住房城乡建委");
        Assert.Equal(ScheduleStatus.Finished, t.CheckSchedule(new DateOnly(2021, 12, 1)).Status);
    }

    [Fact]
    public void Year_only_end_means_31_December_and_undated_ends_are_not_checked()
    {
        var t = new TrackedProject(P("崔家湾片区雨污水改造项目")); // 2021 → 2022, 新建
        t.Lifecycle.Transition(ProjectStage.Preparation, new DateOnly(2021, 3, 1), "唐桂");
        t.Lifecycle.Transition(ProjectStage.UnderConstruction, new DateOnly(2021, 6, 1), "唐桂");
        Assert.Equal(ScheduleStatus.OnSchedule, t.CheckSchedule(new DateOnly(2022, 12, 31)).Status);
        Assert.Equal(ScheduleStatus.Delayed, t.CheckSchedule(new DateOnly(2023, 1, 1)).Status);
        var tbd = new TrackedProject(P("江北区明月山森林防火体系建设项目")); // 待定 / 待定
        Assert.Equal(ScheduleStatus.NoPlannedEnd, tbd.CheckSchedule(new DateOnly(2030, 1, 1)).Status);
    }

    [Fact]
    public void Start_overdue_when_still_in_reserve_after_the_planned_start()
    {
        var t = new TrackedProject(P("朝天门大桥桥头公园项目")); // 2022.06 → 2023.06
        Assert.Equal(ScheduleStatus.OnSchedule, t.CheckSchedule(new DateOnly(2022, 6, 30)).Status);
        var s = t.CheckSchedule(new DateOnly(2022, 7, 10));
        Assert.Equal(ScheduleStatus.StartOverdue, s.Status);
        Assert.Equal(10, s.DaysOverdue);
    }

    [Fact]
    public void Progress_reports_are_validated()
    {
        var t = new TrackedProject(P("罗汉河管网建设项目"));
        Assert.Null(t.Report(new ProgressReport(new DateOnly(2021, 9, 30), 40m, 1980.5m, "", "排水中心")));
        Assert.Equal(ProgressRefusal.PercentOutOfRange, t.Report(new ProgressReport(new DateOnly(2021, 12, 31), 101m, 4950m, "", "排水中心")));
        Assert.Equal(ProgressRefusal.InvestmentDecreased, t.Report(new ProgressReport(new DateOnly(2021, 12, 31), 60m, 1000m, "", "排水中心")));
        Assert.Equal(ProgressRefusal.DateBeforeLatest, t.Report(new ProgressReport(new DateOnly(2021, 6, 30), 50m, 2000m, "", "排水中心")));
        Assert.Null(t.Report(new ProgressReport(new DateOnly(2021, 12, 31), 85m, 4100m, "征地拆迁滞后", "排水中心")));
        Assert.Equal(2, t.Reports.Count);
        Assert.Equal("征地拆迁滞后", t.Latest!.Issues);
    }

    [Fact]
    public void Performance_evaluation_is_checked_and_graded()
    {
        var t = new TrackedProject(P("江北“智能环保”系统"));
        var ok = new PerformanceEvaluation(2022, new DateOnly(2023, 3, 1), "第三方评价机构",
        [
            new DimensionScore(EvaluationDimension.Input, 18m, 20m, "预算批复文件"),
            new DimensionScore(EvaluationDimension.Process, 17.5m, 20m, "招投标及监理记录"),
            new DimensionScore(EvaluationDimension.Output, 36m, 40m, "验收报告"),
            new DimensionScore(EvaluationDimension.Benefit, 14m, 20m, "用户满意度调查"),
        ]);
        Assert.Empty(t.Evaluate(ok));
        Assert.Equal(85.5m, ok.Total); // 18 + 17.5 + 36 + 14
        Assert.Equal(EvaluationGrade.Good, ok.Grade);
        var bad = ok with { Scores = [ok.Scores[0], ok.Scores[1], ok.Scores[2] with { Score = 41m }] };
        var problems = t.Evaluate(bad);
        Assert.Contains(problems, p => p.StartsWith("Benefit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Output: score 41", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("add up to 80", StringComparison.Ordinal));
        Assert.Single(t.Evaluations);
    }

    [Theory]
    [InlineData(90, EvaluationGrade.Excellent)]
    [InlineData(89.9, EvaluationGrade.Good)]
    [InlineData(80, EvaluationGrade.Good)]
    [InlineData(79.5, EvaluationGrade.Fair)]
    [InlineData(60, EvaluationGrade.Fair)]
    [InlineData(59.99, EvaluationGrade.Poor)]
    public void Grade_bands(double total, EvaluationGrade grade)
    {
        var e = new PerformanceEvaluation(2022, D0, "x", [new DimensionScore(EvaluationDimension.Output, (decimal)total, 100m, "e")]);
        Assert.Equal(grade, e.Grade);
    }
}

public class ProjectLibraryTests
{
    [Fact]
    public void Filter_totals_and_overdue_on_a_reference_date()
    {
        var lib = new ProjectLibrary(ImportTests.Load().Projects);
        Assert.Equal(50, lib.Projects.Count);
        // 区生态环境局 leads rows 36 (400, 区生态环境局（大石坝街道）) and 44–50: 400+1500+1200+1200+200+700+3097.07+3000 = 11297.07
        var eeb = new ProjectFilter(LeadUnit: "区生态环境局");
        Assert.Equal(8, lib.Filter(eeb).Count);
        Assert.Equal(11297.07m, lib.Totals(eeb).Overall);
        // 续建 projects start 在建: 10 of them
        Assert.Equal(10, lib.Filter(new ProjectFilter(Stage: ProjectStage.UnderConstruction)).Count);
        // On 2021-04-01 the 在建 project 江山名门 (end 2021.03) is delayed; 黑石子仓库 (续建, end 2021) is not.
        var overdue = lib.Overdue(new DateOnly(2021, 4, 1));
        Assert.Contains(overdue, x => x.Project.Project.Name == "江山名门地块南侧污水管网工程" && x.Check.Status == ScheduleStatus.Delayed && x.Check.DaysOverdue == 1);
        Assert.DoesNotContain(overdue, x => x.Project.Project.Name == "黑石子仓库污染地块治理修复");
        var jiangshan = lib.Projects.Single(p => p.Project.Name == "江山名门地块南侧污水管网工程");
        jiangshan.Lifecycle.Transition(ProjectStage.Completed, new DateOnly(2021, 3, 20), "区研发中心");
        Assert.DoesNotContain(lib.Overdue(new DateOnly(2021, 4, 1)), x => x.Project == jiangshan);
    }
}
