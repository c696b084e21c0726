namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// A discharge outlet (排放口) as listed by one permit version, table <c>permit_outlets</c>. Its monitoring data live on
/// a stable <see cref="Site"/> (<see cref="SiteId"/>) of kind <see cref="SiteKind.Source"/>, owned by the enterprise,
/// not public, with code <c>{permit number}-{outlet code}</c> (e.g. <c>91500105MA5U0A1661001P-DA001</c>), shared by
/// every version that lists the outlet. Filtered through its version's permit. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class PermitOutlet
{
    /// <summary>Column width of <see cref="Code"/>: <c>DA###</c> / <c>DW###</c> (HJ 608-2017).</summary>
    public const int CodeLength = 5;

    /// <summary>Column width of <see cref="Name"/> (characters).</summary>
    public const int NameLength = 128;

    /// <summary>Default of <see cref="ExpectedIntervalMinutes"/>: one hourly (2061) upload per hour.</summary>
    public const int DefaultExpectedIntervalMinutes = 60;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>permit_versions.id</c>.</summary>
    public long PermitVersionId { get; set; }

    /// <summary>排放口编号, <c>DA001</c> … / <c>DW001</c> …; unique per version.</summary>
    public required string Code { get; set; }

    /// <summary>Air (DA) or water (DW).</summary>
    public OutletMediumKind Medium { get; set; }

    /// <summary>主要 / 一般 / 其他.</summary>
    public OutletTypeKind Type { get; set; }

    /// <summary>Name as in the permit, e.g. <c>1#锅炉排气筒</c>; optional.</summary>
    public string? Name { get; set; }

    /// <summary>Longitude (decimal degrees, east positive); null when not given.</summary>
    public decimal? Longitude { get; set; }

    /// <summary>Latitude (decimal degrees, north positive); null when not given.</summary>
    public decimal? Latitude { get; set; }

    /// <summary>FK → <c>sites.id</c>: the outlet's monitoring site.</summary>
    public long SiteId { get; set; }

    /// <summary>Expected upload interval in minutes (denominator of 传输率; configurable per outlet because the official
    /// denominator is not confirmed, online-monitoring-rates.md §2.2); default 60.</summary>
    public int ExpectedIntervalMinutes { get; set; } = DefaultExpectedIntervalMinutes;

    /// <summary>Its permitted limits per pollutant.</summary>
    public List<PermitLimit> Limits { get; set; } = new();
}
