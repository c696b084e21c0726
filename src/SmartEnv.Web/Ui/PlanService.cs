using System.Globalization;
using SmartEnv.PlanTracking;
using SmartEnv.Planning.Projects;
using SmartEnv.Storage;
using SmartEnv.Web.Apis;

namespace SmartEnv.Web.Ui;

/// <summary>Filters of the 重大项目 list, as the 规划 page and its export take them (same meaning as the query of
/// <c>GET /api/plan/projects</c>).</summary>
/// <param name="Category">分类, exact; null for all.</param>
/// <param name="LeadUnit">牵头单位, exact; null for all.</param>
/// <param name="Stage">Stage key (<c>reserve</c>, <c>preparation</c>, <c>under_construction</c>, <c>completed</c>,
/// <c>accepted</c>, <c>adjusting</c>, <c>cancelled</c>); null for all.</param>
/// <param name="Schedule">Schedule status key; null for all.</param>
/// <param name="ReferenceDate">Date of the schedule check; null = today in Beijing time.</param>
public sealed record PlanProjectQuery(string? Category = null, string? LeadUnit = null, string? Stage = null, string? Schedule = null,
    DateOnly? ReferenceDate = null);

/// <summary>
/// View model of the 规划 page (江北区“十四五”生态环境保护规划): the indicator board and the major-project library,
/// produced by the same builders as the admin API (<see cref="PlanApi.BuildBoardAsync"/>,
/// <see cref="PlanApi.BuildProjectsAsync"/>, <see cref="PlanApi.BuildProjectAsync"/>) so the page and
/// <c>GET /api/plan/…</c> cannot differ; no indicator evaluation here. Scoped; not thread-safe.
/// </summary>
/// <param name="store">Store.</param>
/// <param name="options">Web options (plan air stations, clock).</param>
public sealed class PlanService(SmartEnvStore store, SmartEnvWebOptions options)
{
    /// <summary>First year offered by the year selector (13th plan period, so 2019 monitoring data can be shown).</summary>
    public const int FirstYear = 2016;

    /// <summary>Last year offered: the plan's target year.</summary>
    public const int LastYear = 2025;

    /// <summary>Years of the selector, <see cref="FirstYear"/>…<see cref="LastYear"/>.</summary>
    public static IReadOnlyList<int> Years { get; } = Enumerable.Range(FirstYear, LastYear - FirstYear + 1).ToList();

    /// <summary>Stage keys in lifecycle order (储备 前期 在建 完工 验收 调整 取消).</summary>
    public static IReadOnlyList<string> StageKeys { get; } = Enum.GetValues<ProjectStage>().Select(PlanRepository.StageKey).ToList();

    /// <summary>Schedule status keys (按期, 开工滞后, 逾期, 已完工, 已取消, 无计划完工时间).</summary>
    public static IReadOnlyList<string> ScheduleKeys { get; } =
        Enum.GetValues<ScheduleStatus>().Select(s => SnakeCaseEnumConverter<ScheduleStatus>.ToSnake(s.ToString())).ToList();

    /// <summary>Default year of the board: the last complete calendar year (Beijing time), within
    /// <see cref="FirstYear"/>…<see cref="LastYear"/> (annual values are reported after the year ends).</summary>
    public int DefaultYear => Math.Clamp(PlanApi.BeijingToday(options).Year - 1, FirstYear, LastYear);

    /// <summary>The board of a year (may append a computed version first, as the API does).</summary>
    /// <param name="year">Year.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when no plan is imported.</returns>
    public Task<Contracts.PlanBoardDto?> BoardAsync(int year, CancellationToken ct = default) => PlanApi.BuildBoardAsync(store, options, year, ct);

    /// <summary>The filtered project list with totals (万元).</summary>
    /// <param name="q">Filters.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when no plan is imported.</returns>
    public Task<PlanApi.ProjectsDto?> ProjectsAsync(PlanProjectQuery q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        return PlanApi.BuildProjectsAsync(store, options, new ProjectFilter(q.Category, q.LeadUnit, PlanRepository.ParseStage(q.Stage)),
            q.Schedule, q.ReferenceDate, ct);
    }

    /// <summary>One project with progress reports, stage changes and evaluations.</summary>
    /// <param name="sequence">序号.</param>
    /// <param name="referenceDate">Schedule date; null = today (Beijing).</param>
    /// <param name="ct">Cancellation.</param>
    public Task<PlanApi.ProjectDetailDto?> ProjectAsync(int sequence, DateOnly? referenceDate, CancellationToken ct = default) =>
        PlanApi.BuildProjectAsync(store, options, sequence, referenceDate, ct);

    /// <summary>The half of a bilingual library text <c>"中文 / English"</c> for the current UI language (the whole
    /// text when it has no <c>" / "</c>).</summary>
    /// <param name="text">Text, may be null.</param>
    public static string? Half(string? text) => SmartEnv.Planning.BilingualText.Half(text, SmartEnvUi.IsChinese);

    /// <summary>Parses an exact decimal string of the API (invariant), null when null or not a number.</summary>
    /// <param name="s">Text.</param>
    public static decimal? Number(string? s) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}
