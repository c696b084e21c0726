namespace SmartEnv.Storage.Entities.DataSources;

// Issue 22: the publishers of data the bureau receives (data_sources) and the verification findings attached to them
// (data_source_findings; migration DataSources). A finding is never edited in place: withdrawing it is a state change with
// a reason (audited). SmartEnv.Imports.DataSources reads and writes them. Mutable EF entities; not thread-safe.

/// <summary>A publisher of data the bureau receives (national release, city platform, aggregator, contractor; table
/// <c>data_sources</c>). Staff records, no enterprise scope.</summary>
public sealed class DataSource
{
    /// <summary>Width of <see cref="Key"/>.</summary>
    public const int KeyLength = 64;
    /// <summary>Width of <see cref="Name"/> and <see cref="Publisher"/>.</summary>
    public const int NameLength = 128;
    /// <summary>Width of <see cref="Url"/>.</summary>
    public const int UrlLength = 512;
    /// <summary>Width of <see cref="Formats"/>.</summary>
    public const int FormatsLength = 256;
    /// <summary>Width of <see cref="Notes"/>.</summary>
    public const int NotesLength = 2048;
    /// <summary>Width of the <c>…By</c> columns (user names).</summary>
    public const int ByLength = 128;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Slug naming the source (<c>[a-z0-9][a-z0-9-]*</c>, unique), e.g. <c>cnemc-national</c>; what
    /// <c>--source</c> and the import form's <c>source</c> field name.</summary>
    public required string Key { get; set; }
    /// <summary>Chinese name, e.g. 中国环境监测总站全国城市空气质量实时发布.</summary>
    public required string Name { get; set; }
    /// <summary>Who publishes it.</summary>
    public required string Publisher { get; set; }
    /// <summary>Where it is published (http/https), or null.</summary>
    public string? Url { get; set; }
    /// <summary>Formats it publishes, comma-separated import format names or free labels (e.g. <c>cnemc-sites,csv</c>).</summary>
    public string Formats { get; set; } = "";
    /// <summary>Free notes, or null.</summary>
    public string? Notes { get; set; }
    /// <summary>Who recorded it.</summary>
    public required string CreatedBy { get; set; }
    /// <summary>When recorded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who changed it last, or null.</summary>
    public string? UpdatedBy { get; set; }
    /// <summary>When changed last (UTC), or null.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>A verification finding attached to a <see cref="DataSource"/> (table <c>data_source_findings</c>): a cause
/// (rounding to nearest, another regime, …) explaining the source's published figures over a time range. The finding's
/// fields are those of <c>smartenv verify</c>'s output; they are never edited. Withdrawing sets <see cref="State"/> with
/// who, when and why.</summary>
public sealed class DataSourceFinding
{
    /// <summary>Width of <see cref="Domain"/>.</summary>
    public const int DomainLength = 16;
    /// <summary>Width of <see cref="Cause"/>.</summary>
    public const int CauseLength = 64;
    /// <summary>Width of <see cref="Summary"/>, <see cref="SummaryEn"/>, <see cref="Note"/> and <see cref="WithdrawReason"/>.</summary>
    public const int TextLength = 1024;
    /// <summary>Width of <see cref="State"/>.</summary>
    public const int StateLength = 16;
    /// <summary>Width of <see cref="Figure"/>.</summary>
    public const int FigureLength = 32;
    /// <summary><see cref="State"/> of a finding in force.</summary>
    public const string Active = "active";
    /// <summary><see cref="State"/> of a withdrawn finding.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>Surrogate key (the "发现 #N" number).</summary>
    public long Id { get; set; }
    /// <summary>The source (FK → <c>data_sources.id</c>).</summary>
    public long DataSourceId { get; set; }
    /// <summary><c>air</c>, <c>water</c> or <c>noise</c>.</summary>
    public required string Domain { get; set; }
    /// <summary>Cause key (<c>rounding-nearest</c>, <c>regime:CNEMC-2014</c>, <c>water-…</c>, …).</summary>
    public required string Cause { get; set; }
    /// <summary>The published figure the finding is about: <c>aqi</c>, <c>iaqi:pm25_1h</c>, <c>level</c>, <c>category</c>,
    /// <c>primary</c> (air), <c>water_class</c>, <c>noise_verdict</c> (the verification's <c>figure</c>; rows stored before this
    /// column read <c>aqi</c>).</summary>
    public string Figure { get; set; } = "aqi";
    /// <summary>First published hour the finding covers (as published: the hour's label), stored UTC.</summary>
    public DateTimeOffset From { get; set; }
    /// <summary>Last published hour it covers, or null: open-ended ("since <see cref="From"/>": the source keeps doing it).</summary>
    public DateTimeOffset? To { get; set; }
    /// <summary>Stations the finding was seen at.</summary>
    public int Stations { get; set; }
    /// <summary>Rows (station-hours) it explains.</summary>
    public int Rows { get; set; }
    /// <summary>Chinese summary as reported by the verification.</summary>
    public required string Summary { get; set; }
    /// <summary>English summary.</summary>
    public required string SummaryEn { get; set; }
    /// <summary>Note of who attached it, or null.</summary>
    public string? Note { get; set; }
    /// <summary><see cref="Active"/> or <see cref="Withdrawn"/>.</summary>
    public string State { get; set; } = Active;
    /// <summary>Who attached it.</summary>
    public required string AttachedBy { get; set; }
    /// <summary>When attached (UTC).</summary>
    public DateTimeOffset AttachedAt { get; set; }
    /// <summary>Who withdrew it, or null.</summary>
    public string? WithdrawnBy { get; set; }
    /// <summary>When withdrawn (UTC), or null.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>Why withdrawn, or null.</summary>
    public string? WithdrawReason { get; set; }
}
