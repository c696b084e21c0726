namespace SmartEnv.Storage.Entities;

/// <summary>What a monitoring site measures. Stored as lower-case text (<c>air</c>, <c>water</c>, <c>noise</c>).</summary>
public enum SiteKind
{
    /// <summary>Ambient air-quality automatic monitoring station (GB 3095-2012, HJ 633-2012).</summary>
    Air,
    /// <summary>Surface-water section or water-quality automatic station (GB 3838-2002).</summary>
    Water,
    /// <summary>Environmental noise monitoring point (GB 3096-2008).</summary>
    Noise,
}
