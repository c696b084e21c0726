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

    [Fact]
    public async Task Permits_outlets_and_limits_become_permit_versions_and_the_export_reads_back_equal()
    {
        var u = Code("91500105", "MA5U0E16");
        var number = u + "001P";
        Assert.Empty((await ImportAsync(RegistryTable.Enterprises, false, Enterprise(u, "丁公司", "寸滩街道"))).Result.Errors);

        // An outlet of a permit that does not exist yet: refused, nothing stored.
        var (store, early) = await ImportAsync(RegistryTable.Outlets, false, [number, "DA001", "主要排放口", "1#锅炉排气筒", null, null, null]);
        Assert.Equal([(2, "许可证编号")], early.Errors.Select(e => (e.Row, e.Column)));

        // A permit of an unknown enterprise in row 3 refuses the whole file.
        var stranger = Code("91500105", "MA5U0E17");
        var (_, refused) = await ImportAsync(RegistryTable.Permits, false,
            [number, u, "重点管理", "2026-10-10", "2026-10-10", "2031-10-09", null, null, null, "是", null, null],
            [stranger + "001P", stranger, "简化管理", "2026-10-10", "2026-10-10", "2031-10-09", null, null, null, null, null, null]);
        Assert.Equal([(3, "统一社会信用代码")], refused.Errors.Select(e => (e.Row, e.Column)));
        await using (var ctx = store.CreateContext())
            Assert.False(await ctx.Permits.AnyAsync(p => p.Number == number));

        var (_, permits) = await ImportAsync(RegistryTable.Permits, false,
            [number, u, "重点管理", "2026-10-10", "2026-10-10", "2031-10-09", null, null, null, "是", null, null]);
        Assert.Equal((true, 1, 1), (permits.Stored, permits.Created, permits.PermitVersions));
        var (_, outlets) = await ImportAsync(RegistryTable.Outlets, false,
            [number, "DA001", "主要排放口", "1#锅炉排气筒", 106.6, 29.6, null],
            [number, "DW001", "一般排放口", "废水总排口", null, null, 15d]);
        Assert.Equal((true, 2, 0, 1), (outlets.Stored, outlets.Created, outlets.Changed, outlets.PermitVersions));

        // A limit on an outlet the permit does not have: refused whole.
        var (_, badLimit) = await ImportAsync(RegistryTable.Limits, false,
            [number, "DA001", "a21026", 35d, "mg/m³", "GB 13271-2014 表 2", 9d, 10d],
            [number, "DA002", "a21002", 50d, "mg/m³", null, 9d, null]);
        Assert.Equal([(3, "排放口编号")], badLimit.Errors.Select(e => (e.Row, e.Column)));

        var (_, limits) = await ImportAsync(RegistryTable.Limits, false,
            [number, "DA001", "a21026", 35d, "mg/m³", "GB 13271-2014 表 2", 9d, 10d],
            [number, "DW001", "w01018", 100d, "mg/L", "GB 8978-1996", null, null]);
        Assert.Equal((true, 2, 1), (limits.Stored, limits.Created, limits.PermitVersions));

        await using (var ctx = store.CreateContext())
        {
            var permit = await ctx.Permits.SingleAsync(p => p.Number == number);
            var versions = await ctx.PermitVersions.Where(v => v.PermitId == permit.Id).OrderBy(v => v.Version)
                .Include(v => v.Outlets).ThenInclude(o => o.Limits).ToListAsync();
            // Append-only: version 1 (the permit), 2 (outlets), 3 (limits); the earlier ones are unchanged.
            Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
            Assert.Equal([0, 2, 2], versions.Select(v => v.Outlets.Count));
            Assert.Equal([0, 0, 2], versions.Select(v => v.Outlets.Sum(o => o.Limits.Count)));
            var da = versions[2].Outlets.Single(o => o.Code == "DA001");
            var site = await ctx.Sites.SingleAsync(s => s.Id == da.SiteId);
            Assert.Equal((number + "-DA001", SiteKind.Source, u, false), (site.Code, site.Kind, site.EnterpriseUscc, site.IsPublic));
            Assert.Equal(versions[1].Outlets.Single(o => o.Code == "DA001").SiteId, da.SiteId);
            var l = da.Limits.Single();
            Assert.Equal(("a21026", 35m, "mg/m³", 9m, 10m), (l.ParameterCode, l.LimitValue, l.Unit, l.ReferenceO2, l.AnnualQuantityT));
        }

        // Re-importing the same limits changes nothing and writes no version.
        var (_, same) = await ImportAsync(RegistryTable.Limits, false, [number, "DA001", "a21026", 35d, "mg/m³", "GB 13271-2014 表 2", 9d, 10d]);
        Assert.Equal((0, 0, 1, 0), (same.Created, same.Changed, same.Unchanged, same.PermitVersions));

        // Export → import of every table: nothing changes.
        foreach (var t in RegistryTables.All)
        {
            using var ms = new MemoryStream();
            await using (var ctx = store.CreateContext())
                await new RegistryImporter(ctx, TimeProvider.System).ExportAsync(ms, t);
            ms.Position = 0;
            var read = RegistryWorkbook.Read(ms, t);
            Assert.True(read.Ok, string.Join("; ", read.Errors));
            Assert.Contains(read.Rows, r => r switch
            {
                EnterpriseRow e => e.Uscc == u,
                PermitRow p => p.Number == number,
                OutletRow o => o.PermitNumber == number && o is { Code: "DW001", Type: "general", ExpectedIntervalMinutes: 15 },
                LimitRow x => x.PermitNumber == number && x is { OutletCode: "DA001", ParameterCode: "a21026", LimitValue: 35m },
                _ => false,
            });
            ms.Position = 0;
            await using var ctx2 = store.CreateContext();
            var back = await new RegistryImporter(ctx2, TimeProvider.System).ImportAsync(ms, t, "export.xlsx", Clerk, dryRun: false);
            Assert.Equal((0, 0, read.Rows.Count, 0), (back.Created, back.Changed, back.Unchanged, back.PermitVersions));
        }
    }
}

public sealed class SqliteRegistryExcelTests(SqliteTestDatabase db) : RegistryExcelTests<SqliteTestDatabase>(db);

public sealed class PostgresRegistryExcelTests(PostgresTestDatabase db) : RegistryExcelTests<PostgresTestDatabase>(db);
