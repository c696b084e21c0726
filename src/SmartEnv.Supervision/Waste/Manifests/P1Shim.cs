// TEMPORARY shim of P1's WorkdayCalendar and WasteRules (plan §2 signatures) — deleted at `git merge main` once P1 lands.
#pragma warning disable CS1591
namespace SmartEnv.Supervision.Calendar
{
    public sealed class CalendarRangeException(int year) : Exception($"no holiday notice loaded for {year}") { public int Year { get; } = year; }
    public sealed class WorkdayCalendar
    {
        private readonly Dictionary<DateOnly, bool> _special = [];
        public int FirstYear { get; } = 2019;
        public int LastYear { get; } = 2026;
        public static WorkdayCalendar China { get; } = Load(new StreamReader(Path.Combine(Environment.GetEnvironmentVariable("SMARTENV_SHARED") ?? "/work/shared", "reference", "cn-workdays.tsv")));
        public static WorkdayCalendar Load(TextReader tsv)
        {
            var c = new WorkdayCalendar();
            tsv.ReadLine();
            while (tsv.ReadLine() is { } line)
            {
                var f = line.Split('\t');
                c._special[DateOnly.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture)] = f[1] == "workday";
            }
            return c;
        }
        public bool IsWorkday(DateOnly day)
        {
            if (day.Year < FirstYear || day.Year > LastYear) throw new CalendarRangeException(day.Year);
            return _special.TryGetValue(day, out var w) ? w : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }
        public DateOnly AddWorkdays(DateOnly start, int n)
        {
            var d = start;
            while (n > 0) { d = d.AddDays(1); if (IsWorkday(d)) n--; }
            return d;
        }
        public int WorkdaysBetween(DateOnly a, DateOnly b)
        {
            var n = 0;
            for (var d = a.AddDays(1); d <= b; d = d.AddDays(1)) if (IsWorkday(d)) n++;
            return n;
        }
    }
}
namespace SmartEnv.Supervision.Waste
{
    public sealed record WasteRule(string Key, decimal Value, string Unit, string AppliesTo, string Confidence, string Source);
    public sealed class WasteRules
    {
        public static WasteRules Default { get; } = new();
        public string Version => "waste-rules@shim0000";
        public int ManifestReceiptWorkdays => 5;
        public int ManifestBackfillWorkdays => 10;
        public int ManifestRetentionYears => 10;
        public decimal QuantityTolerancePercent => 1m;
        public decimal QuantityToleranceMinTonnes => 0.001m;
    }
}
