using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartEnv.Storage;

namespace SmartEnv.Scheduling;

/// <summary>
/// The hosted loop of the platform scheduler: runs what is due (<see cref="Scheduler.RunDueAsync"/>), then sleeps on the
/// app's <see cref="TimeProvider"/> until the next occurrence of an enabled schedule (at most <see cref="MaxSleep"/>, then
/// it looks again), so a job fires when the clock reaches its occurrence and not before. A failing round is logged and
/// retried after <see cref="RetryDelay"/>. Singleton; thread-safe.
/// </summary>
/// <param name="scheduler">The engine.</param>
/// <param name="time">Clock.</param>
/// <param name="log">Logger.</param>
public sealed class SchedulerService(Scheduler scheduler, TimeProvider time, ILogger<SchedulerService> log) : BackgroundService
{
    /// <summary>Longest sleep between two looks (a changed clock or a long gap is noticed within it).</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    /// <summary>Wait after a round that failed (store unreachable).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private int _rounds;

    /// <summary>Rounds finished so far (a test waits for the first before it moves the clock).</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = MaxSleep;
            try
            {
                await scheduler.RunDueAsync(stoppingToken);
                var now = time.GetUtcNow();
                if (scheduler.NextDue(now) is { } next && next - now < MaxSleep) wait = next - now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                log.LogError(ex, "scheduler round failed; retried in {Delay}", RetryDelay);
                wait = RetryDelay;
            }
            Interlocked.Increment(ref _rounds);
            try { await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>Registration of the platform scheduler.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="Scheduler"/> (always: <c>GET /api/schedules</c> reads it) over the jobs registered
    /// as <see cref="IScheduledJob"/> singletons and the schedules of <paramref name="configuration"/>, and the hosted
    /// <see cref="SchedulerService"/> when <paramref name="run"/> is true. Needs <see cref="SmartEnvStore"/> and
    /// <see cref="TimeProvider"/> registered.</summary>
    /// <param name="services">Services.</param>
    /// <param name="configuration">Configuration (<c>SmartEnv:Schedules</c>).</param>
    /// <param name="run">Whether the loop runs.</param>
    public static IServiceCollection AddSmartEnvScheduling(this IServiceCollection services, IConfiguration configuration, bool run)
    {
        services.AddSingleton(sp => new Scheduler(sp.GetRequiredService<SmartEnvStore>(),
            ScheduleSettings.Entries(sp.GetServices<IScheduledJob>(), ScheduleSettings.Read(configuration)), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("SmartEnv.Scheduling")));
        if (run) services.AddHostedService<SchedulerService>();
        return services;
    }
}
