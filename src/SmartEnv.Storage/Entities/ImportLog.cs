namespace SmartEnv.Storage.Entities;

/// <summary>
/// One run of <c>smartenv import</c> over one file: what was read, accepted and rejected, and whether it was applied. The
/// file's SHA-256 lets a re-import be recognised. A run's values are first staged (<see cref="ImportStagedValue"/>, invisible
/// to every reader) and applied in one transaction (<see cref="ImportStaging"/>), so a run is either applied whole or leaves
/// nothing visible (docs/storage.md "Atomic imports"). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class ImportLog
{
    /// <summary>Column width of <see cref="Owner"/>.</summary>
    public const int OwnerLength = 128;

    /// <summary>Column width of <see cref="Error"/>.</summary>
    public const int ErrorLength = 1024;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Import format, e.g. <c>cnemc-sites</c>.</summary>
    public required string Format { get; set; }

    /// <summary>File name as given (no directory).</summary>
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file bytes, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Start of the run (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>End of the run (UTC); null while running or if it crashed.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Data rows read.</summary>
    public int RowsRead { get; set; }

    /// <summary>Values accepted (new or unchanged).</summary>
    public int ValuesAccepted { get; set; }

    /// <summary>Values newly inserted by this run (0 on a re-import).</summary>
    public int ValuesInserted { get; set; }

    /// <summary>Rows or cells rejected; details in <see cref="Rejects"/>.</summary>
    public int Rejected { get; set; }

    /// <summary>Where the run is: <see cref="ImportState.Running"/> until its values are applied (or it is refused,
    /// rejected or failed). Runs of releases before this column are <see cref="ImportState.Applied"/> when finished, else
    /// <see cref="ImportState.Failed"/> (migration <c>AtomicImports</c>).</summary>
    public ImportState State { get; set; } = ImportState.Running;

    /// <summary>The process running the import, <c>HOST/PID/START</c> (start = the process's start time, Unix ms), so that a
    /// later start can tell a crashed run from a live one (<c>ImportRecovery</c>); null for runs of earlier releases.</summary>
    public string? Owner { get; set; }

    /// <summary>Last sign of life of a running import (UTC), renewed with every staged chunk; a run on another host whose
    /// heartbeat is older than the recovery's limit is taken as crashed.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>Why the run failed or was refused (≤ <see cref="ErrorLength"/> characters), else null.</summary>
    public string? Error { get; set; }

    /// <summary>Stored values this run changed (applied with the replace option) or would have changed (refused).</summary>
    public int ValuesChanged { get; set; }

    /// <summary>True when the run was allowed to change stored values (<c>--replace</c>, <c>replace=true</c>).</summary>
    public bool Replace { get; set; }

    /// <summary>Highest <c>sites.id</c> when the run started: sites an importer creates during the run have a greater id,
    /// which lets a failed run remove the (empty) sites it created.</summary>
    public long SiteIdFloor { get; set; }

    /// <summary>Column width of <see cref="FlaggedFindings"/>.</summary>
    public const int FlaggedFindingsLength = 256;

    /// <summary>Key of the data source the file came from (<c>--source</c>, form field <c>source</c>; issue 22), or null.</summary>
    public string? SourceKey { get; set; }

    /// <summary>Ids of the source's active findings whose range covers hours of this import, comma-separated in ascending
    /// order (e.g. <c>3,5</c>): the run is "flagged on arrival" (its values are stored; the flag says how far to trust them);
    /// null when not flagged.</summary>
    public string? FlaggedFindings { get; set; }

    /// <summary>Rejected rows with reasons.</summary>
    public List<ImportReject> Rejects { get; set; } = [];
}

/// <summary>State of an import run (<see cref="ImportLog.State"/>; stored snake_case).</summary>
public enum ImportState
{
    /// <summary>Reading or staging; nothing of the run is visible.</summary>
    Running,

    /// <summary>The run's values were applied in one transaction (its AQI days marked pending in the same transaction).</summary>
    Applied,

    /// <summary>The file was rejected whole (malformed, implausible time): nothing stored, rejects listed.</summary>
    Rejected,

    /// <summary>The run would have changed stored values and was not allowed to (no replace option): nothing applied;
    /// <see cref="ImportLog.ValuesChanged"/> and <see cref="ImportLog.Error"/> say how many and give examples.</summary>
    Refused,

    /// <summary>The run ended by an error, a cancellation or a crash (found at the next start): nothing of it is visible.</summary>
    Failed,
}
