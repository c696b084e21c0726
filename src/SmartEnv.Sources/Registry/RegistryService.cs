using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Supervision.Permits;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Sources.Registry;

/// <summary>
/// The permit registry over one store context (issue 16, plan §3.2): adds permits and their append-only versions with
/// outlets and limits (a change never updates a stored version), keeps each outlet's stable monitoring site, and answers
/// which limits are in force for an outlet site on a day. Every change is audited in its own transaction
/// (<see cref="AuditTrail"/>; or in the caller's transaction when one is open). Reads and writes see what the context's
/// <see cref="DataScope"/> lets through; the permit-number uniqueness check looks across scopes. Not thread-safe (one per
/// unit of work, as its context).
/// </summary>
/// <param name="db">The context (scoped for a request, unrestricted for jobs and the CLI).</param>
/// <param name="time">Clock of <c>created_at</c>.</param>
public sealed class RegistryService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Audit action of a new permit (its version 1).</summary>
    public const string ActionCreate = "permit.create";

    /// <summary>Audit action of a later version (change, renewal, filed renewal).</summary>
    public const string ActionVersion = "permit.version.add";

    /// <summary>Audit target type of permits.</summary>
    public const string TargetPermit = "permit";

    /// <summary>The site code of an outlet: <c>{permit number}-{outlet code}</c>, e.g. <c>91500105MA5U0A1661001P-DA001</c>
    /// (28 characters; unique even when two permits of one enterprise both have DA001). SmartEnv rule.</summary>
    /// <param name="number">Permit number.</param>
    /// <param name="outletCode">Outlet code.</param>
    public static string OutletSiteCode(string number, string outletCode) => number + "-" + outletCode;

    /// <summary>
    /// Adds the next version of permit <paramref name="number"/> of enterprise <paramref name="uscc"/> (creating the permit
    /// with version 1 when it does not exist yet), its outlets (each on its stable site, <see cref="EnsureOutletSiteAsync"/>)
    /// and limits, and one audit entry (<see cref="ActionCreate"/> or <see cref="ActionVersion"/>, before = the previous
    /// version's view, after = the new one's).
    /// </summary>
    /// <param name="uscc">The enterprise (must be visible in the context's scope).</param>
    /// <param name="number">Permit number: 22 characters whose first 18 are <paramref name="uscc"/> (HJ 608-2017), stored as
    /// given; a letter other than P makes it a registration.</param>
    /// <param name="v">What the version says; nulls copy the current version (see <see cref="PermitVersionInput"/>).</param>
    /// <param name="actor">Who (audit; its name is stored as <c>created_by</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored version with outlets and limits.</returns>
    /// <exception cref="RegistryException">Invalid input (nothing stored), or the number belongs to another enterprise
    /// (<see cref="RegistryException.Conflict"/>).</exception>
    /// <exception cref="KeyNotFoundException">No enterprise <paramref name="uscc"/> in scope.</exception>
    public async Task<PermitVersion> AddVersionAsync(string uscc, string number, PermitVersionInput v, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(actor);
        number ??= "";
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) throw new KeyNotFoundException($"no enterprise {uscc}");
        var errors = new Dictionary<string, string[]>();
        if (PermitNumber.Check(number) is { Valid: false, Reason: var nr }) errors["number"] = [nr ?? "not a permit number"];
        else if (!number.StartsWith(uscc, StringComparison.Ordinal)) errors["number"] = [$"positions 1–18 of a permit number are the holder's 统一社会信用代码 {uscc} (HJ 608-2017)"];
        if (errors.Count > 0) throw new RegistryException(errors);

        var owner = await db.Permits.IgnoreQueryFilters().Where(p => p.Number == number).Select(p => p.Uscc).FirstOrDefaultAsync(ct);
        if (owner is not null && owner != uscc) throw new RegistryException(new Dictionary<string, string[]> { ["number"] = [$"permit {number} belongs to another enterprise"] }, conflict: true);
        var permit = owner is null ? null : await db.Permits.SingleAsync(p => p.Number == number, ct);
        var current = permit is null ? null : await LoadCurrentAsync(permit.Id, ct);

        var version = Merge(v, current, actor.Name, errors);
        var outlets = v.Outlets is null ? Copy(current) : ValidateOutlets(v.Outlets, errors);
        if (errors.Count > 0) throw new RegistryException(errors);

        var own = db.Database.CurrentTransaction is null ? await AuditTrail.BeginAsync(db, ct) : null;
        try
        {
            var siteCodes = current is null ? new Dictionary<long, string>() : await SiteCodesAsync(current, ct);
            var before = permit is null || current is null ? null : PermitVersionView.Of(permit, current, siteCodes);
            if (permit is null)
            {
                permit = new Permit { Uscc = uscc, Number = number, Kind = number[21] == 'P' ? PermitKind.Permit : PermitKind.Registration, CreatedAt = time.GetUtcNow() };
                db.Permits.Add(permit);
            }
            version.Version = (current?.Version ?? 0) + 1;
            permit.Versions.Add(version);
            foreach (var o in outlets)
            {
                var site = await EnsureOutletSiteAsync(uscc, number, o.Code, o.Name, ct);
                o.SiteId = site.Id;
                siteCodes[site.Id] = site.Code;
                version.Outlets.Add(o);
            }
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, before is null ? ActionCreate : ActionVersion, TargetPermit, number, before,
                PermitVersionView.Of(permit, version, siteCodes), version.ChangeReason, time.GetUtcNow(), ct);
            var industry = await db.Enterprises.Where(e => e.Uscc == uscc).Select(e => e.IndustryCode).SingleAsync(ct);
            var scheduled = await ExecutionReports.ScheduleAsync(db, permit.Id, version, BeijingTime.Today(time).Year + 1, industry, ct);
            if (scheduled.Added + scheduled.Changed > 0)
                await AuditTrail.AppendAsync(db, actor, ExecutionReports.ActionSchedule, TargetPermit, number, null, scheduled, null, time.GetUtcNow(), ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        return version;
    }

    /// <summary>
    /// The monitoring site of an outlet, created when missing: code <see cref="OutletSiteCode"/>, kind
    /// <see cref="SiteKind.Source"/>, owned by <paramref name="uscc"/>, not public, in the district. The same site serves
    /// every version of the permit that lists the outlet (its observations, devices and alerts stay with it). Saves the new
    /// site (inside the caller's transaction if one is open).
    /// </summary>
    /// <param name="uscc">Owner.</param>
    /// <param name="permitNumber">Permit number.</param>
    /// <param name="outletCode">Outlet code (<c>DA001</c>); air or water follows from it.</param>
    /// <param name="name">Chinese name for a new site (default <c>排放口 {code}</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="RegistryException">A site with that code exists and is not this enterprise's source site (conflict).</exception>
    public async Task<Site> EnsureOutletSiteAsync(string uscc, string permitNumber, string outletCode, string? name = null, CancellationToken ct = default)
    {
        var code = OutletSiteCode(permitNumber, outletCode);
        var site = await db.Sites.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (site is not null)
            return site.EnterpriseUscc == uscc && site.Kind == SiteKind.Source ? site
                : throw new RegistryException(new Dictionary<string, string[]> { ["outlets"] = [$"site {code} exists and is not an outlet of {uscc}"] }, conflict: true);
        site = new Site
        {
            Code = code, NameZh = string.IsNullOrWhiteSpace(name) ? "排放口 " + outletCode : name.Trim(), Kind = SiteKind.Source,
            IsPublic = false, InDistrict = true, EnterpriseUscc = uscc, Note = $"排放口 {outletCode}（许可证 {permitNumber}）",
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        return site;
    }

    /// <summary>
    /// The limits in force for outlet site <paramref name="siteId"/> on <paramref name="day"/> (plan §2.3): the version in
    /// force is the highest version of the outlet's permit with <c>valid_from ≤ day ≤ valid_to</c>; its limits for this
    /// outlet are returned. Empty when no version covers the day or the version in force no longer lists the outlet.
    /// </summary>
    /// <param name="siteId">The outlet's site id.</param>
    /// <param name="day">Beijing calendar date (of the hour judged).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<LimitInForce>> LimitsInForceAsync(long siteId, DateOnly day, CancellationToken ct = default)
    {
        var permitIds = await (from o in db.PermitOutlets.AsNoTracking()
                               join v in db.PermitVersions.AsNoTracking() on o.PermitVersionId equals v.Id
                               where o.SiteId == siteId
                               select v.PermitId).Distinct().ToListAsync(ct);
        if (permitIds.Count != 1) return []; // none; a site is never shared by two permits (its code carries the number)
        var versionId = await db.PermitVersions.AsNoTracking()
            .Where(v => v.PermitId == permitIds[0] && v.ValidFrom <= day && v.ValidTo >= day)
            .OrderByDescending(v => v.Version).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct);
        if (versionId is null) return [];
        var outlet = await db.PermitOutlets.AsNoTracking().Include(o => o.Limits)
            .FirstOrDefaultAsync(o => o.PermitVersionId == versionId && o.SiteId == siteId, ct);
        if (outlet is null) return [];
        return outlet.Limits.OrderBy(l => l.ParameterCode, StringComparer.Ordinal)
            .Select(l => new LimitInForce(outlet.PermitVersionId, l.ParameterCode, l.LimitValue, l.Unit, l.ReferenceO2, l.AnnualQuantityT, outlet.ExpectedIntervalMinutes))
            .ToList();
    }

    /// <summary>Every permit in scope (of <paramref name="uscc"/> when given) with its current version (no outlets
    /// loaded), ordered by number.</summary>
    /// <param name="uscc">One enterprise, or null for all in scope.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<(Permit Permit, PermitVersion Current)>> CurrentVersionsAsync(string? uscc = null, CancellationToken ct = default)
    {
        var permits = db.Permits.AsNoTracking().Where(p => uscc == null || p.Uscc == uscc);
        var rows = await (from p in permits
                          join v in db.PermitVersions.AsNoTracking() on p.Id equals v.PermitId
                          where v.Version == db.PermitVersions.Where(w => w.PermitId == p.Id).Max(w => w.Version)
                          select new { p, v }).ToListAsync(ct);
        return rows.OrderBy(r => r.p.Number, StringComparer.Ordinal).Select(r => (r.p, r.v)).ToList();
    }

    /// <summary>The current (highest) version of a permit with outlets and limits, or null when it has none.</summary>
    /// <param name="permitId">Permit id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<PermitVersion?> LoadCurrentAsync(long permitId, CancellationToken ct = default) =>
        db.PermitVersions.Include(v => v.Outlets).ThenInclude(o => o.Limits)
            .Where(v => v.PermitId == permitId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);

    /// <summary>Site id → site code of a version's outlets.</summary>
    /// <param name="v">Version with outlets loaded.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Dictionary<long, string>> SiteCodesAsync(PermitVersion v, CancellationToken ct = default)
    {
        var ids = v.Outlets.Select(o => o.SiteId).ToList();
        return await db.Sites.IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
    }

    private PermitVersion Merge(PermitVersionInput v, PermitVersion? c, string actor, Dictionary<string, string[]> errors)
    {
        var category = v.Category ?? c?.Category;
        var issued = v.IssuedOn ?? c?.IssuedOn;
        var from = v.ValidFrom ?? c?.ValidFrom;
        var to = v.ValidTo ?? c?.ValidTo;
        if (category is null) errors["category"] = ["category is required (key | simplified | registration)"];
        if (issued is null) errors["issued_on"] = ["issued_on is required"];
        if (from is null) errors["valid_from"] = ["valid_from is required"];
        if (to is null) errors["valid_to"] = ["valid_to is required"];
        else if (from is not null && to < from) errors["valid_to"] = ["valid_to must not be before valid_from"];
        var reason = string.IsNullOrWhiteSpace(v.ChangeReason) ? null : v.ChangeReason.Trim();
        if (reason is { Length: > PermitVersion.ChangeReasonLength }) errors["change_reason"] = [$"change_reason must be at most {PermitVersion.ChangeReasonLength} characters"];
        return new PermitVersion
        {
            Category = category ?? default, IssuedOn = issued ?? default, ValidFrom = from ?? default, ValidTo = to ?? default,
            RenewalFiledOn = v.RenewalFiledOn ?? c?.RenewalFiledOn,
            ReportAnnual = v.ReportAnnual ?? c?.ReportAnnual ?? true, ReportSemiannual = v.ReportSemiannual ?? c?.ReportSemiannual ?? false,
            ReportQuarterly = v.ReportQuarterly ?? c?.ReportQuarterly ?? false, ReportMonthly = v.ReportMonthly ?? c?.ReportMonthly ?? false,
            ChangeReason = reason, CreatedBy = actor.Length > PermitVersion.CreatedByLength ? actor[..PermitVersion.CreatedByLength] : actor,
            CreatedAt = time.GetUtcNow(),
        };
    }

    private static List<PermitOutlet> Copy(PermitVersion? c) => c is null ? [] : c.Outlets.Select(o => new PermitOutlet
    {
        Code = o.Code, Medium = o.Medium, Type = o.Type, Name = o.Name, Longitude = o.Longitude, Latitude = o.Latitude,
        ExpectedIntervalMinutes = o.ExpectedIntervalMinutes,
        Limits = o.Limits.Select(l => new PermitLimit { ParameterCode = l.ParameterCode, LimitValue = l.LimitValue, Unit = l.Unit, StandardRef = l.StandardRef, ReferenceO2 = l.ReferenceO2, AnnualQuantityT = l.AnnualQuantityT }).ToList(),
    }).ToList();

    /// <summary>Units of a concentration limit per medium: SmartEnv rule (the registry holds concentration limits, HJ 942
    /// 许可排放浓度, in mg/m³ for flue gas and mg/L for waste water; pH, 林格曼黑度 and the like are not concentration limits).</summary>
    private static string UnitOf(OutletMediumKind m) => m == OutletMediumKind.Air ? "mg/m³" : "mg/L";

    private static List<PermitOutlet> ValidateOutlets(IReadOnlyList<OutletInput> inputs, Dictionary<string, string[]> errors)
    {
        var result = new List<PermitOutlet>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var o = inputs[i];
            var f = $"outlets[{i}]";
            if (o is null) { errors[f] = ["outlet is required"]; continue; }
            if (OutletCode.Reason(o.Code) is { } why) { errors[f + ".code"] = [why]; continue; }
            if (!seen.Add(o.Code!)) errors[f + ".code"] = [$"outlet {o.Code} is listed twice"];
            var medium = o.Code![1] == 'A' ? OutletMediumKind.Air : OutletMediumKind.Water;
            if (!Enum.IsDefined(o.Type)) errors[f + ".type"] = ["type is main | general | other"];
            var name = string.IsNullOrWhiteSpace(o.Name) ? null : o.Name.Trim();
            if (name is { Length: > PermitOutlet.NameLength }) errors[f + ".name"] = [$"name must be at most {PermitOutlet.NameLength} characters"];
            if (o.Longitude is < -180m or > 180m) errors[f + ".longitude"] = ["longitude must be −180…180"];
            if (o.Latitude is < -90m or > 90m) errors[f + ".latitude"] = ["latitude must be −90…90"];
            if (o.ExpectedIntervalMinutes is < 1 or > 1440) errors[f + ".expected_interval_minutes"] = ["expected_interval_minutes must be 1–1440"];
            var outlet = new PermitOutlet
            {
                Code = o.Code, Medium = medium, Type = o.Type, Name = name, Longitude = o.Longitude, Latitude = o.Latitude,
                ExpectedIntervalMinutes = o.ExpectedIntervalMinutes ?? PermitOutlet.DefaultExpectedIntervalMinutes,
            };
            var codes = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < (o.Limits?.Count ?? 0); j++)
            {
                var l = o.Limits![j];
                var g = $"{f}.limits[{j}]";
                if (l is null) { errors[g] = ["limit is required"]; continue; }
                if (string.IsNullOrEmpty(l.ParameterCode) || l.ParameterCode.Length > Observation.ParameterCodeLength || !l.ParameterCode.All(char.IsAsciiLetterOrDigit))
                    errors[g + ".parameter_code"] = [$"parameter_code is an HJ 212 code of 1–{Observation.ParameterCodeLength} letters and digits, e.g. a21026"];
                else if (!codes.Add(l.ParameterCode)) errors[g + ".parameter_code"] = [$"{l.ParameterCode} is listed twice for {o.Code}"];
                if (l.LimitValue <= 0) errors[g + ".limit_value"] = ["limit_value must be greater than 0"];
                if (l.Unit != UnitOf(medium)) errors[g + ".unit"] = [$"unit of a {(medium == OutletMediumKind.Air ? "DA (air)" : "DW (water)")} outlet limit is {UnitOf(medium)}"];
                var std = string.IsNullOrWhiteSpace(l.StandardRef) ? null : l.StandardRef.Trim();
                if (std is { Length: > PermitLimit.StandardRefLength }) errors[g + ".standard_ref"] = [$"standard_ref must be at most {PermitLimit.StandardRefLength} characters"];
                if (l.ReferenceO2 is not null && medium == OutletMediumKind.Water) errors[g + ".reference_o2"] = ["reference_o2 applies to air outlets only"];
                else if (l.ReferenceO2 is < 0m or >= 21m) errors[g + ".reference_o2"] = ["reference_o2 must be 0 ≤ x < 21 (%)"];
                if (l.AnnualQuantityT is < 0m) errors[g + ".annual_quantity_t"] = ["annual_quantity_t must not be negative"];
                outlet.Limits.Add(new PermitLimit { ParameterCode = l.ParameterCode ?? "", LimitValue = l.LimitValue, Unit = l.Unit ?? "", StandardRef = std, ReferenceO2 = l.ReferenceO2, AnnualQuantityT = l.AnnualQuantityT });
            }
            result.Add(outlet);
        }
        return result;
    }
}
