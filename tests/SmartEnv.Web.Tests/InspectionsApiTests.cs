using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Inspections.Draw;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The web app over a real database at a fixed clock (Monday 2025-01-06 10:00 Beijing) with the registry of the issue-19
/// service tests: five enterprises — A key (no grade), B key (环保诚信), C general (环保警示), D special (上年受处罚), E general
/// on the 正面清单 — and three inspectors 张一 JB-001 (执法一大队), 李二 JB-002 (执法二大队), 王三 JB-003 (执法一大队, conflict
/// declared with A). The inspectors' names and certificate numbers are what the public answers must never contain.
/// </summary>
public sealed class InspectionsAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2025-01-06 02:00 UTC = Monday 10:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 6, 2, 0, 0, TimeSpan.Zero);

    public const string A = "91500105MA5U0A1661", B = "91500105MA5U0B169H", C = "91500105MA5U0C1C03", D = "91500105MA5U0D1D1E", E = "91500105MA5U0R1R4T";

    /// <summary>Names and certificate numbers of the seeded inspectors.</summary>
    public static readonly string[] InspectorSecrets = ["张一", "李二", "王三", "JB-001", "JB-002", "JB-003", "insp-1", "insp-2", "insp-3"];

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-insp-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        var at = new DateTimeOffset(2024, 12, 1, 2, 0, 0, TimeSpan.Zero);
        await using (var ctx = Store.CreateContext())
        {
            ctx.Enterprises.AddRange(
                new Enterprise { Uscc = A, Name = "重庆江北甲化工有限公司", IsKeyDischarger = true, CreatedAt = at },
                new Enterprise { Uscc = B, Name = "重庆江北乙热电有限公司", IsKeyDischarger = true, CreatedAt = at },
                new Enterprise { Uscc = C, Name = "重庆江北丙印刷有限公司", CreatedAt = at },
                new Enterprise { Uscc = D, Name = "重庆江北丁电镀有限公司", SpecialSupervisionReason = "上年受处罚", CreatedAt = at },
                new Enterprise { Uscc = E, Name = "重庆江北戊食品有限公司", OnPositiveList = true, CreatedAt = at });
            var users = new[] { ("insp-1", "张一", "JB-001", "执法一大队"), ("insp-2", "李二", "JB-002", "执法二大队"), ("insp-3", "王三", "JB-003", "执法一大队") }
                .Select(u => new SmartEnvUser
                {
                    UserName = u.Item1, NormalizedUserName = u.Item1.ToUpperInvariant(), DisplayName = u.Item2, EnforcementCertificate = u.Item3, Department = u.Item4,
                    SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = at,
                }).ToList();
            ctx.Users.AddRange(users);
            foreach (var (uscc, grade) in new[] { (B, StoredCreditGrade.Trustworthy), (C, StoredCreditGrade.Warning) })
                ctx.CreditEvaluations.Add(new CreditEvaluationRecord
                {
                    Uscc = uscc, Year = 2024, BaseScore = 100, Score = grade == StoredCreditGrade.Trustworthy ? 100 : 70, Grade = grade,
                    RulesVersion = "credit-rules@test0000", EvaluatedAt = at, EvaluatedBy = "seed",
                });
            await ctx.SaveChangesAsync();
            ctx.InspectorConflicts.Add(new InspectorConflict { UserId = users[2].Id, Uscc = A, DeclaredOn = new DateOnly(2024, 12, 1), Note = "亲属在该企业任职" });
            await ctx.SaveChangesAsync();
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(),
            HttpPort = 0, BindAddress = IPAddress.Loopback, Time = new Clock(Now),
        });
        await App.StartAsync();
        Address = SmartEnvWeb.BoundAddress(App);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, true);
    }
}

/// <summary>
/// Issue 19 P5 over HTTP on both engines: freeze → commit → start → record → rectification → follow-up → publish, with
/// the secrecy of the result (only the organiser sees it before publication: another admin gets 403, an enterprise user
/// and the public see nothing of it), the downloaded plan JSON verifying with <see cref="DrawEngine.Verify"/>, the
/// enterprise scope (A never sees B's rows) and the public lists free of personal data (the raw answer text is searched
/// for every seeded inspector name, certificate number and account).
/// </summary>
public abstract class InspectionsApiTests<TDb>(InspectionsAppFixture<TDb> app) : IClassFixture<InspectionsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    /// <summary>The secret (16 bytes, hex) and its SHA-256 (worked outside the code: python3 hashlib.sha256(bytes.fromhex(…))).</summary>
    private const string Secret = "00112233445566778899aabbccddeeff";
    private const string Hash = "a8faed6abbf35c12a4b26e40f6feb19d736d90045c83b9f9a31f638d323e6811";
    private const string PublicValue = "上证指数 2025-01-03 收盘 3211.43";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static void NoPersonalData(string text, string where)
    {
        foreach (var s in InspectionsAppFixture<TDb>.InspectorSecrets.Append("staff-enforcement").Append("staff-admin"))
            Assert.False(text.Contains(s, StringComparison.Ordinal), $"{where} contains {s}");
    }

    [Fact]
    public async Task The_draw_runs_over_http_its_result_stays_with_the_organiser_until_published_and_the_public_sees_no_inspector()
    {
        const string A = InspectionsAppFixture<TDb>.A, B = InspectionsAppFixture<TDb>.B;
        using var organiser = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        using var admin = await TestPrincipals.StaffAsync(app.Address, app.Store);
        using var monitoring = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var entB = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, B);
        using var anon = TestPrincipals.Anonymous(app.Address);

        // Freeze: 400 for a hash that is not 64 lowercase hex; the frozen day is the clock's Beijing day.
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync("/api/draw-plans", new { plan_id = "SJ-2025Q9", quarter = "2025Q1", commitment_hash = "ABC" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitoring.PostAsJsonAsync("/api/draw-plans", new { plan_id = "SJ-2025Q8", quarter = "2025Q1", commitment_hash = Hash })).StatusCode);
        var frozen = await organiser.PostAsJsonAsync("/api/draw-plans", new { plan_id = "SJ-2025Q1", quarter = "2025Q1", commitment_hash = Hash });
        Assert.Equal(HttpStatusCode.Created, frozen.StatusCode);
        var f = await JsonAsync(frozen);
        Assert.Equal(("frozen", "2025-01-06", "staff-enforcement"), (f.GetProperty("status").GetString(), f.GetProperty("frozen_at").GetString(), f.GetProperty("organiser").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync("/api/draw-plans", new { plan_id = "SJ-2025Q1", quarter = "2025Q1", commitment_hash = Hash })).StatusCode);

        // Commit: a wrong secret (last byte ef → ee) is a 400 and stores nothing; the right one draws. Publication due:
        // Monday 2025-01-06 + 20 working days (国办发明电〔2024〕12号): 7–10 Jan (4), 13–17 (9), 20–24 (14), Sunday 26 worked (15),
        // 27 (16), 28 Jan–4 Feb 春节 off, 5–7 Feb (19), Saturday 8 Feb worked (20) → 2025-02-08.
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync("/api/draw-plans/SJ-2025Q1/commit", new { secret = "00112233445566778899aabbccddeeee", public_value = PublicValue })).StatusCode);
        var committed = await organiser.PostAsJsonAsync("/api/draw-plans/SJ-2025Q1/commit", new { secret = Secret, public_value = PublicValue });
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        var c = await JsonAsync(committed);
        Assert.Equal(("committed", "2025-02-08"), (c.GetProperty("status").GetString(), c.GetProperty("publish_due").GetString()));

        // Secret until published: another admin gets 403 on the document and the tasks; the public list is empty; an enterprise
        // user is refused the plan routes and sees no pending task of its own.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/draw-plans/SJ-2025Q1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/draw-plans/SJ-2025Q1/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.GetAsync("/api/draw-plans/SJ-2025Q1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/draw-plans/SJ-2025Q1/tasks")).StatusCode);
        Assert.Equal("[]", await anon.GetStringAsync("/api/public/draw-plans"));
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/public/inspections/plans/SJ-2025Q1/plan.json")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await entA.GetAsync($"/api/enterprises/{A}/inspections"))).GetProperty("tasks").GetArrayLength());
        Assert.DoesNotContain(Secret, await admin.GetStringAsync("/api/draw-plans"), StringComparison.Ordinal);

        // The organiser downloads the plan JSON; it verifies (exit 0 of smartenv draw verify).
        var doc = await organiser.GetAsync("/api/draw-plans/SJ-2025Q1");
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        Assert.Equal("SJ-2025Q1.json", doc.Content.Headers.ContentDisposition?.FileName);
        var plan = DrawPlanJson.Read(await doc.Content.ReadAsStringAsync());
        Assert.True(DrawEngine.Verify(plan).Ok);
        var tasks = (await JsonAsync(await organiser.GetAsync("/api/draw-plans/SJ-2025Q1/tasks"))).EnumerateArray().ToList();
        Assert.Equal(plan.Result!.Tasks.Select(t => t.ObjectId), tasks.Select(t => t.GetProperty("uscc").GetString()));
        // By hand: key strata {B} (诚信) then {A} (none), special {D}, general {C, E} all drawn (5 tasks); E off-site; A's
        // inspectors are JB-001 and JB-002 (JB-003 declared a conflict with A).
        Assert.Equal([B, A, InspectionsAppFixture<TDb>.D], tasks.Take(3).Select(t => t.GetProperty("uscc").GetString()));
        var taskA = tasks.Single(t => t.GetProperty("uscc").GetString() == A);
        Assert.Equal(["JB-001", "JB-002"], taskA.GetProperty("inspectors").EnumerateArray().Select(x => x.GetString()).Order());
        // Staff see who they are through the plan's key: JB-001 张一 JC-01, JB-002 李二 JC-02 (certificate order), pairwise.
        Assert.Equal([("JB-001", "张一", "JC-01"), ("JB-002", "李二", "JC-02")],
            taskA.GetProperty("inspectors").EnumerateArray().Select((x, i) => (x.GetString(), taskA.GetProperty("inspector_names")[i].GetString(), taskA.GetProperty("pseudonyms")[i].GetString()))
                .OrderBy(x => x.Item1, StringComparer.Ordinal));
        Assert.Equal("off_site", tasks.Single(t => t.GetProperty("uscc").GetString() == InspectionsAppFixture<TDb>.E).GetProperty("mode").GetString());
        var taskId = taskA.GetProperty("id").GetInt64();

        // Start A's task: A's user now sees it (started), B's user does not, and A's user gets 404 for B's inspections.
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"/api/inspection-tasks/{taskId}/start", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"/api/inspection-tasks/{taskId}/start", new { })).StatusCode);
        var ownA = await entA.GetStringAsync($"/api/enterprises/{A}/inspections");
        Assert.Contains(A, ownA, StringComparison.Ordinal);
        Assert.DoesNotContain(B, ownA, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{B}/inspections")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await entB.GetAsync($"/api/enterprises/{B}/inspections"))).GetProperty("tasks").GetArrayLength());

        // Record: one problem (with a credit item proved by a finding) and one compliant item; the task is finished.
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync("/api/inspection-records", new
        {
            task_id = taskId, inspectors = new[] { "JB-001" }, items_checked = new[] { "危险废物规范化管理" },
            findings = new[] { new { item = "危险废物规范化管理", outcome = "compliant" } },
        })).StatusCode); // one inspector
        var recorded = await organiser.PostAsJsonAsync("/api/inspection-records", new
        {
            task_id = taskId, inspected_at = "2025-01-06T01:30:00Z", inspectors = new[] { "JB-001", "JB-002" }, items_checked = new[] { "一般工业固体废物", "自动监控运行" },
            findings = new object[]
            {
                new { item = "一般工业固体废物", outcome = "problem", category = "固体废物贮存场所未防渗", credit_item_code = "pollution.solid_waste" },
                new { item = "自动监控运行", outcome = "compliant" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var findingId = (await JsonAsync(recorded)).GetProperty("findings")[0].GetProperty("id").GetInt64();

        // Rectification: issued Monday 2025-01-06 with 10 working days: 7–10 (4), 13–17 (9), 20 (10) → 2025-01-20.
        var order = await organiser.PostAsJsonAsync($"/api/inspection-findings/{findingId}/rectification", new { issued_on = "2025-01-06", workdays = 10 });
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        var o = await JsonAsync(order);
        Assert.Equal("2025-01-20", o.GetProperty("due_on").GetString());
        var follow = await organiser.PostAsJsonAsync($"/api/rectification-orders/{o.GetProperty("id").GetInt64()}/follow-up", new { on = "2025-01-17", result = "rectified" });
        Assert.Equal("rectified", (await JsonAsync(follow)).GetProperty("follow_up_result").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"/api/rectification-orders/{o.GetProperty("id").GetInt64()}/follow-up", new { result = "maybe" })).StatusCode);

        // Publish: now the plan is public, and other staff read the document.
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.PostAsJsonAsync("/api/draw-plans/SJ-2025Q1/publish", new { })).StatusCode);
        Assert.Equal("published", (await JsonAsync(await organiser.PostAsJsonAsync("/api/draw-plans/SJ-2025Q1/publish", new { }))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/draw-plans/SJ-2025Q1")).StatusCode);

        var publicText = await anon.GetStringAsync("/api/public/draw-plans");
        NoPersonalData(publicText, "GET /api/public/draw-plans");
        var pub = JsonDocument.Parse(publicText).RootElement.EnumerateArray().Single();
        Assert.Equal(("SJ-2025Q1", Secret, PublicValue), (pub.GetProperty("plan_id").GetString(), pub.GetProperty("secret").GetString(), pub.GetProperty("public_value").GetString()));
        var pubTasks = pub.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(plan.Result.Tasks.Select(t => t.ObjectId), pubTasks.Select(t => t.GetProperty("uscc").GetString()));
        var pubA = pubTasks.Single(t => t.GetProperty("uscc").GetString() == A);
        Assert.Equal(("重庆江北甲化工有限公司", "finished"), (pubA.GetProperty("name").GetString(), pubA.GetProperty("status").GetString()));
        Assert.False(pubA.GetProperty("result").GetProperty("compliant").GetBoolean());
        Assert.Equal("2025-01-06", pubA.GetProperty("result").GetProperty("inspected_on").GetString()); // 01:30 UTC = 09:30 Beijing (now is 02:00 UTC: no future)
        Assert.Equal(["固体废物贮存场所未防渗"], pubA.GetProperty("result").GetProperty("problem_categories").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(JsonValueKind.Null, pubTasks.Single(t => t.GetProperty("uscc").GetString() == B).GetProperty("result").ValueKind);

        // The published plan JSON is public and carries no personal data: inspectors are JC-01 (张一 JB-001), JC-02 (李二
        // JB-002), JC-03 (王三 JB-003) by certificate order. It verifies (smartenv draw verify exits 0), and no longer after
        // one inspector id of A's task is changed (JC-01 → JC-03; verify exits 1 naming the task).
        var planDoc = await anon.GetAsync("/api/public/inspections/plans/SJ-2025Q1/plan.json");
        Assert.Equal(HttpStatusCode.OK, planDoc.StatusCode);
        Assert.Equal("SJ-2025Q1.json", planDoc.Content.Headers.ContentDisposition?.FileName);
        var planText = await planDoc.Content.ReadAsStringAsync();
        NoPersonalData(planText, "GET /api/public/inspections/plans/SJ-2025Q1/plan.json");
        var publicPlan = DrawPlanJson.Read(planText);
        Assert.Equal(["JC-01", "JC-02", "JC-03"], publicPlan.Inspectors.Select(i => i.Id));
        // Departments only as codes in order of first appearance (执法一大队, 执法二大队, 执法一大队 → KS-1, KS-2, KS-1): the
        // department rule needs equality only, and a real department next to a conflict list could name the person.
        Assert.Equal(["KS-1", "KS-2", "KS-1"], publicPlan.Inspectors.Select(i => i.Department));
        Assert.DoesNotContain("大队", planText, StringComparison.Ordinal);
        Assert.Equal([A], publicPlan.Inspectors[2].Conflicts);
        Assert.True(DrawEngine.Verify(publicPlan).Ok);
        var ia = publicPlan.Result!.Tasks.ToList().FindIndex(t => t.ObjectId == A);
        Assert.Equal(["JC-01", "JC-02"], publicPlan.Result.Tasks[ia].InspectorIds.Order());
        var tampered = publicPlan with
        {
            Result = new DrawResult([.. publicPlan.Result.Tasks.Select((t, i) => i != ia ? t : t with { InspectorIds = [.. t.InspectorIds.Select(x => x == "JC-01" ? "JC-03" : x)] })]),
        };
        var v = DrawEngine.Verify(DrawPlanJson.Read(DrawPlanJson.Write(tampered)));
        Assert.False(v.Ok);
        Assert.Equal(ia, v.TaskIndex);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/public/inspections/plans/SJ-2099Q1/plan.json")).StatusCode);

        var resultsText = await anon.GetStringAsync("/api/public/inspection-results");
        NoPersonalData(resultsText, "GET /api/public/inspection-results");
        Assert.Equal([A], JsonDocument.Parse(resultsText).RootElement.EnumerateArray().Select(r => r.GetProperty("uscc").GetString()));

        // After publication B's user sees its own (pending) task and never A's record.
        var ownB = await entB.GetStringAsync($"/api/enterprises/{B}/inspections");
        Assert.Equal(1, JsonDocument.Parse(ownB).RootElement.GetProperty("tasks").GetArrayLength());
        Assert.DoesNotContain(A, ownB, StringComparison.Ordinal);
        Assert.DoesNotContain("固体废物", ownB, StringComparison.Ordinal);
    }
}

public sealed class SqliteInspectionsApiTests(InspectionsAppFixture<SqliteTestDatabase> app) : InspectionsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresInspectionsApiTests(InspectionsAppFixture<PostgresTestDatabase> app) : InspectionsApiTests<PostgresTestDatabase>(app);
