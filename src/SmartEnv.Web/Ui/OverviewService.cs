using SmartEnv.Standards.Common;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Noise;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Alerts;

namespace SmartEnv.Web.Ui;

/// <summary>One site on the overview map and freshness table.</summary>
/// <param name="Code">Site code.</param>
/// <param name="Name">Name in the current language.</param>
/// <param name="Kind">air / water / noise.</param>
/// <param name="Longitude">Degrees east, or null.</param>
/// <param name="Latitude">Degrees north, or null.</param>
/// <param name="Approximate">True when the position is an estimate (drawn hollow).</param>
/// <param name="LatestHourEnd">End (UTC) of the latest stored hour or value, or null without data.</param>
/// <param name="LatestAqi">Latest hourly AQI (air), or null.</param>
/// <param name="WaterTargetClass">GB 3838 target class (water).</param>
/// <param name="Online">True when the later of the latest value's end and the receive time of the site's latest logger data
/// (<see cref="Device.LastDataReceivedAt"/>, enabled devices) is at most <see cref="OverviewService.OfflineAfter"/> old —
/// the same clock as alert rule 2 (docs/alerts.md).</param>
/// <param name="WaterLatestClass">GB 3838-2002 class of the latest sample (water, <see cref="WaterService.ItemSet"/>), or null.</param>
/// <param name="Noise">Noise sites: the 声 page's row (zone, latest noise day's Ld/Ln and verdict), else null.</param>
public sealed record SiteStatus(string Code, string Name, SiteKind Kind, decimal? Longitude, decimal? Latitude, bool Approximate,
    DateTimeOffset? LatestHourEnd, AqiResult? LatestAqi, string? WaterTargetClass, bool Online, WaterClass? WaterLatestClass = null,
    NoiseSiteRow? Noise = null)
{
    /// <summary>Noise: true when the latest noise day's assessed periods all comply, false when one exceeds, null when
    /// nothing was assessed (no zone or too few hours).</summary>
    public bool? NoiseCompliant => Noise is { Zone: not null, Latest: { } a }
        ? (a.Compliance.DayCompliant, a.Compliance.NightCompliant) switch
        {
            (false, _) or (_, false) => false,
            (null, null) => null,
            _ => true,
        }
        : null;

    /// <summary>End (UTC) of the period of the value this row shows as current: the latest hour (air, hourly AQI), the
    /// latest sample (water, class), the latest noise day (Ld/Ln; the noise day ends at 06:00 of the next date); null
    /// without one.</summary>
    public DateTimeOffset? ValueEnd { get; init; }

    /// <summary>Kind of the value shown as current (<see cref="Freshness"/>).</summary>
    public FigureKind ValueKind { get; init; } = FigureKind.Hour;

    /// <summary>True when that value is older than its kind allows (<see cref="Freshness.IsStale"/>, at load time),
    /// whatever the site's loggers last sent: 非实时.</summary>
    public bool Stale { get; init; }
}

/// <summary>The overview's numbers.</summary>
/// <param name="Sites">Jiangbei registry sites (plus other air sites with data), registry first.</param>
/// <param name="DistrictLatest">District hourly AQI of the latest hour with data (HJ 663 mean of the district's stations), or null.</param>
/// <param name="DistrictLatestEnd">End (UTC) of that hour.</param>
/// <param name="LatestDay">Latest natural day with data, Beijing.</param>
/// <param name="LatestDayAqi">District daily AQI of that day (null when the day is not a valid AQI day).</param>
/// <param name="Year">HJ 663 assessment of the district for Jan 1 … <paramref name="LatestDay"/>, or null without data.</param>
/// <param name="WaterSections">Water sites in the registry.</param>
/// <param name="WaterSectionsWithData">Water sites that have any stored value.</param>
/// <param name="WaterAssessed">Water sites whose latest sample has a GB 3838 class (<see cref="WaterService"/>): the M of "N / M".</param>
/// <param name="WaterMeeting">Of those, the sites whose latest class is at or better than their target (GB 3838-2002 §5.1,
/// <see cref="WaterSectionRow.MeetsTarget"/>): the N of "N / M". A site without a published target never counts as meeting.</param>
public sealed record OverviewModel(IReadOnlyList<SiteStatus> Sites, AqiResult? DistrictLatest, DateTimeOffset? DistrictLatestEnd,
    DateOnly? LatestDay, AqiResult? LatestDayAqi, AirAssessment? Year, int WaterSections, int WaterSectionsWithData,
    int WaterAssessed = 0, int WaterMeeting = 0)
{
    /// <summary>The clock's now when the model was computed (UTC).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>True when <see cref="DistrictLatest"/> is older than an hourly value may be (<see cref="Freshness"/>).</summary>
    public bool DistrictStale => Freshness.IsStale(FigureKind.Hour, DistrictLatestEnd, Now);

    /// <summary>End (UTC) of <see cref="LatestDay"/> (its next day's 00:00, Beijing), or null.</summary>
    public DateTimeOffset? LatestDayEnd => LatestDay is { } d ? Freshness.DayEnd(d) : null;

    /// <summary>True when the latest day's AQI is older than a daily value may be (<see cref="Freshness"/>).</summary>
    public bool LatestDayStale => Freshness.IsStale(FigureKind.Day, LatestDayEnd, Now);

    /// <summary>The latest day of <see cref="Year"/> (its exclusions say why its AQI is not valid), or null.</summary>
    public AirDay? LatestAirDay => Year is { Days.Count: > 0 } y ? y.Days[^1] : null;

    /// <summary>True when <see cref="Year"/> is the current calendar year (本年); else the card names its year.</summary>
    public bool YearIsCurrent => Year is { } y && Freshness.IsCurrentYear(y.From.Year, Now);

    /// <summary>Oldest of the latest samples behind <see cref="WaterMeeting"/> / <see cref="WaterAssessed"/> (UTC): the
    /// figure is only as current as its oldest input; null when none is assessed.</summary>
    public DateTimeOffset? WaterOldestSample { get; init; }

    /// <summary>True when <see cref="WaterOldestSample"/> is older than a 4-hourly sample may be (<see cref="Freshness"/>).</summary>
    public bool WaterStale => Freshness.IsStale(FigureKind.WaterSample, WaterOldestSample, Now);
}

/// <summary>
/// Overview view model: site status (the latest STORED hourly AQI of each station, freshness), district AQI and good-day
/// ratio through <see cref="AirService"/> (the district, a city mean, computed on demand). Scoped; not thread-safe.
/// </summary>
/// <param name="db">Store context.</param>
/// <param name="air">Air view model.</param>
/// <param name="waterService">Water view model (latest class and target compliance per section).</param>
/// <param name="time">Clock for data age.</param>
/// <param name="noiseService">Noise view model (zone and latest Ld/Ln per noise site).</param>
public sealed class OverviewService(SmartEnvDbContext db, AirService air, WaterService waterService, TimeProvider time, NoiseService noiseService)
{
    /// <summary>A site whose latest value (data end or logger receive time, whichever is later) is older than this is
    /// shown offline: the 设备离线 alert's threshold, <see cref="AlertOptions.DefaultOfflineAfter"/> (3 h).</summary>
    public static readonly TimeSpan OfflineAfter = AlertOptions.DefaultOfflineAfter;

    /// <summary>Computes the overview.</summary>
    /// <param name="district">Also compute the district figures (latest-hour AQI, latest day, the HJ 663 year so far —
    /// the district's stored daily rows of the year are read); false leaves them null, for pages that show only the sites (公众 Public).</param>
    /// <param name="ct">Cancellation.</param>
    public Task<OverviewModel> LoadAsync(bool district = true, CancellationToken ct = default) => LoadAsync(district, false, ct);

    /// <summary>Computes the overview, optionally with the registry's non-public air, water and noise sites too (the staff
    /// 一张图 map, issue 20); the overview and the 公众 page never ask for them.</summary>
    /// <param name="district">As <see cref="LoadAsync(bool, CancellationToken)"/>.</param>
    /// <param name="includeNonPublic">Also the sites whose <see cref="Site.IsPublic"/> is false (still never outlets).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<OverviewModel> LoadAsync(bool district, bool includeNonPublic, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        // Registry seed sites, plus every registered noise site (none is seeded: no public list of Jiangbei noise points);
        // public ones only: the overview and the 公众 page are anonymous pages.
        // Discharge outlets (kind source, issue 16) never: they are judged against their permit, not as ambient quality, so the
        // kind switches below only ever see air, water and noise.
        var shown = sites.Where(s => (s.IsPublic || includeNonPublic) && s.Kind != SiteKind.Source && (AirService.JiangbeiCodes.Contains(s.Code) || s.Kind == SiteKind.Noise)).ToList();
        var latestBySite = new Dictionary<long, DateTimeOffset>();
        var latestAqi = new Dictionary<long, AqiResult>();
        var (lo, hi) = DataTimePlausibility.StoredRange(time.GetUtcNow()); // stored times outside the intake rule are never "latest"
        foreach (var s in shown)
        {
            if (s.Kind == SiteKind.Air)
            {
                // Air: the latest stored hourly AQI (one index seek on hourly_aqi): the badge shows the stored figure.
                if (await air.LatestHourAsync(s.Id, ct) is { } h)
                {
                    latestBySite[s.Id] = h.Start;
                    latestAqi[s.Id] = h.Aqi;
                }
                continue;
            }
            // Other kinds hold little data so far.
            var lastEnd = await db.Observations.AsNoTracking().Where(o => o.SiteId == s.Id && o.DataTime >= lo && o.DataTime <= hi).OrderByDescending(o => o.DataTime)
                .Select(o => (DateTimeOffset?)o.DataTime).FirstOrDefaultAsync(ct);
            if (lastEnd is { } le) latestBySite[s.Id] = le;
        }
        // Receive time of each site's latest logger data: a logger uploading a backlog is online (docs/alerts.md, rule 2).
        var received = (await db.Devices.AsNoTracking().Where(d => d.Enabled && d.LastDataReceivedAt != null)
                .Select(d => new { d.SiteId, d.LastDataReceivedAt }).ToListAsync(ct))
            .GroupBy(d => d.SiteId).ToDictionary(g => g.Key, g => g.Max(d => d.LastDataReceivedAt!.Value));
        var waterRows = (await waterService.SectionsAsync(ct: ct)).ToDictionary(r => r.Code);
        var noiseRows = shown.Any(s => s.Kind == SiteKind.Noise)
            ? (await noiseService.SitesAsync(admin: true, ct)).ToDictionary(r => r.Code) : [];
        var list = new List<SiteStatus>();
        foreach (var s in shown)
        {
            DateTimeOffset? end = latestBySite.TryGetValue(s.Id, out var last) ? last.AddHours(1) : null;
            var aqi = latestAqi.GetValueOrDefault(s.Id);
            var waterRow = s.Kind == SiteKind.Water ? waterRows.GetValueOrDefault(s.Code) : null;
            var noiseRow = s.Kind == SiteKind.Noise ? noiseRows.GetValueOrDefault(s.Code) : null;
            // The value's own time decides 非实时 (Freshness), not the receive time of the site's loggers.
            var (valueEnd, kind) = s.Kind switch
            {
                SiteKind.Air => (end, FigureKind.Hour),
                SiteKind.Water => (waterRow?.Latest is not null ? waterRow.SampleTime : null, FigureKind.WaterSample),
                _ => (noiseRow?.Latest is { } nd ? Freshness.DayEnd(nd.Day).Add(NoisePeriods.Default.DayStart.ToTimeSpan()) : (DateTimeOffset?)null, FigureKind.Day),
            };
            list.Add(new SiteStatus(s.Code, AirService.Name(s), s.Kind, s.Longitude, s.Latitude, s.CoordinatesApproximate, end, aqi,
                s.WaterTargetClass, Latest(end, received.TryGetValue(s.Id, out var r) ? r : null) is { } x && now - x <= OfflineAfter,
                waterRow?.Latest?.Class, noiseRow)
            { ValueEnd = valueEnd, ValueKind = kind, Stale = Freshness.IsStale(kind, valueEnd, now) });
        }

        static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);

        var districtEnd = district ? await air.LatestHourEndAsync(AirService.DistrictCode, ct) : null;
        AqiResult? districtLatest = null;
        DateOnly? latestDay = null;
        AqiResult? latestDayAqi = null;
        AirAssessment? year = null;
        if (districtEnd is { } de)
        {
            var day = BeijingTime.NaturalDayOfHourEnd(de);
            latestDay = day;
            // The district is a stored series (HJ 663 city mean written by AirEvaluator): read like a station.
            districtLatest = await air.DistrictHourAsync(de, ct);
            year = await air.AssessAsync(AirService.DistrictCode, new DateOnly(day.Year, 1, 1), day, null, ct);
            latestDayAqi = year is { Days.Count: > 0 } y && y.Days[^1].AqiValid ? y.Days[^1].Aqi : null;
        }
        var water = shown.Where(s => s.Kind == SiteKind.Water).ToList();
        var assessed = water.Select(w => waterRows.GetValueOrDefault(w.Code)).Where(r => r?.Latest?.Class is not null).ToList();
        return new OverviewModel(list, districtLatest, districtEnd, latestDay, latestDayAqi, year, water.Count,
            water.Count(w => latestBySite.ContainsKey(w.Id)), assessed.Count, assessed.Count(r => r!.MeetsTarget == true))
        { Now = now, WaterOldestSample = assessed.Min(r => r!.SampleTime) };
    }
}
