using System.Buffers;

namespace SmartEnv.Hj212;

/// <summary>
/// One frame cut from a byte stream by <see cref="Hj212Framer"/>: either a packet (<c>##</c> LLLL segment CRC CR LF)
/// with its framing facts, or a rejected run of bytes. The byte sequences point into the caller's buffer and are valid
/// only until the caller advances its pipe reader. Immutable value; no allocation.
/// </summary>
public readonly struct Hj212Frame
{
    internal Hj212Frame(long streamOffset, ReadOnlySequence<byte> raw, Hj212RejectReason? reason, int segmentOffset,
        int segmentLength, int declaredLength, int lengthDigits, Hj212FramingRule rule, int crcOffset, int crcDigits,
        ushort receivedCrc, bool crcLowercase, Hj212Terminator terminator, ushort computedCrc, int padding = 0)
    {
        StreamOffset = streamOffset;
        Raw = raw;
        FramingRejection = reason;
        SegmentOffset = segmentOffset;
        SegmentLength = segmentLength;
        DeclaredLength = declaredLength;
        LengthDigits = lengthDigits;
        Rule = rule;
        CrcOffset = crcOffset;
        CrcDigits = crcDigits;
        ReceivedCrc = receivedCrc;
        CrcLowercase = crcLowercase;
        Terminator = terminator;
        ComputedCrc = computedCrc;
        Padding = padding;
    }

    /// <summary>Offset of the frame's first byte counted from the first byte the framer ever saw (per connection).</summary>
    public long StreamOffset { get; }

    /// <summary>All bytes of the frame, from <c>##</c> through the terminator (or the rejected bytes).</summary>
    public ReadOnlySequence<byte> Raw { get; }

    /// <summary>Set when the framer itself refuses the bytes (garbage, truncation, length mismatch, bad CRC field, size
    /// cap); the segment fields are still filled where they could be located.</summary>
    public Hj212RejectReason? FramingRejection { get; }

    /// <summary>Offset of the data segment within <see cref="Raw"/> (6 for a 4-digit length field).</summary>
    public int SegmentOffset { get; }

    /// <summary>Length of the data segment in bytes (0 when it could not be located).</summary>
    public int SegmentLength { get; }

    /// <summary>The data segment: from the first field through the closing <c>&amp;&amp;</c>.</summary>
    public ReadOnlySequence<byte> Segment => Raw.Slice(SegmentOffset, SegmentLength);

    /// <summary>Value of the length field as written (−1 when absent).</summary>
    public int DeclaredLength { get; }

    /// <summary>Number of digits in the length field (4 per the standard, 3 seen in the field).</summary>
    public int LengthDigits { get; }

    /// <summary>Which reading of the length field located the frame's end (<see cref="Hj212FramingRule.None"/> when none did).</summary>
    public Hj212FramingRule Rule { get; }

    /// <summary>Offset of the CRC text within <see cref="Raw"/>.</summary>
    public int CrcOffset { get; }

    /// <summary>Number of hex digits of the CRC field (4 per the standard; 0 when absent).</summary>
    public int CrcDigits { get; }

    /// <summary>CRC value as received (valid when <see cref="CrcDigits"/> &gt; 0).</summary>
    public ushort ReceivedCrc { get; }

    /// <summary>True when the CRC text contains a lower-case hex letter.</summary>
    public bool CrcLowercase { get; }

    /// <summary>Number of space, TAB or NUL bytes between the CRC and the terminator (0 per table 2; see
    /// <see cref="Hj212Deviation.PaddingBeforeTerminator"/>). They are not part of the segment or the CRC.</summary>
    public int Padding { get; }

    /// <summary>How the frame ended after the CRC.</summary>
    public Hj212Terminator Terminator { get; }

    /// <summary>The standard (Appendix A) CRC of <see cref="Segment"/>, computed by the framer.</summary>
    public ushort ComputedCrc { get; }

    /// <summary>True when a 4-digit CRC was received and equals the standard CRC of the segment.</summary>
    public bool StandardCrcOk => CrcDigits == 4 && ComputedCrc == ReceivedCrc;

    /// <summary>True when the framer accepted the bytes as a packet (the parser may still reject it).</summary>
    public bool IsPacket => FramingRejection is null;
}
