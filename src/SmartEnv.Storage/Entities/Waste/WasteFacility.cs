namespace SmartEnv.Storage.Entities.Waste;

/// <summary>Kind of a waste facility (HJ 1259-2022 §5.4 facility types; a medical institution's 暂存间 per 医疗废物管理条例):
/// stored as <c>storage</c> | <c>production</c> | <c>utilisation</c> | <c>disposal</c> | <c>medical_temporary</c>.</summary>
public enum WasteFacilityKind
{
    /// <summary>贮存设施 (storage).</summary>
    Storage,
    /// <summary>产生设施 (the production unit where waste is generated).</summary>
    Production,
    /// <summary>利用设施 (own utilisation).</summary>
    Utilisation,
    /// <summary>处置设施 (own disposal).</summary>
    Disposal,
    /// <summary>医疗废物暂存间 (a medical institution's temporary store, ≤ 48 h).</summary>
    MedicalTemporary,
}

/// <summary>
/// A waste facility of an enterprise, table <c>hw_facilities</c>: its code (as in the permit, else assigned per HJ 608,
/// HJ 1259 §5.4.2; e.g. <c>TS001</c>), kind, name, optional capacity in tonnes, and the <see cref="Site"/> of kind
/// <see cref="SiteKind.WasteFacility"/> (code <c>{uscc}-{code}</c>, owned by the enterprise, never public) that carries
/// its alerts. Unique per (uscc, code). Created by <c>LedgerService.EnsureFacilityAsync</c>. Filtered by <c>uscc</c>.
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteFacility
{
    /// <summary>Column width of <see cref="Code"/>.</summary>
    public const int CodeLength = 32;

    /// <summary>Column width of <see cref="Name"/>.</summary>
    public const int NameLength = 128;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Owner's 统一社会信用代码 (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>设施编码, e.g. <c>TS001</c>; letters, digits, <c>-</c>, <c>_</c>, <c>.</c> (it is part of a site code).</summary>
    public required string Code { get; set; }

    /// <summary>Storage, production, utilisation, disposal or medical temporary store.</summary>
    public WasteFacilityKind Kind { get; set; }

    /// <summary>Name as the enterprise writes it, e.g. <c>1#危废贮存库</c>.</summary>
    public required string Name { get; set; }

    /// <summary>FK → <c>sites.id</c>: the facility's site (kind waste_facility).</summary>
    public long SiteId { get; set; }

    /// <summary>Design capacity in tonnes; null when not given.</summary>
    public decimal? CapacityT { get; set; }

    /// <summary>When it was registered (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
