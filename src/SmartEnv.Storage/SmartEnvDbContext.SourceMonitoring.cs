using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Storage;

// Issue 16 P4: outlet hours judged against the permit, exceedances, day totals, day rates, quantity checks (migration
// SourceMonitoring). Plain tables (no FK to the partitioned observations); scoped by visible sites like alerts.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Outlet hours judged against the permit (<see cref="SourceHour"/>).</summary>
    public DbSet<SourceHour> SourceHours => Set<SourceHour>();

    /// <summary>Exceeding outlet hours (<see cref="SourceExceedance"/>).</summary>
    public DbSet<SourceExceedance> SourceExceedances => Set<SourceExceedance>();

    /// <summary>Daily emission masses (<see cref="SourceDayTotal"/>).</summary>
    public DbSet<SourceDayTotal> SourceDayTotals => Set<SourceDayTotal>();

    /// <summary>Daily transmission rates (<see cref="SourceDayRate"/>).</summary>
    public DbSet<SourceDayRate> SourceDayRates => Set<SourceDayRate>();

    /// <summary>Run-rate quantity checks (<see cref="SourceQuantityCheck"/>).</summary>
    public DbSet<SourceQuantityCheck> SourceQuantityChecks => Set<SourceQuantityCheck>();

    partial void ConfigureSourceMonitoring(ModelBuilder b)
    {
        const int Rule = 64;
        b.Entity<SourceHour>(e =>
        {
            e.ToTable("source_hours");
            e.HasKey(x => new { x.SiteId, x.ParameterCode, x.HourStart });
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Basis).HasConversion(new SnakeCaseEnumConverter<SourceHourBasis>()).HasMaxLength(16);
            e.Property(x => x.NotJudgedFlag).HasMaxLength(32);
            e.Property(x => x.RuleVersion).HasMaxLength(Rule);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        });
        b.Entity<SourceExceedance>(e =>
        {
            e.ToTable("source_exceedances");
            e.HasIndex(x => new { x.SiteId, x.ParameterCode, x.HourStart }).IsUnique();
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Basis).HasConversion(new SnakeCaseEnumConverter<SourceHourBasis>()).HasMaxLength(16);
            e.Property(x => x.RuleVersion).HasMaxLength(Rule);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        });
        b.Entity<SourceDayTotal>(e =>
        {
            e.ToTable("source_day_totals");
            e.HasKey(x => new { x.SiteId, x.ParameterCode, x.Day });
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.RuleVersion).HasMaxLength(Rule);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        });
        b.Entity<SourceDayRate>(e =>
        {
            e.ToTable("source_day_rates");
            e.HasKey(x => new { x.SiteId, x.Day });
            e.Property(x => x.RuleVersion).HasMaxLength(Rule);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        });
        b.Entity<SourceQuantityCheck>(e =>
        {
            e.ToTable("source_quantity_checks");
            e.HasKey(x => new { x.SiteId, x.ParameterCode, x.AsOf });
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.RuleVersion).HasMaxLength(Rule);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        });
    }
}
