using System.Globalization;

namespace SmartEnv.Planning.Projects;

/// <summary>A periodic progress report of a project (第八章第二节 "定期开展项目实施情况调度").</summary>
/// <param name="AsOf">Date the report describes.</param>
/// <param name="PercentComplete">Physical progress 0–100 %.</param>
/// <param name="InvestmentToDate">Investment completed to date in 万元 (cumulative, exact).</param>
/// <param name="Issues">Problems reported (empty when none).</param>
/// <param name="ReportedBy">Reporting unit or person.</param>
public sealed record ProgressReport(DateOnly AsOf, decimal PercentComplete, decimal InvestmentToDate, string Issues, string ReportedBy);

/// <summary>Why a progress report was refused.</summary>
public enum ProgressRefusal
{
    /// <summary>Percent outside 0–100.</summary>
    PercentOutOfRange,
    /// <summary>Negative investment.</summary>
    NegativeInvestment,
    /// <summary>Date before the latest report.</summary>
    DateBeforeLatest,
    /// <summary>Cumulative investment below the previous report's.</summary>
    InvestmentDecreased,
    /// <summary>The project is cancelled or accepted.</summary>
    ProjectClosed,
}

/// <summary>The four dimensions of a project performance evaluation (第八章第二节 "从投入、过程、产出等方面科学设置评价指标"; 效益 added as
/// in 财预〔2020〕10号 《项目支出绩效评价管理办法》).</summary>
public enum EvaluationDimension
{
    /// <summary>投入.</summary>
    Input,
    /// <summary>过程.</summary>
    Process,
    /// <summary>产出.</summary>
    Output,
    /// <summary>效益.</summary>
    Benefit,
}

/// <summary>A score in one dimension.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Score">Points given (0 ≤ score ≤ max).</param>
/// <param name="MaxScore">Points available (weight); the four maxima add up to 100.</param>
/// <param name="Evidence">Evidence (documents, site checks) for the score.</param>
public sealed record DimensionScore(EvaluationDimension Dimension, decimal Score, decimal MaxScore, string Evidence);

/// <summary>Grade of a performance evaluation: 优 ≥ 90, 良 80–&lt;90, 中 60–&lt;80, 差 &lt; 60 (total out of 100,
/// the bands of 财预〔2020〕10号).</summary>
public enum EvaluationGrade
{
    /// <summary>优.</summary>
    Excellent,
    /// <summary>良.</summary>
    Good,
    /// <summary>中.</summary>
    Fair,
    /// <summary>差.</summary>
    Poor,
}

/// <summary>A performance evaluation record of a project for a year.</summary>
/// <param name="Year">Evaluated year.</param>
/// <param name="EvaluatedOn">Date of the evaluation.</param>
/// <param name="Evaluator">Who evaluated (department or third party, 第八章 "发挥中介机构作用").</param>
/// <param name="Scores">Exactly one score per dimension.</param>
public sealed record PerformanceEvaluation(int Year, DateOnly EvaluatedOn, string Evaluator, IReadOnlyList<DimensionScore> Scores)
{
    /// <summary>Sum of the four scores.</summary>
    public decimal Total => Scores.Sum(s => s.Score);

    /// <summary>Grade from <see cref="Total"/>.</summary>
    public EvaluationGrade Grade => Total >= 90m ? EvaluationGrade.Excellent : Total >= 80m ? EvaluationGrade.Good : Total >= 60m ? EvaluationGrade.Fair : EvaluationGrade.Poor;

    /// <summary>Checks the record: one score per dimension, 0 ≤ score ≤ max, maxima summing to 100, evidence given.</summary>
    /// <returns>Problems found; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var d in Enum.GetValues<EvaluationDimension>())
        {
            var n = Scores.Count(s => s.Dimension == d);
            if (n != 1) problems.Add($"{d}: {n} scores, expected 1");
        }
        foreach (var s in Scores)
        {
            if (s.Score < 0 || s.Score > s.MaxScore) problems.Add($"{s.Dimension}: score {s.Score} outside 0–{s.MaxScore}");
            if (string.IsNullOrWhiteSpace(s.Evidence)) problems.Add($"{s.Dimension}: no evidence");
        }
        var max = Scores.Sum(s => s.MaxScore);
        if (max != 100m) problems.Add($"maximum scores add up to {max.ToString(CultureInfo.InvariantCulture)}, expected 100");
        return problems;
    }
}

/// <summary>Schedule state of a project on a reference date.</summary>
public enum ScheduleStatus
{
    /// <summary>Within plan.</summary>
    OnSchedule,
    /// <summary>Planned start passed while still 储备/前期.</summary>
    StartOverdue,
    /// <summary>Planned end passed while not 完工/验收.</summary>
    Delayed,
    /// <summary>完工 or 验收.</summary>
    Finished,
    /// <summary>取消.</summary>
    Cancelled,
    /// <summary>End not given (<c>待定</c>, <c>——</c>): no deadline to check.</summary>
    NoPlannedEnd,
}

/// <summary>Delay check result.</summary>
/// <param name="Status">The state.</param>
/// <param name="Deadline">The date checked against (last day of the planned end month/year, or of the start for
/// <see cref="ScheduleStatus.StartOverdue"/>), null when none.</param>
/// <param name="DaysOverdue">Days past the deadline on the reference date (0 when not overdue).</param>
public sealed record ScheduleCheck(ScheduleStatus Status, DateOnly? Deadline, int DaysOverdue);

/// <summary>A project with its tracking state: lifecycle, progress reports and evaluations.</summary>
public sealed class TrackedProject
{
    private readonly List<ProgressReport> _reports = [];
    private readonly List<PerformanceEvaluation> _evaluations = [];

    /// <summary>Starts tracking a project in the stage <see cref="ProjectLifecycle.InitialStageFor"/> gives.</summary>
    /// <param name="project">The project.</param>
    public TrackedProject(MajorProject project)
    {
        Project = project ?? throw new ArgumentNullException(nameof(project));
        Lifecycle = new ProjectLifecycle(ProjectLifecycle.InitialStageFor(project));
    }

    /// <summary>The plan's project row.</summary>
    public MajorProject Project { get; }
    /// <summary>Lifecycle state machine.</summary>
    public ProjectLifecycle Lifecycle { get; }
    /// <summary>Progress reports, oldest first.</summary>
    public IReadOnlyList<ProgressReport> Reports => _reports;
    /// <summary>Performance evaluations, in order recorded.</summary>
    public IReadOnlyList<PerformanceEvaluation> Evaluations => _evaluations;
    /// <summary>Latest progress report, null when none.</summary>
    public ProgressReport? Latest => _reports.Count == 0 ? null : _reports[^1];

    /// <summary>Adds a progress report; refusals are values.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Null when added, else the refusal.</returns>
    public ProgressRefusal? Report(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Lifecycle.Stage is ProjectStage.Cancelled or ProjectStage.Accepted) return ProgressRefusal.ProjectClosed;
        if (report.PercentComplete is < 0m or > 100m) return ProgressRefusal.PercentOutOfRange;
        if (report.InvestmentToDate < 0m) return ProgressRefusal.NegativeInvestment;
        if (Latest is { } last)
        {
            if (report.AsOf < last.AsOf) return ProgressRefusal.DateBeforeLatest;
            if (report.InvestmentToDate < last.InvestmentToDate) return ProgressRefusal.InvestmentDecreased;
        }
        _reports.Add(report);
        return null;
    }

    /// <summary>Adds a performance evaluation after <see cref="PerformanceEvaluation.Validate"/>.</summary>
    /// <param name="evaluation">The record.</param>
    /// <returns>Problems; empty when added.</returns>
    public IReadOnlyList<string> Evaluate(PerformanceEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var problems = evaluation.Validate();
        if (problems.Count == 0) _evaluations.Add(evaluation);
        return problems;
    }

    /// <summary>
    /// Delay detection on a reference date. Rule: deadline = last day of the planned end (month, or 31 December for a
    /// year); after it a project not 完工/验收/取消 is <see cref="ScheduleStatus.Delayed"/>. Before it, a project still
    /// 储备/前期 (or 调整 from those) after the last day of its planned start is <see cref="ScheduleStatus.StartOverdue"/>.
    /// </summary>
    /// <param name="referenceDate">The date to check on.</param>
    public ScheduleCheck CheckSchedule(DateOnly referenceDate)
    {
        var stage = Lifecycle.Stage;
        if (stage == ProjectStage.Cancelled) return new ScheduleCheck(ScheduleStatus.Cancelled, null, 0);
        if (stage is ProjectStage.Completed or ProjectStage.Accepted) return new ScheduleCheck(ScheduleStatus.Finished, Project.PlannedEnd.Latest, 0);
        if (Project.PlannedEnd.Latest is { } end && referenceDate > end)
            return new ScheduleCheck(ScheduleStatus.Delayed, end, referenceDate.DayNumber - end.DayNumber);
        var notStarted = stage is ProjectStage.Reserve or ProjectStage.Preparation
            || (stage == ProjectStage.Adjusting && Lifecycle.AdjustedFrom is ProjectStage.Reserve or ProjectStage.Preparation);
        if (notStarted && Project.PlannedStart.Latest is { } start && referenceDate > start)
            return new ScheduleCheck(ScheduleStatus.StartOverdue, start, referenceDate.DayNumber - start.DayNumber);
        if (Project.PlannedEnd.Latest is null) return new ScheduleCheck(ScheduleStatus.NoPlannedEnd, null, 0);
        return new ScheduleCheck(ScheduleStatus.OnSchedule, Project.PlannedEnd.Latest, 0);
    }
}
