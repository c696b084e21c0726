namespace SmartEnv.Storage.Entities;

/// <summary>
/// Administrative level that controls a site: 国控 (national), 市控 (municipal), 区控 (district).
/// Stored as lower-case English text (<c>national</c>, <c>municipal</c>, <c>district</c>).
/// </summary>
public enum ControlLevel
{
    /// <summary>国控: national-control station or section (China National Environmental Monitoring Centre network).</summary>
    National,
    /// <summary>市控: municipal-control (Chongqing) station or section.</summary>
    Municipal,
    /// <summary>区控: district-control (Jiangbei) station or section.</summary>
    District,
}
