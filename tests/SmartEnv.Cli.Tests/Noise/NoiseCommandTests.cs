using System.Text.Json;

namespace SmartEnv.Cli.Tests.Noise;

public class NoiseCommandTests
{
    private static JsonElement Line(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Gb3096_levels_at_and_above_limits()
    {
        var r = CliRunner.Run("{\"ld\":60.0,\"ln\":50.1,\"lmax_night\":65}\n", "noise", "assess", "--standard", "gb3096", "--zone", "2", "--jsonl");
        Assert.Equal(0, r.ExitCode);
        var o = Line(r.Out);
        Assert.True(o.GetProperty("day_compliant").GetBoolean());
        Assert.False(o.GetProperty("night_compliant").GetBoolean());
        Assert.True(o.GetProperty("night_lmax_compliant").GetBoolean());
        Assert.Equal(50, o.GetProperty("limits").GetProperty("night").GetDecimal());
    }

    [Fact]
    public void Samples_give_ld_ln_and_percentiles()
    {
        const string input = "{\"samples\":[{\"time\":\"2024-05-01T05:59\",\"level\":50},{\"time\":\"2024-05-01T06:00\",\"level\":60},{\"time\":\"2024-05-01T21:59\",\"level\":70},{\"time\":\"2024-05-01T22:00\",\"level\":60}]}\n";
        var o = Line(CliRunner.Run(input, "noise", "assess", "--standard", "gb3096", "--zone", "4a", "--jsonl").Out);
        Assert.Equal(67.4m, o.GetProperty("ld").GetDecimal());  // 10·lg((1e6+1e7)/2)
        Assert.Equal(57.4m, o.GetProperty("ln").GetDecimal());  // 10·lg((1e5+1e6)/2)
        Assert.Equal(60m, o.GetProperty("lmax_night").GetDecimal());
        Assert.True(o.GetProperty("day_compliant").GetBoolean());    // 4a: 70
        Assert.False(o.GetProperty("night_compliant").GetBoolean()); // 4a: 55
        // Day redefined as 07:00–23:00: 06:00 (60) night, 22:00 (60) day → same pairs.
        var o2 = Line(CliRunner.Run(input, "noise", "assess", "--standard", "gb3096", "--zone", "4a", "--day-start", "07:00", "--night-start", "23:00", "--jsonl").Out);
        Assert.Equal(57.4m, o2.GetProperty("ln").GetDecimal());
    }

    [Fact]
    public void Gb12523_background_correction_and_indoor()
    {
        var o = Line(CliRunner.Run("{\"ld\":72,\"background_ld\":65}\n", "noise", "assess", "--standard", "gb12523", "--jsonl").Out);
        Assert.Equal(71m, o.GetProperty("ld").GetDecimal());   // difference 7 → −1
        Assert.False(o.GetProperty("day_compliant").GetBoolean());
        var indoor = Line(CliRunner.Run("{\"ld\":60,\"ln\":45.1}\n", "noise", "assess", "--standard", "gb12523", "--indoor", "--jsonl").Out);
        Assert.True(indoor.GetProperty("day_compliant").GetBoolean());
        Assert.False(indoor.GetProperty("night_compliant").GetBoolean());
    }

    [Fact]
    public void Gb12348_frequent_rule()
    {
        var o = Line(CliRunner.Run("{\"ln\":48,\"lmax_night\":60.1}\n", "noise", "assess", "--standard", "gb12348", "--zone", "2", "--night-rule", "frequent", "--jsonl").Out);
        Assert.True(o.GetProperty("night_compliant").GetBoolean());
        Assert.False(o.GetProperty("night_lmax_compliant").GetBoolean()); // 50 + 10
    }

    [Fact]
    public void Bad_zone_is_a_usage_error()
    {
        var r = CliRunner.Run("", "noise", "assess", "--standard", "gb3096", "--zone", "5", "--jsonl");
        Assert.Equal(2, r.ExitCode);
    }
}
