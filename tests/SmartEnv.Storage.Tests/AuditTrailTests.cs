using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The chained audit trail on a real engine: the hash layout against a reference computed outside .NET, appends in the
/// change's transaction (rolled back together), concurrent appends from many connections (the chain must not fork), and
/// tampering with raw SQL — an UPDATE of one entry's <c>after</c>, a DELETE, a swap of two entries' order — each named by
/// <see cref="AuditVerifier"/>. Each test starts from an empty trail (tests of a class run one after another).
/// </summary>
public abstract class AuditTrailTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly AuditActor Zhang = new(AuditActorKind.User, "张三", "127.0.0.1");

    private async Task<SmartEnvStore> EmptyTrailAsync()
    {
        var (store, _) = await db.MigratedAsync();
        await using var ctx = store.CreateContext();
        await ctx.AuditEntries.ExecuteDeleteAsync();
        return store;
    }

    private static async Task AppendAsync(SmartEnvStore store, int n, string prefix = "t")
    {
        for (var i = 0; i < n; i++)
        {
            await using var ctx = store.CreateContext();
            await using var tx = await AuditTrail.BeginAsync(ctx);
            await AuditTrail.AppendAsync(ctx, Zhang, "site.update", "site", $"{prefix}{i}", new { name_zh = "旧" }, new { name_zh = "新" + i }, "测试");
            await tx.CommitAsync();
        }
    }

    private static async Task<AuditVerification> VerifyAsync(SmartEnvStore store)
    {
        await using var ctx = store.CreateContext();
        return await AuditVerifier.VerifyAsync(ctx);
    }

    private static async Task SqlAsync(SmartEnvStore store, string sql)
    {
        await using var ctx = store.CreateContext();
        await ctx.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Reference hashes computed with Python's hashlib over the layout of docs/security.md:
    /// <c>b''.join(struct.pack('>I', len(b)) + b for each UTF-8 field, b'\xff\xff\xff\xff' for null)</c>;
    /// 1796558400000 ms = 2026-12-06 12:00:00 UTC.</summary>
    [Fact]
    public async Task Stored_entries_hash_as_the_documented_layout_computed_outside_dotnet()
    {
        var store = await EmptyTrailAsync();
        var t = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        await using (var ctx = store.CreateContext())
        {
            await using var tx = await AuditTrail.BeginAsync(ctx);
            await AuditTrail.AppendAsync(ctx, Zhang, "site.update", "site", "JB-A-GC", "{\"name_zh\":\"港城\"}", new { name_zh = "港城站" }, time: t);
            await AuditTrail.AppendAsync(ctx, new AuditActor(AuditActorKind.Cli, "root"), "site.delete", "site", "JB-A-GC", new { name_zh = "港城站" }, null, "停用", time: t.AddSeconds(1));
            await tx.CommitAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            var rows = await ctx.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
            Assert.Equal([1L, 2L], rows.Select(r => r.Seq));
            Assert.Equal(new string('0', 64), rows[0].PrevHash);
            Assert.Equal("e6935a7d1a701d0ad2bb4e6a9b10cf5c71afcda1df9acbd059e29aa18994f754", rows[0].Hash);
            Assert.Equal(rows[0].Hash, rows[1].PrevHash);
            Assert.Equal("81156086bf1c32f954e7c157bc51e1b77d60f1d06556fdf45538949996002127", rows[1].Hash);
            Assert.Equal("{\"name_zh\":\"港城站\"}", rows[0].After); // snapshot JSON: snake_case, Chinese kept readable
            Assert.Equal(t, rows[0].Time);
        }
        var v = await VerifyAsync(store);
        Assert.True(v.Intact);
        Assert.Equal(2, v.Entries);
        Assert.Equal(2, v.HeadSeq);
    }

    [Fact]
    public async Task An_entry_is_committed_with_its_change_or_not_at_all()
    {
        var store = await EmptyTrailAsync();
        await using (var ctx = store.CreateContext())
        {
            await using var tx = await AuditTrail.BeginAsync(ctx);
            ctx.Sites.Add(new Site { Code = "AUDIT-RB", NameZh = "回滚" });
            await AuditTrail.AppendAsync(ctx, Zhang, "site.create", "site", "AUDIT-RB", null, new { code = "AUDIT-RB" });
            // no commit: disposing rolls back the change and the entry
        }
        await using (var ctx = store.CreateContext())
        {
            Assert.False(await ctx.Sites.AnyAsync(s => s.Code == "AUDIT-RB"));
            Assert.Equal(0, await ctx.AuditEntries.CountAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                AuditTrail.AppendAsync(ctx, Zhang, "site.create", "site", "X", null, null)); // outside a transaction
        }
    }

    [Fact]
    public async Task Concurrent_writers_on_many_connections_keep_one_chain()
    {
        var store = await EmptyTrailAsync();
        const int writers = 8, each = 12;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => AppendAsync(store, each, $"w{w}-"))));
        var v = await VerifyAsync(store);
        Assert.True(v.Intact, v.FirstBreak?.Message);
        Assert.Equal(writers * each, v.Entries);
        Assert.Equal(writers * each, v.HeadSeq);
        await using var ctx = store.CreateContext();
        Assert.Equal(writers * each, await ctx.AuditEntries.Select(e => e.PrevHash).Distinct().CountAsync()); // no two entries share a predecessor
    }

    [Fact]
    public async Task An_update_of_one_entrys_after_column_is_named()
    {
        var store = await EmptyTrailAsync();
        await AppendAsync(store, 5);
        Assert.True((await VerifyAsync(store)).Intact);
        await SqlAsync(store, "UPDATE audit_entries SET after = '{{\"name_zh\":\"篡改\"}}' WHERE seq = 3");
        var v = await VerifyAsync(store);
        Assert.False(v.Intact);
        Assert.Equal(3, v.FirstBreak!.Seq);
        Assert.Equal(AuditBreakKind.ContentHashMismatch, v.FirstBreak.Kind);
        Assert.Contains("entry seq 3", v.FirstBreak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        var store = await EmptyTrailAsync();
        await AppendAsync(store, 5);
        await SqlAsync(store, "DELETE FROM audit_entries WHERE seq = 2");
        var v = await VerifyAsync(store);
        Assert.Equal(AuditBreakKind.Missing, v.FirstBreak!.Kind);
        Assert.Equal(2, v.FirstBreak.Seq);
        Assert.Contains("seq 2 is missing", v.FirstBreak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_entry_with_the_rest_renumbered_is_named_by_its_link()
    {
        var store = await EmptyTrailAsync();
        await AppendAsync(store, 4);
        await SqlAsync(store, "DELETE FROM audit_entries WHERE seq = 2");
        await SqlAsync(store, "UPDATE audit_entries SET seq = seq - 1 WHERE seq = 3");
        await SqlAsync(store, "UPDATE audit_entries SET seq = seq - 1 WHERE seq = 4");
        var v = await VerifyAsync(store);
        Assert.Equal(2, v.FirstBreak!.Seq); // the old seq 3 now at 2: its hash covers seq 3
        Assert.Equal(AuditBreakKind.ContentHashMismatch, v.FirstBreak.Kind);
    }

    [Fact]
    public async Task Two_swapped_entries_are_named()
    {
        var store = await EmptyTrailAsync();
        await AppendAsync(store, 5);
        await SqlAsync(store, "UPDATE audit_entries SET seq = -1 WHERE seq = 2");
        await SqlAsync(store, "UPDATE audit_entries SET seq = 2 WHERE seq = 4");
        await SqlAsync(store, "UPDATE audit_entries SET seq = 4 WHERE seq = -1");
        var v = await VerifyAsync(store);
        Assert.Equal(AuditBreakKind.Reordered, v.FirstBreak!.Kind);
        Assert.Equal(2, v.FirstBreak.Seq);
        Assert.Contains("out of order", v.FirstBreak.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditTrailTests(SqliteTestDatabase db) : AuditTrailTests<SqliteTestDatabase>(db);

public sealed class PostgresAuditTrailTests(PostgresTestDatabase db) : AuditTrailTests<PostgresTestDatabase>(db);
