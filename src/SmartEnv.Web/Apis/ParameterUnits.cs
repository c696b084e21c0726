namespace SmartEnv.Web.Apis;

/// <summary>
/// Units of the factor codes the API names in its answers (HJ 212-2017 appendix B table B.2 for air; ambient air
/// concentrations in μg/m³ except CO in mg/m³ per GB 3095-2012 table 1; noise codes of table B.3 in dB(A)). Unknown codes
/// have no unit (null).
/// </summary>
public static class ParameterUnits
{
    private static readonly Dictionary<string, (string Name, string Unit)> Known = new(StringComparer.Ordinal)
    {
        ["a34004"] = ("PM2.5", "μg/m³"),
        ["a34002"] = ("PM10", "μg/m³"),
        ["a21026"] = ("SO2", "μg/m³"),
        ["a21004"] = ("NO2", "μg/m³"),
        ["a05024"] = ("O3", "μg/m³"),
        ["a21005"] = ("CO", "mg/m³"),
        ["LA"] = ("LA", "dB(A)"),
        ["L5"] = ("L5", "dB(A)"),
        ["L10"] = ("L10", "dB(A)"),
        ["L50"] = ("L50", "dB(A)"),
        ["L90"] = ("L90", "dB(A)"),
        ["L95"] = ("L95", "dB(A)"),
        ["Leq"] = ("Leq", "dB(A)"),
        ["Ldn"] = ("Ldn", "dB(A)"),
        ["Ld"] = ("Ld", "dB(A)"),
        ["Ln"] = ("Ln", "dB(A)"),
        ["LMx"] = ("Lmax", "dB(A)"),
        ["LMn"] = ("Lmin", "dB(A)"),
    };

    /// <summary>Common name and unit of a factor code, or null when the code is not in the table.</summary>
    /// <param name="code">Factor code, e.g. <c>a34004</c>.</param>
    public static (string Name, string Unit)? For(string code) => Known.TryGetValue(code, out var v) ? v : null;
}
