namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// Roles an enterprise plays in hazardous- and medical-waste management (plan §1 "Parties are enterprises"), stored as
/// the int flags of <c>hw_parties.roles</c>: Generator 1 (移出人: 产生/收集单位), Carrier 2 (承运人), Receiver 4 (接受人, a
/// 危险废物经营单位 with a 经营许可证), MedicalInstitution 8 (医疗卫生机构), MedicalDisposal 16 (医疗废物集中处置单位).
/// Source: 《危险废物转移管理办法》 (2021) Art. 31 (roles), supervision.md §3.4 and §4.
/// </summary>
[Flags]
public enum WastePartyRoles
{
    /// <summary>No waste role recorded.</summary>
    None = 0,
    /// <summary>产生/收集单位 — the 移出人 of a manifest.</summary>
    Generator = 1,
    /// <summary>承运人 (carrier; holds a road transport licence for dangerous goods).</summary>
    Carrier = 2,
    /// <summary>接受人 — a 危险废物经营单位 (utilisation/disposal) holding a 危险废物经营许可证.</summary>
    Receiver = 4,
    /// <summary>医疗卫生机构 generating medical waste (暂存间).</summary>
    MedicalInstitution = 8,
    /// <summary>医疗废物集中处置单位 (central medical-waste disposal unit); its collections count for indicator #17.</summary>
    MedicalDisposal = 16,
}

/// <summary>
/// An enterprise's waste profile, table <c>hw_parties</c>: one row per enterprise (PK and FK = <c>enterprises.uscc</c>)
/// holding its role flags, licences, the 6-digit GB/T 2260 division code of its place (the province + city digits of a
/// manifest number, 《危险废物转移管理办法》 Art. 15) and whether it is a 经营单位 (固废法 Art. 81: the one-year storage
/// limit is legal for it, a warning for others; supervision.md §3.3). Written by the bureau only
/// (<c>LedgerService.UpsertPartyAsync</c>, audited). Filtered by the context's <c>DataScope</c> (<c>uscc</c>).
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteParty
{
    /// <summary>Column width of <see cref="HwLicenceNumber"/> and <see cref="TransportLicence"/>.</summary>
    public const int LicenceLength = 64;

    /// <summary>Column width of <see cref="DivisionCode"/>: 6 digits of GB/T 2260.</summary>
    public const int DivisionCodeLength = 6;

    /// <summary>Default <see cref="DivisionCode"/>: 500105 (重庆市江北区), the district SmartEnv serves.</summary>
    public const string DefaultDivisionCode = "500105";

    /// <summary>统一社会信用代码 (PK, FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>Its roles (flags).</summary>
    public WastePartyRoles Roles { get; set; }

    /// <summary>危险废物经营许可证 number (receivers); null when it holds none.</summary>
    public string? HwLicenceNumber { get; set; }

    /// <summary>道路运输经营许可证 number (carriers); null when none.</summary>
    public string? TransportLicence { get; set; }

    /// <summary>GB/T 2260 six-digit administrative division code of its place, default <see cref="DefaultDivisionCode"/>.</summary>
    public string DivisionCode { get; set; } = DefaultDivisionCode;

    /// <summary>True for a 危险废物经营单位 (固废法 Art. 81: storage over one year is a legal breach for it).</summary>
    public bool IsBusinessUnit { get; set; }

    /// <summary>When the profile was last written (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
