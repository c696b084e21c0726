using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P2 intake: the public form (anonymous, rate-limited), staff entry, the query-code lookup, photos; docs/complaints.md. (Skeleton: the part fills in the routes.)
/// </summary>
public static class ComplaintIntakeApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapComplaintIntakeApi(this IEndpointRouteBuilder app) => app;
}
