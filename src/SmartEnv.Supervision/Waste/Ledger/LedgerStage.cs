namespace SmartEnv.Supervision.Waste.Ledger;

/// <summary>
/// The stages of the hazardous-waste ledger, HJ 1259-2022 §6.3 (supervision.md §3.2): 产生 → 入库 → 出库 → 自行利用/处置 or
/// 委外利用/处置. A container's state is the stage of its last entry; <see cref="LedgerStages.CanFollow"/> says which stage
/// may follow which. Stored by SmartEnv.Storage as its twin <c>WasteLedgerStage</c> (same names, snake_case text).
/// </summary>
public enum LedgerStage
{
    /// <summary>产生 (generated; the container gets its identifier).</summary>
    Generated,
    /// <summary>入库 (put into a storage facility; storage age starts).</summary>
    Stored,
    /// <summary>出库 (taken out of storage).</summary>
    Removed,
    /// <summary>自行利用/处置 (utilised or disposed of in the unit's own facility).</summary>
    SelfUsed,
    /// <summary>委外利用/处置 (handed over to a receiver under a transfer manifest).</summary>
    Transferred,
}

/// <summary>
/// The order of ledger stages for one container (SmartEnv rule reading HJ 1259-2022 §6.3, whose per-stage fields link
/// each stage to the previous one's batch code: 入库 names the 产生批次, 出库 the 入库批次, 利用/处置 and 委外 the
/// 产生/出库批次): 产生 → 入库; 入库 → 出库; 产生 or 出库 → 自行利用/处置 or 委外 (waste may leave without being stored, e.g.
/// used at once or collected the same day); 出库 → 入库 (moved to another storage facility). 自行利用/处置 and 委外 are final.
/// Thread-safe (stateless).
/// </summary>
public static class LedgerStages
{
    /// <summary>True when a container in state <paramref name="current"/> may get an entry of stage <paramref name="next"/>.</summary>
    /// <param name="current">The stage of its last entry.</param>
    /// <param name="next">The proposed stage.</param>
    public static bool CanFollow(LedgerStage current, LedgerStage next) => (current, next) switch
    {
        (LedgerStage.Generated, LedgerStage.Stored) => true,
        (LedgerStage.Generated, LedgerStage.SelfUsed or LedgerStage.Transferred) => true,
        (LedgerStage.Stored, LedgerStage.Removed) => true,
        (LedgerStage.Removed, LedgerStage.Stored or LedgerStage.SelfUsed or LedgerStage.Transferred) => true,
        _ => false,
    };

    /// <summary>True for a final stage (自行利用/处置, 委外): nothing may follow.</summary>
    /// <param name="stage">A stage.</param>
    public static bool IsFinal(LedgerStage stage) => stage is LedgerStage.SelfUsed or LedgerStage.Transferred;

    /// <summary>The Chinese name of the stage as HJ 1259-2022 §6.3 writes it.</summary>
    /// <param name="stage">A stage.</param>
    public static string NameZh(LedgerStage stage) => stage switch
    {
        LedgerStage.Generated => "产生",
        LedgerStage.Stored => "入库",
        LedgerStage.Removed => "出库",
        LedgerStage.SelfUsed => "自行利用/处置",
        LedgerStage.Transferred => "委外利用/处置",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>The route segment of a stage (<c>/hw/containers/{identifier}/{stage}</c>): <c>stored</c>, <c>removed</c>,
    /// <c>self-used</c>, <c>transferred</c> (<c>generated</c> is the container's creation, not a segment).</summary>
    /// <param name="segment">The segment, case-insensitive.</param>
    /// <param name="stage">The stage when recognised.</param>
    public static bool TryParseSegment(string? segment, out LedgerStage stage)
    {
        switch (segment?.ToLowerInvariant())
        {
            case "stored": stage = LedgerStage.Stored; return true;
            case "removed": stage = LedgerStage.Removed; return true;
            case "self-used": stage = LedgerStage.SelfUsed; return true;
            case "transferred": stage = LedgerStage.Transferred; return true;
            default: stage = default; return false;
        }
    }
}
