using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Acceptance of the audit trail through the real HTTP app on both engines (issue 13): creating, replacing and deleting a
/// site each leave exactly one chained entry with the right before/after, actor (the legacy admin token → token actor
/// <c>admin</c>) and client address; device registration logs that the password changed, never the password; the list and
/// verify endpoints are admin-only; an <c>UPDATE</c> of one entry's <c>after</c> column makes <c>/api/audit/verify</c>
/// name that entry.
/// </summary>
public abstract class AuditApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private async Task<List<AuditEntry>> EntriesAsync(string targetType, string targetId)
    {
        await using var db = app.Store.CreateContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.TargetType == targetType && e.TargetId == targetId).OrderBy(e => e.Seq).ToListAsync();
    }

    private async Task<long> CountAsync()
    {
        await using var db = app.Store.CreateContext();
        return await db.AuditEntries.LongCountAsync();
    }

    private static JsonElement J(string? json) => JsonDocument.Parse(json!).RootElement;

    [Fact]
    public async Task Site_create_replace_delete_each_leave_one_chained_entry_and_a_tampered_after_is_named()
    {
        using var admin = app.Client(admin: true);
        var code = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        var n0 = await CountAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", new { code, name_zh = "审计测点", kind = "air" })).StatusCode);
        Assert.Equal(n0 + 1, await CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{code}", new { name_zh = "审计测点二", kind = "air", is_public = false })).StatusCode);
        Assert.Equal(n0 + 2, await CountAsync());
        // A refused change (400) writes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/sites/{code}", new { name_zh = "", kind = "air" })).StatusCode);
        Assert.Equal(n0 + 2, await CountAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
        Assert.Equal(n0 + 3, await CountAsync());

        var e = await EntriesAsync("site", code);
        Assert.Equal(["site.create", "site.update", "site.delete"], e.Select(x => x.Action));
        Assert.All(e, x => Assert.Equal(AuditActorKind.Token, x.ActorKind));
        Assert.All(e, x => Assert.Equal(SmartEnv.Web.Auth.BearerTokenHandler.LegacyAdminName, x.ActorName));
        Assert.All(e, x => Assert.Equal("127.0.0.1", x.ClientAddress));
        Assert.Null(e[0].Before);
        Assert.Equal("审计测点", J(e[0].After).GetProperty("name_zh").GetString());
        Assert.True(J(e[0].After).GetProperty("is_public").GetBoolean());
        Assert.Equal("审计测点", J(e[1].Before).GetProperty("name_zh").GetString());
        Assert.Equal("审计测点二", J(e[1].After).GetProperty("name_zh").GetString());
        Assert.False(J(e[1].After).GetProperty("is_public").GetBoolean());
        Assert.Equal("审计测点二", J(e[2].Before).GetProperty("name_zh").GetString());
        Assert.Null(e[2].After);
        Assert.Equal([e[0].Seq + 1, e[0].Seq + 2], [e[1].Seq, e[2].Seq]); // consecutive in the chain
        Assert.Equal(e[0].Hash, e[1].PrevHash);
        Assert.Equal(e[1].Hash, e[2].PrevHash);

        // The list (admin) shows them newest first; anonymous callers get 401.
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/audit/verify")).StatusCode);
        var list = J(await admin.GetStringAsync($"/api/audit?target_type=site&target_id={code}"));
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal(["site.delete", "site.update", "site.create"], list.GetProperty("entries").EnumerateArray().Select(x => x.GetProperty("action").GetString()));
        Assert.Equal("token", list.GetProperty("entries")[0].GetProperty("actor_kind").GetString());
        Assert.Equal("审计测点二", list.GetProperty("entries")[1].GetProperty("after").GetProperty("name_zh").GetString());

        var ok = J(await admin.GetStringAsync("/api/audit/verify"));
        Assert.True(ok.GetProperty("intact").GetBoolean());

        // Tamper with the update's after column directly in the database: verify names that entry; restore it.
        var seq = e[1].Seq;
        await using (var db = app.Store.CreateContext())
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET after = {"{\"name_zh\":\"别的名字\"}"} WHERE seq = {seq}");
        var bad = J(await admin.GetStringAsync("/api/audit/verify"));
        Assert.False(bad.GetProperty("intact").GetBoolean());
        Assert.Equal(seq, bad.GetProperty("broken_seq").GetInt64());
        Assert.Equal("content_hash_mismatch", bad.GetProperty("break_kind").GetString());
        await using (var db = app.Store.CreateContext())
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET after = {e[1].After} WHERE seq = {seq}");
        Assert.True(J(await admin.GetStringAsync("/api/audit/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Device_changes_log_that_the_password_changed_never_the_password()
    {
        using var admin = app.Client(admin: true);
        var mn = "AUDMN" + Guid.NewGuid().ToString("N")[..10];
        const string secret = "pw-Secret-7781";
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = secret, site_code = "1420A" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = secret, site_code = "1420A" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = "other-Secret-1", site_code = "1420A" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = "other-Secret-1", site_code = "1420A", enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/{mn}")).StatusCode);
        var e = await EntriesAsync("device", mn);
        Assert.Equal(["device.register", "device.update", "device.password.set", "device.disable", "device.delete"], e.Select(x => x.Action));
        Assert.Equal([true, false, true, false], e.Take(4).Select(x => J(x.After).GetProperty("password_changed").GetBoolean()));
        Assert.All(e, x => Assert.DoesNotContain("Secret", (x.Before ?? "") + (x.After ?? ""), StringComparison.Ordinal));
        Assert.False(J(e[3].After).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Alert_handling_is_audited_with_its_note_as_reason()
    {
        long id;
        await using (var db = app.Store.CreateContext())
        {
            var site = await db.Sites.SingleAsync(x => x.Code == "1420A");
            var t = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
            var alert = new SmartEnv.Storage.Entities.Alert
            {
                SiteId = site.Id, Rule = SmartEnv.Storage.Entities.AlertRule.DeviceOffline, Severity = SmartEnv.Storage.Entities.AlertSeverity.Minor,
                Status = SmartEnv.Storage.Entities.AlertStatus.Open, OpenedAt = t, LastSeenAt = t, MessageZh = "测试", MessageEn = "test", CreatedAt = t, UpdatedAt = t,
            };
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            id = alert.Id;
        }
        using var admin = app.Client(admin: true);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { by = "王工", note = "已通知运维" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { by = "王工" })).StatusCode); // refused: no entry
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/alerts/{id}/close", new { by = "王工", note = "已恢复" })).StatusCode);
        var e = await EntriesAsync("alert", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["alert.acknowledge", "alert.close"], e.Select(x => x.Action));
        Assert.Equal(["已通知运维", "已恢复"], e.Select(x => x.Reason));
        Assert.Equal("open", J(e[0].Before).GetProperty("status").GetString());
        Assert.Equal("acknowledged", J(e[0].After).GetProperty("status").GetString());
        Assert.Equal("王工", J(e[0].After).GetProperty("acknowledged_by").GetString());
        Assert.Equal("closed", J(e[1].After).GetProperty("status").GetString());
        Assert.All(e, x => Assert.Equal(SmartEnv.Web.Auth.BearerTokenHandler.LegacyAdminName, x.ActorName));
    }

    /// <summary>The CSV export re-verifies with a hasher written here from docs/security.md alone (not the platform's):
    /// every hashed field is in the export as stored, an empty cell standing for null.</summary>
    [Fact]
    public async Task The_csv_export_re_verifies_with_the_documented_layout()
    {
        using var admin = app.Client(admin: true);
        var code = "AUDX-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", new { code, name_zh = "导出测点", kind = "air", note = "含,逗号\"引号" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/ui/export/audit.csv?target_type=site&target_id={code}&culture=zh-CN");
        var r = await admin.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), "smartenv-audit-export-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
        try
        {
            await File.WriteAllBytesAsync(path, await r.Content.ReadAsByteArrayAsync());
            var rows = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(2, rows.Count);
            foreach (var row in rows)
            {
                string? F(string h) => row.TryGetValue(h, out var v) && v is not null && Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } x ? x : null;
                string?[] fields = ["smartenv-audit-v1", F("序号"), F("时间戳（UTC 毫秒）"), F("身份类型代码"), F("操作人"), F("操作代码"), F("对象类型代码"), F("对象编号"),
                    F("变更前"), F("变更后"), F("原因"), F("来源地址"), F("前序哈希")];
                using var ms = new MemoryStream();
                foreach (var f in fields)
                {
                    var b = f is null ? null : System.Text.Encoding.UTF8.GetBytes(f);
                    var len = b is null ? uint.MaxValue : (uint)b.Length;
                    ms.Write([(byte)(len >> 24), (byte)(len >> 16), (byte)(len >> 8), (byte)len]);
                    if (b is not null) ms.Write(b);
                }
                Assert.Equal(F("哈希"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ms.ToArray())));
            }
            Assert.Equal(["site.delete", "site.create"], rows.Select(x => Convert.ToString(x["操作代码"], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(["删除站点", "新建站点"], rows.Select(x => Convert.ToString(x["操作"], System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally { File.Delete(path); }
    }
}

public sealed class SqliteAuditApiTests(WebAppFixture<SqliteTestDatabase> app) : AuditApiTests<SqliteTestDatabase>(app);

public sealed class PostgresAuditApiTests(WebAppFixture<PostgresTestDatabase> app) : AuditApiTests<PostgresTestDatabase>(app);

/// <summary>The audit page names every action and target type the platform writes (<see cref="AuditActions"/>) in both
/// languages, and nothing else. Pure.</summary>
public sealed class AuditTextsTests
{
    [Fact]
    public void Every_audited_action_and_target_type_has_text()
    {
        Assert.Equal(AuditActions.Known.Order(StringComparer.Ordinal), SmartEnv.Web.Ui.Texts.Audit.ActKeys.Order(StringComparer.Ordinal));
        Assert.Equal(AuditActions.TargetTypes.Order(StringComparer.Ordinal), SmartEnv.Web.Ui.Texts.Audit.TargetKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_action_written_in_the_source_is_in_the_catalogue()
    {
        // Source scan: the action argument of AuditTrail.AppendAsync / AppendOperationAsync / AuditAsync calls and AuditRecord.
        var src = Path.Combine(SmartEnv.Tests.RepoPaths.Root, "src");
        var call = new System.Text.RegularExpressions.Regex(@"(?:AppendAsync|AppendOperationAsync|AuditAsync)\([^""]*?""([a-z_]+(?:\.[a-z_]+)+)""");
        var ternary = new System.Text.RegularExpressions.Regex(@"""(device\.[a-z_.]+)""");
        var found = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => { var t = File.ReadAllText(f); return call.Matches(t).Concat(ternary.Matches(t)).Select(m => m.Groups[1].Value); })
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(found.Count >= 15, $"only {found.Count} actions found: {string.Join(", ", found)}");
        Assert.Subset(AuditActions.Known.ToHashSet(StringComparer.Ordinal), found);
    }
}
