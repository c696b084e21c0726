using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Emergency;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Emergency;

/// <summary>A risk substance as entered.</summary>
/// <param name="Name">Substance name (required).</param>
/// <param name="Cas">CAS number (digits-digits-digit) or null.</param>
/// <param name="OnSiteTonnes">On-site quantity q, t, ≥ 0.</param>
/// <param name="CriticalTonnes">Critical quantity Q, t, &gt; 0.</param>
public sealed record SubstanceInput(string Name, string? Cas, decimal OnSiteTonnes, decimal CriticalTonnes);

/// <summary>A risk unit as entered.</summary>
/// <param name="Uscc">The enterprise.</param>
/// <param name="Name">Unit name.</param>
/// <param name="Expression">HJ 941 expression; its overall level is the unit's level.</param>
/// <param name="AssessedOn">Assessment day.</param>
/// <param name="IsKey">Key unit (counted in the 100 % filing target).</param>
/// <param name="Substances">Substances.</param>
public sealed record RiskUnitInput(string Uscc, string Name, string Expression, DateOnly AssessedOn, bool IsKey, IReadOnlyList<SubstanceInput> Substances);

/// <summary>An uploaded file.</summary>
/// <param name="FileName">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Content">Bytes (1 … <see cref="EmergencyDocument.MaxBytes"/>).</param>
public sealed record UploadedFile(string FileName, string ContentType, byte[] Content);

/// <summary>A plan with its due flags on a day.</summary>
/// <param name="Plan">The row.</param>
/// <param name="EnterpriseName">The enterprise's name.</param>
/// <param name="Status">Due/overdue flags.</param>
/// <param name="Attached">Document codes of the filing set attached so far.</param>
public sealed record PlanRow(EmergencyPlan Plan, string EnterpriseName, PlanDueStatus Status, IReadOnlyList<string> Attached);

/// <summary>The 100 % filing target of key units (plan ch. 6).</summary>
/// <param name="KeyEnterprises">Enterprises with at least one key risk unit.</param>
/// <param name="Filed">Of those, enterprises with a filed plan whose review is not overdue.</param>
public sealed record FilingRate(int KeyEnterprises, int Filed)
{
    /// <summary>Filed ÷ key enterprises, 0–1; null when there is no key enterprise.</summary>
    public decimal? Rate => KeyEnterprises == 0 ? null : (decimal)Filed / KeyEnterprises;
}

/// <summary>An event as entered.</summary>
/// <param name="Title">Title.</param>
/// <param name="Uscc">The enterprise involved, or null.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="LearnedAt">When the bureau learned of it.</param>
/// <param name="Criteria">Known Annex 1 facts.</param>
/// <param name="Circumstances">令第17号 Art. 4 circumstance codes.</param>
public sealed record EventInput(string Title, string? Uscc, DateTimeOffset OccurredAt, DateTimeOffset LearnedAt, EventCriteria Criteria, IReadOnlyList<string> Circumstances);

/// <summary>An event with its reports and 初报 clock.</summary>
/// <param name="Event">The row.</param>
/// <param name="Reports">Reports in order.</param>
/// <param name="Classification">The Annex 1 classification of its stored criteria.</param>
/// <param name="Clock">The 初报 clock now.</param>
public sealed record EventView(EmergencyEvent Event, IReadOnlyList<EmergencyEventReport> Reports, EventClassification Classification, ReportClock Clock);

/// <summary>A filing-set attachment without its bytes (the list of a plan's page row).</summary>
/// <param name="Id">Attachment id (the download route's <c>{attachmentId}</c>).</param>
/// <param name="PlanId">Its plan.</param>
/// <param name="DocCode">Document code of <see cref="EmergencyRules.FilingDocuments"/>.</param>
/// <param name="FileName">The original file name as uploaded.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="UploadedAt">When (UTC instant).</param>
public sealed record AttachmentInfo(long Id, long PlanId, string DocCode, string FileName, int Bytes, DateTimeOffset UploadedAt);

/// <summary>The latest correction of an event's criteria, read from the audit trail (action <c>emergency.event.correct</c>).</summary>
/// <param name="By">Who corrected (the audit entry's actor name).</param>
/// <param name="At">When (UTC instant).</param>
/// <param name="Count">How many corrections the event has had.</param>
/// <param name="Reason">The reason given with the latest one.</param>
public sealed record EventCorrection(string By, DateTimeOffset At, int Count, string? Reason);

/// <summary>One filed unit on the public list: name, USCC, filing number, filed date — nothing else.</summary>
/// <param name="Name">Enterprise name.</param>
/// <param name="Uscc">USCC.</param>
/// <param name="FilingNumber">备案编号.</param>
/// <param name="FiledOn">Day filed.</param>
public sealed record PublicFiling(string Name, string Uscc, string FilingNumber, DateOnly FiledOn);

/// <summary>
/// The emergency area over the store (issue 20): risk units, documents, plans and their filing, events and their reports.
/// Rules: <see cref="EmergencyRules"/>, <see cref="EventLevels"/>, <see cref="EventReporting"/>, <see cref="PlanFiling"/>,
/// <see cref="RiskLevelExpression"/>. Every change writes one audit entry (actions <c>emergency.*</c>) in its transaction.
/// The context's data scope decides visibility: an enterprise user reaches only its own units, documents and plans (an
/// other USCC is 404) and no event. Role checks (who may check filings or record events) are the API's. Not thread-safe
/// (one per unit of work).
/// </summary>
/// <param name="db">The context.</param>
/// <param name="time">Clock.</param>
/// <param name="rules">Rules; default embedded.</param>
/// <param name="calendar">Working-day calendar; default <see cref="WorkdayCalendar.China"/>.</param>
public sealed class EmergencyService(SmartEnvDbContext db, TimeProvider time, EmergencyRules? rules = null, WorkdayCalendar? calendar = null)
{
    /// <summary>Audit target type of risk units (id = unit id).</summary>
    public const string TargetUnit = "emergency_unit";
    /// <summary>Audit target type of documents (id = document id).</summary>
    public const string TargetDocument = "emergency_document";
    /// <summary>Audit target type of plans (id = plan id).</summary>
    public const string TargetPlan = "emergency_plan";
    /// <summary>Audit target type of events (id = event id).</summary>
    public const string TargetEvent = "emergency_event";

    /// <summary>The document kinds of <see cref="EmergencyDocument.Kind"/>.</summary>
    public static readonly IReadOnlyList<string> DocumentKinds = ["one_source_plan", "post_card"];

    private readonly EmergencyRules _rules = rules ?? EmergencyRules.Default;
    private readonly WorkdayCalendar _calendar = calendar ?? WorkdayCalendar.China;

    /// <summary>The rules in use.</summary>
    public EmergencyRules Rules => _rules;

    // ---- risk units ----

    /// <summary>Creates (<paramref name="id"/> null) or replaces a risk unit with its substances; audited
    /// (<c>emergency.unit.save</c>).</summary>
    /// <param name="id">The unit to replace, or null.</param>
    /// <param name="input">The unit.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored unit.</returns>
    /// <exception cref="EmergencyException">400 blank name, bad expression (message with its position), bad substance;
    /// 404 enterprise or unit not visible.</exception>
    public async Task<EmergencyRiskUnit> SaveUnitAsync(long? id, RiskUnitInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > EmergencyRiskUnit.NameLength) throw new EmergencyException(400, "name: required, ≤ 128");
        RiskExpression expr;
        try { expr = RiskLevelExpression.Parse(input.Expression ?? ""); }
        catch (RiskExpressionException ex) { throw new EmergencyException(400, "expression " + ex.Message); }
        foreach (var s in input.Substances ?? [])
        {
            if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > EmergencyRiskUnit.NameLength) throw new EmergencyException(400, "substance name: required, ≤ 128");
            if (s.Cas is { Length: > 0 } cas && !IsCas(cas)) throw new EmergencyException(400, $"CAS number '{cas}' is not of the form 7647-01-0 with a valid check digit");
            if (s.OnSiteTonnes < 0 || s.CriticalTonnes <= 0) throw new EmergencyException(400, "substance quantities: on-site ≥ 0 t, critical > 0 t");
        }
        await EnsureEnterpriseAsync(input.Uscc, ct);
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        EmergencyRiskUnit unit;
        object? before = null;
        if (id is { } existing)
        {
            unit = await db.EmergencyRiskUnits.Include(u => u.Substances).FirstOrDefaultAsync(u => u.Id == existing, ct)
                ?? throw new EmergencyException(404, $"risk unit {existing} not found");
            if (unit.Uscc != input.Uscc) throw new EmergencyException(400, "a unit cannot move to another enterprise");
            before = UnitSnapshot(unit);
            db.EmergencyRiskSubstances.RemoveRange(unit.Substances);
            unit.Substances.Clear();
        }
        else
        {
            unit = new EmergencyRiskUnit { Uscc = input.Uscc, Name = "", Level = "", Expression = "", UpdatedBy = "" };
            db.EmergencyRiskUnits.Add(unit);
        }
        unit.Name = input.Name.Trim();
        unit.Expression = input.Expression!;
        unit.Level = RiskLevelExpression.Zh(expr.Level);
        unit.AssessedOn = input.AssessedOn;
        unit.IsKey = input.IsKey;
        unit.UpdatedAt = now;
        unit.UpdatedBy = Cut(actor.Name, EmergencyRiskUnit.ByLength);
        foreach (var s in input.Substances ?? [])
            unit.Substances.Add(new EmergencyRiskSubstance { Name = s.Name.Trim(), Cas = string.IsNullOrWhiteSpace(s.Cas) ? null : s.Cas.Trim(), OnSiteTonnes = s.OnSiteTonnes, CriticalTonnes = s.CriticalTonnes });
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.unit.save", TargetUnit, Id(unit.Id), before, UnitSnapshot(unit), null, now, ct);
        await tx.CommitAsync(ct);
        return unit;
    }

    /// <summary>The visible risk units (with substances), by USCC then name.</summary>
    /// <param name="uscc">Only this enterprise, or null for all visible.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<EmergencyRiskUnit>> UnitsAsync(string? uscc = null, CancellationToken ct = default) =>
        await db.EmergencyRiskUnits.AsNoTracking().Include(u => u.Substances)
            .Where(u => uscc == null || u.Uscc == uscc).OrderBy(u => u.Uscc).ThenBy(u => u.Name).ToListAsync(ct);

    // ---- documents ----

    /// <summary>Stores a 一源一事一案 or 岗位应急卡 file; audited (<c>emergency.document.add</c>).</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="unitId">Its risk unit, or null.</param>
    /// <param name="kind">One of <see cref="DocumentKinds"/>.</param>
    /// <param name="title">Title.</param>
    /// <param name="file">The file.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored row.</returns>
    /// <exception cref="EmergencyException">400 unknown kind, blank title, empty or too large file; 404 not visible.</exception>
    public async Task<EmergencyDocument> AddDocumentAsync(string uscc, long? unitId, string kind, string title, UploadedFile file, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!DocumentKinds.Contains(kind)) throw new EmergencyException(400, $"kind must be one of {string.Join(", ", DocumentKinds)}");
        if (string.IsNullOrWhiteSpace(title) || title.Length > EmergencyRiskUnit.NameLength) throw new EmergencyException(400, "title: required, ≤ 128");
        CheckFile(file);
        await EnsureEnterpriseAsync(uscc, ct);
        if (unitId is { } u && !await db.EmergencyRiskUnits.AnyAsync(x => x.Id == u && x.Uscc == uscc, ct)) throw new EmergencyException(404, $"risk unit {u} not found");
        var now = time.GetUtcNow();
        var doc = new EmergencyDocument
        {
            Uscc = uscc, UnitId = unitId, Kind = kind, Title = title.Trim(), FileName = Cut(file.FileName, 128), ContentType = Cut(file.ContentType, 64),
            Content = file.Content, Bytes = file.Content.Length, Sha256 = Sha(file.Content), UploadedAt = now, UploadedBy = Cut(actor.Name, EmergencyRiskUnit.ByLength),
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.EmergencyDocuments.Add(doc);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.document.add", TargetDocument, Id(doc.Id), null,
            new { uscc, unit = unitId, kind, title = doc.Title, file = doc.FileName, bytes = doc.Bytes, sha256 = doc.Sha256 }, null, now, ct);
        await tx.CommitAsync(ct);
        return doc;
    }

    /// <summary>The visible documents of an enterprise without their bytes (Content empty), newest first.</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<EmergencyDocument>> DocumentsAsync(string uscc, CancellationToken ct = default) =>
        await db.EmergencyDocuments.AsNoTracking().Where(d => d.Uscc == uscc).OrderByDescending(d => d.UploadedAt)
            .Select(d => new EmergencyDocument
            {
                Id = d.Id, Uscc = d.Uscc, UnitId = d.UnitId, Kind = d.Kind, Title = d.Title, FileName = d.FileName, ContentType = d.ContentType,
                Content = Array.Empty<byte>(), Bytes = d.Bytes, Sha256 = d.Sha256, UploadedAt = d.UploadedAt, UploadedBy = d.UploadedBy,
            }).ToListAsync(ct);

    /// <summary>One visible document with its bytes, or null.</summary>
    /// <param name="id">Document id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EmergencyDocument?> DocumentAsync(long id, CancellationToken ct = default) =>
        db.EmergencyDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);

    // ---- plans ----

    /// <summary>The filing, review (and, with no submission yet, no check) dues a plan signed on <paramref name="signedOn"/>
    /// would get — what <see cref="CreatePlanAsync"/> stores (环发〔2015〕4号: 20 working days; review 3 years). Pure;
    /// shown by the plan form before saving.</summary>
    /// <param name="signedOn">Signing day.</param>
    /// <returns>The dues (check due null).</returns>
    public PlanDeadlines PreviewDeadlines(DateOnly signedOn) => PlanFiling.Deadlines(signedOn, null, _calendar, _rules);

    /// <summary>Records a signed plan and counts its filing and review dues; audited (<c>emergency.plan.create</c>).</summary>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="title">Title.</param>
    /// <param name="planVersion">Version text (e.g. 2024版).</param>
    /// <param name="signedOn">Signing day.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored plan in state signed.</returns>
    /// <exception cref="EmergencyException">400 blank title/version, a signing day in the future or before <see cref="EarliestSigning"/>; 404 enterprise not visible.</exception>
    public async Task<EmergencyPlan> CreatePlanAsync(string uscc, string title, string planVersion, DateOnly signedOn, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(title) || title.Length > EmergencyRiskUnit.NameLength) throw new EmergencyException(400, "title: required, ≤ 128");
        if (string.IsNullOrWhiteSpace(planVersion) || planVersion.Length > EmergencyRiskUnit.CodeLength) throw new EmergencyException(400, "version: required, ≤ 32");
        var now = time.GetUtcNow();
        if (signedOn > BeijingTime.Date(now)) throw new EmergencyException(400, "the signing day is in the future");
        if (signedOn < EarliestSigning) throw new EmergencyException(400, "the signing day is before 2015-01-08 (环发〔2015〕4号, the filing rules this platform applies)");
        await EnsureEnterpriseAsync(uscc, ct);
        var d = PlanFiling.Deadlines(signedOn, null, _calendar, _rules);
        var plan = new EmergencyPlan
        {
            Uscc = uscc, Title = title.Trim(), PlanVersion = planVersion.Trim(), SignedOn = signedOn, FilingDue = d.FilingDue,
            FilingDueProvisional = d.FilingDueProvisional, ReviewDue = d.ReviewDue, State = PlanFiling.Name(PlanFilingState.Signed),
            RulesVersion = _rules.Version, CreatedBy = Cut(actor.Name, EmergencyRiskUnit.ByLength), CreatedAt = now, Version = 1,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.EmergencyPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.plan.create", TargetPlan, Id(plan.Id), null,
            new { uscc, title = plan.Title, version = plan.PlanVersion, signed_on = signedOn, filing_due = d.FilingDue, review_due = d.ReviewDue, rules = _rules.Version }, null, now, ct);
        await tx.CommitAsync(ct);
        return plan;
    }

    /// <summary>Attaches (or replaces) one document of the filing set while the plan is signed or returned; audited
    /// (<c>emergency.plan.attach</c>).</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="docCode">One of <see cref="EmergencyRules.FilingDocuments"/>.</param>
    /// <param name="file">The file.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="EmergencyException">400 unknown code or bad file; 404 plan not visible; 409 submitted or filed.</exception>
    public async Task AttachAsync(long planId, string docCode, UploadedFile file, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!_rules.FilingDocuments.Contains(docCode)) throw new EmergencyException(400, $"document must be one of {string.Join(", ", _rules.FilingDocuments)}");
        CheckFile(file);
        // The filing set is checked by type wherever it arrives (API raw body, page form): FilingDocumentTypes.
        var (type, refused) = FilingDocumentTypes.Check(file.FileName, file.Content);
        if (refused is not null) throw new EmergencyException(400, refused);
        file = file with { ContentType = type! };
        var plan = await PlanEntityAsync(planId, ct);
        if (State(plan) is not (PlanFilingState.Signed or PlanFilingState.Returned)) throw new EmergencyException(409, $"plan {planId} is {plan.State}: the filing set can be changed only before submission or after a 补正 notice");
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var old = await db.EmergencyPlanAttachments.Where(a => a.PlanId == planId && a.DocCode == docCode).ToListAsync(ct);
        db.EmergencyPlanAttachments.RemoveRange(old);
        var a = new EmergencyPlanAttachment
        {
            PlanId = planId, DocCode = docCode, FileName = Cut(file.FileName, 128), ContentType = Cut(file.ContentType, 64), Content = file.Content,
            Bytes = file.Content.Length, Sha256 = Sha(file.Content), UploadedAt = now,
        };
        db.EmergencyPlanAttachments.Add(a);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.plan.attach", TargetPlan, Id(planId),
            old.Count == 0 ? null : new { doc = docCode, sha256 = old[0].Sha256 }, new { doc = docCode, file = a.FileName, bytes = a.Bytes, sha256 = a.Sha256 }, null, now, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Submits the plan for filing (signed or returned → submitted) on the Beijing day of now; the whole filing set
    /// must be attached; the check due is counted; audited (<c>emergency.plan.submit</c>).</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="EmergencyException">404 not visible; 409 wrong state or a document of the set missing (named).</exception>
    public async Task<EmergencyPlan> SubmitPlanAsync(long planId, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await PlanEntityAsync(planId, ct);
        Move(plan, PlanFilingState.Submitted);
        var have = await db.EmergencyPlanAttachments.Where(a => a.PlanId == planId).Select(a => a.DocCode).ToListAsync(ct);
        var missing = _rules.FilingDocuments.Except(have).ToList();
        if (missing.Count > 0) throw new EmergencyException(409, "filing set incomplete, missing: " + string.Join(", ", missing));
        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var before = PlanSnapshot(plan);
        plan.State = PlanFiling.Name(PlanFilingState.Submitted);
        plan.SubmittedOn = today;
        plan.CheckDue = PlanFiling.Deadlines(plan.SignedOn, today, _calendar, _rules).CheckDue;
        plan.Version++;
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.plan.submit", TargetPlan, Id(planId), before, PlanSnapshot(plan), null, now, ct);
        await tx.CommitAsync(ct);
        return plan;
    }

    /// <summary>The bureau's check of a submitted plan (staff): <paramref name="filed"/> true stamps it (备案, with the
    /// filing number), false sends the one-time notice to complete (补正) with the refile date the bureau sets; audited
    /// (<c>emergency.plan.file</c> or <c>emergency.plan.return</c>).</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="filed">True for 备案, false for 补正.</param>
    /// <param name="filingNumber">备案编号 (required when filed).</param>
    /// <param name="refileBy">Refile date (required when returned, after today).</param>
    /// <param name="note">The notice text (required when returned).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="EmergencyException">400 missing number/date/note; 404 not visible; 409 not submitted, or the filing number is taken.</exception>
    public async Task<EmergencyPlan> CheckPlanAsync(long planId, bool filed, string? filingNumber, DateOnly? refileBy, string? note, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await PlanEntityAsync(planId, ct);
        var to = filed ? PlanFilingState.Filed : PlanFilingState.Returned;
        Move(plan, to);
        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        if (note is { Length: > EmergencyPlan.NoteLength }) throw new EmergencyException(400, "note: ≤ 1000");
        if (filed)
        {
            if (string.IsNullOrWhiteSpace(filingNumber) || filingNumber.Length > 64) throw new EmergencyException(400, "filing number: required, ≤ 64");
            filingNumber = filingNumber.Trim();
            if (await db.EmergencyPlans.IgnoreQueryFilters().AnyAsync(p => p.FilingNumber == filingNumber && p.Id != planId, ct))
                throw new EmergencyException(409, $"filing number {filingNumber} is already given to another plan");
        }
        else
        {
            if (refileBy is not { } r || r <= today) throw new EmergencyException(400, "refile date: required, after today");
            if (string.IsNullOrWhiteSpace(note)) throw new EmergencyException(400, "note: the notice to complete says what is missing");
        }
        var before = PlanSnapshot(plan);
        plan.State = PlanFiling.Name(to);
        plan.CheckedOn = today;
        plan.CheckedBy = Cut(actor.Name, EmergencyRiskUnit.ByLength);
        plan.FilingNumber = filed ? filingNumber : null;
        plan.RefileBy = filed ? null : refileBy;
        plan.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        plan.Version++;
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, filed ? "emergency.plan.file" : "emergency.plan.return", TargetPlan, Id(planId), before, PlanSnapshot(plan), null, now, ct);
        await tx.CommitAsync(ct);
        return plan;
    }

    /// <summary>One visible plan, or null.</summary>
    /// <param name="id">Plan id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EmergencyPlan?> PlanAsync(long id, CancellationToken ct = default) => db.EmergencyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>One visible filing-set attachment with its bytes, or null.</summary>
    /// <param name="planId">Plan id.</param>
    /// <param name="docCode">Document code.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EmergencyPlanAttachment?> AttachmentAsync(long planId, string docCode, CancellationToken ct = default) =>
        db.EmergencyPlanAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.PlanId == planId && a.DocCode == docCode, ct);

    /// <summary>The visible filing-set attachments of some plans, without bytes, by plan then document order of the rules.</summary>
    /// <param name="planIds">Plans.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<AttachmentInfo>> AttachmentListAsync(IEnumerable<long> planIds, CancellationToken ct = default)
    {
        var ids = planIds.Distinct().ToList();
        var rows = await db.EmergencyPlanAttachments.AsNoTracking().Where(a => ids.Contains(a.PlanId))
            .Select(a => new AttachmentInfo(a.Id, a.PlanId, a.DocCode, a.FileName, a.Bytes, a.UploadedAt)).ToListAsync(ct);
        var order = _rules.FilingDocuments.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return [.. rows.OrderBy(a => a.PlanId).ThenBy(a => order.GetValueOrDefault(a.DocCode, int.MaxValue)).ThenBy(a => a.Id)];
    }

    /// <summary>One filing-set attachment with its bytes, by id, when its plan is visible to the context's scope
    /// (an enterprise user reaches only its own plans; a foreign or unknown id is null → 404), or null.</summary>
    /// <param name="planId">Plan id (must be the attachment's).</param>
    /// <param name="attachmentId">Attachment id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EmergencyPlanAttachment?> AttachmentByIdAsync(long planId, long attachmentId, CancellationToken ct = default)
    {
        if (!await db.EmergencyPlans.AnyAsync(p => p.Id == planId, ct)) return null;
        return await db.EmergencyPlanAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.PlanId == planId, ct);
    }

    /// <summary>The visible plans with their due flags today (Beijing day of the clock), by filing due.</summary>
    /// <param name="uscc">Only this enterprise, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PlanRow>> PlansAsync(string? uscc = null, CancellationToken ct = default)
    {
        var today = BeijingTime.Today(time);
        var plans = await db.EmergencyPlans.AsNoTracking().Where(p => uscc == null || p.Uscc == uscc).OrderBy(p => p.FilingDue).ThenBy(p => p.Id).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var attached = (await db.EmergencyPlanAttachments.AsNoTracking().Where(a => ids.Contains(a.PlanId)).Select(a => new { a.PlanId, a.DocCode }).ToListAsync(ct))
            .ToLookup(a => a.PlanId, a => a.DocCode);
        var usccs = plans.Select(p => p.Uscc).Distinct().ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => usccs.Contains(e.Uscc)).ToDictionaryAsync(e => e.Uscc, e => e.Name, ct);
        return [.. plans.Select(p => new PlanRow(p, names.GetValueOrDefault(p.Uscc, p.Uscc), StatusOf(p, today), [.. attached[p.Id]]))];
    }

    /// <summary>The due/overdue flags of a stored plan on <paramref name="today"/>.</summary>
    /// <param name="p">The plan.</param>
    /// <param name="today">Beijing day.</param>
    public PlanDueStatus StatusOf(EmergencyPlan p, DateOnly today) =>
        PlanFiling.Status(new PlanDeadlines(p.FilingDue, p.FilingDueProvisional, p.CheckDue, p.ReviewDue), State(p), p.RefileBy, today, _rules);

    /// <summary>The key-unit filing rate (plan target 100 %): enterprises with a key risk unit, and of those the ones with
    /// a filed plan whose review is not overdue. Counted over the visible rows.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<FilingRate> FilingRateAsync(CancellationToken ct = default)
    {
        var today = BeijingTime.Today(time);
        var key = await db.EmergencyRiskUnits.AsNoTracking().Where(u => u.IsKey).Select(u => u.Uscc).Distinct().ToListAsync(ct);
        var filedState = PlanFiling.Name(PlanFilingState.Filed);
        var filed = await db.EmergencyPlans.AsNoTracking().Where(p => p.State == filedState && p.ReviewDue >= today && key.Contains(p.Uscc))
            .Select(p => p.Uscc).Distinct().CountAsync(ct);
        return new FilingRate(key.Count, filed);
    }

    /// <summary>The public list of filed plans (latest filed plan per enterprise): name, USCC, filing number, filed day.
    /// Call with an all-scope context (the public list is published by the bureau, §8.3).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PublicFiling>> PublicFilingsAsync(CancellationToken ct = default)
    {
        var filedState = PlanFiling.Name(PlanFilingState.Filed);
        var rows = await (from p in db.EmergencyPlans.AsNoTracking()
                          join e in db.Enterprises.AsNoTracking() on p.Uscc equals e.Uscc
                          where p.State == filedState && p.FilingNumber != null && p.CheckedOn != null
                          select new { e.Name, p.Uscc, p.FilingNumber, p.CheckedOn, p.Id }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.Uscc).Select(g => g.OrderByDescending(r => r.CheckedOn).ThenByDescending(r => r.Id).First())
            .OrderBy(r => r.Uscc, StringComparer.Ordinal).Select(r => new PublicFiling(r.Name, r.Uscc, r.FilingNumber!, r.CheckedOn!.Value))];
    }

    // ---- events ----

    /// <summary>The day 环发〔2015〕4号 (the filing rules applied here) was issued: a plan signed earlier is not under them.</summary>
    public static readonly DateOnly EarliestSigning = new(2015, 1, 8);

    /// <summary>Records an event (staff): its Annex 1 level and deciding criterion from the criteria, and its 初报 deadline
    /// from the level (or the Art. 4 circumstances when unclear); audited (<c>emergency.event.record</c>).</summary>
    /// <param name="input">The event.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored event.</returns>
    /// <exception cref="EmergencyException">400 blank title, bad criteria or circumstance, learned before it occurred or in the future.</exception>
    public async Task<EmergencyEvent> RecordEventAsync(EventInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > EmergencyEvent.TitleLength) throw new EmergencyException(400, "title: required, ≤ 200");
        if (input.LearnedAt < input.OccurredAt) throw new EmergencyException(400, "the bureau cannot learn of an event before it occurred");
        if (input.LearnedAt > time.GetUtcNow()) throw new EmergencyException(400, "learned_at: in the future");
        var circumstances = (input.Circumstances ?? []).Distinct().ToList();
        EventClassification c;
        ReportDeadline d;
        try
        {
            c = EventLevels.Classify(input.Criteria, _rules);
            d = EventReporting.Deadline(c.Level, circumstances, input.LearnedAt, _rules);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or KeyNotFoundException)
        {
            throw new EmergencyException(400, ex.Message);
        }
        if (input.Uscc is { Length: > 0 } u) await EnsureEnterpriseAsync(u, ct);
        var now = time.GetUtcNow();
        var e = new EmergencyEvent
        {
            Title = input.Title.Trim(), Uscc = string.IsNullOrWhiteSpace(input.Uscc) ? null : input.Uscc, OccurredAt = input.OccurredAt, LearnedAt = input.LearnedAt,
            Deaths = input.Criteria.Deaths, Injured = input.Criteria.Injured, Evacuated = input.Criteria.Evacuated, LossYuan = input.Criteria.LossYuan,
            WaterIntake = input.Criteria.WaterIntake, CrossBoundary = input.Criteria.CrossBoundary,
            Circumstances = circumstances.Count == 0 ? null : string.Join(',', circumstances),
            Level = c.Level is { } l ? EmergencyLevels.Code(l) : null, DecisiveRule = c.Decisive?.Rule,
            ReportAs = EmergencyLevels.Code(d.ReportAs), DeadlineReason = d.Reason, ReportDue = d.Due,
            ReportState = EventReportWorkflow.Name(EventReportState.Open), RulesVersion = _rules.Version,
            RecordedBy = Cut(actor.Name, EmergencyRiskUnit.ByLength), Version = 1,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.EmergencyEvents.Add(e);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.event.record", TargetEvent, Id(e.Id), null,
            new { title = e.Title, uscc = e.Uscc, level = e.Level, decided_by = e.DecisiveRule, report_as = e.ReportAs, report_due = e.ReportDue, reason = e.DeadlineReason, rules = e.RulesVersion }, null, now, ct);
        await tx.CommitAsync(ct);
        return e;
    }

    /// <summary>Files a report (初报, 续报, 处理结果报告) of an event, timestamped now; audited
    /// (<c>emergency.event.report</c>).</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="kind">initial, continued or final.</param>
    /// <param name="text">Content (required).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored report.</returns>
    /// <exception cref="EmergencyException">400 blank or long text; 404 no such event; 409 out of order.</exception>
    public async Task<EmergencyEventReport> FileReportAsync(long eventId, EventReportKind kind, string text, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(text) || text.Length > EmergencyEventReport.TextLength) throw new EmergencyException(400, "text: required, ≤ 4000");
        var e = await db.EmergencyEvents.FirstOrDefaultAsync(x => x.Id == eventId, ct) ?? throw new EmergencyException(404, $"event {eventId} not found");
        EventReportWorkflow.TryParseState(e.ReportState, out var state);
        var w = new EventReportWorkflow(state);
        if (!w.CanFile(kind)) throw new EmergencyException(409, $"event {eventId} is {e.ReportState}: a {EventReportWorkflow.Name(kind)} report cannot be filed now");
        w.File(kind);
        var now = time.GetUtcNow();
        var seq = await db.EmergencyEventReports.Where(r => r.EventId == eventId).CountAsync(ct) + 1;
        var before = e.ReportState;
        e.ReportState = EventReportWorkflow.Name(w.State);
        e.Version++;
        var r = new EmergencyEventReport { EventId = eventId, Seq = seq, Kind = EventReportWorkflow.Name(kind), At = now, Text = text.Trim(), By = Cut(actor.Name, EmergencyRiskUnit.ByLength) };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.EmergencyEventReports.Add(r);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "emergency.event.report", TargetEvent, Id(eventId), new { state = before },
            new { state = e.ReportState, report = r.Kind, seq, at = now, late = kind == EventReportKind.Initial && now > e.ReportDue }, null, now, ct);
        await tx.CommitAsync(ct);
        return r;
    }

    /// <summary>Audit action of a correction of an event's criteria.</summary>
    public const string CorrectAction = "emergency.event.correct";

    /// <summary>Corrects the Annex 1 criteria (and Art. 4 circumstances) of an event — a typo in deaths, a wrong loss — and
    /// re-derives its level, deciding rule and 初报 deadline with the rules. The deadline stays anchored to the stored
    /// <see cref="EmergencyEvent.LearnedAt"/> (令第17号 counts from 发现/知悉; a correction fixes what was known then, it
    /// is not a new learning), so a correction upwards can make the deadline already past, and an initial report filed
    /// after it counts as late. Old and new values go to the audit trail (<c>emergency.event.correct</c>, with the reason);
    /// reports stay as filed.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="criteria">The corrected criteria (all of them: a null criterion is unknown).</param>
    /// <param name="circumstances">The corrected circumstance codes, or null to keep the stored ones.</param>
    /// <param name="reason">Why (required, ≤ 1000).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The corrected event.</returns>
    /// <exception cref="EmergencyException">400 blank reason, bad criteria or circumstance, nothing changed; 404 no such event.</exception>
    public async Task<EmergencyEvent> CorrectEventAsync(long eventId, EventCriteria criteria, IReadOnlyList<string>? circumstances, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > EmergencyPlan.NoteLength) throw new EmergencyException(400, "reason: required, ≤ 1000");
        var e = await db.EmergencyEvents.FirstOrDefaultAsync(x => x.Id == eventId, ct) ?? throw new EmergencyException(404, $"event {eventId} not found");
        var circ = circumstances is null ? (e.Circumstances?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []).ToList() : circumstances.Distinct().ToList();
        EventClassification c;
        ReportDeadline d;
        try
        {
            c = EventLevels.Classify(criteria, _rules);
            d = EventReporting.Deadline(c.Level, circ, e.LearnedAt, _rules);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or KeyNotFoundException)
        {
            throw new EmergencyException(400, ex.Message);
        }
        var before = EventSnapshot(e);
        e.Deaths = criteria.Deaths;
        e.Injured = criteria.Injured;
        e.Evacuated = criteria.Evacuated;
        e.LossYuan = criteria.LossYuan;
        e.WaterIntake = criteria.WaterIntake;
        e.CrossBoundary = criteria.CrossBoundary;
        e.Circumstances = circ.Count == 0 ? null : string.Join(',', circ);
        e.Level = c.Level is { } l ? EmergencyLevels.Code(l) : null;
        e.DecisiveRule = c.Decisive?.Rule;
        e.ReportAs = EmergencyLevels.Code(d.ReportAs);
        e.DeadlineReason = d.Reason;
        e.ReportDue = d.Due;
        e.RulesVersion = _rules.Version;
        var after = EventSnapshot(e);
        if (AuditTrail.Json(before) == AuditTrail.Json(after)) throw new EmergencyException(400, "nothing to correct: the criteria are the stored ones");
        e.Version++;
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, CorrectAction, TargetEvent, Id(eventId), before, after, reason.Trim(), now, ct);
        await tx.CommitAsync(ct);
        return e;
    }

    /// <summary>The latest correction of an event (who, when, how many, reason) from the audit trail, or null when never
    /// corrected.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EventCorrection?> CorrectionAsync(long eventId, CancellationToken ct = default)
    {
        var id = Id(eventId);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Action == CorrectAction && a.TargetType == TargetEvent && a.TargetId == id)
            .OrderByDescending(a => a.Seq).Select(a => new { a.ActorName, a.Time, a.Reason }).ToListAsync(ct);
        return rows.Count == 0 ? null : new EventCorrection(rows[0].ActorName, rows[0].Time, rows.Count, rows[0].Reason);
    }

    private static object EventSnapshot(EmergencyEvent e) => new
    {
        deaths = e.Deaths, injured = e.Injured, evacuated = e.Evacuated, loss_yuan = e.LossYuan, water_intake = e.WaterIntake, cross_boundary = e.CrossBoundary,
        circumstances = e.Circumstances, level = e.Level, decided_by = e.DecisiveRule, report_as = e.ReportAs, reason = e.DeadlineReason, report_due = e.ReportDue,
        rules = e.RulesVersion,
    };

    /// <summary>The visible events, newest learned first, each with its reports and clock.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<EventView>> EventsAsync(CancellationToken ct = default)
    {
        var events = await db.EmergencyEvents.AsNoTracking().OrderByDescending(e => e.LearnedAt).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var reports = (await db.EmergencyEventReports.AsNoTracking().Where(r => ids.Contains(r.EventId)).ToListAsync(ct)).ToLookup(r => r.EventId);
        return [.. events.Select(e => View(e, [.. reports[e.Id].OrderBy(r => r.Seq)]))];
    }

    /// <summary>One visible event with reports and clock, or null.</summary>
    /// <param name="id">Event id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EventView?> EventAsync(long id, CancellationToken ct = default)
    {
        var e = await db.EmergencyEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        var reports = await db.EmergencyEventReports.AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Seq).ToListAsync(ct);
        return View(e, reports);
    }

    private EventView View(EmergencyEvent e, IReadOnlyList<EmergencyEventReport> reports)
    {
        var criteria = new EventCriteria(e.Deaths, e.Injured, e.Evacuated, e.LossYuan, e.WaterIntake, e.CrossBoundary);
        var initial = reports.FirstOrDefault(r => r.Kind == EventReportWorkflow.Name(EventReportKind.Initial));
        return new EventView(e, reports, EventLevels.Classify(criteria, _rules), EventReporting.Clock(e.ReportDue, time.GetUtcNow(), initial?.At));
    }

    // ---- helpers ----

    private async Task EnsureEnterpriseAsync(string uscc, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(uscc) || !await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct))
            throw new EmergencyException(404, $"enterprise {uscc} not found");
    }

    private async Task<EmergencyPlan> PlanEntityAsync(long id, CancellationToken ct) =>
        await db.EmergencyPlans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new EmergencyException(404, $"plan {id} not found");

    private static PlanFilingState State(EmergencyPlan p) => PlanFiling.TryParse(p.State, out var s) ? s : PlanFilingState.Signed;

    private static void Move(EmergencyPlan p, PlanFilingState to)
    {
        if (!PlanFiling.CanMove(State(p), to)) throw new EmergencyException(409, $"plan {p.Id} is {p.State}: it cannot become {PlanFiling.Name(to)}");
    }

    private static void CheckFile(UploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content is not { Length: > 0 } || file.Content.Length > EmergencyDocument.MaxBytes) throw new EmergencyException(400, "file: 1 byte to 8 MiB");
        if (string.IsNullOrWhiteSpace(file.FileName)) throw new EmergencyException(400, "file name: required");
    }

    /// <summary>True for a CAS registry number with a valid check digit (the last digit = Σ i·dᵢ mod 10 over the other digits
    /// from the right, i = 1, 2, …; CAS "Check Digit Verification").</summary>
    /// <param name="cas">Text such as <c>7647-01-0</c>.</param>
    public static bool IsCas(string cas)
    {
        var parts = cas.Split('-');
        if (parts.Length != 3 || parts[0].Length is < 2 or > 7 || parts[1].Length != 2 || parts[2].Length != 1) return false;
        if (!parts.All(p => p.All(char.IsAsciiDigit))) return false;
        var digits = parts[0] + parts[1];
        var sum = 0;
        for (var i = 0; i < digits.Length; i++) sum += (digits.Length - i) * (digits[i] - '0');
        return sum % 10 == parts[2][0] - '0';
    }

    private static object UnitSnapshot(EmergencyRiskUnit u) => new
    {
        uscc = u.Uscc, name = u.Name, level = u.Level, expression = u.Expression, assessed_on = u.AssessedOn, key = u.IsKey,
        substances = u.Substances.Select(s => new { s.Name, s.Cas, on_site_t = s.OnSiteTonnes, critical_t = s.CriticalTonnes }).ToList(),
    };

    private static object PlanSnapshot(EmergencyPlan p) => new
    {
        state = p.State, submitted_on = p.SubmittedOn, check_due = p.CheckDue, checked_on = p.CheckedOn, filing_number = p.FilingNumber, refile_by = p.RefileBy, note = p.Note,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    private static string Cut(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];
}
