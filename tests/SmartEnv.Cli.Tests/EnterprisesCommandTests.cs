using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv enterprises add|list</c> on a SQLite store in a temp folder.</summary>
public sealed class EnterprisesCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-ent-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Add_checks_the_code_and_list_prints_what_was_added()
    {
        // 91440300708461136T (Tencent): check 'T' worked by hand in UsccTests (Σ = 966, 966 mod 31 = 5, 31 − 5 = 26 = T);
        // with 'U' the check fails at position 18, lower-case 't' is refused at position 18 as not in the code set.
        var wrong = CliRunner.Run("", "enterprises", "add", "91440300708461136U", "--name", "腾讯", "--data-dir", _dir);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("position 18: the check character", wrong.Err);
        var lower = CliRunner.Run("", "enterprises", "add", "91440300708461136t", "--name", "腾讯", "--data-dir", _dir);
        Assert.Equal(1, lower.ExitCode);
        Assert.Contains("lower-case", lower.Err);

        var ok = CliRunner.Run("", "enterprises", "add", "91440300708461136T", "--name", "深圳市腾讯计算机系统有限公司", "--street", "粤海街道", "--data-dir", _dir);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(1, CliRunner.Run("", "enterprises", "add", "91440300708461136T", "--name", "x", "--data-dir", _dir).ExitCode);

        var list = CliRunner.Run("", "enterprises", "list", "--data-dir", _dir);
        Assert.Equal(0, list.ExitCode);
        var rows = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("91440300708461136T", row.GetProperty("uscc").GetString());
        Assert.Equal("深圳市腾讯计算机系统有限公司", row.GetProperty("name").GetString());
        Assert.Equal("粤海街道", row.GetProperty("street").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
