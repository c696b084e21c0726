namespace SmartEnv.Storage.Entities;

/// <summary>
/// An enterprise (排污单位) in the minimal registry of issue 13: keyed by its 统一社会信用代码 (GB 32100-2015, checked by
/// <c>SmartEnv.Standards.Identifiers.Uscc</c> before it is stored), with a name and an optional address and street.
/// It owns pollution-source monitoring sites (<see cref="Site.EnterpriseUscc"/>); user accounts of role <c>enterprise</c>
/// are bound to it by the USCC. Rows are seen only inside the caller's <see cref="DataScope"/> (EF global query filter).
/// The permits issue extends this table (permit number, industry, outlets); keep additions there.
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
}
