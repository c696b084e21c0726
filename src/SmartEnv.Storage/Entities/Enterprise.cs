namespace SmartEnv.Storage.Entities;

/// <summary>
/// An enterprise (排污单位) in the minimal registry of issue 13: keyed by its 统一社会信用代码 (GB 32100-2015, checked by
/// <c>SmartEnv.Standards.Identifiers.Uscc</c> before it is stored), with a name and an optional address and street.
/// It owns pollution-source monitoring sites (<see cref="Site.EnterpriseUscc"/>); user accounts of role <c>enterprise</c>
/// are bound to it by the USCC. Rows are seen only inside the caller's <see cref="DataScope"/> (EF global query filter).
/// Issue 16 adds the profile (industry, management category, 重点排污单位 flag, coordinates, street code, contacts); permits,
/// outlets and limits are their own tables (<c>Entities/Sources</c>).
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class Enterprise
{
    /// <summary>Column width of <see cref="Uscc"/>: the 18 characters of GB 32100-2015 §4.</summary>
    public const int UsccLength = 18;

    /// <summary>Column width of <see cref="Name"/> (characters).</summary>
    public const int NameLength = 128;

    /// <summary>Column width of <see cref="Address"/> (characters).</summary>
    public const int AddressLength = 256;

    /// <summary>Column width of <see cref="Street"/> (characters).</summary>
    public const int StreetLength = 64;

    /// <summary>统一社会信用代码, upper case, valid per GB 32100-2015; the primary key.</summary>
    public required string Uscc { get; set; }

    /// <summary>Registered name (企业名称) as on the business licence, e.g. <c>重庆某某化工有限公司</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Registered or production address (生产经营场所地址), optional.</summary>
    public string? Address { get; set; }

    /// <summary>Street or town (街道/镇) of the district it lies in, optional (the district's own subdivision).</summary>
    public string? Street { get; set; }

    /// <summary>When the bureau registered it in SmartEnv (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Column width of <see cref="IndustryCode"/>: a GB/T 4754-2017 class code is 4 digits (行业小类).</summary>
    public const int IndustryCodeLength = 4;

    /// <summary>Column width of <see cref="StreetCode"/>: the 12-digit statistical division code of
    /// <c>jiangbei-streets.tsv</c> (统计用区划代码, street level).</summary>
    public const int StreetCodeLength = 12;

    /// <summary>Column width of <see cref="ContactName"/>.</summary>
    public const int ContactNameLength = 64;

    /// <summary>Column width of <see cref="ContactPhone"/>.</summary>
    public const int ContactPhoneLength = 32;

    /// <summary>国民经济行业分类 (GB/T 4754-2017) class code, 4 digits, e.g. <c>4411</c>; optional.</summary>
    public string? IndustryCode { get; set; }

    /// <summary>Management category of the enterprise (重点管理/简化管理/登记管理, 排污许可分类管理名录); null when not known.</summary>
    public Sources.PermitCategory? ManagementCategory { get; set; }

    /// <summary>On the 重点排污单位名录 (key pollutant discharger list) of the district.</summary>
    public bool IsKeyDischarger { get; set; }

    /// <summary>Longitude (decimal degrees, east positive, 6 decimals); null when unknown.</summary>
    public decimal? Longitude { get; set; }

    /// <summary>Latitude (decimal degrees, north positive, 6 decimals); null when unknown.</summary>
    public decimal? Latitude { get; set; }

    /// <summary>12-digit code of its street or town (one of the 12 of <c>jiangbei-streets.tsv</c>); <see cref="Street"/>
    /// keeps the name. Optional.</summary>
    public string? StreetCode { get; set; }

    /// <summary>Environmental contact person (环保联系人); optional.</summary>
    public string? ContactName { get; set; }

    /// <summary>Contact telephone; optional.</summary>
    public string? ContactPhone { get; set; }

    /// <summary>Column width of <see cref="SpecialSupervisionReason"/>.</summary>
    public const int SpecialReasonLength = 64;

    /// <summary>Why the enterprise is a 特殊监管对象 of the 双随机 object database (e.g. 上年受处罚, 挂牌督办, 信用警示; supervision.md
    /// §6 [U]); null when it is not special (issue 19). The draw classes it <c>special</c> when set, else <c>key</c> when
    /// <see cref="IsKeyDischarger"/>, else <c>general</c>.</summary>
    public string? SpecialSupervisionReason { get; set; }

    /// <summary>On the 正面清单 (positive list): a drawn task is an off-site check (supervision.md §6 [S]; issue 19).</summary>
    public bool OnPositiveList { get; set; }

    /// <summary>When the profile last changed (UTC); null when never changed since registration.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}
