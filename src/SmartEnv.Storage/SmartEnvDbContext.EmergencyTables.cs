using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Emergency;

namespace SmartEnv.Storage;

// Issue 20: emergency_risk_units, emergency_risk_substances, emergency_documents, emergency_plans,
// emergency_plan_attachments, emergency_events, emergency_event_reports; migration Emergency. Units, documents and plans
// are scoped by the USCC (an enterprise user sees its own); events are staff-only (an enterprise scope sees none).
public abstract partial class SmartEnvDbContext
{
    /// <summary>Risk units; scoped.</summary>
    public DbSet<EmergencyRiskUnit> EmergencyRiskUnits => Set<EmergencyRiskUnit>();

    /// <summary>Risk substances; scoped through the unit.</summary>
    public DbSet<EmergencyRiskSubstance> EmergencyRiskSubstances => Set<EmergencyRiskSubstance>();

    /// <summary>一源一事一案 and 岗位应急卡 files; scoped.</summary>
    public DbSet<EmergencyDocument> EmergencyDocuments => Set<EmergencyDocument>();

    /// <summary>Emergency plans and their filing; scoped.</summary>
    public DbSet<EmergencyPlan> EmergencyPlans => Set<EmergencyPlan>();

    /// <summary>Filing-set files; scoped through the plan.</summary>
    public DbSet<EmergencyPlanAttachment> EmergencyPlanAttachments => Set<EmergencyPlanAttachment>();

    /// <summary>Emergency events; staff only.</summary>
    public DbSet<EmergencyEvent> EmergencyEvents => Set<EmergencyEvent>();

    /// <summary>Event reports; staff only.</summary>
    public DbSet<EmergencyEventReport> EmergencyEventReports => Set<EmergencyEventReport>();

    /// <summary>The model of the issue-20 emergency tables.</summary>
    partial void ConfigureEmergency(ModelBuilder b);

    partial void ConfigureEmergency(ModelBuilder b)
    {
        const int code = EmergencyRiskUnit.CodeLength, by = EmergencyRiskUnit.ByLength;
        b.Entity<EmergencyRiskUnit>(e =>
        {
            e.ToTable("emergency_risk_units");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Name).HasMaxLength(EmergencyRiskUnit.NameLength);
            e.Property(x => x.Level).HasMaxLength(8);
            e.Property(x => x.Expression).HasMaxLength(EmergencyRiskUnit.ExpressionLength);
            e.Property(x => x.UpdatedBy).HasMaxLength(by);
            e.HasIndex(x => x.Uscc);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Substances).WithOne().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<EmergencyRiskSubstance>(e =>
        {
            e.ToTable("emergency_risk_substances");
            e.Property(x => x.Name).HasMaxLength(EmergencyRiskUnit.NameLength);
            e.Property(x => x.Cas).HasMaxLength(EmergencyRiskSubstance.CasLength);
            e.Property(x => x.OnSiteTonnes).HasPrecision(14, 4);
            e.Property(x => x.CriticalTonnes).HasPrecision(14, 4);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<EmergencyRiskUnit>().Select(u => u.Id).Contains(x.UnitId));
        });
        b.Entity<EmergencyDocument>(e =>
        {
            e.ToTable("emergency_documents");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Kind).HasMaxLength(code);
            e.Property(x => x.Title).HasMaxLength(EmergencyRiskUnit.NameLength);
            e.Property(x => x.FileName).HasMaxLength(128);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(by);
            e.HasIndex(x => new { x.Uscc, x.Kind });
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<EmergencyPlan>(e =>
        {
            e.ToTable("emergency_plans");
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Title).HasMaxLength(EmergencyRiskUnit.NameLength);
            e.Property(x => x.PlanVersion).HasMaxLength(code);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.CheckedBy).HasMaxLength(by);
            e.Property(x => x.FilingNumber).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(EmergencyPlan.NoteLength);
            e.Property(x => x.RulesVersion).HasMaxLength(code);
            e.Property(x => x.CreatedBy).HasMaxLength(by);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Uscc, x.State });
            e.HasIndex(x => x.FilingNumber).IsUnique();
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<EmergencyPlanAttachment>(e =>
        {
            e.ToTable("emergency_plan_attachments");
            e.Property(x => x.DocCode).HasMaxLength(code);
            e.Property(x => x.FileName).HasMaxLength(128);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => new { x.PlanId, x.DocCode });
            e.HasOne<EmergencyPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<EmergencyPlan>().Select(p => p.Id).Contains(x.PlanId));
        });
        b.Entity<EmergencyEvent>(e =>
        {
            e.ToTable("emergency_events");
            e.Property(x => x.Title).HasMaxLength(EmergencyEvent.TitleLength);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.LossYuan).HasPrecision(16, 2);
            e.Property(x => x.WaterIntake).HasMaxLength(code);
            e.Property(x => x.CrossBoundary).HasMaxLength(code);
            e.Property(x => x.Circumstances).HasMaxLength(128);
            e.Property(x => x.Level).HasMaxLength(code);
            e.Property(x => x.DecisiveRule).HasMaxLength(code);
            e.Property(x => x.ReportAs).HasMaxLength(code);
            e.Property(x => x.DeadlineReason).HasMaxLength(code);
            e.Property(x => x.ReportState).HasMaxLength(16);
            e.Property(x => x.RulesVersion).HasMaxLength(code);
            e.Property(x => x.RecordedBy).HasMaxLength(by);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.LearnedAt);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
        b.Entity<EmergencyEventReport>(e =>
        {
            e.ToTable("emergency_event_reports");
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Text).HasMaxLength(EmergencyEventReport.TextLength);
            e.Property(x => x.By).HasMaxLength(by);
            e.HasIndex(x => new { x.EventId, x.Seq }).IsUnique();
            e.HasOne<EmergencyEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll);
        });
    }
}
