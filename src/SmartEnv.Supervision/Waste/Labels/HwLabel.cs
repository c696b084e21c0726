using System.Globalization;
using SmartEnv.Supervision.Waste.Catalogue;

namespace SmartEnv.Supervision.Waste.Labels;

/// <summary>
/// The content of one 危险废物标签 (HJ 1276-2022 label fields as quoted in supervision.md §3.5 [S]: 废物名称, 废物类别,
/// 废物代码, 废物形态, 危险特性 (pictograms), 主要成分, 有害成分, 注意事项, 产生/收集单位, 联系人及联系方式, 产生日期, 废物重量,
/// 数字识别码, 二维码; 备注 is not carried — SmartEnv prints no remark). Built from a container row by the label service; the
/// renderer (SmartEnv.Waste LabelPdf) only lays it out. Immutable; thread-safe.
/// </summary>
/// <param name="Identifier">The container's 数字识别码 as assigned by the identifier format in force
/// (SmartEnv.Supervision.Waste.Ledger; the 37-character layout is an assumption, supervision.md §3.5 [U]).</param>
/// <param name="WasteName">废物名称.</param>
/// <param name="Category">废物类别, e.g. <c>HW49</c>.</param>
/// <param name="WasteCode">废物代码, e.g. <c>900-041-49</c>.</param>
/// <param name="Form">废物形态 (固态, 液态, 半固态, 气态 …) as recorded.</param>
/// <param name="Hazard">危险特性 of the list entry (the boxes printed: <see cref="HazardPictogram.Boxes"/>).</param>
/// <param name="MainComponents">主要成分.</param>
/// <param name="HarmfulComponents">有害成分.</param>
/// <param name="Precautions">注意事项.</param>
/// <param name="UnitName">产生/收集单位 (the generator's registered name).</param>
/// <param name="Contact">联系人及联系方式.</param>
/// <param name="GeneratedOn">产生日期 (Beijing calendar date).</param>
/// <param name="WeightTonnes">废物重量 in tonnes (HJ 1259 §5.5: tonnes; the ledger's converted quantity).</param>
/// <param name="QrPayload">What the QR code encodes: the container page URL (<see cref="ContainerUrl.For"/>).</param>
public sealed record HwLabel(string Identifier, string WasteName, string Category, string WasteCode, string Form,
    HazardCharacteristics Hazard, string MainComponents, string HarmfulComponents, string Precautions, string UnitName,
    string Contact, DateOnly GeneratedOn, decimal WeightTonnes, string QrPayload)
{
    /// <summary>
    /// The text fields in print order as (Chinese caption, value) pairs: 废物名称, 废物类别, 废物代码, 废物形态, 危险特性 (the
    /// list text, e.g. <c>T/C/I/R</c>; the boxes are drawn separately), 主要成分, 有害成分, 注意事项, 产生/收集单位,
    /// 联系人及联系方式, 产生日期 (<c>yyyy-MM-dd</c>), 废物重量 (<see cref="WeightText"/>), 数字识别码.
    /// </summary>
    /// <returns>Thirteen pairs; empty values are kept (the caption still prints, to be filled by hand).</returns>
    public IReadOnlyList<(string Caption, string Value)> Fields() =>
    [
        ("废物名称", WasteName),
        ("废物类别", Category),
        ("废物代码", WasteCode),
        ("废物形态", Form),
        ("危险特性", Hazard.Text),
        ("主要成分", MainComponents),
        ("有害成分", HarmfulComponents),
        ("注意事项", Precautions),
        ("产生/收集单位", UnitName),
        ("联系人及联系方式", Contact),
        ("产生日期", GeneratedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("废物重量", WeightText(WeightTonnes)),
        ("数字识别码", Identifier),
    ];

    /// <summary>
    /// The printed weight: tonnes to three decimals (one kilogram), rounded half-to-even as GB/T 8170 for display only
    /// (the ledger keeps the exact quantity), e.g. 0.1255 → <c>0.126 t</c>, 0.1245 → <c>0.124 t</c>.
    /// </summary>
    /// <param name="tonnes">The weight in tonnes; must not be negative.</param>
    /// <returns>The text with the unit <c>t</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative weight.</exception>
    public static string WeightText(decimal tonnes)
    {
        if (tonnes < 0)
            throw new ArgumentOutOfRangeException(nameof(tonnes), tonnes, "a weight is not negative");
        return Math.Round(tonnes, 3, MidpointRounding.ToEven).ToString("0.000", CultureInfo.InvariantCulture) + " t";
    }
}

/// <summary>
/// The address a label's QR code opens: <c>{public base}/hw/c/{identifier}</c>, the public container page (issue 17:
/// "scanning the QR opens the container's page"). The base is the site's public address (an option, or the request's
/// scheme and host). Pure and thread-safe.
/// </summary>
public static class ContainerUrl
{
    /// <summary>The path of the container page under the site root, without the leading slash.</summary>
    public const string PathPrefix = "hw/c/";

    /// <summary>The page URL of container <paramref name="identifier"/> under <paramref name="publicBase"/>.</summary>
    /// <param name="publicBase">Absolute http or https URL of the site (a path part, e.g. <c>https://x/smartenv/</c>, is kept;
    /// a trailing slash is optional).</param>
    /// <param name="identifier">The container identifier (escaped as one path segment).</param>
    /// <returns>The absolute URL, e.g. <c>https://hb.example/hw/c/915001…001</c>.</returns>
    /// <exception cref="ArgumentException">The base is not an absolute http(s) URL with no query or fragment, or the
    /// identifier is empty.</exception>
    public static string For(string publicBase, string identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
            throw new ArgumentException("a container identifier is required", nameof(identifier));
        if (!Uri.TryCreate(publicBase, UriKind.Absolute, out var b) || (b.Scheme != Uri.UriSchemeHttp && b.Scheme != Uri.UriSchemeHttps)
            || b.Query.Length > 0 || b.Fragment.Length > 0)
            throw new ArgumentException($"the public base must be an absolute http(s) URL without query or fragment; got '{publicBase}'", nameof(publicBase));
        return publicBase.TrimEnd('/') + "/" + PathPrefix + Uri.EscapeDataString(identifier);
    }
}
