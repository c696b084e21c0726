using System.Net;
using System.Text.Json;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>Issue 20: <c>GET /api/schedules</c> lists the platform's scheduled jobs for an admin — the monthly card review
/// with its default cron <c>0 1 1 * *</c>, Beijing time, enabled, a next occurrence at 01:00 Beijing on a 1st (= 17:00 UTC
/// on the day before, hand conversion) — and refuses other staff (403).</summary>
public abstract class SchedulesApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    [Fact]
    public async Task Admin_sees_the_monthly_review_schedule_and_staff_are_refused()
    {
        var address = SmartEnvWeb.BoundAddress(app.App);
        using var admin = await TestPrincipals.StaffAsync(address, app.Store, SmartEnvRoles.Admin);
        using var viewer = await TestPrincipals.StaffAsync(address, app.Store, SmartEnvRoles.Viewer);
        var r = await admin.GetAsync("/api/schedules");
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        var job = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("key").GetString() == "construction-monthly-review");
        Assert.Equal(("0 1 1 * *", "0 1 1 * *", "Beijing", true), (job.GetProperty("cron").GetString(), job.GetProperty("default_cron").GetString(),
            job.GetProperty("time_zone").GetString(), job.GetProperty("enabled").GetBoolean()));
        // Beijing time like every other API: "…T01:00:00+08:00" on a 1st (hand: default cron 0 1 1 * * = 01:00 Beijing).
        var text = job.GetProperty("next_occurrence").GetString()!;
        Assert.EndsWith("T01:00:00+08:00", text);
        var next = job.GetProperty("next_occurrence").GetDateTimeOffset().ToUniversalTime();
        Assert.Equal((17, 0), (next.Hour, next.Minute));
        Assert.Equal(1, SmartEnv.Standards.Common.BeijingTime.Date(next).Day);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/schedules")).StatusCode);
    }
}

/// <summary>SQLite.</summary>
public sealed class SqliteSchedulesApiTests(WebAppFixture<SqliteTestDatabase> app) : SchedulesApiTests<SqliteTestDatabase>(app);
