namespace SmartEnv.Verifications;

/// <summary>
/// The published figures a verification compares (<see cref="VerificationFinding.Figure"/>, <see cref="CheckedRow.Figure"/>)
/// and their zh-CN / English names: the main figure of each domain (<c>aqi</c>, <c>water_class</c>, <c>noise_verdict</c>)
/// and the other air figures (<c>iaqi:&lt;indicator key&gt;</c>, <c>level</c>, <c>category</c>, <c>primary</c>;
/// docs/verification.md "Figures"). Pure; thread-safe.
/// </summary>
public static class VerificationFigures
{
    /// <summary>The main figure of a domain: <c>aqi</c> (air), <c>water_class</c> (water), <c>noise_verdict</c> (noise).</summary>
    /// <param name="domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
    /// <returns>The figure key, or null for another domain.</returns>
    public static string? Main(string? domain) => domain switch
    {
        "air" => "aqi",
        "water" => "water_class",
        "noise" => "noise_verdict",
        _ => null,
    };

    /// <summary>True for the main figure of any domain.</summary>
    /// <param name="figure">A figure key.</param>
    public static bool IsMain(string? figure) => figure is "aqi" or "water_class" or "noise_verdict";

    /// <summary>The figure's name, e.g. ("AQI", "AQI"), ("首要污染物", "primary pollutant"), ("pm25_1h 分指数", "IAQI pm25_1h");
    /// an unknown key is named as it is.</summary>
    /// <param name="figure">A figure key.</param>
    public static (string Zh, string En) Name(string figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure switch
        {
            "aqi" => ("AQI", "AQI"),
            "water_class" => ("水质类别", "water class"),
            "noise_verdict" => ("达标判定", "verdict"),
            "level" => ("级别", "level"),
            "category" => ("类别", "category"),
            "primary" => ("首要污染物", "primary pollutant"),
            _ when figure.StartsWith("iaqi:", StringComparison.Ordinal) => ($"{figure[5..]} 分指数", $"IAQI {figure[5..]}"),
            _ => (figure, figure),
        };
    }
}
