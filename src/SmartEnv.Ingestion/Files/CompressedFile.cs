using System.IO.Compression;

namespace SmartEnv.Ingestion.Files;

/// <summary>Opens a data file that may be gzip-compressed (detected by the gzip magic bytes 1F 8B, not by the name).</summary>
public static class CompressedFile
{
    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing gzip transparently.</summary>
    /// <param name="path">File path.</param>
    /// <returns>A readable stream the caller disposes.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <remarks>
    /// A gzip file that is corrupt or truncated (cut off before its end-of-stream marker) fails with a
    /// <see cref="DataFileFormatException"/> naming the file and the compressed byte position, never with partial data
    /// returned as if complete. Truncation is detected by the runtime's strict gzip validation
    /// (<c>System.IO.Compression.UseStrictValidation</c>, switched on in Directory.Build.props for every executable and
    /// test host, and here as a fallback before the first decompression of the process).
    /// </remarks>
    /// <exception cref="DataFileFormatException">Corrupt or truncated gzip data (thrown while reading).</exception>
    public static Stream OpenRead(string path)
    {
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return OpenRead(fs, Path.GetFileName(path));
    }

    /// <summary>
    /// Wraps an opened file stream (plain or gzip, detected by the magic bytes), so a caller can watch how far the raw
    /// (for gzip: compressed) stream has been read, e.g. for a progress display. Same errors as <see cref="OpenRead(string)"/>.
    /// </summary>
    /// <param name="file">A readable, seekable stream positioned at 0; disposed with the returned stream.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <returns><paramref name="file"/> itself when plain, else a decompressing stream over it.</returns>
    /// <exception cref="ArgumentException"><paramref name="file"/> cannot read or seek.</exception>
    public static Stream OpenRead(Stream file, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.CanRead || !file.CanSeek) throw new ArgumentException("stream must be readable and seekable", nameof(file));
        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GzipGuard(new GZipStream(file, CompressionMode.Decompress), file, source) : file;
    }

    private const string StrictValidationSwitch = "System.IO.Compression.UseStrictValidation";

    static CompressedFile()
    {
        if (!AppContext.TryGetSwitch(StrictValidationSwitch, out _)) AppContext.SetSwitch(StrictValidationSwitch, true);
    }

    /// <summary>Turns the runtime's <see cref="InvalidDataException"/> into a <see cref="DataFileFormatException"/> with the file name.</summary>
    private sealed class GzipGuard(GZipStream inner, Stream file, string source) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new DataFileFormatException(source, $"corrupt or truncated gzip data near compressed byte {file.Position} of {file.Length}: {e.Message}");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>A malformed input file: the message names the source, line and column (<see cref="DataFileLimitException"/>: refused by a limit or its encoding).</summary>
public class DataFileFormatException : FormatException
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

    /// <summary>Creates the exception for a fault that is not tied to a line (e.g. corrupt compressed data).</summary>
    /// <param name="source">File name or other source label.</param>
    /// <param name="problem">What is wrong, with a byte position where known.</param>
    public DataFileFormatException(string source, string problem)
        : base($"{source}: {problem}")
    {
        Source = source;
    }

    /// <summary>File name or other source label.</summary>
    public new string Source { get; }

    /// <summary>1-based line number (0 when the fault is not tied to a line).</summary>
    public int Line { get; }

    /// <summary>1-based column (0 = whole line).</summary>
    public int Column { get; }
}
