using Microsoft.EntityFrameworkCore;
using SmartEnv.Sources.Excel;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Importing and exporting the registry templates on a real engine (plan §4 "Excel import"): a file with any faulty row
/// stores nothing and lists every fault with its Excel row and column; a valid file stores every row in one transaction
/// with audit entries; permits, outlets and limits go through <c>RegistryService</c> as new permit versions; an export
/// reads back equal. Each test uses codes of its own (the class shares one database).
/// </summary>
public abstract class RegistryExcelTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly AuditActor Clerk = new(AuditActorKind.User, "李四", "127.0.0.1");

    /// <summary>A code valid per GB 32100 and GB 11714: 8-character prefix + 8-character body + both check characters.</summary>
    private static string Code(string prefix8, string body8)
    {
        var first17 = prefix8 + body8 + Uscc.OrganisationCheckCharacter(body8);
        return first17 + Uscc.CheckCharacter(first17);
    }

    private static object?[] Enterprise(string uscc, string name, string? street = null) =>
        [uscc, name, "江北区某路 1 号", street, null, null, null, null, null, null, null];

    private async Task<(SmartEnvStore Store, RegistryImportResult Result)> ImportAsync(RegistryTable table, bool dryRun, params object?[][] dataRows)
    {
        var (store, _) = await db.MigratedAsync();
        using var x = RegistryXlsx.Of(table, [RegistryXlsx.Headers(table), .. dataRows]);
        await using var ctx = store.CreateContext();
        return (store, await new RegistryImporter(ctx, TimeProvider.System).ImportAsync(x, table, "t.xlsx", Clerk, dryRun));
    }

    [Fact]
    public async Task A_bad_code_in_row_3_and_an_unknown_street_in_row_4_are_both_listed_and_nothing_is_stored()
    {
        var good = Code("91500105", "MA5U0C16");
        var (store, r) = await ImportAsync(RegistryTable.Enterprises, false,
            Enterprise(good, "甲公司", "观音桥街道"), Enterprise("91350100M000100Y4Z", "乙公司"), Enterprise(Code("91500105", "MA5U0C17"), "丙公司", "解放碑街道"));
        Assert.Equal([(3, "统一社会信用代码"), (4, "所在街道（镇）")], r.Errors.Select(e => (e.Row, e.Column)));
        Assert.StartsWith("position 18:", r.Errors[0].Message);
        Assert.Contains("expected '3'", r.Errors[0].Message);
        Assert.Contains("解放碑街道", r.Errors[1].Message);
        Assert.False(r.Stored);
        Assert.Equal(3, r.DataRows);
        await using var ctx = store.CreateContext();
        Assert.False(await ctx.Enterprises.AnyAsync(e => e.Uscc == good));
        Assert.False(await ctx.AuditEntries.AnyAsync(e => e.TargetId == good));
    }

    [Fact]
    public async Task A_dry_run_stores_nothing_an_import_stores_every_row_with_audit_and_a_second_import_changes_nothing()
    {
        var a = Code("91500105", "MA5U0D16");
        var b = Code("91500105", "MA5U0D17");
        object?[] rowA = [a, "甲公司", "江北区港城路 1 号", "500105100000", 106.9m, 29.65m, "2614", "重点管理", "是", "王五", "023-67000001"];
        var (store, dry) = await ImportAsync(RegistryTable.Enterprises, true, rowA, Enterprise(b, "乙公司"));
        Assert.Equal((true, false, 2, 0, 0), (dry.DryRun, dry.Stored, dry.Created, dry.Changed, dry.Errors.Count));
        await using (var ctx = store.CreateContext())
            Assert.False(await ctx.Enterprises.AnyAsync(e => e.Uscc == a || e.Uscc == b));

        var (_, done) = await ImportAsync(RegistryTable.Enterprises, false, rowA, Enterprise(b, "乙公司"));
        Assert.Equal((true, 2, 0, 0), (done.Stored, done.Created, done.Changed, done.Unchanged));
        await using (var ctx = store.CreateContext())
        {
            var e = await ctx.Enterprises.SingleAsync(x => x.Uscc == a);
            Assert.Equal(("鱼嘴镇", "500105100000", 106.9m, 29.65m, "2614", PermitCategory.Key, true, "王五"),
                (e.Street, e.StreetCode, e.Longitude, e.Latitude, e.IndustryCode, e.ManagementCategory, e.IsKeyDischarger, e.ContactName));
            Assert.Equal(1, await ctx.AuditEntries.CountAsync(x => x.Action == "enterprise.create" && x.TargetId == a && x.ActorName == "李四"));
            Assert.Equal(1, await ctx.AuditEntries.CountAsync(x => x.Action == RegistryImporter.ActionImport && x.TargetId == "enterprises:t.xlsx"));
        }

        var (_, again) = await ImportAsync(RegistryTable.Enterprises, false, rowA, Enterprise(b, "乙有限公司"));
        Assert.Equal((0, 1, 1), (again.Created, again.Changed, again.Unchanged));
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal("乙有限公司", (await ctx.Enterprises.SingleAsync(x => x.Uscc == b)).Name);
            var upd = await ctx.AuditEntries.SingleAsync(x => x.Action == "enterprise.update" && x.TargetId == b);
            Assert.Contains("乙公司", upd.Before);
            Assert.Contains("乙有限公司", upd.After);
        }
    }
}

public sealed class SqliteRegistryExcelTests(SqliteTestDatabase db) : RegistryExcelTests<SqliteTestDatabase>(db);

public sealed class PostgresRegistryExcelTests(PostgresTestDatabase db) : RegistryExcelTests<PostgresTestDatabase>(db);
