using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Issue 14 items 14–15 on a real engine: <see cref="StoreChecker"/> passes a fresh store and names the row that breaks
/// an invariant (an observation whose site was deleted with foreign keys off) and a tampered audit entry;
/// <see cref="StorePurge"/> removes exactly the packets past their retention (hand-placed around the cutoffs), keeps an
/// old accepted packet a value still names, never goes under the 5-year floor, and audits what it removed. Tests of a
/// class run one after another on one database; each leaves it as it found it.
/// </summary>
public abstract class StoreMaintenanceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    protected TDb Db => db;

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Runs statements on one connection with foreign-key enforcement off (SQLite <c>PRAGMA foreign_keys</c>,
    /// PostgreSQL <c>session_replication_role = replica</c>, which skips the FK triggers; superuser).</summary>
    private static async Task WithoutForeignKeysAsync(SmartEnvStore store, params string[] sql)
    {
        await using var ctx = store.CreateContext();
        await ctx.Database.OpenConnectionAsync();
        await ctx.Database.ExecuteSqlRawAsync(store.Options.Provider == StoreProvider.Sqlite ? "PRAGMA foreign_keys = OFF" : "SET session_replication_role = replica");
        foreach (var s in sql) await ctx.Database.ExecuteSqlRawAsync(s);
    }

    [Fact]
    public async Task Check_passes_a_fresh_store_and_names_an_orphaned_observation_and_a_tampered_audit_entry()
    {
        var (store, _) = await db.MigratedAsync();
        var clean = await StoreChecker.CheckAsync(store.Options);
        Assert.True(clean.Ok, string.Join("\n", clean.Failures));
        Assert.Contains(clean.Items, i => i.Name == "audit.chain" && i.Outcome == CheckOutcome.Ok);
        Assert.Contains(clean.Items, i => i.Name == "invariant.observations.site" && i.Outcome == CheckOutcome.Ok);

        long siteId, obsId;
        await using (var ctx = store.CreateContext())
        {
            var site = new Site { Code = "T-ORPHAN", NameZh = "孤立测试站", Kind = SiteKind.Air };
            ctx.Sites.Add(site);
            await ctx.SaveChangesAsync();
            var o = new Observation { SiteId = site.Id, ParameterCode = "a34004", Period = PeriodType.Hour, DataTime = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), Value = 35m, ValueText = "35", StoredAt = DateTimeOffset.UtcNow };
            ctx.Observations.Add(o);
            await ctx.SaveChangesAsync();
            (siteId, obsId) = (site.Id, o.Id);
            await using var tx = await AuditTrail.BeginAsync(ctx);
            await AuditTrail.AppendAsync(ctx, AuditActor.Cli(), "site.create", "site", "T-ORPHAN", null, new { code = "T-ORPHAN" });
            await AuditTrail.AppendAsync(ctx, AuditActor.Cli(), "site.update", "site", "T-ORPHAN", new { code = "T-ORPHAN" }, new { name_zh = "孤立测试站" });
            await tx.CommitAsync();
        }
        try
        {
            await WithoutForeignKeysAsync(store, $"DELETE FROM sites WHERE id = {siteId}");
            await using (var ctx = store.CreateContext())
            {
                var first = await ctx.AuditEntries.MinAsync(e => e.Seq);
                await ctx.Database.ExecuteSqlAsync($"UPDATE audit_entries SET after = '{{\"name_zh\":\"改过\"}}' WHERE seq = {first}");
            }

            var report = await StoreChecker.CheckAsync(store.Options);
            Assert.False(report.Ok);
            var orphan = Assert.Single(report.Items, i => i.Name == "invariant.observations.site");
            Assert.Equal(CheckOutcome.Failed, orphan.Outcome);
            Assert.StartsWith("1 observations whose site does not exist; ids " + obsId, orphan.Message);
            var audit = Assert.Single(report.Items, i => i.Name == "audit.chain");
            Assert.Equal(CheckOutcome.Failed, audit.Outcome);
            Assert.Contains("ContentHashMismatch", audit.Message);
            if (store.Options.Provider == StoreProvider.Sqlite)
                Assert.Contains(report.Items, i => i.Name == "sqlite.foreign_key_check" && i.Outcome == CheckOutcome.Failed && i.Message.StartsWith("1 row(s)", StringComparison.Ordinal));
            // Everything else still passes: the report names what is wrong, nothing more.
            Assert.Equal(["audit.chain", "invariant.observations.site", .. store.Options.Provider == StoreProvider.Sqlite ? new[] { "sqlite.foreign_key_check" } : []],
                report.Failures.Select(f => f.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            await using var ctx = store.CreateContext();
            await ctx.Observations.IgnoreQueryFilters().Where(o => o.Id == obsId).ExecuteDeleteAsync();
            await ctx.AuditEntries.ExecuteDeleteAsync();
        }
        Assert.True((await StoreChecker.CheckAsync(store.Options)).Ok);
    }

    [Fact]
    public async Task Staged_values_of_a_finished_run_and_values_of_a_refused_run_break_the_import_invariants()
    {
        var (store, _) = await db.MigratedAsync();
        long stagedId, obsId;
        await using (var ctx = store.CreateContext())
        {
            var site = await ctx.Sites.FirstAsync(x => x.Code == "1420A");
            var running = new ImportLog { Format = "prsa", FileName = "a.csv", Sha256 = "00", StartedAt = DateTimeOffset.UtcNow, State = ImportState.Running };
            var refused = new ImportLog { Format = "prsa", FileName = "b.csv", Sha256 = "01", StartedAt = DateTimeOffset.UtcNow, State = ImportState.Refused };
            ctx.ImportLogs.AddRange(running, refused);
            await ctx.SaveChangesAsync();
            // Staged values of a running run are fine; of a refused run (the apply deletes them) they are left-overs.
            ctx.ImportStagedValues.Add(new ImportStagedValue { ImportLogId = running.Id, SiteId = site.Id, ParameterCode = "a34004", Period = PeriodType.Hour, DataTime = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), Value = 1m, ValueText = "1" });
            var left = new ImportStagedValue { ImportLogId = refused.Id, SiteId = site.Id, ParameterCode = "a34004", Period = PeriodType.Hour, DataTime = new DateTimeOffset(2031, 1, 1, 1, 0, 0, TimeSpan.Zero), Value = 2m, ValueText = "2" };
            ctx.ImportStagedValues.Add(left);
            var o = new Observation { SiteId = site.Id, ParameterCode = "a34004", Period = PeriodType.Hour, DataTime = new DateTimeOffset(2031, 1, 1, 2, 0, 0, TimeSpan.Zero), Value = 3m, ValueText = "3", ImportLogId = refused.Id, StoredAt = DateTimeOffset.UtcNow };
            ctx.Observations.Add(o);
            await ctx.SaveChangesAsync();
            (stagedId, obsId) = (left.Id, o.Id);
        }
        try
        {
            var report = await StoreChecker.CheckAsync(store.Options);
            Assert.Equal(["invariant.import_staged_values.run", "invariant.observations.unapplied_run"], report.Failures.Select(f => f.Name).Order(StringComparer.Ordinal));
            Assert.StartsWith("1 staged import values whose run is not running", Assert.Single(report.Failures, f => f.Name == "invariant.import_staged_values.run").Message);
            Assert.Contains("ids " + stagedId, Assert.Single(report.Failures, f => f.Name == "invariant.import_staged_values.run").Message);
            Assert.Contains("ids " + obsId, Assert.Single(report.Failures, f => f.Name == "invariant.observations.unapplied_run").Message);
        }
        finally
        {
            await using var ctx = store.CreateContext();
            await ctx.Observations.IgnoreQueryFilters().Where(o => o.Id == obsId).ExecuteDeleteAsync();
            await ctx.ImportStagedValues.ExecuteDeleteAsync();
            await ctx.ImportLogs.ExecuteDeleteAsync();
        }
        Assert.True((await StoreChecker.CheckAsync(store.Options)).Ok);
    }

    [Fact]
    public async Task Purge_removes_exactly_what_is_past_retention_keeps_named_packets_and_is_audited()
    {
        var (store, _) = await db.MigratedAsync();
        var now = new DateTimeOffset(2040, 3, 1, 0, 0, 0, TimeSpan.Zero);
        RawPacket P(string tag, PacketStatus status, DateTimeOffset at) => new()
        {
            Text = "##" + tag, ReceivedAt = at, Peer = "127.0.0.1:1", Status = status,
            QuarantineReason = status == PacketStatus.Quarantined ? QuarantineReason.UnknownMn : null,
        };
        // Hand-placed around the cutoffs: quarantine 90 d → 2039-12-02; accepted 1,827 d → 2035-03-01 (two leap days).
        var qOld = P("q-old", PacketStatus.Quarantined, new DateTimeOffset(2039, 12, 1, 23, 59, 0, TimeSpan.Zero));
        var qNew = P("q-new", PacketStatus.Quarantined, new DateTimeOffset(2039, 12, 2, 0, 1, 0, TimeSpan.Zero));
        var aOldNamed = P("a-old-named", PacketStatus.Accepted, new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var aOld = P("a-old", PacketStatus.Accepted, new DateTimeOffset(2035, 2, 27, 0, 0, 0, TimeSpan.Zero));
        var aNew = P("a-new", PacketStatus.Accepted, new DateTimeOffset(2035, 3, 1, 0, 0, 0, TimeSpan.Zero));
        long obsId;
        await using (var ctx = store.CreateContext())
        {
            await ctx.AuditEntries.ExecuteDeleteAsync();
            ctx.RawPackets.AddRange(qOld, qNew, aOldNamed, aOld, aNew);
            // Quarantine counts: 366 d before 2040-03-01 (the span holds 2040-02-29) → windows ending before 2039-03-01 go.
            QuarantineTally T(string address, DateTimeOffset end) => new()
            {
                WindowStart = end.AddMinutes(-10), WindowEnd = end, Address = address, Reason = QuarantineReason.Malformed, Frames = 7, Bytes = 70, Stored = 1,
            };
            ctx.QuarantineTallies.AddRange(T("198.51.100.1", new DateTimeOffset(2039, 2, 28, 23, 50, 0, TimeSpan.Zero)),
                T("198.51.100.2", new DateTimeOffset(2039, 3, 1, 0, 10, 0, TimeSpan.Zero)));
            await ctx.SaveChangesAsync();
            var site = await ctx.Sites.FirstAsync(s => s.Code == "1420A");
            var o = new Observation { SiteId = site.Id, ParameterCode = "a21026", Period = PeriodType.Hour, DataTime = new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero), Value = 9m, ValueText = "9", RawPacketId = aOldNamed.Id, Mn = "T", StoredAt = now };
            ctx.Observations.Add(o);
            await ctx.SaveChangesAsync();
            obsId = o.Id;
        }
        try
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionOptions { AcceptedRawPackets = TimeSpan.FromDays(4 * 365) }.Validate());
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StorePurge.PurgeAsync(store, new RetentionOptions { QuarantinedPackets = TimeSpan.FromHours(1) }, AuditActor.Cli(), new Clock(now)));

            var dry = await StorePurge.PurgeAsync(store, new RetentionOptions(), AuditActor.Cli(), new Clock(now), dryRun: true);
            Assert.Equal((1L, 1L, 1L, 1L), (dry.Quarantined, dry.Accepted, dry.AcceptedKept, dry.Tallies));
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionOptions { QuarantineTallies = TimeSpan.FromDays(30) }.Validate());
            var run = await StorePurge.PurgeAsync(store, new RetentionOptions { BatchSize = 1 }, AuditActor.Cli(), new Clock(now));
            Assert.Equal((1L, 1L, 1L, 1L, false), (run.Quarantined, run.Accepted, run.AcceptedKept, run.Tallies, run.DryRun));
            await using (var ctx = store.CreateContext())
            {
                Assert.Equal(["##a-new", "##a-old-named", "##q-new"], (await ctx.RawPackets.Select(p => p.Text).ToListAsync()).Order(StringComparer.Ordinal));
                Assert.True(await ctx.Observations.AnyAsync(o => o.Id == obsId));
                var entry = Assert.Single(await ctx.AuditEntries.ToListAsync());
                Assert.Equal(("store.purge", "store", "raw_packets"), (entry.Action, entry.TargetType, entry.TargetId));
                Assert.Contains("\"quarantined_deleted\":1", entry.After);
                Assert.Contains("\"accepted_deleted\":1", entry.After);
                Assert.Contains("\"tallies_deleted\":1", entry.After);
                Assert.Equal(["198.51.100.2"], await ctx.QuarantineTallies.Select(t => t.Address).ToListAsync());
            }
            var again = await StorePurge.PurgeAsync(store, new RetentionOptions(), AuditActor.Cli(), new Clock(now));
            Assert.Equal((0L, 0L), (again.Quarantined, again.Accepted));
            await using (var ctx = store.CreateContext())
                Assert.Equal(1, await ctx.AuditEntries.CountAsync()); // nothing removed, nothing to audit
        }
        finally
        {
            await using var ctx = store.CreateContext();
            await ctx.Observations.Where(o => o.Id == obsId).ExecuteDeleteAsync();
            await ctx.RawPackets.ExecuteDeleteAsync();
            await ctx.QuarantineTallies.ExecuteDeleteAsync();
            await ctx.AuditEntries.ExecuteDeleteAsync();
        }
    }
}

public sealed class SqliteStoreMaintenanceTests(SqliteTestDatabase db) : StoreMaintenanceTests<SqliteTestDatabase>(db);

public sealed class PostgresStoreMaintenanceTests(PostgresTestDatabase db) : StoreMaintenanceTests<PostgresTestDatabase>(db)
{
    /// <summary>amcheck: skipped with the command to enable it until the extension is installed, then every b-tree index
    /// and table of the schema verified.</summary>
    [Fact]
    public async Task Amcheck_is_named_as_skipped_until_installed_then_verifies_every_index()
    {
        var (store, _) = await Db.MigratedAsync();
        var before = await StoreChecker.CheckAsync(store.Options);
        var skipped = Assert.Single(before.Items, i => i.Name == "postgres.amcheck");
        Assert.Equal(CheckOutcome.Skipped, skipped.Outcome);
        Assert.Contains("CREATE EXTENSION amcheck", skipped.Message);
        await using (var ctx = store.CreateContext())
        {
            await ctx.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS amcheck");
            // B-tree indexes of plain tables and partitions (issue 15: observations / raw_packets are partitioned; their
            // parents' indexes have no storage, and each month partition also has a BRIN index amcheck does not verify).
            var indexes = await ctx.Database.SqlQueryRaw<long>("""
                SELECT count(*) AS "Value" FROM pg_indexes x JOIN pg_class t ON t.relname = x.tablename AND t.relnamespace = to_regnamespace(x.schemaname)
                WHERE x.schemaname = current_schema() AND t.relkind = 'r' AND x.indexdef LIKE '% USING btree %'
                """).SingleAsync();
            var after = await StoreChecker.CheckAsync(store.Options);
            Assert.True(after.Ok, string.Join("\n", after.Failures));
            var btree = Assert.Single(after.Items, i => i.Name == "postgres.amcheck.btree");
            Assert.Equal(CheckOutcome.Ok, btree.Outcome);
            Assert.Contains($": {indexes} indexes ok", btree.Message);
            Assert.Contains(after.Items, i => i.Name == "postgres.amcheck.heap" && i.Outcome == CheckOutcome.Ok);
            await ctx.Database.ExecuteSqlRawAsync("DROP EXTENSION amcheck");
        }
    }
}
