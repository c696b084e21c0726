using System.Diagnostics.CodeAnalysis;

namespace SmartEnv.Storage.Entities;

/// <summary>
/// An HJ 212 data logger (数采仪) identified by its MN, with the access password PW it must send (HJ 212-2017 §6.3,
/// table 3). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class Device
{
    /// <summary>For EF Core and object initialisers (which must set <see cref="Mn"/> and <see cref="Password"/>).</summary>
    public Device() { }

    /// <summary>A device whose PW hash was made already (<see cref="DevicePasswords.Hash"/>): the bulk registration
    /// hashes each distinct PW of a request once (docs/security.md "Device passwords and lockout").</summary>
    /// <param name="mn">MN.</param>
    /// <param name="passwordHash">A hash made by <see cref="DevicePasswords.Hash"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="passwordHash"/> is not such a hash.</exception>
    [SetsRequiredMembers]
#pragma warning disable CS8618 // Password is write-only (no state): the hash is given instead
    public Device(string mn, string passwordHash)
#pragma warning restore CS8618
    {
        if (!DevicePasswords.IsHash(passwordHash)) throw new ArgumentException("not a PW hash made by DevicePasswords.Hash", nameof(passwordHash));
        Mn = mn ?? throw new ArgumentNullException(nameof(mn));
        PasswordHash = passwordHash;
    }

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
