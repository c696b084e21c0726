using Microsoft.EntityFrameworkCore;
using SmartEnv.Imports.DataSources;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.DataSources;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Issue 22 storage on each engine: migration <c>DataSources</c> upgrades a store of the previous release in place (an
/// import log written before it keeps its row, with no source and no flag), and the registry stores sources and findings
/// with their instants (an open-ended finding keeps a null end; <c>+08:00</c> times read back as the same instant) and a
/// withdrawal as a state with reason, audited.
/// </summary>
public abstract class DataSourceStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly AuditActor Actor = new(AuditActorKind.User, "ds-store-test");

    [Fact]
    public async Task The_migration_keeps_old_import_logs_and_the_registry_round_trips()
    {
        var (store, _) = await db.MigratedAsync();
        await using (var ctx = store.CreateContext())
        {
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(ctx);
            await migrator.MigrateAsync("SupervisionIssue20"); // the schema of the previous release
            object When(DateTimeOffset t) => ctx.Provider == StoreProvider.Sqlite ? t.ToUnixTimeMilliseconds() : t;
            await ctx.Database.ExecuteSqlRawAsync(
                "INSERT INTO import_logs (format, file_name, sha256, started_at, rows_read, values_accepted, values_inserted, rejected, state, values_changed, replace, site_id_floor) "
                + "VALUES ('prsa', 'old.csv', 'abc', {0}, 2, 2, 2, 0, 'applied', 0, {1}, 0)", When(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), false);
            await migrator.MigrateAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            var old = await ctx.ImportLogs.AsNoTracking().SingleAsync(l => l.FileName == "old.csv");
            Assert.Equal(((string?)null, (string?)null), (old.SourceKey, old.FlaggedFindings));

            var s = new DataSourceService(ctx, TimeProvider.System);
            await s.CreateAsync(new DataSourceInput("store-test", "测试来源", "发布方", null, ["cnemc-sites", "csv"], "备注"), Actor);
            var f = await s.AttachAsync("store-test", new FindingInput
            {
                Domain = "air", Cause = "rounding-nearest", From = "2019-03-01T00:00:00+08:00", Stations = 3, Rows = 128, Summary = "四舍五入", SummaryEn = "nearest",
            }, Actor);
            await s.WithdrawAsync("store-test", f.Id, "已更正", Actor);
        }
        await using (var ctx = store.CreateContext())
        {
            var row = await ctx.DataSourceFindings.AsNoTracking().SingleAsync(x => x.Cause == "rounding-nearest" && x.Rows == 128);
            // 2019-03-01 00:00 +08:00 is 2019-02-28 16:00 UTC.
            Assert.Equal(new DateTimeOffset(2019, 2, 28, 16, 0, 0, TimeSpan.Zero), row.From);
            Assert.Null(row.To);
            Assert.Equal((DataSourceFinding.Withdrawn, "已更正", "ds-store-test"), (row.State, row.WithdrawReason, row.WithdrawnBy));
            var src = await ctx.DataSources.AsNoTracking().SingleAsync(x => x.Key == "store-test");
            Assert.Equal(("cnemc-sites,csv", "ds-store-test"), (src.Formats, src.CreatedBy));
            Assert.Equal(["data_source.create", "data_source.finding.attach", "data_source.finding.withdraw"],
                await ctx.AuditEntries.Where(e => e.ActorName == "ds-store-test").OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
        }
    }
}

public sealed class SqliteDataSourceStoreTests(SqliteTestDatabase db) : DataSourceStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresDataSourceStoreTests(PostgresTestDatabase db) : DataSourceStoreTests<PostgresTestDatabase>(db);
