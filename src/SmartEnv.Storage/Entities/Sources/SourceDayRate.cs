namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// 传输率 / 有效率 / 有效传输率 of one outlet on one Beijing day (table <c>source_day_rates</c>, issue 16 plan §2.2; the
/// denominators are rule-file data, online-monitoring-rates.md §2.2–§2.3 UNCONFIRMED). A day of a silent outlet has a row
/// with received 0 (the day sweep). Month rates are Σ counts of the days, never a mean of ratios. Mutable EF Core entity.
/// </summary>
public sealed class SourceDayRate
{
    /// <summary>Outlet site.</summary>
    public long SiteId { get; set; }

    /// <summary>Beijing date.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Hours due (1440 / expected interval minutes … per day), less <see cref="Excused"/>.</summary>
    public int Expected { get; set; }

    /// <summary>Hours with a stored hour value of any limited parameter.</summary>
    public int Received { get; set; }

    /// <summary>Received hours whose flag counts valid.</summary>
    public int Valid { get; set; }

    /// <summary>Hours excused by an accepted 停产 explanation.</summary>
    public int Excused { get; set; }

    /// <summary>传输率 (fraction), or null when nothing is expected.</summary>
    public decimal? Transmission { get; set; }

    /// <summary>有效率 (fraction), or null.</summary>
    public decimal? Effectiveness { get; set; }

    /// <summary>有效传输率 = 传输率 × 有效率 (fraction), or null.</summary>
    public decimal? Effective { get; set; }

    /// <summary>Rule version.</summary>
    public required string RuleVersion { get; set; }
}
