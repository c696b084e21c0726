using System.IO.Compression;
using System.Text;
using SmartEnv.Ingestion.Files;

namespace SmartEnv.Ingestion.Tests.Files;

/// <summary>
/// Issue 14 items 6 and 8 at the reader level: every limit of <see cref="ImportLimits"/> refuses a file at the first byte
/// past it with the limit's name, the line and the cell (positions worked by hand below), the text encoding is detected
/// or declared and a file is never decoded with replacement characters. The readers turn a 100 MB line or a million cells
/// into that refusal instead of Sep's unhandled exception (before: NotSupportedException "Buffer or row has reached maximum
/// supported length").
/// </summary>
public class DataFileTextTests
{
    private static readonly Encoding Gbk = GbkEncoding();

    private static Encoding GbkEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936);
    }

    private static string ReadAll(byte[] bytes, ImportLimits? limits = null, DataFileEncoding encoding = DataFileEncoding.Auto,
        DataFileSyntax syntax = DataFileSyntax.QuotedCsv, Stream? stream = null)
    {
        using var t = DataFileText.Open(stream ?? new MemoryStream(bytes), "f.csv", limits, encoding, syntax);
        return t.Text.ReadToEnd();
    }

    private static DataFileLimitException Refused(byte[] bytes, ImportLimits? limits = null, DataFileEncoding encoding = DataFileEncoding.Auto,
        DataFileSyntax syntax = DataFileSyntax.QuotedCsv) =>
        Assert.Throws<DataFileLimitException>(() => ReadAll(bytes, limits, encoding, syntax));

    [Fact]
    public void Each_limit_names_itself_with_line_and_cell()
    {
        var text = Encoding.ASCII.GetBytes("a,b\nc,d\ne,f\n"); // 12 bytes, 3 lines
        // 10 bytes allowed: the 11th byte is 'f' on line 3, cell 2.
        var size = Refused(text, new ImportLimits { MaxInflatedBytes = 10 });
        Assert.Equal(("max_inflated_bytes", 3, 2), (size.Limit, size.Line, size.Column));
        Assert.Contains("max_inflated_bytes = 10 bytes", size.Message);
        Assert.StartsWith("f.csv:3:2: ", size.Message);
        // Two lines allowed: the first byte of line 3 is refused (a final line end is not a line).
        var rows = Refused(text, new ImportLimits { MaxRows = 2 });
        Assert.Equal(("max_rows", 3, 1), (rows.Limit, rows.Line, rows.Column));
        Assert.Equal("a,b\nc,d\ne,f\n", ReadAll(text, new ImportLimits { MaxRows = 3 }));
        // Line 2 "cc,ddddd" is 8 bytes; with 6 allowed the 7th byte is in cell 2.
        var line = Refused(Encoding.ASCII.GetBytes("a,b\ncc,ddddd\n"), new ImportLimits { MaxLineBytes = 6 });
        Assert.Equal(("max_line_bytes", 2, 2), (line.Limit, line.Line, line.Column));
        Assert.Equal("ab,cd\n", ReadAll(Encoding.ASCII.GetBytes("ab,cd\n"), new ImportLimits { MaxLineBytes = 5 }));
        // Four cells with three allowed: refused at cell 4 of line 1.
        var cols = Refused(Encoding.ASCII.GetBytes("a,b,c,d\n"), new ImportLimits { MaxColumns = 3 });
        Assert.Equal(("max_columns", 1, 4), (cols.Limit, cols.Line, cols.Column));
        Assert.Equal("a,b,c\n", ReadAll(Encoding.ASCII.GetBytes("a,b,c\n"), new ImportLimits { MaxColumns = 3 }));
    }

    [Fact]
    public void Quotes_hide_commas_and_line_ends_but_a_runaway_quote_is_bounded()
    {
        // "x,y",z is two cells; a quoted line end continues the record (line 2 physically, still cell 2).
        Assert.Equal("\"x,y\",z\n", ReadAll(Encoding.ASCII.GetBytes("\"x,y\",z\n"), new ImportLimits { MaxColumns = 2 }));
        var e = Refused(Encoding.ASCII.GetBytes("a,\"b\nc,d,e\n"), new ImportLimits { MaxLineBytes = 8 });
        Assert.Equal(("max_line_bytes", 2, 2), (e.Limit, e.Line, e.Column));
        Assert.Contains("closing quote", e.Message);
        // Without quote parsing (cnemc-sites), every comma counts.
        var u = Refused(Encoding.ASCII.GetBytes("\"x,y\",z\n"), new ImportLimits { MaxColumns = 2 }, syntax: DataFileSyntax.UnquotedCsv);
        Assert.Equal((1, 3), (u.Line, u.Column));
    }

    [Fact]
    public void Utf8_with_and_without_BOM_and_GBK_are_detected_and_decoded_exactly()
    {
        const string text = "监测点编码,监测点名称,城市\n1420A,唐家沱,重庆\n";
        using (var t = DataFileText.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f.csv"))
            Assert.Equal((text, "utf-8"), (t.Text.ReadToEnd(), t.EncodingName));
        using (var t = DataFileText.Open(new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]), "f.csv"))
            Assert.Equal((text, "utf-8-bom"), (t.Text.ReadToEnd(), t.EncodingName));
        using (var t = DataFileText.Open(new MemoryStream(Gbk.GetBytes(text)), "f.csv"))
            Assert.Equal((text, "gbk"), (t.Text.ReadToEnd(), t.EncodingName));
        // 唐 is CC C6 in GBK (GB 2312 row 44, cell 38, each + 0xA0); declared, the same bytes decode the same.
        Assert.Equal(new byte[] { 0xCC, 0xC6 }, Gbk.GetBytes("唐"));
        Assert.Equal(text, ReadAll(Gbk.GetBytes(text), encoding: DataFileEncoding.Gbk));
        // 站 is D5 BE in GBK, which is also valid UTF-8 (U+057E, Armenian): detected as GBK all the same.
        Assert.Equal(new byte[] { 0xD5, 0xBE }, Gbk.GetBytes("站"));
        using (var t = DataFileText.Open(new MemoryStream(Gbk.GetBytes("No,station\n1,站\n")), "f.csv"))
            Assert.Equal(("No,station\n1,站\n", "gbk"), (t.Text.ReadToEnd(), t.EncodingName));
        // Units and classes of the real files stay UTF-8: μg/m³, ℃, Ⅱ, 劣Ⅴ.
        using (var t = DataFileText.Open(new MemoryStream(Encoding.UTF8.GetBytes("a,μg/m³,℃,Ⅱ,劣Ⅴ\n")), "f.csv"))
            Assert.Equal("utf-8", t.EncodingName);
    }

    [Fact]
    public void A_file_is_never_decoded_as_mojibake()
    {
        const string text = "No,station\n1,唐家沱\n";
        // GBK declared as UTF-8: refused at the first GBK byte, line 2, cell 2 (byte 14 of the file: "No,station\n1," is 13).
        var e = Refused(Gbk.GetBytes(text), encoding: DataFileEncoding.Utf8);
        Assert.Equal(("encoding", 2, 2), (e.Limit, e.Line, e.Column));
        Assert.Contains("byte 0xCC at byte 14 is not valid UTF-8", e.Message);
        // GBK after a 64 KiB ASCII window: detected as UTF-8, then refused where the GBK starts (never replaced by U+FFFD).
        var ascii = new string('x', DataFileText.DetectionWindow) + "\n";
        var late = Refused([.. Encoding.ASCII.GetBytes(ascii), .. Gbk.GetBytes(text)]);
        Assert.Equal(("encoding", 3, 2), (late.Limit, late.Line, late.Column));
        // Neither UTF-8 nor GBK (0xFF is in neither): refused at once.
        var none = Refused([.. "a,b\n"u8, 0x41, 0xFF, 0x0A]);
        Assert.Equal(("encoding", 2, 1), (none.Limit, none.Line, none.Column));
        Assert.Contains("neither UTF-8 nor GBK", none.Message);
        // A GBK lead byte at the very end.
        var cut = Refused([.. Gbk.GetBytes("a,唐"), 0xCC], encoding: DataFileEncoding.Gbk);
        Assert.Contains("ends inside a multi-byte GBK character", cut.Message);
        // UTF-16 is named, not guessed.
        Assert.Contains("UTF-16", Refused([0xFF, 0xFE, 0x41, 0x00]).Message);
        // A UTF-8 BOM with GBK declared is a contradiction.
        Assert.Equal("encoding", Refused([0xEF, 0xBB, 0xBF, 0x41], encoding: DataFileEncoding.Gbk).Limit);
    }

    [Fact]
    public void A_character_split_between_reads_is_not_an_error()
    {
        var bytes = Encoding.UTF8.GetBytes("a,唐家沱\n" + new string('y', DataFileText.DetectionWindow) + "\nb,唐家沱\n");
        Assert.Equal(Encoding.UTF8.GetString(bytes), ReadAll(bytes, stream: new OneByteStream(bytes)));
        var gbkText = new string('y', DataFileText.DetectionWindow) + "\na,唐家沱\nb,重庆\n";
        var gbk = Gbk.GetBytes(gbkText);
        Assert.Equal(gbkText, ReadAll(gbk, encoding: DataFileEncoding.Gbk, stream: new OneByteStream(gbk)));
    }

    [Fact]
    public void Lines_are_read_one_at_a_time_with_their_numbers()
    {
        var bytes = "##0001\r\n\r\n   \n##0002\nlast"u8.ToArray();
        using var t = DataFileText.Open(new MemoryStream(bytes), "log", syntax: DataFileSyntax.Lines);
        var lines = t.ReadLines().Select(x => (x.Line, Encoding.ASCII.GetString(x.Bytes.Span))).ToList();
        Assert.Equal([(1, "##0001"), (4, "##0002"), (5, "last")], lines);
        using var big = DataFileText.Open(new MemoryStream(new byte[300]), "log", new ImportLimits { MaxLineBytes = 200 }, syntax: DataFileSyntax.Lines);
        Assert.Equal("max_line_bytes", Assert.Throws<DataFileLimitException>(() => big.ReadLines().ToList()).Limit);
    }

    [Fact]
    public void The_readers_refuse_a_100_MB_line_and_a_million_cells_with_the_limit()
    {
        // PRSA with a 100 MB station cell on line 2 (gzip: 100 KB). Before: NotSupportedException from Sep (a 500 in the API).
        var line = Gzip(w =>
        {
            w.Write("No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2014,5,1,1,35,60,8,40,700,90,");
            var x = new string('x', 1 << 20);
            for (var i = 0; i < 100; i++) w.Write(x);
            w.Write('\n');
        });
        var e = Assert.Throws<DataFileLimitException>(() => PrsaReader.Read(CompressedFile.OpenRead(new MemoryStream(line), "big.csv.gz"), "big.csv.gz").ToList());
        Assert.Equal(("max_line_bytes", 2, 12), (e.Limit, e.Line, e.Column));

        // cnemc-sites header with 10^6 stations: refused at cell 10,001 of line 1 (default max_columns 10,000).
        var cols = Gzip(w =>
        {
            w.Write("date,hour,type");
            for (var i = 0; i < 1_000_000; i++) w.Write(",S" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            w.Write('\n');
        });
        var c = Assert.Throws<DataFileLimitException>(() => CnemcSitesReader.Read(CompressedFile.OpenRead(new MemoryStream(cols), "cols.csv.gz"), "cols.csv.gz").ToList());
        Assert.Equal(("max_columns", 1, 10_001), (c.Limit, c.Line, c.Column));
    }

    [Fact]
    public void A_GBK_PRSA_station_name_is_read_as_written()
    {
        // Before: the reader decoded UTF-8 with replacement characters, so 唐家沱 became "���" and a site PRSA-��� was made.
        var bytes = Gbk.GetBytes("No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2014,5,1,1,35,60,8,40,700,90,唐家沱\n");
        Assert.Equal("唐家沱", PrsaReader.Read(new MemoryStream(bytes), "gbk.csv").Single().Station);
    }

    private static byte[] Gzip(Action<StreamWriter> write)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
            write(w);
        return ms.ToArray();
    }

    /// <summary>Returns one byte per read, so every multi-byte character is split between reads.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(1, buffer.Length)]);
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(1, count));
    }
}
