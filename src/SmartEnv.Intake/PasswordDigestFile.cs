using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Intake;

/// <summary>
/// Device PWs the gateway has verified, kept across restarts (issue 15): per MN an HMAC-SHA256 digest of the stored PW
/// hash and the PW under a server secret, so after a restart a logger's first packet costs one HMAC instead of one
/// PBKDF2 run (0.1–0.2 s of a core; 10,000 devices ≈ 25 min of CPU while the first packets wait). The digest covers the
/// stored hash (salt included), so a PW changed by staff never matches an old digest. Two files in the data folder,
/// both created owner-only (0600) on Unix: <see cref="KeyFileName"/> (32 random bytes from
/// <see cref="RandomNumberGenerator"/>) and <see cref="DigestFileName"/> (lines <c>MN TAB base64(digest)</c>), written
/// whole to a temporary file and renamed by <see cref="Save"/>. Trade-off (docs/security.md "Device passwords and
/// lockout"): whoever reads both files and the <c>devices</c> table can test PW guesses at HMAC speed instead of PBKDF2
/// speed; the data folder is the server's own and <c>raw_packets.text</c> holds each packet, PW included, anyway.
/// Thread-safe.
/// </summary>
public sealed class PasswordDigestFile
{
    /// <summary>File name of the server secret.</summary>
    public const string KeyFileName = "hj212-pw-digest.key";

    /// <summary>File name of the remembered digests.</summary>
    public const string DigestFileName = "hj212-pw-digests.tsv";

    private readonly string _directory;
    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, byte[]> _digests = new(StringComparer.Ordinal);
    private readonly object _saveLock = new();
    private int _dirty;

    /// <summary>Opens (or creates) the secret and reads the digests of <paramref name="directory"/>; an unreadable
    /// digest line is skipped (the device is then verified by PBKDF2 once more).</summary>
    /// <param name="directory">The data folder (created when missing).</param>
    /// <exception cref="IOException">The secret cannot be read or created.</exception>
    /// <exception cref="InvalidDataException">The secret file is not 32 bytes.</exception>
    public PasswordDigestFile(string directory)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        Directory.CreateDirectory(directory);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (!File.Exists(keyPath))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                using var f = OwnerOnly(keyPath, FileMode.CreateNew);
                f.Write(fresh);
            }
            catch (IOException) when (File.Exists(keyPath)) { } // another process created it first: read theirs
        }
        _key = File.ReadAllBytes(keyPath);
        if (_key.Length != 32) throw new InvalidDataException($"{keyPath} holds {_key.Length} bytes, expected 32");
        var digestPath = Path.Combine(directory, DigestFileName);
        if (!File.Exists(digestPath)) return;
        foreach (var line in File.ReadLines(digestPath))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var bytes = new byte[32];
            if (Convert.TryFromBase64String(line[(tab + 1)..], bytes, out var n) && n == 32) _digests[line[..tab]] = bytes;
        }
    }

    /// <summary>Digests remembered now.</summary>
    public int Count => _digests.Count;

    /// <summary>The digest of a PW against a stored hash: HMAC-SHA256 under the server secret of
    /// <c>UTF-8(storedHash LF password)</c>.</summary>
    /// <param name="storedHash">The device's <c>password_hash</c>.</param>
    /// <param name="password">The PW as received.</param>
    public byte[] Digest(string storedHash, string password) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(storedHash + "\n" + password));

    /// <summary>True when <paramref name="digest"/> is the one remembered for <paramref name="mn"/> (fixed-time
    /// comparison).</summary>
    /// <param name="mn">MN.</param>
    /// <param name="digest">From <see cref="Digest"/>.</param>
    public bool Matches(string mn, byte[] digest) =>
        _digests.TryGetValue(mn, out var d) && CryptographicOperations.FixedTimeEquals(d, digest);

    /// <summary>Remembers the digest of a PW just verified by PBKDF2 (written at the next <see cref="Save"/>).</summary>
    /// <param name="mn">MN.</param>
    /// <param name="digest">From <see cref="Digest"/>.</param>
    public void Remember(string mn, byte[] digest)
    {
        _digests[mn] = digest;
        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>Writes the digests when some were added since the last save: to a temporary owner-only file, then
    /// renamed over <see cref="DigestFileName"/> (a crash leaves the old or the new file, never a torn one).</summary>
    /// <returns>True when the file was written.</returns>
    /// <exception cref="IOException">The folder cannot be written (the digests stay in memory and dirty).</exception>
    public bool Save()
    {
        lock (_saveLock)
        {
            if (Interlocked.Exchange(ref _dirty, 0) == 0) return false;
            var path = Path.Combine(_directory, DigestFileName);
            var tmp = path + ".tmp";
            try
            {
                using (var f = OwnerOnly(tmp, FileMode.Create))
                using (var w = new StreamWriter(f, new UTF8Encoding(false)))
                    foreach (var (mn, d) in _digests) w.Write($"{mn}\t{Convert.ToBase64String(d)}\n");
                File.Move(tmp, path, overwrite: true);
                return true;
            }
            catch
            {
                Volatile.Write(ref _dirty, 1);
                throw;
            }
        }
    }

    private static FileStream OwnerOnly(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
