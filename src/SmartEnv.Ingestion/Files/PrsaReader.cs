using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Standards.Air;

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

    /// <summary>Reads a decompressed stream.</summary>
    /// <param name="stream">UTF-8 CSV text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <exception cref="DataFileFormatException">Malformed input.</exception>
    public static IEnumerable<PrsaHour> Read(Stream stream, string source)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true }).From(stream);
        var idx = new int[Required.Length];
        for (var i = 0; i < Required.Length; i++)
        {
            if (!reader.Header.TryIndexOf(Required[i], out idx[i]))
                throw new DataFileFormatException(source, 1, 0, $"missing column '{Required[i]}'");
        }
        while (reader.MoveNext()) yield return Parse(reader.Current, idx, source);
    }

    private static PrsaHour Parse(SepReader.Row row, int[] idx, string source)
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
            v[k] = x;
        }
        int y = ints[0], m = ints[1], d = ints[2], h = ints[3];
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m) || h > 23)
            throw new DataFileFormatException(source, line, 0, $"invalid date/hour {y}-{m}-{d} {h}");
        return new PrsaHour(row[idx[10]].ToString(), new DateOnly(y, m, d), h, v[4], v[5], v[6], v[7], v[8] / 1000m, v[9]);
    }
}
