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

    /// <summary>A connection with no byte received for this long is closed. Defaults to 65 min: the largest real-time
    /// interval a platform may set is 3600 s (HJ 212-2017 table 4, RtdInterval 30–3600 s) plus 5 min margin.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(65);

    /// <summary>A started frame not completed within this time closes the connection (slow client). Defaults to 30 s
    /// = 3 × the 10 s answer timeout of HJ 212-2017 table 1 (GPRS/CDMA/LTE).</summary>
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
