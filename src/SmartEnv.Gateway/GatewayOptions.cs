using System.Net;

namespace SmartEnv.Gateway;

/// <summary>Transport limits of the HJ 212 TCP gateway (listener, connections, frames, reject limits). What is stored
/// and trusted is the intake's (<c>SmartEnv.Intake.IntakeOptions</c>). Immutable; thread-safe.</summary>
public sealed record GatewayOptions
{
    /// <summary>TCP port. Defaults to 9212; 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 9212;

    /// <summary>Address to listen on. Defaults to <see cref="IPAddress.Any"/>.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Connections served at once; further ones are closed on accept. Defaults to 10,000. Source: SmartEnv
    /// sizing (a district has tens to hundreds of loggers; the load target is 2,000).</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Connections served at once from one remote IP address; further ones from that address are closed on
    /// accept (issue 14 item 2: 10,010 idle sockets from one address used to lock out every station). Defaults to 256:
    /// loggers of several enterprises may share one carrier-NAT or APN address, and a district has tens to hundreds of
    /// loggers, so 256 leaves a whole district room behind one address while one host can hold at most 2.6 % of
    /// <see cref="MaxConnections"/> (SmartEnv rule; the standard is silent). A bureau whose loggers all come through one
    /// gateway address raises it.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 256;

    /// <summary>A connection that has not sent one packet the intake accepted (registered MN, right PW) within this
    /// time of its accept is closed, whatever it sends meanwhile (absolute deadline from the accept). Defaults to
    /// 2 min: a logger connects in order to send (HJ 212-2017 §6.5: the upload follows the connection; the answer
    /// timeout of table 1 is 10 s), so 2 min = 12 answer timeouts is ample, while an anonymous peer holds a slot for
    /// at most 2 min instead of <see cref="IdleTimeout"/> (65 min). A logger closed here reconnects when it next sends
    /// (SmartEnv rule; the standard is silent).</summary>
    public TimeSpan UnauthenticatedTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>TCP keepalive on accepted sockets: idle time before the first probe. Defaults to 5 min, so a logger
    /// that vanished without a FIN or RST (power cut, mobile link lost) is found within
    /// <see cref="KeepAliveTime"/> + <see cref="KeepAliveRetryCount"/> × <see cref="KeepAliveInterval"/> = 7 min instead
    /// of the 65 min <see cref="IdleTimeout"/>. Probes cost about 60 bytes each; mobile carriers' NAT tables drop idle
    /// mappings after 5–30 min, so 5 min also keeps a quiet logger's path open (SmartEnv rule; the standard is silent;
    /// Linux's own default is 2 h).</summary>
    public TimeSpan KeepAliveTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>TCP keepalive: time between unanswered probes. Defaults to 30 s (SmartEnv rule; see
    /// <see cref="KeepAliveTime"/>).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP keepalive: unanswered probes before the kernel drops the connection. Defaults to 4 (SmartEnv rule;
    /// see <see cref="KeepAliveTime"/>).</summary>
    public int KeepAliveRetryCount { get; init; } = 4;

    /// <summary>Stored text of a framing rejection (garbage, oversize, truncated, length mismatch) from a connection
    /// that has not yet sent one accepted packet: at most this many bytes are kept (the rest is counted in
    /// <c>truncated=N</c> of the framing diagnostics). Defaults to 256 bytes: enough to recognise what the peer sent
    /// (a header, a length, the start of a segment), while junk from an unknown peer is counted, not stored in full
    /// (issue 14 item 1). Frames that parse as packets (CRC, MN, PW faults) are kept whole up to
    /// <see cref="MaxFrameBytes"/> as before (SmartEnv rule; the standard is silent).</summary>
    public int UnknownPeerGarbageBytes { get; init; } = 256;

    /// <summary>While the intake reports that it cannot commit (<c>IHj212Intake.CanCommit</c> false: the store is
    /// unreachable, full or locked), the gateway closes its listening socket, so new connections are refused by the
    /// kernel instead of being accepted and never answered (issue 14 item 5); every this often it asks the intake to
    /// probe the store and listens again when the probe succeeds. Defaults to 1 s: a logger's connect attempt is
    /// refused at once and it retries on its own schedule; re-listening within a second of recovery loses nothing
    /// (SmartEnv rule; the standard is silent).</summary>
    public TimeSpan CommitProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Packets in flight across all connections: a frame holds a slot of the <see cref="InFlightGate"/> from
    /// the moment it is cut from a connection's buffer until its commit has finished. A connection that cannot get a
    /// slot does not read its socket (backpressure to the logger through TCP flow control) and waits its turn, first come,
    /// first served (issue 15 goal 3). Defaults to 4,096: at 10,000 stations × 1 packet/s and a group commit of
    /// ≈ 0.2 s, about 2,000 packets are in flight; 4,096 leaves twice that while bounding what the process holds to
    /// ≈ 20–25 MB (a packet in flight is 4–6 KB: raw text, parsed packet, observations). Must not exceed the intake's
    /// queue (<c>IntakeOptions.MaxQueuedPackets</c>, 8,192), so a slot holder never waits for queue space (SmartEnv
    /// rule; the standard is silent).</summary>
    public int MaxInFlightPackets { get; init; } = 4_096;

    /// <summary>Packets one connection may have in flight at once; further frames of its buffer wait (unread) until
    /// these are committed and answered. While other connections wait for slots a connection gets one slot per turn
    /// whatever this cap, so a logger catching up on a backlog cannot hold the slots others need. Defaults to 16: a
    /// logger sends one packet per interval and waits up to 10 s for the answer before resending (HJ 212-2017 table 1),
    /// so 16 covers a reconnect burst of several minutes of history per commit round (SmartEnv rule; the standard is
    /// silent).</summary>
    public int MaxInFlightPerConnection { get; init; } = 16;

    /// <summary>A connection with no byte received for this long is closed. Defaults to 65 min: the largest real-time
    /// interval a platform may set is 3600 s (HJ 212-2017 table 4, RtdInterval 30–3600 s) plus 5 min margin.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(65);

    /// <summary>A started frame not completed within this time <b>from its first byte</b> closes the connection (slow
    /// client); the deadline is absolute, so a peer dripping one byte at a time cannot extend it (issue 14 item 3).
    /// Defaults to 30 s = 3 × the 10 s answer timeout of HJ 212-2017 table 1 (GPRS/CDMA/LTE); a whole packet is at most
    /// 1036 bytes (§6.3), which any link that can carry the protocol sends in well under a second.</summary>
    public TimeSpan PartialFrameTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-connection buffer cap: bytes held for one unfinished frame before it is rejected. Defaults to
    /// 16 KiB (HJ 212-2017 §6.3 allows a 1024-byte segment; real loggers exceed it, hj212-brief §3).</summary>
    public int MaxFrameBytes { get; init; } = 16 * 1024;

    /// <summary>Quarantined frames in a row (no accepted packet between them) after which the connection is closed; the
    /// frame that reaches the limit is still stored, later ones of the same read are dropped. Defaults to 10: a logger
    /// whose packets are all refused gains nothing from sending more, and a broken or hostile peer cannot flood the
    /// quarantine (SmartEnv rule; the standard is silent). A frame larger than <see cref="MaxFrameBytes"/> closes the
    /// connection at once.</summary>
    public int MaxConsecutiveRejects { get; init; } = 10;

    /// <summary>Bytes consumed since the last accepted packet (rejected frames, garbage, white space) after which the
    /// connection is closed. Defaults to 64 KiB = 4 × <see cref="MaxFrameBytes"/> (SmartEnv rule; the standard is
    /// silent).</summary>
    public int MaxConsecutiveRejectedBytes { get; init; } = 64 * 1024;
}
