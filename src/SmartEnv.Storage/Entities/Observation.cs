namespace SmartEnv.Storage.Entities;

/// <summary>
/// One measurement of a site's sensor: one value of one parameter (factor code) over one averaging period at one time,
/// unique on (<see cref="SiteId"/>, <see cref="ParameterCode"/>, <see cref="Period"/>, <see cref="DataTime"/>) so an
/// HJ 212 retransmission, a second packet for the same hour or a re-import hits the same row. Where the value came from
/// is provenance, not key: a device MN and its raw packet (<see cref="Mn"/>, <see cref="RawPacketId"/>) or an import
/// run and the file's row (<see cref="ImportLogId"/>, <see cref="SourceRow"/>); the unit it is expressed in is
/// <see cref="Unit"/>. Table <c>observations</c> (name kept from the wire-keyed schema; docs/storage.md). Mutable EF Core
/// entity; not thread-safe.
/// </summary>
public sealed class Observation
{
    /// <summary>Column width of <see cref="ParameterCode"/> (characters); the store owns every width.</summary>
    public const int ParameterCodeLength = 32;

    /// <summary>Column width of <see cref="ValueText"/>.</summary>
    public const int ValueTextLength = 32;

    /// <summary>Column width of <see cref="Unit"/>.</summary>
    public const int UnitLength = 16;

    /// <summary>Column width of <see cref="Flag"/>.</summary>
    public const int FlagLength = 8;

    /// <summary>Column width of <see cref="Mn"/> (as <see cref="RawPacket.MnLength"/>).</summary>
    public const int MnLength = RawPacket.MnLength;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site the value belongs to.</summary>
    public long SiteId { get; set; }

    /// <summary>Navigation to <see cref="SiteId"/>.</summary>
    public Site? Site { get; set; }

    /// <summary>Factor code (HJ 212-2017 appendix B; HJ 524 for the ambient-air codes), e.g. <c>a34004</c> (PM2.5) or
    /// <c>w01018</c> (COD). A moving mean keeps its pollutant's code; <see cref="Period"/> says which mean it is.</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Averaging period (hour, day, minute, real-time, or one of the moving statistics CNEMC publishes).</summary>
    public PeriodType Period { get; set; }

    /// <summary>DataTime as a UTC instant (HJ 212 DataTime is Beijing time, UTC+8; period start for min/hour/day; for
    /// the moving statistics the start of the hour they end with, as the hour value of the same row of a CNEMC file).</summary>
    public DateTimeOffset DataTime { get; set; }

    /// <summary>Value (Rtd for real-time, Avg otherwise) as an exact decimal in <see cref="Unit"/>; scale is kept
    /// (<c>1.230</c> stays <c>1.230</c>). Null when the field was empty.</summary>
    public decimal? Value { get; set; }

    /// <summary>The value's text exactly as received.</summary>
    public string? ValueText { get; set; }

    /// <summary>Unit the value is expressed in, as its standard symbol (<c>μg/m³</c>, <c>mg/m³</c>, <c>mg/L</c>,
    /// <c>μg/L</c>, <c>dB(A)</c>, <c>℃</c>; empty text for a dimensionless quantity such as pH); null when not known
    /// (a factor code outside <c>Hj212CodeRegistry</c>). Packets: from the factor registry; files: from the column.</summary>
    public string? Unit { get; set; }

    /// <summary>Period minimum (<c>-Min</c>), if sent.</summary>
    public decimal? Min { get; set; }

    /// <summary>Period maximum (<c>-Max</c>), if sent.</summary>
    public decimal? Max { get; set; }

    /// <summary>HJ 212 data flag (<c>-Flag</c>: N, F, M, S, D, C, T, B; HJ 212-2017 table 8), null if absent.</summary>
    public string? Flag { get; set; }

    /// <summary>Provenance: MN of the device that sent the value (HJ 212); null for file imports.</summary>
    public string? Mn { get; set; }

    /// <summary>Provenance: packet the value was decoded from (HJ 212, also HJ 212 logs imported as files); null for
    /// other file imports.</summary>
    public long? RawPacketId { get; set; }

    /// <summary>Provenance: import run (<c>import_logs</c> row) that stored the value; null for values from the wire.</summary>
    public long? ImportLogId { get; set; }

    /// <summary>Provenance: 1-based line of the imported file the value was read from; null for values from the wire.</summary>
    public int? SourceRow { get; set; }

    /// <summary>When this row was last written (UTC).</summary>
    public DateTimeOffset StoredAt { get; set; }
}
