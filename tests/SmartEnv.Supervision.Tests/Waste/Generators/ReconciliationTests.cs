using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Generators;

namespace SmartEnv.Supervision.Tests.Waste.Generators;

/// <summary>Acceptance "ledger vs manifest: a 2 % difference beyond the documented tolerance is flagged, within it not"
/// (tolerance: 1 % of the manifest quantity, at least 0.001 t; SmartEnv rule, waste-rules.tsv). Values by hand.</summary>
public class ReconciliationTests
{
    private static readonly WasteRules R = WasteRules.Default;

    [Fact]
    public void Two_percent_more_in_the_ledger_is_flagged()
    {
        var r = Reconciliation.Check(10.200m, 10.000m, R);
        Assert.Equal(0.200m, r.DifferenceTonnes);
        Assert.True(r.Flagged);
    }

    [Fact]
    public void Two_percent_less_in_the_ledger_is_flagged() => Assert.True(Reconciliation.Check(9.800m, 10.000m, R).Flagged);

    [Theory]
    [InlineData("10.100")] // exactly 1 %: not beyond
    [InlineData("9.900")]
    [InlineData("10.050")]
    [InlineData("10.000")]
    public void Within_one_percent_is_not_flagged(string ledger) =>
        Assert.False(Reconciliation.Check(decimal.Parse(ledger, System.Globalization.CultureInfo.InvariantCulture), 10.000m, R).Flagged);

    [Fact]
    public void Just_beyond_one_percent_is_flagged() => Assert.True(Reconciliation.Check(10.100001m, 10.000m, R).Flagged);

    [Fact]
    public void Small_loads_get_the_one_kilogram_floor()
    {
        // 0.050 t: 1 % = 0.0005 t < 0.001 t, so the floor applies: 0.051 (1 kg off) not flagged, 0.0511 flagged.
        Assert.False(Reconciliation.Check(0.051m, 0.050m, R).Flagged);
        Assert.True(Reconciliation.Check(0.0511m, 0.050m, R).Flagged);
    }

    [Fact]
    public void Negative_quantities_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Reconciliation.Check(-1m, 1m, R));
}

/// <summary>Storage-age histogram bucket edges 90/91, 180/181, 270/271, 365/366 days.</summary>
public class StorageAgeBucketsTests
{
    [Fact]
    public void Edges_fall_where_the_labels_say()
    {
        Assert.Equal([2, 2, 2, 2, 1], StorageAgeBuckets.Count([0, 90, 91, 180, 181, 270, 271, 365, 366]));
        Assert.Equal(4, StorageAgeBuckets.Index(10_000));
        Assert.Equal(0, StorageAgeBuckets.Index(-1));
    }
}
