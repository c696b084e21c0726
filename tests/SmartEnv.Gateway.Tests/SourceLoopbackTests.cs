using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Web;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 16 acceptance "Loopback" (plan issue-16 §4), end to end over real TCP on loopback into the store and out of the
/// web API: the registered permit of <see cref="SourceSeed"/> (enterprise A <c>91500105MA5U0A1661</c>, permit
/// <c>91500105MA5U0A1661001P</c>, outlet DA001 with a21026 35 mg/m³ at reference O₂ 9 %, expected interval 60 min), an
/// ST 31 logger bound to the outlet sends CN 2061 hours of 2027-01-05 (Beijing) 10:00 <c>a21026-ZsAvg=30,Flag=N</c>, 11:00
/// <c>=40,Flag=N</c>, 12:00 <c>=50,Flag=D</c>. Worked by hand:
/// <list type="bullet">
/// <item>10:00 judged, 30 ≤ 35, no exceedance; 11:00 judged, 40 &gt; 35 → 超标倍数 (40 − 35)/35 = 0.142857…, stored to
/// 4 dp 0.1429, shown 0.14 (GB/T 8170 to 0.01); 12:00 Flag D (instrument fault, HJ 212-2017 table 9) is not judged
/// (source-rules.tsv <c>flag.D.judged</c>) although 50 &gt; 35 → exactly ONE exceedance, basis ZsAvg.</item>
/// <item>Day rate 2027-01-05: expected 24 (24 h / 60 min), received 3, valid 2 → 传输率 3/24 = 12.50 %, 有效率 2/3 = 66.67 %,
/// 有效传输率 3/24 × 2/3 = 2/24 = 8.33 %; the D hour lowers 有效率 (control, another day, Flag N: 3/3 = 100 %).</item>
/// <item>One open alert of rule 6 (source limit exceeded) on the outlet site; the exceedance is listed by
/// <c>GET /api/enterprises/{uscc}/outlets/{code}/exceedances</c>.</item>
/// </list>
/// The platform's clock runs 2027-01-06 09:00 Beijing onwards (real time shifted), so the hours are neither in the
/// future (the gateway quarantines those) nor on a day still in progress (whose expected hours end at now).
/// </summary>
public abstract class SourceLoopbackTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    /// <summary>The real clock shifted so that the test starts at 2027-01-06 09:00 Beijing; timers run in real time.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private readonly TimeSpan _shift = new DateTimeOffset(2027, 1, 6, 9, 0, 0, BeijingTime.Offset) - TimeProvider.System.GetUtcNow();
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }

    private static byte[] Hour(string mn, DateTimeOffset start, string zsAvg, string flag, int seq) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = start.ToOffset(Beijing).ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "0000" + seq.ToString("D3", CultureInfo.InvariantCulture),
        St = "31", Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
        Cp = [new("DataTime", Hj212Time.Format(start, Beijing)), new("a21026-ZsAvg", zsAvg), new("a21026-Flag", flag)],
    });

    private async Task<(SmartEnvStore Store, SourceSeedIds Ids)> SeedAsync(string mn, Func<SourceSeedIds, long> outlet)
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SourceSeed.SeedAsync(store);
        await using var ctx = store.CreateContext();
        ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = outlet(ids) });
        await ctx.SaveChangesAsync();
        return (store, ids);
    }

    private static SmartEnvPlatform Platform(SmartEnvStore store, string dataDir, TimeProvider clock) => SmartEnvPlatform.Create(new PlatformOptions
    {
        Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback }, EvaluationInterval = TimeSpan.FromMilliseconds(200), Time = clock,
        Web = new SmartEnvWebOptions { Store = store, AdminToken = AdminToken.LoadOrCreate(dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback, Time = clock },
    });

    private static async Task SendHoursAsync(int port, string mn, DateTimeOffset day, params (int Hour, string Zs, string Flag)[] hours)
    {
        await using var logger = await FakeLogger.ConnectAsync(port);
        var seq = 0;
        foreach (var (h, zs, flag) in hours)
        {
            var bytes = Hour(mn, day.AddHours(h), zs, flag, seq++);
            await logger.SendAsync(bytes);
            var ack = await logger.ReadLineAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(ack);
            Assert.Contains("CN=9014", ack);
        }
    }

    [Fact]
    public async Task Hours_30_40_and_50_with_flag_D_against_35_give_one_exceedance_an_alert_and_a_lowered_effectiveness()
    {
        const string mn = "LOOP0000000000000000000A";
        var (store, ids) = await SeedAsync(mn, i => i.OutletSiteAirA);
        var dataDir = Path.Combine(Path.GetTempPath(), "smartenv-loop-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var clock = new ShiftedClock();
            await using var platform = Platform(store, dataDir, clock);
            await platform.StartAsync();
            var day = new DateTimeOffset(2027, 1, 5, 0, 0, 0, Beijing);
            await SendHoursAsync(platform.Hj212Port, mn, day, (10, "30", "N"), (11, "40", "N"), (12, "50", "D"));
            await platform.Evaluation!.FlushAsync();

            await using (var ctx = store.CreateContext())
            {
                var hours = await ctx.SourceHours.AsNoTracking().Where(h => h.SiteId == ids.OutletSiteAirA && h.ParameterCode == "a21026")
                    .OrderBy(h => h.HourStart).ToListAsync();
                Assert.Equal([day.AddHours(10), day.AddHours(11), day.AddHours(12)], hours.Select(h => h.HourStart));
                Assert.Equal((true, false, 30m, (decimal?)null), (hours[0].Judged, hours[0].Exceeds, hours[0].Value!.Value, hours[0].Multiple));
                Assert.Equal((true, true, 40m, 0.1429m), (hours[1].Judged, hours[1].Exceeds, hours[1].Value!.Value, hours[1].Multiple!.Value));
                Assert.Equal((false, "D", false), (hours[2].Judged, hours[2].NotJudgedFlag, hours[2].Exceeds));
                Assert.All(hours, h => Assert.Equal((35m, SmartEnv.Storage.Entities.Sources.SourceHourBasis.ZsAvg, ids.VersionA), (h.LimitValue, h.Basis, h.PermitVersionId)));
                Assert.All(hours, h => Assert.False(string.IsNullOrEmpty(h.RuleVersion)));

                var e = Assert.Single(await ctx.SourceExceedances.AsNoTracking().Where(x => x.SiteId == ids.OutletSiteAirA).ToListAsync());
                Assert.Equal((day.AddHours(11), "a21026", 40m, 35m, 0.1429m), (e.HourStart, e.ParameterCode, e.Value, e.Limit, e.Multiple));
                Assert.Equal(0.14m, Math.Round(e.Multiple, 2, MidpointRounding.ToEven)); // shown to 0.01 (GB/T 8170)

                var rate = await ctx.SourceDayRates.AsNoTracking().SingleAsync(r => r.SiteId == ids.OutletSiteAirA && r.Day == new DateOnly(2027, 1, 5));
                Assert.Equal((24, 3, 2, 0), (rate.Expected, rate.Received, rate.Valid, rate.Excused));
                Assert.Equal(0.125m, rate.Transmission);
                Assert.Equal((12.50m, 66.67m, 8.33m), (Pct(rate.Transmission), Pct(rate.Effectiveness), Pct(rate.Effective)));
            }

            // Alert rule 6 on the outlet site, one open episode.
            await platform.Alerts.ScanAsync();
            await using (var ctx = store.CreateContext())
            {
                var alert = Assert.Single(await ctx.Alerts.AsNoTracking().Where(a => a.SiteId == ids.OutletSiteAirA && a.Rule == AlertRule.SourceLimitExceeded).ToListAsync());
                Assert.Equal(AlertStatus.Open, alert.Status);
            }

            // The enterprise's file (一企一档), read as enterprise A's user reads it: the exceedance, shown 0.14; B sees no file.
            await using (var scoped = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccA])))
            {
                var file = await SmartEnv.Web.Ui.EnterpriseFileService.FileAsync(scoped, SourceSeed.UsccA);
                Assert.NotNull(file);
                var shown = Assert.Single(file.Exceedances);
                Assert.Equal((SourceSeed.OutletSiteCodeAirA, "a21026", day.AddHours(11), 40m, 35m, 0.14m, false),
                    (shown.SiteCode, shown.Parameter, shown.HourStart, shown.Value, shown.Limit, shown.Multiple, shown.Explained));
                Assert.Contains("exceedance", file.Reasons); // the open rule-6 alert colours the enterprise red
                Assert.Null(await SmartEnv.Web.Ui.EnterpriseFileService.FileAsync(scoped, SourceSeed.UsccB));
            }

            // The API lists it (staff token; the scope tests cover the enterprise side).
            using var http = new HttpClient { BaseAddress = platform.HttpAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken.LoadOrCreate(dataDir).Value);
            var list = JsonDocument.Parse(await http.GetStringAsync($"/api/enterprises/{SourceSeed.UsccA}/outlets/{SourceSeed.OutletSiteCodeAirA}/exceedances")).RootElement;
            var item = Assert.Single(list.EnumerateArray());
            Assert.Equal(("a21026", 40m, 35m), (item.GetProperty("parameter").GetString(), item.GetProperty("value").GetDecimal(), item.GetProperty("limit").GetDecimal()));
            Assert.Equal((0.1429m, 0.14m), (item.GetProperty("multiple").GetDecimal(), item.GetProperty("multiple_shown").GetDecimal()));
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, true);
        }
    }

    [Fact]
    public async Task Control_the_same_hours_with_flag_N_are_all_judged_and_valid()
    {
        // B's DA001 (the same limit, a21026 35 mg/m³ at 9 % O₂), so the two facts share no outlet: 30, 40, 50 all N →
        // 40 and 50 exceed ((50 − 35)/35 = 0.428571… → 0.4286), received 3, valid 3 → 有效率 3/3 = 100.00 %, 传输率 12.50 %.
        const string mn = "LOOP0000000000000000000B";
        var (store, ids) = await SeedAsync(mn, i => i.OutletSiteAirB);
        var dataDir = Path.Combine(Path.GetTempPath(), "smartenv-loop-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await using var platform = Platform(store, dataDir, new ShiftedClock());
            await platform.StartAsync();
            var day = new DateTimeOffset(2027, 1, 5, 0, 0, 0, Beijing);
            await SendHoursAsync(platform.Hj212Port, mn, day, (10, "30", "N"), (11, "40", "N"), (12, "50", "N"));
            await platform.Evaluation!.FlushAsync();
            await using var ctx = store.CreateContext();
            var hours = await ctx.SourceHours.AsNoTracking().Where(h => h.SiteId == ids.OutletSiteAirB).OrderBy(h => h.HourStart).ToListAsync();
            Assert.Equal([true, true, true], hours.Select(h => h.Judged));
            var over = await ctx.SourceExceedances.AsNoTracking().Where(x => x.SiteId == ids.OutletSiteAirB).OrderBy(x => x.HourStart).ToListAsync();
            Assert.Equal([0.1429m, 0.4286m], over.Select(x => x.Multiple));
            var rate = await ctx.SourceDayRates.AsNoTracking().SingleAsync(r => r.SiteId == ids.OutletSiteAirB && r.Day == new DateOnly(2027, 1, 5));
            Assert.Equal((24, 3, 3), (rate.Expected, rate.Received, rate.Valid));
            Assert.Equal((12.50m, 100.00m, 12.50m), (Pct(rate.Transmission), Pct(rate.Effectiveness), Pct(rate.Effective)));
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, true);
        }
    }

    // % to 2 dp, GB/T 8170 (half-even), as shown.
    private static decimal Pct(decimal? ratio) => Math.Round(ratio!.Value * 100m, 2, MidpointRounding.ToEven);
}

public sealed class SqliteSourceLoopbackTests(SqliteTestDatabase db) : SourceLoopbackTests<SqliteTestDatabase>(db);

public sealed class PostgresSourceLoopbackTests(PostgresTestDatabase db) : SourceLoopbackTests<PostgresTestDatabase>(db);
