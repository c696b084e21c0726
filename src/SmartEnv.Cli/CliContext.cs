namespace SmartEnv.Cli;

/// <summary>
/// The streams a command reads and writes. Commands never touch <see cref="Console"/> directly, so tests can run them
/// in-process with string readers and writers.
/// </summary>
/// <param name="In">Standard input (JSON lines, TCP-read lines, ...).</param>
/// <param name="Out">Standard output: results only (JSON, CSV), UTF-8.</param>
/// <param name="Err">Standard error: progress, warnings and error messages.</param>
public sealed record CliContext(TextReader In, TextWriter Out, TextWriter Err)
{
    /// <summary>True when <see cref="Err"/> is an interactive terminal (then long commands draw progress on it).</summary>
    public bool ErrIsTerminal { get; init; }
}
