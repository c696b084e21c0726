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

/// <summary>A bad schedule setting (<c>SmartEnv:Schedules:&lt;key&gt;:Cron</c> or <c>Enabled</c>): the one-line message names the
/// setting, its value and the reason, e.g. <c>SmartEnv:Schedules:construction-monthly-review:Cron '61 * * * *': …</c>. The CLI
/// reports it as <c>error: …</c> with exit code 2; <c>serve</c> refuses to start with it.</summary>
/// <param name="message">One line: setting, value, reason.</param>
/// <param name="inner">The parser's exception, if any.</param>
public sealed class ScheduleConfigurationException(string message, Exception? inner = null) : ArgumentException(message, inner);

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
    /// <summary>A cron expression whose next occurrence lies further ahead than this many years counts as never firing.</summary>
    public const int NeverFiresHorizonYears = 5;

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
    /// <exception cref="ScheduleConfigurationException">An <c>Enabled</c> value that is not true/false.</exception>
    public static IReadOnlyDictionary<string, ScheduleSetting> Read(IConfiguration? configuration)
    {
        var d = new Dictionary<string, ScheduleSetting>(StringComparer.Ordinal);
        if (configuration is null) return d;
        foreach (var c in configuration.GetSection(Section).GetChildren())
        {
            var enabled = c["Enabled"];
            bool? e = null;
            if (!string.IsNullOrWhiteSpace(enabled))
                e = bool.TryParse(enabled.Trim(), out var b) ? b : throw new ScheduleConfigurationException($"{Section}:{c.Key}:Enabled '{enabled}': must be true or false");
            d[c.Key] = new ScheduleSetting(string.IsNullOrWhiteSpace(c["Cron"]) ? null : c["Cron"]!.Trim(), e);
        }
        return d;
    }

    /// <summary>The schedule in force of every job: configured cron (or the job's default) and enabled flag (default true).</summary>
    /// <param name="jobs">The platform's jobs.</param>
    /// <param name="settings">Configured settings (<see cref="Read"/>); keys of no job are ignored.</param>
    /// <param name="now">When given, a cron expression with no occurrence within <see cref="NeverFiresHorizonYears"/> years
    /// after it is refused (e.g. <c>0 1 31 2 *</c>, 31 February).</param>
    /// <exception cref="ArgumentException">A malformed or duplicate job key.</exception>
    /// <exception cref="ScheduleConfigurationException">A cron expression that does not parse or never fires (the message
    /// names the setting, the text and the reason).</exception>
    public static IReadOnlyList<ScheduleEntry> Entries(IEnumerable<IScheduledJob> jobs, IReadOnlyDictionary<string, ScheduleSetting>? settings = null, DateTimeOffset? now = null)
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
            catch (CronFormatException ex) { throw new ScheduleConfigurationException($"{Section}:{job.Key}:Cron '{cron}': {ex.Message} (5 fields: minute hour day-of-month month day-of-week, Beijing time)", ex); }
            if (now is { } n && !FiresWithin(expr, n))
                throw new ScheduleConfigurationException($"{Section}:{job.Key}:Cron '{cron}': never fires (no occurrence within {NeverFiresHorizonYears} years after {Text(n)} Beijing time)");
            list.Add(new ScheduleEntry(job, cron, expr, s?.Enabled ?? true));
        }
        return list.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    private static bool FiresWithin(CronExpression expr, DateTimeOffset now)
    {
        var from = now.ToUniversalTime();
        return expr.GetNextOccurrence(from, BeijingZone) is { } first && first <= from.AddYears(NeverFiresHorizonYears);
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
