using FsCheck;
using FsCheck.Xunit;
using SmartEnv.Standards.Air;

namespace SmartEnv.Standards.Tests.Air;

/// <summary>FsCheck properties: AQI = max IAQI, monotone IAQI, breakpoint continuity, regime selection by date.</summary>
public class AqiPropertyTests
{
    private static readonly AqiIndicator[] Ordinary = AqiIndicators.All.Where(i => i is not (AqiIndicator.So2_1h or AqiIndicator.O3_8h)).ToArray();

    private static AqiRegime Regime(int i) => AqiRegime.All[Math.Abs(i % 3)];

    // Concentrations with 0.1 resolution from 0 to 4000 (covers every column including above-top values).
    private static decimal Conc(int tenths) => Math.Abs(tenths % 40_000) / 10m;

    [Property(MaxTest = 500)]
    public bool AqiIsTheMaximumIaqi(int regimeSeed, int[] tenths, bool daily)
    {
        var regime = Regime(regimeSeed);
        var inputs = new Dictionary<AqiIndicator, decimal>();
        for (var i = 0; i < (tenths?.Length ?? 0) && i < AqiIndicators.All.Count; i++) inputs[AqiIndicators.All[i]] = Conc(tenths![i]);
        var r = daily ? AqiCalculator.Daily(inputs, regime) : AqiCalculator.Hourly(inputs, regime);
        var values = r.Entries.Where(e => e.Value.HasValue).Select(e => e.Value!.Value).ToList();
        return values.Count == 0 ? r.Aqi is null : r.Aqi == values.Max() && r.PrimaryPollutants.All(p => r.Iaqi[p] == r.Aqi);
    }

    [Property(MaxTest = 1000)]
    public bool IaqiIsMonotoneInConcentration(int regimeSeed, int indicatorSeed, int a, int b)
    {
        var regime = Regime(regimeSeed);
        var ind = Ordinary[Math.Abs(indicatorSeed % Ordinary.Length)];
        decimal lo = Conc(a), hi = Conc(b);
        if (lo > hi) (lo, hi) = (hi, lo);
        var x = AqiCalculator.Iaqi(ind, lo, regime);
        var y = AqiCalculator.Iaqi(ind, hi, regime);
        return x is null ? y is null : x.Value <= y!.Value;
    }

    [Property(MaxTest = 1000)]
    public bool IaqiStaysInsideItsSegment(int regimeSeed, int indicatorSeed, int segmentSeed, int fractionSeed)
    {
        var table = Regime(regimeSeed).Table(AqiIndicators.All[Math.Abs(indicatorSeed % 12)]);
        if (table is null) return true;
        var i = Math.Abs(segmentSeed % (table.Breakpoints.Count - 1));
        decimal lo = table.Breakpoints[i], hi = table.Breakpoints[i + 1];
        var c = lo + (hi - lo) * (Math.Abs(fractionSeed % 1001) / 1000m);
        var v = table.Iaqi(c);
        return v >= BreakpointTable.IaqiPoints[i] && v <= BreakpointTable.IaqiPoints[i + 1];
    }

    [Fact]
    public void BreakpointsAreContinuous()
    {
        // At each inner breakpoint both segments give its IAQI point; just below rounds up to it, just above to the next integer.
        foreach (var regime in AqiRegime.All)
            foreach (var ind in AqiIndicators.All)
            {
                var t = regime.Table(ind);
                if (t is null) continue;
                for (var i = 1; i < t.Breakpoints.Count; i++)
                {
                    var bp = t.Breakpoints[i];
                    var point = BreakpointTable.IaqiPoints[i];
                    Assert.Equal(point, t.Iaqi(bp));
                    Assert.Equal(point, t.Iaqi(bp - 0.001m));
                    if (i < t.Breakpoints.Count - 1) Assert.Equal(point + 1, t.Iaqi(bp + 0.001m));
                }
            }
    }

    [Property(MaxTest = 500)]
    public bool RegimeSelectionByDate(int dayOffset)
    {
        var date = new DateOnly(2000, 1, 1).AddDays(Math.Abs(dayOffset % 20_000));
        var id = AqiRegime.ForDate(date).Id;
        return date < new DateOnly(2014, 1, 1) ? id == "HJ633-2012"
            : date <= new DateOnly(2026, 2, 28) ? id == "CNEMC-2014"
            : id == "HJ633-2026";
    }
}
