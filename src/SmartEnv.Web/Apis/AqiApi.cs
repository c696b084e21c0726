using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Apis;

/// <summary>
/// AQI series of a site (HJ 633-2012): the daily series, the hourly series and the latest hour of a public site are public
/// (the real-time report of HJ 633-2012 §5.1.3 is published hourly; the 空气 page shows the same hours to everyone —
/// docs/security.md "What leaves the platform"); a non-public site is a 404 for the public, as an unknown one. Every row
/// names the regime that computed it.
/// </summary>
public static class AqiApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapAqiApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/sites/{code}/aqi").WithTags("aqi");
        g.MapGet("/daily", DailyAsync).AllowAnonymous().WithName("DailyAqi")
            .WithSummary("Daily AQI for Beijing natural days in [from, to] (inclusive dates, default the last 31 days; limit 3,660 days); optional regime filter; series=reviewed (default, review marks applied) or realtime (as received).");
        g.MapGet("/hourly", HourlyAsync).AllowAnonymous().WithName("HourlyAqi")
            .WithSummary("Hourly AQI for hours starting in [from, to) (ISO instants, at most 3,660 days, at most 10,000 rows; optional regime filter; series=reviewed|realtime; public sites for everyone, HJ 633-2012 §5.1.3 real-time report).");
        g.MapGet("/latest", LatestAsync).AllowAnonymous().WithName("LatestAqi").WithSummary("The latest hourly AQI of the site (series=reviewed, the default, or realtime).");
        return app;
    }

    /// <summary>Longest daily range one request may ask for (10 years, <see cref="ApiValidation.MaxDays"/>).</summary>
    public const int MaxDays = ApiValidation.MaxDays;

    private static async Task<Results<Ok<List<DailyAqiDto>>, ProblemHttpResult, ValidationProblem>> DailyAsync(
        string code, SmartEnvDbContext db, HttpContext http, TimeProvider time, DateOnly? from, DateOnly? to, string? regime, string? series, CancellationToken ct)
    {
        var end = to ?? BeijingTime.Today(time);
        var start = from ?? end.AddDays(-30);
        var badSeries = ReviewApi.Series(series, out var s);
        if ((ApiValidation.DayPeriod(start, end) ?? ApiValidation.Regime(regime) ?? badSeries) is { } invalid) return invalid;
        var site = await SitesApi.FindVisibleAsync(db, http, code, ct);
        if (site is null) return SitesApi.NoSite(code);
        if (ApiValidation.AirSite(site) is { } notAir) return notAir;
        var q = StoredAir.Daily(db, s).AsNoTracking().Where(d => d.SiteId == site.Id && d.Date >= start && d.Date <= end);
        if (regime is not null) q = q.Where(d => d.RegimeId == regime);
        return TypedResults.Ok((await q.OrderBy(d => d.Date).ThenBy(d => d.RegimeId)
            .Select(d => new { d.Date, d.Aqi, d.PrimaryPollutants, d.Valid, d.RegimeId, d.ExcludedJson, d.Reviewed, d.ReviewExcludedHours }).ToListAsync(ct))
            .Select(d => DailyAqiDto.From(d.Date, d.Aqi, d.PrimaryPollutants, d.Valid, d.RegimeId, ValidityReasons.ReadDay(d.ExcludedJson),
                s == DataSeries.Reviewed, s == DataSeries.Reviewed ? d.ReviewExcludedHours : 0)).ToList());
    }

    private static async Task<Results<Ok<List<HourlyAqiDto>>, ProblemHttpResult, ValidationProblem>> HourlyAsync(
        string code, SmartEnvDbContext db, HttpContext http, DateTimeOffset? from, DateTimeOffset? to, string? regime, string? series, CancellationToken ct)
    {
        var badSeries = ReviewApi.Series(series, out var s);
        if ((ApiValidation.InstantRange(from, to) ?? ApiValidation.Regime(regime) ?? badSeries) is { } invalid) return invalid;
        var site = await SitesApi.FindVisibleAsync(db, http, code, ct);
        if (site is null) return SitesApi.NoSite(code);
        if (ApiValidation.AirSite(site) is { } notAir) return notAir;
        var q = StoredAir.Hourly(db, s).AsNoTracking().Where(h => h.SiteId == site.Id);
        if (from is { } f) q = q.Where(h => h.HourStart >= f);
        if (to is { } t) q = q.Where(h => h.HourStart < t);
        if (regime is not null) q = q.Where(h => h.RegimeId == regime);
        return TypedResults.Ok((await q.OrderBy(h => h.HourStart).Take(10_000)
            .Select(h => new { h.HourStart, h.Aqi, h.PrimaryPollutants, h.Complete, h.RegimeId, h.ExcludedJson, h.ReviewExcludedHours }).ToListAsync(ct))
            .Select(h => HourlyAqiDto.From(h.HourStart, h.Aqi, h.PrimaryPollutants, h.Complete, h.RegimeId, ValidityReasons.ReadHour(h.ExcludedJson),
                s == DataSeries.Reviewed, s == DataSeries.Reviewed ? h.ReviewExcludedHours : 0)).ToList());
    }

    private static async Task<Results<Ok<HourlyAqiDto>, ProblemHttpResult, ValidationProblem>> LatestAsync(string code, SmartEnvDbContext db, HttpContext http, TimeProvider time, string? series, CancellationToken ct)
    {
        if (ReviewApi.Series(series, out var s) is { } invalid) return invalid;
        var site = await SitesApi.FindVisibleAsync(db, http, code, ct);
        if (site is null) return SitesApi.NoSite(code);
        if (ApiValidation.AirSite(site) is { } notAir) return notAir;
        var (lo, hi) = DataTimePlausibility.StoredRange(time.GetUtcNow());
        var h = await StoredAir.Hourly(db, s).AsNoTracking().Where(x => x.SiteId == site.Id && x.HourStart >= lo && x.HourStart <= hi).OrderByDescending(x => x.HourStart)
            .Select(x => new { x.HourStart, x.Aqi, x.PrimaryPollutants, x.Complete, x.RegimeId, x.ExcludedJson, x.ReviewExcludedHours }).FirstOrDefaultAsync(ct);
        return h is null ? ApiValidation.NotFound($"site {code} has no hourly AQI yet")
            : TypedResults.Ok(HourlyAqiDto.From(h.HourStart, h.Aqi, h.PrimaryPollutants, h.Complete, h.RegimeId, ValidityReasons.ReadHour(h.ExcludedJson),
                s == DataSeries.Reviewed, s == DataSeries.Reviewed ? h.ReviewExcludedHours : 0));
    }
}
