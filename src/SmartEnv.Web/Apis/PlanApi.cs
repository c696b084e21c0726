using SmartEnv.Accounts;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.PlanTracking;
using SmartEnv.Planning.Import;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;
using SmartEnv.Storage;
using SmartEnv.Web.Contracts;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Plan tracking (issue 7, 江北区“十四五”生态环境保护规划), all admin: <c>GET /api/plan/indicators?year=</c> (board: status,
/// rule, sparkline, history; #9/#13 computed first from stored air hours, HJ 663-2013), <c>POST
/// /api/plan/indicators/{number}/values</c> (reported value, a new version — history kept), <c>GET /api/plan/projects</c>
/// (filter by category / lead unit / stage / schedule status on a reference date, totals in 万元 as exact decimal
/// strings), <c>POST /api/plan/projects/{sequence}/stage|progress|evaluations</c>, <c>GET /api/plan/export</c> (xlsx:
/// <c>kind=tables</c> the plan's four tables cell for cell, <c>kind=progress</c> the tracking workbook).
/// </summary>
public static class PlanApi
{
    /// <summary>A reported value.</summary>
    /// <param name="Year">Year the value describes.</param>
    /// <param name="Value">Exact decimal in the indicator's unit.</param>
    /// <param name="By">Reporter.</param>
    /// <param name="Evidence">Evidence (document).</param>
    /// <param name="Note">Optional note.</param>
    public sealed record ValueInput(int Year, decimal Value, string By, string Evidence, string? Note);

    /// <summary>A municipal target issuance for a <c>市级下达</c> indicator.</summary>
    /// <param name="Target">Target in the plan's notation, e.g. <c>【19.5】</c>.</param>
    /// <param name="IssuedBy">Issuing body.</param>
    /// <param name="IssuedOn">Date.</param>
    /// <param name="Evidence">Document.</param>
    public sealed record MunicipalInput(string Target, string IssuedBy, DateOnly IssuedOn, string Evidence);

    /// <summary>A project row.</summary>
    /// <param name="Sequence">序号.</param>
    /// <param name="Category">分类.</param>
    /// <param name="Type">项目类型.</param>
    /// <param name="SubType">子类型.</param>
    /// <param name="Name">项目名称.</param>
    /// <param name="Nature">建设性质 as printed.</param>
    /// <param name="PlannedStart">Planned start as printed.</param>
    /// <param name="PlannedEnd">Planned end as printed.</param>
    /// <param name="Investment">Investment cell as printed.</param>
    /// <param name="Amount">Investment, 万元, exact decimal string.</param>
    /// <param name="LeadUnit">Lead unit.</param>
    /// <param name="Stage">Stage key.</param>
    /// <param name="StageLabel">zh-CN stage.</param>
    /// <param name="Schedule">Schedule status key on the reference date.</param>
    /// <param name="ScheduleLabel">zh-CN schedule status.</param>
    /// <param name="Deadline">Deadline used.</param>
    /// <param name="DaysOverdue">Days past it.</param>
    /// <param name="PercentComplete">Latest reported percent.</param>
    /// <param name="InvestmentToDate">Latest reported cumulative investment, 万元.</param>
    public sealed record ProjectDto(int Sequence, string Category, string Type, string? SubType, string Name, string Nature, string PlannedStart,
        string PlannedEnd, string Investment, string? Amount, string LeadUnit, string Stage, string StageLabel, string Schedule, string ScheduleLabel,
        DateOnly? Deadline, int DaysOverdue, string? PercentComplete, string? InvestmentToDate);

    /// <summary>Totals of the filtered list (万元, exact decimal strings).</summary>
    /// <param name="ByCategory">分类 → amount.</param>
    /// <param name="Overall">Sum.</param>
    /// <param name="Count">Projects.</param>
    public sealed record TotalsDto(IReadOnlyDictionary<string, string> ByCategory, string Overall, int Count);

    /// <summary>Project list.</summary>
    /// <param name="ReferenceDate">Date of the schedule check.</param>
    /// <param name="Projects">Rows.</param>
    /// <param name="Totals">Totals.</param>
    public sealed record ProjectsDto(DateOnly ReferenceDate, IReadOnlyList<ProjectDto> Projects, TotalsDto Totals);

    /// <summary>A stored progress report.</summary>
    /// <param name="AsOf">Date.</param>
    /// <param name="PercentComplete">0–100, exact decimal string.</param>
    /// <param name="InvestmentToDate">Cumulative investment completed, 万元, exact decimal string.</param>
    /// <param name="Issues">Issues.</param>
    /// <param name="ReportedBy">Reporter.</param>
    public sealed record ReportDto(DateOnly AsOf, string PercentComplete, string InvestmentToDate, string Issues, string ReportedBy);

    /// <summary>A stored stage change.</summary>
    /// <param name="From">Stage key before.</param>
    /// <param name="To">Stage key after.</param>
    /// <param name="On">Effective date.</param>
    /// <param name="By">Who decided.</param>
    /// <param name="Reason">Reason, null when none.</param>
    public sealed record StageChangeDto(string From, string To, DateOnly On, string By, string? Reason);

    /// <summary>A stored performance evaluation (summary).</summary>
    /// <param name="Year">Year evaluated.</param>
    /// <param name="EvaluatedOn">Date.</param>
    /// <param name="Evaluator">Evaluator.</param>
    /// <param name="Total">Total score of 100, exact decimal string.</param>
    /// <param name="Grade">excellent / good / fair / poor (优/良/中/差, 财预〔2020〕10号 bands).</param>
    public sealed record EvaluationDto(int Year, DateOnly EvaluatedOn, string Evaluator, string Total, string Grade);

    /// <summary>One project with its tracking record.</summary>
    /// <param name="Project">The list row.</param>
    /// <param name="Content">建设内容 as printed.</param>
    /// <param name="InvestmentNote">Note of the investment cell (e.g. <c>34880*12%</c>), null when none.</param>
    /// <param name="Reports">Progress reports, oldest first.</param>
    /// <param name="Stages">Stage changes, oldest first.</param>
    /// <param name="Evaluations">Performance evaluations, in order recorded.</param>
    public sealed record ProjectDetailDto(ProjectDto Project, string Content, string? InvestmentNote, IReadOnlyList<ReportDto> Reports,
        IReadOnlyList<StageChangeDto> Stages, IReadOnlyList<EvaluationDto> Evaluations);

    /// <summary>A stage change.</summary>
    /// <param name="To">Stage key (<c>preparation</c>, <c>under_construction</c>, <c>completed</c>, <c>accepted</c>, <c>adjusting</c>, <c>cancelled</c>, <c>reserve</c>).</param>
    /// <param name="On">Effective date.</param>
    /// <param name="By">Who decided.</param>
    /// <param name="Reason">Reason (required for adjusting/cancelled).</param>
    public sealed record StageInput(string To, DateOnly On, string By, string? Reason);

    /// <summary>A progress report.</summary>
    /// <param name="AsOf">Date.</param>
    /// <param name="PercentComplete">0–100.</param>
    /// <param name="InvestmentToDate">Cumulative, 万元.</param>
    /// <param name="Issues">Issues.</param>
    /// <param name="ReportedBy">Reporter.</param>
    public sealed record ProgressInput(DateOnly AsOf, decimal PercentComplete, decimal InvestmentToDate, string Issues, string ReportedBy);

    /// <summary>A dimension score.</summary>
    /// <param name="Dimension">input / process / output / benefit.</param>
    /// <param name="Score">Score.</param>
    /// <param name="MaxScore">Maximum.</param>
    /// <param name="Evidence">Evidence.</param>
    public sealed record ScoreInput(string Dimension, decimal Score, decimal MaxScore, string Evidence);

    /// <summary>A performance evaluation.</summary>
    /// <param name="Year">Year evaluated.</param>
    /// <param name="EvaluatedOn">Date.</param>
    /// <param name="Evaluator">Evaluator.</param>
    /// <param name="Scores">Scores (maxima add up to 100).</param>
    public sealed record EvaluationInput(int Year, DateOnly EvaluatedOn, string Evaluator, IReadOnlyList<ScoreInput> Scores);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/plan").WithTags("plan"); // reads: bureau staff; writes: planning (docs/security.md)
        g.MapGet("/indicators", BoardAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithSummary("Indicator board for a year: value, source, status and rule, sparkline, history (staff).");
        g.MapPost("/indicators/{number:int}/values", AddValueAsync).RequireAuthorization(SmartEnvPolicies.Planning).WithSummary("Record a reported value as a new version (admin, planning).");
        g.MapPut("/indicators/{number:int}/municipal-target", MunicipalAsync).RequireAuthorization(SmartEnvPolicies.Planning).WithSummary("Set the target the municipality issued for a 市级下达 indicator (admin, planning).");
        g.MapGet("/projects", ProjectsAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithSummary("Major projects filtered by category / lead_unit / stage / schedule, with totals (staff).");
        g.MapGet("/projects/{sequence:int}", ProjectAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithSummary("One project: row, content, progress reports, stage changes, evaluations (staff).");
        g.MapPost("/projects/{sequence:int}/stage", StageAsync).RequireAuthorization(SmartEnvPolicies.Planning).WithSummary("Lifecycle transition (admin, planning).");
        g.MapPost("/projects/{sequence:int}/progress", ProgressAsync).RequireAuthorization(SmartEnvPolicies.Planning).WithSummary("Progress report (admin, planning).");
        g.MapPost("/projects/{sequence:int}/evaluations", EvaluationAsync).RequireAuthorization(SmartEnvPolicies.Planning).WithSummary("Performance evaluation (admin, planning).");
        g.MapGet("/export", ExportAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithSummary("Excel export: kind=tables (plan layout, raw cells) or kind=progress (staff).");
        return app;
    }

    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static PlanRepository Repo(SmartEnvStore store, SmartEnvWebOptions o, HttpContext? http = null) =>
        new(store, o.PlanAirStations, o.Time) { Actor = http is null ? SmartEnv.Storage.Audit.AuditActor.System("plan") : AuditActors.FromHttp(http) };

    private static string Key<T>(T e) where T : struct, Enum => ContractJson.EnumValue(e);

    private static ValidationProblem Problem(string field, string message) => ApiValidation.Invalid(field, message);

    private static async Task<Results<Ok<PlanBoardDto>, ProblemHttpResult, ValidationProblem>> BoardAsync(int year, SmartEnvStore store, SmartEnvWebOptions o, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) return Problem("year", "year must be 2000–2100");
        var board = await BuildBoardAsync(store, o, year, ct);
        return board is null ? ApiValidation.NotFound(NoPlan) : TypedResults.Ok(board);
    }

    /// <summary>Text returned when the store holds no plan.</summary>
    public const string NoPlan = "no plan imported: run `smartenv plan import DIR`";

    /// <summary>
    /// The indicator board of a year as <c>GET /api/plan/indicators</c> answers it (and the 规划 page shows it): first
    /// <see cref="PlanRepository.ComputeAsync"/> (may append a computed version of #7/#9/#13), then each indicator
    /// assessed by <see cref="IndicatorStatusEvaluator.Assess"/>.
    /// </summary>
    /// <param name="store">Store.</param>
    /// <param name="o">Options (air stations, clock).</param>
    /// <param name="year">Year, 2000–2100 (callers check).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The board, or null when no plan is imported.</returns>
    public static async Task<PlanBoardDto?> BuildBoardAsync(SmartEnvStore store, SmartEnvWebOptions o, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        var repo = Repo(store, o);
        var (_, gaps) = await repo.ComputeAsync(year, ct);
        var plan = await repo.LoadAsync(ct);
        if (plan is null) return null;
        var rows = plan.Board.Indicators.Select(i => PlanContract.Indicator(plan.Board, i, year,
            gaps.FirstOrDefault(x => x.IndicatorNumber == i.Number)?.Reason)).ToList();
        return new PlanBoardDto(year, repo.AirStations, rows);
    }

    private static async Task<Results<Created<PlanVersionDto>, ValidationProblem>> AddValueAsync(int number, ValueInput input, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, CancellationToken ct)
    {
        var at = o.Time.GetUtcNow();
        var (version, error) = await Repo(store, o, http).RecordValueAsync(
            new IndicatorValue(number, input.Year, input.Value, ValueSource.Reported, input.By ?? "", at, input.Evidence ?? "", input.Note), ct);
        if (error is not null) return Problem("value", error);
        return TypedResults.Created($"/api/plan/indicators?year={input.Year}",
            new PlanVersionDto(version, S(input.Value), ContractJson.EnumValue(ValueSource.Reported), input.By!, at, input.Evidence!, input.Note));
    }

    private static async Task<Results<NoContent, ValidationProblem>> MunicipalAsync(int number, MunicipalInput input, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, CancellationToken ct)
    {
        var error = await Repo(store, o, http).SetMunicipalTargetAsync(number, input.Target ?? "", input.IssuedBy ?? "", input.IssuedOn, input.Evidence ?? "", ct);
        return error is null ? TypedResults.NoContent() : Problem("target", error);
    }

    private static async Task<Results<Ok<ProjectsDto>, ProblemHttpResult, ValidationProblem>> ProjectsAsync(SmartEnvStore store, SmartEnvWebOptions o,
        string? category, string? lead_unit, string? stage, string? schedule, DateOnly? reference_date, CancellationToken ct)
    {
        ProjectStage? st = null;
        if (stage is not null && (st = PlanRepository.ParseStage(stage)) is null) return Problem("stage", $"unknown stage '{stage}'");
        var list = await BuildProjectsAsync(store, o, new ProjectFilter(category, lead_unit, st), schedule, reference_date, ct);
        return list is null ? ApiValidation.NotFound(NoPlan) : TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ProjectDetailDto>, ProblemHttpResult>> ProjectAsync(int sequence, SmartEnvStore store, SmartEnvWebOptions o,
        DateOnly? reference_date, CancellationToken ct)
    {
        var d = await BuildProjectAsync(store, o, sequence, reference_date, ct);
        return d is null ? ApiValidation.NotFound($"no project {sequence} (or no plan imported)") : TypedResults.Ok(d);
    }

    /// <summary>Today in Beijing time (UTC+8), the default reference date of the schedule check.</summary>
    /// <param name="o">Options (clock).</param>
    public static DateOnly BeijingToday(SmartEnvWebOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return BeijingTime.Today(o.Time);
    }

    /// <summary>
    /// The filtered project list with totals as <c>GET /api/plan/projects</c> answers it (and the 规划 page shows it):
    /// <see cref="ProjectLibrary.Filter"/>, then the schedule status on the reference date, then
    /// <see cref="ProjectTotals.Compute"/> over the rows left (万元, exact decimals).
    /// </summary>
    /// <param name="store">Store.</param>
    /// <param name="o">Options (clock).</param>
    /// <param name="filter">Category / lead unit / stage.</param>
    /// <param name="schedule">Schedule status key (<c>on_schedule</c>, <c>start_overdue</c>, <c>delayed</c>, <c>finished</c>,
    /// <c>cancelled</c>, <c>no_planned_end</c>), null for all.</param>
    /// <param name="referenceDate">Date of the schedule check; null = today in Beijing time.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The list, or null when no plan is imported.</returns>
    public static async Task<ProjectsDto?> BuildProjectsAsync(SmartEnvStore store, SmartEnvWebOptions o, ProjectFilter filter, string? schedule,
        DateOnly? referenceDate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        var plan = await Repo(store, o).LoadAsync(ct);
        if (plan is null) return null;
        var day = referenceDate ?? BeijingToday(o);
        var list = plan.Library.Filter(filter)
            .Select(p => (P: p, C: p.CheckSchedule(day)))
            .Where(x => schedule is null || Key(x.C.Status) == schedule)
            .ToList();
        var totals = ProjectTotals.Compute(list.Select(x => x.P.Project));
        return new ProjectsDto(day, list.Select(x => Row(x.P, x.C)).ToList(),
            new TotalsDto(totals.ByCategory.ToDictionary(c => c.Category, c => S(c.Amount)), S(totals.Overall), list.Count));
    }

    private static ProjectDto Row(TrackedProject p, ScheduleCheck c) => new(p.Project.Sequence, p.Project.Category, p.Project.Type,
        p.Project.SubType, p.Project.Name, p.Project.NatureRaw, p.Project.PlannedStart.Raw, p.Project.PlannedEnd.Raw,
        p.Project.Investment.Raw, p.Project.Investment.Amount is decimal m ? S(m) : null, p.Project.LeadUnit,
        PlanRepository.StageKey(p.Lifecycle.Stage), ProjectLifecycle.Label(p.Lifecycle.Stage), Key(c.Status),
        PlanTrackingExporter.ScheduleLabel(c.Status), c.Deadline, c.DaysOverdue,
        p.Latest is { } l ? S(l.PercentComplete) : null, p.Latest is { } l2 ? S(l2.InvestmentToDate) : null);

    /// <summary>
    /// One project with its tracking record as <c>GET /api/plan/projects/{sequence}</c> answers it: the row, the plan's
    /// 建设内容, every progress report (oldest first), stage change and performance evaluation.
    /// </summary>
    /// <param name="store">Store.</param>
    /// <param name="o">Options (clock).</param>
    /// <param name="sequence">序号 (1-based).</param>
    /// <param name="referenceDate">Date of the schedule check; null = today in Beijing time.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The detail, or null when the plan or the project is missing.</returns>
    public static async Task<ProjectDetailDto?> BuildProjectAsync(SmartEnvStore store, SmartEnvWebOptions o, int sequence, DateOnly? referenceDate,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        var plan = await Repo(store, o).LoadAsync(ct);
        var p = plan?.Library.Projects.FirstOrDefault(x => x.Project.Sequence == sequence);
        if (p is null) return null;
        var day = referenceDate ?? BeijingToday(o);
        return new ProjectDetailDto(Row(p, p.CheckSchedule(day)), p.Project.Content, p.Project.Investment.Note,
            p.Reports.Select(r => new ReportDto(r.AsOf, S(r.PercentComplete), S(r.InvestmentToDate), r.Issues, r.ReportedBy)).ToList(),
            p.Lifecycle.History.Select(h => new StageChangeDto(PlanRepository.StageKey(h.From), PlanRepository.StageKey(h.To), h.On, h.By, h.Reason)).ToList(),
            p.Evaluations.Select(e => new EvaluationDto(e.Year, e.EvaluatedOn, e.Evaluator, S(e.Total), ContractJson.EnumValue(e.Grade))).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem>> StageAsync(int sequence, StageInput input, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, CancellationToken ct)
    {
        if (PlanRepository.ParseStage(input.To) is not { } to) return Problem("to", $"unknown stage '{input.To}'");
        var error = await Repo(store, o, http).ChangeStageAsync(sequence, to, input.On, input.By ?? "", input.Reason, ct);
        return error is null ? TypedResults.NoContent() : Problem("to", error);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ProgressAsync(int sequence, ProgressInput input, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.ReportedBy)) return Problem("reported_by", "reported_by is required");
        var error = await Repo(store, o, http).ReportProgressAsync(sequence,
            new ProgressReport(input.AsOf, input.PercentComplete, input.InvestmentToDate, input.Issues ?? "", input.ReportedBy), ct);
        return error is null ? TypedResults.NoContent() : Problem("progress", error);
    }

    private static async Task<Results<NoContent, ValidationProblem>> EvaluationAsync(int sequence, EvaluationInput input, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, CancellationToken ct)
    {
        var scores = new List<DimensionScore>();
        foreach (var s in input.Scores ?? [])
        {
            if (!Enum.TryParse<EvaluationDimension>(s.Dimension, true, out var d) || !Enum.IsDefined(d)) return Problem("scores", $"unknown dimension '{s.Dimension}'");
            scores.Add(new DimensionScore(d, s.Score, s.MaxScore, s.Evidence ?? ""));
        }
        var error = await Repo(store, o, http).EvaluateAsync(sequence, new PerformanceEvaluation(input.Year, input.EvaluatedOn, input.Evaluator ?? "", scores), ct);
        return error is null ? TypedResults.NoContent() : Problem("scores", error);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(SmartEnvStore store, SmartEnvWebOptions o,
        string? kind, int? year, DateOnly? reference_date, CancellationToken ct)
    {
        kind ??= "tables";
        if (kind is not ("tables" or "progress")) return Problem("kind", "kind is tables or progress");
        var file = await BuildWorkbookAsync(store, o, kind, year, reference_date, ct);
        return file is null ? ApiValidation.NotFound(NoPlan) : TypedResults.File(file.Value.Bytes, XlsxType, file.Value.Name);
    }

    /// <summary>Content type of an xlsx workbook.</summary>
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The workbook of <c>GET /api/plan/export</c>: <c>tables</c> = <see cref="PlanExcelExporter"/> (the plan's four
    /// tables, every raw cell), <c>progress</c> = <see cref="PlanTrackingExporter"/> for <paramref name="year"/> (after
    /// <see cref="PlanRepository.ComputeAsync"/>) and the schedule on <paramref name="referenceDate"/>.
    /// </summary>
    /// <param name="store">Store.</param>
    /// <param name="o">Options (air stations, clock).</param>
    /// <param name="kind"><c>tables</c> or <c>progress</c>.</param>
    /// <param name="year">Year of the progress sheet; null = this year (Beijing).</param>
    /// <param name="referenceDate">Schedule date; null = today (Beijing).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>File bytes and download name, or null when no plan is imported.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is neither.</exception>
    public static async Task<(byte[] Bytes, string Name)?> BuildWorkbookAsync(SmartEnvStore store, SmartEnvWebOptions o, string kind, int? year,
        DateOnly? referenceDate, CancellationToken ct = default)
    {
        if (kind is not ("tables" or "progress")) throw new ArgumentException("kind is tables or progress", nameof(kind));
        var repo = Repo(store, o);
        var today = BeijingToday(o);
        if (kind == "progress") await repo.ComputeAsync(year ?? today.Year, ct);
        var plan = await repo.LoadAsync(ct);
        if (plan is null) return null;
        var file = Path.Combine(Path.GetTempPath(), "smartenv-plan-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            if (kind == "tables") PlanExcelExporter.Export(plan.Tables, file);
            else PlanTrackingExporter.Export(plan.Board, year ?? today.Year, plan.Library, referenceDate ?? today, file);
            var bytes = await File.ReadAllBytesAsync(file, ct);
            return (bytes, kind == "tables" ? "jiangbei-14th-plan.xlsx" : "jiangbei-14th-plan-progress.xlsx");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
