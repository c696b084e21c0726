using System.Text.Json;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Tests;
using SmartEnv.Waste.Generators;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 17 P5: <c>smartenv hw class --uscc</c> and <c>smartenv hw declarations --overdue</c> on a SQLite store in a
/// temp folder, relative to the CLI's own clock (it has no --today).</summary>
public sealed class HwDeclarationCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-hwdecl-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Class_shows_the_override_and_declarations_overdue_lists_last_years_plan()
    {
        var store = new SmartEnvStore(StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db")));
        await store.MigrateAndSeedAsync();
        await WasteSeed.SeedAsync(store);
        var year = BeijingTime.Today(TimeProvider.System).Year;
        await using (var db = store.CreateContext())
            await new GeneratorService(db, TimeProvider.System).OverrideClassAsync(WasteSeed.UsccA, year, "key", "重点监管单位名录", AuditActor.System("test"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var cls = CliRunner.Run("", "hw", "class", "--uscc", WasteSeed.UsccA, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", _dir);
        Assert.True(cls.ExitCode == 0, cls.Err);
        var v = JsonDocument.Parse(cls.Out.Trim()).RootElement;
        Assert.Equal(("key", "registration", "重点监管单位名录"), (v.GetProperty("class").GetString(), v.GetProperty("computed").GetString(), v.GetProperty("override_reason").GetString()));

        // Last year A had no class row and no figures → 登记管理: its plan was due 31 March of last year, so it is overdue today.
        var list = CliRunner.Run("", "hw", "declarations", "--overdue", "--data-dir", _dir);
        Assert.True(list.ExitCode == 0, list.Err);
        var rows = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(rows, r => r.GetProperty("uscc").GetString() == WasteSeed.UsccA && r.GetProperty("kind").GetString() == "plan"
            && r.GetProperty("period").GetString() == (year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) && r.GetProperty("status").GetString() == "overdue");
        Assert.All(rows, r => Assert.Equal("overdue", r.GetProperty("status").GetString()));

        Assert.Equal(1, CliRunner.Run("", "hw", "class", "--uscc", "91500105MA5U0ZZZZZ", "--data-dir", _dir).ExitCode);
        Assert.NotEqual(0, CliRunner.Run("", "hw", "declarations", "--status", "late", "--data-dir", _dir).ExitCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
