namespace SmartEnv.Storage.Entities.Complaints;

// Storage twins of the complaint rule enums of SmartEnv.Supervision.Complaints (P1). Storage does not reference
// Supervision (README "Layout"; ArchitectureTests), so the columns carry these twins, member for member the same names;
// SmartEnv.Complaints.Intake.ComplaintEnumMap maps one to the other BY NAME and a test checks the names are equal.
// Every twin is stored as its snake_case name (SnakeCaseEnumConverter), e.g. WeChat → we_chat, PartlyTrue → partly_true.

/// <summary>Storage twin of <c>SmartEnv.Supervision.Complaints.ComplaintChannel</c>: how a complaint came in — 电话(12369)
/// 微信 网上 来信 来访 转办 其他. Stored <c>phone|we_chat|online|letter|visit|transferred|other</c>. Source: supervision.md §5.3
/// (MEE monthly 12369 bulletins: 电话, 微信, 网上, 其他; 来信/来访 under 信访) [S].</summary>
public enum StoredComplaintChannel
{
    /// <summary>电话 (12369 hotline).</summary>
    Phone,
    /// <summary>微信 (12369 WeChat account).</summary>
    WeChat,
    /// <summary>网上 (web form; the public form of this platform; Open311).</summary>
    Online,
    /// <summary>来信 (letter).</summary>
    Letter,
    /// <summary>来访 (visit).</summary>
    Visit,
    /// <summary>转办 (transferred from another authority, e.g. 市局 or 12345).</summary>
    Transferred,
    /// <summary>其他.</summary>
    Other,
}

/// <summary>Storage twin of <c>ComplaintUrgency</c>: <c>none|environmental_emergency|mass_incident</c> (突发环境事件 /
/// 群体性事件 are handled at once). Source: supervision.md §5.1 (部令第15号, special handling) [U].</summary>
public enum StoredComplaintUrgency
{
    /// <summary>Ordinary case.</summary>
    None,
    /// <summary>突发环境事件.</summary>
    EnvironmentalEmergency,
    /// <summary>群体性事件.</summary>
    MassIncident,
}

/// <summary>Storage twin of <c>ComplaintState</c> (the Stateless workflow of P1): <c>registered|accepted|not_accepted|
/// assigned|handling|replied|visited|closed|under_review|under_recheck|merged</c>.</summary>
public enum StoredComplaintState
{
    /// <summary>登记 (received, not yet decided).</summary>
    Registered,
    /// <summary>受理.</summary>
    Accepted,
    /// <summary>不予受理 (with a <see cref="StoredNotAcceptedReason"/>).</summary>
    NotAccepted,
    /// <summary>交办 (to a street, section or department).</summary>
    Assigned,
    /// <summary>办理中 (findings recorded).</summary>
    Handling,
    /// <summary>已答复.</summary>
    Replied,
    /// <summary>已回访.</summary>
    Visited,
    /// <summary>办结.</summary>
    Closed,
    /// <summary>复查中 (信访工作条例 Art. 35).</summary>
    UnderReview,
    /// <summary>复核中 (Art. 36).</summary>
    UnderRecheck,
    /// <summary>并案 (a duplicate merged into a master; the public sees the master's state and reply).</summary>
    Merged,
}

/// <summary>Storage twin of <c>ComplaintTrigger</c>, for reference: <c>complaint_events.trigger</c> stores the snake_case
/// trigger name (or <c>register</c>, which is not a trigger of the workflow) as text.</summary>
public enum StoredComplaintTrigger
{
    /// <summary>受理.</summary>
    Accept,
    /// <summary>不予受理.</summary>
    Decline,
    /// <summary>交办.</summary>
    Assign,
    /// <summary>核查结果.</summary>
    RecordFindings,
    /// <summary>答复.</summary>
    Reply,
    /// <summary>回访.</summary>
    Visit,
    /// <summary>办结.</summary>
    Close,
    /// <summary>申请复查.</summary>
    RequestReview,
    /// <summary>复查意见.</summary>
    DecideReview,
    /// <summary>申请复核.</summary>
    RequestRecheck,
    /// <summary>复核意见.</summary>
    DecideRecheck,
    /// <summary>并案.</summary>
    Merge,
}

/// <summary>Storage twin of <c>NotAcceptedReason</c> (supervision.md §5.1, 部令第15号 not-accepted cases; 信访工作条例
/// Art. 19, 36):
/// <c>outside_remit|legal_proceedings|already_accepted|repeat_after_reply|unclear</c>.</summary>
public enum StoredNotAcceptedReason
{
    /// <summary>不属于生态环境部门职责 (to be redirected).</summary>
    OutsideRemit,
    /// <summary>已进入或应通过诉讼、仲裁、行政复议等法定途径解决.</summary>
    LegalProceedings,
    /// <summary>已受理且正在办理 (same matter).</summary>
    AlreadyAccepted,
    /// <summary>已答复且无新的事实和理由.</summary>
    RepeatAfterReply,
    /// <summary>举报内容不清 (no place, no fact).</summary>
    Unclear,
}

/// <summary>Storage twin of <c>Verification</c>: 属实 / 部分属实 / 不属实, stored <c>true|partly_true|false</c>.</summary>
public enum StoredVerification
{
    /// <summary>属实.</summary>
    True,
    /// <summary>部分属实.</summary>
    PartlyTrue,
    /// <summary>不属实.</summary>
    False,
}

/// <summary>Storage twin of <c>Satisfaction</c> (回访): 满意 / 基本满意 / 不满意, stored
/// <c>satisfied|basically_satisfied|dissatisfied</c>.</summary>
public enum StoredSatisfaction
{
    /// <summary>满意.</summary>
    Satisfied,
    /// <summary>基本满意.</summary>
    BasicallySatisfied,
    /// <summary>不满意.</summary>
    Dissatisfied,
}

/// <summary>Storage twin of <c>AssigneeKind</c>: 街道/镇, 科室, 其他部门, stored <c>street|section|department</c>.</summary>
public enum StoredAssigneeKind
{
    /// <summary>街道/镇 (code of jiangbei-streets.tsv).</summary>
    Street,
    /// <summary>局内科室.</summary>
    Section,
    /// <summary>其他部门 (转办).</summary>
    Department,
}

/// <summary>Storage twin of <c>DuplicateReason</c>: <c>same_place|same_enterprise</c> (SmartEnv rule, complaint-rules.tsv).</summary>
public enum StoredDuplicateReason
{
    /// <summary>Shared top-level pollution type within the duplicate radius and window.</summary>
    SamePlace,
    /// <summary>Same reported USCC within the window.</summary>
    SameEnterprise,
}

/// <summary>What staff decided on a duplicate proposal: <c>pending|merged|dismissed</c>. Storage-only (no rule twin).</summary>
public enum DuplicateDecision
{
    /// <summary>Proposed, not yet decided.</summary>
    Pending,
    /// <summary>Merged (并案): the candidate's <c>merged_into_id</c> names the master.</summary>
    Merged,
    /// <summary>Not the same matter.</summary>
    Dismissed,
}
