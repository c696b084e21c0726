using System.Globalization;
using System.Resources;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The UI texts, one nested class per area (<c>Texts.Air</c>, <c>Texts.Plan</c>…) with one member per key, generated into
/// <c>Texts.g.cs</c> by <c>Resources/Ui/gen.py</c> from <c>Resources/Ui/AREA.tsv</c> (docs/ui.md "Pages, view models and texts"): a missing
/// key is a compile error, a text with placeholders is a method with that many arguments, and texts chosen by an enum
/// value are a switch over the enum (<see cref="EnumLookups"/>). zh-CN is the neutral culture (<c>Area.resx</c>), en-US
/// the other (<c>Area.en-US.resx</c>); the culture is <see cref="CultureInfo.CurrentUICulture"/> (set per request by the
/// request-localization middleware, <c>?culture=</c> or the cookie). Usable from components and from code outside them
/// (exports). Thread-safe.
/// </summary>
public static partial class Texts
{
    /// <summary>The text <paramref name="key"/> of <paramref name="resources"/> in the current UI culture; the key itself
    /// when missing (only reachable through a run-time key, e.g. an enum value without a row).</summary>
    /// <param name="resources">Resources of one area.</param>
    /// <param name="key">Key of the area's tsv.</param>
    public static string Get(ResourceManager resources, string key)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
    }

    /// <summary>The text <paramref name="key"/> formatted with <paramref name="args"/> in the current culture
    /// (<see cref="string.Format(IFormatProvider, string, object?[])"/>).</summary>
    /// <param name="resources">Resources of one area.</param>
    /// <param name="key">Key of the area's tsv.</param>
    /// <param name="args">Format arguments ({0}, {1}… of the text).</param>
    public static string Format(ResourceManager resources, string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(resources, key), args);
}

/// <summary>One enum-keyed text lookup (<c>@enum</c> group of a tsv): the enum, the resources of its area and the key of a
/// value (null when the value has no row). Immutable.</summary>
/// <param name="EnumType">The enum type.</param>
/// <param name="Resources">Resources of the area holding the texts.</param>
/// <param name="KeyOf">Resource key of a boxed enum value; null for a value without a row.</param>
public sealed record EnumLookup(Type EnumType, ResourceManager Resources, Func<object, string?> KeyOf);
