using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Sources.Registry;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of permits (排污许可证 / 排污登记), their append-only versions with outlets and limits, and execution reports
/// (执行报告) of an enterprise, under <c>/api/enterprises/{uscc}</c> (issue 16), so the enterprise scope check answers 404
/// for another enterprise's code before anything else (<see cref="EnterpriseScope"/>); a permit or report id of another
/// enterprise under one's own code is a 404 by the query. Reads: staff and the enterprise's own users
/// (<see cref="SmartEnvPolicies.EnterpriseOrStaff"/>); permits and versions are written by staff
/// (<see cref="SmartEnvPolicies.Enforcement"/>), a report's submission by the enterprise or staff. Every change is audited
/// (<c>permit.create</c>, <c>permit.version.add</c>, <c>execution_report.submit</c>). Dates are Beijing calendar dates.
/// </summary>
public static class PermitsApi
{
    /// <summary>A permit with its current version and renewal state.</summary>
    /// <param name="Number">Permit number.</param>
    /// <param name="Kind"><c>permit</c> | <c>registration</c>.</param>
    /// <param name="Versions">How many versions exist (the current is the last).</param>
    /// <param name="Renewal">Renewal state today (<see cref="PermitRenewals"/>).</param>
    /// <param name="Current">The current version with outlets and limits.</param>
    public sealed record PermitDto(string Number, string Kind, int Versions, RenewalView Renewal, PermitVersionView Current);

    /// <summary>Body of a new permit (<c>POST /{uscc}/permits</c>, <see cref="Number"/> required, all of version 1) or of a new
    /// version (<c>POST …/versions</c>, <see cref="Number"/> ignored; null fields and null <see cref="Outlets"/> are copied
    /// from the current version).</summary>
    /// <param name="Number">22-character permit number whose first 18 are the enterprise's code (HJ 608-2017).</param>
    /// <param name="Category"><c>key</c> | <c>simplified</c> | <c>registration</c>.</param>
    /// <param name="IssuedOn">发证日期 (yyyy-MM-dd).</param>
    /// <param name="ValidFrom">有效期起.</param>
    /// <param name="ValidTo">有效期至 (inclusive).</param>
    /// <param name="RenewalFiledOn">Day the renewal application was filed.</param>
    /// <param name="ReportAnnual">Annual execution report required (default true).</param>
    /// <param name="ReportSemiannual">Semiannual reports required.</param>
    /// <param name="ReportQuarterly">Quarterly reports required.</param>
    /// <param name="ReportMonthly">Monthly reports required.</param>
    /// <param name="ChangeReason">Why (首次申请, 变更, 延续 …), at most 512 characters.</param>
    /// <param name="Outlets">Outlets with limits (replaces the list; null copies it).</param>
    public sealed record PermitWrite(string? Number, PermitCategory? Category, DateOnly? IssuedOn, DateOnly? ValidFrom, DateOnly? ValidTo,
        DateOnly? RenewalFiledOn, bool? ReportAnnual, bool? ReportSemiannual, bool? ReportQuarterly, bool? ReportMonthly, string? ChangeReason,
        List<OutletWrite>? Outlets);

    /// <summary>An outlet in a <see cref="PermitWrite"/>.</summary>
    /// <param name="Code"><c>DA###</c> | <c>DW###</c>.</param>
    /// <param name="Type"><c>main</c> | <c>general</c> | <c>other</c>.</param>
    /// <param name="Name">Name, at most 128 characters.</param>
    /// <param name="Longitude">Degrees.</param>
    /// <param name="Latitude">Degrees.</param>
    /// <param name="ExpectedIntervalMinutes">1–1440, default 60.</param>
    /// <param name="Limits">Limits.</param>
    public sealed record OutletWrite(string? Code, OutletTypeKind? Type, string? Name, decimal? Longitude, decimal? Latitude,
        int? ExpectedIntervalMinutes, List<LimitWrite>? Limits);

    /// <summary>A limit in an <see cref="OutletWrite"/>.</summary>
    /// <param name="ParameterCode">HJ 212 code, e.g. <c>a21026</c>.</param>
    /// <param name="LimitValue">Concentration, &gt; 0.</param>
    /// <param name="Unit"><c>mg/m³</c> (DA) | <c>mg/L</c> (DW).</param>
    /// <param name="StandardRef">Source standard.</param>
    /// <param name="ReferenceO2">Reference O₂ % (air only).</param>
    /// <param name="AnnualQuantityT">t/a.</param>
    public sealed record LimitWrite(string? ParameterCode, decimal? LimitValue, string? Unit, string? StandardRef, decimal? ReferenceO2, decimal? AnnualQuantityT);

    /// <summary>Body of <c>POST /{uscc}/reports/{reportId}/submitted</c>.</summary>
    /// <param name="SubmittedOn">Submission day; default today (Beijing).</param>
    public sealed record ReportSubmitted(DateOnly? SubmittedOn);

    /// <summary>Roles that may record an execution report's submission: the enterprise itself and the staff of
    /// <see cref="SmartEnvPolicies.Enforcement"/>; other staff read only.</summary>
    public static IReadOnlyList<string> SubmitterRoles { get; } = [SmartEnvRoles.Enterprise, SmartEnvRoles.Admin, SmartEnvRoles.Enforcement];

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapPermitsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises").WithTags("enterprises");
        g.MapGet("/{uscc}/permits", ListAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListPermits")
            .WithSummary("The enterprise's permits with their current version, outlets, limits and renewal state (signed in).");
        g.MapPost("/{uscc}/permits", CreateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CreatePermit")
            .WithSummary("Register a permit with its first version, outlets and limits; each outlet gets its monitoring site (staff).");
        g.MapPost("/{uscc}/permits/{permit}/versions", AddVersionAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("AddPermitVersion")
            .WithSummary("Add a permit version (change, renewal); earlier versions stay readable, omitted fields are copied (staff).");
        g.MapGet("/{uscc}/permits/{permit}/versions/{version}", GetVersionAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetPermitVersion")
            .WithSummary("One version of a permit with its outlets and limits (signed in).");
        g.MapGet("/{uscc}/reports", ReportsAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListExecutionReports")
            .WithSummary("The enterprise's execution reports with due date and status due|submitted|overdue|folded (signed in).");
        g.MapPost("/{uscc}/reports/{reportId}/submitted", SubmittedAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ExecutionReportSubmitted")
            .WithSummary("Record that an execution report was submitted (the enterprise, enforcement staff).");
        return app;
    }

    private static async Task<Results<Ok<List<PermitDto>>, ProblemHttpResult>> ListAsync(string uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        var registry = new RegistryService(db, time);
        var today = BeijingTime.Today(time);
        var list = new List<PermitDto>();
        foreach (var (p, current) in await registry.CurrentVersionsAsync(uscc, ct))
        {
            var v = (await registry.LoadCurrentAsync(p.Id, ct))!;
            list.Add(new PermitDto(p.Number, PermitVersionView.Key(p.Kind), current.Version, PermitRenewals.Of(p.Kind, v, today),
                PermitVersionView.Of(p, v, await registry.SiteCodesAsync(v, ct))));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<PermitVersionView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string uscc, PermitWrite body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Number)) return ApiValidation.Invalid("number", "number is required");
        if (await db.Permits.IgnoreQueryFilters().AnyAsync(p => p.Number == body.Number, ct))
            return ApiValidation.Conflict($"permit {body.Number} exists; add a version with POST /api/enterprises/{{uscc}}/permits/{body.Number}/versions");
        if (body.Outlets is null) return ApiValidation.Invalid("outlets", "outlets is required (an empty list for none)");
        return await WriteAsync(uscc, body.Number, body, db, time, http, ct);
    }

    private static async Task<Results<Created<PermitVersionView>, ValidationProblem, ProblemHttpResult>> AddVersionAsync(
        string uscc, string permit, PermitWrite body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!await db.Permits.AnyAsync(p => p.Number == permit && p.Uscc == uscc, ct)) return ApiValidation.NotFound($"no permit {permit} of {uscc}");
        return await WriteAsync(uscc, permit, body, db, time, http, ct);
    }

    private static async Task<Results<Created<PermitVersionView>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string uscc, string number, PermitWrite b, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var input = new PermitVersionInput(b.Category, b.IssuedOn, b.ValidFrom, b.ValidTo, b.RenewalFiledOn, b.ReportAnnual, b.ReportSemiannual,
            b.ReportQuarterly, b.ReportMonthly, b.ChangeReason,
            b.Outlets?.Select(o => o is null ? null! : new OutletInput(o.Code ?? "", o.Type ?? (OutletTypeKind)(-1), o.Name, o.Longitude, o.Latitude, o.ExpectedIntervalMinutes,
                (o.Limits ?? []).Select(l => l is null ? null! : new LimitInput(l.ParameterCode ?? "", l.LimitValue ?? 0m, l.Unit ?? "", l.StandardRef, l.ReferenceO2, l.AnnualQuantityT)).ToList())).ToList());
        var registry = new RegistryService(db, time);
        try
        {
            var v = await registry.AddVersionAsync(uscc, number, input, AuditActors.FromHttp(http), ct);
            var p = await db.Permits.AsNoTracking().SingleAsync(x => x.Id == v.PermitId, ct);
            var view = PermitVersionView.Of(p, v, await registry.SiteCodesAsync(v, ct));
            return TypedResults.Created($"/api/enterprises/{uscc}/permits/{number}/versions/{v.Version}", view);
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (RegistryException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (RegistryException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    // Route values are plain segments (no :int/:long constraint), so a non-number is this route's 404, not another route's.
    private static async Task<Results<Ok<PermitVersionView>, ProblemHttpResult>> GetVersionAsync(string uscc, string permit, string version,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return ApiValidation.NotFound($"permit {permit} has no version {version}");
        var p = await db.Permits.AsNoTracking().SingleOrDefaultAsync(x => x.Number == permit && x.Uscc == uscc, ct);
        if (p is null) return ApiValidation.NotFound($"no permit {permit} of {uscc}");
        var v = await db.PermitVersions.AsNoTracking().Include(x => x.Outlets).ThenInclude(o => o.Limits)
            .SingleOrDefaultAsync(x => x.PermitId == p.Id && x.Version == n, ct);
        if (v is null) return ApiValidation.NotFound($"permit {permit} has no version {version}");
        return TypedResults.Ok(PermitVersionView.Of(p, v, await new RegistryService(db, time).SiteCodesAsync(v, ct)));
    }

    private static async Task<Results<Ok<List<ExecutionReportView>>, ProblemHttpResult>> ReportsAsync(string uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        return TypedResults.Ok(await ExecutionReports.ListAsync(db, uscc, BeijingTime.Today(time), ct));
    }

    private static async Task<Results<Ok<ExecutionReportView>, ValidationProblem, ProblemHttpResult>> SubmittedAsync(string uscc, string reportId,
        ReportSubmitted? body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        // The enterprise records its own submission; of the staff only those who may write the registry (Enforcement).
        if (!SubmitterRoles.Any(http.User.IsInRole)) return TypedResults.Problem("recording a submission needs role enterprise, enforcement or admin", statusCode: StatusCodes.Status403Forbidden);
        if (!long.TryParse(reportId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return ApiValidation.NotFound($"no execution report {reportId} of {uscc}");
        var today = BeijingTime.Today(time);
        try
        {
            var r = await ExecutionReports.MarkSubmittedAsync(db, uscc, id, body?.SubmittedOn ?? today, today, AuditActors.FromHttp(http), ct);
            return r is null ? ApiValidation.NotFound($"no execution report {reportId} of {uscc}") : TypedResults.Ok(r);
        }
        catch (RegistryException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (RegistryException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }
}
