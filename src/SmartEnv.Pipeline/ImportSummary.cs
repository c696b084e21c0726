namespace SmartEnv.Pipeline;

/// <summary>What one file import did. Immutable; thread-safe.</summary>
/// <param name="File">File name.</param>
/// <param name="ImportLogId">Id of the <c>import_logs</c> row.</param>
/// <param name="RowsRead">Station-hours read.</param>
/// <param name="ValuesAccepted">Values accepted (inserted + changed + unchanged).</param>
/// <param name="ValuesInserted">Values new to the store.</param>
/// <param name="ValuesChanged">Stored values this file corrected.</param>
/// <param name="Rejects">Rejected rows/cells with position and reason (a malformed file is rejected whole: nothing of
/// it is stored).</param>
/// <param name="SitesCreated">Sites created for station codes not yet in the registry.</param>
/// <param name="HourlyAqi">Hourly AQI rows recomputed.</param>
/// <param name="DailyAqi">Daily AQI rows recomputed.</param>
public sealed record ImportSummary(
    string File, long ImportLogId, int RowsRead, int ValuesAccepted, int ValuesInserted, int ValuesChanged,
    IReadOnlyList<ImportRejectInfo> Rejects, IReadOnlyList<string> SitesCreated, int HourlyAqi, int DailyAqi);

/// <summary>One rejected row or cell.</summary>
/// <param name="Row">1-based line in the file.</param>
/// <param name="Column">1-based column (0 = whole row).</param>
/// <param name="Reason">Why.</param>
public sealed record ImportRejectInfo(int Row, int Column, string Reason);
