using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SmartEnv.Scheduling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Web;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv schedule …</c> (issue 20, docs/operations.md "Schedules"): the platform scheduler's jobs over the store named
/// by <c>--data-dir</c>/<c>--db</c>, with the schedules of the environment (<c>SmartEnv__Schedules__KEY__Cron</c>,
/// <c>…__Enabled</c>, as <c>serve</c> reads them):
/// <list type="bullet">
/// <item><c>list</c> — every job with its cron (Beijing time), enabled flag, next occurrence and last runs, as JSON.</item>
/// <item><c>run KEY [--occurrence "yyyy-MM-dd HH:mm"]</c> — runs one occurrence (default: the latest at or before now)
/// through the same claim as the scheduler: an occurrence that ran already (here, in <c>serve</c> or on another instance)
/// is not run again.</item>
/// </list>
/// Exit 0 the run succeeded (or list); 1 the occurrence was claimed already, the job failed, an unknown key or a bad
/// occurrence, or a store failure; 2 a bad schedule setting (<see cref="ScheduleConfigurationException"/>: a cron that does
/// not parse or never fires, an <c>Enabled</c> that is not true/false), reported as one line naming the setting.
/// </summary>
public static class ScheduleCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("schedule", "Platform scheduler (定时任务): list scheduled jobs and their last runs, run one occurrence by hand.");
        cmd.Subcommands.Add(List(context));
        cmd.Subcommands.Add(Run(context));
        return cmd;
    }

    private static Scheduler Scheduler(SmartEnvStore store)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var time = TimeProvider.System;
        return new Scheduler(store, ScheduleSettings.Entries(PlatformJobs.All(store, time), ScheduleSettings.Read(config), time.GetUtcNow()), time, null,
            "cli@" + (string.IsNullOrWhiteSpace(Environment.UserName) ? "unknown" : Environment.UserName));
    }

    private static Command List(CliContext context)
    {
        var cmd = new Command("list", "Scheduled jobs: cron (Beijing time), enabled, next occurrence, last five runs, as JSON.");
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => CliStore.RunAsync(context, pr, store, async s =>
        {
            Scheduler scheduler;
            try { scheduler = Scheduler(s); }
            catch (ScheduleConfigurationException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 2;
            }
            var now = TimeProvider.System.GetUtcNow();
            var list = new List<object>();
            foreach (var e in scheduler.Entries)
            {
                var runs = await scheduler.RunsAsync(e.Key, 5, ct);
                list.Add(new
                {
                    e.Key, e.Job.Description, e.Cron, time_zone = ScheduleSettings.BeijingZone.Id, e.Enabled,
                    next_occurrence = e.Enabled ? ScheduleSettings.Next(e, now) is { } n ? ScheduleSettings.Text(n) : null : null,
                    last_runs = runs.Select(r => new { occurrence = ScheduleSettings.Text(r.OccurrenceUtc), r.Outcome, r.Message, r.Instance, r.StartedAt, r.FinishedAt }).ToList(),
                });
            }
            context.Out.WriteLine(JsonSerializer.Serialize(list, CliJson.Indented));
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Run(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "Job key, e.g. construction-monthly-review." };
        var occurrence = new Option<string?>("--occurrence") { Description = "Occurrence to run, Beijing time (yyyy-MM-dd HH:mm) or ISO 8601 with offset. Default: the latest at or before now." };
        var cmd = new Command("run", "Run one occurrence of a job through the scheduler's claim (never twice).");
        cmd.Arguments.Add(key);
        cmd.Options.Add(occurrence);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) =>
        {
            DateTimeOffset? at = null;
            if (pr.GetValue(occurrence) is { } text)
            {
                if (!BeijingTime.TryParseLocal(text, out var o))
                {
                    context.Err.WriteLine("error: --occurrence is yyyy-MM-dd HH:mm (Beijing) or ISO 8601 with an offset");
                    return Task.FromResult(1);
                }
                at = o;
            }
            return CliStore.RunAsync(context, pr, store, async s =>
            {
                ScheduledRunResult r;
                try { r = await Scheduler(s).RunAsync(pr.GetValue(key)!, at, ct); }
                catch (ScheduleConfigurationException ex)
                {
                    context.Err.WriteLine("error: " + ex.Message);
                    return 2;
                }
                catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
                {
                    context.Err.WriteLine("error: " + ex.Message);
                    return 1;
                }
                context.Out.WriteLine(JsonSerializer.Serialize(new { r.Key, occurrence = ScheduleSettings.Text(r.Occurrence), r.Outcome, r.Message }, CliJson.Indented));
                if (r.Outcome == SmartEnv.Scheduling.Scheduler.Claimed) context.Err.WriteLine($"error: occurrence {ScheduleSettings.Text(r.Occurrence)} was run already ({r.Message})");
                return r.Outcome == SmartEnv.Storage.Entities.Scheduling.ScheduledRun.Succeeded ? 0 : 1;
            }, ct);
        });
        return cmd;
    }
}
