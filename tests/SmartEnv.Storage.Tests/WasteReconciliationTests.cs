using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Ledger;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Tests;
using SmartEnv.Waste.Generators;
using SmartEnv.Waste.Ledger;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The reconciliation pass (<see cref="ReconciliationService"/>, issue 17 P5 acceptance "ledger vs manifest: 2 % beyond
/// tolerance flagged, within not") on both engines over <see cref="WasteSeed"/>: generator A records 委外 10.000 t in its
/// ledger naming a manifest (<see cref="LedgerService"/>), receiver R confirms it (<see cref="ManifestService"/>) and the
/// confirmation writes the <c>hw_reconciliations</c> row in its transaction. Hand-worked with the tolerance
/// |ledger − manifest| &gt; max(1 % × manifest, 0.001 t) (SmartEnv rule, waste-rules.tsv):
/// <list type="bullet">
/// <item>received 10.200 t: difference 10.000 − 10.200 = −0.200 t; tolerance 1 % × 10.200 = 0.102 t; 0.200 &gt; 0.102 → flagged.</item>
/// <item>received 10.100 t: difference −0.100 t; tolerance 0.101 t; 0.100 ≤ 0.101 → not flagged.</item>
/// <item>received 5.000 t with no 委外 entry: ledger 0, difference −5.000 t → flagged.</item>
/// </list>
/// Clock 2021-06-01 10:00 Beijing (its own year: the first manifest of 2021 in city 5001 is <c>20215001000001</c>).
/// </summary>
public abstract class WasteReconciliationTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "reconciliation-test");

    [Fact]
    public async Task Confirming_writes_one_row_per_manifest_flagged_beyond_one_percent_and_a_second_pass_changes_nothing()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2021, 6, 1));
        await using var ctx = store.CreateContext();
        var ledger = new LedgerService(ctx, clock);
        var manifests = new ManifestService(ctx, clock);

        async Task<string> ConfirmedAsync(decimal manifestT, decimal? ledgerT, decimal receivedT, string? note)
        {
            var m = await manifests.DraftAsync(WasteSeed.UsccA, new ManifestDraftInput(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, null,
                [new ManifestLineInput("900-249-08", "废矿物油", null, "液态", "铁桶", 50, manifestT)]), Actor);
            if (ledgerT is { } t)
            {
                var c = await ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput("900-249-08", "废矿物油", t, "t", Bj(2021, 6, 1, 8)), Actor);
                await ledger.RecordAsync(WasteSeed.UsccA, c.Identifier, LedgerStage.Transferred,
                    new StageInput(Bj(2021, 6, 1, 9), ReceiverUscc: WasteSeed.UsccR, ManifestNumber: m.Number), Actor);
            }
            await manifests.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Submit, new(), Actor);
            await manifests.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.PickUp, new(Vehicle: "渝A12345"), Actor);
            await manifests.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.Arrive, new(), Actor);
            await manifests.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, receivedT, null)], Note: note), Actor);
            return m.Number;
        }

        var beyond = await ConfirmedAsync(10.000m, 10.000m, 10.200m, "过磅多 200 kg");
        var within = await ConfirmedAsync(10.000m, 10.000m, 10.100m, null);
        var noLedger = await ConfirmedAsync(5.000m, null, 5.000m, null);
        Assert.Equal(["20215001000001", "20215001000002", "20215001000003"], new[] { beyond, within, noLedger });

        var version = WasteRules.Default.Version;
        var at = Bj(2021, 6, 1).ToUniversalTime();
        async Task<List<(string, string, decimal, decimal, decimal, bool, string, DateTimeOffset)>> RowsAsync() =>
            (await ctx.WasteReconciliations.AsNoTracking().OrderBy(r => r.ManifestNumber).ToListAsync())
            .Select(r => (r.ManifestNumber, r.Uscc, r.LedgerTonnes, r.ManifestTonnes, r.DifferenceTonnes, r.Flagged, r.RuleVersion, r.CheckedAt.ToUniversalTime()))
            .ToList();
        var expected = new List<(string, string, decimal, decimal, decimal, bool, string, DateTimeOffset)>
        {
            (beyond, WasteSeed.UsccA, 10.000m, 10.200m, -0.200m, true, version, at),
            (within, WasteSeed.UsccA, 10.000m, 10.100m, -0.100m, false, version, at),
            (noLedger, WasteSeed.UsccA, 0m, 5.000m, -5.000m, true, version, at),
        };
        Assert.Equal(expected, await RowsAsync());

        // A second pass (the staff route's) an hour later changes nothing: no row written, checked_at kept.
        clock.Now = Bj(2021, 6, 1, 11);
        var pass = new ReconciliationService(ctx, clock);
        Assert.Equal(0, await pass.ReconcileAsync());
        Assert.Equal(expected, await RowsAsync());

        // The staff list (newest manifest number first) and the overview count the flagged ones; enterprise B sees none of A's rows.
        Assert.Equal([noLedger, beyond], (await pass.ListAsync(flagged: true)).Select(r => r.ManifestNumber));
        Assert.Equal([within], (await pass.ListAsync(flagged: false)).Select(r => r.ManifestNumber));
        Assert.Equal(2, (await new WasteOverview(ctx, clock).ComputeAsync()).FlaggedReconciliations);
        await using (var b = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccB])))
            Assert.Empty(await new ReconciliationService(b, clock).ListAsync());

        // Confirmed through the receiver's own scoped context (as a web request of R): A's row is still written.
        var m4 = await manifests.DraftAsync(WasteSeed.UsccA, new ManifestDraftInput(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, null,
            [new ManifestLineInput("900-249-08", "废矿物油", null, "液态", "铁桶", 5, 1.000m)]), Actor);
        await manifests.FireAsync(m4.Number, WasteSeed.UsccA, ManifestTrigger.Submit, new(), Actor);
        await manifests.FireAsync(m4.Number, WasteSeed.UsccC, ManifestTrigger.PickUp, new(Vehicle: "渝A12345"), Actor);
        await manifests.FireAsync(m4.Number, WasteSeed.UsccC, ManifestTrigger.Arrive, new(), Actor);
        await using (var r = store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccR])))
            await new ManifestService(r, clock).FireAsync(m4.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1.000m, null)]), Actor);
        var row = await ctx.WasteReconciliations.AsNoTracking().SingleAsync(x => x.ManifestNumber == m4.Number);
        Assert.Equal((WasteSeed.UsccA, 0m, 1.000m, -1.000m, true), (row.Uscc, row.LedgerTonnes, row.ManifestTonnes, row.DifferenceTonnes, row.Flagged));
    }
}

public sealed class SqliteWasteReconciliationTests(SqliteTestDatabase db) : WasteReconciliationTests<SqliteTestDatabase>(db);

public sealed class PostgresWasteReconciliationTests(PostgresTestDatabase db) : WasteReconciliationTests<PostgresTestDatabase>(db);
