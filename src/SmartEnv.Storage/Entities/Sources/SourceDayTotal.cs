namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// Emission mass of one outlet parameter on one Beijing day (table <c>source_day_totals</c>, issue 16 plan §2.2, §3.2a):
/// Σ hourly masses (Cou, else flow × measured concentration), or the day's CN 2031 Cou when no hour has a mass. Months and
/// years are sums of these rows. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class SourceDayTotal
{
    /// <summary>Outlet site.</summary>
    public long SiteId { get; set; }

    /// <summary>Parameter code.</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Beijing date.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Mass in kg (exact).</summary>
    public decimal Kg { get; set; }

    /// <summary>Hours whose mass came from <c>-Cou</c>.</summary>
    public int HoursCou { get; set; }

    /// <summary>Hours whose mass came from flow × concentration.</summary>
    public int HoursFlowConc { get; set; }

    /// <summary>Hours with a mass whose flag the rule file counts invalid (their mass is still added: an emission happened).</summary>
    public int HoursInvalidFlag { get; set; }

    /// <summary>True when the day's 2031 Cou was used (no hourly mass).</summary>
    public bool DayCouUsed { get; set; }

    /// <summary>Rule version.</summary>
    public required string RuleVersion { get; set; }
}
