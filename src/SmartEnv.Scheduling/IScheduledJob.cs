namespace SmartEnv.Scheduling;

/// <summary>
/// A job the platform scheduler runs at the occurrences of a cron expression (docs/operations.md "Schedules"). The
/// scheduler claims an occurrence in <c>scheduled_runs</c> before calling <see cref="RunAsync"/>, so an implementation is
/// called at most once per occurrence across restarts and instances; it must still tolerate a run that was cut short (a
/// crash after the claim is not retried). Implementations are registered as singletons and must be thread-safe.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable key (lowercase, digits, <c>-</c>; at most 64 characters), e.g. <c>construction-monthly-review</c>;
    /// the configuration section <c>SmartEnv:Schedules:&lt;key&gt;</c> and the <c>scheduled_runs.job_key</c>.</summary>
    string Key { get; }

    /// <summary>The cron expression used when configuration sets none (5 fields, Beijing time).</summary>
    string DefaultCron { get; }

    /// <summary>One line on what the job does (shown by <c>GET /api/schedules</c> and <c>smartenv schedule list</c>).</summary>
    string Description { get; }

    /// <summary>Runs the job for one occurrence.</summary>
    /// <param name="occurrence">The occurrence claimed (an instant of the cron expression, not the wall time of the call;
    /// a run caught up after downtime or started by hand gets the occurrence it stands for).</param>
    /// <param name="ct">Cancellation (platform shutdown).</param>
    /// <returns>A short summary stored as the run's message, or null.</returns>
    Task<string?> RunAsync(DateTimeOffset occurrence, CancellationToken ct);
}
