namespace SmartEnv.Storage.Entities;

/// <summary>
/// One run of <c>smartenv import</c> over one file: what was read, accepted and rejected. The file's SHA-256 lets a
/// re-import be recognised. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class ImportLog
{
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

    /// <summary>Rejected rows with reasons.</summary>
    public List<ImportReject> Rejects { get; set; } = [];
}
