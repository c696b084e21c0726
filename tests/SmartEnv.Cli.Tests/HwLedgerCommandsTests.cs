using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv hw party add</c>, <c>hw facility add</c> and <c>hw stock</c> (issue 17 P2) on a SQLite store in a
/// temp folder holding the <see cref="WasteSeed"/> fixture: A's seeded container (0.18 t, stored in TS001 on 2026-01-05
/// 14:00 Beijing) is in stock at the end of 2026-01-05, not of 2026-01-04.</summary>
public sealed class HwLedgerCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-hwcli-" + Guid.NewGuid().ToString("N")[..12]);

    private async Task SeedAsync()
    {
        var store = new SmartEnvStore(StoreOptions.Parse(null, _dir));
        await store.MigrateAndSeedAsync();
        await WasteSeed.SeedAsync(store);
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Party_and_facility_add_write_the_store_and_stock_replays_the_ledger()
    {
        await SeedAsync();
        var bad = CliRunner.Run("", "hw", "party", "add", SourceSeed.UsccB, "--roles", "receiver", "--data-dir", _dir);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("hwLicenceNumber", bad.Err);
        Assert.Equal(1, CliRunner.Run("", "hw", "party", "add", SourceSeed.UsccB, "--roles", "pirate", "--data-dir", _dir).ExitCode);
        var ok = CliRunner.Run("", "hw", "party", "add", SourceSeed.UsccB, "--roles", "generator,receiver", "--hw-licence", "渝危废经字500105009号", "--business-unit", "--data-dir", _dir);
        Assert.Equal(0, ok.ExitCode);
        var p = Assert.Single(Lines(ok.Out));
        Assert.Equal(["generator", "receiver"], p.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));
        Assert.True(p.GetProperty("is_business_unit").GetBoolean());

        var f = CliRunner.Run("", "hw", "facility", "add", SourceSeed.UsccB, "--code", "TS001", "--kind", "storage", "--name", "乙危废库", "--data-dir", _dir);
        Assert.Equal(0, f.ExitCode);
        Assert.Equal("storage", Assert.Single(Lines(f.Out)).GetProperty("kind").GetString());
        Assert.Equal(1, CliRunner.Run("", "hw", "facility", "add", SourceSeed.UsccB, "--code", "TS001", "--kind", "disposal", "--name", "x", "--data-dir", _dir).ExitCode);
        Assert.Equal(1, CliRunner.Run("", "hw", "facility", "add", "91500105MA5U0Z0000", "--code", "TS001", "--kind", "storage", "--name", "x", "--data-dir", _dir).ExitCode);

        var on5 = Assert.Single(Lines(CliRunner.Run("", "hw", "stock", "--uscc", WasteSeed.UsccA, "--date", "2026-01-05", "--data-dir", _dir).Out));
        Assert.Equal(("TS001", 1, 0.18m), (on5.GetProperty("facility_code").GetString(), on5.GetProperty("containers").GetInt32(), on5.GetProperty("tonnes").GetDecimal()));
        var on4 = Assert.Single(Lines(CliRunner.Run("", "hw", "stock", "--uscc", WasteSeed.UsccA, "--date", "2026-01-04", "--data-dir", _dir).Out));
        Assert.Equal(0, on4.GetProperty("containers").GetInt32());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
