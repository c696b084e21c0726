using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Supervision.Tests.Complaints;

public class StreetInferenceTests
{
    [Theory]
    [InlineData("重庆市江北区观音桥街道建新北路1号", "500105006000")]
    [InlineData("江北区观音桥步行街附近工地", "500105006000")]
    [InlineData("鱼嘴镇工业园", "500105100000")]
    [InlineData("江北区鱼嘴某厂", "500105100000")]
    [InlineData("华新街街道某小区", "500105001000")]
    [InlineData("华新街某餐馆", "500105001000")]
    [InlineData("江北城街道", "500105002000")]
    [InlineData("五宝镇", "500105102000")]
    public void Exactly_one_street_named(string address, string code) => Assert.Equal(code, StreetInference.Infer(address)?.Code);

    [Theory]
    [InlineData("江北区建新北路1号")]                  // no street ("江北" alone is the district, not 江北城)
    [InlineData("观音桥与五里店之间")]                 // two streets
    [InlineData("寸滩街道和郭家沱街道交界处")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void None_or_two_give_null(string? address) => Assert.Null(StreetInference.Infer(address));

    [Fact]
    public void Every_street_is_found_by_both_forms()
    {
        Assert.Equal(12, DistrictStreets.All.Count);
        foreach (var s in DistrictStreets.All)
        {
            Assert.Equal(s, StreetInference.Infer("江北区" + s.Name + "某处"));
            var shortName = s.Name.EndsWith("街道", StringComparison.Ordinal) ? s.Name[..^2] : s.Name.TrimEnd('镇');
            Assert.Equal(s, StreetInference.Infer("在" + shortName + "附近"));
        }
    }
}
