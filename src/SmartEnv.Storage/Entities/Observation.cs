namespace SmartEnv.Storage.Entities;

/// <summary>
/// One decoded value of one factor (parameter) for one period, after OpenAQ's <c>measurements</c>: unique on
/// (<see cref="Mn"/>, <see cref="Cn"/>, <see cref="DataTime"/>, <see cref="ParameterCode"/>) so an HJ 212
/// retransmission or a re-import hits the same row. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class Observation
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site the value belongs to.</summary>
    public long SiteId { get; set; }

    /// <summary>Navigation to <see cref="SiteId"/>.</summary>
    public Site? Site { get; set; }

    /// <summary>Device MN that sent it; for file imports a pseudo-MN <c>file:FORMAT:STATION</c>.</summary>
    public required string Mn { get; set; }

    /// <summary>HJ 212 command code that carried it (2011/2051/2061/2031); for file imports the CN of the equivalent
    /// upload (hourly files: 2061).</summary>
    public required string Cn { get; set; }

    /// <summary>Factor code (HJ 212-2017 appendix B), e.g. <c>a34004</c> (PM2.5) or <c>w01018</c> (COD).</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Averaging period.</summary>
    public PeriodType Period { get; set; }

    /// <summary>DataTime as a UTC instant (HJ 212 DataTime is Beijing time, UTC+8; period start for min/hour/day).</summary>
    public DateTimeOffset DataTime { get; set; }

    /// <summary>Value (Rtd for real-time, Avg otherwise) as an exact decimal in the factor's unit (e.g. μg/m³,
    /// mg/m³ for CO, mg/L); scale is kept (<c>1.230</c> stays <c>1.230</c>). Null when the field was empty.</summary>
    public decimal? Value { get; set; }

    /// <summary>The value's text exactly as received.</summary>
    public string? ValueText { get; set; }

    /// <summary>Period minimum (<c>-Min</c>), if sent.</summary>
    public decimal? Min { get; set; }

    /// <summary>Period maximum (<c>-Max</c>), if sent.</summary>
    public decimal? Max { get; set; }

    /// <summary>HJ 212 data flag (<c>-Flag</c>: N, F, M, S, D, C, T, B; HJ 212-2017 table 8), null if absent.</summary>
    public string? Flag { get; set; }

    /// <summary>Packet it was decoded from; null for file imports.</summary>
    public long? RawPacketId { get; set; }

    /// <summary>When this row was last written (UTC).</summary>
    public DateTimeOffset StoredAt { get; set; }
}
