using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Sources.Registry;

/// <summary>A permit version as the API, the CLI and the audit trail show it. Immutable; thread-safe.</summary>
/// <param name="Number">Permit number.</param>
/// <param name="Kind"><c>permit</c> | <c>registration</c>.</param>
/// <param name="Version">Version number (1, 2, …).</param>
/// <param name="Category"><c>key</c> | <c>simplified</c> | <c>registration</c>.</param>
/// <param name="IssuedOn">发证日期.</param>
/// <param name="ValidFrom">有效期起.</param>
/// <param name="ValidTo">有效期至 (inclusive).</param>
/// <param name="RenewalFiledOn">Day the renewal was filed, or null.</param>
/// <param name="ReportAnnual">Annual execution report required.</param>
/// <param name="ReportSemiannual">Semiannual reports required.</param>
/// <param name="ReportQuarterly">Quarterly reports required.</param>
/// <param name="ReportMonthly">Monthly reports required.</param>
/// <param name="ChangeReason">Why this version exists.</param>
/// <param name="CreatedBy">Who recorded it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="Outlets">Outlets with limits.</param>
public sealed record PermitVersionView(string Number, string Kind, int Version, string Category, DateOnly IssuedOn, DateOnly ValidFrom,
    DateOnly ValidTo, DateOnly? RenewalFiledOn, bool ReportAnnual, bool ReportSemiannual, bool ReportQuarterly, bool ReportMonthly,
    string? ChangeReason, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<OutletView> Outlets)
{
    /// <summary>Builds the view of a loaded version (outlets and limits included).</summary>
    /// <param name="p">The permit.</param>
    /// <param name="v">The version, with <see cref="PermitVersion.Outlets"/> and their limits loaded.</param>
    /// <param name="siteCodes">Site id → site code of the outlets.</param>
    public static PermitVersionView Of(Permit p, PermitVersion v, IReadOnlyDictionary<long, string> siteCodes) => new(
        p.Number, Key(p.Kind), v.Version, Key(v.Category), v.IssuedOn, v.ValidFrom, v.ValidTo, v.RenewalFiledOn,
        v.ReportAnnual, v.ReportSemiannual, v.ReportQuarterly, v.ReportMonthly, v.ChangeReason, v.CreatedBy, v.CreatedAt,
        v.Outlets.OrderBy(o => o.Code, StringComparer.Ordinal).Select(o => new OutletView(o.Code, Key(o.Medium), Key(o.Type), o.Name,
            o.Longitude, o.Latitude, siteCodes.GetValueOrDefault(o.SiteId, ""), o.ExpectedIntervalMinutes,
            o.Limits.OrderBy(l => l.ParameterCode, StringComparer.Ordinal).Select(l => new LimitView(l.ParameterCode, l.LimitValue, l.Unit, l.StandardRef, l.ReferenceO2, l.AnnualQuantityT)).ToList())).ToList());

    /// <summary>The stored text of an enum value (snake_case), e.g. <c>key</c>, <c>main</c>.</summary>
    /// <typeparam name="T">Enum type.</typeparam>
    /// <param name="value">Value.</param>
    public static string Key<T>(T value) where T : struct, Enum => Storage.SnakeCaseEnumConverter<T>.ToSnake(value.ToString());
}

/// <summary>An outlet of a permit version. Immutable; thread-safe.</summary>
/// <param name="Code"><c>DA###</c> / <c>DW###</c>.</param>
/// <param name="Medium"><c>air</c> | <c>water</c>.</param>
/// <param name="Type"><c>main</c> | <c>general</c> | <c>other</c>.</param>
/// <param name="Name">Name, or null.</param>
/// <param name="Longitude">Degrees, or null.</param>
/// <param name="Latitude">Degrees, or null.</param>
/// <param name="SiteCode">Code of its monitoring site, <c>{number}-{code}</c>.</param>
/// <param name="ExpectedIntervalMinutes">Expected upload interval (minutes).</param>
/// <param name="Limits">Its limits.</param>
public sealed record OutletView(string Code, string Medium, string Type, string? Name, decimal? Longitude, decimal? Latitude,
    string SiteCode, int ExpectedIntervalMinutes, IReadOnlyList<LimitView> Limits);

/// <summary>A permitted limit. Immutable; thread-safe.</summary>
/// <param name="ParameterCode">HJ 212 code.</param>
/// <param name="LimitValue">Concentration in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>mg/m³</c> | <c>mg/L</c>.</param>
/// <param name="StandardRef">Source standard, or null.</param>
/// <param name="ReferenceO2">Reference O₂ %, or null.</param>
/// <param name="AnnualQuantityT">t/a, or null.</param>
public sealed record LimitView(string ParameterCode, decimal LimitValue, string Unit, string? StandardRef, decimal? ReferenceO2, decimal? AnnualQuantityT);
