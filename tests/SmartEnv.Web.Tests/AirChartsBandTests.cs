using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>The air page's colour scale reads the AQI bands and colours from <c>AqiCategory</c> (one place): the six
/// pieces are HJ 633-2012 Table 2 (0–50 … 301–500) in the Appendix A colours, written out here by hand.</summary>
public sealed class AirChartsBandTests
{
    [Fact]
    public void Visual_map_pieces_are_the_HJ_633_bands_and_colours()
    {
        var pieces = AirCharts.AqiLevels(zh: true, show: true).Pieces!;
        Assert.Equal([(0d, 50d), (51d, 100d), (101d, 150d), (151d, 200d), (201d, 300d), (301d, 500d)],
            pieces.Select(p => ((double)p.Min!, (double)p.Max!)));
        Assert.Equal(["优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"], pieces.Select(p => p.Label));
    }
}
