using System.CommandLine;
using System.Reflection;

namespace SmartEnv.Cli.Commands;

/// <summary><c>smartenv version</c>: prints the informational version of the build.</summary>
public static class VersionCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Streams to write to.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("version", "Print the SmartEnv version.");
        cmd.SetAction(_ =>
        {
            var v = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            context.Out.WriteLine("smartenv " + v);
            return 0;
        });
        return cmd;
    }
}
