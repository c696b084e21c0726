using System.Buffers;
using System.Text;

namespace SmartEnv.Hj212;

/// <summary>
/// Cuts HJ 212 frames (<c>##</c> LLLL data-segment CRC CR LF; HJ 212-2017 §6.3, table 2) out of a TCP byte stream.
/// Handles sticky and split reads, resynchronises on garbage, reads the length field in bytes with the field-practice
/// fall-backs (characters, segment + 6, 3 digits; see <see cref="Hj212FramingRule"/>), and caps the bytes buffered per
/// frame. Never consumes a partial frame. No allocation per frame (one scratch buffer per instance, used only when the
/// input spans several memory segments). One instance per connection; not thread-safe.
/// </summary>
public sealed class Hj212Framer
{
    private readonly Hj212FramerOptions _options;
    private byte[]? _scratch;

    /// <summary>Creates a framer for one connection.</summary>
    /// <param name="options">Limits; <see cref="Hj212FramerOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Hj212FramerOptions.MaxFrameBytes"/> is below 64.</exception>
    public Hj212Framer(Hj212FramerOptions? options = null)
    {
        _options = options ?? Hj212FramerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFrameBytes, 64, nameof(options));
    }

    /// <summary>Bytes consumed so far (whole frames, rejected runs and skipped white space).</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Tries to cut the next frame from the start of <paramref name="buffer"/>. On success the buffer is sliced past
    /// the frame. On <c>false</c> the buffer starts at the first byte that must be kept (leading white space between
    /// packets is dropped silently): pass <c>buffer.Start</c> as consumed and <c>buffer.End</c> as examined to
    /// <see cref="System.IO.Pipelines.PipeReader.AdvanceTo(SequencePosition, SequencePosition)"/>.
    /// </summary>
    /// <param name="buffer">Unconsumed input.</param>
    /// <param name="isCompleted">True when no more input will come (end of stream): a trailing partial frame is then
    /// returned as a rejected frame instead of waiting.</param>
    /// <param name="frame">The frame (a packet or a rejected run, see <see cref="Hj212Frame.FramingRejection"/>).</param>
    /// <returns>True when a frame was cut; false when more input is needed (or the buffer is empty).</returns>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, bool isCompleted, out Hj212Frame frame)
    {
        while (true)
        {
            if (buffer.IsEmpty) { frame = default; return false; }
            ReadOnlySpan<byte> s;
            bool final = isCompleted;
            if (buffer.IsSingleSegment) s = buffer.FirstSpan;
            else
            {
                int n = (int)Math.Min(buffer.Length, _options.MaxFrameBytes + 8L);
                _scratch ??= new byte[_options.MaxFrameBytes + 8];
                buffer.Slice(0, n).CopyTo(_scratch);
                s = _scratch.AsSpan(0, n);
                if (n < buffer.Length) final = false;
            }
            var r = Scan(s, final, _options.MaxFrameBytes);
            if (r.Consumed == 0) { frame = default; return false; }
            if (r.Skip)
            {
                buffer = buffer.Slice(r.Consumed);
                Position += r.Consumed;
                continue;
            }
            var raw = buffer.Slice(0, r.Consumed);
            ushort computed = r.SegmentLength > 0 || r.CrcDigits > 0
                ? Hj212Crc.Compute(s.Slice(r.SegmentOffset, r.SegmentLength)) : (ushort)0;
            frame = new Hj212Frame(Position, raw, r.Reason, r.SegmentOffset, r.SegmentLength, r.Declared, r.Digits,
                r.Rule, r.CrcOffset, r.CrcDigits, r.Crc, r.CrcLower, r.Terminator, computed, r.Padding);
            buffer = buffer.Slice(r.Consumed);
            Position += r.Consumed;
            return true;
        }
    }

    private struct ScanResult
    {
        public int Consumed;
        public bool Skip;
        public Hj212RejectReason? Reason;
        public int SegmentOffset, SegmentLength, Declared, Digits, CrcOffset, CrcDigits, Padding;
        public ushort Crc;
        public bool CrcLower;
        public Hj212Terminator Terminator;
        public Hj212FramingRule Rule;
    }

    private enum TailKind { NotTail, Incomplete, Complete }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    // Bytes some firmware writes between the CRC and CR LF (Hj212Deviation.PaddingBeforeTerminator).
    private static bool IsPad(byte b) => b is (byte)' ' or (byte)'\t' or 0;

    private static bool IsWhite(ReadOnlySpan<byte> s)
    {
        foreach (var b in s) if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0)) return false;
        return true;
    }

    private static ScanResult Garbage(ReadOnlySpan<byte> s, int length) => IsWhite(s[..length])
        ? new ScanResult { Consumed = length, Skip = true }
        : new ScanResult { Consumed = length, Reason = Hj212RejectReason.BadHeader, Declared = -1 };

    // Index of "##" followed by >= 3 digits (or by digits running to the end of a non-final buffer), else -1.
    private static int FindHeader(ReadOnlySpan<byte> s, int start, bool final)
    {
        while (start < s.Length)
        {
            int p = s[start..].IndexOf("##"u8);
            if (p < 0) return -1;
            p += start;
            int d = 0;
            while (d < 4 && p + 2 + d < s.Length && IsDigit(s[p + 2 + d])) d++;
            if (d >= 3) return p;
            if (!final && p + 2 + d == s.Length) return p;
            start = p + 1;
        }
        return -1;
    }

    private static ScanResult Scan(ReadOnlySpan<byte> s, bool final, int cap)
    {
        int h = FindHeader(s, 0, final);
        if (h < 0)
        {
            int g = final || s[^1] != (byte)'#' ? s.Length : s.Length - 1;
            return g == 0 ? default : Garbage(s, g);
        }
        if (h > 0) return Garbage(s, h);

        int digits = 0;
        while (digits < 4 && 2 + digits < s.Length && IsDigit(s[2 + digits])) digits++;
        if (2 + digits == s.Length && !final) return default; // length field still arriving
        if (digits < 3) return Garbage(s, Math.Max(1, s.Length)); // final and too short: cannot be a header
        int declared = 0;
        for (int k = 0; k < digits; k++) declared = declared * 10 + (s[2 + k] - '0');
        int b = 2 + digits;
        var res = new ScanResult { SegmentOffset = b, Declared = declared, Digits = digits };

        // 1. The standard: the length counts the segment's bytes; a valid tail must sit exactly there.
        int e = b + declared;
        var tail = e <= s.Length ? Tail(s, e, final, ref res) : (final ? TailKind.NotTail : TailKind.Incomplete);
        if (tail == TailKind.Complete)
        {
            res.SegmentLength = declared;
            res.Rule = digits == 3 ? Hj212FramingRule.ThreeDigitLength : Hj212FramingRule.LengthInBytes;
            if (res.CrcDigits < 4) res.Reason = Hj212RejectReason.BadCrcField;
            else if (declared < 2 || s[e - 1] != (byte)'&' || s[e - 2] != (byte)'&')
            {
                // The segment must end with the CP block's closing "&&": anything after it is not data.
                int last = s[b..e].LastIndexOf("&&"u8);
                bool opening = last >= 3 && s.Slice(b + last - 3, 3).SequenceEqual("CP="u8);
                if (last < 0 || opening) res.Reason = Hj212RejectReason.CpNotClosed;
                else
                {
                    res.Reason = Hj212RejectReason.TrailingDataAfterCp;
                    res.SegmentLength = last + 2;
                }
            }
            return res;
        }

        // 2. Resync on the terminator: the first "&&" + 4 hex + (CR) LF after the header, before the next header.
        int next = FindHeader(s, b, true);
        int limit = next < 0 ? s.Length : next;
        var region = s[..limit];
        int from = b, junkLf = -1, junkCrc = -1;
        while (from < limit)
        {
            int q = region[from..].IndexOf((byte)'\n');
            if (q < 0) break;
            q += from;
            int lineEnd = q > 0 && s[q - 1] == (byte)'\r' ? q - 1 : q;
            int hexEnd = lineEnd;
            while (hexEnd - 4 > b && IsPad(s[hexEnd - 1])) hexEnd--;
            int crcStart = hexEnd - 4;
            if (crcStart - 2 >= b && IsHex4(s.Slice(crcStart, 4)) && s[crcStart - 1] == (byte)'&' && s[crcStart - 2] == (byte)'&')
            {
                res.Terminator = lineEnd == q ? Hj212Terminator.LfOnly : Hj212Terminator.CrLf;
                res.Padding = lineEnd - hexEnd;
                return Located(s, res, crcStart, q + 1);
            }
            // "&&" + 4 hex + other bytes + line end: a CRC followed by bytes that are not padding.
            if (junkLf < 0)
            {
                int amp = s[b..lineEnd].LastIndexOf("&&"u8);
                if (amp >= 0)
                {
                    amp += b;
                    bool opening = amp - 3 >= b && s.Slice(amp - 3, 3).SequenceEqual("CP="u8);
                    if (!opening && amp + 6 < lineEnd && IsHex4(s.Slice(amp + 2, 4))) { junkLf = q; junkCrc = amp + 2; }
                }
            }
            from = q + 1;
        }
        // The declared end has not arrived yet: trust the length and wait, even past a "##ddd" that may sit inside
        // the segment (e.g. in a log text); a really truncated frame is cut once the declared end has arrived.
        if (tail == TailKind.Incomplete && !final && s.Length < cap) return default;
        if (junkLf >= 0)
        {
            res.Reason = Hj212RejectReason.TrailingBytesAfterCrc;
            res.SegmentLength = junkCrc - b;
            res.CrcOffset = junkCrc;
            res.CrcDigits = 4;
            Hj212Crc.TryParseHex(s.Slice(junkCrc, 4), out res.Crc);
            res.CrcLower = HasLower(s.Slice(junkCrc, 4));
            res.Consumed = junkLf + 1;
            return res;
        }
        bool cut = next >= 0 || final;
        if (!cut)
        {
            if (s.Length < cap) return default;
            // No end within the cap: drop the header's "##" and let the next call resynchronise.
            return new ScanResult { Consumed = 2, Reason = Hj212RejectReason.FrameTooLarge, Declared = declared, Digits = digits };
        }
        // The frame stops at the next header or at the end of input without a terminator.
        int stop = limit;
        while (stop - 6 > b && IsPad(s[stop - 1])) stop--;
        if (stop - 6 >= b && IsHex4(s.Slice(stop - 4, 4)) && s[stop - 5] == (byte)'&' && s[stop - 6] == (byte)'&')
        {
            res.Terminator = Hj212Terminator.Missing;
            res.Padding = limit - stop;
            return Located(s, res, stop - 4, limit);
        }
        // A line end preceded by a CRC but no closing "&&": the CP block was not closed.
        int lf = region[b..].IndexOf((byte)'\n');
        if (lf >= 0)
        {
            lf += b;
            int hexEnd = lf > 0 && s[lf - 1] == (byte)'\r' ? lf - 1 : lf;
            if (hexEnd - 4 >= b && IsHex4(s.Slice(hexEnd - 4, 4)))
            {
                res.Reason = Hj212RejectReason.CpNotClosed;
                res.SegmentLength = hexEnd - 4 - b;
                res.CrcOffset = hexEnd - 4;
                res.CrcDigits = 4;
                Hj212Crc.TryParseHex(s.Slice(hexEnd - 4, 4), out res.Crc);
                res.Consumed = lf + 1;
                return res;
            }
        }
        res.Reason = Hj212RejectReason.Truncated;
        res.SegmentLength = 0;
        res.Consumed = limit;
        return res;
    }

    private static ScanResult Located(ReadOnlySpan<byte> s, ScanResult res, int crcStart, int end)
    {
        int b = res.SegmentOffset;
        int n = crcStart - b;
        res.SegmentLength = n;
        res.CrcOffset = crcStart;
        res.CrcDigits = 4;
        Hj212Crc.TryParseHex(s.Slice(crcStart, 4), out res.Crc);
        res.CrcLower = HasLower(s.Slice(crcStart, 4));
        res.Consumed = end;
        if (n == res.Declared) res.Rule = res.Digits == 3 ? Hj212FramingRule.ThreeDigitLength : Hj212FramingRule.LengthInBytes;
        else if (n + 6 == res.Declared) res.Rule = Hj212FramingRule.LengthPlusSix;
        else if (CharCount(s.Slice(b, n)) == res.Declared) res.Rule = Hj212FramingRule.LengthInChars;
        else res.Reason = Hj212RejectReason.LengthMismatch;
        return res;
    }

    private static int CharCount(ReadOnlySpan<byte> segment)
    {
        if (!segment.ContainsAnyInRange((byte)0x80, (byte)0xFF)) return segment.Length;
        return Encoding.UTF8.GetCharCount(segment);
    }

    private static bool IsHex4(ReadOnlySpan<byte> s) =>
        Hj212Crc.HexValue(s[0]) >= 0 && Hj212Crc.HexValue(s[1]) >= 0 && Hj212Crc.HexValue(s[2]) >= 0 && Hj212Crc.HexValue(s[3]) >= 0;

    private static bool HasLower(ReadOnlySpan<byte> s)
    {
        foreach (var c in s) if (c is >= (byte)'a' and <= (byte)'f') return true;
        return false;
    }

    // Reads "<1-4 hex><CR LF | LF | next ## | end of input>" at e.
    private static TailKind Tail(ReadOnlySpan<byte> s, int e, bool final, ref ScanResult res)
    {
        int k = 0;
        while (k < 4 && e + k < s.Length && Hj212Crc.HexValue(s[e + k]) >= 0) k++;
        int p = e + k;
        if (k == 4) while (p < s.Length && IsPad(s[p])) p++; // padding between a whole CRC and the line end
        int pad = p - e - k;
        if (p == s.Length && !final) return TailKind.Incomplete;
        if (k == 0) return TailKind.NotTail;
        Hj212Terminator term;
        int end;
        if (p == s.Length)
        {
            if (k < 4) return TailKind.NotTail;
            term = Hj212Terminator.Missing; end = p;
        }
        else if (s[p] == (byte)'\r')
        {
            if (p + 1 == s.Length) return final ? TailKind.NotTail : TailKind.Incomplete;
            if (s[p + 1] != (byte)'\n') return TailKind.NotTail;
            term = Hj212Terminator.CrLf; end = p + 2;
        }
        else if (s[p] == (byte)'\n') { term = Hj212Terminator.LfOnly; end = p + 1; }
        else if (k == 4 && s[p] == (byte)'#')
        {
            if (p + 1 == s.Length) { if (!final) return TailKind.Incomplete; return TailKind.NotTail; }
            if (s[p + 1] != (byte)'#') return TailKind.NotTail;
            term = Hj212Terminator.Missing; end = p;
        }
        else return TailKind.NotTail;
        // A short CRC is only credible where the segment ends with the CP block's closing "&&".
        if (k < 4 && (e < 2 || s[e - 1] != (byte)'&' || s[e - 2] != (byte)'&')) return TailKind.NotTail;
        res.CrcOffset = e;
        res.CrcDigits = k;
        Hj212Crc.TryParseHex(s.Slice(e, k), out res.Crc);
        res.CrcLower = HasLower(s.Slice(e, k));
        res.Terminator = term;
        res.Padding = pad;
        res.Consumed = end;
        return TailKind.Complete;
    }
}
