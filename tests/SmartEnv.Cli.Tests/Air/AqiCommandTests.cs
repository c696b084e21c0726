using System.Text.Json;

namespace SmartEnv.Cli.Tests.Air;

public class AqiCommandTests
{
    [Fact]
    public void HourlyResultHasTheIssueFields()
    {
        // Case H08 inputs under CNEMC-2014 (2019): CO 1h 65.4 → 218 exactly; PM2.5 1h 30 → 50/35·30 = 42.86 → 43.
        var r = CliRunner.Run("", "aqi", "hourly", "so2_1h=20", "no2_1h=60", "co_1h=65.4", "o3_1h=90", "pm10_1h=60", "pm25_1h=30", "--at", "2019-06-01T14:00");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var o = doc.RootElement;
        Assert.Equal(218, o.GetProperty("aqi").GetInt32());
        Assert.Equal(5, o.GetProperty("level").GetInt32());
        Assert.Equal("重度污染", o.GetProperty("category").GetProperty("zh").GetString());
        Assert.Equal("Heavily polluted", o.GetProperty("category").GetProperty("en").GetString());
        Assert.Equal("#99004C", o.GetProperty("color").GetString());
        Assert.Equal(["co_1h"], o.GetProperty("primary_pollutants").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(43, o.GetProperty("iaqi").GetProperty("pm25_1h").GetInt32());
        Assert.Equal(["co_1h"], o.GetProperty("exceeding").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("CNEMC-2014", o.GetProperty("regime").GetString());
        Assert.True(o.GetProperty("complete").GetBoolean());
        Assert.Contains("\"category\":{\"zh\":\"重度污染\"", r.Out); // Chinese unescaped
    }

    [Fact]
    public void DailyWithExplicitRegime()
    {
        // Case D04 under HJ 633-2026: AQI 114, primary pm25_24h; no o3_1h in the 2026 daily set.
        var r = CliRunner.Run("", "aqi", "daily", "so2_24h=12", "no2_24h=35", "pm10_24h=150", "co_24h=1.2", "o3_1h=100", "o3_8h=80", "pm25_24h=75", "--regime", "HJ633-2026");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(114, doc.RootElement.GetProperty("aqi").GetInt32());
        Assert.False(doc.RootElement.GetProperty("iaqi").TryGetProperty("o3_1h", out _));
        Assert.Empty(doc.RootElement.GetProperty("exceeding").EnumerateArray());
    }

    [Fact]
    public void JsonlOneResultPerLineAndErrorsInPlace()
    {
        const string stdin = "{\"pm25_24h\":75,\"regime\":\"HJ633-2012\"}\n{\"pm25_24h\":75,\"at\":\"2026-03-01\"}\n{\"pm25_24h\":\"x\"}\n";
        var r = CliRunner.Run(stdin, "aqi", "daily", "--jsonl");
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(100, JsonDocument.Parse(lines[0]).RootElement.GetProperty("iaqi").GetProperty("pm25_24h").GetInt32());
        Assert.Equal(114, JsonDocument.Parse(lines[1]).RootElement.GetProperty("iaqi").GetProperty("pm25_24h").GetInt32());
        Assert.Equal(3, JsonDocument.Parse(lines[2]).RootElement.GetProperty("line").GetInt32());
        Assert.Equal(1, r.ExitCode);
    }

    [Theory]
    [InlineData("foo=1")]
    [InlineData("pm25_1h=-3")]
    [InlineData("pm25_1h")]
    public void BadInputIsAUsageError(string arg)
    {
        var r = CliRunner.Run("", "aqi", "hourly", arg);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
    }

    [Fact]
    public void PublicationRuleHidesIncompleteLowAqi()
    {
        var r = CliRunner.Run("", "aqi", "hourly", "pm25_1h=40", "--regime", "HJ633-2026", "--publication-rule");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("aqi").ValueKind);
        Assert.Equal(60, doc.RootElement.GetProperty("iaqi").GetProperty("pm25_1h").GetInt32());
    }
}
