namespace SmartEnv.Storage.Entities;

/// <summary>
/// An HJ 212 data logger (数采仪) identified by its MN, with the access password PW it must send (HJ 212-2017 §6.3,
/// table 3). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class Device
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Device MN (HJ 212-2017: 24 characters; 2005 loggers 14; real loggers vary), unique.</summary>
    public required string Mn { get; set; }

    /// <summary>Sets the access password PW (HJ 212-2017: 6 characters) the device must send; compared exactly
    /// (case-sensitive). Write-only: it stores a new salted hash in <see cref="PasswordHash"/>
    /// (<see cref="DevicePasswords.Hash"/>, one PBKDF2 run) and the PW itself is kept nowhere. Not a column.</summary>
#pragma warning disable CA1044 // write-only on purpose: a PW is compared, never read back (issue 14 item 4)
    public required string Password { set => PasswordHash = DevicePasswords.Hash(value); }
#pragma warning restore CA1044

    /// <summary>Salted hash of the PW (<see cref="DevicePasswords"/>, <see cref="DevicePasswords.HashLength"/> characters),
    /// column <c>password_hash</c>; verify with <see cref="DevicePasswords.Verify"/>. Never returned by an API.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Site the logger reports for.</summary>
    public long SiteId { get; set; }

    /// <summary>Navigation to <see cref="SiteId"/>.</summary>
    public Site? Site { get; set; }

    /// <summary>False disables the device: its packets are quarantined.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Receive time (UTC, the raw packet's <c>received_at</c>) of the latest accepted upload that carried values
    /// (CN 2011/2051/2061/2031), or null when the device never delivered data. Set by <c>ObservationWriter</c> in the
    /// packet's transaction; the offline rule and the overview's freshness judge by it (docs/alerts.md).</summary>
    public DateTimeOffset? LastDataReceivedAt { get; set; }
}
