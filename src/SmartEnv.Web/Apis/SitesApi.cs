using SmartEnv.Accounts;
using SmartEnv.Standards.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Noise;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Apis;

/// <summary>
/// The site registry (<c>/api/sites</c>) and the HJ 212 device registry (<c>/api/devices</c>). Reads of public sites
/// are open; every write and every device read needs the admin token.
/// </summary>
public static class SitesApi
{
    /// <summary>A site as the API shows it.</summary>
    /// <param name="Code">Station/section code.</param>
    /// <param name="NameZh">Chinese name.</param>
    /// <param name="NameEn">English name.</param>
    /// <param name="Kind">air, water, noise.</param>
    /// <param name="Longitude">Degrees east (CRS not stated by the sources).</param>
    /// <param name="Latitude">Degrees north.</param>
    /// <param name="CoordinatesApproximate">True when the position is an estimate.</param>
    /// <param name="CoordinateSource">Provenance of the position.</param>
    /// <param name="ControlLevel">national / municipal / district (国控/市控/区控).</param>
    /// <param name="WaterTargetClass">GB 3838-2002 target class I–V (water only).</param>
    /// <param name="WaterBody">River or water body.</param>
    /// <param name="IsPublic">Shown to anonymous readers.</param>
    /// <param name="Note">Free note.</param>
    /// <param name="LatestAqi">Latest hourly AQI, if any (air only): the same record as <c>GET /api/sites/{code}/aqi/latest</c>.</param>
    /// <param name="NoiseZone">GB 3096-2008 functional-zone class <c>0</c>, <c>1</c>, <c>2</c>, <c>3</c>, <c>4a</c>, <c>4b</c> (noise only).</param>
    /// <param name="InDistrict">The district's own site (seed, registered by the bureau); false for stations an import added
    /// with the all-sites option and for simulated sites.</param>
    /// <param name="EnterpriseUscc">统一社会信用代码 of the owning enterprise (a pollution-source monitoring point, never
    /// public); null for the bureau's sites.</param>
    public sealed record SiteDto(
        string Code, string NameZh, string? NameEn, SiteKind Kind, decimal? Longitude, decimal? Latitude,
        bool CoordinatesApproximate, string? CoordinateSource, ControlLevel? ControlLevel, string? WaterTargetClass,
        string? WaterBody, bool IsPublic, string? Note, HourlyAqiDto? LatestAqi, string? NoiseZone = null, bool InDistrict = true,
        string? EnterpriseUscc = null);

    /// <summary>Body of a site create/replace.</summary>
    /// <param name="Code">Code (create only; ignored on replace).</param>
    /// <param name="NameZh">Chinese name, required.</param>
    /// <param name="NameEn">English name.</param>
    /// <param name="Kind">air, water, noise.</param>
    /// <param name="Longitude">Degrees east, −180…180.</param>
    /// <param name="Latitude">Degrees north, −90…90.</param>
    /// <param name="CoordinatesApproximate">True when the position is an estimate.</param>
    /// <param name="CoordinateSource">Provenance of the position.</param>
    /// <param name="ControlLevel">national / municipal / district.</param>
    /// <param name="WaterTargetClass">I, II, III, IV or V (water only).</param>
    /// <param name="WaterBody">River or water body.</param>
    /// <param name="IsPublic">Shown to anonymous readers (default true).</param>
    /// <param name="Note">Free note.</param>
    /// <param name="NoiseZone">Noise sites only: GB 3096-2008 functional-zone class <c>0</c>, <c>1</c>, <c>2</c>, <c>3</c>,
    /// <c>4a</c> or <c>4b</c> (case-insensitive; stored lower-case); anything else is a 400.</param>
    /// <param name="InDistrict">The district's own site (default true); false keeps it out of the district's views and
    /// figures (e.g. a simulated site).</param>
    /// <param name="EnterpriseUscc">The owning enterprise's 统一社会信用代码: it must be registered (<c>POST /api/enterprises</c>),
    /// else 400 naming <c>enterprise_uscc</c>. Such a site is not public (default false; <c>is_public: true</c> is a 400).
    /// Null or absent: the bureau's own site.</param>
    public sealed record SiteWrite(
        string? Code, string NameZh, string? NameEn, SiteKind Kind, decimal? Longitude, decimal? Latitude,
        bool CoordinatesApproximate, string? CoordinateSource, ControlLevel? ControlLevel, string? WaterTargetClass,
        string? WaterBody, bool? IsPublic, string? Note, string? NoiseZone = null, bool? InDistrict = null, string? EnterpriseUscc = null);

    /// <summary>A registered HJ 212 data logger.</summary>
    /// <param name="Mn">Device MN.</param>
    /// <param name="SiteCode">Site it reports for.</param>
    /// <param name="Enabled">False quarantines its packets.</param>
    public sealed record DeviceDto(string Mn, string SiteCode, bool Enabled);

    /// <summary>Body of a device registration (<c>PUT /api/devices/{mn}</c>, idempotent).</summary>
    /// <param name="Password">HJ 212 PW the device sends.</param>
    /// <param name="SiteCode">Site code it reports for.</param>
    /// <param name="Enabled">Default true.</param>
    public sealed record DeviceWrite(string Password, string SiteCode, bool? Enabled);

    /// <summary>One logger of a bulk registration (<c>PUT /api/devices</c>).</summary>
    /// <param name="Mn">Device MN (1–64 characters, no control characters).</param>
    /// <param name="Password">HJ 212 PW the device sends.</param>
    /// <param name="SiteCode">Code of a registered site it reports for.</param>
    /// <param name="Enabled">Default true.</param>
    public sealed record DeviceBulkItem(string Mn, string Password, string SiteCode, bool? Enabled);

    /// <summary>Answer of a bulk registration.</summary>
    /// <param name="Total">Loggers in the request.</param>
    /// <param name="Created">Newly registered.</param>
    /// <param name="Updated">Already registered and changed (PW, site or enabled).</param>
    /// <param name="Unchanged">Already registered exactly so.</param>
    /// <param name="PasswordHashes">Distinct PWs hashed (one PBKDF2 run each, docs/security.md).</param>
    public sealed record DeviceBulkResult(int Total, int Created, int Updated, int Unchanged, int PasswordHashes);

    /// <summary>Most loggers in one bulk registration (a request of 10,000 is ≈ 1 MB of JSON).</summary>
    public const int MaxBulkDevices = 10_000;

    private static readonly string[] TargetClasses = ["I", "II", "III", "IV", "V"];

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapSitesApi(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/api/sites").WithTags("sites");
        sites.MapGet("/", ListAsync).AllowAnonymous().WithName("ListSites").WithSummary("All public sites (all sites for bureau staff), with the latest hourly AQI.");
        sites.MapGet("/{code}", GetAsync).AllowAnonymous().WithName("GetSite").WithSummary("One site by code.");
        sites.MapPost("/", CreateAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("CreateSite").WithSummary("Register a site (admin, monitoring).");
        sites.MapPut("/{code}", ReplaceAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("ReplaceSite").WithSummary("Replace a site's fields (admin, monitoring).");
        sites.MapDelete("/{code}", DeleteAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("DeleteSite").WithSummary("Delete a site without data or devices (admin, monitoring).");

        var devices = app.MapGroup("/api/devices").WithTags("devices").RequireAuthorization(SmartEnvPolicies.Monitoring);
        devices.MapGet("/", ListDevicesAsync).WithName("ListDevices").WithSummary("Registered HJ 212 loggers (admin, monitoring).");
        devices.MapPut("/", PutDevicesAsync).WithName("PutDevices").WithSummary("Register or update up to 10,000 loggers in one transaction (admin, monitoring; idempotent; all or nothing).");
        devices.MapPut("/{mn}", PutDeviceAsync).WithName("PutDevice").WithSummary("Register or update a logger's PW and site (admin, monitoring; idempotent).");
        devices.MapDelete("/{mn}", DeleteDeviceAsync).WithName("DeleteDevice").WithSummary("Remove a logger (admin, monitoring).");
        return app;
    }

    private static async Task<Results<Ok<List<SiteDto>>, ValidationProblem>> ListAsync(SmartEnvDbContext db, HttpContext http, TimeProvider time, string? kind, CancellationToken ct)
    {
        var admin = SmartEnvPolicies.IsStaff(http.User);
        // The district aggregate is a stored series, not a station: not listed (its figures: 空气, /api/assessment/city).
        // Enterprise-owned sites are in the list only inside the caller's DataScope (the context's query filter).
        var query = db.Sites.AsNoTracking().Where(s => (admin || s.IsPublic || s.EnterpriseUscc != null) && s.Code != Site.DistrictAggregateCode);
        if (kind is not null)
        {
            if (!Enum.TryParse<SiteKind>(kind, true, out var k) || int.TryParse(kind, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["kind must be air, water or noise"] });
            query = query.Where(s => s.Kind == k);
        }
        var list = await query.OrderBy(s => s.Id).ToListAsync(ct);
        var result = new List<SiteDto>(list.Count);
        foreach (var s in list) result.Add(ToDto(s, await LatestAsync(db, s.Id, time, ct)));
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<SiteDto>, ProblemHttpResult>> GetAsync(string code, SmartEnvDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var s = await FindVisibleAsync(db, http, code, ct);
        return s is null ? NoSite(code) : TypedResults.Ok(ToDto(s, await LatestAsync(db, s.Id, time, ct)));
    }

    private static async Task<Results<Created<SiteDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(SiteWrite body, SmartEnvDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var errors = Validate(body, requireCode: true);
        await ValidateOwnerAsync(body, db, errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var code = body.Code!.Trim();
        if (await db.Sites.AnyAsync(s => s.Code == code, ct)) return ApiValidation.Conflict($"site {code} exists; change it with PUT /api/sites/{code}");
        var site = new Site { Code = code, NameZh = body.NameZh.Trim() };
        Apply(site, body);
        await using (var tx = await AuditTrail.BeginAsync(db, ct))
        {
            db.Sites.Add(site);
            await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "site.create", "site", site.Code, null, AuditSnapshots.Site(site), time: time.GetUtcNow(), ct: ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Created($"/api/sites/{Uri.EscapeDataString(site.Code)}", ToDto(site, null));
    }

    private static async Task<Results<Ok<SiteDto>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(string code, SiteWrite body, SmartEnvDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var errors = Validate(body, requireCode: false);
        await ValidateOwnerAsync(body, db, errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Code == code, ct);
        if (site is null) return NoSite(code);
        if (body.Kind != site.Kind && await HasDevicesOrDataAsync(db, site.Id, ct))
            return ApiValidation.Conflict($"site {code} has devices or data, so its kind cannot change from {Lower(site.Kind)} to {Lower(body.Kind)}; " +
                "register a new site with the new kind instead");
        var before = AuditSnapshots.Site(site);
        site.NameZh = body.NameZh.Trim();
        Apply(site, body);
        await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "site.update", "site", site.Code, before, AuditSnapshots.Site(site), time: time.GetUtcNow(), ct: ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ToDto(site, await LatestAsync(db, site.Id, time, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string code, SmartEnvDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Code == code, ct);
        if (site is null) return NoSite(code);
        if (await HasDevicesOrDataAsync(db, site.Id, ct))
            return ApiValidation.Conflict($"site {code} has devices or data; set is_public=false instead");
        db.Sites.Remove(site);
        await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "site.delete", "site", site.Code, AuditSnapshots.Site(site), null, time: time.GetUtcNow(), ct: ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<DeviceDto>>> ListDevicesAsync(SmartEnvDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Devices.AsNoTracking().OrderBy(d => d.Mn)
            .Select(d => new DeviceDto(d.Mn, d.Site!.Code, d.Enabled)).ToListAsync(ct));

    private static async Task<Results<Ok<DeviceDto>, Created<DeviceDto>, ValidationProblem>> PutDeviceAsync(string mn, DeviceWrite body, SmartEnvDbContext db,
        HttpContext http, TimeProvider time, DevicePasswordNotices notices, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateDevice(mn, body.Password, "", errors);
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Code == body.SiteCode, ct);
        if (site is null) errors["site_code"] = [$"no site {body.SiteCode}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var device = await db.Devices.Include(d => d.Site).SingleOrDefaultAsync(d => d.Mn == mn, ct);
        var created = device is null;
        var before = device is null ? null : AuditSnapshots.Device(device.Mn, device.Site?.Code, device.Enabled);
        // The PW is kept as a salted hash (DevicePasswords): compared, never read back. An unchanged PW keeps its hash, so
        // the gateway's remembered digest of it stays valid.
        var passwordChanged = device is null || !DevicePasswords.Verify(device.PasswordHash, body.Password);
        var wasEnabled = device?.Enabled;
        device ??= db.Devices.Add(new Device { Mn = mn, Password = body.Password }).Entity;
        if (passwordChanged && !created) device.Password = body.Password;
        device.SiteId = site!.Id;
        device.Enabled = body.Enabled ?? true;
        await AuditDeviceAsync(db, http, time, mn, site.Code, device.Enabled, created, wasEnabled, passwordChanged, before, null, ct);
        await tx.CommitAsync(ct);
        notices.Publish([new DevicePasswordNotice(mn, device.PasswordHash, body.Password)]);
        var dto = new DeviceDto(mn, site.Code, device.Enabled);
        return created ? TypedResults.Created($"/api/devices/{Uri.EscapeDataString(mn)}", dto) : TypedResults.Ok(dto);
    }

    // Bulk registration (issue 15: 10,000 loggers one PUT each took ≈ 23 min, one PBKDF2 run per device). All or nothing:
    // every item is validated first (errors named by position, e.g. "[12].site_code"), then one transaction writes the
    // devices and one audit entry each. Each distinct PW of the request is hashed once and that hash (salt included) is
    // stored for every new device or changed PW carrying it; an existing device is checked once per distinct (stored hash,
    // PW) pair. docs/security.md "Device passwords and lockout" states what sharing a salt within one request means.
    private static async Task<Results<Ok<DeviceBulkResult>, ValidationProblem>> PutDevicesAsync(List<DeviceBulkItem>? body, SmartEnvDbContext db,
        HttpContext http, TimeProvider time, DevicePasswordNotices notices, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null || body.Count == 0) errors["devices"] = ["the body is a JSON array of {mn, password, site_code, enabled} with at least one logger"];
        else if (body.Count > MaxBulkDevices) errors["devices"] = [$"{body.Count} loggers in one request; at most {MaxBulkDevices} (split the list)"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var items = body!;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) { errors[$"[{i}]"] = ["null item"]; continue; }
            ValidateDevice(item.Mn, item.Password, $"[{i}].", errors);
            if (item.Mn is not null && !seen.TryAdd(item.Mn, i)) errors[$"[{i}].mn"] = [$"MN {item.Mn} is also item {seen[item.Mn]}: each logger once per request"];
            if (string.IsNullOrWhiteSpace(item.SiteCode)) errors[$"[{i}].site_code"] = ["site_code is required"];
            if (errors.Count >= 100) break; // enough to fix the file; the rest is checked on the next try
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var codes = items.Select(x => x.SiteCode).Distinct(StringComparer.Ordinal).ToList();
        var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(1000))
            foreach (var s in await db.Sites.Where(s => chunk.Contains(s.Code)).ToListAsync(ct)) sites[s.Code] = s;
        for (var i = 0; i < items.Count && errors.Count < 100; i++)
            if (!sites.ContainsKey(items[i].SiteCode)) errors[$"[{i}].site_code"] = [$"no site {items[i].SiteCode}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var existing = new Dictionary<string, Device>(StringComparer.Ordinal);
        foreach (var chunk in items.Select(x => x.Mn).Chunk(1000))
            foreach (var d in await db.Devices.Include(d => d.Site).Where(d => chunk.Contains(d.Mn)).ToListAsync(ct)) existing[d.Mn] = d;
        // PBKDF2 runs, in parallel over the cores: is each PW the one already stored (once per distinct pair), and a new
        // hash for each distinct PW that must be stored.
        var pairs = items.Where(x => existing.ContainsKey(x.Mn)).Select(x => (existing[x.Mn].PasswordHash, x.Password)).Distinct().ToList();
        var same = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), bool>();
        await Parallel.ForEachAsync(pairs, ct, (p, _) => { same[p] = DevicePasswords.Verify(p.PasswordHash, p.Password); return ValueTask.CompletedTask; });
        var toHash = items.Where(x => !existing.TryGetValue(x.Mn, out var d) || !same[(d.PasswordHash, x.Password)])
            .Select(x => x.Password).Distinct(StringComparer.Ordinal).ToList();
        var hashes = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(toHash, ct, (pw, _) => { hashes[pw] = DevicePasswords.Hash(pw); return ValueTask.CompletedTask; });

        int created = 0, updated = 0, unchanged = 0;
        var reason = $"bulk registration of {items.Count} loggers";
        foreach (var item in items)
        {
            var site = sites[item.SiteCode];
            var enabled = item.Enabled ?? true;
            existing.TryGetValue(item.Mn, out var device);
            var passwordChanged = device is null || !same[(device.PasswordHash, item.Password)];
            if (device is not null && !passwordChanged && device.SiteId == site.Id && device.Enabled == enabled) { unchanged++; continue; }
            var before = device is null ? null : AuditSnapshots.Device(device.Mn, device.Site?.Code, device.Enabled);
            var wasEnabled = device?.Enabled;
            if (device is null) { device = db.Devices.Add(new Device(item.Mn, hashes[item.Password])).Entity; created++; }
            else
            {
                if (passwordChanged) device.PasswordHash = hashes[item.Password];
                updated++;
            }
            device.SiteId = site.Id;
            device.Enabled = enabled;
            await AuditDeviceAsync(db, http, time, item.Mn, site.Code, enabled, wasEnabled is null, wasEnabled, passwordChanged, before, reason, ct);
        }
        await tx.CommitAsync(ct);
        notices.Publish(items.Select(x => new DevicePasswordNotice(x.Mn,
            existing.TryGetValue(x.Mn, out var d) ? d.PasswordHash : hashes[x.Password], x.Password)).ToList());
        return TypedResults.Ok(new DeviceBulkResult(items.Count, created, updated, unchanged, toHash.Count));
    }

    private static void ValidateDevice(string? mn, string? password, string prefix, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(mn) || mn.Length > 64) errors[prefix + "mn"] = ["MN must be 1–64 characters"];
        else if (mn.Any(char.IsControl)) errors[prefix + "mn"] = ["MN must not contain control characters (NUL, CR, LF …): no HJ 212 logger can send them"];
        if (string.IsNullOrEmpty(password) || password.Length > 64 || password.Any(char.IsControl)) errors[prefix + "password"] = ["password (the HJ 212 PW the logger sends) must be 1–64 characters without control characters (HJ 212-2017 uses 6)"];
    }

    // One audit entry per device change; the password itself is never logged, only that it changed (docs/security.md
    // "Audit trail").
    private static Task AuditDeviceAsync(SmartEnvDbContext db, HttpContext http, TimeProvider time, string mn, string siteCode, bool enabled,
        bool created, bool? wasEnabled, bool passwordChanged, object? before, string? reason, CancellationToken ct)
    {
        var action = created ? "device.register" : wasEnabled == true && !enabled ? "device.disable"
            : wasEnabled == false && enabled ? "device.enable" : passwordChanged && before is not null ? "device.password.set" : "device.update";
        return AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), action, "device", mn, before,
            AuditSnapshots.Device(mn, siteCode, enabled, passwordChanged), reason: reason, time: time.GetUtcNow(), ct: ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDeviceAsync(string mn, SmartEnvDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var device = await db.Devices.AsNoTracking().Include(d => d.Site).SingleOrDefaultAsync(d => d.Mn == mn, ct);
        if (device is null) return ApiValidation.NotFound($"no device {mn}");
        await db.Devices.Where(d => d.Mn == mn).ExecuteDeleteAsync(ct);
        await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "device.delete", "device", mn,
            AuditSnapshots.Device(device.Mn, device.Site?.Code, device.Enabled), null, time: time.GetUtcNow(), ct: ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The 404 problem for a site code that is unknown or not visible to the caller.</summary>
    internal static ProblemHttpResult NoSite(string code) => ApiValidation.NotFound($"no site {code}");

    private static string Lower(SiteKind kind) => kind.ToString().ToLowerInvariant();

    private static async Task<bool> HasDevicesOrDataAsync(SmartEnvDbContext db, long siteId, CancellationToken ct) =>
        await db.Devices.AnyAsync(d => d.SiteId == siteId, ct) || await db.Observations.AnyAsync(o => o.SiteId == siteId, ct)
        || await db.DailyAqi.AnyAsync(o => o.SiteId == siteId, ct) || await db.HourlyAqi.AnyAsync(o => o.SiteId == siteId, ct)
        || await db.ReviewMarks.AnyAsync(r => r.SiteId == siteId, ct); // review records (数据审核) are kept with their site

    /// <summary>The site if it exists and the caller may see it: the context's <see cref="DataScope"/> already hides other
    /// enterprises' sites (an enterprise-owned site it returns is the caller's own, or the caller is staff); of the rest,
    /// public sites, or any for bureau staff.</summary>
    internal static async Task<Site?> FindVisibleAsync(SmartEnvDbContext db, HttpContext http, string code, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        return site is null || (!site.IsPublic && site.EnterpriseUscc is null && !SmartEnvPolicies.IsStaff(http.User)) ? null : site;
    }

    /// <summary>Latest hourly AQI within the plausible time range (<see cref="DataTimePlausibility.StoredRange"/>), so a row stored
    /// with an impossible time before the intake rule existed is never shown as current.</summary>
    private static async Task<HourlyAqiDto?> LatestAsync(SmartEnvDbContext db, long siteId, TimeProvider time, CancellationToken ct)
    {
        var (lo, hi) = DataTimePlausibility.StoredRange(time.GetUtcNow());
        return await db.HourlyAqi.AsNoTracking().Where(h => h.SiteId == siteId && h.HourStart >= lo && h.HourStart <= hi).OrderByDescending(h => h.HourStart)
            .Select(h => new { h.HourStart, h.Aqi, h.PrimaryPollutants, h.Complete, h.RegimeId, h.ExcludedJson, h.ReviewExcludedHours }).FirstOrDefaultAsync(ct) is { } x
            ? HourlyAqiDto.From(x.HourStart, x.Aqi, x.PrimaryPollutants, x.Complete, x.RegimeId, Evaluation.ValidityReasons.ReadHour(x.ExcludedJson), true, x.ReviewExcludedHours)
            : null;
    }

    /// <summary>The API form of a site.</summary>
    internal static SiteDto ToDto(Site s, HourlyAqiDto? latest) => new(
        s.Code, s.NameZh, s.NameEn, s.Kind, s.Longitude, s.Latitude, s.CoordinatesApproximate, s.CoordinateSource,
        s.ControlLevel, s.WaterTargetClass, s.WaterBody, s.IsPublic, s.Note, latest, s.NoiseZone, s.InDistrict, s.EnterpriseUscc);

    private static void Apply(Site site, SiteWrite b)
    {
        site.NameEn = b.NameEn;
        site.Kind = b.Kind;
        site.Longitude = b.Longitude;
        site.Latitude = b.Latitude;
        site.CoordinatesApproximate = b.CoordinatesApproximate;
        site.CoordinateSource = b.CoordinateSource;
        site.ControlLevel = b.ControlLevel;
        site.WaterTargetClass = b.WaterTargetClass;
        site.WaterBody = b.WaterBody;
        site.EnterpriseUscc = string.IsNullOrWhiteSpace(b.EnterpriseUscc) ? null : b.EnterpriseUscc.Trim();
        site.IsPublic = b.IsPublic ?? site.EnterpriseUscc is null; // an enterprise's site is a pollution source: not public
        site.InDistrict = b.InDistrict ?? true;
        site.Note = b.Note;
        site.NoiseZone = NormalizeZone(b.NoiseZone);
    }

    /// <summary>The stored form of a valid zone class: <c>0</c>…<c>3</c>, <c>4a</c>, <c>4b</c>; null stays null.</summary>
    private static string? NormalizeZone(string? zone) =>
        zone is null ? null : Gb3096.TryParseZone(zone, out var z) ? Gb3096.ZoneText(z) : throw new ArgumentException("unvalidated zone", nameof(zone));

    /// <summary><c>enterprise_uscc</c>: a valid code (GB 32100-2015) of a registered enterprise; its site is not public.</summary>
    private static async Task ValidateOwnerAsync(SiteWrite b, SmartEnvDbContext db, Dictionary<string, string[]> e, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(b.EnterpriseUscc)) return;
        var uscc = b.EnterpriseUscc.Trim();
        if (Standards.Identifiers.Uscc.Check(uscc) is { } fault) e["enterprise_uscc"] = [fault.Message];
        else if (!await db.Enterprises.AnyAsync(x => x.Uscc == uscc, ct)) e["enterprise_uscc"] = [$"no enterprise {uscc}: register it first with POST /api/enterprises"];
        else if (b.IsPublic == true) e["is_public"] = ["an enterprise's site is a pollution-source monitoring point and is not public"];
    }

    private static Dictionary<string, string[]> Validate(SiteWrite b, bool requireCode)
    {
        var e = new Dictionary<string, string[]>();
        if (requireCode && (b.Code is null || !ApiValidation.SiteCodePattern().IsMatch(b.Code.Trim())))
            e["code"] = ["code must be 1–64 characters of letters A–Z/a–z, digits, '-', '_' or '.', starting with a letter or digit (it is a URL path segment)"];
        // Only ambient sites are registered here: outlets, waste facilities, desks and construction monitors come from their
        // own modules (a number like 7 once bound to a newly added kind and created a construction site).
        if (!Enum.IsDefined(b.Kind) || (requireCode && b.Kind is not (SiteKind.Air or SiteKind.Water or SiteKind.Noise))) e["kind"] = ["kind must be air, water or noise"];
        if (b.ControlLevel is { } level && !Enum.IsDefined(level)) e["control_level"] = ["control_level must be national, municipal or district"];
        if (string.IsNullOrWhiteSpace(b.NameZh) || b.NameZh.Length > 128) e["name_zh"] = ["name_zh must be 1–128 characters"];
        if (b.Longitude is < -180 or > 180) e["longitude"] = ["longitude must be within −180…180°"];
        if (b.Latitude is < -90 or > 90) e["latitude"] = ["latitude must be within −90…90°"];
        if ((b.Longitude is null) != (b.Latitude is null)) e["latitude"] = ["give both longitude and latitude, or neither"];
        if (b.WaterTargetClass is not null && !TargetClasses.Contains(b.WaterTargetClass)) e["water_target_class"] = ["GB 3838-2002 class must be I, II, III, IV or V"];
        if (b.WaterTargetClass is not null && b.Kind != SiteKind.Water) e["water_target_class"] = ["only water sites have a target class"];
        if (b.NoiseZone is not null && !Gb3096.TryParseZone(b.NoiseZone, out _))
            e["noise_zone"] = [$"unknown GB 3096-2008 functional-zone class '{b.NoiseZone}': use 0, 1, 2, 3, 4a or 4b"];
        else if (b.NoiseZone is not null && b.Kind != SiteKind.Noise) e["noise_zone"] = ["only noise sites have a functional-zone class"];
        return e;
    }
}
