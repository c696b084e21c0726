namespace SmartEnv.Storage.Audit;

/// <summary>
/// One entry of the append-only, SHA-256 chained audit trail (table <c>audit_entries</c>): who (<see cref="ActorKind"/>,
/// <see cref="ActorName"/>, <see cref="ClientAddress"/>) did what (<see cref="Action"/>) to which record
/// (<see cref="TargetType"/>, <see cref="TargetId"/>), when (<see cref="Time"/>), why (<see cref="Reason"/>), with the
/// record's state before and after as JSON. Written only by <see cref="AuditTrail.AppendAsync"/> inside the change's own
/// transaction; never updated or deleted by the platform. Mutable EF Core entity; not thread-safe.
/// <para>
/// <b>Hash (layout v1, docs/security.md "Audit trail").</b> <see cref="Hash"/> = lower-case hex of SHA-256 over the
/// concatenation of 13 fields, each written as a 4-byte big-endian unsigned length of its UTF-8 bytes followed by those
/// bytes; a null field is the length <c>0xFFFFFFFF</c> with no bytes. The fields, in order:
/// <c>"smartenv-audit-v1"</c>, <c>seq</c> (decimal digits), <c>time</c> (UTC milliseconds since the Unix epoch, decimal
/// digits, <c>-</c> sign if negative), <c>actor_kind</c> (<c>user</c>/<c>token</c>/<c>device</c>/<c>system</c>/<c>cli</c>),
/// <c>actor_name</c>, <c>action</c>, <c>target_type</c>, <c>target_id</c>, <c>before</c>, <c>after</c>, <c>reason</c>,
/// <c>client_address</c>, <c>prev_hash</c>. Text fields are hashed exactly as stored (the JSON columns are plain
/// <c>text</c>, not <c>jsonb</c>, so the server never rewrites them). <see cref="PrevHash"/> is the previous entry's
/// <see cref="Hash"/> (by <see cref="Seq"/>), or 64 zeros for the first entry (<see cref="AuditTrail.GenesisHash"/>).
/// In Python: <c>b''.join(struct.pack('&gt;I', len(x)) + x if x is not None else b'\xff\xff\xff\xff' for x in fields)</c>.
/// </para>
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Longest actor name kept.</summary>
    public const int ActorNameLength = 128;

    /// <summary>Longest action name (<c>site.create</c>).</summary>
    public const int ActionLength = 64;

    /// <summary>Longest target type (<c>site</c>, <c>device</c>, …).</summary>
    public const int TargetTypeLength = 32;

    /// <summary>Longest target id (site code, MN, alert id, …).</summary>
    public const int TargetIdLength = 128;

    /// <summary>Longest reason.</summary>
    public const int ReasonLength = 1024;

    /// <summary>Longest client address (an IPv6 text is at most 45).</summary>
    public const int ClientAddressLength = 64;

    /// <summary>Hex SHA-256 length.</summary>
    public const int HashLength = 64;

    /// <summary>Surrogate key (assigned by the database; increases with <see cref="Seq"/> because entries are inserted one at a time under the chain lock).</summary>
    public long Id { get; set; }

    /// <summary>Position in the chain: 1, 2, 3, … without gaps (unique).</summary>
    public long Seq { get; set; }

    /// <summary>When the change was made (UTC, whole milliseconds).</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>Kind of actor.</summary>
    public AuditActorKind ActorKind { get; set; }

    /// <summary>User name, MN, job name or OS user.</summary>
    public required string ActorName { get; set; }

    /// <summary>What was done: <c>AREA.VERB</c>, e.g. <c>site.create</c>, <c>device.password.set</c>, <c>alert.acknowledge</c> (docs/security.md lists them).</summary>
    public required string Action { get; set; }

    /// <summary>Kind of record changed: <c>site</c>, <c>device</c>, <c>alert</c>, <c>plan_indicator</c>, <c>plan_project</c>, <c>import</c>, …</summary>
    public required string TargetType { get; set; }

    /// <summary>Key of the record changed (site code, MN, alert id, indicator number, …), or null for a target without one.</summary>
    public string? TargetId { get; set; }

    /// <summary>The record before the change as JSON (snake_case names), or null (created).</summary>
    public string? Before { get; set; }

    /// <summary>The record after the change as JSON, or null (deleted).</summary>
    public string? After { get; set; }

    /// <summary>Why (the note or reason the actor gave), or null.</summary>
    public string? Reason { get; set; }

    /// <summary>Remote IP address of the request, or null.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>Hash of the previous entry (64 hex), or 64 zeros for the first.</summary>
    public required string PrevHash { get; set; }

    /// <summary>SHA-256 (64 lower-case hex) of this entry's content and <see cref="PrevHash"/> (layout above).</summary>
    public required string Hash { get; set; }
}
