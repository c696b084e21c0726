using System.Globalization;

namespace SmartEnv.Ingestion.Files;

/// <summary>
/// Limits every imported data file is read under (issue 14 items 6 and 8), applied to the decompressed bytes before any
/// CSV parsing (<see cref="DataFileText"/>), so a decompression bomb, a 100 MB line or a row of a million cells is refused
/// with the limit's name, the line and the column after reading at most the limit — never by running out of memory or
/// with a 500. Immutable; thread-safe. No standard sets such limits (HJ 212-2017, the CNEMC releases and the UCI PRSA
/// description are silent): each default is a SmartEnv rule, chosen from the largest real files in <c>shared/data/raw</c>
/// (measured 2026-12-06) with a wide margin, and says why below. Configurable per run: <c>smartenv import
/// --max-inflated-bytes --max-rows --max-line-bytes --max-columns</c>, and for <c>POST /api/import</c> through
/// <c>SmartEnvWebOptions.ImportLimits</c> (<c>smartenv serve --import-max-…</c>).
/// </summary>
public sealed record ImportLimits
{
    /// <summary>Default <see cref="MaxInflatedBytes"/>: 2 GiB. One day of the CNEMC national hourly release is 1.6 MB
    /// decompressed (china_sites_20190101: 1,599,980 bytes), a year about 0.6 GB; 2 GiB holds three national years in one
    /// file. Reading is streamed (memory does not grow with the size); the limit bounds time and what one upload can ask of
    /// the server (a 1.5 MB .gz can inflate to 1.5 GiB).</summary>
    public const long DefaultMaxInflatedBytes = 2L << 30;

    /// <summary>Default <see cref="MaxRows"/>: 10,000,000 lines. The largest real file, a national surface-water release,
    /// has 46,184 lines for 5 days (≈ 3.4 million a year); a national cnemc-sites year has ≈ 131,400; a PRSA station file
    /// 35,065. Ten million is three national water years.</summary>
    public const long DefaultMaxRows = 10_000_000;

    /// <summary>Default <see cref="MaxLineBytes"/>: 1 MiB (1,048,576 bytes). The longest real line is the national
    /// cnemc-sites header, 9,645 bytes (1,605 station codes); an HJ 212 frame is at most 16 KiB
    /// (<c>Hj212LogImporter.LogFrameBytes</c>). One line is what a CSV parser must hold at once, so this bounds its buffer.</summary>
    public const int DefaultMaxLineBytes = 1 << 20;

    /// <summary>Default <see cref="MaxColumns"/>: 10,000 cells per line. The widest real file has 1,608 (the national
    /// cnemc-sites file of 2019: date, hour, type and 1,605 stations); 10,000 leaves room for six times as many stations.</summary>
    public const int DefaultMaxColumns = 10_000;

    /// <summary>The defaults.</summary>
    public static ImportLimits Default { get; } = new();

    /// <summary>Most decompressed bytes one file may hold (for a plain file, its size). Default
    /// <see cref="DefaultMaxInflatedBytes"/>. Option name <c>max_inflated_bytes</c>.</summary>
    public long MaxInflatedBytes { get; init; } = DefaultMaxInflatedBytes;

    /// <summary>Most lines one file may hold (physical lines, header and blank lines included). Default
    /// <see cref="DefaultMaxRows"/>. Option name <c>max_rows</c>.</summary>
    public long MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Longest line in bytes (decompressed, without its line end). Default <see cref="DefaultMaxLineBytes"/>.
    /// Option name <c>max_line_bytes</c>.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>Most cells (comma-separated fields) one line may hold; not applied to HJ 212 logs, whose packets use commas
    /// inside a field. Default <see cref="DefaultMaxColumns"/>. Option name <c>max_columns</c>.</summary>
    public int MaxColumns { get; init; } = DefaultMaxColumns;

    /// <summary>Checks that every limit is positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative (names the option).</exception>
    public ImportLimits Validate()
    {
        if (MaxInflatedBytes <= 0) throw new ArgumentOutOfRangeException(nameof(MaxInflatedBytes), MaxInflatedBytes, "max_inflated_bytes must be positive");
        if (MaxRows <= 0) throw new ArgumentOutOfRangeException(nameof(MaxRows), MaxRows, "max_rows must be positive");
        if (MaxLineBytes <= 0) throw new ArgumentOutOfRangeException(nameof(MaxLineBytes), MaxLineBytes, "max_line_bytes must be positive");
        if (MaxColumns <= 0) throw new ArgumentOutOfRangeException(nameof(MaxColumns), MaxColumns, "max_columns must be positive");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"max_inflated_bytes={MaxInflatedBytes} max_rows={MaxRows} max_line_bytes={MaxLineBytes} max_columns={MaxColumns}");
}

/// <summary>Text encoding of an imported CSV file: declared by the caller, or detected (<see cref="Auto"/>).</summary>
public enum DataFileEncoding
{
    /// <summary>Detect: a UTF-8 byte-order mark → UTF-8; else the first 64 KiB decide — valid UTF-8 (plain ASCII included) →
    /// UTF-8, else valid GBK → GBK, else the file is refused; when the window is valid as both (short GBK text can be: 站 is
    /// D5 BE, Armenian 'վ' in UTF-8), UTF-8 only if every character it decodes to is in a block such files use (CJK,
    /// fullwidth forms, Greek, ℃, Ⅰ…Ⅴ …). Bytes after the window that do not fit the chosen encoding
    /// refuse the file at their line and column (declare the encoding then).</summary>
    Auto,
    /// <summary>UTF-8, with or without a byte-order mark (the encoding of every CNEMC/PRSA file in shared/data/raw).</summary>
    Utf8,
    /// <summary>GBK (code page 936, GB 2312 extended): the encoding of files saved by Chinese-locale Excel and of older
    /// CNEMC station lists. Two-byte sequences only (GB 18030 four-byte sequences are refused).</summary>
    Gbk,
}

/// <summary>
/// A data file refused by an <see cref="ImportLimits"/> limit or by its text encoding: <see cref="Limit"/> names the rule
/// (<c>max_inflated_bytes</c>, <c>max_rows</c>, <c>max_line_bytes</c>, <c>max_columns</c>, <c>encoding</c>); line and
/// column say where reading stopped (column = 1-based cell of that line). The API answers it with a 400 naming the
/// limit; nothing of the file is stored.
/// </summary>
public sealed class DataFileLimitException : DataFileFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">File name.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based cell of the line (0 = not tied to a cell).</param>
    /// <param name="limit">Rule name (snake_case, as the option).</param>
    /// <param name="problem">What exceeded the limit, with the limit's value.</param>
    public DataFileLimitException(string source, int line, int column, string limit, string problem)
        : base(source, line, column, problem) => Limit = limit;

    /// <summary>Rule name: <c>max_inflated_bytes</c>, <c>max_rows</c>, <c>max_line_bytes</c>, <c>max_columns</c> or <c>encoding</c>.</summary>
    public string Limit { get; }
}

/// <summary>Sep's row loop with its own refusals (a row past its 16 Mi-character buffer, bad quoting) turned into a
/// <see cref="DataFileFormatException"/> naming the line, never an unhandled exception (a 500 in the API).</summary>
public static class SepRows
{
    /// <summary>Moves to the next row.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="source">File name for messages.</param>
    /// <returns>False at the end.</returns>
    public static bool MoveNext(nietras.SeparatedValues.SepReader reader, string source)
    {
        try { return reader.MoveNext(); }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
            throw new DataFileFormatException(source, $"unreadable row: {e.Message.Split('\n')[0]}");
        }
    }
}
