namespace SmartEnv.Hj212;

/// <summary>What <see cref="Hj212SplitReassembler.Add"/> did with a packet.</summary>
public enum Hj212ReassemblyStatus
{
    /// <summary>Not a split packet (Flag D not set or PNUM/PNO absent, or PNUM = 1): the packet is the record.</summary>
    NotSplit = 0,
    /// <summary>Part stored; other parts are still missing.</summary>
    Pending = 1,
    /// <summary>This part completed the record.</summary>
    Complete = 2,
    /// <summary>A part with this PNO was already held (a retransmission); ignored.</summary>
    Duplicate = 3,
}
