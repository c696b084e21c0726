using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Plan;

namespace SmartEnv.Storage;

/// <summary>
/// The monitoring store's EF Core model, shared by both providers. Tables and columns are snake_case and identical on
/// SQLite and PostgreSQL, so the bulk paths in <see cref="ObservationWriter"/> use one SQL text. Instances are not
/// thread-safe (one per unit of work); create them through <see cref="SmartEnvStore.CreateContext()"/>.
/// Provider-specific subclasses (<see cref="SqliteSmartEnvDbContext"/>, <see cref="PostgresSmartEnvDbContext"/>) each
/// own a migrations folder. It is also the ASP.NET Core Identity store (<see cref="IdentityDbContext{TUser,TRole,TKey}"/>:
/// tables <c>users</c>, <c>roles</c>, <c>user_roles</c>, <c>user_claims</c>, <c>user_logins</c>, <c>user_tokens</c>,
/// <c>role_claims</c>; the roles of <see cref="SmartEnvRoles.All"/> are seeded by the migration) with the platform's
/// <c>user_enterprises</c> and <c>personal_access_tokens</c> (docs/security.md).
/// </summary>
public abstract partial class SmartEnvDbContext : IdentityDbContext<SmartEnvUser, IdentityRole<long>, long>
{
    /// <summary>Creates the context with provider options.</summary>
    /// <param name="options">Options naming the provider and connection.</param>
    protected SmartEnvDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Which enterprise-owned rows this context reads (<see cref="DataScope"/>), asked again at each query;
    /// <see cref="DataScope.All"/> unless the context was created with <see cref="SmartEnvStore.CreateContext(DataScope)"/>
    /// or <see cref="SmartEnvStore.CreateContext(Func{DataScope})"/>. The web's per-request context is resolved by the
    /// authentication handlers themselves (Identity's user store) before the request's principal is known, so its scope
    /// must follow the principal rather than be fixed when the context is made.</summary>
    public DataScope Scope => _scope();

    private Func<DataScope> _scope = static () => DataScope.All;

    /// <summary>Sets where <see cref="Scope"/> comes from, once, before the context is used.</summary>
    internal void UseScope(Func<DataScope> scope) => _scope = scope ?? throw new ArgumentNullException(nameof(scope));

    /// <summary>Name of the query filter that shows readers only the reviewed series of <c>hourly_aqi</c>/<c>daily_aqi</c>
    /// (issue 13, data review); <c>StoredAir</c> ignores it, and only it, to read the realtime series.</summary>
    public const string ReviewedFilter = "reviewed";

    /// <summary>Name of the query filters that apply <see cref="Scope"/> (enterprises, sites and the site-keyed tables).
    /// Ignoring them reads across enterprises: only unrestricted jobs and existence checks may.</summary>
    public const string ScopeFilter = "scope";

    // Read by the global query filters (EF Core evaluates context members per query, as parameters).
    private bool ScopeIsAll => Scope.IsAll;
    private List<string> ScopeUsccs => Scope.UsccList;

    /// <summary>Enterprises (排污单位) by 统一社会信用代码; filtered by <see cref="Scope"/>.</summary>
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    /// <summary>Monitoring sites (stations, sections, noise points).</summary>
    public DbSet<Site> Sites => Set<Site>();

    /// <summary>HJ 212 data loggers (MN + PW).</summary>
    public DbSet<Device> Devices => Set<Device>();

    /// <summary>Every received packet, raw.</summary>
    public DbSet<RawPacket> RawPackets => Set<RawPacket>();

    /// <summary>Counts of quarantined HJ 212 frames per quota window, address and reason (rows beyond the quarantine
    /// quota are counted here, not stored).</summary>
    public DbSet<QuarantineTally> QuarantineTallies => Set<QuarantineTally>();

    /// <summary>Decoded values.</summary>
    public DbSet<Observation> Observations => Set<Observation>();

    /// <summary>Hourly AQI rows.</summary>
    public DbSet<HourlyAqi> HourlyAqi => Set<HourlyAqi>();

    /// <summary>Daily AQI rows.</summary>
    public DbSet<DailyAqi> DailyAqi => Set<DailyAqi>();

    /// <summary>Data review records (数据审核): invalid marks and restores, append-only.</summary>
    public DbSet<ReviewMark> ReviewMarks => Set<ReviewMark>();

    /// <summary>Evaluation state per site and natural day (pending / done / failed).</summary>
    public DbSet<EvaluationDay> EvaluationDays => Set<EvaluationDay>();

    /// <summary>Hour aggregates of minute / real-time pollutant values (<see cref="HourSum"/>), kept by the writer.</summary>
    public DbSet<HourSum> HourSums => Set<HourSum>();

    /// <summary>(MN, QN) of recently stored packets, for resend de-duplication (<see cref="PacketKey"/>).</summary>
    public DbSet<PacketKey> PacketKeys => Set<PacketKey>();

    /// <summary>File import runs.</summary>
    public DbSet<ImportLog> ImportLogs => Set<ImportLog>();

    /// <summary>Claims of site-days by serving instances (multi-instance on PostgreSQL).</summary>
    public DbSet<EvaluationClaim> EvaluationClaims => Set<EvaluationClaim>();

    /// <summary>Rejected import rows.</summary>
    public DbSet<ImportReject> ImportRejects => Set<ImportReject>();

    /// <summary>Values of running imports, not yet applied (<see cref="ImportStaging"/>).</summary>
    public DbSet<ImportStagedValue> ImportStagedValues => Set<ImportStagedValue>();

    /// <summary>Plan tables' rows as imported (raw cells).</summary>
    public DbSet<PlanTableRow> PlanTableRows => Set<PlanTableRow>();

    /// <summary>专栏2 indicators (raw + parsed).</summary>
    public DbSet<PlanIndicatorRecord> PlanIndicators => Set<PlanIndicatorRecord>();

    /// <summary>Indicator values, append-only versions.</summary>
    public DbSet<PlanIndicatorValueRecord> PlanIndicatorValues => Set<PlanIndicatorValueRecord>();

    /// <summary>Major projects (raw + parsed + stage).</summary>
    public DbSet<PlanProjectRecord> PlanProjects => Set<PlanProjectRecord>();

    /// <summary>Project lifecycle transitions.</summary>
    public DbSet<PlanStageChangeRecord> PlanStageChanges => Set<PlanStageChangeRecord>();

    /// <summary>Project progress reports.</summary>
    public DbSet<PlanProgressReportRecord> PlanProgressReports => Set<PlanProgressReportRecord>();

    /// <summary>Project performance evaluations.</summary>
    public DbSet<PlanEvaluationRecord> PlanEvaluations => Set<PlanEvaluationRecord>();

    /// <summary>Alerts (one row per site + rule episode).</summary>
    public DbSet<Alert> Alerts => Set<Alert>();

    /// <summary>User ↔ enterprise bindings (by 统一社会信用代码).</summary>
    public DbSet<UserEnterprise> UserEnterprises => Set<UserEnterprise>();

    /// <summary>Personal access tokens (hashed).</summary>
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    /// <summary>The append-only, SHA-256 chained audit trail (<see cref="AuditTrail"/>; docs/security.md "Audit trail").</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Which provider this context talks to.</summary>
    public abstract StoreProvider Provider { get; }

    /// <summary>True when <c>observations</c> and <c>raw_packets</c> are partitioned by time (PostgreSQL, migration
    /// <c>Partitions</c>; docs/storage.md "Time partitions"). Then the primary keys carry the partition key —
    /// <c>observations</c> (id, data_time), <c>raw_packets</c> (id, received_at, status) — and the two foreign keys
    /// that pointed at those ids alone (<c>observations.raw_packet_id</c>, <c>review_marks.observation_id</c>) are not
    /// in the model (PostgreSQL cannot reference a partitioned table's id without its partition key); the code keeps
    /// their guarantee (<see cref="Maintenance.StorePurge"/>, <c>store check</c>). SQLite: false,
    /// same tables, single-column keys, both foreign keys.</summary>
    protected virtual bool TimePartitioned => false;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b); // Identity's tables, keys and indexes; renamed in ConfigureAccounts
        ConfigureAccounts(b);
        // Issue 16 (sources, permits, CEMS): one partial file per part, SmartEnvDbContext.Source*.cs.
        ConfigureSourceRegistry(b);
        ConfigureSourceMonitoring(b);
        ConfigureSourceExplanations(b);
        ConfigureWasteLedger(b);
        ConfigureWasteManifests(b);
        ConfigureWasteDeclarations(b);
        ConfigureMedicalWaste(b);
        ConfigureComplaints(b);
        ConfigureInspections(b);
        ConfigureCredit(b);
        ConfigureConstruction(b);
        ConfigureDrainage(b); // issue 20 part A
        ConfigureEmergency(b);
        ConfigureScheduling(b); // issue 20: platform scheduler
        ConfigureDataSources(b); // issue 22
        b.Entity<Enterprise>(e =>
        {
            e.ToTable("enterprises");
            e.HasKey(x => x.Uscc);
            e.Property(x => x.Uscc).HasMaxLength(Enterprise.UsccLength);
            e.Property(x => x.Name).HasMaxLength(Enterprise.NameLength);
            e.Property(x => x.Address).HasMaxLength(Enterprise.AddressLength);
            e.Property(x => x.Street).HasMaxLength(Enterprise.StreetLength);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || ScopeUsccs.Contains(x.Uscc));
        });
        b.Entity<Site>(e =>
        {
            e.ToTable("sites");
            e.Property(x => x.EnterpriseUscc).HasMaxLength(Enterprise.UsccLength);
            e.HasIndex(x => x.EnterpriseUscc);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseUscc).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopeFilter, x => ScopeIsAll || x.EnterpriseUscc == null || ScopeUsccs.Contains(x.EnterpriseUscc));
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(Site.CodeLength);
            e.Property(x => x.NameZh).HasMaxLength(128);
            e.Property(x => x.NameEn).HasMaxLength(128);
            e.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<SiteKind>()).HasMaxLength(16);
            e.Property(x => x.ControlLevel).HasConversion(new SnakeCaseEnumConverter<ControlLevel>()).HasMaxLength(16);
            e.Property(x => x.WaterTargetClass).HasMaxLength(4);
            e.Property(x => x.NoiseZone).HasMaxLength(4);
            e.Property(x => x.WaterBody).HasMaxLength(64);
            e.Property(x => x.CoordinateSource).HasMaxLength(512);
            e.Property(x => x.Note).HasMaxLength(1024);
        });
        b.Entity<Device>(e =>
        {
            e.ToTable("devices");
            e.HasIndex(x => x.Mn).IsUnique();
            e.Property(x => x.Mn).HasMaxLength(64);
            e.Ignore(nameof(Device.Password)); // write-only: sets PasswordHash
            e.Property(x => x.PasswordHash).HasMaxLength(128);
            e.HasOne(x => x.Site).WithMany(s => s.Devices).HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RawPacket>(e =>
        {
            e.ToTable("raw_packets");
            if (TimePartitioned)
            {
                // PostgreSQL: LIST (status) → RANGE (received_at) by month; the key must hold both partition keys.
                e.HasKey(x => new { x.Id, x.ReceivedAt, x.Status });
                e.Property(x => x.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
                e.HasIndex(x => x.ReceivedAt, "IX_raw_packets_received_at_brin").HasMethod("brin");
            }
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
            e.Property(x => x.Mn).HasMaxLength(RawPacket.MnLength);
            e.Property(x => x.Cn).HasMaxLength(RawPacket.CnLength);
            e.Property(x => x.Qn).HasMaxLength(RawPacket.QnLength);
            e.Property(x => x.Peer).HasMaxLength(RawPacket.PeerLength);
            e.Property(x => x.FramingDiagnostics).HasMaxLength(RawPacket.FramingDiagnosticsLength);
            e.Property(x => x.Status).HasConversion(new SnakeCaseEnumConverter<PacketStatus>()).HasMaxLength(16);
            e.Property(x => x.QuarantineReason).HasConversion(new SnakeCaseEnumConverter<QuarantineReason>()).HasMaxLength(32);
            e.Property(x => x.QuarantineDetail).HasMaxLength(RawPacket.QuarantineDetailLength);
        });
        b.Entity<QuarantineTally>(e =>
        {
            e.ToTable("quarantine_tallies");
            e.HasIndex(x => x.WindowStart);
            e.Property(x => x.Address).HasMaxLength(QuarantineTally.AddressLength);
            e.Property(x => x.Reason).HasConversion(new SnakeCaseEnumConverter<QuarantineReason>()).HasMaxLength(32);
        });
        b.Entity<Observation>(e =>
        {
            e.ToTable("observations");
            // The measurement key: site, parameter, averaging period, time (docs/storage.md "observations").
            e.HasIndex(x => new { x.SiteId, x.ParameterCode, x.Period, x.DataTime }).IsUnique();
            // A device's newest value per period (offline rule, AlertScanner).
            e.HasIndex(x => new { x.Mn, x.Period, x.DataTime });
            e.HasIndex(x => x.ImportLogId);
            e.HasIndex(x => x.RawPacketId); // the purge's "does a value name this packet" (and the FK's index on SQLite)
            if (TimePartitioned)
            {
                // PostgreSQL: RANGE (data_time) by month; the key must hold the partition key.
                e.HasKey(x => new { x.Id, x.DataTime });
                e.Property(x => x.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
                e.HasIndex(x => x.DataTime, "IX_observations_data_time_brin").HasMethod("brin");
            }
            e.Property(x => x.Mn).HasMaxLength(Observation.MnLength);
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Period).HasConversion(new SnakeCaseEnumConverter<PeriodType>()).HasMaxLength(16);
            e.Property(x => x.ValueText).HasMaxLength(Observation.ValueTextLength);
            e.Property(x => x.Unit).HasMaxLength(Observation.UnitLength);
            e.Property(x => x.Flag).HasMaxLength(Observation.FlagLength);
            e.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            if (!TimePartitioned) // partitioned: kept by the code (StorePurge deletes only unnamed packets; StoreCheck)
                e.HasOne<RawPacket>().WithMany().HasForeignKey(x => x.RawPacketId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportLog>().WithMany().HasForeignKey(x => x.ImportLogId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<HourlyAqi>(e =>
        {
            e.ToTable("hourly_aqi");
            e.HasIndex(x => new { x.SiteId, x.HourStart, x.RegimeId, x.Reviewed }).IsUnique();
            e.Property(x => x.Reviewed).HasDefaultValue(true).HasSentinel(true); // true = unset → the default; false is sent
            // The reviewed series is what every reader gets; a realtime row (Reviewed false, stored only where review
            // excluded something) is read by ignoring the filter named ReviewedFilter only (StoredAir, docs/storage.md "Data review").
            e.HasQueryFilter(ReviewedFilter, x => x.Reviewed);
            e.Property(x => x.RegimeId).HasMaxLength(32);
            PollutantList(e.Property(x => x.PrimaryPollutants));
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DailyAqi>(e =>
        {
            e.ToTable("daily_aqi");
            e.HasIndex(x => new { x.SiteId, x.Date, x.RegimeId, x.Reviewed }).IsUnique();
            e.Property(x => x.Reviewed).HasDefaultValue(true).HasSentinel(true); // true = unset → the default; false is sent
            e.HasQueryFilter(ReviewedFilter, x => x.Reviewed);
            e.Property(x => x.RegimeId).HasMaxLength(32);
            PollutantList(e.Property(x => x.PrimaryPollutants));
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ReviewMark>(e =>
        {
            e.ToTable("review_marks");
            e.HasIndex(x => new { x.SiteId, x.FromHour });
            e.HasIndex(x => x.ObservationId);
            e.Property(x => x.Action).HasConversion(new SnakeCaseEnumConverter<ReviewAction>()).HasMaxLength(16);
            e.Property(x => x.Reason).HasConversion(new SnakeCaseEnumConverter<ReviewReason>()).HasMaxLength(32);
            e.Property(x => x.Period).HasConversion(new SnakeCaseEnumConverter<PeriodType>()).HasMaxLength(16);
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Text).HasMaxLength(ReviewMark.TextLength);
            e.Property(x => x.Actor).HasMaxLength(ReviewMark.ActorLength);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            if (!TimePartitioned) // partitioned: observations are never deleted (ReviewBook checks the id exists; StoreCheck)
                e.HasOne<Observation>().WithMany().HasForeignKey(x => x.ObservationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ReviewMark>().WithMany().HasForeignKey(x => x.RestoresId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<EvaluationDay>(e =>
        {
            e.ToTable("evaluation_days");
            e.HasIndex(x => new { x.SiteId, x.Day }).IsUnique();
            e.HasIndex(x => new { x.State, x.NextAttemptAt });
            e.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<EvaluationState>()).HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(1024);
            e.Property(x => x.ClaimedBy).HasMaxLength(EvaluationDay.InstanceLength);
            e.HasIndex(x => x.LeaseUntil); // claims whose claimer died (EvaluationClaims)
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<HourSum>(e =>
        {
            e.ToTable("hour_sums");
            e.HasKey(x => new { x.SiteId, x.ParameterCode, x.Period, x.HourStart });
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Period).HasConversion(new SnakeCaseEnumConverter<PeriodType>()).HasMaxLength(16);
            e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PacketKey>(e =>
        {
            e.ToTable("packet_keys");
            e.HasKey(x => new { x.Mn, x.Qn });
            e.HasIndex(x => x.ReceivedAt);
            e.Property(x => x.Mn).HasMaxLength(RawPacket.MnLength);
            e.Property(x => x.Qn).HasMaxLength(RawPacket.QnLength);
        });
        b.Entity<EvaluationClaim>(e =>
        {
            e.ToTable("evaluation_claims");
            e.HasIndex(x => new { x.SiteId, x.Day });
            e.HasIndex(x => x.ClaimedAt);
            e.Property(x => x.Instance).HasMaxLength(EvaluationDay.InstanceLength);
            e.Property(x => x.Outcome).HasMaxLength(16);
        });
        b.Entity<ImportLog>(e =>
        {
            e.ToTable("import_logs");
            e.HasIndex(x => x.Sha256);
            e.Property(x => x.Format).HasMaxLength(32);
            e.Property(x => x.FileName).HasMaxLength(256);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<ImportState>()).HasMaxLength(16);
            e.Property(x => x.Owner).HasMaxLength(ImportLog.OwnerLength);
            e.Property(x => x.Error).HasMaxLength(ImportLog.ErrorLength);
            e.HasIndex(x => x.State);
            e.HasMany(x => x.Rejects).WithOne().HasForeignKey(r => r.ImportLogId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportStagedValue>(e =>
        {
            e.ToTable("import_staged_values");
            // Per run, the measurement key of observations: the apply joins on it.
            e.HasIndex(x => new { x.ImportLogId, x.SiteId, x.ParameterCode, x.Period, x.DataTime }).IsUnique();
            e.Property(x => x.ParameterCode).HasMaxLength(Observation.ParameterCodeLength);
            e.Property(x => x.Period).HasConversion(new SnakeCaseEnumConverter<PeriodType>()).HasMaxLength(16);
            e.Property(x => x.ValueText).HasMaxLength(Observation.ValueTextLength);
            e.Property(x => x.Unit).HasMaxLength(Observation.UnitLength);
            e.Property(x => x.Flag).HasMaxLength(Observation.FlagLength);
            e.HasOne<ImportLog>().WithMany().HasForeignKey(x => x.ImportLogId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportReject>(e =>
        {
            e.ToTable("import_rejects");
            e.Property(x => x.Column).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(256);
            e.Property(x => x.RawText).HasMaxLength(200);
        });
        b.Entity<Alert>(e =>
        {
            e.ToTable("alerts");
            e.HasIndex(x => new { x.SiteId, x.Rule, x.OpenedAt });
            e.HasIndex(x => new { x.Status, x.OpenedAt });
            e.Property(x => x.Rule).HasConversion(new SnakeCaseEnumConverter<AlertRule>()).HasMaxLength(32);
            e.Property(x => x.Severity).HasConversion(new SnakeCaseEnumConverter<AlertSeverity>()).HasMaxLength(16);
            e.Property(x => x.Status).HasConversion(new SnakeCaseEnumConverter<AlertStatus>()).HasMaxLength(16);
            e.Property(x => x.Detail).HasMaxLength(128);
            e.Property(x => x.MessageZh).HasMaxLength(512);
            e.Property(x => x.MessageEn).HasMaxLength(512);
            e.Property(x => x.AcknowledgedBy).HasMaxLength(64);
            e.Property(x => x.AcknowledgeNote).HasMaxLength(1024);
            e.Property(x => x.ClosedBy).HasMaxLength(64);
            e.Property(x => x.CloseNote).HasMaxLength(1024);
            e.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasIndex(x => x.Seq).IsUnique();
            e.HasIndex(x => x.Time);
            e.HasIndex(x => new { x.ActorKind, x.ActorName });
            e.HasIndex(x => new { x.TargetType, x.TargetId });
            e.Property(x => x.ActorKind).HasConversion(new SnakeCaseEnumConverter<AuditActorKind>()).HasMaxLength(16);
            e.Property(x => x.ActorName).HasMaxLength(AuditEntry.ActorNameLength);
            e.Property(x => x.Action).HasMaxLength(AuditEntry.ActionLength);
            e.Property(x => x.TargetType).HasMaxLength(AuditEntry.TargetTypeLength);
            e.Property(x => x.TargetId).HasMaxLength(AuditEntry.TargetIdLength);
            // Plain text, never jsonb: the hash covers the JSON exactly as written (jsonb would reorder keys and spacing).
            e.Property(x => x.Before).HasColumnType("text");
            e.Property(x => x.After).HasColumnType("text");
            e.Property(x => x.Reason).HasMaxLength(AuditEntry.ReasonLength);
            e.Property(x => x.ClientAddress).HasMaxLength(AuditEntry.ClientAddressLength);
            e.Property(x => x.PrevHash).HasMaxLength(AuditEntry.HashLength);
            e.Property(x => x.Hash).HasMaxLength(AuditEntry.HashLength);
        });
        // Site-keyed rows follow their site: site_id IN (the ids of the sites visible in this scope), an uncorrelated
        // subquery (one per statement), not a join per row; All short-circuits (DataScope, docs/security.md).
        b.Entity<Device>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        b.Entity<Observation>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        b.Entity<HourlyAqi>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        b.Entity<DailyAqi>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        b.Entity<EvaluationDay>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        b.Entity<EvaluationClaim>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        b.Entity<Alert>().HasQueryFilter(ScopeFilter, x => ScopeIsAll || Set<Site>().Select(s => s.Id).Contains(x.SiteId));
        ConfigurePlan(b);

        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var p in entity.GetProperties())
                p.SetColumnName(SnakeCaseEnumConverter<StoreProvider>.ToSnake(p.Name));
    }

    /// <summary>Primary pollutants: a list in the entity, a JSON array of keys in the column (<c>["pm25_24h"]</c>, <c>[]</c>).</summary>
    private static void PollutantList(PropertyBuilder<List<string>> p) =>
        p.HasConversion(
            v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
            s => System.Text.Json.JsonSerializer.Deserialize<List<string>>(s, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<string>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode(StringComparison.Ordinal))), v => v.ToList()))
            .HasMaxLength(128).IsRequired();

    /// <summary>Fixed ids and concurrency stamps of the seeded roles (a migration's seed data must not change between
    /// builds): <see cref="SmartEnvRoles.All"/> in order, ids 1…6.</summary>
    public static IReadOnlyList<IdentityRole<long>> SeededRoles { get; } = SmartEnvRoles.All
        .Select((name, i) => new IdentityRole<long> { Id = i + 1, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = "smartenv-role-" + name })
        .ToList();

    private static void ConfigureAccounts(ModelBuilder b)
    {
        b.Entity<SmartEnvUser>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.DisplayName).HasMaxLength(SmartEnvUser.DisplayNameLength);
            e.Property(x => x.EnforcementCertificate).HasMaxLength(SmartEnvUser.CertificateLength);
            e.Property(x => x.Department).HasMaxLength(SmartEnvUser.DepartmentLength);
            e.HasIndex(x => x.EnforcementCertificate).IsUnique();
        });
        b.Entity<IdentityRole<long>>(e =>
        {
            e.ToTable("roles");
            e.HasData(SeededRoles.Select(r => new IdentityRole<long> { Id = r.Id, Name = r.Name, NormalizedName = r.NormalizedName, ConcurrencyStamp = r.ConcurrencyStamp }));
        });
        b.Entity<IdentityUserRole<long>>().ToTable("user_roles");
        b.Entity<IdentityUserClaim<long>>().ToTable("user_claims");
        b.Entity<IdentityUserLogin<long>>().ToTable("user_logins");
        b.Entity<IdentityUserToken<long>>().ToTable("user_tokens");
        b.Entity<IdentityRoleClaim<long>>().ToTable("role_claims");
        b.Entity<UserEnterprise>(e =>
        {
            e.ToTable("user_enterprises");
            e.HasKey(x => new { x.UserId, x.Uscc });
            e.HasIndex(x => x.Uscc);
            e.Property(x => x.Uscc).HasMaxLength(UserEnterprise.UsccLength);
            e.HasOne<SmartEnvUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PersonalAccessToken>(e =>
        {
            e.ToTable("personal_access_tokens");
            e.HasIndex(x => x.Prefix);
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Name).HasMaxLength(PersonalAccessToken.NameLength);
            e.Property(x => x.Prefix).HasMaxLength(PersonalAccessToken.PrefixLength);
            e.Property(x => x.Hash).HasMaxLength(32);
            e.HasOne<SmartEnvUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigurePlan(ModelBuilder b)
    {
        b.Entity<PlanTableRow>(e =>
        {
            e.ToTable("plan_table_rows");
            e.HasIndex(x => new { x.TableId, x.Position }).IsUnique();
            e.Property(x => x.TableId).HasMaxLength(32);
        });
        b.Entity<PlanIndicatorRecord>(e =>
        {
            e.ToTable("plan_indicators");
            e.HasIndex(x => x.Number).IsUnique();
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Comparator).HasMaxLength(4);
        });
        b.Entity<PlanIndicatorValueRecord>(e =>
        {
            e.ToTable("plan_indicator_values");
            e.HasIndex(x => new { x.IndicatorId, x.Year, x.Version }).IsUnique();
            e.Property(x => x.Source).HasMaxLength(16);
            e.HasOne<PlanIndicatorRecord>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PlanProjectRecord>(e =>
        {
            e.ToTable("plan_projects");
            e.HasIndex(x => x.Sequence).IsUnique();
            e.Property(x => x.Stage).HasMaxLength(32);
        });
        b.Entity<PlanStageChangeRecord>(e =>
        {
            e.ToTable("plan_stage_changes");
            e.HasIndex(x => x.ProjectId);
            e.Property(x => x.FromStage).HasMaxLength(32);
            e.Property(x => x.ToStage).HasMaxLength(32);
            e.HasOne<PlanProjectRecord>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PlanProgressReportRecord>(e =>
        {
            e.ToTable("plan_progress_reports");
            e.HasIndex(x => x.ProjectId);
            e.HasOne<PlanProjectRecord>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PlanEvaluationRecord>(e =>
        {
            e.ToTable("plan_evaluations");
            e.HasIndex(x => x.ProjectId);
            e.HasOne<PlanProjectRecord>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PlanEvaluationScoreRecord>(e =>
        {
            e.ToTable("plan_evaluation_scores");
            e.Property(x => x.Dimension).HasMaxLength(16);
        });
    }
}
