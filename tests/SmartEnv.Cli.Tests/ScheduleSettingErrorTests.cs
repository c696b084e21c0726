namespace SmartEnv.Cli.Tests;

/// <summary>The tests that set process environment variables run alone (no other test sees them).</summary>
[CollectionDefinition("process-environment", DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

/// <summary>Issue 20 tester findings: a bad <c>SmartEnv__Schedules__KEY__Cron</c>/<c>__Enabled</c> (or a cron that never
/// fires) is one line naming the setting, the value and the reason — exit 2 in <c>schedule list</c>/<c>run</c>, and
/// <c>serve</c> refuses to start with it — never an unhandled exception with a stack trace.</summary>
[Collection("process-environment")]
public sealed class ScheduleSettingErrorTests : IDisposable
{
    private const string Key = "construction-monthly-review";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-schedset-" + Guid.NewGuid().ToString("N")[..12]);

    private static CliRunner.Result With(string name, string value, Func<CliRunner.Result> run)
    {
        var variable = $"SmartEnv__Schedules__{Key}__{name}";
        Environment.SetEnvironmentVariable(variable, value);
        try { return run(); }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    private static void AssertOneLine(CliRunner.Result r, string expectedStart)
    {
        Assert.Equal(2, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: " + expectedStart, lines[0]);
        Assert.DoesNotContain("   at ", r.Err); // no stack trace
    }

    [Theory]
    [InlineData("Cron", "61 * * * *", "Cron '61 * * * *': ")]
    [InlineData("Cron", "* * * *", "Cron '* * * *': ")]
    [InlineData("Cron", "0 1 1 * * *", "Cron '0 1 1 * * *': ")]
    [InlineData("Cron", "0 1 31 2 *", "Cron '0 1 31 2 *': never fires")]
    [InlineData("Enabled", "maybe", "Enabled 'maybe': must be true or false")]
    public void Schedule_list_and_run_report_a_bad_setting_with_exit_code_2(string name, string value, string reason)
    {
        AssertOneLine(With(name, value, () => CliRunner.Run("", "schedule", "list", "--data-dir", _dir)), $"SmartEnv:Schedules:{Key}:{reason}");
        AssertOneLine(With(name, value, () => CliRunner.Run("", "schedule", "run", Key, "--data-dir", _dir)), $"SmartEnv:Schedules:{Key}:{reason}");
    }

    [Theory]
    [InlineData("Cron", "61 * * * *", "Cron '61 * * * *': ")]
    [InlineData("Cron", "0 1 31 2 *", "Cron '0 1 31 2 *': never fires")]
    [InlineData("Enabled", "maybe", "Enabled 'maybe': must be true or false")]
    public void Serve_refuses_to_start_with_one_line(string name, string value, string reason) =>
        AssertOneLine(With(name, value, () => CliRunner.Run("", "serve", "--data-dir", _dir, "--http-port", "0", "--hj212-port", "0")), $"SmartEnv:Schedules:{Key}:{reason}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
