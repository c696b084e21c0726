namespace SmartEnv.Supervision.Explanations;

/// <summary>
/// State of an 异常说明 (explanation an enterprise files for abnormal outlet data: 停产, 检修, 故障 …), stored as snake_case
/// text (<c>submitted|accepted|rejected|withdrawn</c>) in <c>source_explanations.state</c>. Transitions:
/// <see cref="ExplanationWorkflow"/>. <see cref="Rejected"/> and <see cref="Withdrawn"/> are final: the enterprise files a
/// new explanation instead (SmartEnv rule: a decided record is never reopened, so the audit trail reads one way).
/// </summary>
public enum ExplanationState
{
    /// <summary>已提交 — filed by the enterprise, awaiting a staff decision. Marks nothing.</summary>
    Submitted,
    /// <summary>已采纳 — accepted by staff: the covered hours carry the explanation (never deleted; issue 16).</summary>
    Accepted,
    /// <summary>已驳回 — rejected by staff (from submitted, or an accepted one revoked). Final.</summary>
    Rejected,
    /// <summary>已撤回 — withdrawn by the enterprise before a decision. Final.</summary>
    Withdrawn,
}

/// <summary>What moves an explanation between <see cref="ExplanationState"/>s (<see cref="ExplanationWorkflow"/>).</summary>
public enum ExplanationTrigger
{
    /// <summary>Staff accept (采纳).</summary>
    Accept,
    /// <summary>Staff reject (驳回), or revoke an accepted explanation.</summary>
    Reject,
    /// <summary>The enterprise withdraws its own explanation (撤回).</summary>
    Withdraw,
}

/// <summary>
/// Why the outlet's data are abnormal, stored as snake_case text in <c>source_explanations.reason</c>. Which reasons
/// take hours out of the 有效传输率 denominators is a rule-file matter of the rates (online-monitoring-rates.md §2.4, PARTIAL:
/// accepted 停产/停运 hours are excused; 故障 and 检修 hours are marked but still count) — not decided here.
/// </summary>
public enum ExplanationReason
{
    /// <summary>停产 / 停运 — the production or the treatment facility did not run.</summary>
    Shutdown,
    /// <summary>检修 — maintenance, calibration or repair of the monitoring equipment or the facility, planned.</summary>
    Maintenance,
    /// <summary>故障 — a fault of the monitoring equipment or the data link.</summary>
    Fault,
    /// <summary>其他 — anything else, described in the text.</summary>
    Other,
}
