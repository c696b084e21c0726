using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>
/// Which series a derived figure is read or computed from (数据审核; like CNEMC's 实时发布 vs 审核后 data).
/// </summary>
public enum DataSeries
{
    /// <summary>Review marks applied: marked values are left out (the default for every assessment, alert and indicator).</summary>
    Reviewed,
    /// <summary>As received: review marks ignored (flags of the HJ 212 data still apply, <see cref="DataFlags"/>).</summary>
    Realtime,
}

/// <summary>
/// The review records in force over a window of one or more sites and the one rule deciding whether a stored observation
/// is excluded: the <b>latest</b> record (highest id) that covers it (<see cref="ReviewMark.Covers"/>) decides — a mark
/// excludes it, a restore (or no record) leaves it valid (docs/storage.md "Data review"). Immutable after loading;
/// thread-safe for reads.
/// </summary>
public sealed class ReviewState
{
    private readonly Dictionary<long, List<ReviewMark>> _bySite; // newest first

    /// <summary>No record: nothing excluded.</summary>
    public static readonly ReviewState Empty = new([]);

    /// <summary>Builds the state from records (any order).</summary>
    /// <param name="records">Marks and restores.</param>
    public ReviewState(IEnumerable<ReviewMark> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _bySite = records.GroupBy(r => r.SiteId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Id).ToList());
    }

    /// <summary>True when no record is loaded.</summary>
    public bool IsEmpty => _bySite.Count == 0;

    /// <summary>The mark that excludes the observation, or null when it is valid (no covering record, or the latest covering
    /// record is a restore).</summary>
    /// <param name="siteId">Site.</param>
    /// <param name="observationId">Observation id (null when unknown: only range records apply).</param>
    /// <param name="parameterCode">Factor code.</param>
    /// <param name="dataTime">Data time.</param>
    public ReviewMark? ExcludedBy(long siteId, long? observationId, string parameterCode, DateTimeOffset dataTime)
    {
        if (!_bySite.TryGetValue(siteId, out var records)) return null;
        foreach (var r in records)
            if (r.Covers(siteId, observationId, parameterCode, dataTime))
                return r.Action == ReviewAction.Mark ? r : null;
        return null;
    }

    /// <summary>
    /// Loads the records of <paramref name="siteIds"/> that can cover an observation with data time in
    /// [<paramref name="from"/>, <paramref name="to"/>): ranges that overlap it (a range covers up to <c>to_hour</c> + 1 h).
    /// All records are needed, restores included, because the latest one decides.
    /// </summary>
    /// <param name="db">Context.</param>
    /// <param name="siteIds">Sites.</param>
    /// <param name="from">Window start (inclusive).</param>
    /// <param name="to">Window end (exclusive).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<ReviewState> LoadAsync(SmartEnvDbContext db, IReadOnlyCollection<long> siteIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = siteIds.Distinct().ToList();
        var q = db.ReviewMarks.AsNoTracking().Where(r => ids.Contains(r.SiteId));
        if (to is { } t) q = q.Where(r => r.FromHour < t);
        if (from is { } f) { var f1 = f.AddHours(-1); q = q.Where(r => r.ToHour > f1); } // ToHour + 1 h > from
        var rows = await q.ToListAsync(ct);
        return rows.Count == 0 ? Empty : new ReviewState(rows);
    }
}

/// <summary>A request to mark data invalid (<see cref="ReviewBook.MarkAsync"/>): one observation, or a station-hour range
/// [+ parameter].</summary>
/// <param name="ObservationId">The one observation, or null for a range.</param>
/// <param name="SiteCode">Site code (range; ignored for an observation, whose site it is).</param>
/// <param name="ParameterCode">Factor code of the range, or null for every parameter.</param>
/// <param name="FromHour">First hour start of the range (UTC instant; truncated to the hour).</param>
/// <param name="ToHour">Last hour start of the range (inclusive; truncated to the hour).</param>
/// <param name="Reason">Reason code.</param>
/// <param name="Text">Text (required for <see cref="ReviewReason.Other"/>).</param>
public sealed record ReviewMarkRequest(long? ObservationId, string? SiteCode, string? ParameterCode, DateTimeOffset? FromHour,
    DateTimeOffset? ToHour, ReviewReason Reason, string? Text);

/// <summary>A refused review request: the field (snake_case) and why. <see cref="NotFound"/> = the site, observation or mark
/// does not exist (an API answers 404).</summary>
public sealed class ReviewException(string field, string message, bool notFound = false) : Exception(message)
{
    /// <summary>The request field at fault (<c>reason</c>, <c>text</c>, <c>to</c>, <c>site</c>, …).</summary>
    public string Field { get; } = field;

    /// <summary>True when the target does not exist.</summary>
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// Writes and lists data-review records (数据审核): <see cref="MarkAsync"/> and <see cref="RestoreAsync"/> append a record
/// and, in the <b>same transaction</b>, set the affected natural days of the site <c>pending</c> in <c>evaluation_days</c>, so
/// the evaluation queue recomputes their hourly and daily AQI from the reviewed series (an air site only; water classes
/// are read from the observations with the marks applied, <see cref="WaterSamples"/>). Observations are never changed.
/// Thread-safe (a context per call).
/// </summary>
public sealed class ReviewBook
{
    /// <summary>Longest range one mark may cover (366 days of hours).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the book.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">Clock of <c>created_at</c>.</param>
    public ReviewBook(SmartEnvStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Who the audit trail names for the records this book appends (kind, name, client address); null: a user
    /// named by the record's actor text.</summary>
    public AuditActor? Auditor { get; init; }

    /// <summary>
    /// Appends an invalid mark (the one method that creates marks; the audit entry belongs here, in the same transaction)
    /// and marks the affected days pending.
    /// </summary>
    /// <param name="request">What, why.</param>
    /// <param name="actor">Who (user name).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ReviewException">Empty text for 其他, a text over 512 characters, a missing or reversed range, a range
    /// over 366 days (field named); an unknown site or observation (<see cref="ReviewException.NotFound"/>).</exception>
    public async Task<ReviewMark> MarkAsync(ReviewMarkRequest request, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!Enum.IsDefined(request.Reason)) throw new ReviewException("reason", "unknown reason code");
        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        if (request.Reason == ReviewReason.Other && text is null) throw new ReviewException("text", "reason other (其他) needs a text");
        if (text is { Length: > ReviewMark.TextLength }) throw new ReviewException("text", $"text is longer than {ReviewMark.TextLength} characters");
        await using var db = _store.CreateContext();
        var mark = new ReviewMark { Action = ReviewAction.Mark, Actor = Trim(actor), Reason = request.Reason, Text = text, CreatedAt = _time.GetUtcNow() };
        if (request.ObservationId is { } oid)
        {
            var o = await db.Observations.AsNoTracking().Where(x => x.Id == oid)
                .Select(x => new { x.SiteId, x.ParameterCode, x.Period, x.DataTime }).FirstOrDefaultAsync(ct)
                ?? throw new ReviewException("observation_id", $"observation {oid} does not exist", notFound: true);
            (mark.SiteId, mark.ObservationId, mark.ParameterCode, mark.Period, mark.FromHour, mark.ToHour) = (o.SiteId, oid, o.ParameterCode, o.Period, o.DataTime, o.DataTime);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.SiteCode)) throw new ReviewException("site", "site is required (or observation_id)");
            if (request.FromHour is not { } f) throw new ReviewException("from", "from is required (an hour start, ISO 8601)");
            if (request.ToHour is not { } t) throw new ReviewException("to", "to is required (the last hour start, inclusive, ISO 8601)");
            var (from, to) = (TruncateToHour(f), TruncateToHour(t));
            if (to < from) throw new ReviewException("to", "to is before from");
            if (to - from > MaxRange) throw new ReviewException("to", "a mark covers at most 366 days");
            var siteId = await db.Sites.Where(s => s.Code == request.SiteCode).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct)
                ?? throw new ReviewException("site", $"site {request.SiteCode} does not exist", notFound: true);
            var code = string.IsNullOrWhiteSpace(request.ParameterCode) ? null : request.ParameterCode.Trim();
            if (code is { Length: > Observation.ParameterCodeLength }) throw new ReviewException("parameter", "parameter code is too long");
            (mark.SiteId, mark.ParameterCode, mark.FromHour, mark.ToHour) = (siteId, code, from, to);
        }
        await AppendAsync(db, mark, ct);
        return mark;
    }

    /// <summary>Appends a restore of mark <paramref name="markId"/> (it covers what that mark covers; the latest record
    /// decides, so it also restores later marks on the same values it covers) and marks the affected days pending.</summary>
    /// <param name="markId">The mark.</param>
    /// <param name="actor">Who.</param>
    /// <param name="text">Optional note.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ReviewException">Unknown mark (not found), or the id names a restore.</exception>
    public async Task<ReviewMark> RestoreAsync(long markId, string actor, string? text, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (text is { Length: > ReviewMark.TextLength }) throw new ReviewException("text", $"text is longer than {ReviewMark.TextLength} characters");
        await using var db = _store.CreateContext();
        var m = await db.ReviewMarks.AsNoTracking().FirstOrDefaultAsync(r => r.Id == markId, ct)
            ?? throw new ReviewException("id", $"mark {markId} does not exist", notFound: true);
        if (m.Action != ReviewAction.Mark) throw new ReviewException("id", $"record {markId} is a restore, not a mark");
        var restore = new ReviewMark
        {
            Action = ReviewAction.Restore, SiteId = m.SiteId, ObservationId = m.ObservationId, ParameterCode = m.ParameterCode, Period = m.Period,
            FromHour = m.FromHour, ToHour = m.ToHour, RestoresId = m.Id, Text = text, Actor = Trim(actor), CreatedAt = _time.GetUtcNow(),
        };
        await AppendAsync(db, restore, ct);
        return restore;
    }

    /// <summary>The records of a site overlapping [<paramref name="from"/>, <paramref name="to"/>) (either may be null), oldest
    /// first, each with <c>Active</c>: for a mark, whether the value at its first hour (its parameter, or for an
    /// all-parameter mark any parameter no narrower record names) is still excluded by the rule of <see cref="ReviewState"/>
    /// — false once a later restore covers it; always false for a restore.</summary>
    /// <param name="siteCode">Site code.</param>
    /// <param name="from">Window start, or null.</param>
    /// <param name="to">Window end, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ReviewException">Unknown site (not found).</exception>
    public async Task<List<(ReviewMark Record, bool Active)>> ListAsync(string siteCode, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        var siteId = await db.Sites.Where(s => s.Code == siteCode).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct)
            ?? throw new ReviewException("site", $"site {siteCode} does not exist", notFound: true);
        var records = await LoadRecordsAsync(db, siteId, from, to, ct);
        var state = new ReviewState(await db.ReviewMarks.AsNoTracking().Where(r => r.SiteId == siteId).ToListAsync(ct)); // the latest decides
        return [.. records.OrderBy(r => r.Id).Select(r => (r, r.Action == ReviewAction.Mark
            && state.ExcludedBy(r.SiteId, r.ObservationId, r.ParameterCode ?? "\u0000any", r.FromHour) is not null))];
    }

    private static async Task<List<ReviewMark>> LoadRecordsAsync(SmartEnvDbContext db, long siteId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var q = db.ReviewMarks.AsNoTracking().Where(r => r.SiteId == siteId);
        if (to is { } t) q = q.Where(r => r.FromHour < t);
        if (from is { } f) { var f1 = f.AddHours(-1); q = q.Where(r => r.ToHour > f1); }
        return await q.ToListAsync(ct);
    }

    /// <summary>The natural days (Beijing) whose figures a record covering [<paramref name="from"/>, <paramref name="to"/> + 1 h)
    /// changes: the day of each covered hour start (hour-ending labels: the hour starting 23:00 is the day's last).</summary>
    /// <param name="from">First hour start.</param>
    /// <param name="to">Last hour start.</param>
    public static (DateOnly First, DateOnly Last) AffectedDays(DateTimeOffset from, DateTimeOffset to) =>
        (BeijingTime.Date(from), BeijingTime.Date(to));

    private async Task AppendAsync(SmartEnvDbContext db, ReviewMark record, CancellationToken ct)
    {
        var kind = await db.Sites.Where(s => s.Id == record.SiteId).Select(s => s.Kind).FirstAsync(ct);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.ReviewMarks.Add(record);
        if (kind == SiteKind.Air)
        {
            var (first, last) = AffectedDays(record.FromHour, record.ToHour);
            await AirEvaluator.SetPendingAsync(db, record.SiteId, first, last, record.CreatedAt, ct);
        }
        await db.SaveChangesAsync(ct);
        // One audit entry per record, in the record's transaction (docs/security.md "Audit trail").
        var restore = record.Action == ReviewAction.Restore;
        await AuditTrail.AppendAsync(db, Auditor ?? new AuditActor(AuditActorKind.User, record.Actor), restore ? "review.restore" : "review.mark",
            "review_mark", record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { site_id = record.SiteId, observation_id = record.ObservationId, parameter = record.ParameterCode, period = record.Period?.ToString(), from_hour = record.FromHour, to_hour = record.ToHour,
                reason = record.Reason?.ToString(), restores_id = record.RestoresId },
            record.Text, record.CreatedAt, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Start of the hour containing <paramref name="t"/> (UTC; Beijing hours start on the same instants).</summary>
    /// <param name="t">Instant.</param>
    public static DateTimeOffset TruncateToHour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string Trim(string actor) => actor.Length > ReviewMark.ActorLength ? actor[..ReviewMark.ActorLength] : actor;
}
