using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Supervision.Tests.Waste.Ledger;

/// <summary>Order of HJ 1259-2022 §6.3 stages for one container (the table of <see cref="LedgerStages"/>).</summary>
public class LedgerStagesTests
{
    [Theory]
    [InlineData(LedgerStage.Generated, LedgerStage.Stored, true)]
    [InlineData(LedgerStage.Generated, LedgerStage.SelfUsed, true)]
    [InlineData(LedgerStage.Generated, LedgerStage.Transferred, true)]
    [InlineData(LedgerStage.Generated, LedgerStage.Removed, false)]
    [InlineData(LedgerStage.Stored, LedgerStage.Removed, true)]
    [InlineData(LedgerStage.Stored, LedgerStage.Stored, false)]
    [InlineData(LedgerStage.Stored, LedgerStage.Transferred, false)]
    [InlineData(LedgerStage.Removed, LedgerStage.Stored, true)]
    [InlineData(LedgerStage.Removed, LedgerStage.Transferred, true)]
    [InlineData(LedgerStage.Removed, LedgerStage.SelfUsed, true)]
    [InlineData(LedgerStage.Transferred, LedgerStage.Stored, false)]
    [InlineData(LedgerStage.SelfUsed, LedgerStage.Removed, false)]
    [InlineData(LedgerStage.Stored, LedgerStage.Generated, false)]
    public void Which_stage_may_follow(LedgerStage current, LedgerStage next, bool allowed) =>
        Assert.Equal(allowed, LedgerStages.CanFollow(current, next));

    [Theory]
    [InlineData("stored", LedgerStage.Stored)]
    [InlineData("REMOVED", LedgerStage.Removed)]
    [InlineData("self-used", LedgerStage.SelfUsed)]
    [InlineData("transferred", LedgerStage.Transferred)]
    public void Route_segments(string segment, LedgerStage stage)
    {
        Assert.True(LedgerStages.TryParseSegment(segment, out var s));
        Assert.Equal(stage, s);
    }

    [Fact]
    public void Generated_is_not_a_segment() => Assert.False(LedgerStages.TryParseSegment("generated", out _));
}
