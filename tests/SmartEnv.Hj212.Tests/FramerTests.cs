using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace SmartEnv.Hj212.Tests;

public class FramerTests
{
    private static readonly string[] Clean = ["hj212-001", "hj212-002", "hj212-008", "hj212-047", "hj212-051", "hj212-067"];

    private static List<Hj212Frame> All(ReadOnlySequence<byte> buffer, bool completed = true, Hj212FramerOptions? o = null)
    {
        var framer = new Hj212Framer(o);
        var frames = new List<Hj212Frame>();
        while (framer.TryReadFrame(ref buffer, completed, out var f)) frames.Add(f);
        return frames;
    }

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("hj212-001")]
    [InlineData("hj212-047")]
    [InlineData("hj212-065")]
    public void No_prefix_of_a_packet_is_consumed_or_framed(string id)
    {
        var bytes = PacketCorpus.Get(id).Bytes;
        for (int n = 1; n < bytes.Length; n++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, n);
            var framer = new Hj212Framer();
            Assert.False(framer.TryReadFrame(ref buffer, false, out _), $"prefix {n} framed");
            Assert.Equal(n, buffer.Length); // nothing consumed
        }
    }

    [Theory]
    [InlineData("hj212-001")]
    [InlineData("hj212-052")]
    [InlineData("hj212-060")]
    public void Every_two_buffer_split_gives_the_same_frame(string id)
    {
        var bytes = PacketCorpus.Get(id).Bytes;
        var whole = All(new ReadOnlySequence<byte>(bytes)).Single();
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            var f = All(Segments.Split(bytes, cut)).Single();
            Assert.True(f.IsPacket);
            Assert.Equal(whole.SegmentLength, f.SegmentLength);
            Assert.Equal(whole.Rule, f.Rule);
            Assert.Equal(whole.ReceivedCrc, f.ReceivedCrc);
            Assert.True(f.StandardCrcOk);
            Assert.Equal(bytes.Length, f.Raw.Length);
        }
    }

    [Fact]
    public void Sticky_reads_yield_every_packet_in_order_with_offsets()
    {
        var rows = Clean.Select(PacketCorpus.Get).ToList();
        var data = rows.SelectMany(r => r.Bytes).ToArray();
        var frames = All(new ReadOnlySequence<byte>(data));
        Assert.Equal(rows.Count, frames.Count);
        long offset = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.True(frames[i].IsPacket);
            Assert.True(frames[i].StandardCrcOk);
            Assert.Equal(offset, frames[i].StreamOffset);
            offset += rows[i].Bytes.Length;
        }
    }

    [Fact]
    public void Garbage_is_reported_once_and_the_framer_resyncs_on_the_next_header()
    {
        // A '##' inside a hex dump is not a header unless 3-4 digits follow.
        var data = B("log: ##AB 23 ##x\r\n" + PacketCorpus.Get("hj212-001").Packet + "\r\n\r\n" + PacketCorpus.Get("hj212-002").Packet);
        var frames = All(new ReadOnlySequence<byte>(data));
        Assert.Equal(3, frames.Count);
        Assert.Equal(Hj212RejectReason.BadHeader, frames[0].FramingRejection);
        Assert.Equal("log: ##AB 23 ##x\r\n".Length, frames[0].Raw.Length);
        Assert.True(frames[1].IsPacket && frames[2].IsPacket); // blank lines in between are skipped silently
    }

    [Fact]
    public void A_truncated_packet_followed_by_a_full_one_is_cut_at_the_next_header()
    {
        var full = PacketCorpus.Get("hj212-037").Packet;
        var data = B(full[..60] + full);
        var frames = All(new ReadOnlySequence<byte>(data), completed: false);
        Assert.Equal(2, frames.Count);
        Assert.Equal(Hj212RejectReason.Truncated, frames[0].FramingRejection);
        Assert.Equal(60, frames[0].Raw.Length);
        Assert.True(frames[1].IsPacket);
    }

    [Fact]
    public void A_header_lookalike_inside_a_log_text_does_not_cut_a_split_packet()
    {
        const string seg = "QN=20160801085857334;ST=32;CN=3020;PW=123456;MN=AB;Flag=4;CP=&&DataTime=20160801062035;i11001-Info=//rx ##0123 ok//&&";
        var bytes = Encoding.ASCII.GetBytes(seg);
        var packet = B($"##{bytes.Length:D4}{seg}{Hj212Crc.Format(Hj212Crc.Compute(bytes))}\r\n");
        int cut = Encoding.ASCII.GetString(packet).IndexOf("0123 ok", StringComparison.Ordinal) + 2;
        var framer = new Hj212Framer();
        var first = new ReadOnlySequence<byte>(packet, 0, cut);
        Assert.False(framer.TryReadFrame(ref first, false, out _)); // waits for the declared length
        var whole = new ReadOnlySequence<byte>(packet);
        Assert.True(framer.TryReadFrame(ref whole, false, out var f));
        Assert.True(f.IsPacket);
        Assert.True(f.StandardCrcOk);
        Assert.Equal("//rx ##0123 ok//", Hj212Parser.Parse(f, Hj212ParsePolicy.Strict).Packet!.Find("i11001", "Info")!.Value);
    }

    [Fact]
    public void A_missing_terminator_is_recognised_before_the_next_header()
    {
        var a = PacketCorpus.Get("hj212-037").Packet.Replace("\r\n", "");
        var frames = All(new ReadOnlySequence<byte>(B(a + PacketCorpus.Get("hj212-038").Packet)), completed: false);
        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].IsPacket);
        Assert.Equal(Hj212Terminator.Missing, frames[0].Terminator);
        Assert.True(frames[0].StandardCrcOk);
    }

    [Fact]
    public void Length_rules_are_recorded()
    {
        Assert.Equal(Hj212FramingRule.LengthInBytes, All(new(PacketCorpus.Get("hj212-001").Bytes))[0].Rule);
        Assert.Equal(Hj212FramingRule.LengthPlusSix, All(new(PacketCorpus.Get("hj212-060").Bytes))[0].Rule);
        var three = All(new(PacketCorpus.Get("hj212-058").Bytes))[0];
        Assert.Equal(3, three.LengthDigits);
        Assert.Equal(299, three.DeclaredLength);
        Assert.Equal(293, three.SegmentLength);

        // Chinese text with the length counted in characters: 4 Chinese characters = 12 UTF-8 bytes.
        const string seg = "QN=20160801085857334;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&DataTime=20160801062035;PolId=w01018;i11001-Info=//清洗管路//&&";
        int bytes = Encoding.UTF8.GetByteCount(seg), chars = seg.Length;
        Assert.Equal(bytes - 8, chars);
        var crc = Hj212Crc.Format(Hj212Crc.Compute(Encoding.UTF8.GetBytes(seg)));
        var byChars = All(new(B($"##{chars:D4}{seg}{crc}\r\n")))[0];
        Assert.Equal(Hj212FramingRule.LengthInChars, byChars.Rule);
        Assert.True(byChars.StandardCrcOk);
        var byBytes = All(new(B($"##{bytes:D4}{seg}{crc}\r\n")))[0];
        Assert.Equal(Hj212FramingRule.LengthInBytes, byBytes.Rule);
    }

    [Fact]
    public void A_frame_without_end_is_cut_at_the_size_cap()
    {
        var data = B("##0100QN=" + new string('1', 5000));
        var buffer = new ReadOnlySequence<byte>(data);
        var framer = new Hj212Framer(new Hj212FramerOptions { MaxFrameBytes = 1024 });
        Assert.True(framer.TryReadFrame(ref buffer, false, out var f));
        Assert.Equal(Hj212RejectReason.FrameTooLarge, f.FramingRejection);
        Assert.True(framer.TryReadFrame(ref buffer, false, out var g)); // the rest is garbage without a header
        Assert.Equal(Hj212RejectReason.BadHeader, g.FramingRejection);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Framing_and_crc_allocate_nothing_per_frame()
    {
        var data = Clean.SelectMany(id => PacketCorpus.Get(id).Bytes).ToArray();
        var framer = new Hj212Framer();
        int Run()
        {
            var buffer = new ReadOnlySequence<byte>(data);
            int ok = 0;
            while (framer.TryReadFrame(ref buffer, true, out var f)) if (f.StandardCrcOk) ok++;
            return ok;
        }
        Assert.Equal(Clean.Length, Run()); // warm up (JIT, static tables)
        int total = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) total += Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100 * Clean.Length, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Works_over_a_pipe_with_split_writes()
    {
        var pipe = new Pipe();
        var data = Clean.SelectMany(id => PacketCorpus.Get(id).Bytes).ToArray();
        var writer = Task.Run(async () =>
        {
            var rnd = new Random(7);
            for (int i = 0; i < data.Length;)
            {
                int n = Math.Min(rnd.Next(1, 200), data.Length - i);
                await pipe.Writer.WriteAsync(data.AsMemory(i, n));
                i += n;
            }
            await pipe.Writer.CompleteAsync();
        });
        var framer = new Hj212Framer();
        var parsed = new List<Hj212ParseResult>();
        while (true)
        {
            var read = await pipe.Reader.ReadAsync();
            var buffer = read.Buffer;
            while (framer.TryReadFrame(ref buffer, read.IsCompleted, out var frame))
                parsed.Add(Hj212Parser.Parse(frame, Hj212ParsePolicy.Strict));
            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) break;
        }
        await writer;
        Assert.Equal(Clean.Length, parsed.Count);
        Assert.All(parsed, r => Assert.True(r.IsAccepted));
    }
}
