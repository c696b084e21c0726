using System.Collections.Concurrent;
using SkiaSharp;

namespace SmartEnv.Waste.Labels;

/// <summary>
/// No usable CJK font for a label: the message names the path(s) tried and the Debian package to install
/// (<c>fonts-wqy-microhei</c>). Thrown instead of printing a label whose Chinese would come out as empty boxes.
/// </summary>
public sealed class LabelFontMissingException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What was tried and how to fix it.</param>
    public LabelFontMissingException(string message) : base(message) { }
}

/// <summary>
/// Finds the CJK font a label is printed with: the configured file if one is given (<see cref="LabelOptions.FontPath"/>,
/// <c>smartenv serve --label-font</c>), else the first of <see cref="DebianCandidates"/> that exists. A font is accepted
/// only when it has a glyph for every character of <see cref="ProbeText"/> (the label's fixed Chinese). SmartEnv rule:
/// a label is never printed with missing glyphs — no usable font is an error naming <c>fonts-wqy-microhei</c>.
/// Typefaces are loaded once per path and shared (Skia typefaces are immutable); thread-safe.
/// </summary>
public static class LabelFont
{
    /// <summary>The Debian package SmartEnv documents for label printing (docs/waste.md; the deployment image installs it).</summary>
    public const string Package = "fonts-wqy-microhei";

    /// <summary>Characters every label prints (title, captions, hazard names); a font lacking any of them is refused.</summary>
    public const string ProbeText = "危险废物名称类别代码形态特性主要成分有害注意事项产生收集单位联系人及方式日期重量数字识别码毒腐蚀易燃反应感染";

    /// <summary>Font files tried in order when none is configured: WenQuanYi Micro Hei / Zen Hei (fonts-wqy-microhei,
    /// fonts-wqy-zenhei) and Noto CJK (fonts-noto-cjk).</summary>
    public static readonly IReadOnlyList<string> DebianCandidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    ];

    private static readonly ConcurrentDictionary<string, SKTypeface> Loaded = new(StringComparer.Ordinal);

    /// <summary>The typeface to print with.</summary>
    /// <param name="configuredPath">A font file set by the operator, or null to search <paramref name="candidates"/>.</param>
    /// <param name="candidates">Files to try when nothing is configured; <see cref="DebianCandidates"/> when null.</param>
    /// <returns>A shared typeface (do not dispose).</returns>
    /// <exception cref="LabelFontMissingException">The configured file is missing, unreadable or lacks CJK glyphs, or no
    /// candidate is usable; the message names the package <see cref="Package"/>.</exception>
    public static SKTypeface Resolve(string? configuredPath, IReadOnlyList<string>? candidates = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
            return TryLoad(configuredPath, out var why) ?? throw new LabelFontMissingException(
                $"the configured label font '{configuredPath}' {why}; point it at a CJK font or install the Debian package {Package} (apt-get install {Package})");
        var tried = new List<string>();
        foreach (var path in candidates ?? DebianCandidates)
        {
            if (TryLoad(path, out var why) is { } face) return face;
            tried.Add($"{path} ({why})");
        }
        throw new LabelFontMissingException(
            $"no CJK font for hazardous-waste labels: install the Debian package {Package} (apt-get install {Package}) or set a font file (smartenv serve --label-font FILE); tried: {string.Join("; ", tried)}");
    }

    private static SKTypeface? TryLoad(string path, out string? why)
    {
        why = null;
        if (Loaded.TryGetValue(path, out var cached)) return cached;
        if (!File.Exists(path)) { why = "does not exist"; return null; }
        var face = SKTypeface.FromFile(path);
        if (face is null) { why = "is not a font Skia can read"; return null; }
        using var probe = new SKFont(face);
        if (!probe.ContainsGlyphs(ProbeText))
        {
            face.Dispose();
            why = "has no glyphs for the label's Chinese text";
            return null;
        }
        return Loaded.GetOrAdd(path, face);
    }
}
