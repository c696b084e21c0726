namespace SmartEnv.Cli.Tests;

public class ServeCommandTests
{
    [Fact]
    public void An_unreachable_PostgreSQL_is_a_clear_error_with_the_fix_and_exit_code_1()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-serve-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var r = CliRunner.Run("", "serve", "--data-dir", dir, "--http-port", "0",
                "--db", "Host=127.0.0.1;Port=1;Username=postgres;Password=secret;Timeout=2");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("store unavailable", r.Err);
            Assert.Contains("sudo bash .ci/setup", r.Err);
            Assert.DoesNotContain("secret", r.Err); // the password is redacted
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public void An_evaluation_interval_outside_0_1_to_300_seconds_is_refused_before_the_store_is_touched(string seconds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-serve-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var r = CliRunner.Run("", "serve", "--data-dir", dir, "--http-port", "0", "--evaluation-interval", seconds);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("--evaluation-interval must be 0.1–300 seconds", r.Err);
            Assert.False(File.Exists(Path.Combine(dir, "smartenv.db")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
