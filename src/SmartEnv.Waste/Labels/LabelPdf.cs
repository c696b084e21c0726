using System.Collections;
using QRCoder;
using SkiaSharp;
using SmartEnv.Supervision.Waste.Labels;

namespace SmartEnv.Waste.Labels;

/// <summary>How labels are printed and what their QR codes open (<c>smartenv serve --public-url --label-font</c>).
/// Immutable after construction; thread-safe.</summary>
public sealed class LabelOptions
{
    /// <summary>The site's public address the QR codes point under (<c>{PublicBaseUrl}/hw/c/{identifier}</c>), e.g.
    /// <c>https://hb.example.gov.cn</c>; null takes the scheme, host and path base of the request that prints the label.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>A CJK font file to print with; null searches <see cref="LabelFont.DebianCandidates"/>.</summary>
    public string? FontPath { get; init; }

    /// <summary>
    /// Label background: orange rgb(255,150,0) with black border and text. [U] — the colour comes from one public code
    /// comment (supervision.md §3.5), not from the text of HJ 1276-2022; replace it here when Appendix A is read.
    /// </summary>
    public SKColor Background { get; init; } = new(255, 150, 0);
}

/// <summary>
/// Renders an <see cref="HwLabel"/> as a PDF page of exactly the label's size in millimetres (<see cref="LabelSize"/>,
/// HJ 1276-2022 as quoted in supervision.md §3.5 [S]) with SkiaSharp's PDF backend: the title 危险废物, the HJ 1276 fields
/// (<see cref="HwLabel.Fields"/>) at no less than the minimum text height (the font's em size equals the minimum height),
/// one box per hazard characteristic with its Chinese name (<see cref="HazardPictogram.Boxes"/>), and the QR code of
/// <see cref="HwLabel.QrPayload"/> (QRCoder, error correction M, its module matrix with the 4-module quiet zone drawn as
/// a one-pixel-per-module image scaled with nearest sampling, so the modules stay sharp). A container over 450 L gets
/// two identical pages (one label per opposite side). A value too long for its lines is cut with "…" (the full value
/// is on the container page the QR opens). Stateless; thread-safe.
/// </summary>
public static class LabelPdf
{
    private const float PointsPerMm = 72f / 25.4f;

    /// <summary>Renders the label.</summary>
    /// <param name="label">The content.</param>
    /// <param name="size">Page size, text height and copies.</param>
    /// <param name="options">Font and colour; defaults when null.</param>
    /// <returns>The PDF bytes (one page per copy).</returns>
    /// <exception cref="LabelFontMissingException">No CJK font (the message names fonts-wqy-microhei).</exception>
    public static byte[] Render(HwLabel label, LabelDimensions size, LabelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(size);
        options ??= new LabelOptions();
        var face = LabelFont.Resolve(options.FontPath);
        using var qr = QrImage(label.QrPayload);
        using var stream = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = "危险废物标签 " + label.Identifier,
            Creator = "SmartEnv",
            Producer = "SmartEnv (SkiaSharp)",
            RasterDpi = 300,
            // Lossless image encoding: the parameterless struct would mean JPEG quality 0 and a blurred QR code.
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        }))
        {
            for (var copy = 0; copy < size.Copies; copy++)
            {
                var canvas = doc.BeginPage(size.WidthMm * PointsPerMm, size.HeightMm * PointsPerMm);
                canvas.Scale(PointsPerMm);
                Draw(canvas, label, size, options.Background, face, qr);
                doc.EndPage();
            }
            doc.Close();
        }
        return stream.ToArray();
    }

    /// <summary>The QR code of <paramref name="payload"/> as a black-on-white image, one pixel per module, quiet zone included.</summary>
    private static SKImage QrImage(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        List<BitArray> matrix = data.ModuleMatrix;
        var n = matrix.Count;
        using var bitmap = new SKBitmap(new SKImageInfo(n, n, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                bitmap.SetPixel(x, y, matrix[y][x] ? SKColors.Black : SKColors.White);
        bitmap.SetImmutable();
        return SKImage.FromBitmap(bitmap);
    }

    private static void Draw(SKCanvas c, HwLabel label, LabelDimensions size, SKColor background, SKTypeface face, SKImage qr)
    {
        float w = size.WidthMm, h = size.HeightMm, t = (float)size.MinTextHeightMm;
        var lh = 1.3f * t;
        var m = 0.04f * w;
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var stroke = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.008f * w };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var font = new SKFont(face, t);
        using var title = new SKFont(face, 2 * t) { Embolden = true };

        c.Clear(background);
        c.DrawRect(m / 2, m / 2, w - m, h - m, stroke);
        c.DrawText("危险废物", w / 2, m + 2 * t, SKTextAlign.Center, title, black);
        var top = m + 2.5f * t;

        var fields = label.Fields().ToDictionary(f => f.Caption, f => f.Value);
        string Line(string caption) => caption + "：" + fields[caption];

        // Upper block: short fields on the left, the QR code on the right.
        var q = 0.3f * w;
        var qrRect = SKRect.Create(w - m - q, top, q, q);
        c.DrawImage(qr, qrRect, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None), null);
        var left = m + 0.01f * w;
        var leftWidth = qrRect.Left - 0.02f * w - left;
        var y = top;
        foreach (var (caption, maxLines) in new[] { ("废物名称", 2), ("废物类别", 1), ("废物代码", 1), ("废物形态", 1), ("产生日期", 1), ("废物重量", 1) })
            foreach (var line in Wrap(Line(caption), font, leftWidth, maxLines))
            {
                y += lh;
                c.DrawText(line, left, y - 0.3f * t, SKTextAlign.Left, font, black);
            }
        y = Math.Max(y, top + q) + 0.3f * t;

        // Hazard row: the list text, then one diamond per characteristic with its Chinese name.
        var fullWidth = w - 2 * left;
        y += lh;
        c.DrawText(Wrap(Line("危险特性"), font, fullWidth, 1)[0], left, y - 0.3f * t, SKTextAlign.Left, font, black);
        var d = 0.16f * w;
        var gap = 0.02f * w;
        var x = left;
        foreach (var name in HazardPictogram.Boxes(label.Hazard))
        {
            var cx = x + d / 2;
            var cy = y + 0.2f * t + d / 2;
            var side = d / MathF.Sqrt(2);
            var square = SKRect.Create(cx - side / 2, cy - side / 2, side, side);
            c.Save();
            c.RotateDegrees(45, cx, cy);
            c.DrawRect(square, white);
            c.DrawRect(square, stroke);
            c.Restore();
            c.DrawText(name, cx, cy + 0.4f * t, SKTextAlign.Center, font, black);
            x += d + gap;
        }
        y += 0.2f * t + d + 0.2f * t;

        // Lower block: the long fields across the full width; extra lines go to the fields that need them, in order.
        string[] lower = ["主要成分", "有害成分", "注意事项", "产生/收集单位", "联系人及联系方式", "数字识别码"];
        var available = Math.Max(lower.Length, (int)Math.Floor((h - m / 2 - 0.2f * t - y) / lh));
        var spare = available - lower.Length;
        foreach (var caption in lower)
        {
            var wanted = Wrap(Line(caption), font, fullWidth, int.MaxValue).Count;
            var lines = Wrap(Line(caption), font, fullWidth, 1 + Math.Min(spare, wanted - 1));
            spare -= lines.Count - 1;
            foreach (var line in lines)
            {
                y += lh;
                c.DrawText(line, left, y - 0.3f * t, SKTextAlign.Left, font, black);
            }
        }
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/> at character boundaries
    /// (Chinese has no spaces); beyond <paramref name="maxLines"/> the last line ends with "…".</summary>
    private static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var rest = text;
        while (rest.Length > 0)
        {
            var fit = Fit(rest, font, width);
            if (lines.Count == maxLines - 1 && fit < rest.Length)
            {
                var cut = Fit(rest, font, width - font.MeasureText("…"));
                lines.Add(rest[..cut] + "…");
                return lines;
            }
            lines.Add(rest[..fit]);
            rest = rest[fit..];
        }
        if (lines.Count == 0) lines.Add("");
        return lines;
    }

    private static int Fit(string text, SKFont font, float width)
    {
        var n = 1;
        while (n < text.Length && font.MeasureText(text.AsSpan(0, n + 1)) <= width) n++;
        if (n < text.Length && char.IsHighSurrogate(text[n - 1])) n++;
        return Math.Min(n, text.Length);
    }
}
