using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Planning;
using SmartEnv.Planning.Import;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Plan;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;

namespace SmartEnv.PlanTracking;

/// <summary>Outcome of <see cref="PlanRepository.ImportAsync"/>.</summary>
/// <param name="Errors">Import errors (file, row, column); when any, nothing was stored.</param>
/// <param name="Changed">True when the store changed; false for a re-import of identical tables.</param>
/// <param name="Indicators">Indicators in the tables.</param>
/// <param name="Projects">Projects in the tables.</param>
public sealed record PlanStoreImport(IReadOnlyList<string> Errors, bool Changed, int Indicators, int Projects)
{
    /// <summary>True when the import succeeded (or changed nothing).</summary>
    public bool Ok => Errors.Count == 0;
}

/// <summary>The plan as stored: tables rebuilt from the raw cells, value series, tracked projects.</summary>
/// <param name="Tables">The four tables (parsed again from the stored raw cells).</param>
/// <param name="Board">Indicators with every stored value version.</param>
/// <param name="Library">Projects with their stored stage changes, progress reports and evaluations replayed.</param>
public sealed record StoredPlan(PlanTables Tables, IndicatorBoard Board, ProjectLibrary Library);

/// <summary>Why a computed indicator has no value for a year (shown, not hidden).</summary>
/// <param name="IndicatorNumber">专栏2 序号.</param>
/// <param name="Year">Year.</param>
/// <param name="Reason">zh-CN / English text.</param>
public sealed record ComputedGap(int IndicatorNumber, int Year, string Reason);

/// <summary>
/// The plan in the monitoring store (tables <c>plan_*</c>): all-or-nothing, idempotent import of the plan tables,
/// reconstruction of the library models, append-only indicator values, project stage changes, progress reports and
/// evaluations (validated by the library's rules before they are written), and computed indicators from stored
/// monitoring data. Thread-safe (each call uses its own context).
/// </summary>
public sealed class PlanRepository
{
    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the repository.</summary>
    /// <param name="store">The store (migrated).</param>
    /// <param name="airStations">Air station codes for #9/#13 (default <c>1420A</c> 唐家沱). One station is assessed
    /// (HJ 663-2013 station assessment); with several, the first that has data is used and named in the evidence.</param>
    /// <param name="time">Clock for recording times.</param>
    public PlanRepository(SmartEnvStore store, IReadOnlyList<string>? airStations = null, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        AirStations = airStations is { Count: > 0 } ? airStations : ComputedIndicators.Defaults.Single(d => d.IndicatorNumber == 9).Sites;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Who makes this repository's changes; every stored change (plan import, value version, municipal target,
    /// stage change, progress report, evaluation) appends an audit entry in its transaction (<see cref="AuditTrail"/>).
    /// Default: the system job <c>plan</c>.</summary>
    public AuditActor Actor { get; init; } = AuditActor.System("plan");

    private Task AuditAsync(SmartEnvDbContext db, string action, string targetType, string? targetId, object? before, object? after, string? reason, CancellationToken ct) =>
        AuditTrail.AppendAsync(db, Actor, action, targetType, targetId, before, after, reason, _time.GetUtcNow(), ct);

    /// <summary>Air stations used for #9 and #13.</summary>
    public IReadOnlyList<string> AirStations { get; }

    /// <summary>Engine name recorded as <c>By</c> of computed air values.</summary>
    public const string AirEngine = "HJ 663-2013 (smartenv air assess)";

    /// <summary>Engine name recorded as <c>By</c> of computed #17 values (城镇医疗废物集中无害化处置率).</summary>
    public const string MedicalWasteEngine = "SmartEnv medical waste (" + SmartEnv.Supervision.Waste.Medical.CentralDisposalRate.RuleVersion + ")";

    /// <summary>Engine name recorded as <c>By</c> of computed water values (#7).</summary>
    public const string WaterEngine = "GB 3838-2002 single-factor, annual mean per section (环办〔2011〕22号)";

    /// <summary>
    /// #7 水质优良（达到或好于Ⅲ类）比例 of the 国控/市控 sections of the registry: per section, the mean of each item
    /// over the stored samples of the Beijing calendar year (<see cref="WaterPeriod.Mean"/>), classified over the
    /// GB 3838-2002 21 evaluated items that have a value (river limits; with automatic-station data these are pH, DO,
    /// CODMn, NH3-N, TP), then <see cref="WaterRatios.ShareIToIII"/> × 100 rounded to 0.1 % (GB/T 8170).
    /// </summary>
    /// <returns>The percent, or null with the reason in <c>Evidence</c>.</returns>
    private static async Task<(decimal? Share, string Evidence, string? Note)> ControlSectionShareAsync(SmartEnvDbContext db,
        List<Site> waterSites, int year, DateTimeOffset t0, DateTimeOffset t1, CancellationToken ct)
    {
        var control = waterSites.Where(s => s.ControlLevel is ControlLevel.National or ControlLevel.Municipal).ToList();
        var samples = await WaterSamples.ReadAsync(db, control.Select(s => s.Id).ToList(), t0, t1, ct);
        var classes = new List<(Site Site, WaterClass Class)>();
        foreach (var s in control)
        {
            if (!samples.TryGetValue(s.Id, out var list)) continue;
            var mean = WaterPeriod.Mean(list.Select(x => x.Values));
            if (WaterClassifier.Classify(mean, WaterItemSets.Gb3838Evaluated21).Class is { } c) classes.Add((s, c));
        }
        if (classes.Count == 0)
            return (null, $"无数据：{year}年国控/市控断面无 GB 3838 评价项目监测值 / no data: no GB 3838 item values at national/municipal control sections in {year}", null);
        var share = WaterRatios.ShareIToIII(classes.Select(x => x.Class))!.Value;
        var percent = SmartEnv.Standards.Common.Gbt8170.Round(share * 100m, 1);
        var evidence = $"{WaterEngine}; {year} Beijing calendar year; sections: "
            + string.Join(", ", classes.Select(x => $"{x.Site.Code} {x.Site.NameZh} {x.Class.ToDisplay()}"));
        var missing = control.Count - classes.Count;
        var good = classes.Count(x => x.Class <= WaterClass.III);
        return (percent, evidence, $"{good}/{classes.Count} sections at or better than Ⅲ" + (missing > 0 ? $"; {missing} control section(s) without data not counted" : ""));
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Cells(IEnumerable<string> cells) => JsonSerializer.Serialize(cells.ToArray(), Json);

    private static string[] Cells(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>snake_case name of a stage (<c>under_construction</c>).</summary>
    /// <param name="s">Stage.</param>
    public static string StageKey(ProjectStage s) => SnakeCaseEnumConverter<ProjectStage>.ToSnake(s.ToString());

    /// <summary>Stage from its snake_case name, null when unknown.</summary>
    /// <param name="key">e.g. <c>under_construction</c> or <c>UnderConstruction</c>.</param>
    public static ProjectStage? ParseStage(string? key) =>
        key is not null && Enum.TryParse<ProjectStage>(key.Replace("_", "", StringComparison.Ordinal), true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>
    /// Reads the plan tables from <paramref name="path"/> (folder of TSV/xlsx or an exported workbook, see
    /// <see cref="PlanReader.Read"/>) and stores them in one transaction. Identical tables change nothing. Changed
    /// tables replace the raw rows and update indicators/projects by 序号, keeping all values, stage changes and reports;
    /// a re-import that drops an indicator or project that is stored is refused.
    /// </summary>
    /// <param name="path">Folder or workbook.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<PlanStoreImport> ImportAsync(string path, CancellationToken ct = default)
    {
        var r = PlanReader.Read(path);
        if (r.Tables is not { } t) return new PlanStoreImport(r.Errors.Select(e => e.ToString()).ToList(), false, 0, 0);
        return await StoreAsync(t, ct);
    }

    private static IEnumerable<(string Table, IReadOnlyList<string> Cells)> RawRows(PlanTables t)
    {
        foreach (var i in t.Indicators) yield return (PlanTableNames.Stem(PlanTableId.Indicators14th), i.RawCells);
        foreach (var x in t.Results13th) yield return (PlanTableNames.Stem(PlanTableId.Results13th), x.RawCells);
        foreach (var x in t.TextTargets) yield return (PlanTableNames.Stem(PlanTableId.TextTargets), x.RawCells);
        foreach (var p in t.Projects) yield return (PlanTableNames.Stem(PlanTableId.MajorProjects), p.RawCells);
        if (t.PrintedProjectTotal is { } total)
        {
            var row = Enumerable.Repeat("", MajorProject.Headers.Count).ToArray();
            row[0] = "合计";
            row[8] = total.ToString(CultureInfo.InvariantCulture);
            yield return (PlanTableNames.Stem(PlanTableId.MajorProjects), row);
        }
    }

    /// <summary>Stores already imported tables (see <see cref="ImportAsync"/>).</summary>
    /// <param name="t">The tables.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<PlanStoreImport> StoreAsync(PlanTables t, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(t);
        await using var db = _store.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var newRows = RawRows(t).GroupBy(x => x.Table)
            .SelectMany(g => g.Select((x, i) => new PlanTableRow { TableId = g.Key, Position = i, Line = i + 2, CellsJson = Cells(x.Cells) }))
            .ToList();
        var oldRows = await db.PlanTableRows.OrderBy(x => x.TableId).ThenBy(x => x.Position).ToListAsync(ct);
        var same = oldRows.Count == newRows.Count && oldRows
            .Zip(newRows.OrderBy(x => x.TableId, StringComparer.Ordinal).ThenBy(x => x.Position))
            .All(p => p.First.TableId == p.Second.TableId && p.First.Position == p.Second.Position && p.First.CellsJson == p.Second.CellsJson);
        if (same) return new PlanStoreImport([], false, t.Indicators.Count, t.Projects.Count);

        var errors = new List<string>();
        var inds = await db.PlanIndicators.ToDictionaryAsync(x => x.Number, ct);
        var prjs = await db.PlanProjects.ToDictionaryAsync(x => x.Sequence, ct);
        foreach (var n in inds.Keys.Except(t.Indicators.Select(i => i.Number)))
            errors.Add($"indicator {n} is stored but missing from the new tables (re-import refused; nothing stored)");
        foreach (var n in prjs.Keys.Except(t.Projects.Select(p => p.Sequence)))
            errors.Add($"project {n} is stored but missing from the new tables (re-import refused; nothing stored)");
        if (errors.Count > 0) return new PlanStoreImport(errors, false, 0, 0);

        db.PlanTableRows.RemoveRange(oldRows);
        db.PlanTableRows.AddRange(newRows);
        foreach (var i in t.Indicators)
        {
            if (!inds.TryGetValue(i.Number, out var e)) db.PlanIndicators.Add(e = new PlanIndicatorRecord { Number = i.Number });
            e.Category = i.Category; e.Name = i.Name; e.Unit = i.Unit; e.KindRaw = i.KindRaw;
            e.Kind = i.Kind == IndicatorKind.Binding ? "binding" : "expected";
            e.BaselineYear = i.BaselineYear; e.BaselineRaw = i.Baseline.Raw; e.BaselineValue = i.Baseline.Number;
            e.TargetYear = i.TargetYear; e.TargetRaw = i.PrintedTarget.Raw; e.TargetValue = i.PrintedTarget.Number;
            e.Comparator = PlanValueParser.Sign(i.PrintedTarget.Comparator);
            e.RawCellsJson = Cells(i.RawCells);
        }
        foreach (var p in t.Projects)
        {
            if (!prjs.TryGetValue(p.Sequence, out var e))
                db.PlanProjects.Add(e = new PlanProjectRecord { Sequence = p.Sequence, Stage = StageKey(ProjectLifecycle.InitialStageFor(p)) });
            e.RawCellsJson = Cells(p.RawCells);
            e.Category = p.Category; e.Type = p.Type; e.SubType = p.SubType; e.Name = p.Name; e.Content = p.Content;
            e.NatureRaw = p.NatureRaw; e.PlannedStartRaw = p.PlannedStart.Raw; e.PlannedEndRaw = p.PlannedEnd.Raw;
            e.PlannedEndDeadline = p.PlannedEnd.Latest;
            e.InvestmentRaw = p.Investment.Raw; e.InvestmentAmount = p.Investment.Amount; e.InvestmentNote = p.Investment.Note;
            e.LeadUnitRaw = p.LeadUnitRaw; e.LeadUnit = p.LeadUnit; e.ImplementingUnit = p.ImplementingUnit;
        }
        await db.SaveChangesAsync(ct);
        await AuditAsync(db, "plan.import", "plan", null, new { table_rows = oldRows.Count, indicators = inds.Count, projects = prjs.Count },
            new { table_rows = newRows.Count, indicators = t.Indicators.Count, projects = t.Projects.Count }, null, ct);
        await tx.CommitAsync(ct);
        return new PlanStoreImport([], true, t.Indicators.Count, t.Projects.Count);
    }

    /// <summary>
    /// Loads the stored plan: tables rebuilt from the raw cells (the same parser as the import), municipal issuances,
    /// every indicator value version (in recording order), and each project's stage changes, reports and evaluations
    /// replayed through the library's lifecycle. Null when no plan has been imported.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InvalidOperationException">Stored rows no longer parse (the store was edited by hand).</exception>
    public async Task<StoredPlan?> LoadAsync(CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        var rows = await db.PlanTableRows.AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0) return null;
        var raw = new Dictionary<PlanTableId, RawTable>();
        foreach (var id in PlanTableNames.All)
        {
            var stem = PlanTableNames.Stem(id);
            var headers = id switch
            {
                PlanTableId.Indicators14th => PlanIndicator.Headers,
                PlanTableId.Results13th => ThirteenthPlanResult.Headers,
                PlanTableId.TextTargets => TextTarget.Headers,
                _ => MajorProject.Headers,
            };
            raw[id] = new RawTable("store:" + stem, headers,
                rows.Where(r => r.TableId == stem).OrderBy(r => r.Position).Select(r => new RawRow(r.Line, Cells(r.CellsJson))).ToList());
        }
        var built = PlanTableBuilder.Build(raw);
        var t = built.Tables ?? throw new InvalidOperationException("stored plan rows do not parse: " + string.Join("; ", built.Errors));

        var inds = await db.PlanIndicators.AsNoTracking().ToListAsync(ct);
        var numberById = inds.ToDictionary(i => i.Id, i => i.Number);
        foreach (var e in inds.Where(e => e.MunicipalTargetRaw is not null))
            t.Indicators.Single(i => i.Number == e.Number).SetMunicipalTarget(new MunicipalTarget(
                PlanValue.Parse(e.MunicipalTargetRaw!), e.MunicipalIssuedBy ?? "", e.MunicipalIssuedOn ?? default, e.MunicipalEvidence ?? ""));
        var board = new IndicatorBoard(t.Indicators);
        foreach (var v in await db.PlanIndicatorValues.AsNoTracking().OrderBy(v => v.IndicatorId).ThenBy(v => v.Year).ThenBy(v => v.Version).ToListAsync(ct))
            board.Record(ToValue(numberById[v.IndicatorId], v));

        var library = new ProjectLibrary(t.Projects);
        var seqById = await db.PlanProjects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Sequence, ct);
        foreach (var c in await db.PlanStageChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
            library[seqById[c.ProjectId]].Lifecycle.Transition(ParseStage(c.ToStage)!.Value, c.On, c.By, c.Reason);
        foreach (var r in await db.PlanProgressReports.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct))
            library[seqById[r.ProjectId]].Report(new ProgressReport(r.AsOf, r.PercentComplete, r.InvestmentToDate, r.Issues, r.ReportedBy));
        foreach (var e in await db.PlanEvaluations.AsNoTracking().Include(e => e.Scores).OrderBy(e => e.Id).ToListAsync(ct))
            library[seqById[e.ProjectId]].Evaluate(new PerformanceEvaluation(e.Year, e.EvaluatedOn, e.Evaluator,
                e.Scores.OrderBy(s => s.Id).Select(s => new DimensionScore(Enum.Parse<EvaluationDimension>(s.Dimension, true), s.Score, s.MaxScore, s.Evidence)).ToList()));
        return new StoredPlan(t, board, library);
    }

    private static IndicatorValue ToValue(int number, PlanIndicatorValueRecord v) => new(number, v.Year, v.Value,
        v.Source == "computed" ? ValueSource.Computed : ValueSource.Reported, v.RecordedBy, v.RecordedAt, v.Evidence, v.Note, v.Valid);

    /// <summary>
    /// Appends a value version for (indicator, year); earlier versions stay. Reported values need <c>By</c> and
    /// <c>Evidence</c>. Returns the version number, or an error text (unknown indicator, missing reporter/evidence).
    /// </summary>
    /// <param name="value">The value (its <c>At</c> is the recording time).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(int Version, string? Error)> RecordValueAsync(IndicatorValue value, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value.By)) return (0, "by (reporter) is required");
        if (value.Source == ValueSource.Reported && string.IsNullOrWhiteSpace(value.Evidence)) return (0, "evidence is required for a reported value");
        if (value.Year is < 2000 or > 2100) return (0, $"year {value.Year} outside 2000–2100");
        await using var db = _store.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var ind = await db.PlanIndicators.SingleOrDefaultAsync(i => i.Number == value.IndicatorNumber, ct);
        if (ind is null) return (0, $"indicator {value.IndicatorNumber} is not in the stored plan");
        var last = await db.PlanIndicatorValues.Where(v => v.IndicatorId == ind.Id && v.Year == value.Year).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var rec = new PlanIndicatorValueRecord
        {
            IndicatorId = ind.Id, Year = value.Year, Version = last + 1, Value = value.Value,
            Source = value.Source == ValueSource.Computed ? "computed" : "reported",
            RecordedBy = value.By, RecordedAt = value.At.ToUniversalTime(), Evidence = value.Evidence, Note = value.Note, Valid = value.Valid,
        };
        db.PlanIndicatorValues.Add(rec);
        await db.SaveChangesAsync(ct);
        await AuditAsync(db, "plan.value.record", "plan_indicator", $"{value.IndicatorNumber}/{value.Year}", null, ValueSnapshot(value.IndicatorNumber, rec), value.Note, ct);
        await tx.CommitAsync(ct);
        return (last + 1, null);
    }

    /// <summary>
    /// Stores the values of a values file (<see cref="IndicatorValueReader"/>: TSV <c>indicator year value source by at
    /// evidence note</c>, later rows for the same indicator and year being corrections) in one transaction, appending
    /// each row as a new version unless an identical version (value, source, by, at, evidence, note) is already stored —
    /// so re-running the same file adds nothing. All or nothing: any file error stores nothing.
    /// </summary>
    /// <param name="file">The TSV file.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Versions added and skipped, or the errors.</returns>
    public async Task<(int Added, int Skipped, IReadOnlyList<string> Errors)> ImportValuesAsync(string file, CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        var inds = await db.PlanIndicators.ToDictionaryAsync(i => i.Number, ct);
        if (inds.Count == 0) return (0, 0, ["no plan in the store: run `smartenv plan import DIR` first"]);
        var r = IndicatorValueReader.Read(file, inds.Keys.ToHashSet());
        if (r.Series is null) return (0, 0, r.Errors.Select(e => e.ToString()).ToList());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.PlanIndicatorValues.ToListAsync(ct);
        int added = 0, skipped = 0;
        foreach (var (number, series) in r.Series.OrderBy(x => x.Key))
            foreach (var year in series.Years.Order())
                foreach (var h in series.History(year))
                {
                    var v = h.Value;
                    var id = inds[number].Id;
                    var source = v.Source == ValueSource.Computed ? "computed" : "reported";
                    var mine = stored.Where(x => x.IndicatorId == id && x.Year == year).ToList();
                    if (mine.Any(x => x.Value == v.Value && x.Source == source && x.RecordedBy == v.By && x.RecordedAt == v.At.ToUniversalTime()
                                      && x.Evidence == v.Evidence && x.Note == v.Note)) { skipped++; continue; }
                    var rec = new PlanIndicatorValueRecord
                    {
                        IndicatorId = id, Year = year, Version = mine.Count == 0 ? 1 : mine.Max(x => x.Version) + 1, Value = v.Value, Source = source,
                        RecordedBy = v.By, RecordedAt = v.At.ToUniversalTime(), Evidence = v.Evidence, Note = v.Note, Valid = v.Valid,
                    };
                    stored.Add(rec);
                    db.PlanIndicatorValues.Add(rec);
                    added++;
                }
        await db.SaveChangesAsync(ct);
        if (added > 0)
            await AuditAsync(db, "plan.value.import", "plan", Path.GetFileName(file), null, new { file = Path.GetFileName(file), versions_added = added, versions_skipped = skipped }, null, ct);
        await tx.CommitAsync(ct);
        return (added, skipped, []);
    }

    /// <summary>
    /// Records the target the municipality issued for a <c>市级下达</c> indicator (a later issuance replaces the earlier
    /// one; printed targets are not editable). Returns null when stored, else why not.
    /// </summary>
    /// <param name="number">专栏2 序号.</param>
    /// <param name="targetRaw">The issued target in the plan's notation (e.g. <c>【19.5】</c>).</param>
    /// <param name="issuedBy">Issuing body.</param>
    /// <param name="issuedOn">Date of issuance.</param>
    /// <param name="evidence">Document.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> SetMunicipalTargetAsync(int number, string targetRaw, string issuedBy, DateOnly issuedOn, string evidence, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(issuedBy) || string.IsNullOrWhiteSpace(evidence)) return "issued_by and evidence are required";
        var target = PlanValue.Parse(targetRaw ?? "");
        if (target.Number is null) return $"target '{targetRaw}' has no number in the plan's notation";
        await using var db = _store.CreateContext();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var e = await db.PlanIndicators.SingleOrDefaultAsync(i => i.Number == number, ct);
        if (e is null) return $"indicator {number} is not in the stored plan";
        if (PlanValue.Parse(e.TargetRaw).Kind != PlanValueKind.SetByMunicipality)
            return $"indicator {number} has a printed target '{e.TargetRaw}'; only 市级下达 targets can be set";
        var before = new { municipal_target_raw = e.MunicipalTargetRaw, municipal_issued_by = e.MunicipalIssuedBy, municipal_issued_on = e.MunicipalIssuedOn, municipal_evidence = e.MunicipalEvidence };
        e.MunicipalTargetRaw = target.Raw; e.MunicipalIssuedBy = issuedBy; e.MunicipalIssuedOn = issuedOn; e.MunicipalEvidence = evidence;
        await AuditAsync(db, "plan.municipal_target.set", "plan_indicator", number.ToString(CultureInfo.InvariantCulture), before,
            new { municipal_target_raw = e.MunicipalTargetRaw, municipal_issued_by = issuedBy, municipal_issued_on = issuedOn, municipal_evidence = evidence }, null, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Computes #9 (good-day ratio, %) and #13 (PM2.5 annual mean, μg/m³) for <paramref name="year"/> from the stored
    /// daily AQI rows of the configured air station through the HJ 663-2013 station assessment (<see cref="StoredAir.AssessAsync"/>,
    /// the read behind 空气 and <c>GET /api/sites/{code}/assessment</c>) and records each
    /// as a computed version when it differs from the latest computed version of that year (so repeated calls add
    /// nothing). #7 (share of 国控/市控 sections at or better than Ⅲ, %) is computed from the stored water samples of the year
    /// (annual mean per section, GB 3838-2002 single-factor class); it is a gap with the reason when there are none. #14
    /// (drinking-water sources) is a gap: the registry holds no drinking-water source. #17 (城镇医疗废物集中无害化处置率, %) is
    /// computed from the stored medical-waste handovers of the year (<see cref="SmartEnv.Waste.Medical.MedicalWasteService.RateAsync"/>
    /// → <see cref="SmartEnv.Supervision.Waste.Medical.CentralDisposalRate"/>, rounded to 0.01 %, GB/T 8170) with the rule and the
    /// weights in the evidence; a gap with the reason when no handover of the year is stored.
    /// </summary>
    /// <param name="year">Calendar year.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Values recorded now, and the gaps (indicator, reason).</returns>
    public async Task<(IReadOnlyList<IndicatorValue> Recorded, IReadOnlyList<ComputedGap> Gaps)> ComputeAsync(int year, CancellationToken ct = default)
    {
        var recorded = new List<IndicatorValue>();
        var gaps = new List<ComputedGap>();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        await using (var db = _store.CreateContext())
        {
            Site? site = null;
            SmartEnv.Standards.Air.AirAssessment? a = null;
            foreach (var code in AirStations)
            {
                var s = await db.Sites.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
                if (s is null) continue;
                var (x, _) = await StoredAir.AssessAsync(db, s.Id, from, to, ct);
                if (x.ValidAqiDays > 0) { site = s; a = x; break; }
            }
            if (site is null || a is null)
            {
                var msg = $"无{year}年监测数据 / no stored hour values for {year} at {string.Join(",", AirStations)}";
                gaps.Add(new ComputedGap(9, year, msg));
                gaps.Add(new ComputedGap(13, year, msg));
            }
            else
            {
                var evidence = $"{AirEngine} station {site.Code} {site.NameZh}, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, stored daily AQI";
                var now = _time.GetUtcNow();
                if (a.GoodDayRatioPercent is { } ratio)
                    recorded.Add(new IndicatorValue(9, year, ratio, ValueSource.Computed, AirEngine, now, evidence, $"{a.GoodDays}/{a.ValidAqiDays} valid AQI days"));
                var pm = a.Statistics.FirstOrDefault(s => s.Indicator == SmartEnv.Standards.Air.AqiIndicator.Pm25_24h);
                if (pm?.Mean is { } mean)
                    recorded.Add(new IndicatorValue(13, year, mean, ValueSource.Computed, AirEngine, now, evidence,
                        pm.AnnualValid == true ? null
                            : $"年均值无效：有效日数{pm.ValidDays}（须≥324，每月≥27、2月≥25；不足月份：{(pm.ShortMonths.Count == 0 ? "无" : string.Join("、", pm.ShortMonths))}），GB 3095-2012表4"
                              + $" / annual statistic not valid under GB 3095 table 4 ({pm.ValidDays} valid days, need ≥ 324 and ≥ 27 a month, Feb ≥ 25; short months: {(pm.ShortMonths.Count == 0 ? "none" : string.Join(", ", pm.ShortMonths))})",
                        pm.AnnualValid == true));
                else gaps.Add(new ComputedGap(13, year, $"no valid PM2.5 day at {site.Code} in {year}"));
            }
            var waterSites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Water).ToListAsync(ct);
            var t0 = BeijingTime.DayStart(new DateOnly(year, 1, 1));
            var t1 = t0.AddYears(1);
            var waterIds = waterSites.Select(s => s.Id).ToList();
            var waterValues = await db.Observations.AsNoTracking().CountAsync(o => waterIds.Contains(o.SiteId) && o.DataTime >= t0 && o.DataTime < t1, ct);
            var why = waterValues == 0
                ? $"无数据：库中无{year}年水质断面监测值 / no data: the store holds no water-section values for {year}"
                : $"未计算：库中有{waterValues}个水质值，但无集中式饮用水水源地登记 / not computed: {waterValues} water values stored, no drinking-water source in the registry";
            if (waterValues == 0) gaps.Add(new ComputedGap(7, year, why));
            else
            {
                var (share, evidence, note) = await ControlSectionShareAsync(db, waterSites, year, t0, t1, ct);
                if (share is { } v) recorded.Add(new IndicatorValue(7, year, v, ValueSource.Computed, WaterEngine, _time.GetUtcNow(), evidence, note));
                else gaps.Add(new ComputedGap(7, year, evidence));
            }
            gaps.Add(new ComputedGap(14, year, why));

            // #17 (issue 17 P6): the one computation is CentralDisposalRate; the facts are the year's handovers.
            var rate = await new SmartEnv.Waste.Medical.MedicalWasteService(db, _time).RateAsync(year, ct);
            if (rate.Value is { } v17)
                recorded.Add(new IndicatorValue(17, year, v17, ValueSource.Computed, MedicalWasteEngine, _time.GetUtcNow(), rate.Evidence,
                    string.Create(CultureInfo.InvariantCulture,
                        $"集中处置 {rate.DisposedKg:0.###} kg / 产生 {rate.GeneratedKg:0.###} kg（{rate.Handovers} 次交接，{SmartEnv.Supervision.Waste.Medical.CentralDisposalRate.RuleVersion}）")));
            else
                gaps.Add(new ComputedGap(17, year, $"无数据：库中无{year}年医疗废物交接记录 / no data: no medical-waste handovers stored for {year}"));
        }
        var kept = new List<IndicatorValue>();
        await using (var db = _store.CreateContext())
        {
            foreach (var v in recorded)
            {
                var last = await db.PlanIndicatorValues.AsNoTracking()
                    .Where(x => x.Source == "computed" && x.Year == year && db.PlanIndicators.Any(i => i.Id == x.IndicatorId && i.Number == v.IndicatorNumber))
                    .OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
                if (last is not null && last.Value == v.Value && last.Evidence == v.Evidence && last.Valid == v.Valid) continue;
                var (_, err) = await RecordValueAsync(v, ct);
                if (err is null) kept.Add(v);
            }
        }
        return (kept, gaps);
    }

    /// <summary>Applies a lifecycle transition (rules of <see cref="ProjectLifecycle"/>) and stores it.</summary>
    /// <param name="sequence">Project 序号.</param>
    /// <param name="to">New stage.</param>
    /// <param name="on">Effective date.</param>
    /// <param name="by">Who decided.</param>
    /// <param name="reason">Reason (required for 调整/取消).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when stored, else why refused (unknown project, transition refusal).</returns>
    public async Task<string?> ChangeStageAsync(int sequence, ProjectStage to, DateOnly on, string by, string? reason, CancellationToken ct = default)
    {
        var plan = await LoadAsync(ct);
        if (plan is null || !plan.Library.Projects.Any(p => p.Project.Sequence == sequence)) return $"project {sequence} is not in the stored plan";
        if (string.IsNullOrWhiteSpace(by)) return "by is required";
        var tp = plan.Library[sequence];
        var from = tp.Lifecycle.Stage;
        var r = tp.Lifecycle.Transition(to, on, by, reason);
        if (!r.Ok) return $"{r.Refusal}: {r.Message}";
        await using var db = _store.CreateContext();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var e = await db.PlanProjects.SingleAsync(p => p.Sequence == sequence, ct);
        var stageBefore = e.Stage;
        e.Stage = StageKey(to);
        db.PlanStageChanges.Add(new PlanStageChangeRecord
        {
            ProjectId = e.Id, FromStage = StageKey(from), ToStage = StageKey(to), On = on, By = by, Reason = reason, RecordedAt = _time.GetUtcNow(),
        });
        await AuditAsync(db, "plan.stage.change", "plan_project", sequence.ToString(CultureInfo.InvariantCulture), new { stage = stageBefore },
            new { stage = e.Stage, on, by }, reason, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Adds a progress report (rules of <see cref="TrackedProject.Report"/>) and stores it.</summary>
    /// <param name="sequence">Project 序号.</param>
    /// <param name="report">The report.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when stored, else why refused.</returns>
    public async Task<string?> ReportProgressAsync(int sequence, ProgressReport report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plan = await LoadAsync(ct);
        if (plan is null || !plan.Library.Projects.Any(p => p.Project.Sequence == sequence)) return $"project {sequence} is not in the stored plan";
        if (plan.Library[sequence].Report(report) is { } refusal) return refusal.ToString();
        await using var db = _store.CreateContext();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var id = await db.PlanProjects.Where(p => p.Sequence == sequence).Select(p => p.Id).SingleAsync(ct);
        db.PlanProgressReports.Add(new PlanProgressReportRecord
        {
            ProjectId = id, AsOf = report.AsOf, PercentComplete = report.PercentComplete, InvestmentToDate = report.InvestmentToDate,
            Issues = report.Issues, ReportedBy = report.ReportedBy, RecordedAt = _time.GetUtcNow(),
        });
        await AuditAsync(db, "plan.progress.report", "plan_project", sequence.ToString(CultureInfo.InvariantCulture), null,
            new { as_of = report.AsOf, percent_complete = report.PercentComplete, investment_to_date = report.InvestmentToDate, issues = report.Issues, reported_by = report.ReportedBy }, null, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Adds a performance evaluation (rules of <see cref="PerformanceEvaluation.Validate"/>) and stores it.</summary>
    /// <param name="sequence">Project 序号.</param>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when stored, else the problems.</returns>
    public async Task<string?> EvaluateAsync(int sequence, PerformanceEvaluation evaluation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var plan = await LoadAsync(ct);
        if (plan is null || !plan.Library.Projects.Any(p => p.Project.Sequence == sequence)) return $"project {sequence} is not in the stored plan";
        var problems = plan.Library[sequence].Evaluate(evaluation);
        if (problems.Count > 0) return string.Join("; ", problems);
        await using var db = _store.CreateContext();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var id = await db.PlanProjects.Where(p => p.Sequence == sequence).Select(p => p.Id).SingleAsync(ct);
        db.PlanEvaluations.Add(new PlanEvaluationRecord
        {
            ProjectId = id, Year = evaluation.Year, EvaluatedOn = evaluation.EvaluatedOn, Evaluator = evaluation.Evaluator, RecordedAt = _time.GetUtcNow(),
            Scores = evaluation.Scores.Select(s => new PlanEvaluationScoreRecord
            {
                Dimension = s.Dimension.ToString().ToLowerInvariant(), Score = s.Score, MaxScore = s.MaxScore, Evidence = s.Evidence,
            }).ToList(),
        });
        await AuditAsync(db, "plan.evaluation.add", "plan_project", sequence.ToString(CultureInfo.InvariantCulture), null,
            new { year = evaluation.Year, evaluated_on = evaluation.EvaluatedOn, evaluator = evaluation.Evaluator,
                  scores = evaluation.Scores.Select(x => new { dimension = x.Dimension.ToString().ToLowerInvariant(), score = x.Score, max_score = x.MaxScore }).ToList() }, null, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private static object ValueSnapshot(int number, PlanIndicatorValueRecord r) => new
    {
        indicator = number, year = r.Year, version = r.Version, value = r.Value, source = r.Source,
        recorded_by = r.RecordedBy, recorded_at = r.RecordedAt, evidence = r.Evidence, note = r.Note, valid = r.Valid,
    };
}
