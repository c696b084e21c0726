using SmartEnv.Cli;

namespace SmartEnv.Cli.Tests;

/// <summary>Runs <c>smartenv</c> in-process with the given stdin and captures stdout/stderr.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(string stdin, params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new CliContext(new StringReader(stdin), o, e));
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>Runs with stdin given as bytes (as a shell redirect delivers a file), e.g. a GBK log.</summary>
    public static Result RunBytes(byte[] stdin, params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new CliContext(new StringReader(""), o, e) { InBytes = new MemoryStream(stdin) });
        return new Result(code, o.ToString(), e.ToString());
    }
}
