using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Waste;

namespace SmartEnv.Storage;

// Issue 17 P4: hw_manifests, hw_manifest_lines, hw_manifest_versions, hw_manifest_events, hw_manifest_serials; migration WasteManifests.
// Issue 17 follow-up (issue 18 P9): hw_manifests.receipt_due_from, receipt_due_provisional, backfill_due_provisional (plain
// columns, no configuration needed); migration ManifestDueProvisional.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Transfer manifests (联单); seen when any of the three parties is in scope. Never deleted.</summary>
    public DbSet<WasteManifest> WasteManifests => Set<WasteManifest>();

    /// <summary>Manifest lines of every version; filtered through the manifest.</summary>
    public DbSet<WasteManifestLine> WasteManifestLines => Set<WasteManifestLine>();

    /// <summary>Superseded manifest versions (snapshots); filtered through the manifest.</summary>
    public DbSet<WasteManifestVersion> WasteManifestVersions => Set<WasteManifestVersion>();

    /// <summary>Manifest transitions; filtered through the manifest.</summary>
    public DbSet<WasteManifestEvent> WasteManifestEvents => Set<WasteManifestEvent>();

    /// <summary>Next serial per year and city (not scoped).</summary>
    public DbSet<WasteManifestSerial> WasteManifestSerials => Set<WasteManifestSerial>();

    partial void ConfigureWasteManifests(ModelBuilder b)
    {
        b.Entity<WasteManifest>(e =>
        {
            e.ToTable("hw_manifests", t =>
            {
                t.HasCheckConstraint("ck_hw_manifests_kind", "\"kind\" IN ('hazardous','medical')");
                t.HasCheckConstraint("ck_hw_manifests_state", "\"state\" IN ('draft','submitted','in_transit','arrived','accepted','partially_accepted','rejected','paper_pending')");
            });
            e.Property(x => x.Number).HasMaxLength(WasteManifest.NumberLength);
            e.Property(x => x.Kind).HasMaxLength(WasteManifest.CodeLength);
            e.Property(x => x.State).HasMaxLength(WasteManifest.CodeLength);
            e.Property(x => x.GeneratorUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.CarrierUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.ReceiverUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.GeneratorName).HasMaxLength(WasteManifest.NameLength);
            e.Property(x => x.CarrierName).HasMaxLength(WasteManifest.NameLength);
            e.Property(x => x.ReceiverName).HasMaxLength(WasteManifest.NameLength);
            e.Property(x => x.ReceiverLicence).HasMaxLength(WasteManifest.ShortLength);
            e.Property(x => x.Vehicle).HasMaxLength(WasteManifest.ShortLength);
            e.Property(x => x.TransportLicence).HasMaxLength(WasteManifest.ShortLength);
            e.Property(x => x.CreatedBy).HasMaxLength(WasteManifest.ShortLength);
            e.Property(x => x.DiscrepancyNote).HasMaxLength(WasteManifest.NoteLength);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.GeneratorUscc, x.CreatedAt });
            e.HasIndex(x => new { x.CarrierUscc, x.CreatedAt });
            e.HasIndex(x => new { x.ReceiverUscc, x.CreatedAt });
            e.HasIndex(x => new { x.State, x.ReceiptDue });
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.GeneratorUscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.CarrierUscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.ReceiverUscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteFacility>().WithMany().HasForeignKey(x => x.FromFacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WasteFacility>().WithMany().HasForeignKey(x => x.ToFacilityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ManifestId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.GeneratorUscc) || ScopeUsccs.Contains(x.CarrierUscc) || ScopeUsccs.Contains(x.ReceiverUscc));
        });
        b.Entity<WasteManifestLine>(e =>
        {
            e.ToTable("hw_manifest_lines");
            e.Property(x => x.WasteCode).HasMaxLength(10);
            e.Property(x => x.Category).HasMaxLength(4);
            e.Property(x => x.Name).HasMaxLength(WasteManifest.NameLength);
            e.Property(x => x.Hazard).HasMaxLength(16);
            e.Property(x => x.Form).HasMaxLength(32);
            e.Property(x => x.Packaging).HasMaxLength(32);
            e.Property(x => x.Method).HasMaxLength(WasteManifest.ShortLength);
            e.Property(x => x.QuantityT).HasPrecision(14, 6);
            e.Property(x => x.ReceivedT).HasPrecision(14, 6);
            e.HasIndex(x => new { x.ManifestId, x.Version, x.LineNo }).IsUnique();
            e.HasIndex(x => x.WasteCode);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<WasteManifest>().Select(m => m.Id).Contains(x.ManifestId));
        });
        b.Entity<WasteManifestVersion>(e =>
        {
            e.ToTable("hw_manifest_versions");
            e.Property(x => x.Reason).HasMaxLength(WasteManifest.NoteLength);
            e.Property(x => x.By).HasMaxLength(WasteManifest.ShortLength);
            e.HasIndex(x => new { x.ManifestId, x.Version }).IsUnique();
            e.HasOne<WasteManifest>().WithMany().HasForeignKey(x => x.ManifestId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<WasteManifest>().Select(m => m.Id).Contains(x.ManifestId));
        });
        b.Entity<WasteManifestEvent>(e =>
        {
            e.ToTable("hw_manifest_events");
            e.Property(x => x.Trigger).HasMaxLength(WasteManifest.CodeLength);
            e.Property(x => x.FromState).HasMaxLength(WasteManifest.CodeLength);
            e.Property(x => x.ToState).HasMaxLength(WasteManifest.CodeLength);
            e.Property(x => x.PartyRole).HasMaxLength(16);
            e.Property(x => x.By).HasMaxLength(WasteManifest.ShortLength);
            e.Property(x => x.Note).HasMaxLength(WasteManifest.NoteLength);
            e.HasIndex(x => new { x.ManifestId, x.At });
            e.HasOne<WasteManifest>().WithMany().HasForeignKey(x => x.ManifestId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<WasteManifest>().Select(m => m.Id).Contains(x.ManifestId));
        });
        b.Entity<WasteManifestSerial>(e =>
        {
            e.ToTable("hw_manifest_serials");
            e.HasKey(x => new { x.Year, x.Division4 });
            e.Property(x => x.Division4).HasMaxLength(4);
        });
    }
}
