using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Gateway;
using SmartEnv.Alerts;
using SmartEnv.Evaluation;
using SmartEnv.Gateway.Tests;
using SmartEnv.Hj212;
using SmartEnv.Standards.Air;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Apis;
using SmartEnv.Web.Ui;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Flags decide validity (issue #11 item 1; docs/standards-air.md "Data flags decide validity"): a value whose HJ 212 data
/// flag is not N (HJ 212-2017 §6.6.4 table 8) arrives over TCP through the real gateway, is stored with its flag and shown
/// by the observations API, but is no input of the hourly AQI, the overview, the exceedance alerts or the HJ 663 day; the
/// stored AQI rows say which pollutant hours were left out and why. The 数据标记 alert still fires.
/// <para>Hand-worked (HJ 633-2026 Table 3, real-time report = 1-h values, PM on the 24-h breakpoints; 2026-11 dates): SO2
/// 10 → 10·50/150 = 3.3 → 4; NO2 150 → 50 + 50·50/100 = 75; CO 0.5 → 0.5·50/5 = 5; O3 60 → 60·50/160 = 18.75 → 19; PM10
/// 50 → 50. AQI 75, primary no2_1h. PM2.5 320 (flag D), had it counted: 300 + (320 − 250)·100/100 = 370 严重 (level 6).</para>
/// </summary>
public abstract class FlaggedValueTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly TimeSpan Beijing = SmartEnv.Standards.Common.BeijingTime.Offset;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static byte[] Packet(string mn, string st, DateTimeOffset start, params (string Code, string Avg, string Flag)[] values)
    {
        var cp = new List<Hj212CpEntry> { new("DataTime", Hj212Time.Format(start, Beijing)) };
        foreach (var (code, avg, flag) in values) { cp.Add(new(code + "-Avg", avg)); cp.Add(new(code + "-Flag", flag)); }
        return Hj212Serializer.ToBytes(new Hj212Packet
        {
            Qn = start.ToOffset(Beijing).ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "0000000", St = st, Cn = "2061",
            Pw = "123456", Mn = mn, Flag = 5, Cp = cp,
        });
    }

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    /// <summary>Registers a device, starts the gateway wired as <c>smartenv serve</c> wires it (evaluation queue, flag
    /// points), sends the packets and waits for each 9014, then recomputes and scans at <paramref name="now"/>.</summary>
    private async Task<AlertScanResult> SendAsync(string siteCode, string mn, DateTimeOffset now, params byte[][] packets)
    {
        await using (var ctx = app.Store.CreateContext())
        {
            var site = await ctx.Sites.Where(s => s.Code == siteCode).Select(s => s.Id).SingleAsync();
            ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = site });
            await ctx.SaveChangesAsync();
        }
        var scanner = new AlertScanner(app.Store, new AlertOptions(), new Clock(now));
        await using var gw = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = app.Store, Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback }, EvaluationInterval = TimeSpan.FromMilliseconds(200),
            Intake = new IntakeOptions { Committed = w => scanner.ObserveFlags(w.SelectMany(x => x.Observations)) }, // this test's clock
        });
        var evaluation = gw.Evaluation!;
        await gw.StartAsync();
        await using (var logger = await FakeLogger.ConnectAsync(gw.Hj212Port))
            foreach (var p in packets)
            {
                await logger.SendAsync(p);
                Assert.Contains("CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10))); // acknowledged after commit
            }
        await evaluation.FlushAsync();
        return await scanner.ScanAsync();
    }

    [Fact]
    public async Task A_PM25_hour_flagged_D_is_stored_and_shown_but_drives_no_AQI_overview_or_severe_alert()
    {
        var start = new DateTimeOffset(2026, 11, 29, 15, 0, 0, Beijing); // hour 15:00–16:00 Beijing, labelled 2026-11-29 16
        var now = start.AddHours(1).AddMinutes(10);
        await SendAsync("JB-A-GC", "FLAGD000000000000000000A", now, Packet("FLAGD000000000000000000A", "22", start,
            ("a34004", "320", "D"), ("a34002", "50", "N"), ("a21026", "10", "N"), ("a21004", "150", "N"), ("a21005", "0.5", "N"), ("a05024", "60", "N")));

        using var admin = app.Client(admin: true);
        // The value and its flag are stored and visible.
        var obs = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/sites/JB-A-GC/observations?parameter=a34004&period=hour&from={Q(start)}&to={Q(start.AddHours(1))}");
        var pm25 = Assert.Single(obs.EnumerateArray());
        Assert.Equal((320m, "D", "hour"), (pm25.GetProperty("value").GetDecimal(), pm25.GetProperty("flag").GetString(), pm25.GetProperty("period").GetString()));

        // The stored hourly AQI comes from the other pollutants and says why PM2.5 is missing.
        var hourly = (await admin.GetFromJsonAsync<List<HourlyAqiDto>>(
            $"/api/sites/JB-A-GC/aqi/hourly?from={Q(start)}&to={Q(start.AddHours(1))}", Json))!;
        var h = Assert.Single(hourly);
        Assert.Equal((75, "no2_1h", false, "HJ633-2026"), (h.Aqi, string.Join(';', h.PrimaryPollutants), h.Complete, h.Regime));
        var why = Assert.Single(h.Excluded!);
        Assert.Equal(("a34004", "D", 320m), (why.Key, why.Value.Flag, why.Value.Value));

        // The day (one hour only: not valid) reports the excluded PM2.5 hour per flag.
        var daily = (await admin.GetFromJsonAsync<List<DailyAqiDto>>("/api/sites/JB-A-GC/aqi/daily?from=2026-11-29&to=2026-11-29", Json))!;
        var d = Assert.Single(daily);
        Assert.False(d.Valid);
        Assert.Equal(1, d.Excluded!["a34004"]["D"]);

        // The overview (district latest and the station's card) shows 75, not 370.
        await using (var db = app.Store.CreateContext())
        {
            var clock = new Clock(now);
            var air = new AirService(db, clock);
            var overview = await new OverviewService(db, air, new WaterService(db), clock, new NoiseService(db, clock)).LoadAsync();
            Assert.Equal(75, overview.DistrictLatest!.Aqi);
            Assert.Equal(75, overview.Sites.Single(s => s.Code == "JB-A-GC").LatestAqi!.Aqi);
        }

        // No 空气超标 alert (AQI 75 ≤ 100); the 数据标记 alert still names the faulty PM2.5 value (moderate: D = 故障).
        await using (var db = app.Store.CreateContext())
        {
            var alerts = await db.Alerts.AsNoTracking().Where(a => a.Site!.Code == "JB-A-GC").ToListAsync();
            Assert.DoesNotContain(alerts, a => a.Rule == AlertRule.AirAqiExceeded);
            var flag = Assert.Single(alerts, a => a.Rule == AlertRule.DeviceFlag);
            Assert.Equal((AlertSeverity.Moderate, "D:a34004", 1m), (flag.Severity, flag.Detail, flag.PeakValue));
        }
    }

    [Fact]
    public async Task Over_range_T_is_a_floor_and_manual_S_is_no_measurement_neither_feeds_the_AQI()
    {
        // PM2.5 T 1000 (analyser above its upper limit: the hour was at least 1000) and O3 S 60 (a hand-typed set value).
        var start = new DateTimeOffset(2026, 11, 20, 9, 0, 0, Beijing);
        await SendAsync("JB-A-GYQ", "FLAGT000000000000000000A", start.AddHours(1).AddMinutes(5), Packet("FLAGT000000000000000000A", "22", start,
            ("a34004", "1000", "T"), ("a05024", "60", "S"), ("a21004", "150", "N")));

        using var admin = app.Client(admin: true);
        var h = Assert.Single((await admin.GetFromJsonAsync<List<HourlyAqiDto>>(
            $"/api/sites/JB-A-GYQ/aqi/hourly?from={Q(start)}&to={Q(start.AddHours(1))}", Json))!);
        // NO2 alone: 75 (without the T floor PM2.5 would read 500, capped; without S, O3 60 would add IAQI 19).
        Assert.Equal((75, "no2_1h", false), (h.Aqi, string.Join(';', h.PrimaryPollutants), h.Complete));
        Assert.Equal(2, h.Excluded!.Count);
        Assert.Equal(("T", 1000m), (h.Excluded["a34004"].Flag, h.Excluded["a34004"].Value)); // the floor is reported
        Assert.Equal(("S", 60m), (h.Excluded["a05024"].Flag, h.Excluded["a05024"].Value));
        await using var db = app.Store.CreateContext();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.Site!.Code == "JB-A-GYQ").ToListAsync();
        Assert.DoesNotContain(alerts, a => a.Rule == AlertRule.AirAqiExceeded);
        var flag = Assert.Single(alerts, a => a.Rule == AlertRule.DeviceFlag);
        Assert.Equal((AlertSeverity.Minor, "S:a05024;T:a34004"), (flag.Severity, flag.Detail)); // neither is an instrument fault
    }

    [Fact]
    public async Task A_water_value_flagged_D_does_not_classify_the_section_or_raise_a_water_alert()
    {
        // GB 3838-2002 Table 1: NH3-N 5.0 mg/L would be 劣Ⅴ (> 2.0); without it pH 7.5, DO 6.5 (≥ 6: II), CODMn 3.0 (≤ 4: II),
        // TP 0.1 (≤ 0.1: II) give class II, within the section's target III.
        var start = new DateTimeOffset(2026, 11, 29, 8, 0, 0, Beijing);
        await SendAsync("JB-W-CT", "FLAGW000000000000000000A", start.AddHours(1).AddMinutes(5), Packet("FLAGW000000000000000000A", "32", start,
            ("w01001", "7.5", "N"), ("w01009", "6.5", "N"), ("w01019", "3.0", "N"), ("w21003", "5.0", "D"), ("w21011", "0.1", "N")));
        await using var db = app.Store.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Code == "JB-W-CT");
        var sample = Assert.Single((await WaterSamples.ReadAsync(db, [site.Id], start, start.AddHours(1)))[site.Id]);
        Assert.DoesNotContain(Standards.Water.WaterItem.AmmoniaNitrogen, sample.Values.Keys);
        Assert.Equal("D", sample.Excluded![Standards.Water.WaterItem.AmmoniaNitrogen]);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.SiteId == site.Id).ToListAsync();
        Assert.DoesNotContain(alerts, a => a.Rule == AlertRule.WaterClassExceeded);
        Assert.Contains(alerts, a => a.Rule == AlertRule.DeviceFlag && a.Detail == "D:w21003");
    }

    [Fact]
    public async Task A_flagged_hour_value_is_not_replaced_by_minute_data_and_flagged_minutes_are_no_sampling_time()
    {
        // JB-A-GC, 2026-11-05, three hours with NO2 150 N (IAQI 75) and twelve 5-min PM2.5 values of 100 (60 min):
        // PM2.5 1-h 100 on the HJ 633-2026 24-h breakpoints → 100 + (100 − 60)·50/55 = 136.4 → 137 when derived.
        // 10:00 2061 PM2.5 320 flagged D + minutes N → the device's hour verdict stands: missing → AQI 75, reason D.
        // 11:00 no 2061 PM2.5, minutes flagged M → no sampling time → AQI 75. 12:00 minutes N → derived 100 → AQI 137.
        long site;
        await using (var ctx = app.Store.CreateContext())
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
        var h0 = new DateTimeOffset(2026, 11, 5, 10, 0, 0, Beijing);
        var values = new List<ObservationInput>();
        for (var k = 0; k < 3; k++)
        {
            var start = h0.AddHours(k);
            values.Add(new ObservationInput(site, "flag-min", "a21004", PeriodType.Hour, start, 150m, "150", Flag: "N"));
            for (var m = 0; m < 12; m++)
                values.Add(new ObservationInput(site, "flag-min", "a34004", PeriodType.Min, start.AddMinutes(5 * m), 100m, "100", Flag: k == 1 ? "M" : "N"));
        }
        values.Add(new ObservationInput(site, "flag-min", "a34004", PeriodType.Hour, h0, 320m, "320", Flag: "D"));
        await new ObservationWriter(app.Store).UpsertAsync(values);
        await new AirEvaluator(app.Store).RecomputeAsync(site, new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 5));
        await using var db = app.Store.CreateContext();
        var rows = await db.HourlyAqi.AsNoTracking().Where(x => x.SiteId == site && x.HourStart >= h0 && x.HourStart < h0.AddHours(3))
            .OrderBy(x => x.HourStart).ToListAsync();
        Assert.Equal([75, 75, 137], rows.Select(r => r.Aqi));
        Assert.Equal("D", ValidityReasons.ReadHour(rows[0].ExcludedJson)!["a34004"].Flag);
        Assert.Null(rows[1].ExcludedJson);
    }

    [Fact]
    public async Task Flagged_hours_count_as_missing_hours_in_the_HJ_663_day()
    {
        // 24 hours of PM2.5 40 at JB-A-GC on 2026-11-10, 5 of them flagged D with 500: 19 valid hours < 20 (GB 3095 Table 4)
        // → the day's PM2.5 24-h mean is not valid and the day is not valid; 4 flagged → 20 valid → valid day, mean 40.
        long site;
        await using (var ctx = app.Store.CreateContext())
            site = await ctx.Sites.Where(s => s.Code == "JB-A-GC").Select(s => s.Id).SingleAsync();
        async Task<AirAssessment> DayWith(DateOnly day, int flagged)
        {
            var t0 = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Beijing);
            var values = new List<ObservationInput>();
            for (var i = 0; i < 24; i++)
                foreach (var (code, v) in new[] { ("a21026", 10m), ("a21004", 20m), ("a21005", 0.5m), ("a05024", 60m), ("a34002", 50m) })
                    values.Add(new ObservationInput(site, "flag-day", code, PeriodType.Hour, t0.AddHours(i), v, v.ToString(CultureInfo.InvariantCulture), Flag: "N"));
            for (var i = 0; i < 24; i++)
                values.Add(i < flagged
                    ? new ObservationInput(site, "flag-day", "a34004", PeriodType.Hour, t0.AddHours(i), 500m, "500", Flag: "D")
                    : new ObservationInput(site, "flag-day", "a34004", PeriodType.Hour, t0.AddHours(i), 40m, "40", Flag: "N"));
            await new ObservationWriter(app.Store).UpsertAsync(values);
            await new AirEvaluator(app.Store).RecomputeAsync(site, day, day);
            await using var db = app.Store.CreateContext();
            return (await StoredAir.AssessAsync(db, site, day, day)).Assessment;
        }
        var invalid = await DayWith(new DateOnly(2026, 11, 10), 5);
        Assert.False(invalid.Days[0].AqiValid);
        var valid = await DayWith(new DateOnly(2026, 11, 11), 4);
        Assert.True(valid.Days[0].AqiValid);
        // PM2.5 24-h mean 40 → 50 + (40 − 35)·50/(60 − 35) = 60 (HJ 633-2026 Table 3); with the D values it would be
        // (20·40 + 4·500)/24 = 116.7 → 117 → 150 + 2·50/35 = 152.9 → 153.
        Assert.Equal(60, valid.Days[0].Aqi!.Aqi);
        await using var db = app.Store.CreateContext();
        var rows = await db.DailyAqi.AsNoTracking().Where(x => x.SiteId == site && x.Date >= new DateOnly(2026, 11, 10) && x.Date <= new DateOnly(2026, 11, 11))
            .OrderBy(x => x.Date).ToListAsync();
        Assert.Equal([5, 4], rows.Select(r => ValidityReasons.ReadDay(r.ExcludedJson)!["a34004"]["D"]));
        Assert.Equal([false, true], rows.Select(r => r.Valid));

        // The HJ 663 assessment answer counts the flagged hours of the period (5 + 4 PM2.5 hours flagged D).
        using var admin = app.Client(admin: true);
        var answer = await admin.GetFromJsonAsync<JsonElement>("/api/sites/JB-A-GC/assessment?from=2026-11-10&to=2026-11-11");
        Assert.Equal(1, answer.GetProperty("valid_aqi_days").GetInt32());
        Assert.Equal(9, answer.GetProperty("excluded_hours").GetProperty("a34004").GetProperty("D").GetInt32());
    }
}

public sealed class SqliteFlaggedValueTests(WebAppFixture<SqliteTestDatabase> app) : FlaggedValueTests<SqliteTestDatabase>(app);

public sealed class PostgresFlaggedValueTests(WebAppFixture<PostgresTestDatabase> app) : FlaggedValueTests<PostgresTestDatabase>(app);
