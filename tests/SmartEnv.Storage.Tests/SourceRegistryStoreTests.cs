using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Identifiers;
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
        Assert.Equal([SourceSeed.PermitNumberA], await a.Permits.Select(p => p.Number).ToListAsync());
        Assert.Equal(0, await a.PermitVersions.CountAsync(v => v.PermitId == ids.PermitB));
        Assert.Equal(0, await a.PermitOutlets.CountAsync(o => o.SiteId == ids.OutletSiteAirB));
        Assert.Equal(2, await a.PermitOutlets.CountAsync());
        Assert.Equal(2, await a.PermitLimits.CountAsync());
        Assert.Equal(0, await a.ExecutionReports.CountAsync(r => r.PermitId == ids.PermitB));
        await using var pub = store.CreateContext(DataScope.Public);
        Assert.Equal((0, 0, 0, 0, 0), (await pub.Permits.CountAsync(), await pub.PermitVersions.CountAsync(), await pub.PermitOutlets.CountAsync(), await pub.PermitLimits.CountAsync(), await pub.ExecutionReports.CountAsync()));
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
