namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// One container or package of hazardous waste (一物一码), table <c>hw_containers</c>: its unique 数字识别码
/// (<see cref="Identifier"/>, written by the one replaceable format named in <see cref="IdentifierFormat"/>; HJ 1276-2022,
/// layout [U], supervision.md §3.5), the HJ 1276 label fields, the catalogue version the code was checked against, the
/// quantity in tonnes (HJ 1259 §5.5: other units converted; the given value and unit kept), where it is stored and its
/// state (the stage of its last ledger entry). Quantities: tonnes, decimal(14,6). Times: UTC instants. Filtered by
/// <c>uscc</c> (the generator). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteContainer
{
    /// <summary>Column width of <see cref="Identifier"/> (the assumed HJ 1276 code is 37; room for another format).</summary>
    public const int IdentifierLength = 64;
    /// <summary>Column width of <see cref="IdentifierFormat"/>, <see cref="ListVersion"/>.</summary>
    public const int ShortLength = 32;
    /// <summary>Column width of <see cref="WasteCode"/>: <c>ddd-ddd-dd</c>.</summary>
    public const int WasteCodeLength = 10;
    /// <summary>Column width of <see cref="Category"/>: <c>HWnn</c>.</summary>
    public const int CategoryLength = 4;
    /// <summary>Column width of <see cref="Name"/>, <see cref="ContainerType"/>, <see cref="GenerationBatch"/>.</summary>
    public const int NameLength = 128;
    /// <summary>Column width of <see cref="Form"/>, <see cref="Hazard"/>, <see cref="UnitAsGiven"/>.</summary>
    public const int TinyLength = 16;
    /// <summary>Column width of the component and precaution texts.</summary>
    public const int TextLength = 512;
    /// <summary>Column width of <see cref="ManifestNumber"/>: 14 digits (《危险废物转移管理办法》 Art. 15).</summary>
    public const int ManifestNumberLength = 14;
    /// <summary>Column width of <see cref="CreatedBy"/>.</summary>
    public const int ByLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>数字识别码, unique.</summary>
    public required string Identifier { get; set; }

    /// <summary>Name of the identifier format that wrote <see cref="Identifier"/>, e.g. <c>assumed-hj1276-37</c>.</summary>
    public required string IdentifierFormat { get; set; }

    /// <summary>Generator's 统一社会信用代码 (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>Version of the 国家危险废物名录 the code was checked against, e.g. <c>2021</c>.</summary>
    public required string ListVersion { get; set; }

    /// <summary>废物代码, e.g. <c>900-041-49</c>.</summary>
    public required string WasteCode { get; set; }

    /// <summary>废物类别, e.g. <c>HW49</c>.</summary>
    public required string Category { get; set; }

    /// <summary>废物名称.</summary>
    public required string Name { get; set; }

    /// <summary>废物形态 (固态/半固态/液态/气态).</summary>
    public string? Form { get; set; }

    /// <summary>危险特性 as in the list, e.g. <c>T/In</c> or <c>T，I</c>.</summary>
    public string? Hazard { get; set; }

    /// <summary>主要成分.</summary>
    public string? MainComponents { get; set; }

    /// <summary>有害成分.</summary>
    public string? HarmfulComponents { get; set; }

    /// <summary>注意事项.</summary>
    public string? Precautions { get; set; }

    /// <summary>容器/包装类型 (e.g. 吨桶, 编织袋).</summary>
    public string? ContainerType { get; set; }

    /// <summary>Container volume in litres (decides the label size, HJ 1276); null when not given.</summary>
    public decimal? VolumeL { get; set; }

    /// <summary>产生时间 (UTC instant).</summary>
    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>产生批次编码; optional.</summary>
    public string? GenerationBatch { get; set; }

    /// <summary>Quantity in tonnes (decimal(14,6)).</summary>
    public decimal QuantityT { get; set; }

    /// <summary>The quantity as the enterprise gave it, in <see cref="UnitAsGiven"/>.</summary>
    public decimal QuantityAsGiven { get; set; }

    /// <summary>The unit as given (<c>t</c>, <c>kg</c>, <c>g</c>, <c>m3</c>, <c>L</c>).</summary>
    public required string UnitAsGiven { get; set; }

    /// <summary>产生设施编码; optional.</summary>
    public string? GeneratingFacilityCode { get; set; }

    /// <summary>FK → <c>hw_facilities.id</c>: the storage facility it is in (set on 入库), else null.</summary>
    public long? FacilityId { get; set; }

    /// <summary>The stage of its last ledger entry.</summary>
    public WasteLedgerStage State { get; set; }

    /// <summary>When it was put into storage (入库, UTC); the start of its storage age. Null while never stored.</summary>
    public DateTimeOffset? StoredAt { get; set; }

    /// <summary>When it left storage (出库/利用/委外, UTC); null while stored or never stored.</summary>
    public DateTimeOffset? LeftAt { get; set; }

    /// <summary>Number of the transfer manifest it leaves under (set by the manifest service); null otherwise.</summary>
    public string? ManifestNumber { get; set; }

    /// <summary>Who generated the record (user name).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When the record was written (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
