using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 19 P5: <c>smartenv credit evaluate</c> on a SQLite store in a temp folder holding one enterprise with one
/// decided penalty (2024-06-10) evaluates 2024 as 100 − 5 (credit-rules.tsv <c>management.penalty</c>) = 95 → 环保良好, the
/// line's evidence the case number; <c>credit show</c> prints the current grade; an unknown USCC exits 1.</summary>
public sealed class CreditCommandTests : IDisposable
{
    private const string Uscc = "91500105MA5U0A1661";
    private const string CaseNumber = "江北环罚〔2024〕1号";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-credit-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Evaluate_scores_the_stored_penalty_and_show_prints_the_grade()
    {
        var store = new SmartEnvStore(StoreOptions.Parse(null, _dir));
        await store.MigrateAndSeedAsync();
        await using (var db = store.CreateContext())
        {
            var at = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
            db.Enterprises.Add(new Enterprise { Uscc = Uscc, Name = "重庆江北甲化工有限公司", CreatedAt = at });
            db.EnforcementCases.Add(new EnforcementCase
            {
                CaseNumber = CaseNumber, Uscc = Uscc, LegalBasis = "《排污许可管理条例》第三十四条", PenaltyType = StoredPenaltyType.Fine, Amount = 200000m,
                FiledOn = new DateOnly(2024, 5, 10), DecidedOn = new DateOnly(2024, 6, 10), Status = StoredEnforcementStatus.Decided,
                CreditItemCode = "management.penalty", CreatedBy = "test", CreatedAt = at, UpdatedAt = at, Version = 1,
            });
            await db.SaveChangesAsync();
        }

        var r = CliRunner.Run("", "credit", "evaluate", Uscc, "--year", "2024", "--data-dir", _dir);
        Assert.True(r.ExitCode == 0, r.Err);
        var e = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal((95m, "good"), (e.GetProperty("score").GetDecimal(), e.GetProperty("grade").GetString()));
        var line = e.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(("management.penalty", CaseNumber), (line.GetProperty("item_code").GetString(), line.GetProperty("evidence")[0].GetProperty("record_id").GetString()));

        var s = CliRunner.Run("", "credit", "show", Uscc, "--data-dir", _dir);
        Assert.True(s.ExitCode == 0, s.Err);
        var v = JsonDocument.Parse(s.Out).RootElement;
        Assert.Equal(("good", 95m), (v.GetProperty("current_grade").GetString(), v.GetProperty("latest").GetProperty("score").GetDecimal()));

        var none = CliRunner.Run("", "credit", "show", "91500105MA5U0B169H", "--data-dir", _dir);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no enterprise", none.Err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
