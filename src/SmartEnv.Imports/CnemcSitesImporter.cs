using Microsoft.EntityFrameworkCore;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Evaluation;

namespace SmartEnv.Imports;

/// <summary>
/// <c>smartenv import --format cnemc-sites</c>: loads CNEMC national hourly "china_sites" files into the store. Each
/// station column becomes a site (matched by station code; created from the CNEMC station list when new), each non-empty
/// cell a measurement of the site: the pollutant's factor code with the period its row type names (<c>PM2.5</c> hour,
/// <c>PM2.5_24h</c> 24-h moving mean, <c>O3_8h</c> 8-h moving mean …, <see cref="CnemcParameters.ForCnemc"/>), unit
/// μg/m³ (CO mg/m³), DataTime = start of the labelled hour (hour-ending, Beijing time), provenance = this import run and
/// the cell's file line. Only the district's stations are registered and stored (<see cref="DistrictScope"/>: a
/// registry site with the station's code that is <see cref="Site.InDistrict"/>, or a station whose 城市 in the station list
/// is one of the district's import areas); the others are counted (<see cref="ImportSummary.SitesOutsideDistrict"/>,
/// <see cref="ImportSummary.RowsOutsideDistrict"/>) unless <see cref="AllSites"/>, which registers them as non-public sites
/// outside the district. Re-importing a file changes nothing (upsert on the measurement key). After the values,
/// the hourly and daily AQI of the imported days are recomputed (<see cref="AirEvaluator"/>). A malformed file, or one
/// with a row whose hour is not a plausible observation time (<see cref="DataTimePlausibility"/>: 2000-01-01 Beijing … now),
/// is rejected whole with its line and column; nothing of it is stored. Not thread-safe (one import at a time per store).
/// </summary>
public sealed class CnemcSitesImporter
{
    /// <summary>Format name on the command line.</summary>
    public const string Format = "cnemc-sites";

    /// <summary>Values per storage transaction.</summary>
    public const int ChunkSize = 20_000;

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private readonly DistrictScope _district;

    /// <summary>Creates the importer.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="time">Clock.</param>
    /// <param name="district">What counts as the district's own; <see cref="DistrictScope.Seeded"/> when null.</param>
    public CnemcSitesImporter(SmartEnvStore store, TimeProvider? time = null, DistrictScope? district = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
        _district = district ?? DistrictScope.Seeded;
    }

    /// <summary>Also import the stations outside the district, as non-public sites with <see cref="Site.InDistrict"/>
    /// false (<c>--all-sites</c>, <c>all_sites=true</c>). Default false.</summary>
    public bool AllSites { get; init; }

    /// <summary>Imports one file.</summary>
    /// <param name="path">china_sites file (plain or .gz).</param>
    /// <param name="stations">Only these station codes, or null for all.</param>
    /// <param name="stationList">CNEMC station list for names and coordinates of new sites, or null (then the file's
    /// folder is searched for <c>StationList*.csv</c>).</param>
    /// <param name="progress">Receives throttled <see cref="ImportProgress"/> snapshots synchronously, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public async Task<ImportSummary> ImportAsync(string path, IReadOnlySet<string>? stations = null, string? stationList = null,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var book = new ImportBook(_store, _time, Format, path, progress);
        await book.StartAsync(ct);
        var name = book.FileName;
        var now = _time.GetUtcNow();

        // Pass 1: check the whole file (format, plausibility, limits, encoding) and keep a tally per station, never its rows,
        // so memory does not grow with the file (issue 14 item 6). Nothing is stored unless the whole file passes.
        var tally = new Dictionary<string, StationTally>(StringComparer.Ordinal);
        var rowsRead = 0;
        string encoding;
        try
        {
            using var text = ImportReading.Open(book, Limits, Encoding, DataFileSyntax.UnquotedCsv);
            foreach (var h in CnemcSitesReader.Read(text.Text, name, stations, now))
            {
                if (!tally.TryGetValue(h.Station, out var t)) tally[h.Station] = t = new StationTally(h.HeaderCell);
                t.Add(h);
                book.Tracker.Rows(++rowsRead);
            }
            encoding = text.EncodingName;
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }

        Dictionary<string, long> siteIds;
        List<string> created, matched;
        int outside;
        try
        {
            (siteIds, created, matched, outside) = await EnsureSitesAsync(tally.Keys.ToList(), stationList ?? FindStationList(path), tally, name, ct);
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }
        var rowsOutside = tally.Where(x => !siteIds.ContainsKey(x.Key)).Sum(x => x.Value.Hours);
        var types = Enum.GetValues<CnemcType>().Where(t => CnemcParameters.ForCnemc(t) is not null).ToArray();
        var run = book.Log.Id;
        var keep = siteIds.Keys.ToHashSet(StringComparer.Ordinal);
        IEnumerable<ObservationInput> Values()
        {
            // Pass 2: the kept stations' values, streamed into the chunked upsert.
            using var text = ImportReading.Open(book, Limits, Encoding, DataFileSyntax.UnquotedCsv);
            foreach (var h in CnemcSitesReader.Read(text.Text, name, keep, now))
            {
                var start = AirEvaluator.HourStart(h.Date, h.Hour);
                var site = siteIds[h.Station];
                foreach (var type in types)
                {
                    if (h[type] is not { } v) continue;
                    var (code, period) = CnemcParameters.ForCnemc(type)!.Value;
                    yield return new ObservationInput(site, null, code, period, start, v, v.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        Unit = AirParameterCodes.UnitOf(code), ImportLogId = run, SourceRow = h.LineOf(type),
                    };
                }
            }
        }
        var kept = tally.Where(x => keep.Contains(x.Key)).ToList();
        var total = kept.Count == 0 ? new WriteResult(0, 0, 0, 0) : await book.StoreAsync(Values(), kept.Sum(x => x.Value.Values), ct);

        var spans = kept.Where(x => x.Value.Hours > 0).Select(x => new AqiSpan(siteIds[x.Key], x.Value.FirstDay, x.Value.LastDay)).ToList();
        var (hourly, daily) = await book.RecomputeAsync(spans, ct);
        await book.FinishAsync(rowsRead, ImportBook.Accepted(total), total.ObservationsInserted, [], ct);
        return new ImportSummary(name, book.Log.Id, rowsRead, ImportBook.Accepted(total),
            total.ObservationsInserted, total.ObservationsChanged, [], created, hourly, daily)
        {
            SitesMatched = matched, SitesOutsideDistrict = outside, RowsOutsideDistrict = rowsOutside, AllSites = AllSites, Encoding = encoding,
        };
    }

    /// <summary>Limits the file is read under (default <see cref="ImportLimits.Default"/>).</summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    /// <summary>Declared encoding, or <see cref="DataFileEncoding.Auto"/> (default: detected, UTF-8 or GBK).</summary>
    public DataFileEncoding Encoding { get; init; } = DataFileEncoding.Auto;

    /// <summary>What pass 1 keeps of a station: counts and the natural-day span (for the AQI recomputation).</summary>
    private sealed class StationTally((int Line, int Column) headerCell)
    {
        private static readonly CnemcType[] Stored = Enum.GetValues<CnemcType>().Where(t => CnemcParameters.ForCnemc(t) is not null).ToArray();

        public (int Line, int Column) HeaderCell { get; } = headerCell;
        public int Hours { get; private set; }
        public int Values { get; private set; }
        public DateOnly FirstDay { get; private set; } = DateOnly.MaxValue;
        public DateOnly LastDay { get; private set; } = DateOnly.MinValue;

        public void Add(CnemcStationHour h)
        {
            Hours++;
            foreach (var t in Stored) if (h[t] is not null) Values++;
            var day = HourEnding.NaturalDay(h.Date, h.Hour);
            if (day < FirstDay) FirstDay = day;
            if (day > LastDay) LastDay = day;
        }
    }

    private static string? FindStationList(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        return dir is null ? null : Directory.EnumerateFiles(dir, "StationList*.csv").Order(StringComparer.Ordinal).LastOrDefault();
    }

    /// <summary>Site ids of the stations to store (the district's, or all with <see cref="AllSites"/>), creating the
    /// missing ones; the stations left out are counted.</summary>
    /// <exception cref="DataFileFormatException">A station to create has a code that breaks <see cref="Site.CodePattern"/>
    /// (named at its header cell); nothing is created then.</exception>
    private async Task<(Dictionary<string, long> Ids, List<string> Created, List<string> Matched, int Outside)> EnsureSitesAsync(List<string> codes, string? stationList,
        Dictionary<string, StationTally> tally, string source, CancellationToken ct)
    {
        await using var db = _store.CreateContext();
        var existing = await db.Sites.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        var listed = stationList is null ? [] : AirHourFiles.ReadStationList(stationList).GroupBy(x => x.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var matched = new List<string>();
        var created = new List<Site>();
        var outside = 0;
        foreach (var code in codes.Order(StringComparer.Ordinal))
        {
            listed.TryGetValue(code, out var info);
            if (existing.TryGetValue(code, out var site))
            {
                if (!site.InDistrict && !AllSites) { outside++; continue; }
                ids[code] = site.Id;
                matched.Add($"{code} → {code}"); // already registered (matched by station code)
                continue;
            }
            var mine = _district.IsImportArea(info?.City);
            if (!mine && !AllSites) { outside++; continue; }
            created.Add(new Site
            {
                Code = code, NameZh = info?.Name ?? code, Kind = SiteKind.Air, ControlLevel = ControlLevel.National,
                Longitude = info?.Longitude, Latitude = info?.Latitude, CoordinatesApproximate = info?.Longitude is null,
                CoordinateSource = info?.Longitude is null ? "not in the CNEMC station list" : "CNEMC station list " + Path.GetFileName(stationList) + "; CRS not stated",
                Note = (info is null ? "created by cnemc-sites import" : $"created by cnemc-sites import; city {info.City}")
                    + (mine ? "; in the district's import areas" : "; outside the district (--all-sites)"),
                IsPublic = mine, InDistrict = mine,
            });
        }
        foreach (var s in created)
            ImportReading.CheckNewSiteCode(source, s.Code, tally[s.Code].HeaderCell.Line, tally[s.Code].HeaderCell.Column, $"station '{s.Code}'");
        if (created.Count > 0)
        {
            db.Sites.AddRange(created);
            await db.SaveChangesAsync(ct);
            foreach (var s in created) ids[s.Code] = s.Id;
        }
        return (ids, created.Select(s => s.Code).ToList(), matched, outside);
    }
}
