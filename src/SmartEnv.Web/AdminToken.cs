using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Web;

/// <summary>
/// The legacy admin token of releases before accounts (issue 13, docs/security.md "Bootstrap"): 32 random bytes (64
/// lower-case hex characters) in <c>DATA_DIR/admin-token</c> (mode 600 on Unix). <c>serve</c> no longer creates one (it
/// creates the <c>admin</c> account instead), but an existing file is still honoured as an <c>admin</c> principal
/// (<c>Authorization: Bearer</c> or <c>X-Admin-Token</c>) until it is revoked: <c>smartenv users
/// revoke-bootstrap-token</c> deletes the file, and a token loaded from a file stops matching as soon as the file is
/// gone (checked on every request). Immutable; thread-safe.
/// </summary>
public sealed class AdminToken
{
    /// <summary>File name inside the data directory.</summary>
    public const string FileName = "admin-token";

    private readonly byte[] _bytes;

    private readonly string? _path;

    private AdminToken(string value, bool created, string? path)
    {
        Value = value;
        Created = created;
        _path = path;
        _bytes = Encoding.ASCII.GetBytes(value);
    }

    /// <summary>True when the token came from a file that has since been deleted (revoked).</summary>
    public bool IsRevoked => _path is not null && !File.Exists(_path);

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
            if (existing.Length >= 32) return new AdminToken(existing, false, path);
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new AdminToken(token, true, path);
    }

    /// <summary>The token of <c>DATA_DIR/admin-token</c> when that file exists (a store of an earlier release), else null;
    /// never creates one (<c>serve</c>).</summary>
    /// <param name="dataDirectory">Data directory.</param>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public static AdminToken? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) return null;
        var existing = File.ReadAllText(path).Trim();
        return existing.Length >= 32 ? new AdminToken(existing, false, path) : null;
    }

    /// <summary>Revokes the legacy token of a data directory by deleting <c>DATA_DIR/admin-token</c>.</summary>
    /// <param name="dataDirectory">Data directory.</param>
    /// <returns>False when there was no token file.</returns>
    /// <exception cref="IOException">The file cannot be deleted.</exception>
    public static bool Revoke(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    /// <summary>Reads the token of a data directory, or null when none was generated yet.</summary>
    /// <param name="dataDirectory">Data directory.</param>
    public static string? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Constant-time comparison with a presented token; false once the token is revoked (<see cref="IsRevoked"/>).</summary>
    /// <param name="presented">Token from the request, or null.</param>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_bytes, Encoding.ASCII.GetBytes(presented)) && !IsRevoked;
}
