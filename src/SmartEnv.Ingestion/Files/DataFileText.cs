using System.Buffers;
using System.Globalization;
using System.Text;

namespace SmartEnv.Ingestion.Files;

/// <summary>How <see cref="DataFileText"/> cuts a file into lines and cells for the limits.</summary>
public enum DataFileSyntax
{
    /// <summary>CSV with RFC 4180 quotes: a comma or line end inside <c>"…"</c> does not end a cell or a record (PRSA,
    /// CNEMC water, station lists). The line-length limit applies to a whole record.</summary>
    QuotedCsv,
    /// <summary>CSV without quotes: every comma ends a cell and every line end a row (cnemc-sites, read with quotes off).</summary>
    UnquotedCsv,
    /// <summary>Lines of bytes (HJ 212 logs): no cells and no text encoding (a packet is bytes; the framer checks them).</summary>
    Lines,
}

/// <summary>
/// The one way an imported file's decompressed bytes become text (issue 14 items 6 and 8): checks the
/// <see cref="ImportLimits"/> on the bytes as they stream by — total size, lines, bytes per line (record), cells per line
/// — and the text encoding (declared, or detected from a byte-order mark and the first 64 KiB), before the CSV parser
/// sees them. Memory is the 64 KiB detection window plus the decoder's buffer whatever the file, and a refused file stops
/// at the first byte past a limit with a <see cref="DataFileLimitException"/> naming the limit, the line and the cell.
/// A file is never decoded with replacement characters: bytes invalid in the chosen encoding refuse it (a GBK file is
/// never stored as mojibake). Not thread-safe (one reader). Disposing disposes the underlying stream.
/// </summary>
public sealed class DataFileText : IDisposable
{
    /// <summary>Bytes inspected to detect the encoding (<see cref="DataFileEncoding.Auto"/>): 64 KiB.</summary>
    public const int DetectionWindow = 64 * 1024;

    private readonly GuardStream _guard;
    private TextReader? _text;

    static DataFileText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private DataFileText(GuardStream guard) => _guard = guard;

    /// <summary>Opens a decompressed stream under the limits.</summary>
    /// <param name="decompressed">The file's bytes (after gzip; see <see cref="CompressedFile"/>); disposed with the result.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="limits">Limits; <see cref="ImportLimits.Default"/> when null.</param>
    /// <param name="encoding">Declared encoding or <see cref="DataFileEncoding.Auto"/> (ignored for <see cref="DataFileSyntax.Lines"/>).</param>
    /// <param name="syntax">How lines and cells are recognised.</param>
    /// <exception cref="DataFileLimitException">The detection window already breaks a limit or the encoding rule.</exception>
    public static DataFileText Open(Stream decompressed, string source, ImportLimits? limits = null, DataFileEncoding encoding = DataFileEncoding.Auto,
        DataFileSyntax syntax = DataFileSyntax.QuotedCsv)
    {
        ArgumentNullException.ThrowIfNull(decompressed);
        return new DataFileText(new GuardStream(decompressed, source, (limits ?? ImportLimits.Default).Validate(), encoding, syntax));
    }

    /// <summary>Encoding the text is decoded with: <c>utf-8</c>, <c>utf-8-bom</c> (a UTF-8 byte-order mark, removed),
    /// <c>gbk</c>, or <c>bytes</c> for <see cref="DataFileSyntax.Lines"/>.</summary>
    public string EncodingName => _guard.EncodingName;

    /// <summary>Decompressed bytes read so far.</summary>
    public long BytesRead => _guard.Total;

    /// <summary>The checked bytes (byte-order mark removed), for byte-level readers (<see cref="DataFileSyntax.Lines"/>).</summary>
    public Stream Bytes => _guard;

    /// <summary>The checked text, decoded strictly with the detected or declared encoding (created on first use).</summary>
    public TextReader Text => _text ??= new StreamReader(_guard, _guard.TextEncoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_text is not null) _text.Dispose();
        else _guard.Dispose();
    }

    /// <summary>Reads lines of bytes (without CR LF / LF) with their 1-based numbers, one line in memory at a time
    /// (at most <see cref="ImportLimits.MaxLineBytes"/>); blank lines (spaces only) are skipped. Use with
    /// <see cref="DataFileSyntax.Lines"/>. The returned memory is valid until the next line is read.</summary>
    public IEnumerable<(int Line, ReadOnlyMemory<byte> Bytes)> ReadLines()
    {
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0, no = 1;
        var eof = false;
        while (true)
        {
            var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (nl < 0 && !eof)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // bounded by MaxLineBytes (the guard throws first)
                var n = _guard.Read(buffer, end, buffer.Length - end);
                if (n == 0) eof = true;
                end += n;
                continue;
            }
            if (nl < 0 && start == end) yield break;
            var len = nl < 0 ? end - start : nl;
            var lineEnd = len > 0 && buffer[start + len - 1] == (byte)'\r' ? len - 1 : len;
            var mem = new ReadOnlyMemory<byte>(buffer, start, lineEnd);
            if (!mem.Span.Trim((byte)' ').IsEmpty) yield return (no, mem);
            no++;
            start += nl < 0 ? len : len + 1;
            if (nl < 0) yield break;
        }
    }

    /// <summary>A read-only stream that checks the bytes passing through it.</summary>
    private sealed class GuardStream : Stream
    {
        private static readonly SearchValues<byte> QuotedSpecials = SearchValues.Create("\n,\""u8);
        private static readonly SearchValues<byte> UnquotedSpecials = SearchValues.Create("\n,"u8);
        private static readonly SearchValues<byte> LineSpecials = SearchValues.Create("\n"u8);

        private readonly Stream _inner;
        private readonly string _source;
        private readonly ImportLimits _limits;
        private readonly DataFileSyntax _syntax;
        private readonly DataFileEncoding _encoding; // the one in force (never Auto after construction, except for Lines)
        private byte[] _pending = [];
        private int _pendingStart;
        private bool _eof;

        // Position.
        private long _line = 1;
        private long _recordBytes;
        private int _cell = 1;
        private bool _inQuotes;

        // Encoding state: UTF-8 bytes of an incomplete sequence at the end of the last chunk; GBK lead byte waiting.
        private readonly byte[] _carry = new byte[4];
        private int _carryLength;
        private bool _gbkLead;

        public GuardStream(Stream inner, string source, ImportLimits limits, DataFileEncoding encoding, DataFileSyntax syntax)
        {
            _inner = inner;
            _source = source;
            _limits = limits;
            _syntax = syntax;
            if (syntax == DataFileSyntax.Lines)
            {
                EncodingName = "bytes";
                _encoding = DataFileEncoding.Auto;
                TextEncoding = Encoding.Latin1;
                return;
            }
            // Read the detection window (also used for a declared encoding, to see a byte-order mark).
            var window = new byte[DetectionWindow];
            var n = 0;
            while (n < window.Length)
            {
                var k = inner.Read(window, n, window.Length - n);
                if (k == 0) { _eof = true; break; }
                n += k;
            }
            var bytes = window.AsSpan(0, n);
            var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                throw Refused(1, 1, "encoding", "the file starts with a UTF-16 byte-order mark: save it as UTF-8 (or GBK) text");
            if (bom && encoding == DataFileEncoding.Gbk)
                throw Refused(1, 1, "encoding", "the file starts with a UTF-8 byte-order mark but GBK was declared");
            var skip = bom ? 3 : 0;
            if (encoding == DataFileEncoding.Auto)
            {
                var body = bytes[skip..];
                var utf8 = bom || Utf8Invalid(body, allowIncompleteEnd: !_eof) < 0;
                var gbk = !bom && GbkInvalid(body, allowIncompleteEnd: !_eof) < 0;
                // Short GBK text can also be valid UTF-8 (站 = D5 BE reads as Armenian 'վ'): when both fit, UTF-8 wins only
                // if every character it decodes to is one these files hold.
                if (utf8 && (!gbk || Utf8LooksLikeText(body))) encoding = DataFileEncoding.Utf8;
                else if (gbk) encoding = DataFileEncoding.Gbk;
                else
                {
                    var at = Utf8Invalid(body, allowIncompleteEnd: !_eof);
                    Scan(body[..at]); // position of the first byte that is not UTF-8, for the message
                    throw Refused("encoding", $"the text is neither UTF-8 nor GBK (byte 0x{body[at]:X2} at byte {skip + at + 1} is not valid UTF-8, and the first {n} bytes are not valid GBK either); save the file as UTF-8 or declare its encoding");
                }
            }
            _encoding = encoding;
            EncodingName = encoding == DataFileEncoding.Gbk ? "gbk" : bom ? "utf-8-bom" : "utf-8";
            TextEncoding = encoding == DataFileEncoding.Gbk
                ? Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback) // GB 18030 decodes every GBK pair
                : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            _pending = window;
            _pendingStart = skip;
            _pendingEnd = n;
            Total = skip;
        }

        private int _pendingEnd;

        public string EncodingName { get; }
        public Encoding TextEncoding { get; }
        public long Total { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            int n;
            if (_pendingStart < _pendingEnd)
            {
                n = Math.Min(buffer.Length, _pendingEnd - _pendingStart);
                _pending.AsSpan(_pendingStart, n).CopyTo(buffer);
                _pendingStart += n;
                if (_pendingStart == _pendingEnd) _pending = []; // release the window
            }
            else
            {
                n = _eof ? 0 : _inner.Read(buffer);
                if (n == 0) _eof = true;
            }
            if (n == 0)
            {
                if (_carryLength > 0 || _gbkLead)
                    throw Refused("encoding", $"the file ends inside a multi-byte {(_gbkLead ? "GBK" : "UTF-8")} character");
                return 0;
            }
            Check(buffer[..n]);
            return n;
        }

        /// <summary>Checks a chunk: size, then encoding (up to the first bad byte), then lines and cells.</summary>
        private void Check(ReadOnlySpan<byte> chunk)
        {
            var allowed = _limits.MaxInflatedBytes - Total;
            if (chunk.Length > allowed)
            {
                Scan(chunk[..(int)Math.Max(0, allowed)]);
                throw Refused("max_inflated_bytes", string.Create(CultureInfo.InvariantCulture,
                    $"the decompressed file is larger than the import limit max_inflated_bytes = {_limits.MaxInflatedBytes:N0} bytes; nothing was stored (split the file, or raise the limit: smartenv import --max-inflated-bytes, smartenv serve --import-max-inflated-bytes)"));
            }
            Total += chunk.Length;
            if (_syntax != DataFileSyntax.Lines)
            {
                var bad = _encoding == DataFileEncoding.Gbk ? GbkStep(chunk) : Utf8Step(chunk);
                if (bad >= 0)
                {
                    Scan(chunk[..bad]);
                    var name = _encoding == DataFileEncoding.Gbk ? "GBK" : "UTF-8";
                    throw Refused("encoding", string.Create(CultureInfo.InvariantCulture,
                        $"byte 0x{chunk[bad]:X2} at byte {Total - chunk.Length + bad + 1} is not valid {name} (the file is read as {EncodingName}); declare the file's encoding (utf-8 or gbk) or save it as UTF-8"));
                }
            }
            Scan(chunk);
        }

        /// <summary>Advances line, record length and cell over <paramref name="bytes"/>, refusing a limit as soon as it is passed.</summary>
        private void Scan(ReadOnlySpan<byte> bytes)
        {
            var specials = _syntax switch { DataFileSyntax.QuotedCsv => QuotedSpecials, DataFileSyntax.UnquotedCsv => UnquotedSpecials, _ => LineSpecials };
            while (!bytes.IsEmpty)
            {
                if (_line > _limits.MaxRows)
                    throw Refused("max_rows", string.Create(CultureInfo.InvariantCulture,
                        $"the file has more than the import limit max_rows = {_limits.MaxRows:N0} lines; nothing was stored (split the file, or raise the limit: smartenv import --max-rows, smartenv serve --import-max-rows)"));
                var i = bytes.IndexOfAny(specials);
                var run = i < 0 ? bytes.Length : i;
                // The byte at i (a comma, quote or quoted line end) counts too; a record line end does not.
                var end = i >= 0 && !(bytes[i] == (byte)'\n' && !_inQuotes) ? run + 1 : run;
                if (_recordBytes + end > _limits.MaxLineBytes)
                    throw Refused("max_line_bytes", string.Create(CultureInfo.InvariantCulture,
                        $"line longer than the import limit max_line_bytes = {_limits.MaxLineBytes:N0} bytes{(_inQuotes ? " (inside a quoted field: is a closing quote missing?)" : "")}; nothing was stored (raise the limit: smartenv import --max-line-bytes, smartenv serve --import-max-line-bytes)"));
                _recordBytes += run;
                if (i < 0) return;
                switch (bytes[i])
                {
                    case (byte)'\n':
                        _line++;
                        if (!_inQuotes)
                        {
                            _recordBytes = 0;
                            _cell = 1;
                        }
                        else _recordBytes++;
                        break;
                    case (byte)',':
                        _recordBytes++;
                        if (!_inQuotes && ++_cell > _limits.MaxColumns)
                            throw Refused("max_columns", string.Create(CultureInfo.InvariantCulture,
                                $"more cells on one line than the import limit max_columns = {_limits.MaxColumns:N0}; nothing was stored (raise the limit: smartenv import --max-columns, smartenv serve --import-max-columns)"));
                        break;
                    default: // '"'
                        _recordBytes++;
                        _inQuotes = !_inQuotes;
                        break;
                }
                bytes = bytes[(i + 1)..];
            }
        }

        /// <summary>UTF-8 check of a chunk continuing the previous one; index of the first bad byte, or −1.</summary>
        private int Utf8Step(ReadOnlySpan<byte> chunk)
        {
            var i = 0;
            if (_carryLength > 0)
            {
                // Complete the sequence left over from the previous chunk (a sequence is at most 4 bytes).
                Span<byte> joined = stackalloc byte[8];
                _carry.AsSpan(0, _carryLength).CopyTo(joined);
                var take = Math.Min(4 - _carryLength, chunk.Length);
                chunk[..take].CopyTo(joined[_carryLength..]);
                var status = System.Text.Rune.DecodeFromUtf8(joined[..(_carryLength + take)], out _, out var used);
                if (status == OperationStatus.Done && used > _carryLength)
                {
                    i = used - _carryLength;
                    _carryLength = 0;
                }
                else if (status == OperationStatus.NeedMoreData && take == chunk.Length)
                {
                    chunk.CopyTo(_carry.AsSpan(_carryLength));
                    _carryLength += chunk.Length;
                    return -1;
                }
                else return 0;
            }
            var rest = chunk[i..];
            var bad = Utf8Invalid(rest, allowIncompleteEnd: true, out var incomplete);
            if (bad >= 0) return i + bad;
            if (incomplete > 0)
            {
                rest[^incomplete..].CopyTo(_carry);
                _carryLength = incomplete;
            }
            return -1;
        }

        /// <summary>GBK check of a chunk continuing the previous one; index of the first bad byte, or −1.</summary>
        private int GbkStep(ReadOnlySpan<byte> chunk)
        {
            var i = 0;
            while (i < chunk.Length)
            {
                if (!_gbkLead)
                {
                    var next = chunk[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                    if (next < 0) return -1;
                    i += next;
                    var b = chunk[i];
                    if (b is 0x80 or 0xFF) return i;
                    _gbkLead = true;
                }
                else
                {
                    var b = chunk[i];
                    if (b < 0x40 || b == 0x7F || b == 0xFF) return i;
                    _gbkLead = false;
                }
                i++;
            }
            return -1;
        }

        private static int Utf8Invalid(ReadOnlySpan<byte> bytes, bool allowIncompleteEnd) => Utf8Invalid(bytes, allowIncompleteEnd, out _);

        /// <summary>Index of the first byte that is not valid UTF-8, or −1; an incomplete sequence at the very end is
        /// allowed when <paramref name="allowIncompleteEnd"/> (its length in <paramref name="incomplete"/>).</summary>
        private static int Utf8Invalid(ReadOnlySpan<byte> bytes, bool allowIncompleteEnd, out int incomplete)
        {
            incomplete = 0;
            if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
            var i = 0;
            while (i < bytes.Length)
            {
                var next = bytes[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (next < 0) return -1;
                i += next;
                var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var used);
                if (status == OperationStatus.Done) { i += used; continue; }
                if (status == OperationStatus.NeedMoreData && allowIncompleteEnd) { incomplete = bytes.Length - i; return -1; }
                return i;
            }
            return -1;
        }

        /// <summary>True when every non-ASCII character of the (valid UTF-8) window is in a block Chinese monitoring files
        /// use: Latin-1 symbols (° ² ³ µ ·), Greek (α μ), general punctuation, letterlike symbols (℃), number forms (Ⅰ…Ⅻ),
        /// enclosed alphanumerics, CJK radicals, symbols and punctuation, kana, CJK ideographs (extension A, unified,
        /// compatibility), fullwidth forms, the replacement-free specials. GBK bytes read as UTF-8 decode to Latin
        /// Extended, Cyrillic, Armenian, Hebrew, Arabic… instead.</summary>
        private static bool Utf8LooksLikeText(ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                var next = bytes[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (next < 0) return true;
                i += next;
                if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out var rune, out var used) != OperationStatus.Done) return true; // incomplete at the window's end
                i += used;
                var c = rune.Value;
                var plausible = c is (>= 0xA0 and <= 0xFF) or (>= 0x0370 and <= 0x03FF) or (>= 0x2000 and <= 0x206F) or (>= 0x2100 and <= 0x21FF)
                    or (>= 0x2460 and <= 0x24FF) or (>= 0x2E80 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
                    or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFFEF);
                if (!plausible) return false;
            }
            return true;
        }

        /// <summary>Index of the first byte that breaks the GBK structure (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F), or −1.</summary>
        private static int GbkInvalid(ReadOnlySpan<byte> bytes, bool allowIncompleteEnd)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                if (b < 0x80) continue;
                if (b is 0x80 or 0xFF) return i;
                if (i + 1 == bytes.Length) return allowIncompleteEnd ? -1 : i;
                var t = bytes[++i];
                if (t < 0x40 || t == 0x7F || t == 0xFF) return i;
            }
            return -1;
        }

        private DataFileLimitException Refused(string limit, string problem) =>
            Refused((int)Math.Min(_line, int.MaxValue), _cell, limit, problem);

        private DataFileLimitException Refused(int line, int column, string limit, string problem) =>
            new(_source, line, column, limit, problem);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
