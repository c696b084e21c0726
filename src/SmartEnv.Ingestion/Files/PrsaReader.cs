using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;

namespace SmartEnv.Ingestion.Files;

/// <summary>One hour of a UCI Beijing Multi-Site ("PRSA") file, pollutants only. μg/m³; CO converted to mg/m³.</summary>
/// <param name="Station">Station name as in the file, e.g. "Dongsi".</param>
/// <param name="Date">Date (Beijing time).</param>
/// <param name="Hour">Hour 0…23, taken as hour-ending like CNEMC (SOURCES.md §1: the usual CN convention).</param>
/// <param name="Pm25">PM2.5.</param>
/// <param name="Pm10">PM10.</param>
/// <param name="So2">SO2.</param>
/// <param name="No2">NO2.</param>
/// <param name="Co">CO in mg/m³ (the file's μg/m³ ÷ 1000).</param>
/// <param name="O3">O3 1-h.</param>
public sealed record PrsaHour(string Station, DateOnly Date, int Hour, decimal? Pm25, decimal? Pm10, decimal? So2, decimal? No2, decimal? Co, decimal? O3)
{
    /// <summary>1-based file line of the row (0 when not read from a file).</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the <c>station</c> cell (0 when not read from a file).</summary>
    public int StationColumn { get; init; }

    /// <summary>As an <see cref="AirHour"/>.</summary>
    public AirHour ToAirHour() => new(Date, Hour, So2, No2, Co, O3, Pm10, Pm25);
}

/// <summary>
/// Reads UCI "Beijing Multi-Site Air-Quality Data" files (<c>No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,…,station</c>;
/// SOURCES.md §1), plain or gzip. <c>NA</c> and empty cells are missing. Columns are found by header name.
/// </summary>
public static class PrsaReader
{
    private static readonly string[] Required = ["year", "month", "day", "hour", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3", "station"];

    /// <summary>Reads a file (plain or .gz).</summary>
    /// <param name="path">File path.</param>
    /// <exception cref="DataFileFormatException">Missing column, bad date or number (file:line:column).</exception>
    public static IEnumerable<PrsaHour> ReadFile(string path)
    {
        using var s = CompressedFile.OpenRead(path);
        foreach (var h in Read(s, Path.GetFileName(path))) yield return h;
    }

    /// <summary>Reads a decompressed stream under the default <see cref="ImportLimits"/>, the encoding detected
    /// (<see cref="DataFileText"/>: UTF-8, or GBK — a station name is never read as mojibake).</summary>
    /// <param name="stream">Decompressed CSV bytes.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <param name="now">When given, a row whose hour start is not a plausible observation time
    /// (<see cref="DataTimePlausibility"/>, file tolerance: 2000-01-01 Beijing … now) is refused at its year cell.</param>
    /// <exception cref="DataFileFormatException">Malformed input, or an implausible date when <paramref name="now"/> is given;
    /// <see cref="DataFileLimitException"/> past a limit or for bytes not in the encoding.</exception>
    public static IEnumerable<PrsaHour> Read(Stream stream, string source, DateTimeOffset? now = null)
    {
        using var text = DataFileText.Open(stream, source);
        foreach (var h in Read(text.Text, source, now)) yield return h;
    }

    /// <summary>Reads decoded CSV text (open it with <see cref="DataFileText"/> so the import limits hold). Streams.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <param name="now">When given, a row whose hour start is not a plausible observation time is refused at its year cell.</param>
    /// <exception cref="DataFileFormatException">Malformed input, or an implausible date when <paramref name="now"/> is given.</exception>
    public static IEnumerable<PrsaHour> Read(TextReader text, string source, DateTimeOffset? now = null)
    {
        using var reader = Open(text, source);
        var idx = new int[Required.Length];
        for (var i = 0; i < Required.Length; i++)
        {
            if (!reader.Header.TryIndexOf(Required[i], out idx[i]))
                throw new DataFileFormatException(source, 1, 0, $"missing column '{Required[i]}'");
        }
        var columns = reader.Header.ColNames.Count;
        while (SepRows.MoveNext(reader, source))
        {
            var row = reader.Current;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty) continue; // blank line
            if (row.ColCount != columns)
                throw new DataFileFormatException(source, row.LineNumberFrom, 0, $"{row.ColCount} cells, the header has {columns}");
            yield return Parse(row, idx, source, now);
        }
    }

    private static SepReader Open(TextReader text, string source)
    {
        try
        {
            return Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (ArgumentException e)
        {
            // Sep refuses a header naming a column twice.
            throw new DataFileFormatException(source, 1, 0, $"bad header: {e.Message}");
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
            throw new DataFileFormatException(source, 1, 0, $"unreadable header: {e.Message.Split('\n')[0]}");
        }
    }

    private static PrsaHour Parse(SepReader.Row row, int[] idx, string source, DateTimeOffset? now)
    {
        var line = row.LineNumberFrom;
        var v = new decimal?[Required.Length];
        var ints = new int[4];
        for (var k = 0; k < Required.Length - 1; k++)
        {
            var c = idx[k];
            var s = row[c].Span.Trim();
            if (k < 4)
            {
                if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ints[k]))
                    throw new DataFileFormatException(source, line, c + 1, $"'{s}' is not an integer ({Required[k]})");
                continue;
            }
            if (s.IsEmpty || s.SequenceEqual("NA")) continue;
            if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || x < 0)
                throw new DataFileFormatException(source, line, c + 1, $"'{s}' is not a non-negative number ({Required[k]})");
            if (x >= CnemcSitesReader.MaxValue)
                throw new DataFileFormatException(source, line, c + 1, $"'{s}' is out of range (10^15 or more) ({Required[k]})");
            v[k] = x;
        }
        int y = ints[0], m = ints[1], d = ints[2], h = ints[3];
        if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m) || h > 23)
            throw new DataFileFormatException(source, line, 0, $"invalid date/hour {y}-{m}-{d} {h}");
        if (now is { } n && DataTimePlausibility.CheckHourLabel(new DateOnly(y, m, d), h, n, DataTimePlausibility.FileTolerance) is var verdict && verdict != DataTimeVerdict.Plausible)
            throw new DataFileFormatException(source, line, idx[0] + 1,
                $"date/hour {y}-{m}-{d} {h} is not a plausible observation time: {DataTimePlausibility.Describe(verdict, n, DataTimePlausibility.FileTolerance)}");
        return new PrsaHour(row[idx[10]].ToString(), new DateOnly(y, m, d), h, v[4], v[5], v[6], v[7], v[8] / 1000m, v[9]) { Line = line, StationColumn = idx[10] + 1 };
    }
}
