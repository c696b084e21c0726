namespace SmartEnv.Imports.DataSources;

/// <summary>A finding as the arrival rule sees it: id, domain and the range of published hours it covers.</summary>
/// <param name="Id">Finding id.</param>
/// <param name="Domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
/// <param name="From">First covered hour (label, inclusive).</param>
/// <param name="To">Last covered hour (label, inclusive), or null: open-ended.</param>
public readonly record struct FindingWindow(long Id, string Domain, DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// Which findings of a source apply to an import (issue 22 "flagged on arrival"): a finding applies when at least one
/// hour of the import lies in its closed range <c>[From, To]</c>, or at or after <c>From</c> when it is open-ended, and
/// the import's domain is the finding's (an import of unknown domain, e.g. an HJ 212 log, matches every domain). Hours
/// are compared as instants (the offset does not matter) and named by their label, the end of the hour, as CNEMC
/// publishes them and as <c>smartenv verify</c> reports them. Pure; thread-safe.
/// </summary>
public static class FindingCoverage
{
    /// <summary>How many of <paramref name="hours"/> lie in the finding's range.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="hours">Hour labels of the import, ascending, distinct.</param>
    /// <returns>0 when none (the finding does not apply).</returns>
    public static int HoursWithin(FindingWindow finding, IReadOnlyList<DateTimeOffset> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var first = LowerBound(hours, finding.From);
        if (finding.To is not { } to) return hours.Count - first;
        if (to < finding.From) return 0;
        var past = UpperBound(hours, to);
        return Math.Max(0, past - first);
    }

    /// <summary>The findings that apply to an import, with the import hours each covers, in the order given.</summary>
    /// <param name="findings">The source's active findings.</param>
    /// <param name="domain">The import's domain, or null (any).</param>
    /// <param name="hours">Hour labels of the import, ascending, distinct.</param>
    public static IReadOnlyList<(FindingWindow Finding, int Hours)> Applying(IEnumerable<FindingWindow> findings, string? domain, IReadOnlyList<DateTimeOffset> hours)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var list = new List<(FindingWindow, int)>();
        foreach (var f in findings)
        {
            if (domain is not null && !string.Equals(f.Domain, domain, StringComparison.Ordinal)) continue;
            var n = HoursWithin(f, hours);
            if (n > 0) list.Add((f, n));
        }
        return list;
    }

    /// <summary>The domain of an import format: <c>cnemc-sites</c> and <c>prsa</c> air, <c>cnemc-water</c> water, any other
    /// (an HJ 212 log) null.</summary>
    /// <param name="format">Import format name.</param>
    public static string? DomainOf(string format) => format switch
    {
        CnemcSitesImporter.Format or PrsaImporter.Format => "air",
        CnemcWaterImporter.Format => "water",
        _ => null,
    };

    private static int LowerBound(IReadOnlyList<DateTimeOffset> xs, DateTimeOffset v)
    {
        int lo = 0, hi = xs.Count;
        while (lo < hi) { var m = (lo + hi) >>> 1; if (xs[m] < v) lo = m + 1; else hi = m; }
        return lo;
    }

    private static int UpperBound(IReadOnlyList<DateTimeOffset> xs, DateTimeOffset v)
    {
        int lo = 0, hi = xs.Count;
        while (lo < hi) { var m = (lo + hi) >>> 1; if (xs[m] <= v) lo = m + 1; else hi = m; }
        return lo;
    }
}
