using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 20 part A: <c>smartenv drainage import</c> of a CSV with one bad row (row 3: type 无此类型) exits 1 naming row 3
/// and stores nothing; the corrected file stores both outlets; <c>drainage list</c> prints them with the progress (1 of 2
/// 已规范化 → done 50.0 %), and <c>--river</c> filters; a missing file exits 1.</summary>
public sealed class DrainageCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-drainage-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Import_is_all_or_nothing_and_list_prints_progress()
    {
        Directory.CreateDirectory(_dir);
        const string header = "编码,名称,河流,类型,整治状态,经度,纬度,街道\n";
        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, header + "JB-PK-0101,一号,长江,工业排污口,已规范化,106.6,29.6,寸滩街道\nJB-PK-0102,二号,嘉陵江,无此类型,,,,\n");
        var r1 = CliRunner.Run("", "drainage", "import", bad, "--data-dir", _dir);
        Assert.Equal(1, r1.ExitCode);
        Assert.Contains("row 3:", r1.Err, StringComparison.Ordinal);
        var empty = CliRunner.Run("", "drainage", "list", "--data-dir", _dir);
        Assert.Equal(0, JsonDocument.Parse(empty.Out).RootElement.GetProperty("outlets").GetArrayLength());

        var good = Path.Combine(_dir, "good.csv");
        File.WriteAllText(good, header + "JB-PK-0101,一号,长江,工业排污口,已规范化,106.6,29.6,寸滩街道\nJB-PK-0102,二号,嘉陵江,城镇污水处理厂排污口,,,,\n");
        var r2 = CliRunner.Run("", "drainage", "import", good, "--data-dir", _dir);
        Assert.True(r2.ExitCode == 0, r2.Err);
        Assert.Contains("stored 2", r2.Out, StringComparison.Ordinal);
        var list = JsonDocument.Parse(CliRunner.Run("", "drainage", "list", "--data-dir", _dir).Out).RootElement;
        Assert.Equal(2, list.GetProperty("outlets").GetArrayLength());
        Assert.Equal(50.0m, list.GetProperty("progress").GetProperty("done_percent").GetDecimal());
        var jl = JsonDocument.Parse(CliRunner.Run("", "drainage", "list", "--river", "嘉陵江", "--data-dir", _dir).Out).RootElement;
        Assert.Equal("JB-PK-0102", jl.GetProperty("outlets")[0].GetProperty("code").GetString());
        Assert.Equal(1, CliRunner.Run("", "drainage", "import", Path.Combine(_dir, "none.csv"), "--data-dir", _dir).ExitCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
