using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Tests.Common;

/// <summary>
/// <see cref="BeijingTime"/> at its boundaries, every expected instant worked by hand in UTC (Beijing 00:00 of D is
/// 16:00 UTC of D−1): midnight, 23:xx, the hour labelled 0 (24:00 of the day before) versus hour 1, year end, a leap
/// day, a summer date (no daylight saving), and local-time parsing.
/// </summary>
public sealed class BeijingTimeTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);
    private static DateOnly D(int y, int mo, int d) => new(y, mo, d);

    [Theory] // natural day 0–24 h Beijing: 15:59:59Z is 23:59:59 of D, 16:00Z is 00:00 of D+1.
    [InlineData(2019, 1, 1, 15, 59, 59, 2019, 1, 1)]
    [InlineData(2019, 1, 1, 16, 0, 0, 2019, 1, 2)]
    [InlineData(2019, 1, 1, 0, 0, 0, 2019, 1, 1)]
    [InlineData(2018, 12, 31, 16, 0, 0, 2019, 1, 1)] // year end
    [InlineData(2020, 2, 28, 16, 0, 0, 2020, 2, 29)] // leap day
    [InlineData(2019, 7, 1, 15, 59, 59, 2019, 7, 1)] // summer: still UTC+8 (no daylight saving)
    [InlineData(2019, 7, 1, 16, 0, 0, 2019, 7, 2)]
    public void Natural_day_of_an_instant(int y, int mo, int d, int h, int mi, int s, int ey, int em, int ed)
    {
        Assert.Equal(D(ey, em, ed), BeijingTime.Date(Utc(y, mo, d, h, mi, s)));
        Assert.Equal(D(ey, em, ed), BeijingTime.Today(Utc(y, mo, d, h, mi, s)));
    }

    [Fact]
    public void Day_bounds_are_Beijing_midnights()
    {
        Assert.Equal(Utc(2019, 1, 1, 16), BeijingTime.DayStart(D(2019, 1, 2)));
        Assert.Equal(Utc(2019, 1, 1, 16), BeijingTime.DayEnd(D(2019, 1, 1)));
        Assert.Equal(Utc(2019, 12, 31, 16), BeijingTime.DayEnd(D(2019, 12, 31)));
        Assert.Equal(Utc(2019, 6, 30, 16), BeijingTime.DayStart(D(2019, 7, 1))); // summer, same offset
        Assert.Equal(TimeSpan.Zero, BeijingTime.DayStart(D(2019, 7, 1)).Offset); // returned as UTC
        Assert.Equal(TimeSpan.FromDays(1), BeijingTime.DayEnd(D(2020, 2, 29)) - BeijingTime.DayStart(D(2020, 2, 29)));
    }

    [Theory] // hour-ending label (CNEMC / HJ 663): the hour starting Beijing 23:00 of D is labelled (D+1, 0), 00:00 → (D, 1).
    [InlineData(2019, 1, 1, 15, 2019, 1, 2, 0)]  // Beijing 2019-01-01 23:00–24:00
    [InlineData(2019, 1, 1, 16, 2019, 1, 2, 1)]  // Beijing 2019-01-02 00:00–01:00
    [InlineData(2019, 1, 1, 14, 2019, 1, 1, 23)] // Beijing 2019-01-01 22:00–23:00
    [InlineData(2019, 12, 31, 15, 2020, 1, 1, 0)] // last hour of the year
    [InlineData(2020, 2, 28, 15, 2020, 2, 29, 0)] // into the leap day
    public void Hour_label_of_an_hour_start(int y, int mo, int d, int h, int ly, int lm, int ld, int lh)
    {
        var start = Utc(y, mo, d, h);
        Assert.Equal((D(ly, lm, ld), lh), BeijingTime.HourLabel(start));
        Assert.Equal(start, BeijingTime.HourStart(D(ly, lm, ld), lh));
        Assert.Equal(start.AddHours(1), BeijingTime.HourEnd(D(ly, lm, ld), lh));
    }

    [Fact]
    public void Label_hour_0_is_hour_24_of_the_day_before_and_hour_1_opens_the_day()
    {
        // Hour labelled (2019-01-02, 0) ends at Beijing 2019-01-02 00:00 = 2019-01-01 16:00 UTC: last hour of 2019-01-01.
        Assert.Equal(Utc(2019, 1, 1, 16), BeijingTime.HourEnd(D(2019, 1, 2), 0));
        Assert.Equal(D(2019, 1, 1), BeijingTime.NaturalDayOfHourEnd(Utc(2019, 1, 1, 16)));
        Assert.Equal(D(2019, 1, 1), HourEnding.NaturalDay(D(2019, 1, 2), 0));
        Assert.Equal(24, HourEnding.HourOfDay(0));
        // Hour labelled (2019-01-02, 1) ends at 01:00 = 17:00 UTC: first hour of 2019-01-02.
        Assert.Equal(D(2019, 1, 2), BeijingTime.NaturalDayOfHourEnd(Utc(2019, 1, 1, 17)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BeijingTime.HourStart(D(2019, 1, 2), 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => BeijingTime.HourEnd(D(2019, 1, 2), -1));
    }

    [Fact]
    public void The_24_hours_of_a_natural_day_are_the_24_hours_between_its_bounds()
    {
        var day = D(2019, 3, 10);
        for (var k = 1; k <= 24; k++)
        {
            var (date, hour) = HourEnding.Label(day, k);
            var start = BeijingTime.HourStart(date, hour);
            Assert.Equal(BeijingTime.DayStart(day).AddHours(k - 1), start);
            Assert.Equal(day, BeijingTime.Date(start));
            Assert.Equal(day, BeijingTime.NaturalDayOfHourEnd(BeijingTime.HourEnd(date, hour)));
            Assert.Equal((date, hour), BeijingTime.HourLabel(start));
        }
    }

    [Fact]
    public void Local_wall_clock_and_back()
    {
        Assert.Equal(new DateTime(2020, 1, 1, 0, 30, 0), BeijingTime.Local(Utc(2019, 12, 31, 16, 30)));
        Assert.Equal(DateTimeKind.Unspecified, BeijingTime.Local(Utc(2019, 12, 31, 16, 30)).Kind);
        Assert.Equal(Utc(2019, 12, 31, 16, 30), BeijingTime.FromLocal(new DateTime(2020, 1, 1, 0, 30, 0, DateTimeKind.Utc))); // Kind ignored
        Assert.Equal(Utc(2019, 7, 1, 6), BeijingTime.At(D(2019, 7, 1), new TimeOnly(14, 0)));
        Assert.Equal("2019-07-01 14:00", BeijingTime.ToBeijing(Utc(2019, 7, 1, 6)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2019-01-02", 2019, 1, 1, 16, 0)]
    [InlineData("2019-01-02 00:00", 2019, 1, 1, 16, 0)]
    [InlineData(" 2019-01-02T23:30 ", 2019, 1, 2, 15, 30)]
    [InlineData("2019-01-02 08:15:00", 2019, 1, 2, 0, 15)]
    [InlineData("2019-01-02T08:00Z", 2019, 1, 2, 8, 0)]         // explicit offsets are honoured
    [InlineData("2019-01-02T00:00+09:00", 2019, 1, 1, 15, 0)]
    public void Parses_Beijing_local_time(string text, int y, int mo, int d, int h, int mi)
    {
        Assert.True(BeijingTime.TryParseLocal(text, out var t));
        Assert.Equal(Utc(y, mo, d, h, mi), t);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2019-13-01")]
    [InlineData("2019-02-29 10:00")]
    [InlineData("20190102")]
    public void Refuses_what_is_not_a_local_time(string? text) => Assert.False(BeijingTime.TryParseLocal(text, out _));
}
