using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Scheduling;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of the platform scheduler (issue 20; docs/operations.md "Schedules"): <c>GET /api/schedules</c> (admin) — every
/// scheduled job with its cron in force (Beijing time), whether it runs, its next occurrence and its last five claimed
/// runs (occurrence, started, finished, outcome, message, instance). Read-only: schedules are configuration
/// (<c>SmartEnv:Schedules:&lt;key&gt;:Cron</c>, <c>Enabled</c>); a run by hand is <c>smartenv schedule run</c>.
/// </summary>
public static class SchedulesApi
{
    /// <summary>A claimed run.</summary>
    /// <param name="Occurrence">The occurrence, Beijing time (<c>+08:00</c>) like every other API.</param>
    /// <param name="StartedAt">Claimed at (Beijing time).</param>
    /// <param name="FinishedAt">Ended at (Beijing time), null while running.</param>
    /// <param name="Outcome">running, succeeded, failed.</param>
    /// <param name="Message">Summary or failure.</param>
    /// <param name="Instance">Who claimed it.</param>
    public sealed record RunView(DateTimeOffset Occurrence, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome, string? Message, string? Instance);

    /// <summary>A schedule.</summary>
    /// <param name="Key">Job key.</param>
    /// <param name="Description">What the job does.</param>
    /// <param name="Cron">Cron expression in force.</param>
    /// <param name="DefaultCron">The job's default.</param>
    /// <param name="TimeZone">Always <c>Beijing</c> (<see cref="ScheduleSettings.BeijingZone"/>).</param>
    /// <param name="Enabled">Whether the scheduler runs it.</param>
    /// <param name="NextOccurrence">Next occurrence after now, Beijing time <c>+08:00</c> (null when disabled or none).</param>
    /// <param name="LastRuns">Latest claimed runs, newest occurrence first (at most 5).</param>
    public sealed record ScheduleView(string Key, string Description, string Cron, string DefaultCron, string TimeZone, bool Enabled,
        DateTimeOffset? NextOccurrence, IReadOnlyList<RunView> LastRuns);

    /// <summary>Maps the route.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schedules", ListAsync).WithTags("schedules").RequireAuthorization(SmartEnvPolicies.Admin).WithName("Schedules")
            .WithSummary("Scheduled jobs with their cron expression (Beijing time), enabled flag, next occurrence and last runs (admin).");
        return app;
    }

    private static async Task<IResult> ListAsync(Scheduler scheduler, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var list = new List<ScheduleView>();
        foreach (var e in scheduler.Entries)
        {
            var runs = await scheduler.RunsAsync(e.Key, 5, ct);
            list.Add(new ScheduleView(e.Key, e.Job.Description, e.Cron, e.Job.DefaultCron, ScheduleSettings.BeijingZone.Id, e.Enabled, e.Enabled && ScheduleSettings.Next(e, now) is { } next ? BeijingTime.ToBeijing(next) : null,
                [.. runs.Select(r => new RunView(BeijingTime.ToBeijing(r.OccurrenceUtc), BeijingTime.ToBeijing(r.StartedAt), r.FinishedAt is { } f ? BeijingTime.ToBeijing(f) : null, r.Outcome, r.Message, r.Instance))]));
        }
        return TypedResults.Ok(list);
    }
}
