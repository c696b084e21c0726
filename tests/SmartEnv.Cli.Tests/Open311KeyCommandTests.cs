using System.Text.Json;
using SmartEnv.Complaints.Open311;
using SmartEnv.Storage;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 18 P5: <c>smartenv complaints open311-key add NAME</c> prints a key once (51 characters, <c>se_o311_</c>),
/// the store verifies it (and not another), <c>list</c> shows the client without the key, a taken or bad name exits 2,
/// <c>disable</c> makes the key fail.</summary>
public sealed class Open311KeyCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-o311-" + Guid.NewGuid().ToString("N")[..12]);

    private async Task<string?> VerifyAsync(string key)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(null, _dir));
        await using var db = store.CreateContext();
        return await Open311ApiKeys.VerifyAsync(db, key);
    }

    [Fact]
    public async Task Add_prints_the_key_once_list_hides_it_disable_refuses_it()
    {
        var add = CliRunner.Run("", "complaints", "open311-key", "add", "jiangbei-app", "--data-dir", _dir);
        Assert.True(add.ExitCode == 0, add.Err);
        var key = add.Out.Trim();
        Assert.Matches("^se_o311_[A-Za-z0-9_-]{43}$", key); // 8 + 43 = 51 characters
        Assert.Equal("jiangbei-app", await VerifyAsync(key));
        Assert.Null(await VerifyAsync(Open311ApiKeys.NewKey()));

        var list = CliRunner.Run("", "complaints", "open311-key", "list", "--data-dir", _dir);
        Assert.True(list.ExitCode == 0, list.Err);
        var row = JsonDocument.Parse(list.Out.Trim()).RootElement;
        Assert.Equal("jiangbei-app", row.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("disabled_at").ValueKind);
        Assert.DoesNotContain(key, list.Out);

        Assert.Equal(2, CliRunner.Run("", "complaints", "open311-key", "add", "jiangbei-app", "--data-dir", _dir).ExitCode); // taken
        Assert.Equal(2, CliRunner.Run("", "complaints", "open311-key", "add", "bad name", "--data-dir", _dir).ExitCode);   // space
        Assert.Equal(2, CliRunner.Run("", "complaints", "open311-key", "disable", "nobody", "--data-dir", _dir).ExitCode);

        Assert.Equal(0, CliRunner.Run("", "complaints", "open311-key", "disable", "jiangbei-app", "--data-dir", _dir).ExitCode);
        Assert.Null(await VerifyAsync(key));
        var again = CliRunner.Run("", "complaints", "open311-key", "disable", "jiangbei-app", "--data-dir", _dir);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already disabled", again.Err);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
