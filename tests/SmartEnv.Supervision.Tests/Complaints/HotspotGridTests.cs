using SmartEnv.Supervision.Complaints.Statistics;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>
/// <see cref="HotspotGrid"/>: points placed by hand at known metre offsets from the grid origin (29.55 °N, 106.45 °E).
/// Hand arithmetic: 1° of latitude = 6 371 008.8 × π ÷ 180 = 111 195.08 m; 1° of longitude = 111 195.08 × cos 29.615° =
/// 111 195.08 × 0.869366 = 96 669.18 m. So 100 m north = 0.000 899 32°, 100 m east = 0.001 034 45°.
/// </summary>
public class HotspotGridTests
{
    private const double MLat = 111_195.08, MLon = 96_669.18;

    private static (double, double, string) At(double east, double north, string n) =>
        (HotspotGrid.OriginLatitude + north / MLat, HotspotGrid.OriginLongitude + east / MLon, n);

    [Fact]
    public void Clusters_into_500_m_cells_most_first()
    {
        var pts = new[]
        {
            At(100, 100, "A"), At(400, 450, "B"), At(600, 100, "C"), At(100, 1200, "D"), At(450, 480, "E"), At(-100, -100, "F"),
        };
        var h = HotspotGrid.Cluster(pts, 500);
        // cells: A B E → (0,0); C → (1,0) (600 m east); D → (0,2) (1 200 m north); F → (−1,−1)
        // order: (0,0) with 3, then the singles by row then column: (−1,−1), (1,0), (0,2)
        Assert.Equal(["0,0:3", "-1,-1:1", "1,0:1", "0,2:1"], h.Select(x => $"{x.Column},{x.Row}:{x.Count}"));
        Assert.Equal(["A", "B", "E"], h[0].Numbers);
        // centre = mean of A B E: north (100 + 450 + 480) ÷ 3 = 343.33 m, east (100 + 400 + 450) ÷ 3 = 316.67 m
        Assert.Equal(29.55 + 343.33 / MLat, h[0].Latitude, 6);
        Assert.Equal(106.45 + 316.67 / MLon, h[0].Longitude, 6);
        // cell (0,0) edges: 29.55 … 29.55 + 500 ÷ 111 195.08 = 29.554497; 106.45 … 106.45 + 500 ÷ 96 669.18 = 106.455172
        Assert.Equal((29.55, 106.45), (h[0].CellSouth, h[0].CellWest));
        Assert.Equal(29.554497, h[0].CellNorth, 6);
        Assert.Equal(106.455172, h[0].CellEast, 6);
    }

    [Fact]
    public void A_real_district_point_lands_where_the_hand_count_says()
    {
        // 29.5752 °N, 106.5320 °E (观音桥 area): north (0.0252 × 111 195.08) = 2 802.1 m → row 2 of 1 km cells;
        // east (0.0820 × 96 669.18) = 7 926.9 m → column 7
        var h = Assert.Single(HotspotGrid.Cluster([(29.5752, 106.5320, "X")], 1000));
        Assert.Equal((7, 2), (h.Column, h.Row));
    }

    [Fact]
    public void Empty_input_no_hotspots() => Assert.Empty(HotspotGrid.Cluster([], 300));

    [Theory]
    [InlineData(10)]
    [InlineData(50_000)]
    [InlineData(double.NaN)]
    public void Refuses_a_cell_size_out_of_range(double size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HotspotGrid.Cluster([(29.6, 106.5, "X")], size));

    [Fact]
    public void Refuses_a_point_that_is_no_coordinate()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HotspotGrid.Cluster([(double.NaN, 106.5, "X")], 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => HotspotGrid.Cluster([(91, 106.5, "X")], 500));
    }
}
