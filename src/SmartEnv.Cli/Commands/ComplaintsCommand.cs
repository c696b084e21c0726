using System.CommandLine;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv complaints …</c>: the complaint and petition commands of issue 18 (docs/complaints.md). One partial method
/// per area adds its subcommands, each implemented in its own file (<c>ComplaintIntakeCommands.cs</c>,
/// <c>ComplaintHandlingCommands.cs</c>, <c>ComplaintStatisticsCommands.cs</c>).
/// </summary>
public static partial class ComplaintsCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams and store options.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("complaints", "Complaints and petitions (信访投诉, 12369): intake, handling, deadlines, statistics.");
        AddIntake(cmd, context);
        AddHandling(cmd, context);
        AddStatistics(cmd, context);
        AddOpen311(cmd, context);
        return cmd;
    }

    static partial void AddIntake(Command complaints, CliContext context);
    static partial void AddHandling(Command complaints, CliContext context);
    static partial void AddStatistics(Command complaints, CliContext context);
}
