namespace SmartEnv.Hj212;

/// <summary>A tolerated deviation found in an accepted packet. Immutable.</summary>
/// <param name="Deviation">What departs from the standard.</param>
/// <param name="Position">Byte offset from the frame's first <c>#</c> where the deviation was found (0 when it concerns
/// the frame as a whole).</param>
public readonly record struct Hj212Warning(Hj212Deviation Deviation, int Position)
{
    /// <summary>snake_case code used in logs and JSON output, e.g. <c>lowercase_crc</c>.</summary>
    public string Code => Hj212Names.Snake(Deviation.ToString());

    /// <summary>What was found, for deviations about one CP entry: the key or <c>key=value</c> as sent, or the factor
    /// code (<c>a34006</c>); null for deviations about the frame or header.</summary>
    public string? Detail { get; init; }

    /// <summary><see cref="Code"/>, followed by <c> (</c><see cref="Detail"/><c>)</c> when there is one, e.g.
    /// <c>unregistered_factor_code (a34006)</c>.</summary>
    public string Describe() => Detail is null ? Code : $"{Code} ({Detail})";
}
