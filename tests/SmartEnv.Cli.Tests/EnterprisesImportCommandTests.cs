using System.Text.Json;
using SmartEnv.Sources.Excel;
using SmartEnv.Supervision.District;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv enterprises import|export</c> on a SQLite store in a temp folder (plan §2.4, §4 "Excel import").</summary>
public sealed class EnterprisesImportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-entx-" + Guid.NewGuid().ToString("N")[..12]);

    private const string A = "91500105MA5U0A1661";

    private string Workbook(string name, params EnterpriseRow[] rows)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, name);
        using var f = File.Create(path);
        RegistryWorkbook.Write(f, RegistryTable.Enterprises, rows);
        return path;
    }

    private static EnterpriseRow Row(string uscc, string name, DistrictStreet? street = null) => new(0, uscc, name, null, street, null, null, null, null, false, null, null);

    [Fact]
    public void A_faulty_file_prints_every_fault_with_row_and_column_and_stores_nothing_then_dry_run_import_and_export()
    {
        var bad = Workbook("bad.xlsx", Row(A, "甲公司"), Row("91350100M000100Y4Z", "乙公司"), Row("91130200699229617X", "丙公司", new DistrictStreet("000000000000", "解放碑街道")));
        var r = CliRunner.Run("", "enterprises", "import", bad, "--table", "enterprises", "--data-dir", _dir);
        Assert.Equal(1, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("row 3, 统一社会信用代码: position 18:", lines[0]);
        Assert.Contains("expected '3'", lines[0]);
        Assert.StartsWith("row 4, 所在街道（镇）: '解放碑街道'", lines[1]);
        Assert.False(JsonDocument.Parse(r.Out).RootElement.GetProperty("stored").GetBoolean());
        Assert.Equal("", CliRunner.Run("", "enterprises", "list", "--data-dir", _dir).Out);

        var good = Workbook("good.xlsx", Row(A, "甲公司", DistrictStreets.Find("寸滩街道")));
        var dry = CliRunner.Run("", "enterprises", "import", good, "--table", "enterprises", "--dry-run", "--data-dir", _dir);
        Assert.Equal(0, dry.ExitCode);
        Assert.Equal("", CliRunner.Run("", "enterprises", "list", "--data-dir", _dir).Out);
        Assert.Equal(0, CliRunner.Run("", "enterprises", "import", good, "--table", "enterprises", "--data-dir", _dir).ExitCode);

        var outFile = Path.Combine(_dir, "out.xlsx");
        var export = CliRunner.Run("", "enterprises", "export", "--table", "enterprises", "--out", outFile, "--data-dir", _dir);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(export.Out).RootElement.GetProperty("rows").GetInt32());
        using var f = File.OpenRead(outFile);
        var row = Assert.IsType<EnterpriseRow>(Assert.Single(RegistryWorkbook.Read(f, RegistryTable.Enterprises).Rows));
        Assert.Equal((A, "甲公司", "500105005000"), (row.Uscc, row.Name, row.Street?.Code));
    }

    [Fact]
    public void An_unknown_table_is_a_usage_error_and_the_template_needs_no_store()
    {
        Assert.Equal(2, CliRunner.Run("", "enterprises", "export", "--table", "sites", "--out", Path.Combine(_dir, "x.xlsx"), "--data-dir", _dir).ExitCode);
        Directory.CreateDirectory(_dir);
        var t = Path.Combine(_dir, "permits.xlsx");
        Assert.Equal(0, CliRunner.Run("", "enterprises", "export", "--table", "permits", "--template", "--out", t).ExitCode);
        using var f = File.OpenRead(t);
        var sheet = RegistryWorkbook.Read(f, RegistryTable.Permits);
        Assert.True(sheet.Ok);
        Assert.Equal(0, sheet.DataRows);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
