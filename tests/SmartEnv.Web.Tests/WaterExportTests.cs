using System.Globalization;
using SmartEnv.Standards.Water;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>The water sections export shows an exceedance with enough digits to be non-zero (issue #11 item 15), and joins
/// list cells with the output contract's one CSV joiner <c>;</c> (issue #12 point 5, docs/api.md).</summary>
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
    [Fact]
    public void List_cells_are_joined_with_the_contract_joiner_semicolon()
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            // NH3-N 1.6 mg/L: class Ⅴ, (1.6 − 1.0)/1.0 = 0.60 over Ⅲ; TP 0.3 mg/L (river): class Ⅳ, (0.3 − 0.2)/0.2 = 0.50 over Ⅲ;
            // main pollutants (环办〔2011〕22号: items over Ⅲ, largest multiple first) 氨氮 then 总磷.
            var sample = WaterClassifier.Classify(new Dictionary<WaterItem, decimal>
            {
                [WaterItem.PH] = 7.5m, [WaterItem.DissolvedOxygen] = 7m, [WaterItem.PermanganateIndex] = 4m,
                [WaterItem.AmmoniaNitrogen] = 1.6m, [WaterItem.TotalPhosphorus] = 0.3m,
            }, WaterItemSets.Auto5);
            var row = new WaterSectionRow("JB-W-T2", "测试断面", "长江", null, "III", 5, null, null, null, sample, WaterClass.III, false);
            var table = Exports.WaterSections([row]);
            string Cell(string header) => (string)table.Rows[0][Array.IndexOf(table.Headers.ToArray(), header)]!;
            Assert.Equal("氨氮;总磷", Cell("主要污染指标"));
            Assert.Equal("氨氮 0.60;总磷 0.50", Cell("超标倍数"));
            Assert.Equal(5, Cell("单项类别").Split(SmartEnv.Web.Contracts.ContractJson.ListSeparator).Length);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
