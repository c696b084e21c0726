using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace SmartEnv.Hj212;

/// <summary>
/// Parses HJ 212 frames into <see cref="Hj212Packet"/>s under a <see cref="Hj212ParsePolicy"/>. Follows HJ 212-2017
/// §6.3 (packet and data segment), table 3 (fields), §6.3.3 and table 4 (CP data area), Appendix A (CRC); HJ/T 212-2005
/// and HJ 212-2025 packets are recognised by their Flag version bits. Never throws for any input: every fault is a
/// <see cref="Hj212Rejection"/>. Conforming ASCII packets are parsed on the frame's bytes by a fast path
/// (<c>Hj212FastParser</c>: no segment string, numbers checked by shape, values made strings on first read); every other
/// frame, and any frame the fast path would not decide exactly as the general path, is parsed by the general string
/// path from the start, so results, warnings and positions are the same either way. Thread-safe (no per-call shared
/// state; the shared string tables are filled with idempotent writes).
/// </summary>
public static class Hj212Parser
{
    private static readonly Encoding Gbk = CreateGbk();

    private static Encoding CreateGbk()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(936, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    private static readonly FrozenSet<int> KnownCommands = Enum.GetValues<Hj212Command>().Select(c => (int)c).ToFrozenSet();

    // Table 4 parameter fields, 2005 fields dropped in 2017, 2025 additions; QN/CN appear inside CP in 2005 answers.
    internal static readonly string[] KnownParameterNames =
    [
        "DataTime", "PolId", "BeginTime", "EndTime", "SystemTime", "RtdInterval", "MinInterval", "RestartTime", "NewPW",
        "OverTime", "ReCount", "VaseNo", "CstartTime", "Ctime", "Stime", "QnRtn", "ExeRtn", "InfoId", "SKCreateTime",
        "AlarmTime", "AlarmType", "ReportTarget", "ReportTime", "DayStdValue", "NightStdValue", "WarnTime", "QN", "CN",
    ];

    private static readonly FrozenDictionary<string, string> KnownParameters =
        KnownParameterNames.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    // Keys and one-character values seen in almost every packet, shared instead of allocated per entry. A small
    // open-addressing table (FrozenDictionary's span lookup measured slower than allocating the string).
    private static readonly string?[] CommonKeys = BuildCommonKeys();

    private static string?[] BuildCommonKeys()
    {
        var keys = Codes.Hj212CodeRegistry.All.Select(c => c.Code)
            .SelectMany(c => Hj212Fields.All.Append("ZsCou").Select(f => c + "-" + f))
            .Concat(KnownParameters.Keys)
            .Distinct(StringComparer.Ordinal);
        var table = new string?[4096];
        foreach (var k in keys)
        {
            int h = KeyHash(k) & (table.Length - 1);
            while (table[h] is not null) h = (h + 1) & (table.Length - 1);
            table[h] = k;
        }
        return table;
    }

    private static int KeyHash(ReadOnlySpan<char> s)
    {
        uint h = 2166136261;
        foreach (var c in s) h = (h ^ c) * 16777619;
        return (int)(h ^ (h >> 15));
    }

    // Codes of the registry (2017 and 2005 spellings), for the unregistered-code notice without allocating.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RegisteredCodes =
        Codes.Hj212CodeRegistry.All.Select(c => c.Code).Concat(Codes.Hj212CodeRegistry.All.Where(c => c.Code2005 is not null).Select(c => c.Code2005!))
            .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] OneChar = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    internal static string Text(ReadOnlySpan<char> s, bool key)
    {
        if (s.Length == 1 && s[0] < 128) return OneChar[s[0]];
        if (key)
        {
            var table = CommonKeys;
            int h = KeyHash(s) & (table.Length - 1);
            for (string? k; (k = table[h]) is not null; h = (h + 1) & (table.Length - 1))
                if (s.SequenceEqual(k)) return k;
        }
        return s.ToString();
    }

    /// <summary>Parses the first frame found in <paramref name="packet"/> (a whole packet, <c>##</c> … CR LF).
    /// Use <see cref="Hj212Framer"/> for streams.</summary>
    /// <param name="packet">The bytes as received.</param>
    /// <param name="policy">Strict, tolerant or a custom policy.</param>
    /// <returns>The result; a rejection with <see cref="Hj212RejectReason.BadHeader"/> when the input holds no frame.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public static Hj212ParseResult Parse(ReadOnlySpan<byte> packet, Hj212ParsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var framer = new Hj212Framer(new Hj212FramerOptions { MaxFrameBytes = Math.Max(64, packet.Length + 8) });
        var buffer = new ReadOnlySequence<byte>(packet.ToArray());
        if (framer.TryReadFrame(ref buffer, true, out var frame)) return Parse(frame, policy);
        return new Hj212ParseResult(null, new Hj212Rejection(Hj212RejectReason.BadHeader, 0, null, "empty input"), [], false,
            Hj212CrcVariant.None, Hj212FramingRule.None, 0, 0, "");
    }

    /// <summary>Parses a packet given as text (encoded as UTF-8 first). Convenience for tests and tools.</summary>
    /// <param name="packet">The packet text, e.g. <c>"##0101QN=…&amp;&amp;1C80\r\n"</c>.</param>
    /// <param name="policy">Strict, tolerant or a custom policy.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Hj212ParseResult Parse(string packet, Hj212ParsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return Parse(System.Text.Encoding.UTF8.GetBytes(packet), policy);
    }

    /// <summary>Parses a frame cut by <see cref="Hj212Framer"/>.</summary>
    /// <param name="frame">The frame (its bytes must still be valid: parse before advancing the pipe reader).</param>
    /// <param name="policy">Strict, tolerant or a custom policy.</param>
    /// <returns>The packet with warnings, or a rejection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public static Hj212ParseResult Parse(in Hj212Frame frame, Hj212ParsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var raw = frame.Raw;
        ReadOnlySpan<byte> span = raw.IsSingleSegment ? raw.FirstSpan : raw.ToArray();
        // Conforming ASCII packets take the byte-level path; anything it would not decide exactly as the general path
        // does (every warning, every rejection, non-ASCII text, …) goes to the general path from the start.
        return Hj212FastParser.TryParse(frame, span, policy) ?? new Run(frame, span, policy).Execute();
    }

    /// <summary>The general (string) path alone, without the byte-level fast path: the reference the differential
    /// tests compare the fast path with.</summary>
    internal static Hj212ParseResult ParseGeneral(in Hj212Frame frame, Hj212ParsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var raw = frame.Raw;
        ReadOnlySpan<byte> span = raw.IsSingleSegment ? raw.FirstSpan : raw.ToArray();
        return new Run(frame, span, policy).Execute();
    }

    private ref struct Run
    {
        private readonly Hj212Frame _f;
        private readonly ReadOnlySpan<byte> _raw;
        private readonly Hj212ParsePolicy _policy;
        private List<Hj212Warning>? _devs;
        private Hj212Rejection? _hard;
        private string _text;
        private Encoding? _enc;
        private string _encName;
        private bool _ascii;
        private bool _upload, _sawFactor, _sawDataTime;

        public Run(in Hj212Frame f, ReadOnlySpan<byte> raw, Hj212ParsePolicy policy)
        {
            _f = f; _raw = raw; _policy = policy; _text = ""; _encName = ""; _ascii = true;
        }

        private void Dev(Hj212Deviation d, int position) => Dev(d, position, default);

        // Each deviation is reported once, at its first position; one with a detail once per distinct detail.
        private void Dev(Hj212Deviation d, int position, ReadOnlySpan<char> detail)
        {
            _devs ??= new List<Hj212Warning>(4);
            foreach (var w in _devs) if (w.Deviation == d && detail.SequenceEqual(w.Detail)) return;
            _devs.Add(new Hj212Warning(d, position) { Detail = detail.IsEmpty ? null : detail.ToString() });
        }

        private void Hard(Hj212RejectReason r, int position, string detail) => _hard ??= new Hj212Rejection(r, position, null, detail);

        private int Pos(int charIndex)
        {
            if (charIndex <= 0) return _f.SegmentOffset;
            if (_ascii || _enc is null) return _f.SegmentOffset + charIndex;
            return _f.SegmentOffset + _enc.GetByteCount(_text.AsSpan(0, Math.Min(charIndex, _text.Length)));
        }

        private Hj212ParseResult Result(Hj212Packet? p, Hj212Rejection? r, Hj212CrcVariant variant) =>
            new(p, r, p is null ? [] : (IReadOnlyList<Hj212Warning>?)_devs ?? [], _f.StandardCrcOk, variant, _f.Rule,
                _f.StreamOffset, (int)_f.Raw.Length, _encName);

        public Hj212ParseResult Execute()
        {
            var f = _f;
            if (f.FramingRejection is { } fr)
            {
                string detail = fr switch
                {
                    Hj212RejectReason.LengthMismatch => $"declared {f.DeclaredLength}, segment {f.SegmentLength} bytes",
                    Hj212RejectReason.BadCrcField => $"CRC field has {f.CrcDigits} hex digits",
                    Hj212RejectReason.Truncated => f.DeclaredLength >= 0
                        ? $"{f.Raw.Length} bytes received, no CRC and line end after the declared {f.DeclaredLength}-byte segment"
                        : $"{f.Raw.Length} bytes received without CRC and line end",
                    Hj212RejectReason.TrailingBytesAfterCrc =>
                        $"'{Printable(_raw[(f.CrcOffset + 4)..].TrimEnd("\r\n"u8))}' between the CRC and the line end: only space, TAB or NUL are tolerated there (CRC {(f.StandardCrcOk ? "verifies" : "does not verify")})",
                    Hj212RejectReason.CpNotClosed => "CP block not closed with && before the CRC",
                    Hj212RejectReason.TrailingDataAfterCp => "bytes between the CP block's closing && and the CRC",
                    Hj212RejectReason.FrameTooLarge => "no end of frame within the size cap",
                    Hj212RejectReason.BadHeader => "bytes without ## and a 3-4 digit length",
                    _ => fr.ToString(),
                };
                int pos = fr switch
                {
                    Hj212RejectReason.LengthMismatch => 2,
                    Hj212RejectReason.BadCrcField => f.CrcOffset,
                    Hj212RejectReason.CpNotClosed => f.CrcOffset,
                    Hj212RejectReason.TrailingDataAfterCp => f.SegmentOffset + f.SegmentLength,
                    Hj212RejectReason.TrailingBytesAfterCrc => f.CrcOffset + 4,
                    _ => 0,
                };
                return Result(null, new Hj212Rejection(fr, pos, null, detail), f.StandardCrcOk ? Hj212CrcVariant.Standard : Hj212CrcVariant.None);
            }

            // Framing deviations (table 2, §6.3).
            if (f.LengthDigits == 3) Dev(Hj212Deviation.ThreeDigitLength, 2);
            if (f.Rule == Hj212FramingRule.LengthInChars) Dev(Hj212Deviation.LengthCountsChars, 2);
            if (f.Rule == Hj212FramingRule.LengthPlusSix) Dev(Hj212Deviation.LengthIncludesCrcAndTerminator, 2);
            if (f.SegmentLength > 1024) Dev(Hj212Deviation.SegmentOver1024, f.SegmentOffset + 1024);
            if (f.Terminator == Hj212Terminator.LfOnly) Dev(Hj212Deviation.TerminatorLfOnly, f.CrcOffset + 4);
            if (f.Terminator == Hj212Terminator.Missing) Dev(Hj212Deviation.TerminatorMissing, f.CrcOffset + 4);
            if (f.CrcLowercase) Dev(Hj212Deviation.LowercaseCrc, f.CrcOffset);
            if (f.Padding > 0) Dev(Hj212Deviation.PaddingBeforeTerminator, f.CrcOffset + 4);

            var seg = _raw.Slice(f.SegmentOffset, f.SegmentLength);
            Decode(seg);

            // Header (table 3).
            var h = new Header();
            int cpIdx = _hard is null ? ParseHeader(ref h) : -1;

            // CRC (Appendix A), with the device's allow-listed variants.
            var variant = Hj212CrcVariant.Standard;
            if (!f.StandardCrcOk)
            {
                variant = Hj212Crc.Verify(seg, f.ReceivedCrc, _policy.VariantsFor(h.Mn));
                if (variant == Hj212CrcVariant.None)
                    return Result(null, new Hj212Rejection(Hj212RejectReason.CrcMismatch, f.CrcOffset, null,
                        $"received {Hj212Crc.Format(f.ReceivedCrc)}, computed {Hj212Crc.Format(f.ComputedCrc)}"), variant);
                Dev(Hj212Deviation.NonStandardCrcVariant, f.CrcOffset);
            }
            if (_hard is { } hard0) return Result(null, hard0, variant);

            var cp = ParseCp(cpIdx, h.St!, h.Cn!);
            if (_hard is { } hard1) return Result(null, hard1, variant);

            if (_devs is not null)
                foreach (var w in _devs)
                    if (!_policy.Tolerates(w.Deviation))
                        return Result(null, new Hj212Rejection(Hj212RejectReason.NotTolerated, w.Position, w.Deviation,
                            $"{w.Describe()} not tolerated by policy '{_policy.Name}'"), variant);

            var packet = new Hj212Packet
            {
                Qn = h.Qn, St = h.St!, Cn = h.Cn!, Pw = h.Pw, Mn = h.Mn, Flag = h.Flag, Pnum = h.Pnum, Pno = h.Pno, Cp = cp,
                TimeZoneOffset = _policy.TimeZoneOffset,
            };
            return Result(packet, null, variant);
        }

        private void Decode(ReadOnlySpan<byte> seg)
        {
            if (!seg.ContainsAnyInRange((byte)0x80, (byte)0xFF))
            {
                _text = System.Text.Encoding.ASCII.GetString(seg);
                _ascii = true; _encName = "utf-8"; _enc = System.Text.Encoding.UTF8;
                return;
            }
            _ascii = false;
            if (Utf8.IsValid(seg))
            {
                _text = System.Text.Encoding.UTF8.GetString(seg);
                _encName = "utf-8"; _enc = System.Text.Encoding.UTF8;
                return;
            }
            var t = Gbk.GetString(seg);
            if (t.Contains('\uFFFD'))
            {
                Hard(Hj212RejectReason.BadEncoding, _f.SegmentOffset, "neither UTF-8 nor GBK");
                return;
            }
            _text = t; _enc = Gbk; _encName = "gbk";
            Dev(Hj212Deviation.GbkEncoding, _f.SegmentOffset);
        }

        private struct Header
        {
            public string? Qn, St, Cn, Pw, Mn, FlagText, PnumText, PnoText;
            public int? Flag, Pnum, Pno;
        }

        private int ParseHeader(ref Header h)
        {
            var t = _text;
            int cpIdx = t.IndexOf("CP=&&", StringComparison.Ordinal);
            int anyCase = t.IndexOf("=&&", StringComparison.Ordinal) - 2; // a lower-case "cp=&&" may come first
            if (anyCase >= 0 && (cpIdx < 0 || anyCase < cpIdx) && t.AsSpan(anyCase, 2).Equals("CP", StringComparison.OrdinalIgnoreCase))
                cpIdx = anyCase;
            else if (cpIdx < 0) cpIdx = t.IndexOf("CP=&&", StringComparison.OrdinalIgnoreCase);
            if (cpIdx < 0) { Hard(Hj212RejectReason.MissingCp, _f.SegmentOffset, "no CP=&&"); return -1; }
            if (!t.AsSpan(cpIdx, 2).SequenceEqual("CP")) Dev(Hj212Deviation.NonCanonicalKeyCase, Pos(cpIdx));
            if (cpIdx > 0 && t[cpIdx - 1] != ';')
                Dev(t[cpIdx - 1] == ',' ? Hj212Deviation.CommaBetweenHeaderFields : Hj212Deviation.MissingSeparatorBeforeCp, Pos(cpIdx));

            int i = 0;
            while (i < cpIdx)
            {
                int j = i;
                while (j < cpIdx && t[j] != ';' && t[j] != ',') j++;
                if (j < cpIdx && t[j] == ',') Dev(Hj212Deviation.CommaBetweenHeaderFields, Pos(j));
                var piece = t.AsSpan(i, j - i);
                if (!piece.IsEmpty)
                {
                    int eq = piece.IndexOf('=');
                    if (eq <= 0) { Hard(Hj212RejectReason.MissingField, Pos(i), "header entry without key=value"); return cpIdx; }
                    var key = piece[..eq];
                    string value = Text(piece[(eq + 1)..], key: false);
                    string? canonical = CanonicalHeaderKey(key);
                    if (canonical is null) Dev(Hj212Deviation.UnknownHeaderField, Pos(i));
                    else
                    {
                        if (!key.SequenceEqual(canonical)) Dev(Hj212Deviation.NonCanonicalKeyCase, Pos(i));
                        ref string? slot = ref h.Qn;
                        switch (canonical)
                        {
                            case "QN": slot = ref h.Qn; break;
                            case "ST": slot = ref h.St; break;
                            case "CN": slot = ref h.Cn; break;
                            case "PW": slot = ref h.Pw; break;
                            case "MN": slot = ref h.Mn; break;
                            case "Flag": slot = ref h.FlagText; break;
                            case "PNUM": slot = ref h.PnumText; break;
                            default: slot = ref h.PnoText; break;
                        }
                        if (slot is not null) { Hard(Hj212RejectReason.BadField, Pos(i), canonical + " given twice"); return cpIdx; }
                        slot = value;
                    }
                }
                i = j + 1;
            }

            int hp = _f.SegmentOffset;
            if (h.St is null) { Hard(Hj212RejectReason.MissingField, hp, "no ST"); return cpIdx; }
            if (h.Cn is null) { Hard(Hj212RejectReason.MissingField, hp, "no CN"); return cpIdx; }
            if (h.Mn is null) { Hard(Hj212RejectReason.MissingField, hp, "no MN"); return cpIdx; }
            if (h.Pw is null) { Hard(Hj212RejectReason.MissingField, hp, "no PW"); return cpIdx; }
            if (h.Cn.Length != 4 || !IsDigits(h.Cn)) { Hard(Hj212RejectReason.BadField, FieldPos("CN="), "CN is not 4 digits"); return cpIdx; }
            if (h.FlagText is not null)
            {
                if (!TryInt(h.FlagText, out var flag) || flag > 255) { Hard(Hj212RejectReason.BadField, FieldPos("Flag="), "Flag is not 0-255"); return cpIdx; }
                h.Flag = flag;
            }
            if (h.PnumText is not null)
            {
                if (!TryInt(h.PnumText, out var v) || v < 1) { Hard(Hj212RejectReason.BadField, FieldPos("PNUM="), "PNUM is not a positive integer"); return cpIdx; }
                h.Pnum = v;
            }
            if (h.PnoText is not null)
            {
                if (!TryInt(h.PnoText, out var v) || v < 1) { Hard(Hj212RejectReason.BadField, FieldPos("PNO="), "PNO is not a positive integer"); return cpIdx; }
                h.Pno = v;
            }
            if (h.Pnum is { } pn && h.Pno is { } po && po > pn) { Hard(Hj212RejectReason.BadField, FieldPos("PNO="), "PNO > PNUM"); return cpIdx; }
            bool d = ((h.Flag ?? 0) & 2) != 0;

            // Deviations, in field order.
            if (h.Qn is null) Dev(Hj212Deviation.MissingQn, hp);
            else if (h.Qn.Length != 17 || !IsDigits(h.Qn)) Dev(Hj212Deviation.NonStandardQn, FieldPos("QN="));
            if (!IsStandardSt(h.St)) Dev(Hj212Deviation.NonStandardSt, FieldPos("ST="));
            if (!KnownCommands.Contains((h.Cn[0] - '0') * 1000 + (h.Cn[1] - '0') * 100 + (h.Cn[2] - '0') * 10 + (h.Cn[3] - '0'))) Dev(Hj212Deviation.UnknownCommand, FieldPos("CN="));
            if (h.Pw.Length == 0 || h.Mn.Length == 0) Dev(Hj212Deviation.EmptyPwOrMn, FieldPos(h.Pw.Length == 0 ? "PW=" : "MN="));
            if (h.FlagText is null) Dev(Hj212Deviation.MissingFlag, hp);
            if (!d && (h.Pnum is not null || h.Pno is not null)) Dev(Hj212Deviation.SplitFieldsWithoutFlagD, FieldPos("PNUM="));
            if (d && (h.Pnum is null || h.Pno is null)) Dev(Hj212Deviation.FlagDWithoutSplitFields, FieldPos("Flag="));
            return cpIdx;
        }

        private int FieldPos(string key)
        {
            int i = _text.IndexOf(key, StringComparison.OrdinalIgnoreCase);
            return Pos(Math.Max(0, i));
        }

        private IReadOnlyList<Hj212CpEntry> ParseCp(int cpIdx, string st, string cn)
        {
            var t = _text;
            int start = cpIdx + 5;
            if (t.Length < start + 2 || t[^1] != '&' || t[^2] != '&')
            {
                Hard(Hj212RejectReason.CpNotClosed, Pos(t.Length), "CP block not closed with &&");
                return [];
            }
            int end = t.Length - 2;
            int cpBytes = _ascii ? t.Length - cpIdx : _enc!.GetByteCount(t.AsSpan(cpIdx));
            if (cpBytes > 950) Dev(Hj212Deviation.CpOver950, Pos(cpIdx));
            var body = t.AsSpan(start, end - start);
            if (body.IsEmpty) return [];
            if (body.IsWhiteSpace()) { Dev(Hj212Deviation.WhitespaceOnlyCp, Pos(start)); return []; }
            if (cn == "9013" || cn == "9014") Dev(Hj212Deviation.ContentInAckCp, Pos(start));

            var slots = new Hj212CpList.Slot[body.Count('=')];
            int count = 0;
            int domain = StDomain(st);
            _upload = cn is "2011" or "2051" or "2061" or "2031" or "2041";
            int i = start;
            while (i < end)
            {
                // An entry ends at the next ';' or ','; a //log text// value runs to its closing "//".
                var rest = t.AsSpan(i, end - i);
                int stop = rest.IndexOfAny(';', ',', '=');
                int eq = -1, j;
                if (stop < 0) j = end;
                else if (rest[stop] != '=') j = i + stop;
                else
                {
                    eq = i + stop;
                    if (eq + 2 < end && t[eq + 1] == '/' && t[eq + 2] == '/')
                    {
                        int close = t.IndexOf("//", eq + 3, end - (eq + 3), StringComparison.Ordinal);
                        j = close < 0 ? end : close + 2;
                    }
                    else
                    {
                        int sep = t.AsSpan(eq + 1, end - eq - 1).IndexOfAny(';', ',');
                        j = sep < 0 ? end : eq + 1 + sep;
                    }
                }
                if (eq < 0)
                {
                    if (!t.AsSpan(i, j - i).IsWhiteSpace()) { Hard(Hj212RejectReason.BadCpEntry, Pos(i), "CP entry without '='"); return []; }
                }
                else
                {
                    var rawKey = t.AsSpan(i, eq - i);
                    int lead = rawKey.Length - rawKey.TrimStart().Length;
                    var key = rawKey.Trim();
                    if (key.IsEmpty) { Hard(Hj212RejectReason.BadCpEntry, Pos(i), "CP entry without key"); return []; }
                    var rawValue = t.AsSpan(eq + 1, j - eq - 1);
                    int vlead = rawValue.Length - rawValue.TrimStart().Length;
                    var value = rawValue.Trim();
                    int kpos = Pos(i + lead);
                    slots[count++] = new Hj212CpList.Slot(i + lead, key.Length, eq + 1 + vlead, value.Length, kpos);
                    Classify(key, value, domain, kpos);
                    if (_hard is not null) return [];
                }
                i = j + 1;
            }
            if (_upload && _sawFactor && !_sawDataTime) Dev(Hj212Deviation.MissingDataTime, Pos(start));
            return new Hj212CpList(t, slots, count);
        }

        private void Classify(ReadOnlySpan<char> key, ReadOnlySpan<char> value, int domain, int pos)
        {
            int dash = key.LastIndexOf('-');
            if (dash > 0)
            {
                _sawFactor = true;
                var code = key[..dash];
                if (!IsStandardCodeShape(code)) Dev(Hj212Deviation.NonStandardFactorCode, pos);
                else
                {
                    if (domain != 0 && DomainMismatch(code, domain)) Dev(Hj212Deviation.FactorDomainMismatch, pos);
                    if (_upload && !code.StartsWith("SB") && !RegisteredCodes.Contains(code)) Dev(Hj212Deviation.UnregisteredFactorCode, pos, code);
                }
                var field = key[(dash + 1)..];
                var name = Hj212Fields.Canonical(field);
                if (name is null) return;
                if (!field.SequenceEqual(name)) Dev(Hj212Deviation.NonCanonicalFieldName, pos, key[dash..]);
                if (name == "Flag")
                {
                    if (!Hj212Fields.IsTable8Flag(value)) Dev(Hj212Deviation.UnknownDataFlag, pos, string.Concat(key, "=", value));
                }
                else if (Hj212Fields.Numeric.Contains(name) && !Hj212CpEntry.TryNumber(value, out _))
                    Dev(Hj212Deviation.NonNumericValue, pos, string.Concat(key, "=", value));
                return;
            }
            var keyText = Text(key, key: true);
            if (!KnownParameters.TryGetValue(keyText, out var canonical)) { Dev(Hj212Deviation.UnknownCpKey, pos); return; }
            if (!string.Equals(canonical, keyText, StringComparison.Ordinal)) Dev(Hj212Deviation.NonCanonicalKeyCase, pos);
            if (canonical == "DataTime")
            {
                _sawDataTime = true;
                if (!Hj212Time.TryParse(value.ToString(), _policy.TimeZoneOffset, out _, out var ms))
                    Hard(Hj212RejectReason.BadDataTime, pos, "DataTime is not YYYYMMDDhhmmss");
                else if (ms) Dev(Hj212Deviation.DataTimeWithMilliseconds, pos);
            }
        }
    }

    // At most 16 bytes as ASCII text with other bytes as \xNN, for reject details.
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, 16)])
            if (b is >= 0x20 and < 0x7F) sb.Append((char)b); else sb.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
        if (bytes.Length > 16) sb.Append('…');
        return sb.ToString();
    }

    // QN ST CN PW MN Flag PNUM PNO, matched ASCII-case-insensitively (table 3).
    private static string? CanonicalHeaderKey(ReadOnlySpan<char> key)
    {
        static char L(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        switch (key.Length)
        {
            case 2:
                return (L(key[0]), L(key[1])) switch
                {
                    ('q', 'n') => "QN", ('s', 't') => "ST", ('c', 'n') => "CN", ('p', 'w') => "PW", ('m', 'n') => "MN", _ => null,
                };
            case 3:
                return L(key[0]) == 'p' && L(key[1]) == 'n' && L(key[2]) == 'o' ? "PNO" : null;
            case 4:
                if (L(key[0]) == 'f' && L(key[1]) == 'l' && L(key[2]) == 'a' && L(key[3]) == 'g') return "Flag";
                if (L(key[0]) == 'p' && L(key[1]) == 'n' && L(key[2]) == 'u' && L(key[3]) == 'm') return "PNUM";
                return null;
            default:
                return null;
        }
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    private static bool TryInt(string s, out int v)
    {
        v = 0;
        if (s.Length is 0 or > 6 || !IsDigits(s)) return false;
        v = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsStandardSt(string st) =>
        st.Length == 2 && IsStChar(st[0]) && IsStChar(st[1]);

    private static bool IsStChar(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z');

    /// <summary>HJ 212-2017 code shapes (letter + 5 digits, noise L-codes, SBx facility codes) and HJ/T 212-2005 shapes
    /// (2–3 digits, upper-case letter + 2 digits).</summary>
    internal static bool IsStandardCodeShape(ReadOnlySpan<char> code)
    {
        if (code.Length == 6 && code[0] is >= 'a' and <= 'z' && IsDigits(code[1..])) return true;
        if (code is "LA" or "L5" or "L10" or "L50" or "L90" or "L95" or "Leq" or "Ldn" or "Ld" or "Ln" or "LMx" or "LMn" or "Lmax" or "Lmin") return true;
        if (code.Length is >= 3 and <= 5 && code.StartsWith("SB") && IsDigits(code[2..])) return true;
        if (code.Length is 2 or 3 && IsDigits(code)) return true;
        if (code.Length == 3 && code[0] is >= 'A' and <= 'Z' && IsDigits(code[1..])) return true;
        return false;
    }

    // Air / noise system codes expect no water factors; water-quality system codes expect no air factors (table 5,
    // App. B). Source codes (32 etc.) carry both in practice (CEMS under ST=32) and are not checked.
    // 1 air, 2 noise, 3 water quality, 0 not checked.
    private static int StDomain(string st) => st switch
    {
        "22" or "27" or "31" or "39" or "51" => 1,
        "23" => 2,
        "21" or "24" or "26" => 3,
        _ => 0,
    };

    internal static bool DomainMismatch(ReadOnlySpan<char> code, int domain)
    {
        bool water = code[0] == 'w' && code.Length == 6;
        bool air = code[0] == 'a' && code.Length == 6;
        return domain switch
        {
            1 => water,
            2 => water || air,
            3 => air,
            _ => false,
        };
    }
}
