using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Supervision.Waste.Labels;

namespace SmartEnv.Supervision.Tests.Waste.Labels;

/// <summary>The label's fields in HJ 1276 order, the printed weight (GB/T 8170 half-even, display only), the hazard boxes
/// and the QR address.</summary>
public class HwLabelTests
{
    internal static HwLabel Sample(string qr = "https://hb.example/hw/c/ID") => new(
        "91500105MA5U0A1661900041492024050100",
        "废活性炭", "HW49", "900-041-49", "固态",
        new HazardCharacteristics([HazardCharacteristic.T, HazardCharacteristic.In], HazardJoin.AnyOf, "T/In"),
        "活性炭", "有机物", "防潮", "重庆某某化工有限公司", "张三 023-12345678",
        new DateOnly(2024, 5, 1), 0.1255m, qr);

    [Fact]
    public void Fields_print_in_the_HJ_1276_order_with_their_values()
    {
        var f = Sample().Fields();
        Assert.Equal(
            ["废物名称", "废物类别", "废物代码", "废物形态", "危险特性", "主要成分", "有害成分", "注意事项", "产生/收集单位", "联系人及联系方式", "产生日期", "废物重量", "数字识别码"],
            f.Select(x => x.Caption));
        Assert.Equal("T/In", f[4].Value);
        Assert.Equal("2024-05-01", f[10].Value);
        Assert.Equal("0.126 t", f[11].Value);
        Assert.Equal("91500105MA5U0A1661900041492024050100", f[12].Value);
    }

    [Theory]
    [InlineData("0.1255", "0.126 t")] // 5 after an odd digit: up to even
    [InlineData("0.1245", "0.124 t")] // 5 after an even digit: stays
    [InlineData("0.12451", "0.125 t")] // more than half
    [InlineData("12", "12.000 t")]
    [InlineData("0", "0.000 t")]
    public void Weight_is_printed_to_the_kilogram_half_even(string tonnes, string text) =>
        Assert.Equal(text, HwLabel.WeightText(decimal.Parse(tonnes, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_negative_weight_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => HwLabel.WeightText(-0.001m));

    [Fact]
    public void One_box_per_listed_characteristic_in_list_order()
    {
        var all = new HazardCharacteristics([HazardCharacteristic.T, HazardCharacteristic.C, HazardCharacteristic.I, HazardCharacteristic.R], HazardJoin.AnyOf, "T/C/I/R");
        Assert.Equal(["毒性", "腐蚀性", "易燃性", "反应性"], HazardPictogram.Boxes(all));
        var firstCertain = new HazardCharacteristics([HazardCharacteristic.T, HazardCharacteristic.I], HazardJoin.FirstCertain, "T，I");
        Assert.Equal(["毒性", "易燃性"], HazardPictogram.Boxes(firstCertain));
        Assert.Equal(["感染性"], HazardPictogram.Boxes(new HazardCharacteristics([HazardCharacteristic.In], HazardJoin.Single, "In")));
    }

    [Theory]
    [InlineData("https://hb.example", "ABC123", "https://hb.example/hw/c/ABC123")]
    [InlineData("https://hb.example/", "ABC123", "https://hb.example/hw/c/ABC123")]
    [InlineData("http://10.0.0.5:8080/smartenv/", "ABC123", "http://10.0.0.5:8080/smartenv/hw/c/ABC123")]
    [InlineData("https://hb.example", "A B/C", "https://hb.example/hw/c/A%20B%2FC")]
    public void The_QR_opens_the_container_page(string b, string id, string url) => Assert.Equal(url, ContainerUrl.For(b, id));

    [Theory]
    [InlineData("hb.example", "X")]
    [InlineData("ftp://hb.example", "X")]
    [InlineData("https://hb.example/?a=1", "X")]
    [InlineData("https://hb.example", "")]
    public void A_bad_base_or_empty_identifier_is_refused(string b, string id) => Assert.Throws<ArgumentException>(() => ContainerUrl.For(b, id));
}
