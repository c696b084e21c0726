using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;

namespace SmartEnv.Storage;

// Issue 17 P6: mw_handovers, mw_collections, mw_annual_reports (medical waste), migration MedicalWaste.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Medical-waste handovers into 暂存间; filtered by the institution's USCC.</summary>
    public DbSet<MedicalWasteHandover> MedicalWasteHandovers => Set<MedicalWasteHandover>();

    /// <summary>Medical-waste collections from 暂存间; filtered by the institution's USCC.</summary>
    public DbSet<MedicalWasteCollection> MedicalWasteCollections => Set<MedicalWasteCollection>();

    /// <summary>Annual medical-waste generation reports; filtered by the institution's USCC.</summary>
    public DbSet<MedicalWasteReport> MedicalWasteReports => Set<MedicalWasteReport>();

    partial void ConfigureMedicalWaste(ModelBuilder b)
    {
        b.Entity<MedicalWasteCollection>(e =>
        {
            e.ToTable("mw_collections", t => t.HasCheckConstraint("ck_mw_collections_weight", "\"weight_kg\" > 0"));
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.CollectorUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.ManifestNumber).HasMaxLength(MedicalWasteCollection.ManifestNumberLength);
            e.Property(x => x.RecordedBy).HasMaxLength(MedicalWasteHandover.NameLength);
            e.Property(x => x.WeightKg).HasPrecision(12, 3);
            e.HasIndex(x => new { x.FacilityId, x.At });
            e.HasIndex(x => new { x.Uscc, x.At });
            e.HasIndex(x => x.CollectorUscc);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.CollectorUscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteFacility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<MedicalWasteHandover>(e =>
        {
            e.ToTable("mw_handovers", t =>
            {
                t.HasCheckConstraint("ck_mw_handovers_category", "\"category\" IN ('infectious','sharps','pathological','pharmaceutical','chemical')");
                t.HasCheckConstraint("ck_mw_handovers_weight", "\"weight_kg\" > 0");
                t.HasCheckConstraint("ck_mw_handovers_packages", "\"packages\" >= 1");
            });
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Category).HasMaxLength(MedicalWasteHandover.CategoryLength);
            e.Property(x => x.WasteCode).HasMaxLength(MedicalWasteHandover.WasteCodeLength);
            e.Property(x => x.Department).HasMaxLength(MedicalWasteHandover.NameLength);
            e.Property(x => x.HandedBy).HasMaxLength(MedicalWasteHandover.NameLength);
            e.Property(x => x.ReceivedBy).HasMaxLength(MedicalWasteHandover.NameLength);
            e.Property(x => x.RecordedBy).HasMaxLength(MedicalWasteHandover.NameLength);
            e.Property(x => x.WeightKg).HasPrecision(12, 3);
            e.HasIndex(x => new { x.FacilityId, x.CollectionId, x.At });
            e.HasIndex(x => new { x.Uscc, x.At });
            e.HasIndex(x => x.At);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteFacility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MedicalWasteCollection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<MedicalWasteReport>(e =>
        {
            e.ToTable("mw_annual_reports");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.SubmittedBy).HasMaxLength(MedicalWasteReport.ActorLength);
            e.Property(x => x.GeneratedKg).HasPrecision(14, 3);
            e.HasIndex(x => new { x.Uscc, x.Year }).IsUnique();
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
    }
}
