using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Inspections;
using SmartEnv.Inspections.Draw;
using SmartEnv.Inspections.Enforcement;
using SmartEnv.Inspections.Records;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 19 P5: the 双随机 draw plans, inspection tasks and records, rectification orders and enforcement cases
/// (docs/inspections.md).
/// <list type="bullet">
/// <item>Staff (writes Enforcement: admin, enforcement; plan reads Enforcement, other reads StaffRead):
/// <c>GET/POST /api/draw-plans</c>, <c>GET /api/draw-plans/{planId}</c> (the canonical plan JSON as a download, which
/// <c>smartenv draw verify</c> checks), <c>POST …/{planId}/commit</c>, <c>POST …/{planId}/publish</c>,
/// <c>GET …/{planId}/tasks</c>; <c>POST /api/inspection-tasks/{taskId}/start</c>; <c>POST /api/inspection-records</c>;
/// <c>POST /api/inspection-findings/{findingId}/rectification</c>; <c>POST /api/rectification-orders/{orderId}/follow-up</c>;
/// <c>GET/POST /api/enforcement-cases</c>, <c>GET/PUT /api/enforcement-cases/{caseNumber}</c>.</item>
/// <item>A committed plan's result (document with the secret, tasks) is the organiser's alone until it is published: any
/// other account gets 403 (docs/inspections.md; the organiser is the account that froze the plan).</item>
/// <item>Own enterprise or staff (EnterpriseOrStaff; the enterprise scope answers 404 for another USCC):
/// <c>GET /api/enterprises/{uscc}/inspections</c> (tasks of published plans or started, records with findings and
/// orders), <c>GET /api/enterprises/{uscc}/enforcement-cases</c>.</item>
/// <item>The public (anonymous): <c>GET /api/public/draw-plans</c> (published plans with the enterprises drawn, mode and
/// result: never an inspector's name or certificate number) and <c>GET /api/public/inspection-results</c> (finished
/// inspections of published plans: compliant or the problem categories, no personal data) and
/// <c>GET /api/public/inspections/plans/{planId}/plan.json</c> (a published plan's canonical JSON, inspectors only by
/// pseudonym, for <c>smartenv draw verify</c>; 404 before publication).</item>
/// </list>
/// Refusals of the services (<see cref="InspectionException"/>) keep their status (400, 404, 409) as ProblemDetails.
/// </summary>
public static class InspectionsApi
{
    /// <summary>Body of a freeze.</summary>
    /// <param name="PlanId">Plan id, e.g. <c>SJ-2025Q1</c>.</param>
    /// <param name="District">District code (default 500105).</param>
    /// <param name="Quarter"><c>YYYYQn</c>.</param>
    /// <param name="CommitmentHash">SHA-256 of the organiser's secret (64 lowercase hex).</param>
    public sealed record FreezeWrite(string? PlanId, string? District, string? Quarter, string? CommitmentHash);

    /// <summary>Body of a commit.</summary>
    /// <param name="Secret">The secret (lowercase hex) whose SHA-256 is the commitment hash.</param>
    /// <param name="PublicValue">The public value as published.</param>
    public sealed record CommitWrite(string? Secret, string? PublicValue);

    /// <summary>A stored plan without its result.</summary>
    /// <param name="PlanId">Plan id.</param>
    /// <param name="District">District code.</param>
    /// <param name="Quarter">Quarter.</param>
    /// <param name="Status">draft, frozen, committed, published.</param>
    /// <param name="FrozenAt">Beijing day frozen.</param>
    /// <param name="CommitmentHash">Commitment hash.</param>
    /// <param name="PublicValue">Public value (after commit).</param>
    /// <param name="RulesVersion">Draw rules version.</param>
    /// <param name="Organiser">The organiser's account.</param>
    /// <param name="CommittedAt">When drawn.</param>
    /// <param name="PublishDue">Day by which the result must be public.</param>
    /// <param name="PublishDueProvisional">True when counted on an estimated calendar.</param>
    /// <param name="PublishedAt">When published.</param>
    /// <param name="Version">Version.</param>
    public sealed record PlanRow(string PlanId, string District, string Quarter, StoredDrawPlanStatus Status, DateOnly? FrozenAt, string? CommitmentHash,
        string? PublicValue, string? RulesVersion, string Organiser, DateTimeOffset? CommittedAt, DateOnly? PublishDue, bool PublishDueProvisional,
        DateTimeOffset? PublishedAt, int Version);

    /// <summary>A drawn task.</summary>
    /// <param name="Id">Task id.</param>
    /// <param name="PlanId">Plan id.</param>
    /// <param name="Seq">Draw order.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Name">Enterprise name.</param>
    /// <param name="Mode">on_site, off_site.</param>
    /// <param name="Status">pending, started, finished.</param>
    /// <param name="StartedAt">When started.</param>
    /// <param name="Inspectors">Inspectors' certificate numbers in draw order.</param>
    /// <param name="InspectorNames">Staff plan view only: the inspectors' names at freezing, parallel to
    /// <paramref name="Inspectors"/>, from the plan's pseudonym key (<c>draw_plan_inspectors</c>); null entries when the key
    /// does not know the certificate, and null in the enterprise view.</param>
    /// <param name="Pseudonyms">Staff plan view only: the inspectors' pseudonyms in the published plan JSON (<c>JC-01</c> …),
    /// parallel to <paramref name="Inspectors"/>; null as for <paramref name="InspectorNames"/>.</param>
    public sealed record TaskRow(long Id, string PlanId, int Seq, string Uscc, string? Name, StoredTaskMode Mode, StoredInspectionTaskStatus Status,
        DateTimeOffset? StartedAt, IReadOnlyList<string> Inspectors, IReadOnlyList<string?>? InspectorNames = null, IReadOnlyList<string?>? Pseudonyms = null);

    /// <summary>Body of a task start.</summary>
    /// <param name="At">When it started (default now).</param>
    public sealed record StartWrite(DateTimeOffset? At);

    /// <summary>One finding to record.</summary>
    /// <param name="Item">Checked item.</param>
    /// <param name="Outcome">compliant, problem.</param>
    /// <param name="Category">Problem category.</param>
    /// <param name="CreditItemCode">Credit item the problem proves.</param>
    /// <param name="Description">What was found.</param>
    public sealed record FindingWrite(string? Item, string? Outcome, string? Category, string? CreditItemCode, string? Description);

    /// <summary>Body of an inspection record.</summary>
    /// <param name="TaskId">Drawn task, or null.</param>
    /// <param name="Uscc">Enterprise (required without a task).</param>
    /// <param name="InspectedAt">When.</param>
    /// <param name="Inspectors">Certificate numbers (≥ 2).</param>
    /// <param name="ItemsChecked">Items checked (≥ 1).</param>
    /// <param name="Findings">Findings (≥ 1).</param>
    /// <param name="Summary">Summary.</param>
    public sealed record RecordWrite(long? TaskId, string? Uscc, DateTimeOffset? InspectedAt, List<string>? Inspectors, List<string>? ItemsChecked,
        List<FindingWrite>? Findings, string? Summary);

    /// <summary>A rectification order.</summary>
    /// <param name="Id">Order id.</param>
    /// <param name="FindingId">Finding.</param>
    /// <param name="IssuedOn">Issue day.</param>
    /// <param name="Workdays">Working days given.</param>
    /// <param name="DueOn">Due day.</param>
    /// <param name="DueProvisional">True when counted on an estimated calendar.</param>
    /// <param name="IssuedBy">Who issued it (null for an enterprise reader).</param>
    /// <param name="FollowUpOn">Follow-up day.</param>
    /// <param name="FollowUpResult">rectified, not_rectified.</param>
    /// <param name="Note">Follow-up note.</param>
    public sealed record OrderView(long Id, long FindingId, DateOnly IssuedOn, int Workdays, DateOnly DueOn, bool DueProvisional, string? IssuedBy,
        DateOnly? FollowUpOn, StoredFollowUpResult? FollowUpResult, string? Note);

    /// <summary>A finding with its order.</summary>
    /// <param name="Id">Finding id.</param>
    /// <param name="Seq">Order within the record.</param>
    /// <param name="Item">Checked item.</param>
    /// <param name="Outcome">compliant, problem.</param>
    /// <param name="Category">Problem category.</param>
    /// <param name="CreditItemCode">Credit item.</param>
    /// <param name="Description">What was found.</param>
    /// <param name="Order">Its rectification order, or null.</param>
    public sealed record FindingView(long Id, int Seq, string Item, StoredFindingOutcome Outcome, string? Category, string? CreditItemCode, string? Description, OrderView? Order);

    /// <summary>An inspection record with findings.</summary>
    /// <param name="Id">Record id.</param>
    /// <param name="TaskId">Task, or null.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="InspectedAt">When.</param>
    /// <param name="Inspectors">Certificate numbers.</param>
    /// <param name="ItemsChecked">Items checked.</param>
    /// <param name="Summary">Summary.</param>
    /// <param name="RecordedBy">Who recorded it (null for an enterprise reader).</param>
    /// <param name="Findings">Findings in order.</param>
    public sealed record RecordView(long Id, long? TaskId, string Uscc, DateTimeOffset InspectedAt, IReadOnlyList<string> Inspectors, IReadOnlyList<string> ItemsChecked,
        string? Summary, string? RecordedBy, IReadOnlyList<FindingView> Findings);

    /// <summary>An enterprise's inspections.</summary>
    /// <param name="Tasks">Tasks of published plans, or started.</param>
    /// <param name="Records">Records, newest first.</param>
    public sealed record EnterpriseInspections(IReadOnlyList<TaskRow> Tasks, IReadOnlyList<RecordView> Records);

    /// <summary>Body of a rectification order.</summary>
    /// <param name="IssuedOn">Issue day (default today, Beijing).</param>
    /// <param name="Workdays">Working days (1–365).</param>
    public sealed record RectifyWrite(DateOnly? IssuedOn, int? Workdays);

    /// <summary>Body of a follow-up check.</summary>
    /// <param name="On">Day (default today, Beijing).</param>
    /// <param name="Result">rectified, not_rectified.</param>
    /// <param name="Note">Note.</param>
    public sealed record FollowUpWrite(DateOnly? On, string? Result, string? Note);

    /// <summary>Body of an enforcement case (create or full update).</summary>
    /// <param name="CaseNumber">案号 (create; on update the route's, and a different one here is refused with 409).</param>
    /// <param name="Uscc">Party.</param>
    /// <param name="LegalBasis">Legal basis.</param>
    /// <param name="PenaltyType">warning, fine, confiscation, licence, production_restriction, closure, detention, other.</param>
    /// <param name="Amount">Fine, 元.</param>
    /// <param name="FiledOn">立案.</param>
    /// <param name="NotifiedOn">告知.</param>
    /// <param name="DecidedOn">决定.</param>
    /// <param name="ExecutedOn">执行.</param>
    /// <param name="Status">filed, notified, decided, executed, closed, revoked; missing = filed on create, the stored status on update (forward only).</param>
    /// <param name="Facts">Facts.</param>
    /// <param name="CreditItemCode">Credit item (default management.penalty).</param>
    /// <param name="Version">Version read (update).</param>
    public sealed record CaseWrite(string? CaseNumber, string? Uscc, string? LegalBasis, string? PenaltyType, decimal? Amount, DateOnly? FiledOn,
        DateOnly? NotifiedOn, DateOnly? DecidedOn, DateOnly? ExecutedOn, string? Status, string? Facts, string? CreditItemCode, int? Version);

    /// <summary>The published result of one drawn enterprise (no personal data).</summary>
    /// <param name="InspectedOn">Beijing day inspected.</param>
    /// <param name="Compliant">True when every finding was compliant.</param>
    /// <param name="ProblemCategories">Problem categories found.</param>
    public sealed record PublicResult(DateOnly InspectedOn, bool Compliant, IReadOnlyList<string> ProblemCategories);

    /// <summary>A drawn enterprise of a published plan (no inspector).</summary>
    /// <param name="Seq">Draw order.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Name">Enterprise name.</param>
    /// <param name="Mode">on_site, off_site.</param>
    /// <param name="Status">pending, started, finished.</param>
    /// <param name="Result">Result once finished.</param>
    public sealed record PublicTask(int Seq, string Uscc, string Name, StoredTaskMode Mode, StoredInspectionTaskStatus Status, PublicResult? Result);

    /// <summary>A published plan.</summary>
    /// <param name="PlanId">Plan id.</param>
    /// <param name="Quarter">Quarter.</param>
    /// <param name="FrozenAt">Day the lists were frozen.</param>
    /// <param name="CommitmentHash">Commitment hash.</param>
    /// <param name="Secret">The revealed secret.</param>
    /// <param name="PublicValue">Public value.</param>
    /// <param name="RulesVersion">Rules version.</param>
    /// <param name="PublishedAt">When published.</param>
    /// <param name="Tasks">Drawn enterprises in draw order.</param>
    public sealed record PublicPlan(string PlanId, string Quarter, DateOnly? FrozenAt, string? CommitmentHash, string? Secret, string? PublicValue, string? RulesVersion,
        DateTimeOffset? PublishedAt, IReadOnlyList<PublicTask> Tasks);

    /// <summary>A finished inspection of a published plan.</summary>
    /// <param name="PlanId">Plan id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="Name">Enterprise name.</param>
    /// <param name="Mode">on_site, off_site.</param>
    /// <param name="Result">The result.</param>
    public sealed record PublicInspectionResult(string PlanId, string Uscc, string Name, StoredTaskMode Mode, PublicResult Result);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var p = app.MapGroup("/api/draw-plans").WithTags("inspections");
        p.MapGet("", ListPlansAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("ListDrawPlans")
            .WithSummary("Draw plans, newest first, without their results (enforcement).");
        p.MapPost("", FreezeAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("FreezeDrawPlan")
            .WithSummary("Freeze a quarterly draw plan: the object list from the registry, the inspector list from the accounts with a certificate, and the commitment hash of the organiser's secret (enforcement).");
        p.MapGet("/{planId}", PlanDocumentAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("GetDrawPlan")
            .WithSummary("The canonical plan JSON as a download, to check with smartenv draw verify; a committed plan's result only for its organiser until published (enforcement).");
        p.MapPost("/{planId}/commit", CommitAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CommitDrawPlan")
            .WithSummary("Reveal the secret and enter the public value: the draw runs and stores the tasks; a wrong secret stores nothing (enforcement).");
        p.MapPost("/{planId}/publish", PublishAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("PublishDrawPlan")
            .WithSummary("Publish a committed plan's result on the public site (enforcement).");
        p.MapGet("/{planId}/tasks", PlanTasksAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("DrawPlanTasks")
            .WithSummary("The tasks of a plan in draw order with their inspectors; before publication only for the organiser (enforcement).");

        var t = app.MapGroup("/api").WithTags("inspections");
        t.MapPost("/inspection-tasks/{taskId:long}/start", StartAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("StartInspectionTask")
            .WithSummary("Start a drawn inspection task (enforcement).");
        t.MapPost("/inspection-records", RecordAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("RecordInspection")
            .WithSummary("Record an inspection with its findings (compliant, or a problem with its category and credit item); a drawn task becomes finished (enforcement).");
        t.MapPost("/inspection-findings/{findingId:long}/rectification", RectifyAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("IssueRectificationOrder")
            .WithSummary("Issue a rectification order on a problem finding, due a number of working days after the issue day (enforcement).");
        t.MapPost("/rectification-orders/{orderId:long}/follow-up", FollowUpAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("FollowUpRectificationOrder")
            .WithSummary("Record the follow-up check of a rectification order: rectified or not rectified (enforcement).");
        t.MapGet("/enforcement-cases", ListCasesAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListEnforcementCases")
            .WithSummary("Enforcement cases, newest filing first; ?uscc= one enterprise (staff).");
        t.MapPost("/enforcement-cases", CreateCaseAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CreateEnforcementCase")
            .WithSummary("Create an enforcement case: case number, enterprise, legal basis, penalty type and amount, filing, notice, decision and execution days, status (enforcement).");
        t.MapGet("/enforcement-cases/penalty-bands", () => TypedResults.Ok(PenaltyBands.All)).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("PenaltyBands")
            .WithSummary("Penalty bands of the pollutant discharge permit regulation by article, as guidance for case records; never enforced (staff).");
        t.MapGet("/enforcement-cases/{caseNumber}", GetCaseAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("GetEnforcementCase")
            .WithSummary("One enforcement case (staff).");
        t.MapPut("/enforcement-cases/{caseNumber}", UpdateCaseAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("UpdateEnforcementCase")
            .WithSummary("Update an enforcement case (every field but the number); 409 on a stale version (enforcement).");

        var e = app.MapGroup("/api/enterprises/{uscc}").WithTags("inspections");
        e.MapGet("/inspections", EnterpriseInspectionsAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EnterpriseInspections")
            .WithSummary("An enterprise's drawn tasks (published or started) and inspection records with findings and rectification orders (own enterprise or staff).");
        e.MapGet("/enforcement-cases", EnterpriseCasesAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EnterpriseEnforcementCases")
            .WithSummary("An enterprise's enforcement cases, newest filing first (own enterprise or staff).");

        var pub = app.MapGroup("/api/public").WithTags("inspections");
        pub.MapGet("/draw-plans", PublicPlansAsync).AllowAnonymous().WithName("PublicDrawPlans")
            .WithSummary("Published draw plans with the enterprises drawn (name, USCC, mode) and the results of finished inspections; no inspector names or numbers (public).");
        pub.MapGet("/inspections/plans/{planId}/plan.json", PublicPlanJsonAsync).AllowAnonymous().WithName("PublicDrawPlanJson")
            .WithSummary("A published plan's canonical JSON (inspectors only by pseudonym) to check with smartenv draw verify; 404 before publication (public).");
        pub.MapGet("/inspection-results", PublicResultsAsync).AllowAnonymous().WithName("PublicInspectionResults")
            .WithSummary("Results of finished inspections of published plans: compliant or the problem categories found, without personal data (public).");
        return app;
    }

    internal static IResult Problem(InspectionException e) => TypedResults.Problem(e.Message, statusCode: e.Status);

    internal static bool TryEnum<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), text, StringComparison.Ordinal)) { value = v; return true; }
        value = default;
        return false;
    }

    internal static string Names<T>() where T : struct, Enum => "one of " + string.Join('|', Enum.GetValues<T>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())));

    private static bool IsStaff(HttpContext http) => SmartEnvPolicies.IsStaff(http.User);

    private static PlanRow Row(DrawPlanRecord r) => new(r.PlanId, r.District, r.Quarter, r.Status, r.FrozenAt, r.CommitmentHash, r.PublicValue, r.RulesVersion,
        r.Organiser, r.CommittedAt, r.PublishDue, r.PublishDueProvisional, r.PublishedAt, r.Version);

    /// <summary>True when the caller may see the plan's result: it is published, or the caller froze it.</summary>
    private static bool SeesResult(DrawPlanRecord r, HttpContext http) =>
        r.Status is StoredDrawPlanStatus.Published or StoredDrawPlanStatus.Frozen or StoredDrawPlanStatus.Draft
        || string.Equals(AuditActors.FromHttp(http).Name, r.Organiser, StringComparison.Ordinal);

    private static async Task<IResult> ListPlansAsync(SmartEnvDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.DrawPlans.AsNoTracking().OrderByDescending(x => x.Id).ToListAsync(ct)).Select(Row).ToList());

    private static async Task<IResult> FreezeAsync(FreezeWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.PlanId) || body.PlanId.Length > DrawPlanRecord.PlanIdLength) return ApiValidation.Invalid("plan_id", "required, ≤ 32 characters");
        if (string.IsNullOrWhiteSpace(body.Quarter)) return ApiValidation.Invalid("quarter", "YYYYQn");
        if (string.IsNullOrWhiteSpace(body.CommitmentHash)) return ApiValidation.Invalid("commitment_hash", "sha256 of the secret, 64 lowercase hex digits");
        try
        {
            var row = await new DrawPlanService(db, time).FreezeAsync(new DrawFreezeRequest(body.PlanId, body.District ?? "500105", body.Quarter, body.CommitmentHash),
                AuditActors.FromHttp(http), ct);
            return TypedResults.Created("/api/draw-plans/" + Uri.EscapeDataString(row.PlanId), Row(row));
        }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> PlanDocumentAsync(string planId, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var row = await new DrawPlanService(db, time).GetAsync(planId, ct);
        if (row?.DrawPlanJson is null) return ApiValidation.NotFound($"no plan {planId}");
        if (!SeesResult(row, http))
            return TypedResults.Problem($"the result of plan {planId} is secret until published (organiser only)", statusCode: StatusCodes.Status403Forbidden);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(row.DrawPlanJson), "application/json; charset=utf-8", row.PlanId + ".json");
    }

    private static async Task<IResult> CommitAsync(string planId, CommitWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Secret)) return ApiValidation.Invalid("secret", "the secret, lowercase hex");
        if (string.IsNullOrWhiteSpace(body.PublicValue)) return ApiValidation.Invalid("public_value", "the public value as published");
        try { return TypedResults.Ok(Row(await new DrawPlanService(db, time).CommitAsync(planId, body.Secret, body.PublicValue, AuditActors.FromHttp(http), ct))); }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> PublishAsync(string planId, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try { return TypedResults.Ok(Row(await new DrawPlanService(db, time).PublishAsync(planId, AuditActors.FromHttp(http), ct))); }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> PlanTasksAsync(string planId, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new DrawPlanService(db, time);
        var row = await s.GetAsync(planId, ct);
        if (row is null) return ApiValidation.NotFound($"no plan {planId}");
        if (!SeesResult(row, http))
            return TypedResults.Problem($"the result of plan {planId} is secret until published (organiser only)", statusCode: StatusCodes.Status403Forbidden);
        var tasks = await s.TasksAsync(planId, ct);
        var names = await NamesAsync(db, tasks.Select(x => x.Uscc), ct);
        var key = (await s.KeyAsync(planId, ct)).ToDictionary(k => k.Certificate, StringComparer.Ordinal);
        return TypedResults.Ok(tasks.Select(x =>
        {
            var r = Task(x, row.PlanId, names);
            return r with
            {
                InspectorNames = [.. r.Inspectors.Select(c => key.GetValueOrDefault(c)?.Name)],
                Pseudonyms = [.. r.Inspectors.Select(c => key.GetValueOrDefault(c)?.Pseudonym)],
            };
        }).ToList());
    }

    private static TaskRow Task(InspectionTask x, string planId, IReadOnlyDictionary<string, string> names) =>
        new(x.Id, planId, x.Seq, x.Uscc, names.GetValueOrDefault(x.Uscc), x.Mode, x.Status, x.StartedAt, [.. x.Inspectors.OrderBy(i => i.Position).Select(i => i.InspectorId)]);

    private static async Task<IReadOnlyDictionary<string, string>> NamesAsync(SmartEnvDbContext db, IEnumerable<string> usccs, CancellationToken ct)
    {
        var list = usccs.Distinct(StringComparer.Ordinal).ToList();
        return await db.Enterprises.AsNoTracking().Where(x => list.Contains(x.Uscc)).ToDictionaryAsync(x => x.Uscc, x => x.Name, StringComparer.Ordinal, ct);
    }

    private static async Task<IResult> StartAsync(long taskId, StartWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var task = await new InspectionRecordService(db, time).StartTaskAsync(taskId, body?.At ?? time.GetUtcNow(), AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(new { id = task.Id, status = task.Status, started_at = task.StartedAt });
        }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> RecordAsync(RecordWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return ApiValidation.Invalid("findings", "at least 1");
        var findings = new List<FindingInput>();
        var list = body.Findings ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!TryEnum<StoredFindingOutcome>(list[i].Outcome, out var outcome)) return ApiValidation.Invalid($"findings[{i}].outcome", Names<StoredFindingOutcome>());
            findings.Add(new FindingInput(list[i].Item ?? "", outcome, list[i].Category, list[i].CreditItemCode, list[i].Description));
        }
        try
        {
            var s = new InspectionRecordService(db, time);
            var r = await s.RecordAsync(new InspectionInput(body.TaskId, body.Uscc, body.InspectedAt ?? time.GetUtcNow(), body.Inspectors ?? [], body.ItemsChecked ?? [], findings, body.Summary),
                AuditActors.FromHttp(http), ct);
            var view = (await RecordsAsync(db, [r.Id], true, ct)).Single();
            return TypedResults.Created("/api/enterprises/" + r.Uscc + "/inspections", view);
        }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> RectifyAsync(long findingId, RectifyWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.Workdays is not { } days) return ApiValidation.Invalid("workdays", "working days given, 1–365");
        try { return TypedResults.Ok(Order(await new InspectionRecordService(db, time).IssueRectificationAsync(findingId, body.IssuedOn ?? BeijingTime.Today(time), days, AuditActors.FromHttp(http), ct), true)); }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> FollowUpAsync(long orderId, FollowUpWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!TryEnum<StoredFollowUpResult>(body?.Result, out var result)) return ApiValidation.Invalid("result", Names<StoredFollowUpResult>());
        try { return TypedResults.Ok(Order(await new InspectionRecordService(db, time).FollowUpAsync(orderId, body!.On ?? BeijingTime.Today(time), result, body.Note, AuditActors.FromHttp(http), ct), true)); }
        catch (InspectionException e) { return Problem(e); }
    }

    private static OrderView Order(RectificationOrder o, bool staff) =>
        new(o.Id, o.FindingId, o.IssuedOn, o.Workdays, o.DueOn, o.DueProvisional, staff ? o.IssuedBy : null, o.FollowUpOn, o.FollowUpResult, o.Note);

    /// <summary>Records (with findings and orders) through the caller's context, newest first.</summary>
    private static async Task<List<RecordView>> RecordsAsync(SmartEnvDbContext db, List<long>? ids, bool staff, CancellationToken ct, string? uscc = null)
    {
        var q = db.InspectionRecords.AsNoTracking();
        if (ids is not null) q = q.Where(r => ids.Contains(r.Id));
        if (uscc is not null) q = q.Where(r => r.Uscc == uscc);
        var records = await q.ToListAsync(ct);
        var recordIds = records.Select(r => r.Id).ToList();
        var findings = await db.InspectionFindings.AsNoTracking().Where(f => recordIds.Contains(f.RecordId)).ToListAsync(ct);
        var findingIds = findings.Select(f => f.Id).ToList();
        var orders = (await db.RectificationOrders.AsNoTracking().Where(o => findingIds.Contains(o.FindingId)).ToListAsync(ct)).ToDictionary(o => o.FindingId);
        return [.. records.OrderByDescending(r => r.InspectedAt).ThenByDescending(r => r.Id).Select(r => new RecordView(r.Id, r.TaskId, r.Uscc, r.InspectedAt,
            DrawPlanServiceLists.Split(r.Inspectors), DrawPlanServiceLists.Split(r.ItemsChecked), r.Summary, staff ? r.RecordedBy : null,
            [.. findings.Where(f => f.RecordId == r.Id).OrderBy(f => f.Seq).Select(f => new FindingView(f.Id, f.Seq, f.Item, f.Outcome, f.Category, f.CreditItemCode, f.Description,
                orders.TryGetValue(f.Id, out var o) ? Order(o, staff) : null))]))];
    }

    private static async Task<IResult> EnterpriseInspectionsAsync(string uscc, HttpContext http, SmartEnvDbContext db, SmartEnvStore store, CancellationToken ct)
    {
        var staff = IsStaff(http);
        // Plans are invisible outside the staff scope: which plans are published (their tasks public) is read unscoped.
        Dictionary<long, (string PlanId, StoredDrawPlanStatus Status)> plans;
        await using (var all = store.CreateContext())
            plans = (await all.DrawPlans.AsNoTracking().Select(x => new { x.Id, x.PlanId, x.Status }).ToListAsync(ct)).ToDictionary(x => x.Id, x => (x.PlanId, x.Status));
        var tasks = await db.InspectionTasks.AsNoTracking().Include(x => x.Inspectors).Where(x => x.Uscc == uscc).OrderByDescending(x => x.Id).ToListAsync(ct);
        var names = await NamesAsync(db, [uscc], ct);
        var visible = tasks.Where(x => plans.TryGetValue(x.PlanId, out var p)
            && (staff || p.Status == StoredDrawPlanStatus.Published || x.Status != StoredInspectionTaskStatus.Pending)).Select(x => Task(x, plans[x.PlanId].PlanId, names)).ToList();
        return TypedResults.Ok(new EnterpriseInspections(visible, await RecordsAsync(db, null, staff, ct, uscc)));
    }

    private static async Task<IResult> EnterpriseCasesAsync(string uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await new EnforcementCaseService(db, time).ListAsync(uscc, ct));

    private static async Task<IResult> ListCasesAsync(string? uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        uscc is not null
            ? TypedResults.Ok(await new EnforcementCaseService(db, time).ListAsync(uscc, ct))
            : TypedResults.Ok(await db.EnforcementCases.AsNoTracking().OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id).Take(1000).ToListAsync(ct));

    private static async Task<IResult> GetCaseAsync(string caseNumber, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        await new EnforcementCaseService(db, time).GetAsync(caseNumber, ct) is { } c ? TypedResults.Ok(c) : ApiValidation.NotFound($"no case {caseNumber}");

    private static IResult? CaseInput(CaseWrite? body, string? caseNumber, out EnforcementCaseInput input)
    {
        input = null!;
        if (body is null) return ApiValidation.Invalid("case_number", "required");
        if (!TryEnum<StoredPenaltyType>(body.PenaltyType, out var type)) return ApiValidation.Invalid("penalty_type", Names<StoredPenaltyType>());
        StoredEnforcementStatus? status = null; // missing: filed on create, the stored status on update (the service decides)
        if (body.Status is not null)
        {
            if (!TryEnum<StoredEnforcementStatus>(body.Status, out var named)) return ApiValidation.Invalid("status", Names<StoredEnforcementStatus>());
            status = named;
        }
        if (body.FiledOn is not { } filed) return ApiValidation.Invalid("filed_on", "立案 day, yyyy-MM-dd");
        input = new EnforcementCaseInput(body.CaseNumber ?? caseNumber ?? "", body.Uscc ?? "", body.LegalBasis ?? "", type, body.Amount, filed, body.NotifiedOn,
            body.DecidedOn, body.ExecutedOn, status, body.Facts, body.CreditItemCode, body.Version);
        return null;
    }

    private static async Task<IResult> CreateCaseAsync(CaseWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (CaseInput(body, null, out var input) is { } bad) return bad;
        try
        {
            var c = await new EnforcementCaseService(db, time).CreateAsync(input, AuditActors.FromHttp(http), ct);
            return TypedResults.Created("/api/enforcement-cases/" + Uri.EscapeDataString(c.CaseNumber), c);
        }
        catch (InspectionException e) { return Problem(e); }
    }

    private static async Task<IResult> UpdateCaseAsync(string caseNumber, CaseWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (CaseInput(body, caseNumber, out var input) is { } bad) return bad;
        try { return TypedResults.Ok(await new EnforcementCaseService(db, time).UpdateAsync(caseNumber, input, AuditActors.FromHttp(http), ct)); }
        catch (InspectionException e) { return Problem(e); }
    }

    // ------------------------------------------------------------------ public

    /// <summary>The published plans with their tasks and results, read unscoped and projected to public fields only.</summary>
    private static async Task<List<PublicPlan>> PublishedAsync(SmartEnvStore store, CancellationToken ct)
    {
        await using var db = store.CreateContext(); // unscoped: plans and tasks are invisible to the public scope
        var plans = await db.DrawPlans.AsNoTracking().Where(x => x.Status == StoredDrawPlanStatus.Published)
            .Select(x => new { x.Id, x.PlanId, x.Quarter, x.FrozenAt, x.CommitmentHash, x.Secret, x.PublicValue, x.RulesVersion, x.PublishedAt }).ToListAsync(ct);
        var ids = plans.Select(x => x.Id).ToList();
        var tasks = await db.InspectionTasks.AsNoTracking().Where(x => ids.Contains(x.PlanId)).Select(x => new { x.Id, x.PlanId, x.Seq, x.Uscc, x.Mode, x.Status }).ToListAsync(ct);
        var taskIds = tasks.Select(x => (long?)x.Id).ToList();
        var records = await db.InspectionRecords.AsNoTracking().Where(r => taskIds.Contains(r.TaskId)).Select(r => new { r.Id, r.TaskId, r.InspectedAt }).ToListAsync(ct);
        var recordIds = records.Select(r => r.Id).ToList();
        var findings = await db.InspectionFindings.AsNoTracking().Where(f => recordIds.Contains(f.RecordId)).Select(f => new { f.RecordId, f.Seq, f.Outcome, f.Category }).ToListAsync(ct);
        var names = await NamesAsync(db, tasks.Select(x => x.Uscc), ct);
        PublicResult? Result(long taskId)
        {
            var r = records.Where(x => x.TaskId == taskId).OrderByDescending(x => x.Id).FirstOrDefault();
            if (r is null) return null;
            var fs = findings.Where(f => f.RecordId == r.Id).OrderBy(f => f.Seq).ToList();
            return new PublicResult(BeijingTime.Date(r.InspectedAt), fs.All(f => f.Outcome == StoredFindingOutcome.Compliant),
                [.. fs.Where(f => f.Outcome == StoredFindingOutcome.Problem && f.Category is not null).Select(f => f.Category!).Distinct(StringComparer.Ordinal)]);
        }
        return [.. plans.OrderByDescending(x => x.PublishedAt).ThenByDescending(x => x.Id).Select(x => new PublicPlan(x.PlanId, x.Quarter, x.FrozenAt, x.CommitmentHash, x.Secret,
            x.PublicValue, x.RulesVersion, x.PublishedAt,
            [.. tasks.Where(t => t.PlanId == x.Id).OrderBy(t => t.Seq).Select(t => new PublicTask(t.Seq, t.Uscc, names.GetValueOrDefault(t.Uscc) ?? "", t.Mode, t.Status,
                t.Status == StoredInspectionTaskStatus.Finished ? Result(t.Id) : null))]))];
    }

    /// <summary>The canonical JSON of a published plan, verbatim. 404 when the plan is not published, or when it was frozen
    /// before pseudonyms (no <c>draw_plan_inspectors</c> key: its JSON names the inspectors).</summary>
    private static async Task<IResult> PublicPlanJsonAsync(string planId, SmartEnvStore store, CancellationToken ct)
    {
        await using var db = store.CreateContext(); // unscoped: plans are invisible to the public scope; only published ones answer
        var row = await db.DrawPlans.AsNoTracking().Where(x => x.PlanId == planId && x.Status == StoredDrawPlanStatus.Published)
            .Select(x => new { x.Id, x.PlanId, x.DrawPlanJson }).SingleOrDefaultAsync(ct);
        if (row?.DrawPlanJson is null || !await db.DrawPlanInspectors.AnyAsync(k => k.PlanId == row.Id, ct))
            return ApiValidation.NotFound($"no published plan {planId}");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(row.DrawPlanJson), "application/json; charset=utf-8", row.PlanId + ".json");
    }

    private static async Task<IResult> PublicPlansAsync(SmartEnvStore store, CancellationToken ct) => TypedResults.Ok(await PublishedAsync(store, ct));

    private static async Task<IResult> PublicResultsAsync(SmartEnvStore store, CancellationToken ct) =>
        TypedResults.Ok((await PublishedAsync(store, ct)).SelectMany(p => p.Tasks.Where(t => t.Result is not null)
            .Select(t => new PublicInspectionResult(p.PlanId, t.Uscc, t.Name, t.Mode, t.Result!))).OrderByDescending(r => r.Result.InspectedOn).ToList());
}

/// <summary>Splits the comma-joined lists of inspection records. Pure; thread-safe.</summary>
internal static class DrawPlanServiceLists
{
    /// <summary>The entries of a comma-joined list, trimmed, empty ones dropped.</summary>
    /// <param name="list">The stored text.</param>
    public static IReadOnlyList<string> Split(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
