namespace SmartEnv.Storage;

/// <summary>A device PW set (or confirmed) through the registry API, after its transaction committed.</summary>
/// <param name="Mn">Device MN.</param>
/// <param name="PasswordHash">The stored hash (<see cref="DevicePasswords"/>) the PW was checked or hashed against.</param>
/// <param name="Password">The PW itself, for the gateway to remember a keyed digest of it; never stored or logged.</param>
public readonly record struct DevicePasswordNotice(string Mn, string PasswordHash, string Password);

/// <summary>
/// From the device registry API to the HJ 212 gateway in the same process (issue 15): the API has just hashed or verified
/// the PW, so the gateway need not run PBKDF2 again on the logger's first packet (0.1–0.2 s of a core each; 10,000 new
/// loggers ≈ 25 min of CPU). The gateway keeps what every verification keeps, a digest under its secret
/// (<c>SmartEnv.Intake.PasswordDigestFile</c>); other instances of a cluster verify once each. Subscribers must be
/// quick and must not throw (an exception is swallowed: the gateway then verifies by PBKDF2 as before).
/// Thread-safe.
/// </summary>
public sealed class DevicePasswordNotices
{
    private volatile Action<IReadOnlyList<DevicePasswordNotice>>? _handler;

    /// <summary>Sets the one subscriber (the gateway's intake); a later call replaces it.</summary>
    /// <param name="handler">Called with the PWs of each committed registration.</param>
    public void Subscribe(Action<IReadOnlyList<DevicePasswordNotice>> handler) => _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Hands committed PWs to the subscriber, if any.</summary>
    /// <param name="notices">The devices of one registration.</param>
    public void Publish(IReadOnlyList<DevicePasswordNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0 || _handler is not { } h) return;
        try { h(notices); }
        catch (Exception) { /* the gateway then verifies by PBKDF2 on the first packet, as without a notice */ }
    }
}
