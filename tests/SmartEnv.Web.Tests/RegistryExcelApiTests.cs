using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Sources.Excel;
using SmartEnv.Supervision.District;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary><c>/api/registry</c> (plan §2.4): the template downloads, an import with a faulty row is a 400 listing every
/// fault with Excel row and column and stores nothing, <c>dry_run</c> stores nothing, a valid import stores and the
/// export shows it. Who may call which route is in <see cref="RouteTableTests"/>.</summary>
public abstract class RegistryExcelApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static string Code(string prefix8, string body8)
    {
        var first17 = prefix8 + body8 + Uscc.OrganisationCheckCharacter(body8);
        return first17 + Uscc.CheckCharacter(first17);
    }

    private static byte[] Workbook(params EnterpriseRow[] rows)
    {
        using var ms = new MemoryStream();
        RegistryWorkbook.Write(ms, RegistryTable.Enterprises, rows);
        return ms.ToArray();
    }

    private static MultipartFormDataContent Form(byte[] xlsx, bool? dryRun = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "企业.xlsx");
        if (dryRun is { } d) form.Add(new StringContent(d ? "true" : "false"), "dry_run");
        return form;
    }

    private static EnterpriseRow Row(string uscc, string name, string? street = null) =>
        new(0, uscc, name, null, street is null ? null : DistrictStreets.Find(street) ?? new DistrictStreet("000000000000", street), null, null, null, null, false, null, null);

    [Fact]
    public async Task Templates_download_for_the_four_tables_and_an_unknown_table_is_404()
    {
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/registry/templates/enterprises.xlsx")).StatusCode);
        using var admin = app.Client(admin: true);
        foreach (var t in RegistryTables.All)
        {
            var r = await admin.GetAsync($"/api/registry/templates/{RegistryTables.Name(t)}.xlsx");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var sheet = RegistryWorkbook.Read(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), t);
            Assert.True(sheet.Ok);
            Assert.Equal(0, sheet.DataRows);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/registry/templates/sites.xlsx")).StatusCode);
    }

    [Fact]
    public async Task A_faulty_row_refuses_the_whole_file_with_every_fault_dry_run_stores_nothing_and_an_import_shows_in_the_export()
    {
        using var admin = app.Client(admin: true);
        var good = Code("91500105", "MA5U0F16");
        var other = Code("91500105", "MA5U0F17");
        var bad = await admin.PostAsync("/api/registry/import/enterprises",
            Form(Workbook(Row(good, "甲公司", "观音桥街道"), Row("91350100M000100Y4Z", "乙公司"), Row(other, "丙公司", "解放碑街道"))));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var p = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        var errors = p.GetProperty("row_errors").EnumerateArray().ToList();
        Assert.Equal([(3, "统一社会信用代码"), (4, "所在街道（镇）")], errors.Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
        Assert.Contains("expected '3'", errors[0].GetProperty("message").GetString());
        Assert.False(p.GetProperty("import").GetProperty("stored").GetBoolean());
        await using (var ctx = app.Store.CreateContext())
            Assert.False(await ctx.Enterprises.AnyAsync(e => e.Uscc == good));

        var dry = await admin.PostAsync("/api/registry/import/enterprises", Form(Workbook(Row(good, "甲公司", "观音桥街道"), Row(other, "丙公司")), dryRun: true));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var d = JsonDocument.Parse(await dry.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((true, false, 2), (d.GetProperty("dry_run").GetBoolean(), d.GetProperty("stored").GetBoolean(), d.GetProperty("created").GetInt32()));
        await using (var ctx = app.Store.CreateContext())
            Assert.False(await ctx.Enterprises.AnyAsync(e => e.Uscc == good));

        var ok = await admin.PostAsync("/api/registry/import/enterprises", Form(Workbook(Row(good, "甲公司", "观音桥街道"), Row(other, "丙公司"))));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("stored").GetBoolean());

        var export = await admin.GetAsync("/api/registry/export/enterprises.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = RegistryWorkbook.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), RegistryTable.Enterprises);
        Assert.True(sheet.Ok);
        var row = sheet.Rows.Cast<EnterpriseRow>().Single(r => r.Uscc == good);
        Assert.Equal(("甲公司", "500105006000"), (row.Name, row.Street?.Code));
    }
}

public sealed class SqliteRegistryExcelApiTests(WebAppFixture<SqliteTestDatabase> app) : RegistryExcelApiTests<SqliteTestDatabase>(app);

public sealed class PostgresRegistryExcelApiTests(WebAppFixture<PostgresTestDatabase> app) : RegistryExcelApiTests<PostgresTestDatabase>(app);
