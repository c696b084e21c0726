using System.Buffers.Binary;
using System.Text;
using SkiaSharp;
using SmartEnv.Complaints.Intake;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="PhotoSanitizer"/> on images made here with SkiaSharp and on hostile bytes: a large JPEG comes out with its
/// long edge at 1600 px; a PNG (also one named <c>.jpg</c> by its sender: the name is never read) and a WebP are accepted by
/// content; a text file, a GIF, JPEG magic in front of PNG bytes, a truncated JPEG and an empty upload are refused; a
/// header claiming 20000 × 20000 px is refused before any pixel is decoded; an upload longer than 10 MiB is refused after
/// reading at most 10 MiB + one buffer; a JPEG carrying an EXIF block with a GPS position and orientation 6 comes out
/// upright (rotated 90° clockwise) with no EXIF/APP1 segment and none of the GPS bytes; bytes appended after the image
/// (a polyglot payload) do not survive.
/// </summary>
public sealed class PhotoSanitizerTests
{
    private static readonly ComplaintRules Rules = ComplaintRules.Default;

    /// <summary>An image w × h: left half red, right half blue (so orientation is visible).</summary>
    private static byte[] Image(int w, int h, SKEncodedImageFormat format, int quality = 90, bool alpha = false)
    {
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var c = surface.Canvas;
        c.Clear(alpha ? SKColors.Transparent : SKColors.White);
        using var red = new SKPaint { Color = SKColors.Red };
        using var blue = new SKPaint { Color = SKColors.Blue };
        c.DrawRect(0, 0, w / 2f, h, red);
        c.DrawRect(w / 2f, 0, w - w / 2f, h, blue);
        using var img = surface.Snapshot();
        using var data = img.Encode(format, quality);
        return data.ToArray();
    }

    private static SanitizedPhoto Run(byte[] bytes) => PhotoSanitizer.Sanitize(new MemoryStream(bytes), Rules);

    private static string Refusal(byte[] bytes)
    {
        var e = Assert.Throws<ComplaintInputException>(() => Run(bytes));
        Assert.Equal("photos", e.Field);
        return e.Reason;
    }

    private static void AssertJpeg(SanitizedPhoto p, int w, int h)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(p.Jpeg));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal((w, h), (codec.Info.Width, codec.Info.Height));
        Assert.Equal((w, h), (p.Width, p.Height));
        Assert.Equal(64, p.Sha256.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(p.Jpeg)), p.Sha256);
    }

    [Fact]
    public void A_large_jpeg_is_scaled_to_a_long_edge_of_1600()
    {
        var p = Run(Image(3000, 2000, SKEncodedImageFormat.Jpeg));
        // 2000 × 1600 / 3000 = 1066.67 → 1067
        AssertJpeg(p, 1600, 1067);
        Assert.Equal(("jpeg", 3000, 2000), (p.OriginalFormat, p.OriginalWidth, p.OriginalHeight));
    }

    [Fact]
    public void A_png_named_jpg_and_a_webp_are_read_by_content_and_small_ones_are_not_enlarged()
    {
        var png = Run(Image(400, 300, SKEncodedImageFormat.Png, alpha: true)); // the sender called it photo.jpg: the name is never given to the sanitizer
        AssertJpeg(png, 400, 300);
        Assert.Equal("png", png.OriginalFormat);
        var webp = Run(Image(640, 480, SKEncodedImageFormat.Webp));
        AssertJpeg(webp, 640, 480);
        Assert.Equal("webp", webp.OriginalFormat);
    }

    [Fact]
    public void Text_gif_a_fake_signature_a_truncated_jpeg_and_an_empty_upload_are_refused()
    {
        Assert.Contains("not a JPEG, PNG or WebP", Refusal(Encoding.UTF8.GetBytes("这不是图片 / not an image, renamed photo.jpg\n")));
        Assert.Contains("not a JPEG, PNG or WebP", Refusal([.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0]));
        Assert.Contains("not a JPEG, PNG or WebP", Refusal(Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")));
        // JPEG magic in front of a PNG: the signature says JPEG, the decoder finds no JPEG.
        byte[] fake = [0xFF, 0xD8, 0xFF, .. Image(64, 64, SKEncodedImageFormat.Png)];
        Assert.Throws<ComplaintInputException>(() => Run(fake));
        var jpeg = Image(800, 600, SKEncodedImageFormat.Jpeg);
        Assert.Contains("damaged", Refusal(jpeg[..(jpeg.Length / 2)]));
        Assert.Contains("empty", Refusal([]));
    }

    [Fact]
    public void A_header_claiming_400_megapixels_is_refused_before_decoding()
    {
        var jpeg = Image(64, 48, SKEncodedImageFormat.Jpeg);
        // Patch the SOF0 frame header (FF C0, length, precision, height, width) to 20000 × 20000 = 400 MP > 40 MP.
        var sof = Enumerable.Range(0, jpeg.Length - 1).First(i => jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), 20000);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), 20000);
        Assert.Contains("20000 × 20000 pixels, more than 40 million", Refusal(jpeg));
    }

    [Fact]
    public void An_upload_over_10_MiB_is_refused_after_reading_at_most_the_limit_and_one_buffer()
    {
        var stream = new EndlessJpeg();
        var e = Assert.Throws<ComplaintInputException>(() => PhotoSanitizer.Sanitize(stream, Rules));
        Assert.Contains("larger than 10 MiB", e.Reason);
        Assert.InRange(stream.Served, Rules.PhotoMaxBytes + 1, Rules.PhotoMaxBytes + 81920);
    }

    [Fact]
    public void Exif_gps_does_not_survive_and_orientation_6_is_applied()
    {
        var jpeg = Image(300, 200, SKEncodedImageFormat.Jpeg);
        var gpsLatitude = Rational(29, 1).Concat(Rational(34, 1)).Concat(Rational(2975, 100)).ToArray();
        byte[] withExif = [.. jpeg[..2], .. ExifSegment(orientation: 6, gpsLatitude), .. jpeg[2..]];
        Assert.True(Contains(withExif, "Exif\0\0"u8.ToArray()) && Contains(withExif, gpsLatitude)); // the input does carry them
        using (var codec = SKCodec.Create(SKData.CreateCopy(withExif)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin); // Skia reads our EXIF block

        var p = Run(withExif);
        AssertJpeg(p, 200, 300); // 300 × 200 turned upright
        Assert.False(Contains(p.Jpeg, "Exif"u8.ToArray()));
        Assert.False(Contains(p.Jpeg, gpsLatitude));
        Assert.DoesNotContain(Segments(p.Jpeg), m => m == 0xE1); // no APP1 (EXIF/XMP) at all
        // Rotated 90° clockwise: the red left half is now the top half.
        using var bmp = SKBitmap.Decode(p.Jpeg);
        Assert.True(bmp.GetPixel(100, 60).Red > 200 && bmp.GetPixel(100, 60).Blue < 60);
        Assert.True(bmp.GetPixel(100, 240).Blue > 200 && bmp.GetPixel(100, 240).Red < 60);
    }

    [Fact]
    public void A_payload_appended_after_the_image_does_not_survive()
    {
        var payload = Encoding.ASCII.GetBytes("PK\u0003\u0004<script>alert('polyglot')</script>");
        var p = Run([.. Image(320, 240, SKEncodedImageFormat.Jpeg), .. payload]);
        AssertJpeg(p, 320, 240);
        Assert.False(Contains(p.Jpeg, "<script>"u8.ToArray()));
    }

    /// <summary>An APP1 EXIF segment (little-endian TIFF): IFD0 with Orientation and a GPSInfo pointer; the GPS IFD with
    /// GPSLatitudeRef N and GPSLatitude (3 rationals).</summary>
    private static byte[] ExifSegment(ushort orientation, byte[] latitude)
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16(v >> 16); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: 2 entries (12 bytes each) + next-IFD offset → ends at 8 + 2 + 24 + 4 = 38
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);  // Orientation SHORT
        U16(0x8825); U16(4); U32(1); U32(38);                   // GPSInfo LONG → 38
        U32(0);
        // GPS IFD at 38: 2 entries → ends at 38 + 2 + 24 + 4 = 68; the rationals follow at 68
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray()); // GPSLatitudeRef ASCII "N"
        U16(0x0002); U16(5); U32(3); U32(68);                                  // GPSLatitude RATIONAL ×3 → 68
        U32(0);
        tiff.AddRange(latitude);
        var body = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var len = body.Length + 2;
        return [0xFF, 0xE1, (byte)(len >> 8), (byte)len, .. body];
    }

    private static byte[] Rational(int num, int den)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(b, num);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), den);
        return b;
    }

    private static bool Contains(byte[] hay, byte[] needle) => hay.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Marker bytes of the JPEG's header segments (SOI to SOS).</summary>
    private static List<byte> Segments(byte[] jpeg)
    {
        var list = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            list.Add(marker);
            if (marker == 0xDA) break; // start of scan
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }
        return list;
    }

    /// <summary>A JPEG signature followed by zeros without end; counts what was read.</summary>
    private sealed class EndlessJpeg : Stream
    {
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            if (Served == 0 && count >= 3) { buffer[offset] = 0xFF; buffer[offset + 1] = 0xD8; buffer[offset + 2] = 0xFF; }
            Served += count;
            return count;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
