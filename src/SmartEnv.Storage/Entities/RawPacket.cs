namespace SmartEnv.Storage.Entities;

/// <summary>
/// One packet exactly as received (HJ 212 frame text), with framing diagnostics and its fate. Every packet the
/// gateway reads is stored here first, accepted or quarantined. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class RawPacket
{
    /// <summary>Column width of <see cref="Mn"/> (characters); the store owns every width, writers clip with <see cref="Fit"/>.</summary>
    public const int MnLength = 64;

    /// <summary>Column width of <see cref="Cn"/>.</summary>
    public const int CnLength = 8;

    /// <summary>Column width of <see cref="Qn"/>.</summary>
    public const int QnLength = 32;

    /// <summary>Column width of <see cref="Peer"/>.</summary>
    public const int PeerLength = 256;

    /// <summary>Column width of <see cref="FramingDiagnostics"/>.</summary>
    public const int FramingDiagnosticsLength = 256;

    /// <summary>Column width of <see cref="QuarantineDetail"/>.</summary>
    public const int QuarantineDetailLength = 512;

    /// <summary>The text made storable and cut to a column width (null stays null): NUL (U+0000), which a PostgreSQL
    /// <c>text</c> value cannot hold, and lone UTF-16 surrogates, which UTF-8 cannot encode, become U+FFFD, so a packet
    /// carrying them is stored (and quarantined) on both engines instead of failing its transaction (issue 14 item 13).
    /// Thread-safe.</summary>
    /// <param name="text">Text to store.</param>
    /// <param name="width">One of this type's <c>…Length</c> constants.</param>
    public static string? Fit(string? text, int width)
    {
        var clean = Storable(text);
        return clean is null || clean.Length <= width ? clean : clean[..width];
    }

    /// <summary>The text with NUL and lone surrogates replaced by U+FFFD (see <see cref="Fit"/>); the same instance when
    /// there is nothing to replace. Thread-safe.</summary>
    /// <param name="text">Text to store, or null.</param>
    public static string? Storable(string? text)
    {
        if (text is null) return null;
        var bad = false;
        for (var i = 0; i < text.Length && !bad; i++)
        {
            var c = text[i];
            if (c == '\0') bad = true;
            else if (char.IsHighSurrogate(c)) { if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++; else bad = true; }
            else if (char.IsLowSurrogate(c)) bad = true;
        }
        if (!bad) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '\0') chars[i] = '\uFFFD';
            else if (char.IsHighSurrogate(c)) { if (i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++; else chars[i] = '\uFFFD'; }
            else if (char.IsLowSurrogate(c)) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    /// <summary>Surrogate key, referenced by <see cref="Observation.RawPacketId"/>.</summary>
    public long Id { get; set; }

    /// <summary>The frame as text (UTF-8 decoded, including <c>##</c>, length, CRC; CR LF excluded).</summary>
    public required string Text { get; set; }

    /// <summary>Receive instant (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Remote endpoint, e.g. <c>127.0.0.1:53122</c>; for file imports the file name.</summary>
    public string? Peer { get; set; }

    /// <summary>MN as read from the packet (may be unregistered), or null if none could be read.</summary>
    public string? Mn { get; set; }

    /// <summary>CN as read from the packet, or null.</summary>
    public string? Cn { get; set; }

    /// <summary>QN as read from the packet, or null (2005 uploads often have none).</summary>
    public string? Qn { get; set; }

    /// <summary>Framing diagnostics: which length rule matched, CRC verdict and variant, terminator, e.g.
    /// <c>length=bytes;crc=ok;tail=crlf</c>.</summary>
    public string? FramingDiagnostics { get; set; }

    /// <summary>True when the CRC matched the standard algorithm.</summary>
    public bool CrcValid { get; set; }

    /// <summary>Accepted or quarantined.</summary>
    public PacketStatus Status { get; set; }

    /// <summary>Why it was quarantined; null when accepted.</summary>
    public QuarantineReason? QuarantineReason { get; set; }

    /// <summary>Human-readable detail of the reason (e.g. the unknown MN).</summary>
    public string? QuarantineDetail { get; set; }
}
