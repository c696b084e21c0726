using SmartEnv.Supervision.Permits;

namespace SmartEnv.Supervision.Tests.Permits;

/// <summary>执行报告 schedule and fold rules (supervision.md §2.5; plan §4 row "Execution reports fold"). Every expected row is
/// worked by hand in the comments.</summary>
public class ExecutionReportScheduleTests
{
    private static readonly ReportRules Rules = ReportRules.Default;
    private static readonly DateOnly FiveYears = new(2031, 10, 9);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static ReportDue One(IReadOnlyList<ReportDue> list, string key) => Assert.Single(list, r => r.Key == key);

    // valid_from 2026-10-10: held 10-10…12-31 = 22 + 30 + 31 = 83 days; 10-10 + 3 months = 2027-01-10 > 2027-01-01 → less
    // than 3 months → folded into annual 2027, which is due 2028-01-15; both rows are due then.
    [Fact]
    public void A_first_year_under_3_months_folds_into_the_next()
    {
        var list = ExecutionReportSchedule.For(D(2026, 10, 10), FiveYears, ReportFrequencies.Annual, Rules, throughYear: 2027);
        Assert.Equal(
            [
                new ReportDue(ReportKind.Annual, D(2026, 10, 10), D(2026, 12, 31), D(2028, 1, 15), "annual 2026", "annual 2027",
                    "held 83 days < 3 months from 2026-10-10: folded into the next period (supervision.md §2.5)"),
                new ReportDue(ReportKind.Annual, D(2027, 1, 1), D(2027, 12, 31), D(2028, 1, 15), "annual 2027", null, null),
            ],
            list);
    }

    // valid_from 2026-10-01: 10-01 + 3 months = 2027-01-01, not after 12-31 + 1 day → exactly 3 months, not folded.
    [Fact]
    public void Exactly_3_months_is_not_folded()
    {
        var r = One(ExecutionReportSchedule.For(D(2026, 10, 1), FiveYears, ReportFrequencies.Annual, Rules, 2026), "annual 2026");
        Assert.Equal(D(2027, 1, 15), r.DueOn);
        Assert.Null(r.FoldedInto);
        Assert.Equal(D(2026, 10, 1), r.PeriodStart);
    }

    // Monthly from 10-10: 22 days held (10…31) ≥ 10 → own report, due 15th of November. From 10-25: 7 days (25…31) < 10 →
    // folded into November, due 2026-12-15. Without quarterly or annual reports December stands alone (due 2027-01-15).
    [Fact]
    public void A_first_month_under_10_days_folds_into_the_next()
    {
        var a = ExecutionReportSchedule.For(D(2026, 10, 10), FiveYears, ReportFrequencies.Monthly, Rules, 2026);
        Assert.Equal(["monthly 2026-10", "monthly 2026-11", "monthly 2026-12"], a.Select(r => r.Key));
        Assert.Equal(D(2026, 11, 15), One(a, "monthly 2026-10").DueOn);
        Assert.Null(One(a, "monthly 2026-10").FoldedInto);
        Assert.Equal(D(2027, 1, 15), One(a, "monthly 2026-12").DueOn);
        Assert.Null(One(a, "monthly 2026-12").FoldedInto);

        var b = ExecutionReportSchedule.For(D(2026, 10, 25), FiveYears, ReportFrequencies.Monthly, Rules, 2026);
        var oct = One(b, "monthly 2026-10");
        Assert.Equal("monthly 2026-11", oct.FoldedInto);
        Assert.Equal(D(2026, 12, 15), oct.DueOn);
        Assert.Equal(D(2026, 10, 25), oct.PeriodStart);
        Assert.Contains("7 days < 10 days", oct.Note, StringComparison.Ordinal);
    }

    // Annual + quarterly + monthly from 2026-10-01 through 2027: months Oct 2026…Dec 2027 = 15, quarters 2026-Q4…2027-Q4 = 5,
    // years 2 → 22 rows. Dec → annual (due 01-15 of the next year), Mar/Jun/Sep → their quarter (due 04-15, 07-15, 10-15),
    // Q4 → annual; the other months are due the 15th of the next month.
    [Fact]
    public void Quarter_end_months_and_Q4_are_merged()
    {
        var list = ExecutionReportSchedule.For(D(2026, 10, 1), FiveYears,
            ReportFrequencies.Annual | ReportFrequencies.Quarterly | ReportFrequencies.Monthly, Rules, 2027);
        Assert.Equal(22, list.Count);
        Assert.Equal(2, list.Count(r => r.Kind == ReportKind.Annual));
        Assert.Equal(5, list.Count(r => r.Kind == ReportKind.Quarterly));
        Assert.Equal(15, list.Count(r => r.Kind == ReportKind.Monthly));
        (string Key, string? Into, DateOnly Due)[] expected =
        [
            ("monthly 2026-10", null, D(2026, 11, 15)),
            ("monthly 2026-12", "annual 2026", D(2027, 1, 15)),
            ("quarterly 2026-Q4", "annual 2026", D(2027, 1, 15)),
            ("annual 2026", null, D(2027, 1, 15)),
            ("monthly 2027-02", null, D(2027, 3, 15)),
            ("monthly 2027-03", "quarterly 2027-Q1", D(2027, 4, 15)),
            ("quarterly 2027-Q1", null, D(2027, 4, 15)),
            ("monthly 2027-06", "quarterly 2027-Q2", D(2027, 7, 15)),
            ("monthly 2027-09", "quarterly 2027-Q3", D(2027, 10, 15)),
            ("quarterly 2027-Q3", null, D(2027, 10, 15)),
            ("monthly 2027-12", "annual 2027", D(2028, 1, 15)),
            ("quarterly 2027-Q4", "annual 2027", D(2028, 1, 15)),
        ];
        foreach (var (key, into, due) in expected)
        {
            var r = One(list, key);
            Assert.Equal(into, r.FoldedInto);
            Assert.Equal(due, r.DueOn);
        }
        // Without quarterly reports, March stands alone (due 04-15 as a monthly report).
        var noQ = ExecutionReportSchedule.For(D(2026, 10, 1), FiveYears, ReportFrequencies.Annual | ReportFrequencies.Monthly, Rules, 2027);
        Assert.Null(One(noQ, "monthly 2027-03").FoldedInto);
    }

    // From 2026-12-25: December (7 days) is merged into annual 2026, which (7 days < 3 months) is folded into annual 2027:
    // both are due 2028-01-15, the end of the chain.
    [Fact]
    public void A_chain_of_merge_and_fold_is_due_at_its_end()
    {
        var list = ExecutionReportSchedule.For(D(2026, 12, 25), FiveYears, ReportFrequencies.Annual | ReportFrequencies.Monthly, Rules, 2026);
        var dec = One(list, "monthly 2026-12");
        Assert.Equal("annual 2026", dec.FoldedInto);
        Assert.Equal(D(2028, 1, 15), dec.DueOn);
        var y = One(list, "annual 2026");
        Assert.Equal("annual 2027", y.FoldedInto);
        Assert.Equal(D(2028, 1, 15), y.DueOn);
    }

    // Quarter from 2027-03-05: 03-05 + 1 month = 04-05 > 04-01 → folded into Q2 (due 07-15). From 03-01: 04-01 is not after
    // 04-01 → a full month, own report due 04-15.
    [Fact]
    public void A_first_quarter_under_a_month_folds()
    {
        var a = One(ExecutionReportSchedule.For(D(2027, 3, 5), FiveYears, ReportFrequencies.Quarterly, Rules, 2027), "quarterly 2027-Q1");
        Assert.Equal("quarterly 2027-Q2", a.FoldedInto);
        Assert.Equal(D(2027, 7, 15), a.DueOn);
        var b = One(ExecutionReportSchedule.For(D(2027, 3, 1), FiveYears, ReportFrequencies.Quarterly, Rules, 2027), "quarterly 2027-Q1");
        Assert.Null(b.FoldedInto);
        Assert.Equal(D(2027, 4, 15), b.DueOn);
    }

    [Fact]
    public void Half_years_are_due_15_July_and_15_January()
    {
        var list = ExecutionReportSchedule.For(D(2027, 1, 1), FiveYears, ReportFrequencies.SemiAnnual, Rules, 2027);
        Assert.Equal(D(2027, 7, 15), One(list, "semiannual 2027-H1").DueOn);
        Assert.Equal(D(2028, 1, 15), One(list, "semiannual 2027-H2").DueOn);
    }

    // The last period is clipped to valid_to and never folded (2027-01-01…02-15, 46 days): there is no next period.
    [Fact]
    public void A_short_last_period_is_kept_and_clipped()
    {
        var list = ExecutionReportSchedule.For(D(2026, 10, 1), D(2027, 2, 15), ReportFrequencies.Annual, Rules, 2030);
        Assert.Equal(["annual 2026", "annual 2027"], list.Select(r => r.Key));
        var last = One(list, "annual 2027");
        Assert.Equal(D(2027, 2, 15), last.PeriodEnd);
        Assert.Null(last.FoldedInto);
        Assert.Equal(D(2028, 1, 15), last.DueOn);
    }

    // report-rules.tsv: the 2024 annual reports were due 2025-02-28, 火电 (4411, 4412) 2025-01-31 (supervision.md §2.5 [U]).
    [Theory]
    [InlineData(null, 2025, 2, 28)]
    [InlineData("4411", 2025, 1, 31)]
    [InlineData("4412", 2025, 1, 31)]
    [InlineData("4419", 2025, 2, 28)]
    public void Annual_due_days_have_per_year_and_industry_overrides(string? industry, int y, int m, int d)
    {
        var r = One(ExecutionReportSchedule.For(D(2024, 1, 1), FiveYears, ReportFrequencies.Annual, Rules, 2024, industry), "annual 2024");
        Assert.Equal(D(y, m, d), r.DueOn);
    }

    // Due 2028-01-15: on that day still due, the next day overdue; submitted on it → on time, a day later → late.
    [Theory]
    [InlineData(null, null, 2028, 1, 15, ReportStatus.Due)]
    [InlineData(null, null, 2028, 1, 16, ReportStatus.Overdue)]
    [InlineData("2028-01-15", null, 2028, 3, 1, ReportStatus.Submitted)]
    [InlineData("2028-01-16", null, 2028, 3, 1, ReportStatus.SubmittedLate)]
    [InlineData(null, "annual 2028", 2028, 3, 1, ReportStatus.Folded)]
    public void Status_of_a_report(string? submitted, string? folded, int y, int m, int d, ReportStatus expected)
    {
        DateOnly? s = submitted is null ? null : DateOnly.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, ExecutionReportSchedule.Status(D(2028, 1, 15), s, folded, D(y, m, d)));
    }

    [Fact]
    public void Registry_flags_map_to_frequencies()
    {
        Assert.Equal(ReportFrequencies.Annual | ReportFrequencies.Monthly, ExecutionReportSchedule.Frequencies(true, false, false, true));
        Assert.Equal(ReportFrequencies.None, ExecutionReportSchedule.Frequencies(false, false, false, false));
        Assert.Equal("submitted_late", ExecutionReportSchedule.StatusKey(ReportStatus.SubmittedLate));
    }

    [Fact]
    public void No_reports_and_bad_validity()
    {
        Assert.Empty(ExecutionReportSchedule.For(D(2026, 10, 1), FiveYears, ReportFrequencies.None, Rules, 2030));
        Assert.Empty(ExecutionReportSchedule.For(D(2026, 10, 1), FiveYears, ReportFrequencies.Annual, Rules, 2025));
        Assert.Throws<ArgumentException>(() => ExecutionReportSchedule.For(D(2026, 10, 1), D(2026, 9, 30), ReportFrequencies.Annual, Rules, 2030));
        Assert.Equal("semiannual", ExecutionReportSchedule.KindKey(ReportKind.SemiAnnual));
    }
}

/// <summary>Parsing of report-rules.tsv.</summary>
public class ReportRulesTests
{
    private const string Header = "key\tvalue\tconfidence\tsource\n";

    private static string Minimal(string extra = "") => Header +
        "annual.due\t01-31\tS\tx\nsemiannual.due.h1\t07-15\tS\tx\nsemiannual.due.h2\t01-15\tS\tx\nquarterly.due_day\t15\tS\tx\n" +
        "monthly.due_day\t15\tS\tx\nfold.annual.months\t3\tS\tx\nfold.semiannual.months\t3\tS\tx\nfold.quarterly.months\t1\tS\tx\n" +
        "fold.monthly.days\t10\tS\tx\npermit.renewal_lead_days\t60\tP†\tx\nregistration.renewal_window_days\t20\tS\tx\n" + extra;

    [Fact]
    public void A_file_edit_changes_the_due_day_and_the_version()
    {
        var r = ReportRules.Parse(Minimal(), "mine.tsv");
        Assert.Equal(new DateOnly(2028, 1, 31), r.AnnualDueFor(2027));
        Assert.StartsWith("mine.tsv@", r.Version, StringComparison.Ordinal);
        Assert.Equal(9 + 12, r.Version.Length);
        Assert.NotEqual(r.Version, ReportRules.Parse(Minimal("# a comment\n"), "mine.tsv").Version);
        Assert.StartsWith("report-rules.tsv@", ReportRules.Default.Version, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("annual.due\t02-30\tS\tx\n", "twice")]
    [InlineData("fold.monthly.days.extra\t1\tS\tx\n", "unknown key")]
    [InlineData("annual.due.2024\t2025-02-30\tS\tx\n", "annual.due.2024")]
    [InlineData("annual.due.2024.sector.44\t2025-02-01\tS\tx\n", "annual.due.2024.sector.44")]
    [InlineData("only\tthree\tcolumns\n", "4 tab-separated")]
    public void Bad_files_are_refused_naming_the_key(string extra, string message)
    {
        var e = Assert.Throws<FormatException>(() => ReportRules.Parse(Minimal(extra), "mine.tsv"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_is_named() =>
        Assert.Contains("'monthly.due_day'", Assert.Throws<FormatException>(() =>
            ReportRules.Parse(Minimal().Replace("monthly.due_day\t15\tS\tx\n", "", StringComparison.Ordinal), "m.tsv")).Message, StringComparison.Ordinal);
}
