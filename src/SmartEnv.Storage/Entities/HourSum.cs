namespace SmartEnv.Storage.Entities;

/// <summary>
/// Running aggregate of the minute (HJ 212 CN 2051) or real-time (CN 2011) values of one site, pollutant, period and
/// hour (<c>hour_sums</c>, issue 15 goal 2): what the GB 3095-2012 Table 4 "≥ 45 min of sampling" rule and the hour
/// mean need (SubHourlyMeans in SmartEnv.Evaluation), so that an AQI recomputation reads one row per hour instead of
/// every stored value. Counts only values that are measurements (flag none or <c>N</c>, value not null), as the rule does.
/// Maintained by <see cref="ObservationWriter"/> in the transaction that stores the values: a value inserted after the
/// hour's last counted instant adds to the row; any other change (a late value inside the hour, a corrected resend, an
/// import) sets <see cref="Stale"/>, and the evaluator rebuilds the row from the hour's stored values before using it.
/// Key: (<see cref="SiteId"/>, <see cref="ParameterCode"/>, <see cref="Period"/>, <see cref="HourStart"/>).
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class HourSum
{
    /// <summary>Site.</summary>
    public long SiteId { get; set; }

    /// <summary>Factor code of one of the six AQI pollutants (<see cref="HourSums.Codes"/>).</summary>
    public required string ParameterCode { get; set; }

    /// <summary><see cref="PeriodType.Min"/> or <see cref="PeriodType.Rtd"/>.</summary>
    public PeriodType Period { get; set; }

    /// <summary>Start of the hour (UTC, whole hour).</summary>
    public DateTimeOffset HourStart { get; set; }

    /// <summary>Number of counted values (distinct instants: the measurement key makes them distinct).</summary>
    public int Samples { get; set; }

    /// <summary>Exact sum of the counted values (μg/m³; CO mg/m³), scale kept as decimal addition keeps it.</summary>
    public decimal Sum { get; set; }

    /// <summary>Earliest counted instant, or null when <see cref="Samples"/> is 0.</summary>
    public DateTimeOffset? FirstAt { get; set; }

    /// <summary>Latest counted instant, or null when <see cref="Samples"/> is 0.</summary>
    public DateTimeOffset? LastAt { get; set; }

    /// <summary>Smallest positive gap between consecutive counted instants of the hour, microseconds; null with fewer than
    /// two. With <see cref="FirstAt"/>/<see cref="LastAt"/> of the neighbouring hours it gives the series' reporting
    /// interval exactly (the smallest gap of a sorted series is inside an hour or across a boundary).</summary>
    public long? MinGapMicros { get; set; }

    /// <summary>True when the numbers may be wrong (a value changed, or arrived before <see cref="LastAt"/>): rebuild from
    /// the stored values of the hour before use.</summary>
    public bool Stale { get; set; }

    /// <summary>Incremented by every write of the row; a rebuild writes its result only if the version is still the one it
    /// read (so a rebuild never overwrites a concurrent writer's addition).</summary>
    public long Version { get; set; }
}

/// <summary>
/// The last (MN, QN) keys of accepted HJ 212 packets (<c>packet_keys</c>, issue 15 goal 3): a packet whose key is here with
/// the same text hash was stored before and is not stored again (<see cref="PacketWrite.Duplicate"/>); the logger is still
/// acknowledged.
/// A separate small table rather than a unique index on <c>raw_packets</c>, which may be partitioned by month on
/// PostgreSQL (a unique index there must include the partition key). Keys older than
/// <see cref="ObservationWriter.ResendWindow"/> are pruned. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class PacketKey
{
    /// <summary>HJ 212 MN of the packet.</summary>
    public required string Mn { get; set; }

    /// <summary>HJ 212 QN (request number, <c>YYYYMMDDhhmmsszzz</c>) of the packet.</summary>
    public required string Qn { get; set; }

    /// <summary>Receive time of the stored packet (UTC); the pruning clock.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>First 8 bytes of the SHA-256 of the stored packet's text (<see cref="RawPacket.Text"/>, UTF-8), as a signed
    /// integer: a packet with this (MN, QN) is a resend only when its text is the same. Loggers and the standard's own
    /// examples reuse a QN for different packets (corpus hj212-001/-072: one MN and QN, other data), which must be stored.</summary>
    public long TextHash { get; set; }
}
