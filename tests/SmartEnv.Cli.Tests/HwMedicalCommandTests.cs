using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// <c>smartenv hw medical handover|collect|report|overview</c> on each engine: records through the CLI, the refusal exit
/// code with its reason, and the overview's #17 (hand-computed: 2.5 of 4 kg centrally disposed = 62.50 %).
/// </summary>
public abstract class HwMedicalCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    [Fact]
    public async Task Handover_collect_report_and_overview()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-mw-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string[] Handover(string at, string cat, string kg) =>
                ["hw", "medical", "handover", WasteSeed.UsccH, "--facility", "ZC001", "--category", cat, "--kg", kg, "--at", at,
                 "--department", "外科", "--handed-by", "张", "--received-by", "李", .. StoreArgs(dir)];
            var h1 = CliRunner.Run("", Handover("2025-04-01T09:00:00+08:00", "infectious", "2.5"));
            Assert.True(h1.ExitCode == 0, h1.Err);
            var id1 = JsonDocument.Parse(h1.Out).RootElement.GetProperty("id").GetInt64();
            Assert.Equal(0, CliRunner.Run("", Handover("2025-04-01T10:00:00+08:00", "化学性废物", "1.5")).ExitCode);
            var refused = CliRunner.Run("", Handover("2025-04-01T10:00:00+08:00", "kitchen", "1"));
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("category", refused.Err, StringComparison.Ordinal);

            var c = CliRunner.Run("", ["hw", "medical", "collect", WasteSeed.UsccH, "--facility", "ZC001", "--collector", WasteSeed.UsccD,
                "--handover", id1.ToString(System.Globalization.CultureInfo.InvariantCulture), "--at", "2025-04-02T09:00:00+08:00", .. StoreArgs(dir)]);
            Assert.True(c.ExitCode == 0, c.Err);

            var report = JsonDocument.Parse(CliRunner.Run("", ["hw", "medical", "report", WasteSeed.UsccH, "--year", "2025", .. StoreArgs(dir)]).Out).RootElement;
            Assert.Equal(4.0m, report.GetProperty("generated_kg").GetDecimal());
            var o = CliRunner.Run("", ["hw", "medical", "overview", "--year", "2025", .. StoreArgs(dir)]);
            Assert.True(o.ExitCode == 0, o.Err);
            Assert.Equal(62.50m, JsonDocument.Parse(o.Out).RootElement.GetProperty("percent").GetDecimal());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

public sealed class SqliteHwMedicalCommandTests(SqliteTestDatabase db) : HwMedicalCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresHwMedicalCommandTests(PostgresTestDatabase db) : HwMedicalCommandTests<PostgresTestDatabase>(db);
