using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;

namespace SmartEnv.Storage;

// Issue 17 P2: waste parties, facilities, containers (一物一码) and the append-only ledger (migration WasteLedger).
// Scope: every table by its uscc (the owning enterprise), like permits (docs/security.md).
public abstract partial class SmartEnvDbContext
{
    /// <summary>Waste profiles of enterprises (<see cref="WasteParty"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteParty> WasteParties => Set<WasteParty>();

    /// <summary>Waste facilities (<see cref="WasteFacility"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteFacility> WasteFacilities => Set<WasteFacility>();

    /// <summary>Containers and packages (<see cref="WasteContainer"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteContainer> WasteContainers => Set<WasteContainer>();

    /// <summary>Ledger entries, append-only (<see cref="WasteLedgerEntry"/>); filtered by <see cref="Scope"/>.</summary>
    public DbSet<WasteLedgerEntry> WasteLedgerEntries => Set<WasteLedgerEntry>();

    partial void ConfigureWasteLedger(ModelBuilder b)
    {
        b.Entity<WasteParty>(e =>
        {
            e.ToTable("hw_parties");
            e.HasKey(x => x.Uscc);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Roles).HasConversion<int>();
            e.Property(x => x.HwLicenceNumber).HasMaxLength(WasteParty.LicenceLength);
            e.Property(x => x.TransportLicence).HasMaxLength(WasteParty.LicenceLength);
            e.Property(x => x.DivisionCode).HasMaxLength(WasteParty.DivisionCodeLength);
            e.HasOne<Enterprise>().WithOne().HasForeignKey<WasteParty>(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteFacility>(e =>
        {
            e.ToTable("hw_facilities");
            e.HasIndex(x => new { x.Uscc, x.Code }).IsUnique();
            e.HasIndex(x => x.SiteId).IsUnique();
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Code).HasMaxLength(WasteFacility.CodeLength);
            e.Property(x => x.Name).HasMaxLength(WasteFacility.NameLength);
            e.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<WasteFacilityKind>()).HasMaxLength(24);
            e.Property(x => x.CapacityT).HasPrecision(14, 6);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteContainer>(e =>
        {
            e.ToTable("hw_containers");
            e.HasIndex(x => x.Identifier).IsUnique();
            e.HasIndex(x => new { x.Uscc, x.GeneratedAt });
            e.HasIndex(x => x.FacilityId);
            e.HasIndex(x => x.ManifestNumber);
            e.HasIndex(x => x.WasteCode);
            e.Property(x => x.Identifier).HasMaxLength(WasteContainer.IdentifierLength);
            e.Property(x => x.IdentifierFormat).HasMaxLength(WasteContainer.ShortLength);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.ListVersion).HasMaxLength(WasteContainer.ShortLength);
            e.Property(x => x.WasteCode).HasMaxLength(WasteContainer.WasteCodeLength);
            e.Property(x => x.Category).HasMaxLength(WasteContainer.CategoryLength);
            e.Property(x => x.Name).HasMaxLength(WasteContainer.NameLength);
            e.Property(x => x.Form).HasMaxLength(WasteContainer.TinyLength);
            e.Property(x => x.Hazard).HasMaxLength(WasteContainer.TinyLength);
            e.Property(x => x.MainComponents).HasMaxLength(WasteContainer.TextLength);
            e.Property(x => x.HarmfulComponents).HasMaxLength(WasteContainer.TextLength);
            e.Property(x => x.Precautions).HasMaxLength(WasteContainer.TextLength);
            e.Property(x => x.ContainerType).HasMaxLength(WasteContainer.NameLength);
            e.Property(x => x.VolumeL).HasPrecision(12, 3);
            e.Property(x => x.GenerationBatch).HasMaxLength(WasteContainer.NameLength);
            e.Property(x => x.QuantityT).HasPrecision(14, 6);
            e.Property(x => x.QuantityAsGiven).HasPrecision(18, 6);
            e.Property(x => x.UnitAsGiven).HasMaxLength(WasteContainer.TinyLength);
            e.Property(x => x.GeneratingFacilityCode).HasMaxLength(WasteFacility.CodeLength);
            e.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<WasteLedgerStage>()).HasMaxLength(16);
            e.Property(x => x.ManifestNumber).HasMaxLength(WasteContainer.ManifestNumberLength);
            e.Property(x => x.CreatedBy).HasMaxLength(WasteContainer.ByLength);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteFacility>().WithMany().HasForeignKey(x => x.FacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<WasteLedgerEntry>(e =>
        {
            e.ToTable("hw_ledger_entries");
            e.HasIndex(x => new { x.Uscc, x.At });
            e.HasIndex(x => x.ContainerId);
            e.HasIndex(x => x.ManifestNumber);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Stage).HasConversion(new SnakeCaseEnumConverter<WasteLedgerStage>()).HasMaxLength(16);
            e.Property(x => x.BatchCode).HasMaxLength(WasteLedgerEntry.ShortLength);
            e.Property(x => x.ContainerIdentifier).HasMaxLength(WasteContainer.IdentifierLength);
            e.Property(x => x.PackageType).HasMaxLength(WasteContainer.NameLength);
            e.Property(x => x.WasteCode).HasMaxLength(WasteContainer.WasteCodeLength);
            e.Property(x => x.Category).HasMaxLength(WasteContainer.CategoryLength);
            e.Property(x => x.Name).HasMaxLength(WasteLedgerEntry.NameLength);
            e.Property(x => x.QuantityT).HasPrecision(14, 6);
            e.Property(x => x.QuantityAsGiven).HasPrecision(18, 6);
            e.Property(x => x.UnitAsGiven).HasMaxLength(WasteContainer.TinyLength);
            e.Property(x => x.FacilityCode).HasMaxLength(WasteFacility.CodeLength);
            e.Property(x => x.FacilityKind).HasMaxLength(24);
            e.Property(x => x.Handler).HasMaxLength(WasteLedgerEntry.ShortLength);
            e.Property(x => x.HandlerTo).HasMaxLength(WasteLedgerEntry.ShortLength);
            e.Property(x => x.Destination).HasMaxLength(WasteLedgerEntry.NameLength);
            e.Property(x => x.Method).HasMaxLength(WasteLedgerEntry.ShortLength);
            e.Property(x => x.ReceiverType).HasMaxLength(WasteLedgerEntry.ShortLength);
            e.Property(x => x.ReceiverUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.ReceiverName).HasMaxLength(Enterprise.NameLength);
            e.Property(x => x.ReceiverLicence).HasMaxLength(WasteParty.LicenceLength);
            e.Property(x => x.ManifestNumber).HasMaxLength(WasteContainer.ManifestNumberLength);
            e.Property(x => x.LinkedBatch).HasMaxLength(WasteLedgerEntry.ShortLength);
            e.Property(x => x.Reason).HasMaxLength(WasteLedgerEntry.ReasonLength);
            e.Property(x => x.ListVersion).HasMaxLength(WasteContainer.ShortLength);
            e.Property(x => x.RecordedBy).HasMaxLength(WasteContainer.ByLength);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteContainer>().WithMany().HasForeignKey(x => x.ContainerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteLedgerEntry>().WithMany().HasForeignKey(x => x.CorrectsEntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
    }
}
