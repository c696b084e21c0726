using System.Globalization;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Planning.Projects;
using SmartEnv.Standards.Common;

namespace SmartEnv.Planning.Consistency;

/// <summary>Severity of a consistency finding.</summary>
public enum FindingSeverity
{
    /// <summary>The check passed: the figures agree.</summary>
    Consistent,
    /// <summary>A difference of notation or rounding worth knowing, not a contradiction.</summary>
    Info,
    /// <summary>The plan contradicts itself or the measured data.</summary>
    Contradiction,
}

/// <summary>One finding of the consistency report.</summary>
/// <param name="Code">Stable code (e.g. <c>pm25-2020</c>).</param>
/// <param name="Severity">Severity.</param>
/// <param name="Subject">What is compared.</param>
/// <param name="MessageZh">Explanation in Chinese.</param>
/// <param name="MessageEn">Explanation in English.</param>
/// <param name="Values">The compared values by source (e.g. <c>第一章第一节</c> → <c>32</c>).</param>
public sealed record ConsistencyFinding(string Code, FindingSeverity Severity, string Subject, string MessageZh, string MessageEn,
    IReadOnlyDictionary<string, string> Values);

/// <summary>A figure stated in the plan's running text (not in any table), quoted with its place.</summary>
/// <param name="Key">Key used by the checks.</param>
/// <param name="Place">章节.</param>
/// <param name="Quote">The sentence as printed.</param>
/// <param name="Value">The figure.</param>
public sealed record PlanTextFact(string Key, string Place, string Quote, decimal Value);

/// <summary>
/// Consistency report of the plan: compares the plan's tables with each other, with figures of its running text and with
/// measured values; every check is listed, agreeing or not, so nothing is hidden.
/// </summary>
public static class PlanConsistency
{
    /// <summary>Figures of 第一章第一节 (the 13th plan's review) that the tables repeat.</summary>
    public static readonly IReadOnlyList<PlanTextFact> Chapter1Facts =
    [
        new("pm25_2020", "第一章第一节", "细颗粒物（PM2.5）浓度降至32μg/m³，较2015年下降了32%", 32m),
        new("good_days_2020", "第一章第一节", "2020年空气质量优良天数达330天", 330m),
        new("red_line_area_2020", "第一章第一节", "划定生态保护红线总面积23.09km2，占幅员面积的10.48%", 23.09m),
        new("red_line_share_2020", "第一章第一节", "划定生态保护红线总面积23.09km2，占幅员面积的10.48%", 10.48m),
        new("completed_13th", "第一章第一节", "规划确定的9项主要指标，其中完成的指标6项、占66.7%", 6m),
        new("completed_13th_share", "第一章第一节", "规划确定的9项主要指标，其中完成的指标6项、占66.7%", 66.7m),
    ];

    /// <summary>专栏2 indicators whose 2020 baseline repeats a 专栏1 2020 value: 专栏2 序号 → (专栏1 name, composite part label or null).</summary>
    public static readonly IReadOnlyDictionary<int, (string Name13, string? Part)> BaselinePairs = new Dictionary<int, (string, string?)>
    {
        [2] = ("单位地区生产总值能耗降低（%）", null),
        [3] = ("主要污染物排放总量减少（%）", "氮氧化物"),
        [5] = ("主要污染物排放总量减少（%）", "化学需氧量"),
        [6] = ("主要污染物排放总量减少（%）", "氨氮"),
        [8] = ("森林覆盖率（%）", null),
        [9] = ("环境空气质量优良率（%）", null),
        [12] = ("城市建成区绿化覆盖率（%）", null),
    };

    private static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);
    private static decimal Fact(string key) => Chapter1Facts.First(f => f.Key == key).Value;
    private static PlanTextFact FactOf(string key) => Chapter1Facts.First(f => f.Key == key);

    /// <summary>Runs every check.</summary>
    /// <param name="tables">The imported plan.</param>
    /// <param name="measured">Measured/reported series by 专栏2 序号 (may be empty); a current value for the baseline
    /// year that differs from the printed baseline is reported.</param>
    public static IReadOnlyList<ConsistencyFinding> Check(PlanTables tables, IReadOnlyDictionary<int, IndicatorSeries>? measured = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var f = new List<ConsistencyFinding>();
        CheckPm25(tables, f);
        CheckGoodDays(tables, f);
        CheckBaselines(tables, f);
        CheckRedLine(tables, f);
        CheckTextTargets(tables, f);
        CheckOutcomes13th(tables, f);
        CheckProjects(tables, f);
        CheckNotation(tables, f);
        CheckAnnualAverages(tables, f);
        if (measured is not null) CheckMeasured(tables, measured, f);
        return f;
    }

    private static PlanIndicator? Ind(PlanTables t, Func<PlanIndicator, bool> p) => t.Indicators.FirstOrDefault(p);

    private static void CheckPm25(PlanTables t, List<ConsistencyFinding> f)
    {
        var ind = Ind(t, i => i.Name.Contains("PM2.5", StringComparison.Ordinal));
        if (ind?.Baseline.Number is not decimal b) return;
        var fact = FactOf("pm25_2020");
        var same = b == fact.Value;
        f.Add(new ConsistencyFinding("pm25-2020", same ? FindingSeverity.Consistent : FindingSeverity.Contradiction, "2020年PM2.5年均浓度 / PM2.5 annual mean 2020",
            same ? $"第一章与专栏2一致：{S(b)}μg/m³" : $"第一章为{S(fact.Value)}μg/m³（“{fact.Quote}”），专栏2第{ind.Number}项现状值为{S(b)}μg/m³",
            same ? $"chapter 1 and 专栏2 agree: {S(b)} μg/m³" : $"chapter 1 states {S(fact.Value)} μg/m³, 专栏2 #{ind.Number} prints a 2020 baseline of {S(b)} μg/m³; the target ≤{S(ind.Target.Number ?? 0)} equals the higher figure",
            new Dictionary<string, string> { [fact.Place] = S(fact.Value), [$"专栏2 #{ind.Number}"] = ind.Baseline.Raw }));
    }

    private static void CheckGoodDays(PlanTables t, List<ConsistencyFinding> f)
    {
        var days = Fact("good_days_2020");
        var yearDays = DateTime.IsLeapYear(2020) ? 366 : 365;
        var ratio = Gbt8170.Round(days / yearDays * 100m, 2);
        var values = new Dictionary<string, string> { ["第一章第一节 优良天数"] = S(days), [$"{yearDays}天比率"] = S(ratio) };
        var r13 = t.Results13th.FirstOrDefault(r => r.Name.StartsWith("环境空气质量优良率", StringComparison.Ordinal));
        var ind = Ind(t, i => i.Name.Contains("优良天数比率", StringComparison.Ordinal));
        if (r13?.Value2020.Number is decimal v13) values["专栏1 2020年"] = r13.Value2020.Raw;
        if (ind?.Baseline.Number is decimal v14) values[$"专栏2 #{ind.Number} 2020年现状值"] = ind.Baseline.Raw;
        var mismatches = new List<string>();
        if (r13?.Value2020.Number is decimal a && a != ratio) mismatches.Add($"专栏1 {S(a)}");
        if (ind?.Baseline.Number is decimal c && c != ratio)
        {
            var impliedDays = Gbt8170.Round(c * yearDays / 100m, 1);
            mismatches.Add($"专栏2 {S(c)}（相当于{S(impliedDays)}天 / {S(impliedDays)} days）");
        }
        f.Add(new ConsistencyFinding("good-days-2020", mismatches.Count == 0 ? FindingSeverity.Consistent : FindingSeverity.Contradiction, "2020年空气质量优良天数比率 / good-air-day ratio 2020",
            $"330天/{yearDays}天 = {S(ratio)}%" + (mismatches.Count == 0 ? "，各处一致" : "；不一致：" + string.Join("、", mismatches)),
            $"330 / {yearDays} days = {S(ratio)} %" + (mismatches.Count == 0 ? "; all agree" : "; differs: " + string.Join(", ", mismatches)),
            values));
    }

    private static void CheckBaselines(PlanTables t, List<ConsistencyFinding> f)
    {
        foreach (var (no, (name13, part)) in BaselinePairs)
        {
            var ind = Ind(t, i => i.Number == no);
            var r = t.Results13th.FirstOrDefault(x => x.Name == name13);
            if (ind is null || r is null) continue;
            var v13 = part is null ? r.Value2020 : r.Value2020.Parts.FirstOrDefault(p => p.Label == part)?.Value;
            if (v13 is null) continue;
            var same = v13.Number == ind.Baseline.Number;
            f.Add(new ConsistencyFinding($"baseline-{no}", same ? FindingSeverity.Consistent : FindingSeverity.Contradiction,
                $"专栏2 #{no} {ind.Name} 2020年现状值 / baseline",
                same ? $"与专栏1“{name13}{(part is null ? "" : "·" + part)}”一致：{v13.Raw} = {ind.Baseline.Raw}" : $"专栏1为{v13.Raw}，专栏2为{ind.Baseline.Raw}",
                same ? $"agrees with 专栏1: {v13.Raw} = {ind.Baseline.Raw}" : $"专栏1 prints {v13.Raw}, 专栏2 prints {ind.Baseline.Raw}",
                new Dictionary<string, string> { ["专栏1"] = v13.Raw, ["专栏2"] = ind.Baseline.Raw }));
        }
    }

    private static void CheckRedLine(PlanTables t, List<ConsistencyFinding> f)
    {
        var ind = Ind(t, i => i.Name.StartsWith("生态保护红线面积占比", StringComparison.Ordinal));
        var area = t.TextTargets.FirstOrDefault(x => x.Name == "生态保护红线面积");
        if (ind?.Target.Number is not decimal share2025 || area?.Target.Number is not decimal area2025) return;
        var area2020 = Fact("red_line_area_2020");
        var share2020 = Fact("red_line_share_2020");
        var district = Gbt8170.Round(area2020 / share2020 * 100m, 2);
        var implied = Gbt8170.Round(area2025 / district * 100m, 2);
        var ok = implied == share2025;
        f.Add(new ConsistencyFinding("red-line-2025", ok ? FindingSeverity.Consistent : FindingSeverity.Contradiction, "2025年生态保护红线 / ecological red line 2025",
            $"23.09km²占10.48% ⇒ 幅员约{S(district)}km²；{area.Chapter}目标{S(area2025)}km² ⇒ {S(implied)}%，专栏2第{ind.Number}项目标{ind.Target.Raw}%" + (ok ? "，一致" : "，不一致"),
            $"23.09 km² = 10.48 % ⇒ district ≈ {S(district)} km²; the text's {S(area2025)} km² ⇒ {S(implied)} %, 专栏2 #{ind.Number} targets {ind.Target.Raw} %" + (ok ? " — agree" : " — differ"),
            new Dictionary<string, string> { ["第一章第一节"] = "23.09km2 / 10.48%", [area.Chapter] = area.Target.Raw + area.Unit, [$"专栏2 #{ind.Number}"] = ind.Target.Raw + "%" }));
    }

    private static void CheckTextTargets(PlanTables t, List<ConsistencyFinding> f)
    {
        foreach (var tt in t.TextTargets)
        {
            var ind = Ind(t, i => i.Name == tt.Name);
            if (ind is null) continue;
            var sameValue = ind.Target.Number == tt.Target.Number;
            var sameCmp = ind.Target.Comparator == tt.Comparator;
            var sev = !sameValue ? FindingSeverity.Contradiction : sameCmp ? FindingSeverity.Consistent : FindingSeverity.Info;
            f.Add(new ConsistencyFinding($"text-target-{ind.Number}", sev, $"{ind.Name} 2025年目标 / target",
                $"专栏2为“{ind.Target.Raw}”，{tt.Chapter}为“{tt.ComparatorRaw}{tt.Target.Raw}”" + (sev == FindingSeverity.Info ? "：数值一致，专栏2未印比较符" : sameValue ? "：一致" : "：数值不一致"),
                $"专栏2 prints '{ind.Target.Raw}', {tt.Chapter} states '{tt.ComparatorRaw}{tt.Target.Raw}'" + (sev == FindingSeverity.Info ? ": same value, 专栏2 prints no comparator" : sameValue ? ": agree" : ": values differ"),
                new Dictionary<string, string> { ["专栏2"] = ind.Target.Raw, [tt.Chapter] = tt.ComparatorRaw + tt.Target.Raw }));
        }
    }

    /// <summary>Whether a 13th-plan value reached its target: water classes lower-is-better, everything else ≥
    /// (composite: every part ≥ the target); null when not decidable.</summary>
    /// <param name="r">The row.</param>
    public static bool? Reached(ThirteenthPlanResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var target = r.Target2020.Number;
        if (target is null) return null;
        var v = r.Value2020;
        if (v.Kind == PlanValueKind.Composite)
            return v.Parts.All(p => p.Value.Number is not null) ? v.Parts.All(p => p.Value.Number >= target) : null;
        if (v.Number is not decimal n) return null;
        return v.Kind == PlanValueKind.WaterClass ? n <= target : n >= target;
    }

    private static void CheckOutcomes13th(PlanTables t, List<ConsistencyFinding> f)
    {
        foreach (var r in t.Results13th)
        {
            var reached = Reached(r);
            if (reached is null || r.Completed is null) continue;
            var ok = reached == r.Completed;
            f.Add(new ConsistencyFinding($"outcome-13th-{r.Name}", ok ? FindingSeverity.Consistent : FindingSeverity.Contradiction, $"专栏1 {r.Name} 完成情况",
                $"2020年{r.Value2020.Raw}对照目标{r.Target2020.Raw}：{(reached.Value ? "达到" : "未达到")}，表中为“{r.Outcome}”" + (ok ? "" : "，不一致"),
                $"2020 value {r.Value2020.Raw} vs target {r.Target2020.Raw}: {(reached.Value ? "reached" : "not reached")}; printed '{r.Outcome}'" + (ok ? "" : " — differs"),
                new Dictionary<string, string> { ["2020年"] = r.Value2020.Raw, ["目标"] = r.Target2020.Raw, ["完成情况"] = r.Outcome }));
        }
        var done = t.Results13th.Count(r => r.Completed == true);
        var total = t.Results13th.Count;
        if (total == 0) return;
        var share = Gbt8170.Round((decimal)done / total * 100m, 1);
        var okCount = done == Fact("completed_13th") && share == Fact("completed_13th_share");
        f.Add(new ConsistencyFinding("completed-13th", okCount ? FindingSeverity.Consistent : FindingSeverity.Contradiction, "十三五指标完成数 / 13th-plan indicators met",
            $"专栏1完成{done}项/{total}项 = {S(share)}%；第一章为6项、66.7%",
            $"专栏1: {done} of {total} completed = {S(share)} %; chapter 1 states 6, 66.7 %",
            new Dictionary<string, string> { ["专栏1"] = $"{done}/{total}", ["第一章第一节"] = "6/9 66.7%" }));
    }

    private static void CheckProjects(PlanTables t, List<ConsistencyFinding> f)
    {
        var totals = ProjectTotals.Compute(t.Projects);
        var printed = t.PrintedProjectTotal ?? PlanTables.PlanPrintedProjectTotal;
        var ok = totals.Overall == printed;
        f.Add(new ConsistencyFinding("projects-total", ok ? FindingSeverity.Consistent : FindingSeverity.Contradiction, "重大项目总投资 / total investment",
            $"{t.Projects.Count}个项目合计{S(totals.Overall)}万元，表中合计{S(printed)}万元" + (ok ? "，一致" : "，不一致"),
            $"{t.Projects.Count} projects add up to {S(totals.Overall)} 万元, printed total {S(printed)} 万元" + (ok ? " — agree" : " — differ"),
            new Dictionary<string, string> { ["sum"] = S(totals.Overall), ["合计"] = S(printed) }));
        foreach (var p in t.Projects.Where(p => p.Investment.NoteValue is not null))
        {
            var nv = p.Investment.NoteValue!.Value;
            var rounded = Gbt8170.Round(nv, 0);
            var sev = nv == p.Investment.Amount ? FindingSeverity.Consistent : rounded == p.Investment.Amount ? FindingSeverity.Info : FindingSeverity.Contradiction;
            f.Add(new ConsistencyFinding($"investment-note-{p.Sequence}", sev, $"项目{p.Sequence} {p.Name} 总投资",
                $"“{p.Investment.Raw}”：{p.Investment.Note} = {S(nv)}万元，列入{p.Investment.AmountText}万元" + (sev == FindingSeverity.Info ? "（取整）" : ""),
                $"'{p.Investment.Raw}': {p.Investment.Note} = {S(nv)} 万元, counted as {p.Investment.AmountText} 万元" + (sev == FindingSeverity.Info ? " (rounded to whole 万元)" : ""),
                new Dictionary<string, string> { ["note"] = S(nv), ["amount"] = p.Investment.AmountText }));
        }
        foreach (var g in t.Projects.GroupBy(p => p.Name).Where(g => g.Count() > 1))
            f.Add(new ConsistencyFinding($"duplicate-name-{g.First().Sequence}", FindingSeverity.Info, $"项目名称重复 / duplicate name: {g.Key}",
                $"第{string.Join("、", g.Select(p => p.Sequence))}行同名，内容不同，按序号区分",
                $"rows {string.Join(", ", g.Select(p => p.Sequence))} share the name with different content; told apart by sequence number",
                g.ToDictionary(p => "#" + p.Sequence.ToString(CultureInfo.InvariantCulture), p => p.NatureRaw + " " + p.Investment.Raw)));
        foreach (var p in t.Projects.Where(p => p.Nature.HasFlag(ProjectNature.Continued) && p.PlannedStart.Year >= 2021))
            f.Add(new ConsistencyFinding($"continued-start-{p.Sequence}", FindingSeverity.Info, $"项目{p.Sequence} {p.Name}",
                $"建设性质为“{p.NatureRaw}”，但开工时间{p.PlannedStart.Raw}在规划期内",
                $"nature '{p.NatureRaw}' (continued) but planned start {p.PlannedStart.Raw} lies inside the plan period",
                new Dictionary<string, string> { ["建设性质"] = p.NatureRaw, ["开工时间"] = p.PlannedStart.Raw }));
    }

    private static void CheckNotation(PlanTables t, List<ConsistencyFinding> f)
    {
        var cells = t.Results13th.SelectMany(r => new[] { r.Value2015, r.Value2020, r.Target2020 })
            .Concat(t.Indicators.SelectMany(i => new[] { i.Baseline, i.PrintedTarget }));
        var parts = cells.SelectMany(c => c.Kind == PlanValueKind.Composite ? c.Parts.Select(p => p.Value) : [c]).Where(c => c.IsCumulative).ToList();
        var withPct = parts.Where(p => p.Raw.Contains('%')).Select(p => p.Raw).ToList();
        if (withPct.Count > 0 && withPct.Count < parts.Count)
            f.Add(new ConsistencyFinding("notation-percent", FindingSeverity.Info, "累计值记法 / cumulative notation",
                $"累计值中{string.Join("、", withPct)}带%，其余不带；按同一单位（%）读取",
                $"{string.Join(", ", withPct)} carry a % sign inside the brackets, the other cumulative values do not; all read as %",
                new Dictionary<string, string> { ["with %"] = string.Join(" ", withPct) }));
        var classes = t.Results13th.SelectMany(r => new[] { r.Value2015, r.Value2020, r.Target2020 }).Where(v => v.Kind == PlanValueKind.WaterClass).Select(v => v.Raw.Trim()).ToList();
        var ascii = classes.Where(c => c.All(ch => ch < 128)).ToList();
        if (ascii.Count > 0 && ascii.Count < classes.Count)
            f.Add(new ConsistencyFinding("notation-water-class", FindingSeverity.Info, "水质类别记法 / water-class notation",
                $"水质类别混用拉丁字母（{string.Join("、", ascii)}）与罗马数字字符（Ⅲ）；均按GB 3838-2002类别读取",
                $"water classes mix Latin letters ({string.Join(", ", ascii)}) and Roman-numeral characters (Ⅲ); both read as GB 3838-2002 classes",
                new Dictionary<string, string> { ["cells"] = string.Join(" ", classes) }));
    }

    private static void CheckAnnualAverages(PlanTables t, List<ConsistencyFinding> f)
    {
        var cells = t.Results13th.SelectMany(r => new[] { r.Value2020, r.Target2020 }).Concat(t.Indicators.Select(i => i.Baseline));
        foreach (var c in cells.Where(c => c.Kind == PlanValueKind.Cumulative5Year && c.Note is not null).DistinctBy(c => c.Raw))
        {
            var m = System.Text.RegularExpressions.Regex.Match(c.Note!, @"^年均(?<a>\d+(?:\.\d+)?)$");
            if (!m.Success) continue;
            var annual = decimal.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
            var keep = 1m;
            for (var y = 0; y < 5; y++) keep *= 1m - annual / 100m;
            var cumulative = Gbt8170.Round((1m - keep) * 100m, 1);
            var ok = cumulative == c.Number;
            f.Add(new ConsistencyFinding($"annual-average-{c.Raw}", ok ? FindingSeverity.Consistent : FindingSeverity.Contradiction, $"“{c.Raw}” 年均与累计 / annual vs cumulative",
                $"年均{S(annual)}%连续5年累计为{S(cumulative)}%，表中累计{S(c.Number!.Value)}%" + (ok ? "，一致" : "，不一致"),
                $"{S(annual)} % a year over 5 years compounds to {S(cumulative)} %, printed {S(c.Number!.Value)} %" + (ok ? " — agree" : " — differ"),
                new Dictionary<string, string> { ["年均"] = S(annual), ["累计"] = c.Raw }));
        }
    }

    private static void CheckMeasured(PlanTables t, IReadOnlyDictionary<int, IndicatorSeries> measured, List<ConsistencyFinding> f)
    {
        foreach (var ind in t.Indicators)
        {
            if (!measured.TryGetValue(ind.Number, out var s) || s.Current(ind.BaselineYear) is not { } v) continue;
            if (ind.Baseline.Kind != PlanValueKind.Number || ind.Baseline.Number is not decimal b) continue;
            var same = v.Value == b;
            f.Add(new ConsistencyFinding($"measured-baseline-{ind.Number}", same ? FindingSeverity.Consistent : FindingSeverity.Contradiction,
                $"专栏2 #{ind.Number} {ind.Name} {ind.BaselineYear}年",
                $"规划现状值{ind.Baseline.Raw}，{(v.Source == ValueSource.Computed ? "监测计算" : "上报")}值{S(v.Value)}（{v.By}）" + (same ? "，一致" : "，不一致"),
                $"plan baseline {ind.Baseline.Raw}, {(v.Source == ValueSource.Computed ? "computed" : "reported")} {S(v.Value)} ({v.By})" + (same ? " — agree" : " — differ"),
                new Dictionary<string, string> { ["专栏2"] = ind.Baseline.Raw, [v.Source == ValueSource.Computed ? "computed" : "reported"] = S(v.Value) }));
        }
    }
}
