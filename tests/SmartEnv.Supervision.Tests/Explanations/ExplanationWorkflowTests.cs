using SmartEnv.Supervision.Explanations;

namespace SmartEnv.Supervision.Tests.Explanations;

/// <summary>The 异常说明 state machine (issue 16, plan §4 row "Explanations"): staff decide, the enterprise withdraws its
/// own before a decision, rejected and withdrawn are final, an accepted one may be revoked by staff. Expected values are
/// the table of docs/sources.md "Explanations", written by hand.</summary>
public sealed class ExplanationWorkflowTests
{
    private const bool Staff = true, Enterprise = false;

    [Theory]
    [InlineData(ExplanationState.Submitted, ExplanationTrigger.Accept, Staff, ExplanationState.Accepted)]
    [InlineData(ExplanationState.Submitted, ExplanationTrigger.Reject, Staff, ExplanationState.Rejected)]
    [InlineData(ExplanationState.Submitted, ExplanationTrigger.Withdraw, Enterprise, ExplanationState.Withdrawn)]
    [InlineData(ExplanationState.Accepted, ExplanationTrigger.Reject, Staff, ExplanationState.Rejected)]
    public void Allowed_transitions(ExplanationState from, ExplanationTrigger t, bool isStaff, ExplanationState to) =>
        Assert.Equal(to, ExplanationWorkflow.Fire(from, t, isStaff));

    [Theory]
    [InlineData(ExplanationState.Submitted, ExplanationTrigger.Accept, Enterprise)]   // the filer does not judge
    [InlineData(ExplanationState.Submitted, ExplanationTrigger.Reject, Enterprise)]
    [InlineData(ExplanationState.Submitted, ExplanationTrigger.Withdraw, Staff)]      // staff do not withdraw for the enterprise
    [InlineData(ExplanationState.Accepted, ExplanationTrigger.Withdraw, Enterprise)]  // only before a decision
    [InlineData(ExplanationState.Accepted, ExplanationTrigger.Accept, Staff)]
    [InlineData(ExplanationState.Accepted, ExplanationTrigger.Reject, Enterprise)]
    [InlineData(ExplanationState.Rejected, ExplanationTrigger.Accept, Staff)]         // final: file a new one
    [InlineData(ExplanationState.Rejected, ExplanationTrigger.Reject, Staff)]
    [InlineData(ExplanationState.Rejected, ExplanationTrigger.Withdraw, Enterprise)]
    [InlineData(ExplanationState.Withdrawn, ExplanationTrigger.Accept, Staff)]
    [InlineData(ExplanationState.Withdrawn, ExplanationTrigger.Withdraw, Enterprise)]
    public void Refused_transitions_throw_naming_state_and_caller(ExplanationState from, ExplanationTrigger t, bool isStaff)
    {
        var e = Assert.Throws<InvalidOperationException>(() => ExplanationWorkflow.Fire(from, t, isStaff));
        Assert.Contains(from.ToString().ToLowerInvariant(), e.Message);
        Assert.Contains(isStaff ? "staff" : "the enterprise", e.Message);
    }

    [Fact]
    public void Permitted_lists_per_state_and_caller()
    {
        Assert.Equal([ExplanationTrigger.Accept, ExplanationTrigger.Reject], ExplanationWorkflow.Permitted(ExplanationState.Submitted, Staff));
        Assert.Equal([ExplanationTrigger.Withdraw], ExplanationWorkflow.Permitted(ExplanationState.Submitted, Enterprise));
        Assert.Equal([ExplanationTrigger.Reject], ExplanationWorkflow.Permitted(ExplanationState.Accepted, Staff));
        Assert.Empty(ExplanationWorkflow.Permitted(ExplanationState.Accepted, Enterprise));
        foreach (var s in new[] { ExplanationState.Rejected, ExplanationState.Withdrawn })
        {
            Assert.Empty(ExplanationWorkflow.Permitted(s, Staff));
            Assert.Empty(ExplanationWorkflow.Permitted(s, Enterprise));
            Assert.True(ExplanationWorkflow.IsFinal(s));
        }
        Assert.False(ExplanationWorkflow.IsFinal(ExplanationState.Submitted));
        Assert.False(ExplanationWorkflow.IsFinal(ExplanationState.Accepted));
    }
}

/// <summary>The covered hour range of an explanation: hour starts, inclusive; Beijing days; late filing.</summary>
public sealed class ExplanationPeriodTests
{
    private static DateTimeOffset Bj(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, SmartEnv.Standards.Common.BeijingTime.Offset);

    [Fact]
    public void Range_rules()
    {
        // 11:00–12:00 Beijing on 2027-01-05 = hours 11–12 h and 12–13 h: 2 hours (plan §4 故障 example).
        Assert.Null(ExplanationPeriod.Check(Bj(2027, 1, 5, 11), Bj(2027, 1, 5, 12)));
        Assert.Equal(2, ExplanationPeriod.Hours(Bj(2027, 1, 5, 11), Bj(2027, 1, 5, 12)));
        // 13:00–23:00 = 11 hours (plan §4 停产 example).
        Assert.Equal(11, ExplanationPeriod.Hours(Bj(2027, 1, 5, 13), Bj(2027, 1, 5, 23)));
        Assert.Equal(1, ExplanationPeriod.Hours(Bj(2027, 1, 5, 13), Bj(2027, 1, 5, 13)));
        Assert.StartsWith("from_hour must be a whole hour", ExplanationPeriod.Check(Bj(2027, 1, 5, 11).AddMinutes(30), Bj(2027, 1, 5, 12)));
        Assert.StartsWith("to_hour must be a whole hour", ExplanationPeriod.Check(Bj(2027, 1, 5, 11), Bj(2027, 1, 5, 12).AddSeconds(1)));
        Assert.StartsWith("to_hour must not be before", ExplanationPeriod.Check(Bj(2027, 1, 5, 12), Bj(2027, 1, 5, 11)));
        // 366 days = 8,784 hours is the most: from 2027-01-01 00:00 the last allowed hour start is 2028-01-01 23:00 (2027 has 365 days).
        Assert.Null(ExplanationPeriod.Check(Bj(2027, 1, 1, 0), Bj(2028, 1, 1, 23)));
        Assert.Contains("8784 hours", ExplanationPeriod.Check(Bj(2027, 1, 1, 0), Bj(2028, 1, 2, 0)));
        // A whole UTC hour given in +05:30 is a whole hour (04:30 +05:30 = 23:00 UTC).
        Assert.Null(ExplanationPeriod.Check(new DateTimeOffset(2027, 1, 5, 4, 30, 0, TimeSpan.FromMinutes(330)), Bj(2027, 1, 5, 12)));
    }

    [Fact]
    public void Days_are_Beijing_dates_and_coverage_is_inclusive()
    {
        // 2027-01-04 23:00 Beijing = 15:00 UTC the same day; 2027-01-06 00:00 Beijing = 2027-01-05 16:00 UTC.
        Assert.Equal([new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 6)],
            ExplanationPeriod.BeijingDays(Bj(2027, 1, 4, 23), Bj(2027, 1, 6, 0)));
        Assert.Equal([new DateOnly(2027, 1, 5)], ExplanationPeriod.BeijingDays(new DateTimeOffset(2027, 1, 4, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 5, 15, 0, 0, TimeSpan.Zero)));
        Assert.True(ExplanationPeriod.Covers(Bj(2027, 1, 5, 11), Bj(2027, 1, 5, 12), Bj(2027, 1, 5, 12)));
        Assert.False(ExplanationPeriod.Covers(Bj(2027, 1, 5, 11), Bj(2027, 1, 5, 12), Bj(2027, 1, 5, 13)));
        Assert.False(ExplanationPeriod.Covers(Bj(2027, 1, 5, 11), Bj(2027, 1, 5, 12), Bj(2027, 1, 5, 10)));
    }

    [Fact]
    public void Late_filing_is_past_the_window_after_the_last_hour_ends()
    {
        // Last hour 12:00–13:00 on 2027-01-05; a 10-day window ends 2027-01-15 13:00.
        Assert.False(ExplanationPeriod.IsLate(Bj(2027, 1, 5, 12), Bj(2027, 1, 15, 13), 10));
        Assert.True(ExplanationPeriod.IsLate(Bj(2027, 1, 5, 12), Bj(2027, 1, 15, 13).AddSeconds(1), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExplanationPeriod.IsLate(Bj(2027, 1, 5, 12), Bj(2027, 1, 5, 12), -1));
    }
}
