using Microsoft.EntityFrameworkCore;
using SmartEnv.PlanTracking;
using SmartEnv.Planning.Indicators;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Waste.Medical;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Acceptance (issue 17, plan §5): #17 城镇医疗废物集中无害化处置率 for a year with hand-made records equals the hand
/// computation, written by <see cref="PlanRepository.ComputeAsync"/> as a computed value with its rule in the evidence.
/// Records of hospital H (<see cref="WasteSeed.UsccH"/>, 暂存间 ZC001), collected by the central disposal unit D or the
/// carrier C (not a central disposal unit).
/// </summary>
public abstract class PlanComputeMedicalTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static DateTimeOffset Bj(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = AuditActor.System("test");

    private static async Task<long> HandoverAsync(MedicalWasteService s, DateTimeOffset at, string category, decimal kg) =>
        (await s.RecordHandoverAsync(WasteSeed.UsccH, new HandoverInput("ZC001", at, category, kg, 1, "外科", "张护士", "李工"), Actor)).Id;

    [Fact]
    public async Task Central_disposal_rate_of_2025_equals_the_hand_computation()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var repo = new PlanRepository(store);
        Assert.True((await repo.ImportAsync(RepoPaths.SharedFile("data/plan"))).Ok);
        Assert.True(ComputedIndicators.IsComputed(17));

        // No handover yet: a gap that says so.
        var (_, gaps0) = await repo.ComputeAsync(2025);
        Assert.Contains(gaps0, g => g.IndicatorNumber == 17 && g.Reason.Contains("no data", StringComparison.Ordinal));

        await using (var ctx = store.CreateContext())
        {
            var s = new MedicalWasteService(ctx, TimeProvider.System);
            // 2024-12-31 23:30 Beijing: generated in 2024 → not in 2025 (100 kg, centrally disposed).
            var h2024 = await HandoverAsync(s, Bj(2024, 12, 31, 23, 30), "infectious", 100m);
            var h1 = await HandoverAsync(s, Bj(2025, 1, 1, 9), "infectious", 12.5m);
            var h2 = await HandoverAsync(s, Bj(2025, 3, 10, 9), "sharps", 30m);
            var h3 = await HandoverAsync(s, Bj(2025, 6, 1, 9), "pharmaceutical", 7.5m);
            var h4 = await HandoverAsync(s, Bj(2025, 12, 31, 20), "pathological", 50m);
            // 2026-01-01 00:10 Beijing = 2025-12-31 16:10 UTC: generated in 2026 (a UTC year would count it) → not in 2025.
            await HandoverAsync(s, Bj(2026, 1, 1, 0, 10), "chemical", 20m);
            await s.RecordCollectionAsync(WasteSeed.UsccH, new CollectionInput("ZC001", WasteSeed.UsccD, Bj(2025, 1, 2, 9), [h2024, h1], null, null), Actor);
            await s.RecordCollectionAsync(WasteSeed.UsccH, new CollectionInput("ZC001", WasteSeed.UsccD, Bj(2025, 3, 11, 9), [h2], null, "20255001000123"), Actor);
            // The 7.5 kg leaves with carrier C, which is not a central disposal unit: generated, not centrally disposed.
            await s.RecordCollectionAsync(WasteSeed.UsccH, new CollectionInput("ZC001", WasteSeed.UsccC, Bj(2025, 6, 2, 9), [h3], null, null), Actor);
            // The 50 kg of 31 December is collected in January 2026: it counts for 2025, its generation year.
            await s.RecordCollectionAsync(WasteSeed.UsccH, new CollectionInput("ZC001", WasteSeed.UsccD, Bj(2026, 1, 2, 9), [h4], null, null), Actor);
        }

        // By hand: generated 12.5 + 30 + 7.5 + 50 = 100 kg; centrally disposed 12.5 + 30 + 50 = 92.5 kg → 92.5 / 100 × 100 = 92.50 %.
        var (recorded, gaps) = await repo.ComputeAsync(2025);
        Assert.DoesNotContain(gaps, g => g.IndicatorNumber == 17);
        var v = Assert.Single(recorded, x => x.IndicatorNumber == 17);
        Assert.Equal(92.50m, v.Value);
        Assert.Equal(ValueSource.Computed, v.Source);
        Assert.Equal(PlanRepository.MedicalWasteEngine, v.By);
        Assert.Contains("城镇医疗废物集中无害化处置率 = ", v.Evidence, StringComparison.Ordinal);
        Assert.Contains("mw-central-disposal@1", v.Evidence, StringComparison.Ordinal);
        Assert.Contains("92.5 kg / 100 kg (4 handovers)", v.Evidence, StringComparison.Ordinal);

        // Stored in the plan's history; asking again adds no version.
        var (again, _) = await repo.ComputeAsync(2025);
        Assert.DoesNotContain(again, x => x.IndicatorNumber == 17);
        var plan = await repo.LoadAsync();
        Assert.Equal(92.50m, plan!.Board.Series(17).Current(2025)!.Value);
        Assert.Single(plan.Board.Series(17).History(2025), x => x.Value.Source == ValueSource.Computed);

        // 2024: the 100 kg, centrally disposed → 100 %; 2026: 20 kg held, not collected → 0 %.
        Assert.Equal(100m, Assert.Single((await repo.ComputeAsync(2024)).Recorded, x => x.IndicatorNumber == 17).Value);
        Assert.Equal(0m, Assert.Single((await repo.ComputeAsync(2026)).Recorded, x => x.IndicatorNumber == 17).Value);
    }
}

public sealed class SqlitePlanComputeMedicalTests(SqliteTestDatabase db) : PlanComputeMedicalTests<SqliteTestDatabase>(db);

public sealed class PostgresPlanComputeMedicalTests(PostgresTestDatabase db) : PlanComputeMedicalTests<PostgresTestDatabase>(db);
