using SmartEnv.Supervision.Emergency;
using L = SmartEnv.Supervision.Emergency.EventLevel;

namespace SmartEnv.Supervision.Tests.Emergency;

/// <summary>令第17号 Art. 3–4 deadlines and the 初报/续报/处理结果报告 workflow, on a fixed instant.</summary>
public class EventReportingTests
{
    private static readonly DateTimeOffset Learned = new(2025, 6, 3, 1, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(L.General, 4)] [InlineData(L.Larger, 4)] [InlineData(L.Major, 2)] [InlineData(L.EspeciallyMajor, 2)]
    public void Known_level_hours(L level, int hours)
    {
        var d = EventReporting.Deadline(level, [], Learned);
        Assert.Equal(hours, d.Hours);
        Assert.Equal(Learned.AddHours(hours), d.Due);
    }

    [Fact]
    public void Unclear_with_drinking_water_reports_as_major_within_2_hours()
    {
        var d = EventReporting.Deadline(null, ["drinking_water"], Learned);
        Assert.Equal(L.Major, d.ReportAs);
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 3, 30, 0, TimeSpan.Zero), d.Due); // 01:30 + 2 h
        Assert.Equal("unclear.drinking_water", d.Reason);
    }

    [Theory]
    [InlineData("sensitive_area")] [InlineData("heavy_metals")] [InlineData("cross_provincial")] [InlineData("mass_incident")]
    public void Every_Art4_circumstance_gives_2_hours(string c) => Assert.Equal(2, EventReporting.Deadline(null, [c], Learned).Hours);

    [Fact]
    public void Unclear_without_circumstance_is_4_hours_and_a_known_level_ignores_circumstances()
    {
        Assert.Equal(4, EventReporting.Deadline(null, [], Learned).Hours);
        Assert.Equal("unclear.none", EventReporting.Deadline(null, ["none"], Learned).Reason);
        Assert.Equal(4, EventReporting.Deadline(L.General, ["drinking_water"], Learned).Hours);
        Assert.Throws<KeyNotFoundException>(() => EventReporting.Deadline(null, ["rumour"], Learned));
    }

    [Fact]
    public void Clock_time_left_and_overdue()
    {
        var due = Learned.AddHours(2);
        var before = EventReporting.Clock(due, Learned.AddMinutes(90), null);
        Assert.Equal(TimeSpan.FromMinutes(30), before.Remaining);
        Assert.False(before.Overdue);
        var at = EventReporting.Clock(due, due, null);
        Assert.False(at.Overdue); // exactly at the deadline is still in time
        var after = EventReporting.Clock(due, due.AddMinutes(1), null);
        Assert.True(after.Overdue);
        Assert.Equal(TimeSpan.FromMinutes(-1), after.Remaining);
        var late = EventReporting.Clock(due, due.AddHours(5), due.AddMinutes(10));
        Assert.True(late.Overdue && late.Filed); // filed 10 minutes late
        var onTime = EventReporting.Clock(due, due.AddHours(5), due.AddMinutes(-10));
        Assert.False(onTime.Overdue);
    }

    [Fact]
    public void Reports_initial_then_continued_then_final()
    {
        var w = new EventReportWorkflow();
        Assert.False(w.CanFile(EventReportKind.Continued));
        Assert.False(w.CanFile(EventReportKind.Final));
        w.File(EventReportKind.Initial);
        Assert.Equal(EventReportState.InitialFiled, w.State);
        w.File(EventReportKind.Continued);
        w.File(EventReportKind.Continued);
        Assert.Equal(EventReportState.Continuing, w.State);
        w.File(EventReportKind.Final);
        Assert.Equal(EventReportState.Closed, w.State);
        var ex = Assert.Throws<InvalidOperationException>(() => w.File(EventReportKind.Continued));
        Assert.Contains("closed", ex.Message);
        var direct = new EventReportWorkflow(EventReportState.InitialFiled);
        direct.File(EventReportKind.Final); // 续报 0..n: none is fine
        Assert.Equal(EventReportState.Closed, direct.State);
        Assert.Throws<InvalidOperationException>(() => new EventReportWorkflow().File(EventReportKind.Final));
    }

    [Fact]
    public void Names_round_trip()
    {
        Assert.Equal("initial_filed", EventReportWorkflow.Name(EventReportState.InitialFiled));
        Assert.True(EventReportWorkflow.TryParseState("continuing", out var s) && s == EventReportState.Continuing);
        Assert.True(EventReportWorkflow.TryParseKind("final", out var k) && k == EventReportKind.Final);
        Assert.False(EventReportWorkflow.TryParseKind("draft", out _));
    }
}
