using System.Buffers;
using System.Text;

namespace SmartEnv.Hj212.Tests;

/// <summary>
/// The byte-level fast path (issue 15 goal 4) against the general string path it must agree with
/// (<see cref="Hj212Parser.ParseGeneral"/>, kept as the reference): same acceptance, rejection (reason, position,
/// deviation, detail), warnings (deviation, position, detail), CRC facts, encoding, header fields and CP entries (key,
/// value, position, code, field, number), on the corpus, on generated packets (conforming ones and ones with one
/// or more departures each) and on mutated corpus packets, under the strict, the tolerant and a custom policy. Counts
/// make sure the fast path is really taken for a good share of the inputs (a fast path that always declines would
/// agree trivially).
/// </summary>
public class FastPathDifferentialTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The simulator's CN 2011 air packet (Hj212Simulator.AirPacket, station 1, seed 213; the benchmark's
    /// <c>air-sim</c>, 291 bytes), as text with its CRC.</summary>
    internal const string SimulatorPacket =
        "##0279QN=20260115103000001;ST=22;CN=2011;PW=123456;MN=SIM000000000000000000001;Flag=5;CP=&&DataTime=20260115103000;"
        + "a34004-Rtd=10,a34004-Flag=N;a34002-Rtd=70,a34002-Flag=N;a21026-Rtd=14,a21026-Flag=N;a21004-Rtd=12,a21004-Flag=N;"
        + "a05024-Rtd=81,a05024-Flag=N;a21005-Rtd=1.1,a21005-Flag=N&&DC41\r\n";

    private static readonly Hj212ParsePolicy[] Policies =
    [
        Hj212ParsePolicy.Strict,
        Hj212ParsePolicy.Tolerant,
        Hj212ParsePolicy.Strict.Tolerating(Hj212Deviation.UnknownCpKey).WithTimeZoneOffset(TimeSpan.Zero).WithCrcVariants("010000A8900016F000169DC0", Hj212CrcVariant.ModbusSwapped),
    ];

    private sealed class Counts
    {
        public int Frames, Fast, Accepted;
    }

    private static Hj212Frame OneFrame(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(new Hj212Framer().TryReadFrame(ref buffer, true, out var frame));
        return frame;
    }

    [Fact]
    public void The_simulator_packet_takes_the_fast_path_and_parses_field_by_field()
    {
        var bytes = Encoding.ASCII.GetBytes(SimulatorPacket);
        Assert.Equal(291, bytes.Length);
        var frame = OneFrame(bytes);
        Assert.True(frame.StandardCrcOk);
        var fast = Hj212FastParser.TryParse(frame, bytes, Hj212ParsePolicy.Strict);
        Assert.NotNull(fast);
        var p = fast!.Packet!;
        // Hand-read from the packet text above.
        Assert.Equal("20260115103000001", p.Qn);
        Assert.Equal("22", p.St);
        Assert.Equal("2011", p.Cn);
        Assert.Equal("123456", p.Pw);
        Assert.Equal("SIM000000000000000000001", p.Mn);
        Assert.Equal(5, p.Flag);
        Assert.Null(p.Pnum);
        Assert.Empty(fast.Warnings);
        Assert.Equal(13, p.Cp.Count);
        Assert.Equal(new Hj212CpEntry("DataTime", "20260115103000"), p.Cp[0]);
        Assert.Equal(6 + 85, p.Cp[0].Position); // "##0279" + the 85 header bytes through "CP=&&"
        Assert.Equal(new Hj212CpEntry("a21005-Rtd", "1.1"), p.Cp[11]);
        Assert.Equal(1.1m, p.Cp[11].Number);
        Assert.Equal("a21005", p.Cp[11].Code);
        Assert.Equal(new Hj212CpEntry("a21005-Flag", "N"), p.Cp[12]);
        Assert.Equal(6 + 85 + 24 + 28 * 5 + 15, p.Cp[12].Position); // DataTime=…; and five 28-byte groups before a21005
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 2, 30, 0, TimeSpan.Zero), p.DataTime); // 10:30 Beijing time
        AssertSame(Hj212Parser.ParseGeneral(frame, Hj212ParsePolicy.Strict), fast, "simulator packet");
    }

    /// <summary>Fails on the string-only parser (1,400 B for this packet): the fast path keeps one CP byte copy and
    /// creates no key or value strings until they are read.</summary>
    [Fact]
    public void Parsing_the_simulator_packet_allocates_under_1_KB()
    {
        var bytes = Encoding.ASCII.GetBytes(SimulatorPacket);
        var framer = new Hj212Framer();
        int Run()
        {
            var buffer = new ReadOnlySequence<byte>(bytes);
            framer.TryReadFrame(ref buffer, false, out var frame);
            return Hj212Parser.Parse(frame, Hj212ParsePolicy.Strict).Packet!.Cp.Count;
        }
        Assert.Equal(13, Run()); // warm-up (JIT, static tables)
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n = 0;
        for (int i = 0; i < 100; i++) n += Run();
        long perPacket = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.Equal(1300, n);
        Assert.True(perPacket < 1024, $"{perPacket} B per packet");
    }

    [Fact]
    public void Corpus_packets_parse_the_same_on_both_paths()
    {
        var c = new Counts();
        foreach (var row in PacketCorpus.All.Values)
            foreach (var policy in Policies)
            {
                Compare(row.Bytes, policy, c, row.Id);
                Compare(row.Bytes, policy, c, row.Id, split: row.Bytes.Length / 2);
            }
        output.WriteLine($"corpus: {c.Frames} frames, {c.Fast} fast, {c.Accepted} accepted");
        Assert.True(c.Fast >= 10, $"fast path taken for only {c.Fast} of {c.Frames} corpus frames");
    }

    [Fact]
    public void Generated_packets_parse_the_same_on_both_paths()
    {
        var c = new Counts();
        var gen = new Generator(15);
        for (int i = 0; i < 60_000; i++)
        {
            var (bytes, what) = gen.Next();
            Compare(bytes, Policies[i % Policies.Length], c, what);
        }
        output.WriteLine($"generated: {c.Frames} frames, {c.Fast} fast, {c.Accepted} accepted");
        // Both kinds must be well represented, or the comparison proves little.
        Assert.True(c.Fast > c.Frames / 5, $"fast path taken for {c.Fast} of {c.Frames} frames");
        Assert.True(c.Frames - c.Fast > c.Frames / 5, $"general path for only {c.Frames - c.Fast} of {c.Frames} frames");
        Assert.True(c.Accepted > c.Fast, $"{c.Accepted} accepted, {c.Fast} fast");
    }

    [Fact]
    public void Mutated_corpus_packets_parse_the_same_on_both_paths()
    {
        var c = new Counts();
        var mutator = new Hj212Mutator(1515, PacketCorpus.All.Values.Select(r => r.Bytes)
            .Append(Encoding.ASCII.GetBytes(SimulatorPacket)).Append(Encoding.ASCII.GetBytes(SimulatorPacket)));
        for (int i = 0; i < 100_000; i++)
        {
            var input = mutator.Next();
            Compare(input, Policies[i % Policies.Length], c, "mutant " + i + " " + Convert.ToBase64String(input));
        }
        output.WriteLine($"mutated: {c.Frames} frames, {c.Fast} fast, {c.Accepted} accepted");
        Assert.True(c.Fast > 1000, $"fast path taken for {c.Fast} of {c.Frames} frames");
    }

    private static void Compare(byte[] input, Hj212ParsePolicy policy, Counts c, string what, int split = 0)
    {
        var buffer = split > 0 && split < input.Length ? Segments.Split(input, split) : new ReadOnlySequence<byte>(input);
        var framer = new Hj212Framer(new Hj212FramerOptions { MaxFrameBytes = 4096 });
        while (framer.TryReadFrame(ref buffer, true, out var frame))
        {
            c.Frames++;
            var general = Hj212Parser.ParseGeneral(frame, policy);
            var actual = Hj212Parser.Parse(frame, policy);
            var raw = frame.Raw.IsSingleSegment ? frame.Raw.FirstSpan : frame.Raw.ToArray();
            if (Hj212FastParser.TryParse(frame, raw, policy) is not null) c.Fast++;
            if (general.IsAccepted) c.Accepted++;
            AssertSame(general, actual, what + " / " + policy.Name);
        }
    }

    private static void AssertSame(Hj212ParseResult expected, Hj212ParseResult actual, string what)
    {
        try
        {
            Assert.Equal(expected.IsAccepted, actual.IsAccepted);
            Assert.Equal(expected.Rejection, actual.Rejection);
            Assert.Equal(expected.Warnings.Select(w => (w.Deviation, w.Position, w.Detail)), actual.Warnings.Select(w => (w.Deviation, w.Position, w.Detail)));
            Assert.Equal((expected.CrcOk, expected.CrcVariant, expected.Rule, expected.StreamOffset, expected.FrameLength, expected.Encoding),
                (actual.CrcOk, actual.CrcVariant, actual.Rule, actual.StreamOffset, actual.FrameLength, actual.Encoding));
            if (expected.Packet is not { } e) return;
            var a = actual.Packet!;
            Assert.Equal((e.Qn, e.St, e.Cn, e.Pw, e.Mn, e.Flag, e.Pnum, e.Pno, e.TimeZoneOffset), (a.Qn, a.St, a.Cn, a.Pw, a.Mn, a.Flag, a.Pnum, a.Pno, a.TimeZoneOffset));
            Assert.Equal(e.Cp.Select(x => (x.Key, x.Value, x.Position, x.Code, x.Field, x.Number)), a.Cp.Select(x => (x.Key, x.Value, x.Position, x.Code, x.Field, x.Number)));
            Assert.Equal(e.DataTime, a.DataTime);
            Assert.Equal(e, a);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {ex.Message}");
        }
    }

    /// <summary>Packets in the shape loggers send, each with a chance of one or more departures in every part (framing,
    /// header, CP keys, values, text encoding), with a correct length and CRC unless the departure is about them.</summary>
    private sealed class Generator(int seed)
    {
        private static readonly Encoding Gbk = CreateGbk();
        private static Encoding CreateGbk()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(936);
        }

        private readonly Random _r = new(seed);
        private static readonly string[] Codes =
            ["a34004", "a34002", "a21026", "a21004", "a05024", "a21005", "a01001", "a01006", "a19001", "a00000", "w01018", "w21003",
             "w01001", "LA", "Leq", "L10", "011", "B02", "S01", "a99999", "SB1", "SB12", "x1", "a3400", "A34004", "w9999"];
        private static readonly string[] Fields =
            ["Rtd", "Rtd", "Rtd", "Flag", "Flag", "Flag", "Avg", "Min", "Max", "Cou", "ZsAvg", "ZsRtd", "Data", "Info", "SampleTime",
             "EFlag", "SN", "ZsCou", "ValidNum", "flag", "RTD", "Ala", "UpValue", "RS", "DayData"];
        private static readonly string[] Numbers =
            ["35", "0.812", "-1.5", "+3", ".5", "5.", "1e5", "", "N", "abc", "99999999999999999999999999999", "9999999999999999999999999999",
             "0000000000000000000000000000001", " 5", "5 ", "1.2.3", "-", "--1", "0", "-0.000", "12345678901234.567890123", "1_0", "٣", "5\0",
             "3.1415926535897932384626433832795028841971"];
        private static readonly string[] Flags = ["N", "N", "N", "F", "M", "S", "D", "C", "T", "B", "n", "X", "NN", ""];
        private static readonly string[] Sts = ["22", "22", "22", "21", "23", "31", "32", "27", "91", "2A", "a2", "2", "26", "39"];
        private static readonly string[] Cns = ["2011", "2011", "2011", "2051", "2061", "2031", "9014", "9013", "1011", "3020", "2999", "20a1", "2041"];
        private static readonly string[] FlagValues = ["5", "5", "5", "4", "7", "1", "6", "0", "255", "256", "", "x", "4", "3"];
        private static readonly string[] Params =
            ["RtdInterval=30", "datatime=20260115103000", "Foo=1", "PolId=a34004", "BeginTime=20260115100000", "QN=20260115103000001",
             "CN=2011", "SystemTime=20260115103000", "=5", "x", "", " ", "k=//log text//", "k=a=b", " a34004-Rtd=5", "a34004-Rtd =5",
             "InfoId=i12001", "a34004-Info=//清洗//", "a34004-Rtd=12,"];

        private bool P(double p) => _r.NextDouble() < p;
        private string Pick(string[] a) => a[_r.Next(a.Length)];

        public (byte[] Bytes, string What) Next()
        {
            bool clean = P(0.45); // a conforming packet the fast path should take
            double q = clean ? 0 : 0.06;
            var sb = new StringBuilder();
            var header = new List<string>();
            if (!P(q)) header.Add("QN=" + (P(q) ? "2026011510300012" : "20260115103000" + _r.Next(1000).ToString("D3")));
            header.Add("ST=" + (clean ? Pick(["22", "22", "21", "23", "31", "32", "91", "27"]) : Pick(Sts)));
            string cn = clean ? Pick(["2011", "2011", "2051", "2061", "2031", "1011", "2041"]) : Pick(Cns);
            header.Add((P(q) ? "cn=" : "CN=") + cn);
            if (!P(q)) header.Add("PW=" + (P(q) ? "" : "123456"));
            if (!P(q)) header.Add("MN=" + (P(q) ? "" : "SIM" + _r.Next(1_000_000).ToString("D21")));
            string flag = clean ? Pick(["5", "4", "1", "0", "5"]) : Pick(FlagValues);
            if (!P(q)) header.Add((P(q) ? "FLAG=" : "Flag=") + flag);
            if (P(clean ? 0.1 : 0.1))
            {
                int pnum = 1 + _r.Next(3), pno = 1 + _r.Next(3);
                if (clean) { pno = Math.Min(pno, pnum); header[^1] = "Flag=7"; }
                header.Add("PNUM=" + (P(q) ? "0" : pnum.ToString()));
                header.Add("PNO=" + pno);
            }
            if (P(q)) header.Add("XX=1");
            if (P(q)) header.Insert(_r.Next(header.Count), header[_r.Next(header.Count)]);
            if (P(q)) header.Reverse();
            foreach (var h in header) sb.Append(h).Append(P(q) ? ',' : ';');
            if (P(q)) sb.Append(';');
            sb.Append(P(q) ? "cp=&&" : "CP=&&");

            var cp = new List<string>();
            bool noData = cn is "9013" or "9014" && !P(q * 3);
            if (!noData)
            {
                if (!P(q))
                    cp.Add("DataTime=" + (P(q) ? Pick(["20260115103000123", "20260230120000", "00010101000000", "2026011510300", "20261315103000", "99991231235959"])
                        : "2026" + (1 + _r.Next(12)).ToString("D2") + (1 + _r.Next(28)).ToString("D2") + _r.Next(24).ToString("D2") + "3000"));
                int factors = _r.Next(12);
                string st = header.FirstOrDefault(h => h.StartsWith("ST="))?[3..] ?? "";
                for (int f = 0; f < factors; f++)
                {
                    string code = clean ? Pick(st == "21" ? ["w01018", "w21003", "w01001"] : st == "23" ? ["LA", "Leq", "L10"] : ["a34004", "a21026", "a01001", "a19001", "011"]) : Pick(Codes);
                    int nf = 1 + _r.Next(4);
                    var entries = new List<string>();
                    for (int k = 0; k < nf; k++)
                    {
                        string field = clean ? Pick(["Rtd", "Flag", "Avg", "Min", "Max", "Cou", "ZsAvg", "ZsCou", "Info", "SampleTime", "EFlag"]) : Pick(Fields);
                        string value = field.Equals("Flag", StringComparison.OrdinalIgnoreCase)
                            ? (clean ? Pick(["N", "F", "M", "S", "D", "C", "T", "B"]) : Pick(Flags))
                            : clean ? (P(0.5) ? _r.Next(1000).ToString() : (_r.NextDouble() * 200 - 50).ToString("F" + _r.Next(4), System.Globalization.CultureInfo.InvariantCulture))
                            : P(0.7) ? (_r.NextDouble() * 1000).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : Pick(Numbers);
                        if (field is "Info" or "SampleTime" or "EFlag" && clean) value = field == "SampleTime" ? "20260115103000" : "A" + _r.Next(9);
                        entries.Add(code + "-" + field + "=" + value);
                    }
                    cp.Add(string.Join(P(q) ? ";" : ",", entries));
                }
                if (P(q * 2)) cp.Insert(_r.Next(cp.Count + 1), Pick(Params));
                if (P(clean ? 0.1 : 0)) cp.Add(Pick(["RtdInterval=30", "PolId=a34004", "BeginTime=20260115100000"]));
            }
            sb.Append(string.Join(P(q) ? ",;" : ";", cp));
            if (P(q)) sb.Append(';');
            sb.Append("&&");
            string seg = sb.ToString();
            if (P(q)) seg = seg.Replace("Rtd=", "Rtd=清洗");
            var segBytes = P(q) ? Gbk.GetBytes(seg) : Encoding.UTF8.GetBytes(seg);
            int len = P(q) ? seg.Length : segBytes.Length;
            if (P(q)) len += 6;
            string crc = Hj212Crc.Format(Hj212Crc.Compute(segBytes));
            if (P(q)) crc = crc.ToLowerInvariant();
            if (P(q)) crc = "0000";
            var bytes = new List<byte>();
            bytes.AddRange(Encoding.ASCII.GetBytes("##" + (P(q) ? len.ToString("D3") : len.ToString("D4"))));
            bytes.AddRange(segBytes);
            bytes.AddRange(Encoding.ASCII.GetBytes(crc));
            if (P(q)) bytes.Add((byte)' ');
            bytes.AddRange(P(q) ? "\n"u8.ToArray() : "\r\n"u8.ToArray());
            var arr = bytes.ToArray();
            return (arr, Encoding.UTF8.GetString(arr));
        }
    }
}
