using System.Text.RegularExpressions;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Pages, their code-behind and the UI services read the clock through the app's injected <see cref="TimeProvider"/> only
/// (a test at a fixed clock then sees the page's defaults at that clock): every .cs and .razor file under
/// src/SmartEnv.Web/Components and src/SmartEnv.Web/Ui, and the issue-19 services src/SmartEnv.Inspections and
/// src/SmartEnv.Credit, is scanned for <c>DateTime(Offset).Now/UtcNow</c>; the test names file:line. It failed on
/// InspectionPlan.razor.cs (the record form's default time) before that page injected the TimeProvider.
/// </summary>
public sealed partial class PageClockScanTests
{
    [GeneratedRegex(@"\bDateTime(?:Offset)?\.(?:UtcNow|Now)\b")]
    private static partial Regex SystemClock();

    [Fact]
    public void No_page_or_ui_service_reads_the_system_clock()
    {
        var root = RepoPaths.Root;
        var dirs = new[] { "src/SmartEnv.Web/Components", "src/SmartEnv.Web/Ui", "src/SmartEnv.Inspections", "src/SmartEnv.Credit" };
        var files = dirs.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .ToList();
        Assert.True(files.Count > 50, $"only {files.Count} files found under {root}: the scan would prove nothing");
        var hits = new List<string>();
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(Path.Combine(root, f));
            for (var i = 0; i < lines.Length; i++)
                if (SystemClock().IsMatch(lines[i])) hits.Add($"{f.Replace('\\', '/')}:{i + 1}");
        }
        Assert.True(hits.Count == 0, "the system clock read outside the injected TimeProvider:\n" + string.Join("\n", hits));
    }

    [Theory]
    [InlineData("var t = DateTimeOffset.UtcNow;", true)]
    [InlineData("x = DateTime.Now.Year", true)]
    [InlineData("Time.GetUtcNow()", false)]
    [InlineData("MyDateTimeOffset.UtcNowish", false)]
    public void Scanner_catches_the_system_clock_only(string line, bool caught) => Assert.Equal(caught, SystemClock().IsMatch(line));
}
