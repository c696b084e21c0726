using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Medical;

namespace SmartEnv.Waste.Medical;

/// <summary>A handover to record (<see cref="MedicalWasteService.RecordHandoverAsync"/>).</summary>
/// <param name="FacilityCode">Code of the institution's 暂存间 (a waste facility of kind medical_temporary), e.g. <c>ZC01</c>.</param>
/// <param name="At">Handover into the 暂存间 (an instant; at or before now).</param>
/// <param name="Category">Category key, enum name, list code or Chinese name (<see cref="MedicalWasteCategories.TryParse"/>).</param>
/// <param name="WeightKg">Weight in kg, &gt; 0, at most 3 decimals (to the gram).</param>
/// <param name="Packages">Packages, ≥ 1.</param>
/// <param name="Department">科室, 1–64 characters.</param>
/// <param name="HandedBy">Who handed it over, 1–64 characters.</param>
/// <param name="ReceivedBy">Who received it into the 暂存间, 1–64 characters.</param>
public sealed record HandoverInput(string FacilityCode, DateTimeOffset At, string Category, decimal WeightKg, int Packages,
    string Department, string HandedBy, string ReceivedBy);

/// <summary>A collection to record (<see cref="MedicalWasteService.RecordCollectionAsync"/>).</summary>
/// <param name="FacilityCode">The 暂存间 collected from.</param>
/// <param name="CollectorUscc">统一社会信用代码 of the collector (a registered waste party).</param>
/// <param name="At">When the waste left (at or before now, not before any handover taken).</param>
/// <param name="HandoverIds">The held handovers of that 暂存间 it took (at least one).</param>
/// <param name="WeightKg">Weight as weighed at collection (&gt; 0, 3 decimals), or null for the sum of the handovers.</param>
/// <param name="ManifestNumber">Medical-waste manifest number (14 digits), or null.</param>
public sealed record CollectionInput(string FacilityCode, string CollectorUscc, DateTimeOffset At, IReadOnlyList<long> HandoverIds,
    decimal? WeightKg, string? ManifestNumber);

/// <summary>Kg and packages of one category in a report.</summary>
/// <param name="Category">Category key.</param>
/// <param name="WasteCode">List code.</param>
/// <param name="Kg">Weight generated, kg.</param>
/// <param name="Packages">Packages.</param>
public sealed record MedicalCategoryTotal(string Category, string WasteCode, decimal Kg, int Packages);

/// <summary>An institution's annual medical-waste report: computed from its handovers, and the stored submission if any.</summary>
/// <param name="Uscc">Institution.</param>
/// <param name="Year">Calendar year (Beijing).</param>
/// <param name="GeneratedKg">Weight of the year's handovers.</param>
/// <param name="CentrallyDisposedKg">Of which collected by a central disposal unit (the institution's share of #17).</param>
/// <param name="Handovers">Handovers of the year.</param>
/// <param name="ByCategory">Per category (all five, zeros included).</param>
/// <param name="SubmittedAt">When submitted, or null.</param>
/// <param name="SubmittedBy">Who submitted, or null.</param>
/// <param name="SubmittedGeneratedKg">The weight as submitted (may differ from <paramref name="GeneratedKg"/> when handovers were
/// recorded after the submission), or null.</param>
/// <param name="Note">The submission's note, or null.</param>
public sealed record MedicalAnnualReport(string Uscc, int Year, decimal GeneratedKg, decimal CentrallyDisposedKg, int Handovers,
    IReadOnlyList<MedicalCategoryTotal> ByCategory, DateTimeOffset? SubmittedAt, string? SubmittedBy, decimal? SubmittedGeneratedKg, string? Note);

/// <summary>One institution in the staff overview.</summary>
/// <param name="Uscc">Institution.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="GeneratedKg">Weight generated in the year.</param>
/// <param name="CentrallyDisposedKg">Of which centrally disposed.</param>
/// <param name="HeldKg">Weight held in its 暂存间 now.</param>
/// <param name="HeldOverdue">Handovers held past 48 h now.</param>
/// <param name="LastCollectionAt">Its last collection, or null.</param>
/// <param name="ReportSubmitted">True when the year's report was submitted.</param>
public sealed record MedicalInstitutionRow(string Uscc, string Name, decimal GeneratedKg, decimal CentrallyDisposedKg, decimal HeldKg, int HeldOverdue,
    DateTimeOffset? LastCollectionAt, bool ReportSubmitted);

/// <summary>The staff overview of medical waste for a year.</summary>
/// <param name="Year">Year.</param>
/// <param name="Rate">#17 for the year (district, all institutions).</param>
/// <param name="Institutions">Per institution (parties with role MedicalInstitution, and any with handovers).</param>
public sealed record MedicalOverview(int Year, CentralDisposalYear Rate, IReadOnlyList<MedicalInstitutionRow> Institutions);

/// <summary>Invalid medical-waste input (nothing stored): field → messages; <see cref="Conflict"/> for a clash with stored
/// rows (HTTP 409), else bad input (400).</summary>
public sealed class MedicalWasteException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Field → messages.</param>
    /// <param name="conflict">True for a clash with stored rows.</param>
    public MedicalWasteException(IReadOnlyDictionary<string, string[]> errors, bool conflict = false)
        : base(string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))) => (Errors, Conflict) = (errors, conflict);

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="field">Field.</param>
    /// <param name="message">Message.</param>
    /// <param name="conflict">True for a clash with stored rows.</param>
    public MedicalWasteException(string field, string message, bool conflict = false) : this(new Dictionary<string, string[]> { [field] = [message] }, conflict) { }

    /// <summary>Field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>True for a clash with stored rows rather than bad input.</summary>
    public bool Conflict { get; }
}

/// <summary>
/// Medical waste over one store context (issue 17 P6, docs/waste.md): daily handovers into a medical institution's 暂存间,
/// collections by the collector that take them, the annual generation report, the staff overview and the facts of indicator
/// #17 (<see cref="RateAsync"/>, computed by <see cref="CentralDisposalRate"/>). Every change is audited in its own transaction
/// (<c>mw.handover.record</c>, <c>mw.collection.record</c>, <c>mw.report.submit</c>). Reads and writes see what the
/// context's <see cref="DataScope"/> lets through (the collector and the party roles are looked up across scopes). Rows are
/// never deleted (条例 Art. 12: kept ≥ 3 years). Not thread-safe (one per unit of work, as its context).
/// </summary>
/// <param name="db">The context (scoped for a request, unrestricted for jobs and the CLI).</param>
/// <param name="time">Clock (now for "not in the future", recorded_at, submitted_at).</param>
public sealed class MedicalWasteService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Audit action of a handover.</summary>
    public const string ActionHandover = "mw.handover.record";

    /// <summary>Audit action of a collection.</summary>
    public const string ActionCollection = "mw.collection.record";

    /// <summary>Audit action of a report submission.</summary>
    public const string ActionReport = "mw.report.submit";

    /// <summary>Longest free text of a report note.</summary>
    public const int NoteLength = 1000;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Records a handover into the institution's 暂存间 (category → its 841-00x-01 code) and audits it.</summary>
    /// <param name="uscc">The medical institution (in scope; a waste party with role MedicalInstitution).</param>
    /// <param name="input">What was handed over.</param>
    /// <param name="actor">Who (audit; its name is stored as recorded_by).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise <paramref name="uscc"/> in scope.</exception>
    /// <exception cref="MedicalWasteException">Invalid input, or the enterprise is not a medical institution (conflict).</exception>
    public async Task<MedicalWasteHandover> RecordHandoverAsync(string uscc, HandoverInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await RequireInstitutionAsync(uscc, ct);
        var errors = new Dictionary<string, string[]>();
        var facility = await FacilityAsync(uscc, input.FacilityCode, errors, ct);
        if (!MedicalWasteCategories.TryParse(input.Category, out var cat))
            errors["category"] = ["category must be infectious, sharps, pathological, pharmaceutical or chemical (or 841-00x-01, 感染性废物 …)"];
        Weight("weight_kg", input.WeightKg, errors);
        if (input.Packages < 1) errors["packages"] = ["packages must be at least 1"];
        Text("department", input.Department, errors);
        Text("handed_by", input.HandedBy, errors);
        Text("received_by", input.ReceivedBy, errors);
        var now = time.GetUtcNow();
        if (input.At > now) errors["at"] = ["a handover cannot be recorded in the future"];
        if (errors.Count > 0) throw new MedicalWasteException(errors);
        var row = new MedicalWasteHandover
        {
            Uscc = uscc, FacilityId = facility!.Id, At = input.At.ToUniversalTime(), Category = cat!.Key, WasteCode = cat.WasteCode,
            WeightKg = input.WeightKg, Packages = input.Packages, Department = input.Department.Trim(), HandedBy = input.HandedBy.Trim(),
            ReceivedBy = input.ReceivedBy.Trim(), RecordedBy = Clip(actor.Name), RecordedAt = now,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.MedicalWasteHandovers.Add(row);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, ActionHandover, "mw_handover", row.Id.ToString(CultureInfo.InvariantCulture), null, View(row, facility.Code), null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Records a collection that takes held handovers of one 暂存间 and audits it (after = the collection with the
    /// handover ids). The handovers must be this institution's, of that 暂存间, still held and stored at or before the
    /// collection.</summary>
    /// <param name="uscc">The medical institution (in scope).</param>
    /// <param name="input">The collection.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise <paramref name="uscc"/> in scope.</exception>
    /// <exception cref="MedicalWasteException">Invalid input; a handover already collected is a conflict.</exception>
    public async Task<MedicalWasteCollection> RecordCollectionAsync(string uscc, CollectionInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await RequireInstitutionAsync(uscc, ct);
        var errors = new Dictionary<string, string[]>();
        var facility = await FacilityAsync(uscc, input.FacilityCode, errors, ct);
        var collector = await db.WasteParties.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Uscc == input.CollectorUscc, ct);
        if (collector is null) errors["collector_uscc"] = [$"{input.CollectorUscc} is not a registered waste party (hw_parties)"];
        if (input.WeightKg is { } w) Weight("weight_kg", w, errors);
        if (input.ManifestNumber is { } m && (m.Length != MedicalWasteCollection.ManifestNumberLength || !m.All(char.IsAsciiDigit)))
            errors["manifest_number"] = ["a manifest number is 14 digits (《危险废物转移管理办法》 Art. 15)"];
        var now = time.GetUtcNow();
        if (input.At > now) errors["at"] = ["a collection cannot be recorded in the future"];
        var ids = (input.HandoverIds ?? []).Distinct().ToList();
        if (ids.Count == 0) errors["handover_ids"] = ["a collection takes at least one handover"];
        if (errors.Count > 0) throw new MedicalWasteException(errors);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var taken = await db.MedicalWasteHandovers.Where(h => ids.Contains(h.Id) && h.Uscc == uscc).ToListAsync(ct);
        var missing = ids.Except(taken.Select(h => h.Id)).ToList();
        if (missing.Count > 0) throw new MedicalWasteException("handover_ids", $"no handover {string.Join(", ", missing)} of {uscc}");
        if (taken.FirstOrDefault(h => h.FacilityId != facility!.Id) is { } other)
            throw new MedicalWasteException("handover_ids", $"handover {other.Id} is not in 暂存间 {facility!.Code}");
        if (taken.FirstOrDefault(h => h.CollectionId is not null) is { } done)
            throw new MedicalWasteException("handover_ids", $"handover {done.Id} was already collected (collection {done.CollectionId})", conflict: true);
        if (taken.FirstOrDefault(h => h.At > input.At) is { } later)
            throw new MedicalWasteException("at", $"handover {later.Id} was stored after the collection time");
        var row = new MedicalWasteCollection
        {
            Uscc = uscc, FacilityId = facility!.Id, CollectorUscc = input.CollectorUscc, At = input.At.ToUniversalTime(),
            WeightKg = input.WeightKg ?? taken.Sum(h => h.WeightKg), ManifestNumber = input.ManifestNumber, RecordedBy = Clip(actor.Name), RecordedAt = now,
        };
        db.MedicalWasteCollections.Add(row);
        await db.SaveChangesAsync(ct);
        foreach (var h in taken) h.CollectionId = row.Id;
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, ActionCollection, "mw_collection", row.Id.ToString(CultureInfo.InvariantCulture), null,
            new
            {
                facility = facility.Code, collector_uscc = row.CollectorUscc, at = row.At, weight_kg = row.WeightKg, manifest_number = row.ManifestNumber,
                handover_ids = taken.Select(h => h.Id).Order().ToList(),
                central_disposal = (collector!.Roles & WastePartyRoles.MedicalDisposal) != 0,
            }, null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>The institution's handovers, newest first.</summary>
    /// <param name="uscc">Institution (in scope).</param>
    /// <param name="from">First instant included, or null.</param>
    /// <param name="to">Instant excluded, or null.</param>
    /// <param name="heldOnly">Only those still held.</param>
    /// <param name="limit">Most rows.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<MedicalWasteHandover>> HandoversAsync(string uscc, DateTimeOffset? from, DateTimeOffset? to, bool heldOnly, int limit, CancellationToken ct = default)
    {
        var q = db.MedicalWasteHandovers.AsNoTracking().Where(h => h.Uscc == uscc);
        if (from is { } f) q = q.Where(h => h.At >= f);
        if (to is { } t) q = q.Where(h => h.At < t);
        if (heldOnly) q = q.Where(h => h.CollectionId == null);
        return await q.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>The institution's collections, newest first.</summary>
    /// <param name="uscc">Institution (in scope).</param>
    /// <param name="from">First instant included, or null.</param>
    /// <param name="to">Instant excluded, or null.</param>
    /// <param name="limit">Most rows.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<MedicalWasteCollection>> CollectionsAsync(string uscc, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken ct = default)
    {
        var q = db.MedicalWasteCollections.AsNoTracking().Where(c => c.Uscc == uscc);
        if (from is { } f) q = q.Where(c => c.At >= f);
        if (to is { } t) q = q.Where(c => c.At < t);
        return await q.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>The facts #17 is computed from for <paramref name="year"/>: the year's handovers (Beijing year of the handover)
    /// of the institutions in scope, each marked centrally disposed when its collection's collector has the party role
    /// MedicalDisposal.</summary>
    /// <param name="year">Calendar year.</param>
    /// <param name="uscc">One institution, or null for all in scope.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<(string Uscc, string Category, int Packages, MedicalHandoverFact Fact)>> FactsAsync(int year, string? uscc, CancellationToken ct = default)
    {
        var t0 = BeijingTime.DayStart(new DateOnly(year, 1, 1));
        var t1 = BeijingTime.DayStart(new DateOnly(year + 1, 1, 1));
        var disposers = await db.WasteParties.IgnoreQueryFilters().AsNoTracking()
            .Where(p => (p.Roles & WastePartyRoles.MedicalDisposal) != 0).Select(p => p.Uscc).ToListAsync(ct);
        var q = db.MedicalWasteHandovers.AsNoTracking().Where(h => h.At >= t0 && h.At < t1);
        if (uscc is not null) q = q.Where(h => h.Uscc == uscc);
        var rows = await q.Select(h => new
        {
            h.Uscc, h.At, h.WeightKg, h.Category, h.Packages,
            Collector = db.MedicalWasteCollections.Where(c => c.Id == h.CollectionId).Select(c => c.CollectorUscc).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => (r.Uscc, r.Category, r.Packages,
            new MedicalHandoverFact(BeijingTime.Date(r.At), r.WeightKg, r.Collector is not null && disposers.Contains(r.Collector)))).ToList();
    }

    /// <summary>Indicator #17 for <paramref name="year"/> over the institutions in scope (<see cref="CentralDisposalRate.Compute"/>).</summary>
    /// <param name="year">Calendar year.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<CentralDisposalYear> RateAsync(int year, CancellationToken ct = default) =>
        CentralDisposalRate.Compute(year, (await FactsAsync(year, null, ct)).Select(f => f.Fact));

    /// <summary>The institution's report for <paramref name="year"/>: figures computed from its handovers now, and the stored
    /// submission if any.</summary>
    /// <param name="uscc">Institution (in scope).</param>
    /// <param name="year">Calendar year.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise <paramref name="uscc"/> in scope.</exception>
    public async Task<MedicalAnnualReport> ReportAsync(string uscc, int year, CancellationToken ct = default)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
        var facts = await FactsAsync(year, uscc, ct);
        var rate = CentralDisposalRate.Compute(year, facts.Select(f => f.Fact));
        var by = MedicalWasteCategories.All.Select(c =>
        {
            var mine = facts.Where(f => f.Category == c.Key).ToList();
            return new MedicalCategoryTotal(c.Key, c.WasteCode, mine.Sum(f => f.Fact.WeightKg), mine.Sum(f => f.Packages));
        }).ToList();
        var stored = await db.MedicalWasteReports.AsNoTracking().SingleOrDefaultAsync(r => r.Uscc == uscc && r.Year == year, ct);
        string? note = null;
        if (stored is not null)
        {
            using var doc = JsonDocument.Parse(stored.ContentJson);
            note = doc.RootElement.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        return new MedicalAnnualReport(uscc, year, rate.GeneratedKg, rate.DisposedKg, rate.Handovers, by, stored?.SubmittedAt, stored?.SubmittedBy,
            stored?.GeneratedKg, note);
    }

    /// <summary>Submits (or resubmits) the institution's annual report: the figures of <see cref="ReportAsync"/> at this moment
    /// are stored, audited with the earlier submission as before. A year that has not ended cannot be submitted.</summary>
    /// <param name="uscc">Institution (in scope; role MedicalInstitution).</param>
    /// <param name="year">Calendar year (ended).</param>
    /// <param name="note">Optional note (≤ 1,000 characters).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    /// <exception cref="MedicalWasteException">The year has not ended, note too long, not a medical institution.</exception>
    public async Task<MedicalAnnualReport> SubmitReportAsync(string uscc, int year, string? note, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await RequireInstitutionAsync(uscc, ct);
        var now = time.GetUtcNow();
        if (year >= BeijingTime.Date(now).Year) throw new MedicalWasteException("year", $"the year {year} has not ended; a report covers a whole calendar year");
        if (note is { Length: > NoteLength }) throw new MedicalWasteException("note", $"at most {NoteLength} characters");
        var r = await ReportAsync(uscc, year, ct);
        var content = JsonSerializer.Serialize(new
        {
            year, generated_kg = r.GeneratedKg, centrally_disposed_kg = r.CentrallyDisposedKg, handovers = r.Handovers,
            by_category = r.ByCategory.Select(c => new { category = c.Category, waste_code = c.WasteCode, kg = c.Kg, packages = c.Packages }),
            note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        }, Json);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var row = await db.MedicalWasteReports.SingleOrDefaultAsync(x => x.Uscc == uscc && x.Year == year, ct);
        object? before = row is null ? null : new { submitted_at = row.SubmittedAt, submitted_by = row.SubmittedBy, content = JsonDocument.Parse(row.ContentJson).RootElement };
        if (row is null) db.MedicalWasteReports.Add(row = new MedicalWasteReport { Uscc = uscc, Year = year, SubmittedBy = "", ContentJson = "" });
        row.GeneratedKg = r.GeneratedKg;
        row.SubmittedAt = now;
        row.SubmittedBy = Clip(actor.Name);
        row.ContentJson = content;
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, ActionReport, "mw_report", uscc + "/" + year.ToString(CultureInfo.InvariantCulture), before,
            new { submitted_at = now, content = JsonDocument.Parse(content).RootElement }, null, now, ct);
        await tx.CommitAsync(ct);
        return await ReportAsync(uscc, year, ct);
    }

    /// <summary>The staff overview for <paramref name="year"/>: #17 over all institutions in scope, and per institution its
    /// generation, central disposal, what it holds now (weight, handovers past <paramref name="maxStorage"/>), last collection
    /// and whether the year's report is in.</summary>
    /// <param name="year">Calendar year.</param>
    /// <param name="maxStorage">Storage limit (48 h, <see cref="MedicalStorageRules.DefaultMax"/>).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<MedicalOverview> OverviewAsync(int year, TimeSpan maxStorage, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var facts = await FactsAsync(year, null, ct);
        var institutions = await db.WasteParties.AsNoTracking().Where(p => (p.Roles & WastePartyRoles.MedicalInstitution) != 0).Select(p => p.Uscc).ToListAsync(ct);
        var held = await db.MedicalWasteHandovers.AsNoTracking().Where(h => h.CollectionId == null).Select(h => new { h.Uscc, h.At, h.WeightKg }).ToListAsync(ct);
        var lastCollections = (await db.MedicalWasteCollections.AsNoTracking().Select(c => new { c.Uscc, c.At }).ToListAsync(ct))
            .GroupBy(c => c.Uscc).ToDictionary(g => g.Key, g => g.Max(c => c.At));
        var reported = await db.MedicalWasteReports.AsNoTracking().Where(r => r.Year == year).Select(r => r.Uscc).ToListAsync(ct);
        var all = institutions.Concat(facts.Select(f => f.Uscc)).Concat(held.Select(h => h.Uscc)).Distinct().ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => all.Contains(e.Uscc)).ToDictionaryAsync(e => e.Uscc, e => e.Name, ct);
        var rows = all.Select(u =>
        {
            var mine = facts.Where(f => f.Uscc == u).Select(f => f.Fact).ToList();
            var h = held.Where(x => x.Uscc == u && x.At <= now).ToList();
            return new MedicalInstitutionRow(u, names.GetValueOrDefault(u, u), mine.Sum(f => f.WeightKg), mine.Where(f => f.CentrallyDisposed).Sum(f => f.WeightKg),
                h.Sum(x => x.WeightKg), h.Count(x => MedicalStorageRules.HeldTooLong(x.At, null, now, maxStorage)),
                lastCollections.TryGetValue(u, out var l) ? l : null, reported.Contains(u));
        }).OrderBy(r => r.Uscc, StringComparer.Ordinal).ToList();
        return new MedicalOverview(year, CentralDisposalRate.Compute(year, facts.Select(f => f.Fact)), rows);
    }

    /// <summary>The audit view of a handover.</summary>
    /// <param name="h">Handover.</param>
    /// <param name="facilityCode">Its 暂存间's code.</param>
    public static object View(MedicalWasteHandover h, string facilityCode)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new
        {
            id = h.Id, facility = facilityCode, at = h.At, category = h.Category, waste_code = h.WasteCode, weight_kg = h.WeightKg,
            packages = h.Packages, department = h.Department, handed_by = h.HandedBy, received_by = h.ReceivedBy, collection_id = h.CollectionId,
        };
    }

    private async Task RequireInstitutionAsync(string uscc, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
        var roles = await db.WasteParties.IgnoreQueryFilters().AsNoTracking().Where(p => p.Uscc == uscc).Select(p => (WastePartyRoles?)p.Roles).SingleOrDefaultAsync(ct);
        if (roles is not { } r || (r & WastePartyRoles.MedicalInstitution) == 0)
            throw new MedicalWasteException("uscc", $"{uscc} is not registered as a medical institution (hw party role medical_institution)", conflict: true);
    }

    private async Task<WasteFacility?> FacilityAsync(string uscc, string? code, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var f = await db.WasteFacilities.AsNoTracking().SingleOrDefaultAsync(x => x.Uscc == uscc && x.Code == code, ct);
        if (f is null) errors["facility"] = [$"{uscc} has no waste facility {code}"];
        else if (f.Kind != WasteFacilityKind.MedicalTemporary) errors["facility"] = [$"facility {code} is not a medical-waste 暂存间 (kind medical_temporary)"];
        return f;
    }

    private static void Weight(string field, decimal kg, Dictionary<string, string[]> errors)
    {
        if (kg <= 0) errors[field] = ["weight must be greater than 0 kg"];
        else if (kg != Math.Round(kg, 3)) errors[field] = ["weight is recorded to the gram (at most 3 decimals of kg)"];
        else if (kg >= 1_000_000_000m) errors[field] = ["weight too large"];
    }

    private static void Text(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} is required"];
        else if (value.Trim().Length > MedicalWasteHandover.NameLength) errors[field] = [$"{field}: at most {MedicalWasteHandover.NameLength} characters"];
    }

    private static string Clip(string name) => name.Length > MedicalWasteHandover.NameLength ? name[..MedicalWasteHandover.NameLength] : name;
}
