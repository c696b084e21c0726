using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmartEnv.Hj212;

/// <summary>
/// The byte-level fast path of <see cref="Hj212Parser"/> for the common case: a conforming ASCII packet (4-digit
/// length in bytes, upper-case CRC that verifies, CR LF, canonical header keys separated by ';', every CP key a table 4
/// field of a registered factor code or a known parameter in its canonical spelling, valid values). It parses the
/// header and the CP area directly on the frame's bytes (no segment string), checks numbers by their shape (a
/// <c>decimal</c> is only parsed for unusual shapes) and keeps the CP area as one byte copy whose key strings are shared
/// and whose values become strings only when read (<see cref="Hj212CpByteList"/>).
/// <para>It never decides anything the general path would decide differently: whenever it meets anything the general
/// path would warn about or reject (or anything unusual it does not handle: non-ASCII text, lower-case keys, split
/// fields without flag D, log text values, '=' in a value, white space around keys or values, unknown keys,
/// 17-digit DataTime, …) it returns null and the general (string) path parses the frame from the start, so
/// rejections, warnings and their positions are the general path's by construction. The differential tests
/// (<c>FastPathDifferentialTests</c>) compare both paths on the corpus and on mutated packets.</para>
/// Thread-safe (stateless; the shared tables are immutable or filled with idempotent writes).
/// </summary>
internal static class Hj212FastParser
{
    /// <summary>What a known CP key needs checked. Built once from the registry and table 4.</summary>
    internal sealed class KeyInfo
    {
        public KeyInfo(string key, byte kind, byte domainMismatch)
        {
            Key = key;
            Bytes = System.Text.Encoding.ASCII.GetBytes(key);
            Kind = kind;
            DomainMismatch = domainMismatch;
            (A, B) = Words(Bytes);
        }

        public readonly string Key;
        public readonly byte[] Bytes;
        /// <summary>First and last 8 (or 4) bytes: equal words and length mean equal keys up to 16 bytes.</summary>
        public readonly ulong A, B;
        public readonly byte Kind;
        /// <summary>Bit d set: the code does not belong to a packet of ST domain d (1 air, 2 noise, 3 water).</summary>
        public readonly byte DomainMismatch;
    }

    internal const byte KindFactorOther = 0, KindFactorFlag = 1, KindFactorNumber = 2, KindDataTime = 3, KindParameter = 4;
    private const byte KindFactorFirst = KindFactorOther, KindFactorLast = KindFactorNumber;

    internal static readonly KeyInfo[] Keys;
    private static readonly ushort[] Buckets; // key index + 1; 0 = empty
    private static readonly string?[] CommandText = BuildCommandText();

    private static string?[] BuildCommandText()
    {
        var t = new string?[10_000];
        foreach (var c in Enum.GetValues<Hj212Command>())
            if ((int)c is >= 0 and < 10_000) t[(int)c] = ((int)c).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        return t;
    }
    private static readonly string?[] StText = new string?[36 * 36];

    static Hj212FastParser()
    {
        var keys = new List<KeyInfo>();
        var codes = Codes.Hj212CodeRegistry.All.Select(c => c.Code)
            .Concat(Codes.Hj212CodeRegistry.All.Where(c => c.Code2005 is not null).Select(c => c.Code2005!))
            .Distinct(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (!Hj212Parser.IsStandardCodeShape(code)) continue; // the general path warns: not for the fast path
            byte mismatch = 0;
            for (int d = 1; d <= 3; d++) if (Hj212Parser.DomainMismatch(code, d)) mismatch |= (byte)(1 << d);
            foreach (var field in Hj212Fields.All.Append("ZsCou"))
            {
                var key = code + "-" + field;
                if (key.LastIndexOf('-') != code.Length) continue; // a code with '-' splits elsewhere: general path
                byte kind = Hj212Fields.Canonical(field) is not { } name ? KindFactorOther
                    : name == "Flag" ? KindFactorFlag
                    : Hj212Fields.Numeric.Contains(name) ? KindFactorNumber : KindFactorOther;
                keys.Add(new KeyInfo(key, kind, mismatch));
            }
        }
        foreach (var p in Hj212Parser.KnownParameterNames)
            keys.Add(new KeyInfo(p, p == "DataTime" ? KindDataTime : KindParameter, 0));
        if (keys.Count >= ushort.MaxValue) throw new InvalidOperationException("too many CP keys for the fast path table");
        Keys = [.. keys];
        Buckets = new ushort[(int)BitOperations.RoundUpToPowerOf2((uint)Keys.Length * 4)];
        for (int i = 0; i < Keys.Length; i++)
        {
            int mask = Buckets.Length - 1;
            int h = (int)Hash(Keys[i].Bytes) & mask;
            while (Buckets[h] != 0) h = (h + 1) & mask;
            Buckets[h] = (ushort)(i + 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong A, ulong B) Words(ReadOnlySpan<byte> k)
    {
        int n = k.Length;
        if (n >= 8) return (MemoryMarshal.Read<ulong>(k), MemoryMarshal.Read<ulong>(k[(n - 8)..]));
        if (n >= 4) return (MemoryMarshal.Read<uint>(k), MemoryMarshal.Read<uint>(k[(n - 4)..]));
        ulong a = 0;
        foreach (var c in k) a = (a << 8) | c;
        return (a, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ulong a, ulong b, int n)
    {
        ulong h = a * 0x9E3779B97F4A7C15UL ^ (b + (ulong)n) * 0xC2B2AE3D27D4EB4FUL;
        return (uint)(h >> 32) ^ (uint)h;
    }

    private static uint Hash(ReadOnlySpan<byte> k)
    {
        var (a, b) = Words(k);
        return Hash(a, b, k.Length);
    }

    /// <summary>The index of <paramref name="key"/> in <see cref="Keys"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Find(ReadOnlySpan<byte> key)
    {
        var (a, b) = Words(key);
        int n = key.Length;
        var buckets = Buckets;
        var keys = Keys;
        int mask = buckets.Length - 1;
        for (int h = (int)Hash(a, b, n) & mask; ; h = (h + 1) & mask)
        {
            int e = buckets[h];
            if (e == 0) return -1;
            var k = keys[e - 1];
            if (k.A == a && k.B == b && k.Bytes.Length == n && (n <= 16 || key.SequenceEqual(k.Bytes))) return e - 1;
        }
    }

    /// <summary>Parses a conforming frame, or returns null when the general path must decide.</summary>
    internal static Hj212ParseResult? TryParse(in Hj212Frame f, ReadOnlySpan<byte> raw, Hj212ParsePolicy policy)
    {
        // Framing facts the general path would warn about (table 2, §6.3), or a CRC variant to look up.
        if (f.FramingRejection is not null || f.LengthDigits != 4 || f.Rule != Hj212FramingRule.LengthInBytes
            || f.SegmentLength > 1024 || f.Terminator != Hj212Terminator.CrLf || f.CrcLowercase || f.Padding != 0
            || !f.StandardCrcOk || (uint)f.SegmentOffset > (uint)raw.Length || f.SegmentLength > raw.Length - f.SegmentOffset)
            return null;
        var seg = raw.Slice(f.SegmentOffset, f.SegmentLength);
        int n = seg.Length; // ≤ 1024

        // One pass over the segment: every '=', ';' and ',' marked in a bit set (read delimiter by delimiter below),
        // and any byte ≥ 0x80 (UTF-8 / GBK text: general path).
        Span<ulong> bits = stackalloc ulong[16];
        int words = Delimiters(seg, bits, out bool ascii);
        if (!ascii) return null;
        var d = new Cursor(bits, words, n);

        // Header (table 3): canonical key=value pieces separated by ';', each key once, then CP=&& after a ';'. The
        // first '=' followed by "&&" is the first "=&&" of the segment: it must be the upper-case CP's.
        int qnS = -1, qnL = 0, stS = -1, stL = 0, cnS = -1, cnL = 0, pwS = -1, pwL = 0, mnS = -1, mnL = 0;
        int flagS = -1, flagL = 0, pnumS = -1, pnumL = 0, pnoS = -1, pnoL = 0;
        int i = 0, cpIdx;
        while (true)
        {
            int eq = d.Next();
            if (eq >= n || seg[eq] != '=' || eq == i) return null;
            if (eq + 2 < n && seg[eq + 1] == '&' && seg[eq + 2] == '&')
            {
                if (eq - i != 2 || i == 0 || seg[i] != 'C' || seg[i + 1] != 'P') return null;
                cpIdx = i;
                break;
            }
            int sep = d.Next();
            if (sep >= n || seg[sep] != ';') return null; // ',' between fields, '=' in a value, no CP
            int vs = eq + 1, vl = sep - eq - 1;
            var key = seg[i..eq];
            switch (key.Length)
            {
                case 2:
                    {
                        int k = key[0] << 8 | key[1];
                        if (k == ('Q' << 8 | 'N')) { if (qnS >= 0) return null; qnS = vs; qnL = vl; }
                        else if (k == ('S' << 8 | 'T')) { if (stS >= 0) return null; stS = vs; stL = vl; }
                        else if (k == ('C' << 8 | 'N')) { if (cnS >= 0) return null; cnS = vs; cnL = vl; }
                        else if (k == ('P' << 8 | 'W')) { if (pwS >= 0) return null; pwS = vs; pwL = vl; }
                        else if (k == ('M' << 8 | 'N')) { if (mnS >= 0) return null; mnS = vs; mnL = vl; }
                        else return null;
                        break;
                    }
                case 3:
                    if (!key.SequenceEqual("PNO"u8) || pnoS >= 0) return null;
                    pnoS = vs; pnoL = vl;
                    break;
                case 4:
                    if (key.SequenceEqual("Flag"u8)) { if (flagS >= 0) return null; flagS = vs; flagL = vl; }
                    else if (key.SequenceEqual("PNUM"u8)) { if (pnumS >= 0) return null; pnumS = vs; pnumL = vl; }
                    else return null;
                    break;
                default:
                    return null;
            }
            i = sep + 1;
        }
        if (qnS < 0 || stS < 0 || cnS < 0 || pwS < 0 || mnS < 0 || flagS < 0) return null;
        if (qnL != 17 || !IsDigits(seg.Slice(qnS, qnL))) return null;
        if (stL != 2 || !IsStChar(seg[stS]) || !IsStChar(seg[stS + 1])) return null;
        if (cnL != 4 || !IsDigits(seg.Slice(cnS, 4))) return null;
        int cn = (seg[cnS] - '0') * 1000 + (seg[cnS + 1] - '0') * 100 + (seg[cnS + 2] - '0') * 10 + (seg[cnS + 3] - '0');
        if (CommandText[cn] is not { } cnText) return null;
        if (pwL == 0 || mnL == 0) return null;
        if (!TryInt(seg.Slice(flagS, flagL), out int flag) || flag > 255) return null;
        int? pnum = null, pno = null;
        if (pnumS >= 0) { if (!TryInt(seg.Slice(pnumS, pnumL), out int v) || v < 1) return null; pnum = v; }
        if (pnoS >= 0) { if (!TryInt(seg.Slice(pnoS, pnoL), out int v) || v < 1) return null; pno = v; }
        if (pnum is { } pn && pno is { } po && po > pn) return null;
        bool split = (flag & 2) != 0;
        if (split != (pnum is not null) || split != (pno is not null)) return null;

        // CP (§6.3.3, table 4).
        int start = cpIdx + 5;
        if (n < start + 2 || seg[^1] != '&' || seg[^2] != '&') return null;
        if (n - cpIdx > 950) return null;
        IReadOnlyList<Hj212CpEntry> cp;
        if (n == start + 2) cp = [];
        else
        {
            if (cn is 9013 or 9014) return null;
            var list = ParseCp(seg, start, ref d, f.SegmentOffset, StDomain(seg[stS], seg[stS + 1]), cn is 2011 or 2051 or 2061 or 2031 or 2041);
            if (list is null) return null;
            cp = list;
        }

        var packet = new Hj212Packet
        {
            Qn = Latin(seg.Slice(qnS, qnL)), St = StString(seg[stS], seg[stS + 1]), Cn = cnText, Pw = Shared(seg.Slice(pwS, pwL)),
            Mn = Shared(seg.Slice(mnS, mnL)), Flag = flag, Pnum = pnum, Pno = pno, Cp = cp, TimeZoneOffset = policy.TimeZoneOffset,
        };
        return new Hj212ParseResult(packet, null, [], true, Hj212CrcVariant.Standard, f.Rule, f.StreamOffset, (int)f.Raw.Length, "utf-8");
    }

    // Marks '=', ';' and ',' of seg (≤ 1024 bytes) in bits, 64 bytes a word; returns the number of words used.
    private static int Delimiters(ReadOnlySpan<byte> seg, Span<ulong> bits, out bool ascii)
    {
        int n = seg.Length, p = 0, w = 0;
        ref byte b0 = ref MemoryMarshal.GetReference(seg);
        var any = Vector128<byte>.Zero;
        if (Vector128.IsHardwareAccelerated)
        {
            var ve = Vector128.Create((byte)'=');
            var vs = Vector128.Create((byte)';');
            var vc = Vector128.Create((byte)',');
            for (; p + 64 <= n; p += 64)
            {
                var v0 = Vector128.LoadUnsafe(ref b0, (nuint)p);
                var v1 = Vector128.LoadUnsafe(ref b0, (nuint)(p + 16));
                var v2 = Vector128.LoadUnsafe(ref b0, (nuint)(p + 32));
                var v3 = Vector128.LoadUnsafe(ref b0, (nuint)(p + 48));
                any |= v0 | v1 | v2 | v3;
                ulong m0 = (Vector128.Equals(v0, ve) | Vector128.Equals(v0, vs) | Vector128.Equals(v0, vc)).ExtractMostSignificantBits();
                ulong m1 = (Vector128.Equals(v1, ve) | Vector128.Equals(v1, vs) | Vector128.Equals(v1, vc)).ExtractMostSignificantBits();
                ulong m2 = (Vector128.Equals(v2, ve) | Vector128.Equals(v2, vs) | Vector128.Equals(v2, vc)).ExtractMostSignificantBits();
                ulong m3 = (Vector128.Equals(v3, ve) | Vector128.Equals(v3, vs) | Vector128.Equals(v3, vc)).ExtractMostSignificantBits();
                bits[w++] = m0 | m1 << 16 | m2 << 32 | m3 << 48;
            }
        }
        int high = 0;
        if (p < n)
        {
            ulong m = 0;
            int q = p;
            if (Vector128.IsHardwareAccelerated && n >= 16)
            {
                var ve = Vector128.Create((byte)'=');
                var vs = Vector128.Create((byte)';');
                var vc = Vector128.Create((byte)',');
                for (; q + 16 <= n; q += 16)
                {
                    var v = Vector128.LoadUnsafe(ref b0, (nuint)q);
                    any |= v;
                    m |= (ulong)(Vector128.Equals(v, ve) | Vector128.Equals(v, vs) | Vector128.Equals(v, vc)).ExtractMostSignificantBits() << (q - p);
                }
                if (q < n)
                {
                    // The last 16 bytes (overlapping what was seen): bit j is byte n - 16 + j; keep bytes q..n-1.
                    var v = Vector128.LoadUnsafe(ref b0, (nuint)(n - 16));
                    any |= v;
                    uint t = (Vector128.Equals(v, ve) | Vector128.Equals(v, vs) | Vector128.Equals(v, vc)).ExtractMostSignificantBits();
                    m |= (ulong)(t >> (16 - (n - q))) << (q - p);
                }
            }
            else
            {
                for (int k = q; k < n; k++)
                {
                    byte c = seg[k];
                    high |= c;
                    if (c is (byte)'=' or (byte)';' or (byte)',') m |= 1UL << (k - p);
                }
            }
            bits[w++] = m;
        }
        if (any.ExtractMostSignificantBits() != 0) high |= 0x80;
        ascii = high < 0x80;
        return w;
    }

    /// <summary>Walks the delimiter bit set in order.</summary>
    private ref struct Cursor(Span<ulong> bits, int words, int n)
    {
        private readonly Span<ulong> _bits = bits;
        private readonly int _words = words, _n = n;
        private int _word = 0;
        private ulong _cur = words > 0 ? bits[0] : 0;

        /// <summary>Position of the next delimiter, or the segment length when there is none.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next()
        {
            while (_cur == 0)
            {
                if (++_word >= _words) { _word = _words; return _n; }
                _cur = _bits[_word];
            }
            int pos = (_word << 6) + BitOperations.TrailingZeroCount(_cur);
            _cur &= _cur - 1;
            return pos;
        }

        /// <summary>Delimiters not yet returned.</summary>
        public readonly int Remaining()
        {
            if (_word >= _words) return 0;
            int r = BitOperations.PopCount(_cur);
            for (int w = _word + 1; w < _words; w++) r += BitOperations.PopCount(_bits[w]);
            return r;
        }
    }

    private static Hj212CpByteList? ParseCp(ReadOnlySpan<byte> seg, int start, ref Cursor d, int segmentOffset, int domain, bool upload)
    {
        int end = seg.Length - 2; // the closing "&&" holds no delimiter
        int count = (d.Remaining() + 1) / 2; // each entry one '=' and at most one separator
        int bodyLength = end - start;
        var data = new byte[count * Hj212CpByteList.SlotSize + bodyLength];
        var slots = MemoryMarshal.Cast<byte, Hj212CpByteList.Slot>(data.AsSpan(0, count * Hj212CpByteList.SlotSize));
        int used = 0;
        bool sawFactor = false, sawDataTime = false;
        var keys = Keys;
        int i = start;
        while (i < end)
        {
            int eq = d.Next();
            if (eq >= end || seg[eq] != '=') return null; // an entry without '=' or an empty entry
            int ve = d.Next();
            if (ve > end) ve = end;
            else if (seg[ve] == '=') return null; // '=' inside a value
            if (eq + 2 < end && seg[eq + 1] == '/' && seg[eq + 2] == '/') return null; // //log text//
            var key = seg[i..eq];
            var value = seg[(eq + 1)..ve];
            if (key.IsEmpty || key[0] <= ' ' || key[^1] <= ' ') return null;
            if (!value.IsEmpty && (value[0] <= ' ' || value[^1] <= ' ')) return null;
            int id = Find(key);
            if (id < 0) return null;
            var info = keys[id];
            switch (info.Kind)
            {
                case KindFactorFlag:
                    if (value.Length != 1 || value[0] is not ((byte)'N' or (byte)'F' or (byte)'M' or (byte)'S' or (byte)'D' or (byte)'C' or (byte)'T' or (byte)'B'))
                        return null;
                    break;
                case KindFactorNumber:
                    if (!IsPlainNumber(value) && !SlowNumber(value)) return null;
                    break;
                case KindDataTime:
                    if (!IsDataTime(value)) return null;
                    sawDataTime = true;
                    break;
            }
            if (info.Kind <= KindFactorLast)
            {
                sawFactor = true;
                if (domain != 0 && (info.DomainMismatch & (1 << domain)) != 0) return null;
            }
            if (used == slots.Length) return null; // cannot happen (count above); stay safe
            slots[used++] = new Hj212CpByteList.Slot((ushort)id, (ushort)(i - start), (ushort)(eq + 1 - start), (ushort)value.Length);
            i = ve + 1;
        }
        if (upload && sawFactor && !sawDataTime) return null;
        seg[start..end].CopyTo(data.AsSpan(count * Hj212CpByteList.SlotSize));
        return new Hj212CpByteList(data, count * Hj212CpByteList.SlotSize, used, segmentOffset + start);
    }

    /// <summary>Optional sign, digits, optionally '.' and digits, at most 28 integer digits: always a
    /// <see cref="Hj212CpEntry.TryNumber"/> number (a strict subset of what it accepts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlainNumber(ReadOnlySpan<byte> v)
    {
        int k = 0;
        if (v.Length > 0 && v[0] is (byte)'-' or (byte)'+') k = 1;
        int intStart = k;
        while (k < v.Length && (uint)(v[k] - '0') <= 9) k++;
        int intDigits = k - intStart;
        if (intDigits is 0 or > 28) return false;
        if (k == v.Length) return true;
        if (v[k] != '.') return false;
        int fracStart = ++k;
        while (k < v.Length && (uint)(v[k] - '0') <= 9) k++;
        return k == v.Length && k > fracStart;
    }

    private static bool SlowNumber(ReadOnlySpan<byte> v)
    {
        Span<char> chars = stackalloc char[v.Length]; // ≤ 950
        for (int k = 0; k < v.Length; k++) chars[k] = (char)v[k];
        return Hj212CpEntry.TryNumber(chars, out _);
    }

    // 14 digits, a valid calendar time (Hj212Time.TryParse without milliseconds).
    private static bool IsDataTime(ReadOnlySpan<byte> v)
    {
        if (v.Length != 14 || !IsDigits(v)) return false;
        int y = Num(v, 0, 4), mo = Num(v, 4, 2), d = Num(v, 6, 2), h = Num(v, 8, 2), mi = Num(v, 10, 2), s = Num(v, 12, 2);
        // Years 1 and 9999 are left to the general path (an offset can take the instant out of DateTimeOffset's range).
        return y is >= 2 and <= 9998 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
    }

    private static int Num(ReadOnlySpan<byte> s, int start, int len)
    {
        int v = 0;
        for (int i = start; i < start + len; i++) v = v * 10 + (s[i] - '0');
        return v;
    }

    private static bool IsDigits(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s) if ((uint)(c - '0') > 9) return false;
        return true;
    }

    private static bool TryInt(ReadOnlySpan<byte> s, out int v)
    {
        v = 0;
        if (s.Length is 0 or > 6 || !IsDigits(s)) return false;
        foreach (var c in s) v = v * 10 + (c - '0');
        return true;
    }

    private static bool IsStChar(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z');

    private static int StIndex(byte c) => c <= '9' ? c - '0' : c - 'A' + 10;

    // ST strings are few (table 5): shared once created (an idempotent write; a race makes an equal string).
    private static string StString(byte a, byte b)
    {
        int idx = StIndex(a) * 36 + StIndex(b);
        return StText[idx] ??= new string([(char)a, (char)b]);
    }

    private static int StDomain(byte a, byte b) => (a, b) switch
    {
        ((byte)'2', (byte)'2') or ((byte)'2', (byte)'7') or ((byte)'3', (byte)'1') or ((byte)'3', (byte)'9') or ((byte)'5', (byte)'1') => 1,
        ((byte)'2', (byte)'3') => 2,
        ((byte)'2', (byte)'1') or ((byte)'2', (byte)'4') or ((byte)'2', (byte)'6') => 3,
        _ => 0,
    };

    internal static string Latin(ReadOnlySpan<byte> ascii) => System.Text.Encoding.Latin1.GetString(ascii);

    // MN and PW repeat in every packet of a device: the last string made for each of 8,192 hash slots is reused when
    // the bytes are equal (an idempotent write: a race only makes an equal string; memory bounded by the slot count).
    private static readonly string?[] SharedText = new string?[8192];

    private static string Shared(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > 64) return Latin(ascii);
        ref string? slot = ref SharedText[(int)Hash(ascii) & (SharedText.Length - 1)];
        var s = slot;
        if (s is not null && s.Length == ascii.Length && System.Text.Ascii.Equals(ascii, s)) return s;
        return slot = Latin(ascii);
    }
}
