using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Storage.Maintenance;

/// <summary>Verdict of one check.</summary>
public enum CheckOutcome
{
    /// <summary>Passed.</summary>
    Ok,
    /// <summary>Found damage or a broken invariant.</summary>
    Failed,
    /// <summary>Not run (e.g. amcheck not installed); the message says why and how to enable it.</summary>
    Skipped,
}

/// <summary>One line of the report of <c>smartenv store check</c>.</summary>
/// <param name="Name">Check name, e.g. <c>sqlite.integrity_check</c>, <c>invariant.observations.site</c>, <c>audit.chain</c>.</param>
/// <param name="Outcome">Ok, failed or skipped.</param>
/// <param name="Message">What was checked and found (counts, the engine's first messages, examples of offending ids).</param>
public sealed record StoreCheckItem(string Name, CheckOutcome Outcome, string Message);

/// <summary>The whole report.</summary>
/// <param name="Items">Checks in the order run.</param>
public sealed record StoreCheckReport(IReadOnlyList<StoreCheckItem> Items)
{
    /// <summary>True when no check failed (skipped checks do not fail the report).</summary>
    public bool Ok => Items.All(i => i.Outcome != CheckOutcome.Failed);

    /// <summary>The failed checks.</summary>
    public IEnumerable<StoreCheckItem> Failures => Items.Where(i => i.Outcome == CheckOutcome.Failed);
}

/// <summary>
/// <c>smartenv store check</c> (issue 14 item 14): the engine's own check — SQLite <c>PRAGMA integrity_check</c> and
/// <c>PRAGMA foreign_key_check</c>; PostgreSQL amcheck (<c>bt_index_check</c> on every b-tree index of the schema (of each partition; a partitioned parent's index has no storage),
/// <c>verify_heapam</c> on every table) when the extension is installed in the database — then the platform's own
/// invariants, the same SQL on both engines: every row that names a site, raw packet or import run names one that
/// exists (foreign keys can be switched off: SQLite <c>PRAGMA foreign_keys=OFF</c>, PostgreSQL
/// <c>session_replication_role=replica</c>, a restore of a partial dump); every stored daily AQI row's day has an
/// evaluation state; the audit chain verifies (<see cref="AuditVerifier"/>). Read-only: nothing is migrated, created
/// or repaired. Thread-safe (static, no shared state).
/// </summary>
public static class StoreChecker
{
    /// <summary>At most this many offending ids are named per invariant.</summary>
    public const int Examples = 5;

    /// <summary>Runs every check.</summary>
    /// <param name="store">The store's options.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="StoreUnavailableException">The store cannot be opened at all.</exception>
    public static async Task<StoreCheckReport> CheckAsync(StoreOptions store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var items = new List<StoreCheckItem>();
        var probe = StoreHealthProbe.ProbeOptions(store, new StoreHealthOptions { ConnectTimeout = TimeSpan.FromSeconds(15) });
        if (store.Provider == StoreProvider.Sqlite && !File.Exists(StoreHealthProbe.SqlitePath(store)))
            throw new StoreUnavailableException(store, new FileNotFoundException("store file missing", StoreHealthProbe.SqlitePath(store)));
        try
        {
            if (store.Provider == StoreProvider.Sqlite)
            {
                List<string> lines;
                try { lines = await SqlitePragmaAsync(probe, "integrity_check(100)", ct); }
                catch (Exception ex) when (StoreFaults.Classify(ex) is StoreState.Corrupt)
                {
                    // The check itself cannot read the damaged b-tree: that is its verdict.
                    items.Add(new("sqlite.integrity_check", CheckOutcome.Failed, "the check stopped on damage: " + StoreHealthProbe.Describe(store, ex)));
                    return new StoreCheckReport(items);
                }
                items.Add(lines is ["ok"]
                    ? new("sqlite.integrity_check", CheckOutcome.Ok, "ok")
                    : new("sqlite.integrity_check", CheckOutcome.Failed, string.Join("; ", lines.Take(20))));
                if (lines is not ["ok"] && lines.Any(l => l.Contains("malformed", StringComparison.OrdinalIgnoreCase) || l.Contains("btreeInitPage", StringComparison.Ordinal)))
                    return new StoreCheckReport(items); // the b-trees are unreadable: further SQL would only repeat it
                var fk = await SqlitePragmaAsync(probe, "foreign_key_check", ct, joinColumns: true);
                items.Add(fk.Count == 0
                    ? new("sqlite.foreign_key_check", CheckOutcome.Ok, "ok")
                    : new("sqlite.foreign_key_check", CheckOutcome.Failed, $"{fk.Count} row(s) whose foreign key names no row (table|rowid|parent|fk): " + string.Join("; ", fk.Take(Examples))));
            }
            else
            {
                items.AddRange(await AmcheckAsync(probe, ct));
            }

            await using var db = SmartEnvStore.CreateContext(probe);
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var missing = db.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
            if (missing.Count > 0)
            {
                items.Add(new("schema.migrations", CheckOutcome.Failed, $"{missing.Count} migration(s) not applied (first {missing[0]}): run `smartenv serve` once, which migrates; the invariants were not checked"));
                return new StoreCheckReport(items);
            }
            items.Add(new("schema.migrations", CheckOutcome.Ok, $"{applied.Count} applied, none pending"));

            foreach (var (name, sql, what) in Invariants)
                items.Add(await InvariantAsync(db, name, sql, what, ct));

            var audit = await AuditVerifier.VerifyAsync(db, ct);
            items.Add(audit.FirstBreak is { } b
                ? new("audit.chain", CheckOutcome.Failed, $"broken at seq {b.Seq} (id {b.Id}): {b.Kind}: {b.Message}")
                : new("audit.chain", CheckOutcome.Ok, audit.HeadSeq is null ? "0 entries" : $"{audit.Entries} entries intact; head seq {audit.HeadSeq} hash {audit.HeadHash}"));
        }
        catch (Exception ex) when (StoreFaults.Classify(ex) is StoreState.Corrupt)
        {
            items.Add(new("engine.read", CheckOutcome.Failed, StoreHealthProbe.Describe(store, ex)));
        }
        catch (Exception ex) when (StoreFaults.Classify(ex) is StoreState.Unreachable && items.Count == 0)
        {
            throw new StoreUnavailableException(store, ex);
        }
        return new StoreCheckReport(items);
    }

    /// <summary>The platform's invariants: name, a query returning the ids of offending rows, what a row of it means.
    /// Same SQL on both engines (tables and columns are snake_case on both, docs/storage.md).</summary>
    private static readonly (string Name, string Sql, string What)[] Invariants =
    [
        ("invariant.observations.site", "SELECT o.id FROM observations o WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = o.site_id)", "observations whose site does not exist"),
        ("invariant.observations.raw_packet", "SELECT o.id FROM observations o WHERE o.raw_packet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM raw_packets r WHERE r.id = o.raw_packet_id)", "observations whose raw packet does not exist"),
        // PostgreSQL has no foreign key for these two (time partitions, docs/storage.md): this check is their guarantee.
        ("invariant.review_marks.observation", "SELECT m.id FROM review_marks m WHERE m.observation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.id = m.observation_id)", "review records whose observation does not exist"),
        ("invariant.observations.import_run", "SELECT o.id FROM observations o WHERE o.import_log_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_logs l WHERE l.id = o.import_log_id)", "observations whose import run does not exist"),
        ("invariant.hourly_aqi.site", "SELECT a.id FROM hourly_aqi a WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = a.site_id)", "hourly AQI rows whose site does not exist"),
        ("invariant.daily_aqi.site", "SELECT a.id FROM daily_aqi a WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = a.site_id)", "daily AQI rows whose site does not exist"),
        ("invariant.daily_aqi.day_state", "SELECT a.id FROM daily_aqi a WHERE NOT EXISTS (SELECT 1 FROM evaluation_days e WHERE e.site_id = a.site_id AND e.day = a.date)", "daily AQI rows whose day has no evaluation state (written outside AirEvaluator)"),
        ("invariant.evaluation_days.site", "SELECT e.id FROM evaluation_days e WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = e.site_id)", "evaluation states whose site does not exist"),
        ("invariant.devices.site", "SELECT d.id FROM devices d WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = d.site_id)", "devices whose site does not exist"),
        ("invariant.alerts.site", "SELECT a.id FROM alerts a WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = a.site_id)", "alerts whose site does not exist"),
        // Atomic imports (ImportStaging): staged values exist only while their run is running; a refused or rejected run
        // never applied anything (a failed run may hold values only when it is an hj212-log run or from an earlier release).
        ("invariant.import_staged_values.run", "SELECT v.id FROM import_staged_values v WHERE NOT EXISTS (SELECT 1 FROM import_logs l WHERE l.id = v.import_log_id AND l.state = 'running')", "staged import values whose run is not running (left by a crash: the next serve or import start rolls the run back)"),
        ("invariant.observations.unapplied_run", "SELECT o.id FROM observations o JOIN import_logs l ON l.id = o.import_log_id WHERE l.state IN ('refused', 'rejected')", "observations of an import run that was refused or rejected (such a run applies nothing)"),
        ("invariant.review_marks.site", "SELECT m.id FROM review_marks m WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = m.site_id)", "review records whose site does not exist"),
    ];

    private static async Task<StoreCheckItem> InvariantAsync(SmartEnvDbContext db, string name, string sql, string what, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await using var count = conn.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM ({sql}) x";
        var n = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (n == 0) return new(name, CheckOutcome.Ok, "none: " + what);
        await using var ids = conn.CreateCommand();
        ids.CommandText = $"SELECT id FROM ({sql}) x ORDER BY id LIMIT {Examples}";
        var examples = new List<string>();
        await using (var r = await ids.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) examples.Add(r.GetValue(0).ToString()!);
        return new(name, CheckOutcome.Failed, $"{n} {what}; ids {string.Join(", ", examples)}{(n > examples.Count ? ", …" : "")}");
    }

    /// <summary>Runs a SQLite pragma and returns its rows as text (first column, or all columns joined by <c>|</c>).</summary>
    /// <param name="store">SQLite options.</param>
    /// <param name="pragma">The pragma with its argument, e.g. <c>quick_check(20)</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="joinColumns">Join every column of a row.</param>
    internal static async Task<List<string>> SqlitePragmaAsync(StoreOptions store, string pragma, CancellationToken ct, bool joinColumns = false)
    {
        await using var conn = new SqliteConnection(store.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA " + pragma;
        cmd.CommandTimeout = 0;
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(joinColumns
                ? string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)))
                : r.IsDBNull(0) ? "" : r.GetString(0));
        return rows;
    }

    /// <summary>PostgreSQL: amcheck over the schema's b-tree indexes and tables, or a skipped item saying how to enable
    /// it (the extension is part of PostgreSQL's contrib; <c>CREATE EXTENSION amcheck</c> needs a superuser).</summary>
    private static async Task<List<StoreCheckItem>> AmcheckAsync(StoreOptions store, CancellationToken ct)
    {
        var items = new List<StoreCheckItem>();
        await using var conn = new NpgsqlConnection(store.ProviderConnectionString);
        await conn.OpenAsync(ct);
        async Task<object?> Scalar(string sql)
        {
            await using var c = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            return await c.ExecuteScalarAsync(ct);
        }
        var installed = await Scalar("SELECT extversion FROM pg_extension WHERE extname = 'amcheck'") as string;
        if (installed is null)
        {
            var available = await Scalar("SELECT default_version FROM pg_available_extensions WHERE name = 'amcheck'") as string;
            items.Add(new("postgres.amcheck", CheckOutcome.Skipped, available is null
                ? "amcheck is not available on this server (install PostgreSQL's contrib package); indexes and heap not verified"
                : $"amcheck {available} is available but not installed in this database: run `CREATE EXTENSION amcheck;` as a superuser, then check again; indexes and heap not verified"));
            return items;
        }
        var indexes = new List<(uint Oid, string Name)>();
        await using (var c = new NpgsqlCommand(
            """
            SELECT c.oid, c.relname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.amname = 'btree' AND c.relkind = 'i' AND n.nspname = current_schema() AND c.relpersistence <> 't' AND i.indisvalid AND i.indisready
            ORDER BY c.relname
            """, conn))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) indexes.Add((r.GetFieldValue<uint>(0), r.GetString(1)));
        var bad = new List<string>();
        foreach (var (oid, name) in indexes)
        {
            try
            {
                await using var c = new NpgsqlCommand("SELECT bt_index_check(@oid::regclass, true)", conn) { CommandTimeout = 0 };
                c.Parameters.AddWithValue("oid", NpgsqlTypes.NpgsqlDbType.Oid, oid);
                await c.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex) { bad.Add($"{name}: {ex.MessageText}"); }
        }
        items.Add(bad.Count == 0
            ? new("postgres.amcheck.btree", CheckOutcome.Ok, $"bt_index_check (heapallindexed): {indexes.Count} indexes ok")
            : new("postgres.amcheck.btree", CheckOutcome.Failed, $"{bad.Count} of {indexes.Count} indexes damaged: " + string.Join("; ", bad.Take(Examples))));
        if (await Scalar("SELECT to_regproc('verify_heapam')::text") is null or DBNull)
        {
            items.Add(new("postgres.amcheck.heap", CheckOutcome.Skipped, $"amcheck {installed} has no verify_heapam (PostgreSQL 14+): heap not verified"));
            return items;
        }
        var heap = new List<string>();
        var tables = 0;
        await using (var c = new NpgsqlCommand(
            """
            SELECT c.relname, v.blkno, v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL verify_heapam(c.oid) v
            WHERE c.relkind = 'r' AND n.nspname = current_schema()
            """, conn) { CommandTimeout = 0 })
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) heap.Add($"{r.GetString(0)} block {r.GetInt64(1)}: {r.GetString(2)}");
        tables = Convert.ToInt32(await Scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema()"), System.Globalization.CultureInfo.InvariantCulture);
        items.Add(heap.Count == 0
            ? new("postgres.amcheck.heap", CheckOutcome.Ok, $"verify_heapam: {tables} tables ok")
            : new("postgres.amcheck.heap", CheckOutcome.Failed, $"{heap.Count} damaged tuple(s)/page(s): " + string.Join("; ", heap.Take(Examples))));
        return items;
    }
}
