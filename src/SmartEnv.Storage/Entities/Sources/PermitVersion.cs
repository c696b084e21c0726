namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// One version of a permit, table <c>permit_versions</c>, append-only: issue, change (变更), renewal (延续) or a filed
/// renewal application each add a row with the next <see cref="Version"/>; a row is never updated, so an earlier version
/// stays readable (issue 16 "changes with history"). The current version is the highest number; the version in force on a
/// day is the highest one with <see cref="ValidFrom"/> ≤ day ≤ <see cref="ValidTo"/>. Dates are Beijing calendar dates.
/// Filtered through its permit's <c>uscc</c>. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class PermitVersion
{
    /// <summary>Column width of <see cref="ChangeReason"/> (characters).</summary>
    public const int ChangeReasonLength = 512;

    /// <summary>Column width of <see cref="CreatedBy"/> (characters).</summary>
    public const int CreatedByLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>permits.id</c>.</summary>
    public long PermitId { get; set; }

    /// <summary>1, 2, …; unique per permit.</summary>
    public int Version { get; set; }

    /// <summary>Management category of this version (重点/简化/登记).</summary>
    public PermitCategory Category { get; set; }

    /// <summary>发证日期.</summary>
    public DateOnly IssuedOn { get; set; }

    /// <summary>First day of validity (有效期起).</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>Last day of validity (有效期至), inclusive; 5 years for a permit (排污许可管理条例 Art. 13).</summary>
    public DateOnly ValidTo { get; set; }

    /// <summary>Day the renewal application (延续申请) was filed; null when not filed.</summary>
    public DateOnly? RenewalFiledOn { get; set; }

    /// <summary>The permit requires an annual execution report.</summary>
    public bool ReportAnnual { get; set; }

    /// <summary>The permit requires semiannual execution reports.</summary>
    public bool ReportSemiannual { get; set; }

    /// <summary>The permit requires quarterly execution reports.</summary>
    public bool ReportQuarterly { get; set; }

    /// <summary>The permit requires monthly execution reports.</summary>
    public bool ReportMonthly { get; set; }

    /// <summary>Why this version exists (首次申请, 变更: …, 延续, 提交延续申请); optional.</summary>
    public string? ChangeReason { get; set; }

    /// <summary>Who recorded it (user or CLI actor name).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The outlets of this version.</summary>
    public List<PermitOutlet> Outlets { get; set; } = new();
}
