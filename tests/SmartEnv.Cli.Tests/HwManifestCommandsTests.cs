using System.Text.Json;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Tests;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 17 P4: <c>smartenv hw manifests --overdue</c> on a SQLite store in a temp folder. One manifest arrived on
/// Friday 2026-11-20 (receipt due by hand: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27 → 2026-11-27, overdue from the 28th,
/// before the CLI's own clock), one only submitted (never overdue for receipt).</summary>
public sealed class HwManifestCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-hwm-" + Guid.NewGuid().ToString("N")[..12]);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Overdue_lists_the_manifest_past_its_receipt_due_day_only()
    {
        var store = new SmartEnvStore(StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db")));
        await store.MigrateAndSeedAsync();
        await WasteSeed.SeedAsync(store);
        var actor = AuditActor.System("test");
        var draft = new ManifestDraftInput(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, null, [new("900-249-08", "废矿物油", null, null, null, 1, 1m)]);
        string late, open;
        await using (var db = store.CreateContext())
        {
            var s = new ManifestService(db, new Clock(new DateTimeOffset(2026, 11, 20, 16, 0, 0, BeijingTime.Offset)));
            late = (await s.DraftAsync(WasteSeed.UsccA, draft, actor)).Number;
            await s.FireAsync(late, WasteSeed.UsccA, ManifestTrigger.Submit, new(), actor);
            await s.FireAsync(late, WasteSeed.UsccC, ManifestTrigger.PickUp, new(Vehicle: "渝A12345"), actor);
            var arrived = await s.FireAsync(late, WasteSeed.UsccC, ManifestTrigger.Arrive, new(), actor);
            Assert.Equal(new DateOnly(2026, 11, 27), arrived.ReceiptDue);
            open = (await s.DraftAsync(WasteSeed.UsccA, draft, actor)).Number;
            await s.FireAsync(open, WasteSeed.UsccA, ManifestTrigger.Submit, new(), actor);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Numbers(CliRunner.Run("", "hw", "manifests", "--data-dir", _dir), [open, late]);
        Numbers(CliRunner.Run("", "hw", "manifests", "--overdue", "--data-dir", _dir), [late]);
        Numbers(CliRunner.Run("", "hw", "manifests", "--overdue", "--uscc", SourceSeed.UsccB, "--data-dir", _dir), []);
    }

    private static void Numbers(CliRunner.Result r, string[] expected)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(expected, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("number").GetString()!));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
