using System.Security.Cryptography;

namespace SmartEnv.Accounts;

/// <summary>
/// One-time passwords an admin hands to a new user (or the bootstrap prints): 16 characters drawn uniformly with
/// <see cref="RandomNumberGenerator.GetString(ReadOnlySpan{char}, int)"/> from 55 letters and digits without look-alikes
/// (no 0 O o 1 l I i), about 92 bits (16 · log2 55). The user must replace it at the first sign-in (<c>MustChangePassword</c>).
/// Stateless; thread-safe.
/// </summary>
public static class OneTimePasswords
{
    /// <summary>The characters drawn from.</summary>
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Length of a one-time password.</summary>
    public const int Length = 16;

    /// <summary>A new one-time password.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
