namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// One medical-waste handover (交接) into a medical institution's 暂存间, table <c>mw_handovers</c> (issue 17 P6):
/// 《医疗废物管理条例》 Art. 12 [P†] — source (department), kind (category and list code), weight, packages, handover time,
/// who handed over and who received, kept ≥ 3 years. The handover time is both the generation time (indicator #17 counts it
/// in the Beijing year of <see cref="At"/>) and the start of storage (rule 11, 48 h). A collection that takes it sets
/// <see cref="CollectionId"/>; a row is never deleted (no delete route). Filtered by the context's <see cref="DataScope"/>
/// (<see cref="Uscc"/>). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class MedicalWasteHandover
{
    /// <summary>Column width of <see cref="Category"/>: the snake_case key (<c>pharmaceutical</c>).</summary>
    public const int CategoryLength = 16;

    /// <summary>Column width of <see cref="WasteCode"/>: <c>xxx-xxx-xx</c>.</summary>
    public const int WasteCodeLength = 10;

    /// <summary>Column width of <see cref="Department"/>, <see cref="HandedBy"/>, <see cref="ReceivedBy"/>, <see cref="RecordedBy"/>.</summary>
    public const int NameLength = 64;

    /// <summary>Stored texts of <see cref="Category"/> (<c>MedicalWasteCategory</c> keys).</summary>
    public static readonly IReadOnlyList<string> Categories = ["infectious", "sharps", "pathological", "pharmaceutical", "chemical"];

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>统一社会信用代码 of the medical institution (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>The 暂存间 (FK → <c>hw_facilities.id</c>, kind medical_temporary, of <see cref="Uscc"/>).</summary>
    public long FacilityId { get; set; }

    /// <summary>Handover into the 暂存间 (UTC): generation and storage start.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Category key (<see cref="Categories"/>).</summary>
    public required string Category { get; set; }

    /// <summary>Its code of the 2021 national list (841-00x-01), from the category.</summary>
    public required string WasteCode { get; set; }

    /// <summary>Weight in kg (&gt; 0, to the gram: decimal(12,3)).</summary>
    public decimal WeightKg { get; set; }

    /// <summary>Number of packages (bags, sharps boxes; ≥ 1).</summary>
    public int Packages { get; set; }

    /// <summary>Department of origin (科室), e.g. <c>外科</c>.</summary>
    public required string Department { get; set; }

    /// <summary>Who handed it over (科室经办人).</summary>
    public required string HandedBy { get; set; }

    /// <summary>Who received it into the 暂存间.</summary>
    public required string ReceivedBy { get; set; }

    /// <summary>The collection that took it (FK → <c>mw_collections.id</c>), null while it is held.</summary>
    public long? CollectionId { get; set; }

    /// <summary>Account that recorded the row.</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When the row was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
