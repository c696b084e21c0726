using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Accounts;

/// <summary>
/// Text form of a personal access token: <c>se_pat_</c> followed by 32 random bytes (<see cref="RandomNumberGenerator"/>)
/// in unpadded base64url (43 characters), 50 characters in all, e.g. <c>se_pat_q3J…</c>. The recognisable prefix lets
/// secret scanners and people spot a leaked token. The store keeps the SHA-256 of the whole text
/// (<see cref="PersonalAccessToken.Hash"/>) and its first 15 characters (<see cref="PersonalAccessToken.Prefix"/>).
/// Stateless; thread-safe.
/// </summary>
public static class AccessTokenFormat
{
    /// <summary>The fixed start of every token.</summary>
    public const string Marker = "se_pat_";

    /// <summary>Random bytes in a token.</summary>
    public const int SecretBytes = 32;

    /// <summary>Length of a token's text (7 + 43).</summary>
    public const int Length = 50;

    /// <summary>A new random token text.</summary>
    public static string NewToken() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>True when <paramref name="text"/> has the shape of a token (marker, length, base64url characters); says
    /// nothing about whether it is valid.</summary>
    /// <param name="text">Presented text, or null.</param>
    public static bool LooksLikeToken(string? text) =>
        text is { Length: Length } && text.StartsWith(Marker, StringComparison.Ordinal)
        && text.AsSpan(Marker.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    /// <summary>SHA-256 of the token text (UTF-8).</summary>
    /// <param name="token">Token text.</param>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The public prefix stored beside the hash: the first <see cref="PersonalAccessToken.PrefixLength"/> characters.</summary>
    /// <param name="token">Token text of <see cref="Length"/> characters.</param>
    public static string Prefix(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token[..PersonalAccessToken.PrefixLength];
    }
}
