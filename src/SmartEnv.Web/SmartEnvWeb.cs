using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartEnv.Alerts;
using SmartEnv.Scheduling;
using SmartEnv.Storage;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Auth;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web;

/// <summary>
/// Builds the HTTP side of <c>smartenv serve</c>: JSON in snake_case with Chinese unescaped, ProblemDetails for
/// errors, OpenAPI documents at <c>/openapi/v1.json</c> (中文) and <c>/openapi/en.json</c>, offline interactive docs at
/// <c>/scalar</c> (<see cref="ApiDocs"/>), and one route group per
/// area (<see cref="HealthApi"/>, <see cref="SitesApi"/>, <see cref="ObservationsApi"/>, <see cref="AqiApi"/>, <see cref="AssessmentApi"/>,
/// <see cref="QuarantineApi"/>, <see cref="ImportApi"/>, <see cref="AlertsApi"/>, <see cref="EnterprisesApi"/>; alert scans by <see cref="AlertScanService"/>).
/// </summary>
public static class SmartEnvWeb
{
    /// <summary>Creates the application (not started).</summary>
    /// <param name="options">Store, token, readiness, port.</param>
    /// <param name="configure">Extra service registrations (e.g. the HJ 212 gateway as a hosted service).</param>
    public static WebApplication Build(SmartEnvWebOptions options, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "SmartEnv.Web" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.BindAddress, options.HttpPort));
        builder.Services.ConfigureHttpJsonOptions(j => Contracts.ContractJson.Configure(j.SerializerOptions)); // the one output contract (docs/api.md)
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new NulGuard.StringConverter())); // NUL in a body: 400 (issue 14)
        builder.Services.AddProblemDetails();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblemHandler>();
        builder.Services.AddExceptionHandler<StoreFaultProblemHandler>(); // store corrupt / full / unreachable → 503 + readiness
        builder.Services.AddSingleton(sp => new StoreReadiness(options.Store, options.StoreHealth, options.Time, sp.GetService<ILogger<StoreReadiness>>()));
        builder.Services.AddHostedService<StoreIntegrityService>();
        builder.Services.AddApiDocs();
        builder.Services.AddSmartEnvMetrics(); // GET /metrics, staff only (issue 15; docs/operations.md)
        builder.Services.AddExpensiveRequestLimits(options.ExpensiveRequests); // ASP.NET Core rate limiter (issue 14)
        builder.Services.AddComplaintIntakeLimits(); // issue 18 P2: per-address limits of the public complaint routes
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Store);
        if (options.AdminToken is { } adminToken) builder.Services.AddSingleton(adminToken);
        builder.Services.AddSingleton(options.Readiness);
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton(options.DevicePasswordNotices);
        builder.Services.AddScopedSmartEnvDbContext(); // DataScope from HttpContext.User (EnterpriseScope)
        builder.Services.AddSmartEnvAuthentication(); // Identity cookie + personal access tokens + policies (docs/security.md)
        builder.Services.AddSingleton(options.Alerts);
        builder.Services.AddSingleton<AlertScanner>();
        builder.Services.AddScoped<AlertStore>();
        builder.Services.AddSingleton(sp => new SmartEnv.Storage.Cluster.ClusterLeader(options.Store.Options, options.Cluster, sp.GetService<ILoggerFactory>()?.CreateLogger("SmartEnv.Cluster")));
        builder.Services.AddSingleton(sp => new SmartEnv.Storage.Cluster.ClusterSignals(options.Store.Options, sp.GetService<ILoggerFactory>()?.CreateLogger("SmartEnv.Cluster"), options.Cluster.Instance));
        if (options.Alerts.ScanInterval > TimeSpan.Zero) builder.Services.AddHostedService<AlertScanService>();
        builder.Services.AddSingleton<OperationRegistry>(sp => new OperationRegistry(options.Store, options.Time, sp.GetService<ILogger<OperationRegistry>>(), options.FactorAliases, options.ImportLimits));
        // Platform scheduler (issue 20, docs/operations.md "Schedules"): jobs of PlatformJobs, schedules from
        // SmartEnv:Schedules:<key>:Cron/Enabled, each occurrence claimed once in scheduled_runs.
        // A bad or never-firing schedule setting refuses the start here (ScheduleConfigurationException, one line; serve: exit 2).
        var platformJobs = PlatformJobs.All(options.Store, options.Time);
        ScheduleSettings.Entries(platformJobs, ScheduleSettings.Read(builder.Configuration), options.Time.GetUtcNow());
        foreach (var job in platformJobs) builder.Services.AddSingleton(job);
        builder.Services.AddSmartEnvScheduling(builder.Configuration, options.RunScheduler);
        configure?.Invoke(builder.Services);
        builder.AddSmartEnvUi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNulGuard(); // NUL in a path or query: 400, before any endpoint or page reads it (issue 14)
        app.MapApiDocs();
        app.MapHealthApi();
        app.MapMetricsApi();
        app.MapSitesApi();
        app.MapObservationsApi();
        app.MapAqiApi();
        app.MapReviewApi();
        app.MapAssessmentApi();
        app.MapQuarantineApi();
        app.MapImportApi();
        app.MapPlanApi();
        app.MapAlertsApi();
        app.MapAuditApi();
        app.MapEnterprisesApi();
        app.MapPermitsApi();
        app.MapRegistryExcelApi();
        app.MapSourceMonitoringApi();
        app.MapExplanationsApi();
        app.MapWasteCatalogueApi();
        app.MapWasteLedgerApi();
        app.MapWasteLabelsApi();
        app.MapManifestsApi();
        app.MapWasteDeclarationsApi();
        app.MapMedicalWasteApi();
        app.MapComplaintIntakeApi();
        app.MapComplaintsApi();
        app.MapComplaintStatisticsApi();
        app.MapOpen311Api();
        app.MapInspectionsApi(); // issue 19 P5
        app.MapCreditApi(); // issue 19 P5
        app.MapConstructionApi(); // issue 20
        app.MapMapApi(); // issue 20: 一张图 layers
        app.MapDrainageApi(); // issue 20 part A: 入河排水口
        app.MapEmergencyApi(); // issue 20
        app.MapVerifyApi(); // issue 22: verify published figures
        app.MapSchedulesApi(); // issue 20: platform scheduler (admin)
        app.MapDataSourcesApi(); // issue 22
        app.MapSmartEnvUi();
        return app;
    }

    /// <summary>The first address the started application listens on, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    /// <param name="app">A started application.</param>
    /// <exception cref="InvalidOperationException">The application has not started.</exception>
    public static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the web application is not started");
        return new Uri(first.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
