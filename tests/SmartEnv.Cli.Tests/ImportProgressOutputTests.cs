using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv import</c> draws progress on stderr only when asked (<c>--progress</c>) or on a terminal, never on
/// stdout, whose JSON summary stays parseable.</summary>
public sealed class ImportProgressOutputTests
{
    // Two hours of a PRSA-format file; 12 cells, one NA: 11 values.
    private const string Prsa = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n" +
        "1,2014,7,1,1,35,60,8,40,700,90,Cli\n" +
        "2,2014,7,1,2,NA,58,7,38,600,85,Cli\n";

    [Fact]
    public void Progress_goes_to_stderr_with_the_flag_and_nowhere_without_it()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-cli-progress-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "cli.csv");
            File.WriteAllText(file, Prsa);
            var quiet = CliRunner.Run("", "import", "--format", "prsa", file, "--data-dir", dir);
            Assert.True(quiet.ExitCode == 0, quiet.Err);
            Assert.DoesNotContain("%", quiet.Err, StringComparison.Ordinal); // stderr of a test runner is no terminal

            var shown = CliRunner.Run("", "import", "--format", "prsa", file, "--data-dir", dir, "--progress");
            Assert.True(shown.ExitCode == 0, shown.Err);
            Assert.Contains("100% done", shown.Err, StringComparison.Ordinal);
            Assert.Contains("rows 2 values 11 rejects 0", shown.Err, StringComparison.Ordinal);
            var summary = JsonDocument.Parse(shown.Out).RootElement; // stdout is the JSON line only
            Assert.Equal((2, 11), (summary.GetProperty("rows_read").GetInt32(), summary.GetProperty("values_accepted").GetInt32()));
            Assert.DoesNotContain("%", shown.Out, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
