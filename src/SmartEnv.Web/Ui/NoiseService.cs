using SmartEnv.Standards.Common;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Noise;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>One noise site of the 声 page.</summary>
/// <param name="Code">Site code.</param>
/// <param name="Name">Name in the current language.</param>
/// <param name="ZoneText">GB 3096-2008 functional-zone class as registered (<c>0</c>…<c>4b</c>), or null when not set.</param>
/// <param name="Zone">That class parsed, or null.</param>
/// <param name="Limits">Table 1 day/night limits of the zone (dB(A)), or null without a zone.</param>
/// <param name="Latest">Assessment of the latest noise day (see <see cref="NoiseService.LatestDay"/>), or null without
/// hourly Leq; its compliance is against <see cref="Limits"/> (zone 2 is used only to compute it when no zone is set, and
/// the page then shows no verdict).</param>
/// <param name="LatestHourEnd">End (UTC) of the latest stored hourly Leq, or null.</param>
/// <param name="HoursStored">Hourly Leq values counted (flag N or none) in the window read.</param>
public sealed record NoiseSiteRow(string Code, string Name, string? ZoneText, Gb3096Zone? Zone, NoiseLimits? Limits,
    NoiseDayAssessment? Latest, DateTimeOffset? LatestHourEnd, int HoursStored);

/// <summary>An hourly Leq point for the chart.</summary>
/// <param name="Start">Start of the hour (UTC instant).</param>
/// <param name="Leq">Hourly L_Aeq, dB(A).</param>
public sealed record NoiseHourPoint(DateTimeOffset Start, decimal Leq);

/// <summary>
/// Noise view model: the registry's noise sites with their GB 3096-2008 functional zone, and from the stored hourly
/// <c>Leq</c> observations (HJ 212 CN 2061 <c>Leq-Data</c>, period hour, DataTime = hour start) the day/night levels Ld and
/// Ln of each noise day (<see cref="NoiseDayEvaluation"/>: day 06:00–22:00 of D, night 22:00 of D to 06:00 of D+1,
/// Beijing time) against the zone's Table 1 limits. Hours flagged other than N are not used. Scoped; not thread-safe.
/// </summary>
/// <param name="db">Store context.</param>
/// <param name="time">Clock for the plausible range of "latest" (<see cref="DataTimePlausibility.StoredRange"/>); system clock when null.</param>
public sealed class NoiseService(SmartEnvDbContext db, TimeProvider? time = null)
{
    /// <summary>HJ 212-2017 table B.3 code of the equivalent continuous A level.</summary>
    public const string LeqCode = "Leq";

    /// <summary>Days read back from the latest hour for the site table (the latest evaluable day is searched within).</summary>
    public const int WindowDays = 40;

    /// <summary>Noise sites, registry order: public ones, and all for an admin.</summary>
    /// <param name="admin">Include non-public sites.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<NoiseSiteRow>> SitesAsync(bool admin, CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Noise && (admin || s.IsPublic)).OrderBy(s => s.Id).ToListAsync(ct);
        var rows = new List<NoiseSiteRow>(sites.Count);
        foreach (var s in sites)
        {
            Gb3096Zone? zone = s.NoiseZone is { } z && Gb3096.TryParseZone(z, out var pz) ? pz : null;
            var last = await LatestStartAsync(s.Id, ct);
            var hours = last is { } l ? await HoursAsync(s.Id, l.AddDays(-WindowDays), l, ct) : [];
            var latest = LatestDay(hours.Select(ToNoiseHour).ToList(), zone ?? Gb3096Zone.Zone2);
            rows.Add(new NoiseSiteRow(s.Code, AirService.Name(s), s.NoiseZone, zone, zone is { } zz ? Gb3096.Limits(zz) : null,
                latest, last?.AddHours(1), hours.Count));
        }
        return rows;
    }

    /// <summary>
    /// The noise day shown as "latest": the most recent day in <paramref name="hours"/> with a valid Ld or Ln (enough hours,
    /// <see cref="NoiseDayEvaluation.MinimumHours"/>), else the most recent day with any hour; null without hours. So a day in
    /// progress (e.g. 10:00, four day hours) does not hide yesterday's complete result.
    /// </summary>
    /// <param name="hours">Hourly Leq of one site (distinct hours).</param>
    /// <param name="zone">Zone to assess against.</param>
    public static NoiseDayAssessment? LatestDay(IReadOnlyCollection<NoiseHour> hours, Gb3096Zone zone)
    {
        var days = NoiseDayEvaluation.EvaluateDays(hours, zone);
        return days.LastOrDefault(d => d.Ld.Valid || d.Ln.Valid) ?? days.LastOrDefault();
    }

    /// <summary>Query of the noise-daily export for a site (<c>/ui/export/noise-daily.EXT?site=…&amp;from=…&amp;to=…</c>): the
    /// <see cref="WindowDays"/> noise days up to the noise day of the site's latest stored hour (which may be later than the
    /// latest evaluable day; GB 3096-2008 §3.4/3.5 day 06–22, night 22–06, via <see cref="NoiseDayEvaluation.NoiseDayOf"/>);
    /// no range when the site has no hour. Pure.</summary>
    /// <param name="ext">File extension, <c>xlsx</c> or <c>csv</c>.</param>
    /// <param name="code">Site code ("" for none).</param>
    /// <param name="latestHourEnd">End (UTC) of the site's latest stored hourly Leq, or null.</param>
    public static string ExportUrl(string ext, string code, DateTimeOffset? latestHourEnd)
    {
        DateOnly? day = latestHourEnd is { } end ? NoiseDayEvaluation.NoiseDayOf(end.AddHours(-1).ToOffset(BeijingTime.Offset).DateTime) : null;
        var range = day is { } d ? $"&from={Display.Date(d.AddDays(-WindowDays))}&to={Display.Date(d)}" : "";
        return $"/ui/export/noise-daily.{ext}?site={Uri.EscapeDataString(code)}{range}";
    }

    /// <summary>Every noise day of a site with hours in [<paramref name="from"/>, <paramref name="to"/>] (noise days, Beijing),
    /// assessed against its zone (zone 2 when none is set; callers show no verdict then).</summary>
    /// <param name="code">Site code.</param>
    /// <param name="from">First noise day.</param>
    /// <param name="to">Last noise day.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The site and its days, or null when there is no such noise site.</returns>
    public async Task<(Site Site, IReadOnlyList<NoiseDayAssessment> Days)?> DaysAsync(string code, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code && s.Kind == SiteKind.Noise, ct);
        if (site is null) return null;
        var start = BeijingTime.At(from, new TimeOnly(6, 0));
        var end = BeijingTime.At(to.AddDays(1), new TimeOnly(5, 0));
        var hours = await HoursAsync(site.Id, start, end, ct);
        var zone = site.NoiseZone is { } z && Gb3096.TryParseZone(z, out var pz) ? pz : Gb3096Zone.Zone2;
        return (site, NoiseDayEvaluation.EvaluateDays(hours.Select(ToNoiseHour).ToList(), zone));
    }

    /// <summary>Hourly Leq of a site for the chart: the <paramref name="window"/> ending at the latest stored hour.</summary>
    /// <param name="code">Site code.</param>
    /// <param name="window">Length, e.g. 24 h or 7 d.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<NoiseHourPoint>> ChartAsync(string code, TimeSpan window, CancellationToken ct = default)
    {
        var id = await db.Sites.AsNoTracking().Where(s => s.Code == code && s.Kind == SiteKind.Noise).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct);
        if (id is null || await LatestStartAsync(id.Value, ct) is not { } last) return [];
        return await HoursAsync(id.Value, last - window + TimeSpan.FromHours(1), last, ct);
    }

    private static NoiseHour ToNoiseHour(NoiseHourPoint p) => new(BeijingTime.Local(p.Start), p.Leq);

    /// <summary>Start of the latest hourly Leq within the plausible time range (a value stored with an impossible time is
    /// never "latest").</summary>
    private async Task<DateTimeOffset?> LatestStartAsync(long siteId, CancellationToken ct)
    {
        var (lo, hi) = DataTimePlausibility.StoredRange((time ?? TimeProvider.System).GetUtcNow());
        return await db.Observations.AsNoTracking()
            .Where(o => o.SiteId == siteId && o.ParameterCode == LeqCode && o.Period == PeriodType.Hour && o.Value != null && o.DataTime >= lo && o.DataTime <= hi)
            .OrderByDescending(o => o.DataTime).Select(o => (DateTimeOffset?)o.DataTime).FirstOrDefaultAsync(ct);
    }

    /// <summary>Hourly Leq with hour starts in [from, to], one per hour (the measurement key is site, parameter, period, time),
    /// valid flags only (<see cref="DataFlags.IsValid"/>: N or none), whole hours only.</summary>
    private async Task<List<NoiseHourPoint>> HoursAsync(long siteId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.SiteId == siteId && o.ParameterCode == LeqCode && o.Period == PeriodType.Hour && o.Value != null
                && o.DataTime >= from && o.DataTime <= to)
            .Select(o => new { o.DataTime, o.Value, o.Flag }).ToListAsync(ct);
        return rows.Where(r => DataFlags.IsValid(r.Flag) && r.DataTime.UtcTicks % TimeSpan.TicksPerHour == 0)
            .GroupBy(r => r.DataTime.UtcDateTime)
            .Select(g => g.First())
            .OrderBy(r => r.DataTime).Select(r => new NoiseHourPoint(r.DataTime, r.Value!.Value)).ToList();
    }
}
