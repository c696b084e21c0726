using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Supervision.Tests.Emergency;

/// <summary>环发〔2015〕4号 filing periods on cn-workdays.tsv.</summary>
public class PlanFilingTests
{
    [Fact]
    public void Plan_signed_2024_09_20_is_due_2024_10_23()
    {
        // Hand count from cn-workdays.tsv (2024 notice 国办发明电〔2023〕7号): signed Fri 2024-09-20 = day 0.
        // 09-23 Mon 1, 09-24 2, 09-25 3, 09-26 4, 09-27 Fri 5, (09-28 Sat rest), 09-29 Sun worked (调休) 6, 09-30 Mon 7,
        // 10-01…10-07 国庆 holiday, 10-08 Tue 8, 10-09 9, 10-10 10, 10-11 Fri 11, 10-12 Sat worked (调休) 12, (10-13 Sun rest),
        // 10-14 Mon 13, 10-15 14, 10-16 15, 10-17 16, 10-18 Fri 17, 10-21 Mon 18, 10-22 19, 10-23 Wed 20.
        var d = PlanFiling.Deadlines(new DateOnly(2024, 9, 20), null);
        Assert.Equal(new DateOnly(2024, 10, 23), d.FilingDue);
        Assert.False(d.FilingDueProvisional);
        Assert.Null(d.CheckDue);
    }

    [Fact]
    public void Check_is_due_5_working_days_after_submission()
    {
        // submitted Mon 2024-09-30: 10-01…07 holiday, 10-08 1, 10-09 2, 10-10 3, 10-11 4, Sat 10-12 worked 5
        var d = PlanFiling.Deadlines(new DateOnly(2024, 9, 20), new DateOnly(2024, 9, 30));
        Assert.Equal(new DateOnly(2024, 10, 12), d.CheckDue);
    }

    [Fact]
    public void Review_is_due_three_years_after_signing()
    {
        Assert.Equal(new DateOnly(2027, 9, 20), PlanFiling.Deadlines(new DateOnly(2024, 9, 20), null).ReviewDue);
        Assert.Equal(new DateOnly(2027, 2, 28), PlanFiling.Deadlines(new DateOnly(2024, 2, 29), null).ReviewDue); // no 29 Feb 2027
    }

    [Fact]
    public void Review_due_soon_and_overdue_boundaries()
    {
        var d = PlanFiling.Deadlines(new DateOnly(2024, 9, 20), new DateOnly(2024, 9, 30)); // review due 2027-09-20
        PlanDueStatus On(DateOnly day) => PlanFiling.Status(d, PlanFilingState.Filed, null, day);
        // 90 days before 2027-09-20 is 2027-06-22 (Sep 20 → Aug 21 is 30, → Jul 22 is 61, → Jun 22 is 91? count: Jun 22→Sep 20 =
        // 8 (to Jun 30) + 31 (Jul) + 31 (Aug) + 20 (Sep) = 90 days)
        Assert.False(On(new DateOnly(2027, 6, 21)).ReviewDueSoon); // 91 days before
        Assert.True(On(new DateOnly(2027, 6, 22)).ReviewDueSoon);  // 90 days before
        Assert.True(On(new DateOnly(2027, 9, 20)).ReviewDueSoon);  // the due day itself
        Assert.False(On(new DateOnly(2027, 9, 20)).ReviewOverdue);
        Assert.True(On(new DateOnly(2027, 9, 21)).ReviewOverdue);
        Assert.False(On(new DateOnly(2027, 9, 21)).ReviewDueSoon);
    }

    [Fact]
    public void Filing_check_and_refile_overdue()
    {
        var d = PlanFiling.Deadlines(new DateOnly(2024, 9, 20), new DateOnly(2024, 9, 30));
        Assert.False(PlanFiling.Status(d, PlanFilingState.Signed, null, new DateOnly(2024, 10, 23)).FilingOverdue);
        Assert.True(PlanFiling.Status(d, PlanFilingState.Signed, null, new DateOnly(2024, 10, 24)).FilingOverdue);
        Assert.False(PlanFiling.Status(d, PlanFilingState.Submitted, null, new DateOnly(2024, 10, 24)).FilingOverdue);
        Assert.False(PlanFiling.Status(d, PlanFilingState.Submitted, null, new DateOnly(2024, 10, 12)).CheckOverdue);
        Assert.True(PlanFiling.Status(d, PlanFilingState.Submitted, null, new DateOnly(2024, 10, 13)).CheckOverdue);
        Assert.False(PlanFiling.Status(d, PlanFilingState.Filed, null, new DateOnly(2024, 10, 13)).CheckOverdue);
        Assert.False(PlanFiling.Status(d, PlanFilingState.Returned, new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 1)).RefileOverdue);
        Assert.True(PlanFiling.Status(d, PlanFilingState.Returned, new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 2)).RefileOverdue);
    }

    [Fact]
    public void A_deadline_past_the_calendar_is_provisional()
    {
        // 2026-12-20 + 20 working days reaches January 2027, whose notice is not loaded
        Assert.True(PlanFiling.Deadlines(new DateOnly(2026, 12, 20), null).FilingDueProvisional);
    }

    [Fact]
    public void Moves()
    {
        Assert.True(PlanFiling.CanMove(PlanFilingState.Signed, PlanFilingState.Submitted));
        Assert.True(PlanFiling.CanMove(PlanFilingState.Submitted, PlanFilingState.Returned));
        Assert.True(PlanFiling.CanMove(PlanFilingState.Returned, PlanFilingState.Submitted));
        Assert.False(PlanFiling.CanMove(PlanFilingState.Signed, PlanFilingState.Filed));
        Assert.False(PlanFiling.CanMove(PlanFilingState.Filed, PlanFilingState.Submitted));
    }
}
