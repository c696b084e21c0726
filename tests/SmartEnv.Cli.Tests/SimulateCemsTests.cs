using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Gateway;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Simulation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// <c>smartenv simulate --kind cems</c> against an in-process gateway (plan issue-16 §4 "simulate cems"): the loggers of
/// the registered permit's two outlets (<c>SourceSeed</c>: A's DA001 with a21026 35 mg/m³ at 9 % O₂ → ST 31 flue gas, DW001
/// with w01018 100 mg/L → ST 32 waste water, the medium taken from the outlet code) × 4 simulated CN 2061 hours, every
/// packet acknowledged; the summary's <c>exceedances</c> equals a recount from the stored raw packets against the limits
/// (a21026-ZsAvg &gt; 35, w01018-Avg &gt; 100, …); <c>--exceed-share 0</c> → 0 and <c>--exceed-share 1</c> → exactly one
/// per hour (the primary pollutant only: 2 loggers × 4 hours = 8); and the platform stores exactly that many
/// <c>source_exceedances</c> (the simulator's count = the permit evaluation's). One fresh store per run (the runs cover the
/// same hours).
/// </summary>
public sealed class SimulateCemsTests
{
    // The simulator's limits for this permit: its defaults with w01018 at the seed's 100 mg/L.
    private static readonly Dictionary<string, decimal> Limits = new(StringComparer.Ordinal)
    {
        ["a21026"] = 35m, ["a21002"] = 50m, ["a34013"] = 10m, ["w01018"] = 100m, ["w21003"] = 5m,
    };

    private static async Task OutletsAsync(SmartEnvStore store, string prefix)
    {
        var ids = await SmartEnv.Tests.SourceSeed.SeedAsync(store);
        await using var ctx = store.CreateContext();
        ctx.Devices.Add(new Device { Mn = Mn(prefix, 0), Password = "123456", SiteId = ids.OutletSiteAirA });
        ctx.Devices.Add(new Device { Mn = Mn(prefix, 1), Password = "123456", SiteId = ids.OutletSiteWaterA });
        await ctx.SaveChangesAsync();
    }

    private static string Mn(string prefix, int i) => prefix + i.ToString("D" + (24 - prefix.Length), CultureInfo.InvariantCulture);

    private static async Task<(JsonElement Summary, int Recount, List<Hj212Packet> Packets, int Stored)> RunAsync(string prefix, string share)
    {
        var db = new SqliteTestDatabase();
        await db.InitializeAsync();
        try
        {
            return await RunOnAsync(db, prefix, share);
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    private static async Task<(JsonElement Summary, int Recount, List<Hj212Packet> Packets, int Stored)> RunOnAsync(SqliteTestDatabase db, string prefix, string share)
    {
        var (store, _) = await db.MigratedAsync();
        await OutletsAsync(store, prefix);
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();
        var r = CliRunner.Run("", "simulate", "--kind", "cems", "--outlet", SmartEnv.Tests.SourceSeed.OutletSiteCodeAirA, SmartEnv.Tests.SourceSeed.OutletSiteCodeWaterA,
            "--limit", "w01018=100", "--hours", "4", "--cems-data", "hour",
            "--exceed-share", share, "--seed", "1", "--interval", "0.05", "--drain", "20", "--target", $"127.0.0.1:{gw.Hj212Port}", "--mn-prefix", prefix);
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        var summary = JsonDocument.Parse(r.Out.Trim().Split('\n')[^1]).RootElement;
        await gw.Evaluation!.FlushAsync(); // the outlet days the hours marked pending: judged against the permit (SmartEnv.Compliance)
        await using var ctx = store.CreateContext();
        var outlets = await ctx.Sites.Where(s => s.Code == SmartEnv.Tests.SourceSeed.OutletSiteCodeAirA || s.Code == SmartEnv.Tests.SourceSeed.OutletSiteCodeWaterA).Select(s => s.Id).ToListAsync();
        Assert.Equal(2, outlets.Count);
        Assert.Equal(8, await ctx.SourceHours.CountAsync(h => outlets.Contains(h.SiteId) && h.Judged)); // 4 hours × (a21026 | w01018), every flag N
        var stored = await ctx.SourceExceedances.CountAsync(e => outlets.Contains(e.SiteId));
        var mns = new[] { Mn(prefix, 0), Mn(prefix, 1) };
        var packets = (await ctx.RawPackets.AsNoTracking().Where(p => p.Mn != null && mns.Contains(p.Mn)).Select(p => p.Text).ToListAsync())
            .Select(t => Hj212Parser.Parse(t, Hj212ParsePolicy.Tolerant).Packet!).ToList();
        // Recount from what was stored: flue gas is judged on -ZsAvg (the limits are at the reference O₂), water on -Avg.
        var recount = 0;
        foreach (var p in packets.Where(p => p.Cn == "2061"))
            foreach (var (code, limit) in Limits)
            {
                var key = code + (p.St == "31" ? "-ZsAvg" : "-Avg");
                if (p.Cp.FirstOrDefault(e => e.Key == key) is { } e && decimal.Parse(e.Value, CultureInfo.InvariantCulture) > limit) recount++;
            }
        return (summary, recount, packets, stored);
    }

    [Fact]
    public async Task Half_share_sends_ST31_and_ST32_hours_and_counts_the_exceedances_it_sent()
    {
        var (summary, recount, packets, stored) = await RunAsync("CEMSHALF", "0.5");
        Assert.Equal(8, summary.GetProperty("sent").GetInt64());
        Assert.Equal(8, summary.GetProperty("acked").GetInt64());
        Assert.Equal(8, packets.Count);
        Assert.Equal(["31", "31", "31", "31", "32", "32", "32", "32"], packets.Select(p => p.St).Order());
        Assert.All(packets, p => Assert.Equal("2061", p.Cn));
        var n = summary.GetProperty("exceedances").GetInt32();
        Assert.Equal(recount, n);
        Assert.Equal(n, stored); // plan §4: source_exceedances count = the simulator's own count
        Assert.InRange(n, 1, 7);
        // Consecutive hours per logger, DataTime = period start on the hour (HJ 212-2017 table 4).
        foreach (var g in packets.GroupBy(p => p.Mn))
        {
            var times = g.Select(p => DateTimeOffset.ParseExact(p.Cp.Single(e => e.Key == "DataTime").Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture)).Order().ToList();
            for (var i = 1; i < times.Count; i++) Assert.Equal(TimeSpan.FromHours(1), times[i] - times[i - 1]);
            Assert.All(times, t => Assert.Equal((0, 0), (t.Minute, t.Second)));
        }
    }

    [Fact]
    public async Task Share_zero_sends_no_exceedance_and_share_one_exactly_one_per_hour()
    {
        var (none, recountNone, _, storedNone) = await RunAsync("CEMSZERO", "0");
        Assert.Equal((0, 0, 0), (none.GetProperty("exceedances").GetInt32(), recountNone, storedNone));
        var (all, recountAll, _, storedAll) = await RunAsync("CEMSALL0", "1");
        Assert.Equal((8, 8, 8), (all.GetProperty("exceedances").GetInt32(), recountAll, storedAll));
    }

    [Fact]
    public void Register_without_outlets_and_a_bad_share_are_usage_errors()
    {
        var r = CliRunner.Run("", "simulate", "--kind", "cems", "--register", "--token", "x", "--duration", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--outlet", r.Err);
        r = CliRunner.Run("", "simulate", "--kind", "cems", "--exceed-share", "1.5", "--duration", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--exceed-share", r.Err);
        r = CliRunner.Run("", "simulate", "--kind", "air", "--outlet", "X-DA001", "--duration", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--outlet", r.Err);
    }
}

/// <summary>
/// The packets of <see cref="CemsTraffic"/> without a network: the field set of plan issue-16 §3.2 (ST 31: a21026/a21002/a34013
/// <c>-Avg/-ZsAvg/-Cou/-Flag</c>, a19001 O₂, a00000 flow with <c>-Cou</c>, a01012 temperature; ST 32: w01018, w21003,
/// w00000), the O₂ conversion ρ = ρ′ × (21 − 9)/(21 − O₂) and the mass -Cou = ρ′ × Q × 3600 / 10⁶ kg (plan §3.2a) within
/// the rounding of the sent text, the six 2051 means averaging to the hour, and the 2031 of a complete day summing the
/// hours' -Cou.
/// </summary>
public sealed class CemsTrafficTests
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private static CemsTraffic Traffic(CemsMedium m, CemsData data = CemsData.All, double share = 0.2)
    {
        var seq = 0;
        return new CemsTraffic(new CemsSettings { Data = data, ExceedShare = share }, m, "CEMSUNIT000000000000000A", "123456", new Random(7),
            () => "20270105000000" + (seq++).ToString("D3", CultureInfo.InvariantCulture));
    }

    private static Hj212Packet Parse(SimulatedPacket p) => Hj212Parser.Parse(System.Text.Encoding.UTF8.GetString(p.Bytes), Hj212ParsePolicy.Strict).Packet!;

    private static decimal V(Hj212Packet p, string key) => decimal.Parse(p.Cp.Single(e => e.Key == key).Value, CultureInfo.InvariantCulture);

    [Fact]
    public void A_flue_gas_hour_carries_the_agreed_fields_with_consistent_conversion_and_mass()
    {
        var t = Traffic(CemsMedium.Air);
        var packets = t.Hour(new DateTimeOffset(2027, 1, 5, 10, 0, 0, Beijing));
        Assert.Equal(["2011", "2051", "2051", "2051", "2051", "2051", "2051", "2061"], packets.Select(p => p.Cn));
        var hour = Parse(packets[^1]);
        Assert.Equal(("31", "2061", "20270105100000"), (hour.St, hour.Cn, hour.Cp[0].Value));
        foreach (var code in new[] { "a21026", "a21002", "a34013" })
            foreach (var f in new[] { "-Avg", "-ZsAvg", "-Cou", "-Flag" })
                Assert.Contains(hour.Cp, e => e.Key == code + f);
        foreach (var key in new[] { "a19001-Avg", "a00000-Avg", "a00000-Cou", "a01012-Avg" }) Assert.Contains(hour.Cp, e => e.Key == key);
        Assert.All(hour.Cp.Where(e => e.Key.EndsWith("-Flag", StringComparison.Ordinal)), e => Assert.Equal("N", e.Value));
        var o2 = V(hour, "a19001-Avg");
        var flow = V(hour, "a00000-Avg");
        Assert.Equal(flow * 3600m, V(hour, "a00000-Cou"));
        foreach (var code in new[] { "a21026", "a21002", "a34013" })
        {
            var measured = V(hour, code + "-Avg");
            // ρ = ρ′ × (21 − 9)/(21 − O₂): both sent to 0.1, so they agree within the two roundings (0.05 each, scaled).
            Assert.InRange(measured * 12m / (21m - o2) - V(hour, code + "-ZsAvg"), -0.12m, 0.12m);
            Assert.Equal(Math.Round(measured * flow * 3600m / 1_000_000m, 4), V(hour, code + "-Cou"));
        }
        // The six minute means average to the hour's (symmetric ±2/4/6 %), within the 0.1 rounding.
        var minutes = packets.Where(p => p.Cn == "2051").Select(Parse).ToList();
        Assert.Equal(["20270105100000", "20270105101000", "20270105102000", "20270105103000", "20270105104000", "20270105105000"], minutes.Select(m => m.Cp[0].Value));
        Assert.InRange(minutes.Average(m => V(m, "a21026-ZsAvg")) - V(hour, "a21026-ZsAvg"), -0.05m, 0.05m);
        Assert.Contains(Parse(packets[0]).Cp, e => e.Key == "a21026-ZsRtd");
    }

    [Fact]
    public void A_waste_water_day_ends_with_a_2031_whose_Cou_is_the_sum_of_the_hours()
    {
        var t = Traffic(CemsMedium.Water, CemsData.Hours);
        var day = new DateTimeOffset(2027, 1, 5, 0, 0, 0, Beijing);
        var hours = new List<Hj212Packet>();
        Hj212Packet? daily = null;
        for (var h = 0; h < 24; h++)
        {
            var ps = t.Hour(day.AddHours(h));
            hours.Add(Parse(ps.Single(p => p.Cn == "2061")));
            if (h < 23) Assert.Single(ps);
            else daily = Parse(ps.Single(p => p.Cn == "2031"));
        }
        Assert.All(hours, p => Assert.Equal("32", p.St));
        foreach (var key in new[] { "w01018-Avg", "w01018-Cou", "w21003-Avg", "w21003-Cou", "w00000-Avg", "w00000-Cou" }) Assert.Contains(hours[0].Cp, e => e.Key == key);
        Assert.NotNull(daily);
        Assert.Equal("20270105000000", daily.Cp[0].Value);
        Assert.Equal(hours.Sum(p => V(p, "w01018-Cou")), V(daily, "w01018-Cou"));
        Assert.Equal(Math.Round(hours.Sum(p => V(p, "w01018-Avg")) / 24m, 1, MidpointRounding.ToEven), V(daily, "w01018-Avg"));
        // A day entered after its 00:00 hour is not complete: no 2031.
        var late = Traffic(CemsMedium.Water, CemsData.Hours);
        for (var h = 1; h < 24; h++) Assert.Single(late.Hour(day.AddDays(1).AddHours(h)));
    }

    [Fact]
    public void Exceedances_are_the_primary_pollutant_above_its_limit_and_nothing_else()
    {
        var always = Traffic(CemsMedium.Air, CemsData.Hours, share: 1);
        var never = Traffic(CemsMedium.Water, CemsData.Hours, share: 0);
        var start = new DateTimeOffset(2027, 1, 5, 1, 0, 0, Beijing);
        for (var h = 0; h < 20; h++)
        {
            var e = Assert.Single(always.Hour(start.AddHours(h)).Single(p => p.Cn == "2061").Exceedances);
            Assert.Equal(("a21026", 35m), (e.Code, e.Limit));
            Assert.True(e.Value > 35m);
            Assert.Empty(never.Hour(start.AddHours(h)).Single().Exceedances);
        }
        Assert.Equal(CemsMedium.Air, CemsSettings.MediumOfOutletCode("91500105MA5U0A1661001P-DA001"));
        Assert.Equal(CemsMedium.Water, CemsSettings.MediumOfOutletCode("91500105MA5U0A1661001P-DW002"));
        Assert.Null(CemsSettings.MediumOfOutletCode("SIM-A001"));
    }
}
