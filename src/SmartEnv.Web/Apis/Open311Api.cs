using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P5 Open311 GeoReport v2 (services, requests POST/GET, one request); docs/complaints.md. (Skeleton: the part fills in the routes.)
/// </summary>
public static class Open311Api
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app) => app;
}
