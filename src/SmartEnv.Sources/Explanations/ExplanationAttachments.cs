using System.Security.Cryptography;
using SmartEnv.Storage;

namespace SmartEnv.Sources.Explanations;

/// <summary>
/// The files attached to 异常说明 (a 停产 notice, a repair record, a photo), kept under one directory of the server's data
/// folder (<c>smartenv serve --data-dir</c> → <c>DATA_DIR/attachments</c>): each under a name the server chooses
/// (<c>explanations/{32 hex}.{ext}</c>, never the uploaded name), owner-only (<see cref="StoreFiles"/>), with its SHA-256 kept
/// in <c>source_explanations.attachment_sha256</c> and checked again on every read. Limits (SmartEnv rules, docs/sources.md
/// "Explanations"): at most <see cref="MaxBytes"/> bytes, not empty, extension one of <see cref="Extensions"/> (documents and
/// pictures an enterprise scans or photographs; nothing executable, no markup that a browser would render). Thread-safe
/// (no shared mutable state; each file is written once under a fresh name).
/// </summary>
public sealed class ExplanationAttachments
{
    /// <summary>Largest attachment: 10 MiB = 10,485,760 bytes (a scanned multi-page PDF; SmartEnv rule).</summary>
    public const long MaxBytes = 10L * 1024 * 1024;

    /// <summary>Accepted file extensions (lower case, with the dot).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".txt"];

    private const string Folder = "explanations";

    /// <summary>Creates the store over <paramref name="directory"/> (created owner-only when first written).</summary>
    /// <param name="directory">Attachment directory, absolute or relative to the working directory.</param>
    /// <exception cref="ArgumentException">Empty directory.</exception>
    public ExplanationAttachments(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The attachment directory (absolute).</summary>
    public string Directory { get; }

    /// <summary>Why an uploaded file name is refused, or null: its extension must be one of <see cref="Extensions"/>.</summary>
    /// <param name="fileName">The uploaded name.</param>
    public static string? CheckName(string? fileName)
    {
        var name = SafeName(fileName);
        if (name.Length == 0) return "the attachment has no file name";
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return Extensions.Contains(ext) ? null : $"attachment type '{ext}' is not accepted (accepted: {string.Join(' ', Extensions)})";
    }

    /// <summary>The uploaded name without any path part or control character, at most 255 characters (shown and offered
    /// as the download name; never used as a path).</summary>
    /// <param name="fileName">The uploaded name, or null.</param>
    public static string SafeName(string? fileName)
    {
        var n = (fileName ?? "").Replace('\\', '/');
        n = n[(n.LastIndexOf('/') + 1)..];
        n = new string(n.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return n.Length > 255 ? n[^255..] : n;
    }

    /// <summary>Writes <paramref name="content"/> under a fresh name, counting and hashing as it copies; refuses (and
    /// deletes what was written) past <see cref="MaxBytes"/> or when nothing was sent.</summary>
    /// <param name="content">The uploaded bytes.</param>
    /// <param name="fileName">The uploaded name (checked with <see cref="CheckName"/> first by the caller).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored file (relative path, SHA-256, size) or the reason it was refused.</returns>
    public async Task<(StoredAttachment? File, string? Error)> SaveAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (CheckName(fileName) is { } bad) return (null, bad);
        var ext = Path.GetExtension(SafeName(fileName)).ToLowerInvariant();
        var relative = $"{Folder}/{Guid.NewGuid():N}{ext}";
        var full = FullPath(relative);
        StoreFiles.CreateDirectoryOwnerOnly(Path.GetDirectoryName(full)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = StoreFiles.FileMode;
        long total = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var target = new FileStream(full, options))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > MaxBytes) throw new AttachmentTooLargeException();
                    sha.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (total == 0) { File.Delete(full); return (null, "the attachment is empty (0 bytes)"); }
            return (new StoredAttachment(relative, Convert.ToHexStringLower(sha.GetHashAndReset()), total), null);
        }
        catch (AttachmentTooLargeException)
        {
            File.Delete(full);
            return (null, $"the attachment is larger than {MaxBytes} bytes (10 MiB)");
        }
        catch
        {
            File.Delete(full);
            throw;
        }
    }

    /// <summary>Deletes a stored file (a row that was not committed); a missing file is no error.</summary>
    /// <param name="relativePath">The path <see cref="SaveAsync"/> returned.</param>
    public void Delete(string relativePath)
    {
        var full = FullPath(relativePath);
        if (File.Exists(full)) File.Delete(full);
    }

    /// <summary>Reads a stored file and checks its SHA-256.</summary>
    /// <param name="relativePath">Stored relative path.</param>
    /// <param name="sha256">Expected SHA-256 (hex).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The bytes, or null with why: the file is missing, or its hash differs (changed on disk).</returns>
    public async Task<(byte[]? Bytes, string? Error)> ReadAsync(string relativePath, string sha256, CancellationToken ct = default)
    {
        var full = FullPath(relativePath);
        if (!File.Exists(full)) return (null, "the attachment file is missing from the attachment directory");
        var bytes = await File.ReadAllBytesAsync(full, ct);
        return string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256, StringComparison.OrdinalIgnoreCase)
            ? (bytes, null)
            : (null, "the attachment file does not match its recorded SHA-256 (changed on disk)");
    }

    private string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Directory, relative));
        if (!full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("attachment path outside the attachment directory", nameof(relative));
        return full;
    }

    private sealed class AttachmentTooLargeException : Exception;
}

/// <summary>An attachment as stored by <see cref="ExplanationAttachments.SaveAsync"/>. Immutable; thread-safe.</summary>
/// <param name="RelativePath">Path under the attachment directory (<c>explanations/{32 hex}.{ext}</c>).</param>
/// <param name="Sha256">SHA-256 of the bytes, 64 lower-case hex digits.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record StoredAttachment(string RelativePath, string Sha256, long Bytes);
