using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv emergency</c> (issue 20): classify from JSON (argument or stdin) and the due list over an empty
/// store in a temp folder. Expected levels read off Annex 1 by hand.</summary>
public sealed class EmergencyCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-emergency-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void Classify_names_the_deciding_criterion_and_the_report_hours()
    {
        // deaths 2 → 一般; evacuated 12,000 → 重大 (1万人以上5万人以下); 重大 → 2 h
        var r = CliRunner.Run("", "emergency", "classify", """{"deaths":2,"evacuated":12000}""");
        Assert.True(r.ExitCode == 0, r.Err);
        var e = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(("major", "Ⅱ", "evacuated", 2), (e.GetProperty("level").GetString(), e.GetProperty("roman").GetString(), e.GetProperty("decided_by").GetString(),
            e.GetProperty("report_hours").GetInt32()));
        // stdin; level unclear but a drinking-water source → reported as 重大, 2 h
        var s = CliRunner.Run("""{"circumstances":["drinking_water"]}""", "emergency", "classify");
        Assert.True(s.ExitCode == 0, s.Err);
        var u = JsonDocument.Parse(s.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, u.GetProperty("level").ValueKind);
        Assert.Equal(("major", 2, "unclear.drinking_water"), (u.GetProperty("report_as").GetString(), u.GetProperty("report_hours").GetInt32(), u.GetProperty("report_reason").GetString()));
        var bad = CliRunner.Run("", "emergency", "classify", """{"water_intake":"village"}""");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("village", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_on_an_empty_store_lists_nothing()
    {
        var r = CliRunner.Run("", "emergency", "due", "--data-dir", _dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Empty(JsonDocument.Parse(r.Out).RootElement.GetProperty("plans").EnumerateArray());
    }
}
