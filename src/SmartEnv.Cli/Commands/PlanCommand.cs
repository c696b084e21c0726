using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SmartEnv.Planning;
using SmartEnv.Planning.Consistency;
using SmartEnv.Planning.Import;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv plan projects|indicators|check|export --input DIR</c>: the 14th five-year plan's indicators and major-project
/// library read straight from the plan tables (folder of TSV/xlsx files or an exported workbook); no store needed.
/// Amounts are exact decimal strings in 万元.
/// </summary>
public static class PlanCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to write to.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("plan", "“十四五”生态环境保护规划: indicators (专栏2) and major projects (重大项目表).");
        cmd.Subcommands.Add(Projects(context));
        cmd.Subcommands.Add(Indicators(context));
        cmd.Subcommands.Add(Check(context));
        cmd.Subcommands.Add(Export(context));
        return cmd;
    }

    private static Option<string> InputOption() => new("--input")
    {
        Description = "Folder with indicators-14th, indicators-13th, targets-in-text, major-projects (.tsv or .xlsx), or a workbook from `plan export`.",
        Required = true,
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Write one JSON document instead of text." };

    private static PlanTables? Load(CliContext context, string input)
    {
        var r = PlanReader.Read(input);
        foreach (var e in r.Errors) context.Err.WriteLine("error: " + e);
        return r.Tables;
    }

    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static Command Projects(CliContext context)
    {
        var input = InputOption();
        var json = JsonOption();
        var category = new Option<string?>("--category") { Description = "Only projects whose 分类 contains this text." };
        var lead = new Option<string?>("--lead-unit") { Description = "Only projects whose 牵头单位（实施单位） contains this text." };
        var cmd = new Command("projects", "重大项目 list with investment totals by 分类 and overall (万元).");
        cmd.Options.Add(input);
        cmd.Options.Add(json);
        cmd.Options.Add(category);
        cmd.Options.Add(lead);
        cmd.SetAction(pr =>
        {
            var t = Load(context, pr.GetValue(input)!);
            if (t is null) return 1;
            var library = new ProjectLibrary(t.Projects);
            var filter = new ProjectFilter(pr.GetValue(category), pr.GetValue(lead));
            var list = library.Filter(filter).Select(p => p.Project).ToList();
            var totals = library.Totals(filter);
            if (pr.GetValue(json))
            {
                var byCat = new JsonObject();
                foreach (var c in totals.ByCategory) byCat[c.Category] = S(c.Amount);
                var doc = new JsonObject
                {
                    ["projects"] = new JsonArray(list.Select(ProjectJson).ToArray<JsonNode?>()),
                    ["totals"] = new JsonObject { ["by_category"] = byCat, ["overall"] = S(totals.Overall) },
                };
                context.Out.WriteLine(doc.ToJsonString(CliJson.Options));
                return 0;
            }
            foreach (var p in list)
                context.Out.WriteLine($"{p.Sequence,2} {ProjectLifecycle.Label(ProjectLifecycle.InitialStageFor(p))} {p.PlannedStart.Raw}–{p.PlannedEnd.Raw} {p.Investment.Raw}万元 {p.Name}（{p.LeadUnitRaw}）");
            foreach (var c in totals.ByCategory) context.Out.WriteLine($"小计 {c.Category}: {c.Count}个 {S(c.Amount)}万元");
            context.Out.WriteLine($"合计: {list.Count}个 {S(totals.Overall)}万元");
            return 0;
        });
        return cmd;
    }

    private static JsonObject DateJson(PlanDate d) => new()
    {
        ["raw"] = d.Raw,
        ["kind"] = d.Kind.ToString(),
        ["year"] = d.Year,
        ["month"] = d.Month,
        ["last_day"] = d.Latest?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static JsonObject ProjectJson(MajorProject p) => new()
    {
        ["sequence"] = p.Sequence,
        ["category"] = p.Category,
        ["type"] = p.Type,
        ["sub_type"] = p.SubType,
        ["name"] = p.Name,
        ["content"] = p.Content,
        ["nature"] = p.NatureRaw,
        ["nature_flags"] = p.Nature.ToString(),
        ["planned_start"] = DateJson(p.PlannedStart),
        ["planned_end"] = DateJson(p.PlannedEnd),
        ["investment"] = new JsonObject { ["raw"] = p.Investment.Raw, ["amount"] = p.Investment.AmountText, ["note"] = p.Investment.Note },
        ["lead_unit_raw"] = p.LeadUnitRaw,
        ["lead_unit"] = p.LeadUnit,
        ["implementing_unit"] = p.ImplementingUnit,
        ["initial_stage"] = ProjectLifecycle.Label(ProjectLifecycle.InitialStageFor(p)),
    };

    private static Command Indicators(CliContext context)
    {
        var input = InputOption();
        var json = JsonOption();
        var year = new Option<int>("--year") { Description = "Year to assess.", Required = true };
        var values = new Option<string?>("--values")
        {
            Description = "TSV of values: indicator year value source(computed|reported) by at evidence note; later rows for the same indicator and year are corrections (history kept).",
        };
        var air = new Option<string[]>("--air-summary")
        {
            Description = "Period summary JSON of `smartenv air assess` over one calendar year (repeatable): computed #9 good-day ratio and #13 PM2.5 annual mean.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cmd = new Command("indicators", "专栏2 indicators with baseline, target, value of the year, status and the rule used.");
        cmd.Options.Add(input);
        cmd.Options.Add(year);
        cmd.Options.Add(values);
        cmd.Options.Add(air);
        cmd.Options.Add(json);
        cmd.SetAction(pr =>
        {
            var t = Load(context, pr.GetValue(input)!);
            if (t is null) return 1;
            var series = new Dictionary<int, IndicatorSeries>();
            if (pr.GetValue(values) is { } vf)
            {
                var r = IndicatorValueReader.Read(vf, t.Indicators.Select(i => i.Number).ToHashSet());
                foreach (var e in r.Errors) context.Err.WriteLine("error: " + e);
                if (r.Series is null) return 1;
                series = r.Series.ToDictionary();
            }
            foreach (var file in pr.GetValue(air) ?? [])
            {
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { context.Err.WriteLine($"error: {file}: {e.Message}"); return 1; }
                var a = AirSummaryAdapter.Read(text, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), Path.GetFileName(file));
                if (a.Error is not null) { context.Err.WriteLine("error: " + a.Error); return 1; }
                foreach (var v in a.Values)
                {
                    if (!series.TryGetValue(v.IndicatorNumber, out var sv)) series[v.IndicatorNumber] = sv = new IndicatorSeries(v.IndicatorNumber);
                    sv.Record(v);
                }
            }
            var y = pr.GetValue(year);
            var board = new IndicatorBoard(t.Indicators, series);
            var rows = t.Indicators.Select(i => (I: i, S: board.Series(i.Number))).ToList();
            if (pr.GetValue(json))
            {
                var arr = new JsonArray(rows.Select(r => IndicatorJson(r.I, r.S, y)).ToArray<JsonNode?>());
                context.Out.WriteLine(new JsonObject { ["indicators"] = arr }.ToJsonString(CliJson.Options));
                return 0;
            }
            foreach (var (i, s) in rows)
            {
                var a = IndicatorStatusEvaluator.Assess(i, s, y);
                var v = a.Actual is decimal d ? S(d) : "—";
                context.Out.WriteLine($"{i.Number,2} {i.Name}（{i.Unit}，{i.KindRaw}）现状{i.Baseline.Raw} 目标{i.Target.Raw} {y}年{v} {IndicatorStatusEvaluator.Label(a.Status)}");
                context.Out.WriteLine($"   规则: {a.RuleText}");
            }
            return 0;
        });
        return cmd;
    }

    private static JsonObject ValueJson(PlanValue v) => new()
    {
        ["raw"] = v.Raw,
        ["notation"] = v.Kind.ToString(),
        ["comparator"] = PlanValueParser.Sign(v.Comparator),
        ["value"] = v.Number is decimal n ? S(n) : null,
        ["note"] = v.Note,
    };

    private static JsonObject IndicatorJson(PlanIndicator i, IndicatorSeries s, int year)
    {
        var a = IndicatorStatusEvaluator.Assess(i, s, year);
        var baseline = ValueJson(i.Baseline);
        baseline["year"] = i.BaselineYear;
        var target = ValueJson(i.Target);
        target["year"] = i.TargetYear;
        target["printed"] = i.PrintedTarget.Raw;
        target["awaiting_municipal"] = i.AwaitsMunicipalTarget;
        return new JsonObject
        {
            ["number"] = i.Number,
            ["category"] = i.Category,
            ["name"] = i.Name,
            ["unit"] = i.Unit,
            ["kind"] = i.KindRaw,
            ["baseline"] = baseline,
            ["target"] = target,
            ["year"] = year,
            ["value"] = a.Actual is decimal d ? S(d) : null,
            ["source"] = a.Source?.ToString().ToLowerInvariant(),
            ["status"] = a.Status.ToString(),
            ["status_label"] = IndicatorStatusEvaluator.Label(a.Status),
            ["comparator"] = PlanValueParser.Sign(a.Comparator),
            ["rule"] = a.Rule.ToString(),
            ["rule_text"] = a.RuleText,
            ["path_value"] = a.PathValue is decimal pv ? S(pv) : null,
            ["projection"] = a.Projection is { } p
                ? new JsonObject { ["year"] = p.TargetYear, ["value"] = S(p.Value), ["points"] = p.Points, ["meets_target"] = p.MeetsTarget }
                : null,
            ["sparkline"] = new JsonArray(Enumerable.Range(i.BaselineYear, i.TargetYear - i.BaselineYear + 1)
                .Select(y => (JsonNode?)new JsonObject { ["year"] = y, ["value"] = s.Current(y) is { } c ? S(c.Value) : null }).ToArray()),
            ["history"] = new JsonArray(s.History(year).Select(h => (JsonNode?)new JsonObject
            {
                ["version"] = h.Version,
                ["value"] = S(h.Value.Value),
                ["source"] = h.Value.Source.ToString().ToLowerInvariant(),
                ["by"] = h.Value.By,
                ["at"] = h.Value.At.ToString("O", CultureInfo.InvariantCulture),
                ["evidence"] = h.Value.Evidence,
                ["note"] = h.Value.Note,
            }).ToArray()),
        };
    }

    private static Command Check(CliContext context)
    {
        var input = InputOption();
        var json = JsonOption();
        var cmd = new Command("check", "Consistency report: where the plan contradicts itself (every check listed).");
        cmd.Options.Add(input);
        cmd.Options.Add(json);
        cmd.SetAction(pr =>
        {
            var t = Load(context, pr.GetValue(input)!);
            if (t is null) return 1;
            var findings = PlanConsistency.Check(t);
            if (pr.GetValue(json))
            {
                var arr = new JsonArray(findings.Select(f => (JsonNode?)new JsonObject
                {
                    ["code"] = f.Code,
                    ["severity"] = f.Severity.ToString(),
                    ["subject"] = f.Subject,
                    ["message_zh"] = f.MessageZh,
                    ["message_en"] = f.MessageEn,
                    ["values"] = new JsonObject(f.Values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                }).ToArray());
                context.Out.WriteLine(new JsonObject { ["findings"] = arr }.ToJsonString(CliJson.Options));
                return 0;
            }
            foreach (var f in findings.OrderByDescending(f => f.Severity))
                context.Out.WriteLine($"[{f.Severity}] {f.Subject}: {f.MessageZh}");
            return 0;
        });
        return cmd;
    }

    private static Command Export(CliContext context)
    {
        var input = InputOption();
        var xlsx = new Option<string>("--xlsx") { Description = "Workbook to write (replaced if present).", Required = true };
        var cmd = new Command("export", "Write the plan tables to one .xlsx in the plan's layout (专栏2, 专栏1, 文中目标, 重大项目表 with 合计).");
        cmd.Options.Add(input);
        cmd.Options.Add(xlsx);
        cmd.SetAction(pr =>
        {
            var t = Load(context, pr.GetValue(input)!);
            if (t is null) return 1;
            var file = pr.GetValue(xlsx)!;
            try
            {
                PlanExcelExporter.Export(t, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine($"error: {file}: {e.Message}");
                return 1;
            }
            context.Err.WriteLine($"wrote {file}: {t.Indicators.Count} indicators, {t.Results13th.Count} 13th-plan rows, {t.TextTargets.Count} text targets, {t.Projects.Count} projects");
            return 0;
        });
        return cmd;
    }
}
