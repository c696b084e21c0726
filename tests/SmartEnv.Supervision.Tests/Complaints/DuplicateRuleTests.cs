using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Supervision.Tests.Complaints;

/// <summary>DuplicateRule with the embedded rules (300 m, 7 days). Coordinates are offsets in latitude from a point in
/// 观音桥 (29.575° N, 106.53° E): one degree of latitude is R·π/180 = 6 371 008.8 × 0.0174533 = 111 195.08 m, so
/// 0.001349° = 150.002 m, 0.002697° = 299.893 m, 0.002699° = 300.116 m, 0.004497° = 500.044 m.</summary>
public class DuplicateRuleTests
{
    private static readonly ComplaintRules R = ComplaintRules.Default;
    private const double Lat = 29.575, Lon = 106.53;
    private static readonly DateTimeOffset T0 = new(2024, 9, 20, 10, 0, 0, BeijingTime.Offset);

    private static DuplicateCandidate C(long id, double dLat, double days, string[] types, string? uscc = null, bool located = true) =>
        new(id, T0.AddDays(days), located ? Lat + dLat : null, located ? Lon : null, types, uscc);

    [Fact]
    public void Haversine_against_hand_values()
    {
        Assert.Equal(111_195.08, DuplicateRule.DistanceMetres(0, 0, 0, 1), 0.01);           // 1° on the equator = R·π/180
        Assert.Equal(10_007_557.22, DuplicateRule.DistanceMetres(0, 0, 90, 0), 0.01);       // equator to pole = R·π/2
        Assert.Equal(150.002, DuplicateRule.DistanceMetres(Lat, Lon, Lat + 0.001349, Lon), 0.001);
        // east-west at 29.575° N: 0.001° longitude = 111 195.08 × cos 29.575° × 0.001 = 96.708 m
        Assert.Equal(96.708, DuplicateRule.DistanceMetres(Lat, Lon, Lat, Lon + 0.001), 0.001);
        Assert.Equal(0, DuplicateRule.DistanceMetres(Lat, Lon, Lat, Lon));
    }

    [Fact]
    public void Two_noise_complaints_150_m_and_2_days_apart_match()
    {
        var m = DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0.001349, 2, ["noise"]), R);
        Assert.NotNull(m);
        Assert.Equal(DuplicateReason.SamePlace, m.Reason);
        Assert.Equal(150.0, m.DistanceMetres!.Value, 0.01);
        // symmetric
        Assert.Equal(m, DuplicateRule.Match(C(2, 0.001349, 2, ["noise"]), C(1, 0, 0, ["noise"]), R));
    }

    [Fact]
    public void Five_hundred_metres_apart_do_not_match() =>
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0.004497, 2, ["noise"]), R));

    [Fact]
    public void Eight_days_apart_do_not_match() =>
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0.001349, 8, ["noise"]), R));

    [Fact]
    public void Different_types_do_not_match() =>
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0.001349, 2, ["air"]), R));

    [Fact]
    public void Bounds_are_inclusive()
    {
        Assert.NotNull(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0.002697, 7, ["noise"]), R));  // 299.893 m, exactly 7 d
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0.002699, 0, ["noise"]), R));     // 300.116 m
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(2, 0, 7 + 1.0 / 86400, ["noise"]), R)); // 7 d + 1 s
    }

    [Fact]
    public void Sub_type_codes_count_as_their_top_level_type()
    {
        var m = DuplicateRule.Match(C(1, 0, 0, ["noise.construction"]), C(2, 0.001349, 1, ["air", "noise"]), R);
        Assert.Equal(DuplicateReason.SamePlace, m?.Reason);
    }

    [Fact]
    public void The_same_enterprise_matches_at_any_distance_within_the_window()
    {
        const string uscc = "91500105MA5U000001";
        var m = DuplicateRule.Match(C(1, 0, 0, ["air"], uscc), C(2, 0.04497, 3, ["water"], uscc.ToLowerInvariant()), R);   // 5 000.4 m
        Assert.NotNull(m);
        Assert.Equal(DuplicateReason.SameEnterprise, m.Reason);
        Assert.Equal(5000.4, m.DistanceMetres!.Value, 0.1);
        var unlocated = DuplicateRule.Match(C(1, 0, 0, ["air"], uscc, located: false), C(2, 0, 3, ["air"], uscc), R);
        Assert.Equal(new DuplicateMatch(DuplicateReason.SameEnterprise, null), unlocated);
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["air"], uscc), C(2, 0, 8, ["air"], uscc), R));     // 8 days
    }

    [Fact]
    public void No_location_no_place_match_and_never_itself()
    {
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"], located: false), C(2, 0, 0, ["noise"]), R));
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"]), C(1, 0, 0, ["noise"]), R));
        Assert.Null(DuplicateRule.Match(C(1, 0, 0, ["noise"], ""), C(2, 0.004497, 0, ["noise"], ""), R));  // empty USCC is no USCC
    }
}
