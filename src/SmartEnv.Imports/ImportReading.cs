using SmartEnv.Evaluation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Imports;

/// <summary>
/// What the importers share for reading a file under the limits (issue 14 items 6 and 8): the first pass checks the
/// whole file and keeps only a tally per station (never its rows), the second streams the values of the stations to store
/// into the chunked upsert, so memory does not grow with the file. Refusals become one reject with line and column.
/// </summary>
internal static class ImportReading
{
    /// <summary>The file's decompressed bytes under the limits and encoding.</summary>
    /// <param name="book">The import's bookkeeping (opens the file, reports progress).</param>
    /// <param name="limits">Limits.</param>
    /// <param name="encoding">Declared or detected encoding.</param>
    /// <param name="syntax">How lines and cells are recognised.</param>
    public static DataFileText Open(ImportBook book, ImportLimits limits, DataFileEncoding encoding, DataFileSyntax syntax) =>
        DataFileText.Open(book.OpenRead(), book.FileName, limits, encoding, syntax);

    /// <summary>Finishes the import log with one reject for a refused file and returns the summary (nothing stored).</summary>
    /// <param name="book">The import's bookkeeping.</param>
    /// <param name="ex">Why the file was refused.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<ImportSummary> RefuseAsync(ImportBook book, DataFileFormatException ex, CancellationToken ct) =>
        RefuseAsync(book, new ImportRejectInfo(ex.Line, ex.Column, ex.Message), (ex as DataFileLimitException)?.Limit, ct);

    /// <summary>Finishes the import log with one reject and returns the summary (nothing stored).</summary>
    /// <param name="book">The import's bookkeeping.</param>
    /// <param name="reject">The reject.</param>
    /// <param name="limit">The limit that refused the file, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<ImportSummary> RefuseAsync(ImportBook book, ImportRejectInfo reject, string? limit, CancellationToken ct)
    {
        await book.FinishAsync(0, 0, 0, [reject], ct);
        return new ImportSummary(book.FileName, book.Log.Id, 0, 0, 0, 0, [reject], [], 0, 0) { Limit = limit };
    }

    /// <summary>A site code an import would create must follow the API's rule (<see cref="Site.CodePattern"/>).</summary>
    /// <param name="source">File name.</param>
    /// <param name="code">Code the import would create.</param>
    /// <param name="line">Line where the name or code stands.</param>
    /// <param name="column">Its 1-based column.</param>
    /// <param name="what">What the code is made from, for the message.</param>
    /// <exception cref="DataFileFormatException">The code breaks the rule (nothing is created or stored).</exception>
    public static void CheckNewSiteCode(string source, string code, int line, int column, string what)
    {
        if (!Site.IsValidCode(code))
            throw new DataFileFormatException(source, line, column,
                $"{what} would create the site code '{Printable(code)}', which is not a valid site code ({Site.CodeRule}); nothing was stored. Register the site with POST /api/sites (a valid code and this name) and import again");
    }

    /// <summary>The code with control characters shown as <c>\uXXXX</c> and cut at 80 characters, for a message.</summary>
    private static string Printable(string s)
    {
        var t = string.Concat(s.Take(80).Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return s.Length > 80 ? t + "…" : t;
    }
}

/// <summary>Per-site span of the natural days whose AQI an import must recompute, gathered value by value (memory per
/// site, not per value). Same selection as <c>ImportBook.RecomputeAsync(values)</c>: air hour values of the six
/// pollutants and the sub-hourly values that feed hour means.</summary>
internal sealed class AqiSpanTally
{
    private readonly Dictionary<long, (DateOnly From, DateOnly To)> _spans = [];

    /// <summary>Counts one stored value.</summary>
    /// <param name="o">The value.</param>
    public void Add(ObservationInput o)
    {
        if (!((o.Period == PeriodType.Hour && AirParameterCodes.Pollutant(o.ParameterCode) is not null) || SubHourlyMeans.Feeds(o.Period, o.ParameterCode))) return;
        var (date, hour) = AirEvaluator.Label(o.DataTime);
        Add(o.SiteId, HourEnding.NaturalDay(date, hour));
    }

    /// <summary>Counts one natural day of a site.</summary>
    /// <param name="siteId">Site.</param>
    /// <param name="day">Natural day (Beijing).</param>
    public void Add(long siteId, DateOnly day) =>
        _spans[siteId] = _spans.TryGetValue(siteId, out var s) ? (day < s.From ? day : s.From, day > s.To ? day : s.To) : (day, day);

    /// <summary>The spans, one per site.</summary>
    public IReadOnlyList<AqiSpan> Spans => _spans.Select(x => new AqiSpan(x.Key, x.Value.From, x.Value.To)).ToList();
}
