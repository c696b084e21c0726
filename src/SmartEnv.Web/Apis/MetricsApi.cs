using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SmartEnv.Accounts;
using SmartEnv.Telemetry;

namespace SmartEnv.Web.Apis;

/// <summary>
/// <c>GET /metrics</c> (issue 15 "Observability"; docs/operations.md "Metrics and load harness (observability)"): the
/// OpenTelemetry metrics of this process in the Prometheus text format — SmartEnv's own instruments
/// (<see cref="SmartEnvMetrics"/>: packets by outcome and reject reason, ack latency, batch size and commit time, queue
/// depths, connections, evaluation lag, each with the <c>instance</c> tag), the .NET runtime (<c>System.Runtime</c>: GC,
/// heap, thread pool, process CPU and memory) and ASP.NET Core (request durations, Kestrel connections).
/// <para>Access: <b>staff only</b> on the normal HTTP port (<see cref="SmartEnvPolicies.StaffRead"/>: any staff role, a
/// read-only token suffices; anonymous and enterprise users get 401/403). Decision (SmartEnv rule; the issue allows
/// staff-only or a separate port): the counts reveal station numbers, traffic and reject patterns, which are not for the
/// public, and one port behind the HTTP load balancer keeps deployment simple; Prometheus sends a personal access token
/// of a viewer account (<c>authorization: { credentials: TOKEN }</c> in its scrape config).</para>
/// Thread-safe (the exporter serialises scrapes and caches a response for a short time).
/// </summary>
public static class MetricsApi
{
    /// <summary>Path of the scrape endpoint.</summary>
    public const string Path = "/metrics";

    /// <summary>Registers the OpenTelemetry meter provider with the Prometheus exporter.</summary>
    /// <param name="services">Services of the web app.</param>
    public static IServiceCollection AddSmartEnvMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("smartenv", serviceInstanceId: SmartEnvMetrics.Instance))
            .WithMetrics(m => m
                .AddMeter(SmartEnvMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c>, staff only.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path)
            .WithMetadata(new HttpMethodMetadata(["GET"]))
            .RequireAuthorization(SmartEnvPolicies.StaffRead);
        return app;
    }
}
