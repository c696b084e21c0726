using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartEnv.Standards.Air;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Apis;

/// <summary>
/// The checks every endpoint applies the same way, each answering an RFC 9457 problem (<c>application/problem+json</c>)
/// that names the query parameter or body field: date periods (inclusive natural days), instant ranges ([from, to)),
/// page sizes, AQI regimes, the air-site requirement, site codes; plus 404/409 problems with a <c>detail</c> text
/// instead of a bare JSON string. Binding failures before an endpoint runs are mapped by <see cref="BadRequestProblemHandler"/>.
/// </summary>
public static partial class ApiValidation
{
    /// <summary>Longest period one request may cover: 3,660 days (10 years), for day periods and instant ranges alike.</summary>
    public const int MaxDays = 3660;

    /// <summary>Allowed site codes: 1–64 characters of ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>, starting with a letter or digit
    /// (a code is a URL path segment: <c>/</c>, <c>%</c>, spaces or <c>..</c> would make the site unreachable). The one
    /// rule is <see cref="Site.CodePattern"/>, which the imports apply too.</summary>
    public static Regex SiteCodePattern() => Site.CodePattern();

    /// <summary>A 400 validation problem with one field and one message.</summary>
    /// <param name="field">Query parameter or JSON field (snake_case) the message is about.</param>
    /// <param name="message">What is wrong and what form is expected.</param>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    /// <summary>A 404 problem whose <c>detail</c> says what was not found.</summary>
    /// <param name="detail">E.g. <c>no site 'X'</c>.</param>
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>A 409 problem whose <c>detail</c> gives the conflict and the way out.</summary>
    /// <param name="detail">E.g. <c>site X exists</c>.</param>
    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>Checks an inclusive period of natural days: <paramref name="to"/> on or after <paramref name="from"/>, at most
    /// <see cref="MaxDays"/> days. Null when valid, else a 400 naming <c>to</c>.</summary>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    public static ValidationProblem? DayPeriod(DateOnly from, DateOnly to) =>
        to < from ? Invalid("to", $"to ({to:yyyy-MM-dd}) must be on or after from ({from:yyyy-MM-dd})")
        : to.DayNumber - from.DayNumber >= MaxDays ? Invalid("to", $"the period from…to is at most {MaxDays} days")
        : null;

    /// <summary>Checks a half-open instant range [from, to): when both are given, <paramref name="to"/> after
    /// <paramref name="from"/> and at most <see cref="MaxDays"/> days apart. Null when valid, else a 400 naming <c>to</c>.</summary>
    /// <param name="from">Start (inclusive), optional.</param>
    /// <param name="to">End (exclusive), optional.</param>
    public static ValidationProblem? InstantRange(DateTimeOffset? from, DateTimeOffset? to) =>
        from is not { } f || to is not { } t ? null
        : t <= f ? Invalid("to", $"to ({t:O}) must be after from ({f:O}); the range is [from, to)")
        : t - f > TimeSpan.FromDays(MaxDays) ? Invalid("to", $"the range from…to is at most {MaxDays} days")
        : null;

    /// <summary>Checks a page size: absent means <paramref name="fallback"/>; otherwise 1…<paramref name="max"/>.</summary>
    /// <param name="limit">Requested size.</param>
    /// <param name="fallback">Default size.</param>
    /// <param name="max">Largest size.</param>
    /// <param name="take">The size to use when valid.</param>
    /// <returns>Null when valid, else a 400 naming <c>limit</c>.</returns>
    public static ValidationProblem? Limit(int? limit, int fallback, int max, out int take)
    {
        take = limit ?? fallback;
        return take is < 1 || take > max ? Invalid("limit", $"limit must be an integer 1–{max} (got {take})") : null;
    }

    /// <summary>Checks an optional AQI regime id against <see cref="AqiRegime.All"/>. Null when absent or known, else a 400
    /// naming <c>regime</c> and listing the regimes.</summary>
    /// <param name="regime">Regime id, e.g. <c>HJ633-2012</c>.</param>
    public static ValidationProblem? Regime(string? regime) =>
        regime is null || AqiRegime.All.Any(r => r.Id == regime) ? null
        : Invalid("regime", $"unknown regime '{regime}': use one of {string.Join(", ", AqiRegime.All.Select(r => r.Id))}");

    /// <summary>Checks that a site is an air site (AQI and HJ 663 assessment exist only for air). Null when it is,
    /// else a 400 naming <c>code</c>; the same answer as <c>POST /api/sites/{code}/aqi/recompute</c>.</summary>
    /// <param name="site">The site.</param>
    /// <param name="field">The parameter that named it (<c>code</c> in the path, <c>sites</c> for the city assessment).</param>
    public static ValidationProblem? AirSite(Site site, string field = "code")
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Kind == SiteKind.Air ? null
            : Invalid(field, $"site {site.Code} is not an air site (it is a {site.Kind.ToString().ToLowerInvariant()} site)");
    }
}
