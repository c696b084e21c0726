using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Sources.Explanations;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Explanations;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of 异常说明 (explanations) filed by an enterprise and decided by staff, under /api/enterprises/{uscc}/explanations (issue 16).
/// <list type="bullet">
/// <item><c>GET /api/enterprises/{uscc}/explanations[?state=]</c> — the enterprise's explanations, newest first (enterprise
/// user of that enterprise, or staff).</item>
/// <item><c>POST /api/enterprises/{uscc}/explanations</c> — multipart form: <c>reason</c> (<c>shutdown|maintenance|fault|other</c>),
/// <c>from_hour</c>, <c>to_hour</c> (hour starts, inclusive; ISO 8601 with offset, or Beijing local time without one),
/// <c>text</c>, optional <c>site</c> (an outlet site code of the enterprise; absent = all its outlets) and optional
/// <c>file</c> (≤ 10 MiB, <see cref="ExplanationAttachments.Extensions"/>); 201 with the explanation. The enterprise's own
/// act: staff get 403 (they decide what they did not file).</item>
/// <item><c>POST …/{explanationId}/decision</c> — JSON <c>{"decision":"accept"|"reject","note":…}</c> (note required to
/// reject; rejecting an accepted one revokes it). Policy <see cref="SmartEnvPolicies.AlertHandling"/> (admin, monitoring,
/// enforcement): the people who handle the outlets' exceedance alerts decide whether the hours behind them are explained;
/// planning and viewer staff read only.</item>
/// <item><c>POST …/{explanationId}/withdraw</c> — the enterprise withdraws its own before a decision; staff 403.</item>
/// <item><c>GET …/{explanationId}/attachment</c> — the attachment as a download (<c>application/octet-stream</c>,
/// <c>Content-Disposition: attachment</c>, never rendered inline), after its SHA-256 is checked.</item>
/// </list>
/// Another enterprise's <c>{uscc}</c> is a 404 before authorization (<see cref="EnterpriseScope"/>); an explanation id
/// that is not the named enterprise's is a 404 by the query. 409 when the state does not allow the step.
/// </summary>
public static class ExplanationsApi
{
    /// <summary>Attachment metadata.</summary>
    /// <param name="Name">Uploaded file name.</param>
    /// <param name="Bytes">Size in bytes.</param>
    /// <param name="Sha256">SHA-256, 64 hex digits.</param>
    public sealed record AttachmentDto(string Name, long Bytes, string Sha256);

    /// <summary>An explanation as the API shows it.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Uscc">Enterprise.</param>
    /// <param name="SiteCode">Outlet site code, or null = all outlets of the enterprise.</param>
    /// <param name="Reason"><c>shutdown|maintenance|fault|other</c>.</param>
    /// <param name="FromHour">First covered hour start (UTC).</param>
    /// <param name="ToHour">Last covered hour start (UTC, inclusive).</param>
    /// <param name="Hours">Covered hours (<see cref="ExplanationPeriod.Hours"/>).</param>
    /// <param name="Text">The explanation.</param>
    /// <param name="Attachment">Attachment, or null.</param>
    /// <param name="State"><c>submitted|accepted|rejected|withdrawn</c>.</param>
    /// <param name="SubmittedBy">Who filed it.</param>
    /// <param name="SubmittedAt">When (UTC).</param>
    /// <param name="FiledLate">Filed later than the filing window after its last hour (flag only).</param>
    /// <param name="DecidedBy">Who decided or withdrew, or null.</param>
    /// <param name="DecidedAt">When, or null.</param>
    /// <param name="DecisionNote">Staff's note, or null.</param>
    /// <param name="Actions">What the caller may do now: <c>accept</c>, <c>reject</c>, <c>withdraw</c>.</param>
    public sealed record ExplanationDto(long Id, string Uscc, string? SiteCode, string Reason, DateTimeOffset FromHour, DateTimeOffset ToHour, long Hours,
        string Text, AttachmentDto? Attachment, string State, string SubmittedBy, DateTimeOffset SubmittedAt, bool FiledLate,
        string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote, IReadOnlyList<string> Actions);

    /// <summary>Body of a decision.</summary>
    /// <param name="Decision"><c>accept</c> or <c>reject</c>.</param>
    /// <param name="Note">Why (required to reject), ≤ 1,024 characters.</param>
    public sealed record DecisionWrite(string? Decision, string? Note);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapExplanationsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises/{uscc}/explanations").WithTags("explanations");
        g.MapGet("/", ListAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListExplanations")
            .WithSummary("The enterprise's explanations (异常说明), newest first; ?state= filters (signed in, own enterprise or staff).");
        // No Accepts<IFormFile>(multipart) metadata: with it, routing answers a request of another content type from its own
        // 415 endpoint, which the enterprise scope (404 for another enterprise's {uscc}) never sees; the handler refuses it (400).
        g.MapPost("/", SubmitAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).DisableAntiforgery().WithName("SubmitExplanation")
            .WithSummary("File an explanation (multipart: reason, from_hour, to_hour, text, optional site and file ≤ 10 MiB) (enterprise user; staff 403).");
        g.MapPost("/{explanationId}/decision", DecideAsync).RequireAuthorization(SmartEnvPolicies.AlertHandling).WithName("DecideExplanation")
            .WithSummary("Accept or reject an explanation; rejecting an accepted one revokes it; a rejection needs a note (staff handling alerts).");
        g.MapPost("/{explanationId}/withdraw", WithdrawAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("WithdrawExplanation")
            .WithSummary("Withdraw an explanation before it is decided (enterprise user; staff 403).");
        g.MapGet("/{explanationId}/attachment", AttachmentAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ExplanationAttachment")
            .WithSummary("Download an explanation's attachment after checking its SHA-256 (signed in, own enterprise or staff).");
        return app;
    }

    private static ExplanationService Service(SmartEnvStore store, SmartEnvWebOptions options, TimeProvider time) =>
        new(store, options.ExplanationAttachmentDirectory is { } dir ? new ExplanationAttachments(dir) : null, time);

    private static async Task<Results<Ok<List<ExplanationDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(string uscc, string? state,
        SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions options, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (state is not null && !SourceExplanation.States.Contains(state))
            return ApiValidation.Invalid("state", $"state must be one of {string.Join('|', SourceExplanation.States)}");
        var rows = await ExplanationService.ListAsync(db, uscc, state, ct: ct);
        if (rows is null) return ApiValidation.NotFound($"no enterprise {uscc}");
        var service = Service(store, options, time);
        var staff = SmartEnvPolicies.IsStaff(http.User);
        return TypedResults.Ok(rows.Select(r => ToDto(r.Row, r.SiteCode, service, staff)).ToList());
    }

    private static async Task<Results<Created<ExplanationDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(string uscc, HttpRequest request,
        SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions options, TimeProvider time, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(request.HttpContext.User))
            return TypedResults.Problem("an explanation is filed by the enterprise itself; staff accept or reject it", statusCode: StatusCodes.Status403Forbidden);
        if (!request.HasFormContentType)
            return ApiValidation.Invalid("form", "send multipart/form-data with reason, from_hour, to_hour, text, optional site and file");
        var form = await request.ReadFormAsync(ct);
        DateTimeOffset? Hour(string field) => BeijingTime.TryParseLocal(form[field].FirstOrDefault(), out var t) ? t : null;
        foreach (var field in new[] { "from_hour", "to_hour" })
            if (!string.IsNullOrWhiteSpace(form[field].FirstOrDefault()) && Hour(field) is null)
                return ApiValidation.Invalid(field, $"{field} must be a time: ISO 8601 with offset, or Beijing local yyyy-MM-dd HH:mm");
        var input = new ExplanationInput(form["site"].FirstOrDefault(), form["reason"].FirstOrDefault(), Hour("from_hour"), Hour("to_hour"), form["text"].FirstOrDefault());
        var file = form.Files["file"];
        if (form.Files.Count > 1 || (form.Files.Count == 1 && file is null))
            return ApiValidation.Invalid("file", "send at most one attachment, as the multipart part 'file'");
        var service = Service(store, options, time);
        ExplanationOutcome outcome;
        if (file is null) outcome = await service.SubmitAsync(db, uscc, input, null, AuditActors.FromHttp(request.HttpContext), ct);
        else
        {
            if (file.Length > ExplanationAttachments.MaxBytes)
                return ApiValidation.Invalid("file", $"the attachment is larger than {ExplanationAttachments.MaxBytes} bytes (10 MiB)");
            await using var content = file.OpenReadStream();
            outcome = await service.SubmitAsync(db, uscc, input, new AttachmentUpload(content, file.FileName), AuditActors.FromHttp(request.HttpContext), ct);
        }
        return outcome.Kind switch
        {
            ExplanationOutcomeKind.Ok => TypedResults.Created($"/api/enterprises/{uscc}/explanations/{outcome.Explanation!.Id}",
                ToDto(outcome.Explanation, input.SiteCode?.Trim() is { Length: > 0 } c ? c : null, service, false)),
            ExplanationOutcomeKind.NotFound => ApiValidation.NotFound(outcome.Message!),
            _ => ApiValidation.Invalid(outcome.Field ?? "form", outcome.Message!),
        };
    }

    private static async Task<Results<Ok<ExplanationDto>, ValidationProblem, ProblemHttpResult>> DecideAsync(string uscc, string explanationId, DecisionWrite body,
        SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions options, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        ExplanationTrigger trigger;
        switch (body.Decision?.Trim().ToLowerInvariant())
        {
            case "accept": trigger = ExplanationTrigger.Accept; break;
            case "reject": trigger = ExplanationTrigger.Reject; break;
            default: return ApiValidation.Invalid("decision", "decision must be accept or reject");
        }
        return await TransitionAsync(uscc, explanationId, trigger, body.Note, db, store, options, time, http, ct);
    }

    private static async Task<Results<Ok<ExplanationDto>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(string uscc, string explanationId,
        SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions options, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(http.User))
            return TypedResults.Problem("only the enterprise withdraws its explanation; staff reject it instead", statusCode: StatusCodes.Status403Forbidden);
        return await TransitionAsync(uscc, explanationId, ExplanationTrigger.Withdraw, null, db, store, options, time, http, ct);
    }

    private static async Task<Results<Ok<ExplanationDto>, ValidationProblem, ProblemHttpResult>> TransitionAsync(string uscc, string explanationId, ExplanationTrigger trigger, string? note,
        SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions options, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!TryId(explanationId, out var id)) return NoExplanation(uscc, explanationId);
        var service = Service(store, options, time);
        var staff = SmartEnvPolicies.IsStaff(http.User);
        var outcome = await service.TransitionAsync(db, uscc, id, trigger, staff, note, AuditActors.FromHttp(http), ct);
        switch (outcome.Kind)
        {
            case ExplanationOutcomeKind.Ok:
                var code = outcome.Explanation!.SiteId is { } siteId ? await db.Sites.Where(s => s.Id == siteId).Select(s => s.Code).FirstOrDefaultAsync(ct) : null;
                return TypedResults.Ok(ToDto(outcome.Explanation, code, service, staff));
            case ExplanationOutcomeKind.NotFound: return ApiValidation.NotFound(outcome.Message!);
            case ExplanationOutcomeKind.Forbidden: return TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden);
            case ExplanationOutcomeKind.Conflict: return ApiValidation.Conflict(outcome.Message!);
            default: return ApiValidation.Invalid(outcome.Field ?? "note", outcome.Message!);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AttachmentAsync(string uscc, string explanationId,
        SmartEnvDbContext db, SmartEnvWebOptions options, CancellationToken ct)
    {
        if (!TryId(explanationId, out var id)) return NoExplanation(uscc, explanationId);
        var row = await db.SourceExplanations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.Uscc == uscc, ct);
        if (row is null) return NoExplanation(uscc, explanationId);
        if (row.AttachmentPath is null || row.AttachmentSha256 is null) return ApiValidation.NotFound($"explanation {explanationId} has no attachment");
        if (options.ExplanationAttachmentDirectory is not { } dir)
            return TypedResults.Problem("this server keeps no attachments (no attachment directory configured)", statusCode: StatusCodes.Status503ServiceUnavailable);
        var (bytes, error) = await new ExplanationAttachments(dir).ReadAsync(row.AttachmentPath, row.AttachmentSha256, ct);
        if (bytes is null) return TypedResults.Problem(error, statusCode: StatusCodes.Status500InternalServerError, title: "attachment unavailable");
        return TypedResults.File(bytes, "application/octet-stream", row.AttachmentName ?? "attachment");
    }

    /// <summary>The id of the route: a positive integer (no route constraint, so that a malformed id is answered by the
    /// handler after the policy — 404 — and not by routing's fallback).</summary>
    private static bool TryId(string text, out long id) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;

    private static ProblemHttpResult NoExplanation(string uscc, string id) => ApiValidation.NotFound($"no explanation {id} of enterprise {uscc}");

    private static ExplanationDto ToDto(SourceExplanation r, string? siteCode, ExplanationService service, bool staff) => new(
        r.Id, r.Uscc, siteCode, r.Reason, r.FromHour, r.ToHour, ExplanationPeriod.Hours(r.FromHour, r.ToHour), r.Text,
        r.AttachmentPath is null ? null : new AttachmentDto(r.AttachmentName ?? "attachment", r.AttachmentBytes ?? 0, r.AttachmentSha256 ?? ""),
        r.State, r.SubmittedBy, r.SubmittedAt, service.FiledLate(r), r.DecidedBy, r.DecidedAt, r.DecisionNote,
        ExplanationWorkflow.Permitted(ExplanationService.Parse(r.State), staff).Select(t => t.ToString().ToLowerInvariant()).ToList());
}
