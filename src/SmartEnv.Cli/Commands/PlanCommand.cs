using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartEnv.PlanTracking;
using SmartEnv.Planning;
using SmartEnv.Planning.Consistency;
using SmartEnv.Planning.Import;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;
using SmartEnv.Storage;
using SmartEnv.Web.Contracts;
using SmartEnv.Standards.Common;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv plan import|projects|indicators|check|export</c>: the 14th five-year plan's indicators and major-project
/// library. Store mode (default): <c>plan import DIR</c> writes the tables into the store named by <c>--data-dir</c>/<c>--db</c>
/// (as <c>serve</c>), the other commands read from it (#9/#13 computed from stored air hours). File mode: with
/// <c>--input DIR</c> the commands read the tables straight from files and need no store. Amounts are exact decimal
/// strings in 万元.
/// </summary>
public static class PlanCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to write to.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("plan", "“十四五”生态环境保护规划: indicators (专栏2) and major projects (重大项目表).");
        cmd.Subcommands.Add(Import(context));
        cmd.Subcommands.Add(Projects(context));
        cmd.Subcommands.Add(Indicators(context));
        cmd.Subcommands.Add(Record(context));
        cmd.Subcommands.Add(ImportValues(context));
        cmd.Subcommands.Add(Check(context));
        cmd.Subcommands.Add(Export(context));
        return cmd;
    }

    private static Option<string?> InputOption() => new("--input")
    {
        Description = "File mode: read the tables from this folder (indicators-14th, indicators-13th, targets-in-text, major-projects as .tsv or .xlsx) or workbook from `plan export` instead of the store.",
    };

    private static Option<string> DataDirOption() => new("--data-dir") { Description = "Data directory (SQLite file). Default ./data.", DefaultValueFactory = _ => "./data" };

    private static Option<string?> DbOption() => new("--db") { Description = "Database: PostgreSQL connection string or SQLite file path (as `serve`). Default DATA_DIR/smartenv.db." };

    /// <summary>Options every command shares: <c>--input</c> (file mode), <c>--data-dir</c>, <c>--db</c> (store mode).</summary>
    private sealed record Source(Option<string?> Input, Option<string> DataDir, Option<string?> Db)
    {
        public static Source Add(Command cmd)
        {
            var s = new Source(InputOption(), DataDirOption(), DbOption());
            cmd.Options.Add(s.Input);
            cmd.Options.Add(s.DataDir);
            cmd.Options.Add(s.Db);
            return s;
        }
    }

    private static async Task<SmartEnvStore?> OpenStoreAsync(CliContext context, ParseResult pr, Source src, CancellationToken ct)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(src.Db), Path.GetFullPath(pr.GetValue(src.DataDir)!)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            return store;
        }
        catch (StoreUnavailableException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return null;
        }
    }

    /// <summary>The plan from the files (<c>--input</c>) or from the store; null after writing the error.</summary>
    private static async Task<StoredPlan?> LoadPlanAsync(CliContext context, ParseResult pr, Source src, PlanRepository? repo, CancellationToken ct)
    {
        if (pr.GetValue(src.Input) is { } input)
        {
            var t = Load(context, input);
            return t is null ? null : new StoredPlan(t, new IndicatorBoard(t.Indicators), new ProjectLibrary(t.Projects));
        }
        var plan = await repo!.LoadAsync(ct);
        if (plan is null) context.Err.WriteLine("error: no plan in the store: run `smartenv plan import DIR` first (or give --input DIR)");
        return plan;
    }

    private static Command Import(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "Folder with the four tables (.tsv, or .xlsx when no TSV) or a workbook from `plan export`." };
        var dataDir = DataDirOption();
        var db = DbOption();
        var cmd = new Command("import", "Store the plan tables (raw cells + parsed) in the store; all or nothing, re-running identical tables changes nothing.");
        cmd.Arguments.Add(dir);
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = await OpenStoreAsync(context, pr, new Source(InputOption(), dataDir, db), ct);
            if (store is null) return 1;
            var r = await new PlanRepository(store) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() }.ImportAsync(pr.GetValue(dir)!, ct);
            foreach (var e in r.Errors) context.Err.WriteLine("error: " + e);
            if (!r.Ok) return 1;
            context.Out.WriteLine(r.Changed
                ? $"imported: {r.Indicators} indicators, {r.Projects} projects into {store.Options.Redacted}"
                : $"unchanged: the store already holds these tables ({r.Indicators} indicators, {r.Projects} projects)");
            return 0;
        });
        return cmd;
    }

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
        var json = JsonOption();
        var category = new Option<string?>("--category") { Description = "Only projects whose 分类 contains this text." };
        var lead = new Option<string?>("--lead-unit") { Description = "Only projects whose 牵头单位（实施单位） contains this text." };
        var stage = new Option<string?>("--stage") { Description = "Only projects in this stage (reserve, preparation, under_construction, completed, accepted, adjusting, cancelled)." };
        var refDate = new Option<DateOnly?>("--reference-date") { Description = "Date of the delay check (YYYY-MM-DD). Default today (Beijing)." };
        var cmd = new Command("projects", "重大项目 list with stage, schedule check and investment totals by 分类 and overall (万元).");
        var src = Source.Add(cmd);
        cmd.Options.Add(json);
        cmd.Options.Add(category);
        cmd.Options.Add(lead);
        cmd.Options.Add(stage);
        cmd.Options.Add(refDate);
        cmd.SetAction(async (pr, ct) =>
        {
            ProjectStage? st = null;
            if (pr.GetValue(stage) is { } sv && (st = PlanRepository.ParseStage(sv)) is null)
            {
                context.Err.WriteLine($"error: unknown --stage '{sv}'");
                return 2;
            }
            PlanRepository? repo = null;
            if (pr.GetValue(src.Input) is null)
            {
                var store = await OpenStoreAsync(context, pr, src, ct);
                if (store is null) return 1;
                repo = new PlanRepository(store) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() };
            }
            var plan = await LoadPlanAsync(context, pr, src, repo, ct);
            if (plan is null) return 1;
            var library = plan.Library;
            var filter = new ProjectFilter(pr.GetValue(category), pr.GetValue(lead), st);
            var list = library.Filter(filter);
            var totals = library.Totals(filter);
            var day = pr.GetValue(refDate) ?? BeijingTime.Today(TimeProvider.System);
            if (pr.GetValue(json))
            {
                var byCat = new JsonObject();
                foreach (var c in totals.ByCategory) byCat[c.Category] = S(c.Amount);
                var doc = new JsonObject
                {
                    ["projects"] = new JsonArray(list.Select(p => ProjectJson(p, day)).ToArray<JsonNode?>()),
                    ["totals"] = new JsonObject { ["by_category"] = byCat, ["overall"] = S(totals.Overall) },
                };
                context.Out.WriteLine(doc.ToJsonString(CliJson.Options));
                return 0;
            }
            foreach (var tp in list)
            {
                var p = tp.Project;
                var c = tp.CheckSchedule(day);
                context.Out.WriteLine($"{p.Sequence,2} {ProjectLifecycle.Label(tp.Lifecycle.Stage)} {p.PlannedStart.Raw}–{p.PlannedEnd.Raw} {p.Investment.Raw}万元 {p.Name}（{p.LeadUnitRaw}）{(c.Status is ScheduleStatus.Delayed or ScheduleStatus.StartOverdue ? $" [{PlanTrackingExporter.ScheduleLabel(c.Status)} {c.DaysOverdue}天]" : "")}");
            }
            foreach (var c in totals.ByCategory) context.Out.WriteLine($"小计 {c.Category}: {c.Count}个 {S(c.Amount)}万元");
            context.Out.WriteLine($"合计: {list.Count}个 {S(totals.Overall)}万元");
            return 0;
        });
        return cmd;
    }

    private static JsonObject DateJson(PlanDate d) => new()
    {
        ["raw"] = d.Raw,
        ["kind"] = ContractJson.EnumValue(d.Kind),
        ["year"] = d.Year,
        ["month"] = d.Month,
        ["last_day"] = d.Latest?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static JsonObject ProjectJson(TrackedProject tp, DateOnly referenceDate)
    {
        var p = tp.Project;
        var c = tp.CheckSchedule(referenceDate);
        return new JsonObject
    {
        ["sequence"] = p.Sequence,
        ["category"] = p.Category,
        ["type"] = p.Type,
        ["sub_type"] = p.SubType,
        ["name"] = p.Name,
        ["content"] = p.Content,
        ["nature"] = p.NatureRaw,
        ["nature_flags"] = new JsonArray([.. Enum.GetValues<ProjectNature>().Where(f => f != ProjectNature.Unknown && p.Nature.HasFlag(f)).Select(f => (JsonNode?)ContractJson.EnumValue(f))]),
        ["planned_start"] = DateJson(p.PlannedStart),
        ["planned_end"] = DateJson(p.PlannedEnd),
        ["investment"] = new JsonObject { ["raw"] = p.Investment.Raw, ["amount"] = p.Investment.AmountText, ["note"] = p.Investment.Note },
        ["lead_unit_raw"] = p.LeadUnitRaw,
        ["lead_unit"] = p.LeadUnit,
        ["implementing_unit"] = p.ImplementingUnit,
        ["initial_stage"] = ProjectLifecycle.Label(ProjectLifecycle.InitialStageFor(p)),
        ["stage"] = PlanRepository.StageKey(tp.Lifecycle.Stage),
        ["stage_label"] = ProjectLifecycle.Label(tp.Lifecycle.Stage),
        ["schedule"] = new JsonObject
        {
            ["reference_date"] = referenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = ContractJson.EnumValue(c.Status),
            ["label"] = PlanTrackingExporter.ScheduleLabel(c.Status),
            ["deadline"] = c.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days_overdue"] = c.DaysOverdue,
        },
        ["progress"] = tp.Latest is { } l
            ? new JsonObject { ["as_of"] = l.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["percent_complete"] = S(l.PercentComplete), ["investment_to_date"] = S(l.InvestmentToDate), ["issues"] = l.Issues }
            : null,
    };
    }

    private static Command Indicators(CliContext context)
    {
        var json = JsonOption();
        var year = new Option<int>("--year") { Description = "Year to assess.", Required = true };
        var values = new Option<string?>("--values")
        {
            Description = "File mode only: TSV of values: indicator year value source(computed|reported) by at evidence note; later rows for the same indicator and year are corrections (history kept).",
        };
        var air = new Option<string[]>("--air-summary")
        {
            Description = "File mode only: period summary JSON of `smartenv air assess` over one calendar year (repeatable): computed #9 good-day ratio and #13 PM2.5 annual mean. Store mode computes them from stored hours.",
            AllowMultipleArgumentsPerToken = false,
        };
        var stations = new Option<string[]>("--air-station")
        {
            Description = "Store mode: air station code(s) for #9/#13 (HJ 663-2013 station assessment of stored hours). Default 1420A 唐家沱.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cmd = new Command("indicators", "专栏2 indicators with baseline, target, value of the year, status and the rule used.");
        var src = Source.Add(cmd);
        cmd.Options.Add(year);
        cmd.Options.Add(values);
        cmd.Options.Add(air);
        cmd.Options.Add(stations);
        cmd.Options.Add(json);
        cmd.SetAction(async (pr, ct) =>
        {
            if (pr.GetValue(year) is < 2000 or > 2100)
            {
                context.Err.WriteLine($"error: --year {pr.GetValue(year)} is outside 2000–2100 (the range the values file accepts)");
                return 2;
            }
            var y = pr.GetValue(year);
            var fileMode = pr.GetValue(src.Input) is not null;
            if (!fileMode && (pr.GetValue(values) is not null || pr.GetValue(air) is { Length: > 0 }))
            {
                context.Err.WriteLine("error: --values and --air-summary need --input (file mode); in store mode record values with `smartenv plan record` or POST /api/plan/indicators/{number}/values, #9/#13 are computed from stored hours");
                return 2;
            }
            PlanRepository? repo = null;
            IReadOnlyList<ComputedGap> gaps = [];
            if (!fileMode)
            {
                var store = await OpenStoreAsync(context, pr, src, ct);
                if (store is null) return 1;
                repo = new PlanRepository(store, pr.GetValue(stations)) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() };
                (_, gaps) = await repo.ComputeAsync(y, ct);
            }
            var plan = await LoadPlanAsync(context, pr, src, repo, ct);
            if (plan is null) return 1;
            var board = plan.Board;
            if (pr.GetValue(values) is { } vf)
            {
                var r = IndicatorValueReader.Read(vf, plan.Tables.Indicators.Select(i => i.Number).ToHashSet());
                foreach (var e in r.Errors) context.Err.WriteLine("error: " + e);
                if (r.Series is null) return 1;
                foreach (var sv in r.Series.Values)
                    foreach (var yr in sv.Years)
                        foreach (var h in sv.History(yr)) board.Record(h.Value);
            }
            foreach (var file in pr.GetValue(air) ?? [])
            {
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { context.Err.WriteLine($"error: {file}: {e.Message}"); return 1; }
                var a = AirSummaryAdapter.Read(text, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), Path.GetFileName(file));
                if (a.Error is not null) { context.Err.WriteLine("error: " + a.Error); return 1; }
                foreach (var v in a.Values) board.Record(v);
            }
            var rows = board.Indicators.Select(i => (I: i, S: board.Series(i.Number))).ToList();
            string? Gap(PlanIndicator i, IndicatorSeries s) => s.Current(y) is null ? gaps.FirstOrDefault(g => g.IndicatorNumber == i.Number)?.Reason : null;
            if (pr.GetValue(json))
            {
                // The same record as GET /api/plan/indicators (Contracts.PlanBoardDto); air_stations empty in file mode.
                var doc = new PlanBoardDto(y, repo?.AirStations ?? [], [.. rows.Select(r =>
                    PlanContract.Indicator(board, r.I, y, gaps.FirstOrDefault(g => g.IndicatorNumber == r.I.Number)?.Reason))]);
                context.Out.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
                return 0;
            }
            foreach (var (i, s) in rows)
            {
                var a = IndicatorStatusEvaluator.Assess(i, s, y);
                var v = a.Actual is decimal d ? S(d) + (a.Source == ValueSource.Computed ? "（监测计算）" : "") : "—";
                context.Out.WriteLine($"{i.Number,2} {i.Name}（{i.Unit}，{i.KindRaw}）现状{i.Baseline.Raw} 目标{i.Target.Raw} {y}年{v} {IndicatorStatusEvaluator.Label(a.Status)}");
                context.Out.WriteLine($"   规则: {a.RuleText}");
                if (Gap(i, s) is { } g) context.Out.WriteLine($"   {g}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command ImportValues(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Values TSV: indicator year value source(computed|reported) by at evidence note." };
        var dataDir = DataDirOption();
        var db = DbOption();
        var cmd = new Command("import-values", "Store the values of a values file as new versions (identical versions are skipped; all or nothing).");
        cmd.Arguments.Add(file);
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = await OpenStoreAsync(context, pr, new Source(InputOption(), dataDir, db), ct);
            if (store is null) return 1;
            var (added, skipped, errors) = await new PlanRepository(store) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() }.ImportValuesAsync(pr.GetValue(file)!, ct);
            foreach (var e in errors) context.Err.WriteLine("error: " + e);
            if (errors.Count > 0) return 1;
            context.Out.WriteLine($"values: {added} versions added, {skipped} already stored");
            return 0;
        });
        return cmd;
    }

    private static Command Record(CliContext context)
    {
        var number = new Option<int>("--indicator") { Description = "专栏2 序号.", Required = true };
        var year = new Option<int>("--year") { Description = "Year the value describes.", Required = true };
        var value = new Option<decimal>("--value") { Description = "Value in the indicator's unit (exact decimal).", Required = true };
        var by = new Option<string>("--by") { Description = "Reporter.", Required = true };
        var evidence = new Option<string>("--evidence") { Description = "Evidence (document).", Required = true };
        var note = new Option<string?>("--note") { Description = "Note." };
        var dataDir = DataDirOption();
        var db = DbOption();
        var cmd = new Command("record", "Record a reported indicator value in the store as a new version (earlier versions kept).");
        foreach (var o in new Option[] { number, year, value, by, evidence, note, dataDir, db }) cmd.Options.Add(o);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = await OpenStoreAsync(context, pr, new Source(InputOption(), dataDir, db), ct);
            if (store is null) return 1;
            var (version, error) = await new PlanRepository(store) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() }.RecordValueAsync(new IndicatorValue(pr.GetValue(number), pr.GetValue(year),
                pr.GetValue(value), ValueSource.Reported, pr.GetValue(by)!, DateTimeOffset.UtcNow, pr.GetValue(evidence)!, pr.GetValue(note)), ct);
            if (error is not null) { context.Err.WriteLine("error: " + error); return 1; }
            context.Out.WriteLine($"recorded indicator {pr.GetValue(number)} {pr.GetValue(year)} = {S(pr.GetValue(value))} as version {version}");
            return 0;
        });
        return cmd;
    }

    private static Command Check(CliContext context)
    {
        var json = JsonOption();
        var cmd = new Command("check", "Consistency report: where the plan contradicts itself or the stored measurements (every check listed).");
        var src = Source.Add(cmd);
        cmd.Options.Add(json);
        cmd.SetAction(async (pr, ct) =>
        {
            PlanRepository? repo = null;
            if (pr.GetValue(src.Input) is null)
            {
                var store = await OpenStoreAsync(context, pr, src, ct);
                if (store is null) return 1;
                repo = new PlanRepository(store) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() };
                await repo.ComputeAsync(2020, ct);
            }
            var plan = await LoadPlanAsync(context, pr, src, repo, ct);
            if (plan is null) return 1;
            var findings = PlanConsistency.Check(plan.Tables,
                repo is null ? null : plan.Board.Indicators.ToDictionary(i => i.Number, i => plan.Board.Series(i.Number)));
            if (pr.GetValue(json))
            {
                var arr = new JsonArray(findings.Select(f => (JsonNode?)new JsonObject
                {
                    ["code"] = f.Code,
                    ["severity"] = ContractJson.EnumValue(f.Severity),
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
        var xlsx = new Option<string>("--xlsx") { Description = "Workbook to write (replaced if present).", Required = true };
        var progress = new Option<bool>("--progress") { Description = "Write the progress workbook (专栏2 指标进展 with value/status/rule of --year, 重大项目进展 with stage, progress and delay on --reference-date) instead of the plan's tables." };
        var year = new Option<int?>("--year") { Description = "With --progress: year of the indicator values. Default this year." };
        var refDate = new Option<DateOnly?>("--reference-date") { Description = "With --progress: date of the delay check. Default today (Beijing)." };
        var cmd = new Command("export", "Write the plan tables to one .xlsx in the plan's layout (专栏2, 专栏1, 文中目标, 重大项目表 with 合计), or the progress workbook.");
        var src = Source.Add(cmd);
        cmd.Options.Add(xlsx);
        cmd.Options.Add(progress);
        cmd.Options.Add(year);
        cmd.Options.Add(refDate);
        cmd.SetAction(async (pr, ct) =>
        {
            var today = BeijingTime.Today(TimeProvider.System);
            var y = pr.GetValue(year) ?? today.Year;
            PlanRepository? repo = null;
            if (pr.GetValue(src.Input) is null)
            {
                var store = await OpenStoreAsync(context, pr, src, ct);
                if (store is null) return 1;
                repo = new PlanRepository(store) { Actor = SmartEnv.Storage.Audit.AuditActor.Cli() };
                if (pr.GetValue(progress)) await repo.ComputeAsync(y, ct);
            }
            var plan = await LoadPlanAsync(context, pr, src, repo, ct);
            if (plan is null) return 1;
            var t = plan.Tables;
            var file = pr.GetValue(xlsx)!;
            try
            {
                if (pr.GetValue(progress)) PlanTrackingExporter.Export(plan.Board, y, plan.Library, pr.GetValue(refDate) ?? today, file);
                else PlanExcelExporter.Export(t, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine($"error: {file}: {e.Message}");
                return 1;
            }
            context.Err.WriteLine(pr.GetValue(progress)
                ? $"wrote {file}: progress of {t.Indicators.Count} indicators ({y}) and {t.Projects.Count} projects"
                : $"wrote {file}: {t.Indicators.Count} indicators, {t.Results13th.Count} 13th-plan rows, {t.TextTargets.Count} text targets, {t.Projects.Count} projects");
            return 0;
        });
        return cmd;
    }
}
