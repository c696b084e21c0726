using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>complaint-rules.tsv: every figure of plan §2 with its source (values from supervision.md §5 and the plan's
/// SmartEnv limits).</summary>
public class ComplaintRulesTests
{
    private static readonly ComplaintRules R = ComplaintRules.Default;

    [Fact]
    public void The_figures_of_the_plan()
    {
        Assert.Equal(15, R.AcceptanceAnswerDays);          // 条例 Art. 22–23
        Assert.Equal(60, R.HandlingDays);                  // 条例 Art. 34
        Assert.Equal(30, R.ExtensionMaxDays);              // 条例 Art. 34
        Assert.Equal(30, R.ReviewRequestDays);             // 条例 Art. 35
        Assert.Equal(30, R.ReviewDecisionDays);            // 条例 Art. 35
        Assert.Equal(30, R.RecheckRequestDays);            // 条例 Art. 36
        Assert.Equal(30, R.RecheckDecisionDays);           // 条例 Art. 36
        Assert.Equal(5, R.OutOfRemitObjectionWorkdays);    // 条例 Art. 23
        Assert.True(R.RollForwardToWorkday);               // [U]
        Assert.Equal(300.0, R.DuplicateRadiusMetres);
        Assert.Equal(7, R.DuplicateWindowDays);
        Assert.Equal(2000, R.TextMaxChars);
        Assert.Equal(4, R.PhotosMax);
        Assert.Equal(10L * 1024 * 1024, R.PhotoMaxBytes);  // 10 MiB
        Assert.Equal(40_000_000L, R.PhotoMaxPixels);       // 40 MP
        Assert.Equal(1600, R.PhotoLongEdge);
        Assert.Equal(5, R.PublicSubmissionsPerAddressPerHour);
        Assert.Equal(20, R.PublicRefusalsPerAddressPerHour);
        Assert.Equal(30, R.QueryAttemptsPerAddressPerHour);
    }

    [Fact]
    public void Day_kinds_confidences_and_articles()
    {
        Assert.Equal(DayKind.Workday, R["objection.workdays"].DayKind);
        foreach (var k in new[] { "acceptance.answer_days", "handling.days", "extension.max_days", "review.request_days",
                     "review.decision_days", "recheck.request_days", "recheck.decision_days", "duplicate.window_days" })
            Assert.Equal(DayKind.Calendar, R[k].DayKind);
        Assert.Null(R["duplicate.radius_m"].DayKind);
        Assert.Contains("Art. 23", R["acceptance.answer_days"].Source);
        Assert.Contains("Art. 22", R["acceptance.answer_days"].Source);
        Assert.Contains("Art. 34", R["handling.days"].Source);
        Assert.Contains("Art. 34", R["extension.max_days"].Source);
        Assert.Contains("Art. 35", R["review.request_days"].Source);
        Assert.Contains("Art. 36", R["recheck.decision_days"].Source);
        Assert.Contains("Art. 23", R["objection.workdays"].Source);
        Assert.Equal("U", R["deadline.roll_forward"].Confidence);
        Assert.Contains("Civil Procedure Law", R["deadline.roll_forward"].Source);
        foreach (var k in new[] { "duplicate.radius_m", "duplicate.window_days", "text.max_chars", "photos.max", "photo.max_bytes",
                     "photo.max_pixels", "photo.long_edge", "public.submissions_per_address_per_hour", "query.attempts_per_address_per_hour", "public.refusals_per_address_per_hour" })
            Assert.Equal("SmartEnv", R[k].Confidence);
        foreach (var k in new[] { "acceptance.answer_days", "handling.days", "extension.max_days", "review.request_days",
                     "review.decision_days", "recheck.request_days", "recheck.decision_days", "objection.workdays" })
            Assert.Equal("P†", R[k].Confidence);
    }

    [Fact]
    public void Every_row_carries_unit_confidence_and_source()
    {
        Assert.Equal(ComplaintRules.RequiredKeys.Order(StringComparer.Ordinal), R.All.Select(r => r.Key));
        foreach (var r in R.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Unit));
            Assert.Contains(r.Confidence, ComplaintRules.Confidences);
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
        }
        Assert.Throws<KeyNotFoundException>(() => R["no.such"]);
    }

    [Fact]
    public void Version_is_the_hash_of_the_file()
    {
        Assert.Matches("^complaint-rules@[0-9a-f]{8}$", R.Version);
        var text = ComplaintDeadlinesTests.RulesFileText();
        Assert.Equal(R.Version, ComplaintRules.Load(new StringReader(text)).Version);
        Assert.NotEqual(R.Version, ComplaintRules.Load(new StringReader(text + "# edited\n")).Version);
    }

    [Theory]
    [InlineData("handling.days\t60\t", "handling.days\tsixty\t", "not a decimal")]
    [InlineData("handling.days\t60\tday\tcalendar", "handling.days\t60\tday\t-", "is a period")]
    [InlineData("photos.max\t4\tphoto\t-", "photos.max\t4\tphoto\tcalendar", "is not a period")]
    [InlineData("photos.max\t4\tphoto\t-", "photos.max\t4.5\tphoto\t-", "whole number")]
    [InlineData("extension.max_days\t30\tday\tcalendar\tP†", "extension.max_days\t30\tday\tcalendar\tX", "confidence")]
    [InlineData("deadline.roll_forward\t1", "deadline.roll_forward\t2", "whole number 0…1")]
    [InlineData("objection.workdays\t5\tworking day\tworkday", "objection.workdays\t5\tworking day\tweekly", "day_kind")]
    public void A_bad_file_is_refused_with_the_reason(string from, string to, string message)
    {
        var text = ComplaintDeadlinesTests.RulesFileText();
        Assert.Contains(from, text);
        var ex = Assert.Throws<FormatException>(() => ComplaintRules.Load(new StringReader(text.Replace(from, to))));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Missing_unknown_and_twice_listed_keys_are_refused()
    {
        var text = ComplaintDeadlinesTests.RulesFileText();
        var lines = text.Split('\n');
        var photoLine = lines.Single(l => l.StartsWith("photos.max\t", StringComparison.Ordinal));
        Assert.Contains("required key 'photos.max' missing",
            Assert.Throws<FormatException>(() => ComplaintRules.Load(new StringReader(text.Replace(photoLine + "\n", "")))).Message);
        Assert.Contains("appears twice",
            Assert.Throws<FormatException>(() => ComplaintRules.Load(new StringReader(text + photoLine + "\n"))).Message);
        Assert.Contains("unknown key",
            Assert.Throws<FormatException>(() => ComplaintRules.Load(new StringReader(text + photoLine.Replace("photos.max", "photos.min") + "\n"))).Message);
    }
}
