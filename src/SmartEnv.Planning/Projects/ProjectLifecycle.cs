namespace SmartEnv.Planning.Projects;

/// <summary>Lifecycle stage of a major project (第八章第二节: 项目储备, 前期工作, 实施, 验收; 动态调整).</summary>
public enum ProjectStage
{
    /// <summary>储备: in the project library, not started.</summary>
    Reserve,
    /// <summary>前期: feasibility study, preliminary design, tendering.</summary>
    Preparation,
    /// <summary>在建: under construction.</summary>
    UnderConstruction,
    /// <summary>完工: construction finished.</summary>
    Completed,
    /// <summary>验收: accepted (terminal).</summary>
    Accepted,
    /// <summary>调整: under adjustment of site, scale or technical scheme (第八章第二节 "动态调整"); resumes to an active stage.</summary>
    Adjusting,
    /// <summary>取消: removed from the library (terminal).</summary>
    Cancelled,
}

/// <summary>Why a transition was refused.</summary>
public enum TransitionRefusal
{
    /// <summary>The transition is not in the table.</summary>
    NotAllowed,
    /// <summary>调整 and 取消 need a reason.</summary>
    ReasonRequired,
    /// <summary>The date is before the last recorded transition.</summary>
    DateBeforeLast,
}

/// <summary>One recorded stage change.</summary>
/// <param name="From">Stage before.</param>
/// <param name="To">Stage after.</param>
/// <param name="On">Effective date.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Reason">Reason (required for 调整 and 取消), null otherwise.</param>
public sealed record StageChange(ProjectStage From, ProjectStage To, DateOnly On, string By, string? Reason);

/// <summary>Outcome of a transition request: the change, or the refusal.</summary>
/// <param name="Change">The recorded change, null when refused.</param>
/// <param name="Refusal">Why it was refused, null when recorded.</param>
/// <param name="Message">Human-readable explanation of a refusal.</param>
public sealed record TransitionResult(StageChange? Change, TransitionRefusal? Refusal, string? Message)
{
    /// <summary>True when recorded.</summary>
    public bool Ok => Change is not null;
}

/// <summary>
/// The project lifecycle as an explicit transition table:
/// 储备 → 前期 → 在建 → 完工 → 验收; 储备/前期/在建 → 调整 (reason) → 储备/前期/在建; 储备/前期/在建/调整 → 取消 (reason).
/// 验收 and 取消 are terminal. Every change is kept in <see cref="History"/>.
/// </summary>
public sealed class ProjectLifecycle
{
    private static readonly Dictionary<ProjectStage, ProjectStage[]> Table = new()
    {
        [ProjectStage.Reserve] = [ProjectStage.Preparation, ProjectStage.Adjusting, ProjectStage.Cancelled],
        [ProjectStage.Preparation] = [ProjectStage.UnderConstruction, ProjectStage.Adjusting, ProjectStage.Cancelled],
        [ProjectStage.UnderConstruction] = [ProjectStage.Completed, ProjectStage.Adjusting, ProjectStage.Cancelled],
        [ProjectStage.Completed] = [ProjectStage.Accepted],
        [ProjectStage.Accepted] = [],
        [ProjectStage.Adjusting] = [ProjectStage.Reserve, ProjectStage.Preparation, ProjectStage.UnderConstruction, ProjectStage.Cancelled],
        [ProjectStage.Cancelled] = [],
    };

    private readonly List<StageChange> _history = [];

    /// <summary>Starts a lifecycle in the given stage.</summary>
    /// <param name="initial">Initial stage.</param>
    public ProjectLifecycle(ProjectStage initial = ProjectStage.Reserve) => Stage = initial;

    /// <summary>The initial stage on import: 在建 for 续建 projects (carried over, already under construction), 储备 otherwise.</summary>
    /// <param name="project">The project.</param>
    public static ProjectStage InitialStageFor(MajorProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Nature.HasFlag(ProjectNature.Continued) ? ProjectStage.UnderConstruction : ProjectStage.Reserve;
    }

    /// <summary>Current stage.</summary>
    public ProjectStage Stage { get; private set; }

    /// <summary>All recorded changes, oldest first.</summary>
    public IReadOnlyList<StageChange> History => _history;

    /// <summary>True for 验收 and 取消.</summary>
    public bool IsTerminal => Table[Stage].Length == 0;

    /// <summary>Stages reachable from the current one.</summary>
    public IReadOnlyList<ProjectStage> Allowed => Table[Stage];

    /// <summary>The stage 调整 was entered from, when currently adjusting.</summary>
    public ProjectStage? AdjustedFrom => Stage == ProjectStage.Adjusting ? _history[^1].From : null;

    /// <summary>Requests a transition; refusals are values, not exceptions.</summary>
    /// <param name="to">Target stage.</param>
    /// <param name="on">Effective date (not before the last change).</param>
    /// <param name="by">Who records it.</param>
    /// <param name="reason">Reason; required for 调整 and 取消.</param>
    public TransitionResult Transition(ProjectStage to, DateOnly on, string by, string? reason = null)
    {
        if (!Table[Stage].Contains(to))
            return new TransitionResult(null, TransitionRefusal.NotAllowed, $"{Label(Stage)} → {Label(to)} is not allowed; allowed: {string.Join(", ", Table[Stage].Select(Label))}");
        if (to is ProjectStage.Adjusting or ProjectStage.Cancelled && string.IsNullOrWhiteSpace(reason))
            return new TransitionResult(null, TransitionRefusal.ReasonRequired, $"{Label(to)} needs a reason");
        if (_history.Count > 0 && on < _history[^1].On)
            return new TransitionResult(null, TransitionRefusal.DateBeforeLast, $"{on:yyyy-MM-dd} is before the last change on {_history[^1].On:yyyy-MM-dd}");
        var change = new StageChange(Stage, to, on, by, string.IsNullOrWhiteSpace(reason) ? null : reason);
        _history.Add(change);
        Stage = to;
        return new TransitionResult(change, null, null);
    }

    /// <summary>zh-CN label of a stage (储备, 前期, 在建, 完工, 验收, 调整, 取消).</summary>
    /// <param name="stage">The stage.</param>
    public static string Label(ProjectStage stage) => stage switch
    {
        ProjectStage.Reserve => "储备",
        ProjectStage.Preparation => "前期",
        ProjectStage.UnderConstruction => "在建",
        ProjectStage.Completed => "完工",
        ProjectStage.Accepted => "验收",
        ProjectStage.Adjusting => "调整",
        _ => "取消",
    };
}
