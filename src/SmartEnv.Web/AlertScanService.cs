using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEnv.Alerts;

namespace SmartEnv.Web;

/// <summary>
/// Runs <see cref="AlertScanner.ScanAsync"/> once at start and then every <see cref="AlertOptions.ScanInterval"/>
/// (a <see cref="PeriodicTimer"/> on the app's <see cref="TimeProvider"/>). A failed scan is logged and the next one
/// runs as planned.
/// </summary>
/// <param name="scanner">The scanner (singleton).</param>
/// <param name="time">Clock for the timer.</param>
/// <param name="log">Logger.</param>
public sealed class AlertScanService(AlertScanner scanner, TimeProvider time, ILogger<AlertScanService> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(scanner.Options.ScanInterval, time);
        do
        {
            try
            {
                await scanner.ScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                log.LogWarning(ex, "alert scan failed; next scan in {Interval}", scanner.Options.ScanInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
