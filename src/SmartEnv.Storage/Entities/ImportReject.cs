namespace SmartEnv.Storage.Entities;

/// <summary>A rejected row or cell of an import, with its position and reason (after OpenAQ's <c>rejects</c>).</summary>
public sealed class ImportReject
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The import run.</summary>
    public long ImportLogId { get; set; }

    /// <summary>1-based line number in the file (header = 1).</summary>
    public int Row { get; set; }

    /// <summary>Column name or 1-based index; null when the whole row is rejected.</summary>
    public string? Column { get; set; }

    /// <summary>Reason text (English, stable; tests assert it).</summary>
    public required string Reason { get; set; }

    /// <summary>The offending text, truncated to 200 characters.</summary>
    public string? RawText { get; set; }
}
