using SmartEnv.Construction;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Construction;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="ConstructionService.RankingAsync"/> (issue 20, the one place of the ranking order) on both engines: red &gt;
/// yellow &gt; green, then exceedance hours (dust + noise) descending, then code ascending; only the latest card of the month
/// counts; another month's cards are not ranked. Cards are stored by hand with the values below (the database is shared:
/// only this test's sites, prefix <c>RK-</c>, are compared).
/// Hand order for 2026-05: RK-R red 30+0=30 → 1; yellows RK-YB 2+3=5, RK-YA 3+1=4, RK-YC 4+0=4 (tie with YA: code order)
/// → YB, YA, YC; greens RK-G 0 and RK-L (red first, re-evaluated green later: the latest counts, 0 hours) → G, L by code.
/// RK-X has only an April card → not ranked in May.
/// </summary>
public abstract class ConstructionRankingTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Ranking_orders_by_card_then_hours_then_code_with_the_latest_card_of_the_month()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(BeijingTime.At(new DateOnly(2026, 6, 2), new TimeOnly(9, 0)));
        var may = new DateOnly(2026, 5, 1);
        var actor = AuditActor.System("test");
        await using (var ctx = store.CreateContext())
        {
            var s = new ConstructionService(ctx, clock);
            (string Code, DateOnly Month, string Colour, int Dust, int Noise)[] cards =
            [
                ("RK-G", may, "green", 0, 0), ("RK-YA", may, "yellow", 3, 1), ("RK-R", may, "red", 30, 0), ("RK-YC", may, "yellow", 4, 0),
                ("RK-YB", may, "yellow", 2, 3), ("RK-L", may, "red", 40, 0), ("RK-L", may, "green", 0, 0), ("RK-X", may.AddMonths(-1), "red", 50, 9),
            ];
            foreach (var code in cards.Select(c => c.Code).Distinct())
                await s.RegisterSiteAsync(new ConstructionSiteInput(code, "排名" + code, "91500105000000000J", "915001050000000430", null, null, null, null,
                    1000m, "structure", null, null), actor);
            foreach (var c in cards)
            {
                var site = await s.SiteAsync(c.Code);
                ctx.ConstructionCards.Add(new ConstructionCard
                {
                    ConstructionSiteId = site.Id, Month = c.Month, Colour = c.Colour, DustHours = c.Dust, NoiseHours = c.Noise, Complaints = 1, Findings = 2,
                    ReasonsJson = "[]", EvidenceJson = "[]", ThresholdsJson = "[]", RuleVersion = "test", EvaluatedAt = clock.GetUtcNow(), EvaluatedBy = "test",
                });
                await ctx.SaveChangesAsync(); // one by one: ids in list order, so RK-L's green is the later evaluation
            }
        }
        await using (var ctx = store.CreateContext())
        {
            var rows = (await new ConstructionService(ctx, clock).RankingAsync(new DateOnly(2026, 5, 17))).Where(r => r.Site.Code.StartsWith("RK-", StringComparison.Ordinal)).ToList();
            Assert.Equal(["RK-R", "RK-YB", "RK-YA", "RK-YC", "RK-G", "RK-L"], rows.Select(r => r.Site.Code));
            Assert.Equal("green", rows[^1].Card.Colour);
            Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Rank < p.Second.Rank));
            Assert.Equal((1, 2), (rows[0].Card.Complaints, rows[0].Card.Findings));
            var april = await new ConstructionService(ctx, clock).RankingAsync(new DateOnly(2026, 4, 1));
            Assert.Contains(april, r => r.Site.Code == "RK-X");
            Assert.DoesNotContain(april, r => r.Site.Code == "RK-R");
        }
    }

    [Fact]
    public void Card_severity_orders_red_yellow_green()
    {
        Assert.Equal((2, 1, 0, 0), (ConstructionService.CardSeverity("red"), ConstructionService.CardSeverity("yellow"), ConstructionService.CardSeverity("green"),
            ConstructionService.CardSeverity(null)));
    }
}

/// <summary>SQLite.</summary>
public sealed class SqliteConstructionRankingTests(SqliteTestDatabase db) : ConstructionRankingTests<SqliteTestDatabase>(db);

/// <summary>PostgreSQL.</summary>
public sealed class PostgresConstructionRankingTests(PostgresTestDatabase db) : ConstructionRankingTests<PostgresTestDatabase>(db);
