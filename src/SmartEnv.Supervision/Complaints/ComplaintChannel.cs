namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// How a complaint reached the bureau, stored as snake_case text (<c>phone</c>, <c>we_chat</c>, …). The channels of the
/// MEE monthly 12369 bulletins — 电话 (12369), 微信, 网上, 其他 — plus 来信 / 来访 of 信访 and 转办 (a case forwarded by an
/// upper or other body, 《信访工作条例》 Art. 23) (supervision.md §5.3 [S], §5.2 [P†]). Thread-safe (an enum).
/// </summary>
public enum ComplaintChannel
{
    /// <summary>电话 — the 12369 hotline (《环保举报热线工作管理办法》 Art. 2).</summary>
    Phone,
    /// <summary>微信 — the 12369 WeChat account.</summary>
    WeChat,
    /// <summary>网上 — a web form, including SmartEnv's public form and Open311 clients.</summary>
    Online,
    /// <summary>来信 — a letter.</summary>
    Letter,
    /// <summary>来访 — a visit in person.</summary>
    Visit,
    /// <summary>转办 — forwarded by another body (信访工作条例 Art. 23: notice within 15 days of receipt).</summary>
    Transferred,
    /// <summary>其他 — anything else (bulletin category 其他).</summary>
    Other,
}

/// <summary>
/// Whether a complaint needs immediate handling: reports involving a 突发环境事件 (environmental emergency) or a 群体性事件
/// (mass incident) are handled at once (《环保举报热线工作管理办法》, supervision.md §5.1 [U]: the one source's sentence is
/// cut off, so SmartEnv reads it as "immediately" and raises alert rule 15 until the case is assigned). Stored as
/// snake_case text. Thread-safe (an enum).
/// </summary>
public enum ComplaintUrgency
{
    /// <summary>Ordinary case: the deadlines of <see cref="ComplaintRules"/> apply.</summary>
    None,
    /// <summary>突发环境事件 — immediate handling.</summary>
    EnvironmentalEmergency,
    /// <summary>群体性事件 — immediate handling.</summary>
    MassIncident,
}
