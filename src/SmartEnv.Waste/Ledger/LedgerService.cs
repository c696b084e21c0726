using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Waste.Ledger;

/// <summary>
/// The hazardous-waste ledger over one store context (issue 17 P2; HJ 1259-2022 §6, supervision.md §3.2–§3.3): party
/// profiles (staff), facilities (each with its <see cref="SiteKind.WasteFacility"/> site), containers generated with their
/// identifier (一物一码; the one <see cref="IContainerIdentifierFormat"/>), the append-only ledger entries of 入库, 出库,
/// 自行利用/处置 and 委外, stock per facility at a date and storage age per container. Quantities in tonnes
/// (<see cref="TonneConversion"/>; the given value and unit kept). Every change is audited in the transaction of the change
/// (its own, or the caller's when one is open, e.g. the manifest service's): actions <see cref="ActionPartyUpdate"/>,
/// <see cref="ActionFacilityCreate"/>, <see cref="ActionContainerGenerate"/>, <see cref="ActionLedgerRecord"/>. Reads and
/// writes see what the context's <see cref="DataScope"/> lets through: another enterprise's code is "not found". Not
/// thread-safe (one per unit of work, as its context).
/// </summary>
/// <param name="db">The context (scoped for a request; unrestricted for jobs and the CLI).</param>
/// <param name="time">Clock ("now" bounds input times, <c>recorded_at</c>).</param>
/// <param name="catalogues">List editions (default <see cref="HwCatalogues.Default"/>).</param>
/// <param name="format">Identifier layout (default <see cref="AssumedHj1276Identifier"/>).</param>
/// <param name="rules">Rule file (default <see cref="WasteRules.Default"/>).</param>
public sealed partial class LedgerService(SmartEnvDbContext db, TimeProvider time, HwCatalogues? catalogues = null,
    IContainerIdentifierFormat? format = null, WasteRules? rules = null)
{
    /// <summary>Audit action: a party profile written (target <see cref="TargetParty"/>, id = USCC).</summary>
    public const string ActionPartyUpdate = "hw_party.update";
    /// <summary>Audit action: a facility registered (target <see cref="TargetFacility"/>, id = site code).</summary>
    public const string ActionFacilityCreate = "hw_facility.create";
    /// <summary>Audit action: a container generated (产生; target <see cref="TargetContainer"/>, id = identifier).</summary>
    public const string ActionContainerGenerate = "hw_container.generate";
    /// <summary>Audit action: a ledger entry of 入库/出库/自行利用处置/委外 (target <see cref="TargetContainer"/>).</summary>
    public const string ActionLedgerRecord = "hw_ledger.record";
    /// <summary>Audit target type of party profiles.</summary>
    public const string TargetParty = "hw_party";
    /// <summary>Audit target type of facilities.</summary>
    public const string TargetFacility = "hw_facility";
    /// <summary>Audit target type of containers (and their ledger entries).</summary>
    public const string TargetContainer = "hw_container";

    private readonly HwCatalogues _catalogues = catalogues ?? HwCatalogues.Default;
    private readonly IContainerIdentifierFormat _format = format ?? AssumedHj1276Identifier.Instance;
    private readonly WasteRules _rules = rules ?? WasteRules.Default;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex FacilityCodePattern();

    [GeneratedRegex("^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex DivisionPattern();

    /// <summary>The site code of a facility: <c>{uscc}-{facility code}</c> (SmartEnv rule, plan §1), e.g.
    /// <c>91500105MA5U0A1661-TS001</c>.</summary>
    /// <param name="uscc">Owner.</param>
    /// <param name="code">Facility code.</param>
    public static string FacilitySiteCode(string uscc, string code) => uscc + "-" + code;

    /// <summary>The party profile of <paramref name="uscc"/>, or null (also when out of scope).</summary>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<WasteParty?> GetPartyAsync(string uscc, CancellationToken ct = default) =>
        db.WasteParties.AsNoTracking().SingleOrDefaultAsync(p => p.Uscc == uscc, ct);

    /// <summary>Creates or replaces the waste profile of enterprise <paramref name="uscc"/> (bureau staff; the API enforces
    /// who) and audits it (<see cref="ActionPartyUpdate"/>, before/after).</summary>
    /// <param name="uscc">A registered enterprise in scope.</param>
    /// <param name="input">The profile.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise <paramref name="uscc"/> in scope.</exception>
    /// <exception cref="LedgerException">Invalid input.</exception>
    public async Task<WasteParty> UpsertPartyAsync(string uscc, PartyInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
        var errors = new Dictionary<string, string[]>();
        const WastePartyRoles all = WastePartyRoles.Generator | WastePartyRoles.Carrier | WastePartyRoles.Receiver | WastePartyRoles.MedicalInstitution | WastePartyRoles.MedicalDisposal;
        if (input.Roles == WastePartyRoles.None || (input.Roles & ~all) != 0) errors["roles"] = ["at least one of generator, carrier, receiver, medical_institution, medical_disposal"];
        var licence = Trim(input.HwLicenceNumber);
        var transport = Trim(input.TransportLicence);
        if ((input.Roles & (WastePartyRoles.Receiver | WastePartyRoles.MedicalDisposal)) != 0 && licence is null)
            errors["hwLicenceNumber"] = ["a receiver or medical-waste disposal unit holds a 危险废物经营许可证 (转移管理办法 Art. 12): its number is required"];
        if ((input.Roles & WastePartyRoles.Carrier) != 0 && transport is null)
            errors["transportLicence"] = ["a carrier holds a 道路运输经营许可证 (转移管理办法 Art. 11): its number is required"];
        if (licence?.Length > WasteParty.LicenceLength) errors["hwLicenceNumber"] = [$"at most {WasteParty.LicenceLength} characters"];
        if (transport?.Length > WasteParty.LicenceLength) errors["transportLicence"] = [$"at most {WasteParty.LicenceLength} characters"];
        var division = Trim(input.DivisionCode) ?? WasteParty.DefaultDivisionCode;
        if (!DivisionPattern().IsMatch(division)) errors["divisionCode"] = ["6 digits of GB/T 2260, e.g. 500105"];
        if (errors.Count > 0) throw new LedgerException(errors);

        return await AuditedAsync(async () =>
        {
            var party = await db.WasteParties.SingleOrDefaultAsync(p => p.Uscc == uscc, ct);
            var before = party is null ? null : PartyView.Of(party);
            if (party is null) db.WasteParties.Add(party = new WasteParty { Uscc = uscc });
            party.Roles = input.Roles;
            party.HwLicenceNumber = licence;
            party.TransportLicence = transport;
            party.DivisionCode = division;
            party.IsBusinessUnit = input.IsBusinessUnit;
            party.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, ActionPartyUpdate, TargetParty, uscc, before, PartyView.Of(party), null, time.GetUtcNow(), ct);
            return party;
        }, ct);
    }

    /// <summary>The facilities of <paramref name="uscc"/> (in scope), by code.</summary>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteFacility>> FacilitiesAsync(string uscc, CancellationToken ct = default) =>
        await db.WasteFacilities.AsNoTracking().Where(f => f.Uscc == uscc).OrderBy(f => f.Code).ToListAsync(ct);

    /// <summary>
    /// The facility <paramref name="input"/>.Code of <paramref name="uscc"/>, registered when missing with its site (code
    /// <see cref="FacilitySiteCode"/>, kind <see cref="SiteKind.WasteFacility"/>, owned by the enterprise, not public, in
    /// the district, no device) and one audit entry (<see cref="ActionFacilityCreate"/>). An existing facility of that code
    /// is returned unchanged when its kind matches.
    /// </summary>
    /// <param name="uscc">A registered enterprise in scope.</param>
    /// <param name="input">The facility.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    /// <exception cref="LedgerException">Invalid input; or (conflict) the code exists with another kind, or its site code
    /// is taken by another site.</exception>
    public async Task<WasteFacility> EnsureFacilityAsync(string uscc, FacilityInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
        var code = input.Code?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (!FacilityCodePattern().IsMatch(code)) errors["code"] = ["1–32 letters, digits, '-' or '_', starting with a letter or digit (e.g. TS001)"];
        if (name.Length is 0 or > WasteFacility.NameLength) errors["name"] = [$"1–{WasteFacility.NameLength} characters"];
        if (!Enum.IsDefined(input.Kind)) errors["kind"] = ["storage | production | utilisation | disposal | medical_temporary"];
        if (input.CapacityT is { } cap && (cap <= 0 || cap > TonneConversion.MaxTonnes)) errors["capacityT"] = ["greater than 0 t"];
        if (errors.Count > 0) throw new LedgerException(errors);

        var existing = await db.WasteFacilities.SingleOrDefaultAsync(f => f.Uscc == uscc && f.Code == code, ct);
        if (existing is not null)
            return existing.Kind == input.Kind ? existing
                : throw new LedgerException("code", $"facility {code} exists with kind {SnakeCaseEnumConverter<WasteFacilityKind>.ToSnake(existing.Kind.ToString())}", conflict: true);
        var siteCode = FacilitySiteCode(uscc, code);
        if (await db.Sites.IgnoreQueryFilters().AnyAsync(s => s.Code == siteCode, ct))
            throw new LedgerException("code", $"site {siteCode} exists and is not a facility of {uscc}", conflict: true);

        return await AuditedAsync(async () =>
        {
            var site = new Site
            {
                Code = siteCode, NameZh = name, Kind = SiteKind.WasteFacility, IsPublic = false, InDistrict = true, EnterpriseUscc = uscc,
                Note = "危险废物设施 " + code,
            };
            db.Sites.Add(site);
            await db.SaveChangesAsync(ct);
            var f = new WasteFacility { Uscc = uscc, Code = code, Kind = input.Kind, Name = name, SiteId = site.Id, CapacityT = input.CapacityT, CreatedAt = time.GetUtcNow() };
            db.WasteFacilities.Add(f);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, ActionFacilityCreate, TargetFacility, siteCode, null, FacilityView.Of(f), null, time.GetUtcNow(), ct);
            return f;
        }, ct);
    }

    /// <summary>
    /// 产生: registers one container of <paramref name="uscc"/>: the code is checked against the list edition in force on
    /// the Beijing generation date (or <see cref="GenerateInput.ListVersion"/>; <see cref="HwCatalogues.Check"/>), the
    /// quantity converted to tonnes, the identifier written by the format with the next serial for (unit, code, day), and
    /// its 产生 ledger entry written; audited (<see cref="ActionContainerGenerate"/>). Hazard and category default to the
    /// list's.
    /// </summary>
    /// <param name="uscc">The generator (in scope).</param>
    /// <param name="input">What was generated.</param>
    /// <param name="actor">Who (its name is <c>created_by</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored container.</returns>
    /// <exception cref="KeyNotFoundException">No enterprise in scope.</exception>
    /// <exception cref="LedgerException">Invalid input (nothing stored); conflict when the day's 999 serials are used.</exception>
    public async Task<WasteContainer> GenerateAsync(string uscc, GenerateInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        var day = BeijingTime.Date(input.GeneratedAt);
        if (input.GeneratedAt > now) errors["generatedAt"] = ["产生时间 is in the future"];
        string? version = Trim(input.ListVersion);
        if (version is null)
        {
            try { version = _catalogues.InForceOn(day).Version; }
            catch (ArgumentOutOfRangeException ex) { errors["generatedAt"] = [ex.Message.Split(Environment.NewLine)[0]]; }
        }
        CodeCheck? check = version is null ? null : _catalogues.Check(input.WasteCode?.Trim() ?? "", version);
        if (check is { Valid: false }) errors["wasteCode"] = [check.Reason ?? "not a listed code"];
        var name = Trim(input.Name);
        if (name is null || name.Length > WasteContainer.NameLength) errors["name"] = [$"废物名称 is 1–{WasteContainer.NameLength} characters"];
        if (!TonneConversion.TryToTonnes(input.Quantity, input.Unit, input.DensityTPerM3, out var tonnes, out var why)) errors["quantity"] = [why!];
        if (input.VolumeL is { } vol && vol <= 0) errors["volumeL"] = ["greater than 0 L"];
        var hazard = Trim(input.Hazard);
        if (hazard is not null && !HazardCharacteristics.TryParse(hazard, out _, out var hr)) errors["hazard"] = [hr ?? "not T/C/I/R/In"];
        Check(errors, "form", input.Form, WasteContainer.TinyLength);
        Check(errors, "mainComponents", input.MainComponents, WasteContainer.TextLength);
        Check(errors, "harmfulComponents", input.HarmfulComponents, WasteContainer.TextLength);
        Check(errors, "precautions", input.Precautions, WasteContainer.TextLength);
        Check(errors, "containerType", input.ContainerType, WasteContainer.NameLength);
        Check(errors, "generationBatch", input.GenerationBatch, WasteLedgerEntry.ShortLength);
        Check(errors, "generatingFacilityCode", input.GeneratingFacilityCode, WasteFacility.CodeLength);
        Check(errors, "handler", input.Handler, WasteLedgerEntry.ShortLength);
        Check(errors, "destination", input.Destination, WasteLedgerEntry.NameLength);
        if (errors.Count > 0) throw new LedgerException(errors);
        var code = WasteCode.Parse(input.WasteCode!.Trim());

        return await AuditedAsync(async () =>
        {
            // Next serial for (unit, code, day): the audit transaction holds the chain lock, so two writers never take the same one.
            var prefix = _format.Format(uscc, code, day, 1)[..^3];
            var taken = await db.WasteContainers.IgnoreQueryFilters().Where(c => c.Identifier.StartsWith(prefix) && c.IdentifierFormat == _format.Name)
                .Select(c => c.Identifier).ToListAsync(ct);
            var serial = taken.Count == 0 ? 1 : taken.Max(t => int.TryParse(t[prefix.Length..], out var n) ? n : 0) + 1;
            if (serial > AssumedHj1276Identifier.MaxSerial)
                throw new LedgerException("wasteCode", $"all {AssumedHj1276Identifier.MaxSerial} serials of {code} on {day:yyyy-MM-dd} are used", conflict: true);
            var c = new WasteContainer
            {
                Identifier = _format.Format(uscc, code, day, serial), IdentifierFormat = _format.Name, Uscc = uscc, ListVersion = version!,
                WasteCode = code.Value, Category = code.Category, Name = name!, Form = Trim(input.Form),
                Hazard = hazard ?? check!.Entry?.Hazard.Text, MainComponents = Trim(input.MainComponents), HarmfulComponents = Trim(input.HarmfulComponents),
                Precautions = Trim(input.Precautions), ContainerType = Trim(input.ContainerType), VolumeL = input.VolumeL, GeneratedAt = input.GeneratedAt,
                GenerationBatch = Trim(input.GenerationBatch), QuantityT = tonnes, QuantityAsGiven = input.Quantity,
                UnitAsGiven = TonneConversion.Canonical(input.Unit)!, GeneratingFacilityCode = Trim(input.GeneratingFacilityCode),
                State = WasteLedgerStage.Generated, CreatedBy = actor.Name, CreatedAt = now,
            };
            db.WasteContainers.Add(c);
            await db.SaveChangesAsync(ct);
            var entry = NewEntry(c, WasteLedgerStage.Generated, input.GeneratedAt, actor, now);
            entry.BatchCode = c.GenerationBatch;
            entry.FacilityCode = c.GeneratingFacilityCode;
            entry.FacilityKind = c.GeneratingFacilityCode is null ? null : "production";
            entry.Handler = Trim(input.Handler);
            entry.Destination = Trim(input.Destination);
            db.WasteLedgerEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, ActionContainerGenerate, TargetContainer, c.Identifier, null, ContainerView.Of(c), null, now, ct);
            return c;
        }, ct);
    }

    /// <summary>
    /// Records a later stage of container <paramref name="identifier"/> of <paramref name="uscc"/> (HJ 1259-2022 §6.3) and
    /// audits it (<see cref="ActionLedgerRecord"/>). The stage must follow the container's state
    /// (<see cref="LedgerStages.CanFollow"/>) and its time must not be before the last entry nor after now. Per stage:
    /// 入库 needs a storage facility of the enterprise (<see cref="WasteFacilityKind.Storage"/> or
    /// <see cref="WasteFacilityKind.MedicalTemporary"/>; storage age starts at the first 入库 and is kept when the container
    /// moves between stores); 出库 takes it out of its facility; 自行利用/处置 needs a method (and a registered utilisation or
    /// disposal facility when a facility code is given); 委外 needs the receiver (a registered party's name and licence are
    /// taken from its profile; otherwise name and licence are required) and sets the container's manifest number when
    /// given. The whole container's quantity is recorded. Works inside the caller's transaction when one is open.
    /// </summary>
    /// <param name="uscc">Owner (in scope).</param>
    /// <param name="identifier">The container.</param>
    /// <param name="stage">Stored, removed, self-used or transferred (not generated).</param>
    /// <param name="input">The stage's fields.</param>
    /// <param name="actor">Who (its name is <c>recorded_by</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored entry.</returns>
    /// <exception cref="KeyNotFoundException">No such container of <paramref name="uscc"/> in scope.</exception>
    /// <exception cref="LedgerException">Invalid input; conflict when the stage cannot follow the container's state.</exception>
    public async Task<WasteLedgerEntry> RecordAsync(string uscc, string identifier, LedgerStage stage, StageInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (stage == LedgerStage.Generated) throw new LedgerException("stage", "产生 is recorded by generating a container");
        var c = await db.WasteContainers.SingleOrDefaultAsync(x => x.Identifier == identifier && x.Uscc == uscc, ct)
                ?? throw new KeyNotFoundException($"no container {identifier} of {uscc}");
        var current = (LedgerStage)(int)c.State;
        if (!LedgerStages.CanFollow(current, stage))
            throw new LedgerException("stage", $"{LedgerStages.NameZh(stage)} cannot follow {LedgerStages.NameZh(current)} (container {identifier})", conflict: true);
        var now = time.GetUtcNow();
        var last = await db.WasteLedgerEntries.Where(e => e.ContainerId == c.Id).OrderByDescending(e => e.Id).FirstAsync(ct);
        var errors = new Dictionary<string, string[]>();
        if (input.At > now) errors["at"] = ["the time is in the future"];
        if (input.At < last.At) errors["at"] = [$"the time is before the container's last entry ({BeijingTime.ToBeijing(last.At):yyyy-MM-dd HH:mm} Beijing)"];
        foreach (var (field, value, max) in new[]
                 {
                     ("batchCode", input.BatchCode, WasteLedgerEntry.ShortLength), ("handler", input.Handler, WasteLedgerEntry.ShortLength),
                     ("handlerTo", input.HandlerTo, WasteLedgerEntry.ShortLength), ("linkedBatch", input.LinkedBatch, WasteLedgerEntry.ShortLength),
                     ("destination", input.Destination, WasteLedgerEntry.NameLength), ("method", input.Method, WasteLedgerEntry.ShortLength),
                     ("receiverType", input.ReceiverType, WasteLedgerEntry.ShortLength), ("receiverName", input.ReceiverName, Enterprise.NameLength),
                     ("receiverLicence", input.ReceiverLicence, WasteParty.LicenceLength), ("reason", input.Reason, WasteLedgerEntry.ReasonLength),
                 })
            Check(errors, field, value, max);
        var entry = NewEntry(c, (WasteLedgerStage)(int)stage, input.At, actor, now);
        entry.BatchCode = Trim(input.BatchCode);
        entry.Handler = Trim(input.Handler);
        entry.HandlerTo = Trim(input.HandlerTo);
        entry.LinkedBatch = Trim(input.LinkedBatch) ?? last.BatchCode;
        entry.Destination = Trim(input.Destination);
        entry.Method = Trim(input.Method);
        entry.Reason = Trim(input.Reason);
        WasteFacility? facility = null;
        switch (stage)
        {
            case LedgerStage.Stored:
                facility = await FacilityAsync(uscc, input.FacilityCode, errors);
                if (facility is not null && facility.Kind is not (WasteFacilityKind.Storage or WasteFacilityKind.MedicalTemporary))
                    errors["facilityCode"] = [$"facility {facility.Code} is not a storage facility"];
                break;
            case LedgerStage.Removed:
                facility = c.FacilityId is { } fid ? await db.WasteFacilities.SingleOrDefaultAsync(f => f.Id == fid, ct) : null;
                break;
            case LedgerStage.SelfUsed:
                if (entry.Method is null) errors["method"] = ["利用/处置方式 is required (HJ 1033 Appendix F code)"];
                if (Trim(input.FacilityCode) is not null)
                {
                    facility = await FacilityAsync(uscc, input.FacilityCode, errors);
                    if (facility is not null && facility.Kind is not (WasteFacilityKind.Utilisation or WasteFacilityKind.Disposal))
                        errors["facilityCode"] = [$"facility {facility.Code} is not a utilisation or disposal facility"];
                }
                if (input.CompletedAt is { } done && done < input.At) errors["completedAt"] = ["完毕时间 is before the start"];
                entry.CompletedAt = input.CompletedAt;
                break;
            case LedgerStage.Transferred:
                var rUscc = Trim(input.ReceiverUscc);
                if (rUscc == uscc) errors["receiverUscc"] = ["委外 goes to another unit"];
                var rEnterprise = rUscc is null ? null : await db.Enterprises.IgnoreQueryFilters().Where(e => e.Uscc == rUscc).Select(e => e.Name).SingleOrDefaultAsync(ct);
                var rParty = rUscc is null ? null : await db.WasteParties.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Uscc == rUscc, ct);
                entry.ReceiverUscc = rUscc;
                entry.ReceiverName = Trim(input.ReceiverName) ?? rEnterprise;
                entry.ReceiverLicence = Trim(input.ReceiverLicence) ?? rParty?.HwLicenceNumber;
                entry.ReceiverType = Trim(input.ReceiverType) ?? "经营单位";
                if (entry.ReceiverName is null) errors["receiverName"] = ["接收单位名称 is required (or the code of a registered enterprise)"];
                if (entry.ReceiverLicence is null) errors["receiverLicence"] = ["许可证编码 / 出口核准通知单编号 is required (HJ 1259 §6.3)"];
                var manifest = Trim(input.ManifestNumber);
                if (manifest is not null && (manifest.Length != WasteContainer.ManifestNumberLength || !manifest.All(char.IsAsciiDigit)))
                    errors["manifestNumber"] = ["14 digits (转移管理办法 Art. 15)"];
                entry.ManifestNumber = manifest;
                break;
        }
        if (errors.Count > 0) throw new LedgerException(errors);
        entry.FacilityCode = facility?.Code;
        entry.FacilityKind = facility is null ? null : SnakeCaseEnumConverter<WasteFacilityKind>.ToSnake(facility.Kind.ToString());

        return await AuditedAsync(async () =>
        {
            var before = ContainerView.Of(c);
            c.State = entry.Stage;
            switch (stage)
            {
                case LedgerStage.Stored:
                    c.FacilityId = facility!.Id;
                    c.StoredAt ??= input.At;
                    c.LeftAt = null;
                    break;
                default:
                    c.FacilityId = null;
                    if (current == LedgerStage.Stored) c.LeftAt = input.At; // leaving storage (出库) ends the storage age
                    if (stage == LedgerStage.Transferred && entry.ManifestNumber is not null) c.ManifestNumber = entry.ManifestNumber;
                    break;
            }
            db.WasteLedgerEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, ActionLedgerRecord, TargetContainer, c.Identifier, before,
                new { Container = ContainerView.Of(c), Entry = EntryView.Of(entry) }, entry.Reason, now, ct);
            return entry;
        }, ct);
    }

    /// <summary>The container <paramref name="identifier"/> when visible in scope (any owner for staff), else null.</summary>
    /// <param name="identifier">数字识别码.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<WasteContainer?> FindContainerAsync(string identifier, CancellationToken ct = default) =>
        db.WasteContainers.AsNoTracking().SingleOrDefaultAsync(c => c.Identifier == identifier, ct);

    /// <summary>Containers of <paramref name="uscc"/> (null = every enterprise in scope) matching <paramref name="q"/>,
    /// newest generated first.</summary>
    /// <param name="uscc">Owner or null.</param>
    /// <param name="q">Filters.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteContainer>> ContainersAsync(string? uscc, ContainerQuery q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        var query = db.WasteContainers.AsNoTracking();
        if (uscc is not null) query = query.Where(c => c.Uscc == uscc);
        if (Trim(q.WasteCode) is { } code) query = query.Where(c => c.WasteCode == code);
        if (q.State is { } st) query = query.Where(c => c.State == st);
        if (Trim(q.FacilityCode) is { } fc)
            query = query.Where(c => db.WasteFacilities.Any(f => f.Id == c.FacilityId && f.Code == fc));
        if (Trim(q.Q) is { } text) query = query.Where(c => c.Identifier.Contains(text) || c.WasteCode.Contains(text) || c.Name.Contains(text));
        var list = await query.ToListAsync(ct); // instants are numbers on SQLite: order in memory, the same on both engines
        return [.. list.OrderByDescending(c => c.GeneratedAt).ThenByDescending(c => c.Id).Take(Math.Clamp(q.Limit, 1, 1000))];
    }

    /// <summary>Ledger entries of <paramref name="uscc"/> (null = every enterprise in scope), in writing order, optionally
    /// of one container and within [<paramref name="from"/>, <paramref name="to"/>] Beijing dates (by <c>at</c>).</summary>
    /// <param name="uscc">Owner or null.</param>
    /// <param name="containerId">One container or null.</param>
    /// <param name="from">First Beijing date or null.</param>
    /// <param name="to">Last Beijing date (inclusive) or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<WasteLedgerEntry>> LedgerAsync(string? uscc, long? containerId = null, DateOnly? from = null, DateOnly? to = null,
        CancellationToken ct = default)
    {
        var query = db.WasteLedgerEntries.AsNoTracking();
        if (uscc is not null) query = query.Where(e => e.Uscc == uscc);
        if (containerId is { } id) query = query.Where(e => e.ContainerId == id);
        if (from is { } f) { var t0 = BeijingTime.DayStart(f); query = query.Where(e => e.At >= t0); }
        if (to is { } t) { var t1 = BeijingTime.DayEnd(t); query = query.Where(e => e.At < t1); }
        return await query.OrderBy(e => e.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Stock per storage facility at the end of Beijing day <paramref name="date"/> (HJ 1259 §6.3 贮存; the ledger replayed,
    /// not the containers' current state): a container counts in the facility of its last 入库 entry with <c>at</c> before
    /// the end of the day when no 出库, 自行利用/处置 or 委外 entry follows it before then. Facilities holding nothing are
    /// listed with 0. Tonnes are exact sums of the stored tonne figures.
    /// </summary>
    /// <param name="uscc">Owner, or null for every enterprise in scope (staff overview).</param>
    /// <param name="date">Beijing date.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<StockLine>> StockAsync(string? uscc, DateOnly date, CancellationToken ct = default)
    {
        var end = BeijingTime.DayEnd(date);
        var facilities = await db.WasteFacilities.AsNoTracking()
            .Where(f => (uscc == null || f.Uscc == uscc) && (f.Kind == WasteFacilityKind.Storage || f.Kind == WasteFacilityKind.MedicalTemporary))
            .ToListAsync(ct);
        var entries = await db.WasteLedgerEntries.AsNoTracking()
            .Where(e => (uscc == null || e.Uscc == uscc) && e.ContainerId != null && e.At < end && e.Stage != WasteLedgerStage.Generated)
            .Select(e => new { e.Id, e.Uscc, ContainerId = e.ContainerId!.Value, e.Stage, e.At, e.FacilityCode, e.WasteCode, e.Category, e.QuantityT })
            .ToListAsync(ct);
        var held = entries.GroupBy(e => e.ContainerId)
            .Select(g => g.OrderBy(e => e.At).ThenBy(e => e.Id).Last())
            .Where(e => e.Stage == WasteLedgerStage.Stored)
            .ToLookup(e => (e.Uscc, e.FacilityCode));
        return [.. facilities.OrderBy(f => f.Uscc, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal).Select(f =>
        {
            var inside = held[(f.Uscc, (string?)f.Code)].ToList();
            return new StockLine(f.Uscc, f.Id, f.Code, f.Name, f.SiteId, inside.Count, inside.Sum(e => e.QuantityT),
                [.. inside.GroupBy(e => (e.WasteCode, e.Category)).OrderBy(g => g.Key.WasteCode, StringComparer.Ordinal)
                    .Select(g => new StockByCode(g.Key.WasteCode, g.Key.Category, g.Count(), g.Sum(e => e.QuantityT)))]);
        })];
    }

    /// <summary>
    /// Storage age of every container in storage now (state 入库) of <paramref name="uscc"/> (null = every enterprise in
    /// scope): days from its first 入库 (<see cref="StorageAge.Days"/>) and the state for its owner (legal limit for a
    /// 经营单位, warning otherwise; <see cref="StorageAge.State"/>, <c>waste-rules.tsv</c>), oldest first. The one place
    /// storage age is computed for the alert (rule 10), the histogram and the pages.
    /// </summary>
    /// <param name="uscc">Owner or null.</param>
    /// <param name="now">The instant of the ages (the caller's clock).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ContainerAge>> StorageAgesAsync(string? uscc, DateTimeOffset now, CancellationToken ct = default)
    {
        var rows = await db.WasteContainers.AsNoTracking()
            .Where(c => (uscc == null || c.Uscc == uscc) && c.State == WasteLedgerStage.Stored && c.FacilityId != null && c.StoredAt != null)
            .Join(db.WasteFacilities, c => c.FacilityId, f => f.Id, (c, f) => new { c.Id, c.Identifier, c.Uscc, FacilityId = f.Id, f.SiteId, c.StoredAt, c.QuantityT })
            .ToListAsync(ct);
        var owners = rows.Select(r => r.Uscc).Distinct().ToList();
        var business = (await db.WasteParties.IgnoreQueryFilters().AsNoTracking().Where(p => owners.Contains(p.Uscc) && p.IsBusinessUnit)
            .Select(p => p.Uscc).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return [.. rows.Select(r =>
        {
            var days = StorageAge.Days(r.StoredAt!.Value, now);
            var bu = business.Contains(r.Uscc);
            return new ContainerAge(r.Id, r.Identifier, r.Uscc, r.FacilityId, r.SiteId, r.StoredAt.Value, days, bu, StorageAge.State(days, bu, _rules), r.QuantityT);
        }).OrderByDescending(a => a.Days).ThenBy(a => a.Identifier, StringComparer.Ordinal)];
    }

    private async Task<WasteFacility?> FacilityAsync(string uscc, string? code, Dictionary<string, string[]> errors)
    {
        var c = Trim(code);
        if (c is null) { errors["facilityCode"] = ["设施编码 is required"]; return null; }
        var f = await db.WasteFacilities.SingleOrDefaultAsync(x => x.Uscc == uscc && x.Code == c);
        if (f is null) errors["facilityCode"] = [$"no facility {c} of {uscc}; register it first"];
        return f;
    }

    private static WasteLedgerEntry NewEntry(WasteContainer c, WasteLedgerStage stage, DateTimeOffset at, AuditActor actor, DateTimeOffset now) => new()
    {
        Uscc = c.Uscc, Stage = stage, At = at, ContainerId = c.Id, ContainerIdentifier = c.Identifier, PackageType = c.ContainerType, PackageCount = 1,
        WasteCode = c.WasteCode, Category = c.Category, Name = c.Name, QuantityT = c.QuantityT, QuantityAsGiven = c.QuantityAsGiven,
        UnitAsGiven = c.UnitAsGiven, ListVersion = c.ListVersion, RecordedBy = actor.Name, RecordedAt = now,
    };

    private async Task<T> AuditedAsync<T>(Func<Task<T>> change, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await AuditTrail.BeginAsync(db, ct) : null;
        try
        {
            var result = await change();
            if (own is not null) await own.CommitAsync(ct);
            return result;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors[field] = [$"at most {max} characters"];
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A party profile as written to the audit trail and the API.</summary>
/// <param name="Uscc">Code.</param>
/// <param name="Roles">Role names, snake_case (generator, carrier, receiver, medical_institution, medical_disposal).</param>
/// <param name="HwLicenceNumber">危险废物经营许可证.</param>
/// <param name="TransportLicence">道路运输经营许可证.</param>
/// <param name="DivisionCode">GB/T 2260.</param>
/// <param name="IsBusinessUnit">经营单位.</param>
public sealed record PartyView(string Uscc, IReadOnlyList<string> Roles, string? HwLicenceNumber, string? TransportLicence, string DivisionCode, bool IsBusinessUnit)
{
    /// <summary>The view of a stored profile.</summary>
    /// <param name="p">Profile.</param>
    public static PartyView Of(WasteParty p) => new(p.Uscc, RoleNames(p.Roles), p.HwLicenceNumber, p.TransportLicence, p.DivisionCode, p.IsBusinessUnit);

    /// <summary>Snake_case names of the set flags, in flag order.</summary>
    /// <param name="roles">Flags.</param>
    public static IReadOnlyList<string> RoleNames(WastePartyRoles roles) =>
        [.. Enum.GetValues<WastePartyRoles>().Where(r => r != WastePartyRoles.None && roles.HasFlag(r)).Select(r => SnakeCaseEnumConverter<WastePartyRoles>.ToSnake(r.ToString()))];

    /// <summary>Parses snake_case role names (case-insensitive); false on an unknown name.</summary>
    /// <param name="names">Names.</param>
    /// <param name="roles">The flags.</param>
    public static bool TryParseRoles(IEnumerable<string>? names, out WastePartyRoles roles)
    {
        roles = WastePartyRoles.None;
        foreach (var n in names ?? [])
        {
            var hit = Enum.GetValues<WastePartyRoles>().Where(r => r != WastePartyRoles.None)
                .FirstOrDefault(r => string.Equals(SnakeCaseEnumConverter<WastePartyRoles>.ToSnake(r.ToString()), n?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (hit == WastePartyRoles.None) return false;
            roles |= hit;
        }
        return true;
    }
}

/// <summary>A facility as written to the audit trail and the API.</summary>
/// <param name="Uscc">Owner.</param>
/// <param name="Code">Code.</param>
/// <param name="Kind">snake_case kind.</param>
/// <param name="Name">Name.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="CapacityT">t or null.</param>
public sealed record FacilityView(string Uscc, string Code, string Kind, string Name, long SiteId, decimal? CapacityT)
{
    /// <summary>The view of a stored facility.</summary>
    /// <param name="f">Facility.</param>
    public static FacilityView Of(WasteFacility f) => new(f.Uscc, f.Code, SnakeCaseEnumConverter<WasteFacilityKind>.ToSnake(f.Kind.ToString()), f.Name, f.SiteId, f.CapacityT);
}

/// <summary>A container as written to the audit trail and the API (all HJ 1276 label fields and the ledger state).</summary>
/// <param name="Identifier">数字识别码.</param>
/// <param name="IdentifierFormat">Format name.</param>
/// <param name="Uscc">Generator.</param>
/// <param name="ListVersion">名录 version.</param>
/// <param name="WasteCode">Code.</param>
/// <param name="Category">Category.</param>
/// <param name="Name">Name.</param>
/// <param name="Form">Form.</param>
/// <param name="Hazard">Hazard.</param>
/// <param name="MainComponents">主要成分.</param>
/// <param name="HarmfulComponents">有害成分.</param>
/// <param name="Precautions">注意事项.</param>
/// <param name="ContainerType">容器类型.</param>
/// <param name="VolumeL">L.</param>
/// <param name="GeneratedAt">产生时间.</param>
/// <param name="GenerationBatch">产生批次.</param>
/// <param name="QuantityT">t.</param>
/// <param name="QuantityAsGiven">As given.</param>
/// <param name="UnitAsGiven">Unit as given.</param>
/// <param name="State">snake_case stage.</param>
/// <param name="FacilityId">Storage facility or null.</param>
/// <param name="StoredAt">First 入库.</param>
/// <param name="LeftAt">Left storage.</param>
/// <param name="ManifestNumber">Manifest.</param>
public sealed record ContainerView(string Identifier, string IdentifierFormat, string Uscc, string ListVersion, string WasteCode, string Category,
    string Name, string? Form, string? Hazard, string? MainComponents, string? HarmfulComponents, string? Precautions, string? ContainerType,
    decimal? VolumeL, DateTimeOffset GeneratedAt, string? GenerationBatch, decimal QuantityT, decimal QuantityAsGiven, string UnitAsGiven,
    string State, long? FacilityId, DateTimeOffset? StoredAt, DateTimeOffset? LeftAt, string? ManifestNumber)
{
    /// <summary>The view of a stored container.</summary>
    /// <param name="c">Container.</param>
    public static ContainerView Of(WasteContainer c) => new(c.Identifier, c.IdentifierFormat, c.Uscc, c.ListVersion, c.WasteCode, c.Category, c.Name,
        c.Form, c.Hazard, c.MainComponents, c.HarmfulComponents, c.Precautions, c.ContainerType, c.VolumeL, c.GeneratedAt, c.GenerationBatch,
        c.QuantityT, c.QuantityAsGiven, c.UnitAsGiven, SnakeCaseEnumConverter<WasteLedgerStage>.ToSnake(c.State.ToString()), c.FacilityId, c.StoredAt, c.LeftAt, c.ManifestNumber);
}

/// <summary>A ledger entry as written to the audit trail and the API (HJ 1259-2022 §6.3 fields).</summary>
/// <param name="Id">Entry id.</param>
/// <param name="Uscc">Owner.</param>
/// <param name="Stage">snake_case stage.</param>
/// <param name="BatchCode">批次编码.</param>
/// <param name="At">Time.</param>
/// <param name="ContainerIdentifier">容器编码.</param>
/// <param name="PackageType">容器类型.</param>
/// <param name="PackageCount">容器数量.</param>
/// <param name="WasteCode">Code.</param>
/// <param name="Category">Category.</param>
/// <param name="Name">Name.</param>
/// <param name="QuantityT">t.</param>
/// <param name="QuantityAsGiven">As given.</param>
/// <param name="UnitAsGiven">Unit.</param>
/// <param name="FacilityCode">设施编码.</param>
/// <param name="FacilityKind">设施类型.</param>
/// <param name="Handler">经办人.</param>
/// <param name="HandlerTo">运送部门经办人.</param>
/// <param name="Destination">去向.</param>
/// <param name="Method">方式.</param>
/// <param name="CompletedAt">完毕时间.</param>
/// <param name="ReceiverType">接收单位类型.</param>
/// <param name="ReceiverUscc">接收单位代码.</param>
/// <param name="ReceiverName">单位名称.</param>
/// <param name="ReceiverLicence">许可证编码.</param>
/// <param name="ManifestNumber">联单编号.</param>
/// <param name="LinkedBatch">产生/入库/出库批次编码.</param>
/// <param name="Reason">Remark.</param>
/// <param name="ListVersion">名录 version.</param>
/// <param name="RecordedBy">Who.</param>
/// <param name="RecordedAt">When recorded.</param>
public sealed record EntryView(long Id, string Uscc, string Stage, string? BatchCode, DateTimeOffset At, string? ContainerIdentifier, string? PackageType,
    int PackageCount, string WasteCode, string Category, string Name, decimal QuantityT, decimal QuantityAsGiven, string UnitAsGiven,
    string? FacilityCode, string? FacilityKind, string? Handler, string? HandlerTo, string? Destination, string? Method, DateTimeOffset? CompletedAt,
    string? ReceiverType, string? ReceiverUscc, string? ReceiverName, string? ReceiverLicence, string? ManifestNumber, string? LinkedBatch,
    string? Reason, string ListVersion, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The view of a stored entry.</summary>
    /// <param name="e">Entry.</param>
    public static EntryView Of(WasteLedgerEntry e) => new(e.Id, e.Uscc, SnakeCaseEnumConverter<WasteLedgerStage>.ToSnake(e.Stage.ToString()), e.BatchCode, e.At,
        e.ContainerIdentifier, e.PackageType, e.PackageCount, e.WasteCode, e.Category, e.Name, e.QuantityT, e.QuantityAsGiven, e.UnitAsGiven,
        e.FacilityCode, e.FacilityKind, e.Handler, e.HandlerTo, e.Destination, e.Method, e.CompletedAt, e.ReceiverType, e.ReceiverUscc,
        e.ReceiverName, e.ReceiverLicence, e.ManifestNumber, e.LinkedBatch, e.Reason, e.ListVersion, e.RecordedBy, e.RecordedAt);
}
