namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// One electronic transfer manifest (危险废物转移联单, issue 17 P4), table <c>hw_manifests</c>: the current version of its
/// content (parties, transport, receipt) and its state. Rules: 《危险废物转移管理办法》 2021 (supervision.md §3.4);
/// workflow, number and deadlines: <c>SmartEnv.Supervision.Waste.Manifests</c>; writes only through
/// <c>SmartEnv.Waste.Manifests.ManifestService</c>. <b>Never deleted</b> (Art. 20: kept ≥ 10 years; there is no delete
/// route): a correction after a party signed bumps <see cref="Version"/> and keeps the earlier content in
/// <c>hw_manifest_versions</c>; every transition is a <c>hw_manifest_events</c> row and an audit entry. Seen inside the
/// caller's <see cref="DataScope"/> when ANY of its three parties is in scope (EF query filter). Instants UTC; dates
/// Beijing calendar dates. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteManifest
{
    /// <summary>Column width of <see cref="Number"/> (办法 Art. 15: 14 digits).</summary>
    public const int NumberLength = 14;

    /// <summary>Column width of <see cref="Kind"/> and <see cref="State"/>.</summary>
    public const int CodeLength = 24;

    /// <summary>Column width of party names.</summary>
    public const int NameLength = 128;

    /// <summary>Column width of licence numbers, the vehicle plate and actors.</summary>
    public const int ShortLength = 64;

    /// <summary>Column width of <see cref="DiscrepancyNote"/>.</summary>
    public const int NoteLength = 1024;

    /// <summary>Stored texts of <see cref="Kind"/> (<c>ManifestKind</c> in snake_case).</summary>
    public static readonly IReadOnlyList<string> Kinds = ["hazardous", "medical"];

    /// <summary>Stored texts of <see cref="State"/> (<c>ManifestState</c> in snake_case).</summary>
    public static readonly IReadOnlyList<string> States = ["draft", "submitted", "in_transit", "arrived", "accepted", "partially_accepted", "rejected", "paper_pending"];

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>联单编号, 14 digits (year + province + city of the 移出地 + 6-digit serial; unique). Allocated at draft.</summary>
    public required string Number { get; set; }

    /// <summary><c>hazardous|medical</c> (medical: HW01 codes only).</summary>
    public required string Kind { get; set; }

    /// <summary>Workflow state (<see cref="States"/>).</summary>
    public required string State { get; set; }

    /// <summary>Current version, 1 at draft; +1 per correction after a party signed.</summary>
    public int Version { get; set; } = 1;

    /// <summary>移出人 USCC (FK <c>enterprises</c>).</summary>
    public required string GeneratorUscc { get; set; }

    /// <summary>移出人 name at drafting.</summary>
    public required string GeneratorName { get; set; }

    /// <summary>承运人 USCC (FK <c>enterprises</c>).</summary>
    public required string CarrierUscc { get; set; }

    /// <summary>承运人 name at drafting.</summary>
    public required string CarrierName { get; set; }

    /// <summary>接受人 USCC (FK <c>enterprises</c>).</summary>
    public required string ReceiverUscc { get; set; }

    /// <summary>接受人 name at drafting.</summary>
    public required string ReceiverName { get; set; }

    /// <summary>The receiver's 危险废物经营许可证 number (from its party row), or null (e.g. a medical disposal unit without one recorded).</summary>
    public string? ReceiverLicence { get; set; }

    /// <summary>The generator's facility the waste leaves (its site carries alert rule 9).</summary>
    public long FromFacilityId { get; set; }

    /// <summary>The receiver's facility it goes to (its site carries alert rule 8).</summary>
    public long ToFacilityId { get; set; }

    /// <summary>Vehicle plate (承运人, Art. 11(二)), or null before pick-up.</summary>
    public string? Vehicle { get; set; }

    /// <summary>The carrier's 道路运输经营许可证 number (Art. 11(二)), or null before pick-up.</summary>
    public string? TransportLicence { get; set; }

    /// <summary>True when a paper manifest ran first (Art. 20).</summary>
    public bool Paper { get; set; }

    /// <summary>Day of the transfer on paper, or null.</summary>
    public DateOnly? PaperTransferredOn { get; set; }

    /// <summary>Last day to back-fill (paper day + 10 working days), or null.</summary>
    public DateOnly? BackfillDue { get; set; }

    /// <summary>True when <see cref="BackfillDue"/> was counted into a year without a loaded State Council holiday notice
    /// (Saturday/Sunday the only rest days there, <c>WorkdayCalendar.AddWorkdaysOrEstimate</c>); counted again from
    /// <see cref="PaperTransferredOn"/> and cleared once the calendar covers that year (<c>ManifestService.RecomputeProvisionalDuesAsync</c>).</summary>
    public bool BackfillDueProvisional { get; set; }

    /// <summary>When the 移出人 submitted (signed), or null.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Start of transport (pick-up), or null.</summary>
    public DateTimeOffset? PickedUpAt { get; set; }

    /// <summary>End of transport (arrival), or null.</summary>
    public DateTimeOffset? ArrivedAt { get; set; }

    /// <summary>Last day the receiver may confirm (arrival day + 5 working days; for a back-filled manifest counted from the
    /// back-fill day), or null before arrival.</summary>
    public DateOnly? ReceiptDue { get; set; }

    /// <summary>The Beijing day <see cref="ReceiptDue"/> is counted from (the arrival day; for a back-filled manifest the
    /// back-fill day), kept so that a provisional due day can be counted again; null before arrival and for rows written
    /// before migration <c>ManifestDueProvisional</c>.</summary>
    public DateOnly? ReceiptDueFrom { get; set; }

    /// <summary>True when <see cref="ReceiptDue"/> was counted into a year without a loaded holiday notice (as
    /// <see cref="BackfillDueProvisional"/>); counted again from <see cref="ReceiptDueFrom"/> once the notice is loaded.</summary>
    public bool ReceiptDueProvisional { get; set; }

    /// <summary>When the receiver accepted, partially accepted or rejected, or null.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>What the receiver found different (<c>ManifestDiscrepancy</c> flags; 0 none).</summary>
    public int Discrepancy { get; set; }

    /// <summary>The receiver's note on the discrepancy or the refusal, or null.</summary>
    public string? DiscrepancyNote { get; set; }

    /// <summary>Who drafted it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was drafted.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The lines of all versions (the current ones have <see cref="WasteManifestLine.Version"/> = <see cref="Version"/>).</summary>
    public List<WasteManifestLine> Lines { get; set; } = new();
}

/// <summary>
/// One waste kind on a manifest version (table <c>hw_manifest_lines</c>): name, category, code, hazard, form, packaging,
/// quantity in tonnes (移出人), quantity received and method (接受人). Rows of an earlier version are never changed. Filtered
/// through its manifest. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteManifestLine
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>hw_manifests.id</c>.</summary>
    public long ManifestId { get; set; }

    /// <summary>Version the line belongs to.</summary>
    public int Version { get; set; }

    /// <summary>1, 2, … within the version.</summary>
    public int LineNo { get; set; }

    /// <summary>危险废物代码 <c>xxx-xxx-xx</c>.</summary>
    public required string WasteCode { get; set; }

    /// <summary>类别 <c>HWnn</c>.</summary>
    public required string Category { get; set; }

    /// <summary>废物名称.</summary>
    public required string Name { get; set; }

    /// <summary>危险特性 as in the list (<c>T</c>, <c>T/In</c>, <c>T，I</c> …).</summary>
    public required string Hazard { get; set; }

    /// <summary>形态 (固态, 液态, 半固态 …), or null.</summary>
    public string? Form { get; set; }

    /// <summary>包装方式 (桶, 袋, 吨袋 …), or null.</summary>
    public string? Packaging { get; set; }

    /// <summary>Number of containers or packages.</summary>
    public int PackageCount { get; set; }

    /// <summary>Quantity handed over, t (decimal(14,6)).</summary>
    public decimal QuantityT { get; set; }

    /// <summary>Quantity received, t, or null before confirmation.</summary>
    public decimal? ReceivedT { get; set; }

    /// <summary>利用/处置方式 given by the receiver (HJ 1033 Appendix F code or text), or null.</summary>
    public string? Method { get; set; }
}

/// <summary>
/// A superseded version of a manifest (table <c>hw_manifest_versions</c>), written when a correction after a party signed
/// creates the next one: the JSON snapshot of the manifest and its lines as they were, the reason, who and when.
/// Append-only. Filtered through its manifest. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteManifestVersion
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>hw_manifests.id</c>.</summary>
    public long ManifestId { get; set; }

    /// <summary>The version the snapshot shows.</summary>
    public int Version { get; set; }

    /// <summary>JSON of the manifest and its lines at that version.</summary>
    public required string Snapshot { get; set; }

    /// <summary>Why the next version was made (required).</summary>
    public required string Reason { get; set; }

    /// <summary>Who corrected.</summary>
    public required string By { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// One transition of a manifest (table <c>hw_manifest_events</c>): trigger, states before and after, the party role that
/// fired it, who, when, an optional note. Append-only; the same change is also in the audit chain. Filtered through its
/// manifest. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteManifestEvent
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>hw_manifests.id</c>.</summary>
    public long ManifestId { get; set; }

    /// <summary>Trigger in snake_case (<c>submit</c>, <c>pick_up</c> …; <c>draft</c> for the creation).</summary>
    public required string Trigger { get; set; }

    /// <summary>State before (null for the creation).</summary>
    public string? FromState { get; set; }

    /// <summary>State after.</summary>
    public required string ToState { get; set; }

    /// <summary><c>generator|carrier|receiver</c>.</summary>
    public required string PartyRole { get; set; }

    /// <summary>Manifest version after the event.</summary>
    public int Version { get; set; }

    /// <summary>Who (user or CLI actor).</summary>
    public required string By { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Reason or note, or null.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// The next manifest serial of one city and year (table <c>hw_manifest_serials</c>, key year + the first four digits of
/// the GB/T 2260 division code). Incremented inside the drafting transaction (a row lock on PostgreSQL, the single writer
/// on SQLite), so two drafts never share a number. Not scoped (holds no enterprise data). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteManifestSerial
{
    /// <summary>Year of the numbers.</summary>
    public int Year { get; set; }

    /// <summary>Province + city digits (<c>5001</c>).</summary>
    public required string Division4 { get; set; }

    /// <summary>The serial the next draft gets (1 … 999999).</summary>
    public int Next { get; set; }
}
