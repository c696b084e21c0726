using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// <c>smartenv store check|backup|restore|purge</c> (issue 14 items 14–15). SQLite: a backup taken while another
/// connection keeps committing is verified, owner-only and hashes as printed; a restore brings back exactly the backed-up
/// rows, keeps the replaced store beside it and is audited; a damaged backup is refused with nothing changed; a damaged
/// store fails the check naming <c>sqlite.integrity_check</c>. PostgreSQL: backup/restore print the pg_dump/pg_restore
/// lines (exit 3, no password); check passes (amcheck skipped with the command to enable it).
/// </summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-storecmd-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private string DataDir => Path.Combine(_dir, "data");
    private string DbFile => Path.Combine(DataDir, StoreOptions.DefaultSqliteFileName);

    private async Task<SmartEnvStore> StoreWithEntriesAsync(int entries)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(null, DataDir));
        await store.MigrateAndSeedAsync();
        for (var i = 0; i < entries; i++)
            await AuditTrail.AppendOperationAsync(store, AuditActor.Cli(), "site.update", "site", "T" + i, null, new { n = i });
        return store;
    }

    private static async Task<List<string>> TargetsAsync(SmartEnvStore store)
    {
        await using var ctx = store.CreateContext();
        return await ctx.AuditEntries.OrderBy(e => e.Seq).Select(e => e.Action + ":" + e.TargetId).ToListAsync();
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Backup_while_writing_then_restore_brings_back_exactly_the_backed_up_store_and_is_audited()
    {
        var store = await StoreWithEntriesAsync(3);
        var check = CliRunner.Run("", "store", "check", "--data-dir", DataDir);
        Assert.True(check.ExitCode == 0, check.Out + check.Err);
        Assert.EndsWith("store check: ok (17 checks)\n", check.Out, StringComparison.Ordinal);
        Assert.Contains("ok      audit.chain: 3 entries intact; head seq 3 hash ", check.Out, StringComparison.Ordinal);

        // A writer commits all the time the backup runs (bounded: stops after the backup, at most 2,000 commits).
        var backupFile = Path.Combine(_dir, "b", "smartenv-1.db");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            await using var ctx = store.CreateContext();
            while (!stop.IsCancellationRequested && n < 2000)
            {
                ctx.RawPackets.Add(new SmartEnv.Storage.Entities.RawPacket { Text = "##w" + n, ReceivedAt = DateTimeOffset.UtcNow, Status = SmartEnv.Storage.Entities.PacketStatus.Quarantined });
                await ctx.SaveChangesAsync();
                n++;
            }
            return n;
        });
        var backup = CliRunner.Run("", "store", "backup", "--data-dir", DataDir, "--to", backupFile);
        stop.Cancel();
        var written = await writer;
        Assert.True(backup.ExitCode == 0, backup.Out + backup.Err + $" (writer committed {written})");
        Assert.StartsWith($"backup: {backupFile} — ", backup.Out, StringComparison.Ordinal);
        Assert.Contains($"sha256 {Sha(backupFile)}", backup.Out, StringComparison.Ordinal);
        Assert.Contains("integrity_check ok", backup.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backupFile));
        Assert.Equal(["smartenv-1.db"], Directory.GetFiles(Path.GetDirectoryName(backupFile)!).Select(Path.GetFileName)); // one self-contained file
        Assert.NotEqual(0, CliRunner.Run("", "store", "backup", "--data-dir", DataDir, "--to", backupFile).ExitCode); // never overwrites

        long logsInBackup;
        await using (var b = new SqliteConnection($"Data Source={backupFile};Mode=ReadOnly;Pooling=False"))
        {
            await b.OpenAsync();
            await using var cmd = b.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM raw_packets";
            logsInBackup = (long)(await cmd.ExecuteScalarAsync())!;
        }

        // After the backup the store changes; the restore must undo exactly that.
        await AuditTrail.AppendOperationAsync(store, AuditActor.Cli(), "site.delete", "site", "AFTER", null, null);
        SqliteConnection.ClearAllPools();
        var restore = CliRunner.Run("", "store", "restore", "--data-dir", DataDir, "--from", backupFile);
        Assert.True(restore.ExitCode == 0, restore.Out + restore.Err);
        Assert.StartsWith($"restored {DbFile} from {backupFile} (sha256 {Sha(backupFile)}", restore.Out, StringComparison.Ordinal);
        Assert.Equal(["site.update:T0", "site.update:T1", "site.update:T2", "store.restore:smartenv.db"], await TargetsAsync(store));
        await using (var ctx = store.CreateContext())
            Assert.Equal(logsInBackup, await ctx.RawPackets.LongCountAsync());
        var safety = Assert.Single(Directory.GetFiles(DataDir, "smartenv.db.before-restore-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal));
        var replaced = new SmartEnvStore(new StoreOptions(StoreProvider.Sqlite, $"Data Source={safety};Pooling=False"));
        Assert.Equal(["site.update:T0", "site.update:T1", "site.update:T2", "site.delete:AFTER"], await TargetsAsync(replaced));
        SqliteConnection.ClearAllPools();

        var after = CliRunner.Run("", "store", "check", "--data-dir", DataDir);
        Assert.True(after.ExitCode == 0, after.Out);
        Assert.Contains("ok      audit.chain: 4 entries intact", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_while_a_serve_holds_the_store_and_changes_nothing()
    {
        // A new operator restored under a running serve: the site just created vanished and the audit chain forked.
        var store = await StoreWithEntriesAsync(2);
        var backupFile = Path.Combine(_dir, "b", "smartenv-serving.db");
        Assert.Equal(0, CliRunner.Run("", "store", "backup", "--data-dir", DataDir, "--to", backupFile).ExitCode);
        await AuditTrail.AppendOperationAsync(store, AuditActor.Cli(), "site.update", "site", "after-backup", null, new { n = 9 });
        SqliteConnection.ClearAllPools();
        var before = Sha(DbFile);
        using (ServeLock.Take(store.Options)) // as `smartenv serve` holds it while it runs
        {
            var r = CliRunner.Run("", "store", "restore", "--data-dir", DataDir, "--from", backupFile);
            Assert.Equal(1, r.ExitCode);
            Assert.StartsWith("error: a running smartenv serve uses this store", r.Err, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", r.Err, StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Sha(DbFile));
        Assert.Contains("site.update:after-backup", await TargetsAsync(store));
        // Once the server has stopped (lock released), the same restore goes through.
        var ok = CliRunner.Run("", "store", "restore", "--data-dir", DataDir, "--from", backupFile);
        Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_with_the_store_unchanged_and_a_damaged_store_fails_the_check()
    {
        var store = await StoreWithEntriesAsync(1);
        var backupFile = Path.Combine(_dir, "b.db");
        Assert.Equal(0, CliRunner.Run("", "store", "backup", "--data-dir", DataDir, "--to", backupFile).ExitCode);
        long page, size;
        await using (var c = new SqliteConnection($"Data Source={backupFile};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT rootpage FROM sqlite_schema WHERE name = 'audit_entries'";
            page = (long)(await cmd.ExecuteScalarAsync())!;
            cmd.CommandText = "PRAGMA page_size";
            size = (long)(await cmd.ExecuteScalarAsync())!;
        }
        SqliteConnection.ClearAllPools();
        void Scribble(string path)
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
            f.Position = (page - 1) * size;
            f.Write(Enumerable.Repeat((byte)0xFF, (int)size).ToArray());
        }
        Scribble(backupFile);

        await using (var c = new SqliteConnection(store.Options.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await cmd.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var before = Sha(DbFile);
        var refused = CliRunner.Run("", "store", "restore", "--data-dir", DataDir, "--from", backupFile);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nothing restored", refused.Err, StringComparison.Ordinal);
        Assert.Equal(before, Sha(DbFile));
        Assert.Empty(Directory.GetFiles(DataDir, "*before-restore*"));

        Scribble(DbFile); // same page number: the audit_entries root page of the store
        var check = CliRunner.Run("", "store", "check", "--data-dir", DataDir);
        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith("FAILED  sqlite.integrity_check: ", check.Out, StringComparison.Ordinal);
        Assert.EndsWith("store check: FAILED (1 of 1 checks)\n", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_missing_store_says_so_and_creates_nothing()
    {
        var r = CliRunner.Run("", "store", "check", "--data-dir", DataDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("store file missing", r.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Purge_refuses_to_go_under_the_legal_five_years_and_counts_on_a_dry_run()
    {
        await StoreWithEntriesAsync(0);
        var under = CliRunner.Run("", "store", "purge", "--data-dir", DataDir, "--accepted-days", "1000");
        Assert.Equal(2, under.ExitCode);
        Assert.Contains("kept at least 5 years (排污许可管理条例 Art. 19–21)", under.Err, StringComparison.Ordinal);
        var dry = CliRunner.Run("", "store", "purge", "--data-dir", DataDir, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Err);
        Assert.StartsWith("would delete 0 quarantined packet(s) received before ", dry.Out, StringComparison.Ordinal);
        var partitions = CliRunner.Run("", "store", "partitions", "--data-dir", DataDir);
        Assert.Equal((0, "SQLite store: not partitioned\n"), (partitions.ExitCode, partitions.Out));
    }
}

/// <summary>The PostgreSQL side of <c>smartenv store</c>.</summary>
public sealed class PostgresStoreCommandTests(PostgresTestDatabase db) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task Backup_and_restore_print_the_pg_dump_lines_without_the_password_and_check_passes()
    {
        await db.MigratedAsync();
        var conn = db.Options.ConnectionString;
        var b = new Npgsql.NpgsqlConnectionStringBuilder(conn) { Password = "s3cret-pw" }; // backup/restore only print: no login
        foreach (var verb in new[] { "backup", "restore" })
        {
            var r = CliRunner.Run("", "store", verb, "--db", b.ConnectionString, verb == "backup" ? "--to" : "--from", "x.dump");
            Assert.Equal(SmartEnv.Cli.Commands.StoreCommand.NotDoneHere, r.ExitCode);
            Assert.Contains($"pg_dump --host={b.Host} --port={b.Port} --username={b.Username} --format=custom", r.Out, StringComparison.Ordinal);
            Assert.Contains($"pg_restore --host={b.Host}", r.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-pw", r.Out, StringComparison.Ordinal);
        }
        var check = CliRunner.Run("", "store", "check", "--db", conn);
        Assert.True(check.ExitCode == 0, check.Out + check.Err);
        Assert.Contains("skipped postgres.amcheck: ", check.Out, StringComparison.Ordinal);
        Assert.Contains("ok      invariant.observations.site: ", check.Out, StringComparison.Ordinal);
    }

    /// <summary>Issue 15 time partitions: a file import of 2014 (no month partition exists for it) is stored in the
    /// DEFAULT partition of <c>observations</c>; <c>store partitions --split-default</c> moves its rows into month
    /// partitions with their ids. The file: station 9902A, PM2.5 at label 12 of 2014-01-30 … 2014-02-02 (4 values,
    /// hour starts 11:00 Beijing = 03:00 UTC: two in January, two in February).</summary>
    [Fact]
    public async Task A_2014_import_lands_in_DEFAULT_and_store_partitions_split_default_moves_it_into_its_months()
    {
        await db.MigratedAsync();
        var conn = db.Options.ConnectionString;
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-part-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "china_sites_2014.csv");
            await File.WriteAllLinesAsync(file, ["date,hour,type,9902A", "20140130,12,PM2.5,31", "20140131,12,PM2.5,32", "20140201,12,PM2.5,33", "20140202,12,PM2.5,34"]);
            var import = CliRunner.Run("", "import", "--format", "cnemc-sites", file, "--all-sites", "--db", conn);
            Assert.True(import.ExitCode == 0, import.Out + import.Err);

            var before = CliRunner.Run("", "store", "partitions", "--db", conn);
            Assert.True(before.ExitCode == 0, before.Err);
            Assert.Contains("observations_default: 4 row(s)", before.Out, StringComparison.Ordinal);
            var store = new SmartEnvStore(db.Options);
            string Ids() => string.Join(",", store.CreateContext().Observations.Where(o => o.Site!.Code == "9902A").OrderBy(o => o.DataTime).Select(o => o.Id).ToList());
            var ids = Ids();

            var split = CliRunner.Run("", "store", "partitions", "--db", conn, "--split-default");
            Assert.True(split.ExitCode == 0, split.Err);
            Assert.Contains("moved 4 row(s) out of the DEFAULT partitions", split.Out, StringComparison.Ordinal);
            Assert.Contains("observations_default: 0 row(s)", split.Out, StringComparison.Ordinal);
            Assert.Contains("observations: ", split.Out, StringComparison.Ordinal);
            var months = (await PostgresPartitions.ListAsync(store)).Where(p => p.Parent == "observations").Select(p => p.Name).ToList();
            Assert.Contains("observations_2014_01", months);
            Assert.Contains("observations_2014_02", months);
            Assert.Equal(ids, Ids());
            await using var ctx = store.CreateContext();
            Assert.Equal(["31", "32", "33", "34"], ctx.Observations.Where(o => o.Site!.Code == "9902A").OrderBy(o => o.DataTime).Select(o => o.ValueText!).ToList());
        }
        finally { Directory.Delete(dir, true); }
    }
}
