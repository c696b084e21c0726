namespace SmartEnv.Hj212;

/// <summary>
/// Which reading of the length field located the end of a frame. HJ 212-2017 table 2 defines the field as 4 decimal
/// digits giving the data segment's length; the other rules are field practice, tolerated and recorded per frame so a
/// gateway can learn each device's habit (docs/hj212.md, "Length field").
/// </summary>
public enum Hj212FramingRule
{
    /// <summary>No rule matched (the frame was rejected).</summary>
    None = 0,

    /// <summary>4 digits = data segment length in bytes (the standard, read as bytes: "8 位，1 字节" per character).</summary>
    LengthInBytes = 1,

    /// <summary>4 digits = data segment length in characters (UTF-16 code units), differs from bytes only for Chinese text.</summary>
    LengthInChars = 2,

    /// <summary>4 digits = segment length + 6 (counts the CRC and CR LF as well), a local variant.</summary>
    LengthPlusSix = 3,

    /// <summary>Only 3 length digits (<c>##299ST=…</c>), value = segment bytes.</summary>
    ThreeDigitLength = 4,
}
