namespace SmartEnv.Storage.Entities.Drainage;

/// <summary>
/// A 入河排水口 (drainage outlet into a river; issue 20 part A, docs/drainage.md): code (unique, format of
/// <c>drainage-rules.tsv</c>), name, receiving river and bank, position (GCJ-02), street, type, responsible unit, 整治
/// status and its sensors. Table <c>drainage_outlets</c>; no enterprise scope (official registry data; the public map shows
/// name, river and status).
/// </summary>
public sealed class DrainageOutlet
{
    /// <summary>Width of <see cref="Code"/>.</summary>
    public const int CodeLength = 40;
    /// <summary>Width of names and the responsible unit.</summary>
    public const int NameLength = 128;
    /// <summary>Width of rule keys (river, type, status).</summary>
    public const int KeyLength = 32;
    /// <summary>Width of sensor ids (device id or HJ 212 MN).</summary>
    public const int DeviceLength = 64;

    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>Outlet code (unique).</summary>
    public required string Code { get; set; }
    /// <summary>Chinese name.</summary>
    public required string Name { get; set; }
    /// <summary>River key of drainage-rules.tsv (e.g. <c>panxi</c>).</summary>
    public required string River { get; set; }
    /// <summary>Bank: <c>left</c>, <c>right</c> (facing downstream) or null.</summary>
    public string? Bank { get; set; }
    /// <summary>Degrees east, GCJ-02, or null.</summary>
    public decimal? Longitude { get; set; }
    /// <summary>Degrees north, GCJ-02, or null.</summary>
    public decimal? Latitude { get; set; }
    /// <summary>12-digit street code (jiangbei-streets.tsv) or null.</summary>
    public string? StreetCode { get; set; }
    /// <summary>Type key of drainage-rules.tsv (e.g. <c>wwtp</c>).</summary>
    public required string Type { get; set; }
    /// <summary>Responsible unit's name.</summary>
    public string? ResponsibleUnit { get; set; }
    /// <summary>Responsible unit's USCC, optional.</summary>
    public string? ResponsibleUscc { get; set; }
    /// <summary>整治 status key (untreated, in_progress, treated, normalized).</summary>
    public required string Status { get; set; }
    /// <summary>GB 3838 class the outlet's samples are assessed against (e.g. <c>III</c>, from the receiving water), or null:
    /// then no sample is classed ("不适用 GB 3838").</summary>
    public string? TargetClass { get; set; }
    /// <summary>Camera device id, or null.</summary>
    public string? CameraId { get; set; }
    /// <summary>Level sensor device id or MN, or null.</summary>
    public string? LevelSensorId { get; set; }
    /// <summary>Flow sensor device id or MN, or null.</summary>
    public string? FlowSensorId { get; set; }
    /// <summary>Version of drainage-rules.tsv the row was checked with.</summary>
    public required string RulesVersion { get; set; }
    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One change of an outlet's 整治 status (history). Table <c>drainage_status_changes</c>.</summary>
public sealed class DrainageStatusChange
{
    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>Outlet.</summary>
    public long OutletId { get; set; }
    /// <summary>Status before, or null for the first.</summary>
    public string? FromStatus { get; set; }
    /// <summary>Status after.</summary>
    public required string ToStatus { get; set; }
    /// <summary>Day the change took effect (Beijing).</summary>
    public DateOnly EffectiveOn { get; set; }
    /// <summary>Note.</summary>
    public string? Note { get; set; }
    /// <summary>Recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }
}

/// <summary>A water-quality sample at an outlet. Table <c>drainage_samples</c>; staff only.</summary>
public sealed class DrainageSample
{
    /// <summary>Width of <see cref="Gb3838Class"/>.</summary>
    public const int ClassLength = 16;

    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>Outlet.</summary>
    public long OutletId { get; set; }
    /// <summary>Sampled at (UTC).</summary>
    public DateTimeOffset SampledAt { get; set; }
    /// <summary>GB 3838-2002 class of the sample (ASCII, <c>WaterClassText.ToAscii</c>), stored when recorded; null when no
    /// standard applies (outlet without target class) or no item was classed.</summary>
    public string? Gb3838Class { get; set; }
    /// <summary>True when the outlet had a target class when the sample was recorded (GB 3838 applies).</summary>
    public bool Gb3838Applies { get; set; }
    /// <summary>True when the class is at or better than the target; null when not assessed.</summary>
    public bool? MeetsTarget { get; set; }
    /// <summary>Note.</summary>
    public string? Note { get; set; }
    /// <summary>Recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }
    /// <summary>Measured values.</summary>
    public List<DrainageSampleValue> Values { get; set; } = [];
}

/// <summary>One value of a sample (mg/L, or the unit of the GB 3838 item). Table <c>drainage_sample_values</c>.</summary>
public sealed class DrainageSampleValue
{
    /// <summary>Width of <see cref="Item"/>.</summary>
    public const int ItemLength = 32;
    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>Sample.</summary>
    public long SampleId { get; set; }
    /// <summary>Item key (GB 3838 table 1 key, e.g. <c>cod</c>, <c>nh3n</c>).</summary>
    public required string Item { get; set; }
    /// <summary>Value.</summary>
    public decimal Value { get; set; }
}
