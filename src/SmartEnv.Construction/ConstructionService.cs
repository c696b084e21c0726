using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Storage.Entities.Construction;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Construction;
using SmartEnv.Supervision.District;

namespace SmartEnv.Construction;

/// <summary>Input of <see cref="ConstructionService.RegisterSiteAsync"/>.</summary>
/// <param name="Code">Site code (URL segment; <see cref="Site.CodePattern"/>).</param>
/// <param name="ProjectName">Project name.</param>
/// <param name="BuilderUscc">建设单位 USCC.</param>
/// <param name="ContractorUscc">施工单位 USCC.</param>
/// <param name="Address">Address or null.</param>
/// <param name="Street">Street name or 12-digit code (jiangbei-streets.tsv) or null.</param>
/// <param name="Longitude">Degrees east or null.</param>
/// <param name="Latitude">Degrees north or null.</param>
/// <param name="FloorAreaM2">Floor area m² (≥ 0).</param>
/// <param name="Phase"><c>earthwork</c>, <c>foundation</c>, <c>structure</c> or <c>decoration</c>.</param>
/// <param name="StartDate">Start date or null.</param>
/// <param name="EndDate">End date or null.</param>
public sealed record ConstructionSiteInput(string Code, string ProjectName, string BuilderUscc, string ContractorUscc, string? Address,
    string? Street, decimal? Longitude, decimal? Latitude, decimal FloorAreaM2, string Phase, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>A row of the site list.</summary>
/// <param name="Site">The site.</param>
/// <param name="Monitors">Bound monitors.</param>
/// <param name="LatestCard">The latest stored card (any month) or null.</param>
/// <param name="MissingMonitor">Floor area ≥ 50,000 m² and no monitor bound (plan ch. 5).</param>
/// <param name="HasThresholds">False: "未配置阈值".</param>
public sealed record ConstructionSiteRow(ConstructionSite Site, int Monitors, ConstructionCard? LatestCard, bool MissingMonitor, bool HasThresholds);

/// <summary>A row of the district ranking of a month (<see cref="ConstructionService.RankingAsync"/>).</summary>
/// <param name="Rank">1-based position (1 = worst: red with the most exceedance hours).</param>
/// <param name="Site">The site.</param>
/// <param name="Card">The site's latest stored card of that month (a later evaluation replaces an earlier one).</param>
public sealed record ConstructionRankingRow(int Rank, ConstructionSite Site, ConstructionCard Card);

/// <summary>
/// The construction job over the store (issue 20): register sites, bind monitors (a <see cref="Site"/> of kind
/// <see cref="SiteKind.Construction"/> and a <see cref="Device"/> per MN), set thresholds (from a preset of another
/// province, 外省参考, or typed), read a monitor's hours (the intake already converted particulates to μg/m³ with the
/// monitor's configured unit), and compute and store the monthly card with its rule version and evidence. Every change
/// writes an audit entry in its transaction. One per unit of work; not thread-safe.
/// </summary>
/// <param name="db">The context (staff or job scope).</param>
/// <param name="time">Clock.</param>
/// <param name="rules">Card rules; default <see cref="CardRules.Default"/>.</param>
public sealed class ConstructionService(SmartEnvDbContext db, TimeProvider time, CardRules? rules = null)
{
    /// <summary>Audit target type of sites (id = site code).</summary>
    public const string TargetSite = "construction_site";

    /// <summary>Audit actions written by this service, in <see cref="AuditActions.Known"/> order.</summary>
    public static readonly IReadOnlyList<string> Actions = ["construction_site.create", "construction_monitor.bind", "construction_threshold.set",
        "construction_card.evaluate", "construction_site.blacklist"];

    /// <summary>The phases accepted (stored text).</summary>
    public static readonly IReadOnlyList<string> Phases = ["earthwork", "foundation", "structure", "decoration"];

    /// <summary>Noise factor codes read (HJ 212-2017 table B.3): hourly Leq and L_max.</summary>
    public const string LeqCode = "Leq", LmaxCode = "LMx";

    private readonly CardRules _rules = rules ?? CardRules.Default;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers a site (audited <c>construction_site.create</c>).</summary>
    /// <param name="input">The site.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored site.</returns>
    /// <exception cref="ConstructionException">400 invalid field (message names it), 409 code taken.</exception>
    public async Task<ConstructionSite> RegisterSiteAsync(ConstructionSiteInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Site.IsValidCode(input.Code)) throw new ConstructionException(400, "code: " + Site.CodeRule);
        if (string.IsNullOrWhiteSpace(input.ProjectName) || input.ProjectName.Length > ConstructionSite.NameLength) throw new ConstructionException(400, "project name: 1–200 characters");
        if (Uscc.Check(input.BuilderUscc) is { } fb) throw new ConstructionException(400, "builder USCC: " + fb);
        if (Uscc.Check(input.ContractorUscc) is { } fc) throw new ConstructionException(400, "contractor USCC: " + fc);
        if (!Phases.Contains(input.Phase)) throw new ConstructionException(400, "phase: one of " + string.Join(", ", Phases));
        if (input.FloorAreaM2 < 0) throw new ConstructionException(400, "floor area must not be negative");
        if (input.Address?.Length > ConstructionSite.NameLength) throw new ConstructionException(400, "address: at most 200 characters");
        string? street = null;
        if (!string.IsNullOrWhiteSpace(input.Street))
            street = DistrictStreets.Find(input.Street.Trim())?.Code ?? throw new ConstructionException(400, $"street '{input.Street}' is not a street or town of jiangbei-streets.tsv");
        if (input.Longitude is < -180 or > 180 || input.Latitude is < -90 or > 90) throw new ConstructionException(400, "coordinates out of range");
        if (input.Longitude.HasValue != input.Latitude.HasValue) throw new ConstructionException(400, "coordinates: longitude and latitude both or neither");
        if (input.EndDate < input.StartDate) throw new ConstructionException(400, "end date is before the start date");
        if (await db.ConstructionSites.IgnoreQueryFilters().AnyAsync(s => s.Code == input.Code, ct)) throw new ConstructionException(409, $"site code '{input.Code}' is taken");
        var now = time.GetUtcNow();
        var site = new ConstructionSite
        {
            Code = input.Code, ProjectName = input.ProjectName.Trim(), BuilderUscc = input.BuilderUscc, ContractorUscc = input.ContractorUscc,
            Address = input.Address?.Trim(), StreetCode = street, Longitude = input.Longitude, Latitude = input.Latitude, FloorAreaM2 = input.FloorAreaM2,
            Phase = input.Phase, StartDate = input.StartDate, EndDate = input.EndDate, CreatedAt = now,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.ConstructionSites.Add(site);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "construction_site.create", TargetSite, site.Code, null,
            new { site.Code, site.ProjectName, site.BuilderUscc, site.ContractorUscc, site.StreetCode, site.FloorAreaM2, site.Phase }, null, now, ct);
        await tx.CommitAsync(ct);
        return site;
    }

    /// <summary>Finds a site by code (in the caller's scope).</summary>
    /// <param name="code">Site code.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConstructionException">404 unknown (or outside the scope).</exception>
    public async Task<ConstructionSite> SiteAsync(string code, CancellationToken ct = default) =>
        await db.ConstructionSites.SingleOrDefaultAsync(s => s.Code == code, ct) ?? throw new ConstructionException(404, $"no construction site '{code}'");

    /// <summary>Binds an online monitor by its MN (audited <c>construction_monitor.bind</c>): creates the monitoring site of
    /// kind <see cref="SiteKind.Construction"/> (code <c>{site}-M{n}</c>, not public, owned by the builder — or the contractor — when registered as an enterprise, else by the bureau) and the device
    /// with its PW. Packets from the MN (ST=39 or ST=22) then land as this monitor's hourly data, particulates converted
    /// from <paramref name="dustUnit"/> to μg/m³ by the intake.</summary>
    /// <param name="siteCode">The construction site.</param>
    /// <param name="mn">Device MN (1–64 characters).</param>
    /// <param name="password">Device PW.</param>
    /// <param name="dustUnit">Unit the logger sends TSP/PM10/PM2.5 in: μg/m³ (ug/m3), mg/m³ or ng/m³.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConstructionException">400 bad unit or MN, 404 site, 409 MN registered already.</exception>
    public async Task<ConstructionMonitor> BindMonitorAsync(string siteCode, string mn, string password, string dustUnit, AuditActor actor, CancellationToken ct = default)
    {
        var site = await SiteAsync(siteCode, ct);
        if (string.IsNullOrWhiteSpace(mn) || mn.Length > Site.CodeLength) throw new ConstructionException(400, "MN: 1–64 characters");
        if (string.IsNullOrEmpty(password)) throw new ConstructionException(400, "PW required");
        if (!MeasurementUnit.TryParse(dustUnit, out var unit) || !unit.IsCompatibleWith(MeasurementUnit.MicrogramPerCubicMetre))
            throw new ConstructionException(400, $"dust unit '{dustUnit}': μg/m³, mg/m³ or ng/m³");
        if (await db.Devices.AnyAsync(d => d.Mn == mn, ct)) throw new ConstructionException(409, $"MN {mn} is registered already");
        var n = await db.ConstructionMonitors.CountAsync(m => m.ConstructionSiteId == site.Id, ct) + 1;
        var code = $"{site.Code}-M{n}";
        if (code.Length > Site.CodeLength || !Site.IsValidCode(code)) code = $"CS{site.Id}-M{n}";
        // The monitoring site is owned by the builder (or else the contractor) when that enterprise is registered (sites.enterprise_uscc
        // references enterprises); otherwise by the bureau (null), like any non-public bureau site.
        string[] parties = [site.BuilderUscc, site.ContractorUscc];
        var registered = await db.Enterprises.IgnoreQueryFilters().Where(e => parties.Contains(e.Uscc)).Select(e => e.Uscc).ToListAsync(ct);
        var owner = registered.Contains(site.BuilderUscc) ? site.BuilderUscc : registered.Contains(site.ContractorUscc) ? site.ContractorUscc : null;
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var monitorSite = new Site
        {
            Code = code, NameZh = $"{site.ProjectName} 扬尘监测 {n}", Kind = SiteKind.Construction, IsPublic = false, InDistrict = true,
            EnterpriseUscc = owner, Longitude = site.Longitude, Latitude = site.Latitude,
        };
        db.Sites.Add(monitorSite);
        await db.SaveChangesAsync(ct);
        db.Devices.Add(new Device { Mn = mn, Password = password, SiteId = monitorSite.Id });
        var monitor = new ConstructionMonitor { ConstructionSiteId = site.Id, Mn = mn, SiteId = monitorSite.Id, DustUnit = unit.Symbol, BoundAt = now };
        db.ConstructionMonitors.Add(monitor);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "construction_monitor.bind", TargetSite, site.Code, null, new { mn, site = code, dustUnit = unit.Symbol }, null, now, ct);
        await tx.CommitAsync(ct);
        return monitor;
    }

    /// <summary>Copies a preset of another province (外省参考) into the site's thresholds for its phase (audited
    /// <c>construction_threshold.set</c>, before and after).</summary>
    /// <param name="siteCode">The site.</param>
    /// <param name="preset">A key of <see cref="DustPresets.Keys"/>.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConstructionException">404 site or preset.</exception>
    public async Task<IReadOnlyList<ConstructionThreshold>> ApplyPresetAsync(string siteCode, string preset, AuditActor actor, CancellationToken ct = default)
    {
        var site = await SiteAsync(siteCode, ct);
        IReadOnlyList<DustPreset> rows;
        try { rows = DustPresets.Default.For(preset, ParsePhase(site.Phase)); }
        catch (KeyNotFoundException ex) { throw new ConstructionException(404, ex.Message); }
        return await SetAsync(site, [.. rows.Select(r => (Name(r.Parameter), r.LimitUgM3, (string?)r.Preset, $"外省参考 [{r.Confidence}] {r.Source}"))], actor, ct);
    }

    /// <summary>Sets one threshold typed by staff (audited <c>construction_threshold.set</c>).</summary>
    /// <param name="siteCode">The site.</param>
    /// <param name="parameter"><c>pm10</c>, <c>tsp</c> or <c>pm25</c>.</param>
    /// <param name="limitUgM3">Maximum hourly mean μg/m³ (&gt; 0).</param>
    /// <param name="reason">Why (required).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConstructionException">400 bad parameter, limit or reason; 404 site.</exception>
    public async Task<IReadOnlyList<ConstructionThreshold>> SetThresholdAsync(string siteCode, string parameter, decimal limitUgM3, string reason, AuditActor actor, CancellationToken ct = default)
    {
        if (parameter is not ("pm10" or "tsp" or "pm25")) throw new ConstructionException(400, "parameter: pm10, tsp or pm25");
        if (limitUgM3 <= 0 || limitUgM3 > 100_000) throw new ConstructionException(400, "limit: 0 < μg/m³ ≤ 100000");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ConstructionThreshold.SourceLength) throw new ConstructionException(400, "reason: 1–512 characters");
        var site = await SiteAsync(siteCode, ct);
        return await SetAsync(site, [(parameter, limitUgM3, null, reason.Trim())], actor, ct);
    }

    private async Task<IReadOnlyList<ConstructionThreshold>> SetAsync(ConstructionSite site, (string Parameter, decimal Limit, string? Preset, string Source)[] rows, AuditActor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var existing = await db.ConstructionThresholds.Where(t => t.ConstructionSiteId == site.Id).ToListAsync(ct);
        var before = existing.Select(t => new { t.Parameter, t.LimitUgM3, t.Preset }).ToList();
        foreach (var r in rows)
        {
            var t = existing.FirstOrDefault(x => x.Parameter == r.Parameter);
            if (t is null) { t = new ConstructionThreshold { ConstructionSiteId = site.Id, Parameter = r.Parameter }; db.ConstructionThresholds.Add(t); existing.Add(t); }
            (t.LimitUgM3, t.Preset, t.Source, t.SetAt) = (r.Limit, r.Preset, r.Source.Length > ConstructionThreshold.SourceLength ? r.Source[..ConstructionThreshold.SourceLength] : r.Source, now);
        }
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "construction_threshold.set", TargetSite, site.Code, before,
            existing.Select(t => new { t.Parameter, t.LimitUgM3, t.Preset }).ToList(), null, now, ct);
        await tx.CommitAsync(ct);
        return existing;
    }

    /// <summary>The site's thresholds (empty: "未配置阈值").</summary>
    /// <param name="siteId">Site id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ConstructionThreshold>> ThresholdsAsync(long siteId, CancellationToken ct = default) =>
        await db.ConstructionThresholds.AsNoTracking().Where(t => t.ConstructionSiteId == siteId).OrderBy(t => t.Parameter).ToListAsync(ct);

    /// <summary>The hours of every monitor of a site in [<paramref name="from"/>, <paramref name="to"/>) from the stored
    /// CN 2061 observations (particulates μg/m³ as converted by the intake; Leq, LMx dB(A)). Two monitors' hours are
    /// listed separately.</summary>
    /// <param name="siteId">Construction site id.</param>
    /// <param name="from">Start instant.</param>
    /// <param name="to">End instant (exclusive).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<MonitorHour>> HoursAsync(long siteId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var monitorSites = await db.ConstructionMonitors.AsNoTracking().Where(m => m.ConstructionSiteId == siteId).Select(m => m.SiteId).ToListAsync(ct);
        string[] codes = ["a34001", "a34002", "a34004", LeqCode, LmaxCode];
        var (f, t) = (from.ToUniversalTime(), to.ToUniversalTime());
        var obs = await db.Observations.AsNoTracking().IgnoreQueryFilters()
            .Where(o => monitorSites.Contains(o.SiteId) && o.Period == PeriodType.Hour && o.DataTime >= f && o.DataTime < t && codes.Contains(o.ParameterCode))
            .Select(o => new { o.SiteId, o.DataTime, o.ParameterCode, o.Value, o.Max }).ToListAsync(ct);
        return [.. obs.GroupBy(o => (o.SiteId, o.DataTime)).OrderBy(g => g.Key.DataTime).ThenBy(g => g.Key.SiteId).Select(g =>
        {
            decimal? V(string c) => g.FirstOrDefault(o => o.ParameterCode == c)?.Value;
            var lmax = V(LmaxCode) ?? g.FirstOrDefault(o => o.ParameterCode == LeqCode)?.Max;
            return new MonitorHour(g.Key.DataTime, V("a34002"), V("a34001"), V("a34004"), V(LeqCode), lmax);
        })];
    }

    /// <summary>The earliest month a card is evaluated for (no online dust monitoring before it).</summary>
    public static readonly DateOnly EarliestMonth = new(2000, 1, 1);

    /// <summary>Computes and stores the card of <paramref name="month"/> (audited <c>construction_card.evaluate</c>); a
    /// second evaluation adds a new row (history kept; the latest counts). A black-list recommendation sets the site's
    /// flag (audited <c>construction_site.blacklist</c>).</summary>
    /// <param name="siteCode">The site.</param>
    /// <param name="month">Any day of the month (Beijing).</param>
    /// <param name="actor">Who (job or staff).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConstructionException">404 site; 400 a month after the current one or before <see cref="EarliestMonth"/>.</exception>
    public async Task<ConstructionCard> EvaluateMonthAsync(string siteCode, DateOnly month, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var first = new DateOnly(month.Year, month.Month, 1);
        var today = BeijingTime.Date(time.GetUtcNow());
        // A month not yet begun has no hours: its card would be green and become the site's current (and public) card.
        if (first > new DateOnly(today.Year, today.Month, 1)) throw new ConstructionException(400, "month: after the current month");
        if (first < EarliestMonth) throw new ConstructionException(400, "month: before 2000-01");
        var site = await SiteAsync(siteCode, ct);
        var (from, to) = (BeijingTime.DayStart(first), BeijingTime.DayStart(first.AddMonths(1)));
        var thresholds = await ThresholdsAsync(site.Id, ct);
        var hours = await HoursAsync(site.Id, from, to, ct);
        var dust = ConstructionJudge.DustExceedances(hours, [.. thresholds.Select(t => new DustThreshold(ParseParameter(t.Parameter), t.LimitUgM3))]);
        var noise = ConstructionJudge.NoiseExceedances(hours);
        string[] parties = [site.BuilderUscc, site.ContractorUscc];
        var complaints = await db.Complaints.IgnoreQueryFilters().CountAsync(c => c.ReportedUscc != null && parties.Contains(c.ReportedUscc)
            && c.RegisteredOn >= first && c.RegisteredOn < first.AddMonths(1) && c.NotAcceptedReason == null, ct);
        var findings = await db.InspectionFindings.IgnoreQueryFilters().CountAsync(x => x.Outcome == StoredFindingOutcome.Problem
            && db.InspectionRecords.IgnoreQueryFilters().Any(r => r.Id == x.RecordId && parties.Contains(r.Uscc) && r.InspectedAt >= from && r.InspectedAt < to), ct);
        var previousRed = 0;
        for (var m = first.AddMonths(-1); previousRed < 24; m = m.AddMonths(-1))
        {
            var c = await db.ConstructionCards.AsNoTracking().Where(x => x.ConstructionSiteId == site.Id && x.Month == m).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
            if (c?.Colour != "red") break;
            previousRed++;
        }
        var decision = ConstructionJudge.Card(new CardInputs(dust, noise, complaints, findings, previousRed), _rules);
        var now = time.GetUtcNow();
        var card = new ConstructionCard
        {
            ConstructionSiteId = site.Id, Month = first, Colour = decision.Colour.ToString().ToLowerInvariant(), DustHours = decision.DustHourCount,
            NoiseHours = decision.NoiseHourCount, Complaints = complaints, Findings = findings, RectifyDays = decision.RectifyDays, Blacklist = decision.Blacklist,
            ReasonsJson = JsonSerializer.Serialize(decision.Reasons, Json), EvidenceJson = JsonSerializer.Serialize(dust.Concat(noise).OrderBy(e => e.HourStart), Json),
            ThresholdsJson = JsonSerializer.Serialize(thresholds.Select(t => new { t.Parameter, t.LimitUgM3, t.Preset }), Json),
            RuleVersion = decision.RuleVersion, EvaluatedAt = now, EvaluatedBy = actor.Name.Length > ConstructionCard.ActorLength ? actor.Name[..ConstructionCard.ActorLength] : actor.Name,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.ConstructionCards.Add(card);
        await db.SaveChangesAsync(ct);
        var key = site.Code + "/" + first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await AuditTrail.AppendAsync(db, actor, "construction_card.evaluate", TargetSite, key, null,
            new { card.Colour, card.DustHours, card.NoiseHours, card.Complaints, card.Findings, card.RuleVersion, decision.Reasons }, null, now, ct);
        if (decision.Blacklist && !site.Blacklisted)
        {
            (site.Blacklisted, site.BlacklistedAt, site.BlacklistNote) = (true, now, $"{key}: " + string.Join("; ", decision.Reasons) + " → 建议纳入建筑市场黑名单 (住建)");
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, "construction_site.blacklist", TargetSite, site.Code, new { blacklisted = false }, new { blacklisted = true, site.BlacklistNote }, null, now, ct);
        }
        await tx.CommitAsync(ct);
        return card;
    }

    /// <summary>Evaluates every site in scope for a month (the monthly run; CLI <c>construction evaluate --all</c>).</summary>
    /// <param name="month">Any day of the month.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ConstructionCard>> EvaluateAllAsync(DateOnly month, AuditActor actor, CancellationToken ct = default)
    {
        var codes = await db.ConstructionSites.AsNoTracking().OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ct);
        var list = new List<ConstructionCard>();
        foreach (var c in codes) list.Add(await EvaluateMonthAsync(c, month, actor, ct));
        return list;
    }

    /// <summary>The district ranking of a month (the one place its order is decided; API <c>GET /api/construction/ranking</c>
    /// and the page <c>/construction/ranking</c> read it). Every site in the caller's scope with a stored card of the month,
    /// its latest evaluation of that month only, ordered: card red &gt; yellow &gt; green, then exceedance hours (dust +
    /// noise) descending, then site code (ordinal) ascending. Sites without a card of the month are not ranked.</summary>
    /// <param name="month">Any day of the month (Beijing); null = the current month of the clock.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Rows with rank 1..n (ties get distinct consecutive ranks in the order above).</returns>
    public async Task<IReadOnlyList<ConstructionRankingRow>> RankingAsync(DateOnly? month, CancellationToken ct = default)
    {
        var m = month ?? BeijingTime.Today(time);
        var first = new DateOnly(m.Year, m.Month, 1);
        var sites = await db.ConstructionSites.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var cards = (await db.ConstructionCards.AsNoTracking().Where(c => c.Month == first).ToListAsync(ct))
            .GroupBy(c => c.ConstructionSiteId).Where(g => sites.ContainsKey(g.Key)).Select(g => g.OrderByDescending(c => c.Id).First());
        return [.. cards.OrderByDescending(c => CardSeverity(c.Colour)).ThenByDescending(c => c.DustHours + c.NoiseHours)
            .ThenBy(c => sites[c.ConstructionSiteId].Code, StringComparer.Ordinal)
            .Select((c, i) => new ConstructionRankingRow(i + 1, sites[c.ConstructionSiteId], c))];
    }

    /// <summary>Severity of a stored card colour for ordering: red 2, yellow 1, anything else 0.</summary>
    /// <param name="colour">Stored colour.</param>
    public static int CardSeverity(string? colour) => colour switch { "red" => 2, "yellow" => 1, _ => 0 };

    /// <summary>The card history of a site, newest first (every stored evaluation).</summary>
    /// <param name="siteId">Site id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ConstructionCard>> CardsAsync(long siteId, CancellationToken ct = default) =>
        await db.ConstructionCards.AsNoTracking().Where(c => c.ConstructionSiteId == siteId).OrderByDescending(c => c.Month).ThenByDescending(c => c.Id).ToListAsync(ct);

    /// <summary>The evidence of a stored card (exceedance hours with value, limit and basis).</summary>
    /// <param name="card">A stored card.</param>
    public static IReadOnlyList<ExceedanceEvidence> Evidence(ConstructionCard card) =>
        JsonSerializer.Deserialize<List<ExceedanceEvidence>>((card ?? throw new ArgumentNullException(nameof(card))).EvidenceJson, Json) ?? [];

    /// <summary>The site list in scope with latest card, monitor count and the ≥ 50,000 m² unmonitored flag.</summary>
    /// <param name="everyone">True for the public list (every site regardless of the caller's scope; the caller shows only
    /// name, street and card colour).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ConstructionSiteRow>> ListAsync(bool everyone = false, CancellationToken ct = default)
    {
        var q = everyone ? db.ConstructionSites.IgnoreQueryFilters() : db.ConstructionSites;
        var sites = await q.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var monitors = await db.ConstructionMonitors.AsNoTracking().Where(m => ids.Contains(m.ConstructionSiteId)).GroupBy(m => m.ConstructionSiteId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var withThresholds = (await db.ConstructionThresholds.AsNoTracking().Where(t => ids.Contains(t.ConstructionSiteId)).Select(t => t.ConstructionSiteId).Distinct().ToListAsync(ct)).ToHashSet();
        var cards = (await db.ConstructionCards.AsNoTracking().Where(c => ids.Contains(c.ConstructionSiteId)).ToListAsync(ct))
            .GroupBy(c => c.ConstructionSiteId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Month).ThenByDescending(c => c.Id).First());
        return [.. sites.Select(s =>
        {
            var n = monitors.GetValueOrDefault(s.Id);
            return new ConstructionSiteRow(s, n, cards.GetValueOrDefault(s.Id), s.FloorAreaM2 >= ConstructionSite.OnlineMonitoringFloorArea && n == 0, withThresholds.Contains(s.Id));
        })];
    }

    /// <summary>Stored text of a parameter.</summary>
    /// <param name="p">Parameter.</param>
    public static string Name(DustParameter p) => p.ToString().ToLowerInvariant();

    /// <summary>Parameter of its stored text.</summary>
    /// <param name="s"><c>pm10</c>, <c>tsp</c> or <c>pm25</c>.</param>
    /// <exception cref="ArgumentException">Other text.</exception>
    public static DustParameter ParseParameter(string s) => s switch
    {
        "pm10" => DustParameter.Pm10, "tsp" => DustParameter.Tsp, "pm25" => DustParameter.Pm25,
        _ => throw new ArgumentException($"dust parameter '{s}'", nameof(s)),
    };

    /// <summary>Phase of its stored text.</summary>
    /// <param name="s">Stored phase.</param>
    /// <exception cref="ArgumentException">Other text.</exception>
    public static ConstructionPhase ParsePhase(string s) => s switch
    {
        "earthwork" => ConstructionPhase.Earthwork, "foundation" => ConstructionPhase.Foundation, "structure" => ConstructionPhase.Structure,
        "decoration" => ConstructionPhase.Decoration, _ => throw new ArgumentException($"phase '{s}'", nameof(s)),
    };
}
