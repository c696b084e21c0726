using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Supervision.Tests.Waste.Ledger;

/// <summary>Storage age (supervision.md §3.3; 固废法 Art. 81; acceptance "stored 366 days → alert; 365 → not"). Day counts by
/// hand: 2025-03-01 → 2026-03-01 spans March 2025 … February 2026 with no 29 February = 365 days; 2024-01-01 → 2025-01-01
/// spans the leap year 2024 = 366 days.</summary>
public class StorageAgeTests
{
    private static readonly WasteRules Rules = WasteRules.Default;

    // Beijing instants written with their +08:00 offset, so the Beijing calendar date is the one printed.
    private static DateTimeOffset Bj(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, SmartEnv.Standards.Common.BeijingTime.Offset);

    [Fact]
    public void A_year_without_29_February_is_365_days_and_within()
    {
        var days = StorageAge.Days(Bj(2025, 3, 1, 10), Bj(2026, 3, 1, 9));
        Assert.Equal(365, days);
        Assert.Equal(StorageAgeState.Ok, StorageAge.State(days, isBusinessUnit: false, Rules));
        Assert.Equal(StorageAgeState.Ok, StorageAge.State(days, isBusinessUnit: true, Rules));
    }

    [Fact]
    public void The_next_day_is_366_a_warning_for_a_generator_and_over_the_legal_limit_for_a_business_unit()
    {
        var days = StorageAge.Days(Bj(2025, 3, 1, 10), Bj(2026, 3, 2, 0, 1));
        Assert.Equal(366, days);
        Assert.Equal(StorageAgeState.Warning, StorageAge.State(days, isBusinessUnit: false, Rules));
        Assert.Equal(StorageAgeState.OverLegalLimit, StorageAge.State(days, isBusinessUnit: true, Rules));
    }

    [Fact]
    public void A_leap_year_is_366_days_and_already_flagged()
    {
        // Stated in StorageAge's docstring: the rule counts days, so exactly one calendar year across 29 February is flagged.
        var days = StorageAge.Days(Bj(2024, 1, 1, 8), Bj(2025, 1, 1, 8));
        Assert.Equal(366, days);
        Assert.Equal(StorageAgeState.OverLegalLimit, StorageAge.State(days, isBusinessUnit: true, Rules));
    }

    [Fact]
    public void Days_are_Beijing_calendar_days()
    {
        // Stored 23:59 Beijing on 31 Dec (15:59 UTC), looked at 00:01 Beijing on 1 Jan (16:01 UTC): 1 day, though 2 minutes.
        Assert.Equal(1, StorageAge.Days(new DateTimeOffset(2025, 12, 31, 15, 59, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 31, 16, 1, 0, TimeSpan.Zero)));
        // 00:01 and 23:59 Beijing of the same day: 0.
        Assert.Equal(0, StorageAge.Days(Bj(2026, 1, 5, 0, 1), Bj(2026, 1, 5, 23, 59)));
        // "now" before the storage date: 0, never negative.
        Assert.Equal(0, StorageAge.Days(Bj(2026, 1, 5, 10), Bj(2026, 1, 1, 10)));
    }
}
