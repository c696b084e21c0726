namespace SmartEnv.Storage.Entities.Inspections;

// Storage twins of the draw enums of SmartEnv.Supervision.Inspections.Draw (issue 19 P1) and the states of the 双随机
// inspection and enforcement records (issue 19 P3). Storage does not reference Supervision (README "Layout"), so the
// columns carry these twins; SmartEnv.Inspections maps them. Every twin is stored as its snake_case name
// (SnakeCaseEnumConverter), e.g. OnSite → on_site.

/// <summary>Life of a 双随机 draw plan (<c>draw_plans.status</c>): <c>draft|frozen|committed|published</c>. Draft: a header
/// saved before the lists are frozen (pages, P5); frozen: the object and inspector lists and the commitment hash are fixed
/// and published; committed: the secret and the public value are entered and the result is drawn (visible only to the
/// organiser); published: the result is public (the inspections started).</summary>
public enum StoredDrawPlanStatus
{
    /// <summary>草稿 — header only.</summary>
    Draft,
    /// <summary>已冻结 — lists and commitment hash fixed (<c>plan_json</c> without result).</summary>
    Frozen,
    /// <summary>已抽取 — drawn; result kept from the public.</summary>
    Committed,
    /// <summary>已公开 — result published.</summary>
    Published,
}

/// <summary>Twin of <c>TaskMode</c>: <c>on_site|off_site</c> (现场 / 非现场 for 正面清单 objects).</summary>
public enum StoredTaskMode
{
    /// <summary>现场检查.</summary>
    OnSite,
    /// <summary>非现场检查.</summary>
    OffSite,
}

/// <summary>State of a drawn inspection task (<c>inspection_tasks.status</c>): <c>pending|started|finished</c>.</summary>
public enum StoredInspectionTaskStatus
{
    /// <summary>待检查.</summary>
    Pending,
    /// <summary>检查中 (started; the draw result may be published).</summary>
    Started,
    /// <summary>已完成 (a record is stored).</summary>
    Finished,
}

/// <summary>Outcome of one checked item (<c>inspection_findings.outcome</c>): <c>compliant|problem</c>.</summary>
public enum StoredFindingOutcome
{
    /// <summary>未发现问题.</summary>
    Compliant,
    /// <summary>发现问题 (with a category).</summary>
    Problem,
}

/// <summary>Result of the follow-up check of a rectification order: <c>rectified|not_rectified</c>.</summary>
public enum StoredFollowUpResult
{
    /// <summary>已整改.</summary>
    Rectified,
    /// <summary>未按期整改 (counts as credit item <c>management.order</c>).</summary>
    NotRectified,
}

/// <summary>Type of an administrative penalty (行政处罚法 2021 Art. 9): <c>warning|fine|confiscation|licence|
/// production_restriction|closure|detention|other</c>.</summary>
public enum StoredPenaltyType
{
    /// <summary>警告、通报批评.</summary>
    Warning,
    /// <summary>罚款.</summary>
    Fine,
    /// <summary>没收违法所得、没收非法财物.</summary>
    Confiscation,
    /// <summary>暂扣许可证件、降低资质等级、吊销许可证件.</summary>
    Licence,
    /// <summary>限制开展生产经营活动、责令停产停业 (限产、停产整治).</summary>
    ProductionRestriction,
    /// <summary>责令关闭、限制从业.</summary>
    Closure,
    /// <summary>移送公安机关行政拘留.</summary>
    Detention,
    /// <summary>其他.</summary>
    Other,
}

/// <summary>State of an enforcement case (<c>enforcement_cases.status</c>): <c>filed|notified|decided|executed|closed|
/// revoked</c> (立案 → 告知 → 决定 → 执行 → 结案; 撤销).</summary>
public enum StoredEnforcementStatus
{
    /// <summary>已立案.</summary>
    Filed,
    /// <summary>已告知 (事先告知).</summary>
    Notified,
    /// <summary>已决定 (处罚决定书): counts for credit from here on.</summary>
    Decided,
    /// <summary>已执行.</summary>
    Executed,
    /// <summary>已结案.</summary>
    Closed,
    /// <summary>已撤销 (no penalty; never counts for credit).</summary>
    Revoked,
}
