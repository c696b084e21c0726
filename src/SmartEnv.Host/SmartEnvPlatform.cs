using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Alerts;
using SmartEnv.Compliance;
using SmartEnv.Evaluation;
using SmartEnv.Gateway;
using SmartEnv.Intake;
using SmartEnv.Storage;
using SmartEnv.Web;

namespace SmartEnv.Host;

/// <summary>
/// What to run of the platform. <see cref="Store"/> is required; leave <see cref="Gateway"/> null for no HJ 212 listener
/// and <see cref="Web"/> null for no HTTP server (tests that need only one side). Immutable; thread-safe.
/// </summary>
public sealed record PlatformOptions
{
    /// <summary>A migrated store (<see cref="SmartEnvStore.MigrateAndSeedAsync"/>).</summary>
    public required SmartEnvStore Store { get; init; }

    /// <summary>HJ 212 transport limits, or null to run no gateway.</summary>
    public GatewayOptions? Gateway { get; init; }

    /// <summary>Intake settings (parse policy, factor aliases, group commit). Its <see cref="IntakeOptions.Committed"/>,
    /// when set, is called after the platform's own reactions (evaluation, alert flags).</summary>
    public IntakeOptions Intake { get; init; } = new();

    /// <summary>HTTP API and UI, or null to run no web server. Its store must be <see cref="Store"/>.</summary>
    public SmartEnvWebOptions? Web { get; init; }

    /// <summary>Alert settings used when <see cref="Web"/> is null (otherwise the web options' alerts).</summary>
    public AlertOptions Alerts { get; init; } = new();

    /// <summary>Wait between recomputation rounds of <see cref="EvaluationQueue"/>; null for its default (2 s).</summary>
    public TimeSpan? EvaluationInterval { get; init; }

    /// <summary>Whether the <see cref="EvaluationQueue"/> runs (default true, as in <c>serve</c>): it recomputes the days
    /// that committed packets touched and retries pending and failed days (<c>evaluation_days</c>). A host that must not
    /// recompute behind its own back (a test driving its own queue and clock) sets false; imports and the 数据 page
    /// recompute on their own either way.</summary>
    public bool RunEvaluationQueue { get; init; } = true;

    /// <summary>Rule file of the outlet (CEMS) evaluation (issue 16, <c>source-rules.tsv</c>); the embedded one when null.</summary>
    public SmartEnv.Supervision.Monitoring.SourceRules? SourceRules { get; init; }

    /// <summary>Accepted 异常说明 covering outlet hours (issue 16 P5's <c>ExplanationService.AcceptedCoveringAsync</c>): marks
    /// <c>source_hours.explanation_id</c> and excuses accepted 停产 hours from the rates; the stored ones when null.</summary>
    public AcceptedExplanationsCovering? SourceExplanations { get; init; }

    /// <summary>Interval of the outlet day sweep (<see cref="SourceDaySweep"/>); null for its default (10 min). Runs with the
    /// evaluation queue.</summary>
    public TimeSpan? SourceSweepInterval { get; init; }

    /// <summary>This instance's part in a cluster of instances on one PostgreSQL store: evaluation days are claimed with a
    /// lease (<see cref="EvaluationClaims"/>); null = the web options' <see cref="SmartEnvWebOptions.Cluster"/>, or the
    /// defaults. Ignored on SQLite (one instance).</summary>
    public SmartEnv.Storage.Cluster.ClusterOptions? Cluster { get; init; }

    /// <summary>Logging; the web app's loggers when <see cref="Web"/> is set and this is null; none otherwise.</summary>
    public ILoggerFactory? Logging { get; init; }

    /// <summary>Clock; the web options' clock when <see cref="Web"/> is set; the system clock otherwise.</summary>
    public TimeProvider? Time { get; init; }
}

/// <summary>
/// The one composition root of SmartEnv, used by <c>smartenv serve</c>, the tests and any other host: the store's
/// HJ 212 <see cref="StoreIntake"/> behind the transport-only <see cref="Hj212Gateway"/>; every committed batch marks its
/// days for the <see cref="EvaluationQueue"/> (stored hourly/daily AQI) and hands its flags to the
/// <see cref="AlertScanner"/> (rule 4, docs/alerts.md); the web app (API + UI) over the same store and scanner.
/// Build with <see cref="Create"/>, start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/> (gateway
/// first, then the intake stores what is queued, then evaluation, then the web app). Thread-safe after start.
/// </summary>
public sealed class SmartEnvPlatform : IAsyncDisposable
{
    private readonly PlatformOptions _options;
    private bool _started, _disposed;

    private SmartEnvPlatform(PlatformOptions options, WebApplication? web, ILoggerFactory loggers, TimeProvider time, AlertScanner alerts)
    {
        _options = options;
        Web = web;
        Alerts = alerts;
        if (options.RunEvaluationQueue && options.Store.Options.Provider == StoreProvider.Postgres)
            Claims = new EvaluationClaims(options.Store, options.Cluster ?? options.Web?.Cluster ?? new(), time, loggers.CreateLogger("SmartEnv.Evaluation"));
        // Issue 16: outlet days go to the compliance job, every other site's day to the AQI (dispatch by site kind).
        SourceEvaluator = new SourceEvaluator(options.Store, SourceLimits, options.SourceRules, options.SourceExplanations, time);
        Evaluation = options.RunEvaluationQueue
            ? new EvaluationQueue(options.Store, options.EvaluationInterval, loggers.CreateLogger("SmartEnv.Evaluation"), time, Claims,
                (site, day, ct) => SourceEvaluator.RecomputeAsync(site, day, ct))
            : null;
        SourceSweep = options.RunEvaluationQueue
            ? new SourceDaySweep(options.Store, options.SourceSweepInterval, time, loggers.CreateLogger("SmartEnv.Compliance"))
            : null;
        var user = options.Intake.Committed;
        var userLocked = options.Intake.PasswordLocked;
        Intake = new StoreIntake(options.Store, options.Intake with
        {
            // The AQI days of committed values are marked pending in the commit itself (durable with the values, issue 15).
            // Outlet values (ForSource) mark their outlet day for the compliance job, never an AQI day (issue 16 plan §2.3).
            EvaluationDayOf = Evaluation is null ? options.Intake.EvaluationDayOf : o => o.ForSource ? SourceDays.DayOf(o) : EvaluationQueue.DayOf(o),
            // A PW registered through the API is remembered by the gateway without a second PBKDF2 run (issue 15).
            PasswordNotices = options.Intake.PasswordNotices ?? options.Web?.DevicePasswordNotices,
            Committed = writes =>
            {
                if (Evaluation is not null) EvaluationQueue.Marked(writes.SelectMany(w => w.Observations));
                Alerts.ObserveFlags(writes.SelectMany(w => w.Observations)); // rule 4 (docs/alerts.md)
                user?.Invoke(writes);
            },
            PasswordLocked = e =>
            {
                Alerts.ObservePasswordLock(e.SiteId, e.Mn, e.FirstFailureAt, e.At, e.Failures, e.LockedUntil is not null); // rule 5
                userLocked?.Invoke(e);
            },
        }, loggers, time);
        if (options.Gateway is { } g) Gateway = new Hj212Gateway(Intake, g, loggers, time);
    }

    /// <summary>The web app, or null when <see cref="PlatformOptions.Web"/> is null.</summary>
    public WebApplication? Web { get; }

    /// <summary>The HJ 212 gateway, or null when <see cref="PlatformOptions.Gateway"/> is null.</summary>
    public Hj212Gateway? Gateway { get; }

    /// <summary>Where frames go: trust decisions and group commit into the store.</summary>
    public StoreIntake Intake { get; }

    /// <summary>The compliance job of outlet days (issue 16), run by <see cref="Evaluation"/> for sites of kind source.</summary>
    public SourceEvaluator SourceEvaluator { get; }

    /// <summary>The outlet day sweep, or null when <see cref="PlatformOptions.RunEvaluationQueue"/> is false.</summary>
    public SourceDaySweep? SourceSweep { get; }

    /// <summary>The limits in force of an outlet on a day (issue 16 plan §3.2): the registry's
    /// <see cref="SmartEnv.Sources.Registry.RegistryService.LimitsInForceAsync"/>, with the validity start of each limit's
    /// permit version (the run-rate window).</summary>
    private static async Task<IReadOnlyList<SourceLimit>> SourceLimits(SmartEnvDbContext db, long siteId, DateOnly day, CancellationToken ct)
    {
        var limits = await new SmartEnv.Sources.Registry.RegistryService(db, TimeProvider.System).LimitsInForceAsync(siteId, day, ct);
        if (limits.Count == 0) return [];
        var ids = limits.Select(l => l.PermitVersionId).Distinct().ToList();
        var validFrom = await db.PermitVersions.IgnoreQueryFilters().AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.ValidFrom, ct);
        return limits.Select(l => new SourceLimit(l.PermitVersionId, l.ParameterCode, l.Limit, l.Unit, l.ReferenceO2, l.AnnualQuantityT,
            l.ExpectedIntervalMinutes, validFrom.TryGetValue(l.PermitVersionId, out var f) ? f : null)).ToList();
    }

    /// <summary>The stored-AQI recomputation queue, or null when <see cref="PlatformOptions.RunEvaluationQueue"/> is false.</summary>
    public EvaluationQueue? Evaluation { get; }

    /// <summary>The claimer of evaluation days on a PostgreSQL store (several instances may serve it), or null on SQLite.</summary>
    public EvaluationClaims? Claims { get; }

    /// <summary>The alert scanner (the web app's, when there is one).</summary>
    public AlertScanner Alerts { get; }

    /// <summary>The HJ 212 gateway's bound TCP port (after <see cref="StartAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The platform runs no gateway.</exception>
    public int Hj212Port => Gateway?.Port ?? throw new InvalidOperationException("the platform runs no HJ 212 gateway");

    /// <summary>The store.</summary>
    public SmartEnvStore Store => _options.Store;

    /// <summary>The web app's first bound address (after <see cref="StartAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">No web app, or not started.</exception>
    public Uri HttpAddress => Web is null ? throw new InvalidOperationException("the platform runs no web app") : SmartEnvWeb.BoundAddress(Web);

    /// <summary>Wires the platform (nothing listens yet).</summary>
    /// <param name="options">What to run.</param>
    /// <exception cref="ArgumentException">The web options name another store.</exception>
    public static SmartEnvPlatform Create(PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Web is { } w && !ReferenceEquals(w.Store, options.Store))
            throw new ArgumentException("the web options must use the platform's store", nameof(options));
        var web = options.Web is null ? null : SmartEnvWeb.Build(options.Web);
        var loggers = options.Logging ?? web?.Services.GetRequiredService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var time = options.Time ?? options.Web?.Time ?? TimeProvider.System;
        var alerts = web?.Services.GetRequiredService<AlertScanner>() ?? new AlertScanner(options.Store, options.Alerts, time);
        return new SmartEnvPlatform(options, web, loggers, time, alerts);
    }

    /// <summary>Starts the gateway (binds its port), then the web app. The caller marks readiness as it needs.</summary>
    /// <param name="ct">Cancellation of the web app's start.</param>
    /// <exception cref="System.Net.Sockets.SocketException">The HJ 212 port is in use or not permitted.</exception>
    public async Task StartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started) return;
        _started = true;
        if (Gateway is not null) await Gateway.StartAsync();
        if (Web is not null) await Web.StartAsync(ct);
    }

    /// <summary>Stops the gateway (ends connections between packets), stores what the intake has queued, stops the
    /// evaluation loop and the web app.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (Gateway is not null) await Gateway.DisposeAsync();
        await Intake.DisposeAsync();
        if (SourceSweep is not null) await SourceSweep.DisposeAsync();
        if (Evaluation is not null) await Evaluation.DisposeAsync();
        if (Claims is not null) await Claims.DisposeAsync();
        if (Web is not null)
        {
            if (_started) await Web.StopAsync(CancellationToken.None);
            await Web.DisposeAsync();
        }
    }
}
