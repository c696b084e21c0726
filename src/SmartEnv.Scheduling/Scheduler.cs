using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Scheduling;

namespace SmartEnv.Scheduling;

/// <summary>What became of one occurrence handed to <see cref="Scheduler"/>.</summary>
/// <param name="Key">Job key.</param>
/// <param name="Occurrence">The occurrence (UTC).</param>
/// <param name="Outcome"><see cref="ScheduledRun.Succeeded"/>, <see cref="ScheduledRun.Failed"/>, or <see cref="Scheduler.Claimed"/>
/// when another run (another instance, an earlier start, the CLI) had claimed it already and nothing ran.</param>
/// <param name="Message">The job's summary, the failure, or who holds the claim.</param>
public sealed record ScheduledRunResult(string Key, DateTimeOffset Occurrence, string Outcome, string? Message);

/// <summary>
/// The platform scheduler's engine (docs/operations.md "Schedules"): for each enabled schedule it finds the latest occurrence
/// due and runs the job once through the claim in <c>scheduled_runs</c>.
/// <list type="bullet">
/// <item><b>Exactly once</b>: a row (job key, occurrence) is inserted before the job runs; the unique index refuses a second
/// insert, so the same occurrence never runs twice — not after a restart, not on two instances of one PostgreSQL store, not
/// from the CLI. A run cut short by a crash stays <c>running</c> and is not retried (the next occurrence runs as usual).</item>
/// <item><b>Due</b>: an occurrence is due when the clock has reached it (never before), and is later than the job's latest
/// claimed occurrence; a job never claimed counts from the instant this scheduler was created, so a new installation does
/// not replay history.</item>
/// <item><b>Missed while down</b>: only the <b>latest</b> occurrence missed is run (one catch-up run); the older ones are
/// skipped and leave no row.</item>
/// </list>
/// Thread-safe (every call uses its own context).
/// </summary>
public sealed class Scheduler
{
    /// <summary>Outcome of an occurrence that another run had claimed already.</summary>
    public const string Claimed = "claimed";

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string _instance;

    /// <summary>Creates the engine; <see cref="Since"/> is the clock's now.</summary>
    /// <param name="store">The store (migrated).</param>
    /// <param name="entries">Schedules in force (<see cref="ScheduleSettings.Entries"/>).</param>
    /// <param name="time">Clock (the app's TimeProvider).</param>
    /// <param name="log">Logger or null.</param>
    /// <param name="instance">Who claims (stored in <c>scheduled_runs.instance</c>); default <c>scheduler@MACHINE</c>.</param>
    public Scheduler(SmartEnvStore store, IReadOnlyList<ScheduleEntry> entries, TimeProvider time, ILogger? log = null, string? instance = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Entries = entries ?? throw new ArgumentNullException(nameof(entries));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? NullLogger.Instance;
        _instance = Cut(instance ?? "scheduler@" + Environment.MachineName, ScheduledRun.InstanceLength);
        Since = time.GetUtcNow();
    }

    /// <summary>The schedules, ordered by key.</summary>
    public IReadOnlyList<ScheduleEntry> Entries { get; }

    /// <summary>When this scheduler was created: the lower bound of a job that has never been claimed.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>The schedule of a key.</summary>
    /// <param name="key">Job key.</param>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    public ScheduleEntry Entry(string key) => Entries.FirstOrDefault(e => e.Key == key) ?? throw new KeyNotFoundException($"no scheduled job '{key}'");

    /// <summary>The earliest next occurrence of the enabled schedules strictly after <paramref name="after"/>, or null.</summary>
    /// <param name="after">Instant.</param>
    public DateTimeOffset? NextDue(DateTimeOffset after) =>
        Entries.Where(e => e.Enabled).Select(e => ScheduleSettings.Next(e, after)).Where(d => d is not null).Min();

    /// <summary>Runs every enabled schedule's latest due occurrence (one per job at most), each through the claim.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What happened to each occurrence handed to a job (empty when nothing was due).</returns>
    public async Task<IReadOnlyList<ScheduledRunResult>> RunDueAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var results = new List<ScheduledRunResult>();
        foreach (var e in Entries.Where(e => e.Enabled))
        {
            var last = await LastClaimedAsync(e.Key, ct);
            var due = ScheduleSettings.Latest(e, last ?? Since, now);
            if (due is null) continue;
            results.Add(await ClaimAndRunAsync(e, due.Value, ct));
        }
        return results;
    }

    /// <summary>Runs one occurrence of a job by hand (CLI <c>schedule run</c>), through the same claim: an occurrence that
    /// already ran is not run again. Runs disabled schedules too.</summary>
    /// <param name="key">Job key.</param>
    /// <param name="occurrence">An occurrence of the job's expression at or before now; null = the latest such.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    /// <exception cref="ArgumentException">The instant is not an occurrence of the expression, or lies ahead of the clock.</exception>
    public async Task<ScheduledRunResult> RunAsync(string key, DateTimeOffset? occurrence = null, CancellationToken ct = default)
    {
        var e = Entry(key);
        var now = _time.GetUtcNow();
        DateTimeOffset o;
        if (occurrence is { } given)
        {
            o = given.ToUniversalTime();
            if (o > now) throw new ArgumentException($"occurrence {ScheduleSettings.Text(o)} lies ahead of the clock", nameof(occurrence));
            if (ScheduleSettings.Next(e, o.AddTicks(-1)) != o) throw new ArgumentException($"{ScheduleSettings.Text(o)} (Beijing) is not an occurrence of '{e.Cron}'", nameof(occurrence));
        }
        else o = ScheduleSettings.Latest(e, DateTimeOffset.MinValue.AddDays(401), now) ?? throw new ArgumentException($"'{e.Cron}' has no occurrence in the last 400 days", nameof(occurrence));
        return await ClaimAndRunAsync(e, o, ct);
    }

    /// <summary>The latest stored runs of a job, newest occurrence first.</summary>
    /// <param name="key">Job key.</param>
    /// <param name="count">How many (≥ 1).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ScheduledRun>> RunsAsync(string key, int count = 5, CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        return await db.ScheduledRuns.AsNoTracking().Where(r => r.JobKey == key).OrderByDescending(r => r.OccurrenceUtc).Take(Math.Max(1, count)).ToListAsync(ct);
    }

    private async Task<DateTimeOffset?> LastClaimedAsync(string key, CancellationToken ct)
    {
        await using var db = _store.CreateContext();
        // Ordered and read back (not Max): SQLite stores instants as numbers through a converter.
        var last = await db.ScheduledRuns.AsNoTracking().Where(r => r.JobKey == key).OrderByDescending(r => r.OccurrenceUtc).Select(r => (DateTimeOffset?)r.OccurrenceUtc).FirstOrDefaultAsync(ct);
        return last;
    }

    private async Task<ScheduledRunResult> ClaimAndRunAsync(ScheduleEntry e, DateTimeOffset occurrence, CancellationToken ct)
    {
        var run = new ScheduledRun { JobKey = e.Key, OccurrenceUtc = occurrence, StartedAt = _time.GetUtcNow(), Outcome = ScheduledRun.Running, Instance = _instance };
        await using (var db = _store.CreateContext())
        {
            db.ScheduledRuns.Add(run);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // The unique (job_key, occurrence_utc) refused the insert: someone else claimed this occurrence.
                await using var read = _store.CreateContext();
                var holder = await read.ScheduledRuns.AsNoTracking().Where(r => r.JobKey == e.Key && r.OccurrenceUtc == occurrence).Select(r => r.Instance + " (" + r.Outcome + ")").FirstOrDefaultAsync(CancellationToken.None);
                _log.LogInformation("schedule {Key}: occurrence {Occurrence} already claimed by {Holder}", e.Key, occurrence, holder);
                return new ScheduledRunResult(e.Key, occurrence, Claimed, holder is null ? "claimed" : "claimed by " + holder);
            }
        }
        string outcome, message;
        try
        {
            message = await e.Job.RunAsync(occurrence, ct) ?? "";
            outcome = ScheduledRun.Succeeded;
        }
        catch (Exception ex)
        {
            (outcome, message) = (ScheduledRun.Failed, ex is OperationCanceledException ? "cancelled: " + ex.Message : ex.GetType().Name + ": " + ex.Message);
            _log.LogError(ex, "schedule {Key}: occurrence {Occurrence} failed", e.Key, occurrence);
        }
        await using (var db = _store.CreateContext())
        {
            var stored = await db.ScheduledRuns.SingleAsync(r => r.Id == run.Id, CancellationToken.None);
            (stored.FinishedAt, stored.Outcome, stored.Message) = (_time.GetUtcNow(), outcome, message.Length == 0 ? null : Cut(message, ScheduledRun.MessageLength));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return new ScheduledRunResult(e.Key, occurrence, outcome, message.Length == 0 ? null : message);
    }

    private static string Cut(string s, int n) => s.Length > n ? s[..n] : s;
}
