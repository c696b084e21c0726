namespace SmartEnv.Storage.Entities.Sources;

/// <summary>What a permit row is: a discharge permit (排污许可证, 重点/简化管理) or a registration (排污登记, 登记管理).
/// Stored as <c>permit</c> | <c>registration</c>. Source: supervision.md §2.1 (排污许可管理条例 Art. 2, 24).</summary>
public enum PermitKind
{
    /// <summary>排污许可证 (key or simplified management).</summary>
    Permit,
    /// <summary>固定污染源排污登记 (registration management); its number uses other letters than P (stored as given).</summary>
    Registration,
}

/// <summary>Management category of an enterprise or a permit version (排污许可分类管理名录): stored as <c>key</c> |
/// <c>simplified</c> | <c>registration</c>. The storage twin of <c>SmartEnv.Supervision.Permits.ManagementCategory</c>
/// (Storage does not reference Supervision; the registry service maps one to the other by name). Source: supervision.md §2.1.</summary>
public enum PermitCategory
{
    /// <summary>重点管理.</summary>
    Key,
    /// <summary>简化管理.</summary>
    Simplified,
    /// <summary>登记管理.</summary>
    Registration,
}

/// <summary>Medium of a discharge outlet: <c>air</c> (废气, code DA###) or <c>water</c> (废水, DW###), HJ 608-2017 排放口编码.</summary>
public enum OutletMediumKind
{
    /// <summary>废气排放口 (DA###).</summary>
    Air,
    /// <summary>废水排放口 (DW###).</summary>
    Water,
}

/// <summary>Type of a discharge outlet as printed in the permit: <c>main</c> 主要排放口, <c>general</c> 一般排放口,
/// <c>other</c> 其他排放口 (HJ 942-2018 / the permit's 排放口类型).</summary>
public enum OutletTypeKind
{
    /// <summary>主要排放口.</summary>
    Main,
    /// <summary>一般排放口.</summary>
    General,
    /// <summary>其他排放口.</summary>
    Other,
}

/// <summary>Kind of an execution report (排污许可证执行报告): <c>annual</c> | <c>semiannual</c> | <c>quarterly</c> |
/// <c>monthly</c>. Source: supervision.md §2.5 (HJ 944-2018).</summary>
public enum ExecutionReportKind
{
    /// <summary>年度执行报告.</summary>
    Annual,
    /// <summary>半年执行报告.</summary>
    Semiannual,
    /// <summary>季度执行报告.</summary>
    Quarterly,
    /// <summary>月度执行报告.</summary>
    Monthly,
}
