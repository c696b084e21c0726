using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using Microsoft.Extensions.Configuration;
using SmartEnv.Standards.Common;

namespace SmartEnv.Scheduling;

/// <summary>A configured schedule: cron text and whether it runs.</summary>
/// <param name="Cron">Cron expression (5 fields, Beijing time) or null for the job's default.</param>
/// <param name="Enabled">False: the scheduler never runs it on its own (the CLI still can); null = enabled.</param>
public sealed record ScheduleSetting(string? Cron, bool? Enabled);

/// <summary>A job with its schedule in force.</summary>
/// <param name="Job">The job.</param>
/// <param name="Cron">The expression text in force (configured or the job's default).</param>
/// <param name="Expression">Its parsed form.</param>
/// <param name="Enabled">Whether the scheduler runs it.</param>
public sealed record ScheduleEntry(IScheduledJob Job, string Cron, CronExpression Expression, bool Enabled)
{
    /// <summary>The job's key.</summary>
    public string Key => Job.Key;
}

/// <summary>
/// Reads schedules from configuration: <c>SmartEnv:Schedules:&lt;key&gt;:Cron</c> (5-field cron, Beijing time) and
/// <c>SmartEnv:Schedules:&lt;key&gt;:Enabled</c> (true/false), e.g. the environment variable
/// <c>SmartEnv__Schedules__construction-monthly-review__Enabled=false</c>. Pure; thread-safe.
/// </summary>
public static partial class ScheduleSettings
{
    /// <summary>The configuration section of the schedules.</summary>
    public const string Section = "SmartEnv:Schedules";

    /// <summary>The zone cron expressions are evaluated in: Beijing time (UTC+8, no daylight saving; from
    /// <see cref="BeijingTime.Offset"/>).</summary>
    public static readonly TimeZoneInfo BeijingZone = TimeZoneInfo.CreateCustomTimeZone("Beijing", BeijingTime.Offset, "北京时间", "北京时间");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>Whether a job key is well formed (lowercase letters, digits, <c>-</c>; 1–64 characters).</summary>
    /// <param name="key">Key.</param>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>The settings under <see cref="Section"/>; empty when the section is missing.</summary>
    /// <param name="configuration">Configuration, or null for none.</param>
    /// <exception cref="FormatException">An <c>Enabled</c> value that is not true/false.</exception>
    public static IReadOnlyDictionary<string, ScheduleSetting> Read(IConfiguration? configuration)
    {
        var d = new Dictionary<string, ScheduleSetting>(StringComparer.Ordinal);
        if (configuration is null) return d;
        foreach (var c in configuration.GetSection(Section).GetChildren())
        {
            var enabled = c["Enabled"];
            bool? e = null;
            if (!string.IsNullOrWhiteSpace(enabled))
                e = bool.TryParse(enabled.Trim(), out var b) ? b : throw new FormatException($"{Section}:{c.Key}:Enabled: true or false, not '{enabled}'");
            d[c.Key] = new ScheduleSetting(string.IsNullOrWhiteSpace(c["Cron"]) ? null : c["Cron"]!.Trim(), e);
        }
        return d;
    }

    /// <summary>The schedule in force of every job: configured cron (or the job's default) and enabled flag (default true).</summary>
    /// <param name="jobs">The platform's jobs.</param>
    /// <param name="settings">Configured settings (<see cref="Read"/>); keys of no job are ignored.</param>
    /// <exception cref="ArgumentException">A malformed or duplicate job key, or a cron expression that does not parse (the
    /// message names the key and the text).</exception>
    public static IReadOnlyList<ScheduleEntry> Entries(IEnumerable<IScheduledJob> jobs, IReadOnlyDictionary<string, ScheduleSetting>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var list = new List<ScheduleEntry>();
        foreach (var job in jobs)
        {
            if (!IsValidKey(job.Key)) throw new ArgumentException($"scheduled job key '{job.Key}': lowercase letters, digits and -, 1–64 characters", nameof(jobs));
            if (list.Any(e => e.Key == job.Key)) throw new ArgumentException($"scheduled job key '{job.Key}' is registered twice", nameof(jobs));
            var s = settings?.GetValueOrDefault(job.Key);
            var cron = s?.Cron ?? job.DefaultCron;
            CronExpression expr;
            try { expr = CronExpression.Parse(cron, CronFormat.Standard); }
            catch (CronFormatException ex) { throw new ArgumentException($"{Section}:{job.Key}:Cron '{cron}': {ex.Message}", nameof(settings), ex); }
            list.Add(new ScheduleEntry(job, cron, expr, s?.Enabled ?? true));
        }
        return list.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (Beijing time), or null when there is none.</summary>
    /// <param name="entry">Schedule.</param>
    /// <param name="after">Instant.</param>
    public static DateTimeOffset? Next(ScheduleEntry entry, DateTimeOffset after) =>
        (entry ?? throw new ArgumentNullException(nameof(entry))).Expression.GetNextOccurrence(after.ToUniversalTime(), BeijingZone)?.ToUniversalTime();

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="atOrBefore"/>], or null. The search looks
    /// back at most 400 days (a longer gap counts from there).</summary>
    /// <param name="entry">Schedule.</param>
    /// <param name="after">Exclusive lower bound (the last claimed occurrence, or when the scheduler started).</param>
    /// <param name="atOrBefore">Inclusive upper bound (now).</param>
    public static DateTimeOffset? Latest(ScheduleEntry entry, DateTimeOffset after, DateTimeOffset atOrBefore)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (from, to) = (after.ToUniversalTime(), atOrBefore.ToUniversalTime());
        if (from < to.AddDays(-400)) from = to.AddDays(-400);
        if (from >= to) return null;
        DateTimeOffset? last = null;
        foreach (var o in entry.Expression.GetOccurrences(from, to, BeijingZone, fromInclusive: false, toInclusive: true)) last = o;
        return last?.ToUniversalTime();
    }

    /// <summary>An instant as Beijing local text <c>yyyy-MM-dd HH:mm</c> (messages).</summary>
    /// <param name="instant">Instant.</param>
    public static string Text(DateTimeOffset instant) => BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
