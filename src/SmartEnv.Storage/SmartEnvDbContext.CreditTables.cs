using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Credit;

namespace SmartEnv.Storage;

// Issue 19 P3: credit_evaluations, credit_evaluation_lines, credit_line_evidence, credit_adjustments, credit_grade_events,
// credit_repair_applications, credit_repair_events; migration Inspections. Scoped by the USCC (directly or through the
// parent): an enterprise user sees its own credit record only.
public abstract partial class SmartEnvDbContext
{
    /// <summary>Annual credit evaluations (one row per computation; the latest of a (USCC, year) is current); scoped.</summary>
    public DbSet<CreditEvaluationRecord> CreditEvaluations => Set<CreditEvaluationRecord>();

    /// <summary>Item lines of evaluations; scoped through the evaluation.</summary>
    public DbSet<CreditEvaluationLine> CreditEvaluationLines => Set<CreditEvaluationLine>();

    /// <summary>Evidence records of lines; scoped through line and evaluation.</summary>
    public DbSet<CreditLineEvidence> CreditEvidence => Set<CreditLineEvidence>();

    /// <summary>Staff adjustments (audited); scoped.</summary>
    public DbSet<CreditAdjustmentRecord> CreditAdjustments => Set<CreditAdjustmentRecord>();

    /// <summary>Event-driven grade changes; scoped.</summary>
    public DbSet<CreditGradeEvent> CreditGradeEvents => Set<CreditGradeEvent>();

    /// <summary>Credit-repair applications; scoped.</summary>
    public DbSet<CreditRepairApplication> CreditRepairApplications => Set<CreditRepairApplication>();

    /// <summary>Steps of repair applications (history); scoped through the application.</summary>
    public DbSet<CreditRepairEvent> CreditRepairEvents => Set<CreditRepairEvent>();

    /// <summary>The model of the issue-19 credit tables.</summary>
    partial void ConfigureCredit(ModelBuilder b);

    partial void ConfigureCredit(ModelBuilder b)
    {
        b.Entity<CreditEvaluationRecord>(e =>
        {
            e.ToTable("credit_evaluations");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            foreach (var p in new[] { nameof(CreditEvaluationRecord.BaseScore), nameof(CreditEvaluationRecord.DeductionTotal), nameof(CreditEvaluationRecord.BonusTotal), nameof(CreditEvaluationRecord.AdjustmentTotal), nameof(CreditEvaluationRecord.Score) })
                e.Property(p).HasPrecision(6, 1);
            e.Property(x => x.Grade).HasConversion(new SnakeCaseEnumConverter<StoredCreditGrade>()).HasMaxLength(16);
            e.Property(x => x.RulesVersion).HasMaxLength(CreditEvaluationRecord.VersionLength);
            e.Property(x => x.EvaluatedBy).HasMaxLength(CreditEvaluationRecord.NameLength);
            e.HasIndex(x => new { x.Uscc, x.Year });
            e.HasIndex(x => new { x.Year, x.Grade });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<CreditEvaluationLine>(e =>
        {
            e.ToTable("credit_evaluation_lines");
            e.Property(x => x.ItemCode).HasMaxLength(CreditEvaluationLine.CodeLength);
            e.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<StoredCreditItemKind>()).HasMaxLength(16);
            e.Property(x => x.Uncapped).HasPrecision(8, 1);
            e.Property(x => x.Points).HasPrecision(6, 1);
            e.HasIndex(x => new { x.EvaluationId, x.ItemCode }).IsUnique();
            e.HasOne<CreditEvaluationRecord>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.LineId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<CreditEvaluationRecord>().Select(v => v.Id).Contains(x.EvaluationId));
        });
        b.Entity<CreditLineEvidence>(e =>
        {
            e.ToTable("credit_line_evidence");
            e.HasKey(x => new { x.LineId, x.Seq });
            e.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<StoredCreditEvidenceKind>()).HasMaxLength(32);
            e.Property(x => x.RecordId).HasMaxLength(CreditLineEvidence.RecordIdLength);
            e.HasIndex(x => new { x.Kind, x.RecordId });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<CreditEvaluationLine>().Select(l => l.Id).Contains(x.LineId));
        });
        b.Entity<CreditAdjustmentRecord>(e =>
        {
            e.ToTable("credit_adjustments");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Delta).HasPrecision(6, 1);
            e.Property(x => x.Reason).HasMaxLength(CreditAdjustmentRecord.ReasonLength);
            e.Property(x => x.StaffId).HasMaxLength(CreditEvaluationRecord.NameLength);
            e.HasIndex(x => new { x.Uscc, x.Year });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<CreditGradeEvent>(e =>
        {
            e.ToTable("credit_grade_events");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.EventCode).HasMaxLength(CreditGradeEvent.CodeLength);
            e.Property(x => x.FromGrade).HasConversion(new SnakeCaseEnumConverter<StoredCreditGrade>()).HasMaxLength(16);
            e.Property(x => x.ToGrade).HasConversion(new SnakeCaseEnumConverter<StoredCreditGrade>()).HasMaxLength(16);
            e.Property(x => x.EvidenceRecordId).HasMaxLength(CreditGradeEvent.CodeLength);
            e.Property(x => x.RecordedBy).HasMaxLength(CreditGradeEvent.CodeLength);
            e.HasIndex(x => new { x.Uscc, x.OccurredOn });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<CreditRepairApplication>(e =>
        {
            e.ToTable("credit_repair_applications");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.InfoRecordId).HasMaxLength(CreditRepairApplication.NameLength);
            e.Property(x => x.Severity).HasConversion(new SnakeCaseEnumConverter<StoredCreditInfoSeverity>()).HasMaxLength(16);
            e.Property(x => x.Evidence).HasMaxLength(CreditRepairApplication.TextLength);
            e.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<StoredCreditRepairState>()).HasMaxLength(16);
            e.Property(x => x.Reviewer).HasMaxLength(CreditRepairApplication.NameLength);
            e.Property(x => x.DecisionNote).HasMaxLength(CreditRepairApplication.TextLength);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Uscc, x.State });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<CreditRepairEvent>(e =>
        {
            e.ToTable("credit_repair_events");
            e.Property(x => x.Trigger).HasMaxLength(CreditRepairEvent.CodeLength);
            e.Property(x => x.FromState).HasConversion(new SnakeCaseEnumConverter<StoredCreditRepairState>()).HasMaxLength(16);
            e.Property(x => x.ToState).HasConversion(new SnakeCaseEnumConverter<StoredCreditRepairState>()).HasMaxLength(16);
            e.Property(x => x.By).HasMaxLength(CreditRepairEvent.CodeLength);
            e.Property(x => x.Note).HasMaxLength(CreditRepairApplication.TextLength);
            e.HasIndex(x => new { x.ApplicationId, x.At });
            e.HasOne<CreditRepairApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<CreditRepairApplication>().Select(a => a.Id).Contains(x.ApplicationId));
        });
    }
}
