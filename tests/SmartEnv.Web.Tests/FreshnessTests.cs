using System.Globalization;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Ui;
using SmartEnv.Host;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Freshness is a property of the value (issue 11 item 7): the one rule <see cref="Freshness"/> (hour 2 h, natural day
/// 26 h after its end, water sample 8 h), the clock's year, periods reaching past today, and the overview model, where a
/// site's AQI is 非实时 by its own time even while another logger of the site keeps reporting.
/// </summary>
public sealed class FreshnessTests
{
    private static readonly TimeSpan Beijing = SmartEnv.Standards.Common.BeijingTime.Offset;

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    [Fact]
    public void The_rule_allows_an_hour_two_hours_a_day_26_hours_and_a_water_sample_8_hours()
    {
        var end = new DateTimeOffset(2026, 12, 6, 10, 0, 0, Beijing); // hour 09:00–10:00 Beijing
        Assert.False(Freshness.IsStale(FigureKind.Hour, end, end.AddHours(2)));
        Assert.True(Freshness.IsStale(FigureKind.Hour, end, end.AddHours(2).AddMinutes(1)));
        // Daily AQI of 2026-12-05 ends 2026-12-06 00:00 Beijing; current through 12-07 02:00 (the next day + 2 h).
        var dayEnd = Freshness.DayEnd(new DateOnly(2026, 12, 5));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 16, 0, 0, TimeSpan.Zero), dayEnd);
        Assert.False(Freshness.IsStale(FigureKind.Day, dayEnd, new DateTimeOffset(2026, 12, 7, 2, 0, 0, Beijing)));
        Assert.True(Freshness.IsStale(FigureKind.Day, dayEnd, new DateTimeOffset(2026, 12, 7, 2, 1, 0, Beijing)));
        // A 4-hourly sample is current for its own 4 h plus the next sample's 4 h, worked by hand: 8 h.
        Assert.False(Freshness.IsStale(FigureKind.WaterSample, end, end.AddHours(4 + 4)));
        Assert.True(Freshness.IsStale(FigureKind.WaterSample, end, end.AddHours(4 + 4).AddMinutes(1)));
        Assert.True(Freshness.IsStale(FigureKind.Hour, null, end)); // no time: never current
    }

    [Fact]
    public void This_year_and_periods_that_reach_past_today_follow_the_clock()
    {
        // 2026-12-31 17:00 UTC is 2027-01-01 01:00 in Beijing: "本年" is 2027 there.
        var newYear = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);
        Assert.True(Freshness.IsCurrentYear(2027, newYear));
        Assert.False(Freshness.IsCurrentYear(2026, newYear));
        Assert.False(Freshness.IsCurrentYear(2019, newYear));
        var now = new DateTimeOffset(2026, 12, 6, 10, 30, 0, Beijing);
        Assert.Equal(new DateOnly(2026, 12, 6), Freshness.ElapsedEnd(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), now));
        Assert.Equal(new DateOnly(2019, 12, 31), Freshness.ElapsedEnd(new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), now));
        Assert.Null(Freshness.ElapsedEnd(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), now));
    }

    [Fact]
    public async Task The_assessment_API_does_not_count_days_after_today_as_invalid_days()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-fresh-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var store = new SmartEnvStore(StoreOptions.Parse(null, dir));
        await store.MigrateAndSeedAsync();
        var token = AdminToken.LoadOrCreate(dir);
        var readiness = new Readiness("http");
        // Now: 2026-12-06 10:30 Beijing, day 340 of 2026 (334 days in January…November + 6).
        var platform = SmartEnvPlatform.Create(new PlatformOptions { Store = store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions { Store = store, AdminToken = token, Readiness = readiness, HttpPort = 0,
            BindAddress = System.Net.IPAddress.Loopback, Time = new Clock(new DateTimeOffset(2026, 12, 6, 10, 30, 0, Beijing)) } });
        var app = platform.Web!;
        await platform.StartAsync();
        readiness.MarkReady("http");
        try
        {
            using var c = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app) };
            c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value);
            foreach (var url in new[] { "/api/sites/JB-A-GC/assessment?from=2026-01-01&to=2026-12-31", "/api/assessment/city?sites=JB-A-GC,1420A&from=2026-01-01&to=2026-12-31" })
            {
                var body = System.Text.Json.JsonDocument.Parse(await c.GetStringAsync(url)).RootElement;
                var a = body.TryGetProperty("assessment", out var inner) ? inner : body;
                Assert.Equal(("2026-12-06", 340, 0), (a.GetProperty("to").GetString(), a.GetProperty("days").GetInt32(), a.GetProperty("valid_aqi_days").GetInt32()));
            }
            // A period that has not begun is refused rather than reported as 31 invalid days.
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await c.GetAsync("/api/sites/JB-A-GC/assessment?from=2027-01-01&to=2027-01-31")).StatusCode);
        }
        finally
        {
            await platform.DisposeAsync();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_site_value_is_stale_by_its_own_time_while_another_logger_of_the_site_reports()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-fresh-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var store = new SmartEnvStore(StoreOptions.Parse(null, dir));
            await store.MigrateAndSeedAsync();
            long gc;
            await using (var db = store.CreateContext())
            {
                gc = db.Sites.Single(s => s.Code == "JB-A-GC").Id;
                // A second logger of the site (e.g. a meteorological one) that reported ten minutes ago.
                db.Devices.Add(new Device { Mn = "FRESHTEST000001", Password = "x", SiteId = gc, Enabled = true,
                    LastDataReceivedAt = new DateTimeOffset(2026, 12, 6, 10, 20, 0, Beijing) });
                await db.SaveChangesAsync();
            }
            // Six pollutants for the 24 hours starting 2026-12-04 20:00 Beijing; the last hour is 19:00–20:00 on 12-05.
            var first = new DateTimeOffset(2026, 12, 4, 20, 0, 0, Beijing);
            var rows = new List<ObservationInput>();
            for (var h = 0; h < 24; h++)
                foreach (var (code, v) in new[] { ("a21026", 10m), ("a21004", 20m), ("a21005", 0.5m), ("a05024", 60m), ("a34002", 50m), ("a34004", 30m) })
                    rows.Add(new ObservationInput(gc, "FRESHTEST000002", code, PeriodType.Hour, first.AddHours(h), v, v.ToString(CultureInfo.InvariantCulture)));
            await new ObservationWriter(store).UpsertAsync(rows);
            // The overview reads the stored evaluation, written as intake writes it.
            await new AirEvaluator(store).RecomputeAsync(gc, new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 5));

            var clock = new Clock(new DateTimeOffset(2026, 12, 6, 10, 30, 0, Beijing));
            async Task<OverviewModel> LoadAsync()
            {
                await using var db = store.CreateContext();
                return await new OverviewService(db, new AirService(db, clock), new WaterService(db), clock, new NoiseService(db, clock)).LoadAsync();
            }

            var m = await LoadAsync();
            var site = m.Sites.Single(s => s.Code == "JB-A-GC");
            var lastEnd = new DateTimeOffset(2026, 12, 5, 20, 0, 0, Beijing);
            Assert.Equal(lastEnd, site.ValueEnd);
            Assert.True(site.Online); // the other logger reported 10 min ago …
            Assert.True(site.Stale); // … but this AQI is 14.5 h old: 非实时
            Assert.Equal(lastEnd, m.DistrictLatestEnd);
            Assert.True(m.DistrictStale);
            // The latest day (2026-12-05, ended 12-06 00:00 Beijing, 10.5 h ago) is current; it is this year's.
            Assert.Equal(new DateOnly(2026, 12, 5), m.LatestDay);
            Assert.False(m.LatestDayStale);
            Assert.True(m.YearIsCurrent);

            // 1.5 h after the hour's end the same value is current.
            clock.Now = lastEnd.AddMinutes(90);
            m = await LoadAsync();
            Assert.False(m.Sites.Single(s => s.Code == "JB-A-GC").Stale);
            Assert.False(m.DistrictStale);

            // In 2027 the 2026 figures are a past year, named by their year.
            clock.Now = new DateTimeOffset(2027, 1, 2, 9, 0, 0, Beijing);
            m = await LoadAsync();
            Assert.False(m.YearIsCurrent);
            Assert.Equal(2026, m.Year!.From.Year);
            Assert.True(m.LatestDayStale);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
