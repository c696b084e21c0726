using SmartEnv.Storage.Entities.Waste;

namespace SmartEnv.Waste.Ledger;

/// <summary>A party profile to write (<see cref="LedgerService.UpsertPartyAsync"/>, bureau staff only).</summary>
/// <param name="Roles">Role flags (at least one).</param>
/// <param name="HwLicenceNumber">危险废物经营许可证 number; required with <see cref="WastePartyRoles.Receiver"/> or
/// <see cref="WastePartyRoles.MedicalDisposal"/> (《危险废物转移管理办法》 Art. 12: the 接受人 holds a licence).</param>
/// <param name="TransportLicence">道路运输经营许可证 number; required with <see cref="WastePartyRoles.Carrier"/> (Art. 11).</param>
/// <param name="DivisionCode">GB/T 2260 six digits; null = 500105.</param>
/// <param name="IsBusinessUnit">True for a 危险废物经营单位 (固废法 Art. 81).</param>
public sealed record PartyInput(WastePartyRoles Roles, string? HwLicenceNumber, string? TransportLicence, string? DivisionCode, bool IsBusinessUnit);

/// <summary>A facility to register (<see cref="LedgerService.EnsureFacilityAsync"/>).</summary>
/// <param name="Code">设施编码 (HJ 1259 §5.4.2: as in the permit, else per HJ 608), 1–32 of letters, digits, <c>-</c>, <c>_</c>.</param>
/// <param name="Kind">Storage, production, utilisation, disposal or medical temporary store.</param>
/// <param name="Name">Name, 1–128 characters.</param>
/// <param name="CapacityT">Design capacity in tonnes (&gt; 0) or null.</param>
public sealed record FacilityInput(string Code, WasteFacilityKind Kind, string Name, decimal? CapacityT = null);

/// <summary>One container or package generated (产生, HJ 1259-2022 §6.3; label fields of HJ 1276-2022).</summary>
/// <param name="WasteCode">废物代码 <c>ddd-ddd-dd</c>, checked against the list edition in force on the generation date
/// (or <paramref name="ListVersion"/>).</param>
/// <param name="Name">废物名称 (1–128).</param>
/// <param name="Quantity">产生量 as given (&gt; 0).</param>
/// <param name="Unit">计量单位: t, kg, g, m3, L (吨, 千克, 克, 立方米, 升).</param>
/// <param name="GeneratedAt">产生时间 (an instant; not after now).</param>
/// <param name="DensityTPerM3">Density in t/m³ for a volume unit.</param>
/// <param name="Form">废物形态 (固态/半固态/液态/气态).</param>
/// <param name="Hazard">危险特性; null = as listed for the code.</param>
/// <param name="MainComponents">主要成分.</param>
/// <param name="HarmfulComponents">有害成分.</param>
/// <param name="Precautions">注意事项.</param>
/// <param name="ContainerType">容器/包装类型.</param>
/// <param name="VolumeL">Container volume in litres (decides the label size).</param>
/// <param name="GenerationBatch">产生批次编码.</param>
/// <param name="GeneratingFacilityCode">产生设施编码 (free text; need not be registered).</param>
/// <param name="Handler">产生部门经办人.</param>
/// <param name="Destination">去向 (e.g. 贮存).</param>
/// <param name="ListVersion">名录 version to code under; null = the edition in force on the generation date.</param>
public sealed record GenerateInput(string WasteCode, string Name, decimal Quantity, string Unit, DateTimeOffset GeneratedAt,
    decimal? DensityTPerM3 = null, string? Form = null, string? Hazard = null, string? MainComponents = null, string? HarmfulComponents = null,
    string? Precautions = null, string? ContainerType = null, decimal? VolumeL = null, string? GenerationBatch = null,
    string? GeneratingFacilityCode = null, string? Handler = null, string? Destination = null, string? ListVersion = null);

/// <summary>A later ledger stage of one container (入库, 出库, 自行利用/处置, 委外; HJ 1259-2022 §6.3). Which fields are
/// required depends on the stage (see <see cref="LedgerService.RecordAsync"/>).</summary>
/// <param name="At">When (入库/出库/利用处置/出厂时间); not before the container's last entry, not after now.</param>
/// <param name="BatchCode">This stage's 批次编码.</param>
/// <param name="FacilityCode">入库: the storage facility (required); 自行利用/处置: the facility used (optional, checked).</param>
/// <param name="Handler">This stage's department handler (贮存/出库/利用部门经办人).</param>
/// <param name="HandlerTo">运送部门经办人.</param>
/// <param name="LinkedBatch">The earlier stage's batch code; null = the last batch code of the container.</param>
/// <param name="Destination">去向 (出库).</param>
/// <param name="Method">利用/处置方式 (HJ 1033 Appendix F code); required for 自行利用/处置.</param>
/// <param name="CompletedAt">完毕时间 (自行利用/处置).</param>
/// <param name="ReceiverUscc">委外: receiver's code (a registered party fills name and licence).</param>
/// <param name="ReceiverName">委外: receiver's name (required when the receiver is not registered).</param>
/// <param name="ReceiverLicence">委外: 许可证编码 / 出口核准通知单编号 (required when the receiver is not registered).</param>
/// <param name="ReceiverType">委外: 接收单位类型 (default 经营单位).</param>
/// <param name="ManifestNumber">委外: the transfer manifest (14 digits) when known.</param>
/// <param name="Reason">Free remark.</param>
public sealed record StageInput(DateTimeOffset At, string? BatchCode = null, string? FacilityCode = null, string? Handler = null,
    string? HandlerTo = null, string? LinkedBatch = null, string? Destination = null, string? Method = null, DateTimeOffset? CompletedAt = null,
    string? ReceiverUscc = null, string? ReceiverName = null, string? ReceiverLicence = null, string? ReceiverType = null,
    string? ManifestNumber = null, string? Reason = null);

/// <summary>Filters of <see cref="LedgerService.ContainersAsync"/>; all optional.</summary>
/// <param name="Q">Matches identifier, waste code or name (contains).</param>
/// <param name="WasteCode">Exact waste code.</param>
/// <param name="State">Current state.</param>
/// <param name="FacilityCode">Currently stored in this facility.</param>
/// <param name="Limit">At most this many (1–1000, default 200), newest generated first.</param>
public sealed record ContainerQuery(string? Q = null, string? WasteCode = null, WasteLedgerStage? State = null, string? FacilityCode = null, int Limit = 200);

/// <summary>Stock of one facility at the end of a Beijing day.</summary>
/// <param name="Uscc">Owner.</param>
/// <param name="FacilityId">Facility id.</param>
/// <param name="FacilityCode">Facility code.</param>
/// <param name="FacilityName">Facility name.</param>
/// <param name="SiteId">The facility's site.</param>
/// <param name="Containers">Containers in it.</param>
/// <param name="Tonnes">Their quantity, t (exact sum).</param>
/// <param name="ByCode">Per waste code.</param>
public sealed record StockLine(string Uscc, long FacilityId, string FacilityCode, string FacilityName, long SiteId, int Containers, decimal Tonnes,
    IReadOnlyList<StockByCode> ByCode);

/// <summary>Stock of one waste code in a facility.</summary>
/// <param name="WasteCode">Code.</param>
/// <param name="Category">Category.</param>
/// <param name="Containers">Containers.</param>
/// <param name="Tonnes">t.</param>
public sealed record StockByCode(string WasteCode, string Category, int Containers, decimal Tonnes);

/// <summary>Storage age of a container in storage now (supervision.md §3.3).</summary>
/// <param name="ContainerId">Container id.</param>
/// <param name="Identifier">数字识别码.</param>
/// <param name="Uscc">Owner.</param>
/// <param name="FacilityId">The storage facility it is in.</param>
/// <param name="SiteId">That facility's site (alerts are keyed to it).</param>
/// <param name="StoredAt">First 入库 instant.</param>
/// <param name="Days">Whole Beijing days (<c>StorageAge.Days</c>).</param>
/// <param name="IsBusinessUnit">The owner is a 经营单位 (legal limit) or not (warning).</param>
/// <param name="State">Ok, warning or over the legal limit.</param>
/// <param name="QuantityT">Its quantity, t.</param>
public sealed record ContainerAge(long ContainerId, string Identifier, string Uscc, long FacilityId, long SiteId, DateTimeOffset StoredAt, int Days,
    bool IsBusinessUnit, SmartEnv.Supervision.Waste.Ledger.StorageAgeState State, decimal QuantityT);

/// <summary>Invalid ledger input (nothing stored) or a clash with stored rows (<see cref="Conflict"/>, HTTP 409).</summary>
public sealed class LedgerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Field → messages.</param>
    /// <param name="conflict">True for a clash with what is stored.</param>
    public LedgerException(IReadOnlyDictionary<string, string[]> errors, bool conflict = false)
        : base(string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))) => (Errors, Conflict) = (errors, conflict);

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="field">Field name.</param>
    /// <param name="message">Message.</param>
    /// <param name="conflict">True for a clash with what is stored.</param>
    public LedgerException(string field, string message, bool conflict = false)
        : this(new Dictionary<string, string[]> { [field] = [message] }, conflict) { }

    /// <summary>Field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>True for a clash with stored rows rather than bad input.</summary>
    public bool Conflict { get; }
}
