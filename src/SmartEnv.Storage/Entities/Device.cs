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

    /// <summary>Access password PW (HJ 212-2017: 6 characters) the device must send; compared exactly.</summary>
    public required string Password { get; set; }

    /// <summary>Site the logger reports for.</summary>
    public long SiteId { get; set; }

    /// <summary>Navigation to <see cref="SiteId"/>.</summary>
    public Site? Site { get; set; }

    /// <summary>False disables the device: its packets are quarantined.</summary>
    public bool Enabled { get; set; } = true;
}
