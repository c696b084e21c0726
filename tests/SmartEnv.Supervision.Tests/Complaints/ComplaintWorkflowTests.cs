using SmartEnv.Supervision.Complaints;
using S = SmartEnv.Supervision.Complaints.ComplaintState;
using St = SmartEnv.Supervision.Complaints.ComplaintReviewStage;
using T = SmartEnv.Supervision.Complaints.ComplaintTrigger;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>ComplaintWorkflow against the transition table of the issue-18 brief, written out by hand.</summary>
public class ComplaintWorkflowTests
{
    /// <summary>Every allowed transition: (state, stage, trigger) → (state, stage).</summary>
    public static readonly TheoryData<S, St, T, S, St> Allowed = new()
    {
        { S.Registered, St.None, T.Accept, S.Accepted, St.None },
        { S.Registered, St.None, T.Decline, S.NotAccepted, St.None },
        { S.Registered, St.None, T.Merge, S.Merged, St.None },
        { S.Accepted, St.None, T.Assign, S.Assigned, St.None },
        { S.Accepted, St.None, T.Merge, S.Merged, St.None },
        { S.Assigned, St.None, T.Assign, S.Assigned, St.None },
        { S.Assigned, St.None, T.RecordFindings, S.Handling, St.None },
        { S.Handling, St.None, T.RecordFindings, S.Handling, St.None },
        { S.Handling, St.None, T.Reply, S.Replied, St.None },
        { S.Replied, St.None, T.Visit, S.Visited, St.None },
        { S.Replied, St.None, T.Close, S.Closed, St.None },
        { S.Replied, St.None, T.RequestReview, S.UnderReview, St.None },
        { S.Visited, St.None, T.Close, S.Closed, St.None },
        { S.Visited, St.None, T.RequestReview, S.UnderReview, St.None },
        { S.Closed, St.None, T.RequestReview, S.UnderReview, St.None },
        { S.UnderReview, St.None, T.DecideReview, S.Replied, St.Reviewed },
        { S.Replied, St.Reviewed, T.Visit, S.Visited, St.Reviewed },
        { S.Replied, St.Reviewed, T.Close, S.Closed, St.Reviewed },
        { S.Replied, St.Reviewed, T.RequestRecheck, S.UnderRecheck, St.Reviewed },
        { S.Visited, St.Reviewed, T.Close, S.Closed, St.Reviewed },
        { S.Visited, St.Reviewed, T.RequestRecheck, S.UnderRecheck, St.Reviewed },
        { S.Closed, St.Reviewed, T.RequestRecheck, S.UnderRecheck, St.Reviewed },
        { S.UnderRecheck, St.Reviewed, T.DecideRecheck, S.Closed, St.Rechecked },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Every_allowed_transition(S from, St stage, T trigger, S to, St stageAfter)
    {
        var w = new ComplaintWorkflow(from, stage);
        Assert.True(w.CanFire(trigger));
        w.Fire(trigger);
        Assert.Equal((to, stageAfter), (w.State, w.Stage));
    }

    /// <summary>Every (state, stage) pair the constructor accepts permits exactly the triggers of the table — so every
    /// other trigger is refused.</summary>
    [Fact]
    public void Nothing_else_is_permitted()
    {
        var pairs = 0;
        foreach (var s in Enum.GetValues<S>())
            foreach (var st in Enum.GetValues<St>())
            {
                ComplaintWorkflow w;
                try { w = new ComplaintWorkflow(s, st); }
                catch (ArgumentException) { continue; }
                pairs++;
                var expected = Allowed.Select(r => ((S)r[0], (St)r[1], (T)r[2])).Where(r => r.Item1 == s && r.Item2 == st).Select(r => r.Item3).Order();
                Assert.Equal(expected, w.Permitted);
                foreach (var t in Enum.GetValues<T>().Except(w.Permitted))
                {
                    Assert.False(w.CanFire(t));
                    var ex = Assert.Throws<InvalidOperationException>(() => w.Fire(t));
                    Assert.Contains(ComplaintWorkflow.Name(t), ex.Message);
                    Assert.Equal(s, w.State);
                }
            }
        // 11 states with None except under_recheck (10), Reviewed with replied/visited/closed/under_recheck (4),
        // Rechecked with closed (1)
        Assert.Equal(15, pairs);
    }

    [Theory]
    [InlineData(S.Registered, T.Assign)]       // must be accepted first
    [InlineData(S.Registered, T.Reply)]
    [InlineData(S.Accepted, T.Decline)]        // acceptance is decided once
    [InlineData(S.Assigned, T.Reply)]          // no reply without findings
    [InlineData(S.Handling, T.Merge)]          // only registered/accepted cases merge
    [InlineData(S.Replied, T.RequestRecheck)]  // 复核 only after a 复查 decision (条例 Art. 36)
    [InlineData(S.UnderReview, T.Close)]
    [InlineData(S.NotAccepted, T.Accept)]
    [InlineData(S.Merged, T.Accept)]
    public void A_sample_of_refusals(S state, T trigger)
    {
        var w = new ComplaintWorkflow(state);
        Assert.False(w.CanFire(trigger));
        Assert.Throws<InvalidOperationException>(() => w.Fire(trigger));
    }

    [Fact]
    public void After_recheck_no_review_or_recheck_ever_again()
    {
        var w = new ComplaintWorkflow(S.Registered);
        foreach (var t in new[] { T.Accept, T.Assign, T.Assign, T.RecordFindings, T.RecordFindings, T.Reply, T.Visit, T.Close,
                     T.RequestReview, T.DecideReview, T.Close, T.RequestRecheck, T.DecideRecheck })
            w.Fire(t);
        Assert.Equal((S.Closed, St.Rechecked), (w.State, w.Stage));
        Assert.Empty(w.Permitted);
        Assert.Throws<InvalidOperationException>(() => w.Fire(T.RequestReview));
        Assert.Throws<InvalidOperationException>(() => w.Fire(T.RequestRecheck));
    }

    [Fact]
    public void A_second_review_is_refused()
    {
        var w = new ComplaintWorkflow(S.Closed);
        w.Fire(T.RequestReview);
        w.Fire(T.DecideReview);
        Assert.Equal((S.Replied, St.Reviewed), (w.State, w.Stage));
        Assert.False(w.CanFire(T.RequestReview));
        Assert.True(w.CanFire(T.RequestRecheck));
    }

    [Theory]
    [InlineData(S.UnderRecheck, St.None)]
    [InlineData(S.Registered, St.Reviewed)]
    [InlineData(S.UnderReview, St.Reviewed)]
    [InlineData(S.Replied, St.Rechecked)]
    [InlineData(S.UnderRecheck, St.Rechecked)]
    public void Impossible_pairs_are_refused(S state, St stage) =>
        Assert.Throws<ArgumentException>(() => new ComplaintWorkflow(state, stage));

    [Fact]
    public void Stage_from_the_event_history()
    {
        Assert.Equal(St.None, ComplaintWorkflow.StageOf([T.Accept, T.Assign, T.Reply, T.RequestReview]));
        Assert.Equal(St.Reviewed, ComplaintWorkflow.StageOf([T.Accept, T.RequestReview, T.DecideReview, T.RequestRecheck]));
        Assert.Equal(St.Rechecked, ComplaintWorkflow.StageOf([T.DecideRecheck, T.DecideReview]));
        Assert.Equal(St.None, ComplaintWorkflow.StageOf([]));
    }

    [Fact]
    public void Stored_names_and_route_actions()
    {
        Assert.Equal("not_accepted", ComplaintWorkflow.Name(S.NotAccepted));
        Assert.Equal("under_recheck", ComplaintWorkflow.Name(S.UnderRecheck));
        Assert.Equal("record_findings", ComplaintWorkflow.Name(T.RecordFindings));
        foreach (var s in Enum.GetValues<S>())
        {
            Assert.True(ComplaintWorkflow.TryParseState(ComplaintWorkflow.Name(s), out var back));
            Assert.Equal(s, back);
        }
        foreach (var t in Enum.GetValues<T>())
        {
            Assert.True(ComplaintWorkflow.TryParseTrigger(ComplaintWorkflow.Name(t), out var back));
            Assert.Equal(t, back);
            Assert.True(ComplaintWorkflow.TryParseAction(ComplaintWorkflow.Action(t), out back));
            Assert.Equal(t, back);
        }
        // plan §4: accept decline assign findings reply visit close review review_decision recheck recheck_decision
        Assert.Equal(["accept", "decline", "assign", "findings", "reply", "visit", "close", "review", "review_decision", "recheck", "recheck_decision", "merge"],
            Enum.GetValues<T>().Select(ComplaintWorkflow.Action));
        Assert.False(ComplaintWorkflow.TryParseState("Registered", out _));
        Assert.False(ComplaintWorkflow.TryParseAction("record_findings", out _));
        Assert.True(ComplaintWorkflow.IsFinal(S.Merged));
        Assert.False(ComplaintWorkflow.IsFinal(S.Closed));
    }
}
