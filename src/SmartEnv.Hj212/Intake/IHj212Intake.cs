using System.Buffers;

namespace SmartEnv.Hj212.Intake;

/// <summary>
/// One frame a transport has cut from a connection, on its way through an <see cref="IHj212Intake"/>: created by
/// <see cref="IHj212Intake.Cut"/>, decided by <see cref="IHj212Intake.ClassifyAsync"/>, made durable by
/// <see cref="IHj212Intake.CommitAsync"/>. The transport reads only what it needs to count rejects and to answer.
/// Mutable; owned by one connection at a time (not thread-safe).
/// </summary>
public abstract class IntakeFrame
{
    /// <summary>The parsed packet, or null when framing or parsing failed.</summary>
    public abstract Hj212Packet? Packet { get; }

    /// <summary>True once the intake accepted the packet (registered MN, PW, plausible upload); false while it is
    /// quarantined or not yet classified.</summary>
    public abstract bool Accepted { get; }

    /// <summary>True when the packet was accepted and asks for an answer (Flag bit A, HJ 212-2017 §6.3.3 table 5) that
    /// is not itself an answer (CN 9xxx): the transport sends a 9014 after <see cref="IHj212Intake.CommitAsync"/>
    /// returned true (HJ 212-2017 §6.5, C.14–C.19).</summary>
    public abstract bool AnswerOwed { get; }

    /// <summary>Why the frame was quarantined (reason and detail, for the transport's log), or null when accepted.</summary>
    public abstract string? QuarantineSummary { get; }
}

/// <summary>
/// What an HJ 212 transport (the TCP gateway, a log replay) hands its frames to: the trust decisions and the store sit
/// behind it, so the transport knows nothing of devices, tables or column widths. Implementations must be thread-safe:
/// many connections call them at once.
/// </summary>
public interface IHj212Intake
{
    /// <summary>Parses a cut frame and keeps what must be stored of it (a copy: <paramref name="frame"/>'s bytes point
    /// into the caller's buffer and are valid only during this call).</summary>
    /// <param name="frame">Frame from <see cref="Hj212Framer"/>.</param>
    /// <param name="receivedAt">Receive time.</param>
    /// <param name="peer">Remote endpoint or import source.</param>
    /// <param name="restOfBuffer">For a frame the framer refused as too large
    /// (<see cref="Hj212RejectReason.FrameTooLarge"/>, whose <see cref="Hj212Frame.Raw"/> holds only the <c>##</c>): the
    /// buffered bytes that follow, so the head of what the peer sent is kept; empty otherwise.</param>
    /// <param name="keepAtMost">The transport's frame cap: no more than this many bytes of the frame are stored.</param>
    /// <returns>The frame, not yet classified.</returns>
    IntakeFrame Cut(in Hj212Frame frame, DateTimeOffset receivedAt, string peer, ReadOnlySequence<byte> restOfBuffer = default, int keepAtMost = int.MaxValue);

    /// <summary>Decides whether the frame is accepted or quarantined (and why). Does nothing for a frame that failed to
    /// parse (it is quarantined already).</summary>
    /// <param name="frame">A frame from <see cref="Cut"/> of this intake.</param>
    /// <param name="ct">Cancellation.</param>
    ValueTask ClassifyAsync(IntakeFrame frame, CancellationToken ct);

    /// <summary>Stores the frame (accepted or quarantined) and returns when it is durable (true) or could not be stored
    /// (false). An answer may be sent only after true.</summary>
    /// <param name="frame">A classified frame of this intake.</param>
    /// <param name="ct">Cancellation of the wait for queue space.</param>
    Task<bool> CommitAsync(IntakeFrame frame, CancellationToken ct);

    /// <summary>False while the intake cannot make frames durable (its last commit failed: store unreachable, full or
    /// locked); true again after a successful commit or <see cref="ProbeCommitAsync"/>. A transport stops accepting
    /// connections while it is false (issue 14 item 5). Defaults to always true.</summary>
    bool CanCommit => true;

    /// <summary>Checks whether a commit would succeed now (e.g. a write transaction on the store, rolled back) and
    /// updates <see cref="CanCommit"/>. Defaults to true.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>True when the intake can commit again.</returns>
    Task<bool> ProbeCommitAsync(CancellationToken ct) => Task.FromResult(true);
}
