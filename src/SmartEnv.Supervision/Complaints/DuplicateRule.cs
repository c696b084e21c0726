namespace SmartEnv.Supervision.Complaints;

/// <summary>What the duplicate rule needs of a complaint. Immutable; thread-safe.</summary>
/// <param name="Id">The complaint's id (two candidates with the same id never match).</param>
/// <param name="At">When it happened: the reported time of occurrence, or the registration time when none was given.</param>
/// <param name="Latitude">WGS-84 latitude in degrees, or null when the location is unknown.</param>
/// <param name="Longitude">WGS-84 longitude in degrees, or null.</param>
/// <param name="TopTypes">Its top-level pollution types (sub-type codes are mapped to their top level).</param>
/// <param name="ReportedUscc">The 统一社会信用代码 of the reported enterprise, or null.</param>
public sealed record DuplicateCandidate(long Id, DateTimeOffset At, double? Latitude, double? Longitude,
    IReadOnlyCollection<string> TopTypes, string? ReportedUscc);

/// <summary>Why two complaints are proposed as duplicates. Thread-safe (an enum).</summary>
public enum DuplicateReason
{
    /// <summary>Same place: a shared top-level pollution type within <see cref="ComplaintRules.DuplicateRadiusMetres"/>.</summary>
    SamePlace,
    /// <summary>Same reported enterprise (USCC).</summary>
    SameEnterprise,
}

/// <summary>A proposed duplicate. Immutable; thread-safe.</summary>
/// <param name="Reason">Why.</param>
/// <param name="DistanceMetres">Great-circle distance in metres when both locations are known, else null.</param>
public sealed record DuplicateMatch(DuplicateReason Reason, double? DistanceMetres);

/// <summary>
/// Proposes two complaints as duplicates (重复件) for a human to merge — SmartEnv rule, no official figure: the 办法 only
/// says that a report already accepted is not accepted again but the reporter is told how to follow it (supervision.md
/// §5.1 [S]); deciding "the same report" stays with staff. Two complaints match when they are at most
/// <see cref="ComplaintRules.DuplicateWindowDays"/> (7) days apart (|Δt| ≤ window, inclusive) AND either name the same
/// enterprise (USCC, compared ignoring case) or share a top-level pollution type and lie within
/// <see cref="ComplaintRules.DuplicateRadiusMetres"/> (300 m, inclusive). When both hold, the reason is
/// <see cref="DuplicateReason.SameEnterprise"/>. Distances: haversine on a sphere of the IUGG mean Earth radius
/// R₁ = 6 371 008.8 m (error against the ellipsoid well under 0.5 % — a metre or so at 300 m). Pure; static; thread-safe.
/// </summary>
public static class DuplicateRule
{
    /// <summary>IUGG mean Earth radius R₁ in metres.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Great-circle distance by the haversine formula.</summary>
    /// <param name="lat1">Latitude of point 1, degrees.</param>
    /// <param name="lon1">Longitude of point 1, degrees.</param>
    /// <param name="lat2">Latitude of point 2, degrees.</param>
    /// <param name="lon2">Longitude of point 2, degrees.</param>
    /// <returns>Metres, ≥ 0.</returns>
    public static double DistanceMetres(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double deg) => deg * Math.PI / 180.0;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1.0, Math.Sqrt(h)));
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are proposed as duplicates (symmetric).</summary>
    /// <param name="a">One complaint.</param>
    /// <param name="b">The other.</param>
    /// <param name="r">The rules (radius and window).</param>
    /// <returns>The match, or null (also for the same id).</returns>
    public static DuplicateMatch? Match(DuplicateCandidate a, DuplicateCandidate b, ComplaintRules r)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(r);
        if (a.Id == b.Id) return null;
        if ((a.At - b.At).Duration() > TimeSpan.FromDays(r.DuplicateWindowDays)) return null;
        double? distance = a is { Latitude: { } la1, Longitude: { } lo1 } && b is { Latitude: { } la2, Longitude: { } lo2 }
            ? DistanceMetres(la1, lo1, la2, lo2) : null;
        var ua = a.ReportedUscc?.Trim();
        var ub = b.ReportedUscc?.Trim();
        if (!string.IsNullOrEmpty(ua) && string.Equals(ua, ub, StringComparison.OrdinalIgnoreCase))
            return new DuplicateMatch(DuplicateReason.SameEnterprise, distance);
        if (distance is { } m && m <= r.DuplicateRadiusMetres && Tops(a).Overlaps(Tops(b)))
            return new DuplicateMatch(DuplicateReason.SamePlace, m);
        return null;
    }

    private static HashSet<string> Tops(DuplicateCandidate c) =>
        new(c.TopTypes.Select(t => PollutionTypes.Find(t) is { } p ? p.Parent ?? p.Code : t), StringComparer.Ordinal);
}
