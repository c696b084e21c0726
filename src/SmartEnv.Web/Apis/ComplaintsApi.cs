using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P3 handling: lists, one case, actions of the workflow, duplicates and merging, extensions, overdue; docs/complaints.md. (Skeleton: the part fills in the routes.)
/// </summary>
public static class ComplaintsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app) => app;
}
