namespace SmartEnv.Cli.Tests;

public class VersionCommandTests
{
    [Fact]
    public void Prints_version()
    {
        var r = CliRunner.Run("", "version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("smartenv ", r.Out);
    }

    [Fact]
    public void Unknown_command_is_a_usage_error()
    {
        var r = CliRunner.Run("", "no-such-command");
        Assert.NotEqual(0, r.ExitCode);
    }
}
