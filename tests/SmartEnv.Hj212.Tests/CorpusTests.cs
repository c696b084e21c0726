using System.Text;
using D = SmartEnv.Hj212.Hj212Deviation;
using R = SmartEnv.Hj212.Hj212RejectReason;

namespace SmartEnv.Hj212.Tests;

/// <summary>
/// Every row of packets.tsv with its expectation written by hand from the row's kind and description
/// (never derived from the parser's output).
/// </summary>
public class CorpusTests
{
    /// <summary>valid: strict and tolerant accept, no warning.</summary>
    public static TheoryData<string> ValidRows => new()
    {
        "hj212-001", "hj212-002", "hj212-003", "hj212-008", "hj212-037", "hj212-038", "hj212-040", "hj212-047",
        "hj212-048", "hj212-051", "hj212-053", "hj212-054", "hj212-056", "hj212-064", "hj212-065", "hj212-067",
        "hj212-068", "hj212-069",
    };

    /// <summary>
    /// edge: strict rejects with the first deviation (checked in the order framing → header fields → CP), tolerant
    /// accepts with at least the listed warnings (the first is the one strict names).
    /// </summary>
    public static TheoryData<string, D[]> EdgeRows => new()
    {
        // w01008 (water) under ST=22 (air).
        { "hj212-005", [D.FactorDomainMismatch] },
        // lowercase CRC; no QN, no Flag; 17-digit DataTime; vendor codes ele01/ele02.
        { "hj212-007", [D.LowercaseCrc, D.MissingQn, D.MissingFlag, D.DataTimeWithMilliseconds, D.NonStandardFactorCode] },
        // bare 'Flag=N' in CP.
        { "hj212-010", [D.UnknownCpKey] },
        // no Flag field, PNO/PNUM without Flag D.
        { "hj212-012", [D.MissingFlag, D.SplitFieldsWithoutFlagD] },
        // lowercase CRC (the code misuse itself is not detectable).
        { "hj212-014", [D.LowercaseCrc] },
        // 4-character factor codes a214 ...
        { "hj212-018", [D.NonStandardFactorCode] },
        // 2005 style: no QN, no Flag, 17-digit DataTime.
        { "hj212-019", [D.MissingQn, D.MissingFlag, D.DataTimeWithMilliseconds] },
        // lowercase CRC; 2005 style without QN/Flag.
        { "hj212-024", [D.LowercaseCrc, D.MissingQn, D.MissingFlag] },
        // no QN/Flag; vendor 3-digit codes keep a 2005 code shape.
        { "hj212-034", [D.MissingQn, D.MissingFlag] },
        // ST=101, ua19004-style codes, no QN/Flag.
        { "hj212-035", [D.MissingQn, D.NonStandardSt, D.MissingFlag, D.NonStandardFactorCode] },
        // ';,MN=' stray comma, 'FLAG=0' upper-case key, no QN.
        { "hj212-049", [D.CommaBetweenHeaderFields, D.NonCanonicalKeyCase, D.MissingQn] },
        // 1045-byte segment (> 1024), CP > 950, no QN.
        { "hj212-052", [D.SegmentOver1024, D.MissingQn, D.CpOver950] },
        // lowercase CRC; 9014 with CP content QnRtn=1.
        { "hj212-057", [D.LowercaseCrc, D.ContentInAckCp] },
        // length = segment + 6; no QN/Flag; PM10/TSP names instead of codes.
        { "hj212-060", [D.LengthIncludesCrcAndTerminator, D.MissingQn, D.MissingFlag, D.NonStandardFactorCode] },
        // 2005 style with empty PW and MN.
        { "hj212-062", [D.MissingQn, D.EmptyPwOrMn, D.MissingFlag] },
        // vendor CN=8013, empty PW/MN, 2005 style.
        { "hj212-063", [D.MissingQn, D.UnknownCommand, D.EmptyPwOrMn, D.MissingFlag] },
        // 'Flag=5CP=&&' without ';'.
        { "hj212-071", [D.MissingSeparatorBeforeCp] },
        // 'QN=...,ST=32' comma between header fields.
        { "hj212-072", [D.CommaBetweenHeaderFields] },
        // 'CP=&& &&'.
        { "hj212-073", [D.WhitespaceOnlyCp] },
    };

    /// <summary>invalid: the hard reason both policies give (CRC and framing faults are never tolerated).</summary>
    public static TheoryData<string, R> InvalidRows => new()
    {
        { "hj212-011", R.LengthMismatch },   // 0215 vs 202
        { "hj212-013", R.CrcMismatch },      // stale CRC after DataTime edit
        { "hj212-015", R.CrcMismatch },      // edited sample
        { "hj212-020", R.CrcMismatch },      // README example with stale CRC
        { "hj212-021", R.CrcMismatch },      // deliberate bad CRC
        { "hj212-025", R.LengthMismatch },   // 0215 vs 271
        { "hj212-026", R.TrailingDataAfterCp }, // ';Flag=0' written after the closing && of CP, CRC glued to it
        { "hj212-028", R.BadCrcField },      // 3-digit CRC
        { "hj212-030", R.CrcMismatch },      // Modbus CRC
        { "hj212-031", R.CrcMismatch },      // Modbus CRC
        { "hj212-032", R.CrcMismatch },      // byte-swapped Modbus CRC
        { "hj212-036", R.CrcMismatch },      // byte-swapped Modbus CRC
        { "hj212-041", R.LengthMismatch },   // 0175 vs 176
        { "hj212-042", R.LengthMismatch },   // 0596 vs 496 (truncated read)
        { "hj212-046", R.LengthMismatch },   // 0131 vs 137
        { "hj212-058", R.CrcMismatch },      // '##299' = 293 + 6 frames, but d042 does not verify
        { "hj212-061", R.LengthMismatch },   // 0428 vs 431
        { "hj212-076", R.LengthMismatch },   // GBK length 148 vs 152 UTF-8 bytes as stored
        { "hj212-077", R.CpNotClosed },      // closing && removed
    };

    private static Hj212ParseResult Parse(string id, Hj212ParsePolicy policy) => Hj212Parser.Parse(PacketCorpus.Get(id).Bytes, policy);

    [Fact]
    public void Every_row_has_a_hand_written_expectation()
    {
        static IEnumerable<string> Ids(IEnumerable<object[]> data) => data.Select(r => (string)r[0]);
        var covered = Ids(ValidRows).Concat(Ids(EdgeRows)).Concat(Ids(InvalidRows))
            .Append("hj212-022").Append("hj212-043").Append("hj212-006")
            .ToHashSet();
        Assert.Equal(PacketCorpus.All.Keys.Order(), covered.Order());
    }

    [Theory, MemberData(nameof(ValidRows))]
    public void Valid_rows_parse_in_both_modes_without_warning(string id)
    {
        Assert.Equal("valid", PacketCorpus.Get(id).Kind);
        foreach (var policy in new[] { Hj212ParsePolicy.Strict, Hj212ParsePolicy.Tolerant })
        {
            var r = Parse(id, policy);
            Assert.True(r.IsAccepted, $"{id} {policy.Name}: {r.Rejection}");
            Assert.Empty(r.Warnings);
            Assert.True(r.CrcOk);
        }
    }

    [Theory, MemberData(nameof(EdgeRows))]
    public void Edge_rows_strict_rejects_and_tolerant_warns(string id, D[] expected)
    {
        Assert.Equal("edge", PacketCorpus.Get(id).Kind);
        var strict = Parse(id, Hj212ParsePolicy.Strict);
        Assert.False(strict.IsAccepted);
        Assert.Equal(R.NotTolerated, strict.Rejection!.Value.Reason);
        Assert.Equal(expected[0], strict.Rejection.Value.Deviation);

        var tolerant = Parse(id, Hj212ParsePolicy.Tolerant);
        Assert.True(tolerant.IsAccepted, $"{id}: {tolerant.Rejection}");
        // Unregistered vendor codes are notices (accepted even by strict), checked by Vendor_codes_are_named_notices.
        Assert.Equal(expected.Order(), tolerant.Warnings.Select(w => w.Deviation).Where(d => d != D.UnregisteredFactorCode).Order());
        Assert.Equal(expected[0], tolerant.Warnings[0].Deviation);
        Assert.True(tolerant.CrcOk);
    }

    /// <summary>Codes of standard shape outside the registry (App. B selection + a05024), read off the rows by hand.</summary>
    [Theory]
    [InlineData("hj212-014", "a21007,a21006")] // a21001..a21005 are registered
    [InlineData("hj212-035", "a34010,a34009")] // ua19004.. have no standard shape (non_standard_factor_code instead)
    [InlineData("hj212-049", "B00")]           // 001 060 011 B01 are 2005 codes of App. B
    [InlineData("hj212-008", "")]
    public void Vendor_codes_are_named_notices_that_strict_accepts(string id, string codes)
    {
        var tolerant = Parse(id, Hj212ParsePolicy.Tolerant);
        Assert.Equal(codes, string.Join(",", tolerant.Warnings.Where(w => w.Deviation == D.UnregisteredFactorCode).Select(w => w.Detail)));
        if (id == "hj212-014")
        {
            var strict = Parse(id, Hj212ParsePolicy.Strict.Tolerating(D.LowercaseCrc));
            Assert.True(strict.IsAccepted);
            Assert.Equal(["unregistered_factor_code (a21007)", "unregistered_factor_code (a21006)"],
                strict.Warnings.Where(w => w.Deviation == D.UnregisteredFactorCode).Select(w => w.Describe()));
        }
    }

    [Theory, MemberData(nameof(InvalidRows))]
    public void Invalid_rows_are_rejected_in_both_modes(string id, R reason)
    {
        Assert.Equal("invalid", PacketCorpus.Get(id).Kind);
        foreach (var policy in new[] { Hj212ParsePolicy.Strict, Hj212ParsePolicy.Tolerant })
        {
            var r = Parse(id, policy);
            Assert.False(r.IsAccepted, $"{id} {policy.Name} accepted");
            Assert.Equal(reason, r.Rejection!.Value.Reason);
            Assert.False(r.CrcOk);
        }
    }

    [Fact]
    public void Row_022_lf_only_terminator_is_refused_by_strict_and_tolerated_as_field_practice()
    {
        // Invalid per its source's footer test; the brief documents LF-only endings as field practice (§3).
        var strict = Parse("hj212-022", Hj212ParsePolicy.Strict);
        Assert.Equal(R.NotTolerated, strict.Rejection!.Value.Reason);
        Assert.Equal(D.TerminatorLfOnly, strict.Rejection.Value.Deviation);
        Assert.True(strict.CrcOk);

        var tolerant = Parse("hj212-022", Hj212ParsePolicy.Tolerant);
        Assert.True(tolerant.IsAccepted);
        Assert.Equal(D.TerminatorLfOnly, tolerant.Warnings[0].Deviation);
        Assert.Contains(tolerant.Warnings, w => w.Deviation == D.MissingQn);
    }

    [Fact]
    public void Row_043_the_zero_crc_was_lost_in_anonymisation_so_a_crc_of_0000_is_tested_on_its_own()
    {
        // The row's description is about a genuine CRC 0000; after the MN was anonymised its CRC became D341 and
        // nothing else in it departs from the standard, so it parses cleanly.
        var row = Parse("hj212-043", Hj212ParsePolicy.Strict);
        Assert.True(row.IsAccepted);
        Assert.True(row.CrcOk);

        // Segment found by an independent CRC search (Python): its Appendix A CRC is 0x0000.
        const string seg = "QN=20160801085850000;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&DataTime=20160801085800;w01018-Rtd=189.0,w01018-Flag=N&&";
        var r = Hj212Parser.Parse("##0141" + seg + "0000\r\n", Hj212ParsePolicy.Strict);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.True(r.CrcOk);
        Assert.Equal(189.0m, r.Packet!.Find("w01018", "Rtd")!.Number);
    }

    [Fact]
    public void Row_006_lost_its_lowercase_crc_in_anonymisation_and_flag_8_is_the_2025_version()
    {
        // Description: Flag=8 (2025 version bits) and "CRC in lowercase hex"; the recomputed CRC 7580 has no hex
        // letter, and Flag=8/9 is valid per rows 053-056. What remains is a conforming HJ 212-2025 packet.
        Assert.EndsWith("&&7580\r\n", PacketCorpus.Get("hj212-006").Packet);
        var r = Parse("hj212-006", Hj212ParsePolicy.Strict);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.Equal(Hj212Version.Hj212_2025, r.Packet!.Version);
        Assert.False(r.Packet.AckRequested);
    }

    [Fact]
    public void Crc_verdict_agrees_with_the_crc_valid_column_for_every_row()
    {
        foreach (var row in PacketCorpus.All.Values)
        {
            var r = Hj212Parser.Parse(row.Bytes, Hj212ParsePolicy.Tolerant);
            Assert.True(row.CrcValid == r.CrcOk, $"{row.Id}: crc_valid={row.CrcValid}, crc_ok={r.CrcOk}");
            if (!row.CrcValid) Assert.False(r.IsAccepted, row.Id);
        }
    }

    [Fact]
    public void Row_076_sent_as_gbk_bytes_frames_by_bytes_and_verifies_with_a_gbk_warning()
    {
        // The description: length 0148 = GBK bytes, CRC over GBK bytes; the TSV shows it as Unicode text.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes(PacketCorpus.Get("hj212-076").Packet);
        var tolerant = Hj212Parser.Parse(gbk, Hj212ParsePolicy.Tolerant);
        Assert.True(tolerant.IsAccepted, tolerant.Rejection?.ToString());
        Assert.True(tolerant.CrcOk);
        Assert.Equal("gbk", tolerant.Encoding);
        Assert.Equal([D.GbkEncoding], tolerant.Warnings.Select(w => w.Deviation));
        Assert.Equal("//清洗管路//", tolerant.Packet!.Find("i11001", "Info")!.Value);

        var strict = Hj212Parser.Parse(gbk, Hj212ParsePolicy.Strict);
        Assert.Equal(D.GbkEncoding, strict.Rejection!.Value.Deviation);
    }

    [Theory]
    [InlineData("hj212-032", "MP1", Hj212CrcVariant.ModbusSwapped)]
    [InlineData("hj212-036", "6307015", Hj212CrcVariant.ModbusSwapped)]
    [InlineData("hj212-031", "ABCDEFG1234567", Hj212CrcVariant.Modbus)]
    public void Modbus_variants_verify_only_for_allow_listed_devices(string id, string mn, Hj212CrcVariant variant)
    {
        var policy = Hj212ParsePolicy.Tolerant.WithCrcVariants(mn, variant);
        var r = Hj212Parser.Parse(PacketCorpus.Get(id).Bytes, policy);
        Assert.True(r.IsAccepted, r.Rejection?.ToString());
        Assert.False(r.CrcOk); // never reported as a valid standard CRC
        Assert.Equal(variant, r.CrcVariant);
        Assert.Contains(r.Warnings, w => w.Deviation == D.NonStandardCrcVariant);

        // Another device's allow-list does not help, and the other variant does not match.
        var other = Hj212ParsePolicy.Tolerant.WithCrcVariants("SOMEONE-ELSE", Hj212CrcVariant.Modbus | Hj212CrcVariant.ModbusSwapped);
        Assert.Equal(R.CrcMismatch, Hj212Parser.Parse(PacketCorpus.Get(id).Bytes, other).Rejection!.Value.Reason);
        var wrong = Hj212ParsePolicy.Tolerant.WithCrcVariants(mn, variant ^ (Hj212CrcVariant.Modbus | Hj212CrcVariant.ModbusSwapped));
        Assert.Equal(R.CrcMismatch, Hj212Parser.Parse(PacketCorpus.Get(id).Bytes, wrong).Rejection!.Value.Reason);
    }
}
