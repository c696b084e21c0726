using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Hj212;
using SmartEnv.Alerts;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Rule 4 end to end as <c>smartenv serve</c> wires it: a logger sends a CN 2051 minute upload over TCP with PM2.5 flagged
/// D (故障, HJ 212-2017 table 8) and SO2 flagged N; the gateway's <c>Committed</c> callback feeds
/// <see cref="AlertScanner.ObserveFlags"/>; the next scan stores one <c>device_flag</c> alert (moderate, detail D:a34004,
/// one flagged value).
/// </summary>
public abstract class GatewayAlertFlagTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_D_flag_over_TCP_becomes_one_device_flag_alert()
    {
        var (store, _) = await db.MigratedAsync();
        const string mn = "FLAG00000000000000000001";
        long site;
        await using (var ctx = store.CreateContext())
        {
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GYQ").Select(s => s.Id).SingleAsync();
            ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = site });
            await ctx.SaveChangesAsync();
        }
        var minute = new DateTimeOffset(2026, 11, 29, 16, 30, 0, Beijing);
        var scanner = new AlertScanner(store, new AlertOptions(), new Clock(minute.AddMinutes(2)));
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback },
            Intake = new IntakeOptions { Committed = w => scanner.ObserveFlags(w.SelectMany(x => x.Observations)) }, // this test's clock
        });
        await gw.StartAsync();
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        await logger.SendAsync(Hj212Serializer.ToBytes(new Hj212Packet
        {
            Qn = minute.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) + "00000", St = "22", Cn = "2051", Pw = "123456", Mn = mn, Flag = 5,
            Cp =
            [
                new Hj212CpEntry("DataTime", Hj212Time.Format(minute, Beijing)),
                new Hj212CpEntry("a34004-Avg", "35"), new Hj212CpEntry("a34004-Flag", "D"),
                new Hj212CpEntry("a21026-Avg", "10"), new Hj212CpEntry("a21026-Flag", "N"),
            ],
        }));
        Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10))); // acknowledged after commit

        Assert.Equal(new AlertScanResult(1, 0), await scanner.ScanAsync());
        await using (var ctx = store.CreateContext())
        {
            var a = await ctx.Alerts.AsNoTracking().SingleAsync(x => x.Rule == AlertRule.DeviceFlag);
            Assert.Equal((site, AlertSeverity.Moderate, "D:a34004", 1m, AlertStatus.Open), (a.SiteId, a.Severity, a.Detail, a.PeakValue, a.Status));
            Assert.Equal(minute.ToUniversalTime(), a.OpenedAt);
        }
    }
}

public sealed class SqliteGatewayAlertFlagTests(SqliteTestDatabase db) : GatewayAlertFlagTests<SqliteTestDatabase>(db);

public sealed class PostgresGatewayAlertFlagTests(PostgresTestDatabase db) : GatewayAlertFlagTests<PostgresTestDatabase>(db);
