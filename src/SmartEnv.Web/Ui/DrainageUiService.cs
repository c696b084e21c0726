using SmartEnv.Drainage;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Drainage;
using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Web.Ui;

/// <summary>The 入河排水口 list page's model: outlets of the filters and their 整治 progress.</summary>
/// <param name="Outlets">Outlets by code.</param>
/// <param name="Progress">Progress of these outlets.</param>
/// <param name="TargetYear">Plan year for all 整治 and 规范化.</param>
public sealed record DrainageListView(IReadOnlyList<DrainageOutlet> Outlets, DrainageProgress Progress, int TargetYear);

/// <summary>
/// View models of the 入河排水口 pages (<c>/drainage</c>, <c>/drainage/{code}</c>; docs/drainage.md) over
/// <see cref="DrainageService"/>; names of rule keys from <see cref="DrainageRules"/>. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The caller's scoped context.</param>
/// <param name="time">Clock.</param>
public sealed class DrainageUiService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>The rules (names of rivers, types, statuses).</summary>
    public DrainageRules Rules => DrainageRules.Default;

    /// <summary>Outlets of the filters (keys; null or empty = all) with progress.</summary>
    /// <param name="river">River key.</param>
    /// <param name="type">Type key.</param>
    /// <param name="status">Status key.</param>
    /// <param name="street">Street code.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DrainageListView> ListAsync(string? river, string? type, string? status, string? street, CancellationToken ct = default)
    {
        var s = new DrainageService(db, time);
        var list = await s.ListAsync(river, type, status, street, ct);
        return new DrainageListView(list, s.Progress(list), s.Rules.TargetYear);
    }

    /// <summary>One outlet with history and samples, or null.</summary>
    /// <param name="code">Outlet code.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<(DrainageOutlet Outlet, List<DrainageStatusChange> History, List<DrainageSampleView> Samples)?> GetAsync(string code, CancellationToken ct = default) =>
        new DrainageService(db, time).GetAsync(code, ct);

    /// <summary>Chinese name of a river, type or status key (the key when unknown).</summary>
    /// <param name="key">Key.</param>
    public string Name(string? key) => key is null ? "—" : (Rules.FindRiver(key) ?? Rules.FindType(key) ?? Rules.FindStatus(key))?.NameZh ?? key;
}
