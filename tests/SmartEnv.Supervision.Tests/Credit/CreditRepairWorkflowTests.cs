using SmartEnv.Supervision.Credit;
using S = SmartEnv.Supervision.Credit.CreditRepairState;
using T = SmartEnv.Supervision.Credit.CreditRepairTrigger;

namespace SmartEnv.Supervision.Tests.Credit;

/// <summary>CreditRepairWorkflow against the transition table written out by hand (申请 → 审核中 → 通过 / 驳回; 撤回).</summary>
public class CreditRepairWorkflowTests
{
    public static readonly TheoryData<S, T, S> Allowed = new()
    {
        { S.Applied, T.StartReview, S.UnderReview },
        { S.Applied, T.Withdraw, S.Withdrawn },
        { S.UnderReview, T.Approve, S.Approved },
        { S.UnderReview, T.Reject, S.Rejected },
        { S.UnderReview, T.Withdraw, S.Withdrawn },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Every_allowed_transition(S from, T trigger, S to)
    {
        var w = new CreditRepairWorkflow(from);
        Assert.True(w.CanFire(trigger));
        w.Fire(trigger);
        Assert.Equal(to, w.State);
    }

    [Fact]
    public void Every_other_transition_is_refused()
    {
        var allowed = Allowed.Select(r => ((S)r[0], (T)r[1])).ToHashSet();
        foreach (var s in Enum.GetValues<S>())
        {
            var w = new CreditRepairWorkflow(s);
            Assert.Equal(Enum.GetValues<T>().Where(t => allowed.Contains((s, t))), w.Permitted);
            foreach (var t in Enum.GetValues<T>().Where(t => !allowed.Contains((s, t))))
            {
                var ex = Assert.Throws<InvalidOperationException>(() => new CreditRepairWorkflow(s).Fire(t));
                Assert.Contains(CreditRepairWorkflow.Name(s), ex.Message);
                Assert.Contains(CreditRepairWorkflow.Name(t), ex.Message);
            }
        }
    }

    [Fact]
    public void A_new_application_starts_applied_and_final_states_admit_nothing()
    {
        var w = new CreditRepairWorkflow();
        Assert.Equal(S.Applied, w.State);
        w.Fire(T.StartReview);
        w.Fire(T.Reject);
        Assert.True(CreditRepairWorkflow.IsFinal(w.State));
        Assert.Empty(w.Permitted);
        Assert.Equal([S.Approved, S.Rejected, S.Withdrawn], Enum.GetValues<S>().Where(CreditRepairWorkflow.IsFinal));
    }

    [Fact]
    public void Names_round_trip()
    {
        Assert.Equal("under_review", CreditRepairWorkflow.Name(S.UnderReview));
        Assert.Equal("start_review", CreditRepairWorkflow.Name(T.StartReview));
        foreach (var s in Enum.GetValues<S>())
            Assert.True(CreditRepairWorkflow.TryParseState(CreditRepairWorkflow.Name(s), out var back) && back == s);
        foreach (var t in Enum.GetValues<T>())
            Assert.True(CreditRepairWorkflow.TryParseTrigger(CreditRepairWorkflow.Name(t), out var back) && back == t);
        Assert.False(CreditRepairWorkflow.TryParseState("UnderReview", out _));
        Assert.False(CreditRepairWorkflow.TryParseTrigger("approved", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CreditRepairWorkflow((S)42));
    }
}
