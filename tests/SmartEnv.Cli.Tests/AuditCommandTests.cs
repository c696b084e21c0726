using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// <c>smartenv audit verify</c> on both engines: a CLI import and a plan import leave entries of actor kind <c>cli</c>
/// named after the OS user; verify exits 0 on the intact chain and 1 naming the entry after an <c>UPDATE</c> of its
/// <c>after</c> column, a <c>DELETE</c> and a swap of two entries' order, each done with raw SQL.
/// </summary>
public abstract class AuditCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private async Task SqlAsync(string sql)
    {
        await using var ctx = SmartEnvStore.CreateContext(db.Options);
        await ctx.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Verify_exits_0_on_an_intact_chain_and_1_naming_an_altered_deleted_or_swapped_entry()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-audit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var empty = CliRunner.Run("", ["audit", "verify", .. StoreArgs(dir)]);
            Assert.True(empty.ExitCode == 0, empty.Err + empty.Out);
            Assert.Equal("audit chain intact: 0 entries\n", empty.Out);

            var plan = CliRunner.Run("", ["plan", "import", RepoPaths.SharedFile("data/plan"), .. StoreArgs(dir)]);
            Assert.True(plan.ExitCode == 0, plan.Err);
            for (var i = 0; i < 3; i++)
            {
                var rec = CliRunner.Run("", ["plan", "record", "--indicator", "9", "--year", (2021 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "--value", "85.5",
                    "--by", "测试", "--evidence", "test", .. StoreArgs(dir)]);
                Assert.True(rec.ExitCode == 0, rec.Err + rec.Out);
            }
            await using (var ctx = SmartEnvStore.CreateContext(db.Options))
            {
                var entries = await ctx.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
                Assert.Equal(["plan.import", "plan.value.record", "plan.value.record", "plan.value.record"], entries.Select(e => e.Action));
                Assert.All(entries, e => Assert.Equal(SmartEnv.Storage.Audit.AuditActorKind.Cli, e.ActorKind));
                Assert.All(entries, e => Assert.Equal(Environment.UserName, e.ActorName));
            }
            var ok = CliRunner.Run("", ["audit", "verify", .. StoreArgs(dir)]);
            Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
            Assert.StartsWith("audit chain intact: 4 entries; head seq 4 hash ", ok.Out, StringComparison.Ordinal);

            await SqlAsync("UPDATE audit_entries SET after = '{{}}' WHERE seq = 3");
            var altered = CliRunner.Run("", ["audit", "verify", .. StoreArgs(dir)]);
            Assert.Equal(1, altered.ExitCode);
            Assert.StartsWith("audit chain broken at seq 3 (id ", altered.Out, StringComparison.Ordinal);
            Assert.Contains("content hash mismatch (altered)", altered.Out, StringComparison.Ordinal);

            await SqlAsync("DELETE FROM audit_entries WHERE seq = 2");
            var deleted = CliRunner.Run("", ["audit", "verify", .. StoreArgs(dir)]);
            Assert.Equal(1, deleted.ExitCode);
            Assert.StartsWith("audit chain broken at seq 2 (id ", deleted.Out, StringComparison.Ordinal);
            Assert.Contains("gap in seq (deleted)", deleted.Out, StringComparison.Ordinal);

            await SqlAsync("DELETE FROM audit_entries WHERE seq IN (3, 4)"); // back to an intact chain of one entry
            var rec5 = CliRunner.Run("", ["plan", "record", "--indicator", "9", "--year", "2025", "--value", "86", "--by", "测试", "--evidence", "test", .. StoreArgs(dir)]);
            Assert.True(rec5.ExitCode == 0, rec5.Err);
            var rec6 = CliRunner.Run("", ["plan", "record", "--indicator", "9", "--year", "2025", "--value", "87", "--by", "测试", "--evidence", "test", .. StoreArgs(dir)]);
            Assert.True(rec6.ExitCode == 0, rec6.Err);
            Assert.Equal(0, CliRunner.Run("", ["audit", "verify", .. StoreArgs(dir)]).ExitCode);
            await SqlAsync("UPDATE audit_entries SET seq = -1 WHERE seq = 2");
            await SqlAsync("UPDATE audit_entries SET seq = 2 WHERE seq = 3");
            await SqlAsync("UPDATE audit_entries SET seq = 3 WHERE seq = -1");
            var swapped = CliRunner.Run("", ["audit", "verify", .. StoreArgs(dir)]);
            Assert.Equal(1, swapped.ExitCode);
            Assert.StartsWith("audit chain broken at seq 2 (id ", swapped.Out, StringComparison.Ordinal);
            Assert.Contains("out of order (reordered)", swapped.Out, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}

public sealed class SqliteAuditCommandTests(SqliteTestDatabase db) : AuditCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresAuditCommandTests(PostgresTestDatabase db) : AuditCommandTests<PostgresTestDatabase>(db);
