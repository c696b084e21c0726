using System.CommandLine;
using System.Globalization;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv store check|backup|restore|purge|partitions</c> (issue 14 items 14–15; docs/security.md "Store integrity, backup,
/// restore and retention"):
/// <list type="bullet">
/// <item><c>check</c>: <see cref="StoreChecker"/>; one line per check on stdout (<c>ok</c>/<c>FAILED</c>/<c>skipped</c>,
/// name, message), then <c>store check: ok (N checks)</c> and exit 0, or <c>store check: FAILED (K of N checks)</c> and
/// exit 1. Read-only (does not migrate).</item>
/// <item><c>backup --to FILE</c>: SQLite online backup (the server may keep running), verified; prints path, bytes,
/// SHA-256. PostgreSQL: prints the pg_dump command lines and exits 3 (nothing written).</item>
/// <item><c>restore --from FILE</c>: replaces the SQLite store by a verified backup (stop <c>serve</c> first), keeps the
/// replaced file beside it, migrates, audits <c>store.restore</c>. PostgreSQL: prints the pg_restore lines, exit 3.</item>
/// <item><c>purge [--quarantine-days 90] [--accepted-days 1827] [--count-days 366] [--dry-run]</c>: <see cref="StorePurge"/>, audited
/// <c>store.purge</c>.</item>
/// <item><c>partitions [--split-default]</c>: PostgreSQL month partitions per table (count, first … last month) and the
/// rows of each DEFAULT partition; <c>--split-default</c> first moves those rows into month partitions
/// (<see cref="PostgresPartitions.SplitDefaultsAsync"/>). SQLite: <c>SQLite store: not partitioned</c>, exit 0.</item>
/// </list>
/// Exit code 1 with <c>error: …</c> on stderr when the store cannot be opened or an argument is out of range.
/// </summary>
public static class StoreCommand
{
    /// <summary>Exit code of <c>backup</c>/<c>restore</c> on PostgreSQL: not done by this command, guidance printed.</summary>
    public const int NotDoneHere = 3;

    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("store", "Monitoring store maintenance (数据库维护): integrity check, backup, restore, retention purge.");
        Option<string> DataDir() => new("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        Option<string?> Db() => new("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };

        var check = new Command("check", "Engine integrity check (SQLite integrity_check + foreign_key_check; PostgreSQL amcheck when installed) and the platform's invariants (orphaned rows, AQI days without state, audit chain). Exit 1 when any check fails.");
        var cDir = DataDir(); var cDb = Db();
        check.Options.Add(cDir); check.Options.Add(cDb);
        check.SetAction(async (pr, ct) =>
        {
            var options = Open(pr.GetValue(cDb), pr.GetValue(cDir)!, create: false);
            try
            {
                var report = await StoreChecker.CheckAsync(options, ct);
                foreach (var i in report.Items)
                    context.Out.WriteLine($"{Word(i.Outcome),-7} {i.Name}: {i.Message}");
                var failed = report.Failures.Count();
                context.Out.WriteLine(failed == 0
                    ? $"store check: ok ({report.Items.Count} checks{(report.Items.Any(i => i.Outcome == CheckOutcome.Skipped) ? ", some skipped" : "")})"
                    : $"store check: FAILED ({failed} of {report.Items.Count} checks)");
                return failed == 0 ? 0 : 1;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        cmd.Subcommands.Add(check);

        var backup = new Command("backup", "Copy the SQLite store to a new file while it runs (online backup API), verified with integrity_check; owner-only file. PostgreSQL: prints the pg_dump command.");
        var bDir = DataDir(); var bDb = Db();
        var to = new Option<string>("--to") { Description = "Backup file to create (must not exist).", Required = true };
        backup.Options.Add(bDir); backup.Options.Add(bDb); backup.Options.Add(to);
        backup.SetAction(async (pr, ct) =>
        {
            var options = Open(pr.GetValue(bDb), pr.GetValue(bDir)!, create: false);
            if (options.Provider == StoreProvider.Postgres)
            {
                context.Out.WriteLine(StoreBackup.PostgresGuidance(options));
                return NotDoneHere;
            }
            try
            {
                var r = await StoreBackup.BackupAsync(options, pr.GetValue(to)!, ct);
                context.Out.WriteLine($"backup: {r.Path} — {r.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, sha256 {r.Sha256}, schema {r.LastMigration}, integrity_check ok");
                return 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreUnavailableException)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        cmd.Subcommands.Add(backup);

        var restore = new Command("restore", "Replace the SQLite store by a backup (stop `smartenv serve` first): verified first, the replaced file kept as NAME.before-restore-STAMP, then migrated; audited. PostgreSQL: prints the pg_restore commands.");
        var rDir = DataDir(); var rDb = Db();
        var from = new Option<string>("--from") { Description = "Backup file written by `smartenv store backup`.", Required = true };
        restore.Options.Add(rDir); restore.Options.Add(rDb); restore.Options.Add(from);
        restore.SetAction(async (pr, ct) =>
        {
            var options = Open(pr.GetValue(rDb), pr.GetValue(rDir)!, create: true);
            if (options.Provider == StoreProvider.Postgres)
            {
                context.Out.WriteLine(StoreBackup.PostgresGuidance(options));
                return NotDoneHere;
            }
            FileStream? serving;
            try { serving = ServeLock.Take(options); }
            catch (IOException)
            {
                context.Err.WriteLine($"error: a running smartenv serve uses this store ({options.Redacted}); stop it first, then restore (nothing was changed)");
                return 1;
            }
            using var held = serving; // no serve starts on the store while it is replaced
            try
            {
                var r = await StoreBackup.RestoreAsync(options, pr.GetValue(from)!, TimeProvider.System, ct);
                var store = new SmartEnvStore(options);
                await store.MigrateAndSeedAsync(ct);
                await AuditTrail.AppendOperationAsync(store, AuditActor.Cli(), "store.restore", "store", Path.GetFileName(r.Target), null,
                    new { from = r.From, sha256 = r.Sha256, backup_schema = r.LastMigration, safety_copy = r.SafetyCopy }, ct: ct);
                context.Out.WriteLine($"restored {r.Target} from {r.From} (sha256 {r.Sha256}, schema {r.LastMigration})");
                if (r.SafetyCopy is not null) context.Out.WriteLine($"the replaced store was kept as {r.SafetyCopy}");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or StoreUnavailableException)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        cmd.Subcommands.Add(restore);

        var purge = new Command("purge", "Delete raw HJ 212 packets past their retention: quarantined after --quarantine-days (default 90), accepted after --accepted-days (default and minimum 1827 = 5 years, 排污许可管理条例 Art. 19–21) unless a stored value names them; quarantine counts after --count-days (default 366). Audited (store.purge). Observations are never deleted.");
        var pDir = DataDir(); var pDb = Db();
        var defaults = new RetentionOptions();
        var qDays = new Option<double>("--quarantine-days") { Description = "Keep quarantined packets this many days (≥ 1). Default 90.", DefaultValueFactory = _ => defaults.QuarantinedPackets.TotalDays };
        var aDays = new Option<double>("--accepted-days") { Description = $"Keep accepted packets this many days (≥ {RetentionOptions.LegalMinimumRawRecords.TotalDays:0}, the legal 5 years). Default {defaults.AcceptedRawPackets.TotalDays:0}.", DefaultValueFactory = _ => defaults.AcceptedRawPackets.TotalDays };
        var tDays = new Option<double?>("--count-days") { Description = $"Keep quarantine counts (quarantine_tallies) this many days (≥ --quarantine-days). Default {defaults.QuarantineTallies.TotalDays:0}, or --quarantine-days when that is longer." };
        var dry = new Option<bool>("--dry-run") { Description = "Count what would be deleted; delete nothing." };
        purge.Options.Add(pDir); purge.Options.Add(pDb); purge.Options.Add(qDays); purge.Options.Add(aDays); purge.Options.Add(tDays); purge.Options.Add(dry);
        purge.SetAction(async (pr, ct) =>
        {
            var quarantineDays = pr.GetValue(qDays);
            var retention = new RetentionOptions
            {
                QuarantinedPackets = TimeSpan.FromDays(quarantineDays), AcceptedRawPackets = TimeSpan.FromDays(pr.GetValue(aDays)),
                QuarantineTallies = TimeSpan.FromDays(pr.GetValue(tDays) ?? Math.Max(defaults.QuarantineTallies.TotalDays, quarantineDays)),
            };
            try { retention.Validate(); }
            catch (ArgumentOutOfRangeException ex)
            {
                var option = ex.ParamName switch
                {
                    nameof(RetentionOptions.AcceptedRawPackets) => $"--accepted-days (at least {RetentionOptions.LegalMinimumRawRecords.TotalDays:0})",
                    nameof(RetentionOptions.QuarantinedPackets) => "--quarantine-days (at least 1)",
                    nameof(RetentionOptions.QuarantineTallies) => "--count-days (at least --quarantine-days)",
                    _ => ex.ParamName,
                };
                context.Err.WriteLine($"error: {option}: {ex.Message.Split(Environment.NewLine, 2)[0].Split(" (Parameter", 2)[0]}");
                return 2;
            }
            var store = new SmartEnvStore(Open(pr.GetValue(pDb), pr.GetValue(pDir)!, create: false));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                var r = await StorePurge.PurgeAsync(store, retention, AuditActor.Cli(), TimeProvider.System, pr.GetValue(dry), ct);
                var verb = r.DryRun ? "would delete" : "deleted";
                context.Out.WriteLine($"{verb} {r.Quarantined} quarantined packet(s) received before {r.QuarantinedCutoff:yyyy-MM-ddTHH:mm:ssZ}");
                context.Out.WriteLine($"{verb} {r.Accepted} accepted packet(s) received before {r.AcceptedCutoff:yyyy-MM-ddTHH:mm:ssZ}; {r.AcceptedKept} older ones kept (a stored value names them)");
                context.Out.WriteLine($"{verb} {r.Tallies} quarantine count row(s) of windows ended before {r.TalliesCutoff:yyyy-MM-ddTHH:mm:ssZ}");
                if (r.PartitionsDropped > 0) // PostgreSQL: whole months dropped (their packets are in the counts above)
                    context.Out.WriteLine($"dropped {r.PartitionsDropped} month partition(s) of raw packets");
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        cmd.Subcommands.Add(purge);

        var partitions = new Command("partitions", "PostgreSQL time partitions (issue 15): lists the month partitions of observations and raw packets and the rows in each DEFAULT partition (months without a partition of their own, e.g. an old import); --split-default moves those rows into month partitions of their own, one month per transaction (writers to that table wait meanwhile). SQLite stores are not partitioned.");
        var tDir = DataDir(); var tDb = Db();
        var split = new Option<bool>("--split-default") { Description = "Move the rows of the DEFAULT partitions into month partitions (ids and values unchanged)." };
        partitions.Options.Add(tDir); partitions.Options.Add(tDb); partitions.Options.Add(split);
        partitions.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(Open(pr.GetValue(tDb), pr.GetValue(tDir)!, create: false));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                if (store.Options.Provider != StoreProvider.Postgres)
                {
                    context.Out.WriteLine("SQLite store: not partitioned");
                    return 0;
                }
                if (pr.GetValue(split))
                    context.Out.WriteLine($"moved {await PostgresPartitions.SplitDefaultsAsync(store, ct)} row(s) out of the DEFAULT partitions");
                foreach (var g in (await PostgresPartitions.ListAsync(store, ct)).GroupBy(p => p.Parent))
                    context.Out.WriteLine($"{g.Key}: {g.Count()} month(s), {g.First().From:yyyy-MM} … {g.Last().From:yyyy-MM}");
                foreach (var (parent, rows) in await PostgresPartitions.DefaultRowsAsync(store, ct))
                    context.Out.WriteLine($"{parent}_default: {rows} row(s)");
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        cmd.Subcommands.Add(partitions);
        return cmd;
    }

    /// <summary>Store options; for SQLite without creating the data directory unless asked (a check of a mistyped path
    /// must say "missing", not create an empty store).</summary>
    private static StoreOptions Open(string? db, string dataDir, bool create)
    {
        var dir = Path.GetFullPath(dataDir);
        if (!string.IsNullOrWhiteSpace(db) || create) return StoreOptions.Parse(db, dir);
        return new StoreOptions(StoreProvider.Sqlite, $"Data Source={Path.Combine(dir, StoreOptions.DefaultSqliteFileName)};Pooling=False");
    }

    private static string Word(CheckOutcome o) => o switch { CheckOutcome.Ok => "ok", CheckOutcome.Failed => "FAILED", _ => "skipped" };
}
