using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Tests;

/// <summary>Boundaries of the observation-time rule, worked by hand: 2000-01-01 00:00 Beijing = 1999-12-31 16:00 UTC;
/// "now" 2026-06-01 04:00 UTC = 12:00 Beijing; device tolerance 1 h, file tolerance 0.</summary>
public sealed class DataTimePlausibilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    [Fact]
    public void Lower_bound_is_midnight_of_2000_01_01_Beijing()
    {
        Assert.Equal(DataTimeVerdict.Plausible, DataTimePlausibility.Check(new DateTimeOffset(1999, 12, 31, 16, 0, 0, TimeSpan.Zero), Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.TooEarly, DataTimePlausibility.Check(new DateTimeOffset(1999, 12, 31, 23, 59, 0, Beijing), Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.TooEarly, DataTimePlausibility.Check(DateTimeOffset.MinValue, Now, TimeSpan.Zero));
    }

    [Fact]
    public void Upper_bound_is_now_plus_the_tolerance()
    {
        Assert.Equal(DataTimeVerdict.Plausible, DataTimePlausibility.Check(Now, Now, DataTimePlausibility.FileTolerance));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.Check(Now.AddMinutes(1), Now, DataTimePlausibility.FileTolerance));
        Assert.Equal(DataTimeVerdict.Plausible, DataTimePlausibility.Check(new DateTimeOffset(2026, 6, 1, 13, 0, 0, Beijing), Now, DataTimePlausibility.DeviceTolerance));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.Check(new DateTimeOffset(2026, 6, 1, 13, 1, 0, Beijing), Now, DataTimePlausibility.DeviceTolerance));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.Check(DateTimeOffset.MaxValue, Now, DataTimePlausibility.DeviceTolerance));
    }

    [Fact]
    public void Extreme_labels_and_wall_clock_times_give_a_verdict_instead_of_overflowing()
    {
        Assert.Equal(DataTimeVerdict.TooEarly, DataTimePlausibility.CheckHourLabel(new DateOnly(1, 1, 1), 0, Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.CheckHourLabel(new DateOnly(9999, 12, 31), 23, Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.CheckBeijing(DateTime.MaxValue, Now, TimeSpan.Zero));
        // Label (2000-01-01, 0) is the hour 1999-12-31 23:00–24:00: too early; label (2000-01-01, 1) starts at 00:00.
        Assert.Equal(DataTimeVerdict.TooEarly, DataTimePlausibility.CheckHourLabel(new DateOnly(2000, 1, 1), 0, Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.Plausible, DataTimePlausibility.CheckHourLabel(new DateOnly(2000, 1, 1), 1, Now, TimeSpan.Zero));
        // Label (2026-06-01, 13) starts at 12:00 Beijing = now: plausible for a file; (…, 14) starts 13:00: in the future.
        Assert.Equal(DataTimeVerdict.Plausible, DataTimePlausibility.CheckHourLabel(new DateOnly(2026, 6, 1), 13, Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.CheckHourLabel(new DateOnly(2026, 6, 1), 14, Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.Plausible, DataTimePlausibility.CheckDay(new DateOnly(2026, 6, 1), Now, TimeSpan.Zero));
        Assert.Equal(DataTimeVerdict.InFuture, DataTimePlausibility.CheckDay(new DateOnly(2026, 6, 2), Now, TimeSpan.Zero));
    }

    [Fact]
    public void Describe_names_the_bound()
    {
        Assert.Equal("before 2000-01-01 00:00 Beijing time", DataTimePlausibility.Describe(DataTimeVerdict.TooEarly, Now, TimeSpan.Zero));
        Assert.Equal("later than now (2026-06-01 04:00 UTC + 1 h)", DataTimePlausibility.Describe(DataTimeVerdict.InFuture, Now, TimeSpan.FromHours(1)));
        Assert.Equal("later than now (2026-06-01 04:00 UTC)", DataTimePlausibility.Describe(DataTimeVerdict.InFuture, Now, TimeSpan.Zero));
    }
}
