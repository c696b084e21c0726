namespace SmartEnv.Hj212;

/// <summary>Identity of one split record: (MN, CN, DataTime, PNUM). Not QN: the standard gives each part its own QN
/// (HJ 212-2017 C.50). Immutable.</summary>
/// <param name="Mn">Device MN.</param>
/// <param name="Cn">Command code.</param>
/// <param name="DataTime">DataTime text as sent (null when the parts carry none).</param>
/// <param name="Pnum">Total number of parts.</param>
public readonly record struct Hj212SplitKey(string? Mn, string Cn, string? DataTime, int Pnum);
