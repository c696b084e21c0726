using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>The air page's station box (<see cref="AirSiteOption.Match"/>): a label or code names its station, a part
/// names the one station that contains it, an ambiguous or unknown text names none.</summary>
public sealed class AirSiteMatchTests
{
    private static readonly AirSiteOption[] Options =
    [
        new("district", "江北区（全区均值）", true), new("1420A", "唐家沱", true), new("JB-A-GYQ", "观音桥", false), new("JB-A-GC", "港城", false),
    ];

    private static string Label(AirSiteOption o) => o.Code == "district" ? o.Name : o.Name + " · " + o.Code;

    [Theory]
    [InlineData("唐家沱 · 1420A", "1420A")] // picked from the list
    [InlineData("1420a", "1420A")]          // a code, any case
    [InlineData(" 1420 ", "1420A")]         // part of one station's code
    [InlineData("观音", "JB-A-GYQ")]         // part of one station's name
    [InlineData("江北区", "district")]
    [InlineData("JB-A", null)]              // two stations contain it
    [InlineData("成都", null)]              // none
    [InlineData("  ", null)]
    public void Text_names_at_most_one_station(string text, string? code) =>
        Assert.Equal(code, AirSiteOption.Match(Options, text, Label)?.Code);
}
