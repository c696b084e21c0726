using System.Net;
using SmartEnv.Alerts;
using SmartEnv.Storage;

namespace SmartEnv.Web;

/// <summary>Everything the HTTP host needs. Immutable after construction; thread-safe.</summary>
public sealed class SmartEnvWebOptions
{
    /// <summary>The opened (migrated) store.</summary>
    public required SmartEnvStore Store { get; init; }

    /// <summary>The legacy admin token (honoured as an <c>admin</c> principal until revoked), or null when the data
    /// directory has none (docs/security.md "Bootstrap").</summary>
    public AdminToken? AdminToken { get; init; }

    /// <summary>Readiness reported by <c>/health</c>.</summary>
    public required Readiness Readiness { get; init; }

    /// <summary>How readiness probes the store (probe interval, integrity-check interval, free-space minimum; issue 14).</summary>
    public SmartEnv.Storage.Maintenance.StoreHealthOptions StoreHealth { get; init; } = new();

    /// <summary>HTTP port; 0 picks a free port (tests). Defaults to 5080.</summary>
    public int HttpPort { get; init; } = 5080;

    /// <summary>Address to listen on. Defaults to <see cref="IPAddress.Any"/> (all IPv4 interfaces).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Air stations whose stored hours give plan indicators #9/#13 (HJ 663-2013); null = default 1420A 唐家沱.</summary>
    public IReadOnlyList<string>? PlanAirStations { get; init; }

    /// <summary>Vendor factor-code aliases for <c>POST /api/import</c> of hj212-log files, as the gateway uses them
    /// (<c>smartenv serve --factor-aliases</c>; docs/hj212.md "Factor aliases"); null = the shipped defaults.</summary>
    public SmartEnv.Hj212.Codes.Hj212FactorAliases? FactorAliases { get; init; }

    /// <summary>Limits every file uploaded to <c>POST /api/import</c> is read under (decompressed size, lines, line length,
    /// cells per line; <see cref="SmartEnv.Ingestion.Files.ImportLimits"/>, docs/security.md "File imports"); a file past
    /// one is answered 400 naming it. <c>smartenv serve --import-max-…</c>. Defaults <see cref="SmartEnv.Ingestion.Files.ImportLimits.Default"/>.</summary>
    public SmartEnv.Ingestion.Files.ImportLimits ImportLimits { get; init; } = SmartEnv.Ingestion.Files.ImportLimits.Default;

    /// <summary>Device PWs set through <c>/api/devices</c>, handed to the HJ 212 gateway of the same process so it need
    /// not verify them again by PBKDF2 (<see cref="DevicePasswordNotices"/>; the platform connects both). A new hub
    /// with no subscriber by default.</summary>
    public DevicePasswordNotices DevicePasswordNotices { get; init; } = new();

    /// <summary>Directory of the attachments of 异常说明 (issue 16, <c>SmartEnv.Sources.Explanations.ExplanationAttachments</c>):
    /// <c>smartenv serve</c> sets <c>DATA_DIR/attachments</c>. Null (tests, embedded hosts): explanations are filed without
    /// attachments and an upload is refused (400 naming <c>file</c>).</summary>
    public string? ExplanationAttachmentDirectory { get; init; }

    /// <summary>Hazardous-waste labels (issue 17 P3): the public address their QR codes open and the CJK font they print
    /// with (<c>smartenv serve --public-url --label-font</c>); defaults: the request's address, the Debian fonts.</summary>
    public SmartEnv.Waste.Labels.LabelOptions Labels { get; init; } = new();

    /// <summary>Clock for timestamps; defaults to the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Alerting settings (live window 24 h, offline after 3 h, scan every minute; a zero
    /// <see cref="AlertOptions.ScanInterval"/> turns the periodic scan off, e.g. for tests that scan themselves).</summary>
    public AlertOptions Alerts { get; init; } = new();

    /// <summary>This instance's part in a cluster of <c>serve</c> instances on one PostgreSQL store (leadership of the alert
    /// scans, <see cref="SmartEnv.Storage.Cluster.ClusterLeader"/>); ignored on SQLite. Defaults when not set.</summary>
    public SmartEnv.Storage.Cluster.ClusterOptions Cluster { get; init; } = new();

    /// <summary>Limits of expensive requests (exports, long ranges): per anonymous address and in all
    /// (<see cref="ExpensiveRequestLimits"/>; docs/security.md "What leaves the platform").</summary>
    public ExpensiveRequestLimits ExpensiveRequests { get; init; } = new();

    /// <summary>Whether the platform scheduler's loop runs (default true, as in <c>serve</c>; docs/operations.md "Schedules").
    /// The <see cref="SmartEnv.Scheduling.Scheduler"/> is registered either way (<c>GET /api/schedules</c>); a test that
    /// drives the scheduler itself sets false.</summary>
    public bool RunScheduler { get; init; } = true;
}
