using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>HTTP API of issue 17 P6 medical waste; docs/waste.md and docs/api.md.</summary>
public static class MedicalWasteApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapMedicalWasteApi(this IEndpointRouteBuilder app) => app;
}
