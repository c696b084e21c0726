using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>
/// The bulk read behind <see cref="AirEvaluator.LoadHoursAsync"/> and <see cref="AirEvaluator.LoadCitySeriesAsync"/>: the
/// labelled hours of a set of stations (issue 15 goal 6: the city assessment of 16 stations for a year). The review records
/// of all stations in one query; the hour values read with a plain data reader, only the columns needed, with the EF
/// model's conversions (SQLite: decimal as invariant text parsed with <see cref="NumberStyles.Float"/>, instants as Unix
/// milliseconds; PostgreSQL: <c>numeric</c>, <c>timestamptz</c>) — PostgreSQL: one statement for all stations; SQLite: one
/// prepared statement per station and pollutant, rebound; the minute / real-time rows of all stations in one statement.
/// Before, two EF queries per station materialised every row as an entity projection (docs/PERFORMANCE.md "Queries").
/// Rules (which value counts, flags, review, minute/real-time hour means) are those documented on
/// <see cref="AirEvaluator.LoadHoursAsync"/>, applied per station. The data scope of the context applies: stations the
/// context cannot see (the query filter of <c>sites</c>, the same one that filters <c>observations</c>) yield no hours.
/// Thread-safe (static; uses the caller's context, not concurrently).
/// </summary>
internal static class StationHours
{
    private readonly record struct Row(long SiteId, long Id, DateTimeOffset DataTime, string Code, PeriodType Period, decimal? Value, string? Flag);

    /// <summary>Per station (every id of <paramref name="siteIds"/> is a key), its labelled hours with start in
    /// [<paramref name="fromStart"/>, <paramref name="toStart"/>), ordered by start.</summary>
    public static async Task<Dictionary<long, List<LoadedHour>>> LoadAsync(SmartEnvDbContext db, IReadOnlyCollection<long> siteIds,
        DateTimeOffset fromStart, DateTimeOffset toStart, DataSeries series, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = siteIds.Distinct().ToList();
        var result = wanted.ToDictionary(id => id, _ => new List<LoadedHour>());
        if (wanted.Count == 0) return result;
        var visible = await db.Sites.AsNoTracking().Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (visible.Count == 0) return result;
        var review = series == DataSeries.Reviewed ? await ReviewState.LoadAsync(db, visible, fromStart, toStart, ct) : ReviewState.Empty;
        var hours = visible.ToDictionary(id => id, _ => new Station());
        await ReadHourValuesAsync(db, visible, fromStart, toStart, review, hours, ct);
        var subRows = await ReadAsync(db, visible, [PeriodType.Min, PeriodType.Rtd], fromStart, toStart, valueRequired: true, ct);
        var subBySite = subRows.GroupBy(r => r.SiteId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var id in visible)
            result[id] = Build(id, hours[id], subBySite.GetValueOrDefault(id) ?? [], review, fromStart, toStart);
        return result;
    }

    /// <summary>One station's hour values as read: per hour start the six valid values, the flagged-out values and the
    /// pollutant-hours a review mark left out.</summary>
    private sealed class Station
    {
        public readonly Dictionary<DateTimeOffset, decimal?[]> ByHour = [];
        public readonly Dictionary<(DateTimeOffset Start, int Pollutant), FlaggedValue> Excluded = [];
        public readonly HashSet<(DateTimeOffset Start, int Pollutant)> Reviewed = [];

        public decimal?[] Slot(DateTimeOffset start)
        {
            if (!ByHour.TryGetValue(start, out var v)) ByHour[start] = v = new decimal?[6];
            return v;
        }

        /// <summary>One stored hour value (period hour) of pollutant <paramref name="p"/>.</summary>
        public void Add(long siteId, ReviewState review, long id, int p, string code, DateTimeOffset time, decimal? value, string? flag)
        {
            if (!review.IsEmpty && review.ExcludedBy(siteId, id, code, time) is not null)
            {
                Slot(time);
                Reviewed.Add((time, p));
                return;
            }
            if (!DataFlags.IsValid(flag))
            {
                Slot(time);
                Excluded.TryAdd((time, p), new FlaggedValue(code, DataFlags.Normalize(flag)!, value));
                return;
            }
            if (value is not { } v) return;
            Slot(time)[p] ??= v;
        }
    }

    /// <summary>One station's hours from its hour values and its minute / real-time rows (the rules of
    /// <see cref="AirEvaluator.LoadHoursAsync"/>).</summary>
    private static List<LoadedHour> Build(long siteId, Station station, List<Row> sub, ReviewState review, DateTimeOffset fromStart, DateTimeOffset toStart)
    {
        var byHour = station.ByHour;
        var excluded = station.Excluded;
        var reviewed = station.Reviewed;
        decimal?[] Slot(DateTimeOffset start) => station.Slot(start);
        // Hours without an hour value of a pollutant: derive it from minute / real-time data (GB 3095 Table 4, ≥ 45 min).
        if (sub.Count > 0)
        {
            if (!review.IsEmpty)
            {
                var kept = new List<Row>(sub.Count);
                foreach (var r in sub)
                {
                    if (review.ExcludedBy(siteId, r.Id, r.Code, r.DataTime) is null) { kept.Add(r); continue; }
                    var start = ReviewBook.TruncateToHour(r.DataTime); // a reviewed-out minute value: its hour lost a value to review
                    Slot(start);
                    reviewed.Add((start, (int)AirParameterCodes.Pollutant(r.Code)!.Value));
                }
                sub = kept;
            }
            foreach (var g in sub.Where(r => SubHourlyMeans.Counts(r.Flag)).GroupBy(r => r.Code))
            {
                var p = (int)AirParameterCodes.Pollutant(g.Key)!.Value;
                List<SubHourlySample> Series(PeriodType t) => g.Where(r => r.Period == t).Select(r => new SubHourlySample(r.DataTime, r.Value!.Value)).ToList();
                foreach (var (start, mean) in SubHourlyMeans.Derive(Series(PeriodType.Min), Series(PeriodType.Rtd)))
                {
                    if (start < fromStart || start >= toStart) continue;
                    var slot = Slot(start);
                    if (slot[p] is null && !excluded.ContainsKey((start, p)) && !reviewed.Contains((start, p))) slot[p] = mean;
                }
            }
        }
        var starts = byHour.Keys.ToArray();
        Array.Sort(starts);
        var hours = new List<LoadedHour>(starts.Length);
        var noFlag = excluded.Count == 0;
        var noReview = reviewed.Count == 0;
        foreach (var start in starts)
        {
            var v = byHour[start];
            IReadOnlyList<FlaggedValue> why = noFlag ? [] : [.. Enumerable.Range(0, 6).Where(p => v[p] is null && excluded.ContainsKey((start, p))).Select(p => excluded[(start, p)])];
            IReadOnlyList<string> byReview = noReview ? [] : [.. Enumerable.Range(0, 6).Where(p => v[p] is null && reviewed.Contains((start, p))).Select(p => AirParameterCodes.Of((AirPollutant)p))];
            if (why.Count == 0 && byReview.Count == 0 && Array.TrueForAll(v, x => x is null)) continue;
            var (date, hour) = AirEvaluator.Label(start);
            hours.Add(new LoadedHour(start, new AirHour(date, hour, v[0], v[1], v[2], v[3], v[4], v[5]), why) { ReviewExcluded = byReview });
        }
        return hours;
    }

    /// <summary>The stored hour values (period hour) of the six pollutants of each station with data time in
    /// [<paramref name="from"/>, <paramref name="to"/>), into <paramref name="into"/>: one prepared statement per station and
    /// pollutant (an index range of the unique index (site_id, parameter_code, period, data_time)), rebound, reading only
    /// time, value and flag (and the id when review records exist) — fewer columns and no per-row strings for the codes.</summary>
    private static async Task ReadHourValuesAsync(SmartEnvDbContext db, List<long> siteIds, DateTimeOffset from, DateTimeOffset to,
        ReviewState review, Dictionary<long, Station> into, CancellationToken ct)
    {
        var sqlite = db.Provider == StoreProvider.Sqlite;
        var withId = !review.IsEmpty;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            if (db.Database.CurrentTransaction is { } tx) cmd.Transaction = tx.GetDbTransaction();
            DbParameter Param(string name, object value)
            {
                var prm = cmd.CreateParameter();
                prm.ParameterName = name;
                prm.Value = value;
                cmd.Parameters.Add(prm);
                return prm;
            }
            Param("@period", SnakeCaseEnumConverter<PeriodType>.ToSnake(nameof(PeriodType.Hour)));
            Param("@from", sqlite ? from.ToUnixTimeMilliseconds() : from.ToUniversalTime());
            Param("@to", sqlite ? to.ToUnixTimeMilliseconds() : to.ToUniversalTime());
            var codes = AirParameterCodes.OneHour;
            var id = withId ? ", id" : "";
            if (!sqlite)
            {
                // PostgreSQL: one statement for all stations (one round trip; the planner picks index or sequential scan),
                // the pollutant as its index in the code array (no string per row).
                Param("@sites", siteIds.ToArray());
                Param("@codes", codes.ToArray());
                cmd.CommandText = $"""
                    SELECT site_id, array_position(@codes, parameter_code::text) - 1, data_time, value, flag{id} FROM observations
                    WHERE site_id = ANY(@sites) AND parameter_code = ANY(@codes) AND period = @period AND data_time >= @from AND data_time < @to
                    """;
                await using var all = await cmd.ExecuteReaderAsync(ct);
                while (await all.ReadAsync(ct))
                {
                    var p = all.GetInt32(1);
                    into[all.GetInt64(0)].Add(all.GetInt64(0), review, withId ? all.GetInt64(5) : 0, p, codes[p],
                        all.GetFieldValue<DateTimeOffset>(2), all.IsDBNull(3) ? null : all.GetDecimal(3), all.IsDBNull(4) ? null : all.GetString(4));
                }
                return;
            }
            // SQLite: one prepared statement per station and pollutant (an index range), rebound; reading fewer columns per
            // row was measured cheaper than one statement returning site and code.
            var site = Param("@site", 0L);
            var code = Param("@code", "");
            cmd.CommandText = $"""
                SELECT data_time, value, flag{id} FROM observations
                WHERE site_id = @site AND parameter_code = @code AND period = @period AND data_time >= @from AND data_time < @to
                """;
            await cmd.PrepareAsync(ct);
            foreach (var siteId in siteIds)
            {
                var station = into[siteId];
                site.Value = siteId;
                for (var p = 0; p < codes.Count; p++)
                {
                    code.Value = codes[p];
                    await using var reader = await cmd.ExecuteReaderAsync(ct);
                    while (reader.Read()) // SQLite reads synchronously anyway
                    {
                        var value = reader.IsDBNull(1) ? (decimal?)null : decimal.Parse(reader.GetString(1), NumberStyles.Float, CultureInfo.InvariantCulture);
                        station.Add(siteId, review, withId ? reader.GetInt64(3) : 0, p, codes[p],
                            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), value, reader.IsDBNull(2) ? null : reader.GetString(2));
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The six pollutants' rows of the stations with one of <paramref name="periods"/> and data time in
    /// [<paramref name="from"/>, <paramref name="to"/>): one statement (served by the unique index
    /// (site_id, parameter_code, period, data_time)), read with a data reader.</summary>
    private static async Task<List<Row>> ReadAsync(SmartEnvDbContext db, List<long> siteIds, PeriodType[] periods,
        DateTimeOffset from, DateTimeOffset to, bool valueRequired, CancellationToken ct)
    {
        var sqlite = db.Provider == StoreProvider.Sqlite;
        var codes = AirParameterCodes.OneHour;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            if (db.Database.CurrentTransaction is { } tx) cmd.Transaction = tx.GetDbTransaction();
            string List(string prefix, int n, Func<int, object> value)
            {
                var names = new string[n];
                for (var i = 0; i < n; i++)
                {
                    var prm = cmd.CreateParameter();
                    prm.ParameterName = names[i] = $"@{prefix}{i}";
                    prm.Value = value(i);
                    cmd.Parameters.Add(prm);
                }
                return string.Join(',', names);
            }
            var sites = List("s", siteIds.Count, i => siteIds[i]);
            var per = List("p", periods.Length, i => SnakeCaseEnumConverter<PeriodType>.ToSnake(periods[i].ToString()));
            var par = List("c", codes.Count, i => codes[i]);
            object Instant(DateTimeOffset t) => sqlite ? t.ToUnixTimeMilliseconds() : t.ToUniversalTime();
            var range = List("t", 2, i => Instant(i == 0 ? from : to));
            var names = range.Split(',');
            cmd.CommandText = $"""
                SELECT site_id, id, data_time, parameter_code, period, value, flag FROM observations
                WHERE site_id IN ({sites}) AND parameter_code IN ({par}) AND period IN ({per})
                  AND data_time >= {names[0]} AND data_time < {names[1]}{(valueRequired ? " AND value IS NOT NULL" : "")}
                """;
            var rows = new List<Row>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var time = sqlite ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)) : reader.GetFieldValue<DateTimeOffset>(2);
                decimal? value = reader.IsDBNull(5) ? null
                    : sqlite ? decimal.Parse(reader.GetString(5), NumberStyles.Float, CultureInfo.InvariantCulture) : reader.GetDecimal(5);
                rows.Add(new Row(reader.GetInt64(0), reader.GetInt64(1), time, reader.GetString(3), PeriodOf(reader.GetString(4)), value,
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static PeriodType PeriodOf(string stored) => stored switch
    {
        "hour" => PeriodType.Hour,
        "min" => PeriodType.Min,
        "rtd" => PeriodType.Rtd,
        _ => throw new InvalidDataException($"unexpected period '{stored}' in an air read"),
    };
}
