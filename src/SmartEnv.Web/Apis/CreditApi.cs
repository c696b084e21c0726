using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Credit;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 19 P5: environmental credit (docs/credit.md).
/// <list type="bullet">
/// <item><c>GET /api/enterprises/{uscc}/credit?year=</c> — the credit record: current grade, the latest evaluation of the
/// year (default the latest year evaluated) with its lines and evidence, adjustments, grade events and repair applications
/// (own enterprise or staff; the enterprise scope answers 404 for another USCC).</item>
/// <item><c>POST …/credit/evaluate</c> <c>{year}</c>, <c>POST …/credit/adjust</c> <c>{year, delta, reason}</c> (reason
/// required, audited), <c>POST …/credit/events</c> <c>{event_code, occurred_on, evidence}</c> (enforcement).</item>
/// <item><c>POST …/credit/repairs</c> <c>{info_record_id, severity, published_on, evidence}</c> — the enterprise applies
/// for its own USCC (staff 403); <c>POST …/credit/repairs/{applicationId}/{action}</c> — staff <c>start_review</c>,
/// <c>approve</c>, <c>reject</c>; the enterprise <c>withdraw</c>; <c>GET /api/credit/repairs</c> (staff).</item>
/// <item><c>GET /api/credit/evaluations?year=</c> — the latest evaluation of every enterprise and year (staff;
/// <see cref="CreditService.LatestPerEnterpriseAsync"/>).</item>
/// <item>The public (anonymous): <c>GET /api/public/credit/red-list</c> (环保诚信) and <c>GET /api/public/credit/black-list</c>
/// (环保不良, within the publication period and not repaired: <see cref="CreditService.PublicListsAsync"/>): enterprise
/// name, USCC, grade and the year evaluated, nothing else.</item>
/// </list>
/// Refusals of <see cref="CreditService"/> keep their status (400, 404, 409).
/// </summary>
public static class CreditApi
{
    /// <summary>Body of an evaluation.</summary>
    /// <param name="Year">Year evaluated.</param>
    public sealed record EvaluateWrite(int? Year);

    /// <summary>Body of an adjustment.</summary>
    /// <param name="Year">Year.</param>
    /// <param name="Delta">Signed points (multiple of 0.5, not zero).</param>
    /// <param name="Reason">Why (required).</param>
    public sealed record AdjustWrite(int? Year, decimal? Delta, string? Reason);

    /// <summary>Body of a grade event.</summary>
    /// <param name="EventCode">e.g. <c>event.emergency.general</c>.</param>
    /// <param name="OccurredOn">Beijing day.</param>
    /// <param name="Evidence">Record proving it.</param>
    public sealed record EventWrite(string? EventCode, DateOnly? OccurredOn, string? Evidence);

    /// <summary>Body of a repair application.</summary>
    /// <param name="InfoRecordId">The published information (case number, evaluation id …).</param>
    /// <param name="Severity">minor, general, serious.</param>
    /// <param name="PublishedOn">First day published.</param>
    /// <param name="Evidence">Rectification evidence.</param>
    public sealed record RepairWrite(string? InfoRecordId, string? Severity, DateOnly? PublishedOn, string? Evidence);

    /// <summary>Body of a repair step.</summary>
    /// <param name="Note">Note (reason of a rejection).</param>
    public sealed record RepairActionWrite(string? Note);

    /// <summary>One evidence record of a line.</summary>
    /// <param name="Kind">Kind of record.</param>
    /// <param name="RecordId">Its id.</param>
    /// <param name="Occurrences">Occurrences.</param>
    public sealed record EvidenceView(StoredCreditEvidenceKind Kind, string RecordId, int Occurrences);

    /// <summary>One line of an evaluation.</summary>
    /// <param name="ItemCode">Item code.</param>
    /// <param name="Name">Chinese item name.</param>
    /// <param name="Kind">deduction, bonus, veto.</param>
    /// <param name="Occurrences">Occurrences.</param>
    /// <param name="Uncapped">points × occurrences.</param>
    /// <param name="Points">What the line counts.</param>
    /// <param name="Evidence">Evidence records.</param>
    public sealed record LineView(string ItemCode, string? Name, StoredCreditItemKind Kind, int Occurrences, decimal Uncapped, decimal Points, IReadOnlyList<EvidenceView> Evidence);

    /// <summary>A stored evaluation.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Year">Year.</param>
    /// <param name="BaseScore">Base score.</param>
    /// <param name="DeductionTotal">Deductions.</param>
    /// <param name="BonusTotal">Bonus after cap.</param>
    /// <param name="AdjustmentTotal">Staff adjustments.</param>
    /// <param name="Score">Score.</param>
    /// <param name="Grade">trustworthy, good, warning, poor.</param>
    /// <param name="Color">green, blue, yellow, red.</param>
    /// <param name="Vetoed">True when a veto item decided.</param>
    /// <param name="RulesVersion">Rules version.</param>
    /// <param name="EvaluatedAt">When.</param>
    /// <param name="Lines">Lines.</param>
    public sealed record EvaluationView(long Id, string Uscc, int Year, decimal BaseScore, decimal DeductionTotal, decimal BonusTotal, decimal AdjustmentTotal,
        decimal Score, StoredCreditGrade Grade, string Color, bool Vetoed, string RulesVersion, DateTimeOffset EvaluatedAt, IReadOnlyList<LineView> Lines);

    /// <summary>An adjustment.</summary>
    /// <param name="Year">Year.</param>
    /// <param name="Delta">Points.</param>
    /// <param name="Reason">Why.</param>
    /// <param name="At">When.</param>
    public sealed record AdjustmentView(int Year, decimal Delta, string Reason, DateTimeOffset At);

    /// <summary>A grade event.</summary>
    /// <param name="EventCode">Event code.</param>
    /// <param name="FromGrade">Before.</param>
    /// <param name="ToGrade">After.</param>
    /// <param name="OccurredOn">Day.</param>
    /// <param name="Evidence">Record.</param>
    /// <param name="RecordedAt">When recorded.</param>
    public sealed record GradeEventView(string EventCode, StoredCreditGrade FromGrade, StoredCreditGrade ToGrade, DateOnly OccurredOn, string Evidence, DateTimeOffset RecordedAt);

    /// <summary>A repair application.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="InfoRecordId">Information repaired.</param>
    /// <param name="Severity">minor, general, serious.</param>
    /// <param name="PublishedOn">First published.</param>
    /// <param name="AppliedOn">Applied.</param>
    /// <param name="Evidence">Evidence.</param>
    /// <param name="State">applied, under_review, approved, rejected, withdrawn.</param>
    /// <param name="DecidedOn">Decision day.</param>
    /// <param name="DecisionNote">Decision note.</param>
    /// <param name="History">Steps, oldest first (trigger, from, to, when).</param>
    public sealed record RepairView(long Id, string Uscc, string InfoRecordId, StoredCreditInfoSeverity Severity, DateOnly PublishedOn, DateOnly AppliedOn, string Evidence,
        StoredCreditRepairState State, DateOnly? DecidedOn, string? DecisionNote, IReadOnlyList<RepairStep> History);

    /// <summary>One step of a repair application.</summary>
    /// <param name="Trigger">apply, start_review, approve, reject, withdraw.</param>
    /// <param name="FromState">Before.</param>
    /// <param name="ToState">After.</param>
    /// <param name="At">When.</param>
    /// <param name="Note">Note.</param>
    public sealed record RepairStep(string Trigger, StoredCreditRepairState? FromState, StoredCreditRepairState ToState, DateTimeOffset At, string? Note);

    /// <summary>An enterprise's credit record.</summary>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="CurrentGrade">Current grade (latest evaluation, or a later grade event); null when never evaluated.</param>
    /// <param name="Latest">Latest evaluation of the year asked (or of the latest year).</param>
    /// <param name="Adjustments">Adjustments of that year.</param>
    /// <param name="Events">Grade events, newest first.</param>
    /// <param name="Repairs">Repair applications, newest first.</param>
    public sealed record CreditRecordView(string Uscc, StoredCreditGrade? CurrentGrade, EvaluationView? Latest, IReadOnlyList<AdjustmentView> Adjustments,
        IReadOnlyList<GradeEventView> Events, IReadOnlyList<RepairView> Repairs);

    /// <summary>A row of the red or black list.</summary>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Name">Enterprise name.</param>
    /// <param name="Grade">Current grade.</param>
    /// <param name="Year">Year of the latest evaluation.</param>
    public sealed record PublicCreditRow(string Uscc, string Name, StoredCreditGrade Grade, int Year);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapCreditApi(this IEndpointRouteBuilder app)
    {
        var e = app.MapGroup("/api/enterprises/{uscc}/credit").WithTags("credit");
        e.MapGet("", RecordAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EnterpriseCredit")
            .WithSummary("An enterprise's credit record: current grade, latest evaluation of ?year= with lines and evidence, adjustments, grade events and repair applications (own enterprise or staff).");
        e.MapPost("/evaluate", EvaluateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("EvaluateCredit")
            .WithSummary("Evaluate an enterprise's credit for a year from the evidence in the store; stores a new evaluation (enforcement).");
        e.MapPost("/adjust", AdjustAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("AdjustCredit")
            .WithSummary("Adjust an enterprise's score for a year by signed half points with a reason (required, audited); stores a new evaluation (enforcement).");
        e.MapPost("/events", GradeEventAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CreditGradeEvent")
            .WithSummary("Record an event between evaluations (emergency, veto) that lowers the current grade at once (enforcement).");
        e.MapPost("/repairs", ApplyRepairAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ApplyCreditRepair")
            .WithSummary("Apply for credit repair of published information with the rectification evidence, inside the repair window (enterprise user for its own enterprise; staff 403).");
        e.MapPost("/repairs/{applicationId:long}/{action}", RepairActionAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("CreditRepairAction")
            .WithSummary("Move a repair application: start_review, approve, reject (admin, enforcement) or withdraw (the enterprise); 409 when not permitted now.");
        app.MapGet("/api/credit/repairs", RepairsAsync).WithTags("credit").RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListCreditRepairs")
            .WithSummary("Credit repair applications, newest first; ?state= filters (staff).");
        app.MapGet("/api/credit/evaluations", EvaluationsAsync).WithTags("credit").RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListCreditEvaluations")
            .WithSummary("The latest evaluation of every enterprise and year (?year= one year), newest year first (staff).");
        var pub = app.MapGroup("/api/public/credit").WithTags("credit");
        pub.MapGet("/red-list", RedListAsync).AllowAnonymous().WithName("CreditRedList")
            .WithSummary("Red list: enterprises whose current grade is trustworthy (环保诚信), with name, USCC and year (public).");
        pub.MapGet("/black-list", BlackListAsync).AllowAnonymous().WithName("CreditBlackList")
            .WithSummary("Black list: enterprises whose current grade is poor (环保不良) while still published (before the longest period ends, not repaired), with name, USCC and year (public).");
        return app;
    }

    private static IResult Problem(CreditException e) => TypedResults.Problem(e.Message, statusCode: e.Status);

    /// <summary>The colour of a grade (credit-rules.tsv grade rows: 绿 蓝 黄 红).</summary>
    /// <param name="grade">A grade.</param>
    public static string ColorOf(StoredCreditGrade grade) => grade switch
    {
        StoredCreditGrade.Trustworthy => "green",
        StoredCreditGrade.Good => "blue",
        StoredCreditGrade.Warning => "yellow",
        _ => "red",
    };

    private static EvaluationView View(StoredEvaluation s, CreditRules rules) => new(s.Evaluation.Id, s.Evaluation.Uscc, s.Evaluation.Year, s.Evaluation.BaseScore,
        s.Evaluation.DeductionTotal, s.Evaluation.BonusTotal, s.Evaluation.AdjustmentTotal, s.Evaluation.Score, s.Evaluation.Grade, ColorOf(s.Evaluation.Grade),
        s.Evaluation.Vetoed, s.Evaluation.RulesVersion, s.Evaluation.EvaluatedAt,
        [.. s.Lines.Select(l => new LineView(l.ItemCode, rules.TryGetItem(l.ItemCode, out var i) ? i!.NameZh : null, l.Kind, l.Occurrences, l.Uncapped, l.Points,
            [.. l.Evidence.OrderBy(x => x.Seq).Select(x => new EvidenceView(x.Kind, x.RecordId, x.Occurrences))]))]);

    private static async Task<IResult> RecordAsync(string uscc, int? year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new CreditService(db, time);
        var y = year ?? await db.CreditEvaluations.AsNoTracking().Where(x => x.Uscc == uscc).OrderByDescending(x => x.Year).Select(x => (int?)x.Year).FirstOrDefaultAsync(ct);
        var latest = y is { } yy ? await s.LatestAsync(uscc, yy, ct) : null;
        var adjustments = y is { } ay
            ? (await db.CreditAdjustments.AsNoTracking().Where(a => a.Uscc == uscc && a.Year == ay).OrderBy(a => a.Id).ToListAsync(ct)).Select(a => new AdjustmentView(a.Year, a.Delta, a.Reason, a.At)).ToList()
            : [];
        var events = (await db.CreditGradeEvents.AsNoTracking().Where(x => x.Uscc == uscc).OrderByDescending(x => x.Id).ToListAsync(ct))
            .Select(x => new GradeEventView(x.EventCode, x.FromGrade, x.ToGrade, x.OccurredOn, x.EvidenceRecordId, x.RecordedAt)).ToList();
        return TypedResults.Ok(new CreditRecordView(uscc, await s.CurrentGradeAsync(uscc, ct), latest is null ? null : View(latest, s.Rules), adjustments, events,
            await RepairViewsAsync(db, uscc, null, ct)));
    }

    private static async Task<List<RepairView>> RepairViewsAsync(SmartEnvDbContext db, string? uscc, StoredCreditRepairState? state, CancellationToken ct)
    {
        var q = db.CreditRepairApplications.AsNoTracking();
        if (uscc is not null) q = q.Where(a => a.Uscc == uscc);
        if (state is { } st) q = q.Where(a => a.State == st);
        var apps = await q.OrderByDescending(a => a.Id).Take(1000).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var steps = await db.CreditRepairEvents.AsNoTracking().Where(x => ids.Contains(x.ApplicationId)).OrderBy(x => x.Id).ToListAsync(ct);
        return [.. apps.Select(a => new RepairView(a.Id, a.Uscc, a.InfoRecordId, a.Severity, a.PublishedOn, a.AppliedOn, a.Evidence, a.State, a.DecidedOn, a.DecisionNote,
            [.. steps.Where(x => x.ApplicationId == a.Id).Select(x => new RepairStep(x.Trigger, x.FromState, x.ToState, x.At, x.Note))]))];
    }

    private static async Task<IResult> EvaluateAsync(string uscc, EvaluateWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.Year is not (>= 2000 and <= 2100) || body.Year is not { } year) return ApiValidation.Invalid("year", "the year evaluated, 2000–2100");
        if (!await db.Enterprises.AnyAsync(x => x.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        var s = new CreditService(db, time);
        try { return TypedResults.Ok(View(await s.EvaluateAsync(uscc, year, AuditActors.FromHttp(http), ct), s.Rules)); }
        catch (CreditException e) { return Problem(e); }
    }

    private static async Task<IResult> AdjustAsync(string uscc, AdjustWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.Year is not (>= 2000 and <= 2100) || body.Year is not { } year) return ApiValidation.Invalid("year", "the year adjusted, 2000–2100");
        if (body.Delta is not { } delta || delta == 0 || decimal.Round(delta * 2) != delta * 2) return ApiValidation.Invalid("delta", "signed points, a non-zero multiple of 0.5");
        if (string.IsNullOrWhiteSpace(body.Reason)) return ApiValidation.Invalid("reason", "required");
        if (!await db.Enterprises.AnyAsync(x => x.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        var s = new CreditService(db, time);
        try { return TypedResults.Ok(View(await s.AdjustAsync(uscc, year, delta, body.Reason, AuditActors.FromHttp(http), ct), s.Rules)); }
        catch (CreditException e) { return Problem(e); }
    }

    private static async Task<IResult> GradeEventAsync(string uscc, EventWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.EventCode)) return ApiValidation.Invalid("event_code", "an event code of credit-rules.tsv, e.g. event.emergency.general");
        if (body.OccurredOn is not { } on) return ApiValidation.Invalid("occurred_on", "yyyy-MM-dd");
        try
        {
            var x = await new CreditService(db, time).RecordGradeEventAsync(uscc, body.EventCode, on, body.Evidence ?? "", AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(new GradeEventView(x.EventCode, x.FromGrade, x.ToGrade, x.OccurredOn, x.EvidenceRecordId, x.RecordedAt));
        }
        catch (CreditException e) { return Problem(e); }
    }

    private static async Task<IResult> ApplyRepairAsync(string uscc, RepairWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(http.User))
            return TypedResults.Problem("credit repair is applied for by the enterprise itself; staff review it", statusCode: StatusCodes.Status403Forbidden);
        if (!InspectionsApi.TryEnum<StoredCreditInfoSeverity>(body?.Severity, out var severity)) return ApiValidation.Invalid("severity", InspectionsApi.Names<StoredCreditInfoSeverity>());
        if (body!.PublishedOn is not { } published) return ApiValidation.Invalid("published_on", "first day published, yyyy-MM-dd");
        try
        {
            var a = await new CreditService(db, time).ApplyRepairAsync(uscc, body.InfoRecordId ?? "", severity, published, body.Evidence ?? "", AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/credit", (await RepairViewsAsync(db, uscc, null, ct)).Single(r => r.Id == a.Id));
        }
        catch (CreditException e) { return Problem(e); }
    }

    private static async Task<IResult> RepairActionAsync(string uscc, long applicationId, string action, RepairActionWrite? body, HttpContext http, SmartEnvDbContext db,
        TimeProvider time, CancellationToken ct)
    {
        var staff = SmartEnvPolicies.IsStaff(http.User);
        if (staff && !SmartEnvPolicies.Allows(http.User, SmartEnvPolicies.Enforcement))
            return TypedResults.Problem("review steps are the bureau's (admin, enforcement)", statusCode: StatusCodes.Status403Forbidden);
        if (!InspectionsApi.TryEnum<CreditRepairTrigger>(action, out var trigger)) return ApiValidation.NotFound($"no action {action}: start_review, approve, reject, withdraw");
        // Through the caller's scope: an enterprise user never sees another enterprise's application (404 as for none).
        if (!await db.CreditRepairApplications.AnyAsync(a => a.Id == applicationId && a.Uscc == uscc, ct)) return ApiValidation.NotFound($"no application {applicationId}");
        if (trigger == CreditRepairTrigger.Withdraw ? staff : !SmartEnvPolicies.Allows(http.User, SmartEnvPolicies.Enforcement))
            return TypedResults.Problem(trigger == CreditRepairTrigger.Withdraw ? "only the enterprise withdraws its application" : "review steps are the bureau's (admin, enforcement)",
                statusCode: StatusCodes.Status403Forbidden);
        try
        {
            await new CreditService(db, time).FireRepairAsync(applicationId, trigger, body?.Note, AuditActors.FromHttp(http), ct);
            return TypedResults.Ok((await RepairViewsAsync(db, uscc, null, ct)).Single(r => r.Id == applicationId));
        }
        catch (CreditException e) { return Problem(e); }
    }

    private static async Task<IResult> RepairsAsync(string? state, SmartEnvDbContext db, CancellationToken ct)
    {
        StoredCreditRepairState? s = null;
        if (state is not null) { if (!InspectionsApi.TryEnum<StoredCreditRepairState>(state, out var v)) return ApiValidation.Invalid("state", InspectionsApi.Names<StoredCreditRepairState>()); s = v; }
        return TypedResults.Ok(await RepairViewsAsync(db, null, s, ct));
    }

    /// <summary>The red and black lists of today (Beijing) by <see cref="CreditService.PublicListsAsync"/> on an unscoped
    /// context (credit rows are invisible to the public scope), projected to name, USCC, grade and year.</summary>
    private static async Task<List<PublicCreditRow>> ListAsync(SmartEnvStore store, TimeProvider time, bool red, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var lists = await new CreditService(db, time).PublicListsAsync(BeijingTime.Date(time.GetUtcNow()), ct);
        return [.. (red ? lists.Red : lists.Black).Select(r => new PublicCreditRow(r.Uscc, r.Name, r.Grade, r.Year))];
    }

    private static async Task<IResult> RedListAsync(SmartEnvStore store, TimeProvider time, CancellationToken ct) => TypedResults.Ok(await ListAsync(store, time, true, ct));

    private static async Task<IResult> BlackListAsync(SmartEnvStore store, TimeProvider time, CancellationToken ct) => TypedResults.Ok(await ListAsync(store, time, false, ct));

    /// <summary>A row of the latest-evaluations list.</summary>
    /// <param name="Id">Evaluation id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Year">Year.</param>
    /// <param name="Score">Score.</param>
    /// <param name="Grade">Grade.</param>
    /// <param name="Vetoed">Vetoed.</param>
    /// <param name="EvaluatedAt">When.</param>
    public sealed record EvaluationRow(long Id, string Uscc, int Year, decimal Score, StoredCreditGrade Grade, bool Vetoed, DateTimeOffset EvaluatedAt);

    private static async Task<IResult> EvaluationsAsync(int? year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await new CreditService(db, time).LatestPerEnterpriseAsync(year, ct))
            .Select(e => new EvaluationRow(e.Id, e.Uscc, e.Year, e.Score, e.Grade, e.Vetoed, e.EvaluatedAt)).ToList());
}
