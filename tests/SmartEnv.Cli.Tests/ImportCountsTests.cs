using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Imports;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 15 goal 5 on each engine: the import summary's counts equal what is stored. The file is written in the test and
/// checked by hand: one station (9901A, not the district's, so imported with the all-sites option) with one PM2.5 value
/// at label 12 of each of the 34 days 2019-01-01 … 2019-02-03. Each value makes one hourly AQI row (an hour without
/// values gets none) and each natural day one daily row: 34 and 34. The span is longer than the recomputation's window
/// of 31 days, whose 23 trailing hours (2019-02-01 labels 1–23) the next window rewrites; summing the windows' counts
/// reported 35 hourly rows for 34 stored (the 144,966 vs 140,869 of the 2019 Chongqing file).
/// </summary>
public abstract class ImportCountsTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    [Fact]
    public async Task The_summary_counts_the_hourly_and_daily_AQI_rows_that_are_stored()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-counts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "china_sites_counts.csv");
            var lines = new List<string> { "date,hour,type,9901A" };
            for (var d = new DateOnly(2019, 1, 1); d <= new DateOnly(2019, 2, 3); d = d.AddDays(1))
                lines.Add($"{d.ToString("yyyyMMdd", CultureInfo.InvariantCulture)},12,PM2.5,35");
            await File.WriteAllLinesAsync(file, lines);
            Assert.Equal(35, lines.Count); // header + 34 days

            var store = new SmartEnvStore(db.Options);
            await store.MigrateAndSeedAsync();
            var s = await FileImport.ImportAsync(store, CnemcSitesImporter.Format, file, allSites: true);

            Assert.Equal(("applied", 34, 34), (s.State, s.ValuesInserted, s.ValuesAccepted));
            await using var ctx = store.CreateContext();
            var site = await ctx.Sites.SingleAsync(x => x.Code == "9901A");
            var hourly = await ctx.HourlyAqi.IgnoreQueryFilters().CountAsync(h => h.SiteId == site.Id && h.Reviewed);
            var daily = await ctx.DailyAqi.IgnoreQueryFilters().CountAsync(d => d.SiteId == site.Id && d.Reviewed);
            Assert.Equal((34, 34), (hourly, daily)); // by hand: one hour and one natural day per line
            Assert.Equal((hourly, daily), (s.HourlyAqi, s.DailyAqi));
            Assert.Equal(34, await ctx.Observations.CountAsync(o => o.SiteId == site.Id && o.ImportLogId == s.ImportLogId));
            Assert.False(await ctx.ImportStagedValues.AnyAsync(x => x.ImportLogId == s.ImportLogId));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}

public sealed class SqliteImportCountsTests(SqliteTestDatabase db) : ImportCountsTests<SqliteTestDatabase>(db);

public sealed class PostgresImportCountsTests(PostgresTestDatabase db) : ImportCountsTests<PostgresTestDatabase>(db);
