using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Health endpoints (issue 14 item 5; docs/security.md "Store integrity, backup, restore and retention"):
/// <list type="bullet">
/// <item><c>GET /health/live</c> — liveness: 200 <c>{"status":"live"}</c> whenever the process answers HTTP; touches no
/// store (restart the process only when this fails).</item>
/// <item><c>GET /health</c> and <c>GET /health/ready</c> — readiness: 200 <c>ready</c> when every listener is up (the HJ 212
/// gateway listens only while its intake can commit: <c>down</c> names it otherwise) and the store is reachable, migrated, not full and passed its last integrity check (<see cref="StoreReadiness"/>); else 503
/// with <c>starting</c> (a listener or the store's start still pending) or <c>not_ready</c> and the store's state and
/// the check's message (route traffic elsewhere; do not restart for it).</item>
/// </list>
/// </summary>
public static class HealthApi
{
    /// <summary>Readiness report.</summary>
    /// <param name="Status"><c>ready</c>, <c>starting</c> or <c>not_ready</c>.</param>
    /// <param name="Pending">Components not yet up (<c>store</c>, <c>http</c>, <c>hj212</c>).</param>
    /// <param name="Store">The store's verdict.</param>
    public sealed record HealthReport(string Status, IReadOnlyList<string> Pending, StoreReport Store)
    {
        /// <summary>Components that started but are down now (<c>hj212</c>: the gateway stopped listening because its
        /// intake cannot commit); empty when none.</summary>
        public IReadOnlyList<string> Down { get; init; } = [];
    }

    /// <summary>The store's verdict.</summary>
    /// <param name="State"><c>ok</c>, <c>unreachable</c>, <c>full</c>, <c>corrupt</c>, <c>not_migrated</c> or <c>read_only</c>.</param>
    /// <param name="Message">The check's message (the engine's words for a fault; never a password).</param>
    /// <param name="CheckedAt">When the verdict was reached (UTC).</param>
    public sealed record StoreReport(string State, string Message, DateTimeOffset CheckedAt);

    /// <summary>Liveness report.</summary>
    /// <param name="Status">Always <c>live</c>.</param>
    public sealed record LiveReport(string Status);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        const string ReadySummary = "Readiness: 200 when the HTTP and HJ 212 listeners are up and the store is reachable, migrated, not full and passed its integrity check; else 503 with the store's state and the check's message.";
        app.MapGet("/health", Ready).WithName("Health").WithSummary(ReadySummary).WithTags("health").AllowAnonymous();
        app.MapGet("/health/ready", Ready).WithName("HealthReady").WithSummary(ReadySummary).WithTags("health").AllowAnonymous();
        app.MapGet("/health/live", () => TypedResults.Ok(new LiveReport("live")))
            .WithName("HealthLive").WithSummary("Liveness: 200 while the process answers HTTP (reads no store).").WithTags("health").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(Readiness readiness, StoreReadiness store, CancellationToken ct)
    {
        var h = await store.CurrentAsync(ct);
        var report = new StoreReport(StoreFaultProblemHandler.Api(h.State), h.Message, h.CheckedAt);
        var pending = readiness.Pending;
        var down = readiness.Down;
        if (pending.Count == 0 && down.Count == 0 && h.IsOk) return TypedResults.Ok(new HealthReport("ready", [], report));
        return TypedResults.Json(new HealthReport(pending.Count > 0 ? "starting" : "not_ready", pending, report) { Down = down }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
