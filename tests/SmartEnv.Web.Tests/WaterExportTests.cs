using System.Globalization;
using SmartEnv.Standards.Water;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>The water sections export shows an exceedance with enough digits to be non-zero (issue #11 item 15).</summary>
public sealed class WaterExportTests
{
    [Fact]
    public void A_CODMn_of_6_01_against_the_class_III_limit_6_is_exported_as_0_002_not_0_00()
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            // A sample of the national automatic stations' five items, CODMn just above Ⅲ (6 mg/L): class Ⅳ, (6.01 − 6)/6 = 0.00167.
            var sample = WaterClassifier.Classify(new Dictionary<WaterItem, decimal>
            {
                [WaterItem.PH] = 7.5m, [WaterItem.DissolvedOxygen] = 7m, [WaterItem.PermanganateIndex] = 6.01m,
                [WaterItem.AmmoniaNitrogen] = 0.2m, [WaterItem.TotalPhosphorus] = 0.05m,
            }, WaterItemSets.Auto5);
            var row = new WaterSectionRow("JB-W-T1", "测试断面", "长江", null, "III", 5, null, null, null, sample, WaterClass.III, false);
            var table = Exports.WaterSections([row]);
            var cell = (string)table.Rows[0][Array.IndexOf(table.Headers.ToArray(), "超标倍数")]!;
            Assert.Equal("高锰酸盐指数 0.002", cell);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
