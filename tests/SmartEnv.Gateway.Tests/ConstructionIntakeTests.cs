using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Construction;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 20 acceptance over TCP into a real store: two online monitors of one construction site send CN 2061 hours, one
/// with ST=39 (工地扬尘) and PM10 in mg/m³, one with ST=22 (空气质量) and PM10 at ng/m³ scale (hj212-brief.md §11.2: the
/// unit is per-monitor configuration, never App. B). Both land as that monitor's hourly data in μg/m³; the month's card
/// against the site's Hebei preset (外省参考, PM10 80 μg/m³) is yellow with the exceedance hours as evidence; the night
/// hour over 55 dB(A) counts for GB 12523-2011; nothing is evaluated as ambient air.
/// Hand count (Beijing hours from 2026-03-10 20:00): monitor A PM10 0.079/0.080/0.081/0.095/0.120 mg/m³ = 79/80/81/95/120
/// μg/m³ → over 80 at 22:00, 23:00, 00:00 (80 itself complies); monitor B 75600 and 140600 ng/m³ = 75.6 and 140.6 μg/m³ at
/// 20:00 and 00:00 → over at 00:00 (the same hour as A's 120) → 4 evidence rows, 3 distinct hours → yellow.dust_hours 3 ≥ 3,
/// red needs 24. Noise (A, Leq): 20:00 70 (day, = limit), 21:00 56 (day), 22:00 55.1 (night > 55: exceedance), 23:00 55
/// (night, = limit), 00:00 50 → 1 noise hour (&lt; 3).
/// </summary>
public abstract class ConstructionIntakeTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private const string MnA = "CONS00000000000000000A39", MnB = "CONS00000000000000000B22";
    private const string Builder = "91500105000000000J", Contractor = "915001050000000430";

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset First = BeijingTime.At(new DateOnly(2026, 3, 10), new TimeOnly(20, 0));

    private static byte[] Packet(string st, string mn, DateTimeOffset start, string pm10, string? leq) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = Hj212Time.Qn(start.AddHours(1), BeijingTime.Offset), St = st, Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
        Cp = [new Hj212CpEntry("DataTime", Hj212Time.Format(start, BeijingTime.Offset)), new("a34002-Avg", pm10), new("a34002-Flag", "N"),
            .. leq is null ? Array.Empty<Hj212CpEntry>() : [new Hj212CpEntry("Leq-Data", leq)]],
    });

    [Fact]
    public async Task St39_and_st22_hours_land_converted_and_the_month_card_is_yellow_with_evidence()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(First.AddDays(1));
        var actor = AuditActor.System("test");
        await using (var ctx = store.CreateContext())
        {
            ctx.Enterprises.Add(new Enterprise { Uscc = Builder, Name = "甲置业有限公司", CreatedAt = clock.GetUtcNow() });
            await ctx.SaveChangesAsync();
            var s = new ConstructionService(ctx, clock);
            await s.RegisterSiteAsync(new ConstructionSiteInput("CS-A", "江北嘴某商业综合体", Builder, Contractor, "江北城", "江北城街道", 106.58m, 29.57m,
                62_000m, "foundation", new DateOnly(2026, 1, 1), null), actor);
            await s.ApplyPresetAsync("CS-A", "hebei-db13-2934-2019", actor);
            await s.BindMonitorAsync("CS-A", MnA, "123456", "mg/m³", actor);
            await s.BindMonitorAsync("CS-A", MnB, "123456", "ng/m3", actor);
        }
        await using (var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } }))
        {
            await gw.StartAsync();
            await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
            (string St, string Mn, int H, string Pm10, string? Leq)[] sends =
            [
                ("39", MnA, 0, "0.079", "70"), ("39", MnA, 1, "0.080", "56"), ("39", MnA, 2, "0.081", "55.1"), ("39", MnA, 3, "0.095", "55"),
                ("39", MnA, 4, "0.120", "50"), ("22", MnB, 0, "75600", null), ("22", MnB, 4, "140600", null),
            ];
            foreach (var x in sends)
            {
                await logger.SendAsync(Packet(x.St, x.Mn, First.AddHours(x.H), x.Pm10, x.Leq));
                Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
            }
        }

        await using (var ctx = store.CreateContext())
        {
            var monitors = await ctx.ConstructionMonitors.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
            Assert.Equal(["mg/m³", "ng/m³"], monitors.Select(m => m.DustUnit));
            var kinds = await ctx.Sites.AsNoTracking().Where(s => monitors.Select(m => m.SiteId).Contains(s.Id)).Select(s => new { s.Kind, s.IsPublic, s.EnterpriseUscc }).ToListAsync();
            Assert.All(kinds, k => Assert.Equal((SiteKind.Construction, false, (string?)Builder), (k.Kind, k.IsPublic, k.EnterpriseUscc)));
            // Stored in μg/m³, the raw text as sent.
            var a = await ctx.Observations.AsNoTracking().Where(o => o.SiteId == monitors[0].SiteId && o.ParameterCode == "a34002").OrderBy(o => o.DataTime)
                .Select(o => new { o.Value, o.ValueText, o.Unit }).ToListAsync();
            Assert.Equal([79m, 80m, 81m, 95m, 120m], a.Select(o => o.Value!.Value));
            Assert.Equal(["0.079", "0.080", "0.081", "0.095", "0.120"], a.Select(o => o.ValueText));
            Assert.All(a, o => Assert.Equal("μg/m³", o.Unit));
            var b = await ctx.Observations.AsNoTracking().Where(o => o.SiteId == monitors[1].SiteId && o.ParameterCode == "a34002").OrderBy(o => o.DataTime)
                .Select(o => o.Value).ToListAsync();
            Assert.Equal([75.6m, 140.6m], b.Select(v => v!.Value));
            // Never evaluated as ambient air.
            Assert.False(await ctx.HourlyAqi.IgnoreQueryFilters().AnyAsync(h => monitors.Select(m => m.SiteId).Contains(h.SiteId)));

            var s = new ConstructionService(ctx, new Clock(BeijingTime.At(new DateOnly(2026, 4, 1), new TimeOnly(2, 0))));
            var card = await s.EvaluateMonthAsync("CS-A", new DateOnly(2026, 3, 15), AuditActor.System("test"));
            Assert.Equal(("yellow", 3, 1, 5, false), (card.Colour, card.DustHours, card.NoiseHours, card.RectifyDays, card.Blacklist));
            Assert.Equal(new DateOnly(2026, 3, 1), card.Month);
            Assert.StartsWith("construction-card-rules@", card.RuleVersion);
            var ev = ConstructionService.Evidence(card);
            var dust = ev.Where(e => e.What == "pm10").Select(e => (BeijingTime.Local(e.HourStart).Hour, e.Value, e.Limit)).ToList();
            Assert.Equal([(22, 81m, 80m), (23, 95m, 80m), (0, 120m, 80m), (0, 140.6m, 80m)], dust);
            var night = Assert.Single(ev, e => e.What == "leq_night");
            Assert.Equal((22, 55.1m, 55m), (BeijingTime.Local(night.HourStart).Hour, night.Value, night.Limit));
            Assert.Contains("\"limitUgM3\":80", card.ThresholdsJson, StringComparison.Ordinal);

            // History kept: a re-evaluation adds a row; the list shows the latest; the audit has every change.
            await s.EvaluateMonthAsync("CS-A", new DateOnly(2026, 3, 1), AuditActor.System("test"));
            var site = await s.SiteAsync("CS-A");
            Assert.Equal(2, (await s.CardsAsync(site.Id)).Count);
            var row = (await s.ListAsync()).Single(r => r.Site.Code == "CS-A");
            Assert.Equal(("yellow", 2, false), (row.LatestCard!.Colour, row.Monitors, row.MissingMonitor));
            var actions = await ctx.AuditEntries.AsNoTracking().Where(e => e.TargetType == ConstructionService.TargetSite && e.TargetId!.StartsWith("CS-A")).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
            Assert.Equal(["construction_site.create", "construction_threshold.set", "construction_monitor.bind", "construction_monitor.bind", "construction_card.evaluate", "construction_card.evaluate"], actions);
        }
    }

    [Fact]
    public async Task A_large_site_without_a_monitor_is_flagged_and_shows_no_thresholds()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(First);
        await using var ctx = store.CreateContext();
        var s = new ConstructionService(ctx, clock);
        // 50,000 m² exactly is "≥ 50,000" (plan ch. 5): flagged; 49,999.99 is not.
        await s.RegisterSiteAsync(new ConstructionSiteInput("CS-BIG", "观音桥某住宅", Builder, Contractor, null, null, null, null, 50_000m, "earthwork", null, null), AuditActor.System("test"));
        await s.RegisterSiteAsync(new ConstructionSiteInput("CS-SMALL", "五里店某厂房", Builder, Contractor, null, null, null, null, 49_999.99m, "structure", null, null), AuditActor.System("test"));
        var rows = (await s.ListAsync()).Where(r => r.Site.Code is "CS-BIG" or "CS-SMALL").ToDictionary(r => r.Site.Code);
        Assert.True(rows["CS-BIG"].MissingMonitor);
        Assert.False(rows["CS-SMALL"].MissingMonitor);
        Assert.False(rows["CS-BIG"].HasThresholds);
        var bad = await Assert.ThrowsAsync<ConstructionException>(() => s.RegisterSiteAsync(new ConstructionSiteInput("CS-BAD", "x", "91500105000000000A", Contractor, null, null, null, null, 1m, "earthwork", null, null), AuditActor.System("test")));
        Assert.Equal(400, bad.Status);
        await Assert.ThrowsAsync<ConstructionException>(() => s.RegisterSiteAsync(new ConstructionSiteInput("CS-BAD2", "x", Builder, Contractor, null, "朝天门街道", null, null, 1m, "earthwork", null, null), AuditActor.System("test")));
    }
}

public sealed class SqliteConstructionIntakeTests(SqliteTestDatabase db) : ConstructionIntakeTests<SqliteTestDatabase>(db);

public sealed class PostgresConstructionIntakeTests(PostgresTestDatabase db) : ConstructionIntakeTests<PostgresTestDatabase>(db);
