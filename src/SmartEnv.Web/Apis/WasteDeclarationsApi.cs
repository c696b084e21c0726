using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Waste.Generators;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 17 P5 (docs/waste.md "Management classes, plans, declarations, storage age and reconciliation"):
/// under <c>/api/enterprises/{uscc}/hw</c> the management class (read: the enterprise and staff; override: enforcement
/// staff with a reason), the management plans and the declarations (read: the enterprise and staff; submitted by the
/// enterprise itself, staff 403 in the handler); staff lists under <c>/api/hw</c>: declarations by status, the overview
/// numbers and the ledger-vs-manifest reconciliation (<see cref="ReconciliationService"/>: the GET runs the idempotent pass
/// first). Another enterprise's <c>{uscc}</c> is a 404 before authorization (<see cref="EnterpriseScope"/>). Every
/// change is audited by <see cref="GeneratorService"/>. Years are calendar years; dates are Beijing dates.
/// </summary>
public static class WasteDeclarationsApi
{
    /// <summary>Body of <c>PUT /{uscc}/hw/class</c>.</summary>
    /// <param name="Year">Class year (default this year).</param>
    /// <param name="Class"><c>key</c> | <c>simplified</c> | <c>registration</c>, or null to clear the override.</param>
    /// <param name="Reason">Why (required).</param>
    public sealed record ClassOverride(int? Year, string? Class, string? Reason);

    /// <summary>Body of <c>POST /{uscc}/hw/plans</c>.</summary>
    /// <param name="Year">Plan year.</param>
    /// <param name="Content">The plan (any JSON object).</param>
    public sealed record PlanWrite(int? Year, JsonElement Content);

    /// <summary>Body of <c>POST /{uscc}/hw/declarations</c>.</summary>
    /// <param name="Kind"><c>monthly</c> | <c>quarterly</c> | <c>annual</c>.</param>
    /// <param name="Period"><c>2027-01</c> | <c>2027-Q1</c> | <c>2027</c>.</param>
    /// <param name="Content">The declaration (any JSON object).</param>
    public sealed record DeclarationWrite(string? Kind, string? Period, JsonElement Content);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteDeclarationsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises/{uscc}/hw").WithTags("hw");
        g.MapGet("/class", GetClassAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetWasteClass")
            .WithSummary("The enterprise's hazardous-waste management class for ?year= (HJ 1259-2022 §4.2: computed from annual generation, 3-year max; the bureau's override with its reason) (own enterprise or staff).");
        g.MapPut("/class", OverrideClassAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("OverrideWasteClass")
            .WithSummary("Set or clear the bureau's management class for a year, with a reason (audited) (enforcement staff).");
        g.MapGet("/plans", PlansAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListWastePlans")
            .WithSummary("The enterprise's management plan for ?year= with due day (31 March) and status (own enterprise or staff).");
        g.MapPost("/plans", SubmitPlanAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("SubmitWastePlan")
            .WithSummary("Submit the year's hazardous-waste management plan; returns the filing number (enterprise user; staff 403).");
        g.MapGet("/declarations", FilingsAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListWasteDeclarations")
            .WithSummary("Every filing the enterprise owes for ?year= by its class (plan, monthly, quarterly, annual) with due day and status due|submitted|submitted_late|overdue (own enterprise or staff).");
        g.MapPost("/declarations", SubmitDeclarationAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("SubmitWasteDeclaration")
            .WithSummary("Submit a monthly, quarterly or annual hazardous-waste declaration for a period that has ended (enterprise user; staff 403).");
        app.MapGet("/api/hw/declarations", StaffListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("hw").WithName("ListAllWasteDeclarations")
            .WithSummary("Filings of last year and this year across generators, ?status=overdue|due|submitted (staff).");
        app.MapGet("/api/hw/overview", OverviewAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("hw").WithName("WasteOverview")
            .WithSummary("Hazardous-waste overview: stock by facility, storage-age histogram (0–90, 91–180, 181–270, 271–365, 366+ days), overdue manifests and declarations, discrepancies (staff).");
        app.MapGet("/api/hw/reconciliation", ReconciliationAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("hw").WithName("ListWasteReconciliations")
            .WithSummary("Ledger-vs-manifest reconciliation per confirmed manifest: the generator's ledger 委外 tonnes vs the received tonnes, difference, flagged beyond the tolerance (1 %, at least 0.001 t), ?flagged=true|false (staff).");
        return app;
    }

    private static async Task<Results<Ok<WasteClassView>, ProblemHttpResult>> GetClassAsync(string uscc, int? year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await new GeneratorService(db, time).GetClassAsync(uscc, year ?? BeijingTime.Today(time).Year, ct));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
    }

    private static async Task<Results<Ok<WasteClassView>, ValidationProblem, ProblemHttpResult>> OverrideClassAsync(string uscc, ClassOverride? body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (body is null) return ApiValidation.Invalid("body", "send {year, class, reason}");
        try
        {
            return TypedResults.Ok(await new GeneratorService(db, time).OverrideClassAsync(uscc, body.Year ?? BeijingTime.Today(time).Year, body.Class, body.Reason,
                AuditActors.FromHttp(http), ct));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (GeneratorException ex) { return ApiValidation.Invalid(ex.Field, ex.Message); }
    }

    private static async Task<Results<Ok<List<WasteFilingView>>, ProblemHttpResult>> PlansAsync(string uscc, int? year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var all = await new GeneratorService(db, time).FilingsAsync(uscc, year ?? BeijingTime.Today(time).Year, ct);
            return TypedResults.Ok(all.Where(f => f.Kind == "plan").ToList());
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
    }

    private static async Task<Results<Created<WasteFilingView>, ValidationProblem, ProblemHttpResult>> SubmitPlanAsync(string uscc, PlanWrite? body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(http.User))
            return TypedResults.Problem("a management plan is submitted by the enterprise itself", statusCode: StatusCodes.Status403Forbidden);
        if (body?.Year is not { } year) return ApiValidation.Invalid("year", "year is required");
        try
        {
            var v = await new GeneratorService(db, time).SubmitPlanAsync(uscc, year, body.Content, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/hw/plans?year={year}", v);
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (GeneratorException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (GeneratorException ex) { return ApiValidation.Invalid(ex.Field, ex.Message); }
    }

    private static async Task<Results<Ok<IReadOnlyList<WasteFilingView>>, ProblemHttpResult>> FilingsAsync(string uscc, int? year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await new GeneratorService(db, time).FilingsAsync(uscc, year ?? BeijingTime.Today(time).Year, ct));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
    }

    private static async Task<Results<Created<WasteFilingView>, ValidationProblem, ProblemHttpResult>> SubmitDeclarationAsync(string uscc, DeclarationWrite? body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (SmartEnvPolicies.IsStaff(http.User))
            return TypedResults.Problem("a declaration is submitted by the enterprise itself", statusCode: StatusCodes.Status403Forbidden);
        if (body is null) return ApiValidation.Invalid("body", "send {kind, period, content}");
        try
        {
            var v = await new GeneratorService(db, time).SubmitDeclarationAsync(uscc, body.Kind ?? "", body.Period ?? "", body.Content, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/hw/declarations?year={v.Period[..4]}", v);
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (GeneratorException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (GeneratorException ex) { return ApiValidation.Invalid(ex.Field, ex.Message); }
    }

    private static async Task<Results<Ok<IReadOnlyList<WasteFilingView>>, ValidationProblem>> StaffListAsync(string? status, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (status is not (null or "overdue" or "due" or "submitted")) return ApiValidation.Invalid("status", "status must be overdue, due or submitted");
        return TypedResults.Ok(await new GeneratorService(db, time).StaffListAsync(status, ct));
    }

    private static async Task<Ok<WasteOverviewView>> OverviewAsync(SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await new WasteOverview(db, time).ComputeAsync(ct));

    private static async Task<Ok<IReadOnlyList<ReconciliationView>>> ReconciliationAsync(bool? flagged, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await new ReconciliationService(db, time).ListAsync(flagged, ct));
}
