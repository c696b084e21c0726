namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// State of a complaint, stored as snake_case text in <c>complaints.state</c> (<see cref="ComplaintWorkflow.Name(ComplaintState)"/>).
/// The steps follow 《环保举报热线工作管理办法》 (受理, 交办, 办理, 回复 — "事事有结果、件件有回音", Art. 4) and 《信访工作条例》
/// (60-day handling Art. 34, 复查 Art. 35, 复核 Art. 36) (supervision.md §5.1–5.2); the state names are SmartEnv's.
/// Transitions: <see cref="ComplaintWorkflow"/>. Thread-safe (an enum).
/// </summary>
public enum ComplaintState
{
    /// <summary>已登记 — recorded (Art. 8 of the 办法: time, reported unit, content, reporter, request); acceptance to be
    /// answered within 15 days.</summary>
    Registered,
    /// <summary>已受理 — accepted; handling due within 60 days (条例 Art. 34).</summary>
    Accepted,
    /// <summary>不予受理 — not accepted, with a <see cref="NotAcceptedReason"/>. Final.</summary>
    NotAccepted,
    /// <summary>已交办 — assigned to a street/town, section or department (<see cref="AssigneeKind"/>).</summary>
    Assigned,
    /// <summary>办理中 — findings recorded (on-site check, <see cref="Verification"/>); a reply is due.</summary>
    Handling,
    /// <summary>已回复 — the written reply (处理意见) was given.</summary>
    Replied,
    /// <summary>已回访 — the reporter was called back and rated the reply (<see cref="Satisfaction"/>).</summary>
    Visited,
    /// <summary>已办结 — closed. 复查 (or, after one, 复核) may still be asked within 30 days of the reply or decision.</summary>
    Closed,
    /// <summary>复查中 — the reporter asked for 复查 (条例 Art. 35); decision due within 30 days.</summary>
    UnderReview,
    /// <summary>复核中 — the reporter asked for 复核 after the 复查 decision (条例 Art. 36); decision due within 30 days.</summary>
    UnderRecheck,
    /// <summary>已合并 — merged into another case as its duplicate; the master's reply answers it. Final.</summary>
    Merged,
}

/// <summary>What moves a complaint between <see cref="ComplaintState"/>s (<see cref="ComplaintWorkflow"/>); stored as
/// snake_case text in <c>complaint_events.trigger</c>. Thread-safe (an enum).</summary>
public enum ComplaintTrigger
{
    /// <summary>受理 — accept (Registered → Accepted).</summary>
    Accept,
    /// <summary>不予受理 — decline with a reason (Registered → NotAccepted).</summary>
    Decline,
    /// <summary>交办 — assign, or reassign (Accepted/Assigned → Assigned).</summary>
    Assign,
    /// <summary>核查 — record findings (Assigned/Handling → Handling).</summary>
    RecordFindings,
    /// <summary>回复 — the written reply (Handling → Replied).</summary>
    Reply,
    /// <summary>回访 — call-back with the reporter's rating (Replied → Visited).</summary>
    Visit,
    /// <summary>办结 — close (Replied/Visited → Closed).</summary>
    Close,
    /// <summary>申请复查 — the reporter asks for 复查 (Replied/Visited/Closed → UnderReview), once (条例 Art. 35).</summary>
    RequestReview,
    /// <summary>复查决定 — the 复查 decision (UnderReview → Replied).</summary>
    DecideReview,
    /// <summary>申请复核 — the reporter asks for 复核 after a 复查 decision (Replied/Visited/Closed → UnderRecheck), once
    /// (条例 Art. 36).</summary>
    RequestRecheck,
    /// <summary>复核决定 — the 复核 decision (UnderRecheck → Closed); nothing follows (条例 Art. 36).</summary>
    DecideRecheck,
    /// <summary>合并 — merge into another case as a duplicate (Registered/Accepted → Merged).</summary>
    Merge,
}

/// <summary>How far a complaint went through 复查/复核 — the history <see cref="ComplaintWorkflow"/> needs besides the
/// state, because <see cref="ComplaintState.Replied"/>, <see cref="ComplaintState.Visited"/> and
/// <see cref="ComplaintState.Closed"/> are reached both before and after a review. Not stored: derived from the events
/// (<see cref="ComplaintWorkflow.StageOf"/>). Thread-safe (an enum).</summary>
public enum ComplaintReviewStage
{
    /// <summary>No 复查 decided yet: <see cref="ComplaintTrigger.RequestReview"/> is possible.</summary>
    None,
    /// <summary>A 复查 was decided: only <see cref="ComplaintTrigger.RequestRecheck"/> is possible (no second 复查).</summary>
    Reviewed,
    /// <summary>A 复核 was decided: neither 复查 nor 复核 again (条例 Art. 36: the same facts and reasons are not accepted again).</summary>
    Rechecked,
}
