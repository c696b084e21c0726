using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv review mark|restore|list</c> on each engine: the same records and refusals as the API.</summary>
public abstract class ReviewCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    [Fact]
    public void Mark_list_restore_and_refusals()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-review-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var mark = CliRunner.Run("", ["review", "mark", "--site", "JB-A-GC", "--from", "2019-01-08T15:00+08:00", "--to", "2019-01-08T19:00+08:00",
                "--parameter", "a34004", "--reason", "external_interference", "--text", "站旁施工", "--by", "张三", .. StoreArgs(dir)]);
            Assert.True(mark.ExitCode == 0, mark.Err);
            var m = JsonDocument.Parse(mark.Out).RootElement;
            Assert.Equal(("mark", "external_interference", "张三", "a34004"), (m.GetProperty("action").GetString(), m.GetProperty("reason").GetString(), m.GetProperty("by").GetString(), m.GetProperty("parameter").GetString()));
            Assert.Equal("2019-01-08T07:00:00+00:00", m.GetProperty("from").GetString());
            Assert.Equal("2019-01-08T11:00:00+00:00", m.GetProperty("to").GetString());
            var id = m.GetProperty("id").GetInt64();

            var restore = CliRunner.Run("", ["review", "restore", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "李四", .. StoreArgs(dir)]);
            Assert.True(restore.ExitCode == 0, restore.Err);
            Assert.Equal(id, JsonDocument.Parse(restore.Out).RootElement.GetProperty("restores_id").GetInt64());

            var list = CliRunner.Run("", ["review", "list", "--site", "JB-A-GC", .. StoreArgs(dir)]);
            Assert.True(list.ExitCode == 0, list.Err);
            var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal("mark,restore", string.Join(",", lines.Select(l => l.GetProperty("action").GetString())));
            Assert.False(lines[0].GetProperty("active").GetBoolean());

            Assert.Equal(2, CliRunner.Run("", ["review", "mark", "--site", "JB-A-GC", "--from", "2019-01-08T15:00+08:00", "--to", "2019-01-08T15:00+08:00", "--reason", "bad", .. StoreArgs(dir)]).ExitCode);
            var other = CliRunner.Run("", ["review", "mark", "--site", "JB-A-GC", "--from", "2019-01-08T15:00+08:00", "--to", "2019-01-08T15:00+08:00", "--reason", "other", .. StoreArgs(dir)]);
            Assert.Equal(1, other.ExitCode);
            Assert.Contains("text", other.Err);
            var reversed = CliRunner.Run("", ["review", "mark", "--site", "JB-A-GC", "--from", "2019-01-08T15:00+08:00", "--to", "2019-01-08T14:00+08:00", "--reason", "shutdown", .. StoreArgs(dir)]);
            Assert.Equal(1, reversed.ExitCode);
            Assert.Contains("to", reversed.Err);
        }
        finally { Directory.Delete(dir, true); }
    }
}

public sealed class SqliteReviewCommandTests(SqliteTestDatabase db) : ReviewCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresReviewCommandTests(PostgresTestDatabase db) : ReviewCommandTests<PostgresTestDatabase>(db);
