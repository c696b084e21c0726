using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage.Audit;

/// <summary>Why the chain is broken at an entry.</summary>
public enum AuditBreakKind
{
    /// <summary>The entry's stored hash differs from the hash of its content: the row was altered in place.</summary>
    ContentHashMismatch,

    /// <summary>The entry's <c>prev_hash</c> is not the hash of the entry before it (content intact): an entry before it
    /// was replaced, or entries were re-linked.</summary>
    PrevHashMismatch,

    /// <summary>One or more sequence numbers before this entry are absent: entries were deleted.</summary>
    Missing,

    /// <summary>The entry was inserted after the entry that follows it in the chain (ids out of order): entries were reordered.</summary>
    Reordered,
}

/// <summary>The first broken entry of the chain. Immutable.</summary>
/// <param name="Seq">Its <c>seq</c> (for <see cref="AuditBreakKind.Missing"/>: the first missing number).</param>
/// <param name="Id">Its <c>id</c> (for <see cref="AuditBreakKind.Missing"/>: the entry found after the gap).</param>
/// <param name="Kind">Why.</param>
/// <param name="Message">English explanation naming the entry.</param>
public sealed record AuditBreak(long Seq, long Id, AuditBreakKind Kind, string Message);

/// <summary>Result of <see cref="AuditVerifier.VerifyAsync"/>. Immutable.</summary>
/// <param name="Entries">Entries read (up to the one after the first break).</param>
/// <param name="HeadSeq">Seq of the last entry when the chain is intact; null when it is empty or broken.</param>
/// <param name="HeadHash">Hash of the last entry when intact, else null. Write it down elsewhere: deleting the newest entries cannot be
/// seen from the chain alone, only against a head recorded earlier.</param>
/// <param name="FirstBreak">The first broken entry, or null when the chain is intact.</param>
public sealed record AuditVerification(long Entries, long? HeadSeq, string? HeadHash, AuditBreak? FirstBreak)
{
    /// <summary>True when no entry is broken.</summary>
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Re-verifies the audit chain (docs/security.md "Audit trail"): reads every entry in <c>seq</c> order and checks, per
/// entry, that no seq is missing (1, 2, 3, …), that ids increase with seq (entries are inserted one at a time under the
/// chain lock, so a lower id after a higher one means rows were reordered), that the stored hash is the SHA-256 of the
/// content (<see cref="AuditTrail.ComputeHash"/>) and that <c>prev_hash</c> is the previous entry's hash. Stops at the
/// first broken entry. Streams the table (one entry of look-ahead); thread-safe per call.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies the whole chain.</summary>
    /// <param name="db">A context (read only).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<AuditVerification> VerifyAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long count = 0;
        AuditEntry? prev = null, cur = null;
        AuditBreak? found = null;
        await foreach (var next in db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (cur is not null)
            {
                found = Check(prev, cur, next);
                if (found is not null) break;
                prev = cur;
            }
            cur = next;
        }
        if (found is null && cur is not null) found = Check(prev, cur, null);
        return found is null ? new AuditVerification(count, cur?.Seq, cur?.Hash, null) : new AuditVerification(count, null, null, found);
    }

    private static AuditBreak? Check(AuditEntry? prev, AuditEntry e, AuditEntry? next)
    {
        var expected = (prev?.Seq ?? 0) + 1;
        if (e.Seq > expected)
            return new AuditBreak(expected, e.Id, AuditBreakKind.Missing, expected == e.Seq - 1
                ? $"entry seq {expected} is missing (deleted): the chain jumps from seq {prev?.Seq ?? 0} to seq {e.Seq} (id {e.Id})"
                : $"entries seq {expected}…{e.Seq - 1} are missing (deleted): the chain jumps from seq {prev?.Seq ?? 0} to seq {e.Seq} (id {e.Id})");
        if (e.Seq < expected)
            return new AuditBreak(e.Seq, e.Id, AuditBreakKind.Reordered, $"entry seq {e.Seq} (id {e.Id}) follows seq {prev?.Seq}: out of order");
        if (next is not null && next.Id < e.Id || prev is not null && e.Id < prev.Id)
            return new AuditBreak(e.Seq, e.Id, AuditBreakKind.Reordered,
                $"entry seq {e.Seq} (id {e.Id}) is out of order: it was inserted {(next is not null && next.Id < e.Id ? $"after entry id {next.Id} that follows it (seq {next.Seq})" : $"before entry id {prev!.Id} that precedes it (seq {prev.Seq})")}; entries were reordered");
        var hash = AuditTrail.ComputeHash(e);
        if (!string.Equals(hash, e.Hash, StringComparison.Ordinal))
            return new AuditBreak(e.Seq, e.Id, AuditBreakKind.ContentHashMismatch,
                $"entry seq {e.Seq} (id {e.Id}) was altered: its content hashes to {hash}, the stored hash is {e.Hash}");
        var want = prev?.Hash ?? AuditTrail.GenesisHash;
        if (!string.Equals(want, e.PrevHash, StringComparison.Ordinal))
            return new AuditBreak(e.Seq, e.Id, AuditBreakKind.PrevHashMismatch,
                $"entry seq {e.Seq} (id {e.Id}) does not link to the entry before it: prev_hash {e.PrevHash}, the hash of seq {prev?.Seq ?? 0} is {want}");
        return null;
    }
}
