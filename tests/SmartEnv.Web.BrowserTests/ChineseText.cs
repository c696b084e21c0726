using System.Text.RegularExpressions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// "Chinese means Chinese" (issue #11 item 13): finds ASCII words in text shown by the zh-CN UI or written to its
/// exports. A text passes when, after removing the allowed forms below, no ASCII letter is left. The allow-list is
/// deliberately short: each entry is a symbol or code that Chinese documents of the field write in Latin letters
/// themselves (the standards print them so), never an English word. Pure; thread-safe.
/// </summary>
public static partial class ChineseText
{
    /// <summary>Allowed forms, each with why a Chinese reader sees it in Chinese text too.</summary>
    public static IReadOnlyList<(Regex Pattern, string Why)> Allowed { get; } =
    [
        (Form(@"μg/m³|mg/m³|mg/L|dB\(A\)|dB|km|MB"), "units of measurement as GB 3095 / GB 3838 / GB 3096 print them (SI symbols)"),
        (Form(@"(?:GB/T|GB|HJ)\s?\d+(?:\.\d+)*(?:-\d{4})?|CNEMC-2014"), "standard numbers (GB 3095-2012, HJ 633, GB/T 8170) and the AQI rule ids that name them"),
        (Form("I?AQI"), "AQI / IAQI: the index symbols of HJ 633-2012 §3"),
        (Form(@"PM(?:2\.5|10|₂\.₅|₁₀)|SO[2₂]|NO[2₂]|O[3₃]|CO|pH"), "chemical symbols of the pollutants (HJ 633 Table 1, GB 3838 Table 1)"),
        (Form("L(?:d|n|eq)"), "noise level symbols Ld, Ln, Leq (GB 3096-2008 §3)"),
        (Form(@"\d{4}A|[a-w]\d{5}|JB-[A-Z0-9-]+"), "codes: CNEMC station codes (1420A), HJ 212 factor codes (a34004), registry site codes (JB-W-CT)"),
        (Form(@"MN|PW|CN|QN|ST|CRC|UTC\+8|(?<=标记非\s?)[NFMSDCTB]"),
            "HJ 212-2017 field names (MN, PW, CN, QN, ST, CRC), its data flag letters (table 8) and the time base UTC+8"),
        (Form(@"smartenv(?: [a-z][a-z0-9-]*)*|(?:(?:GET|POST|PUT|DELETE) )?/[a-z][\w/{}.-]*|\.(?:gz|csv|xlsx)|Excel|CSV"),
            "commands, API paths, file formats and extensions a user types or opens exactly as written"),
        (Form(@"DataV\.GeoAtlas|GCJ-02|SmartEnv"), "proper names: the map source and coordinate system (attribution), the platform's name"),
    ];

    /// <summary>A whole form: not glued to other ASCII letters or digits (Chinese characters around it are fine, so
    /// <c>有效AQI日</c> is the symbol AQI, <c>so2_24h</c> is not the symbol SO2).</summary>
    private static Regex Form(string alternatives) => new($"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant);

    /// <summary>The printed plan's own wording: every cell of the plan tables as printed (<c>../shared/data/plan/*.tsv</c>,
    /// 专栏1/2, 文中目标, 重大项目表) that contains a Latin letter — e.g. 单位GDP…, VOCs治理工程, land-parcel codes (J06-1地块),
    /// units as printed (μg/m3, km2). The platform keeps this text exactly as printed (docs/plan.md), so quoting it is not
    /// the UI speaking English. Longest first, so a cell is removed before a shorter cell inside it.</summary>
    public static IReadOnlyList<string> PrintedPlan { get; } = Directory.GetFiles(SmartEnv.Tests.RepoPaths.SharedFile("data/plan"), "*.tsv")
        .SelectMany(f => File.ReadLines(f).SelectMany(l => l.Split('\t')))
        .Select(c => c.Trim()).Where(c => c.Length > 0 && c.Any(char.IsAsciiLetter)).Distinct().OrderByDescending(c => c.Length).ToList();

    /// <summary>The ASCII words of <paramref name="text"/> outside the allow-list and outside quotes of the printed plan,
    /// each with a little context.</summary>
    /// <param name="text">Visible text (any length).</param>
    public static IEnumerable<(string Word, string Context)> Violations(string text)
    {
        var masked = text;
        if (masked.Any(char.IsAsciiLetter))
            foreach (var cell in PrintedPlan)
                if (masked.Contains(cell, StringComparison.Ordinal)) masked = masked.Replace(cell, new string('·', cell.Length), StringComparison.Ordinal);
        foreach (var (p, _) in Allowed) masked = p.Replace(masked, m => new string('·', m.Length));
        foreach (Match m in Word().Matches(masked))
        {
            var from = Math.Max(0, m.Index - 20);
            var to = Math.Min(text.Length, m.Index + m.Length + 20);
            yield return (m.Value, text[from..to].ReplaceLineEndings(" "));
        }
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Word();
}
