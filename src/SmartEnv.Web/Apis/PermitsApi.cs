using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of permits (排污许可), their versions and execution reports (执行报告) of an enterprise, under /api/enterprises/{uscc} (issue 16).
/// </summary>
public static class PermitsApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapPermitsApi(this IEndpointRouteBuilder app) => app;
}
