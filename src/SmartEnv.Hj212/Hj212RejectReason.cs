namespace SmartEnv.Hj212;

/// <summary>
/// Why a frame or packet was rejected. Each value maps to one counter and one log event in the gateway; where the
/// standard defines a reply (HJ 212-2017 table 7, QnRtn), <see cref="Hj212Rejection.QnRtn"/> gives it.
/// </summary>
public enum Hj212RejectReason
{
    /// <summary>Bytes that do not start with <c>##</c> followed by 3–4 digits (garbage between packets).</summary>
    BadHeader = 1,

    /// <summary>The declared length matches the segment under none of the framing rules (bytes, chars, +6, 3-digit).</summary>
    LengthMismatch = 2,

    /// <summary>The frame ended (end of input or the next header) before its CRC and terminator arrived.</summary>
    Truncated = 3,

    /// <summary>No end of frame within the per-connection size cap (<see cref="Hj212FramerOptions.MaxFrameBytes"/>).</summary>
    FrameTooLarge = 4,

    /// <summary>The CRC field is not exactly 4 hex digits (e.g. a 3-digit CRC without its leading zero).</summary>
    BadCrcField = 5,

    /// <summary>The CRC does not verify under the standard algorithm nor under any variant allowed for this device.</summary>
    CrcMismatch = 6,

    /// <summary>The data segment does not end with the CP block's closing <c>&amp;&amp;</c>.</summary>
    CpNotClosed = 7,

    /// <summary>No <c>CP=&amp;&amp;</c> in the data segment.</summary>
    MissingCp = 8,

    /// <summary>The segment is neither valid UTF-8 nor GBK text.</summary>
    BadEncoding = 9,

    /// <summary>A required header field (ST, CN) is missing or a header entry is not <c>key=value</c>.</summary>
    MissingField = 10,

    /// <summary>A header field value is malformed: CN not 4 digits, Flag not an integer 0–255, PNUM/PNO not positive
    /// integers or PNO &gt; PNUM, a field given twice.</summary>
    BadField = 11,

    /// <summary>DataTime (or another time field) is not a valid <c>YYYYMMDDhhmmss</c> time.</summary>
    BadDataTime = 12,

    /// <summary>A CP entry is not <c>key=value</c>.</summary>
    BadCpEntry = 13,

    /// <summary>A deviation that the policy in force does not tolerate; <see cref="Hj212Rejection.Deviation"/> names it.</summary>
    NotTolerated = 14,

    /// <summary>Bytes between the CP block's closing <c>&amp;&amp;</c> and the CRC (e.g. a field written after CP); the
    /// CRC is checked over the data segment proper, which ends at that <c>&amp;&amp;</c>.</summary>
    TrailingDataAfterCp = 15,

    /// <summary>Bytes other than padding (space, TAB, NUL) between a 4-hex CRC after the CP block's closing
    /// <c>&amp;&amp;</c> and the line end (table 2 puts CR LF right after the CRC); the CRC is still checked over the
    /// segment and reported in <see cref="Hj212ParseResult.CrcOk"/>.</summary>
    TrailingBytesAfterCrc = 16,
}
