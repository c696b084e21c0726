using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 14 items 7 and 9 on each engine. Item 7: <c>smartenv import</c> runs as a child process and is killed (SIGKILL, and
/// SIGTERM) while it stores the 1420A 2019 file (114,613 values, six chunks of 20,000): nothing of the run is visible, and
/// the next start rolls it back (log <c>failed</c>) and imports the file whole. Item 9: a re-import that would change
/// 1420A's PM2.5/PM10 40/61 into 14/24 (the tester's report) is refused with the changes listed, and applied only with
/// <c>--replace</c>, which keeps the old values, the run and the actor in the audit trail. Values are worked by hand.
/// </summary>
public abstract class AtomicImportTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    /// <summary>The first hour of the 2019 file: label 0 of 2019-01-01 = 2018-12-31 23:00 Beijing.</summary>
    private static readonly DateTimeOffset FileStart = new(2018, 12, 31, 15, 0, 0, TimeSpan.Zero);

    private static string File2019 => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private static async Task InTempDir(Func<string, Task> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-atomic-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { await body(dir); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public Task A_reimport_that_changes_values_is_refused_until_replace_and_the_old_values_stay_in_the_audit_trail() => InTempDir(async dir =>
    {
        // Label 1 of 2018-06-02 = the hour 00:00–01:00 Beijing = 2018-06-01 16:00 UTC.
        var at = new DateTimeOffset(2018, 6, 1, 16, 0, 0, TimeSpan.Zero);
        var first = Path.Combine(dir, "china_sites_20180602.csv");
        File.WriteAllLines(first, ["date,hour,type,1420A", "20180602,1,PM2.5,40", "20180602,1,PM10,61", "20180602,1,SO2,9"]);
        var r1 = CliRunner.Run("", ["import", "--format", "cnemc-sites", first, .. StoreArgs(dir)]);
        Assert.True(r1.ExitCode == 0, r1.Err);
        Assert.Equal("applied", JsonDocument.Parse(r1.Out).RootElement.GetProperty("state").GetString());

        // The re-published file: PM2.5 and PM10 corrected, SO2 the same, NO2 new.
        var second = Path.Combine(dir, "china_sites_20180602_v2.csv");
        File.WriteAllLines(second, ["date,hour,type,1420A", "20180602,1,PM2.5,14", "20180602,1,PM10,24", "20180602,1,SO2,9", "20180602,1,NO2,30"]);
        var refused = CliRunner.Run("", ["import", "--format", "cnemc-sites", second, .. StoreArgs(dir)]);
        Assert.Equal(1, refused.ExitCode);
        var s = JsonDocument.Parse(refused.Out).RootElement;
        Assert.Equal(("refused", 2, 0), (s.GetProperty("state").GetString(), s.GetProperty("values_changed").GetInt32(), s.GetProperty("values_inserted").GetInt32()));
        Assert.Equal([("1420A", "a34004", "hour", "40", "14"), ("1420A", "a34002", "hour", "61", "24")],
            s.GetProperty("changed_values").EnumerateArray().Select(c => (c.GetProperty("site").GetString(), c.GetProperty("parameter").GetString(),
                c.GetProperty("period").GetString(), c.GetProperty("old_value").GetString(), c.GetProperty("new_value").GetString())).ToList());
        Assert.Contains("1420A a34004 hour 2018-06-02 00:00: 40 → 14", refused.Err);
        Assert.Contains("--replace", refused.Err);
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
        {
            // Nothing of the refused run is visible: old values kept, the new NO2 value not stored.
            var hour = await ctx.Observations.AsNoTracking().Where(o => o.Site!.Code == "1420A" && o.DataTime == at).ToDictionaryAsync(o => o.ParameterCode, o => o.ValueText);
            Assert.Equal(new Dictionary<string, string?> { ["a34004"] = "40", ["a34002"] = "61", ["a21026"] = "9" }, hour);
            var log = await ctx.ImportLogs.AsNoTracking().SingleAsync(l => l.FileName == "china_sites_20180602_v2.csv");
            Assert.Equal((ImportState.Refused, 2), (log.State, log.ValuesChanged));
            Assert.False(await ctx.ImportStagedValues.AnyAsync());
        }

        var replaced = CliRunner.Run("", ["import", "--format", "cnemc-sites", second, "--replace", .. StoreArgs(dir)]);
        Assert.True(replaced.ExitCode == 0, replaced.Err);
        var s2 = JsonDocument.Parse(replaced.Out).RootElement;
        Assert.Equal(("applied", 2, 1, 4), (s2.GetProperty("state").GetString(), s2.GetProperty("values_changed").GetInt32(),
            s2.GetProperty("values_inserted").GetInt32(), s2.GetProperty("values_accepted").GetInt32()));
        var run = s2.GetProperty("import_log_id").GetInt64();
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
        {
            var hour = await ctx.Observations.AsNoTracking().Where(o => o.Site!.Code == "1420A" && o.DataTime == at).ToDictionaryAsync(o => o.ParameterCode, o => (o.ValueText, o.ImportLogId));
            Assert.Equal(("14", (long?)run), hour["a34004"]);
            Assert.Equal(("24", (long?)run), hour["a34002"]);
            Assert.Equal("30", hour["a21004"].ValueText);
            // The history: one audit entry for the batch, previous values with their run, the new ones, the actor.
            var firstRun = JsonDocument.Parse(r1.Out).RootElement.GetProperty("import_log_id").GetInt64();
            var e = await ctx.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "import.values.replace");
            Assert.Equal(("import", run.ToString(CultureInfo.InvariantCulture), SmartEnv.Storage.Audit.AuditActorKind.Cli), (e.TargetType, e.TargetId, e.ActorKind));
            var before = JsonDocument.Parse(e.Before!).RootElement.EnumerateArray().Select(x => (x.GetProperty("parameter").GetString(), x.GetProperty("value").GetString(), x.GetProperty("import_log_id").GetInt64())).ToList();
            Assert.Equal([("a34004", "40", firstRun), ("a34002", "61", firstRun)], before);
            var after = JsonDocument.Parse(e.After!).RootElement.EnumerateArray().Select(x => (x.GetProperty("parameter").GetString(), x.GetProperty("value").GetString())).ToList();
            Assert.Equal([("a34004", "14"), ("a34002", "24")], after);
        }
    });

    /// <summary>Starts <c>smartenv import</c> of the 1420A 2019 file as a child process and waits until it has reported at
    /// least one chunk of 20,000 values staged (progress on stderr), then stops it with SIGSTOP so it cannot go on.</summary>
    private Process StartAndStopWhileStoring(string dir, TimeSpan limit)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "smartenv.dll"), "import", "--format", "cnemc-sites", File2019, "--station", "1420A", "--progress" }.Concat(StoreArgs(dir)))
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        var seen = new StringBuilder();
        var storing = new Regex(@"storing\s+rows \d+ values (\d+)", RegexOptions.CultureInvariant);
        var buffer = new char[4096];
        using var cts = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var n = p.StandardError.ReadAsync(buffer.AsMemory(), cts.Token).AsTask().GetAwaiter().GetResult();
                Assert.True(n > 0, "the import ended before it stored a chunk: " + seen);
                seen.Append(buffer, 0, n);
                var last = storing.Matches(seen.ToString()).LastOrDefault();
                if (last is not null && int.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture) >= 20_000) break;
            }
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"no chunk stored within {limit}: {seen}");
        }
        using (var stop = Process.Start("kill", ["-STOP", p.Id.ToString(CultureInfo.InvariantCulture)])) stop.WaitForExit();
        _ = p.StandardError.ReadToEndAsync(); // keep draining
        return p;
    }

    private async Task AssertNothingVisibleAsync()
    {
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.Equal(0, await ctx.Observations.CountAsync(o => o.Site!.Code == "1420A" && o.DataTime >= FileStart));
        var site = await ctx.Sites.SingleAsync(s => s.Code == "1420A");
        Assert.False(await ctx.HourlyAqi.AnyAsync(h => h.SiteId == site.Id && h.HourStart >= FileStart));
    }

    private async Task AssertReimportAppliesWholeAsync(string dir, long interrupted, bool expectRecovery)
    {
        var again = CliRunner.Run("", ["import", "--format", "cnemc-sites", File2019, "--station", "1420A", .. StoreArgs(dir)]);
        Assert.True(again.ExitCode == 0, again.Err);
        if (expectRecovery) Assert.Contains($"recovered: import run {interrupted} (china_sites_2019_chongqing.csv.gz): interrupted before it was applied — rolled back", again.Err);
        var s = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal("applied", s.GetProperty("state").GetString());
        var inserted = s.GetProperty("values_inserted").GetInt32();
        Assert.Equal(114_613, inserted); // every 1420A cell of the file (ImportCommandTests imports the same file: > 100,000)
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.Equal(inserted, await ctx.Observations.CountAsync(o => o.Site!.Code == "1420A" && o.ImportLogId == s.GetProperty("import_log_id").GetInt64()));
        var log = await ctx.ImportLogs.AsNoTracking().SingleAsync(l => l.Id == interrupted);
        Assert.Equal(ImportState.Failed, log.State);
        Assert.NotNull(log.FinishedAt);
        Assert.False(await ctx.ImportStagedValues.AnyAsync());
    }

    [Fact]
    public Task An_import_killed_with_SIGKILL_leaves_nothing_visible_and_the_next_start_rolls_it_back() => InTempDir(async dir =>
    {
        var p = StartAndStopWhileStoring(dir, TimeSpan.FromMinutes(3));
        long run;
        try
        {
            // Stopped after at least one chunk: nothing of the run is visible; the run is still "running".
            await AssertNothingVisibleAsync();
            await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
            {
                var log = await ctx.ImportLogs.AsNoTracking().OrderByDescending(l => l.Id).FirstAsync();
                Assert.Equal(ImportState.Running, log.State);
                run = log.Id;
            }
        }
        finally
        {
            p.Kill(entireProcessTree: true); // SIGKILL
            p.WaitForExit(30_000);
        }
        await AssertNothingVisibleAsync();
        await AssertReimportAppliesWholeAsync(dir, run, expectRecovery: true);
        await CleanAsync();
    });

    [Fact]
    public Task An_import_stopped_with_SIGTERM_rolls_itself_back() => InTempDir(async dir =>
    {
        var p = StartAndStopWhileStoring(dir, TimeSpan.FromMinutes(3));
        try
        {
            using (var term = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])) term.WaitForExit();
            using (var cont = Process.Start("kill", ["-CONT", p.Id.ToString(CultureInfo.InvariantCulture)])) cont.WaitForExit();
            Assert.True(p.WaitForExit(60_000), "smartenv import did not end within 60 s of SIGTERM");
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        await AssertNothingVisibleAsync();
        long run;
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
        {
            var log = await ctx.ImportLogs.AsNoTracking().OrderByDescending(l => l.Id).FirstAsync();
            Assert.Equal(ImportState.Failed, log.State); // rolled back by the process itself, before the next start
            run = log.Id;
        }
        await AssertReimportAppliesWholeAsync(dir, run, expectRecovery: false);
        await CleanAsync();
    });

    /// <summary>A run cancelled while it stores (as SIGTERM does) leaves nothing: no value, no staged row, and the site it
    /// created for a new station (<c>PRSA-Cancelled</c>) is removed again; the log says failed. Hand-written file.</summary>
    [Fact]
    public Task A_cancelled_run_removes_the_site_it_created() => InTempDir(async dir =>
    {
        var file = Path.Combine(dir, "PRSA_cancelled.csv");
        File.WriteAllText(file, "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2014,7,1,1,35,60,8,40,700,90,Cancelled\n");
        var store = new SmartEnvStore(db.Options);
        await store.MigrateAndSeedAsync();
        using var cts = new CancellationTokenSource();
        var progress = new SmartEnv.Imports.SyncProgress<SmartEnv.Imports.ImportProgress>(p => { if (p.Phase == SmartEnv.Imports.ImportPhase.Storing) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SmartEnv.Imports.FileImport.ImportAsync(store, "prsa", file, progress, ct: cts.Token));
        await using var ctx = store.CreateContext();
        Assert.False(await ctx.Sites.AnyAsync(x => x.Code == "PRSA-Cancelled"));
        Assert.False(await ctx.ImportStagedValues.AnyAsync());
        var log = await ctx.ImportLogs.AsNoTracking().SingleAsync(l => l.FileName == "PRSA_cancelled.csv");
        Assert.Equal(ImportState.Failed, log.State);
        Assert.StartsWith("cancelled", log.Error);
    });

    /// <summary>Removes the 2019 values and AQI of 1420A so the next test of the class starts from the seeded store.</summary>
    private async Task CleanAsync()
    {
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        var since = FileStart;
        var site = await ctx.Sites.SingleAsync(s => s.Code == "1420A");
        await ctx.Observations.Where(o => o.SiteId == site.Id && o.DataTime >= since).ExecuteDeleteAsync();
        await ctx.HourlyAqi.IgnoreQueryFilters().Where(h => h.SiteId == site.Id && h.HourStart >= since).ExecuteDeleteAsync();
        await ctx.DailyAqi.IgnoreQueryFilters().Where(d => d.SiteId == site.Id && d.Date >= new DateOnly(2018, 12, 31)).ExecuteDeleteAsync();
        await ctx.EvaluationDays.Where(d => d.SiteId == site.Id && d.Day >= new DateOnly(2018, 12, 31)).ExecuteDeleteAsync();
    }
}

public sealed class SqliteAtomicImportTests(SqliteTestDatabase db) : AtomicImportTests<SqliteTestDatabase>(db);

public sealed class PostgresAtomicImportTests(PostgresTestDatabase db) : AtomicImportTests<PostgresTestDatabase>(db);
