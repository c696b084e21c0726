using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// The query code (查询码) a reporter receives with the case number and needs, with the number, to see the case on the
/// public query page. SmartEnv rule (no official scheme): 10 characters of <see cref="Alphabet"/> (31 symbols without
/// 0/O, 1/I/L, so it can be read out on the phone) — 10 × log2 31 ≈ 49.5 bits, drawn with
/// <see cref="RandomNumberGenerator"/>; shown as <c>XXXXX-XXXXX</c> (<see cref="Display"/>). Only a salted hash is stored:
/// PBKDF2-HMAC-SHA256 (<see cref="Rfc2898DeriveBytes.Pbkdf2(byte[], byte[], int, HashAlgorithmName, int)"/>),
/// <see cref="Iterations"/> rounds, a 16-byte random salt per case, 32-byte hash, both Base64. With 49.5 bits of entropy
/// and the lookup rate-limited (<see cref="ComplaintRules.QueryAttemptsPerAddressPerHour"/>), online guessing is hopeless
/// and an offline attack on a stolen hash costs about 2^49 × 10 000 HMAC pairs per code. Static; thread-safe.
/// </summary>
public static class QueryCode
{
    /// <summary>The 31 symbols: digits 2–9 and upper-case letters without I, L, O.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Characters of a code.</summary>
    public const int Length = 10;

    /// <summary>PBKDF2 iterations. Fixed: stored hashes are checked with the same count.</summary>
    public const int Iterations = 10_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new random code: <see cref="Length"/> characters of <see cref="Alphabet"/>, without the dash.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as shown to the reporter: <c>XXXXX-XXXXX</c>.</summary>
    /// <param name="code">A code in any form <see cref="Normalize"/> accepts.</param>
    /// <exception cref="ArgumentException">Not a code.</exception>
    public static string Display(string code)
    {
        var n = Normalize(code) ?? throw new ArgumentException("not a query code", nameof(code));
        return n[..5] + "-" + n[5..];
    }

    /// <summary>The canonical form of a typed code: whitespace (including the full-width space) and dashes (<c>-</c>,
    /// <c>‐ – — －</c>) removed, upper-cased.</summary>
    /// <param name="input">What the reporter typed, e.g. <c>abcde-fghjk</c> or <c>ABCDE FGHJK</c>.</param>
    /// <returns>The 10 characters, or null when the rest is not exactly 10 characters of <see cref="Alphabet"/>.</returns>
    public static string? Normalize(string? input)
    {
        if (input is null) return null;
        var sb = new StringBuilder(Length);
        foreach (var ch in input)
        {
            if (char.IsWhiteSpace(ch) || ch is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '\uFF0D') continue;
            var u = char.ToUpperInvariant(ch);
            if (!Alphabet.Contains(u)) return null;
            if (sb.Length == Length) return null;
            sb.Append(u);
        }
        return sb.Length == Length ? sb.ToString() : null;
    }

    /// <summary>Hashes a code for storage with a new random salt.</summary>
    /// <param name="code">A code (normalized first).</param>
    /// <returns>Base64 of the 32-byte PBKDF2-SHA256 hash and of the 16-byte salt.</returns>
    /// <exception cref="ArgumentException">Not a code.</exception>
    public static (string Hash, string Salt) Hash(string code)
    {
        var n = Normalize(code) ?? throw new ArgumentException("not a query code", nameof(code));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (Convert.ToBase64String(Derive(n, salt)), Convert.ToBase64String(salt));
    }

    /// <summary>True when <paramref name="code"/> (normalized first) hashes to <paramref name="hash"/> with
    /// <paramref name="salt"/>; the comparison is constant-time (<see cref="CryptographicOperations.FixedTimeEquals"/>).</summary>
    /// <param name="code">What the reporter typed.</param>
    /// <param name="hash">Stored Base64 hash.</param>
    /// <param name="salt">Stored Base64 salt.</param>
    /// <returns>False for a wrong code, a malformed code or malformed stored values (never throws for those).</returns>
    public static bool Verify(string code, string hash, string salt)
    {
        var n = Normalize(code);
        if (n is null || hash is null || salt is null) return false;
        byte[] expected, saltBytes;
        try
        {
            expected = Convert.FromBase64String(hash);
            saltBytes = Convert.FromBase64String(salt);
        }
        catch (FormatException)
        {
            return false;
        }
        if (expected.Length != HashBytes || saltBytes.Length == 0) return false;
        return CryptographicOperations.FixedTimeEquals(Derive(n, saltBytes), expected);
    }

    private static byte[] Derive(string normalized, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(normalized), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
}
