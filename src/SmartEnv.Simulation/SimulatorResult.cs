namespace SmartEnv.Simulation;

/// <summary>
/// Outcome of a simulator run: the JSON summary fields (<c>sent</c>, <c>acked</c>, <c>retransmitted</c>, <c>p50_ms</c>,
/// <c>p90_ms</c>, <c>p99_ms</c>, <c>p999_ms</c>, <c>max_ms</c>, <c>loggers_without_ack</c>, <c>seconds</c>) and the
/// acknowledged packets for verification. Immutable; thread-safe.
/// </summary>
/// <param name="Sent">Distinct packets the loggers generated and queued; each is written until acknowledged (a write broken by a reset is resent after the reconnect), so <paramref name="Acked"/> never exceeds it.</param>
/// <param name="Acked">Packets answered with a 9014 echoing their QN.</param>
/// <param name="Retransmitted">Resends (answer timeout or reconnect).</param>
/// <param name="P50Ms">Median time from first send to answer, ms (null when nothing was acked).</param>
/// <param name="P99Ms">99th percentile of the same, ms.</param>
/// <param name="AckedPackets">(MN, QN, DataTime text) of every acknowledged packet.</param>
public sealed record SimulatorResult(long Sent, long Acked, long Retransmitted, double? P50Ms, double? P99Ms,
    IReadOnlyList<(string Mn, string Qn, string DataTime)> AckedPackets)
{
    /// <summary>90th percentile of the ack latency, ms (null when nothing was acked).</summary>
    public double? P90Ms { get; init; }

    /// <summary>99.9th percentile of the ack latency, ms (null when nothing was acked).</summary>
    public double? P999Ms { get; init; }

    /// <summary>Largest ack latency, ms (null when nothing was acked).</summary>
    public double? MaxMs { get; init; }

    /// <summary>Loggers none of whose packets was acknowledged (a starved logger; issue 15 goal 1).</summary>
    public int LoggersWithoutAck { get; init; }

    /// <summary>Wall time of the run (generation + drain until every logger finished), s.</summary>
    public double Seconds { get; init; }

    /// <summary>CEMS mode: the limit exceedances of the acknowledged CN 2061 hours, ordered by MN, DataTime and factor
    /// (what the platform should store as <c>source_exceedances</c> when the outlets' permit limits equal
    /// <see cref="CemsSettings.Limits"/>); null in the other modes.</summary>
    public IReadOnlyList<CemsExceedance>? Exceedances { get; init; }
}
