using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Projects;

namespace SmartEnv.Planning;

/// <summary>The plan's four tables as imported (江北区"十四五"生态环境保护规划和二〇三五年远景目标).</summary>
/// <param name="Indicators">专栏2: the 17 indicators, in printed order.</param>
/// <param name="Results13th">专栏1: the 13th plan's 9 binding indicators.</param>
/// <param name="TextTargets">Quantified 2025 targets in the running text.</param>
/// <param name="Projects">重大项目表: the major projects, in printed order.</param>
/// <param name="PrintedProjectTotal">The 合计 printed under the project table (万元) when the source had that row, else null.</param>
public sealed record PlanTables(
    IReadOnlyList<PlanIndicator> Indicators,
    IReadOnlyList<ThirteenthPlanResult> Results13th,
    IReadOnlyList<TextTarget> TextTargets,
    IReadOnlyList<MajorProject> Projects,
    decimal? PrintedProjectTotal)
{
    /// <summary>The 合计 the plan prints under its project table: 1012771.29 万元.</summary>
    public const decimal PlanPrintedProjectTotal = 1012771.29m;
}
