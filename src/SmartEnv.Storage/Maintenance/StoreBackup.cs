using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SmartEnv.Storage.Maintenance;

/// <summary>A backup written by <see cref="StoreBackup.BackupAsync"/>.</summary>
/// <param name="Path">The backup file (full path).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex (note it beside the file; <c>sha256sum</c> re-checks it).</param>
/// <param name="LastMigration">The newest migration applied in the copy (its schema version).</param>
public sealed record BackupResult(string Path, long Bytes, string Sha256, string? LastMigration);

/// <summary>A restore done by <see cref="StoreBackup.RestoreAsync"/>.</summary>
/// <param name="Target">The store file now holding the backup's content.</param>
/// <param name="From">The backup file.</param>
/// <param name="Sha256">SHA-256 of the backup file.</param>
/// <param name="SafetyCopy">Where the replaced store was copied to (its file and WAL), or null when there was none.</param>
/// <param name="LastMigration">The newest migration of the backup before the restore migrated it.</param>
public sealed record RestoreResult(string Target, string From, string Sha256, string? SafetyCopy, string? LastMigration);

/// <summary>
/// <c>smartenv store backup|restore</c> (issue 14 item 14). SQLite: the online backup API (Microsoft.Data.Sqlite
/// <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>, https://sqlite.org/backup.html) copies a
/// consistent snapshot while the server keeps running and writing; the copy is verified with
/// <c>PRAGMA integrity_check</c> before it gets its final name, and is created owner-only (0600: it holds password
/// hashes and tokens). PostgreSQL: <c>pg_dump</c>/<c>pg_restore</c>, whose command lines <see cref="PostgresGuidance"/>
/// prints. Thread-safe (static, no shared state).
/// </summary>
public static class StoreBackup
{
    /// <summary>Copies a SQLite store to <paramref name="destination"/> (must not exist) while it may be in use.</summary>
    /// <param name="store">SQLite options of the store.</param>
    /// <param name="destination">New file.</param>
    /// <param name="ct">Cancellation (checked before and after the copy).</param>
    /// <exception cref="NotSupportedException">A PostgreSQL store (message: the pg_dump command lines).</exception>
    /// <exception cref="IOException">The destination exists, or the copy failed its integrity check (then removed).</exception>
    /// <exception cref="StoreUnavailableException">The store file is missing or cannot be read.</exception>
    public static async Task<BackupResult> BackupAsync(StoreOptions store, string destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        if (store.Provider != StoreProvider.Sqlite) throw new NotSupportedException(PostgresGuidance(store));
        var source = StoreHealthProbe.SqlitePath(store);
        if (!File.Exists(source)) throw new StoreUnavailableException(store, new FileNotFoundException("store file missing", source));
        var target = Path.GetFullPath(destination);
        if (File.Exists(target)) throw new IOException($"{target} exists; choose a new file name (a backup never overwrites)");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        try
        {
            await CopyAsync(source, partial, ct);
            var check = await StoreChecker.SqlitePragmaAsync(StoreOptions.Sqlite(partial), "integrity_check(20)", ct);
            if (check is not ["ok"])
                throw new IOException($"the copy failed PRAGMA integrity_check ({string.Join("; ", check)}); run `smartenv store check`: the store itself may be damaged");
            var last = await LastMigrationAsync(partial, ct);
            SqliteConnection.ClearAllPools();
            File.Move(partial, target);
            return new BackupResult(target, new FileInfo(target).Length, await Sha256Async(target, ct), last);
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException(store, ex);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>Replaces a SQLite store by a backup. Stop <c>smartenv serve</c> first: a running server would keep
    /// serving what it cached. The backup must pass <c>PRAGMA integrity_check</c> and have no migration this build
    /// does not know; the replaced store (file and WAL) is kept beside it as <c>NAME.before-restore-UTCSTAMP</c>; the
    /// restored store is then migrated to this build's schema.</summary>
    /// <param name="store">SQLite options of the store to replace (it may be missing or damaged).</param>
    /// <param name="backup">The backup file.</param>
    /// <param name="time">Clock for the safety copy's name.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="NotSupportedException">A PostgreSQL store (message: the pg_restore command lines).</exception>
    /// <exception cref="InvalidDataException">The backup is missing, damaged, not a SmartEnv store or from a newer
    /// release; nothing was changed.</exception>
    public static async Task<RestoreResult> RestoreAsync(StoreOptions store, string backup, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(backup);
        ArgumentNullException.ThrowIfNull(time);
        if (store.Provider != StoreProvider.Sqlite) throw new NotSupportedException(PostgresGuidance(store));
        var from = Path.GetFullPath(backup);
        if (!File.Exists(from)) throw new InvalidDataException($"{from}: no such file");
        string? last;
        try
        {
            var ro = ReadOnly(from);
            var check = await StoreChecker.SqlitePragmaAsync(ro, "integrity_check(20)", ct);
            if (check is not ["ok"]) throw new InvalidDataException($"{from} failed PRAGMA integrity_check: {string.Join("; ", check)}; nothing restored");
            last = await LastMigrationAsync(from, ct)
                ?? throw new InvalidDataException($"{from} is not a SmartEnv store (no migration history); nothing restored");
            await using var db = SmartEnvStore.CreateContext(ro);
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            var applied = await db.Database.GetAppliedMigrationsAsync(ct);
            if (applied.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
                throw new InvalidDataException($"{from} was written by a newer SmartEnv (migration {unknown} unknown to this build); restore it with that release; nothing restored");
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"{from} is not a readable SQLite store: {ex.Message}; nothing restored", ex);
        }
        var sha = await Sha256Async(from, ct);

        var target = StoreHealthProbe.SqlitePath(store);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var restoring = target + ".restoring";
        if (File.Exists(restoring)) File.Delete(restoring);
        await CopyAsync(from, restoring, ct);
        SqliteConnection.ClearAllPools();
        string? safety = null;
        if (File.Exists(target))
        {
            safety = target + ".before-restore-" + time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            File.Copy(target, safety);
            if (File.Exists(target + "-wal")) File.Copy(target + "-wal", safety + "-wal");
        }
        foreach (var side in new[] { target + "-wal", target + "-shm", target + "-journal" })
            if (File.Exists(side)) File.Delete(side);
        File.Move(restoring, target, overwrite: true);
        return new RestoreResult(target, from, sha, safety, last);
    }

    /// <summary>How to back up and restore a PostgreSQL store with PostgreSQL's tools: the command lines for this
    /// connection (host, port, user, database; never the password — use <c>PGPASSWORD</c> or <c>~/.pgpass</c>).</summary>
    /// <param name="store">PostgreSQL options.</param>
    public static string PostgresGuidance(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var b = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var conn = $"--host={b.Host ?? "127.0.0.1"} --port={b.Port} --username={b.Username ?? "postgres"}";
        var db = b.Database ?? b.Username ?? "postgres";
        return string.Join('\n',
            "PostgreSQL store: back it up and restore it with PostgreSQL's own tools (SmartEnv does not copy a server's files).",
            "The password is read from PGPASSWORD or ~/.pgpass (never put it on the command line).",
            "  backup : pg_dump " + conn + " --format=custom --file=smartenv-$(date -u +%Y%m%dT%H%MZ).dump " + db,
            "  verify : pg_restore --list smartenv-….dump > /dev/null   (reads the whole archive's table of contents)",
            "  restore: stop `smartenv serve`, then",
            "           createdb " + conn + " " + db + "_restored",
            "           pg_restore " + conn + " --exit-on-error --single-transaction --no-owner --dbname=" + db + "_restored smartenv-….dump",
            "           smartenv store check --db \"Host=…;Database=" + db + "_restored;…\"   and start serve with that --db",
            "  continuous archiving (point-in-time recovery): https://www.postgresql.org/docs/current/continuous-archiving.html");
    }

    /// <summary>Online backup of one SQLite file into a new owner-only file.</summary>
    private static async Task CopyAsync(string source, string destination, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // Owner-only before any byte is written (the copy holds password hashes and tokens).
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (new FileStream(destination, create)) { }
        await Task.Run(() =>
        {
            using var src = new SqliteConnection(ReadOnly(source).ConnectionString);
            using var dst = new SqliteConnection(StoreOptions.Sqlite(destination).ConnectionString);
            src.Open();
            dst.Open();
            src.BackupDatabase(dst);
            // The copy carries the source's WAL flag; a backup is one self-contained file (serve turns WAL on again).
            using var journal = dst.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            journal.ExecuteNonQuery();
        }, ct);
        ct.ThrowIfCancellationRequested();
    }

    private static StoreOptions ReadOnly(string path) =>
        new(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);

    private static async Task<string?> LastMigrationAsync(string path, CancellationToken ct)
    {
        await using var conn = new SqliteConnection(ReadOnly(path).ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = '__ef_migrations_history'";
        if (await cmd.ExecuteScalarAsync(ct) is null) return null;
        cmd.CommandText = "SELECT MAX(\"MigrationId\") FROM __ef_migrations_history";
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
    }
}

