using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Supervision.Tests.Emergency;

/// <summary>The rule table loads, carries source and confidence, and refuses broken files.</summary>
public class EmergencyRulesTests
{
    [Fact]
    public void Default_table_figures()
    {
        var r = EmergencyRules.Default;
        Assert.StartsWith("emergency-rules@", r.Version);
        Assert.Equal(20, r.FilingWorkdays);
        Assert.Equal(5, r.CheckWorkdays);
        Assert.Equal(3, r.ReviewYears);
        Assert.Equal(["filing_form", "plan", "risk_assessment", "resources_survey", "review_opinion"], r.FilingDocuments);
        Assert.All(r.Rows, row => Assert.False(string.IsNullOrWhiteSpace(row.Source)));
    }

    [Theory]
    [InlineData("deaths.major\tthreshold\tdeaths\tmajor\t10", "deaths.major\tthreshold\tdeaths\tmajor\tten", "not a number")]
    [InlineData("deaths.major\tthreshold\tdeaths\tmajor\t10", "deaths.major\tthreshold\tdeaths\tgrave\t10", "unknown level")]
    [InlineData("bound.lower\tconvention\t-\t-\tinclusive", "bound.lower\tconvention\t-\t-\tmaybe", "inclusive or exclusive")]
    [InlineData("doc.plan\t", "#doc.plan\t", "5 documents")]
    [InlineData("unclear.heavy_metals\t", "#unclear.heavy_metals\t", "unclear.heavy_metals")]
    public void Broken_tables_are_refused(string from, string to, string message)
    {
        var text = Tables.DefaultText();
        Assert.Contains(from, text);
        var ex = Assert.Throws<FormatException>(() => EmergencyRules.Load(new StringReader(text.Replace(from, to))));
        Assert.Contains(message, ex.Message);
        Assert.StartsWith("emergency-rules line", ex.Message);
    }
}
