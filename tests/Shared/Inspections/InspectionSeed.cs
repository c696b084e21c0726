using Microsoft.EntityFrameworkCore;
using SmartEnv.Inspections.Records;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Tests;

/// <summary>
/// Issue 19 page fixture over <see cref="SourceSeed"/>'s enterprises A and B: two inspectors (accounts with a name, an
/// enforcement certificate and a department, strings found nowhere else), a published plan <see cref="PlanId"/> with task 1
/// (A, 现场) and task 2 (B, 非现场), both inspected by the two — A: <see cref="ItemA"/> with a problem (category
/// <see cref="CategoryA"/>, rectification due in 10 working days), B: <see cref="ItemB"/> compliant — recorded by
/// <see cref="InspectorNameA"/>; a fine case <see cref="CaseB"/> against B; credit evaluations for 2025: A 100 (环保诚信,
/// red list), B 55 (环保不良, black list) with a penalty line citing <see cref="CaseB"/>.
/// </summary>
public static class InspectionSeed
{
    /// <summary>The plan.</summary>
    public const string PlanId = "SJ-2026Q4";
    /// <summary>Inspector names and certificate numbers (must never appear on a public page).</summary>
    public const string InspectorNameA = "执法员周甲某", InspectorNameB = "执法员吴乙某", CertA = "JBZF19000071", CertB = "JBZF19000072";
    /// <summary>A's item and problem category, B's item.</summary>
    public const string ItemA = "危险废物规范化管理", CategoryA = "贮存场所标识缺失", ItemB = "扬尘污染防治";
    /// <summary>B's case number.</summary>
    public const string CaseB = "渝江北环罚〔2026〕19号";

    /// <summary>Seeds the rows (once per store).</summary>
    /// <param name="store">A migrated store with <see cref="SourceSeed"/>.</param>
    public static async Task SeedAsync(SmartEnvStore store)
    {
        foreach (var (user, name, cert, dept) in new[] { ("insp-19a", InspectorNameA, CertA, "执法支队一大队"), ("insp-19b", InspectorNameB, CertB, "执法支队二大队") })
        {
            await TestAccounts.UserAsync(store, user, "Insp-19-Passw0rd!", [SmartEnv.Storage.Accounts.SmartEnvRoles.Enforcement]);
            await using var udb = store.CreateContext();
            var u = await udb.Users.SingleAsync(x => x.UserName == user);
            u.DisplayName = name;
            u.EnforcementCertificate = cert;
            u.Department = dept;
            await udb.SaveChangesAsync();
        }
        await using var db = store.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var plan = new DrawPlanRecord
        {
            PlanId = PlanId, District = "500105", Quarter = "2026Q4", Status = StoredDrawPlanStatus.Published, FrozenAt = new DateOnly(2026, 10, 8),
            CommitmentHash = new string('a', 64), RulesVersion = "draw-rules@seed0001", Organiser = InspectorNameA, CreatedAt = now, CommittedAt = now, PublishedAt = now, Version = 3,
        };
        db.DrawPlans.Add(plan);
        await db.SaveChangesAsync();
        var ta = new InspectionTask { PlanId = plan.Id, Seq = 1, Uscc = SourceSeed.UsccA, Mode = StoredTaskMode.OnSite, Inspectors = [new() { Position = 1, InspectorId = CertA }, new() { Position = 2, InspectorId = CertB }] };
        var tb = new InspectionTask { PlanId = plan.Id, Seq = 2, Uscc = SourceSeed.UsccB, Mode = StoredTaskMode.OffSite, Inspectors = [new() { Position = 1, InspectorId = CertB }, new() { Position = 2, InspectorId = CertA }] };
        db.InspectionTasks.AddRange(ta, tb);
        await db.SaveChangesAsync();
        var actor = new AuditActor(AuditActorKind.User, InspectorNameA);
        var svc = new InspectionRecordService(db, TimeProvider.System);
        var at = new DateTimeOffset(2026, 11, 3, 10, 0, 0, BeijingTime.Offset);
        var ra = await svc.RecordAsync(new InspectionInput(ta.Id, null, at, [CertA, CertB], [ItemA], [new FindingInput(ItemA, StoredFindingOutcome.Problem, CategoryA)]), actor);
        await svc.IssueRectificationAsync((await svc.FindingsAsync(ra.Id))[0].Id, new DateOnly(2026, 11, 3), 10, actor);
        await svc.RecordAsync(new InspectionInput(tb.Id, null, at.AddDays(1), [CertB, CertA], [ItemB], [new FindingInput(ItemB, StoredFindingOutcome.Compliant)]), actor);
        db.EnforcementCases.Add(new EnforcementCase
        {
            CaseNumber = CaseB, Uscc = SourceSeed.UsccB, LegalBasis = "《中华人民共和国大气污染防治法》第一百零八条", PenaltyType = StoredPenaltyType.Fine, Amount = 200000m,
            FiledOn = new DateOnly(2026, 11, 5), DecidedOn = new DateOnly(2026, 11, 20), Status = StoredEnforcementStatus.Decided, CreditItemCode = "management.penalty",
            CreatedBy = InspectorNameA, CreatedAt = now, UpdatedAt = now, Version = 1,
        });
        var ea = new CreditEvaluationRecord { Uscc = SourceSeed.UsccA, Year = 2025, BaseScore = 100, Score = 100, Grade = StoredCreditGrade.Trustworthy, RulesVersion = "credit-rules@seed0001", EvaluatedAt = now, EvaluatedBy = InspectorNameA };
        var eb = new CreditEvaluationRecord { Uscc = SourceSeed.UsccB, Year = 2025, BaseScore = 100, DeductionTotal = 45, Score = 55, Grade = StoredCreditGrade.Poor, RulesVersion = "credit-rules@seed0001", EvaluatedAt = now, EvaluatedBy = InspectorNameB };
        db.CreditEvaluations.AddRange(ea, eb);
        await db.SaveChangesAsync();
        db.CreditEvaluationLines.Add(new CreditEvaluationLine
        {
            EvaluationId = eb.Id, ItemCode = "management.penalty", Kind = StoredCreditItemKind.Deduction, Occurrences = 1, Uncapped = 45, Points = 45,
            Evidence = [new CreditLineEvidence { Seq = 1, Kind = StoredCreditEvidenceKind.Penalty, RecordId = CaseB, Occurrences = 1 }],
        });
        await db.SaveChangesAsync();
    }
}
