namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// Run-rate projection of an outlet parameter's annual permitted quantity as of a Beijing day (table
/// <c>source_quantity_checks</c>, issue 16 plan §2.1 run-rate algorithm, <c>SmartEnv.Supervision.Monitoring.RunRate</c>).
/// A non-null <see cref="CrossingDate"/> raises alert rule 7. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class SourceQuantityCheck
{
    /// <summary>Outlet site.</summary>
    public long SiteId { get; set; }

    /// <summary>Parameter code.</summary>
    public required string ParameterCode { get; set; }

    /// <summary>As-of day (Beijing).</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>First day of the 12-month window.</summary>
    public DateOnly WindowStart { get; set; }

    /// <summary>Last day of the window.</summary>
    public DateOnly WindowEnd { get; set; }

    /// <summary>Actual kg of the window up to <see cref="AsOf"/>.</summary>
    public decimal ActualKg { get; set; }

    /// <summary>Annual permitted quantity in kg.</summary>
    public decimal AnnualKg { get; set; }

    /// <summary>Run rate (kg/day).</summary>
    public decimal RunRate { get; set; }

    /// <summary>Projected kg of the whole window.</summary>
    public decimal ProjectedKg { get; set; }

    /// <summary>First day the projection (or the actual total) exceeds the quantity, or null.</summary>
    public DateOnly? CrossingDate { get; set; }

    /// <summary>Rule version.</summary>
    public required string RuleVersion { get; set; }
}
