using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Imports.DataSources;
using SmartEnv.Storage;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Data sources and their findings (issue 22, docs/data-sources.md): <c>GET /api/data-sources</c> (staff) lists the
/// publishers the bureau receives data from; <c>POST /api/data-sources</c> records one and <c>PUT
/// /api/data-sources/{key}</c> changes it (admin, monitoring; audited). <c>GET /api/data-sources/{key}/findings</c> (staff)
/// lists its findings; <c>POST /api/data-sources/{key}/findings</c> attaches a finding of <c>smartenv verify</c> (domain,
/// cause, from, to or open, stations, rows, summary, summary_en/summaryEn, optional note; 201) and <c>POST
/// /api/data-sources/{key}/findings/{findingId}/withdraw</c> with <c>{"reason": …}</c> withdraws it (admin, monitoring;
/// audited). 400 names the field (<c>errors.FIELD</c>); 404 no such source or finding; 409 key taken or already withdrawn.
/// Imports that name the source (<c>source</c> field of <c>POST /api/import</c>) are flagged by its active findings.
/// </summary>
public static class DataSourcesApi
{
    /// <summary>Body of the withdrawal.</summary>
    /// <param name="Reason">Why (required).</param>
    public sealed record WithdrawBody(string? Reason);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapDataSourcesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/data-sources", (SmartEnvDbContext db, TimeProvider time, CancellationToken ct) => Run(async () => TypedResults.Ok(await new DataSourceService(db, time).ListAsync(ct))))
            .RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("data-sources").WithName("DataSources")
            .WithSummary("Data sources (publishers of received data) with their active and withdrawn finding counts (staff).");
        app.MapPost("/api/data-sources", (DataSourceInput body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
                Run(async () => { var v = await new DataSourceService(db, time).CreateAsync(body, AuditActors.FromHttp(http), ct); return TypedResults.Created($"/api/data-sources/{v.Key}", v); }))
            .RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("data-sources").WithName("CreateDataSource")
            .WithSummary("Record a data source: key, Chinese name, publisher, address, formats and notes (admin, monitoring; audited).");
        app.MapPut("/api/data-sources/{key}", (string key, DataSourceInput body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
                Run(async () => TypedResults.Ok(await new DataSourceService(db, time).UpdateAsync(key, body, AuditActors.FromHttp(http), ct))))
            .RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("data-sources").WithName("UpdateDataSource")
            .WithSummary("Change a data source's name, publisher, address, formats and notes; the key stays (admin, monitoring; audited).");
        app.MapGet("/api/data-sources/{key}/findings", (string key, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
                Run(async () => TypedResults.Ok(await new DataSourceService(db, time).FindingsAsync(key, ct))))
            .RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("data-sources").WithName("DataSourceFindings")
            .WithSummary("The verification findings attached to a data source, newest first, active and withdrawn (staff).");
        app.MapPost("/api/data-sources/{key}/findings", (string key, FindingInput body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
                Run(async () => { var f = await new DataSourceService(db, time).AttachAsync(key, body, AuditActors.FromHttp(http), ct); return TypedResults.Created($"/api/data-sources/{key}/findings", f); }))
            .RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("data-sources").WithName("AttachFinding")
            .WithSummary("Attach a verification finding (domain, cause, from, optional to, stations, rows, summaries) to a data source; later imports from it are flagged (admin, monitoring; audited).");
        app.MapPost("/api/data-sources/{key}/findings/{findingId:long}/withdraw", (string key, long findingId, WithdrawBody? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct) =>
                Run(async () => TypedResults.Ok(await new DataSourceService(db, time).WithdrawAsync(key, findingId, body?.Reason, AuditActors.FromHttp(http), ct))))
            .RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("data-sources").WithName("WithdrawFinding")
            .WithSummary("Withdraw a finding with a reason; it stays listed as withdrawn and flags no later import (admin, monitoring; audited).");
        return app;
    }

    private static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (DataSourceException e)
        {
            var ext = new Dictionary<string, object?>();
            if (e.Field is not null) ext["errors"] = new Dictionary<string, string[]> { [e.Field] = [e.Message] };
            return TypedResults.Problem(e.Message, statusCode: e.Status, extensions: ext);
        }
    }
}
