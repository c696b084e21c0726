using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Evaluation;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Alerts on a real engine: live data written through the platform's own path (<see cref="ObservationWriter"/>, then the
/// <see cref="AirEvaluator"/> that stores hourly AQI), the scanner at a test clock, one row per episode, handling.
/// Hand-worked AQI: O3 1-h IAQI breakpoints (HJ 633 Table 1) 160 → 50, 200 → 100, 300 → 150, 400 → 200, so
/// O3 = 180 → 75, 200 → 100, 201 → 100.5 → AQI 101 (IAQI rounded up), 250 → 125, 300 → 150.
/// </summary>
public abstract class AlertStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 30, 0, TimeSpan.Zero); // 16:30 Beijing
    private const string Mn = "ALERTTEST000001";

    private static async Task<Site> SiteAsync(SmartEnvStore store, string code)
    {
        await using var ctx = store.CreateContext();
        return await ctx.Sites.AsNoTracking().SingleAsync(s => s.Code == code);
    }

    private static ObservationInput Hour(long site, string code, DateTimeOffset start, decimal v, string mn = Mn) =>
        new(site, mn, code, PeriodType.Hour, start, v, v.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_live_exceedance_is_one_row_per_episode_history_raises_nothing_offline_and_water_episodes_and_close_works()
    {
        var (store, _) = await db.MigratedAsync();
        var gc = await SiteAsync(store, "JB-A-GC");
        var ct = await SiteAsync(store, "JB-W-CT");
        await using (var ctx = store.CreateContext())
        {
            ctx.Devices.Add(new Device { Mn = Mn, Password = "123456", SiteId = gc.Id });
            await ctx.SaveChangesAsync();
        }
        var t = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        var writer = new ObservationWriter(store);
        await writer.UpsertAsync([
            Hour(gc.Id, AirParameterCodes.O3, t, 180m), Hour(gc.Id, AirParameterCodes.O3, t.AddHours(1), 201m),
            Hour(gc.Id, AirParameterCodes.O3, t.AddHours(2), 300m), Hour(gc.Id, AirParameterCodes.O3, t.AddHours(3), 250m),
            Hour(gc.Id, AirParameterCodes.O3, t.AddHours(4), 200m),
            // History outside the 24 h window (2 days ago): AQI 200, must not raise.
            Hour(gc.Id, AirParameterCodes.O3, t.AddDays(-2), 400m),
            // 寸滩 (target Ⅲ): NH3-N 1.2 mg/L = class Ⅳ (Ⅲ ≤ 1.0 < Ⅳ ≤ 1.5), then 0.8 = Ⅲ; a 2021 Ⅴ sample is history.
            Hour(ct.Id, "w21003", Now.AddHours(-3), 1.2m, "test:water"), Hour(ct.Id, "w21003", Now.AddHours(-1), 0.8m, "test:water"),
            Hour(ct.Id, "w21003", new DateTimeOffset(2021, 4, 1, 0, 0, 0, TimeSpan.Zero), 1.8m, "test:water"),
        ]);
        await new AirEvaluator(store).RecomputeAsync(gc.Id, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 29));
        await using (var ctx = store.CreateContext())
            Assert.Equal(101, await ctx.HourlyAqi.Where(h => h.SiteId == gc.Id && h.HourStart == t.AddHours(1)).Select(h => h.Aqi).SingleAsync());

        var clock = new Clock(Now);
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        Assert.Equal(new AlertScanResult(2, 0), await scanner.ScanAsync());
        Assert.Equal(new AlertScanResult(0, 0), await scanner.ScanAsync()); // same time, same data: nothing changes

        await using (var ctx = store.CreateContext())
        {
            var air = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.SiteId == gc.Id);
            Assert.Equal(AlertRule.AirAqiExceeded, air.Rule);
            Assert.Equal(t.AddHours(1), air.OpenedAt);      // start of the hour with AQI 101
            Assert.Equal(t.AddHours(4), air.LastSeenAt);    // end of the hour with AQI 125
            Assert.Null(air.ConditionClearedAt);            // AQI 100 of an O3-only (incomplete) hour does not end it
            Assert.Equal(150m, air.PeakValue);
            Assert.Equal(AlertSeverity.Minor, air.Severity); // 150 is level 3
            Assert.Equal(AlertStatus.Open, air.Status);
            Assert.Contains("峰值 150（轻度污染）", air.MessageZh, StringComparison.Ordinal);

            var water = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.SiteId == ct.Id);
            Assert.Equal(AlertRule.WaterClassExceeded, water.Rule);
            Assert.Equal(Now.AddHours(-3), water.OpenedAt);
            Assert.Equal(Now.AddHours(-1), water.ConditionClearedAt);
            Assert.Equal(4m, water.PeakValue);
        }

        // 11:01 UTC: latest data (hour 07–08 h) is 3 h 01 min old → offline; the AQI episode is unchanged.
        clock.Now = new DateTimeOffset(2026, 11, 29, 11, 1, 0, TimeSpan.Zero);
        Assert.Equal(new AlertScanResult(1, 0), await scanner.ScanAsync());
        clock.Now = clock.Now.AddMinutes(30);
        Assert.Equal(new AlertScanResult(0, 1), await scanner.ScanAsync()); // still offline: last seen moves, no new row
        await writer.UpsertAsync([Hour(gc.Id, AirParameterCodes.O3, new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), 100m)]);
        clock.Now = clock.Now.AddMinutes(1);
        Assert.Equal(new AlertScanResult(0, 1), await scanner.ScanAsync());
        long offlineId;
        await using (var ctx = store.CreateContext())
        {
            var off = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.DeviceOffline);
            offlineId = off.Id;
            Assert.Equal(new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero), off.OpenedAt); // data end 08:00 + 3 h
            Assert.Equal(new DateTimeOffset(2026, 11, 29, 11, 31, 0, TimeSpan.Zero), off.LastSeenAt);
            Assert.Equal(clock.Now, off.ConditionClearedAt);
            Assert.Equal(3.52m, off.PeakValue); // 3 h 31 min
            Assert.Equal(3, await ctx.Alerts.CountAsync());
        }

        // Handling: acknowledge, then close with a note; closed is final; the open count falls to the 2 others.
        await using (var ctx = store.CreateContext())
        {
            var alerts = new AlertStore(ctx, clock);
            Assert.Equal(3, await alerts.OpenCountAsync());
            Assert.Equal(AlertTransition.Done, await alerts.AcknowledgeAsync(offlineId, "王工", "已通知运维"));
            Assert.Equal(AlertTransition.AlreadyAcknowledged, await alerts.AcknowledgeAsync(offlineId, "王工", null));
            Assert.Equal(AlertTransition.Done, await alerts.CloseAsync(offlineId, "王工", "采集仪断电，已恢复"));
            Assert.Equal(AlertTransition.AlreadyClosed, await alerts.CloseAsync(offlineId, "王工", null));
            Assert.Equal(AlertTransition.NotFound, await alerts.CloseAsync(-1, "王工", null));
            Assert.Equal(2, await alerts.OpenCountAsync());
            Assert.Equal(2, (await alerts.ListAsync()).Count);
            Assert.Single(await alerts.ListAsync(AlertListStatus.Closed));
            Assert.Single(await alerts.ListAsync(AlertListStatus.All, "JB-A-GC", AlertRule.DeviceOffline));
        }
        await using (var ctx = store.CreateContext())
        {
            var off = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Id == offlineId);
            Assert.Equal((AlertStatus.Closed, "王工", "已通知运维", "采集仪断电，已恢复"), (off.Status, off.AcknowledgedBy, off.AcknowledgeNote, off.CloseNote));
            Assert.Equal(clock.Now, off.AcknowledgedAt);
            Assert.Equal(clock.Now, off.ClosedAt);
        }

        // Rule 4: committed values with HJ 212 flags (as the gateway's Committed callback passes them). 观音桥 minute
        // values 11:30 (start) with PM2.5 flagged D and SO2 flagged M → one alert, moderate (D), detail "D:a34004;M:a21026";
        // the next minute all N → condition ended; a D flag two days old is not live.
        var gyq = await SiteAsync(store, "JB-A-GYQ");
        ObservationInput Min(DateTimeOffset at, string code, string flag) => new(gyq.Id, "FLAGTEST", code, PeriodType.Min, at, 35m, "35", Flag: flag);
        var m0 = new DateTimeOffset(2026, 11, 29, 11, 30, 0, TimeSpan.Zero);
        scanner.ObserveFlags([Min(m0, "a34004", "D"), Min(m0, "a21026", "M"), Min(m0, "a21004", "N"), Min(m0.AddDays(-2), "a34004", "D")]);
        Assert.Equal(new AlertScanResult(1, 0), await scanner.ScanAsync());
        scanner.ObserveFlags([Min(m0.AddMinutes(1), "a34004", "N"), Min(m0.AddMinutes(1), "a21026", "N")]);
        clock.Now = m0.AddMinutes(2);
        Assert.Equal(new AlertScanResult(0, 1), await scanner.ScanAsync());
        await using (var ctx = store.CreateContext())
        {
            var flag = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.DeviceFlag);
            Assert.Equal((gyq.Id, AlertSeverity.Moderate, "D:a34004;M:a21026", 2m), (flag.SiteId, flag.Severity, flag.Detail, flag.PeakValue));
            Assert.Equal(m0, flag.OpenedAt);
            Assert.Equal(m0, flag.LastSeenAt);                   // minute values: the data time is the period end used
            Assert.Equal(m0.AddMinutes(1), flag.ConditionClearedAt);
        }
    }

    [Fact]
    public async Task Offline_judges_by_receive_time_so_a_backlog_upload_is_online_and_a_never_reported_device_is_not_named()
    {
        var (store, _) = await db.MigratedAsync();
        long site, silentSite;
        await using (var ctx = store.CreateContext())
        {
            var n = new Site { Code = "T-NOISE-RX", NameZh = "接收时间测试点", Kind = SiteKind.Noise };
            var q = new Site { Code = "T-NOISE-QUIET", NameZh = "从未上报测试点", Kind = SiteKind.Noise };
            ctx.Sites.AddRange(n, q);
            await ctx.SaveChangesAsync();
            (site, silentSite) = (n.Id, q.Id);
            ctx.Devices.AddRange(
                new Device { Mn = "RXBACKLOG0001", Password = "123456", SiteId = site },
                new Device { Mn = "RXNEVER0001", Password = "123456", SiteId = site },   // registered, never reported
                new Device { Mn = "RXNEVER0002", Password = "123456", SiteId = silentSite });
            await ctx.SaveChangesAsync();
        }
        // Received at 08:00 UTC: a backlog of the hours 08:00–12:00 UTC of the day before (latest data end 13:00 the day before).
        var received = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        var backlog = Enumerable.Range(0, 5).Select(h => new ObservationInput(site, "RXBACKLOG0001", "Leq", PeriodType.Hour,
            received.AddHours(h - 24), 55.0m + h, (55.0m + h).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        PacketWrite Packet(DateTimeOffset at, IReadOnlyList<ObservationInput> obs) =>
            new(new RawPacket { Text = "QN=1;ST=23;CN=2061;MN=RXBACKLOG0001", Mn = "RXBACKLOG0001", Cn = "2061", ReceivedAt = at, Status = PacketStatus.Accepted }, obs);
        var writer = new ObservationWriter(store);
        await writer.WriteAsync([Packet(received, backlog)]);
        // A packet received earlier but committed later (retry) does not move the receive time back.
        await writer.WriteAsync([Packet(received.AddHours(-1), [backlog[0] with { DataTime = received.AddHours(-30) }])]);
        await using (var ctx = store.CreateContext())
        {
            var devices = await ctx.Devices.AsNoTracking().Where(d => d.SiteId == site || d.SiteId == silentSite).OrderBy(d => d.Mn).ToListAsync();
            Assert.Equal([("RXBACKLOG0001", (DateTimeOffset?)received), ("RXNEVER0001", null), ("RXNEVER0002", null)],
                devices.Select(d => (d.Mn, d.LastDataReceivedAt)).ToList());
        }

        Task<List<Alert>> OfflineAsync() => Task.Run(async () =>
        {
            await using var ctx = store.CreateContext();
            return await ctx.Alerts.AsNoTracking().Where(a => (a.SiteId == site || a.SiteId == silentSite) && a.Rule == AlertRule.DeviceOffline).ToListAsync();
        });
        var clock = new Clock(received.AddMinutes(10));
        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        await scanner.ScanAsync();
        Assert.Empty(await OfflineAsync()); // data end 19 h old, but received 10 min ago: online
        clock.Now = received.AddHours(3);
        await scanner.ScanAsync();
        Assert.Empty(await OfflineAsync()); // exactly 3 h since receipt: still online
        clock.Now = received.AddHours(3).AddMinutes(1);
        await scanner.ScanAsync();
        var off = Assert.Single(await OfflineAsync());
        Assert.Equal(site, off.SiteId);                       // the never-reported site raises nothing
        Assert.Equal("RXBACKLOG0001", off.Detail);             // RXNEVER0001 is not named
        Assert.Equal(received.AddHours(3), off.OpenedAt);      // receipt + 3 h
        Assert.Equal(3.02m, off.PeakValue);                    // 3 h 01 min = 3.0166… h → 3.02 (GB/T 8170)

        // The class's other tests share this database and count all alerts: retire these devices and their alert.
        await using (var ctx = store.CreateContext())
        {
            await ctx.Devices.Where(d => d.SiteId == site || d.SiteId == silentSite).ExecuteUpdateAsync(u => u.SetProperty(d => d.Enabled, false));
            await ctx.Alerts.Where(a => a.SiteId == site).ExecuteDeleteAsync();
        }
    }
}

/// <summary>Alerts on a SQLite file.</summary>
public sealed class SqliteAlertStoreTests(SqliteTestDatabase db) : AlertStoreTests<SqliteTestDatabase>(db);

/// <summary>Alerts on a real PostgreSQL database.</summary>
public sealed class PostgresAlertStoreTests(PostgresTestDatabase db) : AlertStoreTests<PostgresTestDatabase>(db);
