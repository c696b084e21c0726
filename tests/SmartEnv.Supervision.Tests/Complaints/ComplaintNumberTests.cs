using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Supervision.Tests.Complaints;

public class ComplaintNumberTests
{
    [Fact]
    public void Format_is_TS_day_and_four_digits()
    {
        Assert.Equal("TS202409200001", ComplaintNumber.Format(new DateOnly(2024, 9, 20), 1));
        Assert.Equal("TS202412319999", ComplaintNumber.Format(new DateOnly(2024, 12, 31), 9999));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintNumber.Format(new DateOnly(2024, 9, 20), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintNumber.Format(new DateOnly(2024, 9, 20), 10000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintNumber.Format(new DateOnly(1999, 12, 31), 1));
    }

    [Fact]
    public void TryParse_reads_it_back()
    {
        Assert.True(ComplaintNumber.TryParse("TS202402290042", out var day, out var serial, out var reason));
        Assert.Equal((new DateOnly(2024, 2, 29), 42, (string?)null), (day, serial, reason));
    }

    [Theory]
    [InlineData(null, "14 characters")]
    [InlineData("TS20240920001", "14 characters")]
    [InlineData("ts202409200001", "starts with TS")]
    [InlineData("TX202409200001", "starts with TS")]
    [InlineData("TS2024092O0001", "character 10")]
    [InlineData("TS202302290001", "registration day")]
    [InlineData("TS199912310001", "registration day")]
    [InlineData("TS202409200000", "0001")]
    [InlineData(" TS20240920001", "starts with TS")]
    public void TryParse_refuses_with_a_reason(string? text, string message)
    {
        Assert.False(ComplaintNumber.TryParse(text, out var day, out var serial, out var reason));
        Assert.Equal((default(DateOnly), 0), (day, serial));
        Assert.Contains(message, reason);
    }
}
