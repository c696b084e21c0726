namespace SmartEnv.Hj212;

/// <summary>
/// Outcome of parsing one frame: an accepted <see cref="Packet"/> with its <see cref="Warnings"/> (tolerated
/// deviations), or a <see cref="Rejection"/>. CRC facts are reported either way. Immutable.
/// </summary>
public sealed class Hj212ParseResult
{
    internal Hj212ParseResult(Hj212Packet? packet, Hj212Rejection? rejection, IReadOnlyList<Hj212Warning> warnings,
        bool crcOk, Hj212CrcVariant crcVariant, Hj212FramingRule rule, long streamOffset, int frameLength, string encoding)
    {
        Packet = packet;
        Rejection = rejection;
        Warnings = warnings;
        CrcOk = crcOk;
        CrcVariant = crcVariant;
        Rule = rule;
        StreamOffset = streamOffset;
        FrameLength = frameLength;
        Encoding = encoding;
    }

    /// <summary>True when the packet was accepted (then <see cref="Packet"/> is set).</summary>
    public bool IsAccepted => Packet is not null;

    /// <summary>The packet, when accepted.</summary>
    public Hj212Packet? Packet { get; }

    /// <summary>Why the frame was refused, when not accepted.</summary>
    public Hj212Rejection? Rejection { get; }

    /// <summary>Tolerated deviations, in the order found (empty for a fully conforming packet).</summary>
    public IReadOnlyList<Hj212Warning> Warnings { get; }

    /// <summary>True only when a 4-hex-digit CRC was received and equals the HJ 212-2017 Appendix A CRC of the segment's
    /// bytes (case-insensitive). A packet accepted under a Modbus variant has <c>CrcOk == false</c>.</summary>
    public bool CrcOk { get; }

    /// <summary>The CRC algorithm that verified (<see cref="Hj212CrcVariant.None"/> when none did).</summary>
    public Hj212CrcVariant CrcVariant { get; }

    /// <summary>The framing rule that located the frame's end.</summary>
    public Hj212FramingRule Rule { get; }

    /// <summary>Byte offset of the frame in its connection's stream.</summary>
    public long StreamOffset { get; }

    /// <summary>Length of the frame in bytes.</summary>
    public int FrameLength { get; }

    /// <summary>Text encoding the segment was decoded with: <c>utf-8</c>, <c>gbk</c> or empty when not decoded.</summary>
    public string Encoding { get; }
}
