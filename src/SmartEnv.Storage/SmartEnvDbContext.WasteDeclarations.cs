using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;

namespace SmartEnv.Storage;

// Issue 17 P5 (migration WasteDeclarations): management classes with overrides, annual generation figures, management
// plans, declarations and the ledger-vs-manifest reconciliations. Every table is keyed by the enterprise's USCC and
// filtered by scope like the other enterprise-owned tables (docs/security.md). Plain tables, FK only to enterprises.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Management classes per enterprise and year (<see cref="WasteClassRecord"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteClassRecord> WasteClasses => Set<WasteClassRecord>();

    /// <summary>Annual generation figures (<see cref="WasteAnnualGeneration"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteAnnualGeneration> WasteAnnualGenerations => Set<WasteAnnualGeneration>();

    /// <summary>Submitted management plans (<see cref="WasteManagementPlan"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteManagementPlan> WasteManagementPlans => Set<WasteManagementPlan>();

    /// <summary>Submitted declarations (<see cref="WasteDeclaration"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteDeclaration> WasteDeclarations => Set<WasteDeclaration>();

    /// <summary>Ledger-vs-manifest checks (<see cref="WasteReconciliation"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteReconciliation> WasteReconciliations => Set<WasteReconciliation>();

    partial void ConfigureWasteDeclarations(ModelBuilder b)
    {
        b.Entity<WasteClassRecord>(e =>
        {
            e.ToTable("hw_management_classes");
            e.HasIndex(x => new { x.Uscc, x.Year }).IsUnique();
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Computed).HasMaxLength(WasteClassRecord.ClassLength);
            e.Property(x => x.Override).HasMaxLength(WasteClassRecord.ClassLength);
            e.Property(x => x.Basis).HasMaxLength(WasteClassRecord.ClassLength);
            e.Property(x => x.BasisTonnes).HasPrecision(14, 6);
            e.Property(x => x.Explanation).HasMaxLength(WasteClassRecord.TextLength);
            e.Property(x => x.OverrideReason).HasMaxLength(WasteClassRecord.TextLength);
            e.Property(x => x.RuleVersion).HasMaxLength(WasteClassRecord.NameLength);
            e.Property(x => x.OverrideBy).HasMaxLength(WasteClassRecord.NameLength);
            e.Ignore(x => x.InForce);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteAnnualGeneration>(e =>
        {
            e.ToTable("hw_annual_generation");
            e.HasIndex(x => new { x.Uscc, x.Year, x.Source }).IsUnique();
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Tonnes).HasPrecision(14, 6);
            e.Property(x => x.Source).HasMaxLength(WasteAnnualGeneration.SourceLength);
            e.Property(x => x.RecordedBy).HasMaxLength(WasteClassRecord.NameLength);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteManagementPlan>(e =>
        {
            e.ToTable("hw_management_plans");
            e.HasIndex(x => new { x.Uscc, x.Year }).IsUnique();
            e.HasIndex(x => x.FilingNumber).IsUnique();
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.FilingNumber).HasMaxLength(WasteManagementPlan.FilingNumberLength);
            e.Property(x => x.SubmittedBy).HasMaxLength(WasteClassRecord.NameLength);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteDeclaration>(e =>
        {
            e.ToTable("hw_declarations");
            e.HasIndex(x => new { x.Uscc, x.Kind, x.Period }).IsUnique();
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Kind).HasMaxLength(WasteDeclaration.KeyLength);
            e.Property(x => x.Period).HasMaxLength(WasteDeclaration.KeyLength);
            e.Property(x => x.SubmittedBy).HasMaxLength(WasteClassRecord.NameLength);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteReconciliation>(e =>
        {
            e.ToTable("hw_reconciliations");
            e.HasIndex(x => x.ManifestNumber).IsUnique();
            e.HasIndex(x => x.Uscc);
            e.Property(x => x.ManifestNumber).HasMaxLength(WasteReconciliation.ManifestNumberLength);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.LedgerTonnes).HasPrecision(14, 6);
            e.Property(x => x.ManifestTonnes).HasPrecision(14, 6);
            e.Property(x => x.DifferenceTonnes).HasPrecision(14, 6);
            e.Property(x => x.RuleVersion).HasMaxLength(WasteClassRecord.NameLength);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
    }
}
