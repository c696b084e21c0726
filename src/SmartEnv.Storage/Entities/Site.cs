using System.Text.RegularExpressions;

namespace SmartEnv.Storage.Entities;

/// <summary>
/// A monitoring site (OpenAQ "location"): an air station, a water section or automatic station, or a noise point.
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed partial class Site
{
    /// <summary>Column width of <see cref="Code"/> (characters); the store owns every width.</summary>
    public const int CodeLength = 64;

    /// <summary>The one rule for a site code, used by the API (<c>POST /api/sites</c>) and every import that creates a
    /// site: 1–64 characters of ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>, starting with a letter or digit. A code
    /// is a URL path segment (<c>/api/sites/{code}</c>), a file name part of exports and a spreadsheet cell: <c>/</c>,
    /// <c>%</c>, spaces, <c>..</c>, markup (<c>&lt;b&gt;</c>) or a leading <c>=</c> would make the site unreachable or the
    /// export unsafe (issue 14 item 8). SmartEnv rule; no standard names site codes (CNEMC codes are like <c>1420A</c>).</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex CodePattern();

    /// <summary>True when <paramref name="code"/> follows <see cref="CodePattern"/>.</summary>
    /// <param name="code">A proposed site code.</param>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>The rule in words, for messages.</summary>
    public const string CodeRule = "1–64 characters of letters A–Z/a–z, digits, '-', '_' or '.', starting with a letter or digit (it is a URL path segment)";

    /// <summary>Code of the district aggregate pseudo-site: the stored series of the district's HJ 663-2013 city mean
    /// (<c>hourly_aqi</c> / <c>daily_aqi</c> rows of this site). Kind air, not public, not <see cref="InDistrict"/>; never
    /// shown as a station (<see cref="IsDistrictAggregate"/>). Created by <see cref="SmartEnvStore.EnsureDistrictSiteAsync"/>.</summary>
    public const string DistrictAggregateCode = "district";

    /// <summary>True for the district aggregate pseudo-site (<see cref="DistrictAggregateCode"/>), which is a stored series,
    /// not a station.</summary>
    public bool IsDistrictAggregate => Code == DistrictAggregateCode;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Station or section code, unique, e.g. <c>1420A</c> (CNEMC national air station code) or a local code
    /// such as <c>JB-W-CUNTAN</c> where no official code is published.</summary>
    public required string Code { get; set; }

    /// <summary>Name in Chinese as the bureau writes it, e.g. <c>唐家沱</c>.</summary>
    public required string NameZh { get; set; }

    /// <summary>Name in English or pinyin, optional.</summary>
    public string? NameEn { get; set; }

    /// <summary>Air, water or noise.</summary>
    public SiteKind Kind { get; set; }

    /// <summary>Longitude in decimal degrees (east positive); null when unknown. The CRS is in <see cref="CoordinateSource"/>.</summary>
    public decimal? Longitude { get; set; }

    /// <summary>Latitude in decimal degrees (north positive); null when unknown.</summary>
    public decimal? Latitude { get; set; }

    /// <summary>True when the coordinates are not published for this site and were estimated (e.g. the locality it is
    /// named after); such points must not be shown as exact positions.</summary>
    public bool CoordinatesApproximate { get; set; }

    /// <summary>Where the coordinates come from (source and, if stated, the CRS).</summary>
    public string? CoordinateSource { get; set; }

    /// <summary>国控/市控/区控; null when not stated.</summary>
    public ControlLevel? ControlLevel { get; set; }

    /// <summary>Water only: GB 3838-2002 target class as a Roman numeral <c>I</c>…<c>V</c>; null for air and noise.</summary>
    public string? WaterTargetClass { get; set; }

    /// <summary>Noise only: GB 3096-2008 acoustic environment functional zone class (声环境功能区类别, §4) of the point:
    /// <c>0</c>, <c>1</c>, <c>2</c>, <c>3</c>, <c>4a</c> or <c>4b</c>; null when not stated (and for air and water).</summary>
    public string? NoiseZone { get; set; }

    /// <summary>River or water body (water sites), e.g. <c>长江</c>, <c>栋梁河</c>.</summary>
    public string? WaterBody { get; set; }

    /// <summary>False for sites hidden from the public API subset.</summary>
    public bool IsPublic { get; set; } = true;

    /// <summary>True for the district's own sites: the seeded registry and the sites the bureau registers
    /// (<c>POST /api/sites</c>). False for sites an import created for stations outside the district (only with the
    /// explicit <c>--all-sites</c> / <c>all_sites=true</c>; they are also non-public) and for simulated sites; such sites
    /// stay out of the district's views and figures, and a default import never stores values for them.</summary>
    public bool InDistrict { get; set; } = true;

    /// <summary>统一社会信用代码 of the enterprise that owns the site (<see cref="Enterprise"/>), or null for the bureau's own
    /// sites. An enterprise-owned site is a pollution-source monitoring point (污染源监测点): never public, seen only by staff
    /// and by that enterprise's users (<see cref="DataScope"/>).</summary>
    public string? EnterpriseUscc { get; set; }

    /// <summary>Free note (status such as "planned 2021", provenance of the entry).</summary>
    public string? Note { get; set; }

    /// <summary>Data loggers attached to this site.</summary>
    public List<Device> Devices { get; set; } = [];
}
