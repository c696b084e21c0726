using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// The write path of the file imports (issue 14 items 7 and 9): a run's values are <b>staged</b> in
/// <c>import_staged_values</c> (chunks in transactions of their own, read by nothing), then <b>applied</b> in one
/// transaction that upserts them into <c>observations</c>, marks the natural days of their air values pending for the
/// evaluation, writes the replaced values' history to the audit trail and sets the run <see cref="ImportState.Applied"/>.
/// A crash or error before that commit leaves only staged rows, which <see cref="DiscardAsync"/> (in-process) or
/// <see cref="ImportRecovery"/> (at the next start) delete; so an import is applied whole or leaves nothing visible.
/// <para><b>Changed values.</b> A staged value whose measurement key holds a stored value with a different text, unit, flag,
/// min or max would change an official value. Unless the run may replace (<c>--replace</c>, <c>replace=true</c>) the apply
/// is refused and nothing is written: the result counts them and gives the first <see cref="ExampleCount"/> (site,
/// parameter, period, time, old → new). With replace, each batch of <see cref="HistoryBatch"/> changed values gets one audit
/// entry <c>import.values.replace</c> (before: the stored values with their provenance; after: the new ones; actor: who ran
/// the import) in the apply transaction. SmartEnv rule; no standard prescribes how a re-published file is handled.</para>
/// <para><b>Cost.</b> The apply holds the write lock (SQLite) / the audit chain lock (PostgreSQL) for one set-based
/// <c>INSERT … SELECT</c> (and the <c>UPDATE … FROM</c> only when values change) over the whole file (timings:
/// docs/PERFORMANCE.md "Imports (issue 15)"); the gateway's SQLite commits wait meanwhile. The staged rows are deleted
/// after the apply's commit.</para>
/// Not thread-safe per run (one importing flow per run); different runs may stage concurrently.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="time">Clock for <c>stored_at</c>, heartbeats and audit times; system clock when null.</param>
public sealed class ImportStaging(SmartEnvStore store, TimeProvider? time = null)
{
    /// <summary>Changed values listed by a refusal or summary: 20 (enough to recognise the pattern; the count is exact).</summary>
    public const int ExampleCount = 20;

    /// <summary>Changed values per audit entry: 500 (keeps one entry's JSON near 100 KB).</summary>
    public const int HistoryBatch = 500;

    /// <summary>Audit action of one batch of replaced values.</summary>
    public const string ReplaceAction = "import.values.replace";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const string StageColumns = "\"import_log_id\",\"site_id\",\"parameter_code\",\"period\",\"data_time\",\"value\",\"value_text\",\"unit\",\"min\",\"max\",\"flag\",\"source_row\"";

    private const string StageConflict = """
        ON CONFLICT ("import_log_id","site_id","parameter_code","period","data_time") DO UPDATE SET "value" = excluded."value",
          "value_text" = excluded."value_text", "unit" = excluded."unit", "min" = excluded."min", "max" = excluded."max",
          "flag" = excluded."flag", "source_row" = excluded."source_row"
        """;

    /// <summary>Stages values of a running import in one transaction (a repeated key keeps its last value) and renews the
    /// run's heartbeat. PostgreSQL: the chunk (its repeated keys folded in memory) goes by binary <c>COPY</c> into a
    /// temporary table dropped at commit, then one <c>INSERT … SELECT … ON CONFLICT</c> moves it into
    /// <c>import_staged_values</c> (a repeated key across chunks keeps the later one). SQLite: one prepared multi-row
    /// <c>INSERT … ON CONFLICT</c> of <see cref="SqliteRowsPerStatement"/> rows (SQLite's own prepared statement, parameters
    /// rebound by position per batch), plus one for the rest. Both keep the one-row-per-key rule of the unique staging key.</summary>
    /// <param name="run">The run (<see cref="ImportLog.Id"/>), state <see cref="ImportState.Running"/>.</param>
    /// <param name="values">Values; their <see cref="ObservationInput.Mn"/> is ignored (files carry no MN).</param>
    /// <param name="ct">Cancellation; a cancelled chunk is rolled back.</param>
    /// <returns>Values staged.</returns>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public async Task<int> StageAsync(long run, IReadOnlyCollection<ObservationInput> values, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        try
        {
            await using var db = store.CreateContext();
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var conn = db.Database.GetDbConnection();
            var dbTx = tx.GetDbTransaction();
            if (db.Provider == StoreProvider.Postgres) await StagePostgresAsync((Npgsql.NpgsqlConnection)conn, (Npgsql.NpgsqlTransaction)dbTx, run, values, ct);
            else await StageSqliteAsync(conn, dbTx, run, values, ct);
            var now = _time.GetUtcNow();
            await db.ImportLogs.Where(l => l.Id == run).ExecuteUpdateAsync(u => u.SetProperty(l => l.HeartbeatAt, now), ct);
            await tx.CommitAsync(ct);
            return values.Count;
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(store.Options, ex);
        }
    }

    /// <summary>Rows per SQLite staging statement: 64 (× 12 parameters = 768, far below SQLite's 32,766 host-parameter
    /// limit; larger statements measured no faster). SmartEnv rule; SQLite is silent on a best batch size.</summary>
    public const int SqliteRowsPerStatement = SqliteBulk.RowsPerStatement;

    private static async Task StagePostgresAsync(Npgsql.NpgsqlConnection conn, Npgsql.NpgsqlTransaction tx, long run, IReadOnlyCollection<ObservationInput> values,
        CancellationToken ct)
    {
        // ON CONFLICT DO UPDATE may not touch a row twice in one statement: fold the chunk's repeated keys first (last wins).
        var last = new Dictionary<(long, string, PeriodType, DateTimeOffset), ObservationInput>(values.Count);
        foreach (var o in values) last[(o.SiteId, o.ParameterCode, o.Period, o.DataTime.ToUniversalTime())] = o;
        await using (var create = new Npgsql.NpgsqlCommand(
            $"CREATE TEMP TABLE \"import_stage_chunk\" ON COMMIT DROP AS SELECT {StageColumns} FROM \"import_staged_values\" WITH NO DATA", conn, tx))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY \"import_stage_chunk\" ({StageColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var o in last.Values)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(run, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(o.SiteId, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(o.ParameterCode, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(SnakeCaseEnumConverter<PeriodType>.ToSnake(o.Period.ToString()), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(o.DataTime.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                await WriteOrNull(copy, o.Value, NpgsqlTypes.NpgsqlDbType.Numeric, ct);
                await WriteOrNull(copy, o.ValueText, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await WriteOrNull(copy, o.Unit, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await WriteOrNull(copy, o.Min, NpgsqlTypes.NpgsqlDbType.Numeric, ct);
                await WriteOrNull(copy, o.Max, NpgsqlTypes.NpgsqlDbType.Numeric, ct);
                await WriteOrNull(copy, o.Flag, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await WriteOrNull(copy, o.SourceRow, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using var move = new Npgsql.NpgsqlCommand(
            $"INSERT INTO \"import_staged_values\" ({StageColumns}) SELECT {StageColumns} FROM \"import_stage_chunk\" {StageConflict}", conn, tx);
        await move.ExecuteNonQueryAsync(ct);

        static Task WriteOrNull<T>(Npgsql.NpgsqlBinaryImporter copy, T? value, NpgsqlTypes.NpgsqlDbType type, CancellationToken ct) =>
            value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
    }

    private static Task StageSqliteAsync(DbConnection conn, DbTransaction tx, long run, IReadOnlyCollection<ObservationInput> values, CancellationToken ct)
    {
        _ = tx; // the statements run on the connection, inside the chunk's open transaction
        // SQLite's own prepared statements (SQLitePCLRaw, the library under Microsoft.Data.Sqlite): compiled once per chunk
        // and shape (full batch, rest), parameters bound by position and the statement reset per batch. Microsoft.Data.Sqlite
        // binds by name, a lookup that is linear in the parameter count, and measured slower per value with multi-row
        // statements than the single-row command it replaces.
        var handle = ((Microsoft.Data.Sqlite.SqliteConnection)conn).Handle!;
        SQLitePCL.sqlite3_stmt? full = null;
        try
        {
            var batch = new ObservationInput[SqliteRowsPerStatement];
            var n = 0;
            foreach (var o in values)
            {
                batch[n++] = o;
                if (n < SqliteRowsPerStatement) continue;
                ct.ThrowIfCancellationRequested();
                full ??= PrepareSqlite(handle, SqliteRowsPerStatement);
                Run(handle, full, run, batch, n);
                n = 0;
            }
            if (n > 0)
            {
                var rest = PrepareSqlite(handle, n);
                try { Run(handle, rest, run, batch, n); }
                finally { SQLitePCL.raw.sqlite3_finalize(rest); }
            }
        }
        finally
        {
            if (full is not null) SQLitePCL.raw.sqlite3_finalize(full);
        }
        return Task.CompletedTask;

        static void Run(SQLitePCL.sqlite3 db, SQLitePCL.sqlite3_stmt stmt, long run, ObservationInput[] batch, int n)
        {
            for (var i = 0; i < n; i++)
            {
                var o = batch[i];
                var k = i * StageColumnCount;
                SQLitePCL.raw.sqlite3_bind_int64(stmt, k + 1, run);
                SQLitePCL.raw.sqlite3_bind_int64(stmt, k + 2, o.SiteId);
                SQLitePCL.raw.sqlite3_bind_text(stmt, k + 3, o.ParameterCode);
                SQLitePCL.raw.sqlite3_bind_text(stmt, k + 4, SnakeCaseEnumConverter<PeriodType>.ToSnake(o.Period.ToString()));
                SQLitePCL.raw.sqlite3_bind_int64(stmt, k + 5, o.DataTime.ToUnixTimeMilliseconds());
                Text(stmt, k + 6, o.Value?.ToString(CultureInfo.InvariantCulture)); // EF Core's SQLite decimal: TEXT
                Text(stmt, k + 7, o.ValueText);
                Text(stmt, k + 8, o.Unit);
                Text(stmt, k + 9, o.Min?.ToString(CultureInfo.InvariantCulture));
                Text(stmt, k + 10, o.Max?.ToString(CultureInfo.InvariantCulture));
                Text(stmt, k + 11, o.Flag);
                if (o.SourceRow is { } row) SQLitePCL.raw.sqlite3_bind_int64(stmt, k + 12, row);
                else SQLitePCL.raw.sqlite3_bind_null(stmt, k + 12);
            }
            SqliteBulk.Step(db, stmt);
        }

        static void Text(SQLitePCL.sqlite3_stmt stmt, int index, string? s)
        {
            if (s is null) SQLitePCL.raw.sqlite3_bind_null(stmt, index);
            else SQLitePCL.raw.sqlite3_bind_text(stmt, index, s);
        }
    }

    private const int StageColumnCount = 12;

    // The SQLite upsert applies row by row, so a key repeated inside one statement also keeps its last value.
    private static SQLitePCL.sqlite3_stmt PrepareSqlite(SQLitePCL.sqlite3 db, int rows) =>
        SqliteBulk.Prepare(db, SqliteBulk.MultiRowSql($"INSERT INTO \"import_staged_values\" ({StageColumns}) VALUES ", " " + StageConflict, StageColumnCount, rows));

    /// <summary>
    /// Applies a run's staged values in one transaction: refuses (writes nothing) when they would change stored values and
    /// <paramref name="replace"/> is false; else records the replaced values in the audit trail, inserts the new values,
    /// updates the changed ones (provenance: this run and line), marks <paramref name="pendingDays"/> pending in
    /// <c>evaluation_days</c>, sets the run <see cref="ImportState.Applied"/> (or <see cref="ImportState.Refused"/> in its own
    /// transaction) and deletes the staged rows.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="replace">Whether stored values may change.</param>
    /// <param name="actor">Who runs the import (the history's actor).</param>
    /// <param name="pendingDays">Natural days (Beijing) per site whose stored AQI the values feed; may be empty.</param>
    /// <param name="ct">Cancellation; a cancelled apply is rolled back whole.</param>
    /// <exception cref="StoreUnavailableException">The database failed; nothing was applied.</exception>
    public async Task<ApplyResult> ApplyAsync(long run, bool replace, AuditActor actor, IReadOnlyList<(long SiteId, DateOnly From, DateOnly To)> pendingDays,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(pendingDays);
        try
        {
            await using var db = store.CreateContext();
            // The apply's statements (count of changed values, insert, update, delete) each span the whole run, so their
            // time grows with the file (bounded by the import limits): no per-command timeout (Npgsql's default 30 s
            // failed a 114,613-value apply on a loaded CI machine with "Exception while reading from stream"); the
            // import's cancellation (Ctrl+C, SIGTERM, server stop) still ends it and rolls it back.
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await db.Database.OpenConnectionAsync(ct);
            await using var cache = await SqliteApplyCache.EnlargeAsync(db, ct);
            await using var tx = await AuditTrail.BeginAsync(db, ct); // SQLite: BEGIN IMMEDIATE; PostgreSQL: the audit chain lock
            var changedCount = await Changed(db, run).CountAsync(ct);
            // Examples only when something changes: with nothing changed the query would scan the whole run once more.
            var examples = changedCount == 0 ? []
                : (await Changed(db, run).OrderBy(c => c.StagedId).Take(ExampleCount).ToListAsync(ct)).Select(Describe).ToList();
            var now = _time.GetUtcNow();
            if (changedCount > 0 && !replace)
            {
                await tx.RollbackAsync(ct);
                return new ApplyResult(false, 0, changedCount, 0, examples);
            }
            if (changedCount > 0)
            {
                long after = 0;
                var batch = 0;
                var batches = (changedCount + HistoryBatch - 1) / HistoryBatch;
                while (true)
                {
                    var rows = await Changed(db, run).Where(c => c.StagedId > after).OrderBy(c => c.StagedId).Take(HistoryBatch).ToListAsync(ct);
                    if (rows.Count == 0) break;
                    after = rows[^1].StagedId;
                    var page = rows.Select(Describe).ToList();
                    batch++;
                    var target = run.ToString(CultureInfo.InvariantCulture);
                    await AuditTrail.AppendAsync(db, actor, ReplaceAction, "import", target,
                        page.Select(c => new { site = c.Site, parameter = c.Parameter, period = c.Period, data_time = c.DataTime, value = c.OldValue,
                            unit = c.OldUnit, flag = c.OldFlag, import_log_id = c.OldImportLogId, raw_packet_id = c.OldRawPacketId }).ToList(),
                        page.Select(c => new { site = c.Site, parameter = c.Parameter, period = c.Period, data_time = c.DataTime, value = c.NewValue,
                            unit = c.NewUnit, flag = c.NewFlag, import_log_id = run }).ToList(),
                        $"import run {target} replaced {page.Count} stored values (batch {batch} of {batches}, {changedCount} in all)", now, ct);
                }
            }
            var sqlite = db.Provider == StoreProvider.Sqlite;
            object stored = sqlite ? now.ToUnixTimeMilliseconds() : now.ToUniversalTime();
            var staged = await db.ImportStagedValues.CountAsync(x => x.ImportLogId == run, ct);
            // The changed values first (only stored rows can differ; skipped when none does), then the new ones: the insert
            // no longer meets this run's own rows in the update's join.
            var changed = changedCount == 0 ? 0 : await db.Database.ExecuteSqlRawAsync(UpdateSql, [run, stored], ct);
            var inserted = await db.Database.ExecuteSqlRawAsync(InsertSql, [run, stored], ct);
            await HourSumUpkeep.MarkImportStaleAsync(db, run, ct); // issue 15 (writer-eval): their hour aggregates are rebuilt
            foreach (var (site, from, to) in pendingDays) await MarkPendingAsync(db, site, from, to, now, ct);
            await db.SaveChangesAsync(ct);
            await db.ImportLogs.Where(l => l.Id == run).ExecuteUpdateAsync(u => u
                .SetProperty(l => l.State, ImportState.Applied).SetProperty(l => l.ValuesChanged, changed).SetProperty(l => l.HeartbeatAt, now), ct);
            await tx.CommitAsync(ct);
            // The staged rows go after the commit, in a transaction of their own, so that the apply holds the write lock
            // (SQLite) no longer than the values need; a crash in between leaves an applied run whose staged rows
            // ImportRecovery deletes (state applied, not finished).
            await db.ImportStagedValues.Where(x => x.ImportLogId == run).ExecuteDeleteAsync(ct);
            return new ApplyResult(true, inserted, changed, staged - inserted - changed, examples);
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(store.Options, ex);
        }
    }

    /// <summary>SQLite page cache of the apply's connection: 128 MiB (<c>PRAGMA cache_size = -131072</c>) instead of SQLite's
    /// 2 MiB default, so that the indexes the apply inserts into stay in memory instead of going through the OS per page;
    /// set back to the default before the pooled connection is returned. SmartEnv rule; sized for the default import limits.</summary>
    private sealed class SqliteApplyCache : IAsyncDisposable
    {
        public const int KiB = 131_072;
        private readonly SmartEnvDbContext? _db;

        private SqliteApplyCache(SmartEnvDbContext? db) => _db = db;

        public static async Task<SqliteApplyCache> EnlargeAsync(SmartEnvDbContext db, CancellationToken ct)
        {
            if (db.Provider != StoreProvider.Sqlite) return new SqliteApplyCache(null);
            await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{KiB}", ct);
            return new SqliteApplyCache(db);
        }

        public async ValueTask DisposeAsync()
        {
            if (_db is null) return;
            try { await _db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000"); } // SQLite's default (SQLITE_DEFAULT_CACHE_SIZE)
            catch (DbException) { } // the connection is broken: it leaves the pool anyway
        }
    }

    // Copies a run's staged values; the SELECT's WHERE also resolves SQLite's INSERT … SELECT … ON CONFLICT ambiguity.
    private const string InsertSql = """
        INSERT INTO "observations" ("site_id","parameter_code","period","data_time","value","value_text","unit","min","max","flag","mn","raw_packet_id","import_log_id","source_row","stored_at")
        SELECT "site_id","parameter_code","period","data_time","value","value_text","unit","min","max","flag",NULL,NULL,"import_log_id","source_row",{1}
        FROM "import_staged_values" WHERE "import_log_id" = {0}
        ON CONFLICT ("site_id","parameter_code","period","data_time") DO NOTHING
        """;

    // The change test of ObservationWriter (text, flag, unit, min, max); provenance becomes this run and line.
    private const string UpdateSql = """
        UPDATE "observations" AS o SET "value" = x."value", "value_text" = x."value_text", "unit" = x."unit", "min" = x."min", "max" = x."max",
          "flag" = x."flag", "mn" = NULL, "raw_packet_id" = NULL, "import_log_id" = x."import_log_id", "source_row" = x."source_row", "stored_at" = {1}
        FROM "import_staged_values" AS x
        WHERE x."import_log_id" = {0} AND o."site_id" = x."site_id" AND o."parameter_code" = x."parameter_code" AND o."period" = x."period"
          AND o."data_time" = x."data_time"
          AND (o."value_text" IS DISTINCT FROM x."value_text" OR o."flag" IS DISTINCT FROM x."flag" OR o."unit" IS DISTINCT FROM x."unit"
               OR o."min" IS DISTINCT FROM x."min" OR o."max" IS DISTINCT FROM x."max")
        """;

    private sealed class ChangedRow
    {
        public long StagedId { get; init; }
        public string SiteCode { get; init; } = "";
        public string ParameterCode { get; init; } = "";
        public PeriodType Period { get; init; }
        public DateTimeOffset DataTime { get; init; }
        public string? OldText { get; init; }
        public string? OldUnit { get; init; }
        public string? OldFlag { get; init; }
        public long? OldImportLogId { get; init; }
        public long? OldRawPacketId { get; init; }
        public string? NewText { get; init; }
        public string? NewUnit { get; init; }
        public string? NewFlag { get; init; }
    }

    private static IQueryable<ChangedRow> Changed(SmartEnvDbContext db, long run) =>
        from x in db.ImportStagedValues
        where x.ImportLogId == run
        join o in db.Observations on new { x.SiteId, x.ParameterCode, x.Period, x.DataTime } equals new { o.SiteId, o.ParameterCode, o.Period, o.DataTime }
        where o.ValueText != x.ValueText || o.Flag != x.Flag || o.Unit != x.Unit || o.Min != x.Min || o.Max != x.Max
        join s in db.Sites on x.SiteId equals s.Id
        select new ChangedRow
        {
            StagedId = x.Id, SiteCode = s.Code, ParameterCode = x.ParameterCode, Period = x.Period, DataTime = x.DataTime, OldText = o.ValueText,
            OldUnit = o.Unit, OldFlag = o.Flag, OldImportLogId = o.ImportLogId, OldRawPacketId = o.RawPacketId, NewText = x.ValueText, NewUnit = x.Unit, NewFlag = x.Flag,
        };

    private static ChangedValue Describe(ChangedRow r) => new(r.SiteCode, r.ParameterCode, SnakeCaseEnumConverter<PeriodType>.ToSnake(r.Period.ToString()),
        r.DataTime.ToUniversalTime(), r.OldText, r.OldUnit, r.OldFlag, r.OldImportLogId, r.OldRawPacketId, r.NewText, r.NewUnit, r.NewFlag);

    /// <summary>
    /// Ends a run that will not be applied, in one transaction of its own: deletes its staged values, sets its state
    /// (<see cref="ImportState.Failed"/>, <see cref="ImportState.Refused"/> or <see cref="ImportState.Rejected"/>), error and
    /// finish time, then removes the sites the run created (<see cref="ImportLog.SiteIdFloor"/>; importer-created, note
    /// <c>created by … import</c>) that hold nothing. A run already <see cref="ImportState.Applied"/> keeps its state (its values
    /// are in; only the error is noted).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="state">Final state.</param>
    /// <param name="error">Why (cut to <see cref="ImportLog.ErrorLength"/>), or null.</param>
    /// <param name="valuesChanged">For a refusal: values that would have changed; else null (unchanged).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Codes of the sites removed.</returns>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public async Task<IReadOnlyList<string>> DiscardAsync(long run, ImportState state, string? error, int? valuesChanged = null, CancellationToken ct = default)
    {
        try
        {
            await using var db = store.CreateContext();
            var log = await db.ImportLogs.FirstOrDefaultAsync(l => l.Id == run, ct);
            if (log is null) return [];
            var now = _time.GetUtcNow();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await db.ImportStagedValues.Where(x => x.ImportLogId == run).ExecuteDeleteAsync(ct);
                if (log.State != ImportState.Applied) log.State = state;
                if (valuesChanged is { } n) log.ValuesChanged = n;
                log.Error = error is null ? null : error.Length > ImportLog.ErrorLength ? error[..ImportLog.ErrorLength] : error;
                log.FinishedAt ??= now;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            if (log.State == ImportState.Applied) return [];
            return await RemoveCreatedSitesAsync(db, log, ct);
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(store.Options, ex);
        }
    }

    /// <summary>Deletes the empty sites a run created: id above the run's floor and not above the next run's floor, note
    /// "created by … import", and no row of any table pointing at them (a failed delete keeps the site).</summary>
    private static async Task<IReadOnlyList<string>> RemoveCreatedSitesAsync(SmartEnvDbContext db, ImportLog log, CancellationToken ct)
    {
        var ceiling = await db.ImportLogs.Where(l => l.Id > log.Id && l.SiteIdFloor > 0).Select(l => (long?)l.SiteIdFloor).MinAsync(ct) ?? long.MaxValue;
        if (log.SiteIdFloor <= 0 && ceiling == long.MaxValue && log.Owner is null) return []; // a run of an earlier release: no floor known
        var candidates = await db.Sites.Where(s => s.Id > log.SiteIdFloor && s.Id <= ceiling && s.Note != null && s.Note.StartsWith("created by ")
                && !db.Observations.Any(o => o.SiteId == s.Id) && !db.Devices.Any(d => d.SiteId == s.Id)
                && !db.HourlyAqi.IgnoreQueryFilters().Any(h => h.SiteId == s.Id) && !db.DailyAqi.IgnoreQueryFilters().Any(d => d.SiteId == s.Id)
                && !db.EvaluationDays.Any(e => e.SiteId == s.Id) && !db.ReviewMarks.Any(r => r.SiteId == s.Id)
                && !db.Alerts.Any(a => a.SiteId == s.Id))
            .Select(s => new { s.Id, s.Code }).ToListAsync(ct);
        var removed = new List<string>();
        foreach (var c in candidates)
        {
            try
            {
                if (await db.Sites.Where(s => s.Id == c.Id).ExecuteDeleteAsync(ct) == 1) removed.Add(c.Code);
            }
            catch (DbException) { } // referenced after all (a table added later): keep it
        }
        return removed;
    }

    private static async Task MarkPendingAsync(SmartEnvDbContext db, long siteId, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        // As AirEvaluator.MarkPendingAsync, inside the apply transaction: a pending day stays as it is, others become pending.
        var existing = await db.EvaluationDays.Where(e => e.SiteId == siteId && e.Day >= from && e.Day <= to).ToDictionaryAsync(e => e.Day, ct);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (!existing.TryGetValue(d, out var row)) db.EvaluationDays.Add(row = new EvaluationDay { SiteId = siteId, Day = d });
            row.Generation++; // data changed: an instance recomputing the older data requeues the day (EvaluationClaims)
            if (row.State == EvaluationState.Pending) continue;
            row.State = EvaluationState.Pending;
            row.LastError = null;
            row.NextAttemptAt = null;
            row.UpdatedAt = now;
        }
    }
}

/// <summary>One stored value an import changes (or would change). Immutable; thread-safe.</summary>
/// <param name="Site">Site code.</param>
/// <param name="Parameter">Factor code.</param>
/// <param name="Period">Averaging period, snake_case (<c>hour</c>, <c>moving24h</c>, …).</param>
/// <param name="DataTime">Period start (UTC).</param>
/// <param name="OldValue">Stored value text.</param>
/// <param name="OldUnit">Stored unit.</param>
/// <param name="OldFlag">Stored flag.</param>
/// <param name="OldImportLogId">Provenance of the stored value: its import run, or null.</param>
/// <param name="OldRawPacketId">Provenance of the stored value: its HJ 212 packet, or null.</param>
/// <param name="NewValue">The import's value text.</param>
/// <param name="NewUnit">The import's unit.</param>
/// <param name="NewFlag">The import's flag.</param>
public sealed record ChangedValue(string Site, string Parameter, string Period, DateTimeOffset DataTime, string? OldValue, string? OldUnit, string? OldFlag,
    long? OldImportLogId, long? OldRawPacketId, string? NewValue, string? NewUnit, string? NewFlag);

/// <summary>Outcome of <see cref="ImportStaging.ApplyAsync"/>. Immutable; thread-safe.</summary>
/// <param name="Applied">False: refused (stored values would change without the replace option); nothing was written.</param>
/// <param name="Inserted">Values new to the store.</param>
/// <param name="Changed">Stored values changed (applied) or that would have changed (refused).</param>
/// <param name="Unchanged">Values equal to the stored ones.</param>
/// <param name="Examples">The first <see cref="ImportStaging.ExampleCount"/> changed values, in file order.</param>
public sealed record ApplyResult(bool Applied, int Inserted, int Changed, int Unchanged, IReadOnlyList<ChangedValue> Examples);
