namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// One row of the hazardous-waste ledger (危险废物管理台账), table <c>hw_ledger_entries</c>, append-only (a mistake is
/// corrected by a new entry naming <see cref="CorrectsEntryId"/> with a <see cref="Reason"/>; nothing is updated or
/// deleted). Columns follow HJ 1259-2022 §6.3 per stage (supervision.md §3.2): batch code, time, container code/type/
/// count, name, category, code, quantity and unit, facility code and type, the departments' handlers, the linked batch
/// (产生/入库/出库批次编码), destination, method, receiver type/name/licence and the manifest number. Quantities in tonnes
/// (decimal(14,6)); the given value and unit kept. Retention ≥ 5 years (HJ 1259 §6.4). Filtered by <c>uscc</c>.
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteLedgerEntry
{
    /// <summary>Column width of the short text columns (batch codes, handlers, method, facility kind).</summary>
    public const int ShortLength = 64;
    /// <summary>Column width of names and destinations.</summary>
    public const int NameLength = 128;
    /// <summary>Column width of <see cref="Reason"/>.</summary>
    public const int ReasonLength = 512;

    /// <summary>Surrogate key (also the order of writing).</summary>
    public long Id { get; set; }

    /// <summary>The ledger's owner (统一社会信用代码).</summary>
    public required string Uscc { get; set; }

    /// <summary>产生, 入库, 出库, 自行利用/处置 or 委外.</summary>
    public WasteLedgerStage Stage { get; set; }

    /// <summary>This stage's 批次编码 (产生/入库/出库批次编码); optional.</summary>
    public string? BatchCode { get; set; }

    /// <summary>When it happened (UTC): 产生时间, 入库时间, 出库时间, 利用/处置时间, 出厂时间.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>FK → <c>hw_containers.id</c>; null for a batch entry not bound to one container.</summary>
    public long? ContainerId { get; set; }

    /// <summary>容器/包装编码 (the container's identifier) as written; null for a batch entry.</summary>
    public string? ContainerIdentifier { get; set; }

    /// <summary>容器/包装类型.</summary>
    public string? PackageType { get; set; }

    /// <summary>容器/包装数量 (1 for a container entry).</summary>
    public int PackageCount { get; set; } = 1;

    /// <summary>废物代码.</summary>
    public required string WasteCode { get; set; }

    /// <summary>废物类别.</summary>
    public required string Category { get; set; }

    /// <summary>废物名称.</summary>
    public required string Name { get; set; }

    /// <summary>Quantity in tonnes.</summary>
    public decimal QuantityT { get; set; }

    /// <summary>Quantity as given.</summary>
    public decimal QuantityAsGiven { get; set; }

    /// <summary>Unit as given (计量单位).</summary>
    public required string UnitAsGiven { get; set; }

    /// <summary>设施编码 (产生/贮存/利用/处置设施).</summary>
    public string? FacilityCode { get; set; }

    /// <summary>设施类型 (the facility kind's stored name).</summary>
    public string? FacilityKind { get; set; }

    /// <summary>This stage's department handler (产生/贮存/出库/利用部门经办人).</summary>
    public string? Handler { get; set; }

    /// <summary>The other handler of the stage (运送部门经办人).</summary>
    public string? HandlerTo { get; set; }

    /// <summary>去向 (产生, 出库).</summary>
    public string? Destination { get; set; }

    /// <summary>利用/处置方式 (HJ 1033 Appendix F code, e.g. <c>D10</c>, <c>R15</c>).</summary>
    public string? Method { get; set; }

    /// <summary>完毕时间 (自行利用/处置), UTC; optional.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>接收单位类型 (委外), e.g. <c>经营单位</c>.</summary>
    public string? ReceiverType { get; set; }

    /// <summary>Receiver's 统一社会信用代码 (委外).</summary>
    public string? ReceiverUscc { get; set; }

    /// <summary>Receiver's name (委外).</summary>
    public string? ReceiverName { get; set; }

    /// <summary>Receiver's 许可证编码 / 出口核准通知单编号 (委外).</summary>
    public string? ReceiverLicence { get; set; }

    /// <summary>Transfer manifest number (委外); null otherwise.</summary>
    public string? ManifestNumber { get; set; }

    /// <summary>The earlier stage's batch code (产生/入库/出库批次编码) this entry follows.</summary>
    public string? LinkedBatch { get; set; }

    /// <summary>The entry this one corrects; null for an ordinary entry.</summary>
    public long? CorrectsEntryId { get; set; }

    /// <summary>Reason of a correction; optional otherwise.</summary>
    public string? Reason { get; set; }

    /// <summary>名录 version of the code.</summary>
    public required string ListVersion { get; set; }

    /// <summary>Who recorded it (user name).</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
