using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of 异常说明 (explanations) filed by an enterprise and decided by staff, under /api/enterprises/{uscc}/explanations (issue 16).
/// </summary>
public static class ExplanationsApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapExplanationsApi(this IEndpointRouteBuilder app) => app;
}
