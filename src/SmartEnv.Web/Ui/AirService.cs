using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>One hour of a station's (or the district's) hourly AQI and 1-h concentrations, for the trend charts.</summary>
/// <param name="End">End of the hour (UTC instant); CNEMC labels an hour by its end, Beijing time.</param>
/// <param name="Hour">The 1-h means (μg/m³; CO mg/m³).</param>
/// <param name="Aqi">Hourly AQI result of the regime.</param>
public sealed record AirTrendPoint(DateTimeOffset End, AirHour Hour, AqiResult Aqi);

/// <summary>An air site as the pages list it.</summary>
/// <param name="Code">Station code, e.g. <c>1420A</c>.</param>
/// <param name="Name">Name in the current language.</param>
/// <param name="HasData">True when hourly observations exist.</param>
public sealed record AirSiteOption(string Code, string Name, bool HasData)
{
    /// <summary>The station a search text names: the option whose label or code equals the text (ignoring case and
    /// surrounding spaces), else the one option whose label contains it; null when none or several match, or the text is
    /// blank. Pure; thread-safe.</summary>
    /// <param name="options">The stations offered.</param>
    /// <param name="text">What the user typed or picked.</param>
    /// <param name="label">The label the list shows for an option (name · code).</param>
    public static AirSiteOption? Match(IReadOnlyList<AirSiteOption> options, string text, Func<AirSiteOption, string> label)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(label);
        var t = text.Trim();
        if (t.Length == 0) return null;
        if (options.FirstOrDefault(o => string.Equals(label(o), t, StringComparison.OrdinalIgnoreCase)
                || string.Equals(o.Code, t, StringComparison.OrdinalIgnoreCase)) is { } exact) return exact;
        var parts = options.Where(o => label(o).Contains(t, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return parts.Count == 1 ? parts[0] : null;
    }
}

/// <summary>
/// What the 空气 page shows for a station (or the district) and a period: the HJ 663 assessment (cards, calendar,
/// statistics, excluded days), the hourly trend of the chosen window, and where the figures come from.
/// </summary>
/// <param name="Assessment">HJ 663 assessment of <c>From</c> … min(<c>To</c>, today).</param>
/// <param name="Trend">Hourly AQI and 1-h concentrations of the trend window.</param>
/// <param name="Clipped">True when the period was cut at today (days after today are not assessed).</param>
/// <param name="OnDemand">True when the figures were computed now from the stored hours instead of read from the stored
/// evaluation: a rule set other than the one in force was chosen (fixed regime). The page labels them so. The district
/// is a stored series (its pseudo-site's rows) like a station.</param>
public sealed record AirView(AirAssessment Assessment, IReadOnlyList<AirTrendPoint> Trend, bool Clipped, bool OnDemand);

/// <summary>
/// Air view model. A station's figures in the regime in force are READ from the stored evaluation
/// (<see cref="StoredAir"/>: <c>hourly_aqi</c> / <c>daily_aqi</c>, written by <see cref="AirEvaluator"/>); period
/// statistics come from the stored daily values (<see cref="Hj663Assessment.FromDays"/>). Figures are computed on demand
/// from the stored hours only where the user asks for a rule set other than the one in force (a fixed regime) —
/// <see cref="AirView.OnDemand"/> says so. The district (HJ 663-2013 city mean of the Jiangbei stations) is read from the
/// stored rows of its pseudo-site (<see cref="Site.DistrictAggregateCode"/>) like a station. No
/// domain rule lives here. Scoped (one DbContext per circuit); not thread-safe.
/// </summary>
/// <param name="db">The store context.</param>
/// <param name="time">Clock for the plausible range of "latest"; system clock when null.</param>
public sealed class AirService(SmartEnvDbContext db, TimeProvider? time = null)
{
    /// <summary>HJ 212-2017 appendix B codes of the six basic pollutants, in <see cref="AirHour"/> order.</summary>
    public static readonly string[] PollutantCodes = [.. AirParameterCodes.OneHour];

    /// <summary>Code of the district (the stored series of the mean of the Jiangbei registry's air stations, HJ 663 city
    /// rule; <see cref="Site.DistrictAggregateCode"/>).</summary>
    public const string DistrictCode = Site.DistrictAggregateCode;

    /// <summary>Codes of the Jiangbei registry (the checked-in seed) — the district's own sites
    /// (<see cref="SmartEnvStore.DistrictStationCodes"/>).</summary>
    public static IReadOnlySet<string> JiangbeiCodes => SmartEnvStore.DistrictStationCodes;

    /// <summary>Air sites, Jiangbei registry first, with whether stored hourly AQI exists: the public ones, and all for an
    /// admin (stations a national file added with the all-sites option are non-public).</summary>
    /// <param name="includeNonPublic">Include non-public sites (admin).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<AirSiteOption>> SitesAsync(bool includeNonPublic = false, CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Air && (includeNonPublic || s.IsPublic) && s.Code != DistrictCode).OrderBy(s => s.Id).ToListAsync(ct);
        var withData = new HashSet<long>();
        foreach (var s in sites)
            if (await db.HourlyAqi.AsNoTracking().AnyAsync(h => h.SiteId == s.Id, ct)) // index seek on (site_id, hour_start, regime_id)
                withData.Add(s.Id);
        return sites.OrderBy(s => JiangbeiCodes.Contains(s.Code) ? 0 : 1)
            .Select(s => new AirSiteOption(s.Code, Name(s), withData.Contains(s.Id))).ToList();
    }

    /// <summary>The site's name in the current UI language.</summary>
    /// <param name="s">Site.</param>
    public static string Name(Site s) => SmartEnvUi.IsChinese || s.NameEn is null ? s.NameZh : s.NameEn;

    /// <summary>The latest stored hourly AQI of a station within the plausible range (<see cref="DataTimePlausibility"/>:
    /// 2000-01-01 Beijing … now + 1 h, so a value stored with an impossible time can neither pose as current nor overflow
    /// the pages' date arithmetic), or null.</summary>
    /// <param name="siteId">Station.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<StoredHour?> LatestHourAsync(long siteId, CancellationToken ct = default)
    {
        var (lo, hi) = DataTimePlausibility.StoredRange((time ?? TimeProvider.System).GetUtcNow());
        return await StoredAir.LatestHourAsync(db, siteId, lo, hi, ct);
    }

    /// <summary>End (UTC) of the latest stored hourly AQI of a station or of the district's stored series; null without
    /// one (plausible range only, <see cref="LatestHourAsync"/>).</summary>
    /// <param name="code">Station code or <see cref="DistrictCode"/>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DateTimeOffset?> LatestHourEndAsync(string code, CancellationToken ct = default) =>
        await StoredIdAsync(code, ct) is { } id && await LatestHourAsync(id, ct) is { } h ? h.End : null;

    /// <summary>
    /// The 空气 page's figures for a station or the district over natural days <paramref name="from"/>…<paramref name="to"/>
    /// (cut at today), with the hourly trend of the window ending at the period's last hour with data.
    /// </summary>
    /// <param name="code">Station code or <see cref="DistrictCode"/>.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="regime">A fixed regime (computed on demand), or null for the regime in force (stored figures).</param>
    /// <param name="window"><c>24h</c>, <c>7d</c>, <c>30d</c> or <c>all</c> (the whole period).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view, or null when the period has not begun.</returns>
    public async Task<AirView?> ViewAsync(string code, DateOnly from, DateOnly to, AqiRegime? regime, string window, CancellationToken ct = default)
    {
        if (ElapsedEnd(from, to) is not { } end) return null;
        var onDemand = regime is not null;
        AirAssessment assessment;
        List<AirTrendPoint> all;
        var periodEnd = Freshness.DayEnd(end);
        if (onDemand)
        {
            var hours = await HoursAsync(code, from, end, ct);
            assessment = Hj663Assessment.Assess(hours, from, end, regime);
            all = Trend(hours, Freshness.DayEnd(from.AddDays(-1)).AddHours(1), periodEnd, regime);
        }
        else
        {
            var id = await StoredIdAsync(code, ct) ?? 0;
            assessment = (await StoredAir.AssessAsync(db, id, from, end, ct)).Assessment;
            all = [.. (await StoredAir.HoursAsync(db, id, AirEvaluator.HourStart(from, 1), AirEvaluator.HourStart(end.AddDays(1), 0).AddHours(1), ct))
                .Select(h => new AirTrendPoint(h.End, h.Hour, h.Aqi))];
        }
        var lastEnd = all.Count == 0 ? periodEnd : all[^1].End;
        var start = window switch
        {
            "24h" => lastEnd.AddHours(-23),
            "30d" => lastEnd.AddDays(-30).AddHours(1),
            "all" => DateTimeOffset.MinValue,
            _ => lastEnd.AddDays(-7).AddHours(1),
        };
        return new AirView(assessment, [.. all.Where(p => p.End >= start && p.End <= lastEnd)], end < to, onDemand);
    }

    /// <summary>HJ 663 period assessment of a station or the district over the days of the period that have begun
    /// (<see cref="ElapsedEnd"/>: days after today are not assessed, so they are never counted as invalid days): the stored
    /// daily rows of a station or the district in the regime in force; computed on demand for a fixed regime.</summary>
    /// <param name="code">Station code or <see cref="DistrictCode"/>.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="regime">Fixed regime, or null for the regime in force each day (<see cref="AqiRegime.ForDate"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The assessment of <paramref name="from"/> … min(<paramref name="to"/>, today), or null when the period
    /// has not begun.</returns>
    public async Task<AirAssessment?> AssessAsync(string code, DateOnly from, DateOnly to, AqiRegime? regime, CancellationToken ct = default)
    {
        if (ElapsedEnd(from, to) is not { } end) return null;
        if (regime is null)
            return (await StoredAir.AssessAsync(db, await StoredIdAsync(code, ct) ?? 0, from, end, ct)).Assessment;
        return Hj663Assessment.Assess(await HoursAsync(code, from, end, ct), from, end, regime);
    }

    /// <summary>The last day of the period that has begun by this service's clock (<see cref="Freshness.ElapsedEnd"/>).</summary>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    public DateOnly? ElapsedEnd(DateOnly from, DateOnly to) => Freshness.ElapsedEnd(from, to, (time ?? TimeProvider.System).GetUtcNow());

    /// <summary>
    /// On-demand path only (a fixed regime): labelled hours of a station, or the district mean
    /// (<see cref="AirHour.CityMean"/>) of the Jiangbei stations, for natural days <paramref name="from"/>…<paramref name="to"/>,
    /// plus the 24 hours before so the moving means of the first hours exist, read with
    /// <see cref="AirEvaluator.LoadCityHoursAsync"/> (the evaluation's own loader, the one city-mean path).
    /// </summary>
    private async Task<IReadOnlyList<AirHour>> HoursAsync(string code, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await AirEvaluator.LoadCityHoursAsync(db, await SiteIdsAsync(code, ct),
            AirEvaluator.HourStart(from, 1).AddHours(-24), AirEvaluator.HourStart(to.AddDays(1), 0).AddHours(1), ct)).Hours;

    /// <summary>
    /// On-demand path only: hourly AQI per labelled hour of the range by <see cref="AirEvaluator.HourlyAqi"/> (the rule of
    /// the stored hourly AQI) over the hour and its 23 predecessors.
    /// </summary>
    /// <param name="hours">Hours in label order, including the 23 before the range.</param>
    /// <param name="fromEnd">First hour end to include (UTC).</param>
    /// <param name="toEnd">Last hour end to include (UTC).</param>
    /// <param name="regime">Fixed regime, or null for the regime in force on each hour's natural day.</param>
    private static List<AirTrendPoint> Trend(IReadOnlyList<AirHour> hours, DateTimeOffset fromEnd, DateTimeOffset toEnd, AqiRegime? regime)
    {
        var window = new AirHourWindow();
        var result = new List<AirTrendPoint>();
        foreach (var h in hours)
        {
            var w = window.Push(h);
            var end = End(h);
            if (end < fromEnd || end > toEnd) continue;
            result.Add(new AirTrendPoint(end, h, AirEvaluator.HourlyAqi(w, h, regime)));
        }
        return result;
    }

    /// <summary>The district's hourly AQI of the hour ending at <paramref name="end"/>: the stored row of the district's
    /// series (HJ 663-2013 city mean, written by <see cref="AirEvaluator"/>), or null without one.</summary>
    /// <param name="end">End (UTC) of the hour.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<AqiResult?> DistrictHourAsync(DateTimeOffset end, CancellationToken ct = default)
    {
        if (await StoredIdAsync(DistrictCode, ct) is not { } id) return null;
        var start = end.AddHours(-1);
        return (await StoredAir.LatestHourAsync(db, id, start, start, ct))?.Aqi;
    }

    /// <summary>The site whose stored rows are the figures of <paramref name="code"/>: the station, or for
    /// <see cref="DistrictCode"/> the district pseudo-site; null when the store has none.</summary>
    private async Task<long?> StoredIdAsync(string code, CancellationToken ct) =>
        await db.Sites.AsNoTracking().Where(s => s.Code == code).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);

    /// <summary>End of a labelled hour as a UTC instant.</summary>
    /// <param name="h">Hour.</param>
    public static DateTimeOffset End(AirHour h) =>
        BeijingTime.HourEnd(h.LabelDate, h.LabelHour);

    private async Task<List<long>> SiteIdsAsync(string code, CancellationToken ct)
    {
        if (code == DistrictCode) return await SmartEnvStore.DistrictStationIdsAsync(db, ct);
        return await db.Sites.AsNoTracking().Where(s => s.Code == code).Select(s => s.Id).ToListAsync(ct);
    }
}
