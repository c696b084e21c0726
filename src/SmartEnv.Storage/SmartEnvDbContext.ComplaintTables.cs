using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;

namespace SmartEnv.Storage;

// Issue 18 P2: complaints, complaint_types, complaint_reporters, complaint_photos, complaint_events, complaint_duplicates,
// complaint_extensions, complaint_serials, complaint_api_clients; migration Complaints. Every table is read only by
// DataScope.All (ScopeFilter): an enterprise user's or the public's scoped context sees no row of them.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Complaint and petition cases (<see cref="Complaint"/>); only <see cref="DataScope.All"/> reads them.</summary>
    public DbSet<Complaint> Complaints => Set<Complaint>();

    /// <summary>Pollution types per case; only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintType> ComplaintTypes => Set<ComplaintType>();

    /// <summary>Reporters (name, contact), one per case; only <see cref="DataScope.All"/>, and the services give them to
    /// admin and enforcement only.</summary>
    public DbSet<ComplaintReporter> ComplaintReporters => Set<ComplaintReporter>();

    /// <summary>Re-encoded photos; only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintPhoto> ComplaintPhotos => Set<ComplaintPhoto>();

    /// <summary>Case steps (append-only); only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();

    /// <summary>Duplicate proposals and decisions; only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintDuplicate> ComplaintDuplicates => Set<ComplaintDuplicate>();

    /// <summary>Approved handling extensions; only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintExtension> ComplaintExtensions => Set<ComplaintExtension>();

    /// <summary>Next case serial per Beijing day; only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintSerial> ComplaintSerials => Set<ComplaintSerial>();

    /// <summary>Open311 clients (hashed api keys); only <see cref="DataScope.All"/>.</summary>
    public DbSet<ComplaintApiClient> ComplaintApiClients => Set<ComplaintApiClient>();

    partial void ConfigureComplaints(ModelBuilder b)
    {
        b.Entity<Complaint>(e =>
        {
            e.ToTable("complaints");
            e.Property(x => x.Number).HasMaxLength(Complaint.NumberLength);
            e.Property(x => x.Channel).HasConversion(new SnakeCaseEnumConverter<StoredComplaintChannel>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<StoredComplaintState>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.Urgency).HasConversion(new SnakeCaseEnumConverter<StoredComplaintUrgency>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.Content).HasMaxLength(Complaint.TextLength);
            e.Property(x => x.Address).HasMaxLength(Complaint.AddressLength);
            e.Property(x => x.StreetCode).HasMaxLength(Complaint.StreetCodeLength);
            e.Property(x => x.ReportedName).HasMaxLength(Complaint.NameLength);
            e.Property(x => x.ReportedUscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.IndustryCode).HasMaxLength(Enterprise.IndustryCodeLength);
            e.Property(x => x.SourceRef).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.CreatedBy).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.QueryCodeHash).HasMaxLength(Complaint.HashLength);
            e.Property(x => x.QueryCodeSalt).HasMaxLength(Complaint.HashLength);
            e.Property(x => x.AcceptedBy).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.NotAcceptedReason).HasConversion(new SnakeCaseEnumConverter<StoredNotAcceptedReason>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.NotAcceptedNote).HasMaxLength(Complaint.NoteLength);
            e.Property(x => x.LinkedNumber).HasMaxLength(Complaint.NumberLength);
            e.Property(x => x.AssigneeKind).HasConversion(new SnakeCaseEnumConverter<StoredAssigneeKind>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.AssigneeCode).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.AssigneeName).HasMaxLength(Complaint.NameLength);
            e.Property(x => x.Findings).HasMaxLength(Complaint.TextLength);
            e.Property(x => x.Verification).HasConversion(new SnakeCaseEnumConverter<StoredVerification>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.Reply).HasMaxLength(Complaint.TextLength);
            e.Property(x => x.Satisfaction).HasConversion(new SnakeCaseEnumConverter<StoredSatisfaction>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.VisitNote).HasMaxLength(Complaint.NoteLength);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.State, x.AcceptanceDue });
            e.HasIndex(x => new { x.State, x.HandlingDue });
            e.HasIndex(x => x.RegisteredAt);
            e.HasIndex(x => new { x.ReportedUscc, x.RegisteredAt });
            e.HasIndex(x => new { x.StreetCode, x.RegisteredAt });
            e.HasIndex(x => x.MergedIntoId);
            e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Types).WithOne().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintType>(e =>
        {
            e.ToTable("complaint_types");
            e.HasKey(x => new { x.ComplaintId, x.Code });
            e.Property(x => x.Code).HasMaxLength(ComplaintType.CodeLength);
            e.HasIndex(x => x.Code);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintReporter>(e =>
        {
            e.ToTable("complaint_reporters");
            e.HasKey(x => x.ComplaintId);
            e.Property(x => x.ComplaintId).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(ComplaintReporter.NameLength);
            e.Property(x => x.Phone).HasMaxLength(ComplaintReporter.PhoneLength);
            e.Property(x => x.Email).HasMaxLength(ComplaintReporter.EmailLength);
            e.HasOne<Complaint>().WithOne().HasForeignKey<ComplaintReporter>(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintPhoto>(e =>
        {
            e.ToTable("complaint_photos");
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.OriginalFormat).HasMaxLength(8);
            e.HasIndex(x => new { x.ComplaintId, x.Seq }).IsUnique();
            e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintEvent>(e =>
        {
            e.ToTable("complaint_events");
            e.Property(x => x.Trigger).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.FromState).HasConversion(new SnakeCaseEnumConverter<StoredComplaintState>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.ToState).HasConversion(new SnakeCaseEnumConverter<StoredComplaintState>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.By).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.Note).HasMaxLength(Complaint.TextLength);
            e.HasIndex(x => new { x.ComplaintId, x.At });
            e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintDuplicate>(e =>
        {
            e.ToTable("complaint_duplicates");
            e.Property(x => x.Reason).HasConversion(new SnakeCaseEnumConverter<StoredDuplicateReason>()).HasMaxLength(Complaint.CodeLength);
            e.Property(x => x.Decision).HasConversion(new SnakeCaseEnumConverter<DuplicateDecision>()).HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(Complaint.ShortLength);
            e.HasIndex(x => new { x.ComplaintId, x.CandidateId }).IsUnique();
            e.HasIndex(x => x.CandidateId);
            e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintExtension>(e =>
        {
            e.ToTable("complaint_extensions");
            e.Property(x => x.Approver).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.Reason).HasMaxLength(Complaint.NoteLength);
            e.Property(x => x.RecordedBy).HasMaxLength(Complaint.ShortLength);
            e.HasIndex(x => x.ComplaintId);
            e.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintSerial>(e =>
        {
            e.ToTable("complaint_serials");
            e.HasKey(x => x.Day);
            e.Property(x => x.Day).HasMaxLength(8);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<ComplaintApiClient>(e =>
        {
            e.ToTable("complaint_api_clients");
            e.Property(x => x.Name).HasMaxLength(Complaint.ShortLength);
            e.Property(x => x.KeyHash).HasMaxLength(Complaint.HashLength);
            e.Property(x => x.KeySalt).HasMaxLength(Complaint.HashLength);
            e.HasIndex(x => x.Name).IsUnique();
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
    }
}
