using System.Text;

namespace SmartEnv.Hj212.Tests;

public class ParserTests
{
    private static string Frame(string segment)
    {
        var bytes = Encoding.UTF8.GetBytes(segment);
        return $"##{bytes.Length:D4}{segment}{Hj212Crc.Format(Hj212Crc.Compute(bytes))}\r\n";
    }

    [Fact]
    public void Appendix_A_packet_fields()
    {
        var r = Hj212Parser.Parse(PacketCorpus.Get("hj212-001").Packet, Hj212ParsePolicy.Strict);
        var p = r.Packet!;
        Assert.Equal("20160801085857223", p.Qn);
        Assert.Equal("32", p.St);
        Assert.Equal("1062", p.Cn);
        Assert.Equal(Hj212Command.SetRealtimeInterval, p.Command);
        Assert.Equal("100000", p.Pw);
        Assert.Equal("010000A8900016F000169DC0", p.Mn);
        Assert.Equal(5, p.Flag);
        Assert.Equal(Hj212Version.Hj212_2017, p.Version);
        Assert.True(p.AckRequested);
        Assert.False(p.IsSplit);
        Assert.Equal("RtdInterval", p.Cp.Single().Key);
        Assert.Null(p.Cp.Single().Code);
        Assert.Equal(30m, p.Cp.Single().Number);
        Assert.Equal(Hj212FramingRule.LengthInBytes, r.Rule);
        Assert.Equal("utf-8", r.Encoding);
    }

    /// <summary>Found by the fast path's differential test (issue 15): a DataTime at the edge of the calendar that
    /// the packet's offset moves outside DateTimeOffset's range (year 1 at +08:00, year 9999 at −05:00) threw
    /// ArgumentOutOfRangeException out of the parser, which must never throw; it is a bad DataTime.</summary>
    [Theory]
    [InlineData("00010101000000", 8)]
    [InlineData("00010101075959", 8)]
    [InlineData("99991231235959", -5)]
    public void A_DataTime_outside_the_representable_range_is_a_bad_DataTime_not_an_exception(string dataTime, int offsetHours)
    {
        var policy = Hj212ParsePolicy.Strict.WithTimeZoneOffset(TimeSpan.FromHours(offsetHours));
        var r = Hj212Parser.Parse(Frame($"QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=AB;Flag=4;CP=&&DataTime={dataTime};a34004-Rtd=35&&"), policy);
        Assert.Equal(Hj212RejectReason.BadDataTime, r.Rejection?.Reason);
        Assert.False(Hj212Time.TryParse(dataTime, TimeSpan.FromHours(offsetHours), out _, out _));
        // The same wall-clock times are valid where the offset keeps them in range.
        Assert.True(Hj212Time.TryParse(dataTime, TimeSpan.Zero, out var t, out _));
        Assert.Equal(int.Parse(dataTime[..4]), t.Year);
    }

    [Fact]
    public void Air_minute_data_items_keep_exact_decimals_and_flags()
    {
        var p = Hj212Parser.Parse(PacketCorpus.Get("hj212-008").Packet, Hj212ParsePolicy.Strict).Packet!;
        Assert.Equal("2051", p.Cn);
        // DataTime 20220513162600 Beijing = 08:26:00 UTC, start of the minute period.
        Assert.Equal(new DateTimeOffset(2022, 5, 13, 8, 26, 0, TimeSpan.Zero), p.DataTime!.Value.ToUniversalTime());
        Assert.Equal("2022-05-13 16:26:00", p.DataTime.Value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)); // Beijing wall clock, as sent
        Assert.Equal(0.427m, p.Find("a21005", "Avg")!.Number);
        Assert.Equal("0.427", p.Find("a21005", "Avg")!.Value);
        Assert.Equal("N", p.Find("a34004", "Flag")!.Value);
        Assert.Equal(22, p.Cp.Count(e => e.Code is not null)); // 11 factors x (Avg, Flag)
    }

    [Fact]
    public void Trailing_zeros_and_negative_values_are_kept_as_sent()
    {
        var r = Hj212Parser.Parse(Frame("QN=20160801085857223;ST=31;CN=2011;PW=123456;MN=AB;Flag=4;CP=&&DataTime=20160801085857;a01012-Rtd=1.230,a01012-Flag=N;a01013-Rtd=-54.660&&"), Hj212ParsePolicy.Strict);
        var p = r.Packet!;
        Assert.Equal("1.230", p.Find("a01012", "Rtd")!.Value);
        Assert.Equal(1.230m, p.Find("a01012", "Rtd")!.Number);
        Assert.Equal("1.230", p.Find("a01012", "Rtd")!.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-54.660m, p.Find("a01013", "Rtd")!.Number);
        Assert.Null(p.Find("a01012", "Flag")!.Number);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_in_any_order_in_tolerant_mode()
    {
        var r = Hj212Parser.Parse(Frame("mn=AB;CN=2011;qn=20160801085857223;PW=123456;ST=22;FLAG=4;CP=&&DataTime=20160801085857;a34004-Rtd=35&&"), Hj212ParsePolicy.Tolerant);
        Assert.True(r.IsAccepted);
        Assert.Equal("AB", r.Packet!.Mn);
        Assert.Equal("20160801085857223", r.Packet.Qn);
        Assert.Equal(4, r.Packet.Flag);
        Assert.Equal([Hj212Deviation.NonCanonicalKeyCase], r.Warnings.Select(w => w.Deviation));
        Assert.Equal(6, r.Warnings[0].Position); // 'mn' right after "##0nnn"
    }

    [Fact]
    public void Fields_of_one_factor_may_be_separated_by_semicolons_and_grouping_is_by_code()
    {
        var p = Hj212Parser.Parse(Frame("QN=20160801085857223;ST=31;CN=2051;PW=123456;MN=AB;Flag=4;CP=&&DataTime=20160801085800;a01001-Max=9.70;a01001-Min=2.3;a01001-Flag=N&&"), Hj212ParsePolicy.Strict).Packet!;
        Assert.Equal(9.70m, p.Find("a01001", "Max")!.Number);
        Assert.Equal(2.3m, p.Find("a01001", "Min")!.Number);
    }

    [Fact]
    public void Log_text_between_slashes_may_hold_separators_and_chinese()
    {
        var r = Hj212Parser.Parse(Frame("QN=20160801085857334;ST=32;CN=3020;PW=123456;MN=AB;Flag=4;CP=&&DataTime=20160801062035;PolId=w01018;i11001-Info=//清洗;管路,完成//&&"), Hj212ParsePolicy.Strict);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.Equal("//清洗;管路,完成//", r.Packet!.Find("i11001", "Info")!.Value);
    }

    [Theory]
    [InlineData("QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=AB;Flag=4;CP=&&DataTime=20161301085857;a34004-Rtd=35&&", Hj212RejectReason.BadDataTime)]
    [InlineData("QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=AB;Flag=4;DataTime=20160801085857&&", Hj212RejectReason.MissingCp)]
    [InlineData("QN=20160801085857223;ST=22;CN=20x1;PW=123456;MN=AB;Flag=4;CP=&&&&", Hj212RejectReason.BadField)]
    [InlineData("QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=AB;Flag=four;CP=&&&&", Hj212RejectReason.BadField)]
    [InlineData("QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=AB;Flag=7;PNUM=2;PNO=3;CP=&&&&", Hj212RejectReason.BadField)]
    [InlineData("QN=20160801085857223;CN=2011;PW=123456;MN=AB;Flag=4;CP=&&&&", Hj212RejectReason.MissingField)]
    [InlineData("QN=20160801085857223;ST=22;ST=23;CN=2011;PW=123456;MN=AB;Flag=4;CP=&&&&", Hj212RejectReason.BadField)]
    [InlineData("QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=AB;Flag=4;CP=&&a34004-Rtd&&", Hj212RejectReason.BadCpEntry)]
    public void Hard_faults_reject_in_tolerant_mode_too(string segment, Hj212RejectReason reason)
    {
        var r = Hj212Parser.Parse(Frame(segment), Hj212ParsePolicy.Tolerant);
        Assert.False(r.IsAccepted);
        Assert.Equal(reason, r.Rejection!.Value.Reason);
        Assert.True(r.CrcOk);
    }

    [Fact]
    public void Time_zone_is_beijing_by_default_and_configurable()
    {
        var text = PacketCorpus.Get("hj212-037").Packet; // DataTime=20241203172530
        var bj = Hj212Parser.Parse(text, Hj212ParsePolicy.Strict).Packet!.DataTime!.Value;
        Assert.Equal(new DateTimeOffset(2024, 12, 3, 9, 25, 30, TimeSpan.Zero), bj.ToUniversalTime());
        var utc = Hj212Parser.Parse(text, Hj212ParsePolicy.Strict.WithTimeZoneOffset(TimeSpan.Zero)).Packet!.DataTime!.Value;
        Assert.Equal(new DateTimeOffset(2024, 12, 3, 17, 25, 30, TimeSpan.Zero), utc);
    }

    [Fact]
    public void Split_flags_and_version_bits_are_decoded()
    {
        var p = Hj212Parser.Parse(PacketCorpus.Get("hj212-068").Packet, Hj212ParsePolicy.Strict).Packet!;
        Assert.Equal(7, p.Flag);
        Assert.True(p.IsSplit);
        Assert.True(p.AckRequested);
        Assert.Equal(2, p.Pnum);
        Assert.Equal(1, p.Pno);
        var p2005 = Hj212Parser.Parse(PacketCorpus.Get("hj212-052").Packet, Hj212ParsePolicy.Tolerant).Packet!;
        Assert.Equal(Hj212Version.Hj212_2005, p2005.Version);
        Assert.True(p2005.IsSplit);
        Assert.False(p2005.AckRequested);
    }

    [Fact]
    public void Rejection_codes_and_qnrtn_follow_the_standard()
    {
        var bad = Hj212Parser.Parse(PacketCorpus.Get("hj212-021").Packet, Hj212ParsePolicy.Strict).Rejection!.Value;
        Assert.Equal("crc_mismatch", bad.Code);
        Assert.Equal(Hj212QnRtn.CrcError, bad.QnRtn);
        Assert.Equal(PacketCorpus.Get("hj212-021").Packet.IndexOf("&&4981", StringComparison.Ordinal) + 2, bad.Position);
        var dev = Hj212Parser.Parse(PacketCorpus.Get("hj212-019").Packet, Hj212ParsePolicy.Strict).Rejection!.Value;
        Assert.Equal("missing_qn", dev.Code);
        Assert.Equal(Hj212QnRtn.QnError, dev.QnRtn);
    }

    [Fact]
    public void No_input_throws()
    {
        foreach (var s in new[] { "", "##", "##0", "##0000", "##0000\r\n", "##00000000\r\n", "##0004CP=&&&&0000\r\n", "######", "##9999", "\r\n\r\n", "##0006CP=&&&&FFFF\n" })
        {
            var r = Hj212Parser.Parse(s, Hj212ParsePolicy.Tolerant);
            Assert.NotNull(r);
        }
    }
}
