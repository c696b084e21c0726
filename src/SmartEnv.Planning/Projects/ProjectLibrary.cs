namespace SmartEnv.Planning.Projects;

/// <summary>Filter of the project list; null members do not filter. Text filters match a substring (ordinal).</summary>
/// <param name="Category">Part of 分类.</param>
/// <param name="LeadUnit">Part of 牵头单位（实施单位）.</param>
/// <param name="Stage">Lifecycle stage.</param>
public sealed record ProjectFilter(string? Category = null, string? LeadUnit = null, ProjectStage? Stage = null)
{
    /// <summary>True when the project passes the filter.</summary>
    /// <param name="p">The tracked project.</param>
    public bool Matches(TrackedProject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return (Category is null || p.Project.Category.Contains(Category, StringComparison.Ordinal))
            && (LeadUnit is null || p.Project.LeadUnitRaw.Contains(LeadUnit, StringComparison.Ordinal))
            && (Stage is null || p.Lifecycle.Stage == Stage);
    }
}

/// <summary>The major-project library (重大工程项目库, 第八章第一节): every project with its tracking state, addressed by its
/// sequence number in the plan's table.</summary>
public sealed class ProjectLibrary
{
    private readonly Dictionary<int, TrackedProject> _bySequence;

    /// <summary>Builds the library from the imported projects (initial stages per <see cref="ProjectLifecycle.InitialStageFor"/>).</summary>
    /// <param name="projects">The projects.</param>
    /// <exception cref="ArgumentException">Two projects share a sequence number.</exception>
    public ProjectLibrary(IEnumerable<MajorProject> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        Projects = projects.Select(p => new TrackedProject(p)).ToList();
        _bySequence = [];
        foreach (var p in Projects)
            if (!_bySequence.TryAdd(p.Project.Sequence, p)) throw new ArgumentException($"sequence {p.Project.Sequence} appears twice", nameof(projects));
    }

    /// <summary>All projects in table order.</summary>
    public IReadOnlyList<TrackedProject> Projects { get; }

    /// <summary>The project with a sequence number.</summary>
    /// <param name="sequence">1-based position in the plan's table.</param>
    /// <exception cref="KeyNotFoundException">No such project.</exception>
    public TrackedProject this[int sequence] => _bySequence[sequence];

    /// <summary>Projects passing a filter, in table order.</summary>
    /// <param name="filter">The filter.</param>
    public IReadOnlyList<TrackedProject> Filter(ProjectFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Projects.Where(filter.Matches).ToList();
    }

    /// <summary>Investment totals of the projects passing a filter (万元, exact).</summary>
    /// <param name="filter">The filter.</param>
    public ProjectTotals Totals(ProjectFilter filter) => ProjectTotals.Compute(Filter(filter).Select(p => p.Project));

    /// <summary>Projects delayed or with an overdue start on a reference date (see <see cref="TrackedProject.CheckSchedule"/>).</summary>
    /// <param name="referenceDate">The date.</param>
    public IReadOnlyList<(TrackedProject Project, ScheduleCheck Check)> Overdue(DateOnly referenceDate) =>
        Projects.Select(p => (p, p.CheckSchedule(referenceDate)))
            .Where(x => x.Item2.Status is ScheduleStatus.Delayed or ScheduleStatus.StartOverdue).ToList();
}
