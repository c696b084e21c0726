namespace SmartEnv.Storage.Entities.Scheduling;

/// <summary>
/// One claimed occurrence of a scheduled job (platform scheduler, issue 20; docs/operations.md "Schedules"). The row is
/// inserted <b>before</b> the job runs; the unique key (<see cref="JobKey"/>, <see cref="OccurrenceUtc"/>) makes the insert
/// the claim, so an occurrence runs exactly once across restarts and instances sharing the store. Updated once when the
/// run ends. Mutable; not thread-safe. Table <c>scheduled_runs</c>.
/// </summary>
public sealed class ScheduledRun
{
    /// <summary>Width of <see cref="JobKey"/>.</summary>
    public const int KeyLength = 64;
    /// <summary>Width of <see cref="Outcome"/>.</summary>
    public const int OutcomeLength = 16;
    /// <summary>Width of <see cref="Message"/>.</summary>
    public const int MessageLength = 1024;
    /// <summary>Width of <see cref="Instance"/>.</summary>
    public const int InstanceLength = 128;

    /// <summary><see cref="Outcome"/> while the job runs (or when the process died during the run: never retried).</summary>
    public const string Running = "running";
    /// <summary><see cref="Outcome"/> of a run that returned.</summary>
    public const string Succeeded = "succeeded";
    /// <summary><see cref="Outcome"/> of a run that threw (message = the exception's message).</summary>
    public const string Failed = "failed";

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The job's key, e.g. <c>construction-monthly-review</c>.</summary>
    public required string JobKey { get; set; }
    /// <summary>The cron occurrence claimed (UTC instant; the expression is evaluated in Beijing time).</summary>
    public DateTimeOffset OccurrenceUtc { get; set; }
    /// <summary>When the claim was inserted (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When the run ended (UTC), null while running.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary><see cref="Running"/>, <see cref="Succeeded"/> or <see cref="Failed"/>.</summary>
    public required string Outcome { get; set; }
    /// <summary>The job's summary or the failure, or null.</summary>
    public string? Message { get; set; }
    /// <summary>Who claimed it: <c>scheduler@host</c> or <c>cli@user</c>.</summary>
    public string? Instance { get; set; }
}
