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
    /// <summary>Standard input as bytes, for commands that must see the bytes as sent (<c>hj212 parse</c>, <c>hj212 build
    /// 9014</c>: a GBK log line is not UTF-8 text). Null when the input exists only as text (then those commands encode
    /// <see cref="In"/> as UTF-8).</summary>
    public Stream? InBytes { get; init; }

    /// <summary>The whole standard input as bytes: <see cref="InBytes"/>, else <see cref="In"/> encoded as UTF-8.</summary>
    public byte[] ReadAllInputBytes()
    {
        if (InBytes is null) return System.Text.Encoding.UTF8.GetBytes(In.ReadToEnd());
        using var ms = new MemoryStream();
        InBytes.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>True when <see cref="Err"/> is an interactive terminal (then long commands draw progress on it).</summary>
    public bool ErrIsTerminal { get; init; }
}
