using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmartEnv.Storage.Audit;

/// <summary>
/// The writer of the audit trail (docs/security.md "Audit trail"). An entry is appended <b>inside the transaction of the
/// change it records</b>, so it is committed with the change or not at all:
/// <code>
/// await using var tx = await AuditTrail.BeginAsync(db, ct);      // transaction + chain lock
/// site.NameZh = "…";                                              // the change (tracked by db)
/// await AuditTrail.AppendAsync(db, actor, "site.update", "site", site.Code, before, AuditTrail.Snapshot(site), reason: null, ct: ct);
/// await tx.CommitAsync(ct);                                       // AppendAsync saved both; commit releases the lock
/// </code>
/// <para><b>Concurrency.</b> Appends are serialised so the chain never forks: on PostgreSQL by the transaction-scoped
/// advisory lock <c>pg_advisory_xact_lock(<see cref="PostgresLockKey"/>)</c> taken before the chain head is read; on SQLite
/// by the database write lock, which <see cref="BeginAsync"/> takes at once (Microsoft.Data.Sqlite starts transactions
/// with <c>BEGIN IMMEDIATE</c>), so no other writer can commit between reading the head and inserting. The lock is
/// held until the transaction ends, so keep audited transactions short. Static and stateless; thread-safe (each call
/// uses the caller's context, which itself is not thread-safe).</para>
/// </summary>
public static class AuditTrail
{
    /// <summary><c>prev_hash</c> of the first entry: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', AuditEntry.HashLength);

    /// <summary>Layout tag, the first hashed field.</summary>
    public const string LayoutVersion = "smartenv-audit-v1";

    /// <summary>Key of the PostgreSQL advisory lock serialising appends (ASCII "SEAUDIT1" as a 64-bit integer).</summary>
    public const long PostgresLockKey = 0x5345_4155_4449_5431;

    /// <summary>JSON of before/after snapshots: snake_case names and enum values, non-ASCII text kept readable, no indentation.</summary>
    public static readonly JsonSerializerOptions SnapshotJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Begins a transaction on <paramref name="db"/> and takes the chain lock (see the class remarks). The caller
    /// makes its change, calls <see cref="AppendAsync"/> and commits.</summary>
    /// <param name="db">The context of the change.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The transaction (dispose it; not committing rolls back change and entry).</returns>
    /// <exception cref="InvalidOperationException">A transaction is already open on <paramref name="db"/>.</exception>
    public static async Task<IDbContextTransaction> BeginAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tx = await db.Database.BeginTransactionAsync(ct);
        try { await LockAsync(db, ct); }
        catch { await tx.DisposeAsync(); throw; }
        return tx;
    }

    /// <summary>
    /// Appends one entry inside the open transaction of <paramref name="db"/>: takes the chain lock (again; harmless),
    /// reads the chain head, computes <c>seq</c>, <c>prev_hash</c> and <c>hash</c>, adds the entry and calls
    /// <c>SaveChangesAsync</c>, which also saves the change itself if it is still pending.
    /// </summary>
    /// <param name="db">The context of the change, with an open transaction (<see cref="BeginAsync"/> or the caller's own).</param>
    /// <param name="actor">Who, and from which address.</param>
    /// <param name="action">What, <c>AREA.VERB</c> (≤ 64 characters), e.g. <c>site.update</c>.</param>
    /// <param name="targetType">Kind of record (≤ 32), e.g. <c>site</c>.</param>
    /// <param name="targetId">Key of the record (≤ 128, longer is cut), or null.</param>
    /// <param name="before">State before (serialised with <see cref="SnapshotJson"/>; a <see cref="JsonElement"/> or string
    /// of JSON is taken as is), or null.</param>
    /// <param name="after">State after, or null.</param>
    /// <param name="reason">Why (≤ 1024, longer is cut), or null.</param>
    /// <param name="time">When; default the system clock. Stored in whole milliseconds, UTC.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The saved entry.</returns>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    /// <exception cref="ArgumentException">Empty action or target type, or longer than their column.</exception>
    public static async Task<AuditEntry> AppendAsync(SmartEnvDbContext db, AuditActor actor, string action, string targetType, string? targetId,
        object? before, object? after, string? reason = null, DateTimeOffset? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(action) || action.Length > AuditEntry.ActionLength) throw new ArgumentException($"action must be 1–{AuditEntry.ActionLength} characters", nameof(action));
        if (string.IsNullOrWhiteSpace(targetType) || targetType.Length > AuditEntry.TargetTypeLength) throw new ArgumentException($"target type must be 1–{AuditEntry.TargetTypeLength} characters", nameof(targetType));
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("an audit entry is written in the transaction of its change: open one with AuditTrail.BeginAsync first");
        await LockAsync(db, ct);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var at = DateTimeOffset.FromUnixTimeMilliseconds((time ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds());
        var entry = new AuditEntry
        {
            Seq = (head?.Seq ?? 0) + 1,
            Time = at,
            ActorKind = actor.Kind,
            ActorName = Cut(string.IsNullOrWhiteSpace(actor.Name) ? "unknown" : actor.Name.Trim(), AuditEntry.ActorNameLength)!,
            Action = action,
            TargetType = targetType,
            TargetId = Cut(targetId, AuditEntry.TargetIdLength),
            Before = Json(before),
            After = Json(after),
            Reason = Cut(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), AuditEntry.ReasonLength),
            ClientAddress = Cut(actor.ClientAddress, AuditEntry.ClientAddressLength),
            PrevHash = head?.Hash ?? GenesisHash,
            Hash = "",
        };
        entry.Hash = ComputeHash(entry);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>
    /// Runs <paramref name="change"/> and appends the entry it returns in one transaction (<see cref="BeginAsync"/> …
    /// commit). <paramref name="change"/> returns null to record nothing (e.g. validation failed; its changes are then
    /// still saved and committed if it saved them itself — return null only when nothing changed).
    /// </summary>
    /// <typeparam name="T">The change's result.</typeparam>
    /// <param name="db">Context (no transaction open).</param>
    /// <param name="actor">Who.</param>
    /// <param name="change">Makes the change on <paramref name="db"/> (need not save) and returns its result and the entry's
    /// fields, or a null record.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<T> RunAsync<T>(SmartEnvDbContext db, AuditActor actor, Func<CancellationToken, Task<(T Result, AuditRecord? Record)>> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var tx = await BeginAsync(db, ct);
        var (result, record) = await change(ct);
        if (record is not null)
            await AppendAsync(db, actor, record.Action, record.TargetType, record.TargetId, record.Before, record.After, record.Reason, ct: ct);
        else
            await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Appends one entry in a transaction of its own. Only for long operations that consist of many transactions
    /// (file imports: 20,000 values per transaction; AQI recomputation and the evaluation retry: one per site-range), whose
    /// single entry is written when the operation has ended, with its counts and outcome (docs/security.md "Audit trail").
    /// Every other change appends inside its own transaction (<see cref="AppendAsync"/>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="actor">Who.</param>
    /// <param name="action">What.</param>
    /// <param name="targetType">Kind of record.</param>
    /// <param name="targetId">Key, or null.</param>
    /// <param name="before">State before, or null.</param>
    /// <param name="after">State after (counts, outcome), or null.</param>
    /// <param name="reason">Why, or null.</param>
    /// <param name="time">When; default the system clock.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<AuditEntry> AppendOperationAsync(SmartEnvStore store, AuditActor actor, string action, string targetType, string? targetId,
        object? before, object? after, string? reason = null, DateTimeOffset? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var db = store.CreateContext();
        await using var tx = await BeginAsync(db, ct);
        var e = await AppendAsync(db, actor, action, targetType, targetId, before, after, reason, time, ct);
        await tx.CommitAsync(ct);
        return e;
    }

    /// <summary>Takes the chain lock in the current transaction (PostgreSQL advisory lock; on SQLite the transaction's
    /// write lock is the chain lock).</summary>
    private static async Task LockAsync(SmartEnvDbContext db, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
    }

    /// <summary>The hash of an entry's content and <c>prev_hash</c> (layout v1, <see cref="AuditEntry"/>).</summary>
    /// <param name="e">The entry (its <see cref="AuditEntry.Hash"/> and <see cref="AuditEntry.Id"/> are not read).</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string ComputeHash(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(e)));
    }

    /// <summary>The exact bytes hashed for an entry (layout v1, <see cref="AuditEntry"/>), for re-verification elsewhere.</summary>
    /// <param name="e">The entry.</param>
    public static byte[] CanonicalBytes(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string?[] fields =
        [
            LayoutVersion,
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            KindText(e.ActorKind),
            e.ActorName, e.Action, e.TargetType, e.TargetId, e.Before, e.After, e.Reason, e.ClientAddress, e.PrevHash,
        ];
        using var ms = new MemoryStream();
        Span<byte> len = stackalloc byte[4];
        foreach (var f in fields)
        {
            if (f is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(len, uint.MaxValue);
                ms.Write(len);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(f);
            BinaryPrimitives.WriteUInt32BigEndian(len, (uint)bytes.Length);
            ms.Write(len);
            ms.Write(bytes);
        }
        return ms.ToArray();
    }

    /// <summary>The stored text of an actor kind (<c>user</c>, <c>token</c>, <c>device</c>, <c>system</c>, <c>cli</c>).</summary>
    /// <param name="kind">Kind.</param>
    public static string KindText(AuditActorKind kind) => SnakeCaseEnumConverter<AuditActorKind>.ToSnake(kind.ToString());

    /// <summary>A value as snapshot JSON (<see cref="SnapshotJson"/>); a string or <see cref="JsonElement"/> is taken as JSON text as is; null stays null.</summary>
    /// <param name="value">Snapshot object, JSON text, or null.</param>
    public static string? Json(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement j => j.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType(), SnapshotJson),
    };

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>The fields of an entry a change reports to <see cref="AuditTrail.RunAsync{T}"/>. Immutable.</summary>
/// <param name="Action">What (<c>site.update</c>).</param>
/// <param name="TargetType">Kind of record.</param>
/// <param name="TargetId">Key of the record, or null.</param>
/// <param name="Before">State before, or null.</param>
/// <param name="After">State after, or null.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record AuditRecord(string Action, string TargetType, string? TargetId, object? Before, object? After, string? Reason = null);
