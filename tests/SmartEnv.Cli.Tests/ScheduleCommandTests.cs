using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 20: <c>smartenv schedule</c> on a SQLite store in a temp folder: <c>list</c> shows the monthly card review
/// with its default cron (Beijing time) and no runs; <c>run KEY --occurrence</c> runs that occurrence once through the
/// scheduler's claim (a second run of it exits 1 and runs nothing); an instant that is not an occurrence, an unknown key
/// and unreadable text exit 1; the run shows in <c>list</c>.</summary>
public sealed class ScheduleCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-schedule-" + Guid.NewGuid().ToString("N")[..12]);

    private CliRunner.Result Run(params string[] args) => CliRunner.Run("", [.. args, "--data-dir", _dir]);

    [Fact]
    public void List_then_run_an_occurrence_once()
    {
        var l0 = Run("schedule", "list");
        Assert.True(l0.ExitCode == 0, l0.Err);
        var job = JsonDocument.Parse(l0.Out).RootElement.EnumerateArray().Single(e => e.GetProperty("key").GetString() == "construction-monthly-review");
        Assert.Equal(("0 1 1 * *", true, 0), (job.GetProperty("cron").GetString(), job.GetProperty("enabled").GetBoolean(), job.GetProperty("last_runs").GetArrayLength()));

        // 2026-06-01 01:00 Beijing is an occurrence of 0 1 1 * *; it reviews May 2026 (no sites here: 0 cards).
        var r = Run("schedule", "run", "construction-monthly-review", "--occurrence", "2026-06-01 01:00");
        Assert.True(r.ExitCode == 0, r.Err);
        var o = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(("succeeded", "2026-06-01 01:00"), (o.GetProperty("outcome").GetString(), o.GetProperty("occurrence").GetString()));
        Assert.StartsWith("2026-05: 0 sites", o.GetProperty("message").GetString());

        var again = Run("schedule", "run", "construction-monthly-review", "--occurrence", "2026-06-01T01:00:00+08:00");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("claimed", JsonDocument.Parse(again.Out).RootElement.GetProperty("outcome").GetString());

        Assert.Equal(1, Run("schedule", "run", "construction-monthly-review", "--occurrence", "2026-06-01 02:00").ExitCode); // not an occurrence
        Assert.Equal(1, Run("schedule", "run", "no-such-job").ExitCode);
        Assert.Equal(1, Run("schedule", "run", "construction-monthly-review", "--occurrence", "June").ExitCode);

        var runs = JsonDocument.Parse(Run("schedule", "list").Out).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("key").GetString() == "construction-monthly-review").GetProperty("last_runs");
        Assert.Equal(1, runs.GetArrayLength());
        Assert.Equal(("2026-06-01 01:00", "succeeded"), (runs[0].GetProperty("occurrence").GetString(), runs[0].GetProperty("outcome").GetString()));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
