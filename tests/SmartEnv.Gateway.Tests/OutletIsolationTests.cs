using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Hj212;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 16 (plan §2.3, risk 2): the flue-gas SO₂ (a21026) of a discharge outlet is an HJ 212 code the AQI also uses, so
/// without the <c>ForSource</c> marking an outlet's CEMS hour would be evaluated as ambient air. A CN 2061 ST=31 hour sent by
/// a device bound to a <see cref="SiteKind.Source"/> site must give no <c>hourly_aqi</c> row, while the same a21026 hour at
/// an air station (control) does; the outlet's Zs and Cou fields are kept as <c>a21026:zs</c> / <c>a21026:cou</c>.
/// </summary>
public abstract class OutletIsolationTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static byte[] Hour(string mn, string st, DateTimeOffset start, params (string Key, string Value)[] cp) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = start.ToOffset(Beijing).ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "0000000", St = st, Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
        Cp = [new Hj212CpEntry("DataTime", Hj212Time.Format(start, Beijing)), .. cp.Select(c => new Hj212CpEntry(c.Key, c.Value))],
    });

    [Fact]
    public async Task An_outlets_a21026_hour_never_reaches_the_AQI_while_an_air_stations_does()
    {
        var (store, _) = await db.MigratedAsync();
        long outlet, air;
        await using (var ctx = store.CreateContext())
        {
            ctx.Enterprises.Add(new Enterprise { Uscc = "91500105MA5U0A1661", Name = "企业A", CreatedAt = DateTimeOffset.UtcNow });
            var s = new Site { Code = "91500105MA5U0A1661001P-DA001", NameZh = "DA001", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = "91500105MA5U0A1661" };
            ctx.Sites.Add(s);
            await ctx.SaveChangesAsync();
            outlet = s.Id;
            air = await ctx.Sites.Where(x => x.Code == "JB-A-GC").Select(x => x.Id).SingleAsync();
            ctx.Devices.Add(new Device { Mn = "CEMS0000000000000000000A", Password = "123456", SiteId = outlet });
            ctx.Devices.Add(new Device { Mn = "AIRS0000000000000000000A", Password = "123456", SiteId = air });
            await ctx.SaveChangesAsync();
        }
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback }, EvaluationInterval = TimeSpan.FromHours(1),
        });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var hour = new DateTimeOffset(2026, 11, 5, 10, 0, 0, Beijing); // in the past: intake refuses a DataTime after receipt + 1 h
        await logger.SendAsync(Hour("CEMS0000000000000000000A", "31", hour, ("a21026-Avg", "20"), ("a21026-ZsAvg", "30"), ("a21026-Cou", "0.5"),
            ("a21026-Flag", "N"), ("a19001-Avg", "12")));
        Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        await logger.SendAsync(Hour("AIRS0000000000000000000A", "22", hour, ("a21026-Avg", "20"), ("a21026-Flag", "N")));
        Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        await gw.Evaluation!.FlushAsync();

        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(0, await ctx.HourlyAqi.IgnoreQueryFilters().CountAsync(h => h.SiteId == outlet));
            Assert.Equal(0, await ctx.DailyAqi.IgnoreQueryFilters().CountAsync(h => h.SiteId == outlet));
            Assert.True(await ctx.HourlyAqi.IgnoreQueryFilters().CountAsync(h => h.SiteId == air) > 0, "control: the air station's a21026 hour is evaluated");
            var stored = await ctx.Observations.IgnoreQueryFilters().AsNoTracking().Where(o => o.SiteId == outlet)
                .OrderBy(o => o.ParameterCode).Select(o => new { o.ParameterCode, o.Value, o.Flag, o.Unit }).ToListAsync();
            Assert.Equal(
                [("a19001", 12m, null, "%"), ("a21026", 20m, "N", "mg/m³"), ("a21026:cou", 0.5m, "N", "kg"), ("a21026:zs", 30m, "N", "mg/m³")],
                stored.Select(o => (o.ParameterCode, o.Value, o.Flag, o.Unit)).ToList<(string, decimal?, string?, string?)>());
        }
    }
}

public sealed class SqliteOutletIsolationTests(SqliteTestDatabase db) : OutletIsolationTests<SqliteTestDatabase>(db);

public sealed class PostgresOutletIsolationTests(PostgresTestDatabase db) : OutletIsolationTests<PostgresTestDatabase>(db);
