using SmartEnv.Supervision.Credit;
using S = SmartEnv.Supervision.Credit.CreditInfoSeverity;

namespace SmartEnv.Supervision.Tests.Credit;

/// <summary>Credit-repair windows: 轻微 0–3, 一般 3–12, 严重 12–36 calendar months (credit-rules.tsv, supervision.md §7.3
/// [U]); a month period ends on the same day number, or the month's last day when that month is shorter. Dates worked
/// by hand from the calendar (2024 is a leap year; 2023, 2025, 2027 are not).</summary>
public class CreditRepairTests
{
    private static readonly CreditRules R = CreditRules.Default;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-01-31", 1, "2024-02-29")]   // leap February: no 31st → last day 29
    [InlineData("2023-01-31", 1, "2023-02-28")]   // common year → 28
    [InlineData("2024-03-31", 1, "2024-04-30")]   // April has 30 days
    [InlineData("2024-01-15", 3, "2024-04-15")]   // same day number
    [InlineData("2023-11-30", 3, "2024-02-29")]   // across the year end into a leap February
    [InlineData("2024-02-29", 12, "2025-02-28")]  // 2025 has no 29 February
    [InlineData("2024-02-29", 36, "2027-02-28")]
    [InlineData("2024-02-29", 48, "2028-02-29")]  // 2028 is a leap year again
    [InlineData("2024-08-31", 12, "2025-08-31")]
    [InlineData("2024-05-10", 0, "2024-05-10")]
    public void Calendar_months_clamp_to_the_month_end(string start, int months, string expected) =>
        Assert.Equal(D(expected), CreditRepair.AddMonths(D(start), months));

    [Fact]
    public void Negative_months_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditRepair.AddMonths(D("2024-01-01"), -1));

    [Fact]
    public void General_information_published_on_a_month_end()
    {
        // 一般 3–12 months from 2024-01-31: shortest ends 2024-04-30 (April has no 31st) → repair from 2024-05-01;
        // longest ends 2025-01-31 → no longer published from 2025-02-01.
        var w = CreditRepair.Window(R, S.General, D("2024-01-31"));
        Assert.Equal((D("2024-04-30"), D("2024-05-01")), (w.ShortestPeriodEnds, w.EarliestRepairDate));
        Assert.Equal((D("2025-01-31"), D("2025-02-01")), (w.LongestPeriodEnds, w.AutomaticEnd));
        Assert.False(w.CanApplyOn(D("2024-04-30")));
        Assert.True(w.CanApplyOn(D("2024-05-01")));
        Assert.True(w.CanApplyOn(D("2025-01-31")));
        Assert.False(w.CanApplyOn(D("2025-02-01")));
        Assert.Equal(D("2024-05-01"), CreditRepair.EarliestRepairDate(R, S.General, D("2024-01-31")));
        Assert.Equal(D("2025-02-01"), CreditRepair.AutomaticEnd(R, S.General, D("2024-01-31")));
    }

    [Fact]
    public void Serious_information_published_on_29_February()
    {
        // 严重 12–36 months from 2024-02-29: shortest ends 2025-02-28 → repair from 2025-03-01;
        // longest ends 2027-02-28 → automatic end 2027-03-01.
        var w = CreditRepair.Window(R, S.Serious, D("2024-02-29"));
        Assert.Equal((D("2025-02-28"), D("2025-03-01")), (w.ShortestPeriodEnds, w.EarliestRepairDate));
        Assert.Equal((D("2027-02-28"), D("2027-03-01")), (w.LongestPeriodEnds, w.AutomaticEnd));
    }

    [Fact]
    public void Serious_information_published_on_31_December()
    {
        // 12 months from 2024-12-31 ends 2025-12-31 → repair from 2026-01-01; 36 months ends 2027-12-31 → end 2028-01-01
        var w = CreditRepair.Window(R, S.Serious, D("2024-12-31"));
        Assert.Equal((D("2026-01-01"), D("2028-01-01")), (w.EarliestRepairDate, w.AutomaticEnd));
    }

    [Fact]
    public void Minor_information_is_repairable_at_once()
    {
        // 轻微 0–3 months from 2024-11-30: no shortest period → repair from the day of publication;
        // 3 months ends 2025-02-28 (no 30 February) → end 2025-03-01.
        var w = CreditRepair.Window(R, S.Minor, D("2024-11-30"));
        Assert.Equal((D("2024-11-30"), D("2024-11-30")), (w.ShortestPeriodEnds, w.EarliestRepairDate));
        Assert.Equal((D("2025-02-28"), D("2025-03-01")), (w.LongestPeriodEnds, w.AutomaticEnd));
        Assert.True(w.CanApplyOn(D("2024-11-30")));
        Assert.False(w.CanApplyOn(D("2024-11-29")));
        Assert.Equal("repair.minor", w.Period.Code);
    }
}
