namespace SmartEnv.Verifications;

/// <summary>
/// One compared row: the published figure, ours under the rule in force, and what each hypothesis variant predicts.
/// Variant ids are a cause key, optionally followed by <c>/</c> and a detail (<c>missing-pollutant-ignored/pm25_1h</c>);
/// a null prediction means the variant does not apply to the row (it neither explains nor refutes). Immutable.
/// </summary>
/// <param name="Station">Series (station, section or measuring point) code.</param>
/// <param name="Time">Time of the row (Beijing time; for hourly data the end of the hour).</param>
/// <param name="Figure">What is compared: <c>aqi</c>, <c>water_class</c>, <c>noise_verdict</c>.</param>
/// <param name="Published">The published figure as text.</param>
/// <param name="Ours">Our figure under the rule in force, as text.</param>
/// <param name="Difference">Published − ours when both are numbers (AQI, class numeral), else null.</param>
/// <param name="Predictions">Lazily computed predictions per variant id (only asked for mismatches and the rows inside a group).</param>
/// <param name="Location">Where the row was read (file:line), or null.</param>
public sealed record CheckedRow(string Station, DateTimeOffset Time, string Figure, string Published, string Ours, decimal? Difference,
    Lazy<IReadOnlyDictionary<string, string?>> Predictions, string? Location = null)
{
    /// <summary>True when the published figure equals ours.</summary>
    public bool Matches => Published == Ours;
}

/// <summary>A mismatch as reported: published, ours, difference and the cause of its finding.</summary>
/// <param name="Station">Series code.</param>
/// <param name="Time">Row time (Beijing time).</param>
/// <param name="Figure">The compared figure (<c>aqi</c>, <c>water_class</c>, <c>noise_verdict</c>).</param>
/// <param name="Published">Published value.</param>
/// <param name="Ours">Our value under the rule in force.</param>
/// <param name="Difference">Published − ours when numeric.</param>
/// <param name="Cause">The cause of the finding the mismatch belongs to (a <see cref="VerificationCauses"/> key).</param>
/// <param name="Explaining">Every variant that reproduces the published value on this row alone (before the group's refutation).</param>
/// <param name="Location">file:line, or null.</param>
public sealed record VerificationMismatch(string Station, DateTimeOffset Time, string Figure, string Published, string Ours, decimal? Difference,
    string Cause, IReadOnlyList<string> Explaining, string? Location);

/// <summary>
/// The outcome of one verification run. JSON (snake_case): <c>domain, regime, rows, compared, matched, match_rate,
/// skipped, findings[], mismatches[], message</c>. <c>match_rate</c> is a percentage with 2 decimals (null when nothing was
/// compared).
/// </summary>
public sealed class VerificationReport
{
    /// <summary><c>air</c>, <c>water</c> or <c>noise</c>.</summary>
    public required string Domain { get; init; }
    /// <summary>The regime named by the caller, or null when each row's rule was chosen by its date.</summary>
    public string? Regime { get; init; }
    /// <summary>Rows read.</summary>
    public int Rows { get; init; }
    /// <summary>Rows that carried a published figure and the concentrations to recompute it.</summary>
    public int Compared { get; init; }
    /// <summary>Compared rows whose published figure equals ours.</summary>
    public int Matched { get; init; }
    /// <summary>Matched / compared × 100, rounded half-even to 2 decimals; null when nothing was compared.</summary>
    public decimal? MatchRate => Compared == 0 ? null : Math.Round(100m * Matched / Compared, 2, MidpointRounding.ToEven);
    /// <summary>Rows read but not compared (no published figure, or no concentration the rule uses).</summary>
    public int Skipped => Rows - Compared;
    /// <summary>Findings in time order.</summary>
    public required IReadOnlyList<VerificationFinding> Findings { get; init; }
    /// <summary>Every mismatch in time order.</summary>
    public required IReadOnlyList<VerificationMismatch> Mismatches { get; init; }
    /// <summary>A note such as "no published figures to verify" (PRSA), or null.</summary>
    public string? Message { get; init; }
}

/// <summary>
/// The domain-independent part of a verification: explanation of each mismatch, refutation over a group and grouping
/// into findings (docs/verification.md §2–§3). Pure; thread-safe (no state between calls).
/// </summary>
public static class VerificationEngine
{
    /// <summary>The cause key of a variant id (<c>missing-pollutant-ignored/pm25_1h</c> → <c>missing-pollutant-ignored</c>).</summary>
    /// <param name="variant">The variant id.</param>
    public static string CauseOf(string variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (variant.StartsWith(VerificationCauses.RegimePrefix, StringComparison.Ordinal)) return variant;
        var i = variant.IndexOf('/', StringComparison.Ordinal);
        return i < 0 ? variant : variant[..i];
    }

    /// <summary>The variants that reproduce the published value of a row exactly.</summary>
    /// <param name="row">A row.</param>
    public static IReadOnlyList<string> Explaining(CheckedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Matches) return [];
        return [.. row.Predictions.Value.Where(p => p.Value is not null && p.Value == row.Published).Select(p => p.Key)];
    }

    /// <summary>The variants a row refutes: it matches the standard and the variant predicts something else.</summary>
    /// <param name="row">A row.</param>
    public static IEnumerable<string> Refuted(CheckedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.Matches) return [];
        return row.Predictions.Value.Where(p => p.Value is not null && p.Value != row.Published).Select(p => p.Key);
    }

    /// <summary>
    /// Builds the report: rows in time order (stable); every mismatch is explained, grouped and given one cause.
    /// Rules (docs/verification.md): the rows of each figure (<see cref="CheckedRow.Figure"/>) are grouped on their own —
    /// the figure is part of the grouping key. A group is a run of explained mismatches of one figure in time order (across
    /// stations) whose surviving variants intersect; a matched row of that figure at a station of the group, between the
    /// group's first mismatch and a later one, refutes the variants that predict something else for it; a run ends where
    /// no variant would survive. The cause of a group is its surviving key of highest <see cref="VerificationCauses.Precedence"/>.
    /// Mismatches no variant explains form <c>unexplained</c> findings, one per run of adjacent file times per figure.
    /// <see cref="VerificationReport.Compared"/> and <see cref="VerificationReport.Matched"/> count rows (one station and
    /// time and location), not figures: a row matches when every compared figure of it matches.
    /// </summary>
    /// <param name="domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
    /// <param name="regime">Regime named by the caller, or null.</param>
    /// <param name="rowsRead">Rows read from the input (compared or not).</param>
    /// <param name="compared">The compared figures (one <see cref="CheckedRow"/> per figure of a row).</param>
    /// <param name="unit">Row unit for the summaries: (zh, en), e.g. ("站点小时", "station-hours").</param>
    /// <param name="message">Optional note for the report.</param>
    public static VerificationReport Run(string domain, string? regime, int rowsRead, IEnumerable<CheckedRow> compared, (string Zh, string En) unit,
        string? message = null)
    {
        ArgumentNullException.ThrowIfNull(compared);
        var all = compared.Select((r, i) => (r, i)).OrderBy(x => x.r.Time).ThenBy(x => x.i).Select((x, k) => (r: x.r, i: k)).ToList();
        var times = all.Select(x => x.r.Time).Distinct().ToList();
        var timeIndex = new Dictionary<DateTimeOffset, int>();
        for (var i = 0; i < times.Count; i++) timeIndex[times[i]] = i;
        var figureOrder = new List<string>();
        foreach (var (r, _) in all) if (!figureOrder.Contains(r.Figure)) figureOrder.Add(r.Figure);

        var findings = new List<(VerificationFinding F, int Figure)>();
        var mismatches = new List<(CheckedRow Row, int Index, IReadOnlyList<string> Explaining, Group Group)>();
        foreach (var figure in figureOrder)
        {
            var found = new List<VerificationFinding>();
            GroupFigure(figure, all.Where(x => x.r.Figure == figure).ToList(), found);
            findings.AddRange(found.Select(x => (x, figureOrder.IndexOf(figure))));
        }

        void GroupFigure(string figure, List<(CheckedRow r, int i)> rows, List<VerificationFinding> sink)
        {
            Group? open = null;
            Group? unexplained = null;
            var lastUnexplainedIndex = -2;

            void Close(ref Group? g)
            {
                if (g is null) return;
                sink.Add(g.ToFinding(domain, figure, unit));
                g = null;
            }

            foreach (var (row, index) in rows)
            {
                if (row.Matches)
                {
                    if (open is null) continue;
                    if (open.Stations.Contains(row.Station))
                    {
                        foreach (var v in Refuted(row)) open.Tentative.Add(v);
                        if (open.Candidates.All(open.Tentative.Contains)) Close(ref open);
                    }
                    else open.Pending.Add(row);
                    continue;
                }
                var explaining = Explaining(row);
                if (explaining.Count == 0)
                {
                    var ti = timeIndex[row.Time];
                    if (unexplained is null || ti > lastUnexplainedIndex + 1)
                    {
                        Close(ref unexplained);
                        unexplained = new Group([VerificationCauses.Unexplained]);
                    }
                    unexplained.Add(row);
                    lastUnexplainedIndex = ti;
                    mismatches.Add((row, index, explaining, unexplained));
                    continue;
                }
                if (open is not null)
                {
                    var survivors = new HashSet<string>(open.Candidates.Where(explaining.Contains));
                    survivors.ExceptWith(open.Tentative);
                    if (!open.Stations.Contains(row.Station))
                        foreach (var p in open.Pending.Where(p => p.Station == row.Station)) survivors.ExceptWith(Refuted(p));
                    if (survivors.Count > 0)
                    {
                        open.Candidates = survivors;
                        open.Tentative.Clear();
                        open.Pending.RemoveAll(p => p.Station == row.Station);
                        open.Add(row);
                        mismatches.Add((row, index, explaining, open));
                        continue;
                    }
                    Close(ref open);
                }
                open = new Group(explaining);
                open.Add(row);
                mismatches.Add((row, index, explaining, open));
            }
            Close(ref open);
            Close(ref unexplained);
        }

        var keys = all.GroupBy(x => (x.r.Station, x.r.Time, x.r.Location)).ToList();
        return new VerificationReport
        {
            Domain = domain,
            Regime = regime,
            Rows = rowsRead,
            Compared = keys.Count,
            Matched = keys.Count(k => k.All(x => x.r.Matches)),
            Findings = [.. findings.OrderBy(f => f.F.From).ThenBy(f => f.F.To).ThenBy(f => f.Figure).Select(f => f.F)],
            Mismatches = [.. mismatches.OrderBy(m => m.Index).Select(m => new VerificationMismatch(m.Row.Station, m.Row.Time, m.Row.Figure, m.Row.Published, m.Row.Ours,
                m.Row.Difference, m.Group.Cause, m.Explaining, m.Row.Location))],
            Message = message,
        };
    }

    /// <summary>The figure's prefix of a finding summary: empty for the main figure of a domain (<c>aqi</c>,
    /// <c>water_class</c>, <c>noise_verdict</c>), else e.g. ("首要污染物：", "primary pollutant: ").</summary>
    private static (string Zh, string En) FigureName(string figure)
    {
        if (VerificationFigures.IsMain(figure)) return ("", "");
        var (zh, en) = VerificationFigures.Name(figure);
        return ($"{zh}：", $"{en}: ");
    }

    private sealed class Group(IEnumerable<string> candidates)
    {
        public HashSet<string> Candidates { get; set; } = [.. candidates];
        public HashSet<string> Tentative { get; } = [];
        public List<CheckedRow> Pending { get; } = [];
        public HashSet<string> Stations { get; } = new(StringComparer.Ordinal);
        public int Count { get; private set; }
        public DateTimeOffset From { get; private set; }
        public DateTimeOffset To { get; private set; }

        public void Add(CheckedRow row)
        {
            if (Count == 0) From = row.Time;
            To = row.Time;
            Count++;
            Stations.Add(row.Station);
        }

        private IReadOnlyList<string> Keys => [.. Candidates.Select(CauseOf).Distinct()
            .OrderBy(VerificationCauses.Precedence).ThenBy(k => k, StringComparer.Ordinal)];

        public string Cause => Keys[0];

        public VerificationFinding ToFinding(string domain, string figure, (string Zh, string En) unit)
        {
            var keys = Keys;
            var cause = keys[0];
            string f(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            var alsoZh = keys.Count > 1 ? "（亦符合：" + string.Join("、", keys.Skip(1).Select(VerificationCauses.Zh)) + "）" : "";
            var alsoEn = keys.Count > 1 ? " (also consistent with: " + string.Join(", ", keys.Skip(1).Select(VerificationCauses.En)) + ")" : "";
            var zh = cause == VerificationCauses.Unexplained
                ? $"{f(From)} 至 {f(To)}，{Stations.Count} 个站点 {Count} 个{unit.Zh}，无法用任何已知原因解释"
                : $"{f(From)} 至 {f(To)}，{Stations.Count} 个站点 {Count} 个{unit.Zh}，与“{VerificationCauses.Zh(cause)}”一致{alsoZh}";
            // English number: the units are plural nouns ending in "s" (station-hours, samples, measurements); one → singular.
            var unitEn = Count == 1 && unit.En.EndsWith('s') ? unit.En[..^1] : unit.En;
            var stationsEn = Stations.Count == 1 ? "station" : "stations";
            var en = cause == VerificationCauses.Unexplained
                ? $"from {f(From)} to {f(To)}, {Count} {unitEn} at {Stations.Count} {stationsEn}, not explained by any hypothesis"
                : $"from {f(From)} to {f(To)}, {Count} {unitEn} at {Stations.Count} {stationsEn}, consistent with {VerificationCauses.En(cause)}{alsoEn}";
            var (fz, fe) = FigureName(figure);
            return new VerificationFinding(domain, cause, From, To, Stations.Count, Count, fz + zh, fe + en, figure);
        }
    }
}
