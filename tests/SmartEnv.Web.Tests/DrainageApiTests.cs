using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Drainage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// 入河排水口 (issue 20 part A) over HTTP and through the service on both engines, at the map fixture's fixed clock
/// (2025-01-06 10:00 Beijing): register (code format, duplicate 409, unknown river 400), status history with a step back
/// that needs a note, samples classed by GB 3838-2002 table 1 only where the outlet has a target class (COD 20 mg/L and
/// NH₃-N 1.0 mg/L are both at the class Ⅲ limit → Ⅲ, meets Ⅲ; COD 20.1 → Ⅳ, does not), "not_applicable" without one, the
/// import (a bad row → its row number, nothing stored; then all stored), progress by hand, the public map layer, audit.
/// </summary>
public abstract class DrainageApiTests<TDb>(MapAppFixture<TDb> app) : IClassFixture<MapAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(expected == r.StatusCode, $"{r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static object Outlet(string code, string? target = null, string river = "盘溪河") => new
    {
        code, name = code + " 排水口", river, bank = "左岸", longitude = 106.52m, latitude = 29.59m, street = "观音桥街道", type = "雨水排口", status = "未整治",
        target_class = target, camera_id = "CAM-" + code,
    };

    [Fact]
    public async Task Register_status_samples_import_and_progress()
    {
        using var mon = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var viewer = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        using var anon = TestPrincipals.Anonymous(app.Address);

        var created = await JsonAsync(await mon.PostAsJsonAsync("/api/drainage/outlets", Outlet("JB-PK-0001", "Ⅲ")), HttpStatusCode.Created);
        Assert.Equal(("panxi", "left", "500105006000", "stormwater", "untreated", "III"), (created.GetProperty("river").GetString(), created.GetProperty("bank").GetString(),
            created.GetProperty("street_code").GetString(), created.GetProperty("type").GetString(), created.GetProperty("status").GetString(), created.GetProperty("target_class").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await mon.PostAsJsonAsync("/api/drainage/outlets", Outlet("JB-PK-0001"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync("/api/drainage/outlets", Outlet("jb-1"))).StatusCode); // format
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync("/api/drainage/outlets", Outlet("JB-PK-0009", river: "黄河"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/drainage/outlets", Outlet("JB-PK-0002"))).StatusCode);
        await JsonAsync(await mon.PostAsJsonAsync("/api/drainage/outlets", Outlet("JB-PK-0002")), HttpStatusCode.Created); // no target class

        // Status: 未整治 → 已整治; back to 整治中 needs a note.
        const string s1 = "/api/drainage/outlets/JB-PK-0001/status";
        // A change dated ahead would count as done today (trial: 2099-01-01 made progress 100 %).
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync(s1, new { status = "已整治", effective_on = "2099-01-01" })).StatusCode);
        await JsonAsync(await mon.PostAsJsonAsync(s1, new { status = "已整治", effective_on = "2024-12-31" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync(s1, new { status = "整治中" })).StatusCode);
        await JsonAsync(await mon.PostAsJsonAsync(s1, new { status = "in_progress", note = "复查发现混接" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync(s1, new { status = "in_progress" })).StatusCode); // same status
        Assert.Equal(HttpStatusCode.NotFound, (await mon.PostAsJsonAsync("/api/drainage/outlets/JB-NONE-0001/status", new { status = "treated" })).StatusCode);

        // Samples: COD 20 and NH3-N 1.0 are at the class Ⅲ limits (GB 3838-2002 table 1) → Ⅲ, meets Ⅲ; COD 20.1 → Ⅳ.
        const string sm1 = "/api/drainage/outlets/JB-PK-0001/samples";
        var a = await JsonAsync(await mon.PostAsJsonAsync(sm1, new { sampled_at = "2025-01-05T09:00:00+08:00", values = new Dictionary<string, decimal> { ["cod"] = 20m, ["nh3n"] = 1.0m } }), HttpStatusCode.Created);
        Assert.Equal(("III", true), (a.GetProperty("gb3838").GetString(), a.GetProperty("meets_target").GetBoolean()));
        var b = await JsonAsync(await mon.PostAsJsonAsync(sm1, new { sampled_at = "2025-01-05T10:00:00+08:00", values = new Dictionary<string, decimal> { ["cod"] = 20.1m } }), HttpStatusCode.Created);
        Assert.Equal(("IV", false), (b.GetProperty("gb3838").GetString(), b.GetProperty("meets_target").GetBoolean()));
        // Without a target class: stored, never classed.
        var c = await JsonAsync(await mon.PostAsJsonAsync("/api/drainage/outlets/JB-PK-0002/samples",
            new { sampled_at = "2025-01-05T10:00:00+08:00", values = new Dictionary<string, decimal> { ["cod"] = 120m } }), HttpStatusCode.Created);
        Assert.Equal("not_applicable", c.GetProperty("gb3838").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("meets_target").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync(sm1, new { sampled_at = "2025-01-05T10:00:00+08:00", values = new Dictionary<string, decimal> { ["xyz"] = 1m } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsJsonAsync(sm1, new { sampled_at = "2025-01-07T10:00:00+08:00", values = new Dictionary<string, decimal> { ["cod"] = 1m } })).StatusCode); // future

        var detail = await JsonAsync(await viewer.GetAsync("/api/drainage/outlets/JB-PK-0001"));
        Assert.Equal(["untreated", "treated", "in_progress"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        Assert.Equal(["IV", "III"], detail.GetProperty("samples").EnumerateArray().Select(x => x.GetProperty("gb3838").GetString())); // newest first

        // Import: row 3 has an unknown type → nothing stored; then a clean file → 2 stored.
        const string header = "编码,名称,河流,类型,整治状态,经度,纬度,街道\n";
        await using (var db = app.Store.CreateContext())
        {
            var s = new DrainageService(db, new FixedClock(MapAppFixture<TDb>.Now));
            var bad = await s.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(header + "JB-PK-0101,一号,长江,工业排污口,已规范化,106.6,29.6,寸滩街道\nJB-PK-0102,二号,嘉陵江,无此类型,,,,\n")), false, "bad.csv", AuditActor.Cli());
            Assert.Equal(0, bad.Stored);
            Assert.Equal(3, Assert.Single(bad.Errors).Row);
            Assert.False(await db.DrainageOutlets.AnyAsync(o => o.Code == "JB-PK-0101"));
            var dup = await s.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(header + "JB-PK-0001,重复,长江,工业排污口,,,,\n")), false, "dup.csv", AuditActor.Cli());
            Assert.Contains("already registered", Assert.Single(dup.Errors).Reason, StringComparison.Ordinal);
            var good = await s.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(header + "JB-PK-0101,一号,长江,工业排污口,已规范化,106.6,29.6,寸滩街道\nJB-PK-0102,二号,嘉陵江,wwtp,,,,\n")), false, "good.csv", AuditActor.Cli());
            Assert.Equal((2, 0), (good.Stored, good.Errors.Count));
            // Audit: 2 creates, 2 status changes, 3 samples, 1 import (the refused imports wrote nothing).
            var actions = await db.AuditEntries.AsNoTracking().Where(e => e.Action.StartsWith("drainage.")).Select(e => e.Action).ToListAsync();
            Assert.Equal((2, 2, 3, 1), (actions.Count(x => x == "drainage.create"), actions.Count(x => x == "drainage.status"), actions.Count(x => x == "drainage.sample"), actions.Count(x => x == "drainage.import")));
        }

        // Progress of the 4: 0001 整治中, 0002 未整治, 0101 已规范化, 0102 未整治 → done 1/4 = 25.0 %, normalized 25.0 %.
        var list = await JsonAsync(await viewer.GetAsync("/api/drainage/outlets"));
        Assert.Equal(4, list.GetProperty("outlets").GetArrayLength());
        var p = list.GetProperty("progress");
        Assert.Equal((4, 2, 1, 25.0m), (p.GetProperty("total").GetInt32(), p.GetProperty("untreated").GetInt32(), p.GetProperty("done").GetInt32(), p.GetProperty("done_percent").GetDecimal()));
        Assert.Equal(["JB-PK-0001", "JB-PK-0002"], (await JsonAsync(await viewer.GetAsync("/api/drainage/outlets?river=panxi"))).GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("code").GetString()));
        Assert.Equal(["JB-PK-0101"], (await JsonAsync(await viewer.GetAsync("/api/drainage/outlets?street=" + Uri.EscapeDataString("寸滩街道")))).GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/drainage/outlets")).StatusCode);

        // The public map layer: all 4, no page link, no responsible unit or sensor in the answer.
        var layer = await JsonAsync(await anon.GetAsync("/api/public/map/layers/drainage-outlets"));
        Assert.Equal(4, layer.GetProperty("count").GetInt32());
        Assert.All(layer.GetProperty("features").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("href").ValueKind));
        Assert.DoesNotContain("CAM-", layer.GetRawText(), StringComparison.Ordinal);

        // issue 20 forms — HTTP import (the CLI's importer): row 2 names an unknown river → 400 naming row 2 and column 河流,
        // nothing stored; viewers are refused; a clean file → 200, 1 stored.
        static MultipartFormDataContent Csv(string text, string name = "registry.csv")
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
            return form;
        }
        var refused = await mon.PostAsync("/api/drainage/import", Csv(header + "JB-PK-0201,三号,黄河,雨水排口,,,,\n"));
        var problem = await JsonAsync(refused, HttpStatusCode.BadRequest);
        var cell = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "河流 (river)"), (cell.GetProperty("row").GetInt32(), cell.GetProperty("column").GetString()));
        Assert.StartsWith("row 2, column 河流 (river): '黄河' is none of", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/drainage/import", Csv(header + "JB-PK-0201,三号,长江,雨水排口,,,,\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mon.PostAsync("/api/drainage/import", Csv(header, "registry.txt"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/drainage/outlets/JB-PK-0201")).StatusCode);
        var imported = await JsonAsync(await mon.PostAsync("/api/drainage/import", Csv(header + "JB-PK-0201,三号,长江,雨水排口,,,,\n")));
        Assert.Equal(1, imported.GetProperty("stored").GetInt32());

        // Sample plausibility (drainage-sample-bounds.tsv): pH 14 and DO 20 mg/L are at the bounds → stored; pH 14.01, DO 20.01
        // and COD −0.01 are refused with item, value and bound.
        const string sm2 = "/api/drainage/outlets/JB-PK-0002/samples";
        await JsonAsync(await mon.PostAsJsonAsync(sm2, new { sampled_at = "2025-01-05T11:00:00+08:00", values = new Dictionary<string, decimal> { ["ph"] = 14m, ["do"] = 20m, ["cod"] = 0m } }), HttpStatusCode.Created);
        foreach (var (item, value, bound) in new[] { ("ph", 14.01m, "0–14"), ("do", 20.01m, "0–20 mg/L"), ("cod", -0.01m, "0–100000 mg/L") })
        {
            var bad = await mon.PostAsJsonAsync(sm2, new { sampled_at = "2025-01-05T11:00:00+08:00", values = new Dictionary<string, decimal> { [item] = value } });
            var text = await bad.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains($"{item} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
            Assert.Contains("plausible range " + bound, text, StringComparison.Ordinal);
        }

        // Outlet edit through the page's service: a status dated ahead is refused before anything is stored; then status,
        // responsible unit and camera change, audited drainage.status + drainage.update (old → new).
        await using (var db = app.Store.CreateContext())
        {
            var ui = new SmartEnv.Web.Ui.DrainageUiService(db, new FixedClock(MapAppFixture<TDb>.Now));
            var f = SmartEnv.Web.Ui.DrainageUiService.FormOf((await ui.GetAsync("JB-PK-0002"))!.Value.Outlet);
            Assert.Equal("CAM-JB-PK-0002", f.CameraId);
            (f.Status, f.EffectiveOn, f.ResponsibleUnit, f.CameraId) = ("treated", "2025-01-07", "江北区城市管理局", "CAM-NEW"); // clock: 2025-01-06
            Assert.Equal("effective_on: in the future", await ui.SaveAsync("JB-PK-0002", f, AuditActor.Cli()));
            f.ResponsibleUscc = "12345";
            f.EffectiveOn = "2025-01-06";
            Assert.Equal("responsible_uscc: 18 characters", await ui.SaveAsync("JB-PK-0002", f, AuditActor.Cli()));
            db.ChangeTracker.Clear();
            var unchanged = (await ui.GetAsync("JB-PK-0002"))!.Value.Outlet;
            Assert.Equal(("untreated", "CAM-JB-PK-0002"), (unchanged.Status, unchanged.CameraId));
            f.ResponsibleUscc = null;
            Assert.Null(await ui.SaveAsync("JB-PK-0002", f, AuditActor.Cli()));
            db.ChangeTracker.Clear();
            var edited = (await ui.GetAsync("JB-PK-0002"))!.Value;
            Assert.Equal(("treated", "江北区城市管理局", "CAM-NEW"), (edited.Outlet.Status, edited.Outlet.ResponsibleUnit, edited.Outlet.CameraId));
            Assert.Equal(new DateOnly(2025, 1, 6), edited.History.Last().EffectiveOn);
            var update = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "drainage.update");
            Assert.Contains("\"camera_id\":\"CAM-JB-PK-0002\"", update.Before, StringComparison.Ordinal);
            Assert.Contains("\"camera_id\":\"CAM-NEW\"", update.After, StringComparison.Ordinal);
        }
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public sealed class SqliteDrainageApiTests(MapAppFixture<SqliteTestDatabase> app) : DrainageApiTests<SqliteTestDatabase>(app);

public sealed class PostgresDrainageApiTests(MapAppFixture<PostgresTestDatabase> app) : DrainageApiTests<PostgresTestDatabase>(app);
