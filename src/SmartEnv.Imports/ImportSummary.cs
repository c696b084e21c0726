namespace SmartEnv.Imports;

/// <summary>What one file import did. Immutable; thread-safe.</summary>
/// <param name="File">File name.</param>
/// <param name="ImportLogId">Id of the <c>import_logs</c> row.</param>
/// <param name="RowsRead">Station-hours read.</param>
/// <param name="ValuesAccepted">Values accepted (inserted + changed + unchanged).</param>
/// <param name="ValuesInserted">Values new to the store.</param>
/// <param name="ValuesChanged">Stored values this file changed (with the replace option), or would have changed (a refused
/// run: <see cref="State"/> <c>refused</c>, nothing applied).</param>
/// <param name="Rejects">Rejected rows/cells with position and reason (a malformed file is rejected whole: nothing of
/// it is stored).</param>
/// <param name="SitesCreated">Sites created for station codes not yet in the registry.</param>
/// <param name="HourlyAqi">Hourly AQI rows recomputed.</param>
/// <param name="DailyAqi">Daily AQI rows recomputed.</param>
public sealed record ImportSummary(
    string File, long ImportLogId, int RowsRead, int ValuesAccepted, int ValuesInserted, int ValuesChanged,
    IReadOnlyList<ImportRejectInfo> Rejects, IReadOnlyList<string> SitesCreated, int HourlyAqi, int DailyAqi)
{
    /// <summary>Format the file was read as (<c>cnemc-sites</c>, <c>prsa</c>, <c>cnemc-water</c>, <c>hj212-log</c>).</summary>
    public string? Format { get; init; }

    /// <summary>Rows read but deliberately not stored (not an error), e.g. water rows of a station in maintenance
    /// (站点情况 other than 正常) or without a sample time.</summary>
    public int RowsSkipped { get; init; }

    /// <summary>Sites the file's stations/sections were matched to, as "name in file → site code".</summary>
    public IReadOnlyList<string> SitesMatched { get; init; } = [];

    /// <summary>Stations (cnemc-sites) or sections (cnemc-water) of the file that are not the district's own
    /// (<see cref="Storage.DistrictScope"/>) and were therefore not registered nor stored; 0 with the all-sites option.</summary>
    public int SitesOutsideDistrict { get; init; }

    /// <summary>Rows of those stations/sections left out: station-hours (cnemc-sites) or rows that would otherwise have been
    /// stored (cnemc-water, 站点情况 正常 with a time); counted in <see cref="RowsRead"/>, not in <see cref="RowsSkipped"/>.</summary>
    public int RowsOutsideDistrict { get; init; }

    /// <summary>How the run ended: <c>applied</c> (its values are in, all in one transaction), <c>rejected</c> (the file was
    /// rejected whole, nothing stored) or <c>refused</c> (it would change <see cref="ValuesChanged"/> stored values and ran
    /// without the replace option: nothing applied; re-run with <c>--replace</c> / <c>replace=true</c>).</summary>
    public string State { get; init; } = "applied";

    /// <summary>The first changed stored values (at most <see cref="SmartEnv.Storage.ImportStaging.ExampleCount"/>, file
    /// order): site, parameter, period, time, old → new, and the old value's provenance; empty when nothing changed.</summary>
    public IReadOnlyList<SmartEnv.Storage.ChangedValue> ChangedValues { get; init; } = [];

    /// <summary>True when the run was allowed to change stored values.</summary>
    public bool Replace { get; init; }

    /// <summary>Sites the run had created and removed again because it was not applied (a refused run).</summary>
    public IReadOnlyList<string> SitesRemoved { get; init; } = [];

    /// <summary>True when the import ran with the all-sites option (stations outside the district registered as
    /// non-public sites outside the district's views).</summary>
    public bool AllSites { get; init; }

    /// <summary>The limit or rule that refused the whole file before anything was stored (<c>max_inflated_bytes</c>,
    /// <c>max_rows</c>, <c>max_line_bytes</c>, <c>max_columns</c>, <c>encoding</c>; <see cref="Ingestion.Files.ImportLimits"/>),
    /// with the line and column in <see cref="Rejects"/>; null otherwise. <c>POST /api/import</c> answers such a file with a 400.</summary>
    public string? Limit { get; init; }

    /// <summary>Text encoding the file was read with: <c>utf-8</c>, <c>utf-8-bom</c>, <c>gbk</c> (declared or detected), or
    /// <c>bytes</c> (hj212-log); null when the file was refused before it was known.</summary>
    public string? Encoding { get; init; }

    /// <summary>Key of the data source the file came from (issue 22), or null.</summary>
    public string? Source { get; init; }

    /// <summary>One warning per active finding of <see cref="Source"/> whose range covers hours of this import ("flagged on
    /// arrival"); empty when none applies. The values are stored all the same.</summary>
    public IReadOnlyList<ImportSourceFlag> SourceFlags { get; init; } = [];
}

/// <summary>A finding of the import's data source that covers hours of the import (issue 22).</summary>
/// <param name="FindingId">The finding ("发现 #N").</param>
/// <param name="Cause">Its cause key.</param>
/// <param name="From">First hour it covers (Beijing).</param>
/// <param name="To">Last hour, or null (open-ended).</param>
/// <param name="Hours">Hours of the import inside its range.</param>
/// <param name="Warning">e.g. 此来源自 2019-03-01 起按四舍五入发布 AQI（发现 #3）.</param>
/// <param name="WarningEn">e.g. This source publishes AQI rounded to nearest since 2019-03-01 (finding #3).</param>
public sealed record ImportSourceFlag(long FindingId, string Cause, DateTimeOffset From, DateTimeOffset? To, int Hours, string Warning, string WarningEn);

/// <summary>One rejected row or cell.</summary>
/// <param name="Row">1-based line in the file.</param>
/// <param name="Column">1-based column (0 = whole row).</param>
/// <param name="Reason">Why.</param>
public sealed record ImportRejectInfo(int Row, int Column, string Reason);
