using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Complaints.Handling;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P3: handling complaints (docs/complaints.md "Handling").
/// <list type="bullet">
/// <item><c>GET /api/complaints?state=&amp;overdue=&amp;channel=&amp;type=&amp;street=&amp;from=&amp;to=&amp;text=&amp;limit=</c> — cases,
/// newest first, never with reporter data (staff).</item>
/// <item><c>GET /api/complaints/overdue</c> — cases past their acceptance or handling due day today (staff).</item>
/// <item><c>GET /api/complaints/{number}</c> — one case with types, photo numbers, events, duplicate pairs, extensions,
/// deadlines and the actions permitted now; the reporter's name and contact only for roles admin and enforcement (staff).</item>
/// <item><c>POST /api/complaints/{number}/{action}</c> — <c>accept decline assign findings reply visit close review
/// review_decision recheck recheck_decision</c> (JSON <see cref="ActionWrite"/>; enforcement). A transition the workflow
/// refuses in the case's state, a passed 复查/复核 window or a stale <c>version</c> is a 409 problem whose
/// <c>allowed</c> lists the actions permitted now.</item>
/// <item><c>GET /api/complaints/{number}/events</c> — every transition (staff).</item>
/// <item><c>GET /api/complaints/{number}/duplicates</c> — proposes duplicates by the rule (stored once) and lists the pairs (staff).</item>
/// <item><c>POST /api/complaints/{number}/merge</c> — <c>{duplicate}</c> follows this case (enforcement).</item>
/// <item><c>POST /api/complaints/{number}/extend</c> — <c>{days, approver, reason}</c>, once per case (enforcement).</item>
/// </list>
/// An unknown number is a 404. Complaints are staff-only: an enterprise user is refused by the policies (403), and the
/// complaint tables' query filter hides every row from its scope anyway.
/// </summary>
public static class ComplaintsApi
{
    /// <summary>Body of a workflow action (snake_case JSON); which field each action reads:
    /// <see cref="ComplaintService.FireAsync(string, ComplaintTrigger, ComplaintActionInput, SmartEnv.Storage.Audit.AuditActor, CancellationToken)"/>.</summary>
    /// <param name="Version">The version read (optional; a different stored version is a 409).</param>
    /// <param name="Note">Note / decision / where to go.</param>
    /// <param name="Reason">decline: <c>outside_remit|legal_proceedings|already_accepted|repeat_after_reply|unclear</c>.</param>
    /// <param name="LinkedNumber">decline already_accepted: the accepted case.</param>
    /// <param name="AssigneeKind">assign: <c>street|section|department</c>.</param>
    /// <param name="AssigneeCode">assign: street code (or name), or the section's/department's code.</param>
    /// <param name="AssigneeName">assign: section or department name.</param>
    /// <param name="Findings">findings: what the site check found.</param>
    /// <param name="Verification">findings: <c>true|partly_true|false</c> (属实/部分属实/不属实).</param>
    /// <param name="CheckedAt">findings: when checked (ISO 8601; default now).</param>
    /// <param name="IndustryCode">findings: GB/T 4754 code of the reported unit (2–4 digits).</param>
    /// <param name="Reply">reply: the written reply.</param>
    /// <param name="Satisfaction">visit: <c>satisfied|basically_satisfied|dissatisfied</c>.</param>
    public sealed record ActionWrite(int? Version, string? Note, string? Reason, string? LinkedNumber, string? AssigneeKind, string? AssigneeCode,
        string? AssigneeName, string? Findings, string? Verification, DateTimeOffset? CheckedAt, string? IndustryCode, string? Reply, string? Satisfaction);

    /// <summary>Body of a merge.</summary>
    /// <param name="Duplicate">Number of the case that follows the route's case.</param>
    public sealed record MergeWrite(string? Duplicate);

    /// <summary>Body of an extension.</summary>
    /// <param name="Days">Days (1–30).</param>
    /// <param name="Approver">The leader who approved it.</param>
    /// <param name="Reason">Why (told to the reporter).</param>
    public sealed record ExtendWrite(int? Days, string? Approver, string? Reason);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/complaints").WithTags("complaints");
        g.MapGet("", ListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListComplaints")
            .WithSummary("Complaints, newest first, without reporter data; filter by state, overdue, channel, type, street, from/to (registration day), text (staff).");
        g.MapGet("/overdue", OverdueAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("OverdueComplaints")
            .WithSummary("Complaints past their acceptance answer day (15 days) or handling due day (60 days + extension) today, in Beijing time (staff).");
        g.MapGet("/{number}", GetAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("GetComplaint")
            .WithSummary("One complaint with types, photos, events, duplicates, extensions, deadlines and permitted actions; reporter name and contact only for admin and enforcement (staff).");
        g.MapPost("/{number}/{action}", FireAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("ComplaintAction")
            .WithSummary("Take a workflow action on a complaint: accept, decline, assign, findings, reply, visit, close, review, review_decision, recheck, recheck_decision; 409 with the allowed actions when refused (enforcement).");
        g.MapGet("/{number}/events", EventsAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintEvents")
            .WithSummary("Every transition of a complaint with who, when and the note (staff).");
        g.MapGet("/{number}/duplicates", DuplicatesAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintDuplicates")
            .WithSummary("Propose possible duplicates of an open complaint (same top-level type within 300 m, or the same reported unit, within 7 days; stored once) and list its pairs (staff).");
        g.MapPost("/{number}/merge", MergeAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("MergeComplaint")
            .WithSummary("Merge the duplicate complaint into this one: it follows this case and its reporter gets this case's reply (enforcement).");
        g.MapPost("/{number}/extend", ExtendAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("ExtendComplaint")
            .WithSummary("Extend the handling period once by at most 30 days with the approving leader and the reason; the reporter is told (enforcement).");
        return app;
    }

    private static ComplaintService Service(SmartEnvDbContext db, TimeProvider time) => new(db, time);

    /// <summary>Reporter data go to the staff handling cases only: roles admin and enforcement (plan §1).</summary>
    private static bool SeesReporter(HttpContext http) => http.User.IsInRole(SmartEnvRoles.Admin) || http.User.IsInRole(SmartEnvRoles.Enforcement);

    private static IResult Problem(ComplaintHandlingException e) => e.Status switch
    {
        StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(e.Errors.ToDictionary(k => ToSnake(k.Key), k => k.Value)),
        StatusCodes.Status409Conflict => TypedResults.Problem(e.Message, statusCode: 409, extensions: new Dictionary<string, object?> { ["allowed"] = e.Allowed }),
        _ => TypedResults.Problem(e.Message, statusCode: e.Status),
    };

    private static string ToSnake(string field) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(field);

    private static async Task<IResult> ListAsync(string? state, bool? overdue, string? channel, string? type, string? street, DateOnly? from, DateOnly? to,
        string? text, int? limit, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        ComplaintState? s = null;
        if (state is not null) { if (!ComplaintNames.TryParse<ComplaintState>(state, out var v)) return ApiValidation.Invalid("state", "one of " + string.Join('|', Enum.GetValues<ComplaintState>().Select(x => ComplaintNames.Snake(x)))); s = v; }
        ComplaintChannel? c = null;
        if (channel is not null) { if (!ComplaintNames.TryParse<ComplaintChannel>(channel, out var v)) return ApiValidation.Invalid("channel", "one of " + string.Join('|', Enum.GetValues<ComplaintChannel>().Select(x => ComplaintNames.Snake(x)))); c = v; }
        try
        {
            return TypedResults.Ok(await Service(db, time).ListAsync(new ComplaintFilter(s, overdue, c, type, street, from, to, text, limit ?? 500), ct));
        }
        catch (ComplaintHandlingException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Ok<IReadOnlyList<ComplaintRow>>> OverdueAsync(SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await Service(db, time).OverdueAsync(SmartEnv.Standards.Common.BeijingTime.Today(time), ct));

    private static async Task<IResult> GetAsync(string number, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = await Service(db, time).GetAsync(number, SeesReporter(http), ct);
        return v is null ? ApiValidation.NotFound($"no complaint {number}") : TypedResults.Ok(v);
    }

    private static async Task<IResult> EventsAsync(string number, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = await Service(db, time).EventsAsync(number, ct);
        return v is null ? ApiValidation.NotFound($"no complaint {number}") : TypedResults.Ok(v);
    }

    private static async Task<IResult> DuplicatesAsync(string number, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await Service(db, time).DuplicatesAsync(number, AuditActors.FromHttp(http), ct));
        }
        catch (ComplaintHandlingException e)
        {
            return Problem(e);
        }
    }

    private static async Task<IResult> FireAsync(string number, string action, ActionWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!ComplaintNames.TryParseAction(action, out var trigger) || trigger == ComplaintTrigger.Merge)
            return ApiValidation.NotFound($"no action {action}: accept, decline, assign, findings, reply, visit, close, review, review_decision, recheck, recheck_decision");
        body ??= new ActionWrite(null, null, null, null, null, null, null, null, null, null, null, null, null);
        var errors = new Dictionary<string, string[]>();
        T? Parse<T>(string? text, string field) where T : struct, Enum
        {
            if (text is null) return null;
            if (ComplaintNames.TryParse<T>(text, out var v)) return v;
            errors[field] = ["one of " + string.Join('|', Enum.GetValues<T>().Select(x => ComplaintNames.Snake(x)))];
            return null;
        }
        var input = new ComplaintActionInput(body.Version, body.Note, Parse<NotAcceptedReason>(body.Reason, "reason"), body.LinkedNumber,
            Parse<AssigneeKind>(body.AssigneeKind, "assignee_kind"), body.AssigneeCode, body.AssigneeName, body.Findings,
            Parse<Verification>(body.Verification, "verification"), body.CheckedAt, body.IndustryCode, body.Reply, Parse<Satisfaction>(body.Satisfaction, "satisfaction"));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        try
        {
            return TypedResults.Ok(await Service(db, time).FireAsync(number, trigger, input, AuditActors.FromHttp(http), ct));
        }
        catch (ComplaintHandlingException e)
        {
            return Problem(e);
        }
    }

    private static async Task<IResult> MergeAsync(string number, MergeWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Duplicate)) return ApiValidation.Invalid("duplicate", "the number of the case that follows this one");
        try
        {
            return TypedResults.Ok(await Service(db, time).MergeAsync(number, body.Duplicate, AuditActors.FromHttp(http), ct));
        }
        catch (ComplaintHandlingException e)
        {
            return Problem(e);
        }
    }

    private static async Task<IResult> ExtendAsync(string number, ExtendWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.Days is not { } days) return ApiValidation.Invalid("days", "days to add (1–30)");
        try
        {
            return TypedResults.Ok(await Service(db, time).ExtendAsync(number, days, body.Approver ?? "", body.Reason ?? "", AuditActors.FromHttp(http), ct));
        }
        catch (ComplaintHandlingException e)
        {
            return Problem(e);
        }
    }
}
