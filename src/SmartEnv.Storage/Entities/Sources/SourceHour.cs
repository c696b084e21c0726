namespace SmartEnv.Storage.Entities.Sources;

/// <summary>Which value an outlet hour was judged on (stored <c>zs_avg</c> | <c>converted</c> | <c>measured</c>; issue 16
/// "say which"; the rule is <c>SmartEnv.Supervision.Monitoring.HourJudge</c>).</summary>
public enum SourceHourBasis
{
    /// <summary>The CEMS's converted concentration <c>-ZsAvg</c>.</summary>
    ZsAvg,

    /// <summary>The measured concentration converted to the reference O₂ with the hour's O₂.</summary>
    Converted,

    /// <summary>The measured concentration as sent.</summary>
    Measured,
}

/// <summary>
/// One outlet hour of one parameter judged against the permit limit in force (table <c>source_hours</c>, issue 16 plan
/// §2.2), written by the compliance job (<c>SmartEnv.Compliance.SourceEvaluator</c>) with the rule version of the rule file.
/// Key (site, parameter, hour start UTC). Rows are replaced when the day is recomputed, never deleted by an explanation
/// (an accepted 异常说明 only sets <see cref="ExplanationId"/>). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class SourceHour
{
    /// <summary>Outlet site (kind <c>source</c>).</summary>
    public long SiteId { get; set; }

    /// <summary>HJ 212 parameter code of the limit (e.g. <c>a21026</c>).</summary>
    public required string ParameterCode { get; set; }

    /// <summary>Hour start (UTC; the HJ 212 DataTime of the 2061 upload).</summary>
    public DateTimeOffset HourStart { get; set; }

    /// <summary>Permit version whose limit was applied.</summary>
    public long PermitVersionId { get; set; }

    /// <summary>Which value was used.</summary>
    public SourceHourBasis Basis { get; set; }

    /// <summary>The judged value (exact, unit of the limit), or null when none could be formed.</summary>
    public decimal? Value { get; set; }

    /// <summary>The hour's measured O₂ (%), or null.</summary>
    public decimal? O2 { get; set; }

    /// <summary>The limit applied.</summary>
    public decimal LimitValue { get; set; }

    /// <summary>Whether the hour was compared with the limit.</summary>
    public bool Judged { get; set; }

    /// <summary>Why not: the data flag (<c>D</c>, …) or <c>no_value</c> / <c>no_o2</c> / <c>o2_out_of_range</c>; null when judged.</summary>
    public string? NotJudgedFlag { get; set; }

    /// <summary>True when judged and above the limit.</summary>
    public bool Exceeds { get; set; }

    /// <summary>超标倍数 (C − L)/L rounded to 4 places (GB/T 8170), when it exceeds.</summary>
    public decimal? Multiple { get; set; }

    /// <summary>Accepted 异常说明 covering the hour, or null (issue 16 P5).</summary>
    public long? ExplanationId { get; set; }

    /// <summary>Rule version (<c>source-rules.tsv:…</c>) the row was computed with.</summary>
    public required string RuleVersion { get; set; }

    /// <summary>When the row was computed (UTC).</summary>
    public DateTimeOffset ComputedAt { get; set; }
}
