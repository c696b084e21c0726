using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The review API (数据审核) on both engines: a marked value stays in the raw view with its mark, the AQI series answer
/// <c>series=reviewed</c> (default) and <c>series=realtime</c>, bad requests are refused by field. Hand-worked (HJ 633-2012
/// Table 1, 2019 = CNEMC-2014 regime; GB 3095 24-h mean of ≥ 20 hours): JB-A-GYQ on 2019-07-03, every hour PM2.5 40,
/// PM10 40, SO2 5, NO2 20, CO 0.4, O3 20, except PM2.5 400 in the hour starting 10:00 Beijing.
/// <code>
/// realtime  PM2.5 (23·40 + 400)/24 = 1320/24 = 55 → 50 + (55 − 35)/(75 − 35)·50 = 75;  AQI 75, 首要污染物 pm25_24h, 24 hours
/// reviewed  the 400 marked invalid: PM2.5 23·40/23 = 40 (23 ≥ 20 hours: valid) → 50 + (40 − 35)/40·50 = 56.25 → 57
///           others: PM10 40 → 40, SO2 5 → 5, NO2 20 → 25, CO 0.4 → 10, O3 1-h 20 → 6.25 → 7, O3 8-h 20 → 10
///           AQI 57, 首要污染物 pm25_24h, day valid, valid hours 23, 1 hour excluded by review
/// </code>
/// </summary>
public abstract class ReviewApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static readonly DateOnly Day = new(2019, 7, 3);
    private static readonly DateTimeOffset Spike = new(2019, 7, 3, 10, 0, 0, BeijingTime.Offset);

    private async Task<long> SeedAsync()
    {
        await using var ctx = app.Store.CreateContext();
        var id = await ctx.Sites.Where(s => s.Code == "JB-A-GYQ").Select(s => s.Id).SingleAsync();
        if (await ctx.Observations.AnyAsync(o => o.SiteId == id && o.DataTime == Spike)) return id;
        var start = new DateTimeOffset(2019, 7, 3, 0, 0, 0, BeijingTime.Offset);
        var values = new List<ObservationInput>();
        for (var h = 0; h < 24; h++)
            foreach (var (p, v) in new[] { ("a34004", start.AddHours(h) == Spike ? 400m : 40m), ("a34002", 40m), ("a21026", 5m), ("a21004", 20m), ("a21005", 0.4m), ("a05024", 20m) })
                values.Add(new ObservationInput(id, "review-test", p, PeriodType.Hour, start.AddHours(h), v, v.ToString(CultureInfo.InvariantCulture)));
        await new ObservationWriter(app.Store).UpsertAsync(values);
        await new AirEvaluator(app.Store).RecomputeAsync(id, Day, Day);
        return id;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> DayAsync(HttpClient c, string series) =>
        (await JsonAsync(await c.GetAsync($"/api/sites/JB-A-GYQ/aqi/daily?from=2019-07-03&to=2019-07-03&series={series}")))[0];

    [Fact]
    public async Task A_marked_observation_stays_in_the_raw_view_with_its_mark_and_the_reviewed_series_leaves_it_out()
    {
        await SeedAsync();
        using var c = app.Client(admin: true);
        var obsUrl = $"/api/sites/JB-A-GYQ/observations?parameter=a34004&period=hour&from={Uri.EscapeDataString(Spike.ToString("O"))}&to={Uri.EscapeDataString(Spike.AddHours(2).ToString("O"))}";
        var raw = await JsonAsync(await c.GetAsync(obsUrl));
        var spike = raw.EnumerateArray().Single(o => o.GetProperty("value").GetDecimal() == 400m);
        Assert.Equal(JsonValueKind.Null, spike.GetProperty("review").ValueKind);

        var created = await c.PostAsJsonAsync("/api/review/marks", new { observation_id = spike.GetProperty("id").GetInt64(), reason = "instrument_fault", text = "采样头堵塞" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mark = await JsonAsync(created);
        Assert.Equal("mark", mark.GetProperty("action").GetString());
        Assert.Equal(SmartEnv.Web.Auth.BearerTokenHandler.LegacyAdminName, mark.GetProperty("by").GetString()); // the legacy admin token
        Assert.Equal("仪器故障", mark.GetProperty("reason_name").GetProperty("zh").GetString());

        // The raw view still returns the excluded value, as stored, with the mark; the next hour has none.
        raw = await JsonAsync(await c.GetAsync(obsUrl));
        var marked = raw.EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == spike.GetProperty("id").GetInt64());
        Assert.Equal(400m, marked.GetProperty("value").GetDecimal());
        Assert.Equal("400", marked.GetProperty("value_text").GetString());
        Assert.Equal("instrument_fault", marked.GetProperty("review").GetProperty("reason").GetString());
        Assert.Equal("采样头堵塞", marked.GetProperty("review").GetProperty("text").GetString());
        Assert.Equal(mark.GetProperty("id").GetInt64(), marked.GetProperty("review").GetProperty("mark_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, raw.EnumerateArray().Single(o => o.GetProperty("value").GetDecimal() == 40m).GetProperty("review").ValueKind);

        // The day is queued; the evaluation round recomputes it (hand-worked in the class summary).
        await using (var q = new EvaluationQueue(app.Store, TimeSpan.FromHours(1))) await q.FlushAsync();
        var reviewed = await DayAsync(c, "reviewed");
        Assert.Equal((57, true, 1), (reviewed.GetProperty("aqi").GetInt32(), reviewed.GetProperty("reviewed").GetBoolean(), reviewed.GetProperty("review_excluded_hours").GetInt32()));
        Assert.Equal("pm25_24h", reviewed.GetProperty("primary_pollutants")[0].GetString());
        Assert.True(reviewed.GetProperty("valid").GetBoolean());
        var byDefault = await JsonAsync(await c.GetAsync("/api/sites/JB-A-GYQ/aqi/daily?from=2019-07-03&to=2019-07-03"));
        Assert.Equal(57, byDefault[0].GetProperty("aqi").GetInt32());
        var realtime = await DayAsync(c, "realtime");
        Assert.Equal((75, false, 0), (realtime.GetProperty("aqi").GetInt32(), realtime.GetProperty("reviewed").GetBoolean(), realtime.GetProperty("review_excluded_hours").GetInt32()));
        var assessment = await JsonAsync(await c.GetAsync("/api/sites/JB-A-GYQ/assessment?from=2019-07-03&to=2019-07-03"));
        Assert.True(assessment.GetProperty("reviewed").GetBoolean());
        Assert.Equal(1, assessment.GetProperty("review_excluded_hours").GetInt32());

        var list = await JsonAsync(await c.GetAsync("/api/review/marks?site=JB-A-GYQ"));
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("id").GetInt64() == mark.GetProperty("id").GetInt64() && m.GetProperty("active").GetBoolean());

        var restored = await c.PostAsJsonAsync($"/api/review/marks/{mark.GetProperty("id").GetInt64()}/restore", new { text = "复核有效" });
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        await using (var q = new EvaluationQueue(app.Store, TimeSpan.FromHours(1))) await q.FlushAsync();
        Assert.Equal(75, (await DayAsync(c, "reviewed")).GetProperty("aqi").GetInt32());
        Assert.Equal(0, (await DayAsync(c, "reviewed")).GetProperty("review_excluded_hours").GetInt32());
    }

    [Fact]
    public async Task Bad_marks_are_refused_by_field_unknown_targets_are_404_and_writes_need_the_token()
    {
        await SeedAsync();
        using var c = app.Client(admin: true);
        async Task<(HttpStatusCode, JsonElement)> Post(object body)
        {
            var r = await c.PostAsJsonAsync("/api/review/marks", body);
            return (r.StatusCode, await JsonAsync(r));
        }
        const string from = "2019-07-03T02:00:00Z", to = "2019-07-03T04:00:00Z";
        var (s1, p1) = await Post(new { site = "JB-A-GYQ", from, to, reason = "broken" });
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.True(p1.GetProperty("errors").TryGetProperty("reason", out _));
        var (s2, p2) = await Post(new { site = "JB-A-GYQ", from, to, reason = "other", text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.True(p2.GetProperty("errors").TryGetProperty("text", out _));
        var (s3, p3) = await Post(new { site = "JB-A-GYQ", from = to, to = from, reason = "shutdown" });
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.True(p3.GetProperty("errors").TryGetProperty("to", out _));
        var (s4, _) = await Post(new { site = "NO-SUCH-SITE", from, to, reason = "shutdown" });
        Assert.Equal(HttpStatusCode.NotFound, s4);
        var (s5, _) = await Post(new { site = "JB-A-GYQ", reason = "shutdown" });
        Assert.Equal(HttpStatusCode.BadRequest, s5);
        Assert.Equal(HttpStatusCode.NotFound, (await c.PostAsJsonAsync("/api/review/marks/999999/restore", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("/api/review/marks?site=NO-SUCH-SITE")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.GetAsync("/api/sites/JB-A-GYQ/aqi/daily?series=published")).StatusCode);
        var (ok, range) = await Post(new { site = "JB-A-GYQ", parameter = "a34002", from, to, reason = "calibration_maintenance" });
        Assert.Equal(HttpStatusCode.Created, ok);
        Assert.Equal("2019-07-03T10:00:00+08:00", range.GetProperty("from_local").GetString());

        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/review/marks", new { site = "JB-A-GYQ", from, to, reason = "shutdown" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/review/marks?site=JB-A-GYQ")).StatusCode);
    }
}

public sealed class SqliteReviewApiTests(WebAppFixture<SqliteTestDatabase> app) : ReviewApiTests<SqliteTestDatabase>(app);

public sealed class PostgresReviewApiTests(WebAppFixture<PostgresTestDatabase> app) : ReviewApiTests<PostgresTestDatabase>(app);
