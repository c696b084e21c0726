using System.Reflection;
using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>The embedded rule file holds the defaults of plan §5, its version is the file name + SHA-256 prefix, and a
/// broken file is refused naming the line or key.</summary>
public class SourceRuleFileTests
{
    internal static string DefaultText()
    {
        using var s = typeof(SourceRuleFile).Assembly.GetManifestResourceStream("SmartEnv.Supervision.Resources.source-rules.tsv")!;
        return new StreamReader(s).ReadToEnd();
    }

    [Fact]
    public void Defaults_of_the_plan()
    {
        var r = SourceRuleFile.Default;
        Assert.Equal((RateDenominator.Expected, RateDenominator.Received, true, 0.75m, 45, 19m, "hour", 30, 10),
            (r.TransmissionDenominator, r.EffectivenessDenominator, r.ExcuseAcceptedShutdown, r.PassMark, r.HourMinValidMinutes, r.MaxMeasuredO2,
             r.ExceedanceAveraging, r.RunRateDays, r.ExplanationFilingWindowDays));
        Assert.Equal([0.5m, 1.0m], r.SeverityMultiples);
        Assert.Equal(new FlagRule(true, true), r.Flag("N"));
        Assert.Equal(new FlagRule(true, true), r.Flag("T"));
        foreach (var f in new[] { "F", "M", "D", "C", "B", "S", "Q" }) Assert.Equal(new FlagRule(false, false), r.Flag(f));
        Assert.Equal(new FlagRule(true, true), r.Flag(null));
        Assert.Matches("^source-rules.tsv:[0-9a-f]{12}$", r.Version);
        Assert.All(r.Rows, row => Assert.Contains(row.Confidence, new[] { "confirmed", "partial", "unconfirmed", "platform" }));
    }

    [Fact]
    public void Severity_levels_by_multiple() =>
        Assert.Equal([0, 0, 1, 2, 2], new[] { 0.1m, 0.4999m, 0.5m, 1m, 3m }.Select(SourceRuleFile.Default.SeverityLevel));

    [Fact]
    public void A_changed_file_has_another_version() =>
        Assert.NotEqual(SourceRuleFile.Default.Version, SourceRuleFile.Parse(DefaultText().Replace("runrate.days\t30", "runrate.days\t31")).Version);

    [Fact]
    public void Broken_files_are_refused_naming_what()
    {
        Assert.Contains("runrate.days is missing", Assert.Throws<FormatException>(() => SourceRuleFile.Parse(string.Join('\n', DefaultText().Split('\n').Where(l => !l.StartsWith("runrate.days"))))).Message);
        Assert.Contains("line 2", Assert.Throws<FormatException>(() => SourceRuleFile.Parse("key\tvalue\tconfidence\tsource\nflag.N.valid\ttrue")).Message);
        Assert.Contains("o2.max_measured", Assert.Throws<FormatException>(() => SourceRuleFile.Parse(DefaultText().Replace("o2.max_measured\t19", "o2.max_measured\t21"))).Message);
    }
}
