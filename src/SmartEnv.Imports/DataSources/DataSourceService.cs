using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.DataSources;

using SmartEnv.Verifications;

namespace SmartEnv.Imports.DataSources;

/// <summary>A refused data-source request with the HTTP status an API answers with: 400 (invalid input, naming
/// <see cref="Field"/>), 404 (no such source or finding), 409 (the key exists, the finding is already withdrawn). Nothing
/// is stored when it is thrown.</summary>
public sealed class DataSourceException(int status, string? field, string message) : Exception(message)
{
    /// <summary>400, 404 or 409.</summary>
    public int Status { get; } = status;

    /// <summary>The request field at fault (snake_case), or null.</summary>
    public string? Field { get; } = field;
}

/// <summary>A data source as written by staff (<c>POST</c>/<c>PUT /api/data-sources</c>, the page).</summary>
/// <param name="Key">Slug, <c>[a-z0-9][a-z0-9-]*</c>, ≤ 64 (ignored by an update: the key never changes).</param>
/// <param name="Name">Chinese name (required, ≤ 128).</param>
/// <param name="Publisher">Publisher (required, ≤ 128).</param>
/// <param name="Url">http(s) address, or null.</param>
/// <param name="Formats">Formats published (each ≤ 32, together ≤ 256), or null.</param>
/// <param name="Notes">Notes (≤ 2048), or null.</param>
public sealed record DataSourceInput(string? Key, string? Name, string? Publisher, string? Url, IReadOnlyList<string>? Formats, string? Notes);

/// <summary>A finding to attach (<c>POST /api/data-sources/{key}/findings</c>): the fields of <c>smartenv verify</c>'s
/// finding (contract of issue 22) and an optional note. Times are ISO-8601 with an explicit offset (verify writes
/// <c>+08:00</c>).</summary>
public sealed record FindingInput
{
    /// <summary><c>air</c>, <c>water</c> or <c>noise</c>.</summary>
    public string? Domain { get; init; }
    /// <summary>Cause key (<see cref="FindingCause.Check"/>).</summary>
    public string? Cause { get; init; }
    /// <summary>The published figure (<see cref="FindingCause.CheckFigure"/>); null or absent: the domain's main figure
    /// (<c>aqi</c>, <c>water_class</c>, <c>noise_verdict</c>).</summary>
    public string? Figure { get; init; }
    /// <summary>First hour (required), e.g. <c>2019-03-01T00:00:00+08:00</c>.</summary>
    public string? From { get; init; }
    /// <summary>Last hour, or null/absent: open-ended ("since <see cref="From"/>").</summary>
    public string? To { get; init; }
    /// <summary>Stations (≥ 0).</summary>
    public int? Stations { get; init; }
    /// <summary>Rows, station-hours (≥ 0).</summary>
    public int? Rows { get; init; }
    /// <summary>Chinese summary (required, ≤ 1024).</summary>
    public string? Summary { get; init; }
    /// <summary>English summary (≤ 1024; JSON <c>summary_en</c>).</summary>
    public string? SummaryEn { get; init; }
    /// <summary>The contract's spelling <c>summaryEn</c>, accepted as well.</summary>
    [JsonPropertyName("summaryEn")]
    public string? SummaryEnContract { get; init; }
    /// <summary>Note of who attaches it (≤ 1024), or null.</summary>
    public string? Note { get; init; }
}

/// <summary>A data source as read.</summary>
/// <param name="Key">Slug.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Publisher">Publisher.</param>
/// <param name="Url">Address or null.</param>
/// <param name="Formats">Formats published.</param>
/// <param name="Notes">Notes or null.</param>
/// <param name="CreatedBy">Who recorded it.</param>
/// <param name="CreatedAt">When (Beijing).</param>
/// <param name="UpdatedBy">Who changed it last, or null.</param>
/// <param name="UpdatedAt">When (Beijing), or null.</param>
/// <param name="ActiveFindings">Findings in force.</param>
/// <param name="WithdrawnFindings">Findings withdrawn.</param>
public sealed record DataSourceView(string Key, string Name, string Publisher, string? Url, IReadOnlyList<string> Formats, string? Notes,
    string CreatedBy, DateTimeOffset CreatedAt, string? UpdatedBy, DateTimeOffset? UpdatedAt, int ActiveFindings, int WithdrawnFindings);

/// <summary>A finding as read (times Beijing).</summary>
/// <param name="Id">The "发现 #N" number.</param>
/// <param name="Source">Source key.</param>
/// <param name="Domain">air, water or noise.</param>
/// <param name="Cause">Cause key.</param>
/// <param name="Figure">The published figure the finding is about (<c>aqi</c>, <c>iaqi:pm25_1h</c>, <c>water_class</c> …).</param>
/// <param name="From">First hour.</param>
/// <param name="To">Last hour, or null (open-ended).</param>
/// <param name="Stations">Stations.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Summary">Chinese summary.</param>
/// <param name="SummaryEn">English summary.</param>
/// <param name="Note">Note or null.</param>
/// <param name="State"><c>active</c> or <c>withdrawn</c>.</param>
/// <param name="AttachedBy">Who attached it.</param>
/// <param name="AttachedAt">When.</param>
/// <param name="WithdrawnBy">Who withdrew it, or null.</param>
/// <param name="WithdrawnAt">When, or null.</param>
/// <param name="WithdrawReason">Why, or null.</param>
public sealed record FindingView(long Id, string Source, string Domain, string Cause, string Figure, DateTimeOffset From, DateTimeOffset? To, int Stations, int Rows,
    string Summary, string SummaryEn, string? Note, string State, string AttachedBy, DateTimeOffset AttachedAt, string? WithdrawnBy,
    DateTimeOffset? WithdrawnAt, string? WithdrawReason);

/// <summary>
/// The data-source registry (issue 22): sources, their findings, withdrawals. Every change writes its audit entry in the
/// same transaction (<c>data_source.create</c>, <c>data_source.update</c>, <c>data_source.finding.attach</c>,
/// <c>data_source.finding.withdraw</c>; target types <c>data_source</c>, <c>data_source_finding</c>). One instance per
/// context; not thread-safe.
/// </summary>
/// <param name="db">Context (staff scope).</param>
/// <param name="time">Clock.</param>
public sealed partial class DataSourceService(SmartEnvDbContext db, TimeProvider time)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();

    /// <summary>Every source, by key.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DataSourceView>> ListAsync(CancellationToken ct = default)
    {
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.Key).ToListAsync(ct);
        var counts = await db.DataSourceFindings.AsNoTracking().GroupBy(f => new { f.DataSourceId, f.State })
            .Select(g => new { g.Key.DataSourceId, g.Key.State, N = g.Count() }).ToListAsync(ct);
        return sources.Select(s => View(s,
            counts.Where(c => c.DataSourceId == s.Id && c.State == DataSourceFinding.Active).Sum(c => c.N),
            counts.Where(c => c.DataSourceId == s.Id && c.State == DataSourceFinding.Withdrawn).Sum(c => c.N))).ToList();
    }

    /// <summary>One source, or null.</summary>
    /// <param name="key">Its key.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DataSourceView?> GetAsync(string key, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(s => s.Key == key);

    /// <summary>Records a new source (audited <c>data_source.create</c>).</summary>
    /// <param name="input">The source.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DataSourceException">400 invalid field; 409 the key exists.</exception>
    public async Task<DataSourceView> CreateAsync(DataSourceInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var key = input.Key?.Trim() ?? "";
        if (!KeyShape().IsMatch(key)) throw new DataSourceException(400, "key", $"key must be 1–64 of a-z, 0-9 and '-', starting with a letter or digit, not '{input.Key}'");
        var (name, publisher, url, formats, notes) = Check(input);
        if (await db.DataSources.AnyAsync(s => s.Key == key, ct)) throw new DataSourceException(409, "key", $"data source '{key}' exists");
        var now = time.GetUtcNow();
        var s = new DataSource { Key = key, Name = name, Publisher = publisher, Url = url, Formats = formats, Notes = notes, CreatedBy = Cut(actor.Name), CreatedAt = now };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.DataSources.Add(s);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "data_source.create", "data_source", key, null, Snapshot(s), time: now, ct: ct);
        await tx.CommitAsync(ct);
        return View(s, 0, 0);
    }

    /// <summary>Changes a source's name, publisher, address, formats and notes (audited <c>data_source.update</c> with before
    /// and after); the key never changes.</summary>
    /// <param name="key">Its key.</param>
    /// <param name="input">New fields (<see cref="DataSourceInput.Key"/> ignored).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DataSourceException">404 no such source; 400 invalid field.</exception>
    public async Task<DataSourceView> UpdateAsync(string key, DataSourceInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var s = await db.DataSources.FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw new DataSourceException(404, null, $"no data source '{key}'");
        var (name, publisher, url, formats, notes) = Check(input);
        var before = Snapshot(s);
        var now = time.GetUtcNow();
        (s.Name, s.Publisher, s.Url, s.Formats, s.Notes, s.UpdatedBy, s.UpdatedAt) = (name, publisher, url, formats, notes, Cut(actor.Name), now);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await AuditTrail.AppendAsync(db, actor, "data_source.update", "data_source", key, before, Snapshot(s), time: now, ct: ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(key, ct))!;
    }

    /// <summary>The findings of a source, newest first (active and withdrawn).</summary>
    /// <param name="key">Its key.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DataSourceException">404 no such source.</exception>
    public async Task<IReadOnlyList<FindingView>> FindingsAsync(string key, CancellationToken ct = default)
    {
        var s = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw new DataSourceException(404, null, $"no data source '{key}'");
        var rows = await db.DataSourceFindings.AsNoTracking().Where(f => f.DataSourceId == s.Id).ToListAsync(ct);
        return rows.OrderByDescending(f => f.Id).Select(f => View(key, f)).ToList();
    }

    /// <summary>Attaches a finding to a source (audited <c>data_source.finding.attach</c>). Validation: domain; cause by
    /// <see cref="FindingCause.Check"/>; <c>from</c> required and <c>to</c> optional, both ISO-8601 with an explicit offset,
    /// <c>to</c> ≥ <c>from</c>; stations and rows ≥ 0; summary required.</summary>
    /// <param name="key">Source key.</param>
    /// <param name="input">The finding.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DataSourceException">404 no such source; 400 invalid field.</exception>
    public async Task<FindingView> AttachAsync(string key, FindingInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var s = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw new DataSourceException(404, null, $"no data source '{key}'");
        var f = Validate(input);
        f.DataSourceId = s.Id;
        f.AttachedBy = Cut(actor.Name);
        f.AttachedAt = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.DataSourceFindings.Add(f);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "data_source.finding.attach", "data_source_finding", f.Id.ToString(CultureInfo.InvariantCulture), null, View(key, f), f.Note, f.AttachedAt, ct);
        await tx.CommitAsync(ct);
        return View(key, f);
    }

    /// <summary>Withdraws a finding (audited <c>data_source.finding.withdraw</c>): its state becomes <c>withdrawn</c> with who,
    /// when and why; its fields stay as attached. Later imports are no longer flagged by it.</summary>
    /// <param name="key">Source key.</param>
    /// <param name="id">Finding id.</param>
    /// <param name="reason">Why (required, ≤ 1024).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DataSourceException">404 no such source or finding of it; 400 blank reason; 409 already withdrawn.</exception>
    public async Task<FindingView> WithdrawAsync(string key, long id, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var s = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct) ?? throw new DataSourceException(404, null, $"no data source '{key}'");
        var f = await db.DataSourceFindings.FirstOrDefaultAsync(x => x.Id == id && x.DataSourceId == s.Id, ct) ?? throw new DataSourceException(404, null, $"no finding #{id} of '{key}'");
        if (string.IsNullOrWhiteSpace(reason)) throw new DataSourceException(400, "reason", "a withdrawal needs a reason");
        if (reason.Trim().Length > DataSourceFinding.TextLength) throw new DataSourceException(400, "reason", $"reason is longer than {DataSourceFinding.TextLength} characters");
        if (f.State == DataSourceFinding.Withdrawn) throw new DataSourceException(409, null, $"finding #{id} is already withdrawn");
        var before = View(key, f);
        var now = time.GetUtcNow();
        (f.State, f.WithdrawnBy, f.WithdrawnAt, f.WithdrawReason) = (DataSourceFinding.Withdrawn, Cut(actor.Name), now, reason.Trim());
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await AuditTrail.AppendAsync(db, actor, "data_source.finding.withdraw", "data_source_finding", id.ToString(CultureInfo.InvariantCulture), before, View(key, f), f.WithdrawReason, now, ct);
        await tx.CommitAsync(ct);
        return View(key, f);
    }

    /// <summary>Checks a finding without storing it (the page's preview and <see cref="AttachAsync"/>).</summary>
    /// <param name="input">The finding.</param>
    /// <returns>An unsaved entity (no source, no attacher).</returns>
    /// <exception cref="DataSourceException">400 naming the field.</exception>
    public static DataSourceFinding Validate(FindingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var domain = input.Domain?.Trim();
        var cause = input.Cause?.Trim();
        if (FindingCause.Check(domain, cause) is { } why) throw new DataSourceException(400, domain is null || !FindingCause.Domains.Contains(domain) ? "domain" : "cause", why);
        var figure = string.IsNullOrWhiteSpace(input.Figure) ? VerificationFigures.Main(domain)! : input.Figure.Trim();
        if (FindingCause.CheckFigure(domain!, figure) is { } bad) throw new DataSourceException(400, "figure", bad);
        var from = Time(input.From, "from") ?? throw new DataSourceException(400, "from", "from is required (ISO-8601 with offset, e.g. 2019-03-01T00:00:00+08:00)");
        var to = Time(input.To, "to");
        if (to is { } t && t < from) throw new DataSourceException(400, "to", "to is before from");
        if (input.Stations is not { } stations || stations < 0) throw new DataSourceException(400, "stations", "stations must be a whole number ≥ 0");
        if (input.Rows is not { } rows || rows < 0) throw new DataSourceException(400, "rows", "rows must be a whole number ≥ 0");
        var summary = input.Summary?.Trim();
        if (string.IsNullOrEmpty(summary)) throw new DataSourceException(400, "summary", "summary is required");
        var summaryEn = (input.SummaryEn ?? input.SummaryEnContract)?.Trim() ?? "";
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        foreach (var (field, text) in new[] { ("summary", summary), ("summary_en", summaryEn), ("note", note ?? "") })
            if (text.Length > DataSourceFinding.TextLength) throw new DataSourceException(400, field, $"{field} is longer than {DataSourceFinding.TextLength} characters");
        return new DataSourceFinding
        {
            Domain = domain!, Cause = cause!, Figure = figure, From = from.ToUniversalTime(), To = to?.ToUniversalTime(), Stations = stations, Rows = rows,
            Summary = summary, SummaryEn = summaryEn, Note = note, AttachedBy = "",
        };
    }

    private static DateTimeOffset? Time(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (!ExplicitOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            throw new DataSourceException(400, field, $"{field} must be ISO-8601 with an explicit offset (e.g. 2019-03-01T00:00:00+08:00), not '{text}'");
        return t;
    }

    private static (string Name, string Publisher, string? Url, string Formats, string? Notes) Check(DataSourceInput input)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > DataSource.NameLength) throw new DataSourceException(400, "name", $"name is required (≤ {DataSource.NameLength} characters)");
        var publisher = input.Publisher?.Trim();
        if (string.IsNullOrEmpty(publisher) || publisher.Length > DataSource.NameLength) throw new DataSourceException(400, "publisher", $"publisher is required (≤ {DataSource.NameLength} characters)");
        var url = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim();
        if (url is not null && (url.Length > DataSource.UrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
            throw new DataSourceException(400, "url", $"url must be an http or https address (≤ {DataSource.UrlLength} characters)");
        var formats = (input.Formats ?? []).Select(f => f?.Trim() ?? "").Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (formats.Any(f => f.Length > 32 || f.Contains(',', StringComparison.Ordinal))) throw new DataSourceException(400, "formats", "each format is ≤ 32 characters without commas");
        var joined = string.Join(',', formats);
        if (joined.Length > DataSource.FormatsLength) throw new DataSourceException(400, "formats", $"formats together are longer than {DataSource.FormatsLength} characters");
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes?.Length > DataSource.NotesLength) throw new DataSourceException(400, "notes", $"notes are longer than {DataSource.NotesLength} characters");
        return (name, publisher, url, joined, notes);
    }

    private static string Cut(string name) => name.Length > DataSource.ByLength ? name[..DataSource.ByLength] : name;

    private static object Snapshot(DataSource s) => new { s.Key, s.Name, s.Publisher, s.Url, s.Formats, s.Notes };

    private static DataSourceView View(DataSource s, int active, int withdrawn) =>
        new(s.Key, s.Name, s.Publisher, s.Url, s.Formats.Length == 0 ? [] : s.Formats.Split(','), s.Notes, s.CreatedBy, BeijingTime.ToBeijing(s.CreatedAt),
            s.UpdatedBy, s.UpdatedAt is { } u ? BeijingTime.ToBeijing(u) : null, active, withdrawn);

    /// <summary>A finding as read.</summary>
    /// <param name="key">Its source's key.</param>
    /// <param name="f">The row.</param>
    public static FindingView View(string key, DataSourceFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, key, f.Domain, f.Cause, f.Figure, BeijingTime.ToBeijing(f.From), f.To is { } t ? BeijingTime.ToBeijing(t) : null, f.Stations, f.Rows, f.Summary,
            f.SummaryEn, f.Note, f.State, f.AttachedBy, BeijingTime.ToBeijing(f.AttachedAt), f.WithdrawnBy,
            f.WithdrawnAt is { } w ? BeijingTime.ToBeijing(w) : null, f.WithdrawReason);
    }
}
