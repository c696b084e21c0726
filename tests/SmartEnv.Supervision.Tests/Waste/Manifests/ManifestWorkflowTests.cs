using SmartEnv.Supervision.Waste.Manifests;
using static SmartEnv.Supervision.Waste.Manifests.ManifestRole;
using static SmartEnv.Supervision.Waste.Manifests.ManifestState;
using static SmartEnv.Supervision.Waste.Manifests.ManifestTrigger;

namespace SmartEnv.Supervision.Tests.Waste.Manifests;

/// <summary>Who may fire what (办法 Art. 10–12, 18, 20; states derived by SmartEnv). The table below is written by hand
/// from the brief, not from the code: every (state, role) pair lists the triggers it may fire.</summary>
public class ManifestWorkflowTests
{
    public static TheoryData<ManifestState, ManifestRole, ManifestTrigger[]> Table() => new()
    {
        { Draft, Generator, [Submit, RecordPaper, Correct] },
        { Draft, Carrier, [] },
        { Draft, Receiver, [] },
        { Submitted, Generator, [Correct] },
        { Submitted, Carrier, [PickUp] },
        { Submitted, Receiver, [] },
        { InTransit, Generator, [Correct] },
        { InTransit, Carrier, [Arrive] },
        { InTransit, Receiver, [] },
        { Arrived, Generator, [Correct] },
        { Arrived, Carrier, [] },
        { Arrived, Receiver, [Accept, AcceptPartially, Reject] },
        { PaperPending, Generator, [BackFill] },
        { PaperPending, Carrier, [] },
        { PaperPending, Receiver, [] },
        { Accepted, Generator, [] },
        { PartiallyAccepted, Receiver, [] },
        { Rejected, Receiver, [] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_party_fires_only_its_own_section(ManifestState state, ManifestRole role, ManifestTrigger[] expected) =>
        Assert.Equal(expected, ManifestWorkflow.Permitted(state, role));

    [Fact]
    public void Staff_read_and_never_fire()
    {
        foreach (var s in Enum.GetValues<ManifestState>())
            Assert.Empty(ManifestWorkflow.Permitted(s, Staff));
    }

    [Fact]
    public void The_electronic_path_runs_draft_to_accepted()
    {
        var s = ManifestWorkflow.Fire(Draft, Submit, Generator);
        Assert.Equal(Submitted, s);
        s = ManifestWorkflow.Fire(s, PickUp, Carrier);
        Assert.Equal(InTransit, s);
        s = ManifestWorkflow.Fire(s, Arrive, Carrier);
        Assert.Equal(Arrived, s);
        Assert.Equal(Arrived, ManifestWorkflow.Fire(s, Correct, Generator));
        Assert.Equal(Accepted, ManifestWorkflow.Fire(s, Accept, Receiver));
        Assert.Equal(PartiallyAccepted, ManifestWorkflow.Fire(s, AcceptPartially, Receiver));
        Assert.Equal(Rejected, ManifestWorkflow.Fire(s, Reject, Receiver));
    }

    [Fact]
    public void The_paper_path_is_back_filled_into_arrived()
    {
        var s = ManifestWorkflow.Fire(Draft, RecordPaper, Generator);
        Assert.Equal(PaperPending, s);
        Assert.Equal(Arrived, ManifestWorkflow.Fire(s, BackFill, Generator));
    }

    [Fact]
    public void A_forbidden_trigger_names_state_trigger_and_role()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ManifestWorkflow.Fire(Arrived, Accept, Generator));
        Assert.Contains("arrived", e.Message);
        Assert.Contains("Accept", e.Message);
        Assert.Contains("移出人", e.Message);
        Assert.Throws<InvalidOperationException>(() => ManifestWorkflow.Fire(Submitted, Arrive, Carrier)); // not picked up yet
        Assert.Throws<InvalidOperationException>(() => ManifestWorkflow.Fire(Accepted, Correct, Generator));
    }

    [Fact]
    public void Final_and_signed_states()
    {
        Assert.Equal([Accepted, PartiallyAccepted, Rejected], Enum.GetValues<ManifestState>().Where(ManifestWorkflow.IsFinal));
        Assert.Equal([Draft], Enum.GetValues<ManifestState>().Where(s => !ManifestWorkflow.IsSigned(s)));
    }

    [Theory]
    [InlineData(InTransit, "in_transit")]
    [InlineData(PartiallyAccepted, "partially_accepted")]
    [InlineData(PaperPending, "paper_pending")]
    public void States_are_stored_snake_case(ManifestState s, string text)
    {
        Assert.Equal(text, ManifestWorkflow.Name(s));
        Assert.True(ManifestWorkflow.TryParseState(text, out var back));
        Assert.Equal(s, back);
    }

    [Theory]
    [InlineData(PickUp, "pick_up")]
    [InlineData(AcceptPartially, "accept_partially")]
    [InlineData(BackFill, "back_fill")]
    [InlineData(RecordPaper, "record_paper")]
    public void Triggers_are_route_actions(ManifestTrigger t, string text)
    {
        Assert.Equal(text, ManifestWorkflow.Name(t));
        Assert.True(ManifestWorkflow.TryParseTrigger(text, out var back));
        Assert.Equal(t, back);
        Assert.False(ManifestWorkflow.TryParseTrigger("delete", out _));
    }
}
