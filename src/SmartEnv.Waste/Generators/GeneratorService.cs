using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Generators;

namespace SmartEnv.Waste.Generators;

/// <summary>A management class as shown.</summary>
/// <param name="Uscc">Enterprise.</param>
/// <param name="Year">Class year.</param>
/// <param name="Class">Class in force: <c>key</c> | <c>simplified</c> | <c>registration</c> (the override when set).</param>
/// <param name="ClassZh">Its Chinese name (HJ 1259-2022 §4.2.1).</param>
/// <param name="Computed">Class by the rule.</param>
/// <param name="BasisTonnes">Annual generation used (t).</param>
/// <param name="Basis"><c>three_year_max</c> | <c>operating_max</c> | <c>eia_or_permit</c> | <c>none</c>.</param>
/// <param name="Explanation">The rule's line (clause, years, figure).</param>
/// <param name="RuleVersion">Rule-file version.</param>
/// <param name="Override">The bureau's class, or null.</param>
/// <param name="OverrideReason">Why, or null.</param>
/// <param name="OverrideBy">Who, or null.</param>
/// <param name="Stored">False when computed for this answer and not stored yet.</param>
public sealed record WasteClassView(string Uscc, int Year, string Class, string ClassZh, string Computed, decimal BasisTonnes, string Basis,
    string Explanation, string RuleVersion, string? Override, string? OverrideReason, string? OverrideBy, bool Stored);

/// <summary>One filing a generator owes (management plan or declaration) with its state on a day.</summary>
/// <param name="Uscc">Enterprise.</param>
/// <param name="Kind"><c>plan</c> | <c>monthly</c> | <c>quarterly</c> | <c>annual</c>.</param>
/// <param name="Period">Period key (<c>2027</c>, <c>2027-01</c>, <c>2027-Q1</c>).</param>
/// <param name="DueOn">Due day (Beijing date, inclusive).</param>
/// <param name="SubmittedAt">When submitted (UTC), or null.</param>
/// <param name="Status"><c>due</c> | <c>submitted</c> | <c>submitted_late</c> | <c>overdue</c> (<see cref="DeclarationSchedule.Status"/>).</param>
/// <param name="Class">Class in force for the period's year.</param>
/// <param name="FilingNumber">Plan receipt number, or null.</param>
public sealed record WasteFilingView(string Uscc, string Kind, string Period, DateOnly DueOn, DateTimeOffset? SubmittedAt, string Status,
    string Class, string? FilingNumber);

/// <summary>Invalid input (HTTP 400, field → messages) or a clash with what is stored (409, <see cref="Conflict"/>).</summary>
public sealed class GeneratorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">Field name.</param>
    /// <param name="message">Message.</param>
    /// <param name="conflict">True for a clash with stored rows.</param>
    public GeneratorException(string field, string message, bool conflict = false) : base(field + ": " + message) =>
        (Field, Conflict) = (field, conflict);

    /// <summary>The field at fault.</summary>
    public string Field { get; }

    /// <summary>True for a clash with stored rows (HTTP 409).</summary>
    public bool Conflict { get; }
}

/// <summary>
/// Generators (issue 17 P5; docs/waste.md): the management class per enterprise and year (HJ 1259-2022 §4.2 by
/// <see cref="ManagementClassRule"/>, from the annual generation figures; overridable by staff with a reason), the
/// management plan and the declarations (HJ 1259 §5.2/§7.2 by <see cref="DeclarationSchedule"/>) with due / submitted /
/// overdue lists. Every change is audited in its own transaction (<see cref="AuditTrail"/>): <see cref="ActionClassCompute"/>,
/// <see cref="ActionClassOverride"/>, <see cref="ActionPlanSubmit"/>, <see cref="ActionDeclarationSubmit"/>,
/// <see cref="ActionAnnualRecord"/>. Reads see what the context's scope lets through. Not thread-safe (one per unit of work).
/// </summary>
/// <param name="db">The context (scoped for a request, unrestricted for jobs and the CLI).</param>
/// <param name="time">Clock (Beijing dates of today, stored instants).</param>
/// <param name="rules">Rule file; default <see cref="WasteRules.Default"/>.</param>
public sealed class GeneratorService(SmartEnvDbContext db, TimeProvider time, WasteRules? rules = null)
{
    /// <summary>Audit action: a computed class stored or changed.</summary>
    public const string ActionClassCompute = "hw.class.compute";

    /// <summary>Audit action: the bureau set or cleared a class override (with reason).</summary>
    public const string ActionClassOverride = "hw.class.override";

    /// <summary>Audit action: an annual generation figure recorded (EIA, permit, reported).</summary>
    public const string ActionAnnualRecord = "hw.annual.record";

    /// <summary>Audit action: a management plan submitted.</summary>
    public const string ActionPlanSubmit = "hw.plan.submit";

    /// <summary>Audit action: a declaration submitted.</summary>
    public const string ActionDeclarationSubmit = "hw.declaration.submit";

    /// <summary>Audit target type of classes (<c>{uscc}/{year}</c>).</summary>
    public const string TargetClass = "hw_class";

    /// <summary>Audit target type of plans and declarations (<c>{uscc}/{kind}/{period}</c>).</summary>
    public const string TargetFiling = "hw_filing";

    /// <summary>Sources an annual figure may be recorded under by people (<c>ledger</c> is written by the computation).</summary>
    public static IReadOnlyList<string> ManualSources { get; } = ["eia", "permit", "reported"];

    private readonly WasteRules _rules = rules ?? WasteRules.Default;

    /// <summary>The rule file in use.</summary>
    public WasteRules Rules => _rules;

    /// <summary>
    /// The class of <paramref name="uscc"/> for <paramref name="year"/>: the stored row when there is one (with its override),
    /// else the rule's answer computed now and not stored (<see cref="WasteClassView.Stored"/> false).
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="year">Class year.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    public async Task<WasteClassView> GetClassAsync(string uscc, int year, CancellationToken ct = default)
    {
        await RequireEnterpriseAsync(uscc, ct);
        var row = await db.WasteClasses.AsNoTracking().SingleOrDefaultAsync(c => c.Uscc == uscc && c.Year == year, ct);
        return row is not null ? View(row, true) : await DecideAsync(uscc, year, ct);
    }

    /// <summary>
    /// Computes the class by <see cref="ManagementClassRule.Decide"/> and stores it (the override stays); audited as
    /// <see cref="ActionClassCompute"/> when the row is new or its computed class, basis or figure changed.
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="year">Class year.</param>
    /// <param name="actor">Who (a job: <c>AuditActor.System</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    public async Task<WasteClassView> ComputeClassAsync(string uscc, int year, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await RequireEnterpriseAsync(uscc, ct);
        return await AuditTrail.RunAsync(db, actor, async c =>
        {
            var fresh = await DecideAsync(uscc, year, c);
            // The ledger's yearly sums before the class year are kept as hw_annual_generation rows (source ledger).
            foreach (var (y, t) in await LedgerGenerationAsync(uscc, c))
            {
                if (y >= year) continue;
                var a = await db.WasteAnnualGenerations.SingleOrDefaultAsync(x => x.Uscc == uscc && x.Year == y && x.Source == "ledger", c);
                if (a is null) db.WasteAnnualGenerations.Add(a = new WasteAnnualGeneration { Uscc = uscc, Year = y, Source = "ledger", RecordedBy = WasteJob.Engine });
                if (a.Tonnes != t || a.RecordedAt == default) (a.Tonnes, a.RecordedBy, a.RecordedAt) = (t, WasteJob.Engine, time.GetUtcNow());
            }
            var row = await db.WasteClasses.SingleOrDefaultAsync(x => x.Uscc == uscc && x.Year == year, c);
            var before = row is null ? null : View(row, true);
            if (row is null)
            {
                row = new WasteClassRecord { Uscc = uscc, Year = year, Computed = fresh.Computed, Basis = fresh.Basis, Explanation = fresh.Explanation, RuleVersion = fresh.RuleVersion };
                db.WasteClasses.Add(row);
            }
            var changed = before is null || before.Computed != fresh.Computed || before.Basis != fresh.Basis || before.BasisTonnes != fresh.BasisTonnes;
            row.Computed = fresh.Computed;
            row.Basis = fresh.Basis;
            row.BasisTonnes = fresh.BasisTonnes;
            row.Explanation = fresh.Explanation;
            row.RuleVersion = fresh.RuleVersion;
            row.ComputedAt = time.GetUtcNow();
            var after = View(row, true);
            return (after, changed ? new AuditRecord(ActionClassCompute, TargetClass, $"{uscc}/{year}", before, after, null) : null);
        }, ct);
    }

    /// <summary>
    /// Sets (or with a null <paramref name="cls"/> clears) the bureau's class for a year (HJ 1259-2022 §4.2.2: local
    /// authorities may reclassify), with a reason; computes and stores the rule's class in the same row. Audited as
    /// <see cref="ActionClassOverride"/>.
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="year">Class year.</param>
    /// <param name="cls">Class key, or null to clear.</param>
    /// <param name="reason">Why (required, ≤ 512 characters).</param>
    /// <param name="actor">Who (staff).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="GeneratorException">Unknown class or missing reason.</exception>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    public async Task<WasteClassView> OverrideClassAsync(string uscc, int year, string? cls, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (cls is not null && !WasteClassKeys.TryParse(cls, out _)) throw new GeneratorException("class", $"'{cls}' is not key, simplified or registration");
        if (string.IsNullOrWhiteSpace(reason)) throw new GeneratorException("reason", "a reason is required (HJ 1259-2022 §4.2.2 reclassification by the authority)");
        if (reason.Length > WasteClassRecord.TextLength) throw new GeneratorException("reason", $"at most {WasteClassRecord.TextLength} characters");
        await RequireEnterpriseAsync(uscc, ct);
        return await AuditTrail.RunAsync(db, actor, async c =>
        {
            var fresh = await DecideAsync(uscc, year, c);
            var row = await db.WasteClasses.SingleOrDefaultAsync(x => x.Uscc == uscc && x.Year == year, c);
            var before = row is null ? null : View(row, true);
            if (row is null)
            {
                row = new WasteClassRecord { Uscc = uscc, Year = year, Computed = fresh.Computed, Basis = fresh.Basis, Explanation = fresh.Explanation, RuleVersion = fresh.RuleVersion };
                db.WasteClasses.Add(row);
            }
            (row.Computed, row.Basis, row.BasisTonnes, row.Explanation, row.RuleVersion, row.ComputedAt) =
                (fresh.Computed, fresh.Basis, fresh.BasisTonnes, fresh.Explanation, fresh.RuleVersion, time.GetUtcNow());
            row.Override = cls;
            row.OverrideReason = cls is null ? null : reason.Trim();
            row.OverrideBy = cls is null ? null : actor.Name;
            row.OverrideAt = cls is null ? null : time.GetUtcNow();
            var after = View(row, true);
            return (after, new AuditRecord(ActionClassOverride, TargetClass, $"{uscc}/{year}", before, after, reason.Trim()));
        }, ct);
    }

    /// <summary>
    /// Records an annual generation figure from a source other than the ledger (<c>eia</c> / <c>permit</c>: the figure for a
    /// unit running less than a year, HJ 1259 §4.2.3; <c>reported</c>: a year before the ledger), replacing that source's
    /// figure for the year. Audited as <see cref="ActionAnnualRecord"/>.
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="year">Year.</param>
    /// <param name="tonnes">Tonnes (≥ 0).</param>
    /// <param name="source">One of <see cref="ManualSources"/>.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="GeneratorException">Unknown source or negative tonnage.</exception>
    public async Task RecordAnnualAsync(string uscc, int year, decimal tonnes, string source, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ManualSources.Contains(source)) throw new GeneratorException("source", $"'{source}' is not one of {string.Join(", ", ManualSources)}");
        if (tonnes < 0) throw new GeneratorException("tonnes", "must be ≥ 0");
        await RequireEnterpriseAsync(uscc, ct);
        await AuditTrail.RunAsync(db, actor, async c =>
        {
            var row = await db.WasteAnnualGenerations.SingleOrDefaultAsync(x => x.Uscc == uscc && x.Year == year && x.Source == source, c);
            var before = row is null ? null : new { row.Year, row.Source, row.Tonnes };
            if (row is null) db.WasteAnnualGenerations.Add(row = new WasteAnnualGeneration { Uscc = uscc, Year = year, Source = source, RecordedBy = actor.Name });
            (row.Tonnes, row.RecordedBy, row.RecordedAt) = (tonnes, actor.Name, time.GetUtcNow());
            return (true, new AuditRecord(ActionAnnualRecord, TargetClass, $"{uscc}/{year}", before, new { row.Year, row.Source, row.Tonnes }, null));
        }, ct);
    }

    /// <summary>
    /// Submits the management plan of <paramref name="year"/> (HJ 1259-2022 §5.2, due 31 March); issues the receipt number
    /// <c>HWP-{year}-{uscc}</c>. Audited as <see cref="ActionPlanSubmit"/>.
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="year">Plan year.</param>
    /// <param name="content">The plan as JSON (any object).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="GeneratorException">Year out of range; already submitted (conflict).</exception>
    public async Task<WasteFilingView> SubmitPlanAsync(string uscc, int year, JsonElement content, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var today = BeijingTime.Today(time);
        if (year < 2000 || year > today.Year + 1) throw new GeneratorException("year", $"a plan year from 2000 to {today.Year + 1}");
        await RequireEnterpriseAsync(uscc, ct);
        if (await db.WasteManagementPlans.AnyAsync(p => p.Uscc == uscc && p.Year == year, ct))
            throw new GeneratorException("year", $"the {year} plan of {uscc} was submitted already", conflict: true);
        var cls = (await GetClassAsync(uscc, year, ct)).Class;
        var due = DeclarationSchedule.For(Parse(cls), year, _rules).Single(d => d.Kind == DeclarationKind.Plan).DueOn;
        return await AuditTrail.RunAsync(db, actor, async c =>
        {
            var p = new WasteManagementPlan
            {
                Uscc = uscc, Year = year, DueOn = due, SubmittedAt = time.GetUtcNow(), FilingNumber = $"HWP-{year}-{uscc}",
                Content = content.ValueKind == JsonValueKind.Undefined ? "{}" : content.GetRawText(), SubmittedBy = actor.Name,
            };
            db.WasteManagementPlans.Add(p);
            await Task.CompletedTask;
            var view = Filing(uscc, DeclarationKind.Plan.Key(), Year(year), due, p.SubmittedAt, cls, p.FilingNumber, today);
            return (view, new AuditRecord(ActionPlanSubmit, TargetFiling, $"{uscc}/plan/{year}", null, view, null));
        }, ct);
    }

    /// <summary>
    /// Submits a declaration (HJ 1259-2022 §7.2). The kind must be one the enterprise's class in force for that year owes
    /// (monthly for 重点, quarterly for 简化, annual for all) and the period must have ended. Audited as
    /// <see cref="ActionDeclarationSubmit"/>.
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="kind"><c>monthly</c> | <c>quarterly</c> | <c>annual</c>.</param>
    /// <param name="period"><c>2027-01</c> | <c>2027-Q1</c> | <c>2027</c>.</param>
    /// <param name="content">The declaration as JSON.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="GeneratorException">Unknown kind/period, not owed by the class, period not over; submitted already (conflict).</exception>
    public async Task<WasteFilingView> SubmitDeclarationAsync(string uscc, string kind, string period, JsonElement content, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!DeclarationSchedule.TryParseKind(kind, out var k) || k == DeclarationKind.Plan)
            throw new GeneratorException("kind", "monthly, quarterly or annual (the plan is submitted under /hw/plans)");
        if (period is null || period.Length < 4 || !int.TryParse(period[..4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || year < 2000)
            throw new GeneratorException("period", "yyyy, yyyy-MM or yyyy-Qn");
        await RequireEnterpriseAsync(uscc, ct);
        var cls = (await GetClassAsync(uscc, year, ct)).Class;
        var owed = DeclarationSchedule.For(Parse(cls), year, _rules).SingleOrDefault(d => d.Kind == k && d.Period == period);
        if (owed is null)
            throw new GeneratorException("period", $"a {Parse(cls).NameZh()} ({cls}) in {year} owes no {kind} declaration '{period}' (HJ 1259-2022 §7.2)");
        var today = BeijingTime.Today(time);
        if (today <= owed.PeriodEnd) throw new GeneratorException("period", $"period {period} ends {owed.PeriodEnd:yyyy-MM-dd}; it is declared after it ends");
        if (await db.WasteDeclarations.AnyAsync(d => d.Uscc == uscc && d.Kind == kind && d.Period == period, ct))
            throw new GeneratorException("period", $"{kind} {period} of {uscc} was submitted already", conflict: true);
        return await AuditTrail.RunAsync(db, actor, async c =>
        {
            var d = new WasteDeclaration
            {
                Uscc = uscc, Kind = kind, Period = period, DueOn = owed.DueOn, SubmittedAt = time.GetUtcNow(),
                Content = content.ValueKind == JsonValueKind.Undefined ? "{}" : content.GetRawText(), SubmittedBy = actor.Name,
            };
            db.WasteDeclarations.Add(d);
            await Task.CompletedTask;
            var view = Filing(uscc, kind, period, owed.DueOn, d.SubmittedAt, cls, null, today);
            return (view, new AuditRecord(ActionDeclarationSubmit, TargetFiling, $"{uscc}/{kind}/{period}", null, view, null));
        }, ct);
    }

    /// <summary>Every filing <paramref name="uscc"/> owes for the periods of <paramref name="year"/> by its class in force,
    /// with submissions matched and the status on today's Beijing date, in due order.</summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="year">Year of the periods.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    public async Task<IReadOnlyList<WasteFilingView>> FilingsAsync(string uscc, int year, CancellationToken ct = default)
    {
        await RequireEnterpriseAsync(uscc, ct);
        var cls = (await GetClassAsync(uscc, year, ct)).Class;
        var plans = await db.WasteManagementPlans.AsNoTracking().Where(p => p.Uscc == uscc && p.Year == year).ToListAsync(ct);
        var decls = await db.WasteDeclarations.AsNoTracking().Where(d => d.Uscc == uscc && d.Period.StartsWith(Year(year))).ToListAsync(ct);
        var today = BeijingTime.Today(time);
        return DeclarationSchedule.For(Parse(cls), year, _rules).Select(d =>
        {
            if (d.Kind == DeclarationKind.Plan)
            {
                var p = plans.FirstOrDefault();
                return Filing(uscc, "plan", d.Period, d.DueOn, p?.SubmittedAt, cls, p?.FilingNumber, today);
            }
            var s = decls.FirstOrDefault(x => x.Kind == d.Kind.Key() && x.Period == d.Period);
            return Filing(uscc, d.Kind.Key(), d.Period, d.DueOn, s?.SubmittedAt, cls, null, today);
        }).ToList();
    }

    /// <summary>
    /// The staff lists (issue 17 "due / submitted / overdue lists for staff"): over every enterprise in scope that has a
    /// class row or an annual figure (a hazardous-waste generator), the filings of last year and this year with
    /// <paramref name="status"/>: <c>overdue</c> (not submitted, due day passed), <c>due</c> (not submitted, on time, and
    /// either a plan or a period that has ended), <c>submitted</c> (on time or late), or null for all of these.
    /// </summary>
    /// <param name="status"><c>overdue</c> | <c>due</c> | <c>submitted</c> | null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteFilingView>> StaffListAsync(string? status, CancellationToken ct = default)
    {
        var today = BeijingTime.Today(time);
        var usccs = (await db.WasteClasses.Select(c => c.Uscc).Distinct().ToListAsync(ct))
            .Union(await db.WasteAnnualGenerations.Select(c => c.Uscc).Distinct().ToListAsync(ct))
            .Union(await GeneratorUsccsAsync(ct)).Distinct().Order(StringComparer.Ordinal).ToList();
        var list = new List<WasteFilingView>();
        foreach (var u in usccs)
            foreach (var y in new[] { today.Year - 1, today.Year })
                foreach (var f in await FilingsAsync(u, y, ct))
                {
                    var keep = status switch
                    {
                        "overdue" => f.Status == "overdue",
                        "submitted" => f.SubmittedAt is not null,
                        "due" => f.Status == "due" && (f.Kind == "plan" || PeriodEnded(f, today)),
                        _ => f.Status != "due" || f.Kind == "plan" || PeriodEnded(f, today),
                    };
                    if (keep) list.Add(f);
                }
        return list.OrderBy(f => f.DueOn).ThenBy(f => f.Uscc, StringComparer.Ordinal).ToList();
    }

    /// <summary>Enterprises in scope with the generator role (<c>hw_parties.roles</c> has Generator).</summary>
    private Task<List<string>> GeneratorUsccsAsync(CancellationToken ct) =>
        db.WasteParties.Where(p => (p.Roles & WastePartyRoles.Generator) != 0).Select(p => p.Uscc).ToListAsync(ct);

    /// <summary>
    /// Annual generation from the ledger (HJ 1259-2022 §6.3 产生 entries): Σ tonnes of the enterprise's <c>generated</c>
    /// entries by the Beijing calendar year of their time, not counting an entry that a later entry corrects (the
    /// correction carries the corrected quantity). Computed here and nowhere else.
    /// </summary>
    /// <param name="uscc">Enterprise (in scope).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Year → tonnes, only years with entries.</returns>
    public async Task<IReadOnlyDictionary<int, decimal>> LedgerGenerationAsync(string uscc, CancellationToken ct = default)
    {
        var corrected = db.WasteLedgerEntries.Where(e => e.Uscc == uscc && e.CorrectsEntryId != null).Select(e => e.CorrectsEntryId!.Value);
        var rows = await db.WasteLedgerEntries.AsNoTracking()
            .Where(e => e.Uscc == uscc && e.Stage == WasteLedgerStage.Generated && !corrected.Contains(e.Id))
            .Select(e => new { e.At, e.QuantityT }).ToListAsync(ct);
        return rows.GroupBy(r => BeijingTime.Date(r.At).Year).ToDictionary(g => g.Key, g => g.Sum(r => r.QuantityT));
    }

    /// <summary>The rule's decision for (uscc, year): per year the ledger's figure (<see cref="LedgerGenerationAsync"/>) when
    /// the ledger has entries that year, else the <c>reported</c> figure; the EIA/permit figure = the larger of the two for the class year or, failing that, the
    /// latest before it; own facility / licence from the party (P2) when known.</summary>
    private async Task<WasteClassView> DecideAsync(string uscc, int year, CancellationToken ct)
    {
        var figures = await db.WasteAnnualGenerations.AsNoTracking().Where(a => a.Uscc == uscc && a.Year <= year).ToListAsync(ct);
        var ledger = await LedgerGenerationAsync(uscc, ct);
        var history = figures.Where(f => f.Source == "reported" && !ledger.ContainsKey(f.Year)).Select(f => (f.Year, f.Tonnes))
            .Concat(ledger.Select(kv => (kv.Key, kv.Value))).ToList();
        var eia = figures.Where(f => f.Source is "eia" or "permit").OrderByDescending(f => f.Year).ThenByDescending(f => f.Tonnes)
            .Select(f => (decimal?)f.Tonnes).FirstOrDefault();
        var (ownFacility, licence) = await FacilityAndLicenceAsync(uscc, ct);
        var d = ManagementClassRule.Decide(history, year, ownFacility, licence, eia, _rules);
        return new WasteClassView(uscc, year, d.Class.Key(), d.Class.NameZh(), d.Class.Key(), d.BasisTonnes, d.Basis.Key(), d.Explanation,
            _rules.Version, null, null, null, false);
    }

    /// <summary>Own utilisation/disposal facility (<c>hw_facilities</c> of kind utilisation or disposal) and a 经营许可证
    /// (<c>hw_parties.hw_licence_number</c>) of the enterprise: either makes it 重点监管 (HJ 1259-2022 §4.2.1).</summary>
    private async Task<(bool OwnFacility, bool Licence)> FacilityAndLicenceAsync(string uscc, CancellationToken ct)
    {
        var own = await db.WasteFacilities.AnyAsync(f => f.Uscc == uscc && (f.Kind == WasteFacilityKind.Utilisation || f.Kind == WasteFacilityKind.Disposal), ct);
        var licence = await db.WasteParties.AnyAsync(p => p.Uscc == uscc && p.HwLicenceNumber != null && p.HwLicenceNumber != "", ct);
        return (own, licence);
    }

    private async Task RequireEnterpriseAsync(string uscc, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
    }

    private static WasteClassView View(WasteClassRecord r, bool stored) =>
        new(r.Uscc, r.Year, r.InForce, Parse(r.InForce).NameZh(), r.Computed, r.BasisTonnes, r.Basis, r.Explanation, r.RuleVersion,
            r.Override, r.OverrideReason, r.OverrideBy, stored);

    private static WasteManagementClass Parse(string key) =>
        WasteClassKeys.TryParse(key, out var c) ? c : throw new InvalidOperationException($"stored class '{key}' is not a class key");

    private static WasteFilingView Filing(string uscc, string kind, string period, DateOnly due, DateTimeOffset? submittedAt, string cls, string? filing, DateOnly today) =>
        new(uscc, kind, period, due, submittedAt,
            DeclarationSchedule.Status(due, submittedAt is { } s ? DateOnly.FromDateTime(BeijingTime.Local(s)) : null, today).Key(), cls, filing);

    private static bool PeriodEnded(WasteFilingView f, DateOnly today)
    {
        // The period's end is the day before the due month's first day for monthly/quarterly, 12-31 for annual.
        if (f.Kind == "annual") return today.Year > int.Parse(f.Period, System.Globalization.CultureInfo.InvariantCulture);
        var dueMonthStart = new DateOnly(f.DueOn.Year, f.DueOn.Month, 1);
        return today >= dueMonthStart;
    }

    private static string Year(int y) => y.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
}
