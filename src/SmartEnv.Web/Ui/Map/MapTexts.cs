using System.Globalization;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// Names of the built-in 一张图 layers and categories from the UI texts (<c>Resources/Ui/onemap.tsv</c>): a layer carries
/// both its Chinese and its English name (<see cref="MapLayerInfo"/>), so a text is read once in each culture. Pure;
/// thread-safe (the culture is switched on the calling thread only and restored).
/// </summary>
internal static class MapTexts
{
    /// <summary>Runs <paramref name="f"/> with the UI culture <paramref name="culture"/> and restores the caller's.</summary>
    /// <param name="culture">Culture name (<c>zh-CN</c>, <c>en-US</c>).</param>
    /// <param name="f">What to read.</param>
    public static T InCulture<T>(string culture, Func<T> f)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return f();
        }
        finally { CultureInfo.CurrentUICulture = saved; }
    }

    /// <summary>A category named by a text.</summary>
    /// <param name="key">Category key.</param>
    /// <param name="text">The typed text member, e.g. <c>() =&gt; Texts.OneMap.CatKey</c>.</param>
    /// <param name="colour">Colour <c>#rrggbb</c>.</param>
    public static MapCategory Category(string key, Func<string> text, string colour) => new(key, InCulture("zh-CN", text), InCulture("en-US", text), colour);

    /// <summary>A layer named by a text.</summary>
    /// <param name="key">Layer key.</param>
    /// <param name="text">The typed text member.</param>
    /// <param name="isPublic">On the public map too.</param>
    /// <param name="symbol">ECharts symbol.</param>
    /// <param name="categories">Categories.</param>
    /// <param name="order">Drawing order.</param>
    public static MapLayerInfo Layer(string key, Func<string> text, bool isPublic, string symbol, IReadOnlyList<MapCategory> categories, int order) =>
        new(key, InCulture("zh-CN", text), InCulture("en-US", text), isPublic, symbol, categories, order);
}
