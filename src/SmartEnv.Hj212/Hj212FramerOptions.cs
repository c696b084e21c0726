namespace SmartEnv.Hj212;

/// <summary>Limits of one connection's framer. Immutable.</summary>
public sealed record Hj212FramerOptions
{
    /// <summary>Default options (16 KiB cap).</summary>
    public static Hj212FramerOptions Default { get; } = new();

    /// <summary>
    /// Largest frame, in bytes from <c>##</c> to the end of CR LF, the framer will buffer while looking for a frame's
    /// end. Defaults to 16384 bytes: the standard's maximum is 6 + 1024 + 6 = 1036 bytes (HJ 212-2017 table 2 and §6.3),
    /// but segments up to 1703 bytes are seen in the field, and the engineering brief recommends a 16 KiB buffer per
    /// connection. Must be at least 64.
    /// </summary>
    public int MaxFrameBytes { get; init; } = 16 * 1024;
}
