using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartEnv.Hj212.Codes;

namespace SmartEnv.Hj212.Tests;

public class BuilderTests
{
    private static readonly Hj212Addressee Station = new("32", "100000", "010000A8900016F000169DC0", "20160801085857223");

    [Fact]
    public void Set_realtime_interval_reproduces_the_appendix_A_packet_byte_for_byte()
    {
        var bytes = Hj212Serializer.ToBytes(Hj212Builder.SetRealtimeInterval1062(Station, 30));
        Assert.Equal(PacketCorpus.Get("hj212-001").Packet, Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Data_answer_9014_reproduces_the_standard_answer_to_table_C26()
    {
        // Row 067 is the platform's answer to row 064: same QN, ST=91, CN=9014, same PW/MN, Flag=4, empty CP.
        var upload = Hj212Parser.Parse(PacketCorpus.Get("hj212-064").Packet, Hj212ParsePolicy.Strict).Packet!;
        var answer = Hj212Builder.DataAnswer9014(upload);
        Assert.Equal(PacketCorpus.Get("hj212-067").Packet, Hj212Serializer.ToText(answer));
    }

    [Fact]
    public void Data_answer_9014_for_a_2025_upload_keeps_the_version_bits()
    {
        // Row 056 answers the 2025 upload of row 054 (Flag=9 → Flag=8).
        var upload = Hj212Parser.Parse(PacketCorpus.Get("hj212-054").Packet, Hj212ParsePolicy.Strict).Packet!;
        Assert.Equal(PacketCorpus.Get("hj212-056").Packet, Hj212Serializer.ToText(Hj212Builder.DataAnswer9014(upload)));
    }

    [Fact]
    public void Each_split_part_gets_its_own_9014()
    {
        var p1 = Hj212Parser.Parse(PacketCorpus.Get("hj212-068").Packet, Hj212ParsePolicy.Strict).Packet!;
        var p2 = Hj212Parser.Parse(PacketCorpus.Get("hj212-069").Packet, Hj212ParsePolicy.Strict).Packet!;
        var a1 = Hj212Builder.DataAnswer9014(p1);
        var a2 = Hj212Builder.DataAnswer9014(p2);
        Assert.Equal("20160801085857534", a1.Qn);
        Assert.Equal("20160801085857535", a2.Qn);
        Assert.Equal(4, a1.Flag); // D and A cleared
        Assert.Null(a1.Pnum);
    }

    [Fact]
    public void Answers_and_requests_have_the_standard_shapes()
    {
        var request = Hj212Builder.RequestHourlyData2061(Station,
            new DateTimeOffset(2016, 7, 31, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 8, 1, 15, 0, 0, TimeSpan.Zero) /* Beijing 00:00 and 23:00 */);
        Assert.Equal("QN=20160801085857223;ST=32;CN=2061;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&BeginTime=20160801000000;EndTime=20160801230000&&",
            Hj212Serializer.SegmentText(request));
        Assert.Equal("QN=20160801085857223;ST=91;CN=9011;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&",
            Hj212Serializer.SegmentText(Hj212Builder.RequestAnswer9011(request, Hj212QnRtn.Ready)));
        Assert.Equal("QN=20160801085857223;ST=91;CN=9012;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=100&&",
            Hj212Serializer.SegmentText(Hj212Builder.ExecutionResult9012(request, Hj212ExeRtn.NoData)));
        Assert.Equal("QN=20160801085857223;ST=91;CN=9013;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&",
            Hj212Serializer.SegmentText(Hj212Builder.NotifyAnswer9013(request)));
        // 1012 with the time given in UTC is written in Beijing time.
        Assert.Equal("QN=20160801085857223;ST=32;CN=1012;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&SystemTime=20160801085857&&",
            Hj212Serializer.SegmentText(Hj212Builder.SetFieldTime1012(Station, new DateTimeOffset(2016, 8, 1, 0, 58, 57, TimeSpan.Zero))));
        Assert.Equal("QN=20160801085857223;ST=32;CN=1011;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018&&",
            Hj212Serializer.SegmentText(Hj212Builder.GetFieldTime1011(Station, "w01018")));
        Assert.Equal("CN=1061", Hj212Serializer.SegmentText(Hj212Builder.GetRealtimeInterval1061(Station)).Split(';')[2]);
        Assert.Equal("CN=2011", Hj212Serializer.SegmentText(Hj212Builder.RequestRealtimeData2011(Station)).Split(';')[2]);
        Assert.Equal("CN=2051", Hj212Serializer.SegmentText(Hj212Builder.RequestMinuteData2051(Station, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)).Split(';')[2]);
        Assert.Equal("CN=2031", Hj212Serializer.SegmentText(Hj212Builder.RequestDailyData2031(Station, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)).Split(';')[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj212Builder.SetRealtimeInterval1062(Station, 29));
        Assert.Throws<ArgumentException>(() => Hj212Serializer.ToBytes(new Hj212Packet { St = "22", Cn = "2011", Mn = "A;B", Pw = "1" }));
    }

    [Fact]
    public void Built_packets_parse_strictly_without_warnings()
    {
        var upload = Hj212Parser.Parse(PacketCorpus.Get("hj212-047").Packet, Hj212ParsePolicy.Strict).Packet!;
        foreach (var p in new[]
        {
            Hj212Builder.SetRealtimeInterval1062(Station, 60), Hj212Builder.DataAnswer9014(upload),
            Hj212Builder.RequestAnswer9011(upload, Hj212QnRtn.Ready), Hj212Builder.GetFieldTime1011(Station),
        })
        {
            var r = Hj212Parser.Parse(Hj212Serializer.ToBytes(p), Hj212ParsePolicy.Strict);
            Assert.True(r.IsAccepted, r.Rejection?.ToString());
            Assert.Empty(r.Warnings);
            Assert.Equal(p, r.Packet);
        }
    }

    // ---- FsCheck: parse(build(x)) == x for random packets ----

    public static class Generators
    {
        private static Gen<string> Chars(string alphabet, int min, int max) =>
            from n in Gen.Choose(min, max)
            from cs in Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)
            select new string(cs);

        private static readonly Gen<string> Digits17 = Chars("0123456789", 17, 17);

        private static readonly Gen<string> Time14 =
            from y in Gen.Choose(2000, 2099)
            from mo in Gen.Choose(1, 12)
            from d in Gen.Choose(1, 28)
            from h in Gen.Choose(0, 23)
            from mi in Gen.Choose(0, 59)
            from s in Gen.Choose(0, 59)
            select $"{y:D4}{mo:D2}{d:D2}{h:D2}{mi:D2}{s:D2}";

        private static readonly Gen<string> Number =
            from neg in Gen.Elements(false, false, true)
            from i in Gen.Choose(0, 999999)
            from decimals in Gen.Choose(0, 4)
            from f in Gen.Choose(0, 9999)
            select (neg ? "-" : "") + i + (decimals == 0 ? "" : "." + (f % (int)Math.Pow(10, decimals)).ToString("D" + decimals));

        private static readonly string[] Fields = ["Rtd", "Avg", "Min", "Max", "Cou", "ZsRtd", "ZsAvg", "Data"];

        private static readonly Gen<Hj212CpEntry> FactorEntry =
            from code in Gen.Elements(Hj212CodeRegistry.All.Select(c => c.Code).ToArray())
            from kind in Gen.Choose(0, 9)
            from field in Gen.Elements(Fields)
            from num in Number
            from flag in Gen.Elements("N", "F", "M", "S", "D", "C", "T", "B")
            select kind == 0 ? new Hj212CpEntry(code + "-Flag", flag) : new Hj212CpEntry(code + "-" + field, num);

        private static readonly Gen<Hj212CpEntry> ParamEntry = Gen.OneOf(
            Time14.Select(t => new Hj212CpEntry("DataTime", t)),
            Gen.Choose(30, 3600).Select(n => new Hj212CpEntry("RtdInterval", n.ToString())),
            Chars("清洗管路校准abc 123;,", 1, 12).Select(t => new Hj212CpEntry("i11001-Info", "//" + t.Trim() + "x//")));

        public static readonly Gen<Hj212Packet> Packet =
            from qn in Gen.OneOf(Digits17, Gen.Constant<string>(null!))
            from st in Gen.Elements("21", "22", "23", "31", "32", "39", "91")
            from cn in Gen.Elements("2011", "2051", "2061", "2031", "9014", "1062", "3020")
            from pw in Chars("0123456789", 6, 6)
            from mn in Chars("0123456789ABCDEF_abc", 1, 24)
            from flagBase in Gen.Elements<int?>(null, 0, 4, 5, 8, 9)
            from split in Gen.Elements(false, true)
            from pnum in Gen.Choose(1, 9)
            from pnoSeed in Gen.Choose(1, 9)
            from cp in Gen.ListOf(Gen.Frequency((4, FactorEntry), (1, ParamEntry)))
            let flag = flagBase is { } f && split ? f | 2 : flagBase
            let isSplit = flag is { } g && (g & 2) != 0
            select new Hj212Packet
            {
                Qn = qn, St = st, Cn = cn, Pw = pw, Mn = mn, Flag = flag,
                Pnum = isSplit ? pnum : null, Pno = isSplit ? 1 + (pnoSeed - 1) % pnum : null,
                Cp = cp.ToArray(),
            };

        public static Arbitrary<Hj212Packet> Packets() => Arb.From(Packet);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 500)]
    public bool Parse_of_build_is_identity(Hj212Packet packet)
    {
        var r = Hj212Parser.Parse(Hj212Serializer.ToBytes(packet), Hj212ParsePolicy.Tolerant);
        return r.IsAccepted && r.CrcOk && r.Packet!.Equals(packet);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200)]
    public bool Built_length_counts_bytes_and_crc_is_upper_case(Hj212Packet packet)
    {
        var bytes = Hj212Serializer.ToBytes(packet);
        var seg = Encoding.UTF8.GetBytes(Hj212Serializer.SegmentText(packet));
        var text = Encoding.ASCII.GetString(bytes, 2, 4);
        var crc = Encoding.ASCII.GetString(bytes, 6 + seg.Length, 4);
        return text == seg.Length.ToString("D4") && crc == crc.ToUpperInvariant() && bytes[^2] == '\r' && bytes[^1] == '\n';
    }
}
