using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Storage;

// Issue 16 P5: source_explanations (异常说明), migration SourceExplanations.
public abstract partial class SmartEnvDbContext
{
    /// <summary>异常说明 filed by enterprises for their outlets, decided by staff; filtered by the enterprise's USCC.</summary>
    public DbSet<SourceExplanation> SourceExplanations => Set<SourceExplanation>();

    partial void ConfigureSourceExplanations(ModelBuilder b)
    {
        b.Entity<SourceExplanation>(e =>
        {
            e.ToTable("source_explanations", t =>
            {
                t.HasCheckConstraint("ck_source_explanations_state", "\"state\" IN ('submitted','accepted','rejected','withdrawn')");
                t.HasCheckConstraint("ck_source_explanations_reason", "\"reason\" IN ('shutdown','maintenance','fault','other')");
                t.HasCheckConstraint("ck_source_explanations_range", "\"to_hour\" >= \"from_hour\"");
            });
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Reason).HasMaxLength(SourceExplanation.CodeLength);
            e.Property(x => x.State).HasMaxLength(SourceExplanation.CodeLength);
            e.Property(x => x.Text).HasMaxLength(SourceExplanation.TextLength);
            e.Property(x => x.AttachmentName).HasMaxLength(SourceExplanation.AttachmentNameLength);
            e.Property(x => x.AttachmentPath).HasMaxLength(SourceExplanation.AttachmentPathLength);
            e.Property(x => x.AttachmentSha256).HasMaxLength(SourceExplanation.Sha256Length);
            e.Property(x => x.SubmittedBy).HasMaxLength(SourceExplanation.ActorLength);
            e.Property(x => x.DecidedBy).HasMaxLength(SourceExplanation.ActorLength);
            e.Property(x => x.DecisionNote).HasMaxLength(SourceExplanation.NoteLength);
            e.HasIndex(x => new { x.Uscc, x.SubmittedAt });
            e.HasIndex(x => new { x.State, x.FromHour });
            e.HasIndex(x => x.SiteId);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.Uscc).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
    }
}
