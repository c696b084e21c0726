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
/// Air view model: reads stored hourly observations (HJ 212 codes a21026 SO2, a21004 NO2, a21005 CO, a05024 O3,
/// a34002 PM10, a34004 PM2.5; μg/m³, CO mg/m³) and hands them to the standards engine — hourly AQI per HJ 633
/// (<see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/> over
/// <see cref="AirAveraging.RealTimeInputs"/>) and the HJ 663 period assessment (<see cref="Hj663Assessment"/>). No
/// domain rule lives here. Scoped (one DbContext per circuit); not thread-safe.
/// </summary>
/// <param name="db">The store context.</param>
/// <param name="time">Clock for the plausible range of "latest"; system clock when null.</param>
public sealed class AirService(SmartEnvDbContext db, TimeProvider? time = null)
{
    /// <summary>HJ 212-2017 appendix B codes of the six basic pollutants, in <see cref="AirHour"/> order.</summary>
    public static readonly string[] PollutantCodes = [.. AirParameterCodes.OneHour];

    /// <summary>Pseudo-code of the district (mean of the Jiangbei registry's air stations, HJ 663 city rule).</summary>
    public const string DistrictCode = "district";

    /// <summary>Codes of the Jiangbei registry (the checked-in seed) — the district's own sites.</summary>
    public static IReadOnlySet<string> JiangbeiCodes { get; } = SmartEnvStore.LoadSeed().Select(s => s.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>Air sites, Jiangbei registry first, with whether data exists: the public ones, and all for an admin (stations
    /// a national file added with the all-sites option are non-public).</summary>
    /// <param name="includeNonPublic">Include non-public sites (admin).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<AirSiteOption>> SitesAsync(bool includeNonPublic = false, CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Air && (includeNonPublic || s.IsPublic)).OrderBy(s => s.Id).ToListAsync(ct);
        var withData = new HashSet<long>();
        foreach (var s in sites)
            if (await db.Observations.AsNoTracking().AnyAsync(o => o.SiteId == s.Id && PollutantCodes.Contains(o.ParameterCode) && o.Period == PeriodType.Hour, ct))
                withData.Add(s.Id);
        return sites.OrderBy(s => JiangbeiCodes.Contains(s.Code) ? 0 : 1)
            .Select(s => new AirSiteOption(s.Code, Name(s), withData.Contains(s.Id))).ToList();
    }

    /// <summary>The site's name in the current UI language.</summary>
    /// <param name="s">Site.</param>
    public static string Name(Site s) => SmartEnvUi.IsChinese || s.NameEn is null ? s.NameZh : s.NameEn;

    /// <summary>End (UTC) of the latest stored hour of a station, or of any district station; null without data. Only
    /// hours within the plausible range count (<see cref="DataTimePlausibility"/>: 2000-01-01 Beijing … now + 1 h), so a
    /// value stored with an impossible time can neither pose as current nor overflow the pages' date arithmetic.</summary>
    /// <param name="code">Station code or <see cref="DistrictCode"/>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DateTimeOffset?> LatestHourEndAsync(string code, CancellationToken ct = default)
    {
        var ids = await SiteIdsAsync(code, ct);
        var (lo, hi) = DataTimePlausibility.StoredRange((time ?? TimeProvider.System).GetUtcNow());
        DateTimeOffset? last = null;
        // One index seek per (site, factor) on (site_id, parameter_code, period, data_time).
        foreach (var id in ids)
            foreach (var code1 in PollutantCodes)
            {
                var t = await db.Observations.AsNoTracking()
                    .Where(o => o.SiteId == id && o.ParameterCode == code1 && o.Period == PeriodType.Hour && o.DataTime >= lo && o.DataTime <= hi)
                    .OrderByDescending(o => o.DataTime).Select(o => (DateTimeOffset?)o.DataTime).FirstOrDefaultAsync(ct);
                if (t > last || last is null) last = t;
            }
        return last?.AddHours(1);
    }

    /// <summary>
    /// Labelled hours of a station, or the district mean (<see cref="AirHour.CityMean"/>) of the Jiangbei stations, for the
    /// natural days <paramref name="from"/>…<paramref name="to"/> (Beijing), plus the 24 hours before so the moving means
    /// of the first hours exist. Read with <see cref="AirEvaluator.LoadHoursAsync"/>, the loader of the stored AQI, so the
    /// page and the API see the same hours (device hour values, file imports, hours derived from minute data).
    /// </summary>
    /// <param name="code">Station code or <see cref="DistrictCode"/>.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<AirHour>> HoursAsync(string code, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var ids = await SiteIdsAsync(code, ct);
        // Natural day D covers Beijing D 00:00…24:00; hour starts (UTC) from D−1 16:00; one day more before for the windows.
        var start = BeijingTime.DayStart(from.AddDays(-1));
        var end = BeijingTime.DayEnd(to);
        var perSite = new List<List<AirHour>>();
        foreach (var id in ids)
            if ((await AirEvaluator.LoadHoursAsync(db, id, start, end, ct)).Select(x => x.Hour).ToList() is { Count: > 0 } hours)
                perSite.Add(hours);
        if (perSite.Count == 1) return perSite[0];
        return perSite.Count == 0 ? [] : AirHour.CityMean(perSite);
    }

    /// <summary>HJ 663 period assessment of a station or the district over the days of the period that have begun
    /// (<see cref="ElapsedEnd"/>: days after today are not assessed, so they are never counted as invalid days).</summary>
    /// <param name="code">Station code or <see cref="DistrictCode"/>.</param>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="regime">Fixed regime, or null for the regime in force each day (<see cref="AqiRegime.ForDate"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The assessment of <paramref name="from"/> … min(<paramref name="to"/>, today), or null when the period
    /// has not begun.</returns>
    public async Task<AirAssessment?> AssessAsync(string code, DateOnly from, DateOnly to, AqiRegime? regime, CancellationToken ct = default) =>
        ElapsedEnd(from, to) is { } end ? Hj663Assessment.Assess(await HoursAsync(code, from, end, ct), from, end, regime) : null;

    /// <summary>The last day of the period that has begun by this service's clock (<see cref="Freshness.ElapsedEnd"/>).</summary>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    public DateOnly? ElapsedEnd(DateOnly from, DateOnly to) => Freshness.ElapsedEnd(from, to, (time ?? TimeProvider.System).GetUtcNow());

    /// <summary>
    /// Hourly AQI per labelled hour of the range, from <see cref="AirAveraging.RealTimeInputs"/> over the hour and its 23
    /// predecessors (the same rule as the stored hourly AQI of <see cref="AirEvaluator"/>): the regime's 1-h values plus,
    /// where it needs them, the 24-h and O3 8-h moving means (GB 3095 Table 4 validity).
    /// </summary>
    /// <param name="hours">Hours in label order (as from <see cref="HoursAsync"/>), including the 23 before the range.</param>
    /// <param name="fromEnd">First hour end to include (UTC).</param>
    /// <param name="toEnd">Last hour end to include (UTC).</param>
    /// <param name="regime">Fixed regime, or null for the regime in force on each hour's natural day.</param>
    /// <exception cref="ArgumentException">The hours are not in strictly increasing label order.</exception>
    public static List<AirTrendPoint> Trend(IReadOnlyList<AirHour> hours, DateTimeOffset fromEnd, DateTimeOffset toEnd, AqiRegime? regime)
    {
        var window = new AirHourWindow();
        var result = new List<AirTrendPoint>();
        foreach (var h in hours)
        {
            var w = window.Push(h);
            var end = End(h);
            if (end < fromEnd || end > toEnd) continue;
            var r = regime ?? AqiRegime.ForDate(HourEnding.NaturalDay(h.LabelDate, h.LabelHour));
            result.Add(new AirTrendPoint(end, h, AqiCalculator.Hourly(AirAveraging.RealTimeInputs(w, r), r)));
        }
        return result;
    }

    /// <summary>End of a labelled hour as a UTC instant.</summary>
    /// <param name="h">Hour.</param>
    public static DateTimeOffset End(AirHour h) =>
        BeijingTime.HourEnd(h.LabelDate, h.LabelHour);

    private async Task<List<long>> SiteIdsAsync(string code, CancellationToken ct)
    {
        if (code == DistrictCode)
        {
            var codes = JiangbeiCodes.ToList();
            return await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Air && codes.Contains(s.Code)).Select(s => s.Id).ToListAsync(ct);
        }
        return await db.Sites.AsNoTracking().Where(s => s.Code == code).Select(s => s.Id).ToListAsync(ct);
    }
}
