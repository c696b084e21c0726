using System.Security.Cryptography;
using SkiaSharp;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Intake;

/// <summary>A photo as stored: re-encoded JPEG bytes without any metadata, its size in pixels, the format the upload was
/// decoded from (<c>jpeg|png|webp</c>), the upload's pixel size and SHA-256 (lower-case hex) of <see cref="Jpeg"/>.
/// Immutable record (do not change the array).</summary>
/// <param name="Jpeg">JPEG bytes.</param>
/// <param name="Width">Stored width in pixels.</param>
/// <param name="Height">Stored height in pixels.</param>
/// <param name="OriginalFormat"><c>jpeg</c>, <c>png</c> or <c>webp</c> (from the content, never from the name or type).</param>
/// <param name="OriginalWidth">Width of the upload as its header gave it.</param>
/// <param name="OriginalHeight">Height of the upload.</param>
/// <param name="Sha256">SHA-256 of <see cref="Jpeg"/>, 64 hex digits.</param>
public sealed record SanitizedPhoto(byte[] Jpeg, int Width, int Height, string OriginalFormat, int OriginalWidth, int OriginalHeight, string Sha256);

/// <summary>
/// Turns an uploaded photo into a safe JPEG (SmartEnv rule; limits from complaint-rules.tsv, all <c>SmartEnv</c> rows):
/// <list type="number">
/// <item>reads at most <c>PhotoMaxBytes</c> (10 MiB) + 1 bytes: a longer upload is refused without being buffered;</item>
/// <item>recognises the format by its CONTENT — JPEG <c>FF D8 FF</c>, PNG <c>89 50 4E 47 0D 0A 1A 0A</c>, WebP
/// <c>RIFF….WEBP</c> — and nothing else (GIF, BMP, SVG, HTML, text, a ZIP renamed <c>.jpg</c> are refused); the file name and
/// the declared content type are never consulted;</item>
/// <item>reads the dimensions from the header (Skia's codec, no pixel decoded yet) and refuses more than
/// <c>PhotoMaxPixels</c> (40 MP): a small file cannot decode into a huge bitmap;</item>
/// <item>decodes the pixels (a damaged or truncated image is refused), applies the EXIF orientation, scales the long edge
/// down to <c>PhotoLongEdge</c> (1600 px; never up), flattens transparency on white, and re-encodes as JPEG quality
/// <see cref="Quality"/>. The output carries no EXIF (no GPS position, no camera serial), no XMP, no ICC profile and nothing
/// appended after the image (polyglot payloads do not survive re-encoding).</item>
/// </list>
/// Every refusal is a <see cref="ComplaintInputException"/> with field <c>photos</c>. Stateless; thread-safe (Skia objects
/// are created per call).
/// </summary>
public static class PhotoSanitizer
{
    /// <summary>JPEG quality of the stored photo (SmartEnv rule: visually lossless for evidence photos, ~300 KB at 1600 px).</summary>
    public const int Quality = 85;

    /// <summary>Sanitises one upload.</summary>
    /// <param name="input">The upload (read once, not disposed).</param>
    /// <param name="r">Rules (limits).</param>
    /// <returns>The stored form.</returns>
    /// <exception cref="ComplaintInputException">Field <c>photos</c>: too large, not JPEG/PNG/WebP by content, too many pixels,
    /// damaged.</exception>
    public static SanitizedPhoto Sanitize(Stream input, ComplaintRules r)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(r);
        var bytes = ReadBounded(input, r.PhotoMaxBytes);
        var format = Sniff(bytes) ?? throw Refuse("not a JPEG, PNG or WebP image (the content decides, not the file name)");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Refuse($"the {format.ToUpperInvariant()} image cannot be read (damaged or not an image)");
        var expected = format switch { "jpeg" => SKEncodedImageFormat.Jpeg, "png" => SKEncodedImageFormat.Png, _ => SKEncodedImageFormat.Webp };
        if (codec.EncodedFormat != expected) throw Refuse("the image's content does not match its signature");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w <= 0 || h <= 0) throw Refuse("the image has no pixels");
        if ((long)w * h > r.PhotoMaxPixels)
            throw Refuse($"the image is {w} × {h} pixels, more than {r.PhotoMaxPixels / 1_000_000m:0.#} million");

        var origin = codec.EncodedOrigin;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (ow, oh) = swap ? (h, w) : (w, h);
        var k = Math.Min(1.0, (double)r.PhotoLongEdge / Math.Max(ow, oh));
        var tw = Math.Max(1, (int)Math.Round(ow * k));
        var th = Math.Max(1, (int)Math.Round(oh * k));

        // Decode at a smaller size when the codec can (JPEG scales by 1/8 steps), never below the target.
        var decode = new SKSizeI(w, h);
        if (k < 1)
        {
            var scaled = codec.GetScaledDimensions((float)k);
            if (scaled.Width > 0 && scaled.Height > 0 && Math.Max(scaled.Width, scaled.Height) >= Math.Max(tw, th)) decode = scaled;
        }
        var info = new SKImageInfo(decode.Width, decode.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success) throw Refuse($"the {format.ToUpperInvariant()} image is damaged or truncated ({result})");

        using var surface = SKSurface.Create(new SKImageInfo(tw, th, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Skia could not create a surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        // Decoded pixels → oriented (ow × oh in decoded units) → scaled to tw × th. Canvas calls apply last-first.
        var (dw, dh) = (decode.Width, decode.Height);
        var (odw, odh) = swap ? (dh, dw) : (dw, dh);
        canvas.Scale((float)tw / odw, (float)th / odh);
        Orient(canvas, origin, dw, dh);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, Quality) ?? throw new InvalidOperationException("Skia could not encode a JPEG");
        var jpeg = encoded.ToArray();
        return new SanitizedPhoto(jpeg, tw, th, format, w, h, Convert.ToHexStringLower(SHA256.HashData(jpeg)));
    }

    /// <summary>The format by signature: <c>jpeg</c>, <c>png</c>, <c>webp</c>, or null.</summary>
    /// <param name="b">The first bytes (12 suffice).</param>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "jpeg";
        if (b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "png";
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "webp";
        return null;
    }

    /// <summary>Reads all of <paramref name="input"/> but refuses (without reading further) once more than
    /// <paramref name="max"/> bytes have come.</summary>
    private static byte[] ReadBounded(Stream input, long max)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += n;
            if (total > max) throw Refuse($"the photo is larger than {max / 1048576m:0.#} MiB ({max} bytes)");
            ms.Write(buffer, 0, n);
        }
        if (total == 0) throw Refuse("the photo is empty");
        return ms.ToArray();
    }

    /// <summary>Maps the decoded bitmap (<paramref name="w"/> × <paramref name="h"/>) to its upright position (EXIF
    /// orientation 1–8).</summary>
    private static void Orient(SKCanvas c, SKEncodedOrigin o, int w, int h)
    {
        switch (o)
        {
            case SKEncodedOrigin.TopRight: c.Translate(w, 0); c.Scale(-1, 1); break;                      // 2: mirror
            case SKEncodedOrigin.BottomRight: c.Translate(w, h); c.RotateDegrees(180); break;             // 3: 180°
            case SKEncodedOrigin.BottomLeft: c.Translate(0, h); c.Scale(1, -1); break;                    // 4: flip
            case SKEncodedOrigin.LeftTop: c.Translate(h, 0); c.Scale(-1, 1); c.Translate(h, 0); c.RotateDegrees(90); break; // 5: transpose
            case SKEncodedOrigin.RightTop: c.Translate(h, 0); c.RotateDegrees(90); break;                 // 6: 90° clockwise
            case SKEncodedOrigin.RightBottom: c.Translate(0, w); c.Scale(1, -1); c.Translate(h, 0); c.RotateDegrees(90); break; // 7: transverse
            case SKEncodedOrigin.LeftBottom: c.Translate(0, w); c.RotateDegrees(270); break;              // 8: 90° counter-clockwise
        }
    }

    private static ComplaintInputException Refuse(string reason) => new("photos", reason);
}
