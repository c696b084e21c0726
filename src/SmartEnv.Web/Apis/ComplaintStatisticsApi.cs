using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P4 bulletin statistics, the Excel export, hotspots and the per-street table; docs/complaints.md. (Skeleton: the part fills in the routes.)
/// </summary>
public static class ComplaintStatisticsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapComplaintStatisticsApi(this IEndpointRouteBuilder app) => app;
}
