using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Noise;
using SmartEnv.Standards.Water;
using SmartEnv.Verifications.Air;
using SmartEnv.Verifications.Noise;
using SmartEnv.Verifications.Water;

namespace SmartEnv.Verifications.Files;

/// <summary>
/// Readers of published files into the rows of <see cref="AirVerifier"/>, <see cref="WaterVerifier"/> and
/// <see cref="NoiseVerifier"/> (docs/verification.md §5). Every file goes through <see cref="DataFileText"/> (UTF-8 or
/// GBK, <see cref="ImportLimits"/>); a bad cell is a <see cref="DataFileFormatException"/> with line and column. Streaming
/// where the format allows. Not thread-safe per enumeration.
/// </summary>
public static class VerificationReaders
{
    /// <summary>
    /// CNEMC china_sites (wide <c>date,hour,type,&lt;codes&gt;</c>): one row per station-hour with an <c>AQI</c> value; the
    /// concentrations are the six 1-h types plus the file's <c>SO2_24h</c>, <c>O3_8h</c>, <c>PM10_24h</c>, <c>PM2.5_24h</c>
    /// (as published, the values the publisher had). Time = end of the labelled hour.
    /// </summary>
    /// <param name="decompressed">Decompressed bytes.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="limits">Import limits.</param>
    /// <exception cref="DataFileFormatException">Malformed input, a row shorter than the header, or a station-hour given twice
    /// (both lines named).</exception>
    public static IEnumerable<AirPublishedRow> ChinaSites(Stream decompressed, string source, ImportLimits? limits = null)
    {
        using var text = DataFileText.Open(decompressed, source, limits, syntax: DataFileSyntax.UnquotedCsv);
        var seen = new Dictionary<(string, DateTimeOffset), int>();
        foreach (var h in CnemcSitesReader.Read(text.Text, source, rejectShortRows: true))
        {
            var c = new Dictionary<AqiIndicator, decimal>(10);
            void Add(AqiIndicator i, CnemcType t) { if (h[t] is { } v) c[i] = v; }
            Add(AqiIndicator.So2_1h, CnemcType.So2); Add(AqiIndicator.No2_1h, CnemcType.No2); Add(AqiIndicator.Co_1h, CnemcType.Co);
            Add(AqiIndicator.O3_1h, CnemcType.O3); Add(AqiIndicator.Pm10_1h, CnemcType.Pm10); Add(AqiIndicator.Pm25_1h, CnemcType.Pm25);
            Add(AqiIndicator.So2_24h, CnemcType.So2_24h); Add(AqiIndicator.O3_8h, CnemcType.O3_8h);
            Add(AqiIndicator.Pm10_24h, CnemcType.Pm10_24h); Add(AqiIndicator.Pm25_24h, CnemcType.Pm25_24h);
            int? aqi = h[CnemcType.Aqi] is { } a ? (decimal.IsInteger(a) && a is >= 0 and <= 100_000
                ? (int)a
                : throw new DataFileFormatException(source, h.LineOf(CnemcType.Aqi) ?? 0, h.HeaderCell.Column, $"AQI '{a}' is not a whole number"))
                : null;
            var time = BeijingTime.HourEnd(h.Date, h.Hour);
            var at = h.LineOf(CnemcType.Aqi) ?? h.Lines.Where(l => l > 0).DefaultIfEmpty(0).Min();
            Unique(seen, h.Station, time, at, source);
            yield return new AirPublishedRow(h.Station, time, HourEnding.NaturalDay(h.Date, h.Hour), c, aqi,
                h.LineOf(CnemcType.Aqi) is { } line ? $"{source}:{line}" : null);
        }
    }

    /// <summary>
    /// CNEMC national surface-water automatic-station release: a row with a published class becomes a sample over
    /// <see cref="WaterItemSets.Auto5"/>, as a river (the file has no waterbody flag); other rows, and rows without a sample
    /// time, carry no class (read, not compared).
    /// Station = "省份/断面名称".
    /// </summary>
    /// <param name="decompressed">Decompressed bytes.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="limits">Import limits.</param>
    /// <exception cref="DataFileFormatException">Malformed input (line from the water reader).</exception>
    public static IEnumerable<WaterPublishedRow> CnemcWater(Stream decompressed, string source, ImportLimits? limits = null)
    {
        using var text = DataFileText.Open(decompressed, source, limits);
        using var e = CnemcWaterFile.ReadRows(text.Text).GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (CnemcWaterFormatException x)
            {
                throw new DataFileFormatException(source, (int)Math.Min(x.Line, int.MaxValue), 0, x.Message);
            }
            var r = e.Current;
            // A row without datetime_cst cannot be placed in time: read and counted, its class not compared.
            var timed = r.Time is not null;
            yield return new WaterPublishedRow($"{r.Province}/{r.Section}", timed ? BeijingTime.FromLocal(r.Time!.Value) : default, r.Gb3838Values(),
                WaterItemSets.Auto5, WaterbodyType.River, timed && r.PublishedKind == CnemcPublishedClassKind.Class ? r.PublishedClass : null, null,
                $"{source}:{r.LineNumber}");
        }
    }

    /// <summary>PRSA (UCI Beijing): read and checked, counted; it publishes no figure, so nothing is compared.</summary>
    /// <param name="decompressed">Decompressed bytes.</param>
    /// <param name="source">File name for messages.</param>
    /// <returns>The number of rows read.</returns>
    /// <exception cref="DataFileFormatException">Malformed input.</exception>
    public static int CountPrsa(Stream decompressed, string source) => PrsaReader.Read(decompressed, source).Count();

    /// <summary>A station-hour already read is an input error naming both lines: two published values for one station and
    /// hour cannot both be compared (which one the publisher meant is unknown).</summary>
    private static void Unique(Dictionary<(string, DateTimeOffset), int> seen, string station, DateTimeOffset time, int line, string source)
    {
        if (seen.TryGetValue((station, time), out var first))
            throw new DataFileFormatException(source, line, 0,
                $"station {station} hour ending {BeijingTime.ToBeijing(time):yyyy-MM-dd HH:mm} appears twice: lines {first} and {line}");
        seen[(station, time)] = line;
    }

    /// <summary>Plain CSV rows with a column mapping, as raw cells per field (header = line 1). A row with fewer cells than
    /// the header is a <see cref="DataFileFormatException"/> at its first missing column.</summary>
    private static IEnumerable<(int Line, Func<string, string?> Cell, Func<string, int> Column)> Mapped(Stream decompressed, string source,
        VerificationMap map, ImportLimits? limits)
    {
        using var text = DataFileText.Open(decompressed, source, limits);
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text.Text);
        IReadOnlyDictionary<string, int>? cols = null;
        var width = 0;
        var line = 0;
        while (SepRows.MoveNext(reader, source))
        {
            var row = reader.Current;
            line++;
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
            if (cols is null)
            {
                if (cells.Length > 0 && cells[0].Length > 0 && cells[0][0] == '\uFEFF') cells[0] = cells[0][1..];
                cols = map.Resolve(cells, source);
                width = cells.Length;
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (cells.Length < width)
                throw new DataFileFormatException(source, line, cells.Length + 1, $"row has {cells.Length} cells, the header has {width}");
            var c = cols;
            yield return (line, f => c.TryGetValue(f, out var i) && i < cells.Length ? Empty(cells[i]) : null, f => c.TryGetValue(f, out var i) ? i + 1 : 0);
        }
        if (cols is null) throw new DataFileFormatException(source, 1, 0, "empty file: no header");
    }

    private static string? Empty(string s)
    {
        var t = s.Trim();
        return t.Length == 0 || t is "-" or "—" or "--" or "NA" or "N/A" or "*" ? null : t;
    }

    private static decimal? Number(string? text, string source, int line, int column, string field)
    {
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || Math.Abs(v) >= DataTimePlausibility.MaxMagnitude)
            throw new DataFileFormatException(source, line, column, $"{field} '{text}' is not a number");
        if (v < 0) throw new DataFileFormatException(source, line, column, $"{field} {text} is negative");
        return v;
    }

    private static DateTimeOffset Time(string? text, string source, int line, int column) =>
        text is null ? throw new DataFileFormatException(source, line, column, "time is empty")
        : BeijingTime.TryParseLocal(text, out var t) ? t
        : throw new DataFileFormatException(source, line, column, $"time '{text}' is not yyyy-MM-dd HH:mm (Beijing time) or ISO 8601 with an offset");

    /// <summary>
    /// Plain CSV, air: fields <c>site, time</c>, indicator keys (<c>so2 no2 co o3 pm10 pm25</c> = the 1-h values;
    /// <c>so2_24h</c>, <c>o3_8h</c>, <c>pm10_24h</c>, <c>pm25_24h</c> …) and the published figures, each compared when mapped
    /// and not empty: <c>aqi</c>; <c>iaqi_so2 iaqi_no2 iaqi_co iaqi_o3 iaqi_o3_8h iaqi_pm10 iaqi_pm25</c> (whole numbers);
    /// <c>level</c> (1…6, 一级…六级, I…VI or Ⅰ…Ⅵ); <c>category</c> (优 良 轻度污染 中度污染 重度污染 严重污染, or the English
    /// names); <c>primary</c> (首要污染物: PM2.5 PM10 O3 O3_8h SO2 NO2 CO, indicator keys or Chinese names, separated by
    /// <c>, ; 、 +</c>; empty, <c>-</c> or <c>—</c> = none). <c>time</c> is the end of the hour (hour-ending label).
    /// </summary>
    /// <param name="decompressed">Decompressed bytes.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="map">Column mapping.</param>
    /// <param name="limits">Import limits.</param>
    /// <exception cref="DataFileFormatException">A mapped column missing, a bad cell (line and column), a row shorter than
    /// the header, or a station-hour given twice (both lines named).</exception>
    public static IEnumerable<AirPublishedRow> CsvAir(Stream decompressed, string source, VerificationMap map, ImportLimits? limits = null)
    {
        var seen = new Dictionary<(string, DateTimeOffset), int>();
        foreach (var (line, cell, col) in Mapped(decompressed, source, map, limits))
        {
            var t = Time(cell("time"), source, line, col("time"));
            var c = new Dictionary<AqiIndicator, decimal>();
            foreach (var f in map.Fields.Keys)
                if (AqiIndicators.TryParse(f, out var ind) && Number(cell(f), source, line, col(f), f) is { } v) c[ind] = v;
            var aqiValue = Number(cell("aqi"), source, line, col("aqi"), "aqi");
            if (aqiValue is { } a && (!decimal.IsInteger(a) || a > 100_000))
                throw new DataFileFormatException(source, line, col("aqi"), $"aqi '{a}' is not a whole number");
            Dictionary<AqiIndicator, int>? iaqi = null;
            foreach (var (field, ind) in VerificationMap.IaqiFields)
                if (map.Fields.ContainsKey(field) && Number(cell(field), source, line, col(field), field) is { } iv)
                {
                    if (!decimal.IsInteger(iv) || iv > 100_000) throw new DataFileFormatException(source, line, col(field), $"{field} '{iv}' is not a whole number");
                    (iaqi ??= [])[ind] = (int)iv;
                }
            int? level = cell("level") is { } lt
                ? AirFigureText.TryParseLevel(lt, out var lv) ? lv : throw new DataFileFormatException(source, line, col("level"), $"level '{lt}' is not 1…6, 一级…六级 or I…VI")
                : null;
            int? category = cell("category") is { } ctext
                ? AirFigureText.TryParseCategory(ctext, out var cv) ? cv
                    : throw new DataFileFormatException(source, line, col("category"), $"category '{ctext}' is not 优/良/轻度污染/中度污染/重度污染/严重污染")
                : null;
            IReadOnlySet<AqiIndicator>? primary = null;
            if (map.Fields.ContainsKey("primary"))
                primary = AirFigureText.TryParsePrimary(cell("primary"), out var set, out var bad) ? set
                    : throw new DataFileFormatException(source, line, col("primary"), $"primary pollutant '{bad}' is not PM2.5, PM10, O3, O3_8h, SO2, NO2 or CO");
            Unique(seen, cell("site") ?? "-", t, line, source);
            yield return new AirPublishedRow(cell("site") ?? "-", t, BeijingTime.NaturalDayOfHourEnd(t), c, aqiValue is { } x ? (int)x : null, $"{source}:{line}")
            {
                Iaqi = iaqi, Level = level, Category = category, Primary = primary,
            };
        }
    }

    /// <summary>
    /// Plain CSV, water: fields <c>site, time, class</c> (Ⅰ…劣Ⅴ, I…V, 1…6), optional <c>main</c> (主要污染指标: item keys or
    /// Chinese names separated by <c>;</c> <c>、</c> <c>,</c>), optional <c>waterbody</c> (河流/river, 湖库/lake), item keys
    /// (<c>ph do codmn nh3n tp …</c>). The class is evaluated over the mapped items.
    /// </summary>
    /// <param name="decompressed">Decompressed bytes.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="map">Column mapping.</param>
    /// <param name="limits">Import limits.</param>
    /// <exception cref="DataFileFormatException">A mapped column missing, or a bad cell (line and column).</exception>
    public static IEnumerable<WaterPublishedRow> CsvWater(Stream decompressed, string source, VerificationMap map, ImportLimits? limits = null)
    {
        var items = Gb3838Table1.Items.Where(i => map.Fields.ContainsKey(i.Key)).ToList();
        var set = items.Select(i => i.Item).ToList();
        foreach (var (line, cell, col) in Mapped(decompressed, source, map, limits))
        {
            var t = Time(cell("time"), source, line, col("time"));
            var values = new Dictionary<WaterItem, decimal>();
            foreach (var i in items)
                if (Number(cell(i.Key), source, line, col(i.Key), i.Key) is { } v)
                {
                    if (i.Item == WaterItem.PH && v > 14) throw new DataFileFormatException(source, line, col(i.Key), $"pH {v} is above 14");
                    values[i.Item] = v;
                }
            WaterClass? cls = null;
            if (cell("class") is { } ct)
                cls = WaterClassText.TryParse(ct, out var wc) ? wc : throw new DataFileFormatException(source, line, col("class"), $"class '{ct}' is not Ⅰ…劣Ⅴ");
            IReadOnlyList<WaterItem>? main = null;
            if (map.Fields.ContainsKey("main"))
            {
                var list = new List<WaterItem>();
                foreach (var part in (cell("main") ?? "").Split([';', '、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var info = Gb3838Table1.Items.FirstOrDefault(i => i.Key == part.ToLowerInvariant() || i.NameZh == part)
                        ?? throw new DataFileFormatException(source, line, col("main"), $"main pollutant '{part}' is not a GB 3838 item");
                    list.Add(info.Item);
                }
                main = list;
            }
            var wb = cell("waterbody") is { } w && (w.Contains('湖') || w.Contains('库') || w.Equals("lake", StringComparison.OrdinalIgnoreCase))
                ? WaterbodyType.Lake : WaterbodyType.River;
            yield return new WaterPublishedRow(cell("site") ?? "-", t, values, set, wb, cls, main, $"{source}:{line}");
        }
    }

    /// <summary>
    /// Plain CSV, noise: fields <c>site, time, zone</c> (GB 3096 0/1/2/3/4a/4b), <c>ld</c>, <c>ln</c> (dB(A)), <c>day</c>,
    /// <c>night</c> (published verdicts: 达标/超标, yes/no, true/false, 1/0).
    /// </summary>
    /// <param name="decompressed">Decompressed bytes.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="map">Column mapping.</param>
    /// <param name="limits">Import limits.</param>
    /// <exception cref="DataFileFormatException">A mapped column missing, or a bad cell (line and column).</exception>
    public static IEnumerable<NoisePublishedRow> CsvNoise(Stream decompressed, string source, VerificationMap map, ImportLimits? limits = null)
    {
        if (!map.Fields.ContainsKey("zone")) throw new DataFileFormatException(source, 1, 0, "noise needs the field 'zone' in --map");
        foreach (var (line, cell, col) in Mapped(decompressed, source, map, limits))
        {
            var t = Time(cell("time"), source, line, col("time"));
            var z = cell("zone") ?? throw new DataFileFormatException(source, line, col("zone"), "zone is empty");
            if (!Gb3096.TryParseZone(z.Replace("类", "", StringComparison.Ordinal), out var zone))
                throw new DataFileFormatException(source, line, col("zone"), $"zone '{z}' is not 0/1/2/3/4a/4b");
            yield return new NoisePublishedRow(cell("site") ?? "-", t, zone, Number(cell("ld"), source, line, col("ld"), "ld"),
                Number(cell("ln"), source, line, col("ln"), "ln"), Verdict(cell("day"), source, line, col("day")),
                Verdict(cell("night"), source, line, col("night")), $"{source}:{line}");
        }
    }

    private static bool? Verdict(string? text, string source, int line, int column) => text?.ToLowerInvariant() switch
    {
        null => null,
        "达标" or "yes" or "true" or "1" or "compliant" => true,
        "超标" or "no" or "false" or "0" or "exceeded" => false,
        _ => throw new DataFileFormatException(source, line, column, $"verdict '{text}' is not 达标 or 超标"),
    };
}
