using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Monitoring;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Tests;

namespace SmartEnv.Supervision.Tests.Waste.Manifests;

/// <summary>
/// Manifest due days at the end of the loaded calendar (issue 17 follow-up): the embedded cn-workdays.tsv holds the notices
/// 2019–2026 and NO row after 2026-10-10 (the 2026 National Day block), so every weekday of late December 2026 is a working
/// day and 2027 is uncovered. A count that reaches 2027 is provisional (Saturday/Sunday the only rest days there), never
/// refused; with a table that holds a 2027 notice the same count is exact. The "2027 notice" below is MADE UP for the test
/// (元旦 Fri 01-01…Sun 01-03 off; two 春节 rows so that 2027 counts as covered) — it is not the State Council's.
/// Every expected day is counted by hand in the comment.
/// </summary>
public class ManifestDueProvisionalTests
{
    private static readonly WorkdayCalendar Cal = WorkdayCalendar.China;
    private static readonly WasteRules Rules = WasteRules.Default;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>The embedded table plus a made-up 2027 notice (test only).</summary>
    internal static WorkdayCalendar With2027TestNotice()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/SmartEnv.Supervision/Resources/cn-workdays.tsv"));
        const string made = "2027-01-01\tholiday\t元旦\tTEST ONLY\tmade up\n2027-01-02\tholiday\t元旦\tTEST ONLY\tmade up\n"
            + "2027-01-03\tholiday\t元旦\tTEST ONLY\tmade up\n2027-02-08\tholiday\t春节\tTEST ONLY\tmade up\n2027-02-09\tholiday\t春节\tTEST ONLY\tmade up\n";
        return WorkdayCalendar.Load(new StringReader(text.TrimEnd('\n') + "\n" + made));
    }

    [Fact]
    public void The_embedded_table_has_no_row_in_late_december_2026()
    {
        // What the hand counts below rely on: Thu 2026-12-24 … Thu 2026-12-31 weekdays are plain working days.
        foreach (var d in new[] { D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31) })
            Assert.Equal((true, false), Cal.IsWorkdayOrEstimate(d));
        Assert.Equal((false, false), Cal.IsWorkdayOrEstimate(D(2026, 12, 26))); // Saturday, no 调休 row
        Assert.Equal((true, true), Cal.IsWorkdayOrEstimate(D(2027, 1, 1)));     // Friday, uncovered: estimated
        Assert.Equal((false, true), Cal.IsWorkdayOrEstimate(D(2027, 1, 2)));    // Saturday, uncovered
    }

    /// <summary>Arrival Thu 2026-12-24 (not counted): Fri 25 = 1, Mon 28 = 2, Tue 29 = 3, Wed 30 = 4, Thu 31 = 5 → exact,
    /// inside the 2026 table.</summary>
    [Fact]
    public void Arrival_on_24_December_2026_is_due_on_the_31st_exactly() =>
        Assert.Equal((D(2026, 12, 31), false), ManifestDeadlines.ReceiptDue(D(2026, 12, 24), Cal, Rules));

    /// <summary>Arrival Mon 2026-12-28: Tue 29 = 1, Wed 30 = 2, Thu 31 = 3, Fri 2027-01-01 = 4 (estimated), Sat/Sun rest,
    /// Mon 01-04 = 5 → provisional 2027-01-04. With the made-up notice (01-01…01-03 off): 29, 30, 31 = 3, Mon 01-04 = 4,
    /// Tue 01-05 = 5 → exact 2027-01-05.</summary>
    [Fact]
    public void Arrival_on_28_December_2026_is_provisional_until_the_2027_notice_is_loaded()
    {
        Assert.Equal((D(2027, 1, 4), true), ManifestDeadlines.ReceiptDue(D(2026, 12, 28), Cal, Rules));
        Assert.False(ManifestDeadlines.ReceiptOverdue(D(2026, 12, 28), D(2027, 1, 4), Cal, Rules));
        Assert.True(ManifestDeadlines.ReceiptOverdue(D(2026, 12, 28), D(2027, 1, 5), Cal, Rules));
        Assert.Equal((D(2027, 1, 5), false), ManifestDeadlines.ReceiptDue(D(2026, 12, 28), With2027TestNotice(), Rules));
    }

    /// <summary>Paper Thu 2026-12-17 + 10: Fri 18 = 1, Mon 21…Fri 25 = 2…6, Mon 28…Thu 31 = 7…10 → exact 2026-12-31 (the
    /// last paper day whose back-fill stays in 2026). Paper Fri 12-18 + 10: 21…25 = 1…5, 28…31 = 6…9, Fri 2027-01-01 = 10
    /// (estimated) → provisional; with the made-up notice 01-01…01-03 are off, Mon 01-04 = 10 → exact 2027-01-04.</summary>
    [Fact]
    public void Back_fill_after_a_paper_transfer_from_18_December_2026_is_provisional()
    {
        Assert.Equal((D(2026, 12, 31), false), ManifestDeadlines.BackfillDue(D(2026, 12, 17), Cal, Rules));
        Assert.Equal((D(2027, 1, 1), true), ManifestDeadlines.BackfillDue(D(2026, 12, 18), Cal, Rules));
        Assert.Equal((D(2027, 1, 4), false), ManifestDeadlines.BackfillDue(D(2026, 12, 18), With2027TestNotice(), Rules));
    }

    /// <summary>The estimate equals the exact count wherever the table covers every day reached (acceptance 2024-09-30 + 5
    /// = 2024-10-12, see WorkdayCalendarTests), a day before the table (2018) is estimated too, and n &lt; 1 is refused.</summary>
    [Fact]
    public void The_estimate_is_the_exact_count_inside_the_table()
    {
        Assert.Equal((D(2024, 10, 12), false), Cal.AddWorkdaysOrEstimate(D(2024, 9, 30), 5));
        Assert.Equal(Cal.AddWorkdays(D(2026, 12, 29), 2), Cal.AddWorkdaysOrEstimate(D(2026, 12, 29), 2).Date);
        // Fri 2018-12-28 (uncovered start) + 1: Sat 29, Sun 30 estimated rest (the table's 2018 rows are not a covered year),
        // Mon 12-31 = 1 → provisional.
        Assert.Equal((D(2018, 12, 31), true), Cal.AddWorkdaysOrEstimate(D(2018, 12, 28), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.AddWorkdaysOrEstimate(D(2024, 9, 30), 0));
        // The exact method (and the CLI on it) still refuses: the law is not estimated.
        Assert.Equal(2027, Assert.Throws<CalendarRangeException>(() => Cal.AddWorkdays(D(2026, 12, 28), 5)).Year);
    }

    /// <summary>The one method serves the complaint periods and the fault-fix day too: 5 working days from Mon 2026-12-28 as
    /// above → provisional 2027-01-04; fault reported Mon 2026-12-28 + 5 (source-rules.tsv fault.fix_workdays) → the same.</summary>
    [Fact]
    public void Complaints_and_fault_fixes_count_on_the_same_estimate()
    {
        Assert.Equal(new ComplaintDue(D(2027, 1, 4), true), ComplaintDeadlines.Due(D(2026, 12, 28), 5, DayKind.Workday, false, Cal));
        Assert.Equal((D(2027, 1, 4), true), SourceRuleFile.Default.FaultFixDue(D(2026, 12, 28), Cal));
    }
}
