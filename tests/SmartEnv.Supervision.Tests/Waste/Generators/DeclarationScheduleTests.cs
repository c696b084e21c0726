using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Generators;

namespace SmartEnv.Supervision.Tests.Waste.Generators;

/// <summary>HJ 1259-2022 §5.2/§7.2 schedule: plan and annual by 31 March, monthly by the 15th of the next month, quarterly by
/// the 15th of the next quarter's first month; status on the due day and the day after. Dates by hand.</summary>
public class DeclarationScheduleTests
{
    private static readonly WasteRules R = WasteRules.Default;

    [Fact]
    public void Key_class_files_the_plan_twelve_months_and_the_annual()
    {
        var s = DeclarationSchedule.For(WasteManagementClass.Key, 2027, R);
        Assert.Equal(14, s.Count);
        Assert.Equal(new DeclarationDue(DeclarationKind.Monthly, "2027-01", new(2027, 1, 1), new(2027, 1, 31), new(2027, 2, 15)), s[0]);
        Assert.Equal(new DeclarationDue(DeclarationKind.Monthly, "2027-02", new(2027, 2, 1), new(2027, 2, 28), new(2027, 3, 15)), s[1]);
        Assert.Equal(new DeclarationDue(DeclarationKind.Plan, "2027", new(2027, 1, 1), new(2027, 12, 31), new(2027, 3, 31)), s[2]);
        Assert.Equal(new DeclarationDue(DeclarationKind.Monthly, "2027-12", new(2027, 12, 1), new(2027, 12, 31), new(2028, 1, 15)), s[12]);
        Assert.Equal(new DeclarationDue(DeclarationKind.Annual, "2027", new(2027, 1, 1), new(2027, 12, 31), new(2028, 3, 31)), s[13]);
        Assert.DoesNotContain(s, d => d.Kind == DeclarationKind.Quarterly);
    }

    [Fact]
    public void Simplified_class_files_quarterly_on_the_15th_of_the_next_quarters_first_month()
    {
        var q = DeclarationSchedule.For(WasteManagementClass.Simplified, 2027, R).Where(d => d.Kind == DeclarationKind.Quarterly).ToList();
        Assert.Equal(["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"], q.Select(d => d.Period));
        Assert.Equal([new DateOnly(2027, 4, 15), new(2027, 7, 15), new(2027, 10, 15), new(2028, 1, 15)], q.Select(d => d.DueOn));
        Assert.Equal(new DateOnly(2027, 9, 30), q[2].PeriodEnd);
    }

    [Fact]
    public void Registration_class_files_the_plan_and_the_annual_only()
    {
        var s = DeclarationSchedule.For(WasteManagementClass.Registration, 2027, R);
        Assert.Equal([DeclarationKind.Plan, DeclarationKind.Annual], s.Select(d => d.Kind));
    }

    [Fact]
    public void A_leap_year_changes_nothing_but_february_s_length()
    {
        // 2028 is a leap year: the plan is still due 03-31, February's period ends on the 29th, its declaration 03-15.
        var s = DeclarationSchedule.For(WasteManagementClass.Key, 2028, R);
        Assert.Equal(new DateOnly(2028, 3, 31), s.Single(d => d.Kind == DeclarationKind.Plan).DueOn);
        var feb = s.Single(d => d.Period == "2028-02");
        Assert.Equal((new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 15)), (feb.PeriodEnd, feb.DueOn));
    }

    [Fact]
    public void The_15th_is_on_time_the_16th_overdue()
    {
        var due = new DateOnly(2027, 2, 15);
        Assert.Equal(DeclarationStatus.Due, DeclarationSchedule.Status(due, null, new(2027, 2, 15)));
        Assert.Equal(DeclarationStatus.Overdue, DeclarationSchedule.Status(due, null, new(2027, 2, 16)));
        Assert.Equal(DeclarationStatus.Submitted, DeclarationSchedule.Status(due, new(2027, 2, 15), new(2027, 5, 1)));
        Assert.Equal(DeclarationStatus.SubmittedLate, DeclarationSchedule.Status(due, new(2027, 2, 16), new(2027, 2, 16)));
    }

    [Fact]
    public void The_31st_of_march_is_on_time_the_1st_of_april_overdue()
    {
        var plan = DeclarationSchedule.For(WasteManagementClass.Registration, 2027, R)[0];
        Assert.Equal(DeclarationStatus.Due, DeclarationSchedule.Status(plan.DueOn, null, new(2027, 3, 31)));
        Assert.Equal(DeclarationStatus.Overdue, DeclarationSchedule.Status(plan.DueOn, null, new(2027, 4, 1)));
    }
}
