using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage.Entities;

/// <summary>
/// The one site of kind <see cref="SiteKind.InspectionDesk"/> (issue 19, docs/inspections.md): the bureau's 双随机 desk
/// 江北区双随机抽查结果公开, code <see cref="Code"/>, not public, owned by no enterprise, in the district, no coordinates. Alert
/// rule 16 (<see cref="AlertRule.DrawPublicationOverdue"/>) is keyed to it (an alert row needs a site), as the complaint
/// rules are keyed to <see cref="ComplaintDeskSite"/>. Created on first need by <see cref="EnsureAsync"/> (the alert
/// scanner); never created by the seed. SmartEnv rule (no standard names such a site). Static; thread-safe (each call uses
/// the caller's context).
/// </summary>
public static class InspectionDeskSite
{
    /// <summary>Site code: <c>SSJ-500105</c> (双随机 and 江北区's division code, GB/T 2260).</summary>
    public const string Code = "SSJ-500105";

    /// <summary>Chinese name.</summary>
    public const string NameZh = "江北区双随机抽查结果公开";

    /// <summary>English name.</summary>
    public const string NameEn = "Jiangbei random inspection publication desk";

    /// <summary>The desk site, created (and saved) when it does not exist yet. Reads and writes past the query filters (the
    /// site is bureau-owned; callers are jobs or staff). The caller's transaction, if any, is used.</summary>
    /// <param name="db">Context.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored site.</returns>
    public static async Task<Site> EnsureAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var site = await db.Sites.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Code == Code, ct);
        if (site is not null) return site;
        site = new Site
        {
            Code = Code, NameZh = NameZh, NameEn = NameEn, Kind = SiteKind.InspectionDesk, IsPublic = false, InDistrict = true, EnterpriseUscc = null,
            Note = "issue 19: carries the draw publication alert (rule 16); no device, never evaluated",
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        return site;
    }
}
