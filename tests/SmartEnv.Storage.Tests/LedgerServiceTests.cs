using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Ledger;
using SmartEnv.Tests;
using SmartEnv.Waste.Ledger;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="LedgerService"/> (issue 17 P2) on both engines, on the <see cref="WasteSeed"/> fixture with a fixed clock
/// (2026-03-10 12:00 Beijing). Expected values are worked by hand: identifiers per the assumed HJ 1276 layout
/// (18 + 8 + 8 + 3), tonnes from kg (÷ 1000), stock replayed from the ledger at the end of a Beijing day, storage age in
/// Beijing calendar days (2026-01-05 → 2027-01-05 = 365, 2026 not a leap year). Every change must leave an audit entry.
/// </summary>
public abstract class LedgerServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = Bj(2026, 3, 10, 12);
    private static readonly AuditActor Staff = new(AuditActorKind.User, "staff1");
    private static readonly AuditActor UserA = new(AuditActorKind.User, "userA");

    private static DateTimeOffset Bj(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, SmartEnv.Standards.Common.BeijingTime.Offset);

    private static async Task<(SmartEnvDbContext Ctx, LedgerService Ledger)> OpenAsync(SmartEnvStore store, DataScope? scope = null)
    {
        await Task.CompletedTask;
        var ctx = scope is null ? store.CreateContext() : store.CreateContext(scope);
        return (ctx, new LedgerService(ctx, new Clock(Now)));
    }

    [Fact]
    public async Task Generating_assigns_the_next_identifier_converts_to_tonnes_and_audits()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store, DataScope.ForEnterprises([WasteSeed.UsccA]));
        await using var _ = ctx;
        var input = new GenerateInput("900-041-49", "废包装桶", 250m, "kg", Bj(2026, 3, 2, 9), ContainerType: "铁桶", VolumeL: 200m, Handler: "王五", Destination: "贮存");
        var first = await ledger.GenerateAsync(WasteSeed.UsccA, input, UserA);
        var second = await ledger.GenerateAsync(WasteSeed.UsccA, input with { Quantity = 0.3m, Unit = "t" }, UserA);

        Assert.Equal("91500105MA5U0A1661" + "90004149" + "20260302" + "001", first.Identifier);
        Assert.Equal("91500105MA5U0A1661" + "90004149" + "20260302" + "002", second.Identifier);
        Assert.Equal(("HW49", "2021", "T/In", 0.25m, 250m, "kg", WasteLedgerStage.Generated, "assumed-hj1276-37", "userA"),
            (first.Category, first.ListVersion, first.Hazard, first.QuantityT, first.QuantityAsGiven, first.UnitAsGiven, first.State, first.IdentifierFormat, first.CreatedBy));
        Assert.Equal(0.3m, second.QuantityT);
        var entry = Assert.Single(await ledger.LedgerAsync(WasteSeed.UsccA, first.Id));
        Assert.Equal((WasteLedgerStage.Generated, 0.25m, "王五", "贮存", Bj(2026, 3, 2, 9)), (entry.Stage, entry.QuantityT, entry.Handler, entry.Destination, entry.At));
        await using var all = store.CreateContext();
        var audits = await all.AuditEntries.Where(a => a.Action == LedgerService.ActionContainerGenerate && a.TargetId == first.Identifier).ToListAsync();
        Assert.Equal("userA", Assert.Single(audits).ActorName);
    }

    [Theory]
    [InlineData("900-043-49", "kg", "wasteCode")]   // category HW49 exists, 900-043-49 is not listed (2021: 041, 042, 044–047, 999)
    [InlineData("900-041-41", "kg", "wasteCode")]   // HW41 does not exist in the 2021 list
    [InlineData("90004149", "kg", "wasteCode")]     // not ddd-ddd-dd
    [InlineData("900-041-49", "件", "quantity")]    // a count cannot be converted
    [InlineData("900-041-49", "L", "quantity")]     // a volume without a density
    public async Task Generating_refuses_bad_input_and_stores_nothing(string code, string unit, string field)
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store);
        await using var _ = ctx;
        var before = await ctx.WasteContainers.CountAsync();
        var ex = await Assert.ThrowsAsync<LedgerException>(() => ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput(code, "废物", 10m, unit, Bj(2026, 3, 1, 9)), UserA));
        Assert.Contains(field, ex.Errors.Keys);
        Assert.False(ex.Conflict);
        Assert.Equal(before, await ctx.WasteContainers.CountAsync());
    }

    [Fact]
    public async Task Generating_in_the_future_is_refused()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store);
        await using var _ = ctx;
        var ex = await Assert.ThrowsAsync<LedgerException>(() => ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput("900-041-49", "废物", 1m, "t", Now.AddMinutes(1)), UserA));
        Assert.Contains("generatedAt", ex.Errors.Keys);
    }

    [Fact]
    public async Task Stages_move_the_container_and_stock_is_replayed_from_the_ledger()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store, DataScope.ForEnterprises([WasteSeed.UsccA]));
        await using var _ = ctx;
        var ts2 = await ledger.EnsureFacilityAsync(WasteSeed.UsccA, new FacilityInput("TS002", WasteFacilityKind.Storage, "2#危废贮存库", 20m), UserA);
        Assert.Same(ts2, await ledger.EnsureFacilityAsync(WasteSeed.UsccA, new FacilityInput("TS002", WasteFacilityKind.Storage, "2#危废贮存库"), UserA));
        var site = await ctx.Sites.SingleAsync(s => s.Id == ts2.SiteId);
        Assert.Equal(("91500105MA5U0A1661-TS002", SiteKind.WasteFacility, false, WasteSeed.UsccA), (site.Code, site.Kind, site.IsPublic, site.EnterpriseUscc));

        var c1 = await ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput("900-249-08", "废矿物油", 500m, "kg", Bj(2026, 2, 3, 10), GenerationBatch: "CS0203"), UserA);
        var c2 = await ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput("900-041-49", "废包装桶", 120m, "kg", Bj(2026, 2, 3, 11)), UserA);
        await ledger.RecordAsync(WasteSeed.UsccA, c1.Identifier, LedgerStage.Stored, new StageInput(Bj(2026, 2, 3, 15), BatchCode: "RK0203", FacilityCode: "TS002", Handler: "赵六"), UserA);
        await ledger.RecordAsync(WasteSeed.UsccA, c2.Identifier, LedgerStage.Stored, new StageInput(Bj(2026, 2, 3, 16), FacilityCode: "TS002"), UserA);
        var removed = await ledger.RecordAsync(WasteSeed.UsccA, c1.Identifier, LedgerStage.Removed, new StageInput(Bj(2026, 2, 10, 9), BatchCode: "CK0210", Destination: "委外处置"), UserA);
        Assert.Equal(("TS002", "storage", "RK0203"), (removed.FacilityCode, removed.FacilityKind, removed.LinkedBatch));
        var transferred = await ledger.RecordAsync(WasteSeed.UsccA, c1.Identifier, LedgerStage.Transferred,
            new StageInput(Bj(2026, 2, 10, 10), ReceiverUscc: WasteSeed.UsccR, Method: "D10", ManifestNumber: "20265001000001"), UserA);
        Assert.Equal(("重庆江北丁环保科技有限公司", WasteSeed.LicenceR, "经营单位", "CK0210"),
            (transferred.ReceiverName, transferred.ReceiverLicence, transferred.ReceiverType, transferred.LinkedBatch));

        var after = await ctx.WasteContainers.AsNoTracking().SingleAsync(c => c.Id == c1.Id);
        Assert.Equal((WasteLedgerStage.Transferred, (long?)null, Bj(2026, 2, 3, 15), Bj(2026, 2, 10, 9), "20265001000001"),
            (after.State, after.FacilityId, after.StoredAt!.Value, after.LeftAt!.Value, after.ManifestNumber));

        async Task<StockLine> Ts2(int m, int d) => Assert.Single(await ledger.StockAsync(WasteSeed.UsccA, new DateOnly(2026, m, d)), l => l.FacilityCode == "TS002");
        Assert.Equal((0, 0m), ((await Ts2(2, 2)).Containers, (await Ts2(2, 2)).Tonnes));
        var d3 = await Ts2(2, 3);   // 0.5 + 0.12
        Assert.Equal((2, 0.62m), (d3.Containers, d3.Tonnes));
        Assert.Equal([("900-041-49", 1, 0.12m), ("900-249-08", 1, 0.5m)], d3.ByCode.Select(b => (b.WasteCode, b.Containers, b.Tonnes)));
        Assert.Equal(0.62m, (await Ts2(2, 9)).Tonnes);
        Assert.Equal((1, 0.12m), ((await Ts2(2, 10)).Containers, (await Ts2(2, 10)).Tonnes));
        var ts1 = Assert.Single(await ledger.StockAsync(WasteSeed.UsccA, new DateOnly(2026, 2, 10)), l => l.FacilityCode == "TS001");
        Assert.Equal((1, 0.18m), (ts1.Containers, ts1.Tonnes)); // the seed's container, stored 2026-01-05

        await using var all = store.CreateContext();
        Assert.Equal(3, await all.AuditEntries.CountAsync(a => a.Action == LedgerService.ActionLedgerRecord && (a.TargetId == c1.Identifier)));
        Assert.Equal(1, await all.AuditEntries.CountAsync(a => a.Action == LedgerService.ActionFacilityCreate && a.TargetId == "91500105MA5U0A1661-TS002"));
    }

    [Fact]
    public async Task A_stage_out_of_order_or_before_the_last_entry_is_refused()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store);
        await using var _ = ctx;
        var c = await ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput("900-249-08", "废矿物油", 1m, "t", Bj(2026, 3, 3, 10)), UserA);
        var order = await Assert.ThrowsAsync<LedgerException>(() => ledger.RecordAsync(WasteSeed.UsccA, c.Identifier, LedgerStage.Removed, new StageInput(Bj(2026, 3, 3, 11)), UserA));
        Assert.True(order.Conflict);
        var early = await Assert.ThrowsAsync<LedgerException>(() => ledger.RecordAsync(WasteSeed.UsccA, c.Identifier, LedgerStage.Stored, new StageInput(Bj(2026, 3, 3, 9), FacilityCode: "TS001"), UserA));
        Assert.Contains("at", early.Errors.Keys);
        var nowhere = await Assert.ThrowsAsync<LedgerException>(() => ledger.RecordAsync(WasteSeed.UsccA, c.Identifier, LedgerStage.Stored, new StageInput(Bj(2026, 3, 3, 12), FacilityCode: "TS999"), UserA));
        Assert.Contains("facilityCode", nowhere.Errors.Keys);
        var noReceiver = await Assert.ThrowsAsync<LedgerException>(() => ledger.RecordAsync(WasteSeed.UsccA, c.Identifier, LedgerStage.Transferred, new StageInput(Bj(2026, 3, 3, 12)), UserA));
        Assert.Contains("receiverName", noReceiver.Errors.Keys);
        Assert.Single(await ledger.LedgerAsync(WasteSeed.UsccA, c.Id)); // nothing but 产生 stored
    }

    [Fact]
    public async Task Storage_age_is_365_then_366_days_a_warning_for_a_generator_and_a_legal_breach_for_a_business_unit()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store);
        await using var _ = ctx;
        // R (经营单位) stores a container the same day as the seed's (2026-01-05 14:00 Beijing).
        var r = await ledger.GenerateAsync(WasteSeed.UsccR, new GenerateInput("900-249-08", "废矿物油", 1m, "t", Bj(2026, 1, 5, 8)), Staff);
        await ledger.RecordAsync(WasteSeed.UsccR, r.Identifier, LedgerStage.Stored, new StageInput(Bj(2026, 1, 5, 14), FacilityCode: "TS001"), Staff);

        var at365 = await ledger.StorageAgesAsync(null, Bj(2027, 1, 5, 23, 59));
        var a365 = Assert.Single(at365, x => x.ContainerId == ids.ContainerA);
        var r365 = Assert.Single(at365, x => x.ContainerId == r.Id);
        Assert.Equal((365, StorageAgeState.Ok, false), (a365.Days, a365.State, a365.IsBusinessUnit));
        Assert.Equal((365, StorageAgeState.Ok, true), (r365.Days, r365.State, r365.IsBusinessUnit));

        var at366 = await ledger.StorageAgesAsync(null, Bj(2027, 1, 6, 0, 1));
        Assert.Equal((366, StorageAgeState.Warning, ids.FacilitySiteA), at366.Where(x => x.ContainerId == ids.ContainerA).Select(x => (x.Days, x.State, x.SiteId)).Single());
        Assert.Equal((366, StorageAgeState.OverLegalLimit), at366.Where(x => x.ContainerId == r.Id).Select(x => (x.Days, x.State)).Single());
        Assert.DoesNotContain(await ledger.StorageAgesAsync(WasteSeed.UsccA, Bj(2027, 1, 6, 0, 1)), x => x.Uscc != WasteSeed.UsccA);
    }

    [Fact]
    public async Task Another_enterprise_is_not_found()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store, DataScope.ForEnterprises([SourceSeed.UsccB]));
        await using var _ = ctx;
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ledger.GenerateAsync(WasteSeed.UsccA, new GenerateInput("900-249-08", "废矿物油", 1m, "t", Bj(2026, 3, 1, 9)), UserA));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ledger.RecordAsync(WasteSeed.UsccA, WasteSeed.ContainerIdentifierA, LedgerStage.Removed, new StageInput(Bj(2026, 3, 1, 9)), UserA));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ledger.EnsureFacilityAsync(WasteSeed.UsccA, new FacilityInput("TS009", WasteFacilityKind.Storage, "x"), UserA));
        Assert.Null(await ledger.FindContainerAsync(WasteSeed.ContainerIdentifierA));
        Assert.Empty(await ledger.StockAsync(null, new DateOnly(2026, 2, 1)));
        Assert.Empty(await ledger.StorageAgesAsync(null, Now));
    }

    [Fact]
    public async Task A_party_profile_is_checked_written_and_audited_with_before_and_after()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var (ctx, ledger) = await OpenAsync(store);
        await using var _ = ctx;
        var bad = await Assert.ThrowsAsync<LedgerException>(() => ledger.UpsertPartyAsync(SourceSeed.UsccB, new PartyInput(WastePartyRoles.Receiver | WastePartyRoles.Carrier, null, null, "5001", false), Staff));
        Assert.Equal(["divisionCode", "hwLicenceNumber", "transportLicence"], bad.Errors.Keys.Order());
        await ledger.UpsertPartyAsync(SourceSeed.UsccB, new PartyInput(WastePartyRoles.Generator, null, null, null, false), Staff);
        var p = await ledger.UpsertPartyAsync(SourceSeed.UsccB, new PartyInput(WastePartyRoles.Generator | WastePartyRoles.Receiver, "渝危废经字500105009号", null, "500112", true), Staff);
        Assert.Equal((WastePartyRoles.Generator | WastePartyRoles.Receiver, "500112", true), (p.Roles, p.DivisionCode, p.IsBusinessUnit));
        await using var all = store.CreateContext();
        var audits = await all.AuditEntries.Where(a => a.Action == LedgerService.ActionPartyUpdate && a.TargetId == SourceSeed.UsccB).OrderBy(a => a.Seq).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.Null(audits[0].Before);
        Assert.Contains("\"generator\"", audits[1].Before);
        Assert.Contains("\"receiver\"", audits[1].After);
    }
}

public sealed class SqliteLedgerServiceTests(SqliteTestDatabase db) : LedgerServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresLedgerServiceTests(PostgresTestDatabase db) : LedgerServiceTests<PostgresTestDatabase>(db);
