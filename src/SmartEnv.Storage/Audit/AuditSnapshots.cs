using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Audit;

/// <summary>
/// The before/after snapshots of registry records as the audit trail stores them (snake_case JSON through
/// <see cref="AuditTrail.SnapshotJson"/>). A device snapshot never holds its password, only whether a password is set;
/// a change of password shows as <c>password_changed: true</c> in the entry's <c>after</c>. Stateless; thread-safe.
/// </summary>
public static class AuditSnapshots
{
    /// <summary>Every stored field of a site except its id.</summary>
    /// <param name="s">The site.</param>
    public static object Site(Site s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new
        {
            code = s.Code, name_zh = s.NameZh, name_en = s.NameEn, kind = s.Kind, longitude = s.Longitude, latitude = s.Latitude,
            coordinates_approximate = s.CoordinatesApproximate, coordinate_source = s.CoordinateSource, control_level = s.ControlLevel,
            water_target_class = s.WaterTargetClass, noise_zone = s.NoiseZone, water_body = s.WaterBody, is_public = s.IsPublic,
            in_district = s.InDistrict, note = s.Note,
        };
    }

    /// <summary>A device's MN, site code and enabled flag; never the password.</summary>
    /// <param name="mn">MN.</param>
    /// <param name="siteCode">Site code it reports for.</param>
    /// <param name="enabled">Enabled.</param>
    /// <param name="passwordChanged">In an <c>after</c> snapshot: true when this change set a new password (its value is never logged); null to leave the field out.</param>
    public static object Device(string mn, string? siteCode, bool enabled, bool? passwordChanged = null) =>
        passwordChanged is { } changed
            ? new { mn, site_code = siteCode, enabled, password_changed = changed }
            : new { mn, site_code = siteCode, enabled };
}
