using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Sources.Registry;

/// <summary>
/// What a new permit version says (<see cref="RegistryService.AddVersionAsync"/>). For the first version of a permit every
/// required field must be given; for a later one a null field (and null <see cref="Outlets"/>) is copied from the current
/// version, so a change names only what changes (e.g. only <see cref="RenewalFiledOn"/> and <see cref="ChangeReason"/>
/// to record a filed renewal). Immutable; thread-safe.
/// </summary>
/// <param name="Category">Management category (重点/简化/登记); required for version 1.</param>
/// <param name="IssuedOn">发证日期; required for version 1.</param>
/// <param name="ValidFrom">First day of validity; required for version 1.</param>
/// <param name="ValidTo">Last day of validity (inclusive), not before <paramref name="ValidFrom"/>; required for version 1.</param>
/// <param name="RenewalFiledOn">Day the renewal application was filed, or null (copied from the current version when null).</param>
/// <param name="ReportAnnual">Annual execution report required (default true for version 1).</param>
/// <param name="ReportSemiannual">Semiannual reports required (default false).</param>
/// <param name="ReportQuarterly">Quarterly reports required (default false).</param>
/// <param name="ReportMonthly">Monthly reports required (default false).</param>
/// <param name="ChangeReason">Why (首次申请, 变更: …, 延续); at most 512 characters.</param>
/// <param name="Outlets">The outlets with their limits, replacing the current version's list; null = copy it.</param>
public sealed record PermitVersionInput(
    PermitCategory? Category = null, DateOnly? IssuedOn = null, DateOnly? ValidFrom = null, DateOnly? ValidTo = null,
    DateOnly? RenewalFiledOn = null, bool? ReportAnnual = null, bool? ReportSemiannual = null, bool? ReportQuarterly = null,
    bool? ReportMonthly = null, string? ChangeReason = null, IReadOnlyList<OutletInput>? Outlets = null);

/// <summary>One outlet of a permit version. Immutable; thread-safe.</summary>
/// <param name="Code"><c>DA###</c> (air) or <c>DW###</c> (water), HJ 608-2017; the medium follows from it.</param>
/// <param name="Type">主要 / 一般 / 其他.</param>
/// <param name="Name">Name as printed, at most 128 characters; optional.</param>
/// <param name="Longitude">Decimal degrees, −180…180; optional.</param>
/// <param name="Latitude">Decimal degrees, −90…90; optional.</param>
/// <param name="ExpectedIntervalMinutes">Expected upload interval, 1–1440 minutes; null = 60.</param>
/// <param name="Limits">Permitted limits, one per pollutant.</param>
public sealed record OutletInput(string Code, OutletTypeKind Type, string? Name, decimal? Longitude, decimal? Latitude,
    int? ExpectedIntervalMinutes, IReadOnlyList<LimitInput> Limits);

/// <summary>One permitted limit. Immutable; thread-safe.</summary>
/// <param name="ParameterCode">HJ 212-2017 pollutant code, e.g. <c>a21026</c>; letters and digits, 1–32.</param>
/// <param name="LimitValue">Permitted concentration, &gt; 0, in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>mg/m³</c> for an air outlet, <c>mg/L</c> for a water outlet.</param>
/// <param name="StandardRef">The standard it comes from, at most 128 characters; optional.</param>
/// <param name="ReferenceO2">Reference O₂ in %, 0 ≤ x &lt; 21, air outlets only; optional.</param>
/// <param name="AnnualQuantityT">Annual permitted quantity in t/a, ≥ 0; optional.</param>
public sealed record LimitInput(string ParameterCode, decimal LimitValue, string Unit, string? StandardRef, decimal? ReferenceO2, decimal? AnnualQuantityT);

/// <summary>
/// A permitted limit in force for an outlet site on a day (plan §3.2; consumed by the Compliance job): from the highest
/// permit version whose validity covers the day. Immutable; thread-safe.
/// </summary>
/// <param name="PermitVersionId">The version it comes from (stored with each judged hour).</param>
/// <param name="ParameterCode">HJ 212 pollutant code.</param>
/// <param name="Limit">Permitted concentration in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>mg/m³</c> or <c>mg/L</c>.</param>
/// <param name="ReferenceO2">Reference O₂ in % when the limit is on a reference oxygen content, else null.</param>
/// <param name="AnnualQuantityT">Annual permitted quantity in t/a, or null.</param>
/// <param name="ExpectedIntervalMinutes">The outlet's expected upload interval (传输率 denominator).</param>
public sealed record LimitInForce(long PermitVersionId, string ParameterCode, decimal Limit, string Unit, decimal? ReferenceO2, decimal? AnnualQuantityT, int ExpectedIntervalMinutes);

/// <summary>
/// A registry change refused because its input is invalid (<see cref="Errors"/>: field → messages, fields named as in the
/// API body, e.g. <c>outlets[0].limits[1].unit</c>) or because it conflicts with stored rows (<see cref="Conflict"/>).
/// Nothing was stored.
/// </summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Field → messages.</param>
    /// <param name="conflict">True when the input is well-formed but clashes with what is stored (HTTP 409).</param>
    public RegistryException(IReadOnlyDictionary<string, string[]> errors, bool conflict = false)
        : base(string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))) => (Errors, Conflict) = (errors, conflict);

    /// <summary>Field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>True for a clash with stored rows rather than bad input.</summary>
    public bool Conflict { get; }
}
