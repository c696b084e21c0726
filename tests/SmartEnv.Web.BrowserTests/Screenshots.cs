using SmartEnv.Tests;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// Where browser tests write their screenshots. A test run must leave the working tree clean, so by default they go to a
/// temporary folder (<c>$TMPDIR/smartenv-screenshots</c>, printed nowhere, overwritten each run). Refreshing the
/// pictures in <c>docs/screenshots/</c> is a separate, explicit command: <c>bash docs/screenshots/refresh.sh</c>, which
/// runs the browser tests with <c>SMARTENV_SCREENSHOTS=docs</c>. Thread-safe (only reads the environment).
/// </summary>
public static class Screenshots
{
    /// <summary>The folder for this run (created): <c>docs/screenshots</c> when <c>SMARTENV_SCREENSHOTS=docs</c>,
    /// else a folder of the temp directory.</summary>
    public static string Folder
    {
        get
        {
            var d = Environment.GetEnvironmentVariable("SMARTENV_SCREENSHOTS") == "docs"
                ? Path.Combine(RepoPaths.Root, "docs", "screenshots")
                : Path.Combine(Path.GetTempPath(), "smartenv-screenshots");
            Directory.CreateDirectory(d);
            return d;
        }
    }

    /// <summary>The full path for a screenshot file name such as <c>overview.png</c>.</summary>
    public static string PathFor(string fileName) => Path.Combine(Folder, fileName);
}
