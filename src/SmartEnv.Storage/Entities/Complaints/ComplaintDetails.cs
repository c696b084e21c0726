namespace SmartEnv.Storage.Entities.Complaints;

/// <summary>One pollution type of a case (table <c>complaint_types</c>, key complaint + code): a code of
/// complaint-categories.tsv (<c>air</c>, <c>air.odour</c>, <c>noise.construction</c> …); a sub-type is stored with its parent.
/// Multi-valued as in MEE's bulletins (supervision.md §5.3). Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintType
{
    /// <summary>Column width of <see cref="Code"/>.</summary>
    public const int CodeLength = 32;

    /// <summary>FK → <c>complaints.id</c>.</summary>
    public long ComplaintId { get; set; }

    /// <summary>Type code.</summary>
    public required string Code { get; set; }
}

/// <summary>The reporter of a case (table <c>complaint_reporters</c>, key = the case): name and contact, kept apart from the
/// case so that only admin and enforcement read it (docs/complaints.md "Who sees what"); never in a public projection or an
/// export for other roles. Anonymous reports keep only the flags. Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintReporter
{
    /// <summary>Column width of <see cref="Name"/>.</summary>
    public const int NameLength = 64;

    /// <summary>Column width of <see cref="Phone"/>.</summary>
    public const int PhoneLength = 32;

    /// <summary>Column width of <see cref="Email"/>.</summary>
    public const int EmailLength = 128;

    /// <summary>FK → <c>complaints.id</c> (primary key).</summary>
    public long ComplaintId { get; set; }

    /// <summary>Name, or null.</summary>
    public string? Name { get; set; }

    /// <summary>Telephone, or null.</summary>
    public string? Phone { get; set; }

    /// <summary>E-mail, or null.</summary>
    public string? Email { get; set; }

    /// <summary>True when the reporter asked to stay anonymous (then name and contact are null).</summary>
    public bool Anonymous { get; set; }

    /// <summary>True when a contact was given to send the reply to.</summary>
    public bool WantsReply { get; set; }
}

/// <summary>One photo of a case (table <c>complaint_photos</c>): the re-encoded JPEG (no metadata; long edge bounded),
/// its size in pixels and bytes, SHA-256 of the stored bytes (hex) and the format it was decoded from
/// (<c>jpeg|png|webp</c>). Served to staff only (attachment, nosniff). Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintPhoto
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>complaints.id</c>.</summary>
    public long ComplaintId { get; set; }

    /// <summary>1, 2, … within the case (unique with the case).</summary>
    public int Seq { get; set; }

    /// <summary>JPEG bytes.</summary>
    public required byte[] Content { get; set; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; set; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; set; }

    /// <summary>Length of <see cref="Content"/> in bytes.</summary>
    public int Bytes { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex (64).</summary>
    public required string Sha256 { get; set; }

    /// <summary>Format the upload was decoded from: <c>jpeg</c>, <c>png</c> or <c>webp</c>.</summary>
    public required string OriginalFormat { get; set; }

    /// <summary>When stored (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One step of a case (table <c>complaint_events</c>): <see cref="Trigger"/> is the snake_case name of the
/// workflow trigger (<c>accept</c>, <c>record_findings</c> …) or <c>register</c> for the registration, from and to state,
/// who, when, a note and data (JSON text). Append-only. Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintEvent
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>complaints.id</c>.</summary>
    public long ComplaintId { get; set; }

    /// <summary>Trigger name (snake_case) or <c>register</c>.</summary>
    public required string Trigger { get; set; }

    /// <summary>State before, or null for the registration.</summary>
    public StoredComplaintState? FromState { get; set; }

    /// <summary>State after.</summary>
    public StoredComplaintState ToState { get; set; }

    /// <summary>Who.</summary>
    public required string By { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Free note, or null.</summary>
    public string? Note { get; set; }

    /// <summary>Step data as JSON text (e.g. the assignee, the reason), or null.</summary>
    public string? Data { get; set; }
}

/// <summary>A duplicate proposal (table <c>complaint_duplicates</c>, unique pair): case <see cref="ComplaintId"/> may
/// repeat <see cref="CandidateId"/> (DuplicateRule, complaint-rules.tsv: ≤ 7 days and (same top type within 300 m, or same
/// USCC)); staff merge or dismiss it. Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintDuplicate
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>complaints.id</c>: the newer case.</summary>
    public long ComplaintId { get; set; }

    /// <summary>FK → <c>complaints.id</c>: the earlier case it may repeat.</summary>
    public long CandidateId { get; set; }

    /// <summary>Why proposed.</summary>
    public StoredDuplicateReason Reason { get; set; }

    /// <summary>Distance in metres (same place), or null.</summary>
    public double? DistanceM { get; set; }

    /// <summary>When proposed (UTC).</summary>
    public DateTimeOffset ProposedAt { get; set; }

    /// <summary>Staff decision.</summary>
    public DuplicateDecision Decision { get; set; }

    /// <summary>Who decided, or null.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>When decided, or null.</summary>
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>An approved extension of the handling deadline (table <c>complaint_extensions</c>; 信访工作条例 Art. 34: ≤ 30
/// days with the head's approval, the reporter told why): days, approver, reason, who recorded it, when, and when the
/// reporter was told. Append-only. Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintExtension
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>complaints.id</c>.</summary>
    public long ComplaintId { get; set; }

    /// <summary>Days added.</summary>
    public int Days { get; set; }

    /// <summary>Who approved (the bureau head).</summary>
    public required string Approver { get; set; }

    /// <summary>Why.</summary>
    public required string Reason { get; set; }

    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When recorded (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When the reporter was told, or null.</summary>
    public DateTimeOffset? ReporterToldAt { get; set; }
}

/// <summary>Next case serial of a Beijing day (table <c>complaint_serials</c>, key <see cref="Day"/> = <c>yyyyMMdd</c>):
/// allocated by one <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c> inside the registering transaction (both engines).
/// Mutable EF Core entity; not thread-safe.</summary>
public sealed class ComplaintSerial
{
    /// <summary>Beijing day, <c>yyyyMMdd</c>.</summary>
    public required string Day { get; set; }

    /// <summary>The serial the next case of the day gets.</summary>
    public int Next { get; set; }
}

/// <summary>An Open311 GeoReport v2 client allowed to post requests (table <c>complaint_api_clients</c>): unique name, the
/// api_key's PBKDF2 hash and salt (the key is shown once), created and disabled instants. Mutable EF Core entity; not
/// thread-safe.</summary>
public sealed class ComplaintApiClient
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Client name (unique).</summary>
    public required string Name { get; set; }

    /// <summary>Hash of the api_key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>Salt of <see cref="KeyHash"/>.</summary>
    public required string KeySalt { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When disabled, or null while it may post.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
