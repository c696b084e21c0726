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

    /// <summary>Changes of the day's data so far: raised each time the day is marked pending, also when it already was
    /// (data arrived while another instance recomputed it). A claim remembers the generation it computed; when the
    /// generation moved on meanwhile the day goes back to pending instead of staying done (multi-instance serving on
    /// PostgreSQL, docs/operations.md "Running several instances (scaleout)").</summary>
    public long Generation { get; set; }

    /// <summary>The serving instance that claimed the day for recomputation (<c>host:pid:random</c>, at most
    /// <see cref="InstanceLength"/> characters), or null when unclaimed. PostgreSQL only; SQLite serves single-instance.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claim holds (UTC; renewed while the claimer works); after it another instance may take the
    /// day over. Null when unclaimed.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Longest instance name kept in <see cref="ClaimedBy"/>: 128.</summary>
    public const int InstanceLength = 128;
}

/// <summary>
/// One claim of a site-day for recomputation by a serving instance (<c>evaluation_claims</c>), written when the claim is
/// taken and finished when the instance has recomputed the day: the record that shows who evaluated what, when and how
/// often (multi-instance serving on PostgreSQL, docs/operations.md "Running several instances (scaleout)"). Rows older
/// than two days are removed by the cluster's singleton housekeeping. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class EvaluationClaim
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Site.</summary>
    public long SiteId { get; set; }

    /// <summary>Natural day (Beijing).</summary>
    public DateOnly Day { get; set; }

    /// <summary><see cref="EvaluationDay.Generation"/> when claimed (the data state that was computed).</summary>
    public long Generation { get; set; }

    /// <summary>The claiming instance (<see cref="EvaluationDay.ClaimedBy"/>).</summary>
    public string Instance { get; set; } = "";

    /// <summary>When the claim was taken (UTC).</summary>
    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>When the claimer finished (UTC), or null while it works or when it died before finishing (its day is
    /// then taken over after the lease).</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>How it ended: <c>done</c>, <c>failed</c> (recomputation failed; the day is retried with backoff) or
    /// <c>requeued</c> (new data arrived meanwhile; the day is pending again). Null while unfinished.</summary>
    public string? Outcome { get; set; }
}
