using System.Text.Json;
using SmartEnv.Sources.Registry;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 16 P2: <c>smartenv enterprises add</c> with the profile options and <c>enterprises list --renewal</c>
/// on a SQLite store in a temp folder.</summary>
public sealed class EnterprisesProfileCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-entp-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Add_stores_the_profile_and_refuses_a_street_code_outside_the_district()
    {
        // 观音桥街道 = 500105006000 (jiangbei-streets.tsv).
        var bad = CliRunner.Run("", "enterprises", "add", "91350100M000100Y43", "--name", "某公司", "--street-code", "500105999000", "--data-dir", _dir);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--street-code", bad.Err);
        var ok = CliRunner.Run("", "enterprises", "add", "91350100M000100Y43", "--name", "某制药有限公司", "--street-code", "500105006000",
            "--industry", "2710", "--category", "simplified", "--key-discharger", "--longitude", "106.5312345", "--latitude", "29.5712", "--contact-name", "李四", "--data-dir", _dir);
        Assert.True(ok.ExitCode == 0, ok.Err);
        var row = JsonDocument.Parse(CliRunner.Run("", "enterprises", "list", "--data-dir", _dir).Out.Trim()).RootElement;
        Assert.Equal(("观音桥街道", "500105006000", "2710", "simplified", true, 106.531234m, "李四"),
            (row.GetProperty("street").GetString(), row.GetProperty("street_code").GetString(), row.GetProperty("industry_code").GetString(),
             row.GetProperty("management_category").GetString(), row.GetProperty("is_key_discharger").GetBoolean(), row.GetProperty("longitude").GetDecimal(),
             row.GetProperty("contact_name").GetString())); // 106.5312345 kept to 6 decimals, half-even: …2345 → …234
    }

    [Fact]
    public async Task List_renewal_overdue_lists_the_enterprise_whose_permit_expires_in_59_days()
    {
        var store = new SmartEnvStore(StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db")));
        await store.MigrateAndSeedAsync();
        await SourceSeed.SeedAsync(store);
        // Relative to the CLI's own clock (it has no --today): 59 days left → the renewal deadline (60 days before) has passed;
        // 61 days left → not overdue (条例 Art. 14; plan §4 "Permit expiry 59/61").
        var today = BeijingTime.Today(TimeProvider.System);
        await using (var db = store.CreateContext())
        {
            var r = new RegistryService(db, TimeProvider.System);
            await r.AddVersionAsync(SourceSeed.UsccA, SourceSeed.UsccA + "002P", new PermitVersionInput(PermitCategory.Key, today.AddYears(-5), today.AddYears(-5), today.AddDays(59), Outlets: []), AuditActor.System("test"));
            await r.AddVersionAsync(SourceSeed.UsccB, SourceSeed.UsccB + "002P", new PermitVersionInput(PermitCategory.Key, today.AddYears(-5), today.AddYears(-5), today.AddDays(61), Outlets: []), AuditActor.System("test"));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var list = CliRunner.Run("", "enterprises", "list", "--renewal", "overdue", "--data-dir", _dir);
        Assert.True(list.ExitCode == 0, list.Err);
        Assert.Equal([SourceSeed.UsccA], list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("uscc").GetString()!).ToList());
        Assert.NotEqual(0, CliRunner.Run("", "enterprises", "list", "--renewal", "late", "--data-dir", _dir).ExitCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
