using Microsoft.Extensions.Logging;

namespace SmartEnv.Telemetry;

/// <summary>
/// Event ids of the gateway's, the intake's and the evaluation's main log lines (issue 15 "log events with ids"), so a
/// log pipeline can count and alert on an event without matching its text. Ranges: 2100–2199 HJ 212 gateway
/// (transport), 2200–2299 intake (trust decisions, group commit), 2300–2399 evaluation. An id is never reused for
/// another meaning; the names are the stable part (docs/operations.md "Log events"). Constants; thread-safe.
/// </summary>
public static class SmartEnvLogEvents
{
    /// <summary>The gateway closed its listener: the intake cannot commit (warning).</summary>
    public static readonly EventId GatewayPaused = new(2101, nameof(GatewayPaused));

    /// <summary>The gateway listens again after a successful commit probe (warning).</summary>
    public static readonly EventId GatewayResumed = new(2102, nameof(GatewayResumed));

    /// <summary>A connection was refused on accept: too many open in all or from one address (warning).</summary>
    public static readonly EventId ConnectionRefused = new(2103, nameof(ConnectionRefused));

    /// <summary>A connection was closed for flooding: frame too large or too many rejects in a row (warning).</summary>
    public static readonly EventId ConnectionFlood = new(2104, nameof(ConnectionFlood));

    /// <summary>A connection was closed as slow or unauthenticated (information).</summary>
    public static readonly EventId ConnectionTimeout = new(2105, nameof(ConnectionTimeout));

    /// <summary>A frame was quarantined (information; debug before the connection's first accepted packet).</summary>
    public static readonly EventId PacketQuarantined = new(2106, nameof(PacketQuarantined));

    /// <summary>A connection task failed unexpectedly (error).</summary>
    public static readonly EventId ConnectionFailed = new(2107, nameof(ConnectionFailed));

    /// <summary>The gateway could not listen again, or its commit probe failed (error/warning).</summary>
    public static readonly EventId GatewayListenFailed = new(2108, nameof(GatewayListenFailed));

    /// <summary>A group-commit batch failed and is retried packet by packet (warning).</summary>
    public static readonly EventId BatchFailed = new(2201, nameof(BatchFailed));

    /// <summary>A packet could not be stored: no 9014 is sent (error).</summary>
    public static readonly EventId PacketNotStored = new(2202, nameof(PacketNotStored));

    /// <summary>The store probe after a failed transaction failed (warning).</summary>
    public static readonly EventId StoreProbeFailed = new(2203, nameof(StoreProbeFailed));

    /// <summary>The commit callback (evaluation, alerts) failed for a batch or packet (warning/error).</summary>
    public static readonly EventId CommitCallbackFailed = new(2204, nameof(CommitCallbackFailed));

    /// <summary>A wrong device PW was received (information).</summary>
    public static readonly EventId WrongPassword = new(2205, nameof(WrongPassword));

    /// <summary>A device or an address was locked after repeated wrong PWs (warning).</summary>
    public static readonly EventId PasswordLock = new(2206, nameof(PasswordLock));

    /// <summary>Quarantine counts could not be stored (warning).</summary>
    public static readonly EventId TalliesNotStored = new(2207, nameof(TalliesNotStored));

    /// <summary>A site-day's AQI recomputation failed; its old figures stay and it is retried (error).</summary>
    public static readonly EventId EvaluationFailed = new(2301, nameof(EvaluationFailed));

    /// <summary>Marking or reading the pending evaluation days failed (error).</summary>
    public static readonly EventId EvaluationQueueFailed = new(2302, nameof(EvaluationQueueFailed));
}
