using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Storage.Entities;
using SmartEnv.Supervision.Credit;
using SmartEnv.Supervision.Monitoring;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Credit;

/// <summary>One evidence record found in the store for an evaluation. Immutable; thread-safe.</summary>
/// <param name="Finding">The item, the record id and its occurrences.</param>
/// <param name="Kind">The kind of record.</param>
public sealed record CreditEvidenceRecord(CreditFinding Finding, StoredCreditEvidenceKind Kind);

/// <summary>A stored evaluation with its lines and evidence. Immutable; thread-safe.</summary>
/// <param name="Evaluation">The row.</param>
/// <param name="Lines">Lines in table order (deductions, bonuses, vetoes), each with its evidence.</param>
public sealed record StoredEvaluation(CreditEvaluationRecord Evaluation, IReadOnlyList<CreditEvaluationLine> Lines);

/// <summary>One enterprise on a public list (<see cref="CreditService.PublicListsAsync"/>). Immutable; thread-safe.</summary>
/// <param name="Uscc">The enterprise.</param>
/// <param name="Name">Its name (the USCC when the enterprise row is missing).</param>
/// <param name="Grade">Its current grade (诚信 on the red list, 不良 on the black list).</param>
/// <param name="Year">The year of its latest evaluation.</param>
/// <param name="InfoRecordId">The record that set the grade: <c>E</c> + evaluation id or <c>G</c> + grade-event id — the
/// information a repair application names.</param>
/// <param name="PublishedOn">First Beijing day published (the day that record was stored).</param>
/// <param name="LastDay">Black list: the last day of the longest publication period (gone the day after); red list: null.</param>
public sealed record CreditListing(string Uscc, string Name, StoredCreditGrade Grade, int Year, string InfoRecordId, DateOnly PublishedOn, DateOnly? LastDay);

/// <summary>The public red and black lists on one day, each in USCC order. Immutable; thread-safe.</summary>
/// <param name="Red">红名单: current grade 环保诚信.</param>
/// <param name="Black">黑名单: current grade 环保不良, still within the publication period and not repaired.</param>
public sealed record CreditPublicLists(IReadOnlyList<CreditListing> Red, IReadOnlyList<CreditListing> Black);

/// <summary>
/// The annual environmental-credit evaluation from the evidence in the store (issue 19 P4; rules
/// <see cref="CreditEvaluation"/>, credit-rules.tsv). Evidence of an enterprise for a year (Beijing calendar year):
/// <list type="bullet">
/// <item>penalties: <c>enforcement_cases</c> decided (status decided, executed or closed) with the decision day in the
/// year → the case's credit item (default <c>management.penalty</c>), evidence id = the case number;</item>
/// <item>inspection findings: problem findings with a credit item, of records inspected in the year → that item, evidence
/// id <c>F</c> + finding id;</item>
/// <item>rectification orders followed up as not rectified in the year → <see cref="UnfinishedOrderItem"/>, evidence id
/// <c>R</c> + order id;</item>
/// <item>outlet exceedances: <c>source_exceedances</c> hours of the enterprise's sites in the year not covered by an accepted
/// 异常说明 (<c>explanation_id</c> null), one occurrence per (outlet site, pollutant, Beijing day) — the unit of the rule
/// row <c>pollution.exceedance</c> — evidence id <c>X</c> + the id of that day's first exceeding hour;</item>
/// <item>complaints about the enterprise (reported USCC) registered in the year, verified 属实 (<c>true</c>; 部分属实 is not
/// counted, SmartEnv rule [U]) and not merged into another case → <see cref="VerifiedComplaintItem"/>, evidence id = the
/// case number;</item>
/// <item>有效传输率 per outlet-month below <c>rate.pass_mark</c> → <see cref="TransmissionItem"/>, evidence id
/// outlet code/yyyy-MM (see <c>TransmissionEvidenceAsync</c>);</item>
/// <item>hazardous-waste non-compliance → <see cref="HazardousWasteItem"/>: over-limit storage of a 经营单位's container
/// (<c>C</c> + id) and manifests received but not confirmed by their receipt due day (the manifest number).</item>
/// </list>
/// Not read yet: noise exceedance days, overdue hazardous-waste declarations, emergencies; staff enter them as
/// adjustments until then. Staff
/// adjustments of the (USCC, year) are counted in. Each evaluation is a new row (never changed) with its lines and evidence, and one audit entry (<c>credit.evaluate</c>; target <see cref="TargetCredit"/>,
/// id <c>USCC/year</c>); an adjustment (<c>credit.adjust</c>, reason in the entry) stores itself and a new evaluation.
/// Event-driven grade changes (<c>credit.grade_event</c>) and credit repair (<c>credit.repair.*</c>) are audited too.
/// Staff or job scope. Not thread-safe (one per unit of work).
/// </summary>
/// <param name="db">The context (staff or job scope).</param>
/// <param name="time">Clock.</param>
/// <param name="rules">Credit rules; default <see cref="CreditRules.Default"/>.</param>
public sealed class CreditService(SmartEnvDbContext db, TimeProvider time, CreditRules? rules = null)
{
    /// <summary>Audit target type of evaluations, adjustments and grade events (id = USCC/year or USCC).</summary>
    public const string TargetCredit = "credit";

    /// <summary>Audit target type of repair applications (id = application id).</summary>
    public const string TargetRepair = "credit_repair";

    /// <summary>Item of a rectification order not completed: <c>management.order</c>.</summary>
    public const string UnfinishedOrderItem = "management.order";

    /// <summary>Item of a verified outlet exceedance: <c>pollution.exceedance</c>.</summary>
    public const string ExceedanceItem = "pollution.exceedance";

    /// <summary>Item of an outlet-month below the 有效传输率 pass mark: <c>pollution.transmission</c>.</summary>
    public const string TransmissionItem = "pollution.transmission";

    /// <summary>Item of a hazardous-waste non-compliance: <c>pollution.hazardous_waste</c>.</summary>
    public const string HazardousWasteItem = "pollution.hazardous_waste";

    /// <summary>Item of a verified complaint: <c>social.complaint</c>.</summary>
    public const string VerifiedComplaintItem = "social.complaint";

    private readonly CreditRules _rules = rules ?? CreditRules.Default;

    /// <summary>The rules used.</summary>
    public CreditRules Rules => _rules;

    // ------------------------------------------------------------------ evidence and evaluation

    /// <summary>The evidence of <paramref name="uscc"/> for <paramref name="year"/> (see the class remarks), penalties first,
    /// then findings, orders, exceedance days and complaints, each in id order, then outlet-months below the 有效传输率 pass
    /// mark (outlet code, month) and hazardous-waste non-compliance (containers, then manifests, in id order).</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="year">The year.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<CreditEvidenceRecord>> EvidenceAsync(string uscc, int year, CancellationToken ct = default)
    {
        var jan1 = new DateOnly(year, 1, 1);
        var next = jan1.AddYears(1);
        var from = BeijingTime.DayStart(jan1);
        var to = BeijingTime.DayStart(next);
        var list = new List<CreditEvidenceRecord>();

        var decided = new[] { StoredEnforcementStatus.Decided, StoredEnforcementStatus.Executed, StoredEnforcementStatus.Closed };
        var cases = await db.EnforcementCases.AsNoTracking()
            .Where(c => c.Uscc == uscc && decided.Contains(c.Status) && c.DecidedOn >= jan1 && c.DecidedOn < next)
            .OrderBy(c => c.Id).Select(c => new { c.CaseNumber, c.CreditItemCode }).ToListAsync(ct);
        list.AddRange(cases.Select(c => Evidence(c.CreditItemCode, c.CaseNumber)));

        var records = await db.InspectionRecords.AsNoTracking().Where(r => r.Uscc == uscc).Select(r => new { r.Id, r.InspectedAt }).ToListAsync(ct);
        var inYear = records.Where(r => r.InspectedAt >= from && r.InspectedAt < to).Select(r => r.Id).ToList();
        var findings = await db.InspectionFindings.AsNoTracking()
            .Where(f => inYear.Contains(f.RecordId) && f.Outcome == StoredFindingOutcome.Problem && f.CreditItemCode != null)
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.CreditItemCode }).ToListAsync(ct);
        list.AddRange(findings.Select(f => Evidence(f.CreditItemCode!, "F" + f.Id.ToString(CultureInfo.InvariantCulture))));

        var allRecords = records.Select(r => r.Id).ToList();
        var orders = await db.RectificationOrders.AsNoTracking()
            .Where(o => o.FollowUpResult == StoredFollowUpResult.NotRectified && o.FollowUpOn >= jan1 && o.FollowUpOn < next
                        && db.InspectionFindings.Any(f => f.Id == o.FindingId && allRecords.Contains(f.RecordId)))
            .OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        list.AddRange(orders.Select(id => Evidence(UnfinishedOrderItem, "R" + id.ToString(CultureInfo.InvariantCulture))));

        var sites = await db.Sites.AsNoTracking().Where(x => x.EnterpriseUscc == uscc).Select(x => x.Id).ToListAsync(ct);
        var hours = await db.SourceExceedances.AsNoTracking()
            .Where(x => sites.Contains(x.SiteId) && x.ExplanationId == null && x.HourStart >= from && x.HourStart < to)
            .Select(x => new { x.Id, x.SiteId, x.ParameterCode, x.HourStart }).ToListAsync(ct);
        list.AddRange(hours.GroupBy(x => (x.SiteId, x.ParameterCode, Day: BeijingTime.Date(x.HourStart))).Select(g => g.Min(x => x.Id)).Order()
            .Select(id => Evidence(ExceedanceItem, "X" + id.ToString(CultureInfo.InvariantCulture))));

        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ReportedUscc == uscc && c.Verification == StoredVerification.True && c.MergedIntoId == null)
            .Select(c => new { c.Id, c.Number, c.RegisteredAt }).ToListAsync(ct);
        list.AddRange(complaints.Where(c => c.RegisteredAt >= from && c.RegisteredAt < to).OrderBy(c => c.Id).Select(c => Evidence(VerifiedComplaintItem, c.Number)));

        list.AddRange(await TransmissionEvidenceAsync(uscc, jan1, next, ct));
        list.AddRange(await HazardousWasteEvidenceAsync(uscc, jan1, next, ct));
        return list;
    }

    /// <summary>One <see cref="TransmissionItem"/> per outlet-month of the year whose 有效传输率 — Σ of the month's
    /// <c>source_day_rates</c> counts through <see cref="TransmissionRates.Of"/> with <see cref="SourceRuleFile.Default"/>,
    /// as the monitoring API's month rates — is below <c>rate.pass_mark</c> (0.75); evidence id = outlet code + "/" +
    /// yyyy-MM. A month whose days expect hours but received none (传输率 0, 有效率 undefined so the product is null) is
    /// below the mark; a month without day rows, or with nothing expected (all excused), gives no evidence.</summary>
    private async Task<IEnumerable<CreditEvidenceRecord>> TransmissionEvidenceAsync(string uscc, DateOnly jan1, DateOnly next, CancellationToken ct)
    {
        var rules = SourceRuleFile.Default;
        var outlets = await db.Sites.AsNoTracking().Where(x => x.EnterpriseUscc == uscc && x.Kind == SiteKind.Source).Select(x => new { x.Id, x.Code }).ToListAsync(ct);
        var ids = outlets.Select(o => o.Id).ToList();
        var days = await db.SourceDayRates.AsNoTracking().Where(x => ids.Contains(x.SiteId) && x.Day >= jan1 && x.Day < next)
            .Select(x => new { x.SiteId, x.Day, x.Expected, x.Received, x.Valid }).ToListAsync(ct);
        var codes = outlets.ToDictionary(o => o.Id, o => o.Code);
        return days.GroupBy(x => (x.SiteId, x.Day.Month)).OrderBy(g => codes[g.Key.SiteId], StringComparer.Ordinal).ThenBy(g => g.Key.Month)
            .Where(g =>
            {
                var r = TransmissionRates.Of(new RateCounts(g.Sum(x => x.Expected), g.Sum(x => x.Received), g.Sum(x => x.Valid)), rules);
                return r.Effective is { } e ? e < rules.PassMark : r.Transmission == 0m;
            })
            .Select(g => Evidence(TransmissionItem, $"{codes[g.Key.SiteId]}/{jan1.Year:D4}-{g.Key.Month:D2}")).ToList();
    }

    /// <summary>Hazardous-waste non-compliance of the year (<see cref="HazardousWasteItem"/>, docs/credit.md): (1) each
    /// container of a 经营单位 (<c>hw_parties.is_business_unit</c>) whose storage age (<see cref="StorageAge.Days"/>) first
    /// passed <c>storage.limit_days</c> (365, 固废法 Art. 81 [P†]) on a day of the year while still stored — evidence id
    /// <c>C</c> + container id; generators' over-year containers are a warning in the waste module, not counted; (2) each
    /// manifest received by the enterprise whose receipt due day (<c>receipt_due</c>) falls in the year and is over, and
    /// which was not confirmed by that day — evidence id = the manifest number.</summary>
    private async Task<IEnumerable<CreditEvidenceRecord>> HazardousWasteEvidenceAsync(string uscc, DateOnly jan1, DateOnly next, CancellationToken ct)
    {
        var list = new List<CreditEvidenceRecord>();
        var today = BeijingTime.Date(time.GetUtcNow());
        var limit = WasteRules.Default.StorageLimitDays;
        if (await db.WasteParties.AsNoTracking().AnyAsync(p => p.Uscc == uscc && p.IsBusinessUnit, ct))
        {
            var containers = await db.WasteContainers.AsNoTracking().Where(c => c.Uscc == uscc && c.StoredAt != null)
                .Select(c => new { c.Id, StoredAt = c.StoredAt!.Value, c.LeftAt }).ToListAsync(ct);
            foreach (var c in containers.OrderBy(c => c.Id))
            {
                // Age limit + 1 is first reached on this Beijing day (StorageAge.Days counts whole Beijing days).
                var over = BeijingTime.Date(c.StoredAt).AddDays(limit + 1);
                if (over < jan1 || over >= next || over > today) continue;
                if (c.LeftAt is { } left && StorageAge.Days(c.StoredAt, left) <= limit) continue;
                list.Add(Evidence(HazardousWasteItem, "C" + c.Id.ToString(CultureInfo.InvariantCulture)));
            }
        }
        var manifests = await db.WasteManifests.AsNoTracking()
            .Where(m => m.ReceiverUscc == uscc && m.ReceiptDue != null && m.ReceiptDue >= jan1 && m.ReceiptDue < next && m.ReceiptDue < today)
            .Select(m => new { m.Id, m.Number, Due = m.ReceiptDue!.Value, m.ConfirmedAt }).ToListAsync(ct);
        list.AddRange(manifests.Where(m => m.ConfirmedAt is not { } at || BeijingTime.Date(at) > m.Due).OrderBy(m => m.Id).Select(m => Evidence(HazardousWasteItem, m.Number)));
        return list;
    }

    private CreditEvidenceRecord Evidence(string item, string id) =>
        new(new CreditFinding(item, id), _rules.TryGetItem(item, out var i) ? CreditNames.To<StoredCreditEvidenceKind>(i!.Evidence) : StoredCreditEvidenceKind.Other);

    /// <summary>Evaluates <paramref name="uscc"/> for <paramref name="year"/> from the stored evidence and adjustments and
    /// stores the evaluation (a new row) with one audit entry.</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="year">The year.</param>
    /// <param name="actor">Who (stored as evaluated-by).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored evaluation.</returns>
    /// <exception cref="CreditException">400 a stored record names no item of the rules (message names it).</exception>
    public async Task<StoredEvaluation> EvaluateAsync(string uscc, int year, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var evidence = await EvidenceAsync(uscc, year, ct);
        var adjustments = await AdjustmentsAsync(uscc, year, ct);
        var result = Evaluate(evidence, adjustments);
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var stored = await StoreAsync(uscc, year, result, evidence, actor, now, ct);
        await AuditTrail.AppendAsync(db, actor, "credit.evaluate", TargetCredit, Key(uscc, year), null, Summary(stored.Evaluation, stored.Lines), null, now, ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>Adds a staff adjustment to the (USCC, year) and stores a new evaluation counting it, with one audit entry
    /// (before/after score and grade, the reason).</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="year">The year.</param>
    /// <param name="delta">Signed points, a non-zero multiple of 0.5.</param>
    /// <param name="reason">Why (required, ≤ 1024).</param>
    /// <param name="actor">Who (stored as the staff id).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The new evaluation.</returns>
    /// <exception cref="CreditException">400 zero or off-grid delta, blank or long reason.</exception>
    public async Task<StoredEvaluation> AdjustAsync(string uscc, int year, decimal delta, string reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > CreditAdjustmentRecord.ReasonLength) throw new CreditException(400, "reason: required, ≤ 1024 characters");
        var staff = Cut(actor.Name, CreditEvaluationRecord.NameLength);
        var evidence = await EvidenceAsync(uscc, year, ct);
        var adjustments = (await AdjustmentsAsync(uscc, year, ct)).Append(new CreditAdjustment(delta, reason, staff)).ToList();
        var result = Evaluate(evidence, adjustments);
        var before = await db.CreditEvaluations.AsNoTracking().Where(e => e.Uscc == uscc && e.Year == year).OrderByDescending(e => e.Id)
            .Select(e => new { score = e.Score, grade = e.Grade }).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.CreditAdjustments.Add(new CreditAdjustmentRecord { Uscc = uscc, Year = year, Delta = delta, Reason = reason, StaffId = staff, At = now });
        var stored = await StoreAsync(uscc, year, result, evidence, actor, now, ct);
        await AuditTrail.AppendAsync(db, actor, "credit.adjust", TargetCredit, Key(uscc, year), before,
            new { delta, score = stored.Evaluation.Score, grade = stored.Evaluation.Grade, evaluation = stored.Evaluation.Id }, reason, now, ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>The latest stored evaluation of (USCC, year) with its lines and evidence, or null.</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="year">The year.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<StoredEvaluation?> LatestAsync(string uscc, int year, CancellationToken ct = default)
    {
        var e = await db.CreditEvaluations.AsNoTracking().Where(x => x.Uscc == uscc && x.Year == year).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var lines = await db.CreditEvaluationLines.AsNoTracking().Include(l => l.Evidence).Where(l => l.EvaluationId == e.Id).OrderBy(l => l.Id).ToListAsync(ct);
        foreach (var l in lines) l.Evidence.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return new StoredEvaluation(e, lines);
    }

    /// <summary>The latest stored evaluation of every (USCC, year) — of <paramref name="year"/> only when given — newest year
    /// first, then by USCC (ordinal); "latest" is the highest id (each evaluation and adjustment stores a new row). The one
    /// list of latest evaluations, used by the staff page and <c>GET /api/credit/evaluations</c>.</summary>
    /// <param name="year">The year, or null for all years.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<CreditEvaluationRecord>> LatestPerEnterpriseAsync(int? year = null, CancellationToken ct = default)
    {
        var q = db.CreditEvaluations.AsNoTracking();
        if (year is { } y) q = q.Where(e => e.Year == y);
        var ids = await q.GroupBy(e => new { e.Uscc, e.Year }).Select(g => g.Max(e => e.Id)).ToListAsync(ct);
        var rows = await db.CreditEvaluations.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        return [.. rows.OrderByDescending(e => e.Year).ThenBy(e => e.Uscc, StringComparer.Ordinal)];
    }

    /// <summary>The current grade (<see cref="CreditGrades"/>), or null when never evaluated.</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<StoredCreditGrade?> CurrentGradeAsync(string uscc, CancellationToken ct = default) =>
        (await CreditGrades.CurrentAsync(db, [uscc], ct)).TryGetValue(uscc, out var g) ? g : null;

    // ------------------------------------------------------------------ public lists

    /// <summary>
    /// The public red and black lists on <paramref name="date"/> (Beijing day) — the one place "on the list" is computed,
    /// used by the API and the pages. An enterprise is on the red list when its current grade
    /// (<see cref="CreditGrades.CurrentSourcesAsync"/>) is 环保诚信. It is on the black list when its current grade is
    /// 环保不良 and the information that set it (the evaluation or grade event, published on the Beijing day it was
    /// stored, severity of the rule row <c>list.black</c>) is still published on <paramref name="date"/>: not after the last
    /// day of the longest period (<see cref="CreditRepair.Window"/>: published 2025-03-01, 严重 36 months → last day
    /// 2028-03-01, gone from 2028-03-02) and not repaired (no approved repair application of the enterprise naming that
    /// record with a decision day on or before <paramref name="date"/> — off the list the day of approval). A later
    /// evaluation or event that sets 不良 again is new information and is listed anew. The grade is the current one,
    /// whatever <paramref name="date"/> is: the day only moves the publication periods and repairs.
    /// </summary>
    /// <param name="date">The Beijing day.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The lists; the context must see all credit rows (the public API and page pass an unscoped context).</returns>
    public async Task<CreditPublicLists> PublicListsAsync(DateOnly date, CancellationToken ct = default)
    {
        var usccs = await db.CreditEvaluations.AsNoTracking().Select(e => e.Uscc).Distinct().ToListAsync(ct);
        var current = await CreditGrades.CurrentSourcesAsync(db, usccs, ct);
        var wanted = current.Where(kv => kv.Value.Grade is StoredCreditGrade.Trustworthy or StoredCreditGrade.Poor).Select(kv => kv.Key).ToList();
        var names = await db.Enterprises.AsNoTracking().Where(x => wanted.Contains(x.Uscc)).Select(x => new { x.Uscc, x.Name }).ToListAsync(ct);
        var name = names.ToDictionary(x => x.Uscc, x => x.Name, StringComparer.Ordinal);
        var repaired = (await db.CreditRepairApplications.AsNoTracking()
                .Where(a => wanted.Contains(a.Uscc) && a.State == StoredCreditRepairState.Approved && a.DecidedOn <= date)
                .Select(a => new { a.Uscc, a.InfoRecordId }).ToListAsync(ct))
            .Select(a => (a.Uscc, a.InfoRecordId)).ToHashSet();
        var red = new List<CreditListing>();
        var black = new List<CreditListing>();
        foreach (var uscc in wanted.Order(StringComparer.Ordinal))
        {
            var g = current[uscc];
            var published = BeijingTime.Date(g.Since);
            var row = new CreditListing(uscc, name.GetValueOrDefault(uscc, uscc), g.Grade, g.Year ?? published.Year, g.RecordId, published, null);
            if (g.Grade == StoredCreditGrade.Trustworthy) { red.Add(row); continue; }
            var window = CreditRepair.Window(_rules, _rules.BlackList.Severity, published);
            if (date < window.AutomaticEnd && !repaired.Contains((uscc, g.RecordId))) black.Add(row with { LastDay = window.LongestPeriodEnds });
        }
        return new CreditPublicLists(red, black);
    }

    /// <summary>The black-list information of <paramref name="uscc"/> as published now (record id, first day), or null when
    /// its current grade is not 环保不良.</summary>
    private async Task<(string RecordId, DateOnly PublishedOn)?> BlackListInfoAsync(string uscc, CancellationToken ct) =>
        (await CreditGrades.CurrentSourcesAsync(db, [uscc], ct)).TryGetValue(uscc, out var g) && g.Grade == StoredCreditGrade.Poor
            ? (g.RecordId, BeijingTime.Date(g.Since)) : null;

    private async Task<List<CreditAdjustment>> AdjustmentsAsync(string uscc, int year, CancellationToken ct) =>
        (await db.CreditAdjustments.AsNoTracking().Where(a => a.Uscc == uscc && a.Year == year).OrderBy(a => a.Id).ToListAsync(ct))
            .Select(a => new CreditAdjustment(a.Delta, a.Reason, a.StaffId)).ToList();

    private CreditEvaluationResult Evaluate(IReadOnlyList<CreditEvidenceRecord> evidence, IReadOnlyList<CreditAdjustment> adjustments)
    {
        try { return CreditEvaluation.Evaluate(_rules, evidence.Select(e => e.Finding), adjustments); }
        catch (ArgumentException e) { throw new CreditException(400, e.Message, e); }
    }

    private async Task<StoredEvaluation> StoreAsync(string uscc, int year, CreditEvaluationResult r, IReadOnlyList<CreditEvidenceRecord> evidence, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var row = new CreditEvaluationRecord
        {
            Uscc = uscc, Year = year, BaseScore = r.BaseScore, DeductionTotal = r.DeductionTotal, BonusTotal = r.BonusTotal, AdjustmentTotal = r.AdjustmentTotal,
            Score = r.Score, Grade = CreditNames.To<StoredCreditGrade>(r.Grade), Vetoed = r.Vetoed, RulesVersion = r.RulesVersion, EvaluatedAt = now,
            EvaluatedBy = Cut(actor.Name, CreditEvaluationRecord.NameLength),
        };
        db.CreditEvaluations.Add(row);
        await db.SaveChangesAsync(ct);
        var occurrences = evidence.ToDictionary(e => (e.Finding.ItemCode, e.Finding.EvidenceId), e => e);
        var lines = new List<CreditEvaluationLine>();
        foreach (var l in r.Deductions.Concat(r.Bonuses).Concat(r.Vetoes))
        {
            var line = new CreditEvaluationLine
            {
                EvaluationId = row.Id, ItemCode = l.Item.Code, Kind = CreditNames.To<StoredCreditItemKind>(l.Item.Kind), Occurrences = l.Occurrences,
                Uncapped = l.Uncapped, Points = l.Points,
                Evidence = [.. l.EvidenceIds.Select((id, i) => new CreditLineEvidence
                {
                    Seq = i + 1, RecordId = id, Kind = occurrences[(l.Item.Code, id)].Kind, Occurrences = occurrences[(l.Item.Code, id)].Finding.Occurrences,
                })],
            };
            db.CreditEvaluationLines.Add(line);
            lines.Add(line);
        }
        await db.SaveChangesAsync(ct);
        return new StoredEvaluation(row, lines);
    }

    private static object Summary(CreditEvaluationRecord e, IReadOnlyList<CreditEvaluationLine> lines) => new
    {
        evaluation = e.Id, score = e.Score, grade = e.Grade, vetoed = e.Vetoed, rules = e.RulesVersion,
        lines = lines.Select(l => new { item = l.ItemCode, points = l.Points, evidence = l.Evidence.Select(x => x.RecordId).ToList() }).ToList(),
    };

    // ------------------------------------------------------------------ event-driven grade changes

    /// <summary>Records an event between evaluations (credit-rules.tsv event rows: 一般 emergency one grade down; 较大 and
    /// above or a veto → 环保不良) and stores the grade change, with one audit entry.</summary>
    /// <param name="uscc">The enterprise (must have a current grade).</param>
    /// <param name="eventCode">An event code, e.g. <c>event.emergency.general</c>.</param>
    /// <param name="occurredOn">The Beijing day of the event.</param>
    /// <param name="evidenceRecordId">The record proving it (≤ 64).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored change.</returns>
    /// <exception cref="CreditException">400 unknown event or blank evidence; 409 the enterprise has no grade yet.</exception>
    public async Task<CreditGradeEvent> RecordGradeEventAsync(string uscc, string eventCode, DateOnly occurredOn, string evidenceRecordId, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(evidenceRecordId) || evidenceRecordId.Length > CreditGradeEvent.CodeLength) throw new CreditException(400, "evidence: required, ≤ 64");
        var current = await CurrentGradeAsync(uscc, ct) ?? throw new CreditException(409, $"{uscc} has no credit grade to change");
        CreditGradeChange change;
        try { change = CreditEvents.Apply(_rules, CreditNames.To<CreditGrade>(current), eventCode); }
        catch (KeyNotFoundException e) { throw new CreditException(400, e.Message, e); }
        var now = time.GetUtcNow();
        var row = new CreditGradeEvent
        {
            Uscc = uscc, EventCode = eventCode, FromGrade = current, ToGrade = CreditNames.To<StoredCreditGrade>(change.To), OccurredOn = occurredOn,
            EvidenceRecordId = evidenceRecordId, RecordedBy = Cut(actor.Name, CreditGradeEvent.CodeLength), RecordedAt = now,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.CreditGradeEvents.Add(row);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "credit.grade_event", TargetCredit, uscc, new { grade = current },
            new { grade = row.ToGrade, @event = eventCode, occurred_on = occurredOn, evidence = evidenceRecordId }, null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    // ------------------------------------------------------------------ repair

    /// <summary>Files a credit-repair application (state applied) for published information, accepted only inside the
    /// window of <see cref="CreditRepair.Window"/> (after the shortest publication period of the severity, before the
    /// automatic end; credit-rules.tsv repair rows [U]); the filing is the first history row (trigger <c>apply</c>).</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="infoRecordId">The published information (case number, evaluation id …).</param>
    /// <param name="severity">Its severity.</param>
    /// <param name="publishedOn">The first day it was published.</param>
    /// <param name="evidence">The rectification evidence (required).</param>
    /// <param name="actor">Who applies.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored application.</returns>
    /// <exception cref="CreditException">400 blank or long evidence or record id; 409 outside the window (the message gives it),
    /// or the record is the enterprise's current black-list information (<see cref="PublicListsAsync"/>) and the severity or
    /// first day given are not those of the listing (rule row <c>list.black</c>, the day the record was stored).</exception>
    public async Task<CreditRepairApplication> ApplyRepairAsync(string uscc, string infoRecordId, StoredCreditInfoSeverity severity, DateOnly publishedOn,
        string evidence, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(evidence) || evidence.Length > CreditRepairApplication.TextLength) throw new CreditException(400, "evidence: required, ≤ 2048");
        if (string.IsNullOrWhiteSpace(infoRecordId) || infoRecordId.Length > CreditRepairApplication.NameLength) throw new CreditException(400, "info record: required, ≤ 64");
        if (await BlackListInfoAsync(uscc, ct) is { } listed && listed.RecordId == infoRecordId
            && (CreditNames.To<CreditInfoSeverity>(severity) != _rules.BlackList.Severity || publishedOn != listed.PublishedOn))
            throw new CreditException(409, $"{infoRecordId} is black-list information of severity {_rules.BlackList.Severity.ToString().ToLowerInvariant()} published on {listed.PublishedOn:yyyy-MM-dd}");
        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var window = CreditRepair.Window(_rules, CreditNames.To<CreditInfoSeverity>(severity), publishedOn);
        if (!window.CanApplyOn(today))
            throw new CreditException(409, $"repair may be applied for from {window.EarliestRepairDate:yyyy-MM-dd} until before {window.AutomaticEnd:yyyy-MM-dd}, not on {today:yyyy-MM-dd}");
        var app = new CreditRepairApplication
        {
            Uscc = uscc, InfoRecordId = infoRecordId, Severity = severity, PublishedOn = publishedOn, AppliedOn = today, Evidence = evidence,
            State = StoredCreditRepairState.Applied, Version = 1,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.CreditRepairApplications.Add(app);
        await db.SaveChangesAsync(ct);
        db.CreditRepairEvents.Add(new CreditRepairEvent { ApplicationId = app.Id, Trigger = "apply", FromState = null, ToState = app.State, By = Cut(actor.Name, CreditRepairEvent.CodeLength), At = now });
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "credit.repair.apply", TargetRepair, app.Id.ToString(CultureInfo.InvariantCulture), null,
            new { uscc, info = infoRecordId, severity, published_on = publishedOn, applied_on = today, state = app.State }, null, now, ct);
        await tx.CommitAsync(ct);
        return app;
    }

    /// <summary>Moves an application by <paramref name="trigger"/> (<see cref="CreditRepairWorkflow"/>): start review, approve,
    /// reject, withdraw; a history row and an audit entry (<c>credit.repair.</c> + the trigger's snake_case name). Review
    /// steps record the actor as the reviewer; approve and reject record the decision day.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="trigger">The step.</param>
    /// <param name="note">Note (the reason of a rejection), or null.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated application.</returns>
    /// <exception cref="CreditException">400 long note; 404 no application; 409 the step is not permitted now.</exception>
    public async Task<CreditRepairApplication> FireRepairAsync(long applicationId, CreditRepairTrigger trigger, string? note, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (note is { Length: > CreditRepairApplication.TextLength }) throw new CreditException(400, "note too long");
        var app = await db.CreditRepairApplications.SingleOrDefaultAsync(a => a.Id == applicationId, ct) ?? throw new CreditException(404, $"no application {applicationId}");
        var wf = new CreditRepairWorkflow(CreditNames.To<CreditRepairState>(app.State));
        if (!wf.CanFire(trigger))
            throw new CreditException(409, $"application {applicationId} is {CreditRepairWorkflow.Name(wf.State)}: {CreditRepairWorkflow.Name(trigger)} is not permitted");
        wf.Fire(trigger);
        var from = app.State;
        var now = time.GetUtcNow();
        var by = Cut(actor.Name, CreditRepairEvent.CodeLength);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        app.State = CreditNames.To<StoredCreditRepairState>(wf.State);
        if (trigger != CreditRepairTrigger.Withdraw) app.Reviewer = by;
        if (trigger is CreditRepairTrigger.Approve or CreditRepairTrigger.Reject) { app.DecidedOn = BeijingTime.Date(now); app.DecisionNote = note; }
        app.Version++;
        db.CreditRepairEvents.Add(new CreditRepairEvent { ApplicationId = app.Id, Trigger = CreditRepairWorkflow.Name(trigger), FromState = from, ToState = app.State, By = by, At = now, Note = note });
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "credit.repair." + CreditRepairWorkflow.Name(trigger), TargetRepair, app.Id.ToString(CultureInfo.InvariantCulture),
            new { state = from }, new { state = app.State, reviewer = app.Reviewer, decided_on = app.DecidedOn }, note, now, ct);
        await tx.CommitAsync(ct);
        return app;
    }

    /// <summary>The history of an application, oldest first.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<CreditRepairEvent>> RepairHistoryAsync(long applicationId, CancellationToken ct = default) =>
        await db.CreditRepairEvents.AsNoTracking().Where(e => e.ApplicationId == applicationId).OrderBy(e => e.Id).ToListAsync(ct);

    /// <summary>The histories of several applications (id → steps, oldest first); ids without history are absent.</summary>
    /// <param name="applicationIds">The applications.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<CreditRepairEvent>>> RepairHistoriesAsync(IReadOnlyCollection<long> applicationIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        var ids = applicationIds.Distinct().ToList();
        var rows = await db.CreditRepairEvents.AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).OrderBy(e => e.Id).ToListAsync(ct);
        return rows.GroupBy(e => e.ApplicationId).ToDictionary(g => g.Key, g => (IReadOnlyList<CreditRepairEvent>)g.ToList());
    }

    /// <summary>Repair applications of <paramref name="uscc"/> (null: all the context sees), open ones (applied, under
    /// review) first, then newest first.</summary>
    /// <param name="uscc">The enterprise or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<CreditRepairApplication>> RepairsAsync(string? uscc, CancellationToken ct = default)
    {
        var q = db.CreditRepairApplications.AsNoTracking();
        if (uscc is not null) q = q.Where(a => a.Uscc == uscc);
        return [.. (await q.ToListAsync(ct)).OrderBy(a => a.State is StoredCreditRepairState.Applied or StoredCreditRepairState.UnderReview ? 0 : 1).ThenByDescending(a => a.Id)];
    }

    /// <summary>The black-list row of <paramref name="uscc"/> on <paramref name="date"/> (<see cref="PublicListsAsync"/>), or
    /// null when it is not on the black list; what an enterprise applies to repair.</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="date">The Beijing day.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<CreditListing?> BlackListingAsync(string uscc, DateOnly date, CancellationToken ct = default) =>
        (await PublicListsAsync(date, ct)).Black.FirstOrDefault(r => r.Uscc == uscc);

    private static string Key(string uscc, int year) => uscc + "/" + year.ToString(CultureInfo.InvariantCulture);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
