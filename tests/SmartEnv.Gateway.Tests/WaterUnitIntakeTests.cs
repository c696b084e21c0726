using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Host;
using SmartEnv.Hj212;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Evaluation;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue #12 point 4 acceptance: heavy metals sent over HJ 212 in their App. B.1 unit μg/L (Hg w20111, Cd w20115) reach
/// the GB 3838-2002 classification in mg/L. A logger sends five CN 2061 hours over TCP into a real store; the water
/// samples read back (the path of 水质, plan indicators and 水质超标 alerts) carry the mg/L values, and each gets the class
/// worked by hand from GB 3838-2002 Table 1 (Hg I/II ≤ 0.00005, III ≤ 0.0001, IV/V ≤ 0.001; Cd I ≤ 0.001, II–IV ≤ 0.005,
/// V ≤ 0.01 mg/L; ../shared/reference/standards.md §4.1). Read without conversion, 0.05 "mg/L" of Hg would be 劣Ⅴ.
/// </summary>
public abstract class WaterUnitIntakeTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private const string Mn = "UNIT00000000000000000W01";

    // (Hg μg/L sent, Cd μg/L sent) → (Hg mg/L, Hg class, Cd mg/L, Cd class, sample class over {Hg, Cd}).
    private static readonly (string Hg, string Cd, decimal HgMgL, WaterClass HgClass, decimal CdMgL, WaterClass CdClass, WaterClass Sample)[] Hours =
    [
        ("0.05", "1", 0.00005m, WaterClass.I, 0.001m, WaterClass.I, WaterClass.I),
        ("0.08", "3", 0.00008m, WaterClass.III, 0.003m, WaterClass.II, WaterClass.III),
        ("0.5", "5", 0.0005m, WaterClass.IV, 0.005m, WaterClass.II, WaterClass.IV),
        ("1.0", "10", 0.001m, WaterClass.IV, 0.01m, WaterClass.V, WaterClass.V),
        ("1.5", "0.5", 0.0015m, WaterClass.WorseThanV, 0.0005m, WaterClass.I, WaterClass.WorseThanV),
    ];

    private static byte[] HourPacket(DateTimeOffset start, string hg, string cd) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = Hj212Time.Qn(start, BeijingTime.Offset), St = "21", Cn = "2061", Pw = "123456", Mn = Mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(start, BeijingTime.Offset)),
            new Hj212CpEntry("w20111-Avg", hg), new Hj212CpEntry("w20111-Flag", "N"),
            new Hj212CpEntry("w20115-Avg", cd), new Hj212CpEntry("w20115-Flag", "N"),
        ],
    });

    [Fact]
    public async Task Hg_and_Cd_sent_in_ug_per_L_get_the_GB_3838_class_of_their_mg_per_L_value()
    {
        var (store, _) = await db.MigratedAsync();
        long site;
        await using (var ctx = store.CreateContext())
        {
            var s = new Site { Code = "UNIT-W-HG", NameZh = "汞单位断面", Kind = SiteKind.Water, InDistrict = false, IsPublic = false };
            ctx.Sites.Add(s);
            await ctx.SaveChangesAsync();
            site = s.Id;
            ctx.Devices.Add(new Device { Mn = Mn, Password = "123456", SiteId = site });
            await ctx.SaveChangesAsync();
        }
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        var first = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero); // 08:00 Beijing
        await using (var logger = await FakeLogger.ConnectAsync(gw.Hj212Port))
        {
            for (var h = 0; h < Hours.Length; h++)
            {
                await logger.SendAsync(HourPacket(first.AddHours(h), Hours[h].Hg, Hours[h].Cd));
                Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
            }
        }

        await using (var ctx = store.CreateContext())
        {
            // Stored as sent (μg/L): the conversion happens where the code meets the standard's item, not on intake.
            var stored = await ctx.Observations.AsNoTracking().Where(o => o.SiteId == site && o.ParameterCode == "w20111")
                .OrderBy(o => o.DataTime).Select(o => o.ValueText).ToListAsync();
            Assert.Equal(["0.05", "0.08", "0.5", "1.0", "1.5"], stored);

            var samples = (await WaterSamples.ReadAsync(ctx, [site], null, null))[site];
            Assert.Equal(5, samples.Count);
            for (var h = 0; h < Hours.Length; h++)
            {
                var (_, _, hgMgL, hgClass, cdMgL, cdClass, sampleClass) = Hours[h];
                var sample = samples[h];
                Assert.Equal(first.AddHours(h), sample.Time);
                Assert.Equal(hgMgL, sample.Values[WaterItem.Mercury]);
                Assert.Equal(cdMgL, sample.Values[WaterItem.Cadmium]);
                var a = WaterClassifier.Classify(sample.Values, [WaterItem.Mercury, WaterItem.Cadmium]);
                Assert.Equal(hgClass, a.Items.Single(i => i.Item == WaterItem.Mercury).Class);
                Assert.Equal(cdClass, a.Items.Single(i => i.Item == WaterItem.Cadmium).Class);
                Assert.Equal(sampleClass, a.Class);
            }
        }
    }
}

public sealed class SqliteWaterUnitIntakeTests(SqliteTestDatabase db) : WaterUnitIntakeTests<SqliteTestDatabase>(db);

public sealed class PostgresWaterUnitIntakeTests(PostgresTestDatabase db) : WaterUnitIntakeTests<PostgresTestDatabase>(db);
