using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 17 P4 electronic transfer manifests (联单); docs/waste.md "P4".
/// <list type="bullet">
/// <item><c>GET /api/enterprises/{uscc}/hw/manifests[?state=]</c> — the manifests the enterprise is a party to (移出人, 承运人
/// or 接受人), newest first (own enterprise or staff).</item>
/// <item><c>POST /api/enterprises/{uscc}/hw/manifests</c> — the 移出人 drafts one (JSON <see cref="ManifestDraftInput"/>);
/// 201. Staff 403 (they supervise, they do not sign).</item>
/// <item><c>GET …/hw/manifests/{number}</c> — one manifest with the actions the enterprise may take now.</item>
/// <item><c>POST …/hw/manifests/{number}/{action}</c> — <c>submit|pick_up|arrive|accept|accept_partially|reject|
/// record_paper|back_fill|correct</c> as that party (JSON <see cref="ActionWrite"/>); 403 when the party may not take it in
/// this state, staff 403. There is no delete (Art. 20: kept ≥ 10 years).</item>
/// <item><c>GET …/hw/manifests/{number}/versions</c> — superseded versions with reasons, then the current one;
/// <c>GET …/hw/manifests/{number}/events</c> — every transition.</item>
/// <item><c>GET /api/hw/manifests[?overdue=true]</c> — staff: all manifests, or the overdue ones (receipt after 5 working
/// days of arrival, back-fill after 10 working days of a paper transfer).</item>
/// </list>
/// Another enterprise's <c>{uscc}</c> is a 404 before authorization (<c>EnterpriseScope</c>); a manifest the named
/// enterprise is no party to is a 404 too.
/// </summary>
public static class ManifestsApi
{
    /// <summary>A manifest and what the caller may do with it.</summary>
    /// <param name="Manifest">The manifest (current version).</param>
    /// <param name="Role">The route enterprise's roles on it (<c>generator</c>, <c>carrier</c>, <c>receiver</c>), or empty for staff lists.</param>
    /// <param name="Actions">Actions (snake_case triggers) it may take now; always empty for staff.</param>
    public sealed record ManifestDto(ManifestView Manifest, IReadOnlyList<string> Role, IReadOnlyList<string> Actions);

    /// <summary>Body of an action; which fields each action reads: <see cref="ManifestService.FireAsync"/>.</summary>
    /// <param name="Vehicle">Vehicle plate (pick_up).</param>
    /// <param name="TransportLicence">Transport licence (pick_up).</param>
    /// <param name="At">When (pick_up, arrive, back_fill), ISO 8601; default now.</param>
    /// <param name="Received">Per line: quantity received (t) and method (accept, accept_partially, reject).</param>
    /// <param name="Discrepancies">Declared kinds: <c>name|characteristics|form|packaging</c> (quantity is computed).</param>
    /// <param name="Note">Receiver's note.</param>
    /// <param name="Reason">Why (correct).</param>
    /// <param name="PaperTransferredOn">Day of the paper transfer (record_paper), yyyy-MM-dd.</param>
    /// <param name="Lines">New lines (correct, back_fill).</param>
    public sealed record ActionWrite(string? Vehicle, string? TransportLicence, DateTimeOffset? At, List<ManifestReceiptLine>? Received,
        List<string>? Discrepancies, string? Note, string? Reason, DateOnly? PaperTransferredOn, List<ManifestLineInput>? Lines);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapManifestsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises/{uscc}/hw/manifests").WithTags("hw");
        g.MapGet("/", ListAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListManifests")
            .WithSummary("Transfer manifests the enterprise is a party to (generator, carrier or receiver), newest first; ?state= filters (own enterprise or staff).");
        g.MapPost("/", DraftAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("DraftManifest")
            .WithSummary("Draft a transfer manifest as the generator, from containers and/or lines; the number is allocated per year and city (enterprise user; staff 403).");
        g.MapGet("/{number}", GetAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetManifest")
            .WithSummary("One transfer manifest with the actions the enterprise may take now (own enterprise or staff).");
        g.MapPost("/{number}/{action}", FireAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ManifestAction")
            .WithSummary("Take an action on a transfer manifest as its party: submit, pick_up, arrive, accept, accept_partially, reject, record_paper, back_fill, correct (enterprise user; staff 403).");
        g.MapGet("/{number}/versions", VersionsAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ManifestVersions")
            .WithSummary("Versions of a transfer manifest: superseded ones with the reason of the correction, then the current one (own enterprise or staff).");
        g.MapGet("/{number}/events", EventsAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ManifestEvents")
            .WithSummary("Every transition of a transfer manifest with party role, who and when (own enterprise or staff).");
        app.MapGet("/api/hw/manifests", StaffListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("hw").WithName("ListAllManifests")
            .WithSummary("All transfer manifests, newest first; overdue=true: receipt not confirmed 5 working days after arrival or paper not back-filled in 10 (staff).");
        return app;
    }

    private static ManifestService Service(SmartEnvDbContext db, TimeProvider time) => new(db, time);

    private static ManifestDto Dto(ManifestView m, string? uscc)
    {
        if (uscc is null) return new ManifestDto(m, [], []);
        var roles = new List<ManifestRole>();
        if (m.GeneratorUscc == uscc) roles.Add(ManifestRole.Generator);
        if (m.CarrierUscc == uscc) roles.Add(ManifestRole.Carrier);
        if (m.ReceiverUscc == uscc) roles.Add(ManifestRole.Receiver);
        var actions = ManifestWorkflow.TryParseState(m.State, out var s)
            ? roles.SelectMany(r => ManifestWorkflow.Permitted(s, r)).Distinct().Select(ManifestWorkflow.Name).ToList() : [];
        return new ManifestDto(m, roles.Select(r => r.ToString().ToLowerInvariant()).ToList(), actions);
    }

    private static ProblemHttpResult StaffDoNotSign() =>
        TypedResults.Problem("a manifest is signed by its parties; staff read it", statusCode: StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<List<ManifestDto>>, ValidationProblem>> ListAsync(string uscc, string? state, HttpContext http,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (state is not null && !WasteManifest.States.Contains(state))
            return ApiValidation.Invalid("state", $"state must be one of {string.Join('|', WasteManifest.States)}");
        var list = await Service(db, time).ListAsync(uscc, state, ct);
        var own = SmartEnvPolicies.IsStaff(http.User) ? null : uscc;
        return TypedResults.Ok(list.Select(m => Dto(m, own)).ToList());
    }

    private static async Task<Results<Created<ManifestDto>, ValidationProblem, ProblemHttpResult>> DraftAsync(string uscc, ManifestDraftInput body,
        HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(http.User)) return StaffDoNotSign();
        try
        {
            var m = await Service(db, time).DraftAsync(uscc, body, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/hw/manifests/{m.Number}", Dto(m, uscc));
        }
        catch (ManifestException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(k => k.Key, k => k.Value));
        }
        catch (ManifestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status);
        }
    }

    private static async Task<Results<Ok<ManifestDto>, ProblemHttpResult>> GetAsync(string uscc, string number, HttpContext http,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var m = await Service(db, time).GetAsync(number, uscc, ct);
        if (m is null) return ApiValidation.NotFound($"no manifest {number} of enterprise {uscc}");
        return TypedResults.Ok(Dto(m, SmartEnvPolicies.IsStaff(http.User) ? null : uscc));
    }

    private static async Task<Results<Ok<ManifestDto>, ValidationProblem, ProblemHttpResult>> FireAsync(string uscc, string number, string action, ActionWrite body,
        HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(http.User)) return StaffDoNotSign();
        if (!ManifestWorkflow.TryParseTrigger(action, out var trigger))
            return ApiValidation.NotFound($"no action {action}: submit, pick_up, arrive, accept, accept_partially, reject, record_paper, back_fill, correct");
        var declared = ManifestDiscrepancy.None;
        foreach (var d in body?.Discrepancies ?? [])
        {
            if (d is "quantity" || !Enum.TryParse<ManifestDiscrepancy>(d, ignoreCase: true, out var flag) || flag == ManifestDiscrepancy.None || !Enum.IsDefined(flag))
                return ApiValidation.Invalid("discrepancies", "name, characteristics, form or packaging (quantity is computed from the received quantities)");
            declared |= flag;
        }
        var input = new ManifestActionInput(body?.Vehicle, body?.TransportLicence, body?.At, body?.Received, declared, body?.Note, body?.Reason, body?.PaperTransferredOn, body?.Lines);
        try
        {
            var m = await Service(db, time).FireAsync(number, uscc, trigger, input, AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(Dto(m, uscc));
        }
        catch (ManifestException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary(k => k.Key, k => k.Value));
        }
        catch (ManifestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<ManifestVersionView>>, ProblemHttpResult>> VersionsAsync(string uscc, string number,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = await Service(db, time).VersionsAsync(number, uscc, ct);
        return v is null ? ApiValidation.NotFound($"no manifest {number} of enterprise {uscc}") : TypedResults.Ok(v);
    }

    private static async Task<Results<Ok<IReadOnlyList<ManifestEventView>>, ProblemHttpResult>> EventsAsync(string uscc, string number,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var v = await Service(db, time).EventsAsync(number, uscc, ct);
        return v is null ? ApiValidation.NotFound($"no manifest {number} of enterprise {uscc}") : TypedResults.Ok(v);
    }

    private static async Task<Ok<List<ManifestDto>>> StaffListAsync(bool? overdue, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await Service(db, time).ListAllAsync(overdue == true, ct)).Select(m => Dto(m, null)).ToList());
}
