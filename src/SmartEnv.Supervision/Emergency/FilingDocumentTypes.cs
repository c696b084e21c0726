namespace SmartEnv.Supervision.Emergency;

/// <summary>
/// The file types a filing-set document (备案材料, supervision.md §8.3) may have, checked by extension and leading bytes
/// wherever a document arrives (the API's raw-body upload and the page's form alike): PDF <c>%PDF</c>; PNG; JPEG
/// <c>FF D8 FF</c>; DOCX and OFD are ZIP containers (<c>PK\x03\x04</c>); DOC is an OLE compound file (<c>D0 CF 11 E0</c>).
/// SmartEnv choice [U]: the formats bureaus accept for 备案材料 in practice; no executable, script or page is stored.
/// Pure; thread-safe.
/// </summary>
public static class FilingDocumentTypes
{
    /// <summary>Largest document, bytes (8 MiB).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>Extension (with the dot, any case) → (content type stored and served, leading bytes it must start with).</summary>
    public static IReadOnlyDictionary<string, (string ContentType, byte[] Magic)> Types { get; } = new Dictionary<string, (string, byte[])>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", "%PDF"u8.ToArray()),
        [".png"] = ("image/png", [0x89, 0x50, 0x4E, 0x47]),
        [".jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        [".ofd"] = ("application/ofd", [0x50, 0x4B, 0x03, 0x04]),
        [".doc"] = ("application/msword", [0xD0, 0xCF, 0x11, 0xE0]),
    };

    /// <summary>The extensions, comma-separated (an <c>accept</c> attribute, an error text).</summary>
    public static string Accept => string.Join(',', Types.Keys);

    /// <summary>Checks a document: its extension is one of <see cref="Types"/>, its size 1 … <see cref="MaxBytes"/> bytes and
    /// its first bytes those of the type.</summary>
    /// <param name="fileName">The original name (its extension decides the type, never a claimed content type).</param>
    /// <param name="content">The bytes.</param>
    /// <returns>The content type to store, or the reason (English, one line) the document is refused.</returns>
    public static (string? ContentType, string? Error) Check(string? fileName, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(fileName ?? "");
        if (!Types.TryGetValue(ext, out var t)) return (null, $"file type: {Accept}");
        if (content.Length == 0 || content.Length > MaxBytes) return (null, "file: 1 byte to 8 MiB");
        if (!content.StartsWith(t.Magic)) return (null, $"file content is not a {ext[1..].ToLowerInvariant()} file");
        return (t.ContentType, null);
    }
}
