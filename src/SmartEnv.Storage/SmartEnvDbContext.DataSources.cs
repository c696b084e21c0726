using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.DataSources;

namespace SmartEnv.Storage;

// Issue 22: data_sources, data_source_findings, and import_logs.source_key / flagged_findings; migration DataSources.
// Staff records: no enterprise scope (the routes are staff-only).
public abstract partial class SmartEnvDbContext
{
    /// <summary>Publishers of data the bureau receives.</summary>
    public DbSet<DataSource> DataSources => Set<DataSource>();

    /// <summary>Verification findings attached to data sources.</summary>
    public DbSet<DataSourceFinding> DataSourceFindings => Set<DataSourceFinding>();

    /// <summary>The model of the issue-22 data-source tables.</summary>
    partial void ConfigureDataSources(ModelBuilder b);

    partial void ConfigureDataSources(ModelBuilder b)
    {
        b.Entity<DataSource>(e =>
        {
            e.ToTable("data_sources");
            e.Property(x => x.Key).HasMaxLength(DataSource.KeyLength);
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Name).HasMaxLength(DataSource.NameLength);
            e.Property(x => x.Publisher).HasMaxLength(DataSource.NameLength);
            e.Property(x => x.Url).HasMaxLength(DataSource.UrlLength);
            e.Property(x => x.Formats).HasMaxLength(DataSource.FormatsLength);
            e.Property(x => x.Notes).HasMaxLength(DataSource.NotesLength);
            e.Property(x => x.CreatedBy).HasMaxLength(DataSource.ByLength);
            e.Property(x => x.UpdatedBy).HasMaxLength(DataSource.ByLength);
        });
        b.Entity<DataSourceFinding>(e =>
        {
            e.ToTable("data_source_findings");
            e.Property(x => x.Domain).HasMaxLength(DataSourceFinding.DomainLength);
            e.Property(x => x.Cause).HasMaxLength(DataSourceFinding.CauseLength);
            e.Property(x => x.Figure).HasMaxLength(DataSourceFinding.FigureLength).HasDefaultValue("aqi");
            e.Property(x => x.Summary).HasMaxLength(DataSourceFinding.TextLength);
            e.Property(x => x.SummaryEn).HasMaxLength(DataSourceFinding.TextLength);
            e.Property(x => x.Note).HasMaxLength(DataSourceFinding.TextLength);
            e.Property(x => x.State).HasMaxLength(DataSourceFinding.StateLength);
            e.Property(x => x.AttachedBy).HasMaxLength(DataSource.ByLength);
            e.Property(x => x.WithdrawnBy).HasMaxLength(DataSource.ByLength);
            e.Property(x => x.WithdrawReason).HasMaxLength(DataSourceFinding.TextLength);
            e.HasIndex(x => new { x.DataSourceId, x.State });
            e.HasOne<DataSource>().WithMany().HasForeignKey(x => x.DataSourceId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ImportLog>(e =>
        {
            e.Property(x => x.SourceKey).HasMaxLength(DataSource.KeyLength);
            e.Property(x => x.FlaggedFindings).HasMaxLength(ImportLog.FlaggedFindingsLength);
            e.HasIndex(x => x.SourceKey);
        });
    }
}
