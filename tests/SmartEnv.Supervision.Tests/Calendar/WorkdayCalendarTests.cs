using SmartEnv.Supervision.Calendar;
using SmartEnv.Tests;

namespace SmartEnv.Supervision.Tests.Calendar;

/// <summary>The working-day calendar (cn-workdays.tsv; issue 17 acceptance "workdays add 2024-09-30 5 → 2024-10-12" and one
/// case per year 2019–2026). Every expected date is counted by hand from the State Council notice quoted in the comment,
/// never from the code.</summary>
public class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar C = WorkdayCalendar.China;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // 〔2023〕7号: 10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
    // From Mon 09-30: 10-01…10-07 off; 10-08 Tue (1), 10-09 (2), 10-10 (3), 10-11 Fri (4), Sat 10-12 worked (5).
    [Fact]
    public void Acceptance_2024_09_30_plus_5_is_2024_10_12() => Assert.Equal(D(2024, 10, 12), C.AddWorkdays(D(2024, 9, 30), 5));

    public static TheoryData<DateOnly, int, DateOnly> OnePerYear => new()
    {
        // 2019 〔2018〕15号: 2月4日至10日放假，2月2日（星期六）、2月3日（星期日）上班。
        // Fri 02-01: Sat 02-02 (1), Sun 02-03 (2), 02-04…02-10 off, Mon 02-11 (3), 02-12 (4), Wed 02-13 (5).
        { D(2019, 2, 1), 5, D(2019, 2, 13) },
        // 2020 〔2020〕1号 extends 春节 to 2月2日, so Sat 02-01 (a 调休 workday under 〔2019〕16号) is NOT worked.
        // Thu 01-23: 01-24…02-02 off, Mon 02-03 (1), 02-04 (2), Wed 02-05 (3). (Under the old notice it would be 02-04.)
        { D(2020, 1, 23), 3, D(2020, 2, 5) },
        // 2021 〔2020〕27号: 2月11日至17日放假，2月7日（星期日）、2月20日（星期六）上班。
        // Wed 02-10: 02-11…02-17 off, Thu 02-18 (1), Fri 02-19 (2), Sat 02-20 (3), Mon 02-22 (4), Tue 02-23 (5).
        { D(2021, 2, 10), 5, D(2021, 2, 23) },
        // 2022 〔2021〕11号: 10月1日至7日放假，10月8日（星期六）、10月9日（星期日）上班。
        // Fri 09-30: 10-01…10-07 off, Sat 10-08 (1), Sun 10-09 (2), Mon 10-10 (3), 10-11 (4), Wed 10-12 (5).
        { D(2022, 9, 30), 5, D(2022, 10, 12) },
        // 2023 〔2022〕16号: 9月29日至10月6日放假，10月7日（星期六）、10月8日（星期日）上班。
        // Thu 09-28: 09-29…10-06 off, Sat 10-07 (1), Sun 10-08 (2), Mon 10-09 (3), 10-10 (4), Wed 10-11 (5).
        { D(2023, 9, 28), 5, D(2023, 10, 11) },
        // 2024 〔2023〕7号: 2月10日至17日放假，2月4日（星期日）、2月18日（星期日）上班; 除夕 02-09 only "鼓励…休息".
        // Thu 02-08: Fri 02-09 is a working day (1), 02-10…02-17 off, Sun 02-18 worked (2).
        { D(2024, 2, 8), 2, D(2024, 2, 18) },
        // 2025 〔2024〕12号: 1月28日至2月4日放假，1月26日（星期日）、2月8日（星期六）上班。
        // Fri 01-24: Sat 01-25 rest, Sun 01-26 (1), Mon 01-27 (2), 01-28…02-04 off, Wed 02-05 (3), Thu 02-06 (4), Fri 02-07 (5).
        { D(2025, 1, 24), 5, D(2025, 2, 7) },
        // 2026 〔2025〕7号: 2月15日至23日放假，2月14日（星期六）、2月28日（星期六）上班。
        // Fri 02-13: Sat 02-14 (1), 02-15…02-23 off, Tue 02-24 (2), 02-25 (3), 02-26 (4), Fri 02-27 (5), Sat 02-28 (6).
        { D(2026, 2, 13), 6, D(2026, 2, 28) },
    };

    [Theory]
    [MemberData(nameof(OnePerYear))]
    public void One_hand_counted_case_per_year(DateOnly start, int n, DateOnly expected)
    {
        Assert.Equal(expected, C.AddWorkdays(start, n));
        Assert.Equal(n, C.WorkdaysBetween(start, expected));
        Assert.Equal(n - 1, C.WorkdaysBetween(start, expected.AddDays(-1)));
    }

    [Fact]
    public void Holidays_and_adjusted_weekend_days()
    {
        Assert.False(C.IsWorkday(D(2024, 10, 1)));   // holiday, Tuesday
        Assert.True(C.IsWorkday(D(2024, 10, 12)));   // Saturday worked (调休)
        Assert.False(C.IsWorkday(D(2024, 10, 13)));  // ordinary Sunday
        Assert.True(C.IsWorkday(D(2024, 10, 14)));   // ordinary Monday
        Assert.False(C.IsWorkday(D(2020, 2, 1)));    // Saturday no longer worked after 〔2020〕1号
        Assert.True(C.IsWorkday(D(2024, 2, 9)));     // 除夕 2024: encouraged rest only, a working day
        Assert.False(C.IsWorkday(D(2019, 1, 1)));      // 元旦 2019, Tuesday
    }

    // 2024 starts on a Monday and has 366 days: 52 weeks + Mon, Tue → 262 weekdays. Weekday holidays (〔2023〕7号):
    // 元旦 01-01 (1); 春节 02-12…02-16 (5); 清明 04-04, 04-05 (2); 劳动节 05-01…05-03 (3); 端午 06-10 (1);
    // 中秋 09-16, 09-17 (2); 国庆 10-01…10-04, 10-07 (5) = 19. Weekend days worked: 02-04, 02-18, 04-07, 04-28, 05-11,
    // 09-14, 09-29, 10-12 = 8. 262 − 19 + 8 = 251.
    [Fact]
    public void Whole_year_2024_has_251_working_days() => Assert.Equal(251, C.WorkdaysBetween(D(2023, 12, 31), D(2024, 12, 31)));

    [Fact]
    public void Between_is_zero_when_the_end_is_not_after_the_start()
    {
        Assert.Equal(0, C.WorkdaysBetween(D(2024, 10, 12), D(2024, 9, 30)));
        Assert.Equal(0, C.WorkdaysBetween(D(2024, 10, 8), D(2024, 10, 8)));
        Assert.Equal(1, C.WorkdaysBetween(D(2024, 10, 7), D(2024, 10, 8)));
    }

    [Fact]
    public void The_start_day_is_not_counted_even_when_a_holiday()
    {
        // Tue 2024-10-01 (holiday) + 1: 10-02…10-07 off → Tue 10-08.
        Assert.Equal(D(2024, 10, 8), C.AddWorkdays(D(2024, 10, 1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => C.AddWorkdays(D(2024, 10, 1), 0));
    }

    [Fact]
    public void Covers_2019_to_2026_and_refuses_other_years_never_guessing()
    {
        Assert.Equal(2019, C.FirstYear);
        Assert.Equal(2026, C.LastYear);
        Assert.Equal(242, C.HolidayCount);
        Assert.Equal(53, C.WorkdayCount);
        var ex = Assert.Throws<CalendarRangeException>(() => C.AddWorkdays(D(2026, 12, 29), 5));
        Assert.Equal(2027, ex.Year);
        Assert.Contains("no holiday notice loaded for 2027", ex.Message);
        Assert.Contains("2019–2026", ex.Message);
        Assert.Equal(2018, Assert.Throws<CalendarRangeException>(() => C.IsWorkday(D(2018, 12, 31))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarRangeException>(() => C.WorkdaysBetween(D(2026, 12, 1), D(2027, 1, 4))).Year);
        // Tue 2026-12-29 + 2: Wed 12-30 (1), Thu 12-31 (2): still inside the table.
        Assert.Equal(D(2026, 12, 31), C.AddWorkdays(D(2026, 12, 29), 2));
    }

    [Fact]
    public void The_embedded_table_is_the_shared_reference_file()
    {
        var shared = File.ReadAllText(RepoPaths.SharedFile("reference/cn-workdays.tsv"));
        var embedded = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/SmartEnv.Supervision/Resources/cn-workdays.tsv"));
        Assert.Equal(shared, embedded);
        Assert.Equal(C.Version, WorkdayCalendar.Load(new StringReader(shared)).Version);
        Assert.StartsWith("cn-workdays@", C.Version);
    }

    private const string Header = "date\tkind\tname\tyear_notice\tsource\n";

    [Theory]
    [InlineData(Header + "2024-02-10\tholiday\t春节\tx\ty\n2024-10-14\tworkday\t国庆节\tx\ty\n", "line 3", "Monday")]
    [InlineData(Header + "2024-02-10\tholiday\t春节\tx\ty\n2024-02-10\tholiday\t春节\tx\ty\n", "line 3", "twice")]
    [InlineData(Header + "2024-02-10\tvacation\t春节\tx\ty\n", "line 2", "neither")]
    [InlineData(Header + "2024/02/10\tholiday\t春节\tx\ty\n", "line 2", "yyyy-MM-dd")]
    [InlineData("day\tkind\n2024-02-10\tholiday\n", "line 1", "header")]
    [InlineData(Header + "2024-10-01\tholiday\t国庆节\tx\ty\n", "no 春节", "")]
    [InlineData(Header + "2023-01-23\tholiday\t春节\tx\ty\n2025-01-29\tholiday\t春节\tx\ty\n", "2024 is missing", "")]
    public void Load_refuses_a_malformed_table_naming_the_line(string tsv, string part1, string part2)
    {
        var ex = Assert.Throws<FormatException>(() => WorkdayCalendar.Load(new StringReader(tsv)));
        Assert.Contains(part1, ex.Message);
        Assert.Contains(part2, ex.Message);
    }

    [Fact]
    public void A_loaded_table_for_one_year_counts_that_year_only()
    {
        var c = WorkdayCalendar.Load(new StringReader(Header + "# comment\n2024-02-10\tholiday\t春节\tx\ty\n2024-02-12\tholiday\t春节\tx\ty\n"));
        Assert.Equal((2024, 2024), (c.FirstYear, c.LastYear));
        // Fri 02-09 + 1: Sat, Sun rest, Mon 02-12 holiday → Tue 02-13.
        Assert.Equal(D(2024, 2, 13), c.AddWorkdays(D(2024, 2, 9), 1));
    }
}
