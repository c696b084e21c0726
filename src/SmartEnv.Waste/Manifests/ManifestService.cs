using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Waste.Generators;

namespace SmartEnv.Waste.Manifests;

/// <summary>
/// Electronic transfer manifests (电子联单, issue 17 P4) over one store context: drafting (number allocation per year and
/// city, in the drafting transaction), the party transitions of <see cref="ManifestWorkflow"/>, corrections as versions,
/// the receiver's discrepancy record (and, on acceptance, the ledger-vs-manifest row of <see cref="ReconciliationService"/>),
/// and the overdue lists. Rules: 《危险废物转移管理办法》 2021 (supervision.md §3.4);
/// deadlines on <see cref="WorkdayCalendar"/> (<see cref="ManifestDeadlines"/>), tolerance <see cref="QuantityTolerance"/>.
/// Every change writes a <c>hw_manifest_events</c> row and one audit entry (action <c>manifest.{trigger}</c>, target
/// <see cref="TargetManifest"/>) in one transaction. Nothing is ever deleted. Reads see what the context's
/// <see cref="DataScope"/> lets through (any of the three parties). Not thread-safe (one per unit of work, as its context).
/// </summary>
/// <param name="db">The context (scoped for a request, unrestricted for jobs and the CLI).</param>
/// <param name="time">Clock (Beijing dates of deadlines, <c>*_at</c> stamps).</param>
/// <param name="calendar">Working-day calendar; default <see cref="WorkdayCalendar.China"/>.</param>
/// <param name="rules">Rule file; default <see cref="WasteRules.Default"/>.</param>
public sealed class ManifestService(SmartEnvDbContext db, TimeProvider time, WorkdayCalendar? calendar = null, WasteRules? rules = null)
{
    /// <summary>Audit target type of manifests (the target id is the 14-digit number).</summary>
    public const string TargetManifest = "manifest";

    /// <summary>Audit action of a new draft.</summary>
    public const string ActionDraft = "manifest.draft";

    /// <summary>Audit action of a provisional due day counted again (<see cref="RecomputeProvisionalDuesAsync"/>).</summary>
    public const string ActionDueRecompute = "manifest.due_recompute";

    /// <summary>Every audit action this service writes: <see cref="ActionDraft"/>, <c>manifest.{trigger}</c> per
    /// <see cref="ManifestTrigger"/> in snake_case, and <see cref="ActionDueRecompute"/>.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        [ActionDraft, .. Enum.GetValues<ManifestTrigger>().Select(t => "manifest." + ManifestWorkflow.Name(t)), ActionDueRecompute];

    private readonly WorkdayCalendar _calendar = calendar ?? WorkdayCalendar.China;
    private readonly WasteRules _rules = rules ?? WasteRules.Default;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Drafts a manifest for generator <paramref name="generatorUscc"/>: checks the parties (carrier role, receiver role;
    /// medical: the receiver may be a MedicalDisposal unit and every code must be HW01), the facilities, the containers (the
    /// generator's, not on another manifest, not yet transferred) and the lines (code in the list in force, name, quantity
    /// &gt; 0); allocates the number <c>yyyy + division4 + serial</c> from the generator's division code; sets each
    /// container's <c>manifest_number</c>. One transaction with the audit entry.
    /// </summary>
    /// <param name="generatorUscc">移出人 (must be in scope).</param>
    /// <param name="input">What to draft.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="ManifestException">400 invalid input, 404 generator not in scope, 409 a container already on a manifest.</exception>
    public async Task<ManifestView> DraftAsync(string generatorUscc, ManifestDraftInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var generator = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == generatorUscc, ct)
            ?? throw new ManifestException(404, "uscc", $"no enterprise {generatorUscc}");
        var errors = new Dictionary<string, string[]>();
        var kind = string.IsNullOrWhiteSpace(input.Kind) ? "hazardous" : input.Kind.Trim();
        if (!WasteManifest.Kinds.Contains(kind)) errors["kind"] = ["hazardous or medical"];
        var parties = await db.WasteParties.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Uscc == generatorUscc || p.Uscc == input.CarrierUscc || p.Uscc == input.ReceiverUscc).ToDictionaryAsync(p => p.Uscc, ct);
        var names = await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Uscc == input.CarrierUscc || e.Uscc == input.ReceiverUscc).ToDictionaryAsync(e => e.Uscc, e => e.Name, ct);
        if (!parties.TryGetValue(input.CarrierUscc ?? "", out var carrier) || (carrier.Roles & WastePartyRoles.Carrier) == 0 || !names.ContainsKey(input.CarrierUscc!))
            errors["carrierUscc"] = ["the carrier must be an enterprise with the 承运人 role (hw_parties)"];
        var receiverRoles = kind == "medical" ? WastePartyRoles.Receiver | WastePartyRoles.MedicalDisposal : WastePartyRoles.Receiver;
        if (!parties.TryGetValue(input.ReceiverUscc ?? "", out var receiver) || (receiver.Roles & receiverRoles) == 0 || !names.ContainsKey(input.ReceiverUscc!))
            errors["receiverUscc"] = [kind == "medical" ? "the receiver must be a 接受人 or a central medical-waste disposal unit (hw_parties)" : "the receiver must be an enterprise with the 接受人 role (hw_parties)"];
        if (input.ReceiverUscc == generatorUscc) errors["receiverUscc"] = ["the receiver is another unit than the 移出人"];
        var from = await db.WasteFacilities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Uscc == generatorUscc && f.Code == input.FromFacilityCode, ct);
        if (from is null) errors["fromFacilityCode"] = [$"no facility {input.FromFacilityCode} of {generatorUscc}"];
        var to = await db.WasteFacilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.Uscc == input.ReceiverUscc && (input.ToFacilityCode == null || f.Code == input.ToFacilityCode)).OrderBy(f => f.Id).FirstOrDefaultAsync(ct);
        if (to is null) errors["toFacilityCode"] = [input.ToFacilityCode is null ? $"the receiver {input.ReceiverUscc} has no facility registered" : $"no facility {input.ToFacilityCode} of {input.ReceiverUscc}"];

        var today = BeijingTime.Today(time);
        var lines = new List<WasteManifestLine>();
        var containers = new List<WasteContainer>();
        if (input.ContainerIdentifiers is { Count: > 0 } ids)
        {
            containers = await db.WasteContainers.IgnoreQueryFilters().Where(c => ids.Contains(c.Identifier)).ToListAsync(ct);
            foreach (var id in ids.Where(i => containers.All(c => c.Identifier != i)).Take(5)) Add(errors, "containerIdentifiers", $"no container {id}");
            foreach (var c in containers)
            {
                if (c.Uscc != generatorUscc) Add(errors, "containerIdentifiers", $"container {c.Identifier} is not the 移出人's");
                else if (c.ManifestNumber is not null) throw new ManifestException(409, "containerIdentifiers", $"container {c.Identifier} is on manifest {c.ManifestNumber}");
                else if (c.State is WasteLedgerStage.Transferred or WasteLedgerStage.SelfUsed) Add(errors, "containerIdentifiers", $"container {c.Identifier} has left the ledger ({c.State})");
            }
            foreach (var g in containers.GroupBy(c => (c.WasteCode, c.Name)).OrderBy(g => g.Key.WasteCode, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
            {
                var first = g.First();
                lines.Add(new WasteManifestLine
                {
                    WasteCode = first.WasteCode, Category = first.Category, Name = first.Name, Hazard = first.Hazard ?? "", Form = first.Form,
                    Packaging = first.ContainerType, PackageCount = g.Count(), QuantityT = g.Sum(c => c.QuantityT),
                });
            }
        }
        foreach (var l in input.Lines ?? []) lines.Add(ToLine(l, today, errors));
        if (lines.Count == 0) errors["lines"] = ["a manifest has at least one line (containers or lines)"];
        if (kind == "medical")
            foreach (var l in lines.Where(l => l.Category != "HW01")) Add(errors, "lines", $"{l.WasteCode}: a medical-waste manifest carries HW01 codes only");
        if (errors.Count > 0) throw new ManifestException(400, errors);

        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var division = parties.TryGetValue(generatorUscc, out var gp) ? gp.DivisionCode : WasteParty.DefaultDivisionCode;
        var number = await AllocateNumberAsync(today.Year, division, ct);
        var now = time.GetUtcNow();
        var m = new WasteManifest
        {
            Number = number, Kind = kind, State = ManifestWorkflow.Name(ManifestState.Draft), Version = 1,
            GeneratorUscc = generatorUscc, GeneratorName = generator.Name, CarrierUscc = input.CarrierUscc!, CarrierName = names[input.CarrierUscc!],
            ReceiverUscc = input.ReceiverUscc!, ReceiverName = names[input.ReceiverUscc!], ReceiverLicence = receiver!.HwLicenceNumber,
            FromFacilityId = from!.Id, ToFacilityId = to!.Id, CreatedBy = actor.Name, CreatedAt = now,
        };
        for (var i = 0; i < lines.Count; i++) { lines[i].LineNo = i + 1; lines[i].Version = 1; m.Lines.Add(lines[i]); }
        db.WasteManifests.Add(m);
        foreach (var c in containers) c.ManifestNumber = number;
        await db.SaveChangesAsync(ct);
        db.WasteManifestEvents.Add(new WasteManifestEvent { ManifestId = m.Id, Trigger = "draft", ToState = m.State, PartyRole = "generator", Version = 1, By = actor.Name, At = now });
        var view = await ViewAsync(m, today, ct);
        await AuditTrail.AppendAsync(db, actor, ActionDraft, TargetManifest, number, null, view, null, now, ct);
        await tx.CommitAsync(ct);
        return view;
    }

    /// <summary>
    /// Fires <paramref name="trigger"/> on manifest <paramref name="number"/> as party <paramref name="actingUscc"/> (its
    /// role is the one of the three USCCs it holds that may fire the trigger now; staff cannot fire). What each reads:
    /// <list type="bullet">
    /// <item>submit — nothing; stamps <c>submitted_at</c>.</item>
    /// <item>pick_up — <c>Vehicle</c> (required), <c>TransportLicence</c> (default the carrier's party row), <c>At</c>.</item>
    /// <item>arrive — <c>At</c>; sets <c>receipt_due</c> = arrival day + 5 working days (Art. 18). Never refused for the
    /// calendar: a count into a year without a loaded holiday notice is stored with <c>receipt_due_provisional</c> (the same
    /// for <c>backfill_due</c>) and counted again by <see cref="RecomputeProvisionalDuesAsync"/>.</item>
    /// <item>accept / accept_partially / reject — <c>Received</c> (one per current line; reject: optional, default 0),
    /// <c>Declared</c>, <c>Note</c>. A received quantity beyond <see cref="QuantityTolerance"/> sets the quantity flag; any
    /// discrepancy, a partial acceptance or a refusal needs a note (Art. 18) and raises alert rule 9 at the next scan.</item>
    /// <item>record_paper — <c>PaperTransferredOn</c> (required, not in the future); sets <c>backfill_due</c> (+10 working days, Art. 20).</item>
    /// <item>back_fill — <c>At</c> (arrival on paper, required), <c>Lines</c>, <c>Vehicle</c>/<c>TransportLicence</c>
    /// optional; the manifest becomes arrived with <c>receipt_due</c> counted from the back-fill day (SmartEnv rule: the
    /// receiver could not confirm in the system before the manifest was in it).</item>
    /// <item>correct — <c>Lines</c> (required), <c>Reason</c> (required once signed): after a signature the current content
    /// is kept as a version snapshot and the version goes up; in a draft the lines are replaced.</item>
    /// </list>
    /// </summary>
    /// <param name="number">14-digit number.</param>
    /// <param name="actingUscc">The party acting (the route's enterprise).</param>
    /// <param name="trigger">What.</param>
    /// <param name="input">The action's fields.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The manifest after the change.</returns>
    /// <exception cref="ManifestException">404 not in scope or not a party; 403 not permitted for this party in this state;
    /// 400 invalid input.</exception>
    public async Task<ManifestView> FireAsync(string number, string actingUscc, ManifestTrigger trigger, ManifestActionInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var m = await db.WasteManifests.Include(x => x.Lines).FirstOrDefaultAsync(x => x.Number == number, ct);
        var roles = m is null ? [] : RolesOf(m, actingUscc);
        if (m is null || roles.Count == 0) throw new ManifestException(404, "number", $"no manifest {number} of {actingUscc}");
        if (!ManifestWorkflow.TryParseState(m.State, out var state)) throw new InvalidOperationException($"manifest {number}: unknown stored state {m.State}");
        var roleOrNull = roles.Cast<ManifestRole?>().FirstOrDefault(r => ManifestWorkflow.Can(state, trigger, r!.Value));
        if (roleOrNull is not { } role)
            throw new ManifestException(403, "action", $"a manifest in state {m.State} cannot take {ManifestWorkflow.Name(trigger)} from {string.Join("/", roles.Select(RoleText))}");

        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var errors = new Dictionary<string, string[]>();
        var current = m.Lines.Where(l => l.Version == m.Version).OrderBy(l => l.LineNo).ToList();
        var before = await ViewAsync(m, today, ct);
        var at = input.At ?? now;
        if (input.At is { } given && given > now) errors["at"] = ["not in the future"];
        string? note = Trim(input.Note) ?? Trim(input.Reason);
        List<WasteManifestLine>? newLines = null;
        switch (trigger)
        {
            case ManifestTrigger.Submit:
                if (current.Count == 0) errors["lines"] = ["nothing to submit"];
                m.SubmittedAt = now;
                break;
            case ManifestTrigger.PickUp:
            {
                var vehicle = Trim(input.Vehicle);
                if (vehicle is null) errors["vehicle"] = ["the vehicle plate is required (Art. 11(二))"];
                var licence = Trim(input.TransportLicence) ?? await db.WasteParties.IgnoreQueryFilters().Where(p => p.Uscc == m.CarrierUscc).Select(p => p.TransportLicence).FirstOrDefaultAsync(ct);
                if (licence is null) errors["transportLicence"] = ["the carrier's transport licence is required (Art. 11(二))"];
                (m.Vehicle, m.TransportLicence, m.PickedUpAt) = (vehicle, licence, at);
                break;
            }
            case ManifestTrigger.Arrive:
                m.ArrivedAt = at;
                SetReceiptDue(m, BeijingTime.Date(at));
                break;
            case ManifestTrigger.Accept or ManifestTrigger.AcceptPartially or ManifestTrigger.Reject:
            {
                var received = (input.Received ?? []).ToDictionary(r => r.LineNo);
                var flags = input.Declared & ~ManifestDiscrepancy.Quantity;
                foreach (var l in current)
                {
                    if (received.TryGetValue(l.LineNo, out var r))
                    {
                        if (r.ReceivedT < 0) { Add(errors, "received", $"line {l.LineNo}: a quantity is ≥ 0"); continue; }
                        l.ReceivedT = r.ReceivedT;
                        l.Method = Trim(r.Method) ?? l.Method;
                    }
                    else if (trigger == ManifestTrigger.Reject) l.ReceivedT = 0m;
                    else { Add(errors, "received", $"line {l.LineNo}: the quantity received is required (Art. 12(二))"); continue; }
                    if (trigger != ManifestTrigger.Reject && QuantityTolerance.Exceeds(l.QuantityT, l.ReceivedT!.Value, _rules)) flags |= ManifestDiscrepancy.Quantity;
                }
                foreach (var k in received.Keys.Where(k => current.All(l => l.LineNo != k))) Add(errors, "received", $"no line {k}");
                if ((flags != ManifestDiscrepancy.None || trigger != ManifestTrigger.Accept) && Trim(input.Note) is null)
                    errors["note"] = ["a discrepancy, a partial acceptance or a refusal is recorded with a note (Art. 18)"];
                (m.Discrepancy, m.DiscrepancyNote, m.ConfirmedAt) = ((int)flags, Trim(input.Note), now);
                break;
            }
            case ManifestTrigger.RecordPaper:
                if (input.PaperTransferredOn is not { } paperDay) { errors["paperTransferredOn"] = ["the day of the paper transfer is required (Art. 20)"]; break; }
                if (paperDay > today) errors["paperTransferredOn"] = ["not in the future"];
                (m.Paper, m.PaperTransferredOn) = (true, paperDay);
                (m.BackfillDue, m.BackfillDueProvisional) = ManifestDeadlines.BackfillDue(paperDay, _calendar, _rules);
                break;
            case ManifestTrigger.BackFill:
                if (input.At is null) errors["at"] = ["the arrival on the paper manifest is required"];
                if (input.Lines is { Count: > 0 }) newLines = input.Lines.Select(l => ToLine(l, today, errors)).ToList();
                (m.Vehicle, m.TransportLicence) = (Trim(input.Vehicle) ?? m.Vehicle, Trim(input.TransportLicence) ?? m.TransportLicence);
                m.PickedUpAt ??= m.PaperTransferredOn is { } pd ? BeijingTime.DayStart(pd) : null;
                m.ArrivedAt = at;
                SetReceiptDue(m, BeijingTime.Date(at) > today ? BeijingTime.Date(at) : today);
                break;
            case ManifestTrigger.Correct:
                if (input.Lines is not { Count: > 0 }) errors["lines"] = ["a correction gives the lines"];
                else newLines = input.Lines.Select(l => ToLine(l, today, errors)).ToList();
                if (ManifestWorkflow.IsSigned(state) && Trim(input.Reason) is null) errors["reason"] = ["a correction after a party signed needs a reason"];
                break;
        }
        if (m.Kind == "medical" && newLines is not null)
            foreach (var l in newLines.Where(l => l.Category != "HW01")) Add(errors, "lines", $"{l.WasteCode}: a medical-waste manifest carries HW01 codes only");
        if (errors.Count > 0)
        {
            // Nothing of a refused action stays tracked (the context may serve the next request of a unit of work).
            foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
            {
                e.CurrentValues.SetValues(e.OriginalValues);
                e.State = EntityState.Unchanged;
            }
            throw new ManifestException(400, errors);
        }

        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var newVersion = trigger == ManifestTrigger.Correct && ManifestWorkflow.IsSigned(state);
        if (newVersion)
        {
            db.WasteManifestVersions.Add(new WasteManifestVersion
            {
                ManifestId = m.Id, Version = m.Version, Snapshot = JsonSerializer.Serialize(before, Json), Reason = Trim(input.Reason)!, By = actor.Name, At = now,
            });
            m.Version++;
        }
        if (newLines is not null)
        {
            if (!newVersion) foreach (var l in current) { m.Lines.Remove(l); db.WasteManifestLines.Remove(l); } // draft or back-fill: no signed content replaced
            for (var i = 0; i < newLines.Count; i++) { newLines[i].LineNo = i + 1; newLines[i].Version = m.Version; m.Lines.Add(newLines[i]); }
        }
        m.State = ManifestWorkflow.Name(ManifestWorkflow.Fire(state, trigger, role));
        db.WasteManifestEvents.Add(new WasteManifestEvent
        {
            ManifestId = m.Id, Trigger = ManifestWorkflow.Name(trigger), FromState = ManifestWorkflow.Name(state), ToState = m.State,
            PartyRole = RoleName(role), Version = m.Version, By = actor.Name, At = now, Note = note,
        });
        if (trigger == ManifestTrigger.PickUp)
            foreach (var c in await db.WasteContainers.IgnoreQueryFilters().Where(c => c.ManifestNumber == m.Number).ToListAsync(ct))
                c.LeftAt ??= at;
        await db.SaveChangesAsync(ct);
        if (trigger is ManifestTrigger.Accept or ManifestTrigger.AcceptPartially) // ledger vs manifest, in this transaction (P5)
            await new ReconciliationService(db, time, _rules).ReconcileAsync(m.Number, ct);
        var after = await ViewAsync(m, today, ct);
        await AuditTrail.AppendAsync(db, actor, "manifest." + ManifestWorkflow.Name(trigger), TargetManifest, m.Number, before, after, note, now, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>The manifest <paramref name="number"/> if <paramref name="uscc"/> is one of its parties (null: any party in
    /// the context's scope, for staff).</summary>
    /// <param name="number">14 digits.</param>
    /// <param name="uscc">Party, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view, or null when not found in scope.</returns>
    public async Task<ManifestView?> GetAsync(string number, string? uscc, CancellationToken ct = default)
    {
        var m = await db.WasteManifests.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (m is null || (uscc is not null && RolesOf(m, uscc).Count == 0)) return null;
        return await ViewAsync(m, BeijingTime.Today(time), ct);
    }

    /// <summary>The manifests <paramref name="uscc"/> is a party to (newest first), optionally only those in <paramref name="state"/>.</summary>
    /// <param name="uscc">Party.</param>
    /// <param name="state">snake_case state, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ManifestView>> ListAsync(string uscc, string? state = null, CancellationToken ct = default)
    {
        var q = db.WasteManifests.AsNoTracking().Include(x => x.Lines)
            .Where(m => m.GeneratorUscc == uscc || m.CarrierUscc == uscc || m.ReceiverUscc == uscc);
        if (state is not null) q = q.Where(m => m.State == state);
        return await ViewsAsync(await q.OrderByDescending(m => m.Id).Take(1000).ToListAsync(ct), ct);
    }

    /// <summary>Staff list (every manifest in scope, newest first): all, or only the overdue ones — arrived and unconfirmed
    /// after <c>receipt_due</c> (Art. 18), or paper-pending after <c>backfill_due</c> (Art. 20) — as of today (Beijing).</summary>
    /// <param name="overdue">True for the overdue ones only.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ManifestView>> ListAllAsync(bool overdue, CancellationToken ct = default)
    {
        var today = BeijingTime.Today(time);
        var arrived = ManifestWorkflow.Name(ManifestState.Arrived);
        var paper = ManifestWorkflow.Name(ManifestState.PaperPending);
        var q = db.WasteManifests.AsNoTracking().Include(x => x.Lines).AsQueryable();
        if (overdue) q = q.Where(m => (m.State == arrived && m.ReceiptDue < today) || (m.State == paper && m.BackfillDue < today));
        return await ViewsAsync(await q.OrderByDescending(m => m.Id).Take(1000).ToListAsync(ct), ct);
    }

    /// <summary>
    /// Counts provisional due days again (SmartEnv rule): a <c>receipt_due</c> or <c>backfill_due</c> stored with its
    /// provisional flag (counted into a year without a loaded State Council notice) is counted again on the current calendar
    /// from its stored start (<c>receipt_due_from</c>; <c>paper_transferred_on</c>) once the calendar covers the due day's
    /// year; the new day and flag are stored with one audit entry per manifest (<see cref="ActionDueRecompute"/>, before
    /// and after views, the calendar version as the reason), all in one transaction. Cheap when there is nothing to do: one
    /// query selecting provisional rows whose due day is not after 31 December of <see cref="WorkdayCalendar.LastYear"/>
    /// (an estimate lies in an uncovered year, so nothing is selected until the notice is loaded). Confirmed or back-filled
    /// manifests are recounted too (the stored figure stays right). Called at the start of every alert scan (rule 8 reads
    /// <c>receipt_due</c>).
    /// </summary>
    /// <param name="actor">Who (a job: <c>AuditActor.System("alert-scanner")</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The number of manifests changed.</returns>
    public async Task<int> RecomputeProvisionalDuesAsync(AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var lastCovered = new DateOnly(_calendar.LastYear, 12, 31);
        var list = await db.WasteManifests.Include(x => x.Lines)
            .Where(m => (m.ReceiptDueProvisional && m.ReceiptDue <= lastCovered) || (m.BackfillDueProvisional && m.BackfillDue <= lastCovered))
            .OrderBy(m => m.Id).ToListAsync(ct);
        if (list.Count == 0) return 0;
        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var changed = new List<(WasteManifest M, ManifestView Before)>();
        foreach (var m in list)
        {
            var before = await ViewAsync(m, today, ct);
            var (receipt, receiptProvisional) = m.ReceiptDueProvisional && m.ReceiptDueFrom is { } from
                ? ManifestDeadlines.ReceiptDue(from, _calendar, _rules) : (m.ReceiptDue.GetValueOrDefault(), m.ReceiptDueProvisional);
            var (backfill, backfillProvisional) = m.BackfillDueProvisional && m.PaperTransferredOn is { } paper
                ? ManifestDeadlines.BackfillDue(paper, _calendar, _rules) : (m.BackfillDue.GetValueOrDefault(), m.BackfillDueProvisional);
            if (m.ReceiptDue is not null && (receipt, receiptProvisional) != (m.ReceiptDue.Value, m.ReceiptDueProvisional))
                (m.ReceiptDue, m.ReceiptDueProvisional) = (receipt, receiptProvisional);
            if (m.BackfillDue is not null && (backfill, backfillProvisional) != (m.BackfillDue.Value, m.BackfillDueProvisional))
                (m.BackfillDue, m.BackfillDueProvisional) = (backfill, backfillProvisional);
            if (db.Entry(m).State == EntityState.Modified) changed.Add((m, before));
        }
        if (changed.Count == 0) return 0;
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        foreach (var (m, before) in changed)
            await AuditTrail.AppendAsync(db, actor, ActionDueRecompute, TargetManifest, m.Number, before, await ViewAsync(m, today, ct),
                $"counted again on {_calendar.Version} (notices {_calendar.FirstYear}–{_calendar.LastYear})", now, ct);
        await tx.CommitAsync(ct);
        return changed.Count;
    }

    /// <summary>Every version of manifest <paramref name="number"/>: the superseded snapshots (oldest first) and the current one last.</summary>
    /// <param name="number">14 digits.</param>
    /// <param name="uscc">Party, or null for staff.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The versions, or null when not found in scope.</returns>
    public async Task<IReadOnlyList<ManifestVersionView>?> VersionsAsync(string number, string? uscc, CancellationToken ct = default)
    {
        var current = await GetAsync(number, uscc, ct);
        if (current is null) return null;
        var id = await db.WasteManifests.Where(m => m.Number == number).Select(m => m.Id).SingleAsync(ct);
        var old = await db.WasteManifestVersions.AsNoTracking().Where(v => v.ManifestId == id).OrderBy(v => v.Version).ToListAsync(ct);
        var list = old.Select(v => new ManifestVersionView(v.Version, false, v.Reason, v.By, v.At, JsonSerializer.Deserialize<JsonElement>(v.Snapshot))).ToList();
        list.Add(new ManifestVersionView(current.Version, true, null, null, null, current));
        return list;
    }

    /// <summary>The transitions of manifest <paramref name="number"/> in time order.</summary>
    /// <param name="number">14 digits.</param>
    /// <param name="uscc">Party, or null for staff.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The events, or null when not found in scope.</returns>
    public async Task<IReadOnlyList<ManifestEventView>?> EventsAsync(string number, string? uscc, CancellationToken ct = default)
    {
        if (await GetAsync(number, uscc, ct) is null) return null;
        var id = await db.WasteManifests.Where(m => m.Number == number).Select(m => m.Id).SingleAsync(ct);
        return await db.WasteManifestEvents.AsNoTracking().Where(e => e.ManifestId == id).OrderBy(e => e.Id)
            .Select(e => new ManifestEventView(e.Trigger, e.FromState, e.ToState, e.PartyRole, e.Version, e.By, e.At, e.Note)).ToListAsync(ct);
    }

    /// <summary>Allocates the next serial of (<paramref name="year"/>, city of <paramref name="divisionCode6"/>) inside the
    /// caller's transaction and formats the number (<see cref="ManifestNumber.Format"/>). PostgreSQL: the UPDATE takes the
    /// row lock until commit, so concurrent drafts of one city queue; SQLite: one writer.</summary>
    private async Task<string> AllocateNumberAsync(int year, string divisionCode6, CancellationToken ct)
    {
        var d4 = divisionCode6[..4];
        var updated = await db.WasteManifestSerials.Where(s => s.Year == year && s.Division4 == d4)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Next, x => x.Next + 1), ct);
        int serial;
        if (updated == 0)
        {
            db.WasteManifestSerials.Add(new WasteManifestSerial { Year = year, Division4 = d4, Next = 2 });
            await db.SaveChangesAsync(ct);
            serial = 1;
        }
        else serial = await db.WasteManifestSerials.Where(s => s.Year == year && s.Division4 == d4).Select(s => s.Next).SingleAsync(ct) - 1;
        return ManifestNumber.Format(year, divisionCode6, serial);
    }

    private WasteManifestLine ToLine(ManifestLineInput l, DateOnly today, Dictionary<string, string[]> errors)
    {
        var catalogue = HwCatalogues.Default.InForceOn(today);
        var check = HwCatalogues.Default.Check(l.WasteCode ?? "", catalogue.Version);
        if (!check.Valid) Add(errors, "lines", $"{l.WasteCode}: {check.Reason}");
        var name = Trim(l.Name);
        if (name is null || name.Length > WasteManifest.NameLength) Add(errors, "lines", $"{l.WasteCode}: a name of 1–{WasteManifest.NameLength} characters");
        if (l.QuantityT <= 0) Add(errors, "lines", $"{l.WasteCode}: the quantity in tonnes is > 0");
        if (l.PackageCount < 0) Add(errors, "lines", $"{l.WasteCode}: the package count is ≥ 0");
        var hazard = Trim(l.Hazard) ?? check.Entry?.Hazard.Text;
        if (hazard is null) Add(errors, "lines", $"{l.WasteCode}: the hazard characteristics are required for a code not in the list");
        else if (!HazardCharacteristics.TryParse(hazard, out _, out var hr)) Add(errors, "lines", $"{l.WasteCode}: {hr}");
        var code = l.WasteCode ?? "";
        return new WasteManifestLine
        {
            WasteCode = code, Category = code.Length == 10 ? "HW" + code[^2..] : "", Name = name ?? "", Hazard = hazard ?? "",
            Form = Trim(l.Form), Packaging = Trim(l.Packaging), PackageCount = l.PackageCount, QuantityT = l.QuantityT,
        };
    }

    private async Task<IReadOnlyList<ManifestView>> ViewsAsync(List<WasteManifest> list, CancellationToken ct)
    {
        var today = BeijingTime.Today(time);
        var facilityIds = list.SelectMany(m => new[] { m.FromFacilityId, m.ToFacilityId }).Distinct().ToList();
        var codes = await db.WasteFacilities.IgnoreQueryFilters().Where(f => facilityIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Code, ct);
        return list.Select(m => View(m, today, codes)).ToList();
    }

    private async Task<ManifestView> ViewAsync(WasteManifest m, DateOnly today, CancellationToken ct)
    {
        var codes = await db.WasteFacilities.IgnoreQueryFilters().Where(f => f.Id == m.FromFacilityId || f.Id == m.ToFacilityId).ToDictionaryAsync(f => f.Id, f => f.Code, ct);
        return View(m, today, codes);
    }

    private static ManifestView View(WasteManifest m, DateOnly today, Dictionary<long, string> facilityCodes)
    {
        var flags = (ManifestDiscrepancy)m.Discrepancy;
        var overdue = m.State == "arrived" && m.ReceiptDue is { } due && today > due;
        return new ManifestView(m.Number, m.Kind, m.State, m.Version, m.GeneratorUscc, m.GeneratorName, m.CarrierUscc, m.CarrierName,
            m.ReceiverUscc, m.ReceiverName, m.ReceiverLicence, facilityCodes.GetValueOrDefault(m.FromFacilityId, ""), facilityCodes.GetValueOrDefault(m.ToFacilityId, ""),
            m.Vehicle, m.TransportLicence, m.Paper, m.PaperTransferredOn, m.BackfillDue, m.BackfillDueProvisional, m.SubmittedAt, m.PickedUpAt, m.ArrivedAt,
            m.ReceiptDue, m.ReceiptDueProvisional, overdue,
            m.ConfirmedAt, Enum.GetValues<ManifestDiscrepancy>().Where(f => f != ManifestDiscrepancy.None && flags.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()).ToList(),
            m.DiscrepancyNote, m.Lines.Where(l => l.Version == m.Version).OrderBy(l => l.LineNo).Select(ManifestLineView.Of).ToList(), m.CreatedBy, m.CreatedAt);
    }

    private static List<ManifestRole> RolesOf(WasteManifest m, string uscc)
    {
        var roles = new List<ManifestRole>();
        if (m.GeneratorUscc == uscc) roles.Add(ManifestRole.Generator);
        if (m.CarrierUscc == uscc) roles.Add(ManifestRole.Carrier);
        if (m.ReceiverUscc == uscc) roles.Add(ManifestRole.Receiver);
        return roles;
    }

    private static string RoleName(ManifestRole r) => r.ToString().ToLowerInvariant();

    private static string RoleText(ManifestRole r) => r switch
    {
        ManifestRole.Generator => "移出人", ManifestRole.Carrier => "承运人", ManifestRole.Receiver => "接受人", _ => "staff",
    };

    /// <summary>Sets <c>receipt_due</c> (+ its provisional flag) counted from <paramref name="from"/> and keeps the start day.</summary>
    private void SetReceiptDue(WasteManifest m, DateOnly from)
    {
        m.ReceiptDueFrom = from;
        (m.ReceiptDue, m.ReceiptDueProvisional) = ManifestDeadlines.ReceiptDue(from, _calendar, _rules);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Add(Dictionary<string, string[]> errors, string key, string message) =>
        errors[key] = errors.TryGetValue(key, out var l) ? [.. l, message] : [message];
}
