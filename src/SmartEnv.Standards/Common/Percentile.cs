namespace SmartEnv.Standards.Common;

/// <summary>
/// Percentile per HJ 663-2013 (formula quoted in standards.md §3.2): sort ascending X(1)…X(n); k = 1 + (n − 1)·p%;
/// s = integer part of k; m_p = X(s) + (X(s+1) − X(s))·(k − s). Same as Excel PERCENTILE.INC. Exact decimal arithmetic.
/// </summary>
public static class Percentile
{
    /// <summary>The p-th percentile of <paramref name="values"/>.</summary>
    /// <param name="values">The values (any order), at least one.</param>
    /// <param name="p">Percent, 0…100 (e.g. 90 for O3 MDA8, 95 for CO).</param>
    /// <returns>m_p, exact.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside 0…100.</exception>
    public static decimal Of(IEnumerable<decimal> values, decimal p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100m);
        var x = values.ToArray();
        if (x.Length == 0) throw new ArgumentException("percentile of an empty set", nameof(values));
        Array.Sort(x);
        var k = 1 + (x.Length - 1) * p / 100m;
        var s = (int)decimal.Truncate(k);
        if (s >= x.Length) return x[^1];
        return x[s - 1] + (x[s] - x[s - 1]) * (k - s);
    }
}
