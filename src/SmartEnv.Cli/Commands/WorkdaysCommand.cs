using System.CommandLine;
using System.Globalization;
using SmartEnv.Supervision.Calendar;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv workdays add DATE N</c> prints the date N working days after DATE (DATE itself not counted), and
/// <c>smartenv workdays between A B</c> the number of working days d with A &lt; d ≤ B — on the one working-day calendar
/// of the platform (<see cref="WorkdayCalendar.China"/>: State Council holiday notices 2019–2026 with their 调休 working
/// weekend days, cn-workdays.tsv; docs/waste.md). Dates are <c>yyyy-MM-dd</c>. Exit codes: 0 done; 1 a day outside the
/// years whose notice is loaded (the message names the year: "no holiday notice loaded for 2027 …" — never guessed);
/// 2 usage (a malformed date, N not a whole number ≥ 1).
/// </summary>
public static class WorkdaysCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to write to.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("workdays", "工作日 working days on the State Council holiday calendar (notices 2019–2026, with 调休 weekend working days).");
        var date = new Argument<string>("DATE") { Description = "Start day, yyyy-MM-dd (not counted)." };
        var n = new Argument<string>("N") { Description = "Working days to add, a whole number ≥ 1." };
        var add = new Command("add", "Print the date N working days after DATE (DATE itself not counted), e.g. add 2024-09-30 5 → 2024-10-12.");
        add.Arguments.Add(date);
        add.Arguments.Add(n);
        add.SetAction(pr => Run(context, () =>
        {
            var start = Date(pr.GetValue(date)!);
            var text = pr.GetValue(n)!;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                throw new UsageException($"N '{text}' is not a whole number ≥ 1");
            return WorkdayCalendar.China.AddWorkdays(start, count).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }));
        var a = new Argument<string>("A") { Description = "First day, yyyy-MM-dd (not counted)." };
        var b = new Argument<string>("B") { Description = "Last day, yyyy-MM-dd (counted when a working day)." };
        var between = new Command("between", "Print the number of working days d with A < d ≤ B (0 when B ≤ A).");
        between.Arguments.Add(a);
        between.Arguments.Add(b);
        between.SetAction(pr => Run(context, () =>
            WorkdayCalendar.China.WorkdaysBetween(Date(pr.GetValue(a)!), Date(pr.GetValue(b)!)).ToString(CultureInfo.InvariantCulture)));
        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(between);
        return cmd;
    }

    private static int Run(CliContext context, Func<string> body)
    {
        try
        {
            context.Out.WriteLine(body());
            return 0;
        }
        catch (UsageException e)
        {
            context.Err.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (CalendarRangeException e)
        {
            context.Err.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    private static DateOnly Date(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new UsageException($"'{s}' is not a yyyy-MM-dd date");

    private sealed class UsageException(string message) : Exception(message);
}
