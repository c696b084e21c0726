using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 19 P5 over HTTP on both engines, on the registry of <see cref="InspectionsAppFixture{TDb}"/> (clock Monday
/// 2025-01-06 10:00 Beijing; B 环保诚信 and C 环保警示 evaluated for 2024 by the seed): enforcement cases (validation, unique
/// number, optimistic version), credit evaluation from a decided case (credit-rules.tsv <c>management.penalty</c> 5 points),
/// staff adjustments across the band edges 79.5 and 80 (reason required), a veto, an event downgrade, the public red and
/// black lists (name, USCC, grade, year only), the repair workflow with its window and the enterprise scope. Every figure
/// is worked by hand in the comments.
/// </summary>
public abstract class CreditApiTests<TDb>(InspectionsAppFixture<TDb> app) : IClassFixture<InspectionsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string A = InspectionsAppFixture<TDb>.A, B = InspectionsAppFixture<TDb>.B, D = InspectionsAppFixture<TDb>.D, E = InspectionsAppFixture<TDb>.E;
    private const string Case1 = "江北环罚〔2024〕1号", Case2 = "江北环罚〔2024〕2号";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static (decimal, string?, string?) Grade(JsonElement e) => (e.GetProperty("score").GetDecimal(), e.GetProperty("grade").GetString(), e.GetProperty("color").GetString());

    [Fact]
    public async Task Cases_evaluation_adjustments_lists_and_repair_over_http()
    {
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        using var admin = await TestPrincipals.StaffAsync(app.Address, app.Store);
        using var monitoring = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var entD = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, D);
        using var anon = TestPrincipals.Anonymous(app.Address);

        // Enforcement cases: 400 without a penalty type, 201, 409 for the same number; update with the version read.
        object Case(string number, string uscc, string status, string? item = null, int? version = null) => new
        {
            case_number = number, uscc, legal_basis = "《排污许可管理条例》第三十四条", penalty_type = "fine", amount = 200000m, filed_on = "2024-05-10",
            notified_on = "2024-05-20", decided_on = "2024-06-10", status, credit_item_code = item, version,
        };
        var bad = await staff.PostAsJsonAsync("/api/enforcement-cases", new { case_number = Case1, uscc = A, legal_basis = "x", filed_on = "2024-05-10", status = "filed" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("penalty_type", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitoring.PostAsJsonAsync("/api/enforcement-cases", Case(Case1, A, "filed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/enforcement-cases", Case(Case1, A, "notified"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/api/enforcement-cases", Case(Case1, A, "filed"))).StatusCode);
        var url1 = "/api/enforcement-cases/" + Uri.EscapeDataString(Case1);
        var updated = await staff.PutAsJsonAsync(url1, Case(Case1, A, "decided", version: 1));
        Assert.Equal(2, (await JsonAsync(updated)).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync(url1, Case(Case1, A, "decided", version: 1))).StatusCode);
        Assert.Equal("decided", (await JsonAsync(await monitoring.GetAsync(url1))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/enforcement-cases", Case(Case2, D, "decided", "veto.no_eia"))).StatusCode);
        Assert.Equal([Case1], (await JsonAsync(await entA.GetAsync($"/api/enterprises/{A}/enforcement-cases"))).EnumerateArray().Select(x => x.GetProperty("case_number").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{D}/enforcement-cases")).StatusCode);
        // Penalty bands as guidance (penalty-bands.tsv from supervision.md §2.2): Art. 34 ¥200,000–1,000,000; Art. 37 per occasion.
        var bands = (await JsonAsync(await monitoring.GetAsync("/api/enforcement-cases/penalty-bands"))).EnumerateArray().ToList();
        var art34 = bands.Single(b => b.GetProperty("article").GetString() == "《排污许可管理条例》第三十四条");
        Assert.Equal((200000m, 1000000m, false), (art34.GetProperty("min_yuan").GetDecimal(), art34.GetProperty("max_yuan").GetDecimal(), art34.GetProperty("per_occasion").GetBoolean()));
        Assert.True(bands.Single(b => b.GetProperty("article").GetString() == "《排污许可管理条例》第三十七条").GetProperty("per_occasion").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.GetAsync("/api/enforcement-cases/penalty-bands")).StatusCode);

        // A, 2024: one decided penalty → 100 − 5 = 95 → 环保良好 (80 ≤ s < 100), blue; the line's evidence is the case number.
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.PostAsJsonAsync($"/api/enterprises/{A}/credit/evaluate", new { year = 2024 })).StatusCode);
        var ev = await JsonAsync(await staff.PostAsJsonAsync($"/api/enterprises/{A}/credit/evaluate", new { year = 2024 }));
        Assert.Equal((95m, "good", "blue"), Grade(ev));
        var line = ev.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(("management.penalty", 5m, Case1), (line.GetProperty("item_code").GetString(), line.GetProperty("points").GetDecimal(), line.GetProperty("evidence")[0].GetProperty("record_id").GetString()));

        // Adjustments: a reason is required and the delta is on the half-point grid; −15.5 → 79.5 → 环保警示 (yellow);
        // +0.5 more → 80 → 环保良好 (the band edge belongs to the upper band).
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/enterprises/{A}/credit/adjust", new { year = 2024, delta = -15.5m })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/enterprises/{A}/credit/adjust", new { year = 2024, delta = 0.3m, reason = "x" })).StatusCode);
        // An adjustment beyond the method's largest bonus (8) is refused and stores nothing (a trial put a firm on the red list with 1e20).
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/enterprises/{A}/credit/adjust", new { year = 2024, delta = 100000000000000000000m, reason = "x" })).StatusCode);
        Assert.Equal((79.5m, "warning", "yellow"), Grade(await JsonAsync(await staff.PostAsJsonAsync($"/api/enterprises/{A}/credit/adjust",
            new { year = 2024, delta = -15.5m, reason = "挂牌督办（局务会 2025-01-03）" }))));
        Assert.Equal((80m, "good", "blue"), Grade(await JsonAsync(await staff.PostAsJsonAsync($"/api/enterprises/{A}/credit/adjust",
            new { year = 2024, delta = 0.5m, reason = "复核后更正" }))));

        // D: a veto item (veto.no_eia) → 环保不良 whatever the score (100, no deduction); E: no evidence → 100 → 环保诚信.
        var d = await JsonAsync(await staff.PostAsJsonAsync($"/api/enterprises/{D}/credit/evaluate", new { year = 2024 }));
        Assert.Equal((100m, "poor", "red", true), (d.GetProperty("score").GetDecimal(), d.GetProperty("grade").GetString(), d.GetProperty("color").GetString(), d.GetProperty("vetoed").GetBoolean()));
        Assert.Equal((100m, "trustworthy", "green"), Grade(await JsonAsync(await staff.PostAsJsonAsync($"/api/enterprises/{E}/credit/evaluate", new { year = 2024 }))));

        // Public lists: red = current 诚信 (seeded B, evaluated E), black = 不良 (D); name, USCC, grade, year only.
        static List<string?> Usccs(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Select(x => x.GetProperty("uscc").GetString()).ToList();
        var red = await anon.GetStringAsync("/api/public/credit/red-list");
        Assert.Equal([B, E], Usccs(red));
        var black = await anon.GetStringAsync("/api/public/credit/black-list");
        Assert.Equal([D], Usccs(black));
        Assert.Contains("重庆江北丁电镀有限公司", black, StringComparison.Ordinal);
        foreach (var text in new[] { red, black })
        {
            Assert.DoesNotContain("staff-", text, StringComparison.Ordinal);
            Assert.DoesNotContain("score", text, StringComparison.Ordinal);
            Assert.DoesNotContain("reason", text, StringComparison.Ordinal);
        }

        // The latest evaluation per enterprise and year (staff; one CreditService list method): one row per enterprise of
        // 2024; A's is the last of its three rows (95, then adjusted 79.5, then 80), D's 100 vetoed → poor.
        var evals = (await JsonAsync(await monitoring.GetAsync("/api/credit/evaluations?year=2024"))).EnumerateArray().ToList();
        Assert.All(evals, x => Assert.Equal(2024, x.GetProperty("year").GetInt32()));
        Assert.Equal(evals.Count, evals.Select(x => x.GetProperty("uscc").GetString()).Distinct().Count());
        Assert.Equal(80m, evals.Single(x => x.GetProperty("uscc").GetString() == A).GetProperty("score").GetDecimal());
        var dRow = evals.Single(x => x.GetProperty("uscc").GetString() == D);
        Assert.Equal((100m, "poor", true), (dRow.GetProperty("score").GetDecimal(), dRow.GetProperty("grade").GetString(), dRow.GetProperty("vetoed").GetBoolean()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/credit/evaluations")).StatusCode);

        // Event: a 一般 emergency lowers E one grade (诚信 → 良好): E leaves the red list.
        var evt = await JsonAsync(await staff.PostAsJsonAsync($"/api/enterprises/{E}/credit/events", new { event_code = "event.emergency.general", occurred_on = "2025-01-02", evidence = "YJ-2025-001" }));
        Assert.Equal(("trustworthy", "good"), (evt.GetProperty("from_grade").GetString(), evt.GetProperty("to_grade").GetString()));
        Assert.Equal([B], Usccs(await anon.GetStringAsync("/api/public/credit/red-list")));

        // A's own record: current grade, latest evaluation 80, two adjustments; never D's.
        var own = await JsonAsync(await entA.GetAsync($"/api/enterprises/{A}/credit"));
        Assert.Equal(("good", 80m, 2), (own.GetProperty("current_grade").GetString(), own.GetProperty("latest").GetProperty("score").GetDecimal(), own.GetProperty("adjustments").GetArrayLength()));
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{D}/credit")).StatusCode);

        // Repair (一般: shortest 3 months, credit-rules.tsv repair.general): published 2024-10-06 → shortest period ends
        // 2025-01-06, earliest application 2025-01-07 → refused today (409); published 2024-10-05 → earliest 2025-01-06 → accepted.
        var early = await entA.PostAsJsonAsync($"/api/enterprises/{A}/credit/repairs", new { info_record_id = Case1, severity = "general", published_on = "2024-10-06", evidence = "整改报告" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("2025-01-07", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/enterprises/{A}/credit/repairs", new { info_record_id = Case1, severity = "general", published_on = "2024-10-05", evidence = "整改报告" })).StatusCode);
        var applied = await entA.PostAsJsonAsync($"/api/enterprises/{A}/credit/repairs", new { info_record_id = Case1, severity = "general", published_on = "2024-10-05", evidence = "整改报告及验收意见" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var id = (await JsonAsync(applied)).GetProperty("id").GetInt64();
        var steps = $"/api/enterprises/{A}/credit/repairs/{id}/";
        Assert.Equal(HttpStatusCode.Forbidden, (await monitoring.PostAsJsonAsync(steps + "start_review", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entD.PostAsJsonAsync(steps + "withdraw", new { })).StatusCode); // A's application, D's user
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/enterprises/{D}/credit/repairs/{id}/start_review", new { })).StatusCode); // not under D
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync(steps + "start_review", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.PostAsJsonAsync(steps + "approve", new { })).StatusCode);
        var approved = await JsonAsync(await staff.PostAsJsonAsync(steps + "approve", new { note = "整改到位" }));
        Assert.Equal(("approved", "2025-01-06"), (approved.GetProperty("state").GetString(), approved.GetProperty("decided_on").GetString()));
        Assert.Equal(["apply", "start_review", "approve"], approved.GetProperty("history").EnumerateArray().Select(x => x.GetProperty("trigger").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await entA.PostAsJsonAsync(steps + "withdraw", new { })).StatusCode);
        Assert.Single((await JsonAsync(await monitoring.GetAsync("/api/credit/repairs?state=approved"))).EnumerateArray());
    }
}

public sealed class SqliteCreditApiTests(InspectionsAppFixture<SqliteTestDatabase> app) : CreditApiTests<SqliteTestDatabase>(app);

public sealed class PostgresCreditApiTests(InspectionsAppFixture<PostgresTestDatabase> app) : CreditApiTests<PostgresTestDatabase>(app);
