using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Drainage;

namespace SmartEnv.Storage;

// Issue 20 part A: drainage_outlets, drainage_status_changes, drainage_samples, drainage_sample_values; migration Drainage.
// Outlets and their status history carry no enterprise data a scope must hide (official registry; name, river and status
// are published on the public map): no query filter. Samples are staff-only (DataScope.All), like the complaint tables.
public abstract partial class SmartEnvDbContext
{
    /// <summary>入河排水口 registry.</summary>
    public DbSet<DrainageOutlet> DrainageOutlets => Set<DrainageOutlet>();

    /// <summary>整治 status history.</summary>
    public DbSet<DrainageStatusChange> DrainageStatusChanges => Set<DrainageStatusChange>();

    /// <summary>Water-quality samples at outlets; staff only.</summary>
    public DbSet<DrainageSample> DrainageSamples => Set<DrainageSample>();

    /// <summary>Values of samples; staff only.</summary>
    public DbSet<DrainageSampleValue> DrainageSampleValues => Set<DrainageSampleValue>();

    /// <summary>The model of the drainage tables.</summary>
    partial void ConfigureDrainage(ModelBuilder b);

    partial void ConfigureDrainage(ModelBuilder b)
    {
        b.Entity<DrainageOutlet>(e =>
        {
            e.ToTable("drainage_outlets");
            e.Property(x => x.Code).HasMaxLength(DrainageOutlet.CodeLength);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(DrainageOutlet.NameLength);
            e.Property(x => x.ResponsibleUnit).HasMaxLength(DrainageOutlet.NameLength);
            e.Property(x => x.ResponsibleUscc).HasMaxLength(Enterprise.UsccLength);
            foreach (var p in new[] { nameof(DrainageOutlet.River), nameof(DrainageOutlet.Type), nameof(DrainageOutlet.Status) }) e.Property(p).HasMaxLength(DrainageOutlet.KeyLength);
            e.Property(x => x.Bank).HasMaxLength(8);
            e.Property(x => x.StreetCode).HasMaxLength(12);
            e.Property(x => x.TargetClass).HasMaxLength(DrainageSample.ClassLength);
            foreach (var p in new[] { nameof(DrainageOutlet.CameraId), nameof(DrainageOutlet.LevelSensorId), nameof(DrainageOutlet.FlowSensorId) }) e.Property(p).HasMaxLength(DrainageOutlet.DeviceLength);
            e.Property(x => x.RulesVersion).HasMaxLength(64);
            e.Property(x => x.Longitude).HasPrecision(10, 6);
            e.Property(x => x.Latitude).HasPrecision(10, 6);
            e.HasIndex(x => x.River);
            e.HasIndex(x => x.StreetCode);
        });
        b.Entity<DrainageStatusChange>(e =>
        {
            e.ToTable("drainage_status_changes");
            e.Property(x => x.FromStatus).HasMaxLength(DrainageOutlet.KeyLength);
            e.Property(x => x.ToStatus).HasMaxLength(DrainageOutlet.KeyLength);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(DrainageOutlet.NameLength);
            e.HasOne<DrainageOutlet>().WithMany().HasForeignKey(x => x.OutletId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OutletId, x.Id });
        });
        b.Entity<DrainageSample>(e =>
        {
            e.ToTable("drainage_samples");
            e.Property(x => x.Gb3838Class).HasMaxLength(DrainageSample.ClassLength);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(DrainageOutlet.NameLength);
            e.HasOne<DrainageOutlet>().WithMany().HasForeignKey(x => x.OutletId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Values).WithOne().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.OutletId, x.SampledAt });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<DrainageSampleValue>(e =>
        {
            e.ToTable("drainage_sample_values");
            e.Property(x => x.Item).HasMaxLength(DrainageSampleValue.ItemLength);
            e.Property(x => x.Value).HasPrecision(18, 6);
            e.HasIndex(x => new { x.SampleId, x.Item }).IsUnique();
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
    }
}
