using Microsoft.EntityFrameworkCore;
using SmartEnv.Inspections;
using SmartEnv.Inspections.Draw;
using SmartEnv.Inspections.Enforcement;
using SmartEnv.Inspections.Records;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The 双随机 draw in the store, inspection records, rectification orders and enforcement cases (issue 19 P4) on both
/// engines, over a hand-made registry shared by the class (<see cref="SeedAsync"/>, idempotent): five enterprises —
/// A key (no grade), B key (环保诚信), C general (环保警示), D special (上年受处罚), E general on the 正面清单 — and three
/// inspectors JB-001 (执法一大队), JB-002 (执法二大队), JB-003 (执法一大队, conflict declared with A). Other tests of the class
/// record inspections only with inspector ids outside the roster, so the draw's recusal never depends on test order.
/// Every expected value is worked by hand in the comments.
/// </summary>
public abstract class InspectionsServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "inspection-test");

    internal const string A = "91500105MA5U0A1661", B = "91500105MA5U0B169H", C = "91500105MA5U0C1C03", D = "91500105MA5U0D1D1E", E = "91500105MA5U0R1R4T";

    /// <summary>The secret (16 bytes, hex) and its SHA-256 (worked outside the code: python3 hashlib.sha256(bytes.fromhex(…))).</summary>
    private const string Secret = "00112233445566778899aabbccddeeff";
    private const string Hash = "a8faed6abbf35c12a4b26e40f6feb19d736d90045c83b9f9a31f638d323e6811";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task<SmartEnvStore> SeedAsync()
    {
        var (store, _) = await db.MigratedAsync();
        await Gate.WaitAsync();
        try
        {
            await using var ctx = store.CreateContext();
            if (await ctx.Enterprises.AnyAsync(e => e.Uscc == A)) return store;
            var at = Bj(2024, 12, 1).ToUniversalTime();
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
            // Record-only inspectors: disabled (off the draw roster) except while a test records with them (EnableRecordersAsync).
            ctx.Users.AddRange(new[] { ("insp-901", "JB-901"), ("insp-902", "JB-902"), ("insp-903", "JB-903") }.Select(u => new SmartEnvUser
            {
                UserName = u.Item1, NormalizedUserName = u.Item1.ToUpperInvariant(), DisplayName = u.Item1, EnforcementCertificate = u.Item2, Department = "执法三大队",
                Disabled = true, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = at,
            }));
            foreach (var (uscc, grade) in new[] { (B, StoredCreditGrade.Trustworthy), (C, StoredCreditGrade.Warning) })
                ctx.CreditEvaluations.Add(new CreditEvaluationRecord
                {
                    Uscc = uscc, Year = 2024, BaseScore = 100, Score = grade == StoredCreditGrade.Trustworthy ? 100 : 70, Grade = grade, RulesVersion = "credit-rules@test0000",
                    EvaluatedAt = at, EvaluatedBy = "seed",
                });
            await ctx.SaveChangesAsync();
            ctx.InspectorConflicts.Add(new InspectorConflict { UserId = users[2].Id, Uscc = A, DeclaredOn = new DateOnly(2024, 12, 1), Note = "亲属在该企业任职" });
            await ctx.SaveChangesAsync();
            return store;
        }
        finally { Gate.Release(); }
    }

    /// <summary>Enables (or disables again) JB-901 and JB-902, so records can name two enabled inspectors off the draw roster;
    /// JB-903 stays disabled.</summary>
    private static async Task EnableRecordersAsync(SmartEnvStore store, bool on)
    {
        await using var ctx = store.CreateContext();
        foreach (var u in await ctx.Users.Where(u => u.UserName == "insp-901" || u.UserName == "insp-902").ToListAsync()) u.Disabled = !on;
        await ctx.SaveChangesAsync();
    }

    private static async Task Refused(int status, string field, Func<Task> act)
    {
        var e = await Assert.ThrowsAsync<InspectionException>(act);
        Assert.Equal((status, true), (e.Status, e.Message.Contains(field, StringComparison.Ordinal)));
    }

    private static readonly AuditActor Actor19 = new(AuditActorKind.User, "inspection-test-19");

    [Fact]
    public async Task Freeze_refuses_what_a_trial_could_abuse_and_only_the_organiser_commits()
    {
        // Other quarters than the main test's 2025Q1 (one plan per district and quarter), frozen on 2025-01-03.
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 1, 3));
        await using var ctx = store.CreateContext();
        var s = new DrawPlanService(ctx, clock);
        const string OtherHash = "0000000000000000000000000000000000000000000000000000000000000001";
        async Task<int> Status(DrawFreezeRequest r) => (await Assert.ThrowsAsync<InspectionException>(() => s.FreezeAsync(r, Actor))).Status;

        Assert.Equal(400, await Status(new DrawFreezeRequest("../../etc", "500105", "2025Q3", OtherHash)));   // a path as id
        Assert.Equal(400, await Status(new DrawFreezeRequest("SJ-2001Q1", "500105", "2001Q1", OtherHash)));   // ended 2001-03-31
        Assert.Equal(400, await Status(new DrawFreezeRequest("SJ-2024Q4", "500105", "2024Q4", OtherHash)));   // ended 2024-12-31
        Assert.Equal(400, await Status(new DrawFreezeRequest("SJ-2025Q5", "500105", "2025Q5", OtherHash)));
        // Three inspectors per task: A has two eligible (JB-003 declared a conflict with A) → refused at freezing.
        var three = DrawRules.Default.ToRuleSet() with { InspectorsPerTask = 3 };
        var under = await Assert.ThrowsAsync<InspectionException>(() => s.FreezeAsync(new DrawFreezeRequest("SJ-2025Q3", "500105", "2025Q3", OtherHash, three), Actor));
        Assert.Equal(400, under.Status);
        Assert.Contains($"{A} 重庆江北甲化工有限公司: 2", under.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(B, under.Message, StringComparison.Ordinal);

        await s.FreezeAsync(new DrawFreezeRequest("SJ-2025Q3", "500105", "2025Q3", OtherHash), Actor);
        ctx.ChangeTracker.Clear();
        Assert.Equal(409, await Status(new DrawFreezeRequest("SJ-2025Q3b", "500105", "2025Q3", "0000000000000000000000000000000000000000000000000000000000000002")));
        Assert.Equal(409, await Status(new DrawFreezeRequest("SJ-2025Q4", "500105", "2025Q4", OtherHash)));   // hash reused
        // Another enforcement account cannot commit the organiser's plan (he does not hold the secret): 403, nothing stored.
        var other = new AuditActor(AuditActorKind.User, "someone-else");
        Assert.Equal(403, (await Assert.ThrowsAsync<InspectionException>(() => s.CommitAsync("SJ-2025Q3", "00", "x", other))).Status);
        await using var check = store.CreateContext();
        Assert.Equal(StoredDrawPlanStatus.Frozen, (await check.DrawPlans.SingleAsync(p => p.PlanId == "SJ-2025Q3")).Status);
        Assert.False(await check.DrawPlans.AnyAsync(p => p.PlanId == "SJ-2025Q3b" || p.PlanId == "SJ-2025Q4" || p.PlanId == "../../etc"));
    }

    [Fact]
    public async Task Freeze_then_commit_stores_exactly_the_tasks_the_engine_draws_and_a_wrong_secret_stores_nothing()
    {
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 1, 3));
        await using var ctx = store.CreateContext();
        var s = new DrawPlanService(ctx, clock);

        var row = await s.FreezeAsync(new DrawFreezeRequest("SJ-2025Q1", "500105", "2025Q1", Hash), Actor);
        Assert.Equal((StoredDrawPlanStatus.Frozen, new DateOnly(2025, 1, 3), Hash, (string?)null), (row.Status, row.FrozenAt, row.CommitmentHash, row.Secret));
        var frozen = DrawPlanJson.Read(row.DrawPlanJson!);
        // Objects in USCC order; class special > key > general; grades mapped 诚信 → honest, 警示 → warning, none otherwise.
        Assert.Equal([A, B, C, D, E], frozen.Objects.Select(o => o.Id));
        Assert.Equal([ObjectClass.Key, ObjectClass.Key, ObjectClass.General, ObjectClass.Special, ObjectClass.General], frozen.Objects.Select(o => o.Class));
        Assert.Equal([DrawGrade.None, DrawGrade.Honest, DrawGrade.Warning, DrawGrade.None, DrawGrade.None], frozen.Objects.Select(o => o.Grade));
        Assert.Equal([false, false, false, false, true], frozen.Objects.Select(o => o.PositiveList));
        Assert.Equal("上年受处罚", frozen.Objects[3].SpecialReason);
        // No personal data in the plan: inspectors by the pseudonym of their position in certificate order (id and name);
        // the key pseudonym → account, certificate, name is the staff-only draw_plan_inspectors, written with the freeze.
        Assert.Equal(["JC-01", "JC-02", "JC-03"], frozen.Inspectors.Select(i => i.Id));
        Assert.Equal(["JC-01", "JC-02", "JC-03"], frozen.Inspectors.Select(i => i.Name));
        foreach (var secret in new[] { "JB-00", "张一", "李二", "王三", "insp-", "大队" })
            Assert.DoesNotContain(secret, row.DrawPlanJson!, StringComparison.Ordinal);
        await using (var check = store.CreateContext())
        {
            var key = await check.DrawPlanInspectors.Where(k => k.PlanId == row.Id).OrderBy(k => k.Position).ToListAsync();
            Assert.Equal([("JC-01", "JB-001", "张一", "执法一大队", "KS-1"), ("JC-02", "JB-002", "李二", "执法二大队", "KS-2"), ("JC-03", "JB-003", "王三", "执法一大队", "KS-1")],
                key.Select(k => (k.Pseudonym, k.Certificate, k.Name, k.Department, k.DepartmentCode)));
        }
        await using (var pub = store.CreateContext(DataScope.Public))
            Assert.False(await pub.DrawPlanInspectors.AnyAsync());
        // Departments as codes in order of first appearance (执法一大队, 执法二大队, 执法一大队).
        Assert.Equal(["KS-1", "KS-2", "KS-1"], frozen.Inspectors.Select(i => i.Department));
        Assert.Equal([A], frozen.Inspectors[2].Conflicts);
        Assert.Null(frozen.Result);
        Assert.Equal(409, (await Assert.ThrowsAsync<InspectionException>(() => s.FreezeAsync(new DrawFreezeRequest("SJ-2025Q1", "500105", "2025Q1", Hash), Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<InspectionException>(() => s.FreezeAsync(new DrawFreezeRequest("SJ-2025Q9", "500105", "2025Q1", "ABC"), Actor))).Status);

        // A wrong secret (last byte ef → ee) is refused and nothing is stored.
        clock.Now = Bj(2025, 1, 6);
        var wrong = await Assert.ThrowsAsync<InspectionException>(() => s.CommitAsync("SJ-2025Q1", "00112233445566778899aabbccddeeee", "上证指数 2025-01-06 收盘 3206.92", Actor));
        Assert.Equal(400, wrong.Status);
        Assert.Equal(DrawFailure.CommitmentMismatch, Assert.IsType<DrawException>(wrong.InnerException).Reason);
        await using (var check = store.CreateContext())
        {
            var still = await check.DrawPlans.SingleAsync(p => p.PlanId == "SJ-2025Q1");
            Assert.Equal((StoredDrawPlanStatus.Frozen, (string?)null, (string?)null, (string?)null), (still.Status, still.Secret, still.PublicValue, still.ResultJson));
            Assert.False(await check.InspectionTasks.AnyAsync(t => t.PlanId == still.Id));
            Assert.False(await check.AuditEntries.AnyAsync(e => e.Action == "draw.commit" && e.TargetId == "SJ-2025Q1"));
        }

        ctx.ChangeTracker.Clear();
        row = await s.CommitAsync("SJ-2025Q1", Secret, "上证指数 2025-01-06 收盘 3206.92", Actor);
        // Publication due: Monday 2025-01-06 + 20 working days (cn-workdays.tsv, 国办发明电〔2024〕12号): 7–10 Jan (4), 13–17 (9),
        // 20–24 (14), Sunday 26 worked by 调休 (15), 27 (16), 28 Jan–4 Feb 春节 off, 5–7 Feb (19), Saturday 8 Feb worked (20).
        Assert.Equal((StoredDrawPlanStatus.Committed, new DateOnly(2025, 2, 8), false), (row.Status, row.PublishDue, row.PublishDueProvisional));
        var published = DrawPlanJson.Read(row.DrawPlanJson!);
        var expected = DrawEngine.Run(frozen with { Commitment = frozen.Commitment with { Secret = Secret, PublicValue = "上证指数 2025-01-06 收盘 3206.92" } });
        Assert.True(DrawEngine.Verify(published).Ok);

        var tasks = await s.TasksAsync("SJ-2025Q1");
        // The tasks name the real inspectors: JC-0n → JB-00n.
        Assert.Equal(expected.Tasks.Select(t => (t.ObjectId, t.Mode == TaskMode.OffSite ? StoredTaskMode.OffSite : StoredTaskMode.OnSite, string.Join(",", t.InspectorIds).Replace("JC-0", "JB-00", StringComparison.Ordinal))),
            tasks.Select(t => (t.Uscc, t.Mode, string.Join(",", t.Inspectors.Select(i => i.InspectorId)))));
        // By hand (docs/inspections.md counts): key strata honest {B} and none {A}: ceil(1 × 0.25 × max(m, 1)) = 1 each; special {D}:
        // ceil(1 × 1 × 1) = 1; general total min(2, ceil(3 × 10 / 4) = 8) = 2 → C and E. Strata order key, special, general and
        // inside by grade honest, good, warning, bad, none: B, A, D, C, E. E is on the positive list → off-site.
        Assert.Equal([B, A, D, C, E], tasks.Select(t => t.Uscc));
        Assert.Equal([1, 2, 3, 4, 5], tasks.Select(t => t.Seq));
        Assert.Equal(StoredTaskMode.OffSite, tasks[4].Mode);
        Assert.All(tasks, t => Assert.Equal(2, t.Inspectors.Count));
        Assert.DoesNotContain("JB-003", tasks[1].Inspectors.Select(i => i.InspectorId)); // A: JB-003 declared a conflict
        Assert.All(tasks, t => Assert.Equal(StoredInspectionTaskStatus.Pending, t.Status));
        Assert.Equal(409, (await Assert.ThrowsAsync<InspectionException>(() => s.CommitAsync("SJ-2025Q1", Secret, "x", Actor))).Status);

        // Scope: an enterprise sees its own task (and its inspectors) only, never a plan; the public sees none.
        await using (var own = store.CreateContext(DataScope.ForEnterprises([A])))
        {
            Assert.Equal([A], await own.InspectionTasks.Select(t => t.Uscc).ToListAsync());
            Assert.Equal(2, await own.InspectionTaskInspectors.CountAsync());
            Assert.False(await own.DrawPlans.AnyAsync());
        }
        await using (var pub = store.CreateContext(DataScope.Public))
            Assert.False(await pub.InspectionTasks.AnyAsync() || await pub.DrawPlans.AnyAsync() || await pub.InspectorConflicts.AnyAsync());

        row = await s.PublishAsync("SJ-2025Q1", Actor);
        Assert.Equal(StoredDrawPlanStatus.Published, row.Status);
        Assert.Equal(["draw.freeze", "draw.commit", "draw.publish"],
            await ctx.AuditEntries.Where(e => e.TargetType == "draw_plan" && e.TargetId == "SJ-2025Q1").OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task The_last_inspectors_of_an_object_are_frozen_as_the_pseudonyms_of_the_roster_and_others_are_dropped()
    {
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 1, 3));
        await using var ctx = store.CreateContext();
        // Two records of C (the later one counts) and one of D, by certificate; JB-999 is not on the roster. Removed afterwards
        // (the class records only with ids outside the roster otherwise).
        var rows = new[]
        {
            new InspectionRecord { Uscc = C, InspectedAt = Bj(2027, 10, 8).ToUniversalTime(), Inspectors = "JB-001,JB-003", ItemsChecked = "扬尘", RecordedBy = "t", RecordedAt = Bj(2027, 10, 8).ToUniversalTime() },
            new InspectionRecord { Uscc = C, InspectedAt = Bj(2027, 11, 8).ToUniversalTime(), Inspectors = "JB-999, JB-002", ItemsChecked = "扬尘", RecordedBy = "t", RecordedAt = Bj(2027, 11, 8).ToUniversalTime() },
            new InspectionRecord { Uscc = D, InspectedAt = Bj(2027, 11, 9).ToUniversalTime(), Inspectors = "JB-003,JB-001", ItemsChecked = "扬尘", RecordedBy = "t", RecordedAt = Bj(2027, 11, 9).ToUniversalTime() },
        };
        ctx.InspectionRecords.AddRange(rows);
        await ctx.SaveChangesAsync();
        try
        {
            var plan = await new DrawPlanService(ctx, clock).BuildAsync(new DrawFreezeRequest("SJ-2025Q7", "500105", "2025Q1", Hash));
            // Roster in certificate order: JB-001 → JC-01, JB-002 → JC-02, JB-003 → JC-03.
            Assert.Equal(["JC-02"], plan.Objects.Single(o => o.Id == C).LastInspectors);
            Assert.Equal(["JC-03", "JC-01"], plan.Objects.Single(o => o.Id == D).LastInspectors);
            Assert.Empty(plan.Objects.Single(o => o.Id == B).LastInspectors);
            Assert.DoesNotContain("JB-", DrawPlanJson.Write(plan), StringComparison.Ordinal);
        }
        finally
        {
            ctx.InspectionRecords.RemoveRange(rows);
            await ctx.SaveChangesAsync();
        }
    }

    [Fact]
    public void Pseudonyms_have_at_least_two_digits()
    {
        Assert.Equal(["JC-01", "JC-09", "JC-10", "JC-99", "JC-100"], new[] { 1, 9, 10, 99, 100 }.Select(DrawPlanService.Pseudonym));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawPlanService.Pseudonym(0));
    }

    [Fact]
    public async Task A_finding_is_rectified_within_5_working_days_across_National_Day_2025()
    {
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 9, 26, 15));
        await using var ctx = store.CreateContext();
        var s = new InspectionRecordService(ctx, clock);
        await EnableRecordersAsync(store, true);
        try
        {
        var record = await s.RecordAsync(new InspectionInput(null, C, Bj(2025, 9, 26, 9), ["JB-901", "JB-902"], ["危险废物规范化管理", "排污许可执行"],
        [
            new FindingInput("排污许可执行", StoredFindingOutcome.Compliant),
            new FindingInput("危险废物规范化管理", StoredFindingOutcome.Problem, "一般固废与危废混存", "pollution.solid_waste", "贮存间未分区"),
        ], "现场检查", [new AttachmentInput("现场照片1.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xD9])]), Actor);
        var findings = await s.FindingsAsync(record.Id);
        Assert.Equal([StoredFindingOutcome.Compliant, StoredFindingOutcome.Problem], findings.Select(f => f.Outcome));
        var attachment = await ctx.InspectionAttachments.SingleAsync(a => a.RecordId == record.Id);
        Assert.Equal((4, "image/jpeg"), (attachment.Bytes, attachment.ContentType));

        // Issued Friday 2025-09-26, 5 working days (cn-workdays.tsv, 国庆节、中秋节 2025): Saturday 27 off; Sunday 28 worked by 调休
        // (1); Monday 29 (2); Tuesday 30 (3); 1–8 October off; Thursday 9 (4); Friday 10 (5) → due 2025-10-10.
        var order = await s.IssueRectificationAsync(findings[1].Id, new DateOnly(2025, 9, 26), 5, Actor);
        Assert.Equal((new DateOnly(2025, 10, 10), false, 5), (order.DueOn, order.DueProvisional, order.Workdays));
        Assert.Equal(409, (await Assert.ThrowsAsync<InspectionException>(() => s.IssueRectificationAsync(findings[0].Id, new DateOnly(2025, 9, 26), 5, Actor))).Status);
        Assert.Equal(409, (await Assert.ThrowsAsync<InspectionException>(() => s.IssueRectificationAsync(findings[1].Id, new DateOnly(2025, 9, 26), 5, Actor))).Status);
        order = await s.FollowUpAsync(order.Id, new DateOnly(2025, 10, 10), StoredFollowUpResult.Rectified, "已分区贮存", Actor);
        Assert.Equal((new DateOnly(2025, 10, 10), StoredFollowUpResult.Rectified), (order.FollowUpOn, order.FollowUpResult));

        // Refusals: one inspector; a problem without category; a credit item not proved by an inspection finding.
        Assert.Equal(400, (await Assert.ThrowsAsync<InspectionException>(() => s.RecordAsync(new InspectionInput(null, C, Bj(2025, 9, 26), ["JB-901"], ["扬尘"],
            [new FindingInput("扬尘", StoredFindingOutcome.Compliant)]), Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<InspectionException>(() => s.RecordAsync(new InspectionInput(null, C, Bj(2025, 9, 26), ["JB-901", "JB-902"], ["扬尘"],
            [new FindingInput("扬尘", StoredFindingOutcome.Problem)]), Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<InspectionException>(() => s.RecordAsync(new InspectionInput(null, C, Bj(2025, 9, 26), ["JB-901", "JB-902"], ["扬尘"],
            [new FindingInput("扬尘", StoredFindingOutcome.Problem, "未覆盖", "management.penalty")]), Actor))).Status);
        Assert.Equal(["inspection.record", "rectification.issue", "rectification.follow_up"],
            await ctx.AuditEntries.Where(e => e.ActorName == "inspection-test" && (e.TargetType == "inspection_record" || e.TargetType == "rectification_order")).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
        }
        finally { await EnableRecordersAsync(store, false); }
    }

    [Fact]
    public async Task Wrong_inspection_records_and_follow_ups_are_refused_naming_the_field()
    {
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 9, 26, 15));
        await using var ctx = store.CreateContext();
        var s = new InspectionRecordService(ctx, clock);
        InspectionInput Input(IReadOnlyList<string> inspectors, string? uscc = C, DateTimeOffset? at = null, string item = "扬尘", long? task = null) =>
            new(task, uscc, at ?? Bj(2025, 9, 26, 9), inspectors, ["扬尘"], [new FindingInput(item, StoredFindingOutcome.Problem, "未覆盖")]);
        await EnableRecordersAsync(store, true);
        try
        {
            await Refused(400, "inspectors", () => s.RecordAsync(Input(["JB-901", "JB-901"]), Actor19));       // the same inspector twice
            await Refused(400, "inspectors", () => s.RecordAsync(Input(["JB-901", "JB-999"]), Actor19));       // no account holds JB-999
            await Refused(400, "inspectors", () => s.RecordAsync(Input(["JB-901", "JB-903"]), Actor19));       // JB-903's account is disabled
            await Refused(400, "inspected_at", () => s.RecordAsync(Input(["JB-901", "JB-902"], at: Bj(2025, 9, 26, 16)), Actor19)); // an hour after now (15:00)
            await Refused(400, "uscc", () => s.RecordAsync(Input(["JB-901", "JB-902"], uscc: "91500105MA5U0Z9Z9Z"), Actor19));  // not in the registry
            await Refused(400, "findings[0].item", () => s.RecordAsync(Input(["JB-901", "JB-902"], item: "噪声"), Actor19));   // not among items_checked

            // A drawn task of D with JB-001 and JB-002 (a plan made by hand, quarter 2024Q4, so the draw test's plan is untouched).
            var plan = new DrawPlanRecord { PlanId = "SJ-T19", District = "500105", Quarter = "2024Q4", Organiser = "t" };
            ctx.DrawPlans.Add(plan);
            await ctx.SaveChangesAsync();
            var task = new InspectionTask { PlanId = plan.Id, Seq = 1, Uscc = D, Inspectors = [new() { Position = 1, InspectorId = "JB-001" }, new() { Position = 2, InspectorId = "JB-002" }] };
            ctx.InspectionTasks.Add(task);
            await ctx.SaveChangesAsync();
            await Refused(409, "uscc", () => s.RecordAsync(Input(["JB-001", "JB-002"], uscc: C, task: task.Id), Actor19));     // the task is D's
            await Refused(409, "drawn JB-001,JB-002, given JB-901,JB-002", () => s.RecordAsync(Input(["JB-901", "JB-002"], uscc: null, task: task.Id), Actor19));
            Assert.Equal(StoredInspectionTaskStatus.Pending, (await ctx.InspectionTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id)).Status);

            // Orders: the inspection was on Beijing 2025-09-26, so an order issued on the 25th is refused; issued on the 26th with
            // 5 working days it is due 2025-10-10 (worked in the test above): not rectified on 10-09 is early (409), on 10-10 it is taken.
            var record = await s.RecordAsync(Input(["JB-901", "JB-902"]), Actor19);
            var finding = (await s.FindingsAsync(record.Id)).Single();
            await Refused(400, "issued_on", () => s.IssueRectificationAsync(finding.Id, new DateOnly(2025, 9, 25), 5, Actor19));
            var order = await s.IssueRectificationAsync(finding.Id, new DateOnly(2025, 9, 26), 5, Actor19);
            Assert.Equal(new DateOnly(2025, 10, 10), order.DueOn);
            await Refused(409, "not_rectified", () => s.FollowUpAsync(order.Id, new DateOnly(2025, 10, 9), StoredFollowUpResult.NotRectified, null, Actor19));
            order = await s.FollowUpAsync(order.Id, new DateOnly(2025, 10, 10), StoredFollowUpResult.NotRectified, null, Actor19);
            Assert.Equal(StoredFollowUpResult.NotRectified, order.FollowUpResult);
        }
        finally { await EnableRecordersAsync(store, false); }
    }

    [Fact]
    public async Task Enforcement_cases_need_a_registered_party_that_never_changes_and_a_status_that_only_moves_forward()
    {
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 3, 3));
        await using var ctx = store.CreateContext();
        var s = new EnforcementCaseService(ctx, clock);
        const string No = "江北环罚〔2025〕19号";
        var input = new EnforcementCaseInput(No, D, "《排污许可管理条例》第三十四条", StoredPenaltyType.Fine, 200000.00m,
            new DateOnly(2025, 2, 10), null, null, null, null);
        await Refused(400, "uscc", () => s.CreateAsync(input with { Uscc = "91500105MA5U0Z9Z9Z" }, Actor19));            // not in the registry
        await Refused(400, "filed_on", () => s.CreateAsync(input with { FiledOn = new DateOnly(2025, 3, 4) }, Actor19));  // tomorrow (today is 2025-03-03)
        await Refused(400, "notified_on", () => s.CreateAsync(input with { Status = StoredEnforcementStatus.Notified }, Actor19));
        await Refused(400, "executed_on", () => s.CreateAsync(input with { NotifiedOn = new DateOnly(2025, 2, 20), DecidedOn = new DateOnly(2025, 3, 1), Status = StoredEnforcementStatus.Closed }, Actor19));
        var c = await s.CreateAsync(input, Actor19);                                                                      // no status: filed
        Assert.Equal((StoredEnforcementStatus.Filed, 1), (c.Status, c.Version));

        var decided = input with { NotifiedOn = new DateOnly(2025, 2, 20), DecidedOn = new DateOnly(2025, 3, 3), Status = StoredEnforcementStatus.Decided };
        await Refused(409, "uscc", () => s.UpdateAsync(decided with { Uscc = E }, Actor19));
        await Refused(409, "case_number", () => s.UpdateAsync(No, decided with { CaseNumber = "江北环罚〔2025〕20号" }, Actor19));
        await Refused(400, "decided_on", () => s.UpdateAsync(decided with { DecidedOn = new DateOnly(2025, 3, 4) }, Actor19));
        c = await s.UpdateAsync(decided, Actor19);
        Assert.Equal((StoredEnforcementStatus.Decided, 2), (c.Status, c.Version));
        await Refused(409, "status", () => s.UpdateAsync(decided with { Status = StoredEnforcementStatus.Notified }, Actor19)); // back
        c = await s.UpdateAsync(decided with { Status = null }, Actor19);                                                  // no status: kept
        Assert.Equal((StoredEnforcementStatus.Decided, 3), (c.Status, c.Version));
        c = await s.UpdateAsync(decided with { Status = StoredEnforcementStatus.Revoked }, Actor19);
        Assert.Equal((StoredEnforcementStatus.Revoked, 4), (c.Status, c.Version));
        await Refused(409, "status", () => s.UpdateAsync(decided, Actor19));                                              // revoked is final
    }

    [Fact]
    public async Task An_enforcement_case_number_is_unique_and_updates_check_the_version()
    {
        var store = await SeedAsync();
        var clock = new Clock(Bj(2025, 3, 3));
        await using var ctx = store.CreateContext();
        var s = new EnforcementCaseService(ctx, clock);
        var input = new EnforcementCaseInput("江北环罚〔2025〕1号", A, "《排污许可管理条例》第三十四条", StoredPenaltyType.Fine, 200000.00m,
            new DateOnly(2025, 2, 10), new DateOnly(2025, 2, 20), null, null, StoredEnforcementStatus.Notified);
        var c = await s.CreateAsync(input, Actor);
        Assert.Equal((1, "management.penalty", 200000.00m), (c.Version, c.CreditItemCode, c.Amount));
        Assert.Equal(409, (await Assert.ThrowsAsync<InspectionException>(() => s.CreateAsync(input with { Uscc = B }, Actor))).Status);
        Assert.Equal(1, await ctx.EnforcementCases.CountAsync(x => x.CaseNumber == "江北环罚〔2025〕1号"));

        // The unique index holds even past the service (a second row with the same number cannot be saved).
        await using (var raw = store.CreateContext())
        {
            raw.EnforcementCases.Add(new EnforcementCase
            {
                CaseNumber = "江北环罚〔2025〕1号", Uscc = B, LegalBasis = "x", CreditItemCode = "management.penalty", CreatedBy = "t", FiledOn = new DateOnly(2025, 2, 1),
            });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => raw.SaveChangesAsync());
        }

        c = await s.UpdateAsync(input with { DecidedOn = new DateOnly(2025, 3, 3), Status = StoredEnforcementStatus.Decided, Version = 1 }, Actor);
        Assert.Equal((2, StoredEnforcementStatus.Decided, (DateOnly?)new DateOnly(2025, 3, 3)), (c.Version, c.Status, c.DecidedOn));
        Assert.Equal(409, (await Assert.ThrowsAsync<InspectionException>(() => s.UpdateAsync(input with { Version = 1 }, Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<InspectionException>(() => s.UpdateAsync(input with { Status = StoredEnforcementStatus.Decided, Version = 2 }, Actor))).Status); // no decision day
        Assert.Equal(400, (await Assert.ThrowsAsync<InspectionException>(() => s.CreateAsync(input with { CaseNumber = "江北环罚〔2025〕2号", NotifiedOn = new DateOnly(2025, 2, 1) }, Actor))).Status); // 告知 before 立案
        Assert.Equal(["enforcement.create", "enforcement.update"],
            await ctx.AuditEntries.Where(e => e.TargetType == "enforcement_case" && e.TargetId == "江北环罚〔2025〕1号").OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
    }
}

public sealed class SqliteInspectionsServiceTests(SqliteTestDatabase db) : InspectionsServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresInspectionsServiceTests(PostgresTestDatabase db) : InspectionsServiceTests<PostgresTestDatabase>(db);
