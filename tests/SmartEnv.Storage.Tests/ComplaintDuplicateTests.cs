using Microsoft.EntityFrameworkCore;
using SmartEnv.Complaints.Handling;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Issue 18 acceptance "duplicate detection" on both engines over <see cref="ComplaintSeed"/>: case 2 (construction noise,
/// 0.001349° of latitude north of case 1 = 0.001349 × 111 195 m ≈ 150.0 m, two days later) is proposed as a duplicate of
/// case 1; case 3 (industrial noise, 0.004497° ≈ 500.0 m north) is not (the radius is 300 m, complaint-rules.tsv). Merging
/// case 2 into case 1 and then replying to case 1 shows the reply to BOTH reporters through their query codes (the seed
/// stores the hash of <see cref="ComplaintSeed.QueryCodeForSeed"/> for every case). Clock times are Beijing.
/// </summary>
public abstract class ComplaintDuplicateTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "duplicate-test");

    [Fact]
    public async Task Noise_150_m_and_2_days_apart_is_proposed_500_m_is_not_and_merging_sends_the_reply_to_both_reporters()
    {
        var (store, _) = await db.MigratedAsync();
        await ComplaintSeed.SeedAsync(store, QueryCode.Hash);
        var clock = new Clock(Bj(2024, 9, 22, 12));
        await using var ctx = store.CreateContext();
        var s = new ComplaintService(ctx, clock);

        var proposals = await s.DuplicatesAsync(ComplaintSeed.NumberNoise1, Actor);
        var p = Assert.Single(proposals);
        Assert.Equal((ComplaintSeed.NumberNoise2, "same_place", "pending"), (p.Number, p.Reason, p.Decision));
        Assert.InRange(p.DistanceMetres!.Value, 149.5, 150.5);
        Assert.DoesNotContain(proposals, x => x.Number == ComplaintSeed.NumberNoise3);
        // Idempotent: asked again (from either side) nothing new is stored and nothing more is audited.
        Assert.Single(await s.DuplicatesAsync(ComplaintSeed.NumberNoise1, Actor));
        Assert.Equal([ComplaintSeed.NumberNoise1], (await s.DuplicatesAsync(ComplaintSeed.NumberNoise2, Actor)).Select(x => x.Number));
        Assert.Equal(1, await ctx.ComplaintDuplicates.CountAsync());
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(e => e.Action == "complaint.duplicate.propose"));
        // Case 3 finds nobody within 300 m sharing its top type in the window (case 1 is 500 m away, case 2 350 m).
        Assert.Empty(await s.DuplicatesAsync(ComplaintSeed.NumberNoise3, Actor));

        var master = await s.MergeAsync(ComplaintSeed.NumberNoise1, ComplaintSeed.NumberNoise2, Actor);
        Assert.Equal([ComplaintSeed.NumberNoise2], master.MergedCases);
        var dup = (await s.GetAsync(ComplaintSeed.NumberNoise2, false))!;
        Assert.Equal(("merged", ComplaintSeed.NumberNoise1), (dup.State, dup.MergedInto));
        Assert.Equal("merged", Assert.Single(dup.Duplicates).Decision);
        Assert.Equal(409, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.MergeAsync(ComplaintSeed.NumberNoise2, ComplaintSeed.NumberNoise3, Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ComplaintHandlingException>(() => s.MergeAsync(ComplaintSeed.NumberNoise1, ComplaintSeed.NumberNoise1, Actor))).Status);

        // One handling: the master is accepted, assigned, checked and replied; the reply reaches the merged case.
        const string reply = "经现场核查，该工地夜间施工噪声属实，已责令停止夜间施工并立案处罚。";
        await s.FireAsync(ComplaintSeed.NumberNoise1, ComplaintTrigger.Accept, new(), Actor);
        await s.FireAsync(ComplaintSeed.NumberNoise1, ComplaintTrigger.Assign, new(AssigneeKind: AssigneeKind.Street, AssigneeCode: ComplaintSeed.StreetGuanyinqiao), Actor);
        clock.Now = Bj(2024, 9, 27, 16);
        await s.FireAsync(ComplaintSeed.NumberNoise1, ComplaintTrigger.RecordFindings, new(Findings: "夜间23时后仍在打桩", Verification: Verification.True, CheckedAt: Bj(2024, 9, 26, 23, 30)), Actor);
        await s.FireAsync(ComplaintSeed.NumberNoise1, ComplaintTrigger.Reply, new(Reply: reply), Actor);
        Assert.Equal(reply, (await s.GetAsync(ComplaintSeed.NumberNoise2, false))!.Reply);
        Assert.Contains(await s.EventsAsync(ComplaintSeed.NumberNoise2) ?? [], e => e.Trigger == "reply" && e.ToState == "merged");

        var intake = new ComplaintIntakeService(ctx, clock);
        var first = await intake.QueryAsync(ComplaintSeed.NumberNoise1, ComplaintSeed.QueryCodeForSeed, default);
        var second = await intake.QueryAsync(ComplaintSeed.NumberNoise2, ComplaintSeed.QueryCodeForSeed, default);
        Assert.Equal(reply, first!.Reply);
        Assert.Equal(reply, second!.Reply);
        Assert.Null((await intake.QueryAsync(ComplaintSeed.NumberNoise3, ComplaintSeed.QueryCodeForSeed, default))!.Reply); // not merged: no reply

        Assert.Equal(["complaint.merge"], await ctx.AuditEntries.Where(e => e.TargetId == ComplaintSeed.NumberNoise2).Select(e => e.Action).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(ctx)).Intact);
    }
}

public sealed class SqliteComplaintDuplicateTests(SqliteTestDatabase db) : ComplaintDuplicateTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintDuplicateTests(PostgresTestDatabase db) : ComplaintDuplicateTests<PostgresTestDatabase>(db);
