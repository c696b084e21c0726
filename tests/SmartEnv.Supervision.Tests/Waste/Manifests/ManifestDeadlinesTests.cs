using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Manifests;

namespace SmartEnv.Supervision.Tests.Waste.Manifests;

/// <summary>
/// Receipt within 5 working days of arrival (办法 Art. 18), back-fill within 10 (Art. 20). Every due day below is counted
/// BY HAND from the holiday notices (cn-workdays.tsv rows quoted), the arrival day itself not counted.
/// </summary>
public class ManifestDeadlinesTests
{
    private static readonly WorkdayCalendar Cal = WorkdayCalendar.China;
    private static readonly WasteRules Rules = WasteRules.Default;

    /// <summary>Friday 2024-09-27 before the National Day block (国办发明电〔2023〕7号: 10-01…10-07 holiday; Sun 09-29 and
    /// Sat 10-12 worked). Sat 28 no; Sun 29 = 1; Mon 30 = 2; 1–7 Oct holiday; Tue 8 = 3; Wed 9 = 4; Thu 10 = 5.</summary>
    [Fact]
    public void Friday_before_national_day_2024_is_due_on_10_October_and_overdue_from_the_11th()
    {
        var arrived = new DateOnly(2024, 9, 27);
        Assert.Equal(DayOfWeek.Friday, arrived.DayOfWeek);
        Assert.Equal((new DateOnly(2024, 10, 10), false), ManifestDeadlines.ReceiptDue(arrived, Cal, Rules));
        Assert.False(ManifestDeadlines.ReceiptOverdue(arrived, new DateOnly(2024, 10, 7), Cal, Rules));
        Assert.False(ManifestDeadlines.ReceiptOverdue(arrived, new DateOnly(2024, 10, 10), Cal, Rules));
        Assert.True(ManifestDeadlines.ReceiptOverdue(arrived, new DateOnly(2024, 10, 11), Cal, Rules));
    }

    /// <summary>Friday 2025-01-24 before the Spring Festival block (01-28…02-04 holiday; Sun 01-26 and Sat 02-08 worked).
    /// Sat 25 no; Sun 26 = 1; Mon 27 = 2; 28 Jan–4 Feb holiday; Wed 5 = 3; Thu 6 = 4; Fri 7 = 5.</summary>
    [Fact]
    public void Friday_before_spring_festival_2025_is_due_on_7_February()
    {
        var arrived = new DateOnly(2025, 1, 24);
        Assert.Equal(DayOfWeek.Friday, arrived.DayOfWeek);
        Assert.Equal((new DateOnly(2025, 2, 7), false), ManifestDeadlines.ReceiptDue(arrived, Cal, Rules));
        Assert.False(ManifestDeadlines.ReceiptOverdue(arrived, new DateOnly(2025, 2, 7), Cal, Rules));
        Assert.True(ManifestDeadlines.ReceiptOverdue(arrived, new DateOnly(2025, 2, 8), Cal, Rules));
    }

    /// <summary>An ordinary week: Friday 2024-11-08 → Mon 11, Tue 12, Wed 13, Thu 14, Fri 15.</summary>
    [Fact]
    public void Ordinary_friday_is_due_the_next_friday() =>
        Assert.Equal((new DateOnly(2024, 11, 15), false), ManifestDeadlines.ReceiptDue(new DateOnly(2024, 11, 8), Cal, Rules));

    /// <summary>Wednesday 2026-09-30 before National Day 2026 (10-01…10-07 holiday; Sat 10-10 worked): Thu 8 = 1, Fri 9 = 2,
    /// Sat 10 = 3, Mon 12 = 4, Tue 13 = 5.</summary>
    [Fact]
    public void Wednesday_before_national_day_2026_counts_the_worked_saturday() =>
        Assert.Equal((new DateOnly(2026, 10, 13), false), ManifestDeadlines.ReceiptDue(new DateOnly(2026, 9, 30), Cal, Rules));

    /// <summary>Paper transfer Friday 2024-09-27 + 10 working days: Sun 29 = 1, Mon 30 = 2, Tue 8 = 3, Wed 9 = 4, Thu 10 = 5,
    /// Fri 11 = 6, Sat 12 (worked) = 7, Mon 14 = 8, Tue 15 = 9, Wed 16 = 10.</summary>
    [Fact]
    public void Paper_back_fill_is_due_ten_working_days_after_the_transfer()
    {
        var paper = new DateOnly(2024, 9, 27);
        Assert.Equal((new DateOnly(2024, 10, 16), false), ManifestDeadlines.BackfillDue(paper, Cal, Rules));
        Assert.False(ManifestDeadlines.BackfillOverdue(paper, new DateOnly(2024, 10, 16), Cal, Rules));
        Assert.True(ManifestDeadlines.BackfillOverdue(paper, new DateOnly(2024, 10, 17), Cal, Rules));
    }

    [Fact]
    public void Data_are_kept_ten_years() =>
        Assert.Equal(new DateOnly(2034, 9, 27), ManifestDeadlines.RetainUntil(new DateOnly(2024, 9, 27), Rules));
}
