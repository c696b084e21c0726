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
/// cell an hour observation under pseudo-MN <c>file:cnemc:CODE</c>, CN 2061, DataTime = start of the labelled hour
/// (hour-ending, Beijing time). Only the district's stations are registered and stored (<see cref="DistrictScope"/>: a
/// registry site with the station's code that is <see cref="Site.InDistrict"/>, or a station whose 城市 in the station list
/// is one of the district's import areas); the others are counted (<see cref="ImportSummary.SitesOutsideDistrict"/>,
/// <see cref="ImportSummary.RowsOutsideDistrict"/>) unless <see cref="AllSites"/>, which registers them as non-public sites
/// outside the district. Re-importing a file changes nothing (upsert on the observation key). After the values,
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

        var hours = new List<CnemcStationHour>();
        try
        {
            await using var stream = book.OpenRead();
            foreach (var h in CnemcSitesReader.Read(stream, name, stations, _time.GetUtcNow()))
            {
                hours.Add(h);
                book.Tracker.Rows(hours.Count);
            }
        }
        catch (DataFileFormatException ex)
        {
            var reject = new ImportRejectInfo(ex.Line, ex.Column, ex.Message);
            await book.FinishAsync(0, 0, 0, [reject], ct);
            return new ImportSummary(name, book.Log.Id, 0, 0, 0, 0, [reject], [], 0, 0);
        }

        var rowsRead = hours.Count;
        var (siteIds, created, matched, outside) = await EnsureSitesAsync(hours.Select(h => h.Station).Distinct(StringComparer.Ordinal).ToList(),
            stationList ?? FindStationList(path), ct);
        var rowsOutside = hours.Count(h => !siteIds.ContainsKey(h.Station));
        if (rowsOutside > 0) hours = hours.Where(h => siteIds.ContainsKey(h.Station)).ToList();
        var types = Enum.GetValues<CnemcType>().Where(t => AirParameterCodes.ForCnemc(t) is not null).ToArray();
        book.Tracker.StoreTotal(hours.Sum(h => types.Count(t => h[t] is not null)));
        book.Tracker.Enter(ImportPhase.Storing);
        var writer = new ObservationWriter(_store, _time);
        var total = new Storage.WriteResult(0, 0, 0, 0);
        var chunk = new List<ObservationInput>(ChunkSize);
        var stored = 0;
        foreach (var h in hours)
        {
            var start = AirEvaluator.HourStart(h.Date, h.Hour);
            var site = siteIds[h.Station];
            foreach (var type in types)
            {
                if (h[type] is not { } v) continue;
                chunk.Add(new ObservationInput(site, "file:cnemc:" + h.Station, "2061", AirParameterCodes.ForCnemc(type)!, PeriodType.Hour, start, v,
                    v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            if (chunk.Count >= ChunkSize)
            {
                total = ImportBook.Add(total, await writer.UpsertAsync(chunk, ct));
                stored += chunk.Count;
                chunk.Clear();
                book.Tracker.Stored(stored, ImportBook.Accepted(total), 0);
            }
        }
        if (chunk.Count > 0)
        {
            total = ImportBook.Add(total, await writer.UpsertAsync(chunk, ct));
            stored += chunk.Count;
            book.Tracker.Stored(stored, ImportBook.Accepted(total), 0);
        }

        var spans = hours.GroupBy(h => h.Station).Select(g =>
        {
            var days = g.Select(h => HourEnding.NaturalDay(h.Date, h.Hour)).ToList();
            return new AqiSpan(siteIds[g.Key], days.Min(), days.Max());
        }).ToList();
        var (hourly, daily) = await book.RecomputeAsync(spans, ct);
        await book.FinishAsync(rowsRead, ImportBook.Accepted(total), total.ObservationsInserted, [], ct);
        return new ImportSummary(name, book.Log.Id, rowsRead, ImportBook.Accepted(total),
            total.ObservationsInserted, total.ObservationsChanged, [], created, hourly, daily)
        {
            SitesMatched = matched, SitesOutsideDistrict = outside, RowsOutsideDistrict = rowsOutside, AllSites = AllSites,
        };
    }

    private static string? FindStationList(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        return dir is null ? null : Directory.EnumerateFiles(dir, "StationList*.csv").Order(StringComparer.Ordinal).LastOrDefault();
    }

    /// <summary>Site ids of the stations to store (the district's, or all with <see cref="AllSites"/>), creating the
    /// missing ones; the stations left out are counted.</summary>
    private async Task<(Dictionary<string, long> Ids, List<string> Created, List<string> Matched, int Outside)> EnsureSitesAsync(List<string> codes, string? stationList, CancellationToken ct)
    {
        await using var db = _store.CreateContext();
        var existing = await db.Sites.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        var listed = stationList is null ? [] : StationList(stationList);
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
                Longitude = info?.Lon, Latitude = info?.Lat, CoordinatesApproximate = info?.Lon is null,
                CoordinateSource = info?.Lon is null ? "not in the CNEMC station list" : "CNEMC station list " + Path.GetFileName(stationList) + "; CRS not stated",
                Note = (info is null ? "created by cnemc-sites import" : $"created by cnemc-sites import; city {info.City}")
                    + (mine ? "; in the district's import areas" : "; outside the district (--all-sites)"),
                IsPublic = mine, InDistrict = mine,
            });
        }
        if (created.Count > 0)
        {
            db.Sites.AddRange(created);
            await db.SaveChangesAsync(ct);
            foreach (var s in created) ids[s.Code] = s.Id;
        }
        return (ids, created.Select(s => s.Code).ToList(), matched, outside);
    }

    private sealed record StationInfo(string Name, string City, decimal? Lon, decimal? Lat);

    /// <summary>Station list rows: code,name,city,lon,lat (StationList-2020.01.01.csv).</summary>
    private static Dictionary<string, StationInfo> StationList(string path)
    {
        var result = new Dictionary<string, StationInfo>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 3) continue;
            static decimal? D(string[] f, int i) => f.Length > i && decimal.TryParse(f[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
            result[f[0].Trim()] = new StationInfo(f[1].Trim(), f[2].Trim(), D(f, 3), D(f, 4));
        }
        return result;
    }
}
