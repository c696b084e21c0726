using Microsoft.EntityFrameworkCore;
using SmartEnv.Complaints.Handling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="ComplaintService"/> (issue 18 P3) on both engines over <see cref="ComplaintSeed"/> (five hand-made cases of
/// September 2024). Deadlines are counted by hand here (calendar days; the 2024 National Day holiday 10-01…10-07 from
/// 国办发明电〔2023〕7号 in cn-workdays.tsv): accepted Friday 2024-09-20 → handling due 2024-11-19 (21–30 Sep = 10 days,
/// October 31 → 41, 1–19 Nov → 60; Tuesday, a working day); +30 days → 2024-12-19 (20–30 Nov = 11, 1–19 Dec → 30;
/// Thursday). Each test works on its own cases (the database is shared by the class). Clock times are Beijing.
/// </summary>
public abstract class ComplaintServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "complaint-test");

    [Fact]
    public async Task Accepted_on_20_September_is_due_19_November_extended_to_19_December_and_overdue_from_the_20th()
    {
        var (store, _) = await db.MigratedAsync();
        await ComplaintSeed.SeedAsync(store);
        var clock = new Clock(Bj(2024, 9, 20, 15));
        await using var ctx = store.CreateContext();
        var s = new ComplaintService(ctx, clock);

        var c = await s.GetAsync(ComplaintSeed.NumberNoise1, withReporter: false);
        Assert.NotNull(c);
        Assert.Equal(("registered", new DateOnly(2024, 10, 8), false), (c!.State, c.Deadlines.AcceptanceDue, c.Deadlines.AcceptanceOverdue));
        Assert.Equal(["accept", "decline", "merge"], c.Actions);
        Assert.Null(c.Reporter);
        Assert.Equal("王女士", (await s.GetAsync(ComplaintSeed.NumberNoise1, withReporter: true))!.Reporter!.Name);

        c = await s.FireAsync(ComplaintSeed.NumberNoise1, ComplaintTrigger.Accept, new(Version: c.Version), Actor);
        Assert.Equal(("accepted", new DateOnly(2024, 11, 19), false), (c.State, c.Deadlines.HandlingDue, c.Deadlines.HandlingDueProvisional));
        Assert.Equal(("complaint-test", Bj(2024, 9, 20, 15).ToUniversalTime()), (c.AcceptedBy, c.AcceptedAt!.Value.ToUniversalTime()));
        c = await s.FireAsync(ComplaintSeed.NumberNoise1, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Street, AssigneeName: "观音桥街道"), Actor);
        Assert.Equal(("assigned", "street", ComplaintSeed.StreetGuanyinqiao, "观音桥街道"), (c.State, c.AssigneeKind, c.AssigneeCode, c.AssigneeName));

        // The extension: 30 days, approver recorded, reporter told; a second one is refused, as is 31 days on another case.
        clock.Now = Bj(2024, 11, 10, 9);
        c = await s.ExtendAsync(ComplaintSeed.NumberNoise1, 30, "张副局长", "需委托检测夜间噪声", Actor);
        Assert.Equal((new DateOnly(2024, 12, 19), 30), (c.Deadlines.HandlingDue, c.ExtensionDays));
        var ext = Assert.Single(c.Extensions);
        Assert.Equal((30, "张副局长", "需委托检测夜间噪声", "complaint-test", (DateTimeOffset?)Bj(2024, 11, 10, 9).ToUniversalTime()),
            (ext.Days, ext.Approver, ext.Reason, ext.RecordedBy, ext.ReporterToldAt?.ToUniversalTime()));
        Assert.Equal(409, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.ExtendAsync(ComplaintSeed.NumberNoise1, 1, "张副局长", "再延", Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.ExtendAsync(ComplaintSeed.NumberNoise1, 31, "张副局长", "复杂", Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.ExtendAsync(ComplaintSeed.NumberNoise1, 10, " ", "复杂", Actor))).Status);
        Assert.Equal(1, await ctx.ComplaintExtensions.CountAsync(e => ctx.Complaints.Any(x => x.Id == e.ComplaintId && x.Number == ComplaintSeed.NumberNoise1))); // nothing of the refusals kept

        // Overdue from 2024-12-20, not on 12-19 (the list, the filter and the flags follow the day).
        Assert.DoesNotContain(await s.OverdueAsync(new DateOnly(2024, 12, 19)), r => r.Number == ComplaintSeed.NumberNoise1);
        var overdue = Assert.Single(await s.OverdueAsync(new DateOnly(2024, 12, 20)), r => r.Number == ComplaintSeed.NumberNoise1);
        Assert.Equal((true, new DateOnly(2024, 12, 19)), (overdue.HandlingOverdue, overdue.HandlingDue));
        clock.Now = Bj(2024, 12, 19, 23, 59);
        Assert.False((await s.GetAsync(ComplaintSeed.NumberNoise1, false))!.Deadlines.HandlingOverdue);
        Assert.DoesNotContain(await s.ListAsync(new ComplaintFilter(Overdue: true)), r => r.Number == ComplaintSeed.NumberNoise1);
        clock.Now = Bj(2024, 12, 20, 0, 0);
        Assert.True((await s.GetAsync(ComplaintSeed.NumberNoise1, false))!.Deadlines.HandlingOverdue);
        Assert.Contains(await s.ListAsync(new ComplaintFilter(Overdue: true)), r => r.Number == ComplaintSeed.NumberNoise1);

        // Events and audit entries of every change; the chain is intact.
        var events = await s.EventsAsync(ComplaintSeed.NumberNoise1);
        Assert.Equal(["register", "accept", "assign", "extend"], events!.Select(e => e.Trigger));
        var audited = await ctx.AuditEntries.Where(e => e.TargetType == "complaint" && e.TargetId == ComplaintSeed.NumberNoise1).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
        Assert.Equal(["complaint.accept", "complaint.assign", "complaint.extend"], audited);
        Assert.All(await ctx.AuditEntries.Where(e => e.TargetType == "complaint").Select(e => e.After ?? "").ToListAsync(), a => Assert.DoesNotContain("王女士", a));
        Assert.True((await AuditVerifier.VerifyAsync(ctx)).Intact);
        Assert.Equal(14, ComplaintService.Actions.Count); // 12 triggers (merge included), extend, duplicate.propose
        Assert.Subset(AuditActions.Known.ToHashSet(StringComparer.Ordinal), ComplaintService.Actions.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_workflow_refuses_what_the_state_does_not_permit_and_keeps_the_review_windows()
    {
        var (store, _) = await db.MigratedAsync();
        await ComplaintSeed.SeedAsync(store);
        var clock = new Clock(Bj(2024, 9, 24, 9));
        await using var ctx = store.CreateContext();
        var s = new ComplaintService(ctx, clock);
        var n = ComplaintSeed.NumberOdourA; // accepted 2024-09-23, handling due 2024-11-22

        var refused = await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(n, ComplaintTrigger.Decline, new(Reason: NotAcceptedReason.Unclear), Actor));
        Assert.Equal(409, refused.Status);
        Assert.Equal(["assign", "merge"], refused.Allowed);
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(n, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Street, AssigneeCode: "不存在街道"), Actor))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync("TS209901010001", ComplaintTrigger.Accept, new(), Actor))).Status);
        var c = await s.FireAsync(n, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Section, AssigneeName: "生态环境保护综合行政执法支队"), Actor);
        Assert.Equal(("assigned", "section", 3), (c.State, c.AssigneeKind, c.Version));
        Assert.Equal(409, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(n, ComplaintTrigger.RecordFindings,
            new(Version: 2, Findings: "x", Verification: Verification.True), Actor))).Status); // stale version
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(n, ComplaintTrigger.RecordFindings,
            new(Findings: "傍晚有异味", Verification: Verification.PartlyTrue, CheckedAt: Bj(2024, 9, 25)), Actor))).Status); // in the future
        c = await s.FireAsync(n, ComplaintTrigger.RecordFindings, new(Version: 3, Findings: "傍晚厂界有异味，废气处理设施运行不正常。", Verification: Verification.PartlyTrue,
            CheckedAt: Bj(2024, 9, 24, 8), IndustryCode: "2614"), Actor);
        Assert.Equal(("handling", "partly_true", "2614"), (c.State, c.Verification, c.IndustryCode));

        clock.Now = Bj(2024, 10, 15, 10);
        c = await s.FireAsync(n, ComplaintTrigger.Reply, new(Reply: "经核查，反映的异味问题部分属实，已责令企业整改。"), Actor);
        Assert.Equal(("replied", new DateOnly(2024, 11, 14)), (c.State, c.Deadlines.ReviewRequestDue)); // 15 Oct + 30: 16 left in October, 14 in November
        c = await s.FireAsync(n, ComplaintTrigger.Visit, new(Satisfaction: Satisfaction.BasicallySatisfied, Note: "电话回访"), Actor);
        Assert.Equal(("visited", "basically_satisfied"), (c.State, c.Satisfaction));
        c = await s.FireAsync(n, ComplaintTrigger.Close, new(), Actor);
        Assert.Equal("closed", c.State);

        clock.Now = Bj(2024, 11, 14, 17); // the last day of the 复查 window
        c = await s.FireAsync(n, ComplaintTrigger.RequestReview, new(Note: "对答复不服，申请复查"), Actor);
        Assert.Equal("under_review", c.State);
        Assert.Equal(["review_decision"], c.Actions);
        clock.Now = Bj(2024, 11, 20, 10);
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(n, ComplaintTrigger.DecideReview, new(), Actor))).Status);
        c = await s.FireAsync(n, ComplaintTrigger.DecideReview, new(Note: "维持原答复意见"), Actor);
        Assert.Equal(("replied", new DateOnly(2024, 12, 20)), (c.State, c.Deadlines.RecheckRequestDue)); // 20 Nov + 30: 10 in November, 20 in December
        Assert.DoesNotContain("review", c.Actions); // 复查 once (条例 Art. 35); 复核 next
        Assert.Contains("recheck", c.Actions);
        clock.Now = Bj(2024, 12, 21, 9);
        var late = await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(n, ComplaintTrigger.RequestRecheck, new(), Actor));
        Assert.Equal(409, late.Status);
        Assert.Contains("2024-12-20", late.Message);

        // Case 5 was replied on 2024-10-12: its 复查 window ended on 2024-11-11 (12 Oct + 30: 19 in October, 11 in November).
        clock.Now = Bj(2024, 11, 12, 9);
        var tooLate = await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.FireAsync(ComplaintSeed.NumberWaterA, ComplaintTrigger.RequestReview, new(), Actor));
        Assert.Contains("2024-11-11", tooLate.Message);
        Assert.Equal("replied", (await s.GetAsync(ComplaintSeed.NumberWaterA, false))!.State);
        Assert.Equal(["complaint.assign", "complaint.findings", "complaint.reply", "complaint.visit", "complaint.close", "complaint.review", "complaint.review_decision"],
            await ctx.AuditEntries.Where(e => e.TargetType == "complaint" && e.TargetId == n).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task A_declined_case_tells_the_reporter_where_to_go_or_which_case_to_follow()
    {
        var (store, _) = await db.MigratedAsync();
        await ComplaintSeed.SeedAsync(store);
        var clock = new Clock(Bj(2024, 9, 24, 11));
        await using var ctx = store.CreateContext();
        var s = new ComplaintService(ctx, clock);

        // Already accepted: the linked case is required and must be an accepted one.
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() =>
            s.FireAsync(ComplaintSeed.NumberNoise3, ComplaintTrigger.Decline, new(Reason: NotAcceptedReason.AlreadyAccepted), Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() =>
            s.FireAsync(ComplaintSeed.NumberNoise3, ComplaintTrigger.Decline, new(Reason: NotAcceptedReason.AlreadyAccepted, LinkedNumber: ComplaintSeed.NumberNoise2), Actor))).Status);
        var c = await s.FireAsync(ComplaintSeed.NumberNoise3, ComplaintTrigger.Decline, new(Reason: NotAcceptedReason.AlreadyAccepted, LinkedNumber: ComplaintSeed.NumberOdourA), Actor);
        Assert.Equal(("not_accepted", "already_accepted", ComplaintSeed.NumberOdourA), (c.State, c.NotAcceptedReason, c.LinkedNumber));
        Assert.Contains(ComplaintSeed.NumberOdourA, c.NotAcceptedNote);
        Assert.Contains("查询办理进展和结果", c.NotAcceptedNote);
        Assert.Empty(c.Actions); // final

        // Outside the remit needs where to go; a repeat after the reply is told about 复查 and 复核.
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() =>
            s.FireAsync(ComplaintSeed.NumberNoise2, ComplaintTrigger.Decline, new(Reason: NotAcceptedReason.OutsideRemit), Actor))).Status);
        c = await s.FireAsync(ComplaintSeed.NumberNoise2, ComplaintTrigger.Decline, new(Reason: NotAcceptedReason.RepeatAfterReply), Actor);
        Assert.Contains("复查", c.NotAcceptedNote);
        Assert.Contains("复核", c.NotAcceptedNote);
        Assert.Contains("30 日内", c.NotAcceptedNote);
        Assert.Equal(StoredNotAcceptedReason.RepeatAfterReply, await ctx.Complaints.Where(x => x.Number == ComplaintSeed.NumberNoise2).Select(x => x.NotAcceptedReason).SingleAsync());
    }
}

public sealed class SqliteComplaintServiceTests(SqliteTestDatabase db) : ComplaintServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintServiceTests(PostgresTestDatabase db) : ComplaintServiceTests<PostgresTestDatabase>(db);
