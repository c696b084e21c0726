namespace SmartEnv.Simulation;

/// <summary>Settings of <see cref="Hj212Simulator"/>. Immutable; thread-safe.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Gateway host. Defaults to 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gateway port. Defaults to 9212.</summary>
    public int Port { get; init; } = 9212;

    /// <summary>Number of simulated stations (one logger and one TCP connection each). Defaults to 10.</summary>
    public int Stations { get; init; } = 10;

    /// <summary>Real-time upload interval per station. Defaults to 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long new packets are generated. Defaults to 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Answer timeout before a resend. Defaults to 10 s (HJ 212-2017 table 1, GPRS/CDMA/LTE).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After <see cref="Duration"/>, how long un-acknowledged packets keep being resent. Defaults to 30 s.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>MN prefix; station i gets <c>prefix</c> + i zero-padded to 24 characters. Defaults to <c>SIM</c>.</summary>
    public string MnPrefix { get; init; } = "SIM";

    /// <summary>PW of every simulated logger. Defaults to <c>123456</c>.</summary>
    public string Password { get; init; } = "123456";

    /// <summary>Seed of the value generator (reproducible runs). Defaults to 212.</summary>
    public int Seed { get; init; } = 212;

    /// <summary>Replay mode: station i sends the hours of <c>Replay[i]</c> in order as CN 2061 hour packets (one per
    /// <see cref="Interval"/>) instead of generated real-time data; null for generated traffic. When set,
    /// <see cref="Stations"/> must not exceed its count.</summary>
    public IReadOnlyList<ReplayStation>? Replay { get; init; }

    /// <summary>What the generated traffic looks like (ignored in replay mode). Defaults to <see cref="SimulatedKind.Air"/>.</summary>
    public SimulatedKind Kind { get; init; } = SimulatedKind.Air;

    /// <summary>Noise mode: start (any offset; whole Beijing hour) of the first simulated hour; each further packet of a
    /// station is the next hour. Null: the Beijing hour max(24, Duration / Interval) hours before the start of the run,
    /// so the run ends at or before the current hour (future DataTimes are quarantined by the gateway).</summary>
    public DateTimeOffset? NoiseFirstHour { get; init; }

    /// <summary>CEMS mode settings (<see cref="SimulatedKind.Cems"/>); null there means the defaults of <see cref="CemsSettings"/>.</summary>
    public CemsSettings? Cems { get; init; }

    /// <summary>The MN of station <paramref name="index"/>.</summary>
    /// <param name="index">0-based station index.</param>
    public string Mn(int index) => MnPrefix + index.ToString("D" + Math.Max(1, 24 - MnPrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Generated traffic of <see cref="Hj212Simulator"/>.</summary>
public enum SimulatedKind
{
    /// <summary>Ambient air (ST 22): CN 2011 real-time uploads of the six AQI pollutants every interval.</summary>
    Air,

    /// <summary>Ambient noise (ST 23): CN 2061 hour uploads, one simulated hour per interval, with <c>Leq-Data</c>,
    /// <c>L10-Data</c>, <c>L50-Data</c>, <c>L90-Data</c>, <c>LMx-Data</c>, <c>LMn-Data</c> in dB(A) (HJ 212-2017 table B.3,
    /// examples C.26–C.28) following a plausible urban day/night profile.</summary>
    Noise,

    /// <summary>Pollution-source online monitoring (ST 31 flue-gas CEMS, ST 32 waste-water monitors) of permit outlets:
    /// one simulated hour per interval (CN 2061 with <c>-Avg/-ZsAvg/-Cou/-Flag</c>, optionally 2011 and 2051, and 2031 per
    /// complete day), a configurable share of hours above the limits (<see cref="CemsTraffic"/>, <see cref="CemsSettings"/>).</summary>
    Cems,
}

/// <summary>One station's recorded hours to replay. Immutable; thread-safe.</summary>
/// <param name="Code">Station code in the source (e.g. CNEMC <c>1420A</c>).</param>
/// <param name="Hours">Hours in the order to send.</param>
public sealed record ReplayStation(string Code, IReadOnlyList<ReplayHour> Hours);

/// <summary>One recorded hour. Immutable; thread-safe.</summary>
/// <param name="Start">Start of the hour (HJ 212 DataTime of a 2061 packet is the period start, table 4).</param>
/// <param name="Values">HJ 212 factor code and value text, e.g. (<c>a34004</c>, <c>35</c>).</param>
public sealed record ReplayHour(DateTimeOffset Start, IReadOnlyList<KeyValuePair<string, string>> Values);
