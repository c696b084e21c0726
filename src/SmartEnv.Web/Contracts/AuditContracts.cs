using System.Text.Json;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Web.Contracts;

/// <summary>One audit entry as <c>GET /api/audit</c> returns it (docs/security.md "Audit trail"). Immutable.</summary>
/// <param name="Seq">Position in the chain (1, 2, 3, …).</param>
/// <param name="Id">Row id.</param>
/// <param name="Time">When (UTC instant).</param>
/// <param name="ActorKind"><c>user</c>, <c>token</c>, <c>device</c>, <c>system</c> or <c>cli</c>.</param>
/// <param name="ActorName">User name, token owner, MN, job name or OS user.</param>
/// <param name="Action">What, e.g. <c>site.update</c>.</param>
/// <param name="TargetType">Kind of record, e.g. <c>site</c>.</param>
/// <param name="TargetId">Key of the record, or null.</param>
/// <param name="Before">The record before (JSON as stored), or null.</param>
/// <param name="After">The record after (JSON as stored), or null.</param>
/// <param name="Reason">Why, or null.</param>
/// <param name="ClientAddress">Remote IP address, or null.</param>
/// <param name="PrevHash">Hash of the previous entry (64 hex).</param>
/// <param name="Hash">SHA-256 of this entry (64 hex; layout v1).</param>
public sealed record AuditEntryDto(long Seq, long Id, DateTimeOffset Time, AuditActorKind ActorKind, string ActorName, string Action,
    string TargetType, string? TargetId, JsonElement? Before, JsonElement? After, string? Reason, string? ClientAddress, string PrevHash, string Hash)
{
    /// <summary>The DTO of a stored entry.</summary>
    /// <param name="e">The entry.</param>
    public static AuditEntryDto From(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Seq, e.Id, e.Time, e.ActorKind, e.ActorName, e.Action, e.TargetType, e.TargetId, Parse(e.Before), Parse(e.After),
            e.Reason, e.ClientAddress, e.PrevHash, e.Hash);
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null) return null;
        try
        {
            using var d = JsonDocument.Parse(json);
            return d.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var s = JsonDocument.Parse(JsonSerializer.Serialize(json)); // not JSON (edited by hand): shown as a string
            return s.RootElement.Clone();
        }
    }
}

/// <summary>One page of audit entries, newest first. Immutable.</summary>
/// <param name="Total">Entries matching the filter.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Entries per page (1…500).</param>
/// <param name="Entries">This page's entries.</param>
public sealed record AuditPageDto(int Total, int Page, int PageSize, IReadOnlyList<AuditEntryDto> Entries);

/// <summary>Result of re-verifying the chain (<c>GET /api/audit/verify</c>, the audit page's status line). Immutable.</summary>
/// <param name="Intact">True when every entry is intact.</param>
/// <param name="Entries">Entries read.</param>
/// <param name="HeadSeq">Seq of the last entry when intact, else null.</param>
/// <param name="HeadHash">Hash of the last entry when intact, else null.</param>
/// <param name="BrokenSeq">Seq of the first broken entry, or null.</param>
/// <param name="BrokenId">Id of the first broken entry, or null.</param>
/// <param name="BreakKind"><c>content_hash_mismatch</c>, <c>prev_hash_mismatch</c>, <c>missing</c> or <c>reordered</c>, or null.</param>
/// <param name="Message">English explanation of the break, or null.</param>
public sealed record AuditVerifyDto(bool Intact, long Entries, long? HeadSeq, string? HeadHash, long? BrokenSeq, long? BrokenId,
    AuditBreakKind? BreakKind, string? Message)
{
    /// <summary>The DTO of a verification.</summary>
    /// <param name="v">The verification.</param>
    public static AuditVerifyDto From(AuditVerification v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Intact, v.Entries, v.HeadSeq, v.HeadHash, v.FirstBreak?.Seq, v.FirstBreak?.Id, v.FirstBreak?.Kind, v.FirstBreak?.Message);
    }
}
