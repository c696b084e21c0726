namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// One collection (收运) of medical waste from a medical institution's 暂存间 by a collector, table <c>mw_collections</c>
/// (issue 17 P6): the handovers it took point at it (<see cref="MedicalWasteHandover.CollectionId"/>). Only a collector with
/// the party role MedicalDisposal (医疗废物集中处置单位) counts for indicator #17; 《医疗废物管理条例》 Art. 25 [P†] asks for a
/// collection at least every 2 days (rule 12). Recorded by the institution (or staff) under the institution's USCC; an
/// optional medical manifest number (14 digits) links the 联单. Never deleted. Filtered by <see cref="Uscc"/>. Mutable EF
/// Core entity; not thread-safe.
/// </summary>
public sealed class MedicalWasteCollection
{
    /// <summary>Column width of <see cref="ManifestNumber"/>: 14 digits (《危险废物转移管理办法》 Art. 15).</summary>
    public const int ManifestNumberLength = 14;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>统一社会信用代码 of the medical institution (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>The 暂存间 collected from (FK → <c>hw_facilities.id</c>).</summary>
    public long FacilityId { get; set; }

    /// <summary>统一社会信用代码 of the collector (FK → <c>enterprises.uscc</c>; a registered waste party).</summary>
    public required string CollectorUscc { get; set; }

    /// <summary>When the waste left the 暂存间 (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Weight taken in kg as weighed at collection (decimal(12,3)); the sum of the handovers when not weighed.</summary>
    public decimal WeightKg { get; set; }

    /// <summary>Medical-waste manifest number, or null.</summary>
    public string? ManifestNumber { get; set; }

    /// <summary>Account that recorded the row.</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When the row was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
