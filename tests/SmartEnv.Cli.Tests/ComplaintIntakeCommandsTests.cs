using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 18 P2: <c>smartenv complaints submit</c> registers a telephone case on a SQLite store in a temp folder and
/// prints its number and query code; <c>smartenv complaints query</c> shows it with that code (state registered, street
/// 观音桥街道 from the address) and exits 3 with another code; a refused field exits 2 naming it.</summary>
public sealed class ComplaintIntakeCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-cmp-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Submit_prints_number_and_code_and_query_shows_the_case_only_with_that_code()
    {
        var r = CliRunner.Run("", "complaints", "submit", "--channel", "phone", "--content", "工地夜间施工噪声扰民。", "--types", "noise.construction",
            "--address", "江北区观音桥某工地", "--reporter-name", "王女士", "--reporter-phone", "13800000001", "--data-dir", _dir);
        Assert.True(r.ExitCode == 0, r.Err);
        var receipt = JsonDocument.Parse(r.Out).RootElement;
        var number = receipt.GetProperty("number").GetString()!;
        var code = receipt.GetProperty("query_code").GetString()!;
        Assert.Matches("^TS[0-9]{8}0001$", number); // the first case of the day in a new store

        var q = CliRunner.Run("", "complaints", "query", number, code, "--data-dir", _dir);
        Assert.True(q.ExitCode == 0, q.Err);
        var view = JsonDocument.Parse(q.Out).RootElement;
        Assert.Equal(("registered", "观音桥街道"), (view.GetProperty("state_key").GetString(), view.GetProperty("street_name").GetString()));
        Assert.DoesNotContain("13800000001", q.Out);
        Assert.Equal(3, CliRunner.Run("", "complaints", "query", number, "22222-22222", "--data-dir", _dir).ExitCode);

        var bad = CliRunner.Run("", "complaints", "submit", "--channel", "phone", "--content", "噪声", "--types", "noise.fireworks", "--data-dir", _dir);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("error: types:", bad.Err.Trim());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
