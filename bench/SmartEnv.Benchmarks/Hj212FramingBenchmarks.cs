using System.Buffers;
using BenchmarkDotNet.Attributes;
using SmartEnv.Hj212;

namespace SmartEnv.Benchmarks;

/// <summary>Framing + Appendix A CRC of one packet (the gateway's per-read path before parsing). Target: zero
/// allocations.</summary>
[MemoryDiagnoser]
public class Hj212FramingBenchmarks
{
    private readonly Hj212Framer _framer = new();
    private byte[] _packet = [];

    /// <summary>Which packet: the simulator's air upload, the 2011 air upload with meteorology, or the 2051
    /// flue-gas upload.</summary>
    [Params("air-sim", "air-2011", "flue-gas-2051")]
    public string Packet { get; set; } = "air-sim";

    /// <summary>Selects the packet bytes.</summary>
    [GlobalSetup]
    public void Setup() => _packet = Hj212Packets.ByName(Packet);

    /// <summary>Cuts one frame and verifies its CRC; returns the CRC so the work is not optimised away.</summary>
    [Benchmark]
    public int FrameAndCrc()
    {
        var buffer = new ReadOnlySequence<byte>(_packet);
        _framer.TryReadFrame(ref buffer, false, out var frame);
        return frame.StandardCrcOk ? frame.ComputedCrc : -1;
    }
}
