using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEnv.Alerts;
using SmartEnv.Storage.Cluster;

namespace SmartEnv.Web;

/// <summary>
/// Runs <see cref="AlertScanner.ScanAsync(CancellationToken)"/> once at start and then every
/// <see cref="AlertOptions.ScanInterval"/> (a <see cref="PeriodicTimer"/> on the app's <see cref="TimeProvider"/>). A failed
/// scan is logged and the next one runs as planned. With several instances on one PostgreSQL store the full scan is a
/// singleton job: only the instance that leads (<see cref="ClusterLeader"/>) runs it; the others apply only the points
/// they observed themselves (rules 4–5, <see cref="AlertScanner.ScanObservedAsync"/>). The loop then ticks every
/// <see cref="ClusterOptions.Poll"/> (when shorter than the scan interval), so an instance takes the scans over at most one
/// poll after the leader's database session ended and scans at once (docs/operations.md "Running several instances
/// (scaleout)").
/// </summary>
/// <param name="scanner">The scanner (singleton).</param>
/// <param name="time">Clock for the timer.</param>
/// <param name="log">Logger.</param>
/// <param name="leader">Leadership of the singleton jobs (always this instance on SQLite).</param>
/// <param name="signals">Change signals: a scan that opened or updated alerts signals <see cref="ClusterSignals.Alerts"/> to every
/// instance (open 告警 pages reload).</param>
public sealed class AlertScanService(AlertScanner scanner, TimeProvider time, ILogger<AlertScanService> log, ClusterLeader leader, ClusterSignals signals) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = scanner.Options.ScanInterval;
        var clustered = IsPostgres;
        var tick = clustered && leader.Options.Poll < interval ? leader.Options.Poll : interval;
        using var timer = new PeriodicTimer(tick, time);
        DateTimeOffset? lastFull = null;
        do
        {
            try
            {
                AlertScanResult? result = null;
                if (!clustered) result = await scanner.ScanAsync(stoppingToken);
                else if (await leader.CheckAsync(stoppingToken))
                {
                    var now = time.GetUtcNow();
                    if (lastFull is null || now - lastFull >= interval - tick / 2)
                    {
                        lastFull = now;
                        result = await scanner.ScanAsync(stoppingToken);
                    }
                    else if (scanner.HasObserved) result = await scanner.ScanObservedAsync(stoppingToken);
                }
                else
                {
                    lastFull = null; // leads again later: scans at once
                    if (scanner.HasObserved) result = await scanner.ScanObservedAsync(stoppingToken);
                }
                if (result is { Opened: > 0 } or { Updated: > 0 }) await signals.PublishAsync(ClusterSignals.Alerts, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                log.LogWarning(ex, "alert scan failed; next scan in {Interval}", tick);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private bool IsPostgres => leader.Provider == SmartEnv.Storage.StoreProvider.Postgres;
}
