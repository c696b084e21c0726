using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Storage;

// Issue 16 P2: the registry of sources (migration SourceRegistry): enterprise profile columns, permits, append-only
// permit versions, outlets, limits and execution reports. Scope: permits by uscc; versions, outlets, limits and reports
// through their permit (uncorrelated subqueries, as the site-keyed tables; docs/security.md).
public abstract partial class SmartEnvDbContext
{
    /// <summary>Discharge permits and registrations (<see cref="Permit"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<Permit> Permits => Set<Permit>();

    /// <summary>Permit versions, append-only (<see cref="PermitVersion"/>); filtered through their permit.</summary>
    public DbSet<PermitVersion> PermitVersions => Set<PermitVersion>();

    /// <summary>Outlets of permit versions (<see cref="PermitOutlet"/>); filtered through their version.</summary>
    public DbSet<PermitOutlet> PermitOutlets => Set<PermitOutlet>();

    /// <summary>Permitted limits of outlets (<see cref="PermitLimit"/>); filtered through their outlet.</summary>
    public DbSet<PermitLimit> PermitLimits => Set<PermitLimit>();

    /// <summary>Scheduled execution reports of permits (<see cref="ExecutionReport"/>); filtered through their permit.</summary>
    public DbSet<ExecutionReport> ExecutionReports => Set<ExecutionReport>();

    partial void ConfigureSourceRegistry(ModelBuilder b)
    {
        b.Entity<Enterprise>(e =>
        {
            e.Property(x => x.IndustryCode).HasMaxLength(Enterprise.IndustryCodeLength);
            e.Property(x => x.ManagementCategory).HasConversion(new SnakeCaseEnumConverter<PermitCategory>()).HasMaxLength(16);
            e.Property(x => x.Longitude).HasPrecision(9, 6);
            e.Property(x => x.Latitude).HasPrecision(9, 6);
            e.Property(x => x.StreetCode).HasMaxLength(Enterprise.StreetCodeLength);
            e.Property(x => x.ContactName).HasMaxLength(Enterprise.ContactNameLength);
            e.Property(x => x.ContactPhone).HasMaxLength(Enterprise.ContactPhoneLength);
            e.Property(x => x.SpecialSupervisionReason).HasMaxLength(Enterprise.SpecialReasonLength); // issue 19
        });
        b.Entity<Permit>(e =>
        {
            e.ToTable("permits");
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.Uscc);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Number).HasMaxLength(Permit.NumberLength);
            e.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<PermitKind>()).HasMaxLength(16);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.PermitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<PermitVersion>(e =>
        {
            e.ToTable("permit_versions");
            e.HasIndex(x => new { x.PermitId, x.Version }).IsUnique();
            e.Property(x => x.Category).HasConversion(new SnakeCaseEnumConverter<PermitCategory>()).HasMaxLength(16);
            e.Property(x => x.ChangeReason).HasMaxLength(PermitVersion.ChangeReasonLength);
            e.Property(x => x.CreatedBy).HasMaxLength(PermitVersion.CreatedByLength);
            e.HasMany(x => x.Outlets).WithOne().HasForeignKey(o => o.PermitVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Permit>().Select(p => p.Id).Contains(x.PermitId));
        });
        b.Entity<PermitOutlet>(e =>
        {
            e.ToTable("permit_outlets");
            e.HasIndex(x => new { x.PermitVersionId, x.Code }).IsUnique();
            e.HasIndex(x => x.SiteId);
            e.Property(x => x.Code).HasMaxLength(PermitOutlet.CodeLength);
            e.Property(x => x.Medium).HasConversion(new SnakeCaseEnumConverter<OutletMediumKind>()).HasMaxLength(16);
            e.Property(x => x.Type).HasConversion(new SnakeCaseEnumConverter<OutletTypeKind>()).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(PermitOutlet.NameLength);
            e.Property(x => x.Longitude).HasPrecision(9, 6);
            e.Property(x => x.Latitude).HasPrecision(9, 6);
            e.Property(x => x.ExpectedIntervalMinutes).HasDefaultValue(PermitOutlet.DefaultExpectedIntervalMinutes)
                .HasSentinel(0); // 0 = unset → the column default; the entity's initializer already gives 60
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Limits).WithOne().HasForeignKey(l => l.PermitOutletId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<PermitVersion>().Select(v => v.Id).Contains(x.PermitVersionId));
        });
        b.Entity<PermitLimit>(e =>
        {
            e.ToTable("permit_limits");
            e.HasIndex(x => new { x.PermitOutletId, x.ParameterCode }).IsUnique();
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Unit).HasMaxLength(PermitLimit.UnitLength);
            e.Property(x => x.StandardRef).HasMaxLength(PermitLimit.StandardRefLength);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<PermitOutlet>().Select(o => o.Id).Contains(x.PermitOutletId));
        });
        b.Entity<ExecutionReport>(e =>
        {
            e.ToTable("execution_reports");
            e.HasIndex(x => new { x.PermitId, x.Kind, x.PeriodStart }).IsUnique();
            e.HasIndex(x => x.DueOn);
            e.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<ExecutionReportKind>()).HasMaxLength(16);
            e.Property(x => x.FoldedInto).HasMaxLength(ExecutionReport.FoldedIntoLength);
            e.Property(x => x.Note).HasMaxLength(ExecutionReport.NoteLength);
            e.HasOne<Permit>().WithMany().HasForeignKey(x => x.PermitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Permit>().Select(p => p.Id).Contains(x.PermitId));
        });
    }
}
