namespace SmartEnv.Supervision.Complaints.Statistics;

/// <summary>
/// Status of a case as the MEE monthly 12369 bulletin counts it (supervision.md §5.3: 受理 / 未受理 (线索不详 or 不属于生态
/// 环境部门职责) / 受理中 / 已办结 [S]), plus the two states a district desk also has: 待受理 (registered, no decision yet)
/// and 合并办理 (a duplicate merged into another case). 受理 = <see cref="Handling"/> + <see cref="Closed"/>; 未受理 = the three
/// <c>NotAccepted…</c> buckets. SmartEnv rule for the mapping from the workflow (docs/complaints.md, P4).
/// </summary>
public enum BulletinStatus
{
    /// <summary>待受理: registered, acceptance not yet decided.</summary>
    Pending,
    /// <summary>受理中: accepted, no written reply yet (受理, 交办, 办理).</summary>
    Handling,
    /// <summary>已办结: accepted and answered in writing (办结, 回访, 结案; a later 复查/复核 does not undo it).</summary>
    Closed,
    /// <summary>未受理 — 线索不详 (NotAcceptedReason.Unclear).</summary>
    NotAcceptedUnclear,
    /// <summary>未受理 — 不属于生态环境部门职责 (NotAcceptedReason.OutsideRemit).</summary>
    NotAcceptedOutsideRemit,
    /// <summary>未受理 — 其他原因 (已进入诉讼/仲裁/复议, 已受理, 重复举报; 办法 Art. 7 as in supervision.md §5.1).</summary>
    NotAcceptedOther,
    /// <summary>合并办理: a duplicate merged into another case (its handling figures are the master's).</summary>
    Merged,
}

/// <summary>
/// One complaint as the bulletin tally needs it; built by the job from the store (no reporter data: the tally never sees
/// who complained). Immutable; thread-safe.
/// </summary>
/// <param name="Number">Case number (<c>TS…</c>), carried for tracing only.</param>
/// <param name="RegisteredOn">Beijing date of registration: the case belongs to that month.</param>
/// <param name="Channel">Intake channel.</param>
/// <param name="Types">Pollution type codes of complaint-categories.tsv, top-level and sub-types mixed (a sub-type implies
/// its parent: <c>air.odour</c> alone counts for <c>air</c> too); duplicates ignored. Empty counts as no type.</param>
/// <param name="StreetCode">12-digit street code (<c>DistrictStreets</c>), or null when not located.</param>
/// <param name="IndustryCode">GB/T 4754-2017 code of the reported enterprise when it matched the registry, else null.</param>
/// <param name="Status">Bulletin status bucket.</param>
/// <param name="Overdue">True when an acceptance or handling deadline passed before it was met (the job decides, as of
/// the report).</param>
/// <param name="Verification">属实 / 部分属实 / 不属实 from the findings, null when none recorded.</param>
/// <param name="Satisfaction">回访 result, null when not visited.</param>
public sealed record TallyCase(
    string Number,
    DateOnly RegisteredOn,
    ComplaintChannel Channel,
    IReadOnlyCollection<string> Types,
    string? StreetCode,
    string? IndustryCode,
    BulletinStatus Status,
    bool Overdue,
    Verification? Verification,
    Satisfaction? Satisfaction);

/// <summary>One row of a breakdown.</summary>
/// <param name="Key">What the row counts: a channel name (<c>Phone</c>…), a street code, a section letter, a status name;
/// <see cref="BulletinTally.None"/> (empty string) for 未定位 / 未关联企业.</param>
/// <param name="Count">Cases.</param>
/// <param name="Share">Count ÷ the month's total case count (0–1, unrounded); null when the total is 0.</param>
public sealed record TallyRow(string Key, int Count, decimal? Share);

/// <summary>One pollution type row with its changes.</summary>
/// <param name="Code">Type code (<c>noise</c>, <c>noise.construction</c>…).</param>
/// <param name="Parent">Top-level code of a sub-type; null for a top-level row.</param>
/// <param name="Count">Cases of the month having the type (a case with several types counts in each).</param>
/// <param name="Share">Count ÷ the month's total case count; shares of the types may sum to more than 1 (multi-valued).</param>
/// <param name="PreviousMonth">Cases of the previous month having the type.</param>
/// <param name="LastYear">Cases of the same month a year before having the type.</param>
/// <param name="MonthOnMonth">环比: (Count − PreviousMonth) ÷ PreviousMonth; null ("—") when PreviousMonth is 0.</param>
/// <param name="YearOnYear">同比: (Count − LastYear) ÷ LastYear; null ("—") when LastYear is 0.</param>
public sealed record TypeRow(string Code, string? Parent, int Count, decimal? Share, int PreviousMonth, int LastYear,
    decimal? MonthOnMonth, decimal? YearOnYear);

/// <summary>A rate kept as its two counts, so that a reader sees what it is made of.</summary>
/// <param name="Numerator">Cases counted.</param>
/// <param name="Denominator">Cases it is a share of.</param>
public sealed record TallyRate(int Numerator, int Denominator)
{
    /// <summary>Numerator ÷ Denominator (unrounded), null when the denominator is 0.</summary>
    public decimal? Value => Denominator == 0 ? null : (decimal)Numerator / Denominator;
}

/// <summary>
/// The monthly bulletin of a district: what MEE's monthly 12369 bulletin reports (supervision.md §5.3), for the cases
/// registered in one month. Shares are of <see cref="Total"/>; type shares can sum to more than 100 % because one case may
/// name several types. Immutable.
/// </summary>
/// <param name="Year">Year.</param>
/// <param name="Month">Month 1–12.</param>
/// <param name="Total">举报件 received in the month (merged duplicates included: each is a report received).</param>
/// <param name="PreviousMonthTotal">Received in the previous month.</param>
/// <param name="LastYearTotal">Received in the same month a year before.</param>
/// <param name="MonthOnMonth">环比 of the total, null when the previous month had none.</param>
/// <param name="YearOnYear">同比 of the total, null when the same month a year before had none.</param>
/// <param name="ByChannel">Every channel in enum order (zeros kept).</param>
/// <param name="ByType">Every known type (top level, each followed by its sub-types) then unknown codes seen.</param>
/// <param name="ByStreet">The 12 streets in code order, then 未定位 (key "").</param>
/// <param name="ByIndustry">Sections seen, in letter order, then 未关联企业 (key "") when any.</param>
/// <param name="ByStatus">Every <see cref="BulletinStatus"/> in enum order (zeros kept).</param>
/// <param name="Accepted">受理 = 受理中 + 已办结.</param>
/// <param name="NotAccepted">未受理 (all reasons).</param>
/// <param name="Closed">已办结.</param>
/// <param name="Overdue">超期: cases with the overdue flag, merged duplicates excluded.</param>
/// <param name="AcceptanceRate">受理率 = 受理 ÷ <see cref="Total"/> (cases still 待受理 and merged duplicates are in the
/// denominator, as every report received is in the bulletin's).</param>
/// <param name="ClosureRate">办结率 = 已办结 ÷ 受理.</param>
/// <param name="TrueRate">属实率 = (属实 + 部分属实) ÷ cases with a finding (merged duplicates excluded).</param>
/// <param name="SatisfactionRate">满意率 = (满意 + 基本满意) ÷ cases visited (merged duplicates excluded).</param>
public sealed record BulletinReport(
    int Year, int Month, int Total, int PreviousMonthTotal, int LastYearTotal, decimal? MonthOnMonth, decimal? YearOnYear,
    IReadOnlyList<TallyRow> ByChannel, IReadOnlyList<TypeRow> ByType, IReadOnlyList<TallyRow> ByStreet,
    IReadOnlyList<TallyRow> ByIndustry, IReadOnlyList<TallyRow> ByStatus,
    int Accepted, int NotAccepted, int Closed, int Overdue, TallyRate AcceptanceRate, TallyRate ClosureRate, TallyRate TrueRate, TallyRate SatisfactionRate);

/// <summary>One row of the per-street table (<see cref="BulletinTally.Streets"/>).</summary>
/// <param name="StreetCode">12-digit street code, or <see cref="BulletinTally.None"/> for 未定位.</param>
/// <param name="Count">Cases received (merged duplicates included).</param>
/// <param name="Accepted">受理 (受理中 + 已办结).</param>
/// <param name="Closed">已办结.</param>
/// <param name="Overdue">超期 (merged duplicates excluded).</param>
/// <param name="Verified">属实 + 部分属实.</param>
/// <param name="ByTopType">Cases per top-level type code (every top-level type, zeros kept; multi-valued).</param>
public sealed record StreetRow(string StreetCode, int Count, int Accepted, int Closed, int Overdue, int Verified,
    IReadOnlyDictionary<string, int> ByTopType);
