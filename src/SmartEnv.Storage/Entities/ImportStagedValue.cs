namespace SmartEnv.Storage.Entities;

/// <summary>
/// One value of a running import, waiting to be applied (table <c>import_staged_values</c>). Staged rows are read by no
/// page, API or evaluation; <see cref="ImportStaging.ApplyAsync"/> moves a run's rows into <c>observations</c> in one
/// transaction and deletes them, a failed run's rows are deleted. Columns as <see cref="Observation"/> (same types on both
/// engines) without the HJ 212 provenance; unique per run and measurement key (the last staged occurrence wins, as the
/// row-by-row upsert did). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class ImportStagedValue
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The run (<c>import_logs</c>); deleting the run deletes its staged rows.</summary>
    public long ImportLogId { get; set; }

    /// <summary>Site (no foreign key: a failed run's rows are deleted before the sites it created).</summary>
    public long SiteId { get; set; }

    /// <summary>Factor code.</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Averaging period.</summary>
    public PeriodType Period { get; set; }

    /// <summary>DataTime (UTC instant).</summary>
    public DateTimeOffset DataTime { get; set; }

    /// <summary>Exact value, or null.</summary>
    public decimal? Value { get; set; }

    /// <summary>Value text as read.</summary>
    public string? ValueText { get; set; }

    /// <summary>Unit symbol, or null.</summary>
    public string? Unit { get; set; }

    /// <summary>Period minimum, or null.</summary>
    public decimal? Min { get; set; }

    /// <summary>Period maximum, or null.</summary>
    public decimal? Max { get; set; }

    /// <summary>Data flag, or null.</summary>
    public string? Flag { get; set; }

    /// <summary>1-based file line, or null.</summary>
    public int? SourceRow { get; set; }
}
