using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Maintenance;

/// <summary>
/// How long raw HJ 212 packets are kept (issue 14 item 15; docs/security.md "Store integrity, backup, restore and
/// retention"). Immutable; thread-safe.
/// </summary>
public sealed record RetentionOptions
{
    /// <summary>The legal minimum for raw monitoring records: 5 years (排污许可管理条例 Art. 19–21: 原始监测记录 and
    /// 环境管理台账 kept ≥ 5 years; ../shared/reference/supervision.md §2.2, §2.6). Accepted packets are the
    /// permit holders' raw automatic-monitoring records, so no setting keeps them for less.</summary>
    public static readonly TimeSpan LegalMinimumRawRecords = TimeSpan.FromDays(5 * 365 + 2); // 5 calendar years incl. up to 2 leap days

    /// <summary>Accepted raw packets older than this are purged — unless a stored value still names the packet as its
    /// provenance (<c>observations.raw_packet_id</c>), which keeps it as long as the value. Defaults to and may not be
    /// set below <see cref="LegalMinimumRawRecords"/>.</summary>
    public TimeSpan AcceptedRawPackets { get; init; } = LegalMinimumRawRecords;

    /// <summary>Quarantined packets (refused: unknown MN, wrong PW, bad CRC, malformed …) older than this are purged.
    /// Defaults to 90 days. SmartEnv rule; the law is silent: a refused frame is not a monitoring record (it produced no
    /// value), it is evidence for diagnosing a mis-configured logger or an attack; 90 days covers one quarter, the period
    /// of the quarterly 执行报告 in which data gaps are explained (supervision.md §2.5). At least 1 day.</summary>
    public TimeSpan QuarantinedPackets { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Quarantine counts (<c>quarantine_tallies</c>: frames, bytes and rows stored per 10-minute window, source
    /// address and reason, also of the frames beyond the quarantine quota) whose window ended longer ago than this are
    /// purged. Defaults to 366 days. SmartEnv rule; the law is silent: the counts are the only record of an attack
    /// beyond the quota and are small (bounded per window by the quota's counted addresses), so they outlive the
    /// quarantined rows and cover a whole year for the annual report. At least <see cref="QuarantinedPackets"/>.</summary>
    public TimeSpan QuarantineTallies { get; init; } = TimeSpan.FromDays(366);

    /// <summary>Rows deleted per transaction, so a purge never holds the write lock for long (the gateway commits
    /// between batches). Defaults to 5,000 (SmartEnv rule: about 50 ms of SQLite deletes on the development machine).</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>Throws when a setting is below its floor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Accepted packets below the legal minimum, quarantine below one day,
    /// batch size below 1.</exception>
    public void Validate()
    {
        if (AcceptedRawPackets < LegalMinimumRawRecords)
            throw new ArgumentOutOfRangeException(nameof(AcceptedRawPackets), AcceptedRawPackets,
                "accepted raw packets are raw monitoring records: kept at least 5 years (排污许可管理条例 Art. 19–21)");
        if (QuarantinedPackets < TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(QuarantinedPackets), QuarantinedPackets, "quarantined packets are kept at least 1 day");
        if (QuarantineTallies < QuarantinedPackets)
            throw new ArgumentOutOfRangeException(nameof(QuarantineTallies), QuarantineTallies, "quarantine counts are kept at least as long as the quarantined packets");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "at least 1");
    }
}

/// <summary>What a purge removed (or, for a dry run, would remove).</summary>
/// <param name="QuarantinedCutoff">Quarantined packets received before this instant (UTC) go.</param>
/// <param name="AcceptedCutoff">Accepted packets received before this instant (UTC) go, unless a value names them.</param>
/// <param name="Quarantined">Quarantined packets removed.</param>
/// <param name="Accepted">Accepted packets removed.</param>
/// <param name="AcceptedKept">Accepted packets older than the cutoff kept because a stored value names them.</param>
/// <param name="DryRun">True when nothing was deleted.</param>
public sealed record PurgeResult(DateTimeOffset QuarantinedCutoff, DateTimeOffset AcceptedCutoff, long Quarantined, long Accepted, long AcceptedKept, bool DryRun)
{
    /// <summary>Quarantine count rows (<c>quarantine_tallies</c>) removed: windows that ended before
    /// <see cref="TalliesCutoff"/>.</summary>
    public long Tallies { get; init; }

    /// <summary>Quarantine count windows ending before this instant (UTC) go.</summary>
    public DateTimeOffset TalliesCutoff { get; init; }

    /// <summary>PostgreSQL: month partitions of raw packets dropped whole (their rows are counted in
    /// <see cref="Quarantined"/> / <see cref="Accepted"/>); 0 on SQLite and for a dry run.</summary>
    public int PartitionsDropped { get; init; }
}

/// <summary>
/// <c>smartenv store purge</c>: deletes raw packets and quarantine counts past their retention (<see cref="RetentionOptions"/>) in batches of
/// <see cref="RetentionOptions.BatchSize"/> rows, then writes one audit entry <c>store.purge</c> (target
/// <c>store</c>/<c>raw_packets</c>) with the cutoffs and counts when it removed anything (also after a failure part-way). Observations are never deleted. Safe to run while
/// the server runs. Thread-safe (static). On PostgreSQL it first creates the month partitions around now
/// (<see cref="PostgresPartitions.EnsureMonthsAsync"/>) and drops whole month partitions of raw packets past retention:
/// every <c>raw_packets_quarantined_YYYY_MM</c> ending at or before the quarantine cutoff, every
/// <c>raw_packets_accepted_YYYY_MM</c> ending at or before the accepted cutoff of which no stored value names a packet;
/// their rows are counted in <see cref="PurgeResult.Quarantined"/> / <see cref="PurgeResult.Accepted"/> and the audit
/// entry adds <c>partitions_dropped</c>. The rest goes row by row as on SQLite. A dry run counts row by row only.
/// </summary>
public static class StorePurge
{
    /// <summary>Purges (or counts, when <paramref name="dryRun"/>).</summary>
    /// <param name="store">The store (migrated).</param>
    /// <param name="options">Retention.</param>
    /// <param name="actor">Who purges (audit).</param>
    /// <param name="time">Clock: cutoffs are now − retention.</param>
    /// <param name="dryRun">Count only; no deletes, no audit entry.</param>
    /// <param name="ct">Cancellation (between batches; committed batches stay deleted and are audited).</param>
    /// <exception cref="ArgumentOutOfRangeException">Options below their floors (<see cref="RetentionOptions.Validate"/>).</exception>
    public static async Task<PurgeResult> PurgeAsync(SmartEnvStore store, RetentionOptions options, AuditActor actor, TimeProvider time, bool dryRun = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var now = time.GetUtcNow();
        var qCut = now - options.QuarantinedPackets;
        var aCut = now - options.AcceptedRawPackets;
        var tCut = now - options.QuarantineTallies;

        await using var db = store.CreateContext();
        long q = 0, a = 0, t = 0;
        var drops = new DropCounts();
        var quarantined = db.RawPackets.Where(p => p.Status == PacketStatus.Quarantined && p.ReceivedAt < qCut);
        var acceptedOld = db.RawPackets.Where(p => p.Status == PacketStatus.Accepted && p.ReceivedAt < aCut);
        var accepted = acceptedOld.Where(p => !db.Observations.IgnoreQueryFilters().Any(o => o.RawPacketId == p.Id));
        var tallies = db.QuarantineTallies.Where(t => t.WindowEnd < tCut);
        if (dryRun)
        {
            q = await quarantined.LongCountAsync(ct);
            a = await accepted.LongCountAsync(ct);
            t = await tallies.LongCountAsync(ct);
        }
        else
        {
            try
            {
                if (store.Options.Provider == StoreProvider.Postgres)
                {
                    // Whole month partitions past retention first (issue 15, docs/storage.md "Time partitions (PostgreSQL)"),
                    // then the row path for what is left (the month at the cutoff, the DEFAULT partitions, referenced rows).
                    await PostgresPartitions.EnsureMonthsAsync(store, now, ct);
                    await DropPartitionsAsync(store, qCut, aCut, drops, ct);
                }
                q = drops.Quarantined + await DeleteInBatchesAsync(quarantined, options.BatchSize, ct);
                a = drops.Accepted + await DeleteInBatchesAsync(accepted, options.BatchSize, ct);
                t = await DeleteInBatchesAsync(tallies.OrderBy(x => x.Id), options.BatchSize, ct);
            }
            finally
            {
                (q, a) = (Math.Max(q, drops.Quarantined), Math.Max(a, drops.Accepted)); // after a failure part-way
                if (q + a + t > 0) // a purge that removed nothing changed nothing
                    await AuditTrail.AppendOperationAsync(store, actor, "store.purge", "store", "raw_packets", null,
                        new { quarantined_cutoff = qCut, accepted_cutoff = aCut, quarantined_deleted = q, accepted_deleted = a, tallies_cutoff = tCut, tallies_deleted = t, partitions_dropped = drops.Partitions },
                        reason: $"retention: quarantined {options.QuarantinedPackets.TotalDays:0.##} d, accepted {options.AcceptedRawPackets.TotalDays:0.##} d, counts {options.QuarantineTallies.TotalDays:0.##} d",
                        time: now, ct: CancellationToken.None);
            }
        }
        var kept = await acceptedOld.LongCountAsync(ct) - (dryRun ? a : 0);
        return new PurgeResult(qCut, aCut, q, a, kept, dryRun) { Tallies = t, TalliesCutoff = tCut, PartitionsDropped = drops.Partitions };
    }

    /// <summary>PostgreSQL: drops every month partition of <c>raw_packets_quarantined</c> that ends at or before the
    /// quarantine cutoff, and every one of <c>raw_packets_accepted</c> that ends at or before the accepted cutoff and
    /// none of whose packets a stored value names (checked before locking). Each partition in its own transaction: parents
    /// and partition locked, rows counted, <c>DROP TABLE</c>; a lock not granted within 5 s leaves that partition to the row path.</summary>
    private static async Task DropPartitionsAsync(SmartEnvStore store, DateTimeOffset qCut, DateTimeOffset aCut, DropCounts counts, CancellationToken ct)
    {
        await using var conn = new Npgsql.NpgsqlConnection(store.Options.ProviderConnectionString);
        await conn.OpenAsync(ct);
        foreach (var p in await PostgresPartitions.ListAsync(conn, ct))
        {
            var quarantine = p.Parent == "raw_packets_quarantined";
            if (!(quarantine && p.To <= qCut) && !(p.Parent == "raw_packets_accepted" && p.To <= aCut)) continue;
            ct.ThrowIfCancellationRequested();
            // Accepted: checked before the lock (it may read a whole month against observations' index; the gateway
            // must not wait for it). A value only ever names the packet it was written with, in that packet's
            // transaction, or loses the name (a newer packet, an import), so no value can come to name an old packet.
            if (!quarantine && (bool)(await Scalar(conn, null,
                    $"SELECT EXISTS (SELECT 1 FROM {p.Name} r WHERE EXISTS (SELECT 1 FROM observations o WHERE o.raw_packet_id = r.id))", ct))!)
                continue; // a stored value names a packet of it: the row path keeps those and deletes the others
            await using var tx = await conn.BeginTransactionAsync(ct);
            try
            {
                await Exec(conn, tx, "SET LOCAL lock_timeout = '5s'", ct);
                // Top-down like a writer's insert (raw_packets → status partition → month), so no lock cycle with it.
                await Exec(conn, tx, $"LOCK TABLE ONLY raw_packets, ONLY {p.Parent}, {p.Name} IN ACCESS EXCLUSIVE MODE", ct);
                var n = (long)(await Scalar(conn, tx, $"SELECT count(*) FROM {p.Name}", ct))!;
                await Exec(conn, tx, $"DROP TABLE {p.Name}", ct);
                await tx.CommitAsync(ct);
                if (quarantine) counts.Quarantined += n; else counts.Accepted += n;
                counts.Partitions++;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
            {
                await tx.RollbackAsync(CancellationToken.None); // busy: its rows go by the row path
            }
        }

        static async Task Exec(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? t, string sql, CancellationToken ct)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, c, t);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        static async Task<object?> Scalar(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? t, string sql, CancellationToken ct)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, c, t);
            return await cmd.ExecuteScalarAsync(ct);
        }
    }

    private sealed class DropCounts
    {
        public long Quarantined, Accepted;
        public int Partitions;
    }

    private static Task<long> DeleteInBatchesAsync(IQueryable<RawPacket> rows, int batch, CancellationToken ct) =>
        DeleteInBatchesAsync(rows.OrderBy(p => p.Id), batch, ct);

    private static async Task<long> DeleteInBatchesAsync<T>(IOrderedQueryable<T> rows, int batch, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var n = await rows.Take(batch).ExecuteDeleteAsync(ct);
            total += n;
            if (n < batch) return total;
        }
    }
}
