using SkiaSharp;
using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Supervision.Waste.Labels;
using SmartEnv.Waste.Labels;
using UglyToad.PdfPig;
using ZXing;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 17 acceptance (P3): a label PDF is read back as a scanner would — PdfPig extracts the page text and the embedded
/// QR image, Skia decodes the image, ZXing reads the URL, which ends with the container identifier. Page sizes are the
/// HJ 1276 sizes in millimetres (supervision.md §3.5); a container over 450 L gets two pages. No font → a clear error.
/// </summary>
public class LabelPdfTests
{
    internal const string Identifier = "91500105MA5U0A1661900041492024050100A";

    internal static HwLabel Sample(string qr) => new(
        Identifier, "废活性炭", "HW49", "900-041-49", "固态",
        new HazardCharacteristics([HazardCharacteristic.T, HazardCharacteristic.In], HazardJoin.AnyOf, "T/In"),
        "活性炭", "挥发性有机物", "防潮、防火，远离火源", "重庆某某化工有限公司", "张三 023-12345678",
        new DateOnly(2024, 5, 1), 0.1255m, qr);

    /// <summary>Reads every QR code of every image on every page (as a phone scanner: PNG → pixels → ZXing).</summary>
    internal static List<string> ScanQr(byte[] pdf)
    {
        var found = new List<string>();
        using var doc = PdfDocument.Open(pdf);
        foreach (var page in doc.GetPages())
            foreach (var image in page.GetImages())
            {
                Assert.True(image.TryGetPng(out var png), "the embedded image converts to PNG");
                using var decoded = SKBitmap.Decode(png);
                Assert.NotNull(decoded);
                // A one-pixel-per-module image is upscaled 8× with nearest sampling, as a printer or screen does.
                using var big = decoded.Resize(new SKImageInfo(decoded.Width * 8, decoded.Height * 8, SKColorType.Gray8, SKAlphaType.Opaque),
                    new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
                var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
                var result = reader.Decode(new RGBLuminanceSource(big.Bytes, big.Width, big.Height, RGBLuminanceSource.BitmapFormat.Gray8));
                if (result is not null) found.Add(result.Text);
            }
        return found;
    }

    /// <summary>A page side in points equals <paramref name="mm"/> to 0.1 mm (Skia writes the box to 0.01 pt steps).</summary>
    private static void AssertMm(int mm, double points) => Assert.InRange(points * 25.4 / 72, mm - 0.1, mm + 0.1);

    [Fact]
    public void A_small_container_label_decodes_to_the_container_page_and_prints_the_HJ_1276_fields()
    {
        var url = ContainerUrl.For("https://hb.example/", Identifier);
        var pdf = LabelPdf.Render(Sample(url), LabelSize.For(30m));

        Assert.Equal([url], ScanQr(pdf));
        Assert.EndsWith("/hw/c/" + Identifier, url, StringComparison.Ordinal);

        using var doc = PdfDocument.Open(pdf);
        Assert.Equal(1, doc.NumberOfPages);
        var page = doc.GetPage(1);
        AssertMm(100, page.Width); // 100 mm
        AssertMm(100, page.Height);
        var text = string.Concat(page.Letters.Select(l => l.Value));
        foreach (var expected in new[] { "危险废物", "废物名称：废活性炭", "废物类别：HW49", "废物代码：900-041-49", "废物形态：固态",
                     "危险特性：T/In", "毒性", "感染性", "主要成分：活性炭", "有害成分：挥发性有机物", "产生/收集单位：重庆某某化工有限公司",
                     "联系人及联系方式：张三023-12345678", "产生日期：2024-05-01", "废物重量：0.126t", "数字识别码：" + Identifier })
            Assert.Contains(expected, text.Replace(" ", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("腐蚀性", text, StringComparison.Ordinal); // only the entry's characteristics get a box
    }

    [Theory]
    [InlineData("200", 150, 1)]
    [InlineData("450", 200, 1)]
    [InlineData("1000", 200, 2)]
    public void Page_size_and_copies_follow_the_volume(string litres, int sideMm, int pages)
    {
        var url = ContainerUrl.For("http://10.0.0.5:8080", Identifier);
        var pdf = LabelPdf.Render(Sample(url), LabelSize.For(decimal.Parse(litres, System.Globalization.CultureInfo.InvariantCulture)));
        using var doc = PdfDocument.Open(pdf);
        Assert.Equal(pages, doc.NumberOfPages);
        foreach (var page in doc.GetPages())
        {
            AssertMm(sideMm, page.Width);
            AssertMm(sideMm, page.Height);
        }
        Assert.Equal(Enumerable.Repeat(url, pages), ScanQr(pdf));
    }

    [Fact]
    public void No_CJK_font_is_an_error_naming_the_package_never_boxes()
    {
        var missing = Path.Combine(Path.GetTempPath(), "smartenv-no-font-" + Guid.NewGuid().ToString("N"), "x.ttc");
        var e = Assert.Throws<LabelFontMissingException>(() => LabelFont.Resolve(null, [missing]));
        Assert.Contains("fonts-wqy-microhei", e.Message, StringComparison.Ordinal);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);

        var configured = Assert.Throws<LabelFontMissingException>(() => LabelPdf.Render(Sample("https://x/hw/c/1"), LabelSize.For(1m), new LabelOptions { FontPath = missing }));
        Assert.Contains("fonts-wqy-microhei", configured.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_CJK_font_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("smartenv-font-");
        try
        {
            var junk = Path.Combine(dir.FullName, "junk.ttf");
            File.WriteAllText(junk, "not a font");
            Assert.Contains("not a font", Assert.Throws<LabelFontMissingException>(() => LabelFont.Resolve(junk)).Message, StringComparison.Ordinal);
        }
        finally { dir.Delete(true); }
        // A Latin-only font (DejaVu Sans, present on the Debian test images) has no glyph for 危.
        const string latinOnly = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (File.Exists(latinOnly))
            Assert.Contains("no glyphs", Assert.Throws<LabelFontMissingException>(() => LabelFont.Resolve(latinOnly)).Message, StringComparison.Ordinal);
    }
}
