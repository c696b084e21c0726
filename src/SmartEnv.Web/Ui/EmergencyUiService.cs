using SmartEnv.Emergency;
using SmartEnv.Storage;

namespace SmartEnv.Web.Ui;

/// <summary>
/// View models of the emergency pages (issue 20). The public list of filed plans is read on an unscoped context (plans are
/// invisible to the public scope) and projected by <see cref="EmergencyService.PublicFilingsAsync"/> to name, USCC,
/// filing number and filed day — nothing else. Scoped service; not thread-safe.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="time">The app's clock.</param>
public sealed class EmergencyUiService(SmartEnvStore store, TimeProvider time)
{
    /// <summary>The public list of filed plans, by USCC.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PublicFiling>> PublicFilingsAsync(CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await new EmergencyService(db, time).PublicFilingsAsync(ct);
    }
}
