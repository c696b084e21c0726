using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage.Entities;

/// <summary>
/// The one site of kind <see cref="SiteKind.ComplaintDesk"/> (issue 18, docs/complaints.md "Handling (P3)"): the bureau's
/// complaint desk 江北区生态环境信访投诉受理, code <see cref="Code"/> (12369 + the district's division code 500105), not
/// public, owned by no enterprise, in the district, no coordinates. Alert rules 13–15 are keyed to it (an alert row needs
/// a site). Created on first need by <see cref="EnsureAsync"/> (the alert scanner, <c>ComplaintService.EnsureDeskSiteAsync</c>);
/// never created by the seed, so stores without complaints have no such site. SmartEnv rule (no standard names such a
/// site). Static; thread-safe (each call uses the caller's context).
/// </summary>
public static class ComplaintDeskSite
{
    /// <summary>Site code: <c>12369-500105</c> (the hotline number and 江北区's division code, GB/T 2260).</summary>
    public const string Code = "12369-500105";

    /// <summary>Chinese name.</summary>
    public const string NameZh = "江北区生态环境信访投诉受理";

    /// <summary>English name.</summary>
    public const string NameEn = "Jiangbei complaint desk (12369)";

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
            Code = Code, NameZh = NameZh, NameEn = NameEn, Kind = SiteKind.ComplaintDesk, IsPublic = false, InDistrict = true, EnterpriseUscc = null,
            Note = "issue 18: carries the complaint alerts (rules 13–15); no device, never evaluated",
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        return site;
    }
}
