namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// One exceeding outlet hour (table <c>source_exceedances</c>, issue 16 plan §2.2): what alert rule 6, the enterprise file
/// and <c>GET /api/enterprises/{uscc}/outlets/{code}/exceedances</c> read. Unique (site, parameter, hour start); written
/// with its <see cref="SourceHour"/> by the compliance job. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class SourceExceedance
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>Outlet site.</summary>
    public long SiteId { get; set; }

    /// <summary>Parameter code.</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Hour start (UTC).</summary>
    public DateTimeOffset HourStart { get; set; }

    /// <summary>Judged value (unit of the limit).</summary>
    public decimal Value { get; set; }

    /// <summary>Limit applied.</summary>
    public decimal Limit { get; set; }

    /// <summary>超标倍数, 4 places (GB/T 8170); shown to 2.</summary>
    public decimal Multiple { get; set; }

    /// <summary>Which value was judged.</summary>
    public SourceHourBasis Basis { get; set; }

    /// <summary>Accepted 异常说明 covering the hour, or null.</summary>
    public long? ExplanationId { get; set; }

    /// <summary>Rule version the row was computed with.</summary>
    public required string RuleVersion { get; set; }
}
