namespace SmartEnv.Hj212;

/// <summary>How a frame ended after its CRC. HJ 212-2017 table 2: the packet ends with CR LF.</summary>
public enum Hj212Terminator
{
    /// <summary>CR LF, as the standard requires.</summary>
    CrLf = 0,

    /// <summary>LF without CR (field practice; a deviation).</summary>
    LfOnly = 1,

    /// <summary>No terminator: the CRC was followed by the end of input or by the next <c>##</c> header (a deviation).</summary>
    Missing = 2,
}
