using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Migration <c>WasteLedger</c> (issue 17 P2) on both engines: the shared <see cref="WasteSeed"/> fixture stores and reads
/// back exactly (decimals, instants, enums as text, role flags), its USCCs pass GB 32100 and GB 11714, the enterprise
/// scope reaches parties, facilities, containers and ledger entries, and the unique keys hold (identifier; facility code
/// per enterprise). Expected values are the fixture's hand-written ones.
/// </summary>
public abstract class WasteLedgerStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    [Theory]
    [InlineData(WasteSeed.UsccA)]
    [InlineData(WasteSeed.UsccC)]
    [InlineData(WasteSeed.UsccR)]
    [InlineData(WasteSeed.UsccH)]
    [InlineData(WasteSeed.UsccD)]
    public void The_fixture_codes_pass_GB_32100_and_GB_11714(string uscc)
    {
        Assert.Null(Uscc.Check(uscc));
        Assert.Empty(Uscc.Warnings(uscc));
    }

    [Fact]
    public async Task The_seed_round_trips_and_is_idempotent()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        Assert.Equal(ids, await WasteSeed.SeedAsync(store));
        await using var ctx = store.CreateContext();
        var d = await ctx.WasteParties.SingleAsync(p => p.Uscc == WasteSeed.UsccD);
        Assert.Equal((WastePartyRoles.MedicalDisposal | WastePartyRoles.Receiver, true, WasteSeed.LicenceD, "500105"),
            (d.Roles, d.IsBusinessUnit, d.HwLicenceNumber, d.DivisionCode));
        var c = await ctx.WasteContainers.SingleAsync(x => x.Id == ids.ContainerA);
        Assert.Equal(37, c.Identifier.Length);
        Assert.Equal(("900-249-08", "HW08", "T，I", 0.18m, 180m, "kg", 200m, WasteLedgerStage.Stored, ids.FacilityA),
            (c.WasteCode, c.Category, c.Hazard, c.QuantityT, c.QuantityAsGiven, c.UnitAsGiven, c.VolumeL, c.State, c.FacilityId!.Value));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero), c.StoredAt);
        var stages = await ctx.WasteLedgerEntries.Where(e => e.ContainerId == ids.ContainerA).OrderBy(e => e.Id).Select(e => e.Stage).ToListAsync();
        Assert.Equal([WasteLedgerStage.Generated, WasteLedgerStage.Stored], stages);
        var site = await ctx.Sites.SingleAsync(s => s.Id == ids.FacilitySiteH);
        Assert.Equal((WasteSeed.FacilitySiteCodeH, SiteKind.WasteFacility, false, WasteSeed.UsccH), (site.Code, site.Kind, site.IsPublic, site.EnterpriseUscc));
        var h = await ctx.WasteFacilities.SingleAsync(f => f.Id == ids.FacilityH);
        Assert.Equal(WasteFacilityKind.MedicalTemporary, h.Kind);
    }

    [Fact]
    public async Task Enterprise_scope_reaches_every_waste_table()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        await using (var b = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccB])))
        {
            Assert.Equal(0, await b.WasteParties.CountAsync());
            Assert.Equal(0, await b.WasteFacilities.CountAsync());
            Assert.Equal(0, await b.WasteContainers.CountAsync());
            Assert.Equal(0, await b.WasteLedgerEntries.CountAsync());
            Assert.Equal(0, await b.Sites.CountAsync(s => s.Id == ids.FacilitySiteA));
        }
        await using var a = store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccA]));
        Assert.Equal([WasteSeed.UsccA], await a.WasteParties.Select(p => p.Uscc).ToListAsync());
        Assert.All(await a.WasteFacilities.ToListAsync(), f => Assert.Equal(WasteSeed.UsccA, f.Uscc));
        Assert.Contains(await a.WasteContainers.Select(x => x.Id).ToListAsync(), x => x == ids.ContainerA);
        Assert.All(await a.WasteLedgerEntries.ToListAsync(), e => Assert.Equal(WasteSeed.UsccA, e.Uscc));
    }

    [Fact]
    public async Task Identifier_and_facility_code_are_unique()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        await using (var ctx = store.CreateContext())
        {
            ctx.WasteContainers.Add(new WasteContainer
            {
                Identifier = WasteSeed.ContainerIdentifierA, IdentifierFormat = "x", Uscc = WasteSeed.UsccA, ListVersion = "2021",
                WasteCode = "900-249-08", Category = "HW08", Name = "废矿物油", UnitAsGiven = "t", CreatedBy = "test",
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }
        await using (var ctx = store.CreateContext())
        {
            ctx.WasteFacilities.Add(new WasteFacility { Uscc = WasteSeed.UsccA, Code = "TS001", Name = "重复", SiteId = ids.Sources.OutletSiteAirA });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }
    }
}

public sealed class SqliteWasteLedgerStoreTests(SqliteTestDatabase db) : WasteLedgerStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresWasteLedgerStoreTests(PostgresTestDatabase db) : WasteLedgerStoreTests<PostgresTestDatabase>(db);
