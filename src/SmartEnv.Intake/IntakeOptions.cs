using SmartEnv.Hj212;
using SmartEnv.Hj212.Codes;
using SmartEnv.Storage;

namespace SmartEnv.Intake;

/// <summary>Settings of the HJ 212 intake: what is kept of a rejected frame, how packets are parsed and trusted, and the
/// group commit into the store. Shared by the TCP gateway and <c>smartenv import --format hj212-log</c>. Immutable;
/// thread-safe.</summary>
public sealed record IntakeOptions
{
    /// <summary>Stored text cap for a run the framer rejected (garbage, oversize, truncated, length mismatch): the first
    /// this many bytes are kept in <c>raw_packets.text</c> and <c>truncated=N</c> (N = bytes received) goes into the
    /// framing diagnostics. Defaults to 2 KiB: twice a whole standard packet (HJ 212-2017 §6.3: ≤ 1024-byte segment +
    /// 12 bytes of header, length, CRC and CR LF), enough to see what the peer sent. Cut packets (CRC, MN, PW faults)
    /// are kept whole up to the gateway's frame cap (<c>GatewayOptions.MaxFrameBytes</c>).</summary>
    public int MaxQuarantinedTextBytes { get; init; } = 2 * 1024;

    /// <summary>Most packets per storage transaction (group commit). Defaults to 1,000.</summary>
    public int MaxBatch { get; init; } = 1_000;

    /// <summary>Packets waiting for storage across all connections before readers pause (backpressure). Defaults to
    /// 8,192.</summary>
    public int MaxQueuedPackets { get; init; } = 8_192;

    /// <summary>Parse policy. Defaults to <see cref="Hj212ParsePolicy.Tolerant"/>: field deviations are accepted with
    /// warnings, CRC and framing faults are not.</summary>
    public Hj212ParsePolicy ParsePolicy { get; init; } = Hj212ParsePolicy.Tolerant;

    /// <summary>Vendor factor codes mapped to registered codes before values are stored
    /// (<see cref="FactorAliasFile"/>; docs/hj212.md "Factor aliases"). Defaults to the shipped table.</summary>
    public Hj212FactorAliases FactorAliases { get; init; } = FactorAliasFile.Defaults;

    /// <summary>Called after each committed batch with its packets (e.g. to mark AQI days for recomputation); must be
    /// quick and must not throw. Defaults to none.</summary>
    public Action<IReadOnlyList<PacketWrite>>? Committed { get; init; }

    /// <summary>The AQI day a value feeds, or null (<see cref="ObservationWriter.EvaluationDayOf"/>): when set, the intake
    /// marks those site-days pending in the commit's own transaction. Defaults to none.</summary>
    public Func<ObservationInput, DateOnly?>? EvaluationDayOf { get; init; }

    /// <summary>How many quarantined frames of the gateway are stored per window, per source address and in total
    /// (<see cref="QuarantineQuotaOptions"/>; issue 14 item 1); beyond it frames are only counted in
    /// <c>quarantine_tallies</c>. Applies to <see cref="StoreIntake"/> (the TCP gateway), not to file imports of logged
    /// packets. Defaults to the documented quota.</summary>
    public QuarantineQuotaOptions QuarantineQuota { get; init; } = new();

    /// <summary>How often the counts of completed quota windows are written to <c>quarantine_tallies</c> (and at
    /// shutdown, the running window's). Defaults to 30 s (SmartEnv rule): a completed window is visible within half a
    /// minute; the write is one small transaction.</summary>
    public TimeSpan TallyFlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How old the gateway's copy of the device table may get before it is loaded again (one query for all
    /// devices, <see cref="DeviceRegistry"/>). Defaults to 30 s (SmartEnv rule): a PW change, a disabled or deleted device
    /// takes effect within it; at 10,000 devices the load is one query of ≈ 1 MB every 30 s.</summary>
    public TimeSpan DeviceCacheTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an MN the device table does not hold is remembered as unknown before the store is asked again.
    /// Defaults to 5 s (SmartEnv rule; the standard is silent): an unregistered logger reporting every few seconds, or a
    /// flood of invented MNs, costs at most one batched query per MN per 5 s instead of one per packet, and a device
    /// registered through the API is accepted within 5 s of its first refused packet (at once if it had not sent
    /// one).</summary>
    public TimeSpan UnknownDeviceCacheTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Limits on wrong PWs per MN and per address, with back-off (<see cref="PasswordGuard"/>; docs/security.md
    /// "Device passwords and lockout"). Defaults to <see cref="PasswordGuardOptions"/>' defaults; null turns the limits
    /// off (wrong PWs are then still quarantined, not counted). Used by the TCP gateway only, not by file imports.</summary>
    public PasswordGuardOptions? PasswordLimits { get; init; } = new();

    /// <summary>Folder where verified device PWs are kept across restarts as digests under a server secret
    /// (<see cref="PasswordDigestFile"/>; <c>smartenv serve</c> uses its data folder), or null (the default) to remember
    /// them for the process only, so every device costs one PBKDF2 run after each start. docs/security.md "Device
    /// passwords and lockout" states the trade-off.</summary>
    public string? PasswordDigestDirectory { get; init; }

    /// <summary>PWs just set or confirmed through the device registry API of this process (<see cref="DevicePasswordNotices"/>):
    /// the intake remembers their digests as if it had verified them, so a newly registered logger's first packet costs
    /// no PBKDF2 run. None when null (the platform passes its web app's hub).</summary>
    public DevicePasswordNotices? PasswordNotices { get; init; }

    /// <summary>Called when an MN is locked after repeated wrong PWs, and when a locked MN authenticates again (the
    /// platform raises and ends the 设备口令错误 alert, docs/alerts.md rule 5); must be quick and must not throw.
    /// Defaults to none.</summary>
    public Action<PasswordLockEvent>? PasswordLocked { get; init; }
}
