namespace SmartEnv.Planning;

/// <summary>
/// Library texts written in both languages as <c>"中文 / English"</c> (rule texts of <see cref="Indicators.IndicatorStatusEvaluator"/>
/// and <see cref="Indicators.TextTargetEvaluator"/>, gap reasons of the computed indicators): picks one language for a
/// document in that language. Pure; thread-safe.
/// </summary>
public static class BilingualText
{
    /// <summary>The separator between the Chinese and the English half.</summary>
    public const string Separator = " / ";

    /// <summary>The Chinese (<paramref name="chinese"/> true) or English half of <paramref name="text"/>; the whole text
    /// when it has no <see cref="Separator"/>; null for null.</summary>
    /// <param name="text">Bilingual text, e.g. <c>目标待市级下达，暂不评价 / target to be issued by the municipality: not assessed</c>.</param>
    /// <param name="chinese">True for the Chinese half.</param>
    public static string? Half(string? text, bool chinese)
    {
        if (text is null) return null;
        var i = text.IndexOf(Separator, StringComparison.Ordinal);
        if (i < 0) return text;
        return chinese ? text[..i] : text[(i + Separator.Length)..];
    }
}
