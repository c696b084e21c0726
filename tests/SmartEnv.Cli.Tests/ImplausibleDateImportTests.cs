using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// File imports refuse observation times outside the plausibility rule (2000-01-01 00:00 Beijing … now; docs/storage.md
/// "Plausible observation times"): the file is rejected whole with the row and column of the date cell, nothing is stored
/// (not even the valid row before it, nor a site), and the import log is finished. Dates are hand-picked: 99991231 and
/// 00010101 (which used to crash the import with an ArgumentOutOfRangeException), 20500101 (future) and 19000101 (before
/// 2000); 20000101 hour 0 labels the hour 1999-12-31 23:00–24:00 and is refused too.
/// </summary>
public abstract class ImplausibleDateImportTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private static async Task InTempDir(Func<string, Task> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-dates-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { await body(dir); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("99991231", 5)]
    [InlineData("00010101", 5)]
    [InlineData("20500101", 5)]
    [InlineData("19000101", 5)]
    [InlineData("20000101", 0)]
    public Task A_cnemc_sites_row_with_an_implausible_date_rejects_the_file_with_row_and_column(string date, int hour) => InTempDir(async dir =>
    {
        var station = "D" + date[..4] + hour; // one station per case, so each case checks its own absence
        var file = Path.Combine(dir, $"dates_{date}.csv");
        // Line 2 is a valid hour (2019-01-01 hour 1); line 3 carries the implausible date.
        File.WriteAllText(file, $"date,hour,type,{station}\n20190101,1,PM2.5,12\n{date},{hour},PM2.5,13\n");
        var r = CliRunner.Run("", ["import", "--format", "cnemc-sites", file, .. StoreArgs(dir)]);
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("Unhandled exception", r.Err);
        Assert.Contains($"dates_{date}.csv:3:1: date '{date}' hour {hour} is not a plausible observation time", r.Err);
        var summary = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(0, summary.GetProperty("values_accepted").GetInt32());
        var reject = summary.GetProperty("rejects").EnumerateArray().Single();
        Assert.Equal((3, 1), (reject.GetProperty("row").GetInt32(), reject.GetProperty("column").GetInt32()));

        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.Equal(0, await ctx.Observations.CountAsync(o => o.Site!.Code == station));
        Assert.False(await ctx.Sites.AnyAsync(s => s.Code == station));
        var log = await ctx.ImportLogs.Include(l => l.Rejects).SingleAsync(l => l.FileName == $"dates_{date}.csv");
        Assert.NotNull(log.FinishedAt);
        Assert.Equal((1, 3, "1"), (log.Rejected, log.Rejects.Single().Row, log.Rejects.Single().Column));
    });

    [Fact]
    public Task A_prsa_row_dated_2050_rejects_the_file_at_its_year_cell() => InTempDir(async dir =>
    {
        var file = Path.Combine(dir, "prsa_2050.csv");
        File.WriteAllText(file, "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n" +
            "1,2014,6,1,1,35,60,8,40,700,90,Future\n" +
            "2,2050,1,1,1,35,60,8,40,700,90,Future\n");
        var r = CliRunner.Run("", ["import", "--format", "prsa", file, .. StoreArgs(dir)]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("prsa_2050.csv:3:2: date/hour 2050-1-1 1 is not a plausible observation time: later than now", r.Err);
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.False(await ctx.Sites.AnyAsync(s => s.Code == "PRSA-Future"));
        Assert.Equal(0, await ctx.Observations.CountAsync(o => o.Site!.Code == "PRSA-Future"));
        var log = await ctx.ImportLogs.SingleAsync(l => l.FileName == "prsa_2050.csv");
        Assert.NotNull(log.FinishedAt);
    });
}

public sealed class SqliteImplausibleDateImportTests(SqliteTestDatabase db) : ImplausibleDateImportTests<SqliteTestDatabase>(db);

public sealed class PostgresImplausibleDateImportTests(PostgresTestDatabase db) : ImplausibleDateImportTests<PostgresTestDatabase>(db);
