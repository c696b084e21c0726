using System.Buffers;
using System.Text;
using SmartEnv.Hj212.Codes;
using D = SmartEnv.Hj212.Hj212Deviation;
using R = SmartEnv.Hj212.Hj212RejectReason;

namespace SmartEnv.Hj212.Tests;

/// <summary>
/// Issue #11 items 2–4: what real loggers send beside the standard — field names in another case, padding between the
/// CRC and CR LF — and what a strict policy must refuse (no DataTime, non-numbers, flags outside table 8), with vendor
/// codes as named notices. Expectations are written by hand from the packet text.
/// </summary>
public class FieldPracticeTests
{
    private const string Head = "QN=20250101110000001;ST=22;CN=2061;PW=123456;MN=FIELD0000000000000000001;Flag=5;CP=&&";

    private static byte[] Frame(string segment, string tail = "\r\n", Encoding? encoding = null, bool badCrc = false)
    {
        var bytes = (encoding ?? Encoding.UTF8).GetBytes(segment);
        var crc = (ushort)(Hj212Crc.Compute(bytes) ^ (badCrc ? 0x0101 : 0));
        return [.. Encoding.ASCII.GetBytes($"##{bytes.Length:D4}"), .. bytes, .. Encoding.ASCII.GetBytes(Hj212Crc.Format(crc)), .. Encoding.Latin1.GetBytes(tail)];
    }

    private static Hj212ParseResult Parse(byte[] frame, Hj212ParsePolicy policy) => Hj212Parser.Parse(frame, policy);

    // ---- item 2: field names as the field writes them ----

    [Fact]
    public void Lower_and_upper_case_field_names_keep_value_and_flag_with_a_warning_naming_the_spelling()
    {
        // The Tianjin station's logger: "…;A18-Avg=40.28,A18-flag=N&&"; plus -avg / -FLAG as other loggers write them.
        var frame = Frame(Head + "DataTime=20250101100000;a34004-avg=35,a34004-FLAG=D;A18-Avg=40.28,A18-flag=N&&");
        var r = Parse(frame, Hj212ParsePolicy.Tolerant);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        var p = r.Packet!;
        Assert.Equal(["DataTime", "Avg", "Flag", "Avg", "Flag"], p.Cp.Select(e => e.Field));
        Assert.Equal(["DataTime", "a34004-avg", "a34004-FLAG", "A18-Avg", "A18-flag"], p.Cp.Select(e => e.Key)); // as sent
        Assert.Equal("35", p.Cp.Single(e => e.Code == "a34004" && e.Field == "Avg").Value);
        Assert.Equal("D", p.Cp.Single(e => e.Code == "a34004" && e.Field == "Flag").Value);
        Assert.Equal("N", p.Cp.Single(e => e.Code == "A18" && e.Field == "Flag").Value);
        Assert.Equal(["-avg", "-FLAG", "-flag"],
            r.Warnings.Where(w => w.Deviation == D.NonCanonicalFieldName).Select(w => w.Detail));
        // The first one at the byte of "a34004-avg": 6 bytes of ## + length, then the head and the DataTime entry.
        Assert.Equal(6 + Head.Length + "DataTime=20250101100000;".Length, r.Warnings.First(w => w.Deviation == D.NonCanonicalFieldName).Position);

        var strict = Parse(frame, Hj212ParsePolicy.Strict);
        Assert.Equal((R.NotTolerated, D.NonCanonicalFieldName), (strict.Rejection!.Value.Reason, strict.Rejection.Value.Deviation));
    }

    [Fact]
    public void Fields_outside_table_4_stay_as_sent_without_warning()
    {
        var r = Parse(Frame(Head + "DataTime=20250101100000;a34004-Avg=35,a34004-ValidNum=3,a34004-Flag=N&&"), Hj212ParsePolicy.Strict);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.Equal("ValidNum", r.Packet!.Cp[2].Field);
        Assert.Empty(r.Warnings);
    }

    // ---- item 3: padding between the CRC and CR LF ----

    [Theory]
    [InlineData(" \r\n")]
    [InlineData("\t\r\n")]
    [InlineData("\0\r\n")]
    [InlineData("  \0\r\n")]
    [InlineData(" \n")]
    public void Padding_before_the_line_end_is_accepted_with_a_warning_when_length_and_CRC_verify(string tail)
    {
        var seg = Head + "DataTime=20250101100000;a34004-Avg=35,a34004-Flag=N&&";
        var frame = Frame(seg, tail);
        foreach (var cut in new[] { frame.Length, 10, frame.Length - 3, frame.Length - 1 })
        {
            var buffer = cut == frame.Length ? new ReadOnlySequence<byte>(frame) : Segments.Split(frame, cut);
            var framer = new Hj212Framer();
            Assert.True(framer.TryReadFrame(ref buffer, false, out var f), $"cut {cut}");
            Assert.True(buffer.IsEmpty);
            Assert.Equal((true, Hj212FramingRule.LengthInBytes, seg.Length, true), (f.IsPacket, f.Rule, f.SegmentLength, f.StandardCrcOk));
            Assert.Equal(tail.Length - (tail.EndsWith("\r\n") ? 2 : 1), f.Padding);
            var r = Hj212Parser.Parse(f, Hj212ParsePolicy.Tolerant);
            Assert.True(r.IsAccepted);
            Assert.True(r.CrcOk);
            Assert.Equal(tail.EndsWith("\r\n") ? [D.PaddingBeforeTerminator] : [D.TerminatorLfOnly, D.PaddingBeforeTerminator],
                r.Warnings.Select(w => w.Deviation).Order());
            Assert.Equal(6 + seg.Length + 4, r.Warnings.Single(w => w.Deviation == D.PaddingBeforeTerminator).Position); // first byte after the CRC
        }
        var strict = Parse(frame, Hj212ParsePolicy.Strict.Tolerating(D.TerminatorLfOnly));
        Assert.Equal((R.NotTolerated, D.PaddingBeforeTerminator), (strict.Rejection!.Value.Reason, strict.Rejection.Value.Deviation));
    }

    [Fact]
    public void A_partial_padded_frame_waits_for_its_line_end()
    {
        var frame = Frame(Head + "DataTime=20250101100000;a34004-Avg=35&&", " \r\n");
        var buffer = new ReadOnlySequence<byte>(frame, 0, frame.Length - 2); // up to the space
        Assert.False(new Hj212Framer().TryReadFrame(ref buffer, false, out _));
        Assert.Equal(frame.Length - 2, buffer.Length);
    }

    [Fact]
    public void Padding_after_the_chars_length_rule_resyncs_on_the_terminator()
    {
        // Length counted in characters (Chinese log text), then a space before CR LF.
        var seg = "QN=20250101110000001;ST=32;CN=3020;PW=123456;MN=FIELD0000000000000000001;Flag=4;CP=&&DataTime=20250101100000;i11001-Info=//仪器正常//&&";
        var bytes = Encoding.UTF8.GetBytes(seg);
        var frame = (byte[])[.. Encoding.ASCII.GetBytes($"##{seg.Length:D4}"), .. bytes, .. Encoding.ASCII.GetBytes(Hj212Crc.Format(Hj212Crc.Compute(bytes)) + " \r\n")];
        var r = Parse(frame, Hj212ParsePolicy.Tolerant);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.Equal(Hj212FramingRule.LengthInChars, r.Rule);
        Assert.Equal([D.LengthCountsChars, D.PaddingBeforeTerminator], r.Warnings.Select(w => w.Deviation).Order());
    }

    [Fact]
    public void Reasons_say_what_is_wrong_a_bad_CRC_a_real_truncation_and_other_bytes_after_the_CRC()
    {
        var seg = Head + "DataTime=20250101100000;a34004-Avg=35,a34004-Flag=N&&";
        var padded = Parse(Frame(seg, " \r\n", badCrc: true), Hj212ParsePolicy.Tolerant);
        Assert.Equal(R.CrcMismatch, padded.Rejection!.Value.Reason);

        var whole = Frame(seg);
        var cut = Parse(whole[..(whole.Length - 20)], Hj212ParsePolicy.Tolerant);
        Assert.Equal(R.Truncated, cut.Rejection!.Value.Reason);
        Assert.Contains("no CRC and line end", cut.Rejection.Value.Detail);

        var junk = Parse(Frame(seg, " x\r\n"), Hj212ParsePolicy.Tolerant);
        Assert.Equal(R.TrailingBytesAfterCrc, junk.Rejection!.Value.Reason);
        Assert.Equal(6 + seg.Length + 4, junk.Rejection.Value.Position);
        Assert.Equal("' x' between the CRC and the line end: only space, TAB or NUL are tolerated there (CRC verifies)", junk.Rejection.Value.Detail);
        Assert.True(junk.CrcOk); // the CRC itself is fine, and the reason does not pretend otherwise
    }

    // ---- item 4: strict means strict ----

    [Theory]
    [InlineData("a34004-Avg=35,a34004-Flag=N", D.MissingDataTime, null)]
    [InlineData("DataTime=20250101100000;a34004-Avg=7O,a34004-Flag=N", D.NonNumericValue, "a34004-Avg=7O")]
    [InlineData("DataTime=20250101100000;a34004-Avg=,a34004-Flag=N", D.NonNumericValue, "a34004-Avg=")]
    [InlineData("DataTime=20250101100000;a34004-Avg=35,a34004-Flag=N℃", D.UnknownDataFlag, "a34004-Flag=N℃")]
    [InlineData("DataTime=20250101100000;a34004-Avg=35,a34004-Flag=n", D.UnknownDataFlag, "a34004-Flag=n")]
    public void Strict_refuses_what_cannot_be_trusted_and_tolerant_names_it(string cp, D deviation, string? detail)
    {
        var frame = Frame(Head + cp + "&&");
        var strict = Parse(frame, Hj212ParsePolicy.Strict);
        Assert.False(strict.IsAccepted);
        Assert.Equal((R.NotTolerated, deviation), (strict.Rejection!.Value.Reason, strict.Rejection.Value.Deviation));
        var tolerant = Parse(frame, Hj212ParsePolicy.Tolerant);
        Assert.True(tolerant.IsAccepted);
        var w = Assert.Single(tolerant.Warnings);
        Assert.Equal((deviation, detail), (w.Deviation, w.Detail));
    }

    [Fact]
    public void Every_table_8_flag_and_a_request_without_DataTime_pass_strict()
    {
        foreach (var flag in "NFMSDCTB")
            Assert.True(Parse(Frame(Head + $"DataTime=20250101100000;a34004-Avg=35,a34004-Flag={flag}&&"), Hj212ParsePolicy.Strict).IsAccepted, flag.ToString());
        // A 2061 history request (P→F) carries BeginTime/EndTime, no factor values: no DataTime needed.
        Assert.True(Parse(Frame(Head + "BeginTime=20250101000000;EndTime=20250101230000&&"), Hj212ParsePolicy.Strict).IsAccepted);
    }

    [Fact]
    public void A_vendor_code_passes_strict_with_a_notice_naming_it()
    {
        var r = Parse(Frame(Head + "DataTime=20250101100000;a34006-Avg=12,a34006-Flag=N;o31104-Avg=80,o31104-Flag=N;a34004-Avg=35,a34004-Flag=N&&"),
            Hj212ParsePolicy.Strict);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.Equal(["unregistered_factor_code (a34006)", "unregistered_factor_code (o31104)"], r.Warnings.Select(w => w.Describe()));
    }

    [Fact]
    public void Factor_aliases_map_per_device_over_every_device_and_refuse_nonsense()
    {
        var defaults = Hj212FactorAliases.Parse("# vendor\tstandard\tmn\tnote\no31104\ta05024\t*\tvendor O3\n", "defaults");
        var bureau = Hj212FactorAliases.Parse("o31104\ta21026\tMN2\n\na34006\ta34004\n", "bureau.tsv");
        var t = defaults.Then(bureau);
        Assert.Equal(3, t.Count);
        Assert.Equal("a05024", t.Resolve("MN1", "o31104"));
        Assert.Equal("a21026", t.Resolve("MN2", "o31104"));
        Assert.Equal("a34004", t.Resolve(null, "a34006"));
        Assert.Equal("a99999", t.Resolve("MN1", "a99999"));
        Assert.Equal("bureau.tsv:1: 'a99999' is not a registered factor code",
            Assert.Throws<FormatException>(() => Hj212FactorAliases.Parse("o31104\ta99999", "bureau.tsv")).Message);
        Assert.Equal("f:2: 'a34004' is a registered factor code and cannot be an alias",
            Assert.Throws<FormatException>(() => Hj212FactorAliases.Parse("#\na34004\ta34002", "f")).Message);
        Assert.Throws<FormatException>(() => Hj212FactorAliases.Parse("x1\ta34004\nx1\ta34002", "f"));
    }
}
