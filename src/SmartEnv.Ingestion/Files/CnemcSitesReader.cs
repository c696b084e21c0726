using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;

namespace SmartEnv.Ingestion.Files;

/// <summary>The 15 <c>type</c> rows of a CNEMC "china_sites" hour (SOURCES.md §2).</summary>
public enum CnemcType
{
    /// <summary>Published hourly AQI.</summary>
    Aqi,
    /// <summary>PM2.5 1-h, μg/m³.</summary>
    Pm25,
    /// <summary>PM2.5 24-h moving mean.</summary>
    Pm25_24h,
    /// <summary>PM10 1-h.</summary>
    Pm10,
    /// <summary>PM10 24-h moving mean.</summary>
    Pm10_24h,
    /// <summary>SO2 1-h.</summary>
    So2,
    /// <summary>SO2 24-h moving mean.</summary>
    So2_24h,
    /// <summary>NO2 1-h.</summary>
    No2,
    /// <summary>NO2 24-h moving mean.</summary>
    No2_24h,
    /// <summary>O3 1-h.</summary>
    O3,
    /// <summary>Maximum O3 1-h of the last 24 h.</summary>
    O3_24h,
    /// <summary>O3 8-h moving mean.</summary>
    O3_8h,
    /// <summary>An O3 8-h statistic over 24 h (semantics not established; SOURCES.md §2).</summary>
    O3_8h_24h,
    /// <summary>CO 1-h, mg/m³.</summary>
    Co,
    /// <summary>CO 24-h moving mean, mg/m³.</summary>
    Co_24h,
}

/// <summary>One station-hour of a CNEMC "china_sites" file: the values of the 15 types (null = empty cell).</summary>
/// <param name="Station">Station code, e.g. "1420A".</param>
/// <param name="Date">Date as labelled (Beijing time).</param>
/// <param name="Hour">Hour as labelled, 0…23 (hour-ending: H−1:00…H:00).</param>
/// <param name="Values">Values indexed by <see cref="CnemcType"/> (length 15).</param>
public sealed record CnemcStationHour(string Station, DateOnly Date, int Hour, decimal?[] Values)
{
    /// <summary>The value of one type.</summary>
    /// <param name="type">The type.</param>
    public decimal? this[CnemcType type] => Values[(int)type];

    /// <summary>1-based file line of each type's row, indexed by <see cref="CnemcType"/> (0 = no value); empty when the
    /// reader did not record lines.</summary>
    public int[] Lines { get; init; } = [];

    /// <summary>Where the station's code stands in the file: 1-based line of the (last) header naming it and 1-based
    /// column; (0, 0) when not read from a file.</summary>
    public (int Line, int Column) HeaderCell { get; init; }

    /// <summary>1-based file line the value of <paramref name="type"/> was read from, or null.</summary>
    /// <param name="type">The type.</param>
    public int? LineOf(CnemcType type) => Lines.Length > (int)type && Lines[(int)type] > 0 ? Lines[(int)type] : null;

    /// <summary>True when the six 1-h pollutants (PM2.5, PM10, SO2, NO2, O3, CO) are all present.</summary>
    public bool HasSixPollutants => this[CnemcType.Pm25] is not null && this[CnemcType.Pm10] is not null && this[CnemcType.So2] is not null
        && this[CnemcType.No2] is not null && this[CnemcType.O3] is not null && this[CnemcType.Co] is not null;

    /// <summary>The six 1-h pollutant values as an <see cref="AirHour"/>: the input of the real-time AQI
    /// (<see cref="AirAveraging.RealTimeInputs"/>, which computes its own moving means; the file's published
    /// <c>*_24h</c>/<c>O3_8h</c> columns and AQI are not inputs).</summary>
    public AirHour ToAirHour() => new(Date, Hour, this[CnemcType.So2], this[CnemcType.No2], this[CnemcType.Co], this[CnemcType.O3],
        this[CnemcType.Pm10], this[CnemcType.Pm25]);
}

/// <summary>
/// Reads CNEMC national hourly "china_sites" files (wide format <c>date,hour,type,&lt;station code&gt;…</c>; SOURCES.md §2):
/// plain or gzip, LF or CRLF, repeated header lines allowed (concatenated daily files), short rows padded with empty
/// cells. Rows of one (date, hour) must be consecutive. Unknown <c>type</c> values are skipped. Streams: memory is one hour.
/// </summary>
public static class CnemcSitesReader
{
    private static readonly Dictionary<string, CnemcType> Types = new(StringComparer.Ordinal)
    {
        ["AQI"] = CnemcType.Aqi, ["PM2.5"] = CnemcType.Pm25, ["PM2.5_24h"] = CnemcType.Pm25_24h, ["PM10"] = CnemcType.Pm10,
        ["PM10_24h"] = CnemcType.Pm10_24h, ["SO2"] = CnemcType.So2, ["SO2_24h"] = CnemcType.So2_24h, ["NO2"] = CnemcType.No2,
        ["NO2_24h"] = CnemcType.No2_24h, ["O3"] = CnemcType.O3, ["O3_24h"] = CnemcType.O3_24h, ["O3_8h"] = CnemcType.O3_8h,
        ["O3_8h_24h"] = CnemcType.O3_8h_24h, ["CO"] = CnemcType.Co, ["CO_24h"] = CnemcType.Co_24h,
    };

    /// <summary>Values at or above this (10^15) are refused as out of range (<see cref="DataTimePlausibility.MaxMagnitude"/>).</summary>
    public const decimal MaxValue = DataTimePlausibility.MaxMagnitude;

    /// <summary>Reads a file (plain or .gz) under the default <see cref="ImportLimits"/>.</summary>
    /// <param name="path">File path.</param>
    /// <param name="stations">Station codes to keep, or null for all.</param>
    /// <returns>Station-hours in file order (per hour, in header column order); station-hours without any value are skipped.</returns>
    /// <exception cref="DataFileFormatException">Malformed header, date, hour or number (message gives file:line:column).</exception>
    public static IEnumerable<CnemcStationHour> ReadFile(string path, IReadOnlySet<string>? stations = null)
    {
        using var s = CompressedFile.OpenRead(path);
        foreach (var h in Read(s, Path.GetFileName(path), stations)) yield return h;
    }

    /// <summary>Reads a decompressed stream under the default <see cref="ImportLimits"/>, the encoding detected
    /// (<see cref="DataFileText"/>).</summary>
    /// <param name="stream">Decompressed file bytes (UTF-8 or GBK; the codes and numbers are ASCII).</param>
    /// <param name="source">Name used in error messages.</param>
    /// <param name="stations">Station codes to keep, or null for all.</param>
    /// <param name="now">When given, a row whose hour start is not a plausible observation time
    /// (<see cref="DataTimePlausibility"/>, file tolerance: 2000-01-01 Beijing … now) is refused at its date cell.</param>
    /// <exception cref="DataFileFormatException">Malformed input, or an implausible date when <paramref name="now"/> is given;
    /// <see cref="DataFileLimitException"/> past a limit.</exception>
    public static IEnumerable<CnemcStationHour> Read(Stream stream, string source, IReadOnlySet<string>? stations = null, DateTimeOffset? now = null)
    {
        using var text = DataFileText.Open(stream, source, syntax: DataFileSyntax.UnquotedCsv);
        foreach (var h in Read(text.Text, source, stations, now)) yield return h;
    }

    /// <summary>Reads decoded text (open it with <see cref="DataFileText"/>, <see cref="DataFileSyntax.UnquotedCsv"/>, so
    /// the import limits hold). Streams: memory is one hour of the kept stations.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <param name="stations">Station codes to keep, or null for all.</param>
    /// <param name="now">When given, a row whose hour start is not a plausible observation time is refused at its date cell.</param>
    /// <param name="rejectShortRows">When true, a data row with fewer cells than the header is a
    /// <see cref="DataFileFormatException"/> at its first missing column (the verification of published figures must not
    /// read a truncated row as "not published"); when false (ingestion) the missing trailing cells are empty.</param>
    /// <exception cref="DataFileFormatException">Malformed input, or an implausible date when <paramref name="now"/> is given.</exception>
    public static IEnumerable<CnemcStationHour> Read(TextReader text, string source, IReadOnlySet<string>? stations = null, DateTimeOffset? now = null,
        bool rejectShortRows = false)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true })
            .From(text);
        var state = new State(source, stations, now, rejectShortRows);
        var output = new List<CnemcStationHour>();
        while (SepRows.MoveNext(reader, source))
        {
            state.Step(reader.Current, output);
            foreach (var h in output) yield return h;
            output.Clear();
        }
        if (!state.SawHeader) throw new DataFileFormatException(source, 1, 0, "empty file: no date,hour,type header");
        state.Flush(output);
        foreach (var h in output) yield return h;
    }

    private sealed class State(string source, IReadOnlySet<string>? stations, DateTimeOffset? now, bool rejectShortRows = false)
    {
        private string[]? _codes;
        private int[] _keep = [];
        private decimal?[][] _current = [];
        private int[][] _lines = [];
        private int _headerLine;
        private DateOnly _date;
        private int _hour = -1;

        public bool SawHeader => _codes is not null;

        public void Step(SepReader.Row row, List<CnemcStationHour> output)
        {
            // Quotes are not parsed, so a row is one line (Sep's LineNumberFrom is off by one without a header).
            var line = row.RowIndex + 1;
            var first = row[0].Span;
            if (first.IsEmpty && row.ColCount == 1) return;
            if (first.SequenceEqual("date"))
            {
                // Header (possibly repeated): flush the pending hour first, then re-map the columns.
                Flush(output);
                if (row.ColCount < 3 || !row[1].Span.SequenceEqual("hour") || !row[2].Span.SequenceEqual("type"))
                    throw new DataFileFormatException(source, line, 0, "header must start with date,hour,type");
                var codes = new string[row.ColCount - 3];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var c = 3; c < row.ColCount; c++)
                {
                    codes[c - 3] = row[c].ToString().Trim();
                    if (codes[c - 3].Length > 0 && !seen.Add(codes[c - 3]))
                        throw new DataFileFormatException(source, line, c + 1, $"station {codes[c - 3]} appears twice in the header");
                }
                _codes = codes;
                _headerLine = line;
                _keep = [.. Enumerable.Range(0, codes.Length).Where(i => stations is null || stations.Contains(codes[i]))];
                _current = [.. Enumerable.Range(0, codes.Length).Select(_ => new decimal?[15])];
                _lines = [.. Enumerable.Range(0, codes.Length).Select(_ => new int[15])];
                return;
            }
            if (_codes is null) throw new DataFileFormatException(source, line, 0, "data row before the date,hour,type header");
            if (row.ColCount < 3) throw new DataFileFormatException(source, line, 0, $"expected at least 3 cells, found {row.ColCount}");
            if (rejectShortRows && row.ColCount < _codes.Length + 3)
                throw new DataFileFormatException(source, line, row.ColCount + 1, $"row has {row.ColCount} cells, the header has {_codes.Length + 3}");
            if (!DateOnly.TryParseExact(first, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new DataFileFormatException(source, line, 1, $"date '{first}' is not YYYYMMDD");
            if (!int.TryParse(row[1].Span, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23)
                throw new DataFileFormatException(source, line, 2, $"hour '{row[1].Span}' is not 0..23");
            if (now is { } n && DataTimePlausibility.CheckHourLabel(date, hour, n, DataTimePlausibility.FileTolerance) is var verdict && verdict != DataTimeVerdict.Plausible)
                throw new DataFileFormatException(source, line, 1,
                    $"date '{first}' hour {hour} is not a plausible observation time: {DataTimePlausibility.Describe(verdict, n, DataTimePlausibility.FileTolerance)}");
            if (date != _date || hour != _hour)
            {
                Flush(output);
                _date = date;
                _hour = hour;
            }
            if (!Types.TryGetValue(row[2].ToString(), out var type)) return;
            foreach (var i in _keep)
            {
                var col = i + 3;
                if (col >= row.ColCount) break; // truncated upstream row: missing trailing cells are empty
                var cell = row[col].Span.Trim();
                if (cell.IsEmpty) { _current[i][(int)type] = null; _lines[i][(int)type] = 0; continue; }
                if (!decimal.TryParse(cell, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < 0)
                    throw new DataFileFormatException(source, line, col + 1, $"'{cell}' is not a non-negative number ({_codes[i]} {row[2].Span})");
                if (v >= MaxValue) // no concentration comes near; sums of such values would overflow decimal in the averages
                    throw new DataFileFormatException(source, line, col + 1, $"'{cell}' is out of range (10^15 or more) ({_codes[i]} {row[2].Span})");
                _current[i][(int)type] = v;
                _lines[i][(int)type] = line;
            }
        }

        public void Flush(List<CnemcStationHour> output)
        {
            if (_codes is null || _hour < 0) return;
            foreach (var i in _keep)
            {
                var v = _current[i];
                if (!Array.TrueForAll(v, x => x is null))
                    output.Add(new CnemcStationHour(_codes[i], _date, _hour, (decimal?[])v.Clone()) { Lines = (int[])_lines[i].Clone(), HeaderCell = (_headerLine, i + 4) });
                Array.Clear(v);
                Array.Clear(_lines[i]);
            }
            _hour = -1;
        }
    }
}
