using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace SmartEnv.Web;

/// <summary>
/// Limits of expensive requests (issue 14 item 12; docs/security.md "What leaves the platform"). Every table export
/// (<c>/ui/export/…</c>, <c>/api/plan/export</c>) and every ranged read of the API over more than
/// <see cref="LongRangeDays"/> days (or with an open end) is <b>expensive</b>. SmartEnv rules; the standards are silent on
/// request limits. The defaults keep a 2-core server answering everyone else while one address (or many) asks for
/// 10-year tables. Immutable; thread-safe.
/// </summary>
public sealed record ExpensiveRequestLimits
{
    /// <summary>Expensive requests one anonymous client address may START per <see cref="Window"/>; more → 429 with
    /// <c>Retry-After</c>. Defaults to 20 per minute: a person exporting tables by hand does a few a minute; a script
    /// doing more should sign in (staff are not limited per address).</summary>
    public int PermitsPerWindow { get; init; } = 20;

    /// <summary>Window of <see cref="PermitsPerWindow"/> (fixed window from the address's first request). Defaults to 1 min.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Expensive requests one anonymous address may have RUNNING at once; more → 429 at once (no queue). Defaults
    /// to 2: a browser opens an export or two at a time.</summary>
    public int ConcurrentPerAddress { get; init; } = 2;

    /// <summary>Expensive requests running at once for everyone (staff included); further ones wait in a queue of
    /// <see cref="QueueTotal"/> (oldest first), beyond it 429. Defaults to the processor count (at least 2): each export is
    /// CPU-bound (on-demand HJ 663 assessment, spreadsheet writing), so more at once only slows every other request.</summary>
    public int ConcurrentTotal { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Expensive requests waiting for a slot of <see cref="ConcurrentTotal"/>. Defaults to 32.</summary>
    public int QueueTotal { get; init; } = 32;

    /// <summary>A ranged API read (<c>from</c>/<c>to</c>) spanning more days than this, or hourly/observation reads with an
    /// open end, is expensive. Defaults to 31 (the daily series' default month; a month of hours is 744 rows).</summary>
    public int LongRangeDays { get; init; } = 31;
}

/// <summary>
/// Wires <see cref="ExpensiveRequestLimits"/> with ASP.NET Core's rate limiter (<c>Microsoft.AspNetCore.RateLimiting</c>):
/// one global chained limiter — per anonymous client address a fixed window and a concurrency limit, and one concurrency
/// limit with a queue for everyone — that applies only to requests <see cref="IsExpensive"/> finds expensive; every other
/// request passes without a lease. A refusal is a 429 problem naming the limit, with <c>Retry-After</c> in seconds when
/// the window limit refused. The client address is the connection's remote address (put a reverse proxy's
/// <c>X-Forwarded-For</c> handling in front if one is used). Thread-safe.
/// </summary>
public static class ExpensiveRequests
{
    /// <summary>Route patterns of ranged reads: expensive when the range is long or open (<see cref="ExpensiveRequestLimits.LongRangeDays"/>).</summary>
    private static readonly string[] RangedPatterns =
    [
        "/api/sites/{code}/aqi/daily", "/api/sites/{code}/aqi/hourly", "/api/sites/{code}/observations",
        "/api/sites/{code}/assessment", "/api/assessment/city",
    ];

    /// <summary>Registers the limiter.</summary>
    /// <param name="services">Services.</param>
    /// <param name="limits">Limits.</param>
    public static IServiceCollection AddExpensiveRequestLimits(this IServiceCollection services, ExpensiveRequestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => AnonymousExpensive(http, limits) is { } a
                    ? RateLimitPartition.GetFixedWindowLimiter("w:" + a, _ => new FixedWindowRateLimiterOptions
                    { PermitLimit = limits.PermitsPerWindow, Window = limits.Window, QueueLimit = 0, AutoReplenishment = true })
                    : RateLimitPartition.GetNoLimiter("-")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => AnonymousExpensive(http, limits) is { } a
                    ? RateLimitPartition.GetConcurrencyLimiter("c:" + a, _ => new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentPerAddress, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("-")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsExpensive(http, limits)
                    ? RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions
                    { PermitLimit = limits.ConcurrentTotal, QueueLimit = limits.QueueTotal, QueueProcessingOrder = QueueProcessingOrder.OldestFirst })
                    : RateLimitPartition.GetNoLimiter("-")));
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                string detail;
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                    http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    detail = string.Create(CultureInfo.InvariantCulture,
                        $"too many expensive requests (exports, long ranges) from your address: at most {limits.PermitsPerWindow} per {limits.Window.TotalSeconds:0} s; retry after {seconds} s, or sign in");
                }
                else
                    detail = string.Create(CultureInfo.InvariantCulture,
                        $"too many expensive requests (exports, long ranges) at once: at most {limits.ConcurrentPerAddress} per address and {limits.ConcurrentTotal} in all (queue {limits.QueueTotal}); retry when one has finished");
                await Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "too many requests / 请求过于频繁").ExecuteAsync(http);
            };
        });
    }

    /// <summary>The client address of an anonymous expensive request (its partition), or null when the request is not
    /// expensive or the caller is signed in.</summary>
    private static string? AnonymousExpensive(HttpContext http, ExpensiveRequestLimits limits) =>
        http.User.Identity?.IsAuthenticated != true && IsExpensive(http, limits)
            ? (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString() : null;

    /// <summary>True for a table export, or a ranged read whose range is longer than
    /// <see cref="ExpensiveRequestLimits.LongRangeDays"/> or open-ended (hourly AQI, observations).</summary>
    /// <param name="http">The request (endpoint selected).</param>
    /// <param name="limits">Limits.</param>
    public static bool IsExpensive(HttpContext http, ExpensiveRequestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(limits);
        var endpoint = http.GetEndpoint();
        if (endpoint is null) return false;
        if (endpoint is not RouteEndpoint route || route.RoutePattern.RawText is not { } pattern) return false;
        if (pattern.StartsWith("/ui/export/", StringComparison.Ordinal) || pattern == "/api/plan/export") return true; // every table export
        if (pattern == "/api/complaints/stats.xlsx") return true; // issue 18 P4: the complaint bulletin workbook
        if (!RangedPatterns.Contains(pattern)) return false;
        var q = http.Request.Query;
        DateTimeOffset? Instant(string key) => DateTimeOffset.TryParse(q[key].FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;
        var from = Instant("from");
        var to = Instant("to");
        if (from is { } f && to is { } t) return (t - f).TotalDays > limits.LongRangeDays;
        // One end missing: the daily series defaults to the month before `to` (short) or runs from `from` to today (long);
        // hourly AQI and observations have no default range (up to 10,000 rows); the assessments require both ends.
        return pattern.EndsWith("/daily", StringComparison.Ordinal) ? from is not null : !pattern.Contains("assessment", StringComparison.Ordinal);
    }
}
