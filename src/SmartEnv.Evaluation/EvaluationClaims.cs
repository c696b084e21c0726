using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Storage;
using SmartEnv.Storage.Cluster;
using SmartEnv.Telemetry;

namespace SmartEnv.Evaluation;

/// <summary>
/// The evaluation work list shared by several <c>serve</c> instances on ONE PostgreSQL store
/// (docs/operations.md "Running several instances (scaleout)"): each round an instance claims due site-days of
/// <c>evaluation_days</c> (pending, or failed with the backoff passed, or claimed by an instance whose lease expired) with
/// <c>SELECT … FOR UPDATE SKIP LOCKED</c> (PostgreSQL manual, SELECT "The Locking Clause": rows locked by another claimer
/// are skipped, so no two instances claim the same day; a site with a day held by another instance is skipped, so one
/// site's days are recomputed by one instance at a time), writes its name and a lease into the rows and a record into
/// <c>evaluation_claims</c>, and commits; then it recomputes each day (<see cref="AirEvaluator.RecomputeAsync"/>) while a
/// heartbeat renews its leases every <see cref="ClusterOptions.Poll"/>, and finishes each claim: the day stays done (or
/// failed), or goes back to pending when its <see cref="Storage.Entities.EvaluationDay.Generation"/> moved on meanwhile
/// (data arrived through another instance during the computation). An instance that dies leaves its claims to lapse:
/// after <see cref="ClusterOptions.Lease"/> another instance takes them over. Time of the leases is the database's
/// (<c>clock_timestamp()</c>), so the hosts' clocks need not agree; the failure backoff keeps the queue's clock.
/// Used by <see cref="EvaluationQueue"/> on PostgreSQL only (SQLite serves single-instance). Thread-safe.
/// </summary>
public sealed class EvaluationClaims : IAsyncDisposable
{
    /// <summary>Site-days claimed at once: 8 (SmartEnv rule: few enough that another instance finds work, many enough to
    /// spare round trips).</summary>
    public const int Batch = 8;

    /// <summary>Claim records older than this are removed (once an hour by whichever instance gets there): 2 days.</summary>
    public static readonly TimeSpan KeepRecords = TimeSpan.FromDays(2);

    /// <summary>Advisory transaction lock that serialises the claims of all instances ("SmEnClam").</summary>
    private const long ClaimKey = 0x536D_456E_436C_616D;

    /// <summary>Advisory transaction lock of the record purge (one instance at a time).</summary>
    private const long PurgeKey = 0x536D_456E_5075_7267;

    private readonly SmartEnvStore _store;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    /// <summary>Creates the claimer of an instance and starts its lease heartbeat.</summary>
    /// <param name="store">A PostgreSQL store.</param>
    /// <param name="options">Instance name and lease.</param>
    /// <param name="time">Clock of the failure backoff (the queue's); system clock when null.</param>
    /// <param name="log">Logger.</param>
    /// <exception cref="ArgumentException">The store is not PostgreSQL.</exception>
    public EvaluationClaims(SmartEnvStore store, ClusterOptions options, TimeProvider? time = null, ILogger? log = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        if (store.Options.Provider != StoreProvider.Postgres) throw new ArgumentException("claims need a PostgreSQL store", nameof(store));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger.Instance;
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    /// <summary>This instance's name in the claims.</summary>
    public string Instance => _options.Instance;

    /// <summary>Site-days this instance claimed so far.</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

    private long _claimed;

    /// <summary>A claimed site-day.</summary>
    /// <param name="RecordId">Its <c>evaluation_claims</c> row.</param>
    /// <param name="SiteId">Site.</param>
    /// <param name="Day">Natural day (Beijing).</param>
    /// <param name="Generation">Generation computed.</param>
    public readonly record struct Claim(long RecordId, long SiteId, DateOnly Day, long Generation);

    /// <summary>Claims up to <see cref="Batch"/> due site-days (see the class remarks); empty when none is due.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<Claim>> ClaimAsync(CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        // Claims are serialised cluster-wide (a short transaction lock), so the check "no other instance holds a day of this
        // site" is reliable: two days of one site are never recomputed at once by two instances (a day's recomputation
        // rewrites the next day's first 23 hours, so parallel days of one site could overwrite fresher figures).
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var gate = conn.CreateCommand())
        {
            gate.Transaction = tx;
            gate.CommandText = "SELECT pg_advisory_xact_lock(@k)";
            Add(gate, "k", ClaimKey);
            await gate.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            WITH due AS (
                SELECT id FROM evaluation_days e
                WHERE (((state = 'pending' OR (state = 'failed' AND next_attempt_at <= @now)) AND (lease_until IS NULL OR lease_until < clock_timestamp()))
                       OR lease_until < clock_timestamp())
                  AND NOT EXISTS (SELECT 1 FROM evaluation_days o WHERE o.site_id = e.site_id AND o.claimed_by <> @me AND o.lease_until >= clock_timestamp())
                ORDER BY site_id, day
                LIMIT @n
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE evaluation_days d SET claimed_by = @me, lease_until = clock_timestamp() + @lease
                FROM due WHERE d.id = due.id
                RETURNING d.site_id, d.day, d.generation)
            INSERT INTO evaluation_claims (site_id, day, generation, instance, claimed_at)
            SELECT site_id, day, generation, @me, clock_timestamp() FROM claimed
            RETURNING id, site_id, day, generation
            """;
        Add(cmd, "now", _time.GetUtcNow());
        Add(cmd, "n", Batch);
        Add(cmd, "me", _options.Instance);
        Add(cmd, "lease", _options.Lease);
        var list = new List<Claim>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                list.Add(new Claim(r.GetInt64(0), r.GetInt64(1), DateOnly.FromDateTime(r.GetDateTime(2)), r.GetInt64(3)));
        await tx.CommitAsync(ct);
        Interlocked.Add(ref _claimed, list.Count);
        return list.OrderBy(c => c.SiteId).ThenBy(c => c.Day).ToList();
    }

    /// <summary>Ends a claim: releases the day, puts it back to pending when its generation moved on, and records the
    /// outcome (<c>done</c>, <c>failed</c>, <c>requeued</c>; <c>lost</c> when the lease had lapsed and another instance
    /// holds the day now).</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="succeeded">Whether the recomputation succeeded.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The recorded outcome.</returns>
    public async Task<string> FinishAsync(Claim claim, bool succeeded, CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE evaluation_days SET claimed_by = NULL, lease_until = NULL,
                state = CASE WHEN generation <> @g THEN 'pending' ELSE state END,
                next_attempt_at = CASE WHEN generation <> @g THEN NULL ELSE next_attempt_at END
            WHERE site_id = @s AND day = @d AND claimed_by = @me
            RETURNING generation <> @g
            """;
        Add(cmd, "g", claim.Generation);
        Add(cmd, "s", claim.SiteId);
        Add(cmd, "d", claim.Day);
        Add(cmd, "me", _options.Instance);
        var moved = await cmd.ExecuteScalarAsync(ct);
        var outcome = moved is null ? "lost" : (bool)moved ? "requeued" : succeeded ? "done" : "failed";
        await using var rec = conn.CreateCommand();
        rec.Transaction = tx;
        rec.CommandText = "UPDATE evaluation_claims SET finished_at = clock_timestamp(), outcome = @o WHERE id = @id";
        Add(rec, "o", outcome);
        Add(rec, "id", claim.RecordId);
        await rec.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        if (outcome == "lost") _log.LogWarning("evaluation claim of site {Site} day {Day} lapsed before {Instance} finished; another instance took it over", claim.SiteId, claim.Day, _options.Instance);
        return outcome;
    }

    /// <summary>Claims, recomputes and finishes due site-days until none is due; returns the days recomputed.</summary>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="ct">Cancellation (claims then lapse and are taken over).</param>
    public Task<(int Recomputed, int Failed)> RunAsync(AirEvaluator evaluator, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return RunAsync((site, day, c) => evaluator.RecomputeAsync(site, day, day, c), ct);
    }

    /// <summary>Claims, recomputes and finishes due site-days until none is due; returns the days recomputed.</summary>
    /// <param name="recompute">Recomputation of one site-day (marks it done, or failed and throws); the queue dispatches
    /// by site kind (AQI, or the compliance job for outlets).</param>
    /// <param name="ct">Cancellation (claims then lapse and are taken over).</param>
    public async Task<(int Recomputed, int Failed)> RunAsync(Func<long, DateOnly, CancellationToken, Task> recompute, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recompute);
        int done = 0, failed = 0;
        await PurgeRecordsAsync(ct);
        while (true)
        {
            var claims = await ClaimAsync(ct);
            if (claims.Count == 0) return (done, failed);
            foreach (var c in claims)
            {
                var ok = true;
                try
                {
                    await recompute(c.SiteId, c.Day, ct); // marks the day done, or failed with the reason
                    done++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ok = false;
                    failed++;
                    _log.LogError(ex, "AQI recomputation of site {Site} day {Day} failed; the old figures stay, the day is marked failed and retried", c.SiteId, c.Day);
                }
                var outcome = await FinishAsync(c, ok, ct);
                // Metrics as the single-instance round records them: a requeued or lost claim computed nothing final.
                if (outcome is "done" or "failed") SmartEnvMetrics.EvaluationDone(c.SiteId, c.Day, ok: outcome == "done");
            }
        }
    }

    private async Task PurgeRecordsAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (now - _lastPurge < TimeSpan.FromHours(1)) return;
        _lastPurge = now;
        await using var db = _store.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var got = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", PurgeKey).SingleAsync(ct);
        if (got) await db.Database.ExecuteSqlRawAsync("DELETE FROM evaluation_claims WHERE claimed_at < clock_timestamp() - {0}", [KeepRecords], ct);
        await tx.CommitAsync(ct);
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(_options.Poll);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await using var db = _store.CreateContext();
                    await db.Database.ExecuteSqlRawAsync("UPDATE evaluation_days SET lease_until = clock_timestamp() + {0} WHERE claimed_by = {1}",
                        [_options.Lease, _options.Instance], _stop.Token);
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
                {
                    _log.LogWarning(ex, "could not renew the evaluation claims of {Instance}; they lapse after {Lease} unless renewed", _options.Instance, _options.Lease);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>Stops the heartbeat (unfinished claims lapse after the lease).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        await _heartbeat;
        _stop.Dispose();
    }
}
