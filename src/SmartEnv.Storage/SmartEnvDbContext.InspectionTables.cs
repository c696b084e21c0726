using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Inspections;

namespace SmartEnv.Storage;

// Issue 19 P3: draw_plans, inspection_tasks, inspection_task_inspectors, inspector_conflicts, inspection_records,
// inspection_findings, inspection_attachments, rectification_orders, enforcement_cases; migration Inspections
// (draw_plan_inspectors: migration DrawPlanPseudonyms). Plans and
// conflicts are read only by DataScope.All (inspector names, the secret result); tasks, records, findings, orders and
// cases by DataScope.All or the enterprise they are about.
public abstract partial class SmartEnvDbContext
{
    /// <summary>双随机 draw plans (<see cref="DrawPlanRecord"/>); only <see cref="DataScope.All"/>.</summary>
    public DbSet<DrawPlanRecord> DrawPlans => Set<DrawPlanRecord>();

    /// <summary>Drawn inspection tasks; scoped by the USCC.</summary>
    public DbSet<InspectionTask> InspectionTasks => Set<InspectionTask>();

    /// <summary>Inspectors of drawn tasks; scoped through the task.</summary>
    public DbSet<InspectionTaskInspector> InspectionTaskInspectors => Set<InspectionTaskInspector>();

    /// <summary>Pseudonym → inspector keys of the plans (<see cref="DrawPlanInspector"/>); only <see cref="DataScope.All"/>.</summary>
    public DbSet<DrawPlanInspector> DrawPlanInspectors => Set<DrawPlanInspector>();

    /// <summary>Declared conflicts of interest of inspectors; only <see cref="DataScope.All"/>.</summary>
    public DbSet<InspectorConflict> InspectorConflicts => Set<InspectorConflict>();

    /// <summary>Inspection records; scoped by the USCC.</summary>
    public DbSet<InspectionRecord> InspectionRecords => Set<InspectionRecord>();

    /// <summary>Findings of inspection records; scoped through the record.</summary>
    public DbSet<InspectionFinding> InspectionFindings => Set<InspectionFinding>();

    /// <summary>Photos and documents of inspection records; scoped through the record.</summary>
    public DbSet<InspectionAttachment> InspectionAttachments => Set<InspectionAttachment>();

    /// <summary>Rectification orders; scoped through finding and record.</summary>
    public DbSet<RectificationOrder> RectificationOrders => Set<RectificationOrder>();

    /// <summary>Administrative penalty cases (行政处罚); scoped by the USCC.</summary>
    public DbSet<EnforcementCase> EnforcementCases => Set<EnforcementCase>();

    /// <summary>The model of the issue-19 inspection and enforcement tables.</summary>
    partial void ConfigureInspections(ModelBuilder b);

    partial void ConfigureInspections(ModelBuilder b)
    {
        b.Entity<DrawPlanRecord>(e =>
        {
            e.ToTable("draw_plans");
            e.Property(x => x.PlanId).HasMaxLength(DrawPlanRecord.PlanIdLength);
            e.Property(x => x.District).HasMaxLength(DrawPlanRecord.CodeLength);
            e.Property(x => x.Quarter).HasMaxLength(DrawPlanRecord.CodeLength);
            e.Property(x => x.Status).HasConversion(new SnakeCaseEnumConverter<StoredDrawPlanStatus>()).HasMaxLength(16);
            e.Property(x => x.CommitmentHash).HasMaxLength(DrawPlanRecord.HashLength);
            e.Property(x => x.Secret).HasMaxLength(DrawPlanRecord.SecretLength);
            e.Property(x => x.PublicValue).HasMaxLength(DrawPlanRecord.PublicValueLength);
            e.Property(x => x.RulesVersion).HasMaxLength(DrawPlanRecord.CodeLength);
            e.Property(x => x.Organiser).HasMaxLength(DrawPlanRecord.NameLength);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.PlanId).IsUnique();
            e.HasIndex(x => x.Quarter);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<InspectionTask>(e =>
        {
            e.ToTable("inspection_tasks");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Mode).HasConversion(new SnakeCaseEnumConverter<StoredTaskMode>()).HasMaxLength(16);
            e.Property(x => x.Status).HasConversion(new SnakeCaseEnumConverter<StoredInspectionTaskStatus>()).HasMaxLength(16);
            e.HasIndex(x => new { x.PlanId, x.Seq }).IsUnique();
            e.HasIndex(x => new { x.PlanId, x.Uscc }).IsUnique();
            e.HasIndex(x => x.Uscc);
            e.HasOne<DrawPlanRecord>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Inspectors).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<InspectionTaskInspector>(e =>
        {
            e.ToTable("inspection_task_inspectors");
            e.HasKey(x => new { x.TaskId, x.Position });
            e.Property(x => x.InspectorId).HasMaxLength(InspectionTaskInspector.InspectorIdLength);
            e.HasIndex(x => x.InspectorId);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<InspectionTask>().Select(t => t.Id).Contains(x.TaskId));
        });
        b.Entity<DrawPlanInspector>(e =>
        {
            e.ToTable("draw_plan_inspectors");
            e.HasKey(x => new { x.PlanId, x.Pseudonym });
            e.Property(x => x.Pseudonym).HasMaxLength(DrawPlanInspector.PseudonymLength);
            e.Property(x => x.Certificate).HasMaxLength(InspectionTaskInspector.InspectorIdLength);
            e.Property(x => x.Name).HasMaxLength(DrawPlanRecord.NameLength);
            e.Property(x => x.Department).HasMaxLength(DrawPlanRecord.NameLength);
            e.Property(x => x.DepartmentCode).HasMaxLength(DrawPlanInspector.PseudonymLength);
            e.HasIndex(x => new { x.PlanId, x.Position }).IsUnique();
            e.HasOne<DrawPlanRecord>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<InspectorConflict>(e =>
        {
            e.ToTable("inspector_conflicts");
            e.HasKey(x => new { x.UserId, x.Uscc });
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Note).HasMaxLength(InspectorConflict.NoteLength);
            e.HasOne<SmartEnvUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<InspectionRecord>(e =>
        {
            e.ToTable("inspection_records");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Inspectors).HasMaxLength(InspectionRecord.ListLength);
            e.Property(x => x.ItemsChecked).HasMaxLength(InspectionRecord.ListLength);
            e.Property(x => x.Summary).HasMaxLength(InspectionRecord.TextLength);
            e.Property(x => x.RecordedBy).HasMaxLength(DrawPlanRecord.NameLength);
            e.HasIndex(x => new { x.Uscc, x.InspectedAt });
            e.HasIndex(x => x.TaskId);
            e.HasOne<InspectionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<InspectionFinding>(e =>
        {
            e.ToTable("inspection_findings");
            e.Property(x => x.Item).HasMaxLength(InspectionFinding.CodeLength);
            e.Property(x => x.Outcome).HasConversion(new SnakeCaseEnumConverter<StoredFindingOutcome>()).HasMaxLength(16);
            e.Property(x => x.Category).HasMaxLength(InspectionFinding.CodeLength);
            e.Property(x => x.CreditItemCode).HasMaxLength(InspectionFinding.CodeLength);
            e.Property(x => x.Description).HasMaxLength(InspectionFinding.TextLength);
            e.HasIndex(x => new { x.RecordId, x.Seq }).IsUnique();
            e.HasOne<InspectionRecord>().WithMany().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<InspectionRecord>().Select(r => r.Id).Contains(x.RecordId));
        });
        b.Entity<InspectionAttachment>(e =>
        {
            e.ToTable("inspection_attachments");
            e.Property(x => x.FileName).HasMaxLength(InspectionAttachment.FileNameLength);
            e.Property(x => x.ContentType).HasMaxLength(InspectionAttachment.ContentTypeLength);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => new { x.RecordId, x.Seq }).IsUnique();
            e.HasOne<InspectionRecord>().WithMany().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<InspectionRecord>().Select(r => r.Id).Contains(x.RecordId));
        });
        b.Entity<RectificationOrder>(e =>
        {
            e.ToTable("rectification_orders");
            e.Property(x => x.IssuedBy).HasMaxLength(DrawPlanRecord.NameLength);
            e.Property(x => x.FollowUpResult).HasConversion(new SnakeCaseEnumConverter<StoredFollowUpResult>()).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(RectificationOrder.NoteLength);
            e.HasIndex(x => x.FindingId).IsUnique();
            e.HasIndex(x => x.DueOn);
            e.HasOne<InspectionFinding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<InspectionFinding>().Select(f => f.Id).Contains(x.FindingId));
        });
        b.Entity<EnforcementCase>(e =>
        {
            e.ToTable("enforcement_cases");
            e.Property(x => x.CaseNumber).HasMaxLength(EnforcementCase.CaseNumberLength);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.LegalBasis).HasMaxLength(EnforcementCase.LegalBasisLength);
            e.Property(x => x.PenaltyType).HasConversion(new SnakeCaseEnumConverter<StoredPenaltyType>()).HasMaxLength(32);
            e.Property(x => x.Amount).HasPrecision(14, 2);
            e.Property(x => x.Status).HasConversion(new SnakeCaseEnumConverter<StoredEnforcementStatus>()).HasMaxLength(16);
            e.Property(x => x.Facts).HasMaxLength(EnforcementCase.TextLength);
            e.Property(x => x.CreditItemCode).HasMaxLength(EnforcementCase.CodeLength);
            e.Property(x => x.CreatedBy).HasMaxLength(EnforcementCase.CodeLength);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.CaseNumber).IsUnique();
            e.HasIndex(x => new { x.Uscc, x.DecidedOn });
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
    }
}
