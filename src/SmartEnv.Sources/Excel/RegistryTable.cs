namespace SmartEnv.Sources.Excel;

/// <summary>The four registry tables that have an Excel template (issue 16 "Import from Excel (one template per table)").</summary>
public enum RegistryTable
{
    /// <summary>排污单位: one row per enterprise, keyed by 统一社会信用代码.</summary>
    Enterprises,

    /// <summary>排污许可证: one row per permit (its current version), keyed by the permit number.</summary>
    Permits,

    /// <summary>排放口: one row per outlet of a permit, keyed by permit number + outlet code.</summary>
    Outlets,

    /// <summary>许可排放限值: one row per outlet and pollutant, keyed by permit number + outlet code + pollutant code.</summary>
    Limits,
}

/// <summary>One column of a template: the English key (API/JSON name, also accepted as header) and the Chinese header
/// written in row 1 of the template. Immutable.</summary>
/// <param name="Key">snake_case key, e.g. <c>uscc</c>.</param>
/// <param name="Header">Chinese header as written in the template, e.g. <c>统一社会信用代码</c>; errors name the column by it.</param>
/// <param name="Required">True when a data row must fill it.</param>
/// <param name="Format">What the cell holds (Chinese, shown on the template's 填写说明 sheet).</param>
public sealed record RegistryColumn(string Key, string Header, bool Required, string Format);

/// <summary>
/// Names, sheet names and columns of the four templates. The column lists are the contract of the template files, the
/// reader (<see cref="RegistryWorkbook.Read"/>) and the export: a header is matched by its Chinese text or its key
/// (trimmed, case-insensitive for keys), columns may come in any order, and an unknown header is an error in row 1.
/// Immutable; thread-safe.
/// </summary>
public static class RegistryTables
{
    /// <summary>All four, in import order (an enterprise before its permits, a permit before its outlets, an outlet
    /// before its limits).</summary>
    public static IReadOnlyList<RegistryTable> All { get; } = [RegistryTable.Enterprises, RegistryTable.Permits, RegistryTable.Outlets, RegistryTable.Limits];

    /// <summary>The name used in routes and on the CLI: <c>enterprises|permits|outlets|limits</c>.</summary>
    /// <param name="table">Table.</param>
    public static string Name(RegistryTable table) => table switch
    {
        RegistryTable.Enterprises => "enterprises",
        RegistryTable.Permits => "permits",
        RegistryTable.Outlets => "outlets",
        RegistryTable.Limits => "limits",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>Parses a route/CLI name (exact, lower case).</summary>
    /// <param name="name">Name, e.g. <c>permits</c>.</param>
    /// <param name="table">The table when known.</param>
    /// <returns>True when <paramref name="name"/> names a table.</returns>
    public static bool TryParse(string? name, out RegistryTable table)
    {
        foreach (var t in All)
            if (Name(t) == name) { table = t; return true; }
        table = default;
        return false;
    }

    /// <summary>The worksheet name of the data sheet (Chinese): <c>排污单位</c>, <c>排污许可证</c>, <c>排放口</c>, <c>许可排放限值</c>.</summary>
    /// <param name="table">Table.</param>
    public static string SheetName(RegistryTable table) => table switch
    {
        RegistryTable.Enterprises => "排污单位",
        RegistryTable.Permits => "排污许可证",
        RegistryTable.Outlets => "排放口",
        RegistryTable.Limits => "许可排放限值",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>Name of the second sheet of a template, listing each column's format.</summary>
    public const string HelpSheetName = "填写说明";

    /// <summary>The columns of <paramref name="table"/>, in template order.</summary>
    /// <param name="table">Table.</param>
    public static IReadOnlyList<RegistryColumn> Columns(RegistryTable table) => table switch
    {
        RegistryTable.Enterprises => EnterpriseColumns,
        RegistryTable.Permits => PermitColumns,
        RegistryTable.Outlets => OutletColumns,
        RegistryTable.Limits => LimitColumns,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>The column of <paramref name="table"/> with key <paramref name="key"/>.</summary>
    /// <param name="table">Table.</param>
    /// <param name="key">Key.</param>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public static RegistryColumn Column(RegistryTable table, string key) =>
        Columns(table).FirstOrDefault(c => c.Key == key) ?? throw new KeyNotFoundException($"{Name(table)} has no column {key}");

    private const string UsccFormat = "18 位，大写字母和数字，按 GB 32100-2015 校验";
    private const string PermitNumberFormat = "22 位：统一社会信用代码 + 3 位序号 + 1 位字母（HJ 608，如 91500105MA5U0A1661001P）";
    private const string OutletCodeFormat = "DA + 3 位数字（废气）或 DW + 3 位数字（废水），如 DA001";
    private const string YesNo = "是 或 否";

    private static readonly RegistryColumn[] EnterpriseColumns =
    [
        new("uscc", "统一社会信用代码", true, UsccFormat),
        new("name", "单位名称", true, "营业执照上的名称，至多 128 字"),
        new("address", "生产经营场所地址", false, "至多 256 字"),
        new("street", "所在街道（镇）", false, "江北区 12 个街道（镇）之一的名称或 12 位统计用区划代码，如 观音桥街道"),
        new("longitude", "经度", false, "十进制度（WGS-84），与纬度同填或同空"),
        new("latitude", "纬度", false, "十进制度（WGS-84），与经度同填或同空"),
        new("industry_code", "行业类别代码", false, "GB/T 4754-2017 小类代码，4 位数字，如 2614"),
        new("management_category", "管理类别", false, "重点管理、简化管理 或 登记管理"),
        new("is_key_discharger", "重点排污单位", false, YesNo + "，空为否"),
        new("contact_name", "联系人", false, "至多 64 字"),
        new("contact_phone", "联系电话", false, "至多 32 个字符"),
    ];

    private static readonly RegistryColumn[] PermitColumns =
    [
        new("number", "许可证编号", true, PermitNumberFormat),
        new("uscc", "统一社会信用代码", true, UsccFormat + "；须与许可证编号前 18 位相同"),
        new("management_category", "管理类别", true, "重点管理、简化管理 或 登记管理"),
        new("issued_on", "发证日期", true, "日期，如 2026-10-10"),
        new("valid_from", "有效期起", true, "日期"),
        new("valid_to", "有效期止", true, "日期，晚于有效期起"),
        new("renewal_filed_on", "延续申请日期", false, "日期，未申请为空"),
        new("report_annual", "年度执行报告", false, YesNo + "，空为是"),
        new("report_semiannual", "半年执行报告", false, YesNo + "，空为否"),
        new("report_quarterly", "季度执行报告", false, YesNo + "，空为否"),
        new("report_monthly", "月度执行报告", false, YesNo + "，空为否"),
        new("change_reason", "变更原因", false, "新版本的原因，至多 256 字"),
    ];

    private static readonly RegistryColumn[] OutletColumns =
    [
        new("permit_number", "许可证编号", true, PermitNumberFormat),
        new("code", "排放口编号", true, OutletCodeFormat),
        new("type", "排放口类型", true, "主要排放口、一般排放口 或 其他排放口"),
        new("name", "排放口名称", false, "至多 128 字"),
        new("longitude", "经度", false, "十进制度（WGS-84），与纬度同填或同空"),
        new("latitude", "纬度", false, "十进制度（WGS-84），与经度同填或同空"),
        new("expected_interval_minutes", "数据上传间隔（分钟）", false, "整数 1–1440，空为 60"),
    ];

    private static readonly RegistryColumn[] LimitColumns =
    [
        new("permit_number", "许可证编号", true, PermitNumberFormat),
        new("outlet_code", "排放口编号", true, OutletCodeFormat),
        new("parameter_code", "污染物编码", true, "HJ 212-2017 编码，一个小写字母 + 5 位数字，如 a21026"),
        new("limit_value", "许可排放浓度限值", true, "大于 0 的数"),
        new("unit", "浓度单位", true, "废气 mg/m³，废水 mg/L"),
        new("standard_ref", "执行标准", false, "如 GB 13271-2014 表 2，至多 128 字"),
        new("reference_o2", "基准氧含量（%）", false, "废气按许可证填写 0–21；废水留空"),
        new("annual_quantity_t", "年许可排放量（t/a）", false, "大于 0 的数，许可证未规定为空"),
    ];
}
