using SmartEnv.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Air;
using SmartEnv.Storage;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Apis;

/// <summary>
/// <c>GET /api/sites/{code}/assessment?from=…&amp;to=…</c> (admin): HJ 663-2013 period assessment of an air site from its
/// stored daily AQI rows (<see cref="StoredAir.AssessAsync"/>, the read behind 空气 and the plan indicators);
/// <c>GET /api/assessment/city?sites=A,B,…&amp;from=…&amp;to=…</c> (admin): the same for a set of stations as one city
/// (HJ 663 city value = mean of its stations per hour). The district's station set (<see cref="SmartEnvStore.DistrictStationCodes"/>,
/// in any order) reads the district's stored series (<see cref="SmartEnv.Storage.Entities.Site.DistrictAggregateCode"/>) and one station its stored
/// rows (<c>on_demand: false</c>); any other station set is computed on demand from the stored hours, because its city
/// mean is not a stored figure (<c>on_demand: true</c>).
/// </summary>
public static class AssessmentApi
{
    /// <summary>Longest period one request may assess (days).</summary>
    public const int MaxDays = ApiValidation.MaxDays;

    /// <summary>Statistics of one indicator over the period.</summary>
    /// <param name="Indicator">Indicator key, e.g. <c>pm25_24h</c>.</param>
    /// <param name="Unit">μg/m³ (CO mg/m³).</param>
    /// <param name="ValidDays">Days with a valid daily value.</param>
    /// <param name="Mean">Mean of daily values (rounded as HJ 663 reports).</param>
    /// <param name="PercentileRank">Assessed percentile (98, 95 or 90).</param>
    /// <param name="Percentile">That percentile of the daily values.</param>
    /// <param name="ExceedanceDays">Days above the GB 3095 grade-II daily limit.</param>
    /// <param name="AnnualValid">Calendar-year validity (GB 3095 table 4), null for other periods.</param>
    public sealed record IndicatorDto(string Indicator, string Unit, int ValidDays, decimal? Mean, int PercentileRank, decimal? Percentile, int ExceedanceDays, bool? AnnualValid);

    /// <summary>The period summary.</summary>
    /// <param name="Site">Site code.</param>
    /// <param name="From">First natural day.</param>
    /// <param name="To">Last natural day assessed: the requested <c>to</c>, or today (Beijing) when the period reaches past
    /// today — days that have not begun are not assessed, so they never count as invalid days (<see cref="Freshness.ElapsedEnd"/>).</param>
    /// <param name="Days">Days in the period.</param>
    /// <param name="ValidAqiDays">Days with a valid AQI.</param>
    /// <param name="GoodDays">Days with AQI ≤ 100 (优良天数).</param>
    /// <param name="GoodDayRatioPercent">Good days / valid days, %.</param>
    /// <param name="DaysPerLevel">Valid days per AQI level 1…6.</param>
    /// <param name="PrimaryPollutantDays">Days per primary pollutant.</param>
    /// <param name="Statistics">Per-indicator statistics.</param>
    /// <param name="CompositeIndex">环境空气质量综合指数, null when not computable.</param>
    /// <param name="ExcludedHours">Validity reason: station-hours of the period left out because of their HJ 212 data flag
    /// (any flag but N, docs/standards-air.md §2.1), per factor code and flag, e.g. <c>{"a34004":{"D":5}}</c>; empty when none.</param>
    /// <param name="Reviewed">True when assessed from the reviewed series (数据审核, the default); false for <c>series=realtime</c>.</param>
    /// <param name="ReviewExcludedHours">Station-hours of the period with a value left out by a review mark (sum of the stored
    /// days' counts); 0 for the realtime series and for city means computed on demand.</param>
    public sealed record AssessmentDto(string Site, DateOnly From, DateOnly To, int Days, int ValidAqiDays, int GoodDays, decimal? GoodDayRatioPercent,
        IReadOnlyList<int> DaysPerLevel, IReadOnlyDictionary<string, int> PrimaryPollutantDays, IReadOnlyList<IndicatorDto> Statistics, decimal? CompositeIndex,
        IReadOnlyDictionary<string, Dictionary<string, int>> ExcludedHours, bool Reviewed = true, int ReviewExcludedHours = 0);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sites/{code}/assessment", AssessAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("aqi").WithName("SiteAssessment")
            .WithSummary("HJ 663 period assessment of an air site over natural days [from, to] from its stored daily AQI (admin); series=reviewed (default: review marks applied) or realtime.");
        app.MapGet("/api/assessment/city", AssessCityAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("aqi").WithName("CityAssessment")
            .WithSummary("HJ 663 period assessment of a set of air stations as one city (hourly mean of the stations, then as a station), e.g. sites=1420A,JB-A-GYQ,JB-A-GC (admin).");
        return app;
    }

    /// <summary>A city (station set) assessment.</summary>
    /// <param name="Sites">The station codes averaged.</param>
    /// <param name="Assessment">The summary; its <c>site</c> is the codes joined with commas.</param>
    /// <param name="OnDemand">True when computed now from the stored hours (a station set other than the district's: its
    /// city mean is not stored); false for one station or the district's set (stored daily AQI).</param>
    public sealed record CityAssessmentDto(IReadOnlyList<string> Sites, AssessmentDto Assessment, bool OnDemand = true);

    private static async Task<Results<Ok<CityAssessmentDto>, ProblemHttpResult, ValidationProblem>> AssessCityAsync(
        string? sites, DateOnly from, DateOnly to, SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, CancellationToken ct)
    {
        if (ApiValidation.DayPeriod(from, to) is { } invalid) return invalid;
        if (Elapsed(from, to, o) is not { } end) return NotBegun(from);
        to = end;
        var codes = (sites ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
            return ApiValidation.Invalid("sites", "name the stations: sites=CODE,CODE,…");
        var ids = new List<long>();
        foreach (var c in codes)
        {
            var site = await SitesApi.FindVisibleAsync(db, http, c, ct);
            if (site is null) return SitesApi.NoSite(c);
            if (ApiValidation.AirSite(site, "sites") is { } notAir) return notAir;
            ids.Add(site.Id);
        }
        var stored = ids.Count == 1 ? ids[0] : await DistrictSeriesAsync(db, ids, ct);
        var (a, excluded) = stored is { } id
            ? await StoredAir.AssessAsync(db, id, from, to, ct)
            : await new AirEvaluator(store).AssessCityAsync(ids, from, to, ct);
        return TypedResults.Ok(new CityAssessmentDto(codes, ToDto(string.Join(',', codes), a, excluded), stored is null));
    }

    /// <summary>The district pseudo-site when <paramref name="ids"/> is exactly the district's station set (its city mean
    /// is stored), else null.</summary>
    private static async Task<long?> DistrictSeriesAsync(SmartEnvDbContext db, List<long> ids, CancellationToken ct)
    {
        var district = await SmartEnvStore.DistrictStationIdsAsync(db, ct);
        return district.Count == ids.Count && district.ToHashSet().SetEquals(ids) ? await SmartEnvStore.DistrictSiteIdAsync(db, ct) : null;
    }

    private static DateOnly? Elapsed(DateOnly from, DateOnly to, SmartEnvWebOptions o) => Freshness.ElapsedEnd(from, to, o.Time.GetUtcNow());

    private static ValidationProblem NotBegun(DateOnly from) =>
        ApiValidation.Invalid("from", $"the period has not begun: from ({from:yyyy-MM-dd}) is after today (Beijing)");

    private static AssessmentDto ToDto(string site, AirAssessment a, IReadOnlyDictionary<string, Dictionary<string, int>> excluded) =>
        new(site, a.From, a.To, a.Days.Count, a.ValidAqiDays, a.GoodDays, a.GoodDayRatioPercent,
            a.DaysPerLevel, a.PrimaryPollutantDays.ToDictionary(k => k.Key.Key(), k => k.Value),
            a.Statistics.Select(s => new IndicatorDto(s.Indicator.Key(), s.Indicator.Unit(), s.ValidDays, s.Mean, s.PercentileRank, s.Percentile, s.ExceedanceDays, s.AnnualValid)).ToList(),
            a.Composite?.Value, excluded);

    private static async Task<Results<Ok<AssessmentDto>, ProblemHttpResult, ValidationProblem>> AssessAsync(
        string code, DateOnly from, DateOnly to, SmartEnvDbContext db, SmartEnvStore store, SmartEnvWebOptions o, HttpContext http, string? series, CancellationToken ct)
    {
        var badSeries = ReviewApi.Series(series, out var s);
        if ((ApiValidation.DayPeriod(from, to) ?? badSeries) is { } invalid) return invalid;
        if (Elapsed(from, to, o) is not { } end) return NotBegun(from);
        to = end;
        var site = await SitesApi.FindVisibleAsync(db, http, code, ct);
        if (site is null) return SitesApi.NoSite(code);
        if (ApiValidation.AirSite(site) is { } notAir) return notAir;
        var (a, excluded) = await StoredAir.AssessAsync(db, site.Id, from, to, ct, s);
        var reviewOut = s == DataSeries.Realtime ? 0
            : await StoredAir.Daily(db).Where(d => d.SiteId == site.Id && d.Date >= from && d.Date <= to).SumAsync(d => d.ReviewExcludedHours, ct);
        return TypedResults.Ok(ToDto(site.Code, a, excluded) with { Reviewed = s == DataSeries.Reviewed, ReviewExcludedHours = reviewOut });
    }
}
