namespace SmartEnv.Storage.Entities;

/// <summary>
/// One alert (告警): one EPISODE of one rule's condition at one site. A continuous condition updates the episode's
/// <see cref="LastSeenAt"/> and peak instead of adding rows; when the condition ends, <see cref="ConditionClearedAt"/> is set
/// and the alert stays in its handling status until staff close it. Handling: <see cref="AlertStatus.Open"/> →
/// <see cref="AlertStatus.Acknowledged"/> → <see cref="AlertStatus.Closed"/> (open → closed directly is allowed).
/// Rules and choices: docs/alerts.md.
/// </summary>
public sealed class Alert
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site the condition belongs to.</summary>
    public long SiteId { get; set; }

    /// <summary>The site (navigation).</summary>
    public Site? Site { get; set; }

    /// <summary>Rule that raised the alert.</summary>
    public AlertRule Rule { get; set; }

    /// <summary>Severity: the worst reached during the episode (AQI level 3…6 → minor…severe).</summary>
    public AlertSeverity Severity { get; set; }

    /// <summary>Handling status.</summary>
    public AlertStatus Status { get; set; }

    /// <summary>Start (UTC) of the condition as the data show it (AQI: start of the first hour above 100; offline: latest
    /// data end + the offline threshold; water: the first out-of-target sample's time).</summary>
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Latest instant (UTC) at which the condition was seen to hold (AQI: end of the latest hour above 100;
    /// offline: the latest check that still found the site silent; water: latest out-of-target sample time).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Instant (UTC) the condition was seen to end (first hour/sample back within limits, first new data), or null
    /// while it holds.</summary>
    public DateTimeOffset? ConditionClearedAt { get; set; }

    /// <summary>Worst value of the episode: AQI (air), data age in hours (offline), GB 3838 class number 1…6 (water; 6 = 劣Ⅴ).</summary>
    public decimal? PeakValue { get; set; }

    /// <summary>Short code of the rule-specific detail at the peak: primary pollutants (air), target class (water), MN (offline).</summary>
    public string? Detail { get; set; }

    /// <summary>Message in Chinese, e.g. <c>唐家沱 小时AQI 156（中度污染），首要污染物 PM2.5</c>.</summary>
    public required string MessageZh { get; set; }

    /// <summary>Message in English.</summary>
    public required string MessageEn { get; set; }

    /// <summary>When the row was written (UTC, wall clock).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the row was last changed by the rule evaluation (UTC, wall clock).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who acknowledged (free text until accounts exist), or null.</summary>
    public string? AcknowledgedBy { get; set; }

    /// <summary>When acknowledged (UTC), or null.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>Acknowledgement note, or null.</summary>
    public string? AcknowledgeNote { get; set; }

    /// <summary>Who closed, or null.</summary>
    public string? ClosedBy { get; set; }

    /// <summary>When closed (UTC), or null.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Closing note (what was done), or null.</summary>
    public string? CloseNote { get; set; }
}

/// <summary>Alert rules (docs/alerts.md).</summary>
public enum AlertRule
{
    /// <summary>空气超标: live hourly AQI &gt; 100 (HJ 633-2012 level ≥ 3, GB 3095-2012 Grade II exceeded).</summary>
    AirAqiExceeded = 1,

    /// <summary>设备离线: a site with a registered device that has reported, silent longer than the offline threshold (3 h).</summary>
    DeviceOffline = 2,

    /// <summary>水质超标: a live water sample's GB 3838-2002 class worse than the section's target class.</summary>
    WaterClassExceeded = 3,

    /// <summary>数据标记: live values carrying an HJ 212-2017 data flag other than N (§6.6.4 table 8: F 停运, M 维护,
    /// S 手工输入, D 故障, C 校准, T 超上限, B 通讯异常).</summary>
    DeviceFlag = 4,

    /// <summary>设备口令错误: a registered MN was locked after repeated wrong PWs (password guessing or a misconfigured
    /// logger); detail = MN, value = wrong PWs counted. Ends when the MN next authenticates (docs/alerts.md rule 5).</summary>
    DevicePasswordFailures = 5,

    /// <summary>排放超标: a live judged hour of a discharge outlet above its permit limit (issue 16; source_exceedances).
    /// Value = the hour's 超标倍数 (peak = largest); severity by multiple (&lt; 0.5 minor, &lt; 1 moderate, ≥ 1 major — a
    /// platform choice, rule file <c>alert.severity_multiple</c>); detail = parameter codes. A judged hour within the limit
    /// ends the episode; an unjudged hour (invalid flag) does not.</summary>
    SourceLimitExceeded = 6,

    /// <summary>排放量预警: the run-rate projection of an outlet's annual permitted quantity crosses it within the 12-month
    /// window (issue 16; source_quantity_checks.crossing_date not null). Value = projected kg; detail = <c>code:crossing date</c>.</summary>
    EmissionQuantityProjected = 7,

    /// <summary>联单超期未确认 (issue 17 P4): at a receiver's waste-facility site, transfer manifests arrived and not confirmed
    /// after their receipt due day (arrival + 5 working days, 《危险废物转移管理办法》 Art. 18; <c>hw_manifests.receipt_due</c>).
    /// Value = number of such manifests (peak = most); detail = their numbers. Ends when none is left overdue.</summary>
    ManifestReceiptOverdue = 8,

    /// <summary>联单差异 (issue 17 P4): the receiver recorded a discrepancy (name, quantity beyond the tolerance,
    /// characteristics, form, packaging), a partial acceptance or a refusal (Art. 18); raised at the 移出人's facility site so
    /// the generator and the bureau see it. One episode per manifest, opened and ended at the record (an event), kept for
    /// handling; detail = <c>number:kinds</c>.</summary>
    ManifestDiscrepancy = 9,

    /// <summary>危险废物贮存超期 (issue 17 P5): a container in a waste facility (site kind <c>waste_facility</c>) stored more
    /// than 365 days (storage age 366+, <c>StorageAge</c>; 固废法 Art. 81, supervision.md §3.3). Detail
    /// <c>over_legal_limit|warning:count:identifier of the oldest</c> — legal limit for a 经营单位 (<c>hw_parties.is_business_unit</c>,
    /// severity major), a warning for others (moderate). Value = the oldest container's age in days. Ends when no container of
    /// the facility is over.</summary>
    WasteStoredOverYear = 10,

    /// <summary>医疗废物暂存超时 (issue 17 P6): a medical institution's 暂存间 (waste facility site) holds a handover stored more
    /// than 48 h ago (《医疗废物管理条例》 Art. 17, ≤ 2 days; <c>MedicalStorageRules</c>). Value = age in hours of the oldest held
    /// handover; detail = handovers held past the limit. Ends when no held handover is past the limit.</summary>
    MedicalStorageOverdue = 11,

    /// <summary>医疗废物收运超期 (issue 17 P6): waste is held in a 暂存间 and no collection took place for more than 48 h since the
    /// later of the last collection and the storage of the oldest held handover (条例 Art. 25, at least every 2 days). Value =
    /// hours since then; detail = the last collection date or <c>none</c>.</summary>
    MedicalCollectionOverdue = 12,

    /// <summary>投诉受理超期 (issue 18 P3): at the complaint desk site (<see cref="SiteKind.ComplaintDesk"/>), complaints still
    /// registered (no acceptance decision) after their acceptance due day (<c>complaints.acceptance_due</c>: registration
    /// day + 15 days, 《环保举报热线工作管理办法》 / 《信访工作条例》 Art. 22–23; complaint-rules.tsv). Value = number of such
    /// cases (peak = most); detail = their numbers. Ends when none is left overdue.</summary>
    ComplaintAcceptanceOverdue = 13,

    /// <summary>投诉办理超期 (issue 18 P3): at the complaint desk site, accepted complaints (accepted, assigned, handling) not
    /// replied after their handling due day (<c>complaints.handling_due</c>: acceptance day + 60 days, + an approved
    /// extension of ≤ 30 days; 《信访工作条例》 Art. 34). Value = number of cases; detail = their numbers. Ends when none is left.</summary>
    ComplaintHandlingOverdue = 14,

    /// <summary>紧急投诉待处置 (issue 18 P3): at the complaint desk site, complaints flagged 突发环境事件 or 群体性事件
    /// (<c>complaints.urgency</c> ≠ none; special immediate handling, 办法 [U]) that are registered or accepted but not yet
    /// assigned. Value = number of cases; severity major; detail = their numbers. Ends when every such case is assigned
    /// (or declined, merged, replied).</summary>
    ComplaintUrgent = 15,

    /// <summary>抽查结果公开超期 (issue 19): at the inspection desk site (<see cref="SiteKind.InspectionDesk"/>), 双随机 draw plans
    /// whose draw is committed but not published after their publication due day (<c>draw_plans.publish_due</c>: committed
    /// Beijing day + <c>publication.workdays</c> working days, draw-rules.tsv, 20 [U]; 《关于在市场监管领域全面推行部门联合
    /// "双随机、一公开"监管的意见》, supervision.md §6). Value = number of such plans (peak = most); detail = their plan ids.
    /// Ends when none is left (each published).</summary>
    DrawPublicationOverdue = 16,
}

/// <summary>Alert severity, named after HJ 633-2012 levels 3…6 (轻度/中度/重度/严重).</summary>
public enum AlertSeverity
{
    /// <summary>轻度 (AQI level 3; water one class worse than target).</summary>
    Minor = 1,

    /// <summary>中度 (AQI level 4; water two classes worse; device offline).</summary>
    Moderate = 2,

    /// <summary>重度 (AQI level 5; water three or more classes worse).</summary>
    Major = 3,

    /// <summary>严重 (AQI level 6).</summary>
    Severe = 4,
}

/// <summary>Handling status of an alert.</summary>
public enum AlertStatus
{
    /// <summary>未处理: raised, nobody has taken it.</summary>
    Open = 1,

    /// <summary>已确认: staff took it.</summary>
    Acknowledged = 2,

    /// <summary>已关闭: handled; a still-running condition stays in this row silently (no new alert until it ends).</summary>
    Closed = 3,
}
