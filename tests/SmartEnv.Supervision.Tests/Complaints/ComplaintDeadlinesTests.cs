using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>ComplaintDeadlines on the embedded 2019–2026 calendar. Every expected date is counted by hand below (the start
/// day is not counted; 2024 National Day holiday 10-01…10-07 with Sunday 09-29 and Saturday 10-12 worked; 2025 Spring
/// Festival 01-28…02-04 with Sunday 01-26 and Saturday 02-08 worked — cn-workdays.tsv).</summary>
public class ComplaintDeadlinesTests
{
    private static readonly ComplaintRules R = ComplaintRules.Default;
    private static readonly WorkdayCalendar C = WorkdayCalendar.China;
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Acceptance_answer_rolls_out_of_the_National_Day_block()
    {
        // registered Fri 2024-09-20; 15 days: Sep 21…30 = 10, Oct 1…5 = 15 → Sat 2024-10-05, a holiday (10-01…10-07);
        // 10-06 Sun holiday, 10-07 Mon holiday, 10-08 Tue working day.
        Assert.Equal(new ComplaintDue(D(2024, 10, 8), false), ComplaintDeadlines.AcceptanceDue(D(2024, 9, 20), R, C));
        // without roll-forward the bare count stands
        Assert.Equal(new ComplaintDue(D(2024, 10, 5), false), ComplaintDeadlines.Due(D(2024, 9, 20), 15, DayKind.Calendar, false, C));
    }

    [Fact]
    public void Handling_sixty_days_and_the_thirty_day_extension()
    {
        // accepted Fri 2024-09-20; Sep 21…30 = 10, Oct = 31 → 41, Nov 1…19 = 60 → Tue 2024-11-19 (a working day)
        Assert.Equal(new ComplaintDue(D(2024, 11, 19), false), ComplaintDeadlines.HandlingDue(D(2024, 9, 20), 0, R, C));
        // + 30 extension: 90 days: 41 + Nov 30 = 71, Dec 1…19 = 90 → Thu 2024-12-19
        Assert.Equal(new ComplaintDue(D(2024, 12, 19), false), ComplaintDeadlines.HandlingDue(D(2024, 9, 20), 30, R, C));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintDeadlines.HandlingDue(D(2024, 9, 20), 31, R, C));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintDeadlines.HandlingDue(D(2024, 9, 20), -1, R, C));
    }

    [Fact]
    public void Review_request_rolls_a_Sunday_to_Monday()
    {
        // replied Fri 2024-12-20; Dec 21…31 = 11, Jan 1…19 = 30 → Sun 2025-01-19, rest day → Mon 2025-01-20
        Assert.Equal(new ComplaintDue(D(2025, 1, 20), false), ComplaintDeadlines.ReviewRequestDue(D(2024, 12, 20), R, C));
    }

    [Fact]
    public void Review_decision_rolls_over_the_Spring_Festival()
    {
        // requested Wed 2025-01-01; Jan 2…31 = 30 → Fri 2025-01-31, holiday (01-28…02-04) → 02-01…02-04 holidays →
        // Wed 2025-02-05
        Assert.Equal(new ComplaintDue(D(2025, 2, 5), false), ComplaintDeadlines.ReviewDecisionDue(D(2025, 1, 1), R, C));
    }

    [Fact]
    public void Recheck_request_ending_on_a_worked_Saturday_does_not_roll()
    {
        // decided Thu 2025-01-09; Jan 10…31 = 22, Feb 1…8 = 30 → Sat 2025-02-08, worked by 调休 → stays
        Assert.Equal(new ComplaintDue(D(2025, 2, 8), false), ComplaintDeadlines.RecheckRequestDue(D(2025, 1, 9), R, C));
    }

    [Fact]
    public void Recheck_decision_on_a_plain_weekday()
    {
        // requested Mon 2024-06-03; Jun 4…30 = 27, Jul 1…3 = 30 → Wed 2024-07-03
        Assert.Equal(new ComplaintDue(D(2024, 7, 3), false), ComplaintDeadlines.RecheckDecisionDue(D(2024, 6, 3), R, C));
    }

    [Fact]
    public void Objection_five_working_days_across_the_National_Day_holiday()
    {
        // received Fri 2024-09-27: Sat 09-28 rest; Sun 09-29 worked (1); Mon 09-30 (2); 10-01…10-07 holiday;
        // Tue 10-08 (3), Wed 10-09 (4), Thu 10-10 (5)
        Assert.Equal(new ComplaintDue(D(2024, 10, 10), false), ComplaintDeadlines.ObjectionDue(D(2024, 9, 27), R, C));
    }

    [Fact]
    public void A_count_into_2027_is_provisional_never_refused()
    {
        // registered Fri 2026-12-18; Dec 19…31 = 13, Jan 1…2 = 15 → Sat 2027-01-02; no 2027 notice: weekends only →
        // Sun 01-03 rest → Mon 2027-01-04, provisional
        Assert.Equal(new ComplaintDue(D(2027, 1, 4), true), ComplaintDeadlines.AcceptanceDue(D(2026, 12, 18), R, C));
        // accepted Sun 2026-11-15; Nov 16…30 = 15, Dec = 31 → 46, Jan 1…14 = 60 → Thu 2027-01-14, provisional (the
        // roll-forward check needed 2027)
        Assert.Equal(new ComplaintDue(D(2027, 1, 14), true), ComplaintDeadlines.HandlingDue(D(2026, 11, 15), 0, R, C));
        // working days from Mon 2026-12-28: Tue 12-29 (1), Wed 12-30 (2), Thu 12-31 (3), Fri 2027-01-01 taken as a
        // working day without the notice (4), Mon 2027-01-04 (5) → provisional
        Assert.Equal(new ComplaintDue(D(2027, 1, 4), true), ComplaintDeadlines.ObjectionDue(D(2026, 12, 28), R, C));
    }

    [Fact]
    public void A_count_that_needs_no_calendar_is_not_provisional()
    {
        // calendar days without roll-forward: Jan 2…16 = 15
        Assert.Equal(new ComplaintDue(D(2030, 1, 16), false), ComplaintDeadlines.Due(D(2030, 1, 1), 15, DayKind.Calendar, false, C));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintDeadlines.Due(D(2024, 1, 1), 0, DayKind.Calendar, true, C));
    }

    [Fact]
    public void Overdue_is_after_the_due_day()
    {
        var due = new ComplaintDue(D(2024, 10, 8), false);
        Assert.False(ComplaintDeadlines.Overdue(due, D(2024, 10, 7)));
        Assert.False(ComplaintDeadlines.Overdue(due, D(2024, 10, 8)));
        Assert.True(ComplaintDeadlines.Overdue(due, D(2024, 10, 9)));
    }

    [Fact]
    public void A_rules_file_that_counts_handling_in_working_days_is_obeyed()
    {
        var text = RulesFileText().Replace("handling.days\t60\tday\tcalendar", "handling.days\t10\tworking day\tworkday");
        var r = ComplaintRules.Load(new StringReader(text));
        // accepted Fri 2024-09-27, 10 working days: 09-29 Sun worked (1), 09-30 (2), holiday 10-01…07, 10-08 (3),
        // 10-09 (4), 10-10 (5), 10-11 (6), Sat 10-12 worked (7), 10-14 (8), 10-15 (9), 10-16 (10)
        Assert.Equal(new ComplaintDue(D(2024, 10, 16), false), ComplaintDeadlines.HandlingDue(D(2024, 9, 27), 0, r, C));
    }

    internal static string RulesFileText()
    {
        using var s = typeof(ComplaintRules).Assembly.GetManifestResourceStream("SmartEnv.Supervision.Resources.complaint-rules.tsv")!;
        using var rd = new StreamReader(s);
        return rd.ReadToEnd();
    }
}
