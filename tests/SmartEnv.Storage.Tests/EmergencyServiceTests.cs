using Microsoft.EntityFrameworkCore;
using SmartEnv.Emergency;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="EmergencyService"/> (issue 20) on both engines: a plan signed 2024-09-20 through filing (dues counted by hand
/// on cn-workdays.tsv), the scope (enterprise B never sees A's plan), risk units with a checked expression, events with
/// their level and reporting clock, every change audited. Each test uses its own enterprises (the database is shared).
/// </summary>
public abstract class EmergencyServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "emergency-test");

    private static UploadedFile File(string name) => new(name + ".pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46, 1, 2, 3]); // "%PDF" + bytes: the filing set is type-checked (FilingDocumentTypes)

    private static async Task<SmartEnvStore> SetUpAsync(TDb db, DateTimeOffset now, params string[] usccs)
    {
        var (store, _) = await db.MigratedAsync();
        await using var ctx = store.CreateContext();
        foreach (var u in usccs)
            if (!await ctx.Enterprises.AnyAsync(e => e.Uscc == u))
                ctx.Enterprises.Add(new Enterprise { Uscc = u, Name = "企业" + u[^4..], CreatedAt = now });
        await ctx.SaveChangesAsync();
        return store;
    }

    [Fact]
    public async Task A_plan_signed_2024_09_20_is_due_2024_10_23_filed_and_published_and_B_never_sees_it()
    {
        const string A = "91500105MA5U0EA001", B = "91500105MA5U0EB002";
        var clock = new Clock(Bj(2024, 9, 30));
        var store = await SetUpAsync(db, clock.Now, A, B);
        long planId;
        await using (var own = store.CreateContext(DataScope.ForEnterprises([A])))
        {
            var s = new EmergencyService(own, clock);
            var plan = await s.CreatePlanAsync(A, "突发环境事件应急预案", "2024版", new DateOnly(2024, 9, 20), Actor);
            planId = plan.Id;
            // Hand count (cn-workdays.tsv, 2024 notice): 09-20 day 0; 23–27 = 1–5, Sun 09-29 worked 6, 09-30 7, 10-01…07 holiday,
            // 10-08…11 = 8–11, Sat 10-12 worked 12, 10-14…18 = 13–17, 10-21 18, 10-22 19, 10-23 20.
            Assert.Equal(new DateOnly(2024, 10, 23), plan.FilingDue);
            Assert.Equal(new DateOnly(2027, 9, 20), plan.ReviewDue);
            var ex = await Assert.ThrowsAsync<EmergencyException>(() => s.SubmitPlanAsync(planId, Actor));
            Assert.Equal(409, ex.Status);
            Assert.Contains("filing_form", ex.Message);
            foreach (var doc in EmergencyRules.Default.FilingDocuments) await s.AttachAsync(planId, doc, File(doc), Actor);
            var submitted = await s.SubmitPlanAsync(planId, Actor); // Mon 2024-09-30
            // 5 working days from 09-30: 10-08 1, 10-09 2, 10-10 3, 10-11 4, Sat 10-12 worked 5
            Assert.Equal(new DateOnly(2024, 10, 12), submitted.CheckDue);
            // the enterprise cannot reach B
            Assert.Equal(404, (await Assert.ThrowsAsync<EmergencyException>(() => s.CreatePlanAsync(B, "x", "1", new DateOnly(2024, 9, 1), Actor))).Status);
        }
        await using (var other = store.CreateContext(DataScope.ForEnterprises([B])))
        {
            var s = new EmergencyService(other, clock);
            Assert.Null(await s.PlanAsync(planId));
            Assert.Empty(await s.PlansAsync(A));
            Assert.Null(await s.AttachmentAsync(planId, "plan"));
            Assert.Equal(404, (await Assert.ThrowsAsync<EmergencyException>(() => s.SubmitPlanAsync(planId, Actor))).Status);
        }
        await using (var pub = store.CreateContext(DataScope.Public))
            Assert.Empty(await new EmergencyService(pub, clock).PlansAsync());
        clock.Now = Bj(2024, 10, 14);
        await using (var staff = store.CreateContext())
        {
            var s = new EmergencyService(staff, clock);
            var row = (await s.PlansAsync(A)).Single();
            Assert.True(row.Status.CheckOverdue); // 10-14 is after the check due 10-12
            var bad = await Assert.ThrowsAsync<EmergencyException>(() => s.CheckPlanAsync(planId, false, null, new DateOnly(2024, 10, 14), "缺评审意见", Actor));
            Assert.Equal(400, bad.Status); // refile date must be after today
            await s.CheckPlanAsync(planId, true, "500105-2024-001-L", null, null, Actor);
            Assert.Contains(await s.PublicFilingsAsync(), p => p == new PublicFiling("企业A001", A, "500105-2024-001-L", new DateOnly(2024, 10, 14)));
            var actions = await staff.AuditEntries.Where(e => e.TargetType == EmergencyService.TargetPlan && e.TargetId == planId.ToString()).Select(e => e.Action).ToListAsync();
            Assert.Equal(["emergency.plan.create", "emergency.plan.attach", "emergency.plan.attach", "emergency.plan.attach", "emergency.plan.attach", "emergency.plan.attach",
                "emergency.plan.submit", "emergency.plan.file"], actions);
        }
    }

    [Fact]
    public async Task Returned_plan_is_refiled_and_review_due_is_listed()
    {
        const string C = "91500105MA5U0EC003";
        var clock = new Clock(Bj(2024, 9, 30));
        var store = await SetUpAsync(db, clock.Now, C);
        await using var ctx = store.CreateContext();
        var s = new EmergencyService(ctx, clock);
        var plan = await s.CreatePlanAsync(C, "预案", "2024版", new DateOnly(2024, 9, 20), Actor);
        foreach (var doc in EmergencyRules.Default.FilingDocuments) await s.AttachAsync(plan.Id, doc, File(doc), Actor);
        await s.SubmitPlanAsync(plan.Id, Actor);
        await s.CheckPlanAsync(plan.Id, false, null, new DateOnly(2024, 10, 31), "评审意见未签字", Actor);
        Assert.Equal("returned", (await s.PlanAsync(plan.Id))!.State);
        await s.AttachAsync(plan.Id, "review_opinion", File("review2"), Actor);
        clock.Now = Bj(2024, 11, 1);
        Assert.True((await s.PlansAsync(C)).Single().Status.RefileOverdue); // 11-01 after 10-31
        await s.SubmitPlanAsync(plan.Id, Actor);
        await s.CheckPlanAsync(plan.Id, true, "500105-2024-002-L", null, null, Actor);
        clock.Now = Bj(2027, 6, 22); // 90 days before 2027-09-20 (8 + 31 + 31 + 20)
        Assert.True((await s.PlansAsync(C)).Single().Status.ReviewDueSoon);
        clock.Now = Bj(2027, 9, 21);
        Assert.True((await s.PlansAsync(C)).Single().Status.ReviewOverdue);
    }

    [Fact]
    public async Task Risk_units_keep_the_checked_expression_and_count_toward_the_filing_rate()
    {
        const string D = "91500105MA5U0ED004", E = "91500105MA5U0EE005";
        var clock = new Clock(Bj(2025, 3, 3));
        var store = await SetUpAsync(db, clock.Now, D, E);
        await using var ctx = store.CreateContext();
        var s = new EmergencyService(ctx, clock);
        var before = await s.FilingRateAsync();
        var bad = await Assert.ThrowsAsync<EmergencyException>(() => s.SaveUnitAsync(null,
            new RiskUnitInput(D, "储罐区", "一般[较大-大气(Q1-M2-E1)]", new DateOnly(2025, 1, 10), true, []), Actor));
        Assert.Contains("position 0", bad.Message);
        var casBad = await Assert.ThrowsAsync<EmergencyException>(() => s.SaveUnitAsync(null,
            new RiskUnitInput(D, "储罐区", "较大[较大-大气(Q1-M2-E1)]", new DateOnly(2025, 1, 10), true, [new("盐酸", "7647-01-1", 5m, 7.5m)]), Actor));
        Assert.Contains("CAS", casBad.Message);
        // 7647-01-0 (hydrogen chloride): 7×6 + 6×5 + 4×4 + 7×3 + 0×2 + 1×1 = 42+30+16+21+0+1 = 110 → check digit 0
        var unit = await s.SaveUnitAsync(null, new RiskUnitInput(D, "储罐区", "较大[较大-大气(Q1-M2-E1)+一般-水(Q0)]", new DateOnly(2025, 1, 10), true,
            [new("盐酸", "7647-01-0", 5m, 7.5m)]), Actor);
        Assert.Equal("较大", unit.Level);
        await s.SaveUnitAsync(null, new RiskUnitInput(E, "仓库", "一般[一般-水(Q0)]", new DateOnly(2025, 1, 10), true, []), Actor);
        var after = await s.FilingRateAsync();
        Assert.Equal(before.KeyEnterprises + 2, after.KeyEnterprises);
        Assert.Equal(before.Filed, after.Filed); // neither has a filed plan
        await using var other = store.CreateContext(DataScope.ForEnterprises([E]));
        Assert.DoesNotContain(await new EmergencyService(other, clock).UnitsAsync(), u => u.Uscc == D);
    }

    [Fact]
    public async Task Events_carry_level_deciding_criterion_and_clock_and_are_staff_only()
    {
        const string F = "91500105MA5U0EF006";
        var clock = new Clock(Bj(2025, 6, 3, 9, 30));
        var store = await SetUpAsync(db, clock.Now, F);
        await using var ctx = store.CreateContext();
        var s = new EmergencyService(ctx, clock);
        // level unclear (no criterion known) but a drinking-water source is affected: reported as 重大 within 2 h of 09:00
        var e = await s.RecordEventAsync(new EventInput("化工厂泄漏", F, Bj(2025, 6, 3, 8, 40), Bj(2025, 6, 3, 9, 0), new EventCriteria(), ["drinking_water"]), Actor);
        Assert.Null(e.Level);
        Assert.Equal(("major", "unclear.drinking_water"), (e.ReportAs, e.DeadlineReason));
        Assert.Equal(Bj(2025, 6, 3, 11, 0), e.ReportDue);
        var v = (await s.EventAsync(e.Id))!;
        Assert.Equal(TimeSpan.FromMinutes(90), v.Clock.Remaining); // 09:30 → 11:00
        Assert.Equal(409, (await Assert.ThrowsAsync<EmergencyException>(() => s.FileReportAsync(e.Id, EventReportKind.Final, "结果", Actor))).Status);
        clock.Now = Bj(2025, 6, 3, 11, 5);
        await s.FileReportAsync(e.Id, EventReportKind.Initial, "初报内容", Actor);
        v = (await s.EventAsync(e.Id))!;
        Assert.True(v.Clock.Overdue); // filed 5 minutes late
        await s.FileReportAsync(e.Id, EventReportKind.Continued, "续报", Actor);
        await s.FileReportAsync(e.Id, EventReportKind.Final, "处理结果", Actor);
        v = (await s.EventAsync(e.Id))!;
        Assert.Equal("closed", v.Event.ReportState);
        Assert.Equal(["initial", "continued", "final"], v.Reports.Select(r => r.Kind));
        // levelled by evacuation 12,000 (重大) over 2 deaths (一般): decided by evacuated
        var e2 = await s.RecordEventAsync(new EventInput("疏散", null, Bj(2025, 6, 3, 10), Bj(2025, 6, 3, 10), new EventCriteria(Deaths: 2, Evacuated: 12_000), []), Actor);
        Assert.Equal(("major", "evacuated.major"), (e2.Level, e2.DecisiveRule));
        await using var own = store.CreateContext(DataScope.ForEnterprises([F]));
        Assert.Empty(await new EmergencyService(own, clock).EventsAsync());
    }
}

public sealed class SqliteEmergencyServiceTests(SqliteTestDatabase db) : EmergencyServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresEmergencyServiceTests(PostgresTestDatabase db) : EmergencyServiceTests<PostgresTestDatabase>(db);
