using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Alerts;

/// <summary>
/// One observation of a rule's condition at a site: the condition holds or does not at <see cref="At"/>.
/// </summary>
/// <param name="Since">When the condition began according to this point (AQI: the hour's start; water: the sample time;
/// offline: latest data end + threshold). Becomes <see cref="Alert.OpenedAt"/> when the point opens an episode.</param>
/// <param name="At">The instant the point describes (AQI: the hour's end; water: the sample time; offline: the check time).
/// Points are applied in <see cref="At"/> order.</param>
/// <param name="Holds">True when the condition holds.</param>
/// <param name="Value">Value compared for the peak (AQI; class number 1…6; data age in hours), or null.</param>
/// <param name="Severity">Severity of this point (meaningful when <paramref name="Holds"/>).</param>
/// <param name="Detail">Detail at this point (primary pollutants, target class, MN), kept with the peak.</param>
/// <param name="Clears">False when a non-holding point must not end an episode (an incomplete hour at or below AQI 100
/// does not prove the exceedance ended).</param>
public sealed record AlertPoint(DateTimeOffset Since, DateTimeOffset At, bool Holds, decimal? Value, AlertSeverity Severity,
    string? Detail = null, bool Clears = true);

/// <summary>State of one episode as the decision logic sees it (no I/O).</summary>
/// <param name="Id">Stored alert id, or null for an episode the decision opened.</param>
/// <param name="OpenedAt">Condition start (UTC).</param>
/// <param name="LastSeenAt">Latest instant the condition held.</param>
/// <param name="ClearedAt">When the condition ended, or null while it holds.</param>
/// <param name="PeakValue">Worst value so far.</param>
/// <param name="Severity">Worst severity so far.</param>
/// <param name="Detail">Detail at the peak.</param>
/// <param name="Status">Handling status (a closed episode still absorbs its running condition).</param>
/// <param name="Changed">True when the decision changed (or created) this episode and it must be written.</param>
public sealed record AlertEpisode(long? Id, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ClearedAt,
    decimal? PeakValue, AlertSeverity Severity, string? Detail, AlertStatus Status = AlertStatus.Open, bool Changed = false)
{
    /// <summary>The episode as stored.</summary>
    /// <param name="a">A stored alert.</param>
    public static AlertEpisode From(Alert a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.OpenedAt, a.LastSeenAt, a.ConditionClearedAt, a.PeakValue, a.Severity, a.Detail, a.Status);
    }
}

/// <summary>Result of a handling request (acknowledge / close).</summary>
public enum AlertTransition
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>No alert with that id.</summary>
    NotFound,

    /// <summary>The alert is already closed (closed is final).</summary>
    AlreadyClosed,

    /// <summary>Acknowledge on an alert that is already acknowledged.</summary>
    AlreadyAcknowledged,
}

/// <summary>
/// The alerting decisions, without I/O (docs/alerts.md): episode merging and the condition of each rule.
/// </summary>
public static class AlertEpisodes
{
    /// <summary>AQI above which rule 1 (空气超标) holds: HJ 633-2012 §5 Table 1, levels ≥ 3 (AQI 101+) mean a GB 3095-2012
    /// Grade II concentration limit is exceeded.</summary>
    public const int AqiLimit = 100;

    /// <summary>
    /// Applies condition points to the latest episode of one site + rule. Points at or before the episode's watermark
    /// (<see cref="AlertEpisode.LastSeenAt"/>, or <see cref="AlertEpisode.ClearedAt"/> when later) were seen already and are
    /// skipped, so applying the same points twice changes nothing. A holding point extends a running episode (last seen,
    /// peak, worst severity) — also when staff closed it — or, when there is none or the latest has cleared, opens a new
    /// one; a non-holding point with <see cref="AlertPoint.Clears"/> ends a running episode at its <see cref="AlertPoint.At"/>.
    /// </summary>
    /// <param name="latest">The latest stored episode of this site + rule (any status), or null.</param>
    /// <param name="points">Condition points in any order.</param>
    /// <returns>The latest episode (changed or not) first when given, then the episodes opened, in time order.</returns>
    public static IReadOnlyList<AlertEpisode> Apply(AlertEpisode? latest, IEnumerable<AlertPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var result = new List<AlertEpisode>();
        if (latest is not null) result.Add(latest);
        var watermark = latest is null ? DateTimeOffset.MinValue
            : latest.ClearedAt is { } c && c > latest.LastSeenAt ? c : latest.LastSeenAt;
        foreach (var p in points.Where(p => p.At > watermark).OrderBy(p => p.At))
        {
            var cur = result.Count > 0 ? result[^1] : null;
            var running = cur is { ClearedAt: null };
            if (p.Holds && running)
            {
                var peak = p.Value is { } v && (cur!.PeakValue is null || v > cur.PeakValue);
                result[^1] = cur! with
                {
                    LastSeenAt = p.At,
                    PeakValue = peak ? p.Value : cur.PeakValue,
                    Detail = peak ? p.Detail : cur.Detail,
                    Severity = p.Severity > cur.Severity ? p.Severity : cur.Severity,
                    Changed = true,
                };
            }
            else if (p.Holds)
            {
                result.Add(new AlertEpisode(null, p.Since, p.At, null, p.Value, p.Severity, p.Detail, AlertStatus.Open, true));
            }
            else if (running && p.Clears)
            {
                result[^1] = cur! with { ClearedAt = p.At, Changed = true };
            }
        }
        return result;
    }

    /// <summary>Rule 1 point of one stored hourly AQI: holds when AQI &gt; <see cref="AqiLimit"/>; severity = HJ 633-2012
    /// level − 2 (3 轻度 → <see cref="AlertSeverity.Minor"/> … 6 严重 → <see cref="AlertSeverity.Severe"/>). An hour without
    /// AQI gives no point; an incomplete hour at or below 100 does not clear (a missing pollutant could be the one above).</summary>
    /// <param name="hourStart">Start of the hour (UTC).</param>
    /// <param name="aqi">Hourly AQI, or null.</param>
    /// <param name="complete">True when all pollutants of the regime were present.</param>
    /// <param name="primary">Primary pollutant keys of the stored row (<c>pm25_1h</c>, <c>o3_1h</c>); the alert detail joins
    /// them with <c>;</c>.</param>
    public static AlertPoint? AirHour(DateTimeOffset hourStart, int? aqi, bool complete, IReadOnlyList<string> primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        if (aqi is not { } a) return null;
        var level = AqiCategory.ForAqi(a).Level;
        var severity = (AlertSeverity)Math.Clamp(level - 2, 1, 4);
        return new AlertPoint(hourStart, hourStart.AddHours(1), a > AqiLimit, a, severity, string.Join(';', primary), Clears: complete);
    }

    /// <summary>True when an hour that ends at <paramref name="hourEnd"/> is live: it ended within <paramref name="window"/>
    /// before <paramref name="now"/> (inclusive) and not after now. History outside the window never raises an alert.</summary>
    /// <param name="hourEnd">End of the hour or sample time (UTC).</param>
    /// <param name="now">Current time.</param>
    /// <param name="window">Live window (default 24 h, <see cref="AlertOptions.LiveWindow"/>).</param>
    public static bool IsLive(DateTimeOffset hourEnd, DateTimeOffset now, TimeSpan window) => hourEnd <= now && hourEnd >= now - window;

    /// <summary>Rule 2 point of a check at <paramref name="now"/>: holds when the latest data end is MORE than
    /// <paramref name="offlineAfter"/> before now (exactly the threshold is still online, as on the overview);
    /// value = data age in hours (2 decimals, GB/T 8170), severity <see cref="AlertSeverity.Moderate"/>.</summary>
    /// <param name="latestDataEnd">End of the site's latest value (UTC).</param>
    /// <param name="now">Check time.</param>
    /// <param name="offlineAfter">Offline threshold (3 h, the overview's <c>OfflineAfter</c>).</param>
    /// <param name="mn">Device MN(s) for the detail.</param>
    public static AlertPoint Offline(DateTimeOffset latestDataEnd, DateTimeOffset now, TimeSpan offlineAfter, string? mn)
    {
        var age = now - latestDataEnd;
        var hours = SmartEnv.Standards.Common.Gbt8170.Round((decimal)age.Ticks / TimeSpan.TicksPerHour, 2);
        return new AlertPoint(latestDataEnd + offlineAfter, now, age > offlineAfter, hours, AlertSeverity.Moderate, mn);
    }

    /// <summary>Rule 3 point of one water sample: holds when its GB 3838-2002 class is worse than the target (§5.1,
    /// <see cref="WaterClassifier.MeetsTarget"/>); value = class number (6 = 劣Ⅴ); severity by classes beyond the target
    /// (1 → minor, 2 → moderate, ≥ 3 → major); detail = target class.</summary>
    /// <param name="sampleTime">Sample time (UTC).</param>
    /// <param name="actual">Sample class.</param>
    /// <param name="target">Section target class.</param>
    public static AlertPoint Water(DateTimeOffset sampleTime, WaterClass actual, WaterClass target)
    {
        var beyond = (int)actual - (int)target;
        var severity = beyond switch { <= 1 => AlertSeverity.Minor, 2 => AlertSeverity.Moderate, _ => AlertSeverity.Major };
        return new AlertPoint(sampleTime, sampleTime, !WaterClassifier.MeetsTarget(actual, target), (int)actual, severity, target.ToAscii());
    }

    /// <summary>
    /// Rule 4 point of the values one device reported for one period (HJ 212-2017 §6.6.4 table 8): holds when any value
    /// carries a flag that is not a valid measurement (<see cref="DataFlags.IsValid"/>: anything but N; a missing flag counts
    /// as N); severity <see cref="AlertSeverity.Moderate"/> when a flag says the instrument is not measuring
    /// (<see cref="DataFlags.IsFault"/>: D 故障, F 停运, B 通讯异常), else <see cref="AlertSeverity.Minor"/> (M 维护, C 校准,
    /// S 手工输入, T 超上限, extension flags); value = number of flagged values; detail = <c>FLAG:code,code</c> groups, e.g.
    /// <c>D:a34004;M:a21026</c>.
    /// </summary>
    /// <param name="since">Period start (the packet's DataTime).</param>
    /// <param name="end">Period end (<see cref="AlertScanner.DataEnd"/>).</param>
    /// <param name="values">(factor code, flag) of each value of the period.</param>
    public static AlertPoint Flags(DateTimeOffset since, DateTimeOffset end, IEnumerable<(string Code, string? Flag)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flagged = values.Where(v => !DataFlags.IsValid(v.Flag)).Select(v => (v.Code, Flag: DataFlags.Normalize(v.Flag)!)).ToList();
        var severe = flagged.Any(v => DataFlags.IsFault(v.Flag));
        var detail = string.Join(';', flagged.GroupBy(v => v.Flag).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key + ":" + string.Join(',', g.Select(v => v.Code).Distinct().Order(StringComparer.Ordinal))));
        return new AlertPoint(since, end, flagged.Count > 0, flagged.Count, severe ? AlertSeverity.Moderate : AlertSeverity.Minor,
            flagged.Count > 0 ? detail : null);
    }

    /// <summary>Rule 6 point (排放超标, issue 16) of one judged outlet hour: holds when any parameter exceeded its permit
    /// limit; value = the largest 超标倍数 (stored 4 places); severity by the thresholds (rule file
    /// <c>alert.severity_multiple</c>: below the first minor, below the second moderate, else major); detail = exceeding codes.</summary>
    /// <param name="hourStart">Hour start (UTC).</param>
    /// <param name="exceeding">(code, multiple) of the parameters above their limit; empty when the hour is within the limits.</param>
    /// <param name="thresholds">Ascending severity thresholds.</param>
    public static AlertPoint SourceHour(DateTimeOffset hourStart, IReadOnlyList<(string Code, decimal Multiple)> exceeding, IReadOnlyList<decimal> thresholds)
    {
        ArgumentNullException.ThrowIfNull(exceeding);
        ArgumentNullException.ThrowIfNull(thresholds);
        var peak = exceeding.Count == 0 ? (decimal?)null : exceeding.Max(e => e.Multiple);
        var level = peak is { } m ? thresholds.Count(t => m >= t) : 0;
        var severity = level switch { 0 => AlertSeverity.Minor, 1 => AlertSeverity.Moderate, _ => AlertSeverity.Major };
        return new AlertPoint(hourStart, hourStart.AddHours(1), exceeding.Count > 0, peak, severity,
            exceeding.Count > 0 ? string.Join(',', exceeding.Select(e => e.Code).Distinct().Order(StringComparer.Ordinal)) : null);
    }

    /// <summary>Rule 7 point (排放量预警, issue 16) of one quantity check: holds when the run-rate projection crosses the
    /// annual permitted quantity (a crossing date); value = projected kg of the window; severity moderate; detail =
    /// <c>code:yyyy-MM-dd</c> of the crossing.</summary>
    /// <param name="at">Start of the check's as-of day (UTC).</param>
    /// <param name="code">Parameter code.</param>
    /// <param name="projectedKg">Projected kg of the 12-month window.</param>
    /// <param name="crossing">Crossing date, or null.</param>
    public static AlertPoint QuantityProjected(DateTimeOffset at, string code, decimal projectedKg, DateOnly? crossing) =>
        new(at, at, crossing is not null, projectedKg, AlertSeverity.Moderate,
            crossing is { } c ? code + ":" + c.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);

    /// <summary>Rule 8 point (联单超期未确认, issue 17 P4) of one receiver facility site at a scan: holds when at least one
    /// manifest delivered there is arrived and unconfirmed after its receipt due day (《危险废物转移管理办法》 Art. 18: 5
    /// working days, computed when it arrived and stored as <c>receipt_due</c>); a scan finding none ends the episode.
    /// Value = number of overdue manifests; severity moderate (a legal deadline passed); detail = the numbers, comma-separated.</summary>
    /// <param name="since">Start (UTC) of the first overdue day: the Beijing day after the earliest due day.</param>
    /// <param name="at">The scan (UTC).</param>
    /// <param name="numbers">Overdue manifest numbers (empty: the condition does not hold).</param>
    public static AlertPoint ManifestReceiptOverdue(DateTimeOffset since, DateTimeOffset at, IReadOnlyList<string> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        return new(since, at, numbers.Count > 0, numbers.Count, AlertSeverity.Moderate,
            numbers.Count > 0 ? string.Join(',', numbers.Order(StringComparer.Ordinal)) : null);
    }

    /// <summary>Rule 9 points (联单差异, issue 17 P4) of one manifest whose receiver recorded a discrepancy, a partial
    /// acceptance or a refusal (Art. 18): a discrepancy is an event, so it opens an episode at the record and ends it one
    /// second later; the alert stays for handling (acknowledge, close) like any other. Applying them again changes nothing
    /// (watermark). Severity moderate; detail <c>number:kinds</c> (kinds: name, quantity, characteristics, form, packaging,
    /// partial, rejected).</summary>
    /// <param name="recordedAt">When the receiver confirmed (UTC).</param>
    /// <param name="number">Manifest number.</param>
    /// <param name="kinds">Kinds found, in a fixed order.</param>
    public static IReadOnlyList<AlertPoint> ManifestDiscrepancy(DateTimeOffset recordedAt, string number, IReadOnlyList<string> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var detail = number + ":" + string.Join(',', kinds);
        return [new(recordedAt, recordedAt, true, null, AlertSeverity.Moderate, detail), new(recordedAt, recordedAt.AddSeconds(1), false, null, AlertSeverity.Moderate)];
    }

    /// <summary>Rule 5 point (设备口令错误): holds when the gateway locked the MN after repeated wrong PWs; a recovery (the
    /// MN's correct PW accepted again) ends the episode. Value = wrong PWs counted (the peak is the largest count of the
    /// episode); severity <see cref="AlertSeverity.Moderate"/> (someone may be guessing, or a logger's PW is wrong — either
    /// way its data are not taken); detail = the MN.</summary>
    /// <param name="since">First counted wrong PW (UTC).</param>
    /// <param name="at">The lock or recovery (UTC).</param>
    /// <param name="failures">Wrong PWs counted.</param>
    /// <param name="mn">The MN.</param>
    /// <param name="locked">True for a lock, false for a recovery.</param>
    public static AlertPoint PasswordFailures(DateTimeOffset since, DateTimeOffset at, int failures, string mn, bool locked) =>
        new(since, at, locked, failures, AlertSeverity.Moderate, mn);

    /// <summary>Rule 11 point (医疗废物暂存超时, issue 17) of one 暂存间 judged at <paramref name="now"/>
    /// (<c>MedicalStorageRules.Judge</c>): holds when a held handover is past the 48 h limit; since = the moment the oldest
    /// became overdue; value = age in hours of the oldest held handover (2 decimals, GB/T 8170); severity moderate; detail =
    /// the number of handovers past the limit. A non-holding point (everything collected in time) ends the episode.</summary>
    /// <param name="now">The check time.</param>
    /// <param name="holds">True when a held handover is past the limit.</param>
    /// <param name="since">When the oldest became overdue (used when <paramref name="holds"/>).</param>
    /// <param name="oldestHours">Age of the oldest held handover in hours, or null.</param>
    /// <param name="overdue">Handovers past the limit.</param>
    public static AlertPoint MedicalStorage(DateTimeOffset now, bool holds, DateTimeOffset? since, decimal? oldestHours, int overdue) =>
        new(since ?? now, now, holds, oldestHours is { } h ? SmartEnv.Standards.Common.Gbt8170.Round(h, 2) : null, AlertSeverity.Moderate,
            holds ? overdue.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);

    /// <summary>Rule 12 point (医疗废物收运超期, issue 17) of one 暂存间 judged at <paramref name="now"/>: holds when waste is held
    /// and no collection took place for more than 48 h (<c>MedicalStorageRules.Judge</c>); since = when it began to hold;
    /// value = hours since the later of the last collection and the oldest held storage (2 decimals); severity moderate;
    /// detail = the last collection's Beijing date <c>yyyy-MM-dd</c>, or <c>none</c>.</summary>
    /// <param name="now">The check time.</param>
    /// <param name="holds">True when the collection is overdue.</param>
    /// <param name="since">When it began to hold (used when <paramref name="holds"/>).</param>
    /// <param name="hours">Hours since the later of the last collection and the oldest held storage, or null.</param>
    /// <param name="lastCollection">The last collection, or null.</param>
    public static AlertPoint MedicalCollection(DateTimeOffset now, bool holds, DateTimeOffset? since, decimal? hours, DateTimeOffset? lastCollection) =>
        new(since ?? now, now, holds, hours is { } h ? SmartEnv.Standards.Common.Gbt8170.Round(h, 2) : null, AlertSeverity.Moderate,
            !holds ? null : lastCollection is { } l ? BeijingTime.Date(l).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "none");

    /// <summary>Rule 10 point (危险废物贮存超期, issue 17 P5) of one waste facility at <paramref name="at"/>: holds when
    /// <paramref name="overCount"/> &gt; 0 containers are stored more than the limit (366+ days); <paramref name="since"/> =
    /// the start of the Beijing day the oldest one reached 366 days. Severity <see cref="AlertSeverity.Major"/> for a
    /// 经营单位 (a legal limit, 固废法 Art. 81), <see cref="AlertSeverity.Moderate"/> for a generator (a warning, supervision.md
    /// §3.3 [U]); value = the oldest age in days; detail <c>over_legal_limit:n:identifier</c> or <c>warning:n:identifier</c>.
    /// A point with no container over ends a running episode.</summary>
    /// <param name="since">When the oldest container crossed the limit (UTC).</param>
    /// <param name="at">The scan time.</param>
    /// <param name="overCount">Containers over the limit.</param>
    /// <param name="oldestDays">Age of the oldest, in days.</param>
    /// <param name="oldestIdentifier">Its identifier (数字识别码).</param>
    /// <param name="legal">True for a 经营单位.</param>
    public static AlertPoint WasteStoredOverYear(DateTimeOffset since, DateTimeOffset at, int overCount, int oldestDays, string? oldestIdentifier, bool legal) =>
        overCount == 0 ? new(at, at, false, null, AlertSeverity.Moderate)
            : new(since, at, true, oldestDays, legal ? AlertSeverity.Major : AlertSeverity.Moderate,
                (legal ? "over_legal_limit:" : "warning:") + overCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + oldestIdentifier);

    /// <summary>Most case numbers named in the detail of rules 13–15 (8 × 14 digits + commas fit the 128-character column).</summary>
    public const int ComplaintNumbersShown = 8;

    /// <summary>Rules 13–15 point (issue 18 P3: 投诉受理超期, 投诉办理超期, 紧急投诉待处置) of the complaint desk site at a scan:
    /// holds when <paramref name="numbers"/> is not empty; a scan finding none ends the episode. Value = number of cases;
    /// detail = the first <see cref="ComplaintNumbersShown"/> numbers in order, comma-separated, then <c>…</c> when more.</summary>
    /// <param name="since">Start (UTC) of the condition: the start of the first overdue day (13, 14) or the earliest
    /// registration (15).</param>
    /// <param name="at">The scan (UTC).</param>
    /// <param name="numbers">Case numbers for which the condition holds (empty: it does not).</param>
    /// <param name="severity">Moderate for the deadlines (13, 14), major for urgent cases (15).</param>
    public static AlertPoint ComplaintCases(DateTimeOffset since, DateTimeOffset at, IReadOnlyList<string> numbers, AlertSeverity severity)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var sorted = numbers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var detail = sorted.Count == 0 ? null
            : string.Join(',', sorted.Take(ComplaintNumbersShown)) + (sorted.Count > ComplaintNumbersShown ? ",…" : "");
        return new(since, at, sorted.Count > 0, sorted.Count, severity, detail);
    }

    /// <summary>Whether <paramref name="status"/> may be acknowledged: only an open alert.</summary>
    /// <param name="status">Current status.</param>
    public static AlertTransition CanAcknowledge(AlertStatus status) => status switch
    {
        AlertStatus.Open => AlertTransition.Done,
        AlertStatus.Acknowledged => AlertTransition.AlreadyAcknowledged,
        _ => AlertTransition.AlreadyClosed,
    };

    /// <summary>Whether <paramref name="status"/> may be closed: open or acknowledged (closing an open alert directly is allowed).</summary>
    /// <param name="status">Current status.</param>
    public static AlertTransition CanClose(AlertStatus status) => status == AlertStatus.Closed ? AlertTransition.AlreadyClosed : AlertTransition.Done;
}
