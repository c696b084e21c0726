namespace SmartEnv.Supervision.Permits;

/// <summary>Kind of an execution report (执行报告). Stored as <c>annual</c> | <c>semiannual</c> | <c>quarterly</c> |
/// <c>monthly</c> (<see cref="ExecutionReportSchedule.KindKey"/>).</summary>
public enum ReportKind
{
    /// <summary>年度执行报告, calendar year.</summary>
    Annual,

    /// <summary>半年执行报告, calendar half-year.</summary>
    SemiAnnual,

    /// <summary>季度执行报告, calendar quarter.</summary>
    Quarterly,

    /// <summary>月度执行报告, calendar month.</summary>
    Monthly,
}

/// <summary>Which reports a permit requires (条例 Art. 22: set in each permit; the registry's
/// <c>report_annual/semiannual/quarterly/monthly</c> flags).</summary>
[Flags]
public enum ReportFrequencies
{
    /// <summary>No reports (e.g. an 排污登记).</summary>
    None = 0,

    /// <summary>Annual report.</summary>
    Annual = 1,

    /// <summary>Half-year reports.</summary>
    SemiAnnual = 2,

    /// <summary>Quarterly reports.</summary>
    Quarterly = 4,

    /// <summary>Monthly reports.</summary>
    Monthly = 8,
}

/// <summary>Where one execution report stands on a day (<see cref="ExecutionReportSchedule.Status"/>). Stored and shown as
/// <c>due</c> | <c>submitted</c> | <c>submitted_late</c> | <c>overdue</c> | <c>folded</c>.</summary>
public enum ReportStatus
{
    /// <summary>Not submitted, due day not passed (the due day itself is still on time: "by 15 Jan").</summary>
    Due,

    /// <summary>Submitted on or before the due day.</summary>
    Submitted,

    /// <summary>Submitted after the due day (条例 Art. 37 applies per occasion; shown, not judged here).</summary>
    SubmittedLate,

    /// <summary>Not submitted and the due day has passed: 逾期.</summary>
    Overdue,

    /// <summary>Carried by another report (folded or merged): nothing to submit for this row.</summary>
    Folded,
}

/// <summary>One scheduled execution report. Immutable; thread-safe.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="PeriodStart">First day reported: the calendar period's first day, or the permit's valid_from if later.</param>
/// <param name="PeriodEnd">Last day reported: the calendar period's last day, or the permit's valid_to if earlier.</param>
/// <param name="DueOn">Day by which it is due. For a folded or merged report: the due day of the report that carries it.</param>
/// <param name="Key">Stable name of the calendar period: <c>annual 2027</c>, <c>semiannual 2027-H1</c>,
/// <c>quarterly 2027-Q1</c>, <c>monthly 2027-03</c>.</param>
/// <param name="FoldedInto">Null when the report is filed on its own; else the <see cref="Key"/> of the report that
/// carries it (stored in <c>execution_reports.folded_into</c>).</param>
/// <param name="Note">Why it is folded or merged (English, names the rule); null when filed on its own.</param>
public sealed record ReportDue(ReportKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn, string Key, string? FoldedInto, string? Note);

/// <summary>
/// The execution-report schedule of a permit version (supervision.md §2.5 [S]; 条例 Art. 22 [P†]: content, frequency and
/// timing are set in each permit — the due days and fold thresholds are therefore <see cref="ReportRules"/> data).
/// Pure and thread-safe.
/// <para>Rules, in this order for each calendar period that overlaps the validity:</para>
/// <list type="number">
/// <item><b>Merge</b> (supervision.md §2.5, 月度 "Mar/Jun/Sep/Dec merged into the quarterly/annual", 季度 "Q4 merged into
/// annual"): a monthly report of March, June or September goes into that quarter's quarterly report when the permit
/// requires quarterly reports; a December monthly report goes into the annual report (or, without an annual report, into
/// the Q4 quarterly report); a Q4 quarterly report goes into the annual report. Without the carrying report the period is
/// filed on its own.</item>
/// <item><b>Fold</b> (supervision.md §2.5 skip rule): the first period, when the permit starts inside it and holds less than
/// the threshold (annual and half-year 3 months, quarter 1 month, month 10 days), is folded into the next period of the
/// same kind. "Less than n months": valid_from + n months is after the period's last day + 1 (so 2026-10-01…12-31 is
/// exactly 3 months, not folded; 2026-10-10…12-31, 83 days, is folded). "Fewer than n days": days held, both ends
/// inclusive. SmartEnv rule: a short <i>last</i> period (validity ending inside it) is not folded — there is no next period
/// under this permit version — and a first period is folded only when its next period starts within the validity.</item>
/// </list>
/// <para>Due days (<see cref="ReportRules"/>): annual <see cref="ReportRules.AnnualDueFor"/> (01-15 of the next year, per-year
/// and per-industry overrides); half-year H1 07-15, H2 01-15 of the next year; quarterly and monthly the 15th of the
/// following month. A folded or merged report is due with the report that carries it (followed to the end of the chain,
/// e.g. a short first December → the annual report → folded into the next annual report).</para>
/// </summary>
public static class ExecutionReportSchedule
{
    /// <summary>The reports of a permit version from <paramref name="validFrom"/> up to the end of
    /// <paramref name="throughYear"/> (or <paramref name="validTo"/> if earlier), ordered by period start then kind.</summary>
    /// <param name="validFrom">First day of validity.</param>
    /// <param name="validTo">Last day of validity (inclusive).</param>
    /// <param name="f">Reports the permit requires.</param>
    /// <param name="rules">Due days and fold thresholds (<see cref="ReportRules.Default"/>).</param>
    /// <param name="throughYear">Last calendar year whose periods are listed (periods starting after it are not).</param>
    /// <param name="industryCode">GB/T 4754 industry code of the unit, for per-industry annual due-day overrides; null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="validTo"/> before <paramref name="validFrom"/>.</exception>
    public static IReadOnlyList<ReportDue> For(DateOnly validFrom, DateOnly validTo, ReportFrequencies f, ReportRules rules, int throughYear, string? industryCode = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (validTo < validFrom) throw new ArgumentException($"valid_to {validTo:yyyy-MM-dd} is before valid_from {validFrom:yyyy-MM-dd}", nameof(validTo));
        var ctx = new Context(validFrom, validTo, f, rules, industryCode);
        var last = throughYear >= validTo.Year ? validTo : new DateOnly(throughYear, 12, 31);
        var list = new List<ReportDue>();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            if (!f.HasFlag(Flag(kind))) continue;
            for (var p = Period.Of(kind, validFrom); p.Start <= last && p.Start <= validTo; p = p.Next())
            {
                var (target, note) = ctx.Target(p);
                list.Add(new ReportDue(kind, Max(p.Start, validFrom), Min(p.End, validTo), ctx.Due(p), p.Key, target?.Key, note));
            }
        }
        return list.OrderBy(r => r.PeriodStart).ThenBy(r => r.Kind).ToList();
    }

    /// <summary>The flags of the registry's four booleans (<c>report_annual/semiannual/quarterly/monthly</c>).</summary>
    /// <param name="annual">Annual reports.</param>
    /// <param name="semiannual">Half-year reports.</param>
    /// <param name="quarterly">Quarterly reports.</param>
    /// <param name="monthly">Monthly reports.</param>
    public static ReportFrequencies Frequencies(bool annual, bool semiannual, bool quarterly, bool monthly) =>
        (annual ? ReportFrequencies.Annual : 0) | (semiannual ? ReportFrequencies.SemiAnnual : 0)
        | (quarterly ? ReportFrequencies.Quarterly : 0) | (monthly ? ReportFrequencies.Monthly : 0);

    /// <summary>Status of one report on <paramref name="today"/>: folded rows are <see cref="ReportStatus.Folded"/>;
    /// submitted ones <see cref="ReportStatus.Submitted"/> or, after the due day, <see cref="ReportStatus.SubmittedLate"/>;
    /// otherwise <see cref="ReportStatus.Overdue"/> from the day after <paramref name="dueOn"/>, else <see cref="ReportStatus.Due"/>.</summary>
    /// <param name="dueOn">The row's due day.</param>
    /// <param name="submittedOn">Day it was submitted, or null.</param>
    /// <param name="foldedInto">The row's <c>folded_into</c>, or null.</param>
    /// <param name="today">The day judged (Beijing date).</param>
    public static ReportStatus Status(DateOnly dueOn, DateOnly? submittedOn, string? foldedInto, DateOnly today) =>
        foldedInto is not null ? ReportStatus.Folded
        : submittedOn is { } s ? (s > dueOn ? ReportStatus.SubmittedLate : ReportStatus.Submitted)
        : today > dueOn ? ReportStatus.Overdue
        : ReportStatus.Due;

    /// <summary>Stored key of a report status: <c>due</c>, <c>submitted</c>, <c>submitted_late</c>, <c>overdue</c>, <c>folded</c>.</summary>
    /// <param name="status">The status.</param>
    public static string StatusKey(ReportStatus status) => status switch
    {
        ReportStatus.Due => "due",
        ReportStatus.Submitted => "submitted",
        ReportStatus.SubmittedLate => "submitted_late",
        ReportStatus.Overdue => "overdue",
        ReportStatus.Folded => "folded",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Stored key of a report kind: <c>annual</c>, <c>semiannual</c>, <c>quarterly</c>, <c>monthly</c>.</summary>
    /// <param name="kind">The kind.</param>
    public static string KindKey(ReportKind kind) => kind switch
    {
        ReportKind.Annual => "annual",
        ReportKind.SemiAnnual => "semiannual",
        ReportKind.Quarterly => "quarterly",
        ReportKind.Monthly => "monthly",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static ReportFrequencies Flag(ReportKind k) => k switch
    {
        ReportKind.Annual => ReportFrequencies.Annual,
        ReportKind.SemiAnnual => ReportFrequencies.SemiAnnual,
        ReportKind.Quarterly => ReportFrequencies.Quarterly,
        _ => ReportFrequencies.Monthly,
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>A calendar period of one kind.</summary>
    private readonly record struct Period(ReportKind Kind, DateOnly Start, DateOnly End)
    {
        private static int Months(ReportKind k) => k switch
        {
            ReportKind.Annual => 12,
            ReportKind.SemiAnnual => 6,
            ReportKind.Quarterly => 3,
            _ => 1,
        };

        public static Period Of(ReportKind kind, DateOnly day)
        {
            var m = Months(kind);
            var start = new DateOnly(day.Year, (day.Month - 1) / m * m + 1, 1);
            return new Period(kind, start, start.AddMonths(m).AddDays(-1));
        }

        public Period Next() => Of(Kind, End.AddDays(1));

        public string Key => Kind switch
        {
            ReportKind.Annual => $"annual {Start.Year:D4}",
            ReportKind.SemiAnnual => $"semiannual {Start.Year:D4}-H{(Start.Month - 1) / 6 + 1}",
            ReportKind.Quarterly => $"quarterly {Start.Year:D4}-Q{(Start.Month - 1) / 3 + 1}",
            _ => $"monthly {Start.Year:D4}-{Start.Month:D2}",
        };
    }

    private sealed record Context(DateOnly ValidFrom, DateOnly ValidTo, ReportFrequencies F, ReportRules Rules, string? Industry)
    {
        /// <summary>The report that carries <paramref name="p"/> (merge first, then fold), with the reason; null when filed alone.</summary>
        public (Period? Target, string? Note) Target(Period p)
        {
            bool Has(ReportFrequencies x) => F.HasFlag(x);
            var month = p.Start.Month;
            if (p.Kind == ReportKind.Monthly && month == 12 && Has(ReportFrequencies.Annual))
                return (Period.Of(ReportKind.Annual, p.Start), "December is merged into the annual report (supervision.md §2.5)");
            if (p.Kind == ReportKind.Monthly && month % 3 == 0 && Has(ReportFrequencies.Quarterly))
                return (Period.Of(ReportKind.Quarterly, p.Start), "the quarter's last month is merged into the quarterly report (supervision.md §2.5)");
            if (p.Kind == ReportKind.Quarterly && month == 10 && Has(ReportFrequencies.Annual))
                return (Period.Of(ReportKind.Annual, p.Start), "Q4 is merged into the annual report (supervision.md §2.5)");
            if (ValidFrom > p.Start && ValidTo >= p.End)
            {
                var next = p.Next();
                if (next.Start <= ValidTo && Short(p, out var held))
                    return (next, $"held {held} from {ValidFrom:yyyy-MM-dd}: folded into the next period (supervision.md §2.5)");
            }
            return (null, null);
        }

        private bool Short(Period p, out string held)
        {
            var days = p.End.DayNumber - ValidFrom.DayNumber + 1;
            var months = p.Kind switch
            {
                ReportKind.Annual => Rules.FoldAnnualMonths,
                ReportKind.SemiAnnual => Rules.FoldSemiannualMonths,
                ReportKind.Quarterly => Rules.FoldQuarterlyMonths,
                _ => -1,
            };
            if (months < 0)
            {
                held = $"{days} days < {Rules.FoldMonthlyDays} days";
                return days < Rules.FoldMonthlyDays;
            }
            held = $"{days} days < {months} months";
            return ValidFrom.AddMonths(months) > p.End.AddDays(1);
        }

        public DateOnly Due(Period p)
        {
            for (var guard = 0; guard < 16; guard++)
            {
                var (t, _) = Target(p);
                if (t is not { } next) return Nominal(p);
                p = next;
            }
            throw new InvalidOperationException("report fold chain does not end"); // cannot happen: every step moves later or up a kind
        }

        private DateOnly Nominal(Period p) => p.Kind switch
        {
            ReportKind.Annual => Rules.AnnualDueFor(p.Start.Year, Industry),
            ReportKind.SemiAnnual => p.Start.Month == 1
                ? new DateOnly(p.Start.Year, Rules.SemiannualDueH1.Month, Rules.SemiannualDueH1.Day)
                : new DateOnly(p.Start.Year + 1, Rules.SemiannualDueH2.Month, Rules.SemiannualDueH2.Day),
            ReportKind.Quarterly => new DateOnly(p.End.Year, p.End.Month, 1).AddMonths(1).AddDays(Rules.QuarterlyDueDay - 1),
            _ => new DateOnly(p.End.Year, p.End.Month, 1).AddMonths(1).AddDays(Rules.MonthlyDueDay - 1),
        };
    }
}
