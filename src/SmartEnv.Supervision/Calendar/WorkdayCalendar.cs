using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Calendar;

/// <summary>
/// A day outside the years whose State Council holiday notice is loaded (<see cref="WorkdayCalendar.FirstYear"/> …
/// <see cref="WorkdayCalendar.LastYear"/>). SmartEnv never guesses a working day: without the notice for a year, whether
/// a weekday is a holiday or a weekend day is worked (调休) is unknown, so the exact methods (<see cref="WorkdayCalendar.IsWorkday"/>,
/// <see cref="WorkdayCalendar.AddWorkdays"/>, <see cref="WorkdayCalendar.WorkdaysBetween"/>) refuse with this exception;
/// deadlines a record must carry anyway use <see cref="WorkdayCalendar.AddWorkdaysOrEstimate"/> (provisional, never refused). The message names the year, e.g. "no holiday notice loaded for 2027 (the working-day
/// calendar covers 2019–2026; add the State Council notice for 2027 to cn-workdays.tsv)".
/// </summary>
public sealed class CalendarRangeException : Exception
{
    /// <summary>Creates the exception for <paramref name="year"/>.</summary>
    /// <param name="year">The calendar year of the day that was asked about.</param>
    /// <param name="firstYear">First covered year.</param>
    /// <param name="lastYear">Last covered year.</param>
    public CalendarRangeException(int year, int firstYear, int lastYear)
        : base($"no holiday notice loaded for {year} (the working-day calendar covers {firstYear}–{lastYear}; " +
               $"add the State Council notice for {year} to cn-workdays.tsv)")
    {
        Year = year;
        FirstYear = firstYear;
        LastYear = lastYear;
    }

    /// <summary>The year without a notice.</summary>
    public int Year { get; }

    /// <summary>First covered year of the calendar that refused.</summary>
    public int FirstYear { get; }

    /// <summary>Last covered year of the calendar that refused.</summary>
    public int LastYear { get; }
}

/// <summary>
/// The Chinese working-day calendar (工作日): Monday–Friday are working days unless the State Council's annual notice
/// (国务院办公厅关于YYYY年部分节假日安排的通知) makes them holidays; Saturday and Sunday are rest days unless the notice
/// makes them working days (调休上班). Every "N working days" deadline of the platform is counted on this one calendar
/// (联单 receipt 5 working days and paper back-fill 10 working days, 《危险废物转移管理办法》 Art. 18 and 20 [P†]).
/// <para>Data: <c>cn-workdays.tsv</c> (shared/reference, embedded as <c>SmartEnv.Supervision.Resources.cn-workdays.tsv</c>;
/// sources and cross-checks in <c>cn-workdays-SOURCES.md</c>): UTF-8, tab-separated, header
/// <c>date kind name year_notice source</c>, one row per changed day; <c>kind</c> is <c>holiday</c> (every day of a
/// holiday block, weekend days included) or <c>workday</c> (a Saturday or Sunday worked). Lines starting with <c>#</c>
/// and blank lines are ignored.</para>
/// <para>Covered years: a year is covered when the table holds its 春节 (Spring Festival) rows — every annual notice
/// arranges the Spring Festival, which always falls in January/February of the notice's year, while a notice may also
/// touch the previous December (2018-12-29…31 of the 2019 notice). The covered years must be contiguous. Any day
/// outside <see cref="FirstYear"/>…<see cref="LastYear"/> raises <see cref="CalendarRangeException"/>, never a guess —
/// except through <see cref="AddWorkdaysOrEstimate"/>/<see cref="IsWorkdayOrEstimate"/>, which estimate such a day
/// (Saturday/Sunday rest days only) and say so with a <c>Provisional</c> flag.
/// Caveat (SOURCES.md): the 2027 notice, when published, may still change late-December 2026 days (e.g. a 元旦 block
/// starting 2026-12-31); load it as soon as it is out.</para>
/// Immutable after construction; thread-safe.
/// </summary>
public sealed class WorkdayCalendar
{
    private static readonly Lazy<WorkdayCalendar> ChinaCalendar = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.cn-workdays.tsv";
        using var s = typeof(WorkdayCalendar).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    private WorkdayCalendar(HashSet<DateOnly> holidays, HashSet<DateOnly> workdays, int firstYear, int lastYear, string version)
    {
        _holidays = holidays;
        _workdays = workdays;
        FirstYear = firstYear;
        LastYear = lastYear;
        Version = version;
    }

    /// <summary>The embedded <c>cn-workdays.tsv</c>: the notices for 2019–2026.</summary>
    public static WorkdayCalendar China => ChinaCalendar.Value;

    /// <summary>First year whose notice is loaded (2019 for <see cref="China"/>).</summary>
    public int FirstYear { get; }

    /// <summary>Last year whose notice is loaded (2026 for <see cref="China"/>).</summary>
    public int LastYear { get; }

    /// <summary><c>cn-workdays@</c> + the first 8 hex digits of the SHA-256 of the file's UTF-8 text; stored with a
    /// deadline so that a later change of the table can be traced.</summary>
    public string Version { get; }

    /// <summary>Number of <c>holiday</c> rows loaded (242 for <see cref="China"/>).</summary>
    public int HolidayCount => _holidays.Count;

    /// <summary>Number of <c>workday</c> (调休上班) rows loaded (53 for <see cref="China"/>).</summary>
    public int WorkdayCount => _workdays.Count;

    /// <summary>Reads a table in the columns of <c>cn-workdays.tsv</c>.</summary>
    /// <param name="tsv">The file's text.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="FormatException">The message starts with <c>cn-workdays line N:</c> and names the fault: a
    /// missing or different header, fewer than 2 columns, a date not <c>yyyy-MM-dd</c>, a kind other than
    /// holiday/workday, a date listed twice, a <c>workday</c> on a Monday–Friday, no 春节 row at all, or covered years
    /// that are not contiguous.</exception>
    public static WorkdayCalendar Load(TextReader tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var text = tsv.ReadToEnd();
        var holidays = new HashSet<DateOnly>();
        var workdays = new HashSet<DateOnly>();
        var years = new SortedSet<int>();
        var header = true;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (header)
            {
                if (f.Length < 2 || f[0] != "date" || f[1] != "kind")
                    throw new FormatException($"cn-workdays line {lineNo}: the header must start with 'date<TAB>kind' (columns date kind name year_notice source)");
                header = false;
                continue;
            }
            if (f.Length < 2) throw new FormatException($"cn-workdays line {lineNo}: fewer than 2 tab-separated columns");
            if (!DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new FormatException($"cn-workdays line {lineNo}: '{f[0]}' is not a yyyy-MM-dd date");
            if (holidays.Contains(day) || workdays.Contains(day))
                throw new FormatException($"cn-workdays line {lineNo}: {f[0]} is listed twice");
            switch (f[1])
            {
                case "holiday":
                    holidays.Add(day);
                    break;
                case "workday":
                    if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                        throw new FormatException($"cn-workdays line {lineNo}: {f[0]} is a {day.DayOfWeek}; a 'workday' row is a Saturday or Sunday worked (调休上班)");
                    workdays.Add(day);
                    break;
                default:
                    throw new FormatException($"cn-workdays line {lineNo}: kind '{f[1]}' is neither 'holiday' nor 'workday'");
            }
            if (f.Length > 2 && f[2].Contains("春节", StringComparison.Ordinal)) years.Add(day.Year);
        }
        if (header) throw new FormatException($"cn-workdays line {lineNo}: no header row (date kind name year_notice source)");
        if (years.Count == 0) throw new FormatException("cn-workdays: no 春节 row, so no year is covered (every annual notice arranges the Spring Festival)");
        var first = years.Min;
        var last = years.Max;
        for (var y = first; y <= last; y++)
            if (!years.Contains(y)) throw new FormatException($"cn-workdays: the notice for {y} is missing between {first} and {last} (no 春节 row dated {y})");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new WorkdayCalendar(holidays, workdays, first, last, $"cn-workdays@{hash}");
    }

    /// <summary>True when <paramref name="day"/> is a working day: Monday–Friday unless a holiday row, Saturday/Sunday
    /// only if a 调休 workday row.</summary>
    /// <param name="day">The Beijing calendar day.</param>
    /// <exception cref="CalendarRangeException">The day's year is outside <see cref="FirstYear"/>…<see cref="LastYear"/>.</exception>
    public bool IsWorkday(DateOnly day)
    {
        EnsureCovered(day);
        return day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? _workdays.Contains(day) : !_holidays.Contains(day);
    }

    /// <summary>The <paramref name="n"/>-th working day after <paramref name="start"/>; <paramref name="start"/> itself is
    /// not counted, whether or not it is a working day. Worked: 2024-09-30 (Mon) + 5 = 2024-10-12: 10-01…10-07 are the
    /// National Day holiday, so 10-08 (1), 10-09 (2), 10-10 (3), 10-11 (4), Saturday 10-12 worked by 调休 (5).</summary>
    /// <param name="start">The day the period starts from (e.g. the arrival day).</param>
    /// <param name="n">Working days to add, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    /// <exception cref="CalendarRangeException"><paramref name="start"/> or a day reached is outside the covered years.</exception>
    public DateOnly AddWorkdays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        EnsureCovered(start);
        var d = start;
        var counted = 0;
        while (counted < n)
        {
            d = d.AddDays(1);
            if (IsWorkday(d)) counted++;
        }
        return d;
    }

    /// <summary>Whether <paramref name="day"/> is a working day, estimated when its year has no notice loaded: inside
    /// <see cref="FirstYear"/>…<see cref="LastYear"/> this is <see cref="IsWorkday"/> (not provisional); outside, Monday–Friday
    /// are taken as working days and Saturday/Sunday as rest days (no holidays, no 调休) and the answer is provisional.
    /// Never throws. SmartEnv rule (the estimate of an uncovered year; the law counts on the State Council notice).</summary>
    /// <param name="day">Any Beijing calendar day.</param>
    /// <returns><c>Workday</c>: the (estimated) answer; <c>Provisional</c>: true when the day's year is not covered.</returns>
    public (bool Workday, bool Provisional) IsWorkdayOrEstimate(DateOnly day) =>
        Covers(day) ? (IsWorkday(day), false) : (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), true);

    /// <summary>
    /// <see cref="AddWorkdays"/> that never refuses: the <paramref name="n"/>-th working day after <paramref name="start"/>
    /// (<paramref name="start"/> not counted), where every day of a year without a loaded notice is judged by
    /// <see cref="IsWorkdayOrEstimate"/> (Saturday/Sunday the only rest days). The result is <c>Provisional</c> when
    /// <paramref name="start"/> or any day reached lies outside <see cref="FirstYear"/>…<see cref="LastYear"/>; then the date
    /// may still move once that year's notice is loaded (holidays push it later, 调休 Saturdays pull it earlier), so a
    /// caller stores the flag and counts again later. When nothing is provisional the date equals
    /// <see cref="AddWorkdays"/>. Use it for deadlines a record must carry even without the notice (manifest receipt and
    /// back-fill, complaint periods); use <see cref="AddWorkdays"/> where an exact answer or a refusal is required (the CLI).
    /// Worked (embedded 2019–2026 table): Mon 2026-12-28 + 5 = Tue 2026-12-29 (1), Wed 30 (2), Thu 31 (3), Fri 2027-01-01
    /// (4, estimated), Mon 2027-01-04 (5, estimated) → (2027-01-04, provisional).
    /// </summary>
    /// <param name="start">The day the period starts from (e.g. the arrival day).</param>
    /// <param name="n">Working days to add, at least 1.</param>
    /// <returns>The due day and whether it is provisional.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public (DateOnly Date, bool Provisional) AddWorkdaysOrEstimate(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var provisional = !Covers(start);
        var d = start;
        var counted = 0;
        while (counted < n)
        {
            d = d.AddDays(1);
            var (workday, estimated) = IsWorkdayOrEstimate(d);
            provisional |= estimated;
            if (workday) counted++;
        }
        return (d, provisional);
    }

    /// <summary>The number of working days d with <paramref name="a"/> &lt; d ≤ <paramref name="b"/> (0 when
    /// <paramref name="b"/> ≤ <paramref name="a"/>), so that <c>WorkdaysBetween(a, AddWorkdays(a, n)) == n</c>.</summary>
    /// <param name="a">Start day (not counted).</param>
    /// <param name="b">End day (counted when a working day).</param>
    /// <exception cref="CalendarRangeException"><paramref name="a"/> or <paramref name="b"/> is outside the covered years.</exception>
    public int WorkdaysBetween(DateOnly a, DateOnly b)
    {
        EnsureCovered(a);
        EnsureCovered(b);
        var count = 0;
        for (var d = a.AddDays(1); d <= b; d = d.AddDays(1))
            if (IsWorkday(d)) count++;
        return count;
    }

    /// <summary>True when <paramref name="day"/> lies in a covered year (no exception).</summary>
    /// <param name="day">Any day.</param>
    public bool Covers(DateOnly day) => day.Year >= FirstYear && day.Year <= LastYear;

    private void EnsureCovered(DateOnly day)
    {
        if (!Covers(day)) throw new CalendarRangeException(day.Year, FirstYear, LastYear);
    }
}
