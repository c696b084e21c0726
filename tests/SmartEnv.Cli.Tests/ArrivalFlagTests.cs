using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Imports;
using SmartEnv.Imports.DataSources;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 22 "flagged on arrival" end to end on each engine: a data source with a finding (rounding to nearest since
/// 2019-03-01 00:00, open-ended; and one closed 2019-03-01 00:00 … 03-07 23:00), then small china_sites files imported with
/// the source — through <see cref="FileImport"/> and through <c>smartenv import --source</c> — carry a warning per applying
/// finding and flag their import log; files whose hours lie outside carry none; a withdrawn finding flags nothing; an
/// unknown source is refused before anything is read. Station codes are unique per test (the database is shared); CNEMC
/// label H of day D is the hour ending at D H:00 Beijing (label 0 = the hour ending at D 00:00).
/// </summary>
public abstract class ArrivalFlagTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly AuditActor Actor = new(AuditActorKind.User, "arrival-test");

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private static async Task InTempDir(Func<string, Task> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-arrival-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { await body(dir); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static string File(string dir, string station, params string[] dateHours)
    {
        var path = Path.Combine(dir, $"china_sites_{station}_{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllLines(path, ["date,hour,type," + station, .. dateHours.Select(dh => $"{dh},PM2.5,35")]);
        return path;
    }

    private async Task<(SmartEnvStore Store, long Open, long Closed)> SetUpAsync(string key)
    {
        var store = new SmartEnvStore(db.Options);
        await store.MigrateAndSeedAsync();
        await using var ctx = store.CreateContext();
        var s = new DataSourceService(ctx, TimeProvider.System);
        await s.CreateAsync(new DataSourceInput(key, "测试发布平台", "某第三方", "https://example.org/aqi", ["cnemc-sites"], null), Actor);
        var open = await s.AttachAsync(key, new FindingInput
        {
            Domain = "air", Cause = "rounding-nearest", From = "2019-03-01T00:00:00+08:00", Stations = 1, Rows = 128,
            Summary = "2019-03-01 起 128 个站时与四舍五入一致", SummaryEn = "consistent with round-to-nearest",
        }, Actor);
        var closed = await s.AttachAsync(key, new FindingInput
        {
            Domain = "air", Cause = "regime:CNEMC-2014", From = "2019-03-01T00:00:00+08:00", To = "2019-03-07T23:00:00+08:00", Stations = 1, Rows = 7,
            Summary = "按旧规则", SummaryEn = "old rules",
        }, Actor);
        return (store, open.Id, closed.Id);
    }

    [Fact]
    public Task Imports_inside_a_finding_range_are_flagged_and_those_outside_are_not() => InTempDir(async dir =>
    {
        var key = "arrival-" + Guid.NewGuid().ToString("N")[..8];
        var (store, open, closed) = await SetUpAsync(key);

        // Label 23 of 02-28 = the hour ending 02-28 23:00: one hour before both findings' from → no flag.
        var before = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, File(dir, "9961A", "20190228,23"), allSites: true, source: key);
        Assert.Equal(("applied", key), (before.State, before.Source));
        Assert.Empty(before.SourceFlags);

        // Label 0 of 03-01 = the hour ending 03-01 00:00 = from: both findings apply, in id order.
        var atFrom = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, File(dir, "9962A", "20190301,0"), allSites: true, source: key);
        Assert.Equal([open, closed], atFrom.SourceFlags.Select(f => f.FindingId));
        Assert.Equal($"此来源自 2019-03-01 起按四舍五入发布 AQI（发现 #{open}）", atFrom.SourceFlags[0].Warning);
        Assert.Equal($"此来源在 2019-03-01 至 2019-03-07 23:00 期间按 CNEMC-2014 规则发布 AQI（发现 #{closed}）", atFrom.SourceFlags[1].Warning);
        Assert.Equal([1, 1], atFrom.SourceFlags.Select(f => f.Hours));

        // Label 23 of 03-07 = to of the closed one: both; label 0 of 03-08 = one hour after: only the open-ended one.
        var atTo = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, File(dir, "9963A", "20190307,23"), allSites: true, source: key);
        Assert.Equal([open, closed], atTo.SourceFlags.Select(f => f.FindingId));
        var after = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, File(dir, "9964A", "20190308,0", "20190308,1", "20200101,5"), allSites: true, source: key);
        Assert.Equal([open], after.SourceFlags.Select(f => f.FindingId));
        Assert.Equal(3, after.SourceFlags[0].Hours); // three labels, all after the open finding's from

        // Without a source nothing is flagged, whatever the hours.
        var plain = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, File(dir, "9965A", "20190302,5"), allSites: true);
        Assert.Equal((null, 0), (plain.Source, plain.SourceFlags.Count));

        await using (var ctx = store.CreateContext())
        {
            var logs = await ctx.ImportLogs.AsNoTracking().Where(l => new[] { before.ImportLogId, atFrom.ImportLogId, after.ImportLogId, plain.ImportLogId }.Contains(l.Id))
                .ToDictionaryAsync(l => l.Id);
            Assert.Equal((key, (string?)null), (logs[before.ImportLogId].SourceKey, logs[before.ImportLogId].FlaggedFindings));
            Assert.Equal((key, $"{open},{closed}"), (logs[atFrom.ImportLogId].SourceKey, logs[atFrom.ImportLogId].FlaggedFindings));
            Assert.Equal($"{open}", logs[after.ImportLogId].FlaggedFindings);
            Assert.Equal(((string?)null, (string?)null), (logs[plain.ImportLogId].SourceKey, logs[plain.ImportLogId].FlaggedFindings));
            // The import itself was not refused: its value is stored.
            Assert.Equal(1, await ctx.Observations.CountAsync(o => o.ImportLogId == atFrom.ImportLogId));

            // Withdrawn: the next import of the same hours is not flagged by it.
            await new DataSourceService(ctx, TimeProvider.System).WithdrawAsync(key, open, "复核后确认发布方已更正", Actor);
        }
        var again = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, File(dir, "9966A", "20190308,0"), allSites: true, source: key);
        Assert.Empty(again.SourceFlags);
    });

    [Fact]
    public Task The_command_line_prints_the_warning_and_refuses_an_unknown_source() => InTempDir(async dir =>
    {
        var key = "arrival-cli-" + Guid.NewGuid().ToString("N")[..8];
        var (_, open, _) = await SetUpAsync(key);
        var r = CliRunner.Run("", ["import", "--format", "cnemc-sites", "--all-sites", "--source", key, File(dir, "9967A", "20200601,12"), .. StoreArgs(dir)]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains($"flagged: ", r.Err);
        Assert.Contains($"此来源自 2019-03-01 起按四舍五入发布 AQI（发现 #{open}）", r.Err);
        var summary = JsonDocument.Parse(r.Out.Trim()).RootElement;
        Assert.Equal(key, summary.GetProperty("source").GetString());
        Assert.Equal(open, summary.GetProperty("source_flags")[0].GetProperty("finding_id").GetInt64());

        var unknown = CliRunner.Run("", ["import", "--format", "cnemc-sites", "--all-sites", "--source", "no-such-source", File(dir, "9968A", "20200601,12"), .. StoreArgs(dir)]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no data source 'no-such-source'", unknown.Err);
        await Assert.ThrowsAsync<ArgumentException>(() => FileImport.ImportAsync(new SmartEnvStore(db.Options), CnemcSitesImporter.Format, File(dir, "9969A", "20200601,12"), allSites: true, source: "no-such-source"));
    });
}

public sealed class SqliteArrivalFlagTests(SqliteTestDatabase db) : ArrivalFlagTests<SqliteTestDatabase>(db);

public sealed class PostgresArrivalFlagTests(PostgresTestDatabase db) : ArrivalFlagTests<PostgresTestDatabase>(db);
