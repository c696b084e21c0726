using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEnv.Storage;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Web;

/// <summary>
/// The store's part of readiness (<c>GET /health</c>, <c>/health/ready</c>; issue 14 items 5 and 14): the latest
/// verdict of three sources, worst first —
/// <list type="number">
/// <item>the engine's quick integrity check (<see cref="StoreHealthProbe.QuickCheckAsync"/>), run when the web app
/// starts (before it answers) and every <see cref="StoreHealthOptions.IntegrityInterval"/>; a corrupt verdict stays
/// until a later check passes;</item>
/// <item>a store fault seen by a request (<see cref="StoreFaultProblemHandler"/>: corrupt, full, unreachable), which
/// also starts a new integrity check when it says corrupt; it stays for one <see cref="StoreHealthOptions.ProbeInterval"/>
/// at least and until a probe passes (corrupt: until an integrity check passes);</item>
/// <item>the cheap probe (<see cref="StoreHealthProbe.ProbeAsync"/>: open, migrations, free space), rerun when the
/// last one is older than <see cref="StoreHealthOptions.ProbeInterval"/>; concurrent readiness requests share one probe.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class StoreReadiness
{
    private readonly StoreOptions _store;
    private readonly StoreHealthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger? _log;
    private readonly Lock _lock = new();
    private StoreHealth? _probe, _integrity, _observed;
    private Task<StoreHealth>? _probing;
    private Task? _checking;

    /// <summary>Creates the state.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">Intervals and thresholds.</param>
    /// <param name="time">Clock.</param>
    /// <param name="log">Logger for verdict changes, or null.</param>
    public StoreReadiness(SmartEnvStore store, StoreHealthOptions options, TimeProvider time, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store.Options;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log;
    }

    /// <summary>Thresholds in force.</summary>
    public StoreHealthOptions Options => _options;

    /// <summary>The store's verdict now: a fault from any source (integrity, observed, probe), else the probe's ok.
    /// Runs the cheap probe when the last one is stale.</summary>
    /// <param name="ct">Cancellation of this caller's wait (the shared probe itself runs on).</param>
    public async Task<StoreHealth> CurrentAsync(CancellationToken ct = default)
    {
        var probe = await ProbeAsync().WaitAsync(ct);
        lock (_lock)
        {
            if (_integrity is { IsOk: false } bad) return bad;
            if (_observed is { } seen)
            {
                var fresh = _time.GetUtcNow() - seen.CheckedAt < _options.ProbeInterval;
                if (seen.State == StoreState.Corrupt || fresh || !probe.IsOk || probe.CheckedAt <= seen.CheckedAt) return seen;
                _observed = null; // a later probe passed
            }
            return probe;
        }
    }

    /// <summary>Records a fault a request or job met (the state of <see cref="StoreFaults.Classify"/>), and starts an
    /// integrity check when it says corrupt.</summary>
    /// <param name="state">The fault's state (not <see cref="StoreState.Ok"/>).</param>
    /// <param name="message">The engine's message.</param>
    public void Observe(StoreState state, string message)
    {
        if (state == StoreState.Ok) return;
        var h = new StoreHealth(state, message, _time.GetUtcNow());
        lock (_lock)
        {
            if (_observed?.State == StoreState.Corrupt && state != StoreState.Corrupt) return;
            _observed = h;
        }
        _log?.LogError("store {State}: {Message}", state, message);
        if (state == StoreState.Corrupt) _ = CheckIntegrityAsync();
    }

    /// <summary>Runs the quick integrity check now (one at a time; a second caller shares the running one).</summary>
    public Task CheckIntegrityAsync()
    {
        lock (_lock) return _checking is { IsCompleted: false } running ? running : _checking = RunIntegrityAsync();
    }

    private async Task RunIntegrityAsync()
    {
        await Task.Yield();
        var h = await StoreHealthProbe.QuickCheckAsync(_store, _options, _time);
        lock (_lock)
        {
            if (h.IsOk)
            {
                _integrity = h;
                if (_observed?.State == StoreState.Corrupt) _observed = null;
            }
            else if (h.State == StoreState.Corrupt) _integrity = h;
            else if (_observed?.State != StoreState.Corrupt) _observed = h; // unreachable / full: not a verdict on integrity
        }
        if (!h.IsOk) _log?.LogError("store integrity check: {State}: {Message}", h.State, h.Message);
    }

    private Task<StoreHealth> ProbeAsync()
    {
        lock (_lock)
        {
            if (_probe is { } last && _time.GetUtcNow() - last.CheckedAt < _options.ProbeInterval) return Task.FromResult(last);
            if (_probing is { IsCompleted: false } running) return running;
            return _probing = RunProbeAsync();
        }
    }

    private async Task<StoreHealth> RunProbeAsync()
    {
        await Task.Yield();
        var h = await StoreHealthProbe.ProbeAsync(_store, _options, _time);
        lock (_lock) _probe = h;
        return h;
    }
}

/// <summary>Runs the store's quick integrity check when the web app starts (awaited: the app answers only once the
/// verdict exists) and every <see cref="StoreHealthOptions.IntegrityInterval"/> (off when zero).</summary>
/// <param name="readiness">The state to update.</param>
/// <param name="time">Clock for the interval.</param>
public sealed class StoreIntegrityService(StoreReadiness readiness, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (readiness.Options.IntegrityInterval > TimeSpan.Zero) await readiness.CheckIntegrityAsync().WaitAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (readiness.Options.IntegrityInterval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(readiness.Options.IntegrityInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await readiness.CheckIntegrityAsync();
        }
        catch (OperationCanceledException) { }
    }
}

/// <summary>
/// A request that fails on the store (corrupt, full, unreachable — <see cref="StoreFaults.Classify"/>) answers
/// <b>503</b> with an RFC 9457 problem naming the state and the engine's message, instead of a bare 500, and the fault is
/// recorded for readiness (<see cref="StoreReadiness.Observe"/>). Other exceptions pass through.
/// </summary>
/// <param name="problems">Problem writer.</param>
/// <param name="readiness">Readiness to inform.</param>
/// <param name="store">The store (for the message).</param>
public sealed class StoreFaultProblemHandler(IProblemDetailsService problems, StoreReadiness readiness, SmartEnvStore store) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (StoreFaults.Classify(exception) is not { } state) return false;
        var message = StoreHealthProbe.Describe(store.Options, exception);
        readiness.Observe(state, message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "store " + Api(state),
            Detail = message,
        };
        problem.Extensions["store_state"] = Api(state);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The API word of a state (<c>ok</c>, <c>unreachable</c>, <c>full</c>, <c>corrupt</c>, <c>not_migrated</c>, <c>read_only</c>).</summary>
    /// <param name="state">State.</param>
    public static string Api(StoreState state) => SnakeCaseEnumConverter<StoreState>.ToSnake(state.ToString());
}
