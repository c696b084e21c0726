using System.Globalization;
using SmartEnv.Complaints.Statistics;
using SmartEnv.Supervision.Complaints.Statistics;

namespace SmartEnv.Web.Ui;

public sealed partial class ComplaintsUiService
{
    /// <summary>The hotspot map and the per-street table of a period through P4's <see cref="ComplaintStatisticsService"/>
    /// (scoped context; staff only): default period the last 90 days (P4's default),
    /// 500 m cells.</summary>
    /// <param name="type">Pollution type code, or null/empty for all.</param>
    /// <param name="from">First day <c>yyyy-MM-dd</c> as in the query string, or null.</param>
    /// <param name="to">Last day, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The hotspots and the street table, or the message why the filter was refused.</returns>
    public async Task<(HotspotView? Hotspots, StreetTableView? Streets, string? Error)> HotspotsAsync(string? type, string? from, string? to, CancellationToken ct = default)
    {
        if (!TryDay(from, out var f) || !TryDay(to, out var t)) return (null, null, Texts.Complaints.FilterPeriod);
        try
        {
            var stats = new ComplaintStatisticsService(db, time);
            var hotspots = await stats.HotspotsAsync(string.IsNullOrWhiteSpace(type) ? null : type, f, t, null, ct);
            var streets = await stats.StreetsAsync(hotspots.From, hotspots.To, ct);
            return (hotspots, streets, null);
        }
        catch (ComplaintStatisticsException e)
        {
            return (null, null, e.Field == "type" ? Texts.Complaints.FilterInvalid : Texts.Complaints.FilterPeriod);
        }
    }

    /// <summary>The monthly bulletin of a month (<c>yyyy-MM</c>; default the previous month) through
    /// <see cref="ComplaintStatisticsService.MonthAsync"/>.</summary>
    /// <param name="month">Month as in the query string, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report and its month key (<c>yyyy-MM</c>), or the message why the month was refused.</returns>
    public async Task<(BulletinReport? Report, string Month, string? Error)> BulletinAsync(string? month, CancellationToken ct = default)
    {
        var stats = new ComplaintStatisticsService(db, time);
        try
        {
            var (y, m) = stats.ParseMonth(month);
            var key = string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{m:00}");
            return (await stats.MonthAsync(y, m, ct), key, null);
        }
        catch (ComplaintStatisticsException)
        {
            return (null, month ?? "", Texts.Complaints.FilterMonth);
        }
    }

    /// <summary>A change (环比/同比) or share as a percentage with one decimal, or <c>—</c> when there is no base.</summary>
    /// <param name="value">Fraction (0.25 = 25 %), or null.</param>
    public static string Percent(decimal? value) =>
        value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        day = d;
        return true;
    }
}
