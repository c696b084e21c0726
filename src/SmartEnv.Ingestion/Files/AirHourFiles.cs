using nietras.SeparatedValues;
using SmartEnv.Standards.Air;

namespace SmartEnv.Ingestion.Files;

/// <summary>Formats of published hourly air files.</summary>
public enum AirFileFormat
{
    /// <summary>CNEMC "china_sites" wide format (<see cref="CnemcSitesReader"/>); station = code, e.g. 1420A.</summary>
    CnemcSites,
    /// <summary>UCI Beijing Multi-Site files (<see cref="PrsaReader"/>); station = the file's station name, e.g. Dongsi.</summary>
    Prsa,
}

/// <summary>A station of the CNEMC station list (<c>监测点编码,监测点名称,城市,经度,纬度</c>).</summary>
/// <param name="Code">Station code, e.g. 1420A.</param>
/// <param name="Name">Station name with notes, e.g. "缙云山（对照点）", "歇台子(启用161118)".</param>
/// <param name="City">City, e.g. 重庆.</param>
public sealed record CnemcStation(string Code, string Name, string City)
{
    /// <summary>True for a control/background point (对照点), which HJ 664 keeps out of the city's urban assessment.</summary>
    public bool IsControlPoint => Name.Contains("对照点", StringComparison.Ordinal);

    /// <summary>经度 as given (decimal degrees; the list states no CRS), or null when absent or not a number.</summary>
    public decimal? Longitude { get; init; }

    /// <summary>纬度 as given (decimal degrees; the list states no CRS), or null when absent or not a number.</summary>
    public decimal? Latitude { get; init; }

    /// <summary>True for a station marked stopped (停运…).</summary>
    public bool IsStopped => Name.Contains("停运", StringComparison.Ordinal);
}

/// <summary>Reads hourly air files of either format into per-station <see cref="AirHour"/> series, and the CNEMC station list.</summary>
public static class AirHourFiles
{
    /// <summary>Reads every file and groups the six 1-h pollutants by station.</summary>
    /// <param name="format">File format.</param>
    /// <param name="paths">Files (plain or .gz).</param>
    /// <param name="stations">Stations to keep, or null for all.</param>
    /// <returns>Hours per station (file order); a station-hour given twice keeps both (later wins in assessments).</returns>
    /// <exception cref="DataFileFormatException">Malformed input.</exception>
    public static Dictionary<string, List<AirHour>> ReadStations(AirFileFormat format, IEnumerable<string> paths, IReadOnlySet<string>? stations)
    {
        var result = new Dictionary<string, List<AirHour>>(StringComparer.Ordinal);
        void Add(string station, AirHour h)
        {
            if (!result.TryGetValue(station, out var list)) result[station] = list = [];
            list.Add(h);
        }
        foreach (var path in paths)
        {
            if (format == AirFileFormat.CnemcSites)
                foreach (var h in CnemcSitesReader.ReadFile(path, stations)) Add(h.Station, h.ToAirHour());
            else
                foreach (var h in PrsaReader.ReadFile(path))
                    if (stations is null || stations.Contains(h.Station)) Add(h.Station, h.ToAirHour());
        }
        return result;
    }

    /// <summary>Reads the CNEMC station list CSV (<c>StationList-*.csv</c>): the one reader of it (the CLI's city
    /// assessment and the cnemc-sites import). 经度/纬度 are optional columns.</summary>
    /// <param name="path">File path (plain or .gz).</param>
    /// <param name="limits">Import limits; the defaults when null.</param>
    /// <param name="encoding">Declared encoding, or detected (UTF-8 or GBK: a list saved by Chinese-locale Excel is GBK).</param>
    /// <exception cref="DataFileFormatException">Missing or doubled columns, short rows, bytes not in the encoding
    /// (<see cref="DataFileLimitException"/>, also past a limit); blank lines are skipped.</exception>
    public static IReadOnlyList<CnemcStation> ReadStationList(string path, ImportLimits? limits = null, DataFileEncoding encoding = DataFileEncoding.Auto)
    {
        var name = Path.GetFileName(path);
        using var text = DataFileText.Open(CompressedFile.OpenRead(path), name, limits, encoding);
        SepReader reader;
        try { reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text.Text); }
        catch (ArgumentException e)
        {
            // Sep refuses a header naming a column twice.
            throw new DataFileFormatException(name, 1, 0, $"bad header: {e.Message}");
        }
        using var _ = reader;
        if (!reader.Header.TryIndexOf("监测点编码", out var code) || !reader.Header.TryIndexOf("监测点名称", out var nm)
            || !reader.Header.TryIndexOf("城市", out var city))
            throw new DataFileFormatException(name, 1, 0, "station list needs columns 监测点编码,监测点名称,城市");
        var lon = reader.Header.TryIndexOf("经度", out var x) ? x : -1;
        var lat = reader.Header.TryIndexOf("纬度", out var y) ? y : -1;
        static decimal? Number(SepReader.Row row, int i) => i >= 0 && i < row.ColCount
            && decimal.TryParse(row[i].Span.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        var list = new List<CnemcStation>();
        while (SepRows.MoveNext(reader, name))
        {
            var row = reader.Current;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty) continue; // blank line
            if (row.ColCount <= Math.Max(code, Math.Max(nm, city))) throw new DataFileFormatException(name, row.LineNumberFrom, 0, "short row");
            list.Add(new CnemcStation(row[code].ToString().Trim(), row[nm].ToString().Trim(), row[city].ToString().Trim())
            {
                Longitude = Number(row, lon), Latitude = Number(row, lat),
            });
        }
        return list;
    }
}
