using System.Buffers;
using BenchmarkDotNet.Attributes;
using SmartEnv.Hj212;

namespace SmartEnv.Benchmarks;

/// <summary>Framing + CRC + full parse (tolerant policy) of one packet into an <see cref="Hj212Packet"/>.</summary>
[MemoryDiagnoser]
public class Hj212ParseBenchmarks
{
    private readonly Hj212Framer _framer = new();
    private byte[] _packet = [];

    /// <summary>Which packet: the 2011 air upload or the 2051 flue-gas upload.</summary>
    [Params("air-2011", "flue-gas-2051")]
    public string Packet { get; set; } = "air-2011";

    /// <summary>Selects the packet bytes.</summary>
    [GlobalSetup]
    public void Setup() => _packet = Packet == "air-2011" ? Hj212Packets.Air2011 : Hj212Packets.FlueGas2051;

    /// <summary>Frames, checks and parses one packet (every CP entry validated; key/value strings not yet created);
    /// returns the number of CP entries.</summary>
    [Benchmark]
    public int FrameAndParse()
    {
        var buffer = new ReadOnlySequence<byte>(_packet);
        _framer.TryReadFrame(ref buffer, false, out var frame);
        return Hj212Parser.Parse(frame, Hj212ParsePolicy.Tolerant).Packet!.Cp.Count;
    }

    /// <summary>As <see cref="FrameAndParse"/>, then reads every CP entry's key and value text (what a consumer that
    /// stores all values pays); returns the total value length.</summary>
    [Benchmark]
    public int FrameParseAndReadValues()
    {
        var buffer = new ReadOnlySequence<byte>(_packet);
        _framer.TryReadFrame(ref buffer, false, out var frame);
        int n = 0;
        foreach (var e in Hj212Parser.Parse(frame, Hj212ParsePolicy.Tolerant).Packet!.Cp) n += e.Key.Length + e.Value.Length;
        return n;
    }
}
