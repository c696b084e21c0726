using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Construction;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Construction;
using SmartEnv.Supervision.Construction;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 20: construction sites, dust and noise, 红黄绿牌 (docs/construction.md).
/// <list type="bullet">
/// <item><c>GET /api/construction/sites</c> (staff) — every site with its latest card colour, monitor count, "未配置阈值"
/// and the ≥ 50,000 m² unmonitored flag; <c>POST</c> registers one (enforcement, audited).</item>
/// <item><c>GET /api/construction/sites/{siteCode}</c> (staff) — thresholds, monitors, the last 24 hours of dust and noise
/// with their judgement, and the card history with evidence.</item>
/// <item><c>POST …/{siteCode}/monitors</c> <c>{mn, password, dust_unit}</c> (monitoring), <c>POST …/{siteCode}/thresholds</c>
/// <c>{preset}</c> or <c>{parameter, limit_ug_m3, reason}</c> (enforcement), <c>POST …/{siteCode}/evaluate</c> <c>{month}</c>
/// (enforcement; stores a new card).</item>
/// <item><c>GET /api/construction/presets</c> (staff) — the 外省参考 presets; <c>GET /api/construction/ranking?month=</c> (staff).</item>
/// <item><c>GET /api/public/construction/sites</c> (anyone) — name, street and card colour only: no monitor values.</item>
/// </list>
/// Refusals of <see cref="ConstructionService"/> keep their status (400, 404, 409).
/// </summary>
public static class ConstructionApi
{
    /// <summary>Body of a monitor binding.</summary>
    /// <param name="Mn">MN.</param>
    /// <param name="Password">PW.</param>
    /// <param name="DustUnit">Unit the logger sends particulates in (μg/m³, mg/m³, ng/m³).</param>
    public sealed record MonitorWrite(string? Mn, string? Password, string? DustUnit);

    /// <summary>Body of a threshold change: a preset, or one typed threshold with a reason.</summary>
    /// <param name="Preset">Preset key (外省参考) or null.</param>
    /// <param name="Parameter">pm10, tsp, pm25.</param>
    /// <param name="LimitUgM3">Limit μg/m³.</param>
    /// <param name="Reason">Why.</param>
    public sealed record ThresholdWrite(string? Preset, string? Parameter, decimal? LimitUgM3, string? Reason);

    /// <summary>Body of an evaluation.</summary>
    /// <param name="Month">Any day of the month (Beijing).</param>
    public sealed record EvaluateWrite(DateOnly? Month);

    /// <summary>A site in the list.</summary>
    /// <param name="Code">Code.</param>
    /// <param name="ProjectName">Project.</param>
    /// <param name="BuilderUscc">建设单位.</param>
    /// <param name="ContractorUscc">施工单位.</param>
    /// <param name="StreetCode">Street code.</param>
    /// <param name="FloorAreaM2">m².</param>
    /// <param name="Phase">Phase.</param>
    /// <param name="Monitors">Bound monitors.</param>
    /// <param name="HasThresholds">False: 未配置阈值.</param>
    /// <param name="MissingMonitor">≥ 50,000 m² without a monitor.</param>
    /// <param name="Card">Latest card colour or null.</param>
    /// <param name="CardMonth">Its month.</param>
    /// <param name="Blacklisted">黑名单 recommendation recorded.</param>
    public sealed record SiteView(string Code, string ProjectName, string BuilderUscc, string ContractorUscc, string? StreetCode, decimal FloorAreaM2,
        string Phase, int Monitors, bool HasThresholds, bool MissingMonitor, string? Card, DateOnly? CardMonth, bool Blacklisted);

    /// <summary>A card with its evidence.</summary>
    /// <param name="Month">Month.</param>
    /// <param name="Card">green, yellow, red.</param>
    /// <param name="DustHours">Dust exceedance hours.</param>
    /// <param name="NoiseHours">Noise exceedance hours.</param>
    /// <param name="Complaints">Complaints.</param>
    /// <param name="Findings">Findings.</param>
    /// <param name="RectifyDays">Yellow: days to rectify.</param>
    /// <param name="Blacklist">Serious case.</param>
    /// <param name="Reasons">Rules that fired.</param>
    /// <param name="Evidence">Exceedance hours (hour, what, value, limit, basis).</param>
    /// <param name="RuleVersion">Rule version.</param>
    /// <param name="EvaluatedAt">When.</param>
    /// <param name="EvaluatedBy">Who.</param>
    public sealed record CardView(DateOnly Month, string Card, int DustHours, int NoiseHours, int Complaints, int Findings, int? RectifyDays, bool Blacklist,
        IReadOnlyList<string> Reasons, IReadOnlyList<ExceedanceEvidence> Evidence, string RuleVersion, DateTimeOffset EvaluatedAt, string EvaluatedBy);

    /// <summary>A site's page data.</summary>
    /// <param name="Site">The list row.</param>
    /// <param name="Thresholds">Thresholds (parameter, μg/m³, preset, source).</param>
    /// <param name="MonitorMns">Bound MNs with their dust units.</param>
    /// <param name="Hours">Last 24 hours.</param>
    /// <param name="Exceedances">Exceedances among those hours.</param>
    /// <param name="Cards">Card history, newest first.</param>
    public sealed record SiteDetailView(SiteView Site, IReadOnlyList<ThresholdView> Thresholds, IReadOnlyList<string> MonitorMns, IReadOnlyList<MonitorHour> Hours,
        IReadOnlyList<ExceedanceEvidence> Exceedances, IReadOnlyList<CardView> Cards);

    /// <summary>A threshold.</summary>
    /// <param name="Parameter">pm10, tsp, pm25.</param>
    /// <param name="LimitUgM3">μg/m³.</param>
    /// <param name="Preset">外省参考 preset key or null.</param>
    /// <param name="Source">Source text.</param>
    public sealed record ThresholdView(string Parameter, decimal LimitUgM3, string? Preset, string? Source);

    /// <summary>A public row: no values.</summary>
    /// <param name="Code">Code.</param>
    /// <param name="ProjectName">Name.</param>
    /// <param name="StreetCode">Street.</param>
    /// <param name="Card">Latest card colour or null.</param>
    public sealed record PublicSiteView(string Code, string ProjectName, string? StreetCode, string? Card);

    /// <summary>A ranking row.</summary>
    /// <param name="Code">Site.</param>
    /// <param name="ProjectName">Name.</param>
    /// <param name="Card">Card of the month: green, yellow, red.</param>
    /// <param name="DustHours">Dust hours.</param>
    /// <param name="NoiseHours">Noise hours.</param>
    public sealed record RankingRow(string Code, string ProjectName, string Card, int DustHours, int NoiseHours);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapConstructionApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/construction").WithTags("construction");
        g.MapGet("/sites", ListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListConstructionSites")
            .WithSummary("Construction sites with their latest card colour, monitors, whether thresholds are configured and the 50,000 m² unmonitored flag (staff).");
        g.MapPost("/sites", RegisterAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("RegisterConstructionSite")
            .WithSummary("Register a construction site: builder and contractor USCC checked, street of the district, floor area and phase (enforcement, audited).");
        g.MapGet("/sites/{siteCode}", DetailAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ConstructionSite")
            .WithSummary("A construction site: thresholds, monitors, the last 24 hours of dust and noise with their exceedances, and the card history with evidence (staff).");
        g.MapPost("/sites/{siteCode}/monitors", BindAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("BindConstructionMonitor")
            .WithSummary("Bind an online dust/noise monitor by its HJ 212 MN with the unit it sends particulates in (monitoring, audited).");
        g.MapPost("/sites/{siteCode}/thresholds", ThresholdsAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("SetConstructionThresholds")
            .WithSummary("Set a site's dust thresholds from another province's preset, or one threshold with a reason (enforcement, audited).");
        g.MapPost("/sites/{siteCode}/evaluate", EvaluateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("EvaluateConstructionCard")
            .WithSummary("Evaluate a site's card for a month and store it with its rule version and evidence (enforcement, audited).");
        g.MapGet("/presets", Presets).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ConstructionPresets")
            .WithSummary("Dust threshold presets of other provinces (reference only, not a Chongqing standard) (staff).");
        g.MapGet("/ranking", RankingAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ConstructionRanking")
            .WithSummary("District ranking of sites for a month by card and exceedance hours (staff).");
        app.MapGet("/api/public/construction/sites", PublicAsync).WithTags("construction").AllowAnonymous().WithName("PublicConstructionSites")
            .WithSummary("Construction sites with their card colour only, no monitor values (public).");
        return app;
    }

    private static IResult Problem(ConstructionException e) => TypedResults.Problem(e.Message, statusCode: e.Status);

    private static SiteView View(ConstructionSiteRow r) => new(r.Site.Code, r.Site.ProjectName, r.Site.BuilderUscc, r.Site.ContractorUscc, r.Site.StreetCode,
        r.Site.FloorAreaM2, r.Site.Phase, r.Monitors, r.HasThresholds, r.MissingMonitor, r.LatestCard?.Colour, r.LatestCard?.Month, r.Site.Blacklisted);

    /// <summary>The view of a stored card.</summary>
    /// <param name="c">A stored card.</param>
    public static CardView View(ConstructionCard c) => new(c.Month, c.Colour, c.DustHours, c.NoiseHours, c.Complaints, c.Findings, c.RectifyDays, c.Blacklist,
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(c.ReasonsJson) ?? [], ConstructionService.Evidence(c), c.RuleVersion, c.EvaluatedAt, c.EvaluatedBy);

    private static async Task<IResult> ListAsync(SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await new ConstructionService(db, time).ListAsync(false, ct)).Select(View).ToList());

    private static async Task<IResult> PublicAsync(SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await new ConstructionService(db, time).ListAsync(true, ct)).Select(r => new PublicSiteView(r.Site.Code, r.Site.ProjectName, r.Site.StreetCode, r.LatestCard?.Colour)).ToList());

    private static async Task<IResult> RegisterAsync(ConstructionSiteInput? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return ApiValidation.Invalid("body", "required");
        try { return TypedResults.Ok(View(new ConstructionSiteRow(await new ConstructionService(db, time).RegisterSiteAsync(body, AuditActors.FromHttp(http), ct), 0, null, body.FloorAreaM2 >= ConstructionSite.OnlineMonitoringFloorArea, false))); }
        catch (ConstructionException e) { return Problem(e); }
    }

    private static async Task<IResult> DetailAsync(string siteCode, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new ConstructionService(db, time);
        var row = (await s.ListAsync(false, ct)).FirstOrDefault(r => r.Site.Code == siteCode);
        if (row is null) return ApiValidation.NotFound($"no construction site '{siteCode}'");
        var thresholds = await s.ThresholdsAsync(row.Site.Id, ct);
        var mns = await db.ConstructionMonitors.AsNoTracking().Where(m => m.ConstructionSiteId == row.Site.Id).OrderBy(m => m.Id).Select(m => m.Mn + " (" + m.DustUnit + ")").ToListAsync(ct);
        var now = time.GetUtcNow();
        var hours = await s.HoursAsync(row.Site.Id, now.AddHours(-24), now, ct);
        var ex = ConstructionJudge.DustExceedances(hours, [.. thresholds.Select(t => new DustThreshold(ConstructionService.ParseParameter(t.Parameter), t.LimitUgM3))])
            .Concat(ConstructionJudge.NoiseExceedances(hours)).OrderBy(e => e.HourStart).ToList();
        var cards = await s.CardsAsync(row.Site.Id, ct);
        return TypedResults.Ok(new SiteDetailView(View(row), [.. thresholds.Select(t => new ThresholdView(t.Parameter, t.LimitUgM3, t.Preset, t.Source))], mns, hours, ex, [.. cards.Select(View)]));
    }

    private static async Task<IResult> BindAsync(string siteCode, MonitorWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Mn)) return ApiValidation.Invalid("mn", "required");
        if (string.IsNullOrEmpty(body.Password)) return ApiValidation.Invalid("password", "required");
        try
        {
            var m = await new ConstructionService(db, time).BindMonitorAsync(siteCode, body.Mn, body.Password, body.DustUnit ?? MeasurementUnit.MicrogramPerCubicMetre.Symbol, AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(new { m.Mn, m.DustUnit });
        }
        catch (ConstructionException e) { return Problem(e); }
    }

    private static async Task<IResult> ThresholdsAsync(string siteCode, ThresholdWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return ApiValidation.Invalid("body", "required");
        var s = new ConstructionService(db, time);
        try
        {
            var list = !string.IsNullOrWhiteSpace(body.Preset)
                ? await s.ApplyPresetAsync(siteCode, body.Preset, AuditActors.FromHttp(http), ct)
                : await s.SetThresholdAsync(siteCode, body.Parameter ?? "", body.LimitUgM3 ?? 0m, body.Reason ?? "", AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(list.Select(t => new ThresholdView(t.Parameter, t.LimitUgM3, t.Preset, t.Source)).ToList());
        }
        catch (ConstructionException e) { return Problem(e); }
    }

    private static async Task<IResult> EvaluateAsync(string siteCode, EvaluateWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.Month is not { } month) return ApiValidation.Invalid("month", "a day of the month evaluated, yyyy-MM-dd");
        try { return TypedResults.Ok(View(await new ConstructionService(db, time).EvaluateMonthAsync(siteCode, month, AuditActors.FromHttp(http), ct))); }
        catch (ConstructionException e) { return Problem(e); }
    }

    private static IResult Presets() => TypedResults.Ok(DustPresets.Default.Rows.Select(r => new
    {
        r.Preset, parameter = ConstructionService.Name(r.Parameter), phase = r.Phase?.ToString().ToLowerInvariant(), limit_ug_m3 = r.LimitUgM3,
        r.LimitAsWritten, r.Averaging, r.Confidence, r.Source, label = "外省参考",
    }).ToList());

    // The order is ConstructionService.RankingAsync's (one place for the API, the page and the CLI).
    private static async Task<IResult> RankingAsync(DateOnly? month, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await new ConstructionService(db, time).RankingAsync(month, ct))
            .Select(r => new RankingRow(r.Site.Code, r.Site.ProjectName, r.Card.Colour, r.Card.DustHours, r.Card.NoiseHours)).ToList());
}
