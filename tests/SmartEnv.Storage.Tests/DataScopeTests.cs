using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="DataScope"/> as EF Core global query filters, on both engines: enterprise A's user reads A's enterprise and
/// site and every site-keyed row of it, the bureau's sites, and nothing of enterprise B (not even by key); the public reads
/// nothing enterprise-owned; the unrestricted context (background jobs) reads everything. Expected counts are the rows
/// this test writes, not the code's output.
/// </summary>
public abstract class DataScopeTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    // Two valid codes (GB 32100-2015), checks worked by hand in tests/SmartEnv.Standards.Tests/Identifiers/UsccTests.cs.
    private const string UsccA = "91500105000000000J";
    private const string UsccB = "915001050000000430";

    private async Task<(SmartEnvStore Store, long SiteA, long SiteB, long Bureau)> SeedAsync()
    {
        var (store, _) = await db.MigratedAsync();
        await using var ctx = store.CreateContext();
        var now = DateTimeOffset.UtcNow;
        ctx.Enterprises.AddRange(
            new Enterprise { Uscc = UsccA, Name = "甲化工有限公司", CreatedAt = now },
            new Enterprise { Uscc = UsccB, Name = "乙电镀有限公司", Address = "江北区某路 1 号", Street = "寸滩街道", CreatedAt = now });
        var a = new Site { Code = "ENT-A-01", NameZh = "甲厂排口", Kind = SiteKind.Water, IsPublic = false, EnterpriseUscc = UsccA };
        var b = new Site { Code = "ENT-B-01", NameZh = "乙厂排口", Kind = SiteKind.Water, IsPublic = false, EnterpriseUscc = UsccB };
        ctx.Sites.AddRange(a, b);
        await ctx.SaveChangesAsync();
        var t = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var s in new[] { a, b })
        {
            ctx.Devices.Add(new Device { Mn = "MN-" + s.Code, Password = "123456", SiteId = s.Id });
            for (var h = 0; h < 3; h++)
                ctx.Observations.Add(new Observation { SiteId = s.Id, ParameterCode = "w01018", Period = PeriodType.Hour, DataTime = t.AddHours(h), Value = 10 + h, ValueText = (10 + h).ToString(System.Globalization.CultureInfo.InvariantCulture), StoredAt = now });
            ctx.HourlyAqi.Add(new HourlyAqi { SiteId = s.Id, HourStart = t, RegimeId = "HJ633-2012", CalculatedAt = now });
            ctx.DailyAqi.Add(new DailyAqi { SiteId = s.Id, Date = new DateOnly(2026, 11, 1), RegimeId = "HJ633-2012", CalculatedAt = now });
            ctx.EvaluationDays.Add(new EvaluationDay { SiteId = s.Id, Day = new DateOnly(2026, 11, 1), State = EvaluationState.Done, UpdatedAt = now });
            ctx.Alerts.Add(new Alert { SiteId = s.Id, Rule = AlertRule.DeviceOffline, Severity = AlertSeverity.Moderate, Status = AlertStatus.Open, OpenedAt = t, LastSeenAt = t, MessageZh = "离线", MessageEn = "offline", CreatedAt = now, UpdatedAt = now });
        }
        await ctx.SaveChangesAsync();
        var bureau = await ctx.Sites.Where(s => s.Code == "1420A").Select(s => s.Id).SingleAsync();
        return (store, a.Id, b.Id, bureau);
    }

    private static async Task<Dictionary<string, int>> CountsAsync(SmartEnvDbContext c, long siteId) => new()
    {
        ["site"] = await c.Sites.CountAsync(s => s.Id == siteId),
        ["devices"] = await c.Devices.CountAsync(x => x.SiteId == siteId),
        ["observations"] = await c.Observations.CountAsync(x => x.SiteId == siteId),
        ["hourly_aqi"] = await c.HourlyAqi.CountAsync(x => x.SiteId == siteId),
        ["daily_aqi"] = await c.DailyAqi.CountAsync(x => x.SiteId == siteId),
        ["evaluation_days"] = await c.EvaluationDays.CountAsync(x => x.SiteId == siteId),
        ["alerts"] = await c.Alerts.CountAsync(x => x.SiteId == siteId),
    };

    private static readonly Dictionary<string, int> Seeded = new()
    {
        ["site"] = 1, ["devices"] = 1, ["observations"] = 3, ["hourly_aqi"] = 1, ["daily_aqi"] = 1, ["evaluation_days"] = 1, ["alerts"] = 1,
    };

    private static readonly Dictionary<string, int> Nothing = Seeded.ToDictionary(k => k.Key, _ => 0);

    [Fact]
    public async Task Scopes_filter_enterprises_sites_and_every_site_keyed_table()
    {
        var (store, siteA, siteB, bureau) = await SeedAsync();

        await using (var all = store.CreateContext())
        {
            Assert.True(all.Scope.IsAll);
            Assert.Equal(Seeded, await CountsAsync(all, siteA));
            Assert.Equal(Seeded, await CountsAsync(all, siteB));
            Assert.Equal(2, await all.Enterprises.CountAsync());
        }

        await using (var a = store.CreateContext(DataScope.ForEnterprises([UsccA])))
        {
            Assert.Equal(Seeded, await CountsAsync(a, siteA));
            Assert.Equal(Nothing, await CountsAsync(a, siteB));
            Assert.Equal([UsccA], await a.Enterprises.Select(e => e.Uscc).ToListAsync());
            // By key, by navigation and by Find: B stays invisible.
            Assert.Null(await a.Enterprises.SingleOrDefaultAsync(e => e.Uscc == UsccB));
            Assert.Null(await a.Sites.SingleOrDefaultAsync(s => s.Code == "ENT-B-01"));
            Assert.Empty(await a.Devices.Where(d => d.Mn == "MN-ENT-B-01").ToListAsync());
            Assert.Equal(["MN-ENT-A-01"], await a.Devices.Where(d => d.Mn.StartsWith("MN-ENT-")).Select(d => d.Site!.Code == "ENT-A-01" ? d.Mn : "?").ToListAsync());
            // The bureau's sites stay readable (their public/non-public rule is the endpoints').
            Assert.Equal(1, await a.Sites.CountAsync(s => s.Id == bureau));
        }

        await using (var ab = store.CreateContext(DataScope.ForEnterprises([UsccB, UsccA, UsccA])))
        {
            Assert.Equal([UsccA, UsccB], ab.Scope.Usccs);
            Assert.Equal(Seeded, await CountsAsync(ab, siteB));
        }

        await using (var pub = store.CreateContext(DataScope.Public))
        {
            Assert.Equal(Nothing, await CountsAsync(pub, siteA));
            Assert.Equal(Nothing, await CountsAsync(pub, siteB));
            Assert.Equal(0, await pub.Enterprises.CountAsync());
            Assert.Equal(1, await pub.Sites.CountAsync(s => s.Id == bureau));
            Assert.Equal(0, await pub.Sites.CountAsync(s => s.EnterpriseUscc != null));
        }

        await using (var none = store.CreateContext(DataScope.ForEnterprises([])))
            Assert.Equal(Nothing, await CountsAsync(none, siteA));
    }

    [Fact]
    public async Task A_site_cannot_name_an_enterprise_that_does_not_exist()
    {
        var (store, _) = await db.MigratedAsync();
        await using var ctx = store.CreateContext();
        ctx.Sites.Add(new Site { Code = "ENT-X-" + Guid.NewGuid().ToString("N")[..6], NameZh = "无主", EnterpriseUscc = "9150010500000030XD", IsPublic = false });
        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
    }
}

public sealed class SqliteDataScopeTests(SqliteTestDatabase db) : DataScopeTests<SqliteTestDatabase>(db);

public sealed class PostgresDataScopeTests(PostgresTestDatabase db) : DataScopeTests<PostgresTestDatabase>(db);
