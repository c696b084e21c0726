using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Writes packets and observations in one transaction per batch (group commit). Observations are upserted on the
/// measurement key (site_id, parameter_code, period, data_time) with <c>INSERT … ON CONFLICT DO NOTHING</c> and an
/// <c>UPDATE … WHERE … IS DISTINCT FROM</c>, the same SQL on SQLite (≥ 3.39) and PostgreSQL: a retransmission or a
/// re-import leaves the row untouched (its provenance stays the first packet or import run), a corrected resend or a
/// changed file updates value, unit, flag, min, max and provenance. In the same transaction:
/// <list type="bullet">
/// <item>an accepted packet whose (MN, QN) is already stored is not stored again (<see cref="PacketWrite.Duplicate"/>,
/// table <c>packet_keys</c>; <see cref="DeduplicatesResends"/>);</item>
/// <item>the hour aggregates of minute / real-time pollutant values (<see cref="HourSum"/>) follow the values: an inserted
/// value after the hour's last counted instant adds to its hour, any other change marks the hour stale (rebuilt from its
/// values by the evaluator).</item>
/// </list>
/// Bulk statements: on PostgreSQL one statement per table over <c>unnest()</c>ed arrays; on SQLite multi-row
/// <c>VALUES</c> statements of up to <see cref="SqliteBulk.RowsPerStatement"/> rows bound by position (SQLite's own
/// prepared statements, <c>SqliteBulk</c>; the raw packets one prepared statement stepped per packet).
/// When <see cref="WriteAsync"/> returns, the batch is durably committed. Not thread-safe: use one writer per
/// batch loop.
/// </summary>
public sealed class ObservationWriter
{
    private const string UpdateSql = """
        UPDATE "observations" SET "value" = @value, "value_text" = @text, "unit" = @unit, "min" = @min, "max" = @max, "flag" = @flag,
          "mn" = @mn, "raw_packet_id" = @raw, "import_log_id" = @import, "source_row" = @row, "stored_at" = @stored
        WHERE "site_id" = @site AND "parameter_code" = @code AND "period" = @period AND "data_time" = @dt
          AND ("value_text" IS DISTINCT FROM @text OR "flag" IS DISTINCT FROM @flag OR "unit" IS DISTINCT FROM @unit
               OR "min" IS DISTINCT FROM @min OR "max" IS DISTINCT FROM @max)
        """;

    // PostgreSQL: one statement per batch for all MNs (a batch may hold 1,000 loggers).
    private const string ReceiptSql = """
        UPDATE "devices" AS d SET "last_data_received_at" = v.at
        FROM unnest(@mn, @at) AS v(mn, at)
        WHERE d."mn" = v.mn AND (d."last_data_received_at" IS NULL OR d."last_data_received_at" < v.at)
        """;

    /// <summary>Default of <see cref="ResendWindow"/>: 48 h. SmartEnv rule; HJ 212-2017 sets the answer timeout and the retry
    /// count (table 1) but not how long a logger keeps an unanswered upload before it resends it after an outage; 48 h
    /// covers a logger offline for a day. A resend older than that is stored again as a raw row, as before this rule, and
    /// its values, unchanged, write nothing.</summary>
    public static readonly TimeSpan DefaultResendWindow = TimeSpan.FromHours(48);

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    /// <summary>Creates a writer.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">Clock for <c>stored_at</c>; defaults to the system clock.</param>
    public ObservationWriter(SmartEnvStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether <see cref="WriteAsync"/> moves <see cref="Device.LastDataReceivedAt"/> (default true: packets from
    /// the wire). File imports of logged packets set false: an archive arriving says nothing about the logger now.</summary>
    public bool RecordsReceipt { get; init; } = true;

    /// <summary>Whether <see cref="WriteAsync"/> drops accepted packets whose (MN, QN) is already stored
    /// (<see cref="PacketWrite.Duplicate"/>) and records the keys of those it stores (default true: packets from the wire).
    /// File imports set false: a log line is identified by its file and line, not by its QN.</summary>
    public bool DeduplicatesResends { get; init; } = true;

    /// <summary>How long the (MN, QN) of a stored packet is remembered (<see cref="DefaultResendWindow"/>); older keys are
    /// deleted at most once a minute, after a commit.</summary>
    public TimeSpan ResendWindow { get; init; } = DefaultResendWindow;

    /// <summary>When set, the AQI day a stored value feeds (null: none) — its site-day is marked pending in
    /// <c>evaluation_days</c> in the batch's own transaction (<see cref="EvaluationDayMarks"/>), so a kill right after the
    /// commit cannot lose the recomputation (issue 15). Set by the composition root from the evaluation's rule
    /// (<c>EvaluationQueue.DayOf</c>); null (default): no marks.</summary>
    public Func<ObservationInput, DateOnly?>? EvaluationDayOf { get; init; }

    /// <summary>Stores a batch of packets (raw rows get their ids) and their observations in one transaction, and moves
    /// <see cref="Device.LastDataReceivedAt"/> of each MN whose packet carried values to the packet's receive time
    /// (unless <see cref="RecordsReceipt"/> is false). Sets <see cref="PacketWrite.Duplicate"/> of every packet.</summary>
    /// <param name="packets">The batch; may be empty.</param>
    /// <param name="ct">Cancellation; a cancelled batch is rolled back.</param>
    /// <returns>Counts; returned only after commit.</returns>
    /// <exception cref="StoreUnavailableException">The database failed; nothing of the batch is stored.</exception>
    public async Task<WriteResult> WriteAsync(IReadOnlyList<PacketWrite> packets, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(packets);
        foreach (var p in packets) p.Duplicate = false;
        WriteResult result;
        try
        {
            await using var db = _store.CreateContext();
            await OpenAsync(db, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (DeduplicatesResends) await MarkDuplicatesAsync(db, tx, packets, ct);
            var stored = packets.Where(p => !p.Duplicate).ToList();
            foreach (var p in stored) p.Raw.ReceivedAt = p.Raw.ReceivedAt.ToUniversalTime();
            if (db.Provider == StoreProvider.Sqlite) InsertRawSqlite((SqliteConnection)db.Database.GetDbConnection(), stored);
            else await InsertRawPostgresAsync(db, tx, stored, ct);
            var counts = new Counter();
            await UpsertAllAsync(db, tx, stored.SelectMany(p => p.Observations.Select(o => (o, (long?)p.Raw.Id))), counts, ct);
            if (EvaluationDayOf is { } dayOf)
                await EvaluationDayMarks.MarkPendingAsync(db, stored.SelectMany(p => p.Observations)
                    .Select(o => (o.SiteId, Day: dayOf(o))).Where(d => d.Day is not null).Select(d => (d.SiteId, d.Day!.Value)), _time.GetUtcNow(), ct);
            // Devices that delivered data in this batch (a resend too: the logger is alive): latest receive time (the
            // offline rule's clock, docs/alerts.md).
            var receipts = packets.Where(p => RecordsReceipt && p.Observations.Count > 0 && p.Raw.Mn is not null)
                .GroupBy(p => p.Raw.Mn!, StringComparer.Ordinal).Select(g => (Mn: g.Key, At: g.Max(p => p.Raw.ReceivedAt).ToUniversalTime())).ToList();
            if (receipts.Count > 0 && db.Provider == StoreProvider.Postgres)
                await db.Database.ExecuteSqlRawAsync(ReceiptSql,
                    [new Npgsql.NpgsqlParameter<string[]>("mn", receipts.Select(r => r.Mn).ToArray()),
                     new Npgsql.NpgsqlParameter<DateTimeOffset[]>("at", receipts.Select(r => r.At).ToArray())], ct);
            else if (receipts.Count > 0)
                UpdateReceiptsSqlite((SqliteConnection)db.Database.GetDbConnection(), receipts);
            await tx.CommitAsync(ct);
            result = new WriteResult(stored.Count, counts.Inserted, counts.Changed, counts.Unchanged) { Duplicates = packets.Count - stored.Count };
            if (DeduplicatesResends) await PruneKeysAsync(db);
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(_store.Options, ex);
        }
        catch (DbUpdateException ex)
        {
            throw new StoreUnavailableException(_store.Options, ex);
        }
        return result;
    }

    /// <summary>Upserts observations without raw packets (file imports) in one transaction.</summary>
    /// <param name="observations">Values to store.</param>
    /// <param name="ct">Cancellation; a cancelled call is rolled back.</param>
    /// <returns>Counts (Packets = 0).</returns>
    /// <exception cref="StoreUnavailableException">The database failed; nothing is stored.</exception>
    public async Task<WriteResult> UpsertAsync(IEnumerable<ObservationInput> observations, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        try
        {
            await using var db = _store.CreateContext();
            await OpenAsync(db, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var counts = new Counter();
            await UpsertAllAsync(db, tx, observations.Select(o => (o, (long?)null)), counts, ct);
            await tx.CommitAsync(ct);
            return new WriteResult(0, counts.Inserted, counts.Changed, counts.Unchanged);
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(_store.Options, ex);
        }
    }

    /// <summary>Opens the context's connection; on SQLite registers <c>smartenv_dec_add(a, b)</c>, the exact decimal sum
    /// of two invariant decimal texts (SQLite has no decimal type; its own <c>+</c> would round through a double).</summary>
    private static async Task OpenAsync(SmartEnvDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            sqlite.CreateFunction<string?, string?, string?>("smartenv_dec_add", static (a, b) =>
                a is null || b is null ? null
                : (decimal.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture) + decimal.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture))
                    .ToString(CultureInfo.InvariantCulture), isDeterministic: true);
    }

    private const string RawColumns = "\"text\",\"received_at\",\"peer\",\"mn\",\"cn\",\"qn\",\"framing_diagnostics\",\"crc_valid\",\"status\",\"quarantine_reason\",\"quarantine_detail\"";

    /// <summary>SQLite: the raw packets through one prepared statement (bound by position, stepped per packet), each
    /// packet's id read from <c>RETURNING</c> (before: EF Core change tracking, about a tenth of a commit).</summary>
    private static void InsertRawSqlite(SqliteConnection conn, List<PacketWrite> packets)
    {
        if (packets.Count == 0) return;
        var db = conn.Handle!;
        var stmt = SqliteBulk.Prepare(db, $"INSERT INTO \"raw_packets\" ({RawColumns}) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING \"id\"");
        try
        {
            foreach (var p in packets)
            {
                var r = p.Raw;
                object?[] values =
                [
                    r.Text, r.ReceivedAt.ToUnixTimeMilliseconds(), r.Peer, r.Mn, r.Cn, r.Qn, r.FramingDiagnostics, r.CrcValid,
                    SnakeCaseEnumConverter<PacketStatus>.ToSnake(r.Status.ToString()),
                    r.QuarantineReason is { } q ? SnakeCaseEnumConverter<QuarantineReason>.ToSnake(q.ToString()) : null, r.QuarantineDetail,
                ];
                for (var c = 0; c < values.Length; c++) SqliteBulk.Bind(db, stmt, c + 1, values[c]);
                SqliteBulk.Step(db, stmt, row => r.Id = SQLitePCL.raw.sqlite3_column_int64(row, 0));
            }
        }
        finally { SQLitePCL.raw.sqlite3_finalize(stmt); }
    }

    /// <summary>PostgreSQL: the ids are drawn from the column's sequence first (one round trip), then all packets go in
    /// one <c>INSERT … SELECT FROM unnest()</c> (before: EF Core change tracking with a savepoint, the client's share of a
    /// 2,000-station commit).</summary>
    private static async Task InsertRawPostgresAsync(SmartEnvDbContext db, IDbContextTransaction tx, List<PacketWrite> packets, CancellationToken ct)
    {
        if (packets.Count == 0) return;
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var ntx = (Npgsql.NpgsqlTransaction)tx.GetDbTransaction();
        var ids = new long[packets.Count];
        await using (var seq = new Npgsql.NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('raw_packets', 'id')) FROM generate_series(1, @n)", conn, ntx))
        {
            seq.Parameters.Add(new Npgsql.NpgsqlParameter<int>("n", packets.Count));
            await using var r = await seq.ExecuteReaderAsync(ct);
            for (var i = 0; await r.ReadAsync(ct); i++) ids[i] = r.GetInt64(0);
        }
        await using var cmd = new Npgsql.NpgsqlCommand($"""
            INSERT INTO "raw_packets" ("id",{RawColumns})
            SELECT * FROM unnest(@id, @text, @at, @peer, @mn, @cn, @qn, @framing, @crc, @status, @reason, @detail)
            """, conn, ntx);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("id", ids));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("text", packets.Select(p => p.Raw.Text).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("at", packets.Select(p => p.Raw.ReceivedAt.ToUniversalTime()).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("peer", packets.Select(p => p.Raw.Peer).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("mn", packets.Select(p => p.Raw.Mn).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("cn", packets.Select(p => p.Raw.Cn).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("qn", packets.Select(p => p.Raw.Qn).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("framing", packets.Select(p => p.Raw.FramingDiagnostics).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<bool[]>("crc", packets.Select(p => p.Raw.CrcValid).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("status", packets.Select(p => SnakeCaseEnumConverter<PacketStatus>.ToSnake(p.Raw.Status.ToString())).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("reason", packets.Select(p => p.Raw.QuarantineReason is { } q ? SnakeCaseEnumConverter<QuarantineReason>.ToSnake(q.ToString()) : null).ToArray()));
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("detail", packets.Select(p => p.Raw.QuarantineDetail).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < packets.Count; i++) packets[i].Raw.Id = ids[i];
    }

    /// <summary>SQLite: the devices' latest data receipt, one prepared statement stepped per MN (before: one EF Core
    /// <c>ExecuteUpdate</c> per MN, compiled again each time).</summary>
    private static void UpdateReceiptsSqlite(SqliteConnection conn, List<(string Mn, DateTimeOffset At)> receipts)
    {
        var db = conn.Handle!;
        var stmt = SqliteBulk.Prepare(db, """
            UPDATE "devices" SET "last_data_received_at" = ?1 WHERE "mn" = ?2 AND ("last_data_received_at" IS NULL OR "last_data_received_at" < ?1)
            """);
        try
        {
            foreach (var (mn, at) in receipts)
            {
                SqliteBulk.Bind(db, stmt, 1, at.ToUnixTimeMilliseconds());
                SqliteBulk.Bind(db, stmt, 2, mn);
                SqliteBulk.Step(db, stmt);
            }
        }
        finally { SQLitePCL.raw.sqlite3_finalize(stmt); }
    }

    private sealed class Counter
    {
        public int Inserted, Changed, Unchanged;
    }

    // ---- resend de-duplication -------------------------------------------------------------------------------------

    /// <summary>First 8 bytes of the SHA-256 of a packet's text (<see cref="PacketKey.TextHash"/>).</summary>
    /// <param name="text">Packet text as stored.</param>
    public static long TextHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
    }

    /// <summary>Marks the accepted packets whose (MN, QN) and text repeat a stored packet or an earlier one of the batch, and
    /// records the keys of the others (same transaction: a rolled-back batch records none). A stored key with another text
    /// (a QN reused for other data) is no duplicate: the packet is stored, the key keeps its first text.</summary>
    private async Task MarkDuplicatesAsync(SmartEnvDbContext db, IDbContextTransaction tx, IReadOnlyList<PacketWrite> packets, CancellationToken ct)
    {
        var seen = new Dictionary<(string, string), long>();
        var firsts = new List<(PacketWrite P, long Hash)>();
        foreach (var p in packets)
        {
            if (p.Raw.Status != PacketStatus.Accepted || p.Raw.Mn is not { } mn || p.Raw.Qn is not { } qn) continue;
            var hash = TextHash(p.Raw.Text);
            if (seen.TryGetValue((mn, qn), out var h)) { p.Duplicate = h == hash; continue; } // the same packet twice in one batch
            seen[(mn, qn)] = hash;
            firsts.Add((p, hash));
        }
        if (firsts.Count == 0) return;
        var added = new HashSet<(string, string)>();
        var conn = db.Database.GetDbConnection();
        var dtx = tx.GetDbTransaction();
        if (db.Provider == StoreProvider.Postgres)
        {
            await using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO "packet_keys" ("mn","qn","received_at","text_hash") SELECT * FROM unnest(@mn, @qn, @at, @hash)
                ON CONFLICT ("mn","qn") DO NOTHING RETURNING "mn","qn"
                """, (Npgsql.NpgsqlConnection)conn, (Npgsql.NpgsqlTransaction)dtx);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("mn", firsts.Select(f => f.P.Raw.Mn!).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("qn", firsts.Select(f => f.P.Raw.Qn!).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("at", firsts.Select(f => f.P.Raw.ReceivedAt.ToUniversalTime()).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("hash", firsts.Select(f => f.Hash).ToArray()));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) added.Add((r.GetString(0), r.GetString(1)));
        }
        else
        {
            var rows = firsts.Select(f => new object?[] { f.P.Raw.Mn, f.P.Raw.Qn, f.P.Raw.ReceivedAt.ToUnixTimeMilliseconds(), f.Hash }).ToList();
            SqliteBulk.Run((SqliteConnection)conn, """INSERT INTO "packet_keys" ("mn","qn","received_at","text_hash") VALUES """,
                """ ON CONFLICT ("mn","qn") DO NOTHING RETURNING "mn","qn" """, 4, rows,
                r => added.Add((SqliteBulk.Text(r, 0)!, SqliteBulk.Text(r, 1)!)));
        }
        // Keys already stored (resends, rare): a duplicate only if the stored text is the same.
        foreach (var (p, hash) in firsts.Where(f => !added.Contains((f.P.Raw.Mn!, f.P.Raw.Qn!))))
        {
            var (mn, qn) = (p.Raw.Mn!, p.Raw.Qn!);
            var stored = await db.PacketKeys.Where(k => k.Mn == mn && k.Qn == qn).Select(k => (long?)k.TextHash).FirstOrDefaultAsync(ct);
            p.Duplicate = stored == hash;
        }
    }

    /// <summary>Deletes keys older than <see cref="ResendWindow"/>, at most once a minute, after a commit and outside its
    /// transaction; a failure is ignored (the batch is committed; the next prune retries).</summary>
    private async Task PruneKeysAsync(SmartEnvDbContext db)
    {
        var now = _time.GetUtcNow();
        if (now < _nextPrune) return;
        _nextPrune = now.AddMinutes(1);
        var cut = now - ResendWindow;
        try { await db.PacketKeys.Where(k => k.ReceivedAt < cut).ExecuteDeleteAsync(); }
        catch (Exception ex) when (ex is DbException or InvalidOperationException) { _ = ex; }
    }

    // ---- observations ----------------------------------------------------------------------------------------------

    /// <summary>A value the upsert inserted (adds to its hour) or changed (marks its hour stale).</summary>
    private readonly record struct Touched(ObservationInput Obs, bool Inserted);

    private async Task UpsertAllAsync(SmartEnvDbContext db, IDbContextTransaction tx, IEnumerable<(ObservationInput Obs, long? RawId)> rows, Counter counts, CancellationToken ct)
    {
        var touched = new List<Touched>();
        if (db.Provider == StoreProvider.Postgres) await PostgresBulkUpsertAsync(db, tx, rows, counts, touched, ct);
        else await SqliteUpsertAsync(db, tx, rows, counts, touched, ct);
        await UpdateHourSumsAsync(db, tx, touched, ct);
    }

    private const string BulkColumns = "\"site_id\",\"parameter_code\",\"period\",\"data_time\",\"value\",\"value_text\",\"unit\",\"min\",\"max\",\"flag\",\"mn\",\"raw_packet_id\",\"import_log_id\",\"source_row\",\"stored_at\"";

    private const string BulkSource = "unnest(@site, @code, @period, @dt, @value, @text, @unit, @min, @max, @flag, @mn, @raw, @import, @row, @stored)";

    private const string KeyColumns = "\"site_id\",\"parameter_code\",\"period\",\"data_time\"";

    private static string PeriodText(PeriodType p) => SnakeCaseEnumConverter<PeriodType>.ToSnake(p.ToString());

    /// <summary>PostgreSQL: two statements per call over unnest()ed arrays instead of two round trips per value; each
    /// returns the keys it wrote. Keys repeated within the call are reduced to their last occurrence first (last write
    /// wins, as row by row).</summary>
    private async Task PostgresBulkUpsertAsync(SmartEnvDbContext db, IDbContextTransaction tx, IEnumerable<(ObservationInput Obs, long? RawId)> rows, Counter counts,
        List<Touched> touched, CancellationToken ct)
    {
        var now = _time.GetUtcNow().ToUniversalTime();
        var last = new Dictionary<(long, string, PeriodType, long), (ObservationInput, long?)>();
        var total = 0;
        foreach (var r in rows)
        {
            last[(r.Obs.SiteId, r.Obs.ParameterCode, r.Obs.Period, Micros(r.Obs.DataTime))] = r;
            total++;
        }
        if (total == 0) return;
        var list = last.Values.ToList();
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var ntx = (Npgsql.NpgsqlTransaction)tx.GetDbTransaction();
        void Fill(Npgsql.NpgsqlCommand c, List<(ObservationInput, long?)> list)
        {
            c.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("site", list.Select(x => x.Item1.SiteId).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("code", list.Select(x => x.Item1.ParameterCode).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("period", list.Select(x => PeriodText(x.Item1.Period)).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("dt", list.Select(x => x.Item1.DataTime.ToUniversalTime()).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<decimal?[]>("value", list.Select(x => x.Item1.Value).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("text", list.Select(x => x.Item1.ValueText).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<decimal?[]>("min", list.Select(x => x.Item1.Min).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<decimal?[]>("max", list.Select(x => x.Item1.Max).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("unit", list.Select(x => x.Item1.Unit).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("flag", list.Select(x => x.Item1.Flag).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("mn", list.Select(x => x.Item1.Mn).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<long?[]>("raw", list.Select(x => x.Item2).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<long?[]>("import", list.Select(x => x.Item1.ImportLogId).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<int?[]>("row", list.Select(x => x.Item1.SourceRow).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("stored", Enumerable.Repeat(now, list.Count).ToArray()));
        }
        async Task<HashSet<(long, string, string, long)>> RunAsync(string sql, List<(ObservationInput, long?)> list)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, conn, ntx);
            Fill(cmd, list);
            var keys = new HashSet<(long, string, string, long)>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) keys.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), Micros(r.GetFieldValue<DateTimeOffset>(3))));
            return keys;
        }
        var inserted = await RunAsync(
            $"INSERT INTO \"observations\" ({BulkColumns}) SELECT * FROM {BulkSource} ON CONFLICT ({KeyColumns}) DO NOTHING RETURNING {KeyColumns}", list);
        // Only the values that met a stored key can change one (issue 15: the update over the whole batch joined it with
        // the observations table, half of a 2,000-station commit, although a batch of new values changes nothing).
        var rest = list.Where(x => !inserted.Contains((x.Item1.SiteId, x.Item1.ParameterCode, PeriodText(x.Item1.Period), Micros(x.Item1.DataTime)))).ToList();
        var changed = rest.Count == 0 ? [] : await RunAsync($"""
            UPDATE "observations" AS o SET "value" = x."value", "value_text" = x."value_text", "unit" = x."unit", "min" = x."min", "max" = x."max",
              "flag" = x."flag", "mn" = x."mn", "raw_packet_id" = x."raw_packet_id", "import_log_id" = x."import_log_id",
              "source_row" = x."source_row", "stored_at" = x."stored_at"
            FROM {BulkSource} AS x({BulkColumns})
            WHERE o."site_id" = x."site_id" AND o."parameter_code" = x."parameter_code" AND o."period" = x."period" AND o."data_time" = x."data_time"
              AND (o."value_text" IS DISTINCT FROM x."value_text" OR o."flag" IS DISTINCT FROM x."flag" OR o."unit" IS DISTINCT FROM x."unit"
                   OR o."min" IS DISTINCT FROM x."min" OR o."max" IS DISTINCT FROM x."max")
            RETURNING o."site_id", o."parameter_code", o."period", o."data_time"
            """, rest);
        foreach (var (o, _) in list)
        {
            var key = (o.SiteId, o.ParameterCode, PeriodText(o.Period), Micros(o.DataTime));
            if (inserted.Contains(key)) touched.Add(new Touched(o, true));
            else if (changed.Contains(key)) touched.Add(new Touched(o, false));
        }
        counts.Inserted += inserted.Count;
        counts.Changed += changed.Count;
        counts.Unchanged += total - inserted.Count - changed.Count;
    }

    private static long Micros(DateTimeOffset t) => t.UtcTicks / 10;

    /// <summary>SQLite: multi-row <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> the inserted keys, then the prepared
    /// update for each value that was not inserted, in input order (so a key repeated in the call ends with its last
    /// value, as row by row).</summary>
    private async Task SqliteUpsertAsync(SmartEnvDbContext db, IDbContextTransaction tx, IEnumerable<(ObservationInput Obs, long? RawId)> rows, Counter counts,
        List<Touched> touched, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var dtx = tx.GetDbTransaction();
        var stored = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var update = CreateUpdate(conn, dtx);
        var chunk = new List<(ObservationInput Obs, long? RawId)>(SqliteBulk.RowsPerStatement);
        using var insert = new SqliteBulk.Runner((SqliteConnection)conn, $"INSERT INTO \"observations\" ({BulkColumns}) VALUES ",
            $" ON CONFLICT ({KeyColumns}) DO NOTHING RETURNING {KeyColumns}", 15);
        async Task FlushAsync()
        {
            if (chunk.Count == 0) return;
            var inserted = new HashSet<(long, string, string, long)>();
            var values = chunk.Select(r => new object?[]
            {
                r.Obs.SiteId, r.Obs.ParameterCode, PeriodText(r.Obs.Period), r.Obs.DataTime.ToUnixTimeMilliseconds(), DecText(r.Obs.Value),
                r.Obs.ValueText, r.Obs.Unit, DecText(r.Obs.Min), DecText(r.Obs.Max), r.Obs.Flag, r.Obs.Mn, r.RawId, r.Obs.ImportLogId, r.Obs.SourceRow, stored,
            }).ToList();
            insert.Run(values,
                r => inserted.Add((SQLitePCL.raw.sqlite3_column_int64(r, 0), SqliteBulk.Text(r, 1)!, SqliteBulk.Text(r, 2)!, SQLitePCL.raw.sqlite3_column_int64(r, 3))));
            for (var i = 0; i < chunk.Count; i++)
            {
                var (o, raw) = chunk[i];
                if (inserted.Remove((o.SiteId, o.ParameterCode, PeriodText(o.Period), o.DataTime.ToUnixTimeMilliseconds())))
                {
                    counts.Inserted++;
                    touched.Add(new Touched(o, true));
                    continue;
                }
                var ps = update.Parameters;
                for (var c = 0; c < 15; c++) ps[c].Value = values[i][c] ?? DBNull.Value;
                if (await update.ExecuteNonQueryAsync(ct) == 1)
                {
                    counts.Changed++;
                    touched.Add(new Touched(o, false));
                }
                else counts.Unchanged++;
            }
            chunk.Clear();
        }
        foreach (var r in rows)
        {
            chunk.Add(r);
            if (chunk.Count == SqliteBulk.RowsPerStatement) await FlushAsync();
        }
        await FlushAsync();
    }

    private static string? DecText(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] UpdateParameters = ["site", "code", "period", "dt", "value", "text", "unit", "min", "max", "flag", "mn", "raw", "import", "row", "stored"];

    private static DbCommand CreateUpdate(DbConnection conn, DbTransaction tx)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = UpdateSql;
        foreach (var name in UpdateParameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    // ---- hour aggregates -------------------------------------------------------------------------------------------

    private const string HourSumColumns = "\"site_id\",\"parameter_code\",\"period\",\"hour_start\",\"samples\",\"sum\",\"first_at\",\"last_at\",\"min_gap_micros\",\"stale\",\"version\"";

    // The merge of a batch's contribution into a stored hour (same rule on both engines): values after the stored last
    // instant add; anything else (a value at or before it, a changed value: excluded.stale) makes the hour stale.
    private const string HourSumMergeHead = """
        ON CONFLICT ("site_id","parameter_code","period","hour_start") DO UPDATE SET
          "stale" = h."stale" OR excluded."stale" OR (excluded."samples" > 0 AND h."last_at" IS NOT NULL AND excluded."first_at" <= h."last_at"),
          "samples" = h."samples" + excluded."samples",
          "first_at" = COALESCE(h."first_at", excluded."first_at"),
          "last_at" = COALESCE(excluded."last_at", h."last_at"),
          "version" = h."version" + 1,
        """;

    private const string PostgresHourSumSql = $"""
        INSERT INTO "hour_sums" AS h ({HourSumColumns})
        SELECT s, c, p, hr, n, sm, f, l, g, st, 1 FROM unnest(@site, @code, @period, @hour, @samples, @sum, @first, @last, @gap, @stale) AS x(s, c, p, hr, n, sm, f, l, g, st)
        {HourSumMergeHead}
          "sum" = h."sum" + excluded."sum",
          "min_gap_micros" = LEAST(h."min_gap_micros", excluded."min_gap_micros", (EXTRACT(EPOCH FROM excluded."first_at" - h."last_at") * 1000000)::bigint)
        """;

    // SQLite: instants are Unix ms; MIN(a, b, c) is NULL when any argument is, hence the sentinel.
    private const string SqliteHourSumTail = $"""
         {HourSumMergeHead}
          "sum" = smartenv_dec_add(h."sum", excluded."sum"),
          "min_gap_micros" = NULLIF(MIN(COALESCE(h."min_gap_micros", 9223372036854775807), COALESCE(excluded."min_gap_micros", 9223372036854775807),
            CASE WHEN h."last_at" IS NULL OR excluded."first_at" IS NULL THEN 9223372036854775807 ELSE (excluded."first_at" - h."last_at") * 1000 END), 9223372036854775807)
        """;

    /// <summary>One row per touched hour: the counted values the batch inserted there (adds) and whether a value of the hour
    /// changed (stale).</summary>
    private static async Task UpdateHourSumsAsync(SmartEnvDbContext db, IDbContextTransaction tx, List<Touched> touched, CancellationToken ct)
    {
        var hours = touched.Where(t => HourSums.Tracks(t.Obs.Period, t.Obs.ParameterCode))
            .GroupBy(t => (t.Obs.SiteId, t.Obs.ParameterCode, t.Obs.Period, Hour: HourSums.HourOf(t.Obs.DataTime)))
            .Select(g =>
            {
                var a = HourSums.Of(g.Where(t => t.Inserted && HourSums.Counts(t.Obs.Value, t.Obs.Flag)).Select(t => (t.Obs.DataTime, t.Obs.Value!.Value)));
                return (g.Key, a, Stale: g.Any(t => !t.Inserted));
            })
            .Where(h => h.a.Samples > 0 || h.Stale)
            .OrderBy(h => h.Key.SiteId).ThenBy(h => h.Key.ParameterCode, StringComparer.Ordinal).ThenBy(h => h.Key.Period).ThenBy(h => h.Key.Hour) // one lock order
            .ToList();
        if (hours.Count == 0) return;
        var conn = db.Database.GetDbConnection();
        var dtx = tx.GetDbTransaction();
        if (db.Provider == StoreProvider.Postgres)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(PostgresHourSumSql, (Npgsql.NpgsqlConnection)conn, (Npgsql.NpgsqlTransaction)dtx);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("site", hours.Select(h => h.Key.SiteId).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("code", hours.Select(h => h.Key.ParameterCode).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("period", hours.Select(h => PeriodText(h.Key.Period)).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("hour", hours.Select(h => h.Key.Hour).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<int[]>("samples", hours.Select(h => h.a.Samples).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<decimal[]>("sum", hours.Select(h => h.a.Sum).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset?[]>("first", hours.Select(h => h.a.First).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset?[]>("last", hours.Select(h => h.a.Last).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long?[]>("gap", hours.Select(h => h.a.MinGapMicros).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<bool[]>("stale", hours.Select(h => h.Stale).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        var rows = hours.Select(h => new object?[]
        {
            h.Key.SiteId, h.Key.ParameterCode, PeriodText(h.Key.Period), h.Key.Hour.ToUnixTimeMilliseconds(), h.a.Samples, DecText(h.a.Sum),
            h.a.First?.ToUnixTimeMilliseconds(), h.a.Last?.ToUnixTimeMilliseconds(), h.a.MinGapMicros, h.Stale ? 1 : 0, 1,
        }).ToList();
        SqliteBulk.Run((SqliteConnection)conn, $"INSERT INTO \"hour_sums\" AS h ({HourSumColumns}) VALUES ", SqliteHourSumTail, 11, rows);
    }
}
