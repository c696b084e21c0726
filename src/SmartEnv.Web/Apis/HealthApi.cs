using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary><c>GET /health</c>: 200 once the store is migrated and every listener is up, else 503.</summary>
public static class HealthApi
{
    /// <summary>Health report.</summary>
    /// <param name="Status"><c>ready</c> or <c>starting</c>.</param>
    /// <param name="Pending">Components not yet up (<c>store</c>, <c>http</c>, <c>hj212</c>).</param>
    public sealed record HealthReport(string Status, IReadOnlyList<string> Pending);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Results<Ok<HealthReport>, JsonHttpResult<HealthReport>> (Readiness readiness) =>
                readiness.IsReady
                    ? TypedResults.Ok(new HealthReport("ready", []))
                    : TypedResults.Json(new HealthReport("starting", readiness.Pending), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithName("Health").WithSummary("Readiness: 200 when the store is migrated and the HTTP and HJ 212 listeners are up.")
            .WithTags("health").AllowAnonymous();
        return app;
    }
}
