using Microsoft.EntityFrameworkCore;
using SmartEnv.Credit;
using SmartEnv.Inspections.Enforcement;
using SmartEnv.Inspections.Records;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="CreditService"/> (issue 19 P4) on both engines: the annual evaluation from the evidence in the store, the
/// audited staff adjustment, an event-driven downgrade and the repair workflow. Each test uses its own enterprise (the
/// database is shared by the class). Points are those of the embedded credit-rules.tsv starting table (all [U]):
/// management.penalty 5 per decision (cap 15), pollution.solid_waste 1 per finding (cap 5); base 100; bands 诚信 ≥ 100,
/// 良好 ≥ 80, 警示 ≥ 60, 不良 below; scores never rounded. Every expected value is worked by hand in the comments.
/// </summary>
public abstract class CreditServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "credit-test");

    private const string A = "91500105MA5U0A1661", B = "91500105MA5U0B169H", C = "91500105MA5U0C1C03", D = "91500105MA5U0D1D1E", E = "91500105MA5U0R1R4T";

    private static EnforcementCaseInput Case(string number, DateOnly filed, DateOnly? decided, StoredEnforcementStatus status) =>
        new(number, A, "《排污许可管理条例》第三十六条", StoredPenaltyType.Fine, 20000m, filed, decided is null ? null : filed.AddDays(5), decided,
            status is StoredEnforcementStatus.Executed or StoredEnforcementStatus.Closed ? decided!.Value.AddDays(10) : null, status);

    [Fact]
    public async Task Two_penalties_and_one_finding_score_89_良好_and_an_adjustment_of_minus_9_5_gives_79_5_警示_with_an_audit_row()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2025, 12, 1));
        await using var ctx = store.CreateContext();
        // The services take only a registered party and enabled inspectors (issue 19): A and JB-001/JB-002 first.
        ctx.Enterprises.Add(new SmartEnv.Storage.Entities.Enterprise { Uscc = A, Name = "重庆江北甲化工有限公司", CreatedAt = clock.Now });
        foreach (var (name, cert) in new[] { ("credit-insp-1", "JB-001"), ("credit-insp-2", "JB-002") })
            ctx.Users.Add(new SmartEnv.Storage.Accounts.SmartEnvUser
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), EnforcementCertificate = cert, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = clock.Now,
            });
        await ctx.SaveChangesAsync();
        var cases = new EnforcementCaseService(ctx, clock);
        await cases.CreateAsync(Case("江北环罚〔2025〕3号", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 10), StoredEnforcementStatus.Decided), Actor);
        await cases.CreateAsync(Case("江北环罚〔2025〕7号", new DateOnly(2025, 5, 20), new DateOnly(2025, 6, 2), StoredEnforcementStatus.Executed), Actor);
        await cases.CreateAsync(Case("江北环罚〔2024〕9号", new DateOnly(2024, 12, 1), new DateOnly(2024, 12, 20), StoredEnforcementStatus.Closed), Actor); // 2024: not counted
        await cases.CreateAsync(Case("江北环罚〔2025〕11号", new DateOnly(2025, 8, 1), null, StoredEnforcementStatus.Filed), Actor); // not decided: not counted
        var records = new InspectionRecordService(ctx, clock);
        var record = await records.RecordAsync(new InspectionInput(null, A, Bj(2025, 5, 12), ["JB-001", "JB-002"], ["一般工业固体废物管理", "扬尘"],
        [
            new FindingInput("扬尘", StoredFindingOutcome.Compliant),
            new FindingInput("一般工业固体废物管理", StoredFindingOutcome.Problem, "台账不全", "pollution.solid_waste"),
        ]), Actor);
        var problem = (await records.FindingsAsync(record.Id))[1];

        var s = new CreditService(ctx, clock);
        var e = await s.EvaluateAsync(A, 2025, Actor);
        // 100 − 1 (one solid-waste finding × 1) − 10 (two penalties × 5, under the cap 15) = 89 → 良好 (80 ≤ 89 < 100).
        Assert.Equal((100m, 11m, 0m, 89m, StoredCreditGrade.Good, false), (e.Evaluation.BaseScore, e.Evaluation.DeductionTotal, e.Evaluation.AdjustmentTotal, e.Evaluation.Score, e.Evaluation.Grade, e.Evaluation.Vetoed));
        Assert.Equal(CreditRules.Default.Version, e.Evaluation.RulesVersion);
        var stored = (await s.LatestAsync(A, 2025))!;
        Assert.Equal(e.Evaluation.Id, stored.Evaluation.Id);
        // Lines in table order (pollution.* rows come before management.*), each with its evidence records.
        Assert.Equal([("pollution.solid_waste", 1, 1m), ("management.penalty", 2, 10m)], stored.Lines.Select(l => (l.ItemCode, l.Occurrences, l.Points)));
        Assert.Equal([("F" + problem.Id, StoredCreditEvidenceKind.InspectionFinding)], stored.Lines[0].Evidence.Select(x => (x.RecordId, x.Kind)));
        Assert.Equal([("江北环罚〔2025〕3号", StoredCreditEvidenceKind.Penalty), ("江北环罚〔2025〕7号", StoredCreditEvidenceKind.Penalty)], stored.Lines[1].Evidence.Select(x => (x.RecordId, x.Kind)));

        // Staff adjustment −9.5: 89 − 9.5 = 79.5 → 警示 (79.5 < 80, not rounded up).
        clock.Now = Bj(2025, 12, 2);
        var adjusted = await s.AdjustAsync(A, 2025, -9.5m, "媒体曝光后核实整改不力", Actor);
        Assert.Equal((79.5m, -9.5m, StoredCreditGrade.Warning), (adjusted.Evaluation.Score, adjusted.Evaluation.AdjustmentTotal, adjusted.Evaluation.Grade));
        Assert.NotEqual(e.Evaluation.Id, adjusted.Evaluation.Id); // a new row; the first is kept
        Assert.Equal(2, await ctx.CreditEvaluations.CountAsync(x => x.Uscc == A && x.Year == 2025));
        var adj = await ctx.CreditAdjustments.SingleAsync(x => x.Uscc == A);
        Assert.Equal((-9.5m, "媒体曝光后核实整改不力", "credit-test"), (adj.Delta, adj.Reason, adj.StaffId));
        var audit = await ctx.AuditEntries.SingleAsync(x => x.Action == "credit.adjust" && x.TargetId == A + "/2025");
        Assert.Equal(("credit", "媒体曝光后核实整改不力"), (audit.TargetType, audit.Reason));
        Assert.Contains("89", audit.Before);
        Assert.Contains("79.5", audit.After);

        // Scope: the enterprise sees its own evaluations, lines and evidence; another enterprise and the public see none.
        await using (var own = store.CreateContext(DataScope.ForEnterprises([A])))
            Assert.Equal((2, 4, 6), (await own.CreditEvaluations.CountAsync(), await own.CreditEvaluationLines.CountAsync(), await own.CreditEvidence.CountAsync()));
        await using (var other = store.CreateContext(DataScope.ForEnterprises([D])))
            Assert.False(await other.CreditEvaluations.AnyAsync(x => x.Uscc == A) || await other.CreditEvaluationLines.AnyAsync() || await other.CreditEvidence.AnyAsync() || await other.CreditAdjustments.AnyAsync());
        await using (var pub = store.CreateContext(DataScope.Public))
            Assert.False(await pub.CreditEvaluations.AnyAsync() || await pub.CreditAdjustments.AnyAsync());

        // Off the half-point grid or without a reason: refused, nothing stored.
        Assert.Equal(400, (await Assert.ThrowsAsync<CreditException>(() => s.AdjustAsync(A, 2025, 0.3m, "x", Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<CreditException>(() => s.AdjustAsync(A, 2025, 1m, " ", Actor))).Status);
        Assert.Equal(1, await ctx.CreditAdjustments.CountAsync(x => x.Uscc == A));
        Assert.Equal(2, await ctx.CreditEvaluations.CountAsync(x => x.Uscc == A && x.Year == 2025));
    }

    [Fact]
    public async Task A_general_emergency_lowers_诚信_one_grade_to_良好()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2025, 12, 1));
        await using var ctx = store.CreateContext();
        var s = new CreditService(ctx, clock);
        var e = await s.EvaluateAsync(B, 2025, Actor);
        Assert.Equal((100m, StoredCreditGrade.Trustworthy), (e.Evaluation.Score, e.Evaluation.Grade)); // no evidence: 100 → 诚信 (≥ 100)
        Assert.Empty(e.Lines);
        clock.Now = Bj(2025, 12, 5);
        var ev = await s.RecordGradeEventAsync(B, "event.emergency.general", new DateOnly(2025, 12, 4), "TF-2025-001", Actor);
        Assert.Equal((StoredCreditGrade.Trustworthy, StoredCreditGrade.Good), (ev.FromGrade, ev.ToGrade)); // one step down
        Assert.Equal(StoredCreditGrade.Good, await s.CurrentGradeAsync(B));
        Assert.Equal(409, (await Assert.ThrowsAsync<CreditException>(() => s.RecordGradeEventAsync(C, "event.emergency.general", new DateOnly(2025, 12, 4), "TF-2025-002", Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<CreditException>(() => s.RecordGradeEventAsync(B, "event.unknown", new DateOnly(2025, 12, 4), "TF-2025-003", Actor))).Status);
        Assert.Single(await ctx.AuditEntries.Where(x => x.Action == "credit.grade_event" && x.TargetId == B).ToListAsync());
    }

    [Fact]
    public async Task A_repair_applied_after_the_shortest_period_and_approved_keeps_its_history()
    {
        var (store, _) = await db.MigratedAsync();
        // 一般 information published 2025-01-10: shortest 3 months ends 2025-04-10 (same day number three months on), so the
        // earliest application day is 2025-04-11; the 10th is refused.
        var clock = new Clock(Bj(2025, 4, 10));
        await using var ctx = store.CreateContext();
        var s = new CreditService(ctx, clock);
        Assert.Equal(409, (await Assert.ThrowsAsync<CreditException>(() => s.ApplyRepairAsync(D, "江北环罚〔2025〕2号", StoredCreditInfoSeverity.General, new DateOnly(2025, 1, 10), "已缴纳罚款并完成整改", Actor))).Status);
        Assert.False(await ctx.CreditRepairApplications.AnyAsync(a => a.Uscc == D));

        clock.Now = Bj(2025, 4, 11);
        var app = await s.ApplyRepairAsync(D, "江北环罚〔2025〕2号", StoredCreditInfoSeverity.General, new DateOnly(2025, 1, 10), "已缴纳罚款并完成整改", Actor);
        Assert.Equal((StoredCreditRepairState.Applied, new DateOnly(2025, 4, 11)), (app.State, app.AppliedOn));
        clock.Now = Bj(2025, 4, 14);
        app = await s.FireRepairAsync(app.Id, CreditRepairTrigger.StartReview, null, Actor);
        clock.Now = Bj(2025, 4, 18);
        app = await s.FireRepairAsync(app.Id, CreditRepairTrigger.Approve, "整改到位", Actor);
        Assert.Equal((StoredCreditRepairState.Approved, "credit-test", (DateOnly?)new DateOnly(2025, 4, 18), "整改到位"), (app.State, app.Reviewer, app.DecidedOn, app.DecisionNote));
        Assert.Equal(409, (await Assert.ThrowsAsync<CreditException>(() => s.FireRepairAsync(app.Id, CreditRepairTrigger.Reject, null, Actor))).Status); // approved is final

        var history = await s.RepairHistoryAsync(app.Id);
        Assert.Equal(
            [("apply", (StoredCreditRepairState?)null, StoredCreditRepairState.Applied), ("start_review", StoredCreditRepairState.Applied, StoredCreditRepairState.UnderReview),
             ("approve", StoredCreditRepairState.UnderReview, StoredCreditRepairState.Approved)],
            history.Select(h => (h.Trigger, h.FromState, h.ToState)));
        Assert.Equal([Bj(2025, 4, 11).ToUniversalTime(), Bj(2025, 4, 14).ToUniversalTime(), Bj(2025, 4, 18).ToUniversalTime()], history.Select(h => h.At.ToUniversalTime()));
        Assert.Equal(["credit.repair.apply", "credit.repair.start_review", "credit.repair.approve"],
            await ctx.AuditEntries.Where(x => x.TargetType == "credit_repair" && x.TargetId == app.Id.ToString()).OrderBy(x => x.Seq).Select(x => x.Action).ToListAsync());
    }

    [Fact]
    public async Task Exceedance_hours_count_once_per_outlet_pollutant_and_Beijing_day_unless_explained()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2025, 12, 1));
        await using var ctx = store.CreateContext();
        ctx.Enterprises.Add(new SmartEnv.Storage.Entities.Enterprise { Uscc = E, Name = "重庆江北戊食品有限公司", CreatedAt = clock.Now });
        var site = new SmartEnv.Storage.Entities.Site { Code = "CREDIT-TEST-DA001", NameZh = "戊公司废气排口", Kind = SmartEnv.Storage.Entities.SiteKind.Source, EnterpriseUscc = E, IsPublic = false };
        ctx.Sites.Add(site);
        await ctx.SaveChangesAsync();
        var ids = new List<long>();
        foreach (var (p, at, explained) in new[]
        {
            ("a21026", Bj(2025, 7, 1, 9), false), ("a21026", Bj(2025, 7, 1, 10), false), ("a21026", Bj(2025, 7, 1, 23), false), // one day: 1
            ("a21026", Bj(2025, 7, 2, 0), false),   // 2025-07-01T16:00Z, but Beijing day 07-02: 1 more
            ("a21002", Bj(2025, 7, 1, 10), false),  // another pollutant, same day: 1 more
            ("a21026", Bj(2025, 7, 3, 10), true),   // covered by an accepted 异常说明: not counted
            ("a21026", Bj(2024, 12, 31, 23), false), // 2024: not counted
            ("a21026", Bj(2025, 1, 1, 0), false),   // 2024-12-31T16:00Z, Beijing 2025-01-01: 1 more
        })
        {
            var row = new SmartEnv.Storage.Entities.Sources.SourceExceedance
            {
                SiteId = site.Id, ParameterCode = p, HourStart = at.ToUniversalTime(), Value = 60, Limit = 50, Multiple = 0.2m, ExplanationId = explained ? 999 : null, RuleVersion = "test",
            };
            ctx.SourceExceedances.Add(row);
            await ctx.SaveChangesAsync();
            ids.Add(row.Id);
        }
        var s = new CreditService(ctx, clock);
        var e = await s.EvaluateAsync(E, 2025, Actor);
        // 4 outlet-pollutant-days × 1 point (cap 15) = 4: 100 − 4 = 96 → 良好.
        Assert.Equal((96m, StoredCreditGrade.Good), (e.Evaluation.Score, e.Evaluation.Grade));
        var line = Assert.Single(e.Lines);
        Assert.Equal(("pollution.exceedance", 4, 4m), (line.ItemCode, line.Occurrences, line.Points));
        // Evidence: the first hour of each day group, in id order (rows 0, 3, 4, 7 of the list above).
        Assert.Equal([("X" + ids[0], StoredCreditEvidenceKind.Exceedance), ("X" + ids[3], StoredCreditEvidenceKind.Exceedance), ("X" + ids[4], StoredCreditEvidenceKind.Exceedance),
            ("X" + ids[7], StoredCreditEvidenceKind.Exceedance)], line.Evidence.Select(x => (x.RecordId, x.Kind)));
    }

    [Fact]
    public void The_storage_twins_have_the_member_names_of_the_rule_enums()
    {
        Assert.Equal(Enum.GetNames<CreditGrade>(), Enum.GetNames<StoredCreditGrade>());
        Assert.Equal(Enum.GetNames<CreditItemKind>(), Enum.GetNames<StoredCreditItemKind>());
        Assert.Equal(Enum.GetNames<CreditEvidenceKind>(), Enum.GetNames<StoredCreditEvidenceKind>());
        Assert.Equal(Enum.GetNames<CreditInfoSeverity>(), Enum.GetNames<StoredCreditInfoSeverity>());
        Assert.Equal(Enum.GetNames<CreditRepairState>(), Enum.GetNames<StoredCreditRepairState>());
    }
}

public sealed class SqliteCreditServiceTests(SqliteTestDatabase db) : CreditServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresCreditServiceTests(PostgresTestDatabase db) : CreditServiceTests<PostgresTestDatabase>(db);
