using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.DataSources;

namespace SmartEnv.Imports.DataSources;

/// <summary>
/// "Flagged on arrival" (issue 22): after an import from a named source is applied, the source's active findings that cover
/// hours of it (<see cref="FindingCoverage"/>) become warnings of the summary and the import log's
/// <c>flagged_findings</c>. Static; thread-safe (each call opens its own context).
/// </summary>
public static class SourceFlags
{
    /// <summary>Whether a data source of this key exists.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">Source key.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<bool> ExistsAsync(SmartEnvStore store, string key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var db = store.CreateContext();
        return await db.DataSources.AnyAsync(s => s.Key == key, ct);
    }

    /// <summary>Finds the applying findings, marks the import log flagged with their ids and returns the warnings.</summary>
    /// <param name="store">The store.</param>
    /// <param name="importLogId">The applied import.</param>
    /// <param name="source">Its source key.</param>
    /// <param name="format">Its format (domain: <see cref="FindingCoverage.DomainOf"/>).</param>
    /// <param name="hours">Its hour labels, ascending, distinct.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyList<ImportSourceFlag>> FlagAsync(SmartEnvStore store, long importLogId, string source, string format,
        IReadOnlyList<DateTimeOffset> hours, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.Count == 0) return [];
        await using var db = store.CreateContext();
        var findings = await db.DataSourceFindings.AsNoTracking()
            .Where(f => f.State == DataSourceFinding.Active && db.DataSources.Any(s => s.Id == f.DataSourceId && s.Key == source)).ToListAsync(ct);
        var applying = FindingCoverage.Applying(findings.OrderBy(f => f.Id).Select(f => new FindingWindow(f.Id, f.Domain, f.From, f.To)), FindingCoverage.DomainOf(format), hours);
        if (applying.Count == 0) return [];
        var byId = findings.ToDictionary(f => f.Id);
        var flags = applying.Select(a => Flag(byId[a.Finding.Id], a.Hours)).ToList();
        var log = await db.ImportLogs.FirstAsync(l => l.Id == importLogId, ct);
        log.FlaggedFindings = string.Join(',', flags.Select(f => f.FindingId.ToString(CultureInfo.InvariantCulture)));
        if (log.FlaggedFindings.Length > Storage.Entities.ImportLog.FlaggedFindingsLength)
            log.FlaggedFindings = log.FlaggedFindings[..log.FlaggedFindings.LastIndexOf(',', Storage.Entities.ImportLog.FlaggedFindingsLength - 1)];
        await db.SaveChangesAsync(ct);
        return flags;
    }

    /// <summary>The warning of one finding: <c>此来源自 2019-03-01 起按四舍五入发布 AQI（发现 #3）</c> (open-ended) or
    /// <c>此来源在 2019-03-01 至 2019-03-07 23:00 期间按四舍五入发布 AQI（发现 #3）</c>; times Beijing, the time left out when
    /// it is 00:00.</summary>
    /// <param name="f">The finding.</param>
    /// <param name="hours">Import hours inside its range.</param>
    public static ImportSourceFlag Flag(DataSourceFinding f, int hours)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (zh, en) = FindingCause.Phrase(f.Cause, f.Figure);
        var from = Day(f.From);
        var warning = f.To is { } to ? $"此来源在 {from} 至 {Day(to)} 期间{zh}（发现 #{f.Id}）" : $"此来源自 {from} 起{zh}（发现 #{f.Id}）";
        var warningEn = f.To is { } t ? $"This source {en} from {from} to {Day(t)} (finding #{f.Id})" : $"This source {en} since {from} (finding #{f.Id})";
        return new ImportSourceFlag(f.Id, f.Cause, BeijingTime.ToBeijing(f.From), f.To is { } x ? BeijingTime.ToBeijing(x) : null, hours, warning, warningEn);
    }

    private static string Day(DateTimeOffset t)
    {
        var b = BeijingTime.ToBeijing(t);
        return b.ToString(b.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
