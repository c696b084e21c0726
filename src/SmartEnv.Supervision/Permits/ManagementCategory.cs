namespace SmartEnv.Supervision.Permits;

/// <summary>
/// 排污许可管理类别 — the management category of a discharger (《排污许可管理条例》 Art. 2, 24; 《固定污染源排污许可分类管理名录
/// （2019年版）》 Art. 2; supervision.md §2.1). Set per industry row of the 名录 by GB/T 4754-2017 code; stored as
/// <c>key</c> | <c>simplified</c> | <c>registration</c> (<see cref="PermitKeys"/>).
/// </summary>
public enum ManagementCategory
{
    /// <summary>重点管理: large production, emissions or impact; permit, automatic monitoring networked (条例 Art. 20).</summary>
    Key,

    /// <summary>简化管理: small production, emissions and impact; permit.</summary>
    Simplified,

    /// <summary>登记管理: very small; no permit, an 排污登记表 (registration) on the national platform (条例 Art. 24).</summary>
    Registration,
}

/// <summary>Medium of a discharge outlet (排放口): the second letter of its HJ 608-2017 code (<c>DA</c> air, <c>DW</c> water).
/// Stored as <c>air</c> | <c>water</c>.</summary>
public enum OutletMedium
{
    /// <summary>Air (废气), code <c>DA###</c>.</summary>
    Air,

    /// <summary>Water (废水), code <c>DW###</c>.</summary>
    Water,
}

/// <summary>Type of an outlet as printed in the permit (HJ 942-2018 总则 §5; supervision.md §2.4). Stored as
/// <c>main</c> | <c>general</c> | <c>other</c>. Only main outlets carry a permitted annual quantity (air); other outlets
/// carry neither concentration nor quantity — the registry stores what the permit prints, this enum only names it.</summary>
public enum OutletType
{
    /// <summary>主要排放口.</summary>
    Main,

    /// <summary>一般排放口.</summary>
    General,

    /// <summary>其他排放口.</summary>
    Other,
}

/// <summary>
/// The stored spelling (lower-case ASCII keys) and the Chinese name of the permit enums, in one place so the registry,
/// the Excel templates and the API agree. Pure and thread-safe.
/// </summary>
public static class PermitKeys
{
    /// <summary>Stored key of a category: <c>key</c>, <c>simplified</c>, <c>registration</c>.</summary>
    /// <param name="c">The category.</param>
    public static string Key(this ManagementCategory c) => c switch
    {
        ManagementCategory.Key => "key",
        ManagementCategory.Simplified => "simplified",
        ManagementCategory.Registration => "registration",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Chinese name of a category: 重点管理, 简化管理, 登记管理.</summary>
    /// <param name="c">The category.</param>
    public static string NameZh(this ManagementCategory c) => c switch
    {
        ManagementCategory.Key => "重点管理",
        ManagementCategory.Simplified => "简化管理",
        ManagementCategory.Registration => "登记管理",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Stored key of a medium: <c>air</c>, <c>water</c>.</summary>
    /// <param name="m">The medium.</param>
    public static string Key(this OutletMedium m) => m switch
    {
        OutletMedium.Air => "air",
        OutletMedium.Water => "water",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>Stored key of an outlet type: <c>main</c>, <c>general</c>, <c>other</c>.</summary>
    /// <param name="t">The type.</param>
    public static string Key(this OutletType t) => t switch
    {
        OutletType.Main => "main",
        OutletType.General => "general",
        OutletType.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Chinese name of an outlet type: 主要排放口, 一般排放口, 其他排放口.</summary>
    /// <param name="t">The type.</param>
    public static string NameZh(this OutletType t) => t switch
    {
        OutletType.Main => "主要排放口",
        OutletType.General => "一般排放口",
        OutletType.Other => "其他排放口",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Parses a stored category key (exact, lower case) or its Chinese name.</summary>
    /// <param name="text">The key or name.</param>
    /// <param name="category">The category when true.</param>
    public static bool TryParseCategory(string? text, out ManagementCategory category)
    {
        foreach (var c in Enum.GetValues<ManagementCategory>())
            if (text == c.Key() || text == c.NameZh()) { category = c; return true; }
        category = default;
        return false;
    }

    /// <summary>Parses a stored outlet-type key (exact, lower case) or its Chinese name (主要排放口 or 主要, …).</summary>
    /// <param name="text">The key or name.</param>
    /// <param name="type">The type when true.</param>
    public static bool TryParseOutletType(string? text, out OutletType type)
    {
        foreach (var t in Enum.GetValues<OutletType>())
            if (text == t.Key() || text == t.NameZh() || text == t.NameZh()[..2]) { type = t; return true; }
        type = default;
        return false;
    }

    /// <summary>Parses a stored medium key: <c>air</c>, <c>water</c>.</summary>
    /// <param name="text">The key.</param>
    /// <param name="medium">The medium when true.</param>
    public static bool TryParseMedium(string? text, out OutletMedium medium)
    {
        foreach (var m in Enum.GetValues<OutletMedium>())
            if (text == m.Key()) { medium = m; return true; }
        medium = default;
        return false;
    }
}
