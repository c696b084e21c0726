using System.Buffers;

namespace SmartEnv.Hj212.Tests;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a pipe delivers split TCP reads.</summary>
public static class Segments
{
    private sealed class Seg : ReadOnlySequenceSegment<byte>
    {
        public Seg(ReadOnlyMemory<byte> m, long start) { Memory = m; RunningIndex = start; }
        public Seg Append(ReadOnlyMemory<byte> m) { var s = new Seg(m, RunningIndex + Memory.Length); Next = s; return s; }
    }

    public static ReadOnlySequence<byte> Of(params byte[][] chunks)
    {
        if (chunks.Length == 0) return ReadOnlySequence<byte>.Empty;
        var first = new Seg(chunks[0], 0);
        var last = first;
        for (int i = 1; i < chunks.Length; i++) last = last.Append(chunks[i]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        var chunks = new List<byte[]>();
        int prev = 0;
        foreach (var c in cuts.Append(data.Length)) { chunks.Add(data[prev..c]); prev = c; }
        return Of(chunks.ToArray());
    }
}
