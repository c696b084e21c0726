using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Permits;

/// <summary>
/// The execution-report (执行报告) schedule and renewal rules of <c>Resources/report-rules.tsv</c> (embedded; the caller may
/// parse another file's text with <see cref="Parse"/>). Every value comes from supervision.md §2.2/§2.5 with its confidence
/// in the file; 条例 Art. 22 leaves frequency and timing to each permit, so these are the usual pattern, data not code.
/// <para>File format: UTF-8 text, tab-separated <c>key value confidence source</c> with a header row; <c>#</c> lines are
/// comments. Keys: <c>annual.due</c> (MM-dd of the next year), <c>semiannual.due.h1</c> (MM-dd, same year),
/// <c>semiannual.due.h2</c> (MM-dd, next year), <c>quarterly.due_day</c> / <c>monthly.due_day</c> (day of the following
/// month), <c>fold.annual.months</c>, <c>fold.semiannual.months</c>, <c>fold.quarterly.months</c>, <c>fold.monthly.days</c>,
/// <c>annual.due.YYYY</c> (yyyy-MM-dd: the annual report of year YYYY is due then), <c>annual.due.YYYY.industry.CODE</c>
/// (the same for GB/T 4754 industry codes starting with CODE; the longest matching prefix wins),
/// <c>permit.renewal_lead_days</c>, <c>registration.renewal_window_days</c>. All keys without a year are required.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class ReportRules
{
    private static readonly Lazy<ReportRules> DefaultRules = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.report-rules.tsv";
        using var s = typeof(ReportRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Parse(r.ReadToEnd(), "report-rules.tsv");
    });

    private readonly Dictionary<int, DateOnly> _annualByYear;
    private readonly Dictionary<(int Year, string Industry), DateOnly> _annualByYearIndustry;

    private ReportRules(string version, Dictionary<string, string> v)
    {
        Version = version;
        AnnualDue = MonthDay(v, "annual.due");
        SemiannualDueH1 = MonthDay(v, "semiannual.due.h1");
        SemiannualDueH2 = MonthDay(v, "semiannual.due.h2");
        QuarterlyDueDay = Int(v, "quarterly.due_day", 1, 28);
        MonthlyDueDay = Int(v, "monthly.due_day", 1, 28);
        FoldAnnualMonths = Int(v, "fold.annual.months", 0, 12);
        FoldSemiannualMonths = Int(v, "fold.semiannual.months", 0, 6);
        FoldQuarterlyMonths = Int(v, "fold.quarterly.months", 0, 3);
        FoldMonthlyDays = Int(v, "fold.monthly.days", 0, 31);
        RenewalLeadDays = Int(v, "permit.renewal_lead_days", 0, 366);
        RegistrationRenewalWindowDays = Int(v, "registration.renewal_window_days", 0, 366);
        _annualByYear = [];
        _annualByYearIndustry = [];
        foreach (var (key, value) in v)
        {
            if (!key.StartsWith("annual.due.", StringComparison.Ordinal)) continue;
            var parts = key.Split('.');
            if (parts.Length is not (3 or 5) || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || (parts.Length == 5 && (parts[3] != "industry" || parts[4].Length == 0)))
                throw new FormatException($"report rules: unknown key '{key}' (annual.due.YYYY or annual.due.YYYY.industry.CODE)");
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new FormatException($"report rules: '{key}' = '{value}' is not a yyyy-MM-dd date");
            if (parts.Length == 3) _annualByYear[year] = day;
            else _annualByYearIndustry[(year, parts[4])] = day;
        }
    }

    /// <summary>The embedded <c>report-rules.tsv</c>.</summary>
    public static ReportRules Default => DefaultRules.Value;

    /// <summary><c>file name@first 12 hex digits of the SHA-256 of its UTF-8 text</c>, stored with every schedule row.</summary>
    public string Version { get; }

    /// <summary>Annual report due day in the next year (01-15).</summary>
    public (int Month, int Day) AnnualDue { get; }

    /// <summary>First-half report due day in the same year (07-15).</summary>
    public (int Month, int Day) SemiannualDueH1 { get; }

    /// <summary>Second-half report due day in the next year (01-15).</summary>
    public (int Month, int Day) SemiannualDueH2 { get; }

    /// <summary>Quarterly report due on this day of the month after the quarter (15).</summary>
    public int QuarterlyDueDay { get; }

    /// <summary>Monthly report due on this day of the next month (15).</summary>
    public int MonthlyDueDay { get; }

    /// <summary>A first year held less than this many months is folded into the next (3).</summary>
    public int FoldAnnualMonths { get; }

    /// <summary>A first half-year held less than this many months is folded into the next (3).</summary>
    public int FoldSemiannualMonths { get; }

    /// <summary>A first quarter held less than this many months is folded into the next (1).</summary>
    public int FoldQuarterlyMonths { get; }

    /// <summary>A first month held fewer than this many days is folded into the next (10).</summary>
    public int FoldMonthlyDays { get; }

    /// <summary>Days before expiry by which a permit renewal is applied for (60, 条例 Art. 14).</summary>
    public int RenewalLeadDays { get; }

    /// <summary>Length of the renewal window of an 排污登记 before its expiry (20).</summary>
    public int RegistrationRenewalWindowDays { get; }

    /// <summary>Due day of the annual report of <paramref name="year"/>: an override for that year and industry (longest
    /// matching GB/T 4754 prefix), else for that year, else <see cref="AnnualDue"/> of the next year.</summary>
    /// <param name="year">The reported calendar year.</param>
    /// <param name="industryCode">GB/T 4754 code of the unit (e.g. 4411), or null.</param>
    public DateOnly AnnualDueFor(int year, string? industryCode = null)
    {
        if (!string.IsNullOrEmpty(industryCode))
        {
            var best = _annualByYearIndustry.Where(kv => kv.Key.Year == year && industryCode.StartsWith(kv.Key.Industry, StringComparison.Ordinal))
                .OrderByDescending(kv => kv.Key.Industry.Length).Select(kv => (DateOnly?)kv.Value).FirstOrDefault();
            if (best is { } d) return d;
        }
        return _annualByYear.TryGetValue(year, out var y) ? y : new DateOnly(year + 1, AnnualDue.Month, AnnualDue.Day);
    }

    /// <summary>Parses the text of a rules file.</summary>
    /// <param name="tsv">The whole file.</param>
    /// <param name="fileName">Name used in <see cref="Version"/> and messages.</param>
    /// <exception cref="FormatException">A row without 4 columns, a duplicate or unknown key, a missing required key or a
    /// bad value (the message names the key).</exception>
    public static ReportRules Parse(string tsv, string fileName)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var header = true;
        foreach (var raw in tsv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 4) throw new FormatException($"{fileName}: row '{line}' does not have 4 tab-separated columns");
            if (header) { header = false; continue; }
            if (!values.TryAdd(f[0], f[1])) throw new FormatException($"{fileName}: key '{f[0]}' appears twice");
        }
        string[] known = ["annual.due", "semiannual.due.h1", "semiannual.due.h2", "quarterly.due_day", "monthly.due_day",
            "fold.annual.months", "fold.semiannual.months", "fold.quarterly.months", "fold.monthly.days",
            "permit.renewal_lead_days", "registration.renewal_window_days"];
        foreach (var k in values.Keys)
            if (!known.Contains(k) && !k.StartsWith("annual.due.", StringComparison.Ordinal))
                throw new FormatException($"{fileName}: unknown key '{k}'");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tsv)))[..12];
        return new ReportRules($"{fileName}@{hash}", values);
    }

    private static (int, int) MonthDay(Dictionary<string, string> v, string key)
    {
        var s = Required(v, key);
        if (!DateOnly.TryParseExact("2001-" + s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new FormatException($"report rules: '{key}' = '{s}' is not MM-dd (a day that exists in every year)");
        return (d.Month, d.Day);
    }

    private static int Int(Dictionary<string, string> v, string key, int min, int max)
    {
        var s = Required(v, key);
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new FormatException($"report rules: '{key}' = '{s}' is not a whole number {min}…{max}");
        return n;
    }

    private static string Required(Dictionary<string, string> v, string key) =>
        v.TryGetValue(key, out var s) ? s : throw new FormatException($"report rules: required key '{key}' missing");
}
