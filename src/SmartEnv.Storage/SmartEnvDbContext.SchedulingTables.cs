using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities.Scheduling;

namespace SmartEnv.Storage;

// Issue 20 (platform scheduler, src/SmartEnv.Scheduling): scheduled_runs; migration Scheduling. Platform data, not
// enterprise-owned: no scope filter (read by admin only).
public abstract partial class SmartEnvDbContext
{
    /// <summary>Claimed occurrences of scheduled jobs (one row per job key and occurrence).</summary>
    public DbSet<ScheduledRun> ScheduledRuns => Set<ScheduledRun>();

    /// <summary>The model of the scheduler's table.</summary>
    partial void ConfigureScheduling(ModelBuilder b);

    partial void ConfigureScheduling(ModelBuilder b)
    {
        b.Entity<ScheduledRun>(e =>
        {
            e.ToTable("scheduled_runs");
            e.Property(x => x.JobKey).HasMaxLength(ScheduledRun.KeyLength);
            e.Property(x => x.Outcome).HasMaxLength(ScheduledRun.OutcomeLength);
            e.Property(x => x.Message).HasMaxLength(ScheduledRun.MessageLength);
            e.Property(x => x.Instance).HasMaxLength(ScheduledRun.InstanceLength);
            e.HasIndex(x => new { x.JobKey, x.OccurrenceUtc }).IsUnique(); // the claim: insert-first, exactly once
        });
    }
}
