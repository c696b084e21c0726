using System.Buffers;
using BenchmarkDotNet.Attributes;
using SmartEnv.Hj212;

namespace SmartEnv.Benchmarks;

/// <summary>Framing + CRC + full strict parse of one packet into an <see cref="Hj212Packet"/>, with framing + CRC alone
/// as the baseline of the same run: the Ratio column is parse / (frame + CRC) (issue 15 goal 4: ≤ 2).</summary>
[MemoryDiagnoser]
public class Hj212ParseBenchmarks
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

    /// <summary>The baseline: cuts one frame and verifies its CRC (as <see cref="Hj212FramingBenchmarks.FrameAndCrc"/>).</summary>
    [Benchmark(Baseline = true)]
    public int FrameAndCrc()
    {
        var buffer = new ReadOnlySequence<byte>(_packet);
        _framer.TryReadFrame(ref buffer, false, out var frame);
        return frame.StandardCrcOk ? frame.ComputedCrc : -1;
    }

    /// <summary>Frames, checks and parses one packet under the strict policy (header fields, every CP entry's key,
    /// code shape, field name, number shape and DataTime validated; key/value strings not yet created); returns the
    /// number of CP entries.</summary>
    [Benchmark]
    public int FrameAndParse()
    {
        var buffer = new ReadOnlySequence<byte>(_packet);
        _framer.TryReadFrame(ref buffer, false, out var frame);
        return Hj212Parser.Parse(frame, Hj212ParsePolicy.Strict).Packet!.Cp.Count;
    }

    /// <summary>As <see cref="FrameAndParse"/>, then reads every CP entry's key and value text (what a consumer that
    /// stores all values pays); returns the total value length.</summary>
    [Benchmark]
    public int FrameParseAndReadValues()
    {
        var buffer = new ReadOnlySequence<byte>(_packet);
        _framer.TryReadFrame(ref buffer, false, out var frame);
        int n = 0;
        foreach (var e in Hj212Parser.Parse(frame, Hj212ParsePolicy.Strict).Packet!.Cp) n += e.Key.Length + e.Value.Length;
        return n;
    }
}
