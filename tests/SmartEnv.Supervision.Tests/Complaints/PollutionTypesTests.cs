using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>complaint-categories.tsv: the MEE bulletin categories of supervision.md §5.3.</summary>
public class PollutionTypesTests
{
    [Fact]
    public void The_codes_of_the_plan()
    {
        Assert.Equal(["air", "noise", "water", "solid_waste", "soil", "ecology", "radiation", "other"], PollutionTypes.TopLevel.Select(t => t.Code));
        Assert.Equal(["air.odour", "air.dust", "air.industrial", "air.cooking", "noise.construction", "noise.industrial",
                "noise.social", "noise.traffic", "water.industrial", "water.domestic"],
            PollutionTypes.All.Where(t => t.Parent is not null).Select(t => t.Code));
        Assert.Equal(18, PollutionTypes.All.Count);
    }

    [Fact]
    public void Names_and_confidence()
    {
        Assert.Equal("大气", PollutionTypes.Find("air")!.NameZh);
        Assert.Equal("恶臭/异味", PollutionTypes.Find("air.odour")!.NameZh);
        Assert.Equal("油烟", PollutionTypes.Find("air.cooking")!.NameZh);
        Assert.Equal("建设施工噪声", PollutionTypes.Find("noise.construction")!.NameZh);
        Assert.Equal("生态破坏", PollutionTypes.Find("ecology")!.NameZh);
        // supervision.md §5.3 marks 社会生活, 交通 and 生活污水 [U]; the other categories are [S]
        Assert.Equal(["noise.social", "noise.traffic", "water.domestic"], PollutionTypes.All.Where(t => t.Confidence == "U").Select(t => t.Code));
        Assert.All(PollutionTypes.All.Where(t => t.Confidence != "U"), t => Assert.Equal("S", t.Confidence));
        Assert.All(PollutionTypes.All, t => Assert.False(string.IsNullOrWhiteSpace(t.NameEn + t.Source)));
        Assert.Null(PollutionTypes.Find("Air"));
        Assert.Null(PollutionTypes.Find("light"));
    }

    [Fact]
    public void TopOf_maps_sub_types_to_their_parent()
    {
        Assert.Equal("noise", PollutionTypes.TopOf("noise.construction"));
        Assert.Equal("water", PollutionTypes.TopOf("water"));
        Assert.Throws<ArgumentException>(() => PollutionTypes.TopOf("light"));
    }

    [Fact]
    public void Normalize_adds_parents_drops_repeats_and_orders()
    {
        Assert.True(PollutionTypes.TryNormalize([" Noise.Construction ", "air.odour", "noise", "air.odour"], out var n, out var reason));
        Assert.Null(reason);
        Assert.Equal(["air", "air.odour", "noise", "noise.construction"], n);
    }

    [Fact]
    public void Normalize_refuses_unknown_and_empty()
    {
        Assert.False(PollutionTypes.TryNormalize(["noise", "light"], out var n, out var reason));
        Assert.Empty(n);
        Assert.Contains("'light'", reason);
        Assert.False(PollutionTypes.TryNormalize([], out _, out reason));
        Assert.Contains("at least one", reason);
        Assert.False(PollutionTypes.TryNormalize([" ", ""], out _, out _));
    }

    [Theory]
    [InlineData("air.x.y\t\tX\tX\tS\ts", "not lower-case")]
    [InlineData("Air\t\tX\tX\tS\ts", "not lower-case")]
    [InlineData("light.led\tlight\tX\tX\tS\ts", "needs parent 'light'")]
    [InlineData("light\tair\tX\tX\tS\ts", "has a parent")]
    [InlineData("air\t\tX\tX\tS\ts", "listed twice")]
    [InlineData("light\t\tX\tX\tSmartEnv\ts", "confidence")]
    [InlineData("light\t\t\tX\tS\ts", "empty name")]
    public void A_bad_categories_file_is_refused(string row, string message)
    {
        var text = "code\tparent\tname_zh\tname_en\tconfidence\tsource\nair\t\t大气\tAir\tS\tSUP\n" + row + "\n";
        Assert.Contains(message, Assert.Throws<FormatException>(() => PollutionTypes.Load(new StringReader(text))).Message);
    }
}
