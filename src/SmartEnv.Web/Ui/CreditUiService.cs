using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Credit;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Web.Ui;

/// <summary>One enterprise on the public red or black list.</summary>
/// <param name="Uscc">统一社会信用代码.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="Grade">Current grade (诚信 on the red list, 不良 on the black list).</param>
public sealed record CreditListRow(string Uscc, string Name, StoredCreditGrade Grade);

/// <summary>
/// View models and actions of the 环境信用 pages (issue 19 P5) over <see cref="CreditService"/>: latest evaluations with
/// their lines and evidence, staff adjustment with a reason, repair review; the public red list (环保诚信) and black list
/// (环保不良) from the current grades (<see cref="CreditGrades"/>) on an unscoped context, enterprise name, USCC and grade
/// only. Grade colours follow credit-rules.tsv: 诚信 green, 良好 blue, 警示 yellow, 不良 red. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The circuit's scoped context.</param>
/// <param name="store">The store (unscoped public reads).</param>
/// <param name="time">Clock.</param>
public sealed class CreditUiService(SmartEnvDbContext db, SmartEnvStore store, TimeProvider time)
{
    /// <summary>The AntDesign tag colour of a grade: green, blue, gold, red.</summary>
    /// <param name="grade">A grade.</param>
    public static string Colour(StoredCreditGrade grade) => grade switch
    {
        StoredCreditGrade.Trustworthy => "green",
        StoredCreditGrade.Good => "blue",
        StoredCreditGrade.Warning => "gold",
        _ => "red",
    };

    /// <summary>The zh name of a credit item (credit-rules.tsv), the code when unknown.</summary>
    /// <param name="code">Item code.</param>
    public static string ItemName(string code) => CreditRules.Default.TryGetItem(code, out var i) && SmartEnvUi.IsChinese ? i!.NameZh : code;

    /// <summary>The latest evaluation of every (USCC, year), newest year first, with names.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<(IReadOnlyList<CreditEvaluationRecord> Rows, IReadOnlyDictionary<string, string> Names)> EvaluationsAsync(CancellationToken ct = default)
    {
        var latest = await new CreditService(db, time).LatestPerEnterpriseAsync(null, ct);
        return (latest, await InspectionsUiService.NamesAsync(db, latest.Select(e => e.Uscc), ct));
    }

    /// <summary>The latest evaluation of (USCC, year) with lines and evidence, or null.</summary>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="year">Year.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<StoredEvaluation?> EvaluationAsync(string uscc, int year, CancellationToken ct = default) => new CreditService(db, time).LatestAsync(uscc, year, ct);

    /// <summary>Adds an adjustment; returns an error text or null.</summary>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="year">Year.</param>
    /// <param name="delta">Points as typed (signed, multiple of 0.5).</param>
    /// <param name="reason">Why.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> AdjustAsync(string uscc, int year, string delta, string reason, AuditActor actor, CancellationToken ct = default)
    {
        if (!decimal.TryParse(delta?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return Texts.Credit.ErrDelta;
        try { await new CreditService(db, time).AdjustAsync(uscc, year, d, reason ?? "", actor, ct); return null; }
        catch (CreditException e) { return Texts.Credit.Refused(e.Message); }
    }

    /// <summary>Repair applications (of <paramref name="uscc"/>, or all the caller's scope sees), open ones first, then
    /// newest, with their histories (<see cref="CreditService.RepairsAsync"/>, <see cref="CreditService.RepairHistoriesAsync"/>).</summary>
    /// <param name="uscc">The enterprise or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(IReadOnlyList<CreditRepairApplication> Rows, IReadOnlyDictionary<long, IReadOnlyList<CreditRepairEvent>> History)> RepairsAsync(string? uscc = null, CancellationToken ct = default)
    {
        var s = new CreditService(db, time);
        var rows = await s.RepairsAsync(uscc, ct);
        return (rows, await s.RepairHistoriesAsync([.. rows.Select(r => r.Id)], ct));
    }

    /// <summary>Runs an evaluation of (USCC, year as typed); returns an error text or null.</summary>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="year">Year as typed.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> EvaluateAsync(string? uscc, string? year, AuditActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(uscc)) return Texts.Credit.ErrUscc;
        if (!int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100) return Texts.Credit.ErrYear;
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc.Trim(), ct)) return Texts.Credit.Refused(uscc.Trim());
        try { await new CreditService(db, time).EvaluateAsync(uscc.Trim(), y, actor, ct); return null; }
        catch (CreditException e) { return Texts.Credit.Refused(e.Message); }
    }

    /// <summary>The black-list row of <paramref name="uscc"/> today (Beijing), or null (<see cref="CreditService.BlackListingAsync"/>).</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<CreditListing?> BlackListingAsync(string uscc, CancellationToken ct = default) =>
        new CreditService(db, time).BlackListingAsync(uscc, BeijingTime.Date(time.GetUtcNow()), ct);

    /// <summary>The enterprise applies for repair of its black-list information (severity and first day of the listing);
    /// returns an error text or null.</summary>
    /// <param name="listing">The listing (<see cref="BlackListingAsync"/>).</param>
    /// <param name="evidence">Rectification evidence.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> ApplyRepairAsync(CreditListing listing, string? evidence, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var s = new CreditService(db, time);
        var severity = CreditNames.To<StoredCreditInfoSeverity>(s.Rules.BlackList.Severity);
        try { await s.ApplyRepairAsync(listing.Uscc, listing.InfoRecordId, severity, listing.PublishedOn, evidence?.Trim() ?? "", actor, ct); return null; }
        catch (CreditException e) { return Texts.Credit.Refused(e.Message); }
    }

    /// <summary>Moves an application; returns an error text or null.</summary>
    /// <param name="id">Application.</param>
    /// <param name="trigger">Step.</param>
    /// <param name="note">Note or null.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> FireAsync(long id, CreditRepairTrigger trigger, string? note, AuditActor actor, CancellationToken ct = default)
    {
        try { await new CreditService(db, time).FireRepairAsync(id, trigger, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor, ct); return null; }
        catch (CreditException e) { return Texts.Credit.Refused(e.Message); }
    }

    /// <summary>The public red list (诚信) and black list (不良) of today (Beijing), in USCC order, from an unscoped context:
    /// <see cref="CreditService.PublicListsAsync"/> (publication periods and approved repairs applied there).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<(IReadOnlyList<CreditListRow> Red, IReadOnlyList<CreditListRow> Black)> PublicListsAsync(CancellationToken ct = default)
    {
        await using var u = store.CreateContext();
        var lists = await new CreditService(u, time).PublicListsAsync(BeijingTime.Date(time.GetUtcNow()), ct);
        static List<CreditListRow> Of(IReadOnlyList<CreditListing> rows) => [.. rows.Select(r => new CreditListRow(r.Uscc, r.Name, r.Grade))];
        return (Of(lists.Red), Of(lists.Black));
    }
}
