using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Construction;

namespace SmartEnv.Storage;

// Issue 20: construction_sites, construction_monitors, construction_thresholds, construction_cards; migration Construction.
// A construction site is visible to DataScope.All and to its builder or contractor; monitors, thresholds and cards through
// their site.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Construction sites; scoped by builder or contractor USCC.</summary>
    public DbSet<ConstructionSite> ConstructionSites => Set<ConstructionSite>();

    /// <summary>Online dust/noise monitors bound to sites.</summary>
    public DbSet<ConstructionMonitor> ConstructionMonitors => Set<ConstructionMonitor>();

    /// <summary>Per-site dust thresholds.</summary>
    public DbSet<ConstructionThreshold> ConstructionThresholds => Set<ConstructionThreshold>();

    /// <summary>Stored monthly cards with evidence (history).</summary>
    public DbSet<ConstructionCard> ConstructionCards => Set<ConstructionCard>();

    /// <summary>The model of the issue-20 construction tables.</summary>
    partial void ConfigureConstruction(ModelBuilder b);

    partial void ConfigureConstruction(ModelBuilder b)
    {
        b.Entity<ConstructionSite>(e =>
        {
            e.ToTable("construction_sites");
            e.Property(x => x.Code).HasMaxLength(ConstructionSite.CodeLength);
            e.Property(x => x.ProjectName).HasMaxLength(ConstructionSite.NameLength);
            e.Property(x => x.Address).HasMaxLength(ConstructionSite.NameLength);
            e.Property(x => x.BuilderUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.ContractorUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.StreetCode).HasMaxLength(ConstructionSite.StreetCodeLength);
            e.Property(x => x.Phase).HasMaxLength(ConstructionSite.PhaseLength);
            e.Property(x => x.BlacklistNote).HasMaxLength(ConstructionSite.NoteLength);
            e.Property(x => x.FloorAreaM2).HasPrecision(12, 2);
            e.Property(x => x.Longitude).HasPrecision(10, 6);
            e.Property(x => x.Latitude).HasPrecision(10, 6);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.BuilderUscc);
            e.HasIndex(x => x.ContractorUscc);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.BuilderUscc) || ScopeUsccs.Contains(x.ContractorUscc));
        });
        b.Entity<ConstructionMonitor>(e =>
        {
            e.ToTable("construction_monitors");
            e.Property(x => x.Mn).HasMaxLength(Site.CodeLength);
            e.Property(x => x.DustUnit).HasMaxLength(ConstructionMonitor.UnitLength);
            e.HasIndex(x => x.Mn).IsUnique();
            e.HasIndex(x => x.ConstructionSiteId);
            e.HasOne<ConstructionSite>().WithMany().HasForeignKey(x => x.ConstructionSiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ConstructionThreshold>(e =>
        {
            e.ToTable("construction_thresholds");
            e.Property(x => x.Parameter).HasMaxLength(ConstructionThreshold.ParameterLength);
            e.Property(x => x.Preset).HasMaxLength(ConstructionThreshold.PresetLength);
            e.Property(x => x.Source).HasMaxLength(ConstructionThreshold.SourceLength);
            e.Property(x => x.LimitUgM3).HasPrecision(12, 3);
            e.HasIndex(x => new { x.ConstructionSiteId, x.Parameter }).IsUnique();
            e.HasOne<ConstructionSite>().WithMany().HasForeignKey(x => x.ConstructionSiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ConstructionCard>(e =>
        {
            e.ToTable("construction_cards");
            e.Property(x => x.Colour).HasMaxLength(ConstructionCard.ColourLength);
            e.Property(x => x.RuleVersion).HasMaxLength(ConstructionCard.VersionLength);
            e.Property(x => x.EvaluatedBy).HasMaxLength(ConstructionCard.ActorLength);
            e.HasIndex(x => new { x.ConstructionSiteId, x.Month });
            e.HasOne<ConstructionSite>().WithMany().HasForeignKey(x => x.ConstructionSiteId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
