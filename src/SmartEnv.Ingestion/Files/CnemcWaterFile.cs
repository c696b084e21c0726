using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Standards.Water;

namespace SmartEnv.Ingestion.Files;

/// <summary>State of one value cell of a CNEMC surface-water file.</summary>
public enum CnemcWaterMarker
{
    /// <summary>A number.</summary>
    Value,
    /// <summary><c>--</c>: not measured or invalid.</summary>
    NotMeasured,
    /// <summary><c>*</c>: not applicable (e.g. chlorophyll at river sites; all cells of a site in maintenance).</summary>
    NotApplicable,
    /// <summary>Empty cell.</summary>
    Empty,
}

/// <summary>One value cell: a number, or why there is none.</summary>
/// <param name="Value">The number when <paramref name="Marker"/> is <see cref="CnemcWaterMarker.Value"/>.</param>
/// <param name="Marker">State of the cell.</param>
public readonly record struct CnemcWaterValue(decimal? Value, CnemcWaterMarker Marker)
{
    /// <inheritdoc />
    public override string ToString() => Marker switch
    {
        CnemcWaterMarker.Value => Value!.Value.ToString(CultureInfo.InvariantCulture),
        CnemcWaterMarker.NotMeasured => "--",
        CnemcWaterMarker.NotApplicable => "*",
        _ => "",
    };
}

/// <summary>What the <c>水质类别</c> cell says.</summary>
public enum CnemcPublishedClassKind
{
    /// <summary>A class Ⅰ…劣Ⅴ.</summary>
    Class,
    /// <summary><c>*</c>: site in maintenance, no class.</summary>
    Maintenance,
    /// <summary>Empty or <c>-</c>: not evaluated.</summary>
    NotEvaluated,
}

/// <summary>
/// One row of the CNEMC national surface-water automatic-station release (国家地表水水质自动监测实时数据) as stored in
/// ../shared/data/raw/cnemc_surface_water_auto (SOURCES.md §5). Units: mg/L, except water temperature ℃, pH dimensionless,
/// conductivity μS/cm, turbidity NTU, algal density cells/L. Times are Beijing time (UTC+8).
/// </summary>
/// <param name="LineNumber">1-based line number in the file (the header is line 1).</param>
/// <param name="Time">Sample time from <c>datetime_cst</c>; null when the cell is empty (site in maintenance).</param>
/// <param name="Province">省份.</param>
/// <param name="Basin">流域.</param>
/// <param name="Section">断面名称. Sections are identified by (省份, 断面名称): there is no station code.</param>
/// <param name="MonitorTime">监测时间 as written ("04-01 12:00", or "*" / "--").</param>
/// <param name="PublishedKind">What the 水质类别 cell says.</param>
/// <param name="PublishedClass">Published class when <paramref name="PublishedKind"/> is <see cref="CnemcPublishedClassKind.Class"/>.</param>
/// <param name="Temperature">水温 ℃.</param>
/// <param name="PH">pH.</param>
/// <param name="DissolvedOxygen">溶解氧 mg/L.</param>
/// <param name="Conductivity">电导率 μS/cm.</param>
/// <param name="Turbidity">浊度 NTU.</param>
/// <param name="PermanganateIndex">高锰酸盐指数 mg/L.</param>
/// <param name="AmmoniaNitrogen">氨氮 mg/L.</param>
/// <param name="TotalPhosphorus">总磷 mg/L.</param>
/// <param name="TotalNitrogen">总氮 mg/L.</param>
/// <param name="Chlorophyll">叶绿素α mg/L.</param>
/// <param name="AlgalDensity">藻密度 cells/L.</param>
/// <param name="SiteStatus">站点情况: 正常, 维护, 停站, 不具备运行条件.</param>
public sealed record CnemcWaterRow(
    long LineNumber, DateTime? Time, string Province, string Basin, string Section, string MonitorTime,
    CnemcPublishedClassKind PublishedKind, WaterClass? PublishedClass,
    CnemcWaterValue Temperature, CnemcWaterValue PH, CnemcWaterValue DissolvedOxygen, CnemcWaterValue Conductivity,
    CnemcWaterValue Turbidity, CnemcWaterValue PermanganateIndex, CnemcWaterValue AmmoniaNitrogen,
    CnemcWaterValue TotalPhosphorus, CnemcWaterValue TotalNitrogen, CnemcWaterValue Chlorophyll,
    CnemcWaterValue AlgalDensity, string SiteStatus)
{
    /// <summary>Section key (省份, 断面名称).</summary>
    public (string Province, string Section) SectionKey => (Province, Section);

    /// <summary>True when 站点情况 is 正常.</summary>
    public bool IsNormal => SiteStatus == "正常";

    /// <summary>The GB 3838-2002 items the row measured (water temperature, pH, DO, CODMn, NH3-N, TP, TN), as measured.</summary>
    public IReadOnlyDictionary<WaterItem, decimal> Gb3838Values()
    {
        var d = new Dictionary<WaterItem, decimal>(7);
        void Add(WaterItem i, CnemcWaterValue v) { if (v.Value is { } x) d[i] = x; }
        Add(WaterItem.Temperature, Temperature);
        Add(WaterItem.PH, PH);
        Add(WaterItem.DissolvedOxygen, DissolvedOxygen);
        Add(WaterItem.PermanganateIndex, PermanganateIndex);
        Add(WaterItem.AmmoniaNitrogen, AmmoniaNitrogen);
        Add(WaterItem.TotalPhosphorus, TotalPhosphorus);
        Add(WaterItem.TotalNitrogen, TotalNitrogen);
        return d;
    }
}

/// <summary>A CNEMC surface-water file could not be read; the message names the line and column.</summary>
public sealed class CnemcWaterFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, with line and column.</param>
    /// <param name="line">1-based line number (0 when not tied to a line).</param>
    public CnemcWaterFormatException(string message, long line) : base(message) => Line = line;

    /// <summary>1-based line number of the offending row.</summary>
    public long Line { get; }
}

/// <summary>
/// Reader of the CNEMC surface-water automatic-station CSV (gzip or plain UTF-8), columns
/// <c>datetime_cst,省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况</c>
/// (../shared/data/raw/SOURCES.md §5). Markers: <c>--</c> not measured, <c>*</c> not applicable, class empty or <c>-</c> not
/// evaluated, classes in Roman-numeral characters. All rows are returned, including the repeated 00:00 rows.
/// </summary>
public static class CnemcWaterFile
{
    private static readonly string[] Columns =
    [
        "datetime_cst", "省份", "流域", "断面名称", "监测时间", "水质类别", "水温(℃)", "pH(无量纲)", "溶解氧(mg/L)",
        "电导率(μS/cm)", "浊度(NTU)", "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "叶绿素α(mg/L)",
        "藻密度(cells/L)", "站点情况",
    ];

    /// <summary>Reads a file; a name ending in <c>.gz</c> or a gzip magic number is decompressed.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The rows, in file order (read eagerly).</returns>
    /// <exception cref="CnemcWaterFormatException">A column is missing, a row has the wrong number of cells, or a cell is not a
    /// number, marker or class; the message starts with the path and the line.</exception>
    /// <exception cref="DataFileLimitException">Past an <see cref="ImportLimits"/> default, or bytes that are neither UTF-8 nor GBK.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<CnemcWaterRow> Read(string path)
    {
        using var text = DataFileText.Open(CompressedFile.OpenRead(path), Path.GetFileName(path));
        try
        {
            return Read(text.Text);
        }
        catch (CnemcWaterFormatException e)
        {
            throw new CnemcWaterFormatException($"{path}: {e.Message}", e.Line);
        }
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="text">Reader positioned at the header line.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="CnemcWaterFormatException">A column is missing or named twice, a row has the wrong number of cells, a
    /// cell is not a number, marker or class, or a value is out of range (negative, pH above 14, 10^15 or more). Blank lines are skipped.</exception>
    public static IReadOnlyList<CnemcWaterRow> Read(TextReader text) => ReadRows(text).ToList();

    /// <summary>Reads CSV text row by row (streaming: one row in memory; open the file with <see cref="DataFileText"/> so
    /// the import limits hold).</summary>
    /// <param name="text">Reader positioned at the header line.</param>
    /// <returns>The rows, in file order, read as enumerated.</returns>
    /// <exception cref="CnemcWaterFormatException">As <see cref="Read(TextReader)"/>, while enumerating.</exception>
    public static IEnumerable<CnemcWaterRow> ReadRows(TextReader text)
    {
        SepReader reader;
        try { reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text); }
        catch (ArgumentException e)
        {
            // Sep refuses a header naming a column twice (e.g. a GBK file read as UTF-8).
            throw new CnemcWaterFormatException($"line 1: bad header: {e.Message}", 1);
        }
        using var _ = reader;
        var columns = reader.Header.ColNames.Count;
        var idx = new int[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            if (!reader.Header.TryIndexOf(Columns[i], out idx[i]))
                throw new CnemcWaterFormatException($"line 1: column '{Columns[i]}' missing from the header", 1);
        }
        var nextLine = 2L;
        while (true)
        {
            bool has;
            try { has = reader.MoveNext(); }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
                throw new CnemcWaterFormatException($"line {nextLine}: {e.Message.Split('\n')[0]}", nextLine);
            }
            if (!has) break;
            var row = reader.Current;
            var line = row.LineNumberFrom;
            nextLine = row.LineNumberToExcl;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty) continue; // blank line
            if (row.ColCount != columns)
                throw new CnemcWaterFormatException($"line {line}: {row.ColCount} cells, the header has {columns}", line);
            var cells = new string[Columns.Length];
            for (var c = 0; c < cells.Length; c++) cells[c] = row[idx[c]].ToString();
            string Cell(int c) => cells[c];
            CnemcWaterValue V(int c)
            {
                var t = Cell(c).Trim();
                if (t.Length == 0) return new(null, CnemcWaterMarker.Empty);
                if (t == "--") return new(null, CnemcWaterMarker.NotMeasured);
                if (t == "*") return new(null, CnemcWaterMarker.NotApplicable);
                if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent,
                        CultureInfo.InvariantCulture, out var d))
                    throw new CnemcWaterFormatException($"line {line}, column '{Columns[c]}': '{t}' is neither a number nor a marker (--, *)", line);
                // The GB 3838 classifier refuses negative values and pH above 14; nothing measured here reaches 10^15.
                if (d < 0 || (c == 7 && d > 14) || d >= 1e15m)
                    throw new CnemcWaterFormatException($"line {line}, column '{Columns[c]}': {t} is out of range ({(c == 7 ? "pH 0–14" : "0 up to 10^15")})", line);
                return new(d, CnemcWaterMarker.Value);
            }
            var dt = Cell(0).Trim();
            DateTime? time = null;
            if (dt.Length > 0)
            {
                if (!DateTime.TryParseExact(dt, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                    throw new CnemcWaterFormatException($"line {line}, column 'datetime_cst': '{dt}' is not a time 'yyyy-MM-dd HH:mm'", line);
                time = t;
            }
            var cls = Cell(5).Trim();
            CnemcPublishedClassKind kind;
            WaterClass? pub = null;
            if (cls is "" or "-") kind = CnemcPublishedClassKind.NotEvaluated;
            else if (cls == "*") kind = CnemcPublishedClassKind.Maintenance;
            else if (WaterClassText.TryParse(cls, out var wc)) { kind = CnemcPublishedClassKind.Class; pub = wc; }
            else throw new CnemcWaterFormatException($"line {line}, column '水质类别': '{cls}' is not a class (Ⅰ…Ⅴ, 劣Ⅴ), '*', '-' or empty", line);
            yield return new CnemcWaterRow(line, time, Cell(1).Trim(), Cell(2).Trim(), Cell(3).Trim(), Cell(4).Trim(), kind, pub,
                V(6), V(7), V(8), V(9), V(10), V(11), V(12), V(13), V(14), V(15), V(16), Cell(17).Trim());
        }
    }
}
