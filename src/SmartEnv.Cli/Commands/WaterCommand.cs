using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv water classify|assess</c>: GB 3838-2002 single-factor classes and 环办〔2011〕22号 evaluation
/// (docs/standards-water.md).
/// </summary>
public static class WaterCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("water", "Surface-water quality (GB 3838-2002, 环办〔2011〕22号) — 地表水水质评价.");
        cmd.Subcommands.Add(Classify(context));
        cmd.Subcommands.Add(Assess(context));
        return cmd;
    }

    private static Command Classify(CliContext context)
    {
        var itemSet = new Option<string>("--item-set") { Description = "Items evaluated: gb3838-21 (default), auto-5, gb3838-24, or keys such as ph,do,tp.", DefaultValueFactory = _ => "gb3838-21" };
        var waterbody = new Option<string>("--waterbody") { Description = "river (default) or lake (lake/reservoir TP limits, TN evaluated).", DefaultValueFactory = _ => "river" };
        var jsonl = new Option<bool>("--jsonl") { Description = "JSON Lines in and out (the only format)." };
        var cmd = new Command("classify", "Classify samples read as JSON Lines from stdin (keys ph, do, codmn, cod, bod5, nh3n, tp, tn, …; optional waterbody, target_class) — 单因子评价.");
        cmd.Options.Add(itemSet);
        cmd.Options.Add(waterbody);
        cmd.Options.Add(jsonl);
        cmd.SetAction(pr =>
        {
            if (!WaterItemSets.TryParse(pr.GetValue(itemSet)!, out var set, out var err)) { context.Err.WriteLine("error: " + err); return 2; }
            if (!TryWaterbody(pr.GetValue(waterbody)!, out var wb)) { context.Err.WriteLine("error: --waterbody must be river or lake"); return 2; }
            var failed = false;
            foreach (var (n, line) in CliInput.Lines(context.In))
            {
                if (line.Trim().Length == 0) continue;
                try
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(ClassifyLine(line, set, wb), CliJson.Options));
                }
                catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
                {
                    failed = true;
                    context.Err.WriteLine($"line {n}: {e.Message}");
                }
            }
            return failed ? 1 : 0;
        });
        return cmd;
    }

    private static Dictionary<string, object?> ClassifyLine(string line, IReadOnlyList<WaterItem> set, WaterbodyType defaultWb)
    {
        using var doc = JsonDocument.Parse(line);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
        CliInput.RejectDuplicateKeys(doc.RootElement);
        var values = new Dictionary<WaterItem, decimal>();
        var ignored = new List<string>();
        var wb = defaultWb;
        WaterClass? target = null;
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.NameEquals("waterbody"))
            {
                if (!TryWaterbody(CliInput.String(p.Value, "waterbody"), out wb)) throw new FormatException("waterbody must be river or lake");
                continue;
            }
            if (p.NameEquals("target_class"))
            {
                if (!WaterClassText.TryParse(CliInput.String(p.Value, "target_class"), out var t)) throw new FormatException($"target_class '{p.Value}' is not a class (Ⅰ…Ⅴ, I…V)");
                target = t;
                continue;
            }
            if (!Gb3838Table1.TryGetByKey(p.Name, out var item)) { ignored.Add(p.Name); continue; }
            var v = p.Value;
            if (v.ValueKind == JsonValueKind.Null) continue;
            if (v.ValueKind == JsonValueKind.Number) { values[item] = InRange(p.Name, item, CliInput.Decimal(v, p.Name)); continue; }
            var s = v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : throw new FormatException($"'{p.Name}' must be a number");
            if (s is "" or "--" or "*") continue;
            values[item] = decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? InRange(p.Name, item, d) : throw new FormatException($"'{p.Name}': '{s}' is not a number");
        }
        ignored.AddRange(values.Keys.Where(k => !set.Contains(k)).Select(k => Gb3838Table1.Get(k).Key)); // given, but not in the item set
        var a = WaterClassifier.Classify(values, set, wb);
        var o = AssessmentJson(a);
        if (target is { } tc) { o["target_class"] = tc.ToDisplay(); o["meets_target"] = a.Class is { } c ? WaterClassifier.MeetsTarget(c, tc) : null; }
        o["ignored_keys"] = ignored;
        return o;
    }

    /// <summary>Refuses values the classifier cannot take (it throws on them), naming the key: negative, pH above 14, 10^15 or more.</summary>
    private static decimal InRange(string key, WaterItem item, decimal v) =>
        v < 0 || (item == WaterItem.PH && v > 14) || v >= 1e15m
            ? throw new FormatException($"'{key}': {v.ToString(CultureInfo.InvariantCulture)} is out of range ({(item == WaterItem.PH ? "pH 0–14" : "0 up to 10^15")})")
            : v;

    /// <summary>JSON shape of one assessment (shared by classify and assess): the contract record
    /// <see cref="WaterAssessmentDto"/> as an object the commands add their own members to.</summary>
    private static Dictionary<string, object?> AssessmentJson(WaterAssessment a) =>
        JsonSerializer.SerializeToElement(WaterAssessmentDto.From(a), CliJson.Options).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    private static Command Assess(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "Input format: cnemc-water (国家地表水水质自动监测 CSV, .gz allowed).", Required = true };
        var input = new Option<string[]>("--input") { Description = "Input file(s).", Required = true, AllowMultipleArgumentsPerToken = true };
        var section = new Option<string[]>("--section") { Description = "Keep only these sections: 断面名称 or 省份/断面名称 (repeatable).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "First time kept, Beijing time: yyyy-MM-dd or 'yyyy-MM-dd HH:mm' (inclusive)." };
        var to = new Option<string?>("--to") { Description = "Last time kept: yyyy-MM-dd (the whole day) or 'yyyy-MM-dd HH:mm' (exclusive)." };
        var output = new Option<string>("--out") { Description = "CSV file of per-row results (computed class beside the published one).", Required = true };
        var itemSet = new Option<string>("--item-set") { Description = "Items evaluated (default auto-5 = pH, DO, CODMn, NH3-N, TP).", DefaultValueFactory = _ => "auto-5" };
        var lakes = new Option<string?>("--lake-sections") { Description = "File listing lake/reservoir sections, one '省份,断面名称' per line (others are rivers)." };
        var period = new Option<string>("--period") { Description = "Per-section result period: all (default, the whole selection), day, week, month, season, year.", DefaultValueFactory = _ => "all" };
        var cmd = new Command("assess", "Evaluate published monitoring files: per-row class to --out CSV, per-section period results as JSON Lines on stdout.");
        foreach (var o in new Option[] { format, input, section, from, to, output, itemSet, lakes, period }) cmd.Options.Add(o);
        cmd.SetAction(pr =>
        {
            if (pr.GetValue(format) != "cnemc-water") { context.Err.WriteLine("error: --format must be cnemc-water"); return 2; }
            if (!WaterItemSets.TryParse(pr.GetValue(itemSet)!, out var set, out var err)) { context.Err.WriteLine("error: " + err); return 2; }
            if (!TryTime(pr.GetValue(from), false, out var f) || !TryTime(pr.GetValue(to), true, out var t))
            {
                context.Err.WriteLine("error: --from/--to must be yyyy-MM-dd or 'yyyy-MM-dd HH:mm'");
                return 2;
            }
            if (f is { } f0 && t is { } t0 && t0 <= f0) { context.Err.WriteLine("error: --to is not after --from"); return 2; }
            var outPath = Path.GetFullPath(pr.GetValue(output)!);
            if (pr.GetValue(input)!.Any(i => Path.GetFullPath(i) == outPath))
            {
                context.Err.WriteLine($"error: --out {pr.GetValue(output)} is also an --input: the input would be overwritten");
                return 2;
            }
            WaterPeriodKind? pk = pr.GetValue(period) switch
            {
                "all" => null, "day" => WaterPeriodKind.Day, "week" => WaterPeriodKind.Week, "month" => WaterPeriodKind.Month,
                "season" => WaterPeriodKind.Season, "year" => WaterPeriodKind.Year, _ => (WaterPeriodKind)(-1),
            };
            if (pk == (WaterPeriodKind)(-1)) { context.Err.WriteLine("error: --period must be all, day, week, month, season or year"); return 2; }
            try
            {
                IReadOnlySet<(string, string)> lakeSet = new HashSet<(string, string)>();
                if (pr.GetValue(lakes) is { } lf)
                {
                    using var lr = new StreamReader(lf);
                    lakeSet = CnemcWaterAssessment.ParseSectionList(lr);
                }
                var rows = pr.GetValue(input)!.SelectMany(CnemcWaterFile.Read).ToList();
                var unknown = (pr.GetValue(section) ?? []).Where(s => !rows.Any(r => s == r.Section || s == r.Province + "/" + r.Section)).ToList();
                if (unknown.Count > 0) { context.Err.WriteLine($"error: no section {string.Join(", ", unknown.Select(u => "'" + u + "'"))} in the input"); return 1; }
                var res = CnemcWaterAssessment.Assess(rows, new CnemcWaterAssessmentOptions
                {
                    ItemSet = set, LakeSections = lakeSet, Sections = pr.GetValue(section) ?? [], From = f, To = t, Period = pk,
                });
                if (res.Rows.Count == 0)
                {
                    context.Err.WriteLine(rows.Count == 0 ? "error: the input holds no data rows" : "error: no row lies in the --from/--to range");
                    return 1;
                }
                using (var w = new StreamWriter(pr.GetValue(output)!, false, new System.Text.UTF8Encoding(false)))
                    CnemcWaterCsv.Write(res.Rows, w);
                foreach (var s in res.Sections)
                {
                    var o = new Dictionary<string, object?>
                    {
                        ["province"] = s.Province, ["section"] = s.Section, ["basin"] = s.Basin,
                        ["period_start"] = s.PeriodStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["samples"] = s.Samples,
                        ["mean"] = s.Mean.Where(kv => set.Contains(kv.Key) || kv.Key is WaterItem.Temperature or WaterItem.TotalNitrogen)
                            .OrderBy(kv => kv.Key).ToDictionary(kv => Gb3838Table1.Get(kv.Key).Key, kv => Gbt8170.Round(kv.Value, 4)),
                    };
                    foreach (var (k, v) in AssessmentJson(s.Assessment)) if (k != "items") o[k] = v;
                    o["exceeding_multiples"] = s.Assessment.Items.Where(i => i.ExceedingMultiple is not null)
                        .ToDictionary(i => Gb3838Table1.Get(i.Item).Key, i => WaterClassifier.ReportedExceedingMultiple(i.ExceedingMultiple!.Value));
                    o["published_rows"] = s.PublishedRows;
                    o["matching_rows"] = s.MatchingRows;
                    context.Out.WriteLine(JsonSerializer.Serialize(o, CliJson.Options));
                }
                var pub = res.Rows.Count(r => r.Matches is not null);
                context.Err.WriteLine($"rows: {res.Rows.Count} selected, {pub} with a published and a computed class, {res.Rows.Count(r => r.Matches == true)} equal; sections: {res.Sections.Select(s => (s.Province, s.Section)).Distinct().Count()}");
                return 0;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                context.Err.WriteLine("error: " + e.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static bool TryWaterbody(string s, out WaterbodyType wb)
    {
        switch (s.Trim().ToLowerInvariant())
        {
            case "river": wb = WaterbodyType.River; return true;
            case "lake": case "reservoir": wb = WaterbodyType.Lake; return true;
            default: wb = WaterbodyType.River; return false;
        }
    }

    private static bool TryTime(string? s, bool isEnd, out DateTime? t)
    {
        t = null;
        if (string.IsNullOrWhiteSpace(s)) return true;
        if (DateTime.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            t = isEnd ? d.AddDays(1) : d;
            return true;
        }
        if (DateTime.TryParseExact(s.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            t = dt;
            return true;
        }
        return false;
    }
}
