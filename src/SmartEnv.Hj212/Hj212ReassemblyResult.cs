namespace SmartEnv.Hj212;

/// <summary>Outcome of adding one packet to a <see cref="Hj212SplitReassembler"/>. Immutable.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Record">The whole record for <see cref="Hj212ReassemblyStatus.NotSplit"/> and
/// <see cref="Hj212ReassemblyStatus.Complete"/>, else null.</param>
/// <param name="PartQns">QNs of the parts in PNO order (for logs; each part is acknowledged on its own).</param>
public sealed record Hj212ReassemblyResult(Hj212ReassemblyStatus Status, Hj212Packet? Record, IReadOnlyList<string?> PartQns);
