using Microsoft.AspNetCore.Components.Forms;

namespace SmartEnv.Web.Ui;

/// <summary>A browser upload copied to its own temporary directory, ready for <see cref="OperationRegistry.StartImport"/>
/// (which deletes <paramref name="Directory"/> when the import ends).</summary>
/// <param name="Directory">Temporary directory holding only the file.</param>
/// <param name="Path">Full path of the copied file.</param>
/// <param name="Name">File name as stored (<see cref="Apis.ImportApi.UploadName"/> of the browser's name).</param>
public sealed record StagedUpload(string Directory, string Path, string Name);

/// <summary>
/// The decisions of the 数据 page that are not store reads (those are <see cref="DataService"/>'s): which tab a
/// <c>/data?tab=…</c> link opens, the upload size limit and the staging of an upload, the message of a refused
/// recomputation range and the percentage an operation's progress bar shows. Stateless; thread-safe.
/// </summary>
public static class DataPageModel
{
    /// <summary>Largest file the page uploads (Blazor <c>InputFile</c> stream over the circuit): 256 MB.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    /// <summary><see cref="MaxUploadBytes"/> in MB (256), as the import hint shows it.</summary>
    public const int MaxUploadMb = (int)(MaxUploadBytes / 1024 / 1024);

    /// <summary>Tabs a <c>/data?tab=…</c> link can open; the first is the default.</summary>
    public static IReadOnlyList<string> TabKeys { get; } = ["quarantine", "packets", "imports", "verify", "evaluation"];

    /// <summary>The tab to show for the <c>tab</c> query value: a known key, else the first tab.</summary>
    /// <param name="query">Value of <c>?tab=</c>, or null.</param>
    public static string Tab(string? query) => query is { } t && TabKeys.Contains(t) ? t : TabKeys[0];

    /// <summary>The <c>tab</c> query value that shows <paramref name="key"/>: null (no parameter) for the default tab.</summary>
    /// <param name="key">Tab key.</param>
    public static string? TabQuery(string key) => key == TabKeys[0] ? null : key;

    /// <summary>Percentage the progress bar of an operation shows: 100 once succeeded, else the reported fraction × 100
    /// rounded to one decimal (0 before the first report).</summary>
    /// <param name="op">Operation snapshot.</param>
    public static double Percent(OperationSnapshot op) =>
        op.State == OperationState.Succeeded ? 100 : Math.Round(100 * (op.Progress?.Fraction ?? 0), 1);

    /// <summary>Why a recomputation of <paramref name="from"/>…<paramref name="to"/> is refused
    /// (<see cref="OperationRegistry.CheckRecomputeRange"/>), prefixed with the range; null when it may start.</summary>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day.</param>
    /// <param name="now">Current instant.</param>
    public static string? RecomputeRangeError(DateOnly from, DateOnly to, DateTimeOffset now) =>
        OperationRegistry.CheckRecomputeRange(from, to, now) is { Error: { } error } ? $"{from:yyyy-MM-dd} … {to:yyyy-MM-dd}: {error}" : null;

    /// <summary>Copies a browser upload into a new temporary directory, reporting the percentage copied at most every
    /// 250 ms. On failure the directory is deleted and the exception rethrown.</summary>
    /// <param name="file">The chosen file.</param>
    /// <param name="progress">Called with the percentage copied (0–100, one decimal) while copying.</param>
    /// <param name="ct">Cancellation (the page closing).</param>
    /// <exception cref="IOException">The file is larger than <see cref="MaxUploadBytes"/>, or the copy failed.</exception>
    public static async Task<StagedUpload> StageUploadAsync(IBrowserFile file, Action<double> progress, CancellationToken ct)
    {
        var name = Apis.ImportApi.UploadName(file.Name);
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartenv-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = System.IO.Path.Combine(dir, name);
        try
        {
            if (file.Size > MaxUploadBytes) throw new IOException($"file is {file.Size} bytes, more than the {MaxUploadBytes} allowed");
            await using var source = file.OpenReadStream(MaxUploadBytes, ct);
            await using var target = File.Create(path);
            var buffer = new byte[81920];
            long copied = 0;
            var shown = System.Diagnostics.Stopwatch.StartNew();
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, n), ct);
                copied += n;
                if (shown.ElapsedMilliseconds >= 250)
                {
                    progress(Math.Round(100.0 * copied / Math.Max(1, file.Size), 1));
                    shown.Restart();
                }
            }
        }
        catch
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
            throw;
        }
        return new StagedUpload(dir, path, name);
    }
}
