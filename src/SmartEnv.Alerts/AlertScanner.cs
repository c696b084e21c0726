using SmartEnv.Standards.Common;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Evaluation;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Medical;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Ledger;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Inspections.Draw;
using SmartEnv.Storage.Audit;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Alerts;

/// <summary>Alerting settings (docs/alerts.md).</summary>
public sealed record AlertOptions
{
    /// <summary>Only hours/samples that ended within this span before now raise or extend alerts (default 24 h), so
    /// imported history never floods the list.</summary>
    public TimeSpan LiveWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The one offline threshold of SmartEnv, read by the 设备离线 alert (<see cref="OfflineAfter"/>) and by the overview's
    /// online/offline mark: 3 h, an hourly CN 2061 upload plus two missed hours. HJ 212-2017 sets no such threshold
    /// (its §6.6 upload intervals are configured per device); this is SmartEnv's choice (docs/alerts.md).
    /// </summary>
    public static readonly TimeSpan DefaultOfflineAfter = TimeSpan.FromHours(3);

    /// <summary>A reporting site is offline when its latest data (the later of data end and receive time, see
    /// <see cref="Device.LastDataReceivedAt"/>) is more than this before now (default <see cref="DefaultOfflineAfter"/>, 3 h).</summary>
    public TimeSpan OfflineAfter { get; init; } = DefaultOfflineAfter;

    /// <summary>How often <c>smartenv serve</c> runs <see cref="AlertScanner.ScanAsync"/> (default 1 min).</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Ascending 超标倍数 thresholds of rule 6's severities (minor below the first, moderate below the second, major
    /// from it): the rule file's <c>alert.severity_multiple</c> (0.5, 1.0; a platform choice, issue 16 plan §2.3).</summary>
    public IReadOnlyList<decimal> SourceSeverityMultiples { get; init; } = [0.5m, 1.0m];

    /// <summary>GB 3838-2002 items a water sample is classified over: the automatic stations' five (the water page's set).</summary>
    public IReadOnlyList<WaterItem> WaterItemSet { get; init; } = WaterItemSets.Auto5;

    /// <summary>Rule 11: longest a medical-waste handover may stay in a 暂存间 (default 48 h, 《医疗废物管理条例》 Art. 17;
    /// <see cref="MedicalStorageRules"/>; the waste rule file's <c>medical.storage_max_hours</c>).</summary>
    public TimeSpan MedicalStorageMax { get; init; } = MedicalStorageRules.MaxStorage(SmartEnv.Supervision.Waste.WasteRules.Default);

    /// <summary>Rule 12: longest interval without a collection while waste is held (default 48 h, 条例 Art. 25; the rule
    /// file's <c>medical.collection_max_hours</c>).</summary>
    public TimeSpan MedicalCollectionMax { get; init; } = MedicalStorageRules.MaxCollectionInterval(SmartEnv.Supervision.Waste.WasteRules.Default);

    /// <summary>Rule 8: the working-day calendar on which provisional manifest due days are counted again at the start of a
    /// full scan (<see cref="ManifestService.RecomputeProvisionalDuesAsync"/>); default <see cref="WorkdayCalendar.China"/>
    /// (tests pass a calendar with a made-up later notice).</summary>
    public WorkdayCalendar Calendar { get; init; } = WorkdayCalendar.China;
}

/// <summary>Counts of one scan.</summary>
/// <param name="Opened">Alerts created.</param>
/// <param name="Updated">Existing alerts changed (last seen, peak, condition ended).</param>
public sealed record AlertScanResult(int Opened, int Updated);

/// <summary>
/// Evaluates the alert rules against the store and writes the episodes (<see cref="AlertEpisodes.Apply"/>):
/// 1 空气超标 from stored hourly AQI rows ending within <see cref="AlertOptions.LiveWindow"/>; 2 设备离线 for sites with an
/// enabled registered device that has reported at least once, judged by the later of data end and receive time and
/// naming only the devices that reported; 3 水质超标 from stored water samples within the live window
/// classified by <see cref="WaterClassifier"/>; 4 数据标记 from the flags of committed values (<see cref="ObserveFlags"/>); 5 设备口令错误 from the gateway's PW locks (<see cref="ObservePasswordLock"/>). Idempotent: a second scan at the same time changes nothing. Thread-safe
/// (scans are serialised).
/// </summary>
/// <param name="store">The store.</param>
/// <param name="options">Settings.</param>
/// <param name="time">Clock (tests pass their own to move time).</param>
public sealed class AlertScanner(SmartEnvStore store, AlertOptions options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentQueue<(long Site, AlertPoint Point)> _flagPoints = new();

    /// <summary>
    /// Rule 4 input: the values a batch committed to the store (the gateway's <c>Committed</c> callback), grouped per site,
    /// MN and period into <see cref="AlertEpisodes.Flags"/> points that the next <see cref="ScanAsync"/> applies. Kept in
    /// memory until then (a restart loses points not yet scanned; the next packet of the device brings the state back).
    /// Thread-safe.
    /// </summary>
    /// <param name="observations">Committed values.</param>
    public void ObserveFlags(IEnumerable<ObservationInput> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var g in observations.GroupBy(o => (o.SiteId, o.Mn, o.DataTime, o.Period)))
            _flagPoints.Enqueue((g.Key.SiteId, AlertEpisodes.Flags(g.Key.DataTime, DataEnd(g.Key.DataTime, g.Key.Period), g.Select(o => (o.ParameterCode, o.Flag)))));
    }

    /// <summary>
    /// Rule 5 input (设备口令错误): the gateway locked <paramref name="mn"/> after repeated wrong PWs
    /// (<paramref name="locked"/> true), or the locked MN sent its correct PW again (false, which ends the episode). Kept
    /// in memory until the next <see cref="ScanAsync"/> applies it, like rule 4. Thread-safe.
    /// </summary>
    /// <param name="siteId">Site of the device.</param>
    /// <param name="mn">The MN (the alert's detail).</param>
    /// <param name="since">First counted wrong PW (UTC).</param>
    /// <param name="at">The lock or the recovery (UTC).</param>
    /// <param name="failures">Wrong PWs counted.</param>
    /// <param name="locked">True for a lock, false for the recovery.</param>
    public void ObservePasswordLock(long siteId, string mn, DateTimeOffset since, DateTimeOffset at, int failures, bool locked) =>
        _lockPoints.Enqueue((siteId, AlertEpisodes.PasswordFailures(since, at, failures, mn, locked)));

    private readonly System.Collections.Concurrent.ConcurrentQueue<(long Site, AlertPoint Point)> _lockPoints = new();

    /// <summary>Settings in use.</summary>
    public AlertOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Runs all rules once at the clock's current time.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<AlertScanResult> ScanAsync(CancellationToken ct = default) => ScanGatedAsync(storeRules: true, ct);

    /// <summary>Applies only the points this process observed (rules 4 and 5, <see cref="ObserveFlags"/>,
    /// <see cref="ObservePasswordLock"/>): what an instance that does not lead the cluster's alert scans does
    /// (docs/operations.md "Running several instances (scaleout)"); the leader's <see cref="ScanAsync(CancellationToken)"/> runs
    /// rules 1–3 over the store for all instances.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<AlertScanResult> ScanObservedAsync(CancellationToken ct = default) => ScanGatedAsync(storeRules: false, ct);

    /// <summary>Whether points observed by this process wait for the next scan.</summary>
    public bool HasObserved => !_flagPoints.IsEmpty || !_lockPoints.IsEmpty;

    /// <summary>Advisory transaction lock that serialises the alert writes of all instances on PostgreSQL ("SmEnAlrt").</summary>
    public const long AlertWriteLockKey = 0x536D_456E_416C_7274;

    private async Task<AlertScanResult> ScanGatedAsync(bool storeRules, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await ScanCoreAsync(storeRules, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AlertScanResult> ScanCoreAsync(bool storeRules, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        if (storeRules)
        {
            // Rule 8 reads receipt_due: provisional due days are first counted again once the calendar covers their year
            // (own context and transaction, audited; nothing is written when none qualifies).
            await using var mdb = store.CreateContext();
            await new ManifestService(mdb, time, Options.Calendar).RecomputeProvisionalDuesAsync(AuditActor.System("alert-scanner"), ct);
        }
        await using var db = store.CreateContext();
        // Several instances on one PostgreSQL store: their scans (the leader's full one, the others' rules 4–5) write the
        // same episodes, so each scan reads and writes under one advisory transaction lock (released at commit).
        await using var tx = store.Options.Provider == StoreProvider.Postgres ? await db.Database.BeginTransactionAsync(ct) : null;
        if (tx is not null) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AlertWriteLockKey], ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var points = new Dictionary<(long Site, AlertRule Rule), List<AlertPoint>>();
        void Add(long site, AlertRule rule, AlertPoint p)
        {
            if (!points.TryGetValue((site, rule), out var l)) points[(site, rule)] = l = [];
            l.Add(p);
        }

        if (storeRules) await StoreRulesAsync(db, sites, now, Add, ct);

        // Rule 4: flag points observed since the last scan, live ones only.
        while (_flagPoints.TryDequeue(out var fp))
            if (sites.ContainsKey(fp.Site) && AlertEpisodes.IsLive(fp.Point.At, now, Options.LiveWindow)) Add(fp.Site, AlertRule.DeviceFlag, fp.Point);

        // Rule 5: PW locks and recoveries reported by the gateway since the last scan, live ones only.
        while (_lockPoints.TryDequeue(out var lp))
            if (sites.ContainsKey(lp.Site) && AlertEpisodes.IsLive(lp.Point.At, now, Options.LiveWindow)) Add(lp.Site, AlertRule.DevicePasswordFailures, lp.Point);

        // Episodes: latest stored alert per site + rule, then the decisions.
        var keys = points.Keys.Select(k => k.Site).Distinct().ToList();
        var latestIds = await db.Alerts.Where(a => keys.Contains(a.SiteId)).GroupBy(a => new { a.SiteId, a.Rule })
            .Select(g => g.Max(a => a.Id)).ToListAsync(ct);
        var stored = await db.Alerts.Where(a => latestIds.Contains(a.Id)).ToDictionaryAsync(a => (a.SiteId, a.Rule), ct);
        int opened = 0, updated = 0;
        foreach (var ((siteId, rule), list) in points)
        {
            stored.TryGetValue((siteId, rule), out var current);
            var site = sites[siteId];
            foreach (var e in AlertEpisodes.Apply(current is null ? null : AlertEpisode.From(current), list).Where(e => e.Changed))
            {
                var (zh, en) = AlertTexts.For(rule, site.NameZh, site.NameEn ?? site.Code, e, Options.OfflineAfter);
                var row = e.Id is null ? new Alert { SiteId = siteId, Rule = rule, Status = AlertStatus.Open, CreatedAt = now, MessageZh = zh, MessageEn = en } : current!;
                if (e.Id is null) { db.Alerts.Add(row); opened++; } else updated++;
                row.OpenedAt = e.OpenedAt.ToUniversalTime();
                row.LastSeenAt = e.LastSeenAt.ToUniversalTime();
                row.ConditionClearedAt = e.ClearedAt?.ToUniversalTime();
                row.PeakValue = e.PeakValue;
                row.Severity = e.Severity;
                row.Detail = e.Detail is { Length: > 128 } d ? d[..128] : e.Detail;
                row.MessageZh = zh;
                row.MessageEn = en;
                row.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new AlertScanResult(opened, updated);
    }

    /// <summary>Rules 1–3: the points of the store's live hours, devices and water samples.</summary>
    private async Task StoreRulesAsync(SmartEnvDbContext db, Dictionary<long, Site> sites, DateTimeOffset now, Action<long, AlertRule, AlertPoint> Add, CancellationToken ct)
    {
        // Rule 1: stored hourly AQI of live hours (end within the window, not after now).
        var firstStart = now - Options.LiveWindow - TimeSpan.FromHours(1);
        var lastStart = now - TimeSpan.FromHours(1);
        // Site ids first so the (site_id, hour_start, regime_id) index serves the range instead of a table scan.
        var airIds = sites.Values.Where(s => s.Kind == SiteKind.Air && !s.IsDistrictAggregate).Select(s => s.Id).ToList();
        var hours = await db.HourlyAqi.AsNoTracking().Where(h => airIds.Contains(h.SiteId) && h.HourStart >= firstStart && h.HourStart <= lastStart)
            .Select(h => new { h.SiteId, h.HourStart, h.Aqi, h.Complete, h.PrimaryPollutants }).ToListAsync(ct);
        foreach (var h in hours)
        {
            if (!AlertEpisodes.IsLive(h.HourStart.AddHours(1), now, Options.LiveWindow)) continue;
            if (AlertEpisodes.AirHour(h.HourStart, h.Aqi, h.Complete, h.PrimaryPollutants) is { } p) Add(h.SiteId, AlertRule.AirAqiExceeded, p);
        }

        // Rule 2: sites with an enabled registered device that has reported at least once.
        // A device's latest = the later of its newest data end and the receive time of its latest data packet: a logger
        // uploading a backlog is online because its packets arrive (docs/alerts.md); the data end covers stores migrated
        // before receive times were kept.
        // One query: per device four correlated MAX subqueries, each one seek on the provenance index (mn, period,
        // data_time). Issue 15: one EF query per (MN, period) cost 8,000 queries a scan at 2,000 loggers, as much CPU as
        // storing their packets.
        var devices = await db.Devices.AsNoTracking().Where(d => d.Enabled).Select(d => new
        {
            d.Mn, d.SiteId, d.LastDataReceivedAt,
            Rtd = db.Observations.Where(o => o.Mn == d.Mn && o.Period == PeriodType.Rtd).Max(o => (DateTimeOffset?)o.DataTime),
            Min = db.Observations.Where(o => o.Mn == d.Mn && o.Period == PeriodType.Min).Max(o => (DateTimeOffset?)o.DataTime),
            Hour = db.Observations.Where(o => o.Mn == d.Mn && o.Period == PeriodType.Hour).Max(o => (DateTimeOffset?)o.DataTime),
            Day = db.Observations.Where(o => o.Mn == d.Mn && o.Period == PeriodType.Day).Max(o => (DateTimeOffset?)o.DataTime),
        }).ToListAsync(ct);
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        void Seen(string mn, DateTimeOffset at)
        {
            if (!latest.TryGetValue(mn, out var prev) || at > prev) latest[mn] = at;
        }
        foreach (var d in devices)
        {
            if (d.LastDataReceivedAt is { } r) Seen(d.Mn, r);
            foreach (var (last, period) in new[] { (d.Rtd, PeriodType.Rtd), (d.Min, PeriodType.Min), (d.Hour, PeriodType.Hour), (d.Day, PeriodType.Day) })
                if (last is { } l) Seen(d.Mn, DataEnd(l, period));
        }
        foreach (var site in devices.GroupBy(d => d.SiteId))
        {
            // Only devices that reported count and are named: one that never reported has nothing to miss yet.
            var reported = site.Select(d => d.Mn).Where(latest.ContainsKey).ToHashSet(StringComparer.Ordinal);
            if (reported.Count == 0) continue;
            Add(site.Key, AlertRule.DeviceOffline, AlertEpisodes.Offline(reported.Max(m => latest[m]), now, Options.OfflineAfter, string.Join(",", reported.Order(StringComparer.Ordinal))));
        }

        // Rule 6 (issue 16): live judged outlet hours; per site and hour the worst parameter (any exceeding → holds).
        var sourceIds = sites.Values.Where(s => s.Kind == SiteKind.Source).Select(s => s.Id).ToList();
        if (sourceIds.Count > 0)
        {
            var judged = await db.SourceHours.AsNoTracking()
                .Where(h => sourceIds.Contains(h.SiteId) && h.Judged && h.HourStart >= firstStart && h.HourStart <= lastStart)
                .Select(h => new { h.SiteId, h.HourStart, h.ParameterCode, h.Exceeds, h.Multiple }).ToListAsync(ct);
            foreach (var g in judged.GroupBy(h => (h.SiteId, h.HourStart)))
            {
                if (!AlertEpisodes.IsLive(g.Key.HourStart.AddHours(1), now, Options.LiveWindow)) continue;
                var over = g.Where(h => h.Exceeds).ToList();
                Add(g.Key.SiteId, AlertRule.SourceLimitExceeded, AlertEpisodes.SourceHour(g.Key.HourStart, over.Select(h => (h.ParameterCode, h.Multiple ?? 0m)).ToList(), Options.SourceSeverityMultiples));
            }
            // Rule 7 (issue 16): the latest live quantity check per outlet and parameter.
            var since = BeijingTime.Date(now - Options.LiveWindow);
            var checks = await db.SourceQuantityChecks.AsNoTracking().Where(c => sourceIds.Contains(c.SiteId) && c.AsOf >= since)
                .Select(c => new { c.SiteId, c.ParameterCode, c.AsOf, c.ProjectedKg, c.CrossingDate }).ToListAsync(ct);
            foreach (var c in checks.GroupBy(c => (c.SiteId, c.ParameterCode)).Select(g => g.MaxBy(c => c.AsOf)!))
            {
                var at = BeijingTime.DayStart(c.AsOf);
                if (at > now) continue;
                Add(c.SiteId, AlertRule.EmissionQuantityProjected, AlertEpisodes.QuantityProjected(at, c.ParameterCode, c.ProjectedKg, c.CrossingDate));
            }
        }

        // Rules 8–9 (issue 17 P4): transfer manifests, keyed to the waste-facility sites (receiver's for 8, generator's for 9).
        await ManifestRulesAsync(db, sites, now, Add, ct);
        // Rules 11–12 (issue 17 P6): medical waste held in 暂存间, judged at now.
        await MedicalRulesAsync(db, sites, now, Add, ct);
        // Rule 10 (issue 17 P5): storage age of the containers in each waste facility.
        await WasteStorageRuleAsync(db, sites, now, Add, ct);
        // Rules 13–15 (issue 18 P3): complaint deadlines and urgent cases, keyed to the complaint desk site.
        await ComplaintRulesAsync(db, sites, now, Add, ct);
        // Rule 16 (issue 19): committed draws not published by their due day, keyed to the inspection desk site.
        await DrawPublicationRuleAsync(db, sites, now, Add, ct);

        // Rule 3: live water samples of sections with a target class.
        var water = sites.Values.Where(s => s.Kind == SiteKind.Water && WaterClassText.TryParse(s.WaterTargetClass, out _)).ToList();
        var samples = await WaterSamples.ReadAsync(db, water.Select(s => s.Id).ToList(), now - Options.LiveWindow, now.AddTicks(1), ct);
        foreach (var s in water)
        {
            if (!samples.TryGetValue(s.Id, out var list)) continue;
            WaterClassText.TryParse(s.WaterTargetClass, out var target);
            foreach (var sample in list)
                if (WaterClassifier.Classify(sample.Values, Options.WaterItemSet).Class is { } c)
                    Add(s.Id, AlertRule.WaterClassExceeded, AlertEpisodes.Water(sample.Time, c, target!.Value));
        }

    }

    /// <summary>Rules 8 and 9 (issue 17 P4) over <c>hw_manifests</c>: rule 8 per receiver facility site from the stored
    /// <c>receipt_due</c> (state <c>arrived</c>, due day before today in Beijing), with a clearing point for every site whose
    /// running episode has no overdue manifest left; rule 9 per manifest with a recorded discrepancy, a partial acceptance or a
    /// refusal, at the generator's facility site (points are deduplicated by the episode watermark).</summary>
    private static async Task ManifestRulesAsync(SmartEnvDbContext db, Dictionary<long, Site> sites, DateTimeOffset now, Action<long, AlertRule, AlertPoint> Add, CancellationToken ct)
    {
        var today = BeijingTime.Date(now);
        var overdue = await db.WasteManifests.AsNoTracking().Where(m => m.State == "arrived" && m.ReceiptDue < today)
            .Join(db.WasteFacilities.AsNoTracking(), m => m.ToFacilityId, f => f.Id, (m, f) => new { f.SiteId, m.Number, m.ReceiptDue })
            .ToListAsync(ct);
        var holding = new HashSet<long>();
        foreach (var g in overdue.Where(o => sites.ContainsKey(o.SiteId)).GroupBy(o => o.SiteId))
        {
            holding.Add(g.Key);
            var since = BeijingTime.DayStart(g.Min(o => o.ReceiptDue!.Value).AddDays(1));
            Add(g.Key, AlertRule.ManifestReceiptOverdue, AlertEpisodes.ManifestReceiptOverdue(since, now, g.Select(o => o.Number).ToList()));
        }
        var running = await db.Alerts.AsNoTracking().Where(a => a.Rule == AlertRule.ManifestReceiptOverdue && a.ConditionClearedAt == null)
            .Select(a => a.SiteId).Distinct().ToListAsync(ct);
        foreach (var site in running.Where(s => !holding.Contains(s) && sites.ContainsKey(s)))
            Add(site, AlertRule.ManifestReceiptOverdue, AlertEpisodes.ManifestReceiptOverdue(now, now, []));

        var found = await db.WasteManifests.AsNoTracking()
            .Where(m => m.ConfirmedAt != null && m.ConfirmedAt <= now && (m.Discrepancy != 0 || m.State == "partially_accepted" || m.State == "rejected"))
            .Join(db.WasteFacilities.AsNoTracking(), m => m.FromFacilityId, f => f.Id, (m, f) => new { f.SiteId, m.Number, m.Discrepancy, m.State, m.ConfirmedAt })
            .ToListAsync(ct);
        foreach (var d in found.Where(d => sites.ContainsKey(d.SiteId)))
        {
            // Flags of ManifestDiscrepancy (SmartEnv.Supervision.Waste.Manifests): 1 name, 2 quantity, 4 characteristics, 8 form, 16 packaging.
            var kinds = new List<string>();
            string[] names = ["name", "quantity", "characteristics", "form", "packaging"];
            for (var i = 0; i < names.Length; i++) if ((d.Discrepancy & (1 << i)) != 0) kinds.Add(names[i]);
            if (d.State == "partially_accepted") kinds.Add("partial");
            if (d.State == "rejected") kinds.Add("rejected");
            foreach (var p in AlertEpisodes.ManifestDiscrepancy(d.ConfirmedAt!.Value, d.Number, kinds)) Add(d.SiteId, AlertRule.ManifestDiscrepancy, p);
        }
    }

    /// <summary>
    /// Rules 11 (医疗废物暂存超时) and 12 (医疗废物收运超期): every 暂存间 (waste facility of kind medical_temporary) that holds
    /// an uncollected handover, or whose site has a running episode of either rule (so that it can end), is judged at
    /// <paramref name="now"/> by <see cref="MedicalStorageRules.Judge"/>; one point per rule at its site.
    /// </summary>
    private async Task MedicalRulesAsync(SmartEnvDbContext db, Dictionary<long, Site> sites, DateTimeOffset now, Action<long, AlertRule, AlertPoint> Add, CancellationToken ct)
    {
        var held = await db.MedicalWasteHandovers.AsNoTracking().Where(h => h.CollectionId == null && h.At <= now)
            .Select(h => new { h.FacilityId, h.At }).ToListAsync(ct);
        var running = await db.Alerts.AsNoTracking()
            .Where(a => (a.Rule == AlertRule.MedicalStorageOverdue || a.Rule == AlertRule.MedicalCollectionOverdue) && a.ConditionClearedAt == null)
            .Select(a => a.SiteId).Distinct().ToListAsync(ct);
        if (held.Count == 0 && running.Count == 0) return;
        var heldIds = held.Select(h => h.FacilityId).Distinct().ToList();
        var facilities = await db.WasteFacilities.AsNoTracking()
            .Where(f => f.Kind == WasteFacilityKind.MedicalTemporary && (heldIds.Contains(f.Id) || running.Contains(f.SiteId)))
            .Select(f => new { f.Id, f.SiteId }).ToListAsync(ct);
        var ids = facilities.Select(f => f.Id).ToList();
        var last = (await db.MedicalWasteCollections.AsNoTracking().Where(c => ids.Contains(c.FacilityId))
            .Select(c => new { c.FacilityId, c.At }).ToListAsync(ct))
            .Where(c => c.At <= now).GroupBy(c => c.FacilityId).ToDictionary(g => g.Key, g => g.Max(c => c.At));
        var byFacility = held.ToLookup(h => h.FacilityId, h => h.At);
        foreach (var f in facilities)
        {
            if (!sites.ContainsKey(f.SiteId)) continue;
            DateTimeOffset? lastAt = last.TryGetValue(f.Id, out var l) ? l : null;
            var st = MedicalStorageRules.Judge(byFacility[f.Id], lastAt, now, Options.MedicalStorageMax, Options.MedicalCollectionMax);
            Add(f.SiteId, AlertRule.MedicalStorageOverdue, AlertEpisodes.MedicalStorage(now, st.StorageOverdue, st.StorageOverdueSince, st.OldestHeldHours, st.OverdueCount));
            Add(f.SiteId, AlertRule.MedicalCollectionOverdue, AlertEpisodes.MedicalCollection(now, st.CollectionOverdue, st.CollectionOverdueSince, st.CollectionIntervalHours, lastAt));
        }
    }

    /// <summary>Rule 10 (issue 17 P5) over <c>hw_containers</c>: per waste-facility site one point at <paramref name="now"/> —
    /// the containers in state <c>stored</c> whose storage age (<see cref="StorageAge.Days"/>, whole Beijing days since
    /// 入库) is beyond the limit (<see cref="StorageAge.State"/> with <see cref="WasteRules.Default"/>: 365 days; legal for a
    /// 经营单位, a warning otherwise). Stored 365 days: no point holds; 366: it holds. A facility with none over gets a
    /// non-holding point, which ends a running episode.</summary>
    private static async Task WasteStorageRuleAsync(SmartEnvDbContext db, Dictionary<long, Site> sites, DateTimeOffset now, Action<long, AlertRule, AlertPoint> Add, CancellationToken ct)
    {
        var facilitySites = sites.Values.Where(s => s.Kind == SiteKind.WasteFacility).Select(s => s.Id).ToHashSet();
        if (facilitySites.Count == 0) return;
        var rules = WasteRules.Default;
        var stored = await db.WasteContainers.AsNoTracking()
            .Where(c => c.State == WasteLedgerStage.Stored && c.StoredAt != null && c.LeftAt == null && c.FacilityId != null)
            .Join(db.WasteFacilities.AsNoTracking(), c => c.FacilityId, f => (long?)f.Id, (c, f) => new { f.SiteId, f.Uscc, c.Identifier, StoredAt = c.StoredAt!.Value })
            .ToListAsync(ct);
        var business = (await db.WasteParties.AsNoTracking().Where(p => p.IsBusinessUnit).Select(p => p.Uscc).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var byFacility = stored.Where(c => c.StoredAt <= now).GroupBy(c => c.SiteId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var site in facilitySites)
        {
            var over = !byFacility.TryGetValue(site, out var list) ? []
                : list.Select(c => (c, Days: StorageAge.Days(c.StoredAt, now)))
                    .Where(x => StorageAge.State(x.Days, business.Contains(x.c.Uscc), rules) != StorageAgeState.Ok)
                    .OrderByDescending(x => x.Days).ThenBy(x => x.c.Identifier, StringComparer.Ordinal).ToList();
            if (over.Count == 0) { Add(site, AlertRule.WasteStoredOverYear, AlertEpisodes.WasteStoredOverYear(now, now, 0, 0, null, false)); continue; }
            var oldest = over[0];
            var legal = business.Contains(oldest.c.Uscc);
            var limit = legal ? rules.StorageLimitDays : rules.StorageWarningDays;
            var since = BeijingTime.DayStart(BeijingTime.Date(oldest.c.StoredAt).AddDays(limit + 1));
            Add(site, AlertRule.WasteStoredOverYear, AlertEpisodes.WasteStoredOverYear(since, now, over.Count, oldest.Days, oldest.c.Identifier, legal));
        }
    }

    /// <summary>
    /// Rules 13–15 (issue 18 P3) over <c>complaints</c>, one point per rule at the complaint desk site
    /// (<see cref="ComplaintDeskSite"/>, created here on the first case that makes a rule hold): 13 cases still
    /// <c>registered</c> whose acceptance due day is before today (Beijing); 14 cases <c>accepted|assigned|handling</c> whose
    /// handling due day is before today; 15 cases with an urgency (突发环境事件, 群体性事件) still <c>registered|accepted</c>
    /// (not assigned). A provisional due day (the working-day calendar lacked the year when it was stored) is recomputed from
    /// the calendar in force (<see cref="ComplaintDeadlines"/>), as the complaint service does when it reads a case. A point
    /// with no case ends a running episode.
    /// </summary>
    private static async Task ComplaintRulesAsync(SmartEnvDbContext db, Dictionary<long, Site> sites, DateTimeOffset now, Action<long, AlertRule, AlertPoint> Add, CancellationToken ct)
    {
        var today = BeijingTime.Date(now);
        StoredComplaintState[] open = [StoredComplaintState.Registered, StoredComplaintState.Accepted, StoredComplaintState.Assigned, StoredComplaintState.Handling];
        var rows = await db.Complaints.AsNoTracking().IgnoreQueryFilters().Where(c => open.Contains(c.State) && c.RegisteredAt <= now)
            .Select(c => new
            {
                c.Number, c.State, c.Urgency, c.RegisteredAt, c.RegisteredOn, c.AcceptanceDue, c.AcceptanceDueProvisional, c.AcceptedAt,
                c.HandlingDue, c.HandlingDueProvisional, c.ExtensionDays,
            }).ToListAsync(ct);
        var desk = sites.Values.FirstOrDefault(s => s.Kind == SiteKind.ComplaintDesk);
        if (rows.Count == 0 && desk is null) return;
        var rules = ComplaintRules.Default;
        var calendar = WorkdayCalendar.China;
        var acceptance = new List<(string Number, DateOnly Due)>();
        var handling = new List<(string Number, DateOnly Due)>();
        var urgent = new List<(string Number, DateTimeOffset At)>();
        foreach (var c in rows)
        {
            if (c.State == StoredComplaintState.Registered)
            {
                var due = c.AcceptanceDueProvisional ? ComplaintDeadlines.AcceptanceDue(c.RegisteredOn, rules, calendar).Date : c.AcceptanceDue;
                if (today > due) acceptance.Add((c.Number, due));
            }
            else if (c.HandlingDue is { } stored && c.AcceptedAt is { } accepted)
            {
                var due = c.HandlingDueProvisional ? ComplaintDeadlines.HandlingDue(BeijingTime.Date(accepted), c.ExtensionDays, rules, calendar).Date : stored;
                if (today > due) handling.Add((c.Number, due));
            }
            if (c.Urgency != StoredComplaintUrgency.None && c.State is StoredComplaintState.Registered or StoredComplaintState.Accepted) urgent.Add((c.Number, c.RegisteredAt));
        }
        if (desk is null)
        {
            if (acceptance.Count == 0 && handling.Count == 0 && urgent.Count == 0) return;
            desk = await ComplaintDeskSite.EnsureAsync(db, ct);
            sites[desk.Id] = desk;
        }
        DateTimeOffset DayAfter(IEnumerable<(string, DateOnly Due)> l) => l.Any() ? BeijingTime.DayStart(l.Min(x => x.Due).AddDays(1)) : now;
        Add(desk.Id, AlertRule.ComplaintAcceptanceOverdue, AlertEpisodes.ComplaintCases(DayAfter(acceptance), now, acceptance.Select(x => x.Number).ToList(), AlertSeverity.Moderate));
        Add(desk.Id, AlertRule.ComplaintHandlingOverdue, AlertEpisodes.ComplaintCases(DayAfter(handling), now, handling.Select(x => x.Number).ToList(), AlertSeverity.Moderate));
        Add(desk.Id, AlertRule.ComplaintUrgent, AlertEpisodes.ComplaintCases(urgent.Count > 0 ? urgent.Min(x => x.At) : now, now, urgent.Select(x => x.Number).ToList(), AlertSeverity.Major));
    }

    /// <summary>
    /// Rule 16 (issue 19) over <c>draw_plans</c>, one point at the inspection desk site (<see cref="InspectionDeskSite"/>,
    /// created here on the first plan that makes the rule hold): plans with status <c>committed</c> (drawn, not published)
    /// whose publication due day is before today (Beijing), i.e. the alert starts at 00:00 of the day after the due day. A
    /// provisional due day (the calendar lacked the year at commit) is recomputed from the committed Beijing day with the
    /// calendar in force (<see cref="DrawRules.PublicationWorkdays"/> working days), as at commit. A point with no plan ends
    /// a running episode (every overdue plan published).
    /// </summary>
    private static async Task DrawPublicationRuleAsync(SmartEnvDbContext db, Dictionary<long, Site> sites, DateTimeOffset now, Action<long, AlertRule, AlertPoint> Add, CancellationToken ct)
    {
        var today = BeijingTime.Date(now);
        var rows = await db.DrawPlans.AsNoTracking().IgnoreQueryFilters()
            .Where(p => p.Status == StoredDrawPlanStatus.Committed && p.CommittedAt != null && p.CommittedAt <= now && p.PublishDue != null)
            .Select(p => new { p.PlanId, p.CommittedAt, p.PublishDue, p.PublishDueProvisional }).ToListAsync(ct);
        var desk = sites.Values.FirstOrDefault(s => s.Kind == SiteKind.InspectionDesk);
        if (rows.Count == 0 && desk is null) return;
        var overdue = new List<(string PlanId, DateOnly Due)>();
        foreach (var p in rows)
        {
            var due = p.PublishDueProvisional
                ? WorkdayCalendar.China.AddWorkdaysOrEstimate(BeijingTime.Date(p.CommittedAt!.Value), DrawRules.Default.PublicationWorkdays).Date
                : p.PublishDue!.Value;
            if (today > due) overdue.Add((p.PlanId, due));
        }
        if (desk is null)
        {
            if (overdue.Count == 0) return;
            desk = await InspectionDeskSite.EnsureAsync(db, ct);
            sites[desk.Id] = desk;
        }
        var since = overdue.Count > 0 ? BeijingTime.DayStart(overdue.Min(x => x.Due).AddDays(1)) : now;
        Add(desk.Id, AlertRule.DrawPublicationOverdue, AlertEpisodes.ComplaintCases(since, now, overdue.Select(x => x.PlanId).ToList(), AlertSeverity.Moderate));
    }

    /// <summary>HJ 212-2017 upload commands whose values count as data for the offline rule, with their period
    /// (2011 real-time, 2051 minute, 2061 hour, 2031 day; table 4 / App. B).</summary>
    public static IReadOnlyList<(string Cn, PeriodType Period)> UploadCommands { get; } =
        [("2011", PeriodType.Rtd), ("2051", PeriodType.Min), ("2061", PeriodType.Hour), ("2031", PeriodType.Day)];

    /// <summary>End of a stored value's period: data time + 1 h for hour values, + 1 day for day values, the data time
    /// itself for real-time and minute values (HJ 212-2017 table 4: DataTime is the period start).</summary>
    /// <param name="dataTime">Stored data time (period start).</param>
    /// <param name="period">Stored period.</param>
    public static DateTimeOffset DataEnd(DateTimeOffset dataTime, PeriodType period) => period switch
    {
        PeriodType.Hour => dataTime.AddHours(1),
        PeriodType.Day => dataTime.AddDays(1),
        _ => dataTime,
    };
}
