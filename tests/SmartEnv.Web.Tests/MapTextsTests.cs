using SmartEnv.Tests;
using SmartEnv.Web.Ui.Map;

namespace SmartEnv.Web.Tests;

/// <summary>Issue 20 debt: the built-in 一张图 layer names and categories come from <c>Resources/Ui/onemap.tsv</c> (both
/// cultures at once, whatever the caller's UI culture), not from code literals. The expected texts are read from the table
/// file itself; the hand check: enterprises = 排污单位 / Enterprises.</summary>
public sealed class MapTextsTests
{
    private static readonly Dictionary<string, (string Zh, string En)> Table = File.ReadAllLines(Path.Combine(RepoPaths.Root, "src", "SmartEnv.Web", "Resources", "Ui", "onemap.tsv"))
        .Where(l => l.Length > 0 && l[0] is not ('#' or '@')).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => (p[1], p[2]));

    [Fact]
    public void Built_in_layers_are_named_from_the_onemap_table()
    {
        Assert.Equal(("排污单位", "Enterprises"), Table["LayerEnterprises"]);
        (IMapLayer Layer, string Name, string[] Cats)[] layers =
        [
            (new EnterprisesMapLayer(), "LayerEnterprises", ["CatKey", "CatSimplified", "CatRegistration", "CatNoCategory"]),
            (new OutletsMapLayer(), "LayerOutlets", ["CatOutletAir", "CatOutletWater", "CatOutletOther"]),
            (new DrinkingWaterMapLayer(), "LayerDrinkingWater", ["CatDrinkingUnknown"]),
            (new ComplaintHotspotsMapLayer(), "LayerComplaintHotspots", ["CatOneCase", "CatFewCases", "CatManyCases"]),
        ];
        foreach (var (layer, name, cats) in layers)
        {
            Assert.Equal(Table[name], (layer.Info.NameZh, layer.Info.NameEn));
            Assert.Equal(cats.Select(c => Table[c]), layer.Info.Categories.Select(c => (c.NameZh, c.NameEn)));
        }
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        try { Assert.Equal(Table["LayerOutlets"].Zh, new OutletsMapLayer().Info.NameZh); } // both names whatever the caller's culture
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }
}
