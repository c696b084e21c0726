using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>HTTP API of issue 17 P4 electronic transfer manifests (联单); docs/waste.md and docs/api.md.</summary>
public static class ManifestsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapManifestsApi(this IEndpointRouteBuilder app) => app;
}
