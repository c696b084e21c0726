using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Complaints;

namespace SmartEnv.Complaints.Open311;

/// <summary>An Open311 client as listed (never its key or hash).</summary>
/// <param name="Name">Client name.</param>
/// <param name="CreatedAt">When created (UTC).</param>
/// <param name="DisabledAt">When disabled, or null while it may post.</param>
public sealed record Open311ClientInfo(string Name, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

/// <summary>Why a key operation was refused (the CLI's message).</summary>
public sealed class Open311KeyException(string message) : Exception(message)
{
    /// <summary>Unused; use the other constructor.</summary>
    public Open311KeyException() : this("invalid Open311 client") { }

    /// <summary>Unused; use the other constructor.</summary>
    /// <param name="message">Message.</param>
    /// <param name="inner">Cause.</param>
    public Open311KeyException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>
/// The <c>api_key</c>s of GeoReport v2 clients (table <c>complaint_api_clients</c>; the spec: "POST Service Request —
/// Requires API Key: Yes", a missing or invalid key is a 403). A key is <c>se_o311_</c> + 32 random bytes
/// (<see cref="RandomNumberGenerator"/>) in unpadded base64url (51 characters), shown once by
/// <c>smartenv complaints open311-key add NAME</c>. The store keeps a 16-byte random salt and SHA-256(salt ‖ key), both
/// Base64: a 256-bit random key needs no slow hash (PBKDF2 protects low-entropy secrets such as query codes and
/// passwords; the same choice as the personal access tokens, <c>AccessTokenFormat</c>). Verification hashes the
/// presented key with each enabled client's salt and compares with <see cref="CryptographicOperations.FixedTimeEquals"/>
/// (a handful of clients). Creating and disabling are audited (<c>complaint_api_client.create|disable</c>). Names:
/// 1–48 letters, digits, <c>.</c>, <c>_</c>, <c>-</c> (the case's source is <c>open311:NAME</c>, ≤ 64 characters).
/// SmartEnv rule. Stateless; thread-safe.
/// </summary>
public static partial class Open311ApiKeys
{
    /// <summary>The fixed start of every key (lets secret scanners and people spot a leaked one).</summary>
    public const string Marker = "se_o311_";

    /// <summary>Length of a key's text (8 + 43).</summary>
    public const int Length = 51;

    /// <summary>Longest client name.</summary>
    public const int NameMaxLength = 48;

    [GeneratedRegex(@"^[\p{L}\p{N}._\-]{1,48}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>True when a name is acceptable.</summary>
    /// <param name="name">Name.</param>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>A new random key text.</summary>
    public static string NewKey() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored hash of a key with a salt: Base64 of SHA-256(salt ‖ UTF-8 key).</summary>
    /// <param name="key">Key text.</param>
    /// <param name="salt">Salt bytes.</param>
    public static string Hash(string key, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(salt);
        return Convert.ToBase64String(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(key)]));
    }

    /// <summary>Creates a client and returns its key (the only time it is shown).</summary>
    /// <param name="db">Unrestricted context.</param>
    /// <param name="name">Unique client name.</param>
    /// <param name="actor">Who (the CLI operator).</param>
    /// <param name="time">Clock.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="Open311KeyException">Bad name, or the name is taken.</exception>
    public static async Task<string> CreateAsync(SmartEnvDbContext db, string name, AuditActor actor, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        name = name?.Trim() ?? "";
        if (!IsValidName(name)) throw new Open311KeyException($"name: 1–{NameMaxLength} letters, digits, '.', '_' or '-'");
        if (await db.ComplaintApiClients.AnyAsync(c => c.Name == name, ct)) throw new Open311KeyException($"an Open311 client named {name} exists already");
        var key = NewKey();
        var salt = RandomNumberGenerator.GetBytes(16);
        var row = new ComplaintApiClient { Name = name, KeyHash = Hash(key, salt), KeySalt = Convert.ToBase64String(salt), CreatedAt = time.GetUtcNow() };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.ComplaintApiClients.Add(row);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "complaint_api_client.create", "complaint_api_client", name, null,
            new { name, created_at = row.CreatedAt }, null, row.CreatedAt, ct);
        await tx.CommitAsync(ct);
        return key;
    }

    /// <summary>Disables a client: its key is refused from now on (the row stays: cases name it).</summary>
    /// <param name="db">Unrestricted context.</param>
    /// <param name="name">Client name.</param>
    /// <param name="actor">Who.</param>
    /// <param name="time">Clock.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>False when already disabled (nothing written).</returns>
    /// <exception cref="Open311KeyException">No such client.</exception>
    public static async Task<bool> DisableAsync(SmartEnvDbContext db, string name, AuditActor actor, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var row = await db.ComplaintApiClients.FirstOrDefaultAsync(c => c.Name == name, ct) ?? throw new Open311KeyException($"no Open311 client named {name}");
        if (row.DisabledAt is not null) return false;
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        row.DisabledAt = now;
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "complaint_api_client.disable", "complaint_api_client", name,
            new { name, disabled_at = (DateTimeOffset?)null }, new { name, disabled_at = now }, null, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Every client, by name.</summary>
    /// <param name="db">Unrestricted context.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyList<Open311ClientInfo>> ListAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ComplaintApiClients.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new Open311ClientInfo(r.Name, r.CreatedAt, r.DisabledAt)).ToList();
    }

    /// <summary>The name of the enabled client a presented key belongs to, or null (missing, malformed, unknown or
    /// disabled: the caller answers 403 without saying which).</summary>
    /// <param name="db">Unrestricted context.</param>
    /// <param name="presented">The <c>api_key</c> argument.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<string?> VerifyAsync(SmartEnvDbContext db, string? presented, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (presented is not { Length: Length } || !presented.StartsWith(Marker, StringComparison.Ordinal)) return null;
        var clients = await db.ComplaintApiClients.AsNoTracking().Where(c => c.DisabledAt == null).ToListAsync(ct);
        string? match = null;
        foreach (var c in clients)
        {
            byte[] salt, stored;
            try { salt = Convert.FromBase64String(c.KeySalt); stored = Convert.FromBase64String(c.KeyHash); }
            catch (FormatException) { continue; }
            if (CryptographicOperations.FixedTimeEquals(stored, Convert.FromBase64String(Hash(presented, salt)))) match = c.Name;
        }
        return match;
    }
}
