using Microsoft.EntityFrameworkCore;
using SmartEnv.Sources.Registry;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Migration <c>SourceRegistry</c> (issue 16 P2) on both engines: the shared <see cref="SourceSeed"/> fixture stores and
/// reads back exactly (decimals, dates, enums as text), the enterprise scope reaches permits, versions, outlets, limits and
/// execution reports (A's user sees A's rows only, the public none), and the unique keys hold (number; version per
/// permit). Expected values are the fixture's hand-written ones.
/// </summary>
public abstract class SourceRegistryStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    [Fact]
    public void The_fixture_codes_pass_GB_32100()
    {
        Assert.Null(Uscc.Check(SourceSeed.UsccA));
        Assert.Null(Uscc.Check(SourceSeed.UsccB));
    }

    [Fact]
    public async Task The_seed_round_trips_and_is_idempotent()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SourceSeed.SeedAsync(store);
        Assert.Equal(ids, await SourceSeed.SeedAsync(store));
        await using var ctx = store.CreateContext();
        var limit = await ctx.PermitLimits.SingleAsync(l => ctx.PermitOutlets.Any(o => o.Id == l.PermitOutletId && o.SiteId == ids.OutletSiteAirA));
        Assert.Equal(("a21026", 35m, "mg/m³", 9m, 10m), (limit.ParameterCode, limit.LimitValue, limit.Unit, limit.ReferenceO2, limit.AnnualQuantityT));
        var version = await ctx.PermitVersions.SingleAsync(v => v.Id == ids.VersionA);
        Assert.Equal((1, PermitCategory.Key, new DateOnly(2025, 6, 1), new DateOnly(2030, 5, 31)), (version.Version, version.Category, version.ValidFrom, version.ValidTo));
        var site = await ctx.Sites.SingleAsync(s => s.Id == ids.OutletSiteAirA);
        Assert.Equal(("91500105MA5U0A1661001P-DA001", SiteKind.Source, false, SourceSeed.UsccA), (site.Code, site.Kind, site.IsPublic, site.EnterpriseUscc));
        var outlet = await ctx.PermitOutlets.SingleAsync(o => o.SiteId == ids.OutletSiteAirA);
        Assert.Equal((OutletMediumKind.Air, OutletTypeKind.Main, 60), (outlet.Medium, outlet.Type, outlet.ExpectedIntervalMinutes));
        var a = await ctx.Enterprises.SingleAsync(e => e.Uscc == SourceSeed.UsccA);
        Assert.Equal((PermitCategory.Key, "500105005000", 106.600000m, true), (a.ManagementCategory, a.StreetCode, a.Longitude, a.IsKeyDischarger));
    }

    [Fact]
    public async Task Enterprise_scope_reaches_every_registry_table()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SourceSeed.SeedAsync(store);
        await using (var all = store.CreateContext())
        {
            all.ExecutionReports.Add(new ExecutionReport { PermitId = ids.PermitB, Kind = ExecutionReportKind.Annual, PeriodStart = new DateOnly(2026, 1, 1), PeriodEnd = new DateOnly(2026, 12, 31), DueOn = new DateOnly(2027, 1, 15) });
            await all.SaveChangesAsync();
        }
        await using var a = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccA]));
        var visible = await a.Permits.Select(p => new { p.Number, p.Uscc }).ToListAsync(); // other tests of this class add A's permits
        Assert.Contains(visible, p => p.Number == SourceSeed.PermitNumberA);
        Assert.All(visible, p => Assert.Equal(SourceSeed.UsccA, p.Uscc));
        Assert.Equal(0, await a.PermitVersions.CountAsync(v => v.PermitId == ids.PermitB));
        Assert.Equal(0, await a.PermitOutlets.CountAsync(o => o.SiteId == ids.OutletSiteAirB));
        Assert.Equal(2, await a.PermitOutlets.CountAsync(o => o.PermitVersionId == ids.VersionA));
        Assert.Equal(2, await a.PermitLimits.CountAsync(l => a.PermitOutlets.Any(o => o.Id == l.PermitOutletId && o.PermitVersionId == ids.VersionA)));
        Assert.Equal(0, await a.PermitLimits.CountAsync(l => !a.PermitOutlets.Any(o => o.Id == l.PermitOutletId)));
        Assert.Equal(0, await a.ExecutionReports.CountAsync(r => r.PermitId == ids.PermitB));
        await using var pub = store.CreateContext(DataScope.Public);
        Assert.Equal((0, 0, 0, 0, 0), (await pub.Permits.CountAsync(), await pub.PermitVersions.CountAsync(), await pub.PermitOutlets.CountAsync(), await pub.PermitLimits.CountAsync(), await pub.ExecutionReports.CountAsync()));
    }

    [Fact]
    public async Task Limits_in_force_follow_the_version_in_force_on_the_day()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SourceSeed.SeedAsync(store);
        // A separate permit of A so the shared seed permit stays as seeded: v1 2026-01-01…2030-12-31 with DA001 (SO₂ 35,
        // O₂ 9 %, 10 t/a) and DW001 (COD 100); v2 from 2027-01-01 with DA001 only, 30 mg/m³, every 30 minutes.
        var number = SourceSeed.UsccA + "007P";
        long v1Id, v2Id;
        await using (var ctx = store.CreateContext())
        {
            var registry = new RegistryService(ctx, TimeProvider.System);
            var actor = AuditActor.System("test");
            var v1 = await registry.AddVersionAsync(SourceSeed.UsccA, number, new PermitVersionInput(PermitCategory.Key, new DateOnly(2025, 12, 20), new DateOnly(2026, 1, 1), new DateOnly(2030, 12, 31),
                Outlets: [new OutletInput("DA001", OutletTypeKind.Main, "锅炉", null, null, null, [new LimitInput("a21026", 35m, "mg/m³", "GB 13271-2014 表2", 9m, 10m)]),
                          new OutletInput("DW001", OutletTypeKind.General, null, null, null, null, [new LimitInput("w01018", 100m, "mg/L", null, null, null)])]), actor);
            var v2 = await registry.AddVersionAsync(SourceSeed.UsccA, number, new PermitVersionInput(ValidFrom: new DateOnly(2027, 1, 1), ChangeReason: "变更",
                Outlets: [new OutletInput("DA001", OutletTypeKind.Main, "锅炉", null, null, 30, [new LimitInput("a21026", 30m, "mg/m³", "GB 13271-2014 表2", 9m, 10m)])]), actor);
            (v1Id, v2Id) = (v1.Id, v2.Id);
        }
        long air, water;
        await using (var ctx = store.CreateContext())
        {
            air = await ctx.Sites.Where(s => s.Code == number + "-DA001").Select(s => s.Id).SingleAsync();
            water = await ctx.Sites.Where(s => s.Code == number + "-DW001").Select(s => s.Id).SingleAsync();
            var r = new RegistryService(ctx, TimeProvider.System);
            Assert.Equal([new LimitInForce(v1Id, "a21026", 35m, "mg/m³", 9m, 10m, 60)], await r.LimitsInForceAsync(air, new DateOnly(2026, 12, 31)));
            Assert.Equal([new LimitInForce(v2Id, "a21026", 30m, "mg/m³", 9m, 10m, 30)], await r.LimitsInForceAsync(air, new DateOnly(2027, 1, 5)));
            Assert.Equal([new LimitInForce(v1Id, "w01018", 100m, "mg/L", null, null, 60)], await r.LimitsInForceAsync(water, new DateOnly(2026, 12, 31)));
            Assert.Empty(await r.LimitsInForceAsync(water, new DateOnly(2027, 1, 5)));  // v2 is in force and no longer lists DW001
            Assert.Empty(await r.LimitsInForceAsync(air, new DateOnly(2031, 1, 1)));    // after validity
            Assert.Empty(await r.LimitsInForceAsync(air, new DateOnly(2025, 12, 31)));  // before validity
            // The seed's DA001: 35 mg/m³ at O₂ 9 % (plan §4 loopback limit) on 2027-01-05.
            Assert.Equal([new LimitInForce(ids.VersionA, "a21026", 35m, "mg/m³", 9m, 10m, 60)], await r.LimitsInForceAsync(ids.OutletSiteAirA, new DateOnly(2027, 1, 5)));
        }
        await using (var b = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccB])))
            Assert.Empty(await new RegistryService(b, TimeProvider.System).LimitsInForceAsync(air, new DateOnly(2027, 1, 5)));
    }

    [Fact]
    public async Task An_outlet_site_code_taken_by_another_enterprise_is_a_conflict_and_nothing_is_stored()
    {
        var (store, _) = await db.MigratedAsync();
        await SourceSeed.SeedAsync(store);
        var number = SourceSeed.UsccA + "008P";
        await using (var ctx = store.CreateContext())
        {
            ctx.Sites.Add(new Site { Code = number + "-DA001", NameZh = "乙的站点", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = SourceSeed.UsccB });
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            var ex = await Assert.ThrowsAsync<RegistryException>(() => new RegistryService(ctx, TimeProvider.System).AddVersionAsync(SourceSeed.UsccA, number,
                new PermitVersionInput(PermitCategory.Key, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), new DateOnly(2030, 12, 31),
                    Outlets: [new OutletInput("DA001", OutletTypeKind.Main, null, null, null, null, [])]), AuditActor.System("test")));
            Assert.True(ex.Conflict);
        }
        await using (var ctx = store.CreateContext())
        {
            Assert.False(await ctx.Permits.AnyAsync(p => p.Number == number));
            Assert.False(await ctx.AuditEntries.AnyAsync(e => e.TargetId == number));
        }
    }

    [Fact]
    public async Task Permit_number_and_version_are_unique()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SourceSeed.SeedAsync(store);
        await using (var ctx = store.CreateContext())
        {
            ctx.Permits.Add(new Permit { Uscc = SourceSeed.UsccA, Number = SourceSeed.PermitNumberA, CreatedAt = DateTimeOffset.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }
        await using (var ctx = store.CreateContext())
        {
            ctx.PermitVersions.Add(new PermitVersion { PermitId = ids.PermitA, Version = 1, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }
    }
}

public sealed class SqliteSourceRegistryStoreTests(SqliteTestDatabase db) : SourceRegistryStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresSourceRegistryStoreTests(PostgresTestDatabase db) : SourceRegistryStoreTests<PostgresTestDatabase>(db);
