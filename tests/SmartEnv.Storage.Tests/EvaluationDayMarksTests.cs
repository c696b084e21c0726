using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="EvaluationDayMarks"/> as one set-based statement (issue 15) keeps the rules of the row-by-row version it
/// replaced, on both engines: a new day gets a pending row of generation 1; an existing day (here failed, with an error,
/// a retry time and 3 attempts) becomes pending with generation + 1, error and retry time cleared, attempts and claim kept;
/// a day named twice in one call is raised once; marks outside a transaction are refused. Expected values by hand.
/// </summary>
public abstract class EvaluationDayMarksTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    [Fact]
    public async Task New_days_get_generation_1_and_existing_days_are_raised_once_and_cleared()
    {
        var (store, _) = await db.MigratedAsync();
        var code = "EDM-" + Guid.NewGuid().ToString("N")[..8];
        var t0 = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        long site;
        await using (var ctx = store.CreateContext())
        {
            var s = new Site { Code = code, NameZh = code, Kind = SiteKind.Air };
            ctx.Sites.Add(s);
            await ctx.SaveChangesAsync();
            site = s.Id;
            ctx.EvaluationDays.Add(new EvaluationDay
            {
                SiteId = site, Day = new DateOnly(2026, 11, 30), State = EvaluationState.Failed, Attempts = 3, LastError = "boom",
                NextAttemptAt = t0.AddMinutes(5), Generation = 7, UpdatedAt = t0, ClaimedBy = "other",
            });
            await ctx.SaveChangesAsync();
        }
        var now = t0.AddHours(1);
        await using (var ctx = store.CreateContext())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => EvaluationDayMarks.MarkPendingAsync(ctx, [(site, new DateOnly(2026, 12, 1))], now));
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await EvaluationDayMarks.MarkPendingAsync(ctx,
                [(site, new DateOnly(2026, 12, 1)), (site, new DateOnly(2026, 11, 30)), (site, new DateOnly(2026, 12, 1)), (site, new DateOnly(2026, 11, 30))], now);
            await tx.CommitAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            var days = await ctx.EvaluationDays.AsNoTracking().Where(d => d.SiteId == site).OrderBy(d => d.Day).ToListAsync();
            Assert.Equal(2, days.Count);
            var old = days[0];
            Assert.Equal((new DateOnly(2026, 11, 30), EvaluationState.Pending, 8L, 3, (string?)null, (DateTimeOffset?)null, "other", now),
                (old.Day, old.State, old.Generation, old.Attempts, old.LastError, old.NextAttemptAt, old.ClaimedBy, old.UpdatedAt));
            var fresh = days[1];
            Assert.Equal((new DateOnly(2026, 12, 1), EvaluationState.Pending, 1L, 0, (string?)null, (DateTimeOffset?)null, now),
                (fresh.Day, fresh.State, fresh.Generation, fresh.Attempts, fresh.LastError, fresh.NextAttemptAt, fresh.UpdatedAt));
        }
        // A rolled-back mark leaves nothing.
        await using (var ctx = store.CreateContext())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await EvaluationDayMarks.MarkPendingAsync(ctx, [(site, new DateOnly(2026, 12, 2)), (site, new DateOnly(2026, 12, 1))], now);
            await tx.RollbackAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(2, await ctx.EvaluationDays.CountAsync(d => d.SiteId == site));
            Assert.Equal(1L, await ctx.EvaluationDays.Where(d => d.SiteId == site && d.Day == new DateOnly(2026, 12, 1)).Select(d => d.Generation).SingleAsync());
        }
    }
}

public sealed class SqliteEvaluationDayMarksTests(SqliteTestDatabase db) : EvaluationDayMarksTests<SqliteTestDatabase>(db);

public sealed class PostgresEvaluationDayMarksTests(PostgresTestDatabase db) : EvaluationDayMarksTests<PostgresTestDatabase>(db);
