using System.IO.Compression;

namespace SmartEnv.Ingestion.Files;

/// <summary>Opens a data file that may be gzip-compressed (detected by the gzip magic bytes 1F 8B, not by the name).</summary>
public static class CompressedFile
{
    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing gzip transparently.</summary>
    /// <param name="path">File path.</param>
    /// <returns>A readable stream the caller disposes.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static Stream OpenRead(string path)
    {
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var n = fs.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        fs.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(fs, CompressionMode.Decompress) : fs;
    }
}

/// <summary>A malformed input file: the message names the source, line and column.</summary>
public sealed class DataFileFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">File name or other source label.</param>
    /// <param name="line">1-based line number.</param>
    /// <param name="column">1-based column number, or 0 when the whole line is at fault.</param>
    /// <param name="problem">What is wrong.</param>
    public DataFileFormatException(string source, int line, int column, string problem)
        : base(column > 0 ? $"{source}:{line}:{column}: {problem}" : $"{source}:{line}: {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>File name or other source label.</summary>
    public new string Source { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based column (0 = whole line).</summary>
    public int Column { get; }
}
