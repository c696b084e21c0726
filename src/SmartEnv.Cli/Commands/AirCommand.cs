using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv air hourly</c> (hourly AQI of published station files) and <c>smartenv air assess</c> (HJ 663 period
/// assessment of a station or a city: daily CSV and summary JSON).
/// </summary>
public static class AirCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("air", "环境空气: hourly AQI from published files and HJ 663 period assessment.");
        cmd.Subcommands.Add(Hourly(context));
        cmd.Subcommands.Add(Assess(context));
        return cmd;
    }

    private sealed class InputException(string message) : Exception(message);

    private static Option<string[]> InputOption() => new("--input") { Description = "Input file(s), plain or .gz.", Required = true, AllowMultipleArgumentsPerToken = true };

    private static Option<string[]> StationOption() => new("--station") { Description = "Station code(s) (cnemc-sites, e.g. 1420A) or name(s) (prsa, e.g. Dongsi).", AllowMultipleArgumentsPerToken = true };

    private static Option<string?> RegimeOption() => new("--regime") { Description = "HJ633-2012 | CNEMC-2014 | HJ633-2026 (default: by each hour's or day's date)." };

    private static Command Hourly(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "Input format: cnemc-sites.", Required = true };
        var input = InputOption();
        var station = StationOption();
        var regime = RegimeOption();
        var output = new Option<string>("--out") { Description = "Output CSV: station,date,hour,aqi,level,primary_pollutants.", Required = true };
        var cmd = new Command("hourly", "Hourly AQI per station-hour computed from the 1-h concentration rows, moving means included (never copied from the file's AQI or moving-mean rows).");
        foreach (var o in new Option[] { format, input, station, regime, output }) cmd.Options.Add(o);
        cmd.SetAction(pr => Run(context, () =>
        {
            if (pr.GetValue(format) != "cnemc-sites") throw new UsageError("air hourly supports --format cnemc-sites");
            var fixedRegime = ParseRegime(pr.GetValue(regime));
            NotAnInput(pr.GetValue(output)!, pr.GetValue(input)!, "--out");
            var stations = pr.GetValue(station) is { Length: > 0 } s ? new HashSet<string>(s, StringComparer.Ordinal) : null;
            var n = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            // Per station the last 24 hours, for the moving means of the real-time inputs (AirAveraging.RealTimeInputs).
            var windows = new Dictionary<string, AirHourWindow>(StringComparer.Ordinal);
            WriteAtomically(pr.GetValue(output)!, w =>
            {
                w.Write("station,date,hour,aqi,level,primary_pollutants\n");
                foreach (var path in pr.GetValue(input)!)
                    foreach (var h in CnemcSitesReader.ReadFile(path, stations))
                    {
                        if (!windows.TryGetValue(h.Station, out var window)) windows[h.Station] = window = new AirHourWindow();
                        AirHour?[] hours;
                        try { hours = window.Push(h.ToAirHour()); }
                        catch (ArgumentException)
                        {
                            throw new InputException($"{Path.GetFileName(path)}: station {h.Station} hour {h.Date:yyyyMMdd} {h.Hour} is not after its previous hour " +
                                "(give the input files in time order, each station-hour once)");
                        }
                        var regimeOfHour = fixedRegime ?? AqiRegime.ForDate(HourEnding.NaturalDay(h.Date, h.Hour));
                        var r = AqiCalculator.Hourly(AirAveraging.RealTimeInputs(hours, regimeOfHour), regimeOfHour);
                        w.Write(h.Station); w.Write(',');
                        w.Write(h.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)); w.Write(',');
                        w.Write(h.Hour.ToString(CultureInfo.InvariantCulture)); w.Write(',');
                        w.Write(r.Aqi?.ToString(CultureInfo.InvariantCulture)); w.Write(',');
                        w.Write(r.Level?.ToString(CultureInfo.InvariantCulture)); w.Write(',');
                        w.Write(ContractJson.JoinList(r.PrimaryPollutants.Select(p => p.Key())));
                        w.Write('\n');
                        n++;
                        seen.Add(h.Station);
                    }
                // Thrown inside the write: the temporary file is removed and no output is left.
                if (stations is not null && stations.Except(seen).ToList() is { Count: > 0 } absent)
                    throw new InputException($"no data for station {string.Join(", ", absent.Order(StringComparer.Ordinal))} in the input");
                if (n == 0) throw new InputException("no station-hour in the input");
            });
            context.Err.WriteLine($"{n} station-hours written to {pr.GetValue(output)}");
        }));
        return cmd;
    }

    private static Command Assess(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "Input format: cnemc-sites | prsa.", Required = true };
        var input = InputOption();
        var station = StationOption();
        var city = new Option<string?>("--city") { Description = "Assess a city: the hourly mean of its stations (the --station list, else the stations of --station-list in that city except 对照点, else every station in the input)." };
        var stationList = new Option<string?>("--station-list") { Description = "CNEMC station list CSV (监测点编码,监测点名称,城市,…) used with --city." };
        var from = new Option<string>("--from") { Description = "First natural day, YYYY-MM-DD (Beijing time).", Required = true };
        var to = new Option<string>("--to") { Description = "Last natural day (inclusive), YYYY-MM-DD.", Required = true };
        var regime = RegimeOption();
        var outDaily = new Option<string?>("--out-daily") { Description = "Write the daily table here (CSV). The period summary (JSON) goes to stdout." };
        var cmd = new Command("assess", "HJ 663 period assessment of a station or a city: daily table (CSV) and period summary (JSON on stdout).");
        foreach (var o in new Option[] { format, input, station, city, stationList, from, to, regime, outDaily }) cmd.Options.Add(o);
        cmd.SetAction(pr => Run(context, () =>
        {
            var fmt = pr.GetValue(format) switch
            {
                "cnemc-sites" => AirFileFormat.CnemcSites,
                "prsa" => AirFileFormat.Prsa,
                var f => throw new UsageError($"unknown --format '{f}' (cnemc-sites, prsa)"),
            };
            var fixedRegime = ParseRegime(pr.GetValue(regime));
            var d0 = ParseDate(pr.GetValue(from)!, "--from");
            var d1 = ParseDate(pr.GetValue(to)!, "--to");
            if (d1 < d0) throw new UsageError("--to is before --from");
            if (pr.GetValue(outDaily) is { } od) NotAnInput(od, pr.GetValue(input)!, "--out-daily");
            var cityName = pr.GetValue(city);
            if (cityName is null && pr.GetValue(stationList) is not null) throw new UsageError("--station-list is used with --city NAME");
            var wanted = pr.GetValue(station) is { Length: > 0 } s ? new HashSet<string>(s, StringComparer.Ordinal) : null;
            if (cityName is not null && wanted is null && pr.GetValue(stationList) is { } listPath)
            {
                wanted = AirHourFiles.ReadStationList(listPath).Where(x => x.City == cityName && !x.IsControlPoint)
                    .Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
                if (wanted.Count == 0) throw new InputException($"no station of city '{cityName}' in {listPath}");
            }
            var byStation = AirHourFiles.ReadStations(fmt, pr.GetValue(input)!, wanted);
            if (byStation.Count == 0) throw new InputException("no matching station in the input");
            if (pr.GetValue(station) is { Length: > 0 } named && named.Where(x => !byStation.ContainsKey(x)).ToList() is { Count: > 0 } absent)
                throw new InputException($"no data for station {string.Join(", ", absent)} in the input");
            IEnumerable<AirHour> hours;
            if (cityName is null)
            {
                if (byStation.Count > 1)
                    throw new UsageError($"the input holds {byStation.Count} stations; name one with --station or average them with --city NAME");
                hours = byStation.Values.Single();
            }
            else hours = AirHour.CityMean(byStation.Values);
            var hourList = hours as IReadOnlyCollection<AirHour> ?? hours.ToList();
            hours = hourList;
            if (!hourList.Any(h => HourEnding.NaturalDay(h.LabelDate, h.LabelHour) is var day && day >= d0 && day <= d1))
            {
                var days = hourList.Select(h => HourEnding.NaturalDay(h.LabelDate, h.LabelHour)).ToList();
                throw new InputException(days.Count == 0 ? "the input holds no hour of the selection"
                    : $"no hour of the input lies in {d0:yyyy-MM-dd}..{d1:yyyy-MM-dd} (the input covers {days.Min():yyyy-MM-dd}..{days.Max():yyyy-MM-dd})");
            }
            var a = Hj663Assessment.Assess(hours, d0, d1, fixedRegime);
            if (pr.GetValue(outDaily) is { } dailyPath) WriteAtomically(dailyPath, w => WriteDaily(w, a));
            var subject = new JsonObject
            {
                ["kind"] = cityName is null ? "station" : "city",
                ["name"] = cityName ?? byStation.Keys.Single(),
                ["stations"] = new JsonArray([.. byStation.Keys.Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]),
            };
            context.Out.WriteLine(Summary(a, subject, fixedRegime).ToJsonString(CliJson.Indented));
        }));
        return cmd;
    }

    private sealed class UsageError(string message) : Exception(message);

    private static int Run(CliContext context, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (UsageError e)
        {
            context.Err.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (Exception e) when (e is InputException or DataFileFormatException or IOException or UnauthorizedAccessException)
        {
            context.Err.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    /// <summary>Refuses an output path that is one of the inputs (the input would be replaced by the result).</summary>
    private static void NotAnInput(string output, IEnumerable<string> inputs, string option)
    {
        var o = Path.GetFullPath(output);
        if (inputs.Any(i => string.Equals(Path.GetFullPath(i), o, StringComparison.Ordinal)))
            throw new UsageError($"{option} {output} is also an --input: the input would be overwritten");
    }

    private static AqiRegime? ParseRegime(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null
        : AqiRegime.TryFromId(id, out var r) ? r
        : throw new UsageError($"unknown --regime '{id}' (HJ633-2012, CNEMC-2014, HJ633-2026)");

    private static DateOnly ParseDate(string s, string name) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new UsageError($"{name} '{s}' is not YYYY-MM-DD");

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it, so a failure leaves no partial output.</summary>
    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var tmp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 16)) write(w);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static string Num(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void WriteDaily(TextWriter w, AirAssessment a)
    {
        var inds = Hj663Assessment.DailyIndicators;
        w.Write("date," + string.Join(',', inds.Select(i => i.Key())) + ",aqi,level,category,primary_pollutants,regime,valid,excluded\n");
        foreach (var d in a.Days)
        {
            var sb = new StringBuilder();
            sb.Append(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var i in inds) sb.Append(',').Append(Num(d.Values.TryGetValue(i, out var v) ? v : null));
            sb.Append(',').Append(d.Aqi?.Aqi).Append(',').Append(d.Aqi?.Level).Append(',').Append(d.Aqi?.Category?.Zh)
              .Append(',').Append(ContractJson.JoinList(d.Aqi?.PrimaryPollutants.Select(p => p.Key()) ?? []))
              .Append(',').Append(d.Aqi?.Regime.Id).Append(',').Append(d.AqiValid ? "true" : "false")
              .Append(',').Append(ContractJson.JoinList(d.Exclusions.Select(Reason)));
            w.Write(sb.Append('\n').ToString());
        }
    }

    private static string Reason(DayExclusion e) => e.Reason switch
    {
        DayExclusionReason.NoData => $"{e.Indicator.Key()}: no data",
        DayExclusionReason.TooFewHours => $"{e.Indicator.Key()}: {e.Count} valid hours < {e.Required}",
        _ => $"{e.Indicator.Key()}: {e.Count} valid 8-h means < {e.Required}, not above the limit",
    };

    private static JsonObject Summary(AirAssessment a, JsonObject subject, AqiRegime? fixedRegime)
    {
        var stats = new JsonObject();
        foreach (var s in a.Statistics)
        {
            var o = new JsonObject
            {
                ["unit"] = s.Indicator.Unit(),
                ["valid_days"] = s.ValidDays,
                ["mean"] = s.Mean,
                [$"p{s.PercentileRank}"] = s.Percentile,
                ["exceedance_days"] = s.ExceedanceDays,
                ["annual_valid"] = s.AnnualValid,
                ["short_months"] = new JsonArray([.. s.ShortMonths.Select(m => (JsonNode)m)]),
            };
            stats[s.Indicator.Key()] = o;
        }
        var levels = new JsonObject();
        for (var l = 0; l < 6; l++) levels[AqiCategory.Levels[l].Zh] = a.DaysPerLevel[l];
        var primary = new JsonObject();
        foreach (var (k, v) in a.PrimaryPollutantDays) primary[k.Key()] = v;
        JsonNode? composite = a.Composite is { } c ? new JsonObject
        {
            ["value"] = c.Value,
            ["standard"] = Gb3095.Citation(c.Edition),
            ["terms"] = new JsonArray([.. c.Terms.Select(t => (JsonNode)new JsonObject
            {
                ["indicator"] = t.Indicator.Key(), ["statistic"] = t.Statistic, ["c"] = t.Concentration, ["s"] = t.Limit,
                ["index"] = Gbt8170.Round(t.Index, 4),
            })]),
        } : null;
        var excluded = new JsonArray([.. a.ExcludedDays.Select(d => (JsonNode)new JsonObject
        {
            ["date"] = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["reasons"] = new JsonArray([.. d.Exclusions.Select(e => (JsonNode)Reason(e))]),
        })]);
        return new JsonObject
        {
            ["subject"] = subject,
            ["from"] = a.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = a.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days"] = a.Days.Count,
            // A list is an array (output contract, docs/api.md): the regimes of the period's days, oldest first.
            ["regimes"] = new JsonArray([.. (fixedRegime is { } fr ? [fr.Id] : a.Days.Select(d => AqiRegime.ForDate(d.Date).Id).Distinct()).Select(id => (JsonNode)id)]),
            ["valid_aqi_days"] = a.ValidAqiDays,
            ["good_days"] = a.GoodDays,
            ["good_day_ratio_percent"] = a.GoodDayRatioPercent,
            ["days_per_level"] = levels,
            ["primary_pollutant_days"] = primary,
            ["statistics"] = stats,
            ["composite_index"] = composite,
            ["excluded_days"] = excluded,
        };
    }
}
