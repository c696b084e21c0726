using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;

namespace SmartEnv.Complaints.Statistics;

/// <summary>Hotspots of a period.</summary>
/// <param name="From">First Beijing registration day (inclusive).</param>
/// <param name="To">Last Beijing registration day (inclusive).</param>
/// <param name="Type">Pollution type filter (a top-level code also matches its sub-types), or null for all.</param>
/// <param name="CellMetres">Grid cell edge, metres.</param>
/// <param name="Located">Cases with coordinates (on the map).</param>
/// <param name="Unlocated">Cases of the filter without coordinates (not on the map).</param>
/// <param name="Hotspots">Occupied cells, most cases first (<see cref="HotspotGrid"/>).</param>
public sealed record HotspotView(DateOnly From, DateOnly To, string? Type, double CellMetres, int Located, int Unlocated,
    IReadOnlyList<Hotspot> Hotspots);

/// <summary>The per-street table of a period.</summary>
/// <param name="From">First Beijing registration day (inclusive).</param>
/// <param name="To">Last Beijing registration day (inclusive).</param>
/// <param name="Rows">The 12 streets in code order, then 未定位 (<see cref="BulletinTally.None"/>).</param>
public sealed record StreetTableView(DateOnly From, DateOnly To, IReadOnlyList<StreetRow> Rows);

/// <summary>A refused statistics request (400): which parameter and why.</summary>
/// <param name="field">Parameter name.</param>
/// <param name="reason">Why, in English.</param>
public sealed class ComplaintStatisticsException(string field, string reason) : Exception($"{field}: {reason}")
{
    /// <summary>Parameter name.</summary>
    public string Field { get; } = field;

    /// <summary>Why.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Bulletin statistics, hotspots and the per-street table over the store (issue 18 P4; docs/complaints.md "Statistics,
/// hotspots and Excel"). Reads <c>complaints</c> and <c>complaint_types</c> (and the decline events for the acceptance
/// deadline of declined cases) — never <c>complaint_reporters</c>: no figure or export carries who complained. Each case
/// becomes a <see cref="TallyCase"/>:
/// <list type="bullet">
/// <item>status: registered → 待受理; accepted, assigned, handling → 受理中; replied, visited, closed, under 复查/复核 →
///   已办结 (the written reply is the 办结 point; a review does not undo it); not accepted → by reason (线索不详, 不属于生态环境
///   部门职责, other); merged → 合并办理.</item>
/// <item>overdue, as of the clock's Beijing today: the acceptance answer (accepted_at, or the decline event) came after
///   <c>acceptance_due</c>, or none came and today is after it; or the written reply came after <c>handling_due</c> (which
///   includes any extension), or none came and today is after it. Merged duplicates are never overdue (their handling is the
///   master's). Same reading as ComplaintDeadlines.Overdue (today &gt; due).</item>
/// </list>
/// Statuses and the overdue flag are as the cases stand now, not as they stood at the end of the month. Reads through the
/// context given (staff scope: the complaint tables' query filter lets only <c>DataScope.All</c> through). Not
/// thread-safe (one per request, as its context).
/// </summary>
/// <param name="db">The context.</param>
/// <param name="time">Clock (Beijing today for the overdue flag and the default periods).</param>
public sealed class ComplaintStatisticsService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Default hotspot cell edge, metres (a few blocks in the city centre; SmartEnv rule).</summary>
    public const double DefaultCellMetres = 500;

    /// <summary>Days of the default hotspot and street period, ending today (SmartEnv rule).</summary>
    public const int DefaultPeriodDays = 90;

    /// <summary>Longest period accepted for hotspots and the street table, days (a little over two years).</summary>
    public const int MaxPeriodDays = 800;

    /// <summary>The bulletin of a month, with 环比 and 同比 from the previous month and the same month a year before.</summary>
    /// <param name="year">Year (2000–9999).</param>
    /// <param name="month">Month (1–12).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ComplaintStatisticsException">Month out of range.</exception>
    public async Task<BulletinReport> MonthAsync(int year, int month, CancellationToken ct = default)
    {
        if (year is < 2000 or > 9999 || month is < 1 or > 12) throw new ComplaintStatisticsException("month", "a month yyyy-MM between 2000-01 and 9999-12");
        var first = new DateOnly(year, month, 1);
        var cases = new List<TallyCase>();
        foreach (var f in new[] { first.AddYears(-1), first.AddMonths(-1), first }.Distinct())
            cases.AddRange(await CasesAsync(f, f.AddMonths(1).AddDays(-1), ct));
        return BulletinTally.Tally(cases, year, month);
    }

    /// <summary>Parses <c>yyyy-MM</c>.</summary>
    /// <param name="text">The month as given; null or blank → the previous month (the bulletin is written after the month).</param>
    /// <exception cref="ComplaintStatisticsException">Not a month.</exception>
    public (int Year, int Month) ParseMonth(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var prev = BeijingTime.Today(time).AddMonths(-1);
            return (prev.Year, prev.Month);
        }
        var t = text.Trim();
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t[..4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
            && int.TryParse(t[5..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
            && y is >= 2000 and <= 9999 && m is >= 1 and <= 12)
            return (y, m);
        throw new ComplaintStatisticsException("month", "a month yyyy-MM, e.g. 2024-09");
    }

    /// <summary>Hotspots of the cases registered in a period, optionally of one pollution type.</summary>
    /// <param name="type">A type code of complaint-categories.tsv (a top-level code includes its sub-types); null for all.</param>
    /// <param name="from">First day; default <see cref="DefaultPeriodDays"/> days before <paramref name="to"/>.</param>
    /// <param name="to">Last day; default Beijing today.</param>
    /// <param name="cellMetres">Cell edge; default <see cref="DefaultCellMetres"/>; <see cref="HotspotGrid.MinCellMetres"/>–<see cref="HotspotGrid.MaxCellMetres"/>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ComplaintStatisticsException">Unknown type, bad period or cell size.</exception>
    public async Task<HotspotView> HotspotsAsync(string? type, DateOnly? from, DateOnly? to, double? cellMetres, CancellationToken ct = default)
    {
        type = string.IsNullOrWhiteSpace(type) ? null : type.Trim();
        if (type is not null && PollutionTypes.Find(type) is null) throw new ComplaintStatisticsException("type", $"'{type}' is no pollution type code (air, noise, noise.construction …)");
        var cell = cellMetres ?? DefaultCellMetres;
        if (!double.IsFinite(cell) || cell < HotspotGrid.MinCellMetres || cell > HotspotGrid.MaxCellMetres)
            throw new ComplaintStatisticsException("cell", $"cell size {HotspotGrid.MinCellMetres}–{HotspotGrid.MaxCellMetres} m");
        var (f, t) = Period(from, to);
        var rows = await LoadAsync(f, t, ct);
        var matching = rows.Where(r => type is null || r.Types.Any(c => c == type || PollutionTypes.Find(c)?.Parent == type)).ToList();
        var located = matching.Where(r => r.Latitude is not null && r.Longitude is not null).ToList();
        var hotspots = HotspotGrid.Cluster(located.Select(r => (r.Latitude!.Value, r.Longitude!.Value, r.Number)).ToList(), cell);
        return new HotspotView(f, t, type, cell, located.Count, matching.Count - located.Count, hotspots);
    }

    /// <summary>The per-street table of the cases registered in a period.</summary>
    /// <param name="from">First day; default <see cref="DefaultPeriodDays"/> days before <paramref name="to"/>.</param>
    /// <param name="to">Last day; default Beijing today.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ComplaintStatisticsException">Bad period.</exception>
    public async Task<StreetTableView> StreetsAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var (f, t) = Period(from, to);
        return new StreetTableView(f, t, BulletinTally.Streets(await CasesAsync(f, t, ct)));
    }

    /// <summary>The cases registered from <paramref name="from"/> to <paramref name="to"/> (Beijing days, inclusive) as
    /// tally input.</summary>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<TallyCase>> CasesAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var rows = await LoadAsync(from, to, ct);
        var today = BeijingTime.Today(time);
        return rows.Select(r => new TallyCase(r.Number, r.RegisteredOn, Channel(r.Channel), r.Types, r.StreetCode, r.IndustryCode,
            Status(r.State, r.NotAcceptedReason), Overdue(r, today), Verify(r.Verification), Satisfy(r.Satisfaction))).ToList();
    }

    /// <summary>What the statistics read of one case (no reporter, no content).</summary>
    /// <param name="Id">Row id.</param>
    /// <param name="Number">Case number.</param>
    /// <param name="RegisteredOn">Beijing registration day.</param>
    /// <param name="Channel">Channel.</param>
    /// <param name="State">Workflow state.</param>
    /// <param name="NotAcceptedReason">Reason of a decline.</param>
    /// <param name="StreetCode">Street code.</param>
    /// <param name="IndustryCode">GB/T 4754 code of the matched enterprise.</param>
    /// <param name="Latitude">Latitude.</param>
    /// <param name="Longitude">Longitude.</param>
    /// <param name="AcceptanceDue">Acceptance due day.</param>
    /// <param name="AcceptedAt">Acceptance instant.</param>
    /// <param name="DeclinedAt">Instant of the decline event.</param>
    /// <param name="HandlingDue">Handling due day (extension included).</param>
    /// <param name="RepliedAt">Written reply instant.</param>
    /// <param name="Verification">Finding.</param>
    /// <param name="Satisfaction">回访 result.</param>
    /// <param name="Types">Type codes.</param>
    public sealed record CaseRow(long Id, string Number, DateOnly RegisteredOn, StoredComplaintChannel Channel, StoredComplaintState State,
        StoredNotAcceptedReason? NotAcceptedReason, string? StreetCode, string? IndustryCode, double? Latitude, double? Longitude,
        DateOnly AcceptanceDue, DateTimeOffset? AcceptedAt, DateTimeOffset? DeclinedAt, DateOnly? HandlingDue, DateTimeOffset? RepliedAt,
        StoredVerification? Verification, StoredSatisfaction? Satisfaction, IReadOnlyList<string> Types);

    private async Task<IReadOnlyList<CaseRow>> LoadAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var cases = await db.Complaints.AsNoTracking()
            .Where(c => c.RegisteredOn >= from && c.RegisteredOn <= to)
            .OrderBy(c => c.Number)
            .Select(c => new
            {
                c.Id, c.Number, c.RegisteredOn, c.Channel, c.State, c.NotAcceptedReason, c.StreetCode, c.IndustryCode, c.Latitude, c.Longitude,
                c.AcceptanceDue, c.AcceptedAt, c.HandlingDue, c.RepliedAt, c.Verification, c.Satisfaction,
            })
            .ToListAsync(ct);
        if (cases.Count == 0) return [];
        var types = (await db.ComplaintTypes.AsNoTracking()
                .Where(t => db.Complaints.Any(c => c.Id == t.ComplaintId && c.RegisteredOn >= from && c.RegisteredOn <= to))
                .Select(t => new { t.ComplaintId, t.Code }).ToListAsync(ct))
            .ToLookup(t => t.ComplaintId, t => t.Code);
        var declined = (await db.ComplaintEvents.AsNoTracking()
                .Where(e => e.ToState == StoredComplaintState.NotAccepted
                            && db.Complaints.Any(c => c.Id == e.ComplaintId && c.RegisteredOn >= from && c.RegisteredOn <= to))
                .Select(e => new { e.ComplaintId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.ComplaintId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        return cases.Select(c => new CaseRow(c.Id, c.Number, c.RegisteredOn, c.Channel, c.State, c.NotAcceptedReason, c.StreetCode, c.IndustryCode,
            c.Latitude, c.Longitude, c.AcceptanceDue, c.AcceptedAt, declined.TryGetValue(c.Id, out var d) ? d : null, c.HandlingDue, c.RepliedAt,
            c.Verification, c.Satisfaction, types[c.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to)
    {
        var t = to ?? BeijingTime.Today(time);
        var f = from ?? t.AddDays(-(DefaultPeriodDays - 1));
        if (f > t) throw new ComplaintStatisticsException("from", "from must not be after to");
        if (t.DayNumber - f.DayNumber + 1 > MaxPeriodDays) throw new ComplaintStatisticsException("from", $"at most {MaxPeriodDays} days");
        return (f, t);
    }

    /// <summary>Workflow state (and decline reason) → bulletin status.</summary>
    /// <param name="state">State.</param>
    /// <param name="reason">Decline reason.</param>
    public static BulletinStatus Status(StoredComplaintState state, StoredNotAcceptedReason? reason) => state switch
    {
        StoredComplaintState.Registered => BulletinStatus.Pending,
        StoredComplaintState.Accepted or StoredComplaintState.Assigned or StoredComplaintState.Handling => BulletinStatus.Handling,
        StoredComplaintState.Replied or StoredComplaintState.Visited or StoredComplaintState.Closed
            or StoredComplaintState.UnderReview or StoredComplaintState.UnderRecheck => BulletinStatus.Closed,
        StoredComplaintState.NotAccepted => reason switch
        {
            StoredNotAcceptedReason.Unclear => BulletinStatus.NotAcceptedUnclear,
            StoredNotAcceptedReason.OutsideRemit => BulletinStatus.NotAcceptedOutsideRemit,
            _ => BulletinStatus.NotAcceptedOther,
        },
        StoredComplaintState.Merged => BulletinStatus.Merged,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown complaint state"),
    };

    private static bool Overdue(CaseRow r, DateOnly today)
    {
        if (r.State == StoredComplaintState.Merged) return false;
        var answered = r.AcceptedAt ?? r.DeclinedAt;
        var answerDay = answered is { } a ? BeijingTime.Date(a) : r.State == StoredComplaintState.Registered ? today : (DateOnly?)null;
        if (answerDay is { } ad && ad > r.AcceptanceDue) return true;
        if (r.HandlingDue is { } hd && r.AcceptedAt is not null)
        {
            var end = r.RepliedAt is { } rep ? BeijingTime.Date(rep) : today;
            if (end > hd) return true;
        }
        return false;
    }

    private static ComplaintChannel Channel(StoredComplaintChannel c) => Enum.Parse<ComplaintChannel>(c.ToString());

    private static Verification? Verify(StoredVerification? v) => v is { } x ? Enum.Parse<Verification>(x.ToString()) : null;

    private static Satisfaction? Satisfy(StoredSatisfaction? s) => s is { } x ? Enum.Parse<Satisfaction>(x.ToString()) : null;
}
