namespace SmartEnv.Supervision.Waste.Generators;

/// <summary>What is filed. Stored as <c>plan</c> | <c>monthly</c> | <c>quarterly</c> | <c>annual</c>.</summary>
public enum DeclarationKind
{
    /// <summary>危险废物管理计划 for the year (HJ 1259-2022 §5.2: yearly, by 31 March of that year).</summary>
    Plan,

    /// <summary>月度申报 of 重点监管单位: the previous month, by the 15th (§7.2).</summary>
    Monthly,

    /// <summary>季度申报 of 简化管理单位: the previous quarter, by the 15th of the quarter's first month (§7.2).</summary>
    Quarterly,

    /// <summary>年度申报 of every class: the previous year, by 31 March (§7.2).</summary>
    Annual,
}

/// <summary>State of one expected filing on a day. Stored nowhere (computed); keys <c>due</c>, <c>submitted</c>,
/// <c>submitted_late</c>, <c>overdue</c>.</summary>
public enum DeclarationStatus
{
    /// <summary>Not filed, due day not passed.</summary>
    Due,

    /// <summary>Filed on or before the due day.</summary>
    Submitted,

    /// <summary>Filed after the due day.</summary>
    SubmittedLate,

    /// <summary>Not filed and the due day has passed (overdue from the day after it).</summary>
    Overdue,
}

/// <summary>One expected filing.</summary>
/// <param name="Kind">What is filed.</param>
/// <param name="Period">Period key: <c>2027</c> (plan, annual), <c>2027-01</c> (monthly), <c>2027-Q1</c> (quarterly).</param>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="PeriodEnd">Last day of the period.</param>
/// <param name="DueOn">Last day on time (Beijing date, inclusive).</param>
public sealed record DeclarationDue(DeclarationKind Kind, string Period, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn);

/// <summary>
/// The filings a site owes for one year by its class (HJ 1259-2022 §5.2 and §7.2; supervision.md §3.2 [P]), computed here
/// and nowhere else:
/// <list type="bullet">
/// <item>every class: the management plan for year Y, due <c>AnnualDueMonth-AnnualDueDay</c> (03-31) of Y, and the annual
/// declaration of Y, due 03-31 of Y+1;</item>
/// <item>重点监管: twelve monthly declarations, month m due on <c>DeclarationDueDay</c> (15) of month m+1 (December → 15
/// January of Y+1);</item>
/// <item>简化管理: four quarterly declarations, quarter q due on the 15th of the first month of quarter q+1 (Q1 → 15 April,
/// Q4 → 15 January of Y+1);</item>
/// <item>登记管理: the plan and the annual declaration only.</item>
/// </list>
/// Due days are as written (SmartEnv rule: the standard names calendar days, not working days, so a due day on a weekend or
/// holiday is not moved). 31 March exists in every year, so a leap year changes nothing. Pure and thread-safe.
/// </summary>
public static class DeclarationSchedule
{
    /// <summary>The filings for the periods of <paramref name="year"/>, in due order (plan first).</summary>
    /// <param name="c">The site's class for that year.</param>
    /// <param name="year">The year (2000–9998).</param>
    /// <param name="r">Rule file (due days).</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is out of range.</exception>
    public static IReadOnlyList<DeclarationDue> For(WasteManagementClass c, int year, WasteRules r)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        var day = r.DeclarationDueDay;
        var annualDue = (Month: r.AnnualDueMonth, Day: r.AnnualDueDay);
        var y0 = new DateOnly(year, 1, 1);
        var y1 = new DateOnly(year, 12, 31);
        var list = new List<DeclarationDue>
        {
            new(DeclarationKind.Plan, Year(year), y0, y1, new DateOnly(year, annualDue.Month, annualDue.Day)),
        };
        if (c == WasteManagementClass.Key)
            for (var m = 1; m <= 12; m++)
            {
                var start = new DateOnly(year, m, 1);
                var next = start.AddMonths(1);
                list.Add(new(DeclarationKind.Monthly, $"{year:0000}-{m:00}", start, next.AddDays(-1), new DateOnly(next.Year, next.Month, day)));
            }
        if (c == WasteManagementClass.Simplified)
            for (var q = 1; q <= 4; q++)
            {
                var start = new DateOnly(year, 3 * q - 2, 1);
                var next = start.AddMonths(3);
                list.Add(new(DeclarationKind.Quarterly, $"{year:0000}-Q{q}", start, next.AddDays(-1), new DateOnly(next.Year, next.Month, day)));
            }
        list.Add(new(DeclarationKind.Annual, Year(year), y0, y1, new DateOnly(year + 1, annualDue.Month, annualDue.Day)));
        return list.OrderBy(d => d.DueOn).ThenBy(d => d.Kind).ToList();
    }

    /// <summary>The state of a filing on <paramref name="today"/>: submitted on or before the due day → submitted, after →
    /// submitted late; not submitted → due through the due day, overdue from the next day.</summary>
    /// <param name="dueOn">Due day (inclusive).</param>
    /// <param name="submittedOn">Beijing date of the filing, or null.</param>
    /// <param name="today">Beijing date judged.</param>
    public static DeclarationStatus Status(DateOnly dueOn, DateOnly? submittedOn, DateOnly today) => submittedOn switch
    {
        { } s when s <= dueOn => DeclarationStatus.Submitted,
        { } => DeclarationStatus.SubmittedLate,
        null when today > dueOn => DeclarationStatus.Overdue,
        _ => DeclarationStatus.Due,
    };

    /// <summary>Stored key of a kind: <c>plan</c>, <c>monthly</c>, <c>quarterly</c>, <c>annual</c>.</summary>
    /// <param name="k">The kind.</param>
    public static string Key(this DeclarationKind k) => k switch
    {
        DeclarationKind.Plan => "plan",
        DeclarationKind.Monthly => "monthly",
        DeclarationKind.Quarterly => "quarterly",
        DeclarationKind.Annual => "annual",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>Parses a stored kind key.</summary>
    /// <param name="text">The key.</param>
    /// <param name="kind">The kind when true.</param>
    public static bool TryParseKind(string? text, out DeclarationKind kind)
    {
        foreach (var k in Enum.GetValues<DeclarationKind>())
            if (text == k.Key()) { kind = k; return true; }
        kind = default;
        return false;
    }

    /// <summary>Key of a status: <c>due</c>, <c>submitted</c>, <c>submitted_late</c>, <c>overdue</c>.</summary>
    /// <param name="s">The status.</param>
    public static string Key(this DeclarationStatus s) => s switch
    {
        DeclarationStatus.Due => "due",
        DeclarationStatus.Submitted => "submitted",
        DeclarationStatus.SubmittedLate => "submitted_late",
        DeclarationStatus.Overdue => "overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    private static string Year(int y) => y.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
}
