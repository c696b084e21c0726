using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212.Codes;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Monitoring;
using SmartEnv.Supervision.Permits;

namespace SmartEnv.Web.Ui;

/// <summary>The current state of an enterprise on the list and the map (one rule: <see cref="EnterpriseFileService.StateOf"/>).</summary>
public enum EnterpriseState
{
    /// <summary>Green: monitored, online, nothing open.</summary>
    Ok,
    /// <summary>Grey: no monitoring site or device, or none has sent data for <see cref="OverviewService.OfflineAfter"/>.</summary>
    Offline,
    /// <summary>Orange: an open alert that is not an exceedance (device, flags, projected crossing), renewal overdue, report overdue.</summary>
    Attention,
    /// <summary>Red: an open exceedance alert on one of its sites.</summary>
    Exceeding,
}

/// <summary>Search of the list page (<c>/enterprises?q=&amp;street=&amp;industry=&amp;category=&amp;page=</c>).</summary>
/// <param name="Q">Part of the name or of the 统一社会信用代码 (case-insensitive for the code), or null.</param>
/// <param name="Street">Part of the street/town name, or null.</param>
/// <param name="Industry">Start of the GB/T 4754 industry code (e.g. <c>26</c> or <c>2614</c>), or null.</param>
/// <param name="Category">Management category <c>key|simplified|registration</c>, or null.</param>
/// <param name="Page">Page number from 1 (<see cref="EnterpriseFileService.PageSize"/> rows a page).</param>
public sealed record EnterpriseListQuery(string? Q = null, string? Street = null, string? Industry = null, string? Category = null, int Page = 1);

/// <summary>One enterprise on the list page and the map.</summary>
/// <param name="Uscc">统一社会信用代码.</param>
/// <param name="Name">Registered name.</param>
/// <param name="Street">Street/town, or null.</param>
/// <param name="Industry">GB/T 4754 industry code, or null (not recorded).</param>
/// <param name="Category">Management category id (<c>key|simplified|registration</c>), or null.</param>
/// <param name="KeyDischarger">重点排污单位.</param>
/// <param name="Sites">Monitoring sites it owns (outlets included).</param>
/// <param name="State">Its state.</param>
/// <param name="Reasons">Why (reason ids of <see cref="EnterpriseFileService.StateOf"/>, in severity order).</param>
/// <param name="Longitude">Position (degrees east, GCJ-02): the enterprise's own, else the mean of its sites' positions; null when none.</param>
/// <param name="Latitude">Position (degrees north).</param>
public sealed record EnterpriseListRow(string Uscc, string Name, string? Street, string? Industry, string? Category, bool KeyDischarger,
    int Sites, EnterpriseState State, IReadOnlyList<string> Reasons, decimal? Longitude, decimal? Latitude);

/// <summary>The list page: one page of rows and every matching row for the map.</summary>
/// <param name="Rows">The rows of the requested page, by name.</param>
/// <param name="All">Every matching row (the map layer).</param>
/// <param name="Page">Page shown (1…<paramref name="Pages"/>).</param>
/// <param name="Pages">Number of pages (at least 1).</param>
public sealed record EnterpriseListView(IReadOnlyList<EnterpriseListRow> Rows, IReadOnlyList<EnterpriseListRow> All, int Page, int Pages);

/// <summary>A monitoring site the enterprise owns (基本信息 tab).</summary>
/// <param name="Code">Site code (an outlet's is <c>{permit number}-{outlet code}</c>).</param>
/// <param name="Name">Name (Chinese).</param>
/// <param name="Kind">Site kind.</param>
/// <param name="Devices">Loggers bound to it (MN).</param>
/// <param name="LastReceived">Latest receive time of any of its enabled loggers, or null.</param>
/// <param name="Online">Some logger sent data within <see cref="OverviewService.OfflineAfter"/>.</param>
public sealed record OwnedSiteRow(string Code, string Name, SiteKind Kind, IReadOnlyList<string> Devices, DateTimeOffset? LastReceived, bool Online);

/// <summary>One hour of a trend series.</summary>
/// <param name="Time">Start of the hour (UTC; shown in Beijing time).</param>
/// <param name="Value">Value in <see cref="TrendSeries.Unit"/>, or null (no value).</param>
/// <param name="Flag">HJ 212 data flag as stored, or null.</param>
/// <param name="Exceeds">Above the series' limit (<see cref="TrendSeries.Limit"/>), as judged where the value was judged.</param>
public sealed record TrendPoint(DateTimeOffset Time, decimal? Value, string? Flag, bool Exceeds);

/// <summary>Hourly values of one parameter at one site (在线监测 tab), with the permit limit when one is in force.</summary>
/// <param name="Key">Selection key <c>{site code}|{parameter code}</c>.</param>
/// <param name="SiteCode">Site code.</param>
/// <param name="SiteName">Site name.</param>
/// <param name="Parameter">HJ 212 code as stored (e.g. <c>a21026</c>, <c>a21026:zs</c> for the converted concentration).</param>
/// <param name="Unit">Unit as stored, or null.</param>
/// <param name="Limit">The permitted concentration (same unit), or null when no permit limit is recorded.</param>
/// <param name="Points">Hours in time order: the 7 days ending with the series' latest hour.</param>
public sealed record TrendSeries(string Key, string SiteCode, string SiteName, string Parameter, string? Unit, decimal? Limit, IReadOnlyList<TrendPoint> Points);

/// <summary>An alert of one of the enterprise's sites (超标与说明 tab).</summary>
/// <param name="Id">Alert id.</param>
/// <param name="SiteCode">Site code.</param>
/// <param name="Rule">Rule.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Status">Status.</param>
/// <param name="OpenedAt">Condition start (UTC).</param>
/// <param name="MessageZh">Message (Chinese).</param>
/// <param name="MessageEn">Message (English).</param>
public sealed record FileAlertRow(long Id, string SiteCode, AlertRule Rule, AlertSeverity Severity, AlertStatus Status, DateTimeOffset OpenedAt,
    string MessageZh, string MessageEn);

/// <summary>A permitted concentration (and annual quantity) of one pollutant at one outlet, as printed in the permit.</summary>
/// <param name="Parameter">HJ 212 code (e.g. <c>a21026</c>).</param>
/// <param name="Limit">Permitted concentration.</param>
/// <param name="Unit">Unit (mg/m³ or mg/L).</param>
/// <param name="Standard">The standard it comes from, or null.</param>
/// <param name="ReferenceO2">Reference O₂ (%) of a flue-gas limit, or null.</param>
/// <param name="AnnualQuantityT">Annual permitted quantity (t/a), or null.</param>
public sealed record LimitView(string Parameter, decimal Limit, string Unit, string? Standard, decimal? ReferenceO2, decimal? AnnualQuantityT);

/// <summary>An outlet of a permit version.</summary>
/// <param name="Code">Outlet code (DA###/DW###).</param>
/// <param name="Medium">Air or water.</param>
/// <param name="Type">主要/一般/其他.</param>
/// <param name="Name">Name, or null.</param>
/// <param name="SiteCode">Its monitoring site's code (<c>{permit number}-{outlet code}</c>), or null when the site is not visible.</param>
/// <param name="ExpectedIntervalMinutes">Expected interval of its hourly data (minutes).</param>
/// <param name="Limits">Its limits.</param>
public sealed record OutletView(string Code, OutletMediumKind Medium, OutletTypeKind Type, string? Name, string? SiteCode, int ExpectedIntervalMinutes,
    IReadOnlyList<LimitView> Limits);

/// <summary>One stored version of a permit (append-only: an earlier version stays readable).</summary>
/// <param name="Version">Version number (1, 2, …).</param>
/// <param name="Category">Management category.</param>
/// <param name="IssuedOn">Issue date.</param>
/// <param name="ValidFrom">First day of validity.</param>
/// <param name="ValidTo">Last day of validity.</param>
/// <param name="RenewalFiledOn">Day a renewal was filed, or null.</param>
/// <param name="ChangeReason">Why this version was made, or null.</param>
/// <param name="CreatedBy">Who stored it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="Outlets">Its outlets with limits.</param>
public sealed record PermitVersionView(int Version, PermitCategory Category, DateOnly IssuedOn, DateOnly ValidFrom, DateOnly ValidTo, DateOnly? RenewalFiledOn,
    string? ChangeReason, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<OutletView> Outlets);

/// <summary>A permit (or registration) with its current version, the renewal position today and every version.</summary>
/// <param name="Number">Permit number as given.</param>
/// <param name="Kind">Permit or registration.</param>
/// <param name="Current">The highest version.</param>
/// <param name="Renewal">Renewal position of the current version today (<see cref="SmartEnv.Sources.Registry.PermitRenewals"/>, the
/// registry's rule: <see cref="PermitDeadlines"/> with the lead/window days of report-rules.tsv).</param>
/// <param name="Versions">All versions, newest first.</param>
public sealed record PermitView(string Number, PermitKind Kind, PermitVersionView Current, SmartEnv.Sources.Registry.RenewalView Renewal, IReadOnlyList<PermitVersionView> Versions);

/// <summary>An execution report row (执行报告) with its status today (<see cref="ExecutionReportSchedule.Status"/>).</summary>
/// <param name="PermitNumber">Permit number.</param>
/// <param name="Kind">Annual, semiannual, quarterly or monthly.</param>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="PeriodEnd">Last day of the period.</param>
/// <param name="DueOn">Due day.</param>
/// <param name="FoldedInto">The report that carries it, or null.</param>
/// <param name="SubmittedOn">Day submitted, or null.</param>
/// <param name="Status">Status today.</param>
public sealed record ReportView(string PermitNumber, ExecutionReportKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn, string? FoldedInto,
    DateOnly? SubmittedOn, ReportStatus Status);

/// <summary>An 异常说明 filed by the enterprise (<c>source_explanations</c>), as stored; staff decide it, an accepted one marks
/// the hours it covers and never deletes them (docs/sources.md "异常说明").</summary>
/// <param name="Id">Explanation id.</param>
/// <param name="SiteCode">The outlet it covers, or null = all outlets of the enterprise.</param>
/// <param name="Reason"><c>shutdown|maintenance|fault|other</c>.</param>
/// <param name="FromHour">First hour covered (hour start, UTC).</param>
/// <param name="ToHour">Last hour covered (hour start, inclusive).</param>
/// <param name="Text">The enterprise's text.</param>
/// <param name="AttachmentName">Attachment file name, or null.</param>
/// <param name="State"><c>submitted|accepted|rejected|withdrawn</c>.</param>
/// <param name="SubmittedBy">Who filed it.</param>
/// <param name="SubmittedAt">When (UTC).</param>
/// <param name="DecidedBy">Who decided, or null.</param>
/// <param name="DecidedAt">When, or null.</param>
/// <param name="DecisionNote">Decision note, or null.</param>
public sealed record ExplanationView(long Id, string? SiteCode, string Reason, DateTimeOffset FromHour, DateTimeOffset ToHour, string Text, string? AttachmentName,
    string State, string SubmittedBy, DateTimeOffset SubmittedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

/// <summary>An hour of an outlet judged above its permit limit (<c>source_exceedances</c>).</summary>
/// <param name="SiteCode">Outlet site code.</param>
/// <param name="Parameter">HJ 212 code.</param>
/// <param name="HourStart">Start of the hour (UTC).</param>
/// <param name="Value">Value judged.</param>
/// <param name="Limit">Limit in force.</param>
/// <param name="Multiple">超标倍数 as shown: 2 decimals, GB/T 8170 half-even (<see cref="Exceedance.Display"/>).</param>
/// <param name="Basis">Which value was judged (ZsAvg, converted, measured).</param>
/// <param name="Explained">An accepted explanation covers the hour (已说明).</param>
public sealed record ExceedanceView(string SiteCode, string Parameter, DateTimeOffset HourStart, decimal Value, decimal Limit, decimal Multiple,
    SourceHourBasis Basis, bool Explained);

/// <summary>有效传输率 of an outlet for a day or a month (month = Σ day counts, <see cref="TransmissionRates.Of"/>).</summary>
/// <param name="SiteCode">Outlet site code.</param>
/// <param name="Period"><c>yyyy-MM-dd</c> or <c>yyyy-MM</c>.</param>
/// <param name="Expected">Expected hours.</param>
/// <param name="Received">Received hours.</param>
/// <param name="Valid">Valid hours.</param>
/// <param name="Excused">Hours excused by an accepted shutdown explanation.</param>
/// <param name="Transmission">传输率 in % (2 decimals), or null.</param>
/// <param name="Effectiveness">有效率 in % (2 decimals), or null.</param>
/// <param name="Effective">有效传输率 in % (2 decimals), or null.</param>
public sealed record RateView(string SiteCode, string Period, int Expected, int Received, int Valid, int Excused, decimal? Transmission, decimal? Effectiveness, decimal? Effective);

/// <summary>Emitted quantity of one pollutant at one outlet in one month (Σ stored day totals).</summary>
/// <param name="SiteCode">Outlet site code.</param>
/// <param name="Parameter">HJ 212 code.</param>
/// <param name="Month"><c>yyyy-MM</c>.</param>
/// <param name="Kg">Quantity (kg).</param>
/// <param name="Days">Days with a stored total.</param>
public sealed record TotalView(string SiteCode, string Parameter, string Month, decimal Kg, int Days);

/// <summary>The latest stored check of the annual permitted quantity (any 12 consecutive months; run-rate projection).</summary>
/// <param name="SiteCode">Outlet site code.</param>
/// <param name="Parameter">HJ 212 code.</param>
/// <param name="AsOf">Day of the check.</param>
/// <param name="WindowStart">First day of the 12-month window.</param>
/// <param name="WindowEnd">Last day of the window.</param>
/// <param name="ActualKg">Emitted in the window so far (kg).</param>
/// <param name="AnnualKg">Permitted quantity (kg).</param>
/// <param name="RunRate">Run rate (kg/day).</param>
/// <param name="ProjectedKg">Projected at the window's end (kg).</param>
/// <param name="CrossingDate">First day the projection exceeds the permitted quantity, or null.</param>
public sealed record QuantityView(string SiteCode, string Parameter, DateOnly AsOf, DateOnly WindowStart, DateOnly WindowEnd, decimal ActualKg, decimal AnnualKg,
    decimal RunRate, decimal ProjectedKg, DateOnly? CrossingDate);

/// <summary>Everything the bureau knows about one enterprise (the 一企一档 page), read through the caller's scoped context.</summary>
/// <param name="Enterprise">The enterprise row.</param>
/// <param name="State">Its state (as on the list).</param>
/// <param name="Reasons">Reason ids of the state.</param>
/// <param name="Sites">Its monitoring sites.</param>
/// <param name="Trend">Hourly series of its sites (在线监测).</param>
/// <param name="Alerts">Alerts of its sites, newest first (at most 200).</param>
/// <param name="Slots">Slot tabs (<see cref="EnterpriseFileSlots.Keys"/>) → their content, or null = 尚未接入.</param>
/// <param name="Permits">Its permits and registrations, by number.</param>
/// <param name="Reports">Its execution reports, by due day.</param>
/// <param name="Explanations">Its 异常说明, newest first (at most 200).</param>
/// <param name="Exceedances">Exceedance hours of its outlets, newest first (at most 500).</param>
/// <param name="Rates">有效传输率 per outlet: months (newest first, 12 at most) then the last 7 stored days.</param>
/// <param name="Totals">Monthly quantities per outlet and pollutant, newest first (24 months at most).</param>
/// <param name="Quantities">The latest quantity check per outlet and pollutant.</param>
public sealed record EnterpriseFileView(Enterprise Enterprise, EnterpriseState State, IReadOnlyList<string> Reasons, IReadOnlyList<OwnedSiteRow> Sites,
    IReadOnlyList<TrendSeries> Trend, IReadOnlyList<FileAlertRow> Alerts, IReadOnlyDictionary<string, EnterpriseSlotView?> Slots,
    IReadOnlyList<PermitView> Permits, IReadOnlyList<ReportView> Reports, IReadOnlyList<ExplanationView> Explanations, IReadOnlyList<ExceedanceView> Exceedances, IReadOnlyList<RateView> Rates,
    IReadOnlyList<TotalView> Totals, IReadOnlyList<QuantityView> Quantities);

/// <summary>
/// View model of the 一企一档 pages (docs/ui.md, docs/sources.md "一企一档 pages"): the searchable list with each enterprise's
/// state, and one enterprise's file. Everything is read through the caller's scoped <see cref="SmartEnvDbContext"/>, so
/// an enterprise user sees only its own enterprise (another's file is null = 「未找到」, as the API's 404). Each tab shows
/// stored rows or says that there are none; the slot tabs of later modules say 「尚未接入」 until a module registers an
/// <see cref="IEnterpriseFileSlot"/>. Scoped; not thread-safe (one circuit's context).
/// </summary>
/// <param name="db">The caller's scoped context.</param>
/// <param name="slots">Registered slot modules.</param>
/// <param name="time">Clock (online/offline).</param>
public sealed class EnterpriseFileService(SmartEnvDbContext db, IEnumerable<IEnterpriseFileSlot> slots, TimeProvider time)
{
    /// <summary>Rows a list page (50, docs/plans/issue-16.md §2.4).</summary>
    public const int PageSize = 50;

    /// <summary>Days of a trend window (ending with the series' latest hour).</summary>
    public const int TrendDays = 7;

    /// <summary>Alert rules that count as an exceedance (red).</summary>
    public static IReadOnlySet<AlertRule> ExceedanceRules { get; } = new HashSet<AlertRule> { AlertRule.AirAqiExceeded, AlertRule.WaterClassExceeded, AlertRule.SourceLimitExceeded };

    /// <summary>
    /// The state of an enterprise, one rule (SmartEnv rule, plan §2.4 colours): red <see cref="EnterpriseState.Exceeding"/>
    /// when an exceedance alert (<see cref="ExceedanceRules"/>) of one of its sites is not closed; else orange
    /// <see cref="EnterpriseState.Attention"/> for any other open alert or an overdue duty; else grey
    /// <see cref="EnterpriseState.Offline"/> when it has no logger or none sent data within
    /// <see cref="OverviewService.OfflineAfter"/> (the 设备离线 alert's threshold); else green.
    /// </summary>
    /// <param name="reasons">Reason ids: <c>exceedance</c>, <c>alert</c>, <c>renewal</c>, <c>expired</c>, <c>report</c>, <c>projection</c>,
    /// <c>offline</c>, <c>unmonitored</c>.</param>
    public static EnterpriseState StateOf(IReadOnlyCollection<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (reasons.Contains("exceedance")) return EnterpriseState.Exceeding;
        if (reasons.Any(r => r is "alert" or "renewal" or "expired" or "report" or "projection")) return EnterpriseState.Attention;
        if (reasons.Any(r => r is "offline" or "unmonitored")) return EnterpriseState.Offline;
        return EnterpriseState.Ok;
    }

    /// <summary>The list page for a search.</summary>
    /// <param name="q">Search.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EnterpriseListView> ListAsync(EnterpriseListQuery q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        var query = db.Enterprises.AsNoTracking();
        if (Trim(q.Q) is { } text)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(e => e.Name.Contains(text) || e.Uscc.Contains(upper));
        }
        if (Trim(q.Street) is { } street) query = query.Where(e => e.Street != null && e.Street.Contains(street));
        if (Trim(q.Industry) is { } industry) query = query.Where(e => e.IndustryCode != null && e.IndustryCode.StartsWith(industry));
        if (CategoryOf(q.Category) is { } category) query = query.Where(e => e.ManagementCategory == category);
        var enterprises = await query.OrderBy(e => e.Name).ThenBy(e => e.Uscc).ToListAsync(ct);
        var rows = await RowsAsync(enterprises, ct);
        var pages = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(q.Page, 1, pages);
        return new EnterpriseListView(rows.Skip((page - 1) * PageSize).Take(PageSize).ToList(), rows, page, pages);
    }

    /// <summary>One enterprise's file through the page's scoped context; null when the caller cannot see it (or it does not exist).</summary>
    /// <param name="uscc">统一社会信用代码.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EnterpriseFileView?> FileAsync(string uscc, CancellationToken ct = default) => FileAsync(db, uscc, slots, time, ct);

    /// <summary>One enterprise's file read through <paramref name="scopedDb"/> (plan §3.2); null = not visible to that
    /// context's scope, or no such enterprise (the page says 「未找到」 and shows nothing of it).</summary>
    /// <param name="scopedDb">A context with the caller's <see cref="DataScope"/>.</param>
    /// <param name="uscc">统一社会信用代码 (trimmed, upper-cased).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<EnterpriseFileView?> FileAsync(SmartEnvDbContext scopedDb, string uscc, CancellationToken ct = default) =>
        FileAsync(scopedDb, uscc, [], TimeProvider.System, ct);

    private static async Task<EnterpriseFileView?> FileAsync(SmartEnvDbContext db, string uscc, IEnumerable<IEnterpriseFileSlot> slots, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = (uscc ?? "").Trim().ToUpperInvariant();
        var e = await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(x => x.Uscc == code, ct);
        if (e is null) return null;
        var now = time.GetUtcNow();
        var today = BeijingTime.Today(now);
        var sites = await db.Sites.AsNoTracking().Where(s => s.EnterpriseUscc == code).OrderBy(s => s.Code).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => ids.Contains(d.SiteId)).OrderBy(d => d.Mn).ToListAsync(ct);
        var owned = sites.Select(s =>
        {
            var mine = devices.Where(d => d.SiteId == s.Id).ToList();
            var last = mine.Where(d => d.Enabled).Max(d => d.LastDataReceivedAt);
            return new OwnedSiteRow(s.Code, s.NameZh, s.Kind, mine.Select(d => d.Mn).ToList(), last, last is { } l && now - l <= OverviewService.OfflineAfter);
        }).ToList();
        var alerts = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.SiteId)).OrderByDescending(a => a.OpenedAt).Take(200).ToListAsync(ct);
        var codeOf = sites.ToDictionary(s => s.Id, s => s.Code);
        var alertRows = alerts.Select(a => new FileAlertRow(a.Id, codeOf[a.SiteId], a.Rule, a.Severity, a.Status, a.OpenedAt, a.MessageZh, a.MessageEn)).ToList();
        var permits = await PermitsAsync(db, [code], codeOf, today, ct);
        var reports = await ReportsAsync(db, [code], today, ct);
        var reasons = Reasons(owned.Select(o => (o.Devices.Count > 0, o.Online)).ToList(), alerts.Where(a => a.Status != AlertStatus.Closed).Select(a => a.Rule),
            Duties(permits, reports));
        var judged = await db.SourceHours.AsNoTracking().Where(h => ids.Contains(h.SiteId) && h.Exceeds).Select(h => new { h.SiteId, h.ParameterCode, h.HourStart }).ToListAsync(ct);
        var exceeding = judged.Select(h => (codeOf[h.SiteId], h.ParameterCode, h.HourStart)).ToHashSet();
        var trend = await TrendAsync(db, sites, permits, exceeding, ct);
        var exceedances = (await db.SourceExceedances.AsNoTracking().Where(x => ids.Contains(x.SiteId)).OrderByDescending(x => x.HourStart).Take(500).ToListAsync(ct))
            .Select(x => new ExceedanceView(codeOf[x.SiteId], x.ParameterCode, x.HourStart, x.Value, x.Limit, Exceedance.Display(x.Multiple), x.Basis, x.ExplanationId is not null)).ToList();
        var rates = RatesOf(await db.SourceDayRates.AsNoTracking().Where(x => ids.Contains(x.SiteId)).ToListAsync(ct), codeOf);
        var totals = (await db.SourceDayTotals.AsNoTracking().Where(x => ids.Contains(x.SiteId)).ToListAsync(ct))
            .GroupBy(x => (x.SiteId, x.ParameterCode, Month: x.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            .OrderByDescending(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => codeOf[g.Key.SiteId], StringComparer.Ordinal).ThenBy(g => g.Key.ParameterCode, StringComparer.Ordinal)
            .Take(24 * Math.Max(1, sites.Count)).Select(g => new TotalView(codeOf[g.Key.SiteId], g.Key.ParameterCode, g.Key.Month, g.Sum(x => x.Kg), g.Count())).ToList();
        var quantities = (await db.SourceQuantityChecks.AsNoTracking().Where(x => ids.Contains(x.SiteId)).ToListAsync(ct))
            .GroupBy(x => (x.SiteId, x.ParameterCode)).Select(g => g.MaxBy(x => x.AsOf)!)
            .OrderBy(x => codeOf[x.SiteId], StringComparer.Ordinal).ThenBy(x => x.ParameterCode, StringComparer.Ordinal)
            .Select(x => new QuantityView(codeOf[x.SiteId], x.ParameterCode, x.AsOf, x.WindowStart, x.WindowEnd, x.ActualKg, x.AnnualKg, x.RunRate, x.ProjectedKg, x.CrossingDate)).ToList();
        if (quantities.Any(q => q.CrossingDate is not null) && !reasons.Contains("projection")) reasons.Insert(reasons.Contains("exceedance") ? 1 : 0, "projection");
        var slotViews = new Dictionary<string, EnterpriseSlotView?>(StringComparer.Ordinal);
        var byKey = slots.GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var key in EnterpriseFileSlots.Keys)
            slotViews[key] = byKey.TryGetValue(key, out var slot) ? await slot.LoadAsync(db, code, ct) : null;
        var explanations = (await db.SourceExplanations.AsNoTracking().Where(x => x.Uscc == code).OrderByDescending(x => x.SubmittedAt).Take(200).ToListAsync(ct))
            .Select(x => new ExplanationView(x.Id, x.SiteId is { } sid && codeOf.TryGetValue(sid, out var sc) ? sc : null, x.Reason, x.FromHour, x.ToHour, x.Text,
                x.AttachmentName, x.State, x.SubmittedBy, x.SubmittedAt, x.DecidedBy, x.DecidedAt, x.DecisionNote)).ToList();
        return new EnterpriseFileView(e, StateOf(reasons), reasons, owned, trend, alertRows, slotViews,
            permits.Select(p => p.View).ToList(), reports.Select(r => r.View).ToList(), explanations, exceedances, rates, totals, quantities);
    }

    /// <summary>Month rows (Σ day counts, never a mean of ratios) then the last 7 day rows of each outlet, rates in % to 2
    /// decimals (<see cref="TransmissionRates.Of"/>, <see cref="TransmissionRates.Percent"/>, rules of <see cref="SourceRuleFile.Default"/>).</summary>
    private static List<RateView> RatesOf(List<SmartEnv.Storage.Entities.Sources.SourceDayRate> days, IReadOnlyDictionary<long, string> codeOf)
    {
        var rules = SourceRuleFile.Default;
        RateView Of(long site, string period, IReadOnlyCollection<SmartEnv.Storage.Entities.Sources.SourceDayRate> g)
        {
            var counts = new RateCounts(g.Sum(x => x.Expected), g.Sum(x => x.Received), g.Sum(x => x.Valid));
            var r = TransmissionRates.Of(counts, rules);
            static decimal? Pct(decimal? v) => v is { } d ? TransmissionRates.Percent(d) : null;
            return new RateView(codeOf[site], period, counts.Expected, counts.Received, counts.Valid, g.Sum(x => x.Excused), Pct(r.Transmission), Pct(r.Effectiveness), Pct(r.Effective));
        }
        var list = new List<RateView>();
        foreach (var site in days.GroupBy(d => d.SiteId).OrderBy(g => codeOf[g.Key], StringComparer.Ordinal))
        {
            list.AddRange(site.GroupBy(d => d.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).OrderByDescending(g => g.Key, StringComparer.Ordinal)
                .Take(12).Select(g => Of(site.Key, g.Key, g.ToList())));
            list.AddRange(site.OrderByDescending(d => d.Day).Take(7).Select(d => Of(site.Key, Display.Date(d.Day), [d])));
        }
        return list;
    }

    /// <summary>The permits of <paramref name="usccs"/> visible to the context, each with every version, its outlets and
    /// limits, and the current version's renewal position on <paramref name="today"/> (the registry's
    /// <see cref="SmartEnv.Sources.Registry.PermitRenewals.Of"/>).</summary>
    private static async Task<List<(string Uscc, PermitView View)>> PermitsAsync(SmartEnvDbContext db, IReadOnlyCollection<string> usccs,
        IReadOnlyDictionary<long, string> siteCodes, DateOnly today, CancellationToken ct)
    {
        var permits = await db.Permits.AsNoTracking().Where(p => usccs.Contains(p.Uscc))
            .Include(p => p.Versions).ThenInclude(v => v.Outlets).ThenInclude(o => o.Limits)
            .AsSplitQuery().OrderBy(p => p.Number).ToListAsync(ct);
        var list = new List<(string, PermitView)>();
        foreach (var p in permits)
        {
            var versions = p.Versions.OrderByDescending(v => v.Version).Select(v => new PermitVersionView(v.Version, v.Category, v.IssuedOn, v.ValidFrom,
                v.ValidTo, v.RenewalFiledOn, v.ChangeReason, v.CreatedBy, v.CreatedAt,
                v.Outlets.OrderBy(o => o.Code, StringComparer.Ordinal).Select(o => new OutletView(o.Code, o.Medium, o.Type, o.Name,
                    siteCodes.TryGetValue(o.SiteId, out var sc) ? sc : null, o.ExpectedIntervalMinutes,
                    o.Limits.OrderBy(l => l.ParameterCode, StringComparer.Ordinal)
                        .Select(l => new LimitView(l.ParameterCode, l.LimitValue, l.Unit, l.StandardRef, l.ReferenceO2, l.AnnualQuantityT)).ToList())).ToList())).ToList();
            if (versions.Count == 0) continue;
            var renewal = SmartEnv.Sources.Registry.PermitRenewals.Of(p.Kind, p.Versions.MaxBy(v => v.Version)!, today);
            list.Add((p.Uscc, new PermitView(p.Number, p.Kind, versions[0], renewal, versions)));
        }
        return list;
    }

    /// <summary>The execution reports of <paramref name="usccs"/>' permits with their status on <paramref name="today"/>
    /// (<see cref="ExecutionReportSchedule.Status"/>), by due day.</summary>
    private static async Task<List<(string Uscc, ReportView View)>> ReportsAsync(SmartEnvDbContext db, IReadOnlyCollection<string> usccs, DateOnly today, CancellationToken ct)
    {
        var rows = await (from r in db.ExecutionReports.AsNoTracking()
                          join p in db.Permits.AsNoTracking() on r.PermitId equals p.Id
                          where usccs.Contains(p.Uscc)
                          select new { p.Uscc, p.Number, r }).ToListAsync(ct);
        return rows.OrderBy(x => x.r.DueOn).ThenBy(x => x.Number, StringComparer.Ordinal).ThenBy(x => x.r.PeriodStart)
            .Select(x => (x.Uscc, new ReportView(x.Number, x.r.Kind, x.r.PeriodStart, x.r.PeriodEnd, x.r.DueOn, x.r.FoldedInto, x.r.SubmittedOn,
                ExecutionReportSchedule.Status(x.r.DueOn, x.r.SubmittedOn, x.r.FoldedInto, today)))).ToList();
    }

    /// <summary>Duty reasons: <c>renewal</c> (a current version's renewal overdue), <c>expired</c> (validity ended),
    /// <c>report</c> (an execution report overdue).</summary>
    private static List<string> Duties(IEnumerable<(string Uscc, PermitView View)> permits, IEnumerable<(string Uscc, ReportView View)> reports)
    {
        var list = new List<string>();
        var ps = permits.Select(p => p.View.Renewal.Status).ToList();
        if (ps.Contains("overdue")) list.Add("renewal");
        if (ps.Contains("expired")) list.Add("expired");
        if (reports.Any(r => r.View.Status == ReportStatus.Overdue)) list.Add("report");
        return list;
    }

    /// <summary>The limit drawn on a series: the current version's limit of the site's outlet for the series' base code —
    /// on the converted (<c>:zs</c>) series when the limit is on a reference O₂, else on the measured series; never on a
    /// quantity (<c>:cou</c>) series (SmartEnv rule: the line is drawn only where the value is comparable with it).</summary>
    private static decimal? LimitFor(string siteCode, string parameter, IEnumerable<(string Uscc, PermitView View)> permits)
    {
        var parts = parameter.Split(':', 2);
        var suffix = parts.Length == 2 ? parts[1] : "";
        var limit = permits.SelectMany(p => p.View.Current.Outlets).Where(o => o.SiteCode == siteCode)
            .SelectMany(o => o.Limits).FirstOrDefault(l => l.Parameter == parts[0]);
        if (limit is null) return null;
        return (limit.ReferenceO2 is not null ? suffix == "zs" : suffix.Length == 0) ? limit.Limit : null;
    }

    /// <summary>Hourly series of the sites' stored hour values, each the <see cref="TrendDays"/> days ending with its latest hour.</summary>
    private static async Task<List<TrendSeries>> TrendAsync(SmartEnvDbContext db, List<Site> sites, List<(string Uscc, PermitView View)> permits,
        IReadOnlySet<(string Site, string Parameter, DateTimeOffset Hour)> exceeding, CancellationToken ct)
    {
        var list = new List<TrendSeries>();
        foreach (var s in sites)
        {
            var latest = await db.Observations.AsNoTracking().Where(o => o.SiteId == s.Id && o.Period == PeriodType.Hour)
                .MaxAsync(o => (DateTimeOffset?)o.DataTime, ct);
            if (latest is not { } end) continue;
            var from = end.AddDays(-TrendDays);
            var rows = await db.Observations.AsNoTracking()
                .Where(o => o.SiteId == s.Id && o.Period == PeriodType.Hour && o.DataTime > from && o.DataTime <= end)
                .Select(o => new { o.ParameterCode, o.DataTime, o.Value, o.Flag, o.Unit }).ToListAsync(ct);
            foreach (var g in rows.GroupBy(r => r.ParameterCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var limit = LimitFor(s.Code, g.Key, permits);
                var baseCode = g.Key.Split(':', 2)[0];
                // Red points: hours the permit evaluation judged above the limit (source_hours), on the series that carries the limit.
                var points = g.OrderBy(r => r.DataTime).Select(r => new TrendPoint(r.DataTime, r.Value, r.Flag,
                    limit is not null && exceeding.Contains((s.Code, baseCode, r.DataTime)))).ToList();
                list.Add(new TrendSeries($"{s.Code}|{g.Key}", s.Code, s.NameZh, g.Key, g.Select(r => r.Unit).FirstOrDefault(u => u is not null), limit, points));
            }
        }
        return list;
    }

    /// <summary>Reason ids of <see cref="StateOf"/> from the sites' logger state, the open alerts' rules and the duty reasons.</summary>
    private static List<string> Reasons(IReadOnlyList<(bool HasDevice, bool Online)> sites, IEnumerable<AlertRule> openRules, IEnumerable<string> duties)
    {
        var rules = openRules.ToList();
        var reasons = new List<string>();
        if (rules.Any(ExceedanceRules.Contains)) reasons.Add("exceedance");
        if (rules.Contains(AlertRule.EmissionQuantityProjected)) reasons.Add("projection");
        if (rules.Any(r => !ExceedanceRules.Contains(r) && r != AlertRule.EmissionQuantityProjected)) reasons.Add("alert");
        reasons.AddRange(duties);
        if (!sites.Any(s => s.HasDevice)) reasons.Add("unmonitored");
        else if (!sites.Any(s => s.Online)) reasons.Add("offline");
        return reasons;
    }

    /// <summary>List rows with state and position, in the order of <paramref name="enterprises"/>.</summary>
    private async Task<List<EnterpriseListRow>> RowsAsync(List<Enterprise> enterprises, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = BeijingTime.Today(now);
        var sites = await db.Sites.AsNoTracking().Where(s => s.EnterpriseUscc != null)
            .Select(s => new { s.Id, s.Code, s.EnterpriseUscc, s.Longitude, s.Latitude }).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var received = await db.Devices.AsNoTracking().Where(d => ids.Contains(d.SiteId))
            .Select(d => new { d.SiteId, d.Enabled, d.LastDataReceivedAt }).ToListAsync(ct);
        var open = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.SiteId) && a.Status != AlertStatus.Closed)
            .Select(a => new { a.SiteId, a.Rule }).ToListAsync(ct);
        var usccs = enterprises.Select(e => e.Uscc).ToList();
        var permits = await PermitsAsync(db, usccs, sites.ToDictionary(s => s.Id, s => s.Code), today, ct);
        var reports = await ReportsAsync(db, usccs, today, ct);
        var crossing = (await db.SourceQuantityChecks.AsNoTracking().Where(x => ids.Contains(x.SiteId))
            .Select(x => new { x.SiteId, x.ParameterCode, x.AsOf, x.CrossingDate }).ToListAsync(ct))
            .GroupBy(x => (x.SiteId, x.ParameterCode)).Select(g => g.MaxBy(x => x.AsOf)!).Where(x => x.CrossingDate is not null).Select(x => x.SiteId).ToHashSet();
        var bySite = sites.GroupBy(s => s.EnterpriseUscc!).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<EnterpriseListRow>(enterprises.Count);
        foreach (var e in enterprises)
        {
            var mine = bySite.TryGetValue(e.Uscc, out var l) ? l : [];
            var state = mine.Select(s =>
            {
                var ds = received.Where(d => d.SiteId == s.Id).ToList();
                var last = ds.Where(d => d.Enabled).Max(d => d.LastDataReceivedAt);
                return (ds.Count > 0, last is { } t && now - t <= OverviewService.OfflineAfter);
            }).ToList();
            var mineIds = mine.Select(s => s.Id).ToHashSet();
            var reasons = Reasons(state, open.Where(a => mineIds.Contains(a.SiteId)).Select(a => a.Rule),
                Duties(permits.Where(p => p.Uscc == e.Uscc), reports.Where(r => r.Uscc == e.Uscc)));
            if (mineIds.Overlaps(crossing) && !reasons.Contains("projection")) reasons.Insert(reasons.Contains("exceedance") ? 1 : 0, "projection");
            var placed = mine.Where(s => s.Longitude is not null && s.Latitude is not null).ToList();
            var (lon, lat) = e.Longitude is not null && e.Latitude is not null ? (e.Longitude, e.Latitude)
                : placed.Count == 0 ? ((decimal?)null, (decimal?)null) : (placed.Average(s => s.Longitude!.Value), placed.Average(s => s.Latitude!.Value));
            rows.Add(new EnterpriseListRow(e.Uscc, e.Name, e.Street, e.IndustryCode, e.ManagementCategory is { } c ? CategoryKey(c) : null, e.IsKeyDischarger,
                mine.Count, StateOf(reasons), reasons, lon, lat));
        }
        return rows;
    }

    /// <summary>The id of a management category: <c>key</c>, <c>simplified</c>, <c>registration</c> (as stored).</summary>
    /// <param name="c">Category.</param>
    public static string CategoryKey(PermitCategory c) => c switch
    {
        PermitCategory.Key => "key",
        PermitCategory.Simplified => "simplified",
        _ => "registration",
    };

    private static PermitCategory? CategoryOf(string? key) => key switch
    {
        "key" => PermitCategory.Key,
        "simplified" => PermitCategory.Simplified,
        "registration" => PermitCategory.Registration,
        _ => null,
    };

    /// <summary>The name of an HJ 212 code as stored (a <c>:zs</c>/<c>:cou</c> suffix names the converted concentration /
    /// the emitted quantity), in the current language: e.g. 二氧化硫（折算）; the code itself when unknown.</summary>
    /// <param name="parameter">Stored parameter code.</param>
    public static string ParameterName(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var parts = parameter.Split(':', 2);
        var name = Hj212CodeRegistry.Find(parts[0]) is { } f ? (SmartEnvUi.IsChinese ? f.NameZh : f.NameEn) : parts[0];
        return parts.Length == 2 ? name + Texts.Enterprises.Suffix(parts[1]) : name;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
