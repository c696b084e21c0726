using System.Buffers;
using System.Diagnostics;

namespace SmartEnv.Hj212.Tests;

/// <summary>
/// Mutation fuzzing of framer + parser (both policies) over the corpus: no exception, no hang, bounded allocation,
/// framer always makes progress, accepted packets always carry a verified standard CRC and survive a re-serialisation.
/// HJ212_FUZZ_INPUTS sets the number of inputs (default 1 000 000), HJ212_FUZZ_SEED the seed (default 212).
/// </summary>
public class FuzzTests
{
    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;

    [Fact]
    public void Mutation_fuzzer_finds_no_exception_hang_or_unbounded_allocation()
    {
        int inputs = Env("HJ212_FUZZ_INPUTS", 1_000_000);
        int seed = Env("HJ212_FUZZ_SEED", 212);
        var corpus = PacketCorpus.All.Values.Select(r => r.Bytes).ToList();
        var mutator = new Hj212Mutator(seed, corpus);
        var options = new Hj212FramerOptions { MaxFrameBytes = 4096 };
        var rnd = new Random(seed);
        long maxAlloc = 0, maxTicks = 0, frames = 0, accepted = 0;
        var sw = Stopwatch.StartNew();

        for (int i = 0; i < inputs; i++)
        {
            var input = mutator.Next();
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                var buffer = rnd.Next(4) == 0 && input.Length > 2
                    ? Segments.Split(input, 1 + rnd.Next(input.Length - 1))
                    : new ReadOnlySequence<byte>(input);
                var framer = new Hj212Framer(options);
                var policy = (i & 1) == 0 ? Hj212ParsePolicy.Strict : Hj212ParsePolicy.Tolerant;
                int n = 0;
                bool completed = (i & 2) == 0; // half the inputs first go through the streaming (not completed) path
                while (true)
                {
                    long before = buffer.Length;
                    if (!framer.TryReadFrame(ref buffer, completed, out var frame))
                    {
                        if (completed) break;
                        completed = true;
                        continue;
                    }
                    Assert.True(buffer.Length < before, "framer made no progress");
                    Assert.True(++n <= input.Length, "more frames than bytes");
                    frames++;
                    var r = Hj212Parser.Parse(frame, policy);
                    if (r.IsAccepted)
                    {
                        accepted++;
                        Assert.True(r.CrcOk, "accepted without a verified CRC");
                        if ((i & 15) == 1) CheckReserialises(r.Packet!, policy);
                    }
                }
                Assert.True(buffer.IsEmpty, "completed input left unconsumed");
            }
            catch (Exception e)
            {
                Assert.Fail($"input #{i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\nbase64: {Convert.ToBase64String(input)}\n{e.StackTrace}");
            }
            long ticks = Stopwatch.GetTimestamp() - t0;
            long alloc = GC.GetAllocatedBytesForCurrentThread() - a0;
            if (i >= 1000) maxTicks = Math.Max(maxTicks, ticks);
            // Bounded allocation: a fixed allowance plus a multiple of the input size (strings, lists, results).
            if (i < 1000) continue; // warm-up: JIT and static tables
            Assert.True(alloc <= 64 * 1024 + 40L * input.Length, $"input #{i} allocated {alloc} bytes for {input.Length} input bytes");
            maxAlloc = Math.Max(maxAlloc, alloc);
        }
        // A hang shows up as one input taking far longer than the rest.
        Assert.True(maxTicks < Stopwatch.Frequency, $"slowest input took {maxTicks * 1000 / Stopwatch.Frequency} ms");
        Assert.True(accepted > inputs / 20, $"only {accepted} of {inputs} inputs reached an accepted packet: the mutator is too destructive");
        Console.WriteLine($"hj212 fuzz: {inputs} inputs, {frames} frames, {accepted} accepted, max alloc {maxAlloc} B, {sw.Elapsed.TotalSeconds:F1} s");
    }

    private static void CheckReserialises(Hj212Packet p, Hj212ParsePolicy policy)
    {
        byte[] bytes;
        try { bytes = Hj212Serializer.ToBytes(p); }
        catch (ArgumentException) { return; } // fields the wire format cannot carry verbatim (e.g. a ',' in a log)
        var again = Hj212Parser.Parse(bytes, Hj212ParsePolicy.Tolerant);
        Assert.True(again.IsAccepted, again.Rejection?.ToString());
        Assert.Equal(p, again.Packet);
    }
}
