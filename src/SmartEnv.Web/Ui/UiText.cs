using System.Globalization;
using System.Resources;

namespace SmartEnv.Web.Ui;

/// <summary>Marker type of the UI texts (<c>Resources/Ui/UiText.resx</c>: zh-CN as the neutral culture; <c>UiText.en-US.resx</c>),
/// and the same texts for code outside components (exports).</summary>
public sealed class UiText
{
    private static readonly ResourceManager Resources = new("SmartEnv.Web.Resources.Ui.UiText", typeof(UiText).Assembly);

    /// <summary>The text <paramref name="key"/> in the current UI culture, formatted with <paramref name="args"/> in the
    /// current culture (as <c>IStringLocalizer&lt;UiText&gt;</c> in a component gives it); the key itself when missing.
    /// Thread-safe.</summary>
    /// <param name="key">Key of texts.tsv.</param>
    /// <param name="args">Format arguments.</param>
    public static string Get(string key, params object?[] args)
    {
        var text = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
