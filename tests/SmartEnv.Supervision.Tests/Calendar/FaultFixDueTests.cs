using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Calendar;

/// <summary>The one working-day figure of issue 16 (source-rules.tsv <c>fault.fix_workdays</c> = 5, online-monitoring-rates.md
/// §1) is counted on the working-day calendar, not in calendar days.</summary>
public class FaultFixDueTests
{
    // Reported Mon 2024-09-30; 〔2023〕7号: 10-01…10-07 off, Sat 10-12 worked → 10-08 (1) … 10-11 (4), 10-12 (5).
    // In calendar days it would have been 10-05.
    [Fact]
    public void Five_working_days_after_a_report_before_national_day()
    {
        Assert.Equal(5, SourceRuleFile.Default.FaultFixWorkdays);
        Assert.Equal((new DateOnly(2024, 10, 12), false), SourceRuleFile.Default.FaultFixDue(new DateOnly(2024, 9, 30), WorkdayCalendar.China));
    }

    [Fact]
    public void Without_the_row_there_is_no_due_day()
    {
        var rules = SourceRuleFile.Default with { Rows = [.. SourceRuleFile.Default.Rows.Where(r => r.Key != "fault.fix_workdays")] };
        Assert.Null(rules.FaultFixWorkdays);
        Assert.Null(rules.FaultFixDue(new DateOnly(2024, 9, 30), WorkdayCalendar.China));
    }
}
