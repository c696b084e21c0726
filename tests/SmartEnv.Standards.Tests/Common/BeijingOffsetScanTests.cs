using System.Text.RegularExpressions;
using SmartEnv.Tests;

namespace SmartEnv.Standards.Tests.Common;

/// <summary>
/// Issue #12 point 4: Beijing time has one owner, <see cref="SmartEnv.Standards.Common.BeijingTime"/>. Every .cs and
/// .razor file under src/ and tests/ (bin/obj excluded) is scanned for code that writes the UTC+8 offset itself — an
/// 8-hour TimeSpan or shift, 480 minutes, 28,800 seconds, a parsed "08:00" offset, or a time-zone id for China — and
/// the test fails naming file:line. Only BeijingTime.cs may hold it. ISO texts such as "…T00:00+08:00" in test data
/// and expected output are data, not arithmetic, and are not matched.
/// </summary>
public sealed partial class BeijingOffsetScanTests
{
    [GeneratedRegex(@"(?:From|Add)Hours\(\s*-?\s*8(?:\.0*)?[dDmMfF]?\s*\)" +
                    @"|new\s+TimeSpan\(\s*-?\s*8\s*,\s*0\s*,\s*0\s*\)" +
                    @"|(?:From|Add)Minutes\(\s*-?\s*480(?:\.0*)?\s*\)" +
                    @"|(?:From|Add)Seconds\(\s*-?\s*28_?800(?:\.0*)?\s*\)" +
                    @"|TimeSpan\.Parse\(\s*""[+]?0?8:00" +
                    @"|""(?:Asia/Shanghai|Asia/Chongqing|China Standard Time)""")]
    private static partial Regex OffsetLiteral();

    private static readonly string Owner = Path.Combine("src", "SmartEnv.Standards", "Common", "BeijingTime.cs");

    [Fact]
    public void No_plus_8_literal_outside_BeijingTime()
    {
        var root = RepoPaths.Root;
        var files = new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Where(f => f != Owner)
            .ToList();
        Assert.True(files.Count > 300, $"only {files.Count} files found under {root}: the scan would prove nothing");
        var hits = new List<string>();
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(Path.Combine(root, f));
            for (var i = 0; i < lines.Length; i++)
                if (OffsetLiteral().Match(lines[i]) is { Success: true } m)
                    hits.Add($"{f.Replace('\\', '/')}:{i + 1}: {m.Value}");
        }
        Assert.True(hits.Count == 0, "UTC+8 written outside SmartEnv.Standards.Common.BeijingTime (use BeijingTime.Offset, " +
            "Date, Today, DayStart/DayEnd, HourLabel/HourStart/HourEnd, Local, At, TryParseLocal):\n" + string.Join("\n", hits));
        Assert.Matches(OffsetLiteral(), File.ReadAllText(Path.Combine(root, Owner))); // the owner holds it
    }

    [Theory] // the scanner itself: what it must catch (texts assembled so this file holds no literal) and what it must let pass.
    [InlineData("TimeSpan.FromHours(", "8)", true)]
    [InlineData("t.AddHours(", "-8)", true)]
    [InlineData("t.AddHours( ", "8 )", true)]
    [InlineData("TimeSpan.FromHours(", "8.0)", true)]
    [InlineData("new TimeSpan(", "8, 0, 0)", true)]
    [InlineData("TimeSpan.FromMinutes(", "480)", true)]
    [InlineData("TimeSpan.FromSeconds(", "28800)", true)]
    [InlineData("TimeSpan.Parse(\"", "08:00\")", true)]
    [InlineData("FindSystemTimeZoneById(\"Asia/", "Shanghai\")", true)]
    [InlineData("NoiseDayEvaluation.MinimumHours(", "8)", false)]
    [InlineData("t.AddHours(", "18)", false)]
    [InlineData("t.AddHours(", "-1)", false)]
    [InlineData("\"2019-01-02T00:00:00+0", "8:00\"", false)]
    [InlineData("/// Beijing time (UTC+", "8)", false)]
    public void Scanner_catches_offset_arithmetic_only(string a, string b, bool caught) =>
        Assert.Equal(caught, OffsetLiteral().IsMatch(a + b));
}
