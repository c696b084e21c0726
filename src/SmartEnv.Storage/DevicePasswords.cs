using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// The HJ 212 access password (PW, HJ 212-2017 §6.3 table 3) of a data logger as the store keeps it: a salted hash made
/// by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (format V3: PBKDF2 with HMAC-SHA512, 100,000
/// iterations, 128-bit random salt, 256-bit subkey, base64 of 61 bytes = 84 characters; the iteration count and
/// algorithm are stored in the hash, so a later Identity default still verifies old hashes). The PW is compared, never
/// read back: <see cref="Device.Password"/> is write-only and no API returns the hash. The standard is silent on how a
/// platform stores PW; SmartEnv follows OWASP's password-storage guidance (a slow salted hash) and uses the same hasher
/// as the user accounts (docs/security.md "Device passwords and lockout"). Thread-safe (stateless).
/// </summary>
/// <remarks>
/// A salted hash does not make a 6-digit PW strong: whoever reads the <c>devices</c> table can still try all 10^6
/// candidates (about two days of one core at this cost, far less on GPUs). It keeps the PW out of every screen, export, API answer and casual
/// database read; the lockout (<c>SmartEnv.Intake.PasswordGuard</c>) is what stops guessing over the wire.
/// </remarks>
public static class DevicePasswords
{
    private static readonly PasswordHasher<Device> Hasher = new();

    /// <summary>Length in characters of a hash made by <see cref="Hash"/> (base64 of the 61-byte V3 format).</summary>
    public const int HashLength = 84;

    /// <summary>A new salted hash of <paramref name="password"/> (a fresh salt each call, so two hashes of one PW differ).
    /// Costs one PBKDF2 run (about 0.1–0.2 s of one core).</summary>
    /// <param name="password">The PW as the logger sends it (compared exactly, case-sensitive).</param>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Hasher.HashPassword(null!, password);
    }

    /// <summary>True when <paramref name="password"/> is the PW <paramref name="hash"/> was made from. Costs one PBKDF2
    /// run; false (never an exception) for a stored value that is not a hash of this format.</summary>
    /// <param name="hash">Stored <see cref="Device.PasswordHash"/>.</param>
    /// <param name="password">PW as received, or null (never matches).</param>
    public static bool Verify(string? hash, string? password)
    {
        if (password is null || !IsHash(hash)) return false;
        return Hasher.VerifyHashedPassword(null!, hash!, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>True when <paramref name="stored"/> has the shape of a hash made by <see cref="Hash"/> (84 base64
    /// characters decoding to 61 bytes whose first byte is the V3 marker 0x01). A plaintext PW of a store written before
    /// migration <c>DevicePasswords</c> is at most 64 characters (the old column width) and so never has this shape.</summary>
    /// <param name="stored">A stored value.</param>
    public static bool IsHash(string? stored)
    {
        if (stored is null || stored.Length != HashLength) return false;
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(stored, bytes, out var n) && n == 61 && bytes[0] == 0x01;
    }

    /// <summary>
    /// Upgrade of a store written before migration <c>DevicePasswords</c>: that migration renamed the plaintext column
    /// <c>devices.password</c> to <c>password_hash</c>; every value that is not yet a hash (<see cref="IsHash"/>) is
    /// replaced by its hash here, in one transaction. Run by <see cref="SmartEnvStore.MigrateAndSeedAsync"/> on every start;
    /// a no-op once done. PBKDF2 cannot run in SQL, hence this step in C#.
    /// </summary>
    /// <param name="db">An unrestricted context.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Devices whose plaintext PW was hashed.</returns>
    public static async Task<int> HashPlaintextAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Hashes are exactly HashLength characters; anything else is a plaintext PW (≤ 64 characters).
        var candidates = await db.Devices.IgnoreQueryFilters().Where(d => d.PasswordHash.Length != HashLength).ToListAsync(ct);
        var legacy = candidates.Where(d => !IsHash(d.PasswordHash)).ToList();
        if (legacy.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var d in legacy) d.Password = d.PasswordHash; // the old column held the PW itself
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return legacy.Count;
    }
}
