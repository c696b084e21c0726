using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Cluster;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// <see cref="EvaluationClaims"/> on a real PostgreSQL database (several instances share its evaluation work list;
/// SQLite serves one instance and has no claims): two claimers racing over 30 pending site-days claim each exactly once
/// between them (FOR UPDATE SKIP LOCKED); the days of a claimer that stopped renewing (a dead instance) are not taken
/// while its lease runs and are taken over once it lapsed; a day whose data changed while it was claimed goes back to
/// pending when the claim finishes (the generation moved on), one whose data did not stays done.
/// </summary>
public sealed class EvaluationClaimsTests(PostgresTestDatabase db) : IClassFixture<PostgresTestDatabase>
{
    private static ClusterOptions Instance(string name) => new() { Instance = name, Lease = TimeSpan.FromSeconds(3) };

    private async Task<(SmartEnvStore Store, List<long> Sites)> StoreWithPendingDaysAsync(DateOnly from, int days, int skip)
    {
        var (store, _) = await db.MigratedAsync();
        List<long> sites;
        await using (var ctx = store.CreateContext())
            sites = await ctx.Sites.Where(s => s.Kind == SiteKind.Air && s.Code != Site.DistrictAggregateCode).OrderBy(s => s.Id).Select(s => s.Id).Skip(skip).Take(3).ToListAsync();
        var evaluator = new AirEvaluator(store);
        foreach (var s in sites) await evaluator.MarkPendingAsync(s, from, from.AddDays(days - 1));
        return (store, sites);
    }

    [Fact]
    public async Task Racing_claimers_take_every_due_day_exactly_once_and_a_dead_claimers_days_only_after_its_lease()
    {
        var from = new DateOnly(2011, 3, 1);
        var (store, sites) = await StoreWithPendingDaysAsync(from, 10, skip: 0);
        await using var a = new EvaluationClaims(store, Instance("test-a"));
        await using var b = new EvaluationClaims(store, Instance("test-b"));
        // Each claims until the two together hold every day (bounded; the other test's dead claimer may hold leases on the
        // same sites for up to 3 s, and a site held by one claimer is skipped by the other).
        var expected = sites.Count * 10;
        var total = 0;
        var sw0 = System.Diagnostics.Stopwatch.StartNew();
        async Task<List<EvaluationClaims.Claim>> Drain(EvaluationClaims c)
        {
            var all = new List<EvaluationClaims.Claim>();
            while (Volatile.Read(ref total) < expected && sw0.Elapsed < TimeSpan.FromSeconds(60))
            {
                var got = (await c.ClaimAsync()).Where(x => x.Day >= from && x.Day < from.AddDays(10)).ToList();
                all.AddRange(got);
                Interlocked.Add(ref total, got.Count);
                if (got.Count == 0) await Task.Delay(200);
            }
            return all;
        }
        var both = await Task.WhenAll(Task.Run(() => Drain(a)), Task.Run(() => Drain(b)));
        var keys = both.SelectMany(x => x).Select(c => (c.SiteId, c.Day)).ToList();
        Assert.Equal(sites.Count * 10, keys.Count);            // every day claimed …
        Assert.Equal(keys.Count, keys.Distinct().Count());     // … exactly once between the two
        await using (var ctx = store.CreateContext())
        {
            var rows = await ctx.EvaluationDays.AsNoTracking().Where(e => sites.Contains(e.SiteId) && e.Day >= from && e.Day < from.AddDays(10)).ToListAsync();
            Assert.All(rows, r => Assert.Contains(r.ClaimedBy, new[] { "test-a", "test-b" }));
            Assert.Equal(keys.Count, await ctx.EvaluationClaims.CountAsync(c => sites.Contains(c.SiteId) && c.Day >= from && c.Day < from.AddDays(10) && c.FinishedAt == null));
        }

        // A and B die (stop renewing, never finish): C finds nothing while the leases run, everything once they lapsed.
        await a.DisposeAsync();
        await b.DisposeAsync();
        await using var c = new EvaluationClaims(store, Instance("test-c"));
        Assert.DoesNotContain(await c.ClaimAsync(), x => x.Day >= from && x.Day < from.AddDays(10));
        var taken = new List<EvaluationClaims.Claim>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (taken.Count < keys.Count && sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            taken.AddRange((await c.ClaimAsync()).Where(x => x.Day >= from && x.Day < from.AddDays(10)));
            if (taken.Count < keys.Count) await Task.Delay(200);
        }
        Assert.Equal(keys.Order(), taken.Select(x => (x.SiteId, x.Day)).Order());
    }

    [Fact]
    public async Task A_day_whose_data_changed_while_claimed_goes_back_to_pending_and_an_unchanged_one_stays_done()
    {
        var from = new DateOnly(2012, 5, 1);
        var (store, sites) = await StoreWithPendingDaysAsync(from, 2, skip: 0);
        await using var a = new EvaluationClaims(store, Instance("test-gen"));
        // Claimed once free (the other test's dead claimers may still hold leases on shared sites for up to 3 s).
        var claims = new List<EvaluationClaims.Claim>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (claims.Count(x => x.SiteId == sites[0] && x.Day >= from && x.Day <= from.AddDays(1)) < 2 && sw.Elapsed < TimeSpan.FromSeconds(60))
            if ((await a.ClaimAsync()) is { Count: > 0 } got) claims.AddRange(got);
            else await Task.Delay(200);
        var changed = claims.Single(x => x.SiteId == sites[0] && x.Day == from);
        var unchanged = claims.Single(x => x.SiteId == sites[0] && x.Day == from.AddDays(1));
        var evaluator = new AirEvaluator(store);
        await evaluator.RecomputeAsync(changed.SiteId, from, from.AddDays(1)); // both days done (no data: no figures)
        await evaluator.MarkPendingAsync(changed.SiteId, from, from);         // data arrived through another instance meanwhile
        Assert.Equal("requeued", await a.FinishAsync(changed, succeeded: true));
        Assert.Equal("done", await a.FinishAsync(unchanged, succeeded: true));
        await using var ctx = store.CreateContext();
        var rows = await ctx.EvaluationDays.AsNoTracking().Where(e => e.SiteId == changed.SiteId && e.Day >= from && e.Day <= from.AddDays(1)).OrderBy(e => e.Day).ToListAsync();
        Assert.Equal([EvaluationState.Pending, EvaluationState.Done], rows.Select(r => r.State));
        Assert.All(rows, r => { Assert.Null(r.ClaimedBy); Assert.Null(r.LeaseUntil); });
        Assert.Equal(["done", "requeued"], (await ctx.EvaluationClaims.AsNoTracking().Where(x => x.SiteId == changed.SiteId && x.Day >= from && x.Day <= from.AddDays(1))
            .Select(x => x.Outcome!).ToListAsync()).Order());
        // The requeued day is claimed again, at the new generation.
        var again = (await a.ClaimAsync()).Single(x => x.SiteId == changed.SiteId && x.Day == from);
        Assert.True(again.Generation > changed.Generation);
    }
}
