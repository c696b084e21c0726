using SmartEnv.Construction;
using SmartEnv.Scheduling;
using SmartEnv.Storage;

namespace SmartEnv.Web;

/// <summary>
/// The platform's scheduled jobs (one list for <c>serve</c> and the CLI's <c>schedule</c> commands; docs/operations.md
/// "Schedules"). A module adds its job here. Pure; thread-safe.
/// </summary>
public static class PlatformJobs
{
    /// <summary>Every scheduled job over a store and clock.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">Clock.</param>
    public static IReadOnlyList<IScheduledJob> All(SmartEnvStore store, TimeProvider time) =>
    [
        new ConstructionMonthlyReviewJob(store, time), // issue 20: 红黄绿牌 monthly review, 0 1 1 * *
    ];
}
