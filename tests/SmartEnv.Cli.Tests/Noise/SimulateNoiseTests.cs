using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Gateway;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests.Noise;

/// <summary><c>smartenv simulate --kind noise</c> against an in-process gateway: every packet acknowledged and stored as an
/// hourly Leq of the registered noise site; an unknown kind is a usage error.</summary>
public sealed class SimulateNoiseTests(SqliteTestDatabase db) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Noise_mode_sends_hourly_Leq_packets_that_are_stored_for_the_noise_site()
    {
        var (store, _) = await db.MigratedAsync();
        const string mn = "CLINOISE0000000000000000";
        await using (var ctx = store.CreateContext())
        {
            var site = new Site { Code = "T-CLI-NOISE", NameZh = "命令行噪声点", Kind = SiteKind.Noise, NoiseZone = "1" };
            ctx.Sites.Add(site);
            await ctx.SaveChangesAsync();
            ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = site.Id });
            await ctx.SaveChangesAsync();
        }
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback } });
        await gw.StartAsync();

        // 3 s, not less: the simulator clock includes connecting, which is slow when CI runs test assemblies in parallel.
        var r = CliRunner.Run("", "simulate", "--kind", "noise", "--stations", "1", "--interval", "0.1", "--duration", "3",
            "--drain", "5", "--target", $"127.0.0.1:{gw.Hj212Port}", "--mn-prefix", "CLINOISE");
        Assert.True(r.ExitCode == 0, r.Err);
        var summary = JsonDocument.Parse(r.Out.Trim().Split('\n')[^1]).RootElement;
        var sent = summary.GetProperty("sent").GetInt64();
        Assert.True(sent >= 2, r.Out);
        Assert.Equal(sent, summary.GetProperty("acked").GetInt64());

        await using var check = store.CreateContext();
        var leq = await check.Observations.AsNoTracking().Where(o => o.Mn == mn && o.ParameterCode == "Leq").OrderBy(o => o.DataTime).ToListAsync();
        Assert.Equal(sent, leq.Count);
        Assert.All(leq, o => Assert.Equal((PeriodType.Hour, "dB(A)"), (o.Period, o.Unit)));
        for (var i = 1; i < leq.Count; i++) Assert.Equal(TimeSpan.FromHours(1), leq[i].DataTime - leq[i - 1].DataTime);
        Assert.Equal(0, await check.Observations.CountAsync(o => o.Mn == mn && o.ParameterCode == "a34004"));
    }

    [Fact]
    public void Unknown_kind_is_a_usage_error()
    {
        var r = CliRunner.Run("", "simulate", "--kind", "water", "--duration", "0");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("water", r.Err);
    }
}
