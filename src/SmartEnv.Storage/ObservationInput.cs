using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// One measurement ready to store (see <see cref="Observation"/> for field meanings): keyed by (<see cref="SiteId"/>,
/// <see cref="ParameterCode"/>, <see cref="Period"/>, <see cref="DataTime"/>), with its unit and provenance. A packet's
/// raw id is added by <see cref="ObservationWriter.WriteAsync"/>; an import sets <see cref="ImportLogId"/> and
/// <see cref="SourceRow"/>. Immutable; thread-safe.
/// </summary>
/// <param name="SiteId">Site the value belongs to.</param>
/// <param name="Mn">Provenance: MN of the sending device, or null for a file import.</param>
/// <param name="ParameterCode">Factor code, e.g. <c>a34004</c>.</param>
/// <param name="Period">Averaging period.</param>
/// <param name="DataTime">Period start or sampling moment; converted to UTC when stored.</param>
/// <param name="Value">Exact value in <see cref="Unit"/>, or null.</param>
/// <param name="ValueText">Value text as received.</param>
/// <param name="Min">Period minimum, or null.</param>
/// <param name="Max">Period maximum, or null.</param>
/// <param name="Flag">HJ 212 data flag, or null.</param>
public sealed record ObservationInput(
    long SiteId, string? Mn, string ParameterCode, PeriodType Period, DateTimeOffset DataTime,
    decimal? Value, string? ValueText, decimal? Min = null, decimal? Max = null, string? Flag = null)
{
    /// <summary>Unit symbol the value is expressed in (<c>μg/m³</c>, <c>mg/L</c>, …), or null when not known.</summary>
    public string? Unit { get; init; }

    /// <summary>Provenance: the <c>import_logs</c> row of the import run, or null for values from the wire.</summary>
    public long? ImportLogId { get; init; }

    /// <summary>Provenance: 1-based line of the imported file, or null.</summary>
    public int? SourceRow { get; init; }

    /// <summary>True for a value of a discharge outlet (a device bound to a site of kind <see cref="SiteKind.Source"/>, set
    /// by the HJ 212 decoder; issue 16 plan §2.3). Such a value is judged against the outlet's permit and never feeds the
    /// ambient-quality evaluations (AQI, water class, noise): flue-gas SO₂ shares the code a21026 with the AQI.</summary>
    public bool ForSource { get; init; }
}

/// <summary>A received packet and the values decoded from it (none when quarantined). The <see cref="Raw"/> entity gets
/// its id when the batch commits, and <see cref="Duplicate"/> is set by <see cref="ObservationWriter.WriteAsync"/>; not
/// thread-safe while a write runs.</summary>
/// <param name="Raw">The raw packet row to insert.</param>
/// <param name="Observations">Values decoded from it.</param>
public sealed record PacketWrite(RawPacket Raw, IReadOnlyList<ObservationInput> Observations)
{
    /// <summary>Set by <see cref="ObservationWriter.WriteAsync"/> (reset to false at the start of every write): true when
    /// the packet is an accepted packet whose (MN, QN) and text were already stored (<c>packet_keys</c>, within
    /// <see cref="ObservationWriter.ResendWindow"/>) or repeat an earlier packet of the same batch — a retransmission
    /// (HJ 212-2017 §6.5: a logger resends an upload it got no answer to). Nothing of it is stored (no raw row, no
    /// values; <see cref="Raw"/>'s id stays 0); it still counts as committed, so the caller acknowledges it.</summary>
    public bool Duplicate { get; set; }
}

/// <summary>Counts of a committed write. Immutable; thread-safe.</summary>
/// <param name="Packets">Raw packets inserted.</param>
/// <param name="ObservationsInserted">Observation rows newly inserted.</param>
/// <param name="ObservationsChanged">Existing rows whose value, flag, min or max changed (a corrected resend).</param>
/// <param name="ObservationsUnchanged">Values identical to a stored row (retransmission or re-import): no write.</param>
public sealed record WriteResult(int Packets, int ObservationsInserted, int ObservationsChanged, int ObservationsUnchanged)
{
    /// <summary>Packets not stored because they repeat a stored (MN, QN) (<see cref="PacketWrite.Duplicate"/>); not in
    /// <see cref="Packets"/>.</summary>
    public int Duplicates { get; init; }
}
