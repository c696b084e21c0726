using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Expensive anonymous requests are rate-limited per client address with ASP.NET Core's rate limiter (issue 14 item 12;
/// <see cref="ExpensiveRequestLimits"/>): a burst of 16 parallel 10-year exports from one address gets at most the window's
/// permits, the rest a 429 problem with <c>Retry-After</c>, while an unrelated call keeps answering; short reads, signed-in
/// staff and cheap routes are not limited. Loopback only; every request is bounded by the client's timeout; the window
/// is 10 minutes so no timing decides a count.
/// </summary>
public sealed class ExpensiveRequestTests(WebAppFixture<SqliteTestDatabase> fx, ITestOutputHelper output) : IClassFixture<WebAppFixture<SqliteTestDatabase>>
{
    private async Task<WebApplication> StartAsync(ExpensiveRequestLimits limits)
    {
        var app = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = fx.Store, AdminToken = AdminToken.LoadOrCreate(Path.Combine(Path.GetTempPath(), "smartenv-tok-" + Guid.NewGuid().ToString("N"))),
            Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback, ExpensiveRequests = limits,
        });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Sixteen_parallel_ten_year_exports_from_one_address_get_the_window_permits_and_429s_while_other_calls_answer()
    {
        await using var app = await StartAsync(new ExpensiveRequestLimits { PermitsPerWindow = 4, Window = TimeSpan.FromMinutes(10), ConcurrentPerAddress = 2 });
        using var anon = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app), Timeout = TimeSpan.FromSeconds(60) };
        var unrelated = "/api/sites/1420A/aqi/latest";
        var baseline = Stopwatch.StartNew();
        var before = await anon.GetAsync(unrelated);
        baseline.Stop();

        var burst = Enumerable.Range(0, 16).Select(_ => anon.GetAsync("/ui/export/air-daily.xlsx?site=1420A&from=2010-01-01&to=2019-12-31&regime=HJ633-2012")).ToList();
        var during = Stopwatch.StartNew();
        var call = await anon.GetAsync(unrelated);
        during.Stop();
        var answers = await Task.WhenAll(burst);
        var ok = answers.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        output.WriteLine($"unrelated call: {baseline.ElapsedMilliseconds} ms before, {during.ElapsedMilliseconds} ms during the burst; burst: {ok} × 200, {refused.Count} × 429");

        Assert.Equal(before.StatusCode, call.StatusCode); // the unrelated call answers as before (404: no hourly AQI stored for 1420A here, or 200)
        Assert.Equal(16, ok + refused.Count);
        Assert.InRange(ok, 1, 4);
        var problem = JsonDocument.Parse(await refused[0].Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("too many expensive requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_window_counts_exports_and_long_ranges_of_the_public_not_short_reads_nor_staff()
    {
        await using var app = await StartAsync(new ExpensiveRequestLimits { PermitsPerWindow = 3, Window = TimeSpan.FromMinutes(10) });
        var address = SmartEnvWeb.BoundAddress(app);
        using var anon = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/ui/export/water-sections.csv")).StatusCode);
        var fourth = await anon.GetAsync("/ui/export/water-sections.csv");
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(int.TryParse(fourth.Headers.GetValues("Retry-After").Single(), out var retry) && retry is > 0 and <= 600, $"Retry-After {retry}");
        Assert.Contains("at most 3 per 600 s", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A long daily range is expensive too (refused now); a month is not; cheap routes are never counted.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anon.GetAsync("/api/sites/1420A/aqi/daily?from=2010-01-01&to=2019-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/api/sites/1420A/aqi/daily?from=2019-01-01&to=2019-01-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/api/sites")).StatusCode);
        // Signed-in staff are not limited per address (the total concurrency still applies to them).
        using var staff = await TestPrincipals.StaffAsync(address, fx.Store, "viewer");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/ui/export/water-sections.csv")).StatusCode);
    }

    [Theory]
    [InlineData("/ui/export/water-sections.csv", true)]
    [InlineData("/api/sites/1420A/aqi/daily?from=2019-01-01&to=2019-01-31", false)]
    [InlineData("/api/sites/1420A/aqi/daily?from=2019-01-01&to=2019-03-01", true)]
    [InlineData("/api/sites/1420A/aqi/daily?to=2019-03-01", false)]
    [InlineData("/api/sites/1420A/aqi/daily?from=2010-03-01", true)]
    [InlineData("/api/sites/1420A/aqi/hourly", true)]
    [InlineData("/api/sites/1420A/aqi/hourly?from=2019-01-01T00:00:00Z&to=2019-01-02T00:00:00Z", false)]
    [InlineData("/api/sites", false)]
    [InlineData("/api/sites/1420A/aqi/latest", false)]
    public async Task What_counts_as_expensive(string url, bool expensive)
    {
        // One permit: an expensive request uses it and the next one is refused; a cheap one never is.
        await using var app = await StartAsync(new ExpensiveRequestLimits { PermitsPerWindow = 1, Window = TimeSpan.FromMinutes(10) });
        using var anon = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app), Timeout = TimeSpan.FromSeconds(60) };
        await anon.GetAsync(url);
        var second = await anon.GetAsync(url);
        Assert.Equal(expensive, second.StatusCode == HttpStatusCode.TooManyRequests);
    }
}
