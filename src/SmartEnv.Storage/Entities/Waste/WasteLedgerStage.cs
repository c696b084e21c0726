namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// Stage of a ledger entry and the state of a container (HJ 1259-2022 §6.3): stored as <c>generated</c> (产生) |
/// <c>stored</c> (入库) | <c>removed</c> (出库) | <c>self_used</c> (自行利用/处置) | <c>transferred</c> (委外利用/处置).
/// The storage twin of <c>SmartEnv.Supervision.Waste.Ledger.LedgerStage</c> (Storage does not reference Supervision; the
/// ledger service maps one to the other by name).
/// </summary>
public enum WasteLedgerStage
{
    /// <summary>产生.</summary>
    Generated,
    /// <summary>入库 (into a storage facility).</summary>
    Stored,
    /// <summary>出库 (out of a storage facility).</summary>
    Removed,
    /// <summary>自行利用/处置.</summary>
    SelfUsed,
    /// <summary>委外利用/处置 (handed over under a manifest).</summary>
    Transferred,
}
