using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Storage;
using SmartEnv.Web.Apis;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Exports of the 规划 page, for bureau staff (policy <c>StaffRead</c>, as the plan API's reads):
/// <c>GET /ui/export/plan-workbook.xlsx?kind=tables|progress&amp;year=&amp;reference_date=</c> = the workbook of
/// <c>GET /api/plan/export</c> (same builder), <c>GET /ui/export/plan-indicators.{xlsx|csv}?year=</c> and
/// <c>GET /ui/export/plan-projects.{xlsx|csv}?category=&amp;lead_unit=&amp;stage=&amp;schedule=&amp;reference_date=</c>
/// = the table the page shows (headers in the UI language), written by <see cref="Exports.Write"/>.
/// Without credentials: 401; a principal without a staff role: 403.
/// </summary>
public static class PlanExports
{
    /// <summary>Maps the three routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapPlanExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/export/plan-workbook.xlsx", async (string? kind, int? year, DateOnly? reference_date,
            SmartEnvStore store, SmartEnvWebOptions o, CancellationToken ct) =>
        {
            kind ??= "tables";
            if (kind is not ("tables" or "progress")) return Results.BadRequest("kind is tables or progress");
            if (year is < 2000 or > 2100) return Results.BadRequest("year must be 2000–2100");
            var file = await PlanApi.BuildWorkbookAsync(store, o, kind, year, reference_date, ct);
            return file is null ? Results.NotFound(PlanApi.NoPlan) : Results.File(file.Value.Bytes, PlanApi.XlsxType, file.Value.Name);
        }).RequireAuthorization(SmartEnvPolicies.StaffRead).ExcludeFromDescription();
        app.MapGet("/ui/export/plan-indicators.{ext}", async (string ext, int year, PlanService plan, CancellationToken ct) =>
        {
            if (year is < 2000 or > 2100) return Results.BadRequest("year must be 2000–2100");
            var board = await plan.BoardAsync(year, ct);
            return board is null ? Results.NotFound(PlanApi.NoPlan) : Exports.Write(ext, Indicators(board));
        }).RequireAuthorization(SmartEnvPolicies.StaffRead).ExcludeFromDescription();
        app.MapGet("/ui/export/plan-projects.{ext}", async (string ext, string? category, string? lead_unit, string? stage, string? schedule,
            DateOnly? reference_date, PlanService plan, CancellationToken ct) =>
        {
            if (stage is not null && !PlanService.StageKeys.Contains(stage)) return Results.BadRequest($"unknown stage '{stage}'");
            var list = await plan.ProjectsAsync(new PlanProjectQuery(Empty(category), Empty(lead_unit), stage, Empty(schedule), reference_date), ct);
            return list is null ? Results.NotFound(PlanApi.NoPlan) : Exports.Write(ext, Projects(list));
        }).RequireAuthorization(SmartEnvPolicies.StaffRead).ExcludeFromDescription();
        return app;
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>The indicator board as a table: 序号, 指标类别, 指标, 单位, 2020 baseline and 2025 target as printed, 属性,
    /// the year's value (number), source, status, rule (UI language half of the library's bilingual text).</summary>
    /// <param name="board">Board.</param>
    public static ExportTable Indicators(Contracts.PlanBoardDto board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["序号", "指标类别", "指标", "单位", "2020年现状值", "2025年目标值", "属性", $"{board.Year}年值", "来源", "状态", "规则"]
            : ["No.", "Category", "Indicator", "Unit", "Baseline 2020", "Target 2025", "Attribute", $"Value {board.Year}", "Source", "Status", "Rule"];
        return new ExportTable($"plan-indicators-{board.Year}", headers, board.Indicators.Select(i => new object?[]
        {
            i.Number, i.Category, i.Name, i.Unit, i.Baseline.Raw, i.Target.Raw, i.Kind, PlanService.Number(i.Value), Source(i.Source, zh),
            zh ? i.StatusLabel : i.Status, PlanService.Half(i.RuleText),
        }).ToList());
    }

    /// <summary>The project list as a table: the 重大项目表 columns (investment as printed and as an exact number in 万元),
    /// stage, schedule status, deadline, days overdue, latest percent and investment completed.</summary>
    /// <param name="list">List.</param>
    public static ExportTable Projects(PlanApi.ProjectsDto list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var zh = SmartEnvUi.IsChinese;
        string[] headers = zh
            ? ["序号", "分类", "项目类型", "子类型", "项目名称", "建设性质", "计划开工", "计划完工", "总投资（原文）", "总投资（万元）", "牵头单位", "阶段",
                "进度状态", "截止日期", "逾期天数", "完成比例（%）", "累计完成投资（万元）"]
            : ["No.", "Category", "Type", "Sub-type", "Project", "Nature", "Planned start", "Planned end", "Investment (as printed)",
                "Investment (10k CNY)", "Lead unit", "Stage", "Schedule", "Deadline", "Days overdue", "Complete (%)", "Invested to date (10k CNY)"];
        return new ExportTable($"plan-projects-{Display.Date(list.ReferenceDate)}", headers, list.Projects.Select(p => new object?[]
        {
            p.Sequence, p.Category, p.Type, p.SubType, p.Name, p.Nature, p.PlannedStart, p.PlannedEnd, p.Investment, PlanService.Number(p.Amount),
            p.LeadUnit, zh ? p.StageLabel : p.Stage, zh ? p.ScheduleLabel : p.Schedule, p.Deadline is { } d ? Display.Date(d) : null,
            p.DaysOverdue, PlanService.Number(p.PercentComplete), PlanService.Number(p.InvestmentToDate),
        }).ToList());
    }

    private static string? Source(string? source, bool zh) => source switch
    {
        "computed" => zh ? "平台计算" : "computed",
        "reported" => zh ? "填报" : "reported",
        _ => null,
    };
}
