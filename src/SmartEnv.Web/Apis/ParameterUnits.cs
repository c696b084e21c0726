using SmartEnv.Hj212.Codes;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Names and units of the factor codes the API names in its answers. The unit is the code's
/// <see cref="Hj212FactorCode.Unit"/> (the one unit vocabulary: ambient air concentrations in μg/m³ except CO in mg/m³ per
/// GB 3095-2012 table 1; noise codes of HJ 212-2017 table B.3 in dB(A)). Codes without a name here have no unit (null).
/// </summary>
public static class ParameterUnits
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["a34004"] = "PM2.5",
        ["a34002"] = "PM10",
        ["a21026"] = "SO2",
        ["a21004"] = "NO2",
        ["a05024"] = "O3",
        ["a21005"] = "CO",
        ["LA"] = "LA",
        ["L5"] = "L5",
        ["L10"] = "L10",
        ["L50"] = "L50",
        ["L90"] = "L90",
        ["L95"] = "L95",
        ["Leq"] = "Leq",
        ["Ldn"] = "Ldn",
        ["Ld"] = "Ld",
        ["Ln"] = "Ln",
        ["LMx"] = "Lmax",
        ["LMn"] = "Lmin",
    };

    /// <summary>Common name and unit of a factor code, or null when the code is not in the table.</summary>
    /// <param name="code">Factor code, e.g. <c>a34004</c>.</param>
    public static (string Name, string Unit)? For(string code) =>
        Names.TryGetValue(code, out var name) && Hj212CodeRegistry.Find(code) is { } c ? (name, c.Unit.Symbol) : null;
}
