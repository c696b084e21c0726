using SmartEnv.Supervision.District;

namespace SmartEnv.Sources.Excel;

/// <summary>A fault of one cell (or of the file) found by <see cref="RegistryWorkbook.Read"/> or by the import against
/// the store. Immutable.</summary>
/// <param name="Row">Excel row number as the user sees it (the header is row 1, the first data row is 2); 0 for the file
/// as a whole (unreadable, no such sheet).</param>
/// <param name="Column">The column's Chinese header as in the template (e.g. <c>统一社会信用代码</c>); empty for a
/// file-level or row-level fault.</param>
/// <param name="Message">What is wrong, naming the rule (e.g. the GB 32100-2015 position and the expected character).</param>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>A validated data row of a template. Immutable.</summary>
/// <param name="Row">Its Excel row number (header = row 1).</param>
public abstract record RegistryRow(int Row);

/// <summary>A row of the 排污单位 template: an enterprise's registry profile.</summary>
/// <param name="Row">Excel row number.</param>
/// <param name="Uscc">统一社会信用代码, valid per GB 32100-2015 (<c>Uscc.Check</c>).</param>
/// <param name="Name">Registered name, 1–128 characters.</param>
/// <param name="Address">Address or null.</param>
/// <param name="Street">One of the 12 streets/towns of the district, or null.</param>
/// <param name="Longitude">WGS-84 longitude in decimal degrees, or null (both or neither with <paramref name="Latitude"/>).</param>
/// <param name="Latitude">WGS-84 latitude in decimal degrees, or null.</param>
/// <param name="IndustryCode">GB/T 4754-2017 小类 code (4 digits), or null.</param>
/// <param name="ManagementCategory">Stored spelling <c>key|simplified|registration</c> (重点管理/简化管理/登记管理), or null.</param>
/// <param name="IsKeyDischarger">重点排污单位 (empty cell = false).</param>
/// <param name="ContactName">Contact person or null.</param>
/// <param name="ContactPhone">Contact phone or null.</param>
public sealed record EnterpriseRow(int Row, string Uscc, string Name, string? Address, DistrictStreet? Street, decimal? Longitude,
    decimal? Latitude, string? IndustryCode, string? ManagementCategory, bool IsKeyDischarger, string? ContactName, string? ContactPhone)
    : RegistryRow(Row);

/// <summary>A row of the 排污许可证 template: a permit and the content of its (new) version.</summary>
/// <param name="Row">Excel row number.</param>
/// <param name="Number">Permit number as given (22 characters; HJ 608), its first 18 = <paramref name="Uscc"/>.</param>
/// <param name="Uscc">Holder's 统一社会信用代码.</param>
/// <param name="ManagementCategory">Stored spelling <c>key|simplified|registration</c>.</param>
/// <param name="IssuedOn">发证日期.</param>
/// <param name="ValidFrom">First day of validity.</param>
/// <param name="ValidTo">Last day of validity (after <paramref name="ValidFrom"/>).</param>
/// <param name="RenewalFiledOn">延续申请 date or null.</param>
/// <param name="ReportAnnual">Annual execution report required (empty = true).</param>
/// <param name="ReportSemiannual">Semi-annual report required (empty = false).</param>
/// <param name="ReportQuarterly">Quarterly report required (empty = false).</param>
/// <param name="ReportMonthly">Monthly report required (empty = false).</param>
/// <param name="ChangeReason">Reason of the version or null.</param>
public sealed record PermitRow(int Row, string Number, string Uscc, string ManagementCategory, DateOnly IssuedOn, DateOnly ValidFrom,
    DateOnly ValidTo, DateOnly? RenewalFiledOn, bool ReportAnnual, bool ReportSemiannual, bool ReportQuarterly, bool ReportMonthly,
    string? ChangeReason) : RegistryRow(Row);

/// <summary>A row of the 排放口 template: an outlet of a permit's current version.</summary>
/// <param name="Row">Excel row number.</param>
/// <param name="PermitNumber">Permit number.</param>
/// <param name="Code"><c>DA###</c> (air) or <c>DW###</c> (water).</param>
/// <param name="Medium"><c>air|water</c>, from the code's second letter.</param>
/// <param name="Type">Stored spelling <c>main|general|other</c> (主要/一般/其他排放口).</param>
/// <param name="Name">Name or null.</param>
/// <param name="Longitude">Longitude or null.</param>
/// <param name="Latitude">Latitude or null.</param>
/// <param name="ExpectedIntervalMinutes">Expected upload interval in minutes (empty = 60), 1…1440.</param>
public sealed record OutletRow(int Row, string PermitNumber, string Code, string Medium, string Type, string? Name, decimal? Longitude,
    decimal? Latitude, int ExpectedIntervalMinutes) : RegistryRow(Row);

/// <summary>A row of the 许可排放限值 template: a permitted concentration (and optional annual quantity) of one pollutant at one outlet.</summary>
/// <param name="Row">Excel row number.</param>
/// <param name="PermitNumber">Permit number.</param>
/// <param name="OutletCode">Outlet code (<c>DA###</c>/<c>DW###</c>).</param>
/// <param name="ParameterCode">HJ 212-2017 pollutant code, e.g. <c>a21026</c>.</param>
/// <param name="LimitValue">Permitted concentration (&gt; 0) in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>mg/m³</c> for an air outlet, <c>mg/L</c> for a water outlet.</param>
/// <param name="StandardRef">Standard the limit comes from, or null.</param>
/// <param name="ReferenceO2">Reference O₂ in % (air only), or null.</param>
/// <param name="AnnualQuantityT">Annual permitted quantity in t/a, or null.</param>
public sealed record LimitRow(int Row, string PermitNumber, string OutletCode, string ParameterCode, decimal LimitValue, string Unit,
    string? StandardRef, decimal? ReferenceO2, decimal? AnnualQuantityT) : RegistryRow(Row);

/// <summary>What <see cref="RegistryWorkbook.Read"/> found: the valid rows and every fault. An import stores nothing
/// unless <see cref="Errors"/> is empty. Immutable.</summary>
/// <param name="Table">The table read.</param>
/// <param name="Rows">Rows without a fault, in sheet order (rows with faults are left out).</param>
/// <param name="Errors">Every fault, in row then column order.</param>
/// <param name="DataRows">Count of non-empty data rows in the sheet (valid or not).</param>
public sealed record RegistrySheet(RegistryTable Table, IReadOnlyList<RegistryRow> Rows, IReadOnlyList<RowError> Errors, int DataRows)
{
    /// <summary>True when there is no fault.</summary>
    public bool Ok => Errors.Count == 0;

    /// <summary>What is kept but flagged, per cell: a 统一社会信用代码 that passes GB 32100 but whose GB 11714 check
    /// (position 17) or authority/category pair (positions 1–2) is unexpected (<c>Uscc.Warnings</c>; issue 16: "the
    /// embedded GB 11714 check only warns"). Warnings never stop an import.</summary>
    public IReadOnlyList<RowError> Warnings { get; init; } = [];
}
