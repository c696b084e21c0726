using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using SmartEnv.Hj212;
using SmartEnv.Hj212.Intake;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Intake;

/// <summary>
/// One received frame on its way to the store: the raw row (quarantined until <see cref="PacketIntake.ClassifyAsync"/>
/// accepts it), the parsed packet, the decoded values and whether a 9014 is owed. Mutable; not thread-safe.
/// </summary>
public sealed class IntakePacket : IntakeFrame
{
    /// <summary>The <c>raw_packets</c> row to insert.</summary>
    public required RawPacket Raw { get; init; }

    /// <summary>The parsed packet, or null when framing or parsing failed.</summary>
    public override Hj212Packet? Packet => ParsedPacket;

    /// <summary>The parsed packet (init-only form of <see cref="Packet"/>).</summary>
    public Hj212Packet? ParsedPacket { get; init; }

    /// <summary>Values decoded from an accepted upload (2011/2051/2061/2031); empty otherwise.</summary>
    public IReadOnlyList<ObservationInput> Observations { get; set; } = [];

    /// <summary>True when the packet was accepted and asks for an answer (Flag bit A).</summary>
    public bool Ack { get; set; }

    /// <summary>Byte position (0-based) of the parse fault, when parsing failed.</summary>
    public int? FaultPosition { get; init; }

    /// <inheritdoc />
    public override bool Accepted => Raw.Status == PacketStatus.Accepted;

    /// <inheritdoc />
    public override bool AnswerOwed => Accepted && Ack;

    /// <inheritdoc />
    public override string? QuarantineSummary => Accepted ? null : $"{Raw.QuarantineReason} {Raw.QuarantineDetail}";
}

/// <summary>
/// The gateway's trust decisions, shared by the TCP listener and <c>smartenv import --format hj212-log</c> so a logged
/// packet is quarantined or accepted exactly as it would be on the wire (docs/gateway.md "What happens to a frame"):
/// framing or parse fault → <see cref="QuarantineReason.Malformed"/> / <see cref="QuarantineReason.CrcMismatch"/>;
/// a NUL inside a field → <see cref="QuarantineReason.Malformed"/>; unknown MN, disabled device, wrong PW, MN or address
/// locked after repeated wrong PWs (<see cref="QuarantineReason.PasswordLocked"/>, <see cref="PasswordGuard"/>), CN
/// outside the command table → the matching reason; an upload with an
/// implausible DataTime or value (<see cref="PacketDecoder.CheckPlausible"/>, DataTime against the receive time) →
/// <see cref="QuarantineReason.ImplausibleDataTime"/> / <see cref="QuarantineReason.ImplausibleValue"/>; accepted
/// uploads decoded by <see cref="PacketDecoder"/>. Thread-safe (stateless).
/// </summary>
public static partial class PacketIntake
{
    /// <summary>Parses a cut frame and builds its raw row (status quarantined until classified).</summary>
    /// <param name="frame">Frame from <see cref="Hj212Framer"/>.</param>
    /// <param name="received">Receive time.</param>
    /// <param name="peer">Remote endpoint or import source (clipped to <c>RawPacket.PeerLength</c>).</param>
    /// <param name="options">Parse policy and the stored-text cap of framing rejections
    /// (<see cref="IntakeOptions.MaxQuarantinedTextBytes"/>).</param>
    /// <param name="keepAtMost">The transport's frame cap: a packet is kept whole up to it, a framing rejection up to
    /// the smaller of it and the stored-text cap.</param>
    public static IntakePacket Cut(in Hj212Frame frame, DateTimeOffset received, string peer, IntakeOptions options, int keepAtMost = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bytes = frame.Raw.ToArray();
        var parsed = Hj212Parser.Parse(frame, options.ParsePolicy); // a framing rejection comes back with its detail
        var gbk = parsed.Encoding.Contains("gbk", StringComparison.OrdinalIgnoreCase) == true;
        var cap = frame.IsPacket ? keepAtMost : Math.Min(keepAtMost, options.MaxQuarantinedTextBytes);
        var kept = bytes.Length > cap ? bytes.AsSpan(0, cap) : bytes;
        var text = (gbk ? Encoding.GetEncoding(936) : Encoding.UTF8).GetString(kept).TrimEnd('\r', '\n').Replace('\0', '\uFFFD');
        var crc = frame.CrcDigits == 0 ? "none" : frame.StandardCrcOk ? "ok" : "fail"; // "none": no CRC was found to check
        var diag = (kept.Length < bytes.Length ? $"truncated={bytes.Length};" : "") + $"rule={frame.Rule};len={frame.DeclaredLength}/{frame.SegmentLength};crc={crc};variant={parsed.CrcVariant};tail={frame.Terminator}{(frame.Padding > 0 ? "+pad" + frame.Padding : "")};enc={parsed.Encoding}";
        if (parsed.Warnings.Count > 0)
            diag += ";warn=" + string.Join(',', parsed.Warnings.Select(w => w.Detail is null ? w.Deviation.ToString() : $"{w.Deviation}({w.Detail})").Distinct());
        var raw = new RawPacket
        {
            Text = text, ReceivedAt = received, Peer = RawPacket.Fit(peer, RawPacket.PeerLength), FramingDiagnostics = RawPacket.Fit(diag, RawPacket.FramingDiagnosticsLength),
            CrcValid = parsed.CrcOk, Status = PacketStatus.Quarantined,
        };
        var packet = parsed.Packet;
        raw.Mn = RawPacket.Fit(packet?.Mn ?? (MnPattern().Match(text) is { Success: true } m ? m.Groups[1].Value : null), RawPacket.MnLength);
        raw.Cn = RawPacket.Fit(packet?.Cn, RawPacket.CnLength);
        raw.Qn = RawPacket.Fit(packet?.Qn, RawPacket.QnLength);
        int? position = null;
        if (!frame.IsPacket)
        {
            var r = parsed.Rejection!.Value;
            Quarantine(raw, QuarantineReason.Malformed, $"framing: {r.Code}: {r.Detail}");
        }
        else if (packet is null)
        {
            var r = parsed.Rejection!.Value;
            position = r.Position;
            var reason = r.Reason is Hj212RejectReason.CrcMismatch or Hj212RejectReason.BadCrcField ? QuarantineReason.CrcMismatch : QuarantineReason.Malformed;
            Quarantine(raw, reason, $"{r.Code} at byte {r.Position}{(r.Detail is null ? "" : ": " + r.Detail)}");
        }
        return new IntakePacket { Raw = raw, ParsedPacket = packet, FaultPosition = position };
    }

    /// <summary>Checks a parsed packet against the device registry; accepts and decodes it or quarantines it with the
    /// reason. Does nothing for a packet that failed to parse.</summary>
    /// <param name="w">The packet (changed in place).</param>
    /// <param name="devices">Device registry.</param>
    /// <param name="aliases">Vendor factor-code aliases (<see cref="IntakeOptions.FactorAliases"/>).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task ClassifyAsync(IntakePacket w, DeviceRegistry devices, SmartEnv.Hj212.Codes.Hj212FactorAliases aliases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(devices);
        if (w.Packet is not { } p) return;
        // A NUL in a field cannot be stored as sent (PostgreSQL text holds no NUL) and no registered MN contains one:
        // quarantined here, on both engines, before any lookup (issue 14 item 13).
        if (NulInField(p) is { } nul) { Quarantine(w.Raw, QuarantineReason.Malformed, nul); return; }
        var device = string.IsNullOrEmpty(p.Mn) || p.Mn.Length > RawPacket.MnLength ? null : await devices.FindAsync(p.Mn, ct);
        if (device is null) { Quarantine(w.Raw, QuarantineReason.UnknownMn, $"MN '{p.Mn}' is not registered"); return; }
        if (!device.Enabled) { Quarantine(w.Raw, QuarantineReason.DeviceDisabled, $"device {p.Mn} is disabled"); return; }
        switch (devices.CheckPassword(device, p.Pw, w.Raw.Peer, w.Raw.ReceivedAt, out var locked))
        {
            case PasswordVerdict.Locked: Quarantine(w.Raw, QuarantineReason.PasswordLocked, locked!); return;
            case PasswordVerdict.Wrong: Quarantine(w.Raw, QuarantineReason.WrongPassword, $"PW does not match the registered password of {p.Mn}"); return;
        }
        if (p.Command is null) { Quarantine(w.Raw, QuarantineReason.UnsupportedCommand, $"CN {p.Cn} is not an HJ 212 command"); return; }
        if (PacketDecoder.PeriodOf(p.Cn) is not null)
        {
            var (obs, error) = PacketDecoder.Decode(p, device.SiteId, device.Mn, aliases, sourceFields: device.IsSource);
            if (error is not null) { Quarantine(w.Raw, QuarantineReason.Malformed, error); return; }
            if (PacketDecoder.CheckPlausible(p, w.Raw.ReceivedAt, aliases, device.IsSource) is { } bad) { Quarantine(w.Raw, bad.Reason, bad.Detail); return; }
            w.Observations = device.DustUnit is { } dustUnit ? PacketDecoder.ConvertDust(obs, dustUnit) : obs;
        }
        w.Raw.Status = PacketStatus.Accepted;
        w.Ack = p.AckRequested && !p.Cn.StartsWith('9');
    }

    // The first field holding a NUL (U+0000), described for the quarantine detail; null when none. A PostgreSQL text
    // value cannot hold NUL (every other character it can), so such a field could neither be looked up nor stored as
    // sent; the framer already strips NUL padding before CR LF, so a NUL here is inside a field.
    private static string? NulInField(Hj212Packet p)
    {
        var fields = new (string Name, string? Value)[] { ("MN", p.Mn), ("PW", p.Pw), ("QN", p.Qn), ("ST", p.St), ("CN", p.Cn) }
            .Concat(p.Cp.SelectMany(e => new (string, string?)[] { ("CP key", e.Key), ("CP value of " + e.Key.Replace('\0', '\uFFFD'), e.Value) }));
        foreach (var (name, value) in fields)
            if (value?.IndexOf('\0', StringComparison.Ordinal) is int i and >= 0)
                return $"{name} contains NUL (U+0000) at character {i + 1}; no field of a registered device can hold it";
        return null;
    }

    private static void Quarantine(RawPacket raw, QuarantineReason reason, string detail)
    {
        raw.Status = PacketStatus.Quarantined;
        raw.QuarantineReason = reason;
        raw.QuarantineDetail = RawPacket.Fit(detail, RawPacket.QuarantineDetailLength);
    }

    [GeneratedRegex("MN=([^;,&]*)")]
    private static partial Regex MnPattern();
}
