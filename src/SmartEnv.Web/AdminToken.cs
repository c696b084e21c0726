using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Web;

/// <summary>
/// The admin token that every write endpoint (and non-public read) requires until accounts exist. Generated on first
/// run as 32 random bytes (64 lower-case hex characters) and stored in <c>DATA_DIR/admin-token</c> (mode 600 on Unix).
/// Immutable; thread-safe.
/// </summary>
public sealed class AdminToken
{
    /// <summary>File name inside the data directory.</summary>
    public const string FileName = "admin-token";

    private readonly byte[] _bytes;

    private AdminToken(string value, bool created)
    {
        Value = value;
        Created = created;
        _bytes = Encoding.ASCII.GetBytes(value);
    }

    /// <summary>The token text.</summary>
    public string Value { get; }

    /// <summary>True when this call generated the token (first run): the caller prints it once.</summary>
    public bool Created { get; }

    /// <summary>Reads <c>DATA_DIR/admin-token</c>, creating it with a new random token if absent.</summary>
    /// <param name="dataDirectory">Data directory (created if missing).</param>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static AdminToken LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32) return new AdminToken(existing, false);
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new AdminToken(token, true);
    }

    /// <summary>Reads the token of a data directory, or null when none was generated yet.</summary>
    /// <param name="dataDirectory">Data directory.</param>
    public static string? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Constant-time comparison with a presented token.</summary>
    /// <param name="presented">Token from the request, or null.</param>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_bytes, Encoding.ASCII.GetBytes(presented));
}
