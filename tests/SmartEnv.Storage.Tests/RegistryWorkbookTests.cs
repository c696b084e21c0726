using MiniExcelLibs;
using SmartEnv.Sources.Excel;
using SmartEnv.Supervision.District;

namespace SmartEnv.Storage.Tests;

/// <summary>Workbook helpers for the registry Excel tests: a sheet from literal rows (row 1 = header).</summary>
public static class RegistryXlsx
{
    /// <summary>An .xlsx with one sheet named for <paramref name="table"/> holding <paramref name="rows"/> as given.</summary>
    public static MemoryStream Of(RegistryTable table, params object?[][] rows)
    {
        var data = rows.Select(r => r.Select((c, i) => (c, i)).ToDictionary(x => "c" + x.i, x => x.c)).ToList();
        var ms = new MemoryStream();
        ms.SaveAs(new Dictionary<string, object> { [RegistryTables.SheetName(table)] = data }, printHeader: false);
        ms.Position = 0;
        return ms;
    }

    public static object?[] Headers(RegistryTable table) => RegistryTables.Columns(table).Select(c => (object?)c.Header).ToArray();
}

/// <summary>Reading and validating the four templates (pure, no store). Expected faults are hand-worked from GB 32100-2015
/// (supervision.md §1.5: the check character of 91350100M000100Y4 is 3), HJ 608 and jiangbei-streets.tsv.</summary>
public sealed class RegistryWorkbookTests
{
    private const string A = "91500105MA5U0A1661";
    private const string B = "91500105MA5U0B169H";

    private static object?[] Enterprise(string uscc, string name, string? street = null) =>
        [uscc, name, "江北区某路 1 号", street, null, null, null, null, null, null, null];

    [Fact]
    public void A_bad_check_character_in_Excel_row_3_names_row_column_position_and_expected_character_and_no_row_is_kept_from_it()
    {
        using var x = RegistryXlsx.Of(RegistryTable.Enterprises, RegistryXlsx.Headers(RegistryTable.Enterprises),
            Enterprise(A, "甲公司"), Enterprise("91350100M000100Y4Z", "乙公司"));
        var sheet = RegistryWorkbook.Read(x, RegistryTable.Enterprises);
        var e = Assert.Single(sheet.Errors);
        Assert.Equal((3, "统一社会信用代码"), (e.Row, e.Column));
        Assert.StartsWith("position 18:", e.Message);
        Assert.Contains("'3'", e.Message);
        Assert.Equal(2, sheet.DataRows);
        Assert.Equal([A], sheet.Rows.Cast<EnterpriseRow>().Select(r => r.Uscc));
        Assert.False(sheet.Ok);
    }

    [Fact]
    public void A_street_outside_the_12_of_Jiangbei_is_a_fault_of_the_street_column_and_names_and_codes_are_both_accepted()
    {
        using var x = RegistryXlsx.Of(RegistryTable.Enterprises, RegistryXlsx.Headers(RegistryTable.Enterprises),
            Enterprise(A, "甲公司", "观音桥街道"), Enterprise(B, "乙公司", "解放碑街道"), Enterprise("91350100M000100Y43", "丙公司", "500105102000"));
        var sheet = RegistryWorkbook.Read(x, RegistryTable.Enterprises);
        var e = Assert.Single(sheet.Errors);
        Assert.Equal((3, "所在街道（镇）"), (e.Row, e.Column));
        Assert.Contains("解放碑街道", e.Message);
        var rows = sheet.Rows.Cast<EnterpriseRow>().ToList();
        Assert.Equal(("500105006000", "观音桥街道"), (rows[0].Street!.Code, rows[0].Street!.Name));
        Assert.Equal(("500105102000", "五宝镇", 4), (rows[1].Street!.Code, rows[1].Street!.Name, rows[1].Row));
    }

    [Fact]
    public void A_GB_11714_mismatch_at_position_17_is_a_warning_and_the_row_is_kept()
    {
        // supervision.md §1.5 / plan §4: 91350100M000100Y56 — position 18 right, position 17 should be 4 (GB 11714 of M000100Y).
        using var x = RegistryXlsx.Of(RegistryTable.Enterprises, RegistryXlsx.Headers(RegistryTable.Enterprises), Enterprise("91350100M000100Y56", "戊公司"));
        var sheet = RegistryWorkbook.Read(x, RegistryTable.Enterprises);
        Assert.True(sheet.Ok);
        Assert.Single(sheet.Rows);
        var w = Assert.Single(sheet.Warnings);
        Assert.Equal((2, "统一社会信用代码"), (w.Row, w.Column));
        Assert.StartsWith("position 17", w.Message);
        Assert.Contains("4", w.Message);
    }

    [Fact]
    public void Every_fault_of_every_row_is_listed_in_row_then_column_order()
    {
        // Row 2: empty name, lone longitude, 3-digit industry code (typed as a number: the leading 0 of 0111 is lost),
        // unknown category, neither 是 nor 否. Row 3: lower-case letter at position 5. Row 4 valid; row 5 repeats its code.
        using var x = RegistryXlsx.Of(RegistryTable.Enterprises, RegistryXlsx.Headers(RegistryTable.Enterprises),
            [A, null, null, null, 106.5, null, 111d, "一般管理", "也许", null, null],
            ["9150o105MA5U0A1661", "乙", null, null, null, null, null, null, null, null, null],
            [B, "丙", null, null, 106.55, 29.6, "2614", "重点管理", "是", "张三", 13800000000d],
            [B, "丁", null, null, null, null, null, null, null, null, null]);
        var sheet = RegistryWorkbook.Read(x, RegistryTable.Enterprises);
        Assert.Equal([(2, "单位名称"), (2, "纬度"), (2, "行业类别代码"), (2, "管理类别"), (2, "重点排污单位"), (3, "统一社会信用代码"), (5, "统一社会信用代码")],
            sheet.Errors.Select(e => (e.Row, e.Column)));
        Assert.StartsWith("position 5:", sheet.Errors[5].Message);
        Assert.Equal("duplicate of row 4 (" + B + ")", sheet.Errors[6].Message);
        var ok = Assert.Single(sheet.Rows.Cast<EnterpriseRow>());
        Assert.Equal(new EnterpriseRow(4, B, "丙", null, null, 106.55m, 29.6m, "2614", "key", true, "张三", "13800000000"), ok);
    }

    [Fact]
    public void The_header_is_row_1_unknown_or_missing_required_columns_are_faults_there_and_columns_may_come_in_any_order()
    {
        using var bad = RegistryXlsx.Of(RegistryTable.Enterprises, ["单位名称", "法人"], ["甲", "某"]);
        var sheet = RegistryWorkbook.Read(bad, RegistryTable.Enterprises);
        Assert.Equal([(1, "法人"), (1, "统一社会信用代码")], sheet.Errors.Select(e => (e.Row, e.Column)));
        Assert.Empty(sheet.Rows);

        using var shuffled = RegistryXlsx.Of(RegistryTable.Enterprises, ["name", "统一社会信用代码"], ["甲公司", A]);
        var ok = RegistryWorkbook.Read(shuffled, RegistryTable.Enterprises);
        Assert.True(ok.Ok);
        Assert.Equal((A, "甲公司"), (((EnterpriseRow)ok.Rows[0]).Uscc, ((EnterpriseRow)ok.Rows[0]).Name));
    }

    [Fact]
    public void Permit_rows_check_the_number_its_holder_and_the_validity_and_keep_non_P_letters()
    {
        var h = RegistryXlsx.Headers(RegistryTable.Permits);
        using var x = RegistryXlsx.Of(RegistryTable.Permits, h,
            [A + "001P", A, "重点管理", new DateTime(2026, 10, 10), "2026-10-10", "2031-10-09", null, null, "是", null, "否", null],
            [B + "001Q", B, "登记管理", "2026-01-05", "2026/1/5", "2031.1.4", "2030-11-01", "否", null, null, null, "新建"],
            [A + "002P", B, "简化管理", "2026-01-05", "2026-01-05", "2026-01-05", null, null, null, null, null, null],
            ["91500105MA5U0A1662001P", A, "简化管理", "2026-01-05", "2026-01-05", "2030-01-04", null, null, null, null, null, null],
            [A + "01P", A, "简化管理", "2026-01-05", 46000d, "2030-01-04", null, null, null, null, null, null]);
        var sheet = RegistryWorkbook.Read(x, RegistryTable.Permits);
        Assert.Equal([(4, "统一社会信用代码"), (4, "有效期止"), (5, "许可证编号"), (6, "许可证编号"), (6, "有效期起")], sheet.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("position 18", sheet.Errors[2].Message);
        Assert.Contains("22 characters", sheet.Errors[3].Message);
        var rows = sheet.Rows.Cast<PermitRow>().ToList();
        Assert.Equal(new PermitRow(2, A + "001P", A, "key", new(2026, 10, 10), new(2026, 10, 10), new(2031, 10, 9), null, true, true, false, false, null), rows[0]);
        Assert.Equal(new PermitRow(3, B + "001Q", B, "registration", new(2026, 1, 5), new(2026, 1, 5), new(2031, 1, 4), new(2030, 11, 1), false, false, false, false, "新建"), rows[1]);
    }

    [Fact]
    public void Outlet_and_limit_rows_tie_unit_and_reference_oxygen_to_the_medium_of_the_outlet_code()
    {
        using var o = RegistryXlsx.Of(RegistryTable.Outlets, RegistryXlsx.Headers(RegistryTable.Outlets),
            [A + "001P", "DA001", "主要排放口", "锅炉烟囱", 106.55, 29.6, null],
            [A + "001P", "DW001", "一般", null, null, null, 5d],
            [A + "001P", "DX001", "主要排放口", null, null, null, 0d]);
        var outlets = RegistryWorkbook.Read(o, RegistryTable.Outlets);
        Assert.Equal([(4, "排放口编号"), (4, "数据上传间隔（分钟）")], outlets.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal(new OutletRow(2, A + "001P", "DA001", "air", "main", "锅炉烟囱", 106.55m, 29.6m, 60), outlets.Rows[0]);
        Assert.Equal(new OutletRow(3, A + "001P", "DW001", "water", "general", null, null, null, 5), outlets.Rows[1]);

        using var l = RegistryXlsx.Of(RegistryTable.Limits, RegistryXlsx.Headers(RegistryTable.Limits),
            [A + "001P", "DA001", "a21026", 35d, "mg/m3", "GB 13271-2014 表 2", 9d, 10d],
            [A + "001P", "DW001", "w01018", 50d, "mg/L", null, null, null],
            [A + "001P", "DA001", "a21002", 50d, "mg/L", null, null, null],
            [A + "001P", "DW001", "w21003", 0d, "mg/L", null, 9d, null],
            [A + "001P", "DA001", "A21026", 35d, "mg/m³", null, null, null],
            [A + "001P", "DA001", "a21026", 30d, "mg/m³", null, null, null]);
        var limits = RegistryWorkbook.Read(l, RegistryTable.Limits);
        Assert.Equal([(4, "浓度单位"), (5, "许可排放浓度限值"), (5, "基准氧含量（%）"), (6, "污染物编码"), (7, "污染物编码")], limits.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("duplicate of row 2 (" + A + "001P-DA001/a21026)", limits.Errors[4].Message);
        Assert.Equal(new LimitRow(2, A + "001P", "DA001", "a21026", 35m, "mg/m³", "GB 13271-2014 表 2", 9m, 10m), limits.Rows[0]);
        Assert.Equal(new LimitRow(3, A + "001P", "DW001", "w01018", 50m, "mg/L", null, null, null), limits.Rows[1]);
    }

    [Fact]
    public void Templates_read_back_empty_and_written_rows_read_back_equal_on_every_table()
    {
        foreach (var t in RegistryTables.All)
        {
            using var ms = new MemoryStream();
            RegistryWorkbook.WriteTemplate(ms, t);
            ms.Position = 0;
            Assert.Equal([RegistryTables.SheetName(t), RegistryTables.HelpSheetName], ms.GetSheetNames());
            var empty = RegistryWorkbook.Read(ms, t);
            Assert.True(empty.Ok, string.Join("; ", empty.Errors));
            Assert.Equal(0, empty.DataRows);
        }
        RegistryRow[][] samples =
        [
            [new EnterpriseRow(2, A, "甲公司", "江北区某路 1 号", DistrictStreets.Find("鱼嘴镇"), 106.551234m, 29.612345m, "0111", "simplified", true, "张三", "023-67000000"),
             new EnterpriseRow(3, B, "=乙公司", null, null, null, null, null, null, false, null, null)],
            [new PermitRow(2, A + "001P", A, "key", new(2026, 10, 10), new(2026, 10, 10), new(2031, 10, 9), new(2031, 8, 1), true, false, true, true, "变更")],
            [new OutletRow(2, A + "001P", "DA001", "air", "main", "锅炉烟囱", 106.55m, 29.6m, 60), new OutletRow(3, A + "001P", "DW001", "water", "other", null, null, null, 15)],
            [new LimitRow(2, A + "001P", "DA001", "a21026", 35m, "mg/m³", "GB 13271-2014", 9m, 10.5m), new LimitRow(3, A + "001P", "DW001", "w01018", 0.1m, "mg/L", null, null, null)],
        ];
        foreach (var (t, rows) in RegistryTables.All.Zip(samples))
        {
            using var ms = new MemoryStream();
            RegistryWorkbook.Write(ms, t, rows);
            ms.Position = 0;
            var back = RegistryWorkbook.Read(ms, t);
            Assert.True(back.Ok, string.Join("; ", back.Errors));
            Assert.Equal(rows, back.Rows);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_one_fault_in_row_0()
    {
        using var ms = new MemoryStream("uscc,name\n"u8.ToArray());
        var sheet = RegistryWorkbook.Read(ms, RegistryTable.Enterprises);
        var e = Assert.Single(sheet.Errors);
        Assert.Equal((0, ""), (e.Row, e.Column));
    }
}
