using System.Text.RegularExpressions;
using SmartEnv.Standards.Air;
using SmartEnv.Verifications;

namespace SmartEnv.Imports.DataSources;

/// <summary>
/// The cause keys of a verification finding (issue 22, the contract agreed with <c>smartenv verify</c>) and their phrases
/// for the arrival warning. A key is valid by shape: one of <see cref="Known"/>; or <c>regime:</c> + an
/// <see cref="AqiRegime"/> id (air only); or <c>water-</c>/<c>noise-</c> + a lower-case slug, in a finding of that domain.
/// Pure; thread-safe.
/// </summary>
public static partial class FindingCause
{
    /// <summary>The domains a finding may have.</summary>
    public static IReadOnlyList<string> Domains { get; } = ["air", "water", "noise"];

    /// <summary>Cause keys named in the contract (any domain): rounding rules, SO₂/O₃ rules, missing pollutant, unit
    /// scale, input rounding, primary pollutant named at AQI ≤ 50, unexplained — the verification's own list
    /// (<see cref="VerificationCauses.Fixed"/>) without its <c>water-</c>/<c>noise-</c> keys, so the two never drift.</summary>
    public static IReadOnlyList<string> Known { get; } =
        [.. VerificationCauses.Fixed.Where(k => !k.StartsWith("water-", StringComparison.Ordinal) && !k.StartsWith("noise-", StringComparison.Ordinal))];

    /// <summary>Prefix of a regime cause (<c>regime:HJ633-2012</c>).</summary>
    public const string RegimePrefix = "regime:";

    [GeneratedRegex("^(water|noise)-[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainKey();

    /// <summary>Checks a cause key against a domain.</summary>
    /// <param name="domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
    /// <param name="cause">The key (case-sensitive).</param>
    /// <returns>Null when valid, else why not (English, one line).</returns>
    public static string? Check(string? domain, string? cause)
    {
        if (domain is null || !Domains.Contains(domain)) return $"domain must be air, water or noise, not '{domain}'";
        if (string.IsNullOrEmpty(cause)) return "cause is required";
        if (Known.Contains(cause)) return null;
        if (cause.StartsWith(RegimePrefix, StringComparison.Ordinal))
        {
            var id = cause[RegimePrefix.Length..];
            if (!AqiRegime.All.Any(r => r.Id == id)) return $"unknown AQI regime '{id}' in cause (expected {string.Join(", ", AqiRegime.All.Select(r => RegimePrefix + r.Id))})";
            return domain == "air" ? null : $"a regime cause belongs to an air finding, not {domain}";
        }
        if (cause.Length <= 64 && DomainKey().IsMatch(cause))
            return cause.StartsWith(domain + "-", StringComparison.Ordinal) ? null : $"cause '{cause}' belongs to a {cause[..cause.IndexOf('-')]} finding, not {domain}";
        return $"unknown cause '{cause}' (expected {string.Join(", ", Known)}, {RegimePrefix}<regime id>, water-… or noise-…)";
    }

    // A key the verification names (VerificationCauses) reads by its name; a key it does not know yet reads as "原因未列出".
    private static string NameZh(string cause) => VerificationCauses.IsKnown(cause) ? VerificationCauses.Zh(cause) : "原因未列出";
    private static string NameEn(string cause) => VerificationCauses.IsKnown(cause) ? VerificationCauses.En(cause) : cause;

    [GeneratedRegex("^(iaqi:[a-z0-9_]{1,27}|[a-z_]{1,32})$", RegexOptions.CultureInvariant)]
    private static partial Regex FigureShape();

    /// <summary>Checks the figure of a finding: an air finding's figure is <c>aqi</c>, <c>level</c>, <c>category</c>,
    /// <c>primary</c> or <c>iaqi:&lt;indicator key&gt;</c>; water's <c>water_class</c> or another lower-case key, noise's
    /// <c>noise_verdict</c> or another lower-case key (≤ 32 characters).</summary>
    /// <param name="domain">A valid domain.</param>
    /// <param name="figure">The figure key.</param>
    /// <returns>Null when valid, else why not (English, one line).</returns>
    public static string? CheckFigure(string domain, string figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Length > 32 || !FigureShape().IsMatch(figure)) return $"figure must be a lower-case key such as aqi, iaqi:pm25_1h or water_class (≤ 32 characters), not '{figure}'";
        var air = figure is "aqi" or "level" or "category" or "primary" || figure.StartsWith("iaqi:", StringComparison.Ordinal);
        return (domain == "air") == air ? null : $"figure '{figure}' does not belong to a {domain} finding";
    }

    /// <summary>What the source does, as a phrase for the arrival warning: e.g. <c>按四舍五入发布 AQI</c> /
    /// <c>publishes AQI rounded to nearest</c>; for another air figure the figure is named instead of the AQI
    /// (<c>按四舍五入发布 pm25_1h 分指数</c>). Water and noise keys are named by <see cref="VerificationCauses"/>.</summary>
    /// <param name="cause">A valid key.</param>
    /// <param name="figure">The finding's figure (default <c>aqi</c>).</param>
    public static (string Zh, string En) Phrase(string cause, string figure = "aqi")
    {
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(figure);
        var (zh, en) = CausePhrase(cause);
        if (figure == "aqi" || VerificationFigures.IsMain(figure)) return (zh, en);
        var (fz, fe) = VerificationFigures.Name(figure);
        return (zh.Replace("AQI", fz, StringComparison.Ordinal), en.Replace("IAQI", fe, StringComparison.Ordinal).Replace("AQI", fe, StringComparison.Ordinal));
    }

    private static (string Zh, string En) CausePhrase(string cause)
    {
        if (cause.StartsWith(RegimePrefix, StringComparison.Ordinal))
        {
            var id = cause[RegimePrefix.Length..];
            return ($"按 {id} 规则发布 AQI", $"publishes AQI under the {id} rules");
        }
        return cause switch
        {
            "rounding-nearest" => ("按四舍五入发布 AQI", "publishes AQI rounded to nearest"),
            "rounding-floor" => ("按向下取整发布 AQI", "publishes AQI rounded down"),
            "so2-24h-breakpoints-on-1h" => ("对二氧化硫 1 小时浓度套用 24 小时分指数", "applies the SO₂ 24-h breakpoints to 1-h values"),
            "o3-8h-included" => ("在小时 AQI 中计入臭氧 8 小时", "includes O₃ 8-h in the hourly AQI"),
            "o3-8h-excluded" => ("在 AQI 中未计入臭氧 8 小时", "leaves O₃ 8-h out of the AQI"),
            "missing-pollutant-ignored" => ("发布 AQI 时忽略缺测污染物", "ignores a missing pollutant in the AQI"),
            "unit-scale" => ("浓度单位换算有误（微克与毫克）", "mixes μg/m³ and mg/m³"),
            "input-rounding" => ("先修约浓度再计算 AQI", "rounds concentrations before computing the AQI"),
            "primary-below-51" => ("AQI 不大于 50 时仍发布首要污染物", "names a primary pollutant although the AQI is 50 or less"),
            "unexplained" => ("发布值与复算结果不一致且原因不明", "publishes values that differ unexplained"),
            _ when cause.StartsWith("water-", StringComparison.Ordinal) => ($"水质发布结果与复算不一致（{NameZh(cause)}）", $"publishes water figures that differ ({NameEn(cause)})"),
            _ when cause.StartsWith("noise-", StringComparison.Ordinal) => ($"噪声发布结果与复算不一致（{NameZh(cause)}）", $"publishes noise figures that differ ({NameEn(cause)})"),
            _ => (cause, cause),
        };
    }
}
