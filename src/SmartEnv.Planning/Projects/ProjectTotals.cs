namespace SmartEnv.Planning.Projects;

/// <summary>A category's total investment.</summary>
/// <param name="Category">分类.</param>
/// <param name="Count">Number of projects.</param>
/// <param name="Amount">Sum of 总投资 in 万元 (exact).</param>
public sealed record CategoryTotal(string Category, int Count, decimal Amount);

/// <summary>Investment totals of a project list in 万元, exact decimal sums of the parsed amounts
/// (<c>4186（34880*12%）</c> counts 4186, as the plan's 合计 does).</summary>
/// <param name="ByCategory">Per 分类, in order of first appearance.</param>
/// <param name="Overall">Sum over all projects.</param>
public sealed record ProjectTotals(IReadOnlyList<CategoryTotal> ByCategory, decimal Overall)
{
    /// <summary>Sums the projects.</summary>
    /// <param name="projects">Projects (amounts must be parsed; the importer guarantees that).</param>
    /// <exception cref="ArgumentException">A project has no parsed amount.</exception>
    public static ProjectTotals Compute(IEnumerable<MajorProject> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var order = new List<string>();
        var sums = new Dictionary<string, (int N, decimal A)>();
        var overall = 0m;
        foreach (var p in projects)
        {
            var a = p.Investment.Amount ?? throw new ArgumentException($"project {p.Sequence} has no investment amount ('{p.Investment.Raw}')", nameof(projects));
            if (!sums.TryGetValue(p.Category, out var s)) { order.Add(p.Category); s = (0, 0m); }
            sums[p.Category] = (s.N + 1, s.A + a);
            overall += a;
        }
        return new ProjectTotals(order.Select(c => new CategoryTotal(c, sums[c].N, sums[c].A)).ToList(), overall);
    }
}
