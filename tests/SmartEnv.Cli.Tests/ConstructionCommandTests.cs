using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 20: <c>smartenv construction</c> on a SQLite store in a temp folder: register a 60,000 m² site (flagged
/// unmonitored, 未配置阈值), copy the Hebei preset (PM10 80 μg/m³, 外省参考), bind a monitor (flag gone), evaluate March
/// 2026 (no data: green), list; a bad USCC and an unknown preset exit 1.</summary>
public sealed class ConstructionCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-construction-" + Guid.NewGuid().ToString("N")[..12]);

    private CliRunner.Result Run(params string[] args) => CliRunner.Run("", [.. args, "--data-dir", _dir]);

    [Fact]
    public void Register_preset_bind_evaluate_list()
    {
        var r = Run("construction", "register", "CS-CLI", "--name", "鱼嘴某厂房", "--builder", "91500105000000000J", "--contractor", "915001050000000430",
            "--area", "60000", "--phase", "earthwork", "--street", "鱼嘴镇");
        Assert.True(r.ExitCode == 0, r.Err);
        var l0 = JsonDocument.Parse(Run("construction", "list").Out).RootElement[0];
        Assert.Equal((true, "未配置阈值"), (l0.GetProperty("missing_monitor").GetBoolean(), l0.GetProperty("thresholds").GetString()));

        var t = Run("construction", "thresholds", "CS-CLI", "--preset", "hebei-db13-2934-2019");
        Assert.True(t.ExitCode == 0, t.Err);
        Assert.Equal(80m, JsonDocument.Parse(t.Out).RootElement[0].GetProperty("limit_ug_m3").GetDecimal());
        Assert.Equal(1, Run("construction", "thresholds", "CS-CLI", "--preset", "chongqing").ExitCode);

        var b = Run("construction", "bind", "CS-CLI", "--mn", "CLICONS0000000000000001", "--pw", "123456", "--dust-unit", "ug/m3");
        Assert.True(b.ExitCode == 0, b.Err);
        Assert.Equal("μg/m³", JsonDocument.Parse(b.Out).RootElement.GetProperty("dust_unit").GetString());

        var e = Run("construction", "evaluate", "CS-CLI", "--month", "2026-03");
        Assert.True(e.ExitCode == 0, e.Err);
        Assert.Equal(("green", "2026-03"), (JsonDocument.Parse(e.Out).RootElement.GetProperty("colour").GetString(), JsonDocument.Parse(e.Out).RootElement.GetProperty("month").GetString()));

        var l1 = JsonDocument.Parse(Run("construction", "list").Out).RootElement[0];
        Assert.Equal((false, "configured", "green", 1), (l1.GetProperty("missing_monitor").GetBoolean(), l1.GetProperty("thresholds").GetString(),
            l1.GetProperty("card").GetString(), l1.GetProperty("monitors").GetInt32()));

        var bad = Run("construction", "register", "CS-BAD", "--name", "x", "--builder", "91500105000000000A", "--contractor", "915001050000000430", "--area", "1", "--phase", "earthwork");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("builder USCC", bad.Err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
