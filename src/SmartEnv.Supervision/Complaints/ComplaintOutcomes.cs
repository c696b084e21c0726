namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// Why a complaint is not accepted (不予受理), 《环保举报热线工作管理办法》 (supervision.md §5.1 [S]). Stored as snake_case
/// text. Each reason obliges a different answer to the reporter (noted per member). Thread-safe (an enum).
/// </summary>
public enum NotAcceptedReason
{
    /// <summary>Outside the environmental remit (不属于生态环境部门职责): tell the reporter which body to go to; a forwarded case
    /// outside the remit is objected to within 5 working days (信访工作条例 Art. 23).</summary>
    OutsideRemit,
    /// <summary>Belongs to, or is already in, litigation, arbitration or administrative reconsideration.</summary>
    LegalProceedings,
    /// <summary>The same report is already accepted: not accepted again, but the reporter is told how to query progress and
    /// result (the case is linked to the accepted one).</summary>
    AlreadyAccepted,
    /// <summary>The reporter, dissatisfied with the reply, repeats the same facts and reasons: not accepted, told to seek
    /// 复查 / 复核 (信访工作条例 Art. 35–36).</summary>
    RepeatAfterReply,
    /// <summary>线索不详 — too unclear to act on (MEE bulletin status "未受理 (线索不详)", supervision.md §5.3 [S]).</summary>
    Unclear,
}

/// <summary>The finding of the investigation (核查结果): 属实 / 部分属实 / 不属实, as the MEE bulletins and local 12369 replies
/// report it (supervision.md §5.3 [S]). Stored as snake_case text. Thread-safe (an enum).</summary>
public enum Verification
{
    /// <summary>属实 — the complaint is true.</summary>
    True,
    /// <summary>部分属实 — partly true.</summary>
    PartlyTrue,
    /// <summary>不属实 — not true.</summary>
    False,
}

/// <summary>The reporter's rating of the reply (回访满意度): 满意 / 基本满意 / 不满意 — the three grades used by 12369 回访
/// (SmartEnv rule: no national text fixes the scale; the three grades are the common practice). Stored as snake_case
/// text. Thread-safe (an enum).</summary>
public enum Satisfaction
{
    /// <summary>满意.</summary>
    Satisfied,
    /// <summary>基本满意.</summary>
    BasicallySatisfied,
    /// <summary>不满意.</summary>
    Dissatisfied,
}

/// <summary>Who a case is assigned to (交办): a street/town of the district (属地管理, 《环保举报热线工作管理办法》 Art. 3), a
/// section of the bureau, or another department (转送). Stored as snake_case text. Thread-safe (an enum).</summary>
public enum AssigneeKind
{
    /// <summary>街道/镇 — one of the 12 of <see cref="District.DistrictStreets"/> (code = its 12-digit code).</summary>
    Street,
    /// <summary>科室 — a section of the bureau.</summary>
    Section,
    /// <summary>其他部门 — another department (e.g. urban management for cooking fumes of small restaurants).</summary>
    Department,
}
