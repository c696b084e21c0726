namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// A permitted concentration (许可排放浓度) and, where the permit sets one, annual quantity (许可排放量) of one pollutant
/// at one outlet of one permit version, table <c>permit_limits</c>, exactly as printed in the permit (the reference O₂ is
/// the permit's, not a rule file's — online-monitoring-rates.md §5.1). Filtered through its outlet. Mutable EF Core
/// entity; not thread-safe.
/// </summary>
public sealed class PermitLimit
{
    /// <summary>Column width of <see cref="Unit"/>.</summary>
    public const int UnitLength = 16;

    /// <summary>Column width of <see cref="StandardRef"/>.</summary>
    public const int StandardRefLength = 128;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>permit_outlets.id</c>.</summary>
    public long PermitOutletId { get; set; }

    /// <summary>HJ 212-2017 pollutant code, e.g. <c>a21026</c> (SO₂), <c>w01018</c> (COD); unique per outlet.</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Permitted concentration, in <see cref="Unit"/>.</summary>
    public decimal LimitValue { get; set; }

    /// <summary><c>mg/m³</c> (air) or <c>mg/L</c> (water).</summary>
    public required string Unit { get; set; }

    /// <summary>The standard the limit comes from, e.g. <c>GB 13271-2014 表2</c>; optional.</summary>
    public string? StandardRef { get; set; }

    /// <summary>Reference O₂ in % (基准氧含量) for flue gas, e.g. 9 for GB 13271 boilers; null for water or when none.</summary>
    public decimal? ReferenceO2 { get; set; }

    /// <summary>Annual permitted quantity in t/a; null when the permit sets none.</summary>
    public decimal? AnnualQuantityT { get; set; }
}
