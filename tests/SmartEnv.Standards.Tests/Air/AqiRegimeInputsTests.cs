using SmartEnv.Standards.Air;

namespace SmartEnv.Standards.Tests.Air;

/// <summary>
/// Which indicators a report reads is the regime's answer (<see cref="AqiRegime.Inputs"/>), so no caller re-decides it
/// (issue 12 point 5: the CLI used to). Expected sets written from the standards, not from the code: HJ 633-2012 Table 4
/// real-time report + Table 1 note (2) (SO2 1h &gt; 800 reported by the 24-h IAQI, so <c>so2_24h</c> is read); CNEMC
/// practice from 2014 (PM 1-h values, no O3 8h hourly); HJ 633-2026 §4.2.2–§4.2.4 (daily without O3 1h; note b fixes SO2
/// at 200, so no <c>so2_24h</c> for the hourly report).
/// </summary>
public class AqiRegimeInputsTests
{
    private static string Keys(IEnumerable<AqiIndicator> s) => string.Join(' ', s.Select(i => i.Key()));

    [Theory]
    [InlineData("HJ633-2012", AqiReport.Hourly, "so2_1h no2_1h co_1h o3_1h o3_8h pm10_24h pm25_24h so2_24h")]
    [InlineData("CNEMC-2014", AqiReport.Hourly, "so2_1h no2_1h co_1h o3_1h pm10_1h pm25_1h so2_24h")]
    [InlineData("HJ633-2026", AqiReport.Hourly, "so2_1h no2_1h co_1h o3_1h pm10_1h pm25_1h")]
    [InlineData("HJ633-2012", AqiReport.Daily, "so2_24h no2_24h co_24h o3_1h o3_8h pm10_24h pm25_24h")]
    [InlineData("CNEMC-2014", AqiReport.Daily, "so2_24h no2_24h co_24h o3_1h o3_8h pm10_24h pm25_24h")]
    [InlineData("HJ633-2026", AqiReport.Daily, "so2_24h no2_24h co_24h o3_8h pm10_24h pm25_24h")]
    public void A_report_reads_its_set_and_so2_24h_only_where_note_2_applies(string regime, AqiReport report, string expected)
    {
        var r = AqiRegime.FromId(regime);
        Assert.Equal(expected, Keys(r.Inputs(report)));
        Assert.Equal(Keys(report == AqiReport.Hourly ? r.HourlySet : r.DailySet), Keys(r.Set(report)));
    }

    [Fact]
    public void Uses_answers_per_indicator()
    {
        Assert.True(AqiRegime.Hj633_2012.Uses(AqiReport.Hourly, AqiIndicator.So2_24h));   // Table 1 note (2)
        Assert.False(AqiRegime.Hj633_2026.Uses(AqiReport.Hourly, AqiIndicator.So2_24h));  // Table 3 note b: fixed 200
        Assert.False(AqiRegime.Hj633_2012.Uses(AqiReport.Hourly, AqiIndicator.Pm25_1h));  // the text's real-time set: PM 24-h moving
        Assert.True(AqiRegime.Cnemc2014.Uses(AqiReport.Hourly, AqiIndicator.Pm25_1h));
        Assert.False(AqiRegime.Hj633_2026.Uses(AqiReport.Daily, AqiIndicator.O3_1h));     // §4.2.2: no O3 1h in the daily report
    }
}
