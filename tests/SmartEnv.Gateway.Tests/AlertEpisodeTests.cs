using SmartEnv.Alerts;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Gateway.Tests;

/// <summary>Alert decisions without I/O (docs/alerts.md), against hand-worked expectations.</summary>
public sealed class AlertEpisodeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero); // 10:00 Beijing

    private static AlertPoint Hour(int offsetHours, int aqi, bool complete = true) =>
        AlertEpisodes.AirHour(T0.AddHours(offsetHours), aqi, complete, ["pm25_1h"])!;

    [Theory]
    [InlineData(100, false, AlertSeverity.Minor)]   // AQI 100 = level 2 (良): Grade II not exceeded
    [InlineData(101, true, AlertSeverity.Minor)]    // level 3 轻度
    [InlineData(150, true, AlertSeverity.Minor)]
    [InlineData(151, true, AlertSeverity.Moderate)] // level 4 中度
    [InlineData(201, true, AlertSeverity.Major)]    // level 5 重度
    [InlineData(301, true, AlertSeverity.Severe)]   // level 6 严重
    public void Air_rule_holds_above_AQI_100_with_severity_by_HJ633_level(int aqi, bool holds, AlertSeverity severity)
    {
        var p = Hour(0, aqi);
        Assert.Equal(holds, p.Holds);
        if (holds) Assert.Equal(severity, p.Severity);
        Assert.Equal(T0, p.Since);
        Assert.Equal(T0.AddHours(1), p.At);
    }

    [Fact]
    public void An_hour_without_AQI_gives_no_point() => Assert.Null(AlertEpisodes.AirHour(T0, null, false, []));

    [Fact]
    public void A_continuous_exceedance_is_one_episode_with_its_peak_and_ends_at_the_first_clean_hour()
    {
        // 10–11 h 120, 11–12 h 160, 12–13 h 130, 13–14 h 90: one episode 10:00…13:00, peak 160 (中度), cleared at 14:00.
        var e = AlertEpisodes.Apply(null, [Hour(2, 130), Hour(0, 120), Hour(3, 90), Hour(1, 160)]);
        var a = Assert.Single(e);
        Assert.Null(a.Id);
        Assert.True(a.Changed);
        Assert.Equal(T0, a.OpenedAt);
        Assert.Equal(T0.AddHours(3), a.LastSeenAt);
        Assert.Equal(T0.AddHours(4), a.ClearedAt);
        Assert.Equal(160m, a.PeakValue);
        Assert.Equal(AlertSeverity.Moderate, a.Severity);
        Assert.Equal(AlertStatus.Open, a.Status);
    }

    [Fact]
    public void A_recurrence_after_the_condition_ended_is_a_new_episode()
    {
        var e = AlertEpisodes.Apply(null, [Hour(0, 120), Hour(1, 80), Hour(2, 110), Hour(3, 105)]);
        Assert.Equal(2, e.Count);
        Assert.Equal((T0, T0.AddHours(1), (DateTimeOffset?)T0.AddHours(2)), (e[0].OpenedAt, e[0].LastSeenAt, e[0].ClearedAt));
        Assert.Equal((T0.AddHours(2), T0.AddHours(4), (DateTimeOffset?)null), (e[1].OpenedAt, e[1].LastSeenAt, e[1].ClearedAt));
        Assert.Equal(110m, e[1].PeakValue);
    }

    [Fact]
    public void Points_already_seen_change_nothing_and_later_points_extend_the_stored_episode()
    {
        var stored = new AlertEpisode(7, T0, T0.AddHours(2), null, 160m, AlertSeverity.Moderate, "pm25_1h", AlertStatus.Acknowledged);
        var same = AlertEpisodes.Apply(stored, [Hour(0, 120), Hour(1, 160)]);
        Assert.False(Assert.Single(same).Changed);

        var later = AlertEpisodes.Apply(stored, [Hour(1, 160), Hour(2, 210)]);
        var a = Assert.Single(later);
        Assert.Equal(7, a.Id);
        Assert.True(a.Changed);
        Assert.Equal(T0.AddHours(3), a.LastSeenAt);
        Assert.Equal(210m, a.PeakValue);
        Assert.Equal(AlertSeverity.Major, a.Severity);
        Assert.Equal(AlertStatus.Acknowledged, a.Status);
    }

    [Fact]
    public void A_closed_episode_absorbs_its_running_condition_and_only_a_later_recurrence_opens_a_new_alert()
    {
        var closed = new AlertEpisode(3, T0, T0.AddHours(1), null, 120m, AlertSeverity.Minor, null, AlertStatus.Closed);
        var e = AlertEpisodes.Apply(closed, [Hour(1, 130), Hour(2, 95), Hour(3, 140)]);
        Assert.Equal(2, e.Count);
        Assert.Equal((3L, AlertStatus.Closed, T0.AddHours(2), (DateTimeOffset?)T0.AddHours(3)), (e[0].Id!.Value, e[0].Status, e[0].LastSeenAt, e[0].ClearedAt));
        Assert.Equal((null, AlertStatus.Open, T0.AddHours(3)), (e[1].Id, e[1].Status, e[1].OpenedAt));
    }

    [Fact]
    public void An_incomplete_hour_at_or_below_100_does_not_end_an_episode()
    {
        var e = AlertEpisodes.Apply(null, [Hour(0, 120), Hour(1, 70, complete: false), Hour(2, 60)]);
        var a = Assert.Single(e);
        Assert.Equal(T0.AddHours(1), a.LastSeenAt);
        Assert.Equal(T0.AddHours(3), a.ClearedAt); // the complete hour 12–13 h ends it
    }

    [Fact]
    public void Live_window_includes_an_hour_ending_exactly_24_h_ago_and_nothing_older_or_in_the_future()
    {
        var now = new DateTimeOffset(2026, 11, 29, 8, 30, 0, TimeSpan.Zero);
        var w = TimeSpan.FromHours(24);
        Assert.True(AlertEpisodes.IsLive(now.AddHours(-24), now, w));
        Assert.False(AlertEpisodes.IsLive(now.AddHours(-24).AddTicks(-1), now, w));
        Assert.True(AlertEpisodes.IsLive(now, now, w));
        Assert.False(AlertEpisodes.IsLive(now.AddMinutes(1), now, w));
        Assert.False(AlertEpisodes.IsLive(new DateTimeOffset(2019, 12, 31, 16, 0, 0, TimeSpan.Zero), now, w)); // imported history
    }

    [Fact]
    public void Offline_starts_only_after_more_than_3_h_without_data()
    {
        var last = new DateTimeOffset(2026, 11, 29, 5, 0, 0, TimeSpan.Zero);
        var three = TimeSpan.FromHours(3);
        Assert.False(AlertEpisodes.Offline(last, last.AddHours(3), three, "MN1").Holds); // exactly 3 h: still online (overview rule)
        var p = AlertEpisodes.Offline(last, last.AddHours(3).AddMinutes(1), three, "MN1");
        Assert.True(p.Holds);
        Assert.Equal(3.02m, p.Value);            // 181 min = 3.01666… h → 3.02
        Assert.Equal(last.AddHours(3), p.Since); // offline since data end + 3 h
        Assert.Equal(AlertSeverity.Moderate, p.Severity);

        // Checks every minute merge into one episode; new data ends it at the first check that sees it.
        var checks = new[] { p, AlertEpisodes.Offline(last, last.AddHours(4), three, "MN1"), AlertEpisodes.Offline(last.AddHours(4), last.AddHours(4).AddMinutes(1), three, "MN1") };
        var e = Assert.Single(AlertEpisodes.Apply(null, checks));
        Assert.Equal(4m, e.PeakValue);
        Assert.Equal(last.AddHours(4), e.LastSeenAt);
        Assert.Equal(last.AddHours(4).AddMinutes(1), e.ClearedAt);
    }

    [Theory]
    [InlineData(WaterClass.III, WaterClass.III, false, AlertSeverity.Minor)]
    [InlineData(WaterClass.II, WaterClass.III, false, AlertSeverity.Minor)]
    [InlineData(WaterClass.IV, WaterClass.III, true, AlertSeverity.Minor)]
    [InlineData(WaterClass.V, WaterClass.III, true, AlertSeverity.Moderate)]
    [InlineData(WaterClass.WorseThanV, WaterClass.III, true, AlertSeverity.Major)]
    public void Water_rule_holds_when_the_class_is_worse_than_the_target(WaterClass actual, WaterClass target, bool holds, AlertSeverity severity)
    {
        var p = AlertEpisodes.Water(T0, actual, target);
        Assert.Equal(holds, p.Holds);
        Assert.Equal((int)actual, (int)p.Value!.Value);
        if (holds) Assert.Equal(severity, p.Severity);
    }

    [Fact]
    public void Flag_rule_holds_for_any_HJ212_flag_other_than_N_with_D_F_B_moderate()
    {
        var end = T0.AddMinutes(1);
        Assert.False(AlertEpisodes.Flags(T0, end, [("a34004", "N"), ("a21026", null)]).Holds); // missing flag = N
        var m = AlertEpisodes.Flags(T0, end, [("a34004", "M"), ("a21026", "C"), ("a21004", "N")]);
        Assert.Equal((true, AlertSeverity.Minor, 2m, "C:a21026;M:a34004"), (m.Holds, m.Severity, m.Value!.Value, m.Detail));
        var d = AlertEpisodes.Flags(T0, end, [("a34004", "D"), ("a34002", "D"), ("a21026", "T")]);
        Assert.Equal((true, AlertSeverity.Moderate, 3m, "D:a34002,a34004;T:a21026"), (d.Holds, d.Severity, d.Value!.Value, d.Detail));
        Assert.Equal(AlertSeverity.Moderate, AlertEpisodes.Flags(T0, end, [("a34004", "B")]).Severity);
        Assert.Equal(AlertSeverity.Moderate, AlertEpisodes.Flags(T0, end, [("a34004", "F")]).Severity);
        Assert.Equal((T0, end), (d.Since, d.At));
    }

    [Fact]
    public void Handling_goes_open_to_acknowledged_to_closed_and_closed_is_final()
    {
        Assert.Equal(AlertTransition.Done, AlertEpisodes.CanAcknowledge(AlertStatus.Open));
        Assert.Equal(AlertTransition.AlreadyAcknowledged, AlertEpisodes.CanAcknowledge(AlertStatus.Acknowledged));
        Assert.Equal(AlertTransition.AlreadyClosed, AlertEpisodes.CanAcknowledge(AlertStatus.Closed));
        Assert.Equal(AlertTransition.Done, AlertEpisodes.CanClose(AlertStatus.Open));
        Assert.Equal(AlertTransition.Done, AlertEpisodes.CanClose(AlertStatus.Acknowledged));
        Assert.Equal(AlertTransition.AlreadyClosed, AlertEpisodes.CanClose(AlertStatus.Closed));
    }

    [Fact]
    public void Messages_name_site_peak_level_and_pollutant_in_both_languages()
    {
        var e = new AlertEpisode(null, T0, T0.AddHours(1), null, 156m, AlertSeverity.Moderate, "pm25_1h;pm10_24h");
        var (zh, en) = AlertTexts.For(AlertRule.AirAqiExceeded, "唐家沱", "Tangjiatuo", e, TimeSpan.FromHours(3));
        Assert.Equal("唐家沱 小时AQI超过100：峰值 156（中度污染），首要污染物 PM2.5、PM10", zh);
        Assert.Equal("Tangjiatuo: hourly AQI above 100, peak 156 (Moderately polluted), primary pollutant PM2.5, PM10", en);
    }
}
