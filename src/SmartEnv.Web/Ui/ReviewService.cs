using SmartEnv.Storage.Audit;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>One stored hour value in the 审核 raw view, with the mark that excludes it (null = valid).</summary>
/// <param name="Value">The value as stored (text as received).</param>
/// <param name="Mark">The mark in force, or null.</param>
public sealed record ReviewCell(string Value, ReviewMark? Mark);

/// <summary>One hour of the raw view: its start, its hour-ending label (Beijing) and the value of each parameter.</summary>
/// <param name="Start">Hour start (UTC).</param>
/// <param name="Label">Label hour 1…24 of the natural day (HJ 663 hour-ending).</param>
/// <param name="Cells">Values by parameter code.</param>
public sealed record ReviewHour(DateTimeOffset Start, int Label, IReadOnlyDictionary<string, ReviewCell> Cells);

/// <summary>The 审核 page's view of one site and natural day.</summary>
/// <param name="Parameters">Parameter codes with values that day, in display order.</param>
/// <param name="Hours">The 24 hours (those with a value).</param>
/// <param name="Records">Review records of the site overlapping the day, oldest first, with whether each mark is in force.</param>
public sealed record ReviewDayView(IReadOnlyList<string> Parameters, IReadOnlyList<ReviewHour> Hours, IReadOnlyList<(ReviewMark Record, bool Active)> Records);

/// <summary>
/// View model source of the 审核 page (数据审核): the raw hour values of a site's natural day as stored, each excluded one with
/// the mark that excludes it (<see cref="ReviewState"/>), and the mark / restore actions through <see cref="ReviewBook"/>
/// (the one write path, shared with the API and the CLI). Scoped; not thread-safe.
/// </summary>
/// <param name="store">The store.</param>
public sealed class ReviewService(SmartEnvStore store)
{
    /// <summary>Air and water sites (code, Chinese name) the bureau reviews, in code order.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<(string Code, string Name)>> SitesAsync(CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return [.. (await db.Sites.AsNoTracking().Where(s => (s.Kind == SiteKind.Air || s.Kind == SiteKind.Water) && s.Code != Site.DistrictAggregateCode)
            .OrderBy(s => s.Code).Select(s => new { s.Code, s.NameZh }).ToListAsync(ct)).Select(s => (s.Code, s.NameZh))];
    }

    /// <summary>The raw hour values of <paramref name="siteCode"/> on natural day <paramref name="day"/> (hours starting
    /// 00:00…23:00 Beijing) with their marks, and the review records overlapping the day; null for an unknown site.</summary>
    /// <param name="siteCode">Site code.</param>
    /// <param name="day">Natural day (Beijing).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ReviewDayView?> DayAsync(string siteCode, DateOnly day, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var site = await db.Sites.AsNoTracking().Where(s => s.Code == siteCode).Select(s => new { s.Id, s.Kind }).FirstOrDefaultAsync(ct);
        if (site is null) return null;
        var (from, to) = (BeijingTime.DayStart(day), BeijingTime.DayEnd(day));
        var rows = await db.Observations.AsNoTracking().Where(o => o.SiteId == site.Id && o.Period == PeriodType.Hour && o.DataTime >= from && o.DataTime < to)
            .Select(o => new { o.Id, o.ParameterCode, o.DataTime, o.ValueText, o.Value }).ToListAsync(ct);
        var state = await ReviewState.LoadAsync(db, [site.Id], from, to, ct);
        var order = AirParameterCodes.OneHour.ToList();
        var parameters = rows.Select(r => r.ParameterCode).Distinct()
            .OrderBy(c => order.IndexOf(c) is var i and >= 0 ? i : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var hours = rows.GroupBy(r => r.DataTime).OrderBy(g => g.Key).Select(g => new ReviewHour(g.Key, (int)(g.Key - from).TotalHours + 1,
            g.ToDictionary(r => r.ParameterCode, r => new ReviewCell(r.ValueText ?? r.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                state.ExcludedBy(site.Id, r.Id, r.ParameterCode, r.DataTime))))).ToList();
        var records = await new ReviewBook(store).ListAsync(siteCode, from, to, ct);
        return new ReviewDayView(parameters, hours, records);
    }

    /// <summary>Marks hours <paramref name="fromLabel"/>…<paramref name="toLabel"/> (1…24 of the natural day) of the site
    /// invalid for <paramref name="parameter"/> ("" = every parameter); returns null on success, else the refusal.</summary>
    /// <param name="siteCode">Site.</param>
    /// <param name="day">Natural day.</param>
    /// <param name="fromLabel">First hour 1…24.</param>
    /// <param name="toLabel">Last hour 1…24.</param>
    /// <param name="parameter">Factor code or "".</param>
    /// <param name="reason">Reason.</param>
    /// <param name="text">Text.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> MarkAsync(string siteCode, DateOnly day, int fromLabel, int toLabel, string parameter, ReviewReason reason, string text,
        AuditActor actor, CancellationToken ct = default)
    {
        try
        {
            var start = BeijingTime.DayStart(day);
            await new ReviewBook(store) { Auditor = actor }.MarkAsync(new ReviewMarkRequest(null, siteCode, parameter.Length == 0 ? null : parameter,
                start.AddHours(fromLabel - 1), start.AddHours(toLabel - 1), reason, text), actor.Name, ct);
            return null;
        }
        catch (ReviewException e) { return Refusal(e); }
    }

    /// <summary>Restores mark <paramref name="id"/>; null on success, else the refusal.</summary>
    /// <param name="id">Mark id.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> RestoreAsync(long id, AuditActor actor, CancellationToken ct = default)
    {
        try
        {
            await new ReviewBook(store) { Auditor = actor }.RestoreAsync(id, actor.Name, null, ct);
            return null;
        }
        catch (ReviewException e) { return Refusal(e); }
    }

    private static string Refusal(ReviewException e) => e.Field switch
    {
        "text" => Texts.Review.RefusedText,
        "from" or "to" => Texts.Review.RefusedRange,
        _ => Texts.Review.RefusedTarget,
    };

    /// <summary>The actor of a UI action: the signed-in user with the circuit's client address (the page needs policy
    /// Monitoring).</summary>
    /// <param name="access">The page's access.</param>
    public static AuditActor Actor(UiAccess? access) => access is { IsSignedIn: true } ? AuditActors.ForUi(null, access) : throw new InvalidOperationException("review needs a signed-in account");
}
