using System.Globalization;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Supervision.Permits;
using SmartEnv.Supervision.District;

namespace SmartEnv.Sources.Excel;

/// <summary>
/// Reads, validates and writes the registry's Excel templates (issue 16 "Import from Excel (one template per table,
/// validated row by row with row/column errors) and export") with MiniExcel. A workbook has the data sheet
/// (<see cref="RegistryTables.SheetName"/>; when absent, the first sheet is read) whose row 1 is the header and whose
/// rows 2… are data, and a <see cref="RegistryTables.HelpSheetName"/> sheet that the reader ignores.
/// <para>Validation is per cell, every fault is reported (<see cref="RowError"/> with the Excel row number and the column's
/// Chinese header), and a row with a fault is left out of <see cref="RegistrySheet.Rows"/>. Rules: 统一社会信用代码 by
/// GB 32100-2015 (<see cref="Uscc.Check"/>, whose message names the position and the expected check character); permit
/// number by <see cref="PermitNumber.Check"/> (HJ 608: USCC + 3 digits + a letter; other letters than P are registration
/// numbers, stored as given); outlet code by <see cref="OutletCode"/> (<c>DA###</c>/<c>DW###</c>, HJ 608); street one of the 12 of <see cref="DistrictStreets"/>; the same key twice in one file is a fault
/// of the later row. References to other tables (the enterprise of a permit, the permit of an outlet) are checked by the
/// import against the store, not here.</para>
/// <para>Cells: text is trimmed; a numeric cell typed in Excel becomes its shortest invariant form (so 2614 is <c>2614</c>,
/// but an industry code typed as the number 111 has lost its leading 0 and is refused: type codes as text); dates are date
/// cells or text <c>yyyy-MM-dd</c> (also <c>yyyy/M/d</c>, <c>yyyy.M.d</c>); yes/no cells are 是/否 (also true/false, 1/0, Y/N).
/// Written files hold every value as a typed string or number cell, never a formula.</para>
/// Pure (no store); thread-safe.
/// </summary>
public static partial class RegistryWorkbook
{
    /// <summary>Longest name accepted (enterprise and outlet), characters.</summary>
    public const int NameLength = 128;

    /// <summary>Longest address accepted, characters.</summary>
    public const int AddressLength = 256;

    /// <summary>Longest contact name accepted, characters.</summary>
    public const int ContactNameLength = 64;

    /// <summary>Longest contact phone accepted, characters.</summary>
    public const int ContactPhoneLength = 32;

    /// <summary>Longest change reason accepted, characters.</summary>
    public const int ChangeReasonLength = 256;

    /// <summary>Longest standard reference accepted, characters.</summary>
    public const int StandardRefLength = 128;

    /// <summary>Most data rows read from one sheet (10,000; SmartEnv rule: the district has 725 registered dischargers,
    /// plan §1, so a larger sheet is a mistake or an attack); a sheet with more is refused whole.</summary>
    public const int MaxDataRows = 10_000;

    /// <summary>Default expected upload interval of an outlet, minutes (one hourly 2061 upload; HJ 212-2017 §6.6).</summary>
    public const int DefaultIntervalMinutes = 60;

    /// <summary>Stored spelling and Chinese label of the management categories (<see cref="PermitKeys"/>: 重点管理/简化管理/登记管理).</summary>
    public static IReadOnlyList<(string Stored, string Label)> ManagementCategories { get; } =
        Enum.GetValues<ManagementCategory>().Select(c => (c.Key(), c.NameZh())).ToArray();

    /// <summary>Stored spelling and Chinese label of outlet types (<see cref="PermitKeys"/>: 主要排放口/一般排放口/其他排放口).</summary>
    public static IReadOnlyList<(string Stored, string Label)> OutletTypes { get; } =
        Enum.GetValues<OutletType>().Select(t => (t.Key(), t.NameZh())).ToArray();

    /// <summary>Concentration unit of an air outlet's limit.</summary>
    public const string AirUnit = "mg/m³";

    /// <summary>Concentration unit of a water outlet's limit.</summary>
    public const string WaterUnit = "mg/L";

    /// <summary>Reads and validates the data sheet of <paramref name="table"/> from an .xlsx stream.</summary>
    /// <param name="xlsx">Workbook bytes (need not be seekable; copied to memory when not).</param>
    /// <param name="table">Which template the workbook is.</param>
    /// <returns>Valid rows and every fault; an unreadable file is one fault in row 0.</returns>
    public static RegistrySheet Read(Stream xlsx, RegistryTable table)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        List<object?[]> raw;
        try
        {
            Stream s = xlsx;
            if (!xlsx.CanSeek)
            {
                var ms = new MemoryStream();
                xlsx.CopyTo(ms);
                ms.Position = 0;
                s = ms;
            }
            var sheets = s.GetSheetNames();
            var sheet = sheets.Contains(RegistryTables.SheetName(table)) ? RegistryTables.SheetName(table) : null;
            raw = [];
            foreach (IDictionary<string, object?> r in s.Query(useHeaderRow: false, sheetName: sheet))
            {
                if (raw.Count > MaxDataRows)
                    return new RegistrySheet(table, [], [new RowError(MaxDataRows + 2, "", $"more than {MaxDataRows} data rows: split the file")], raw.Count - 1);
                raw.Add(r.Values.ToArray());
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or FormatException
            or System.Xml.XmlException or ArgumentException || (e.GetType().Namespace?.StartsWith("MiniExcelLibs", StringComparison.Ordinal) ?? false))
        {
            return new RegistrySheet(table, [], [new RowError(0, "", "not a readable .xlsx workbook: " + e.Message)], 0);
        }
        return Validate(table, raw);
    }

    /// <summary>Validates rows already split into cells (row 1 = header), as <see cref="Read"/> does after reading.</summary>
    /// <param name="table">Table.</param>
    /// <param name="rows">Sheet rows in order, index 0 = Excel row 1; cells as MiniExcel returns them (string, double, DateTime, null…).</param>
    public static RegistrySheet Validate(RegistryTable table, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<RowError>();
        if (rows.Count == 0 || rows[0].All(c => Text(c) is null))
            return new RegistrySheet(table, [], [new RowError(1, "", "row 1 must be the header row of the template (" + string.Join("、", RegistryTables.Columns(table).Select(c => c.Header)) + ")")], 0);
        var columns = RegistryTables.Columns(table);
        var index = new Dictionary<string, int>();
        for (var i = 0; i < rows[0].Length; i++)
        {
            var h = Text(rows[0][i]);
            if (h is null) continue;
            var col = columns.FirstOrDefault(c => c.Header == h || string.Equals(c.Key, h, StringComparison.OrdinalIgnoreCase));
            if (col is null) errors.Add(new RowError(1, h, $"unknown column '{h}' (the template of {RegistryTables.Name(table)} has: {string.Join("、", columns.Select(c => c.Header))})"));
            else if (!index.TryAdd(col.Key, i)) errors.Add(new RowError(1, col.Header, "column appears twice"));
        }
        foreach (var c in columns)
            if (c.Required && !index.ContainsKey(c.Key)) errors.Add(new RowError(1, c.Header, "required column missing"));
        if (errors.Count > 0) return new RegistrySheet(table, [], errors, rows.Skip(1).Count(r => r.Any(c => Text(c) is not null)));

        var valid = new List<RegistryRow>();
        var warnings = new List<RowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var dataRows = 0;
        for (var r = 1; r < rows.Count; r++)
        {
            var cells = rows[r];
            if (cells.All(c => Text(c) is null)) continue;
            dataRows++;
            var row = new RowReader(table, r + 1, cells, index, errors, warnings);
            var before = errors.Count;
            RegistryRow? parsed = table switch
            {
                RegistryTable.Enterprises => ParseEnterprise(row),
                RegistryTable.Permits => ParsePermit(row),
                RegistryTable.Outlets => ParseOutlet(row),
                RegistryTable.Limits => ParseLimit(row),
                _ => throw new ArgumentOutOfRangeException(nameof(table)),
            };
            if (parsed is null || errors.Count > before) continue;
            var (key, keyColumn) = KeyOf(parsed);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new RowError(row.Row, keyColumn, $"duplicate of row {first} ({key})"));
                continue;
            }
            seen[key] = row.Row;
            valid.Add(parsed);
        }
        return new RegistrySheet(table, valid, errors, dataRows) { Warnings = warnings };
    }

    private static (string Key, string Column) KeyOf(RegistryRow row) => row switch
    {
        EnterpriseRow e => (e.Uscc, RegistryTables.Column(RegistryTable.Enterprises, "uscc").Header),
        PermitRow p => (p.Number, RegistryTables.Column(RegistryTable.Permits, "number").Header),
        OutletRow o => (o.PermitNumber + "-" + o.Code, RegistryTables.Column(RegistryTable.Outlets, "code").Header),
        LimitRow l => (l.PermitNumber + "-" + l.OutletCode + "/" + l.ParameterCode, RegistryTables.Column(RegistryTable.Limits, "parameter_code").Header),
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    private static EnterpriseRow? ParseEnterprise(RowReader r)
    {
        var uscc = r.Required("uscc", UsccFault);
        r.UsccWarnings("uscc", uscc);
        var name = r.Required("name", s => LengthFault(s, NameLength));
        var address = r.Optional("address", s => LengthFault(s, AddressLength));
        DistrictStreet? street = null;
        r.Optional("street", s => (street = DistrictStreets.Find(s)) is null
            ? $"'{s}' is not one of the 12 streets/towns of 江北区 ({string.Join("、", DistrictStreets.All.Select(x => x.Name))})" : null);
        var (lon, lat) = r.Coordinates();
        var industry = r.Optional("industry_code", s => IndustryCode().IsMatch(s) ? null : $"'{s}' is not a GB/T 4754-2017 小类 code (4 digits; type it as text so a leading 0 stays)");
        var category = r.Choice("management_category", ManagementCategories);
        var key = r.YesNo("is_key_discharger") ?? false;
        var contact = r.Optional("contact_name", s => LengthFault(s, ContactNameLength));
        var phone = r.Optional("contact_phone", s => LengthFault(s, ContactPhoneLength));
        return uscc is null || name is null ? null
            : new EnterpriseRow(r.Row, uscc, name, address, street, lon, lat, industry, category, key, contact, phone);
    }

    private static PermitRow? ParsePermit(RowReader r)
    {
        var number = r.Required("number", PermitNumberFault);
        var uscc = r.Required("uscc", UsccFault);
        r.UsccWarnings("uscc", uscc);
        if (number is not null && uscc is not null && !number.StartsWith(uscc, StringComparison.Ordinal))
            r.Fault("uscc", $"the permit number {number} begins with {number[..Uscc.Length]}, not {uscc} (HJ 608: the number starts with the holder's 统一社会信用代码)");
        var category = r.Choice("management_category", ManagementCategories);
        var issued = r.Date("issued_on", required: true);
        var from = r.Date("valid_from", required: true);
        var to = r.Date("valid_to", required: true);
        if (from is { } f && to is { } t && t <= f) r.Fault("valid_to", $"{t:yyyy-MM-dd} is not after the first day of validity {f:yyyy-MM-dd}");
        var renewal = r.Date("renewal_filed_on", required: false);
        var annual = r.YesNo("report_annual") ?? true;
        var semi = r.YesNo("report_semiannual") ?? false;
        var quarterly = r.YesNo("report_quarterly") ?? false;
        var monthly = r.YesNo("report_monthly") ?? false;
        var reason = r.Optional("change_reason", s => LengthFault(s, ChangeReasonLength));
        return number is null || uscc is null || category is null || issued is null || from is null || to is null ? null
            : new PermitRow(r.Row, number, uscc, category, issued.Value, from.Value, to.Value, renewal, annual, semi, quarterly, monthly, reason);
    }

    private static OutletRow? ParseOutlet(RowReader r)
    {
        var number = r.Required("permit_number", PermitNumberFault);
        var code = r.Required("code", OutletCodeFault);
        var type = r.Choice("type", OutletTypes, alsoAccept: s => s.Length == 2 ? s + "排放口" : s);
        var name = r.Optional("name", s => LengthFault(s, NameLength));
        var (lon, lat) = r.Coordinates();
        var interval = r.Decimal("expected_interval_minutes", required: false, v => v is >= 1 and <= 1440 && decimal.Truncate(v) == v ? null : "an integer number of minutes 1–1440 is expected");
        return number is null || code is null || type is null ? null
            : new OutletRow(r.Row, number, code, MediumOf(code), type, name, lon, lat, interval is { } i ? (int)i : DefaultIntervalMinutes);
    }

    private static LimitRow? ParseLimit(RowReader r)
    {
        var number = r.Required("permit_number", PermitNumberFault);
        var outlet = r.Required("outlet_code", OutletCodeFault);
        var parameter = r.Required("parameter_code", s => ParameterCode().IsMatch(s) ? null : $"'{s}' is not an HJ 212-2017 pollutant code (a lower-case letter and 5 digits, e.g. a21026)");
        var value = r.Decimal("limit_value", required: true, v => v > 0 ? null : "a permitted concentration is greater than 0");
        var medium = outlet is null ? null : MediumOf(outlet);
        var unit = r.Required("unit", s =>
        {
            var u = NormaliseUnit(s);
            if (u is null) return $"'{s}' is neither {AirUnit} nor {WaterUnit}";
            if (medium == "air" && u != AirUnit) return $"an air outlet (DA) is limited in {AirUnit}, not {s}";
            if (medium == "water" && u != WaterUnit) return $"a water outlet (DW) is limited in {WaterUnit}, not {s}";
            return null;
        });
        var standard = r.Optional("standard_ref", s => LengthFault(s, StandardRefLength));
        var o2 = r.Decimal("reference_o2", required: false, v => v is >= 0 and < 21 ? null : "a reference O₂ content is 0–21 % (below 21: ρ = ρ′ × (21 − O₂ref)/(21 − O₂))");
        if (o2 is not null && medium == "water") r.Fault("reference_o2", "a water outlet (DW) has no reference O₂");
        var quantity = r.Decimal("annual_quantity_t", required: false, v => v > 0 ? null : "an annual permitted quantity is greater than 0 t/a");
        return number is null || outlet is null || parameter is null || value is null || unit is null ? null
            : new LimitRow(r.Row, number, outlet, parameter, value.Value, NormaliseUnit(unit)!, standard, o2, quantity);
    }

    /// <summary>The stored medium of a valid outlet code (<see cref="OutletCode"/>): <c>air</c> for DA, <c>water</c> for DW.</summary>
    /// <param name="outletCode">A code accepted by the reader.</param>
    public static string MediumOf(string outletCode) => OutletCode.IsValid(outletCode, out var m) ? m.Key() : throw new ArgumentException($"not an outlet code: {outletCode}", nameof(outletCode));

    private static string? NormaliseUnit(string s) => s.Replace(" ", "", StringComparison.Ordinal) switch
    {
        "mg/m³" or "mg/m3" or "mg/Nm³" or "mg/Nm3" => AirUnit,
        "mg/L" or "mg/l" => WaterUnit,
        _ => null,
    };

    private static string? UsccFault(string s) => Uscc.Check(s)?.Message;

    private static string? PermitNumberFault(string number) => PermitNumber.Check(number).Reason;

    private static string? OutletCodeFault(string s) => OutletCode.Reason(s);

    private static string? LengthFault(string s, int max) => s.Length > max ? $"at most {max} characters (got {s.Length})" : null;

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex IndustryCode();

    [GeneratedRegex(@"^[a-z]\d{5}$")]
    private static partial Regex ParameterCode();

    /// <summary>The text of a cell: trimmed string, a number in its shortest invariant form, a date as yyyy-MM-dd; null when empty.</summary>
    /// <param name="cell">Cell value as MiniExcel returns it.</param>
    public static string? Text(object? cell)
    {
        var s = cell switch
        {
            null => null,
            string t => t,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            bool b => b ? "是" : "否",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        };
        s = s?.Trim();
        return string.IsNullOrEmpty(s) ? null : s;
    }

    /// <summary>Cell access and faults of one data row.</summary>
    private sealed class RowReader(RegistryTable table, int row, object?[] cells, Dictionary<string, int> index, List<RowError> errors, List<RowError> warnings)
    {
        public void UsccWarnings(string key, string? uscc)
        {
            if (uscc is null) return;
            foreach (var w in Uscc.Warnings(uscc)) warnings.Add(new RowError(Row, RegistryTables.Column(table, key).Header, w.Message));
        }

        public int Row { get; } = row;

        private object? Cell(string key) => index.TryGetValue(key, out var i) && i < cells.Length ? cells[i] : null;

        public bool IsBlank(string key) => Text(Cell(key)) is null;

        public void Fault(string key, string message) => errors.Add(new RowError(Row, RegistryTables.Column(table, key).Header, message));

        public string? Required(string key, Func<string, string?> check)
        {
            var s = Text(Cell(key));
            if (s is null) { Fault(key, "required"); return null; }
            if (check(s) is { } m) { Fault(key, m); return null; }
            return s;
        }

        public string? Optional(string key, Func<string, string?> check)
        {
            var s = Text(Cell(key));
            if (s is null) return null;
            if (check(s) is { } m) { Fault(key, m); return null; }
            return s;
        }

        public string? Choice(string key, IReadOnlyList<(string Stored, string Label)> choices, Func<string, string>? alsoAccept = null)
        {
            var s = Text(Cell(key));
            var required = RegistryTables.Column(table, key).Required;
            if (s is null)
            {
                if (required) Fault(key, "required");
                return null;
            }
            var label = alsoAccept?.Invoke(s) ?? s;
            foreach (var (stored, l) in choices)
                if (l == label || l == s || stored == s) return stored;
            Fault(key, $"'{s}' is not one of {string.Join("、", choices.Select(c => c.Label))}");
            return null;
        }

        public bool? YesNo(string key)
        {
            var s = Text(Cell(key));
            switch (s?.ToLowerInvariant())
            {
                case null: return null;
                case "是" or "true" or "1" or "y" or "yes": return true;
                case "否" or "false" or "0" or "n" or "no": return false;
                default: Fault(key, $"'{s}' is neither 是 nor 否"); return null;
            }
        }

        public DateOnly? Date(string key, bool required)
        {
            var c = Cell(key);
            if (c is DateTime dt)
            {
                if (dt.TimeOfDay != TimeSpan.Zero) { Fault(key, $"a date without a time is expected, got {Text(c)}"); return null; }
                return DateOnly.FromDateTime(dt);
            }
            var s = Text(c);
            if (s is null)
            {
                if (required) Fault(key, "required");
                return null;
            }
            if (c is not string || !DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                Fault(key, $"'{s}' is not a date (a date cell, or text yyyy-MM-dd)");
                return null;
            }
            return d;
        }

        public decimal? Decimal(string key, bool required, Func<decimal, string?> check)
        {
            var s = Text(Cell(key));
            if (s is null)
            {
                if (required) Fault(key, "required");
                return null;
            }
            if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                Fault(key, $"'{s}' is not a number");
                return null;
            }
            if (check(v) is { } m) { Fault(key, m); return null; }
            return v;
        }

        public (decimal? Lon, decimal? Lat) Coordinates()
        {
            var lon = Decimal("longitude", required: false, v => v is >= -180 and <= 180 ? null : "a longitude is −180…180 decimal degrees");
            var lat = Decimal("latitude", required: false, v => v is >= -90 and <= 90 ? null : "a latitude is −90…90 decimal degrees");
            var lonBlank = IsBlank("longitude");
            var latBlank = IsBlank("latitude");
            if (lonBlank != latBlank) Fault(lonBlank ? "longitude" : "latitude", "longitude and latitude are given together or not at all");
            return (lon, lat);
        }
    }
}
