namespace SmartEnv.Supervision.Waste.Manifests;

/// <summary>
/// State of an electronic transfer manifest (电子联单), stored as snake_case text in <c>hw_manifests.state</c>
/// (<see cref="ManifestWorkflow.Name(ManifestState)"/>). The states are <b>derived by SmartEnv from 《危险废物转移管理办法》 Art. 10–20</b>;
/// the 办法 names none (supervision.md §3.4 [U]). Transitions: <see cref="ManifestWorkflow"/>.
/// <see cref="Accepted"/>, <see cref="PartiallyAccepted"/> and <see cref="Rejected"/> are final.
/// </summary>
public enum ManifestState
{
    /// <summary>填写中 — the 移出人 is filling it in; nothing signed yet, edits need no version.</summary>
    Draft,
    /// <summary>已提交 / 待运输 — signed and submitted by the 移出人 (Art. 10(四)); waiting for the 承运人.</summary>
    Submitted,
    /// <summary>运输中 — the 承运人 took the waste over (vehicle, licence, start of transport; Art. 11(二)).</summary>
    InTransit,
    /// <summary>已运抵 — the 承运人 delivered (end of transport); the 接受人 must confirm within 5 working days (Art. 18).</summary>
    Arrived,
    /// <summary>已接受 — the 接受人 accepted all of it (quantity received, method; Art. 12(二)). Final.</summary>
    Accepted,
    /// <summary>部分接受 — the 接受人 accepted part of it and recorded the discrepancy (Art. 18). Final.</summary>
    PartiallyAccepted,
    /// <summary>拒收 — the 接受人 refused it and recorded why (Art. 18). Final.</summary>
    Rejected,
    /// <summary>纸质联单待补录 — the system was unavailable and a paper manifest ran first; the 移出人 back-fills the electronic
    /// one within 10 working days after the transfer (Art. 20).</summary>
    PaperPending,
}

/// <summary>What moves a manifest between <see cref="ManifestState"/>s (<see cref="ManifestWorkflow"/>).</summary>
public enum ManifestTrigger
{
    /// <summary>移出人 submits (signs) the draft.</summary>
    Submit,
    /// <summary>承运人 takes the waste over (start of transport).</summary>
    PickUp,
    /// <summary>承运人 delivers (end of transport).</summary>
    Arrive,
    /// <summary>接受人 accepts all.</summary>
    Accept,
    /// <summary>接受人 accepts part and records the discrepancy.</summary>
    AcceptPartially,
    /// <summary>接受人 refuses.</summary>
    Reject,
    /// <summary>移出人 records that a paper manifest ran instead (system unavailable, Art. 20).</summary>
    RecordPaper,
    /// <summary>移出人 back-fills the electronic manifest after a paper one; the manifest is then arrived and waits for
    /// the 接受人's confirmation.</summary>
    BackFill,
    /// <summary>移出人 corrects the content; once a party has signed (any state but <see cref="ManifestState.Draft"/>) this
    /// is a new version with a reason, the earlier one stays readable.</summary>
    Correct,
}

/// <summary>Who acts on a manifest: the three parties (办法 Art. 31) or the bureau's staff.</summary>
public enum ManifestRole
{
    /// <summary>移出人 — the generator or collector the waste leaves.</summary>
    Generator,
    /// <summary>承运人 — the carrier.</summary>
    Carrier,
    /// <summary>接受人 — the receiver (经营单位 with a licence, or a central medical-waste disposal unit).</summary>
    Receiver,
    /// <summary>The bureau's staff: read only, no trigger.</summary>
    Staff,
}

/// <summary>Kind of manifest, stored as text in <c>hw_manifests.kind</c>.</summary>
public enum ManifestKind
{
    /// <summary>危险废物 — any code of the national list.</summary>
    Hazardous,
    /// <summary>医疗废物 — the same machinery, HW01 codes only (supervision.md §4: 条例 Art. 11).</summary>
    Medical,
}

/// <summary>
/// What the 接受人 found different from the manifest (办法 Art. 18: name, quantity, characteristics, form or packaging).
/// Flags; stored as an int in <c>hw_manifests.discrepancy</c>. <see cref="Quantity"/> is set by the platform when a received
/// quantity differs beyond <see cref="QuantityTolerance"/>; the receiver declares the others.
/// </summary>
[Flags]
public enum ManifestDiscrepancy
{
    /// <summary>No difference.</summary>
    None = 0,
    /// <summary>名称 — the waste is not what the manifest names.</summary>
    Name = 1,
    /// <summary>数量 — received quantity beyond the tolerance.</summary>
    Quantity = 2,
    /// <summary>危险特性 — hazard characteristics differ.</summary>
    Characteristics = 4,
    /// <summary>形态 — physical form differs.</summary>
    Form = 8,
    /// <summary>包装 — packaging differs.</summary>
    Packaging = 16,
}
