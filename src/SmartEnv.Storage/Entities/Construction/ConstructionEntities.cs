namespace SmartEnv.Storage.Entities.Construction;

/// <summary>
/// A construction site (建筑施工工地) under dust and noise supervision (issue 20; plan ch. 5 扬尘 "红黄绿牌"). Enterprise
/// scope: visible to <see cref="DataScope.All"/> and to the builder (建设单位) or the contractor (施工单位). Mutable EF Core
/// entity; not thread-safe. Table <c>construction_sites</c>.
/// </summary>
public sealed class ConstructionSite
{
    /// <summary>Width of <see cref="Code"/> (same rule as <see cref="Site.CodePattern"/>).</summary>
    public const int CodeLength = 64;
    /// <summary>Width of <see cref="ProjectName"/> and <see cref="Address"/>.</summary>
    public const int NameLength = 200;
    /// <summary>Width of <see cref="StreetCode"/> (12-digit NBS code of jiangbei-streets.tsv).</summary>
    public const int StreetCodeLength = 12;
    /// <summary>Width of <see cref="Phase"/>.</summary>
    public const int PhaseLength = 16;
    /// <summary>Width of <see cref="BlacklistNote"/>.</summary>
    public const int NoteLength = 1024;
    /// <summary>Floor area (m², 建筑面积) from which online dust monitoring is required (plan ch. 5, SEED line 408/453;
    /// supervision.md §9): sites at or above it without a bound monitor are flagged.</summary>
    public const decimal OnlineMonitoringFloorArea = 50_000m;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Site code (URL segment), unique.</summary>
    public required string Code { get; set; }
    /// <summary>Project name (项目名称).</summary>
    public required string ProjectName { get; set; }
    /// <summary>Builder's USCC (建设单位, 18 characters, checked with <c>Uscc.Check</c>).</summary>
    public required string BuilderUscc { get; set; }
    /// <summary>Contractor's USCC (施工单位), checked likewise.</summary>
    public required string ContractorUscc { get; set; }
    /// <summary>Address.</summary>
    public string? Address { get; set; }
    /// <summary>Street or town code (jiangbei-streets.tsv) or null.</summary>
    public string? StreetCode { get; set; }
    /// <summary>Longitude, degrees east (GCJ-02 like the map), or null.</summary>
    public decimal? Longitude { get; set; }
    /// <summary>Latitude, degrees north, or null.</summary>
    public decimal? Latitude { get; set; }
    /// <summary>Floor area, m² (建筑面积).</summary>
    public decimal FloorAreaM2 { get; set; }
    /// <summary>Phase: <c>earthwork</c> 土方, <c>foundation</c> 基础, <c>structure</c> 主体, <c>decoration</c> 装饰.</summary>
    public required string Phase { get; set; }
    /// <summary>Start date (Beijing), or null.</summary>
    public DateOnly? StartDate { get; set; }
    /// <summary>Planned end date (Beijing), or null.</summary>
    public DateOnly? EndDate { get; set; }
    /// <summary>True when the 建筑市场黑名单 recommendation to 住建 has been recorded (serious case of the card rule).</summary>
    public bool Blacklisted { get; set; }
    /// <summary>When the recommendation was recorded (UTC), or null.</summary>
    public DateTimeOffset? BlacklistedAt { get; set; }
    /// <summary>The recommendation's text (months, reasons), or null.</summary>
    public string? BlacklistNote { get; set; }
    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An online dust/noise monitor bound to a construction site by its HJ 212 MN; its data land on its own
/// <see cref="Site"/> of kind <see cref="SiteKind.Construction"/> (<see cref="SiteId"/>). The unit the logger sends
/// particulates in is configuration (<see cref="DustUnit"/>; hj212-brief.md §11.2: μg/m³, mg/m³ or ng/m³ scale), never
/// App. B. Mutable; not thread-safe. Table <c>construction_monitors</c>.</summary>
public sealed class ConstructionMonitor
{
    /// <summary>Width of <see cref="DustUnit"/>.</summary>
    public const int UnitLength = 16;
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The construction site.</summary>
    public long ConstructionSiteId { get; set; }
    /// <summary>Device MN (unique).</summary>
    public required string Mn { get; set; }
    /// <summary>The monitoring site of kind <see cref="SiteKind.Construction"/> holding its observations.</summary>
    public long SiteId { get; set; }
    /// <summary>Unit symbol the logger sends TSP/PM10/PM2.5 in (<c>μg/m³</c>, <c>mg/m³</c>, <c>ng/m³</c>); intake converts
    /// to μg/m³.</summary>
    public required string DustUnit { get; set; }
    /// <summary>Bound at (UTC).</summary>
    public DateTimeOffset BoundAt { get; set; }
}

/// <summary>A site's configured dust threshold (one per parameter). Chongqing has no numeric dust limit; a threshold is
/// the site's own configuration, possibly copied from a preset of another province (<see cref="Preset"/>, 外省参考).
/// Mutable; not thread-safe. Table <c>construction_thresholds</c>.</summary>
public sealed class ConstructionThreshold
{
    /// <summary>Width of <see cref="Parameter"/>.</summary>
    public const int ParameterLength = 8;
    /// <summary>Width of <see cref="Preset"/>.</summary>
    public const int PresetLength = 64;
    /// <summary>Width of <see cref="Source"/>.</summary>
    public const int SourceLength = 512;
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The construction site.</summary>
    public long ConstructionSiteId { get; set; }
    /// <summary><c>pm10</c>, <c>tsp</c> or <c>pm25</c>.</summary>
    public required string Parameter { get; set; }
    /// <summary>Maximum hourly mean, μg/m³ (equal complies).</summary>
    public decimal LimitUgM3 { get; set; }
    /// <summary>Preset key it was copied from, or null for a value typed by staff.</summary>
    public string? Preset { get; set; }
    /// <summary>Source text of the preset row, or the staff's reason.</summary>
    public string? Source { get; set; }
    /// <summary>Set at (UTC).</summary>
    public DateTimeOffset SetAt { get; set; }
}

/// <summary>The stored 红黄绿牌 card of a site for one month, computed once by the construction job with its rule version
/// and evidence, read everywhere (history kept: a re-evaluation adds a row, the latest per month counts). Mutable; not
/// thread-safe. Table <c>construction_cards</c>.</summary>
public sealed class ConstructionCard
{
    /// <summary>Width of <see cref="Colour"/>.</summary>
    public const int ColourLength = 8;
    /// <summary>Width of <see cref="RuleVersion"/>.</summary>
    public const int VersionLength = 64;
    /// <summary>Width of <see cref="EvaluatedBy"/>.</summary>
    public const int ActorLength = 128;
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The construction site.</summary>
    public long ConstructionSiteId { get; set; }
    /// <summary>First day of the month (Beijing).</summary>
    public DateOnly Month { get; set; }
    /// <summary><c>green</c>, <c>yellow</c> or <c>red</c>.</summary>
    public required string Colour { get; set; }
    /// <summary>Distinct dust exceedance hours.</summary>
    public int DustHours { get; set; }
    /// <summary>Distinct GB 12523 exceedance hours.</summary>
    public int NoiseHours { get; set; }
    /// <summary>Complaints about the site in the month.</summary>
    public int Complaints { get; set; }
    /// <summary>Inspection findings in the month.</summary>
    public int Findings { get; set; }
    /// <summary>Days to rectify (yellow) or null.</summary>
    public int? RectifyDays { get; set; }
    /// <summary>The serious-case rule fired (black-list recommendation).</summary>
    public bool Blacklist { get; set; }
    /// <summary>Rules that fired (JSON array of strings).</summary>
    public required string ReasonsJson { get; set; }
    /// <summary>Evidence (JSON array: hour, what, value, limit, basis), every exceedance hour of the month.</summary>
    public required string EvidenceJson { get; set; }
    /// <summary>Thresholds used (JSON), so the history shows the threshold in force when it was computed.</summary>
    public required string ThresholdsJson { get; set; }
    /// <summary><c>construction-card-rules@…</c>.</summary>
    public required string RuleVersion { get; set; }
    /// <summary>Computed at (UTC).</summary>
    public DateTimeOffset EvaluatedAt { get; set; }
    /// <summary>Who: <c>job</c> or the staff user.</summary>
    public required string EvaluatedBy { get; set; }
}
