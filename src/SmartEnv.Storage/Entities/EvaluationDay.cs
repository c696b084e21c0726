namespace SmartEnv.Storage.Entities;

/// <summary>State of the stored evaluation of one site's natural day (<see cref="EvaluationDay"/>).</summary>
public enum EvaluationState
{
    /// <summary>New or changed data waits for recomputation; the stored figures (if any) are the previous ones.</summary>
    Pending,
    /// <summary>The stored figures are computed from the data as it was at <see cref="EvaluationDay.UpdatedAt"/>.</summary>
    Done,
    /// <summary>The last recomputation failed (<see cref="EvaluationDay.LastError"/>); the previous figures are still
    /// served and the day is retried at <see cref="EvaluationDay.NextAttemptAt"/>.</summary>
    Failed,
}

/// <summary>
/// Evaluation state of one site's natural day (Beijing, HJ 663-2013 hours 01…24): whether its stored hourly and daily AQI
/// are current, waiting, or failed with the reason and when it is retried. Unique on (<see cref="SiteId"/>,
/// <see cref="Day"/>). A day is never silently missing: data marks it <see cref="EvaluationState.Pending"/>, the
/// recomputation writes the figures and <see cref="EvaluationState.Done"/> in one transaction, and a failure leaves the
/// old figures with <see cref="EvaluationState.Failed"/>. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class EvaluationDay
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site.</summary>
    public long SiteId { get; set; }

    /// <summary>Natural day (Beijing).</summary>
    public DateOnly Day { get; set; }

    /// <summary>State (stored snake_case: <c>pending</c>, <c>done</c>, <c>failed</c>).</summary>
    public EvaluationState State { get; set; }

    /// <summary>Failed attempts since the last success (0 after a success).</summary>
    public int Attempts { get; set; }

    /// <summary>Message of the last failure (at most 1,024 characters), or null.</summary>
    public string? LastError { get; set; }

    /// <summary>When the state last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Earliest time of the next attempt (UTC): the backoff of a failed day; null for pending (as soon as
    /// possible) and done days.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
