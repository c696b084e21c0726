using Microsoft.EntityFrameworkCore;
using SmartEnv.Complaints.Intake;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Open311;

/// <summary>
/// The GeoReport v2 requests over the store (http://wiki.open311.org/GeoReport_v2; docs/complaints.md "Open311 GeoReport v2
/// (P5)"): <see cref="SubmitAsync"/> files a case through the intake (<c>ComplaintIntakeService.SubmitAsync</c>:
/// the same validation, numbering, deadlines and audit as the public form), <see cref="FindAsync"/> and
/// <see cref="GetAsync"/> answer the cases filed through Open311 (source <c>open311:…</c>) and only them, as
/// <see cref="Open311Case"/> (no text, reporter or photos). Works on an UNRESTRICTED context (the complaint tables are
/// readable only with <c>DataScope.All</c>); the projection is what keeps the public out of everything else. Not
/// thread-safe (one per request, like its context).
/// </summary>
/// <param name="db">Unrestricted context (<c>SmartEnvStore.CreateContext()</c>).</param>
/// <param name="time">Clock.</param>
/// <param name="rules">Complaint rules; default <see cref="ComplaintRules.Default"/>.</param>
public sealed class Open311Service(SmartEnvDbContext db, TimeProvider time, ComplaintRules? rules = null)
{
    private readonly ComplaintRules _rules = rules ?? ComplaintRules.Default;

    /// <summary>Files a request: checks the key (403 when missing, unknown or disabled), parses the form
    /// (<see cref="Open311Requests.ParsePost"/>), submits it as client <c>open311:NAME</c> and answers the spec's
    /// created-request list.</summary>
    /// <param name="form">Form fields.</param>
    /// <param name="lang">Language of the notice.</param>
    /// <param name="clientAddress">Remote address of the HTTP request (audited), or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="Open311Exception">403, 400 or 404 as the spec says; an intake refusal is a 400 naming the spec's argument.</exception>
    public async Task<Open311List> SubmitAsync(IReadOnlyDictionary<string, string?[]> form, Open311Language lang, string? clientAddress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var key = form.TryGetValue("api_key", out var keys) && keys.Length == 1 ? keys[0]?.Trim() : null;
        if (string.IsNullOrEmpty(key)) throw new Open311Exception(403, "api_key: missing; request a key from the bureau (discovery.json key_service)");
        var client = await Open311ApiKeys.VerifyAsync(db, key, ct) ?? throw new Open311Exception(403, "api_key: invalid or disabled key -- can't proceed with create_request");
        var post = Open311Requests.ParsePost(form, _rules.TextMaxChars);
        var submission = Open311Requests.ToSubmission(post, client);
        try
        {
            var receipt = await new ComplaintIntakeService(db, time, _rules).SubmitAsync(submission, [],
                new AuditActor(AuditActorKind.Token, Open311Requests.SourcePrefix + client, clientAddress), ct);
            return Open311Requests.Created(receipt, lang);
        }
        catch (ComplaintInputException e)
        {
            throw new Open311Exception(400, Open311Requests.ArgumentOf(e.Field) + ": " + e.Reason);
        }
    }

    /// <summary>The Open311 cases a query asks for, newest first, at most <see cref="Open311Requests.MaxResults"/>.</summary>
    /// <param name="q">The query.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<Open311Case>> FindAsync(Open311Query q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        var rows = Open311Rows();
        if (q.Ids is not null)
        {
            var ids = q.Ids.ToList();
            rows = rows.Where(c => ids.Contains(c.Number));
        }
        else
        {
            var from = q.From.ToUniversalTime();
            var to = q.To.ToUniversalTime();
            rows = rows.Where(c => c.RegisteredAt >= from && c.RegisteredAt <= to);
            if (q.ServiceCodes is { } codes)
            {
                var list = codes.ToList();
                rows = rows.Where(c => c.Types.Any(t => list.Contains(t.Code)));
            }
        }
        var found = await rows.OrderByDescending(c => c.RegisteredAt).ThenByDescending(c => c.Id).ToListAsync(ct);
        var cases = await CasesAsync(found, ct);
        return cases.Where(c => q.Statuses is null || q.Statuses.Contains(Open311Requests.Status(c.State)))
            .Take(Open311Requests.MaxResults).ToList();
    }

    /// <summary>One Open311 case by number, or null (no such case, or not filed through Open311).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Open311Case?> GetAsync(string number, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        var row = await Open311Rows().FirstOrDefaultAsync(c => c.Number == number, ct);
        return row is null ? null : (await CasesAsync([row], ct))[0];
    }

    private IQueryable<Complaint> Open311Rows() =>
        db.Complaints.AsNoTracking().Include(c => c.Types).Where(c => c.SourceRef != null && c.SourceRef.StartsWith(Open311Requests.SourcePrefix));

    /// <summary>Projects rows; a merged case shows its master's state, reply, dates and assignee (the chain is followed
    /// to its end, at most 10 steps).</summary>
    private async Task<List<Open311Case>> CasesAsync(List<Complaint> rows, CancellationToken ct)
    {
        var masters = new Dictionary<long, Complaint>();
        var pending = rows.Where(r => r.State == StoredComplaintState.Merged && r.MergedIntoId is not null).Select(r => r.MergedIntoId!.Value).ToHashSet();
        for (var step = 0; step < 10 && pending.Count > 0; step++)
        {
            var ids = pending.ToList();
            var found = await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
            foreach (var m in found) masters[m.Id] = m;
            pending = found.Where(m => m.State == StoredComplaintState.Merged && m.MergedIntoId is { } next && !masters.ContainsKey(next))
                .Select(m => m.MergedIntoId!.Value).ToHashSet();
        }
        return rows.Select(r =>
        {
            var m = r;
            for (var step = 0; step < 10 && m.State == StoredComplaintState.Merged && m.MergedIntoId is { } next && masters.TryGetValue(next, out var master); step++)
                m = master;
            return new Open311Case(r.Number, State(m.State), r.Types.Select(t => t.Code).Order(StringComparer.Ordinal).ToList(), r.RegisteredAt,
                m.UpdatedAt > r.UpdatedAt ? m.UpdatedAt : r.UpdatedAt, m.AcceptanceDue, m.HandlingDue, m.ReviewDue, m.AssigneeName, m.Reply,
                m.NotAcceptedReason?.ToString(), m.NotAcceptedNote, r.StreetCode, r.Latitude, r.Longitude);
        }).ToList();
    }

    private static ComplaintState State(StoredComplaintState s) => Enum.Parse<ComplaintState>(s.ToString());
}
