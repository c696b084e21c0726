using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// The rules of the hour aggregates (<see cref="HourSum"/>, table <c>hour_sums</c>) shared by the writer that keeps them
/// and the evaluator that reads and rebuilds them: which values are aggregated, which count, and the aggregate of a set of
/// values. Thread-safe (pure functions).
/// </summary>
public static class HourSums
{
    /// <summary>Factor codes aggregated: the six pollutants of the hourly AQI (HJ 212-2017 App. B: SO2 a21026, NO2 a21004,
    /// CO a21005, O3 a05024, PM10 a34002, PM2.5 a34004), the ones SmartEnv.Evaluation's SubHourlyMeans derives hour means
    /// of (AirParameterCodes.OneHour; a test asserts both lists are equal).</summary>
    public static IReadOnlySet<string> Codes { get; } = new HashSet<string>(["a21026", "a21004", "a21005", "a05024", "a34002", "a34004"], StringComparer.Ordinal);

    /// <summary>True when a value of this period and code is aggregated (minute or real-time value of an AQI pollutant).</summary>
    /// <param name="period">Averaging period.</param>
    /// <param name="code">Factor code.</param>
    public static bool Tracks(PeriodType period, string code) => period is PeriodType.Min or PeriodType.Rtd && Codes.Contains(code);

    /// <summary>True when a value counts as sampling time and enters the mean: it has a value and its HJ 212 flag makes it
    /// a measurement (<see cref="DataFlags.IsValid"/>: none or N), the rule of GB 3095 Table 4 as SubHourlyMeans applies it.</summary>
    /// <param name="value">Value.</param>
    /// <param name="flag">Flag.</param>
    public static bool Counts(decimal? value, string? flag) => value is not null && DataFlags.IsValid(flag);

    /// <summary>Start (UTC) of the whole hour holding <paramref name="t"/>.</summary>
    /// <param name="t">Instant.</param>
    public static DateTimeOffset HourOf(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    /// <summary>The aggregate of counted values of one hour: count, exact sum (summed in instant order, as the evaluator
    /// sums them), first and last instant and smallest positive gap (μs). Instants repeated are counted once (the first).</summary>
    /// <param name="values">Counted values (instant, value), any order.</param>
    public static (int Samples, decimal Sum, DateTimeOffset? First, DateTimeOffset? Last, long? MinGapMicros) Of(IEnumerable<(DateTimeOffset At, decimal Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.DistinctBy(v => v.At.UtcTicks).OrderBy(v => v.At.UtcTicks).ToList();
        if (sorted.Count == 0) return (0, 0m, null, null, null);
        var sum = 0m;
        long? gap = null;
        for (var i = 0; i < sorted.Count; i++)
        {
            sum += sorted[i].Value;
            if (i > 0)
            {
                var g = (sorted[i].At.UtcTicks - sorted[i - 1].At.UtcTicks) / 10;
                if (gap is null || g < gap) gap = g;
            }
        }
        return (sorted.Count, sum, sorted[0].At.ToUniversalTime(), sorted[^1].At.ToUniversalTime(), gap);
    }
}

/// <summary>Hour-aggregate upkeep for writers that bypass <see cref="ObservationWriter"/>. Thread-safe (static).</summary>
public static class HourSumUpkeep
{
    private const string Codes = "'a21026','a21004','a21005','a05024','a34002','a34004'"; // HourSums.Codes

    /// <summary>Marks stale every hour of minute / real-time pollutant values staged by an import run (call in the apply
    /// transaction, after the values are written): the evaluator rebuilds those hours from their values. One statement.</summary>
    /// <param name="db">The apply transaction's context.</param>
    /// <param name="run">Import run (<c>import_staged_values.import_log_id</c>).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<int> MarkImportStaleAsync(SmartEnvDbContext db, long run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sqlite = db.Provider == StoreProvider.Sqlite;
        var hour = sqlite ? "\"data_time\" - ((\"data_time\" % 3600000) + 3600000) % 3600000" : "to_timestamp(floor(extract(epoch FROM \"data_time\") / 3600) * 3600)";
        // Only constants are interpolated; the run is a parameter.
        var sql = $"""
            INSERT INTO "hour_sums" AS h ("site_id","parameter_code","period","hour_start","samples","sum","stale","version")
            SELECT DISTINCT "site_id", "parameter_code", "period", {hour}, 0, {(sqlite ? "'0'" : "0")}, {(sqlite ? "1" : "TRUE")}, 1
            FROM "import_staged_values" WHERE "import_log_id" = {"{0}"} AND "period" IN ('min','rtd') AND "parameter_code" IN ({Codes})
            ON CONFLICT ("site_id","parameter_code","period","hour_start") DO UPDATE SET "stale" = {(sqlite ? "1" : "TRUE")}, "version" = h."version" + 1
            """;
        return db.Database.ExecuteSqlRawAsync(sql, [run], ct);
    }
}
