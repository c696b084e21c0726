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

    [Theory]
    [InlineData("pm25_1h=70", "pm25_1h=80")]   // last-wins would give 107, first 94: neither is an honest answer
    [InlineData("pm25_1h=70", "pm2.5_1h=80")]  // the same indicator under its alias
    public void KeyGivenTwiceIsAUsageError(string a, string b)
    {
        var r = CliRunner.Run("", "aqi", "hourly", a, b, "--regime", "CNEMC-2014");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: pm25_1h is given twice\n", r.Err);
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("hourly", "pm25_24h=70")] // CNEMC-2014 hourly uses pm25_1h: the value would be dropped, AQI null, exit 0
    [InlineData("daily", "pm25_1h=70")]
    public void NoUsedIndicatorIsAUsageError(string report, string arg)
    {
        var r = CliRunner.Run("", "aqi", report, arg, "--regime", "CNEMC-2014");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: none of ", r.Err);
        Assert.Contains("CNEMC-2014 " + report, r.Err);
    }

    [Fact]
    public void NoInputIsAUsageError()
    {
        var r = CliRunner.Run("", "aqi", "hourly", "--regime", "CNEMC-2014");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: no concentrations", r.Err);
    }

    [Theory]
    [InlineData("{\"pm25_1h\":70,\"pm25_1h\":80}", "key 'pm25_1h' appears twice")]
    [InlineData("{\"regime\":5,\"pm25_1h\":70}", "'regime' must be a string")]
    [InlineData("{\"at\":{\"d\":1},\"pm25_1h\":70}", "'at' must be a string")]
    [InlineData("{}", "no concentrations given")]
    public void BadJsonlLinesAreReportedInPlace(string line, string message)
    {
        var r = CliRunner.Run(line + "\n{\"pm25_1h\":70}\n", "aqi", "hourly", "--jsonl", "--regime", "CNEMC-2014");
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("Unhandled", r.Err);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        var err = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(1, err.GetProperty("line").GetInt32());
        Assert.Contains(message, err.GetProperty("error").GetString());
        // 70 on 35→50, 75→100: 50 + 50·35/40 = 93.75 → 94
        Assert.Equal(94, JsonDocument.Parse(lines[1]).RootElement.GetProperty("aqi").GetInt32());
    }

    [Fact]
    public void ByteOrderMarkBeforeTheFirstLineIsAccepted()
    {
        var r = CliRunner.Run("\uFEFF{\"pm25_1h\":70}\n", "aqi", "hourly", "--jsonl", "--regime", "CNEMC-2014");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(94, JsonDocument.Parse(r.Out).RootElement.GetProperty("aqi").GetInt32());
    }

    [Fact]
    public void PositionalInputsWithJsonlAreAUsageError()
    {
        var r = CliRunner.Run("{\"pm25_1h\":70}\n", "aqi", "hourly", "pm25_1h=80", "--jsonl");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void AtWithAnOffsetIsConvertedToBeijingTime()
    {
        // 2026-02-28T18:30Z is 2026-03-01 02:30 in Beijing: HJ633-2026 on any machine time zone.
        var r = CliRunner.Run("", "aqi", "hourly", "pm25_1h=70", "--at", "2026-02-28T18:30Z");
        Assert.Equal("HJ633-2026", JsonDocument.Parse(r.Out).RootElement.GetProperty("regime").GetString());
        var edge = CliRunner.Run("", "aqi", "hourly", "pm25_1h=70", "--at", "9999-12-31T23:00Z"); // no Beijing time exists
        Assert.Equal(2, edge.ExitCode);
        Assert.StartsWith("error: --at '9999-12-31T23:00Z' is not a date", edge.Err);
        var local = CliRunner.Run("", "aqi", "hourly", "pm25_1h=70", "--at", "2026-02-28T23:30");
        Assert.Equal("CNEMC-2014", JsonDocument.Parse(local.Out).RootElement.GetProperty("regime").GetString());
    }

    [Fact]
    public void KeysTheReportDoesNotUseAreListedAsIgnored()
    {
        // HJ633-2012 hourly: PM on the 24-h moving means; pm25_1h carries no IAQI (Table 4). o3_1h 100 → 50·100/160 = 31.25 → 32.
        var r = CliRunner.Run("", "aqi", "hourly", "pm25_1h=150", "o3_1h=100", "so2_24h=20", "--regime", "HJ633-2012");
        Assert.Equal(0, r.ExitCode);
        var o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(32, o.GetProperty("aqi").GetInt32());
        Assert.Equal(["pm25_1h"], o.GetProperty("ignored").EnumerateArray().Select(x => x.GetString()!).ToArray()); // so2_24h is used (SO2 > 800 rule)
    }
}
