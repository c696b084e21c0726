using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The complaint tables of migration <c>Complaints</c> on both engines, through <see cref="ComplaintSeed"/>: the five cases
/// read back with their types, reporters and events; enums are stored as snake_case text (read with raw SQL); only
/// <see cref="DataScope.All"/> reads any complaint table (an enterprise scope and the public scope read none, not even the
/// cases naming their own USCC); <c>version</c> is a concurrency token; a duplicate pair and a photo sequence are unique.
/// </summary>
public abstract class ComplaintIntakeSchemaTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    [Fact]
    public async Task Seeded_cases_round_trip_and_enums_are_stored_as_snake_case_text()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await ComplaintSeed.SeedAsync(store);
        Assert.Equal(ids, await ComplaintSeed.SeedAsync(store)); // idempotent
        await using var ctx = store.CreateContext();
        var c5 = await ctx.Complaints.AsNoTracking().Include(c => c.Types).SingleAsync(c => c.Number == ComplaintSeed.NumberWaterA);
        Assert.Equal((StoredComplaintChannel.Visit, StoredComplaintState.Replied, StoredVerification.True, StoredAssigneeKind.Street),
            (c5.Channel, c5.State, c5.Verification!.Value, c5.AssigneeKind!.Value));
        Assert.Equal(["water", "water.industrial"], c5.Types.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal((new DateOnly(2024, 9, 25), new DateOnly(2024, 10, 10), new DateOnly(2024, 11, 25)), (c5.RegisteredOn, c5.AcceptanceDue, c5.HandlingDue!.Value));
        Assert.Equal(new DateTimeOffset(2024, 9, 25, 2, 0, 0, TimeSpan.Zero), c5.RegisteredAt); // 10:00 Beijing = 02:00 UTC
        Assert.Null(c5.Latitude);
        // 5 register events + accept (4) + accept, assign, record_findings, reply (5) = 10
        Assert.Equal(10, await ctx.ComplaintEvents.CountAsync());
        Assert.True((await ctx.ComplaintReporters.SingleAsync(r => r.ComplaintId == ids.Noise2)).Anonymous);

        var conn = ctx.Database.GetDbConnection();
        await ctx.Database.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT channel, state, verification, assignee_kind FROM complaints WHERE number = 'TS202409250001'";
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(("visit", "replied", "true", "street"), (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        }
        cmd.CommandText = "SELECT channel FROM complaints WHERE number = 'TS202409220002'";
        Assert.Equal("we_chat", await cmd.ExecuteScalarAsync());
        cmd.CommandText = "SELECT next FROM complaint_serials WHERE day = '20240922'";
        Assert.Equal(3L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Only_the_unrestricted_scope_reads_complaint_tables()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await ComplaintSeed.SeedAsync(store);
        await using var all = store.CreateContext();
        Assert.True(await all.Complaints.CountAsync() >= 5);
        foreach (var scope in new[] { DataScope.ForEnterprises([SourceSeed.UsccA]), DataScope.Public })
        {
            await using var ctx = store.CreateContext(scope);
            // Enterprise A is the reported unit of cases 4 and 5: it still reads none of them.
            Assert.Equal(0, await ctx.Complaints.CountAsync());
            Assert.Equal(0, await ctx.ComplaintTypes.CountAsync());
            Assert.Equal(0, await ctx.ComplaintReporters.CountAsync());
            Assert.Equal(0, await ctx.ComplaintEvents.CountAsync());
            Assert.Equal(0, await ctx.ComplaintPhotos.CountAsync());
            Assert.Equal(0, await ctx.ComplaintDuplicates.CountAsync());
            Assert.Equal(0, await ctx.ComplaintExtensions.CountAsync());
            Assert.Equal(0, await ctx.ComplaintSerials.CountAsync());
            Assert.Equal(0, await ctx.ComplaintApiClients.CountAsync());
            Assert.Null(await ctx.Complaints.FirstOrDefaultAsync(c => c.Id == ids.OdourA));
        }
    }

    [Fact]
    public async Task Version_is_a_concurrency_token_and_pairs_are_unique()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await ComplaintSeed.SeedAsync(store);
        await using (var a = store.CreateContext())
        await using (var b = store.CreateContext())
        {
            var ca = await a.Complaints.SingleAsync(c => c.Id == ids.Noise3);
            var cb = await b.Complaints.SingleAsync(c => c.Id == ids.Noise3);
            ca.VisitNote = "a"; ca.Version++;
            await a.SaveChangesAsync();
            cb.VisitNote = "b"; cb.Version++;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
        }
        await using var ctx = store.CreateContext();
        var now = DateTimeOffset.UtcNow;
        ctx.ComplaintDuplicates.Add(new ComplaintDuplicate { ComplaintId = ids.Noise2, CandidateId = ids.Noise1, Reason = StoredDuplicateReason.SamePlace, DistanceM = 150, ProposedAt = now });
        await ctx.SaveChangesAsync();
        Assert.Equal("pending", await ctx.Database.SqlQueryRaw<string>("SELECT decision AS \"Value\" FROM complaint_duplicates").SingleAsync());
        ctx.ComplaintDuplicates.Add(new ComplaintDuplicate { ComplaintId = ids.Noise2, CandidateId = ids.Noise1, Reason = StoredDuplicateReason.SamePlace, ProposedAt = now });
        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        ctx.ChangeTracker.Clear();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xD9];
        ctx.ComplaintPhotos.Add(new ComplaintPhoto { ComplaintId = ids.Noise1, Seq = 1, Content = jpeg, Width = 1, Height = 1, Bytes = 4, Sha256 = new string('0', 64), OriginalFormat = "jpeg", CreatedAt = now });
        await ctx.SaveChangesAsync();
        Assert.Equal(jpeg, (await ctx.ComplaintPhotos.AsNoTracking().SingleAsync(p => p.ComplaintId == ids.Noise1)).Content);
        ctx.ComplaintPhotos.Add(new ComplaintPhoto { ComplaintId = ids.Noise1, Seq = 1, Content = jpeg, Width = 1, Height = 1, Bytes = 4, Sha256 = new string('0', 64), OriginalFormat = "jpeg", CreatedAt = now });
        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
    }
}

public sealed class SqliteComplaintIntakeSchemaTests(SqliteTestDatabase db) : ComplaintIntakeSchemaTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintIntakeSchemaTests(PostgresTestDatabase db) : ComplaintIntakeSchemaTests<PostgresTestDatabase>(db);
