using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Web.Contracts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Apis;

/// <summary>
/// The audit trail (审计日志, docs/security.md "Audit trail"), admin only: <c>GET /api/audit?actor=&amp;target_type=&amp;target_id=&amp;action=&amp;from=&amp;to=&amp;page=&amp;page_size=</c>
/// (newest first; <c>from</c>/<c>to</c> ISO instants, <c>[from, to)</c>) and <c>GET /api/audit/verify</c> (re-verifies the
/// whole chain; 200 with <c>intact</c> true or false and the first broken entry).
/// </summary>
public static class AuditApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/audit").WithTags("audit").RequireAuthorization(SmartEnvPolicies.Admin);
        g.MapGet("", ListAsync).WithName("ListAudit")
            .WithSummary("Audit entries, newest first; filter by actor, target_type, target_id, action prefix and time [from, to); page, page_size ≤ 500 (admin).");
        g.MapGet("/verify", async (AuditService audit, CancellationToken ct) => TypedResults.Ok(await audit.VerifyAsync(ct))).WithName("VerifyAudit")
            .WithSummary("Re-verify the SHA-256 chain of the audit trail: intact, or the first altered, deleted or reordered entry (admin).");
        return app;
    }

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> ListAsync(AuditService audit, string? actor,
        [FromQuery(Name = "target_type")] string? targetType, [FromQuery(Name = "target_id")] string? targetId, string? action,
        DateTimeOffset? from, DateTimeOffset? to, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["page must be 1 or more"];
        if (pageSize is < 1 or > AuditService.MaxPageSize) errors["page_size"] = [$"page_size must be 1–{AuditService.MaxPageSize}"];
        if (from is not null && to is not null && to < from) errors["to"] = ["to must not be before from"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await audit.PageAsync(new AuditQuery(actor, targetType, targetId, action, from, to, page ?? 1, pageSize ?? 50), ct));
    }
}
