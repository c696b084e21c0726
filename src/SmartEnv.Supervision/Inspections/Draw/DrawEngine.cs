using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Inspections.Draw;

/// <summary>Why a draw was refused. Thread-safe (an enum).</summary>
public enum DrawFailure
{
    /// <summary>The plan or its rules are malformed (duplicate id, ratio out of range, bad hash text, …).</summary>
    InvalidPlan,
    /// <summary>The secret or the public value is missing.</summary>
    SeedMissing,
    /// <summary>SHA-256 of the secret differs from the published commitment hash: no draw.</summary>
    CommitmentMismatch,
    /// <summary>A drawn object has fewer eligible inspectors than the rules ask (<see cref="DrawException.ObjectId"/>).</summary>
    TooFewInspectors,
}

/// <summary>A draw refused as a whole: no partial result is ever returned. Thread-safe once thrown (immutable).</summary>
public sealed class DrawException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="message">A message naming the object, list entry or figure.</param>
    /// <param name="objectId">The object concerned, when one is.</param>
    public DrawException(DrawFailure reason, string message, string? objectId = null) : base(message)
    {
        Reason = reason;
        ObjectId = objectId;
    }

    /// <summary>Why the draw was refused.</summary>
    public DrawFailure Reason { get; }

    /// <summary>The object id (USCC) concerned, for <see cref="DrawFailure.TooFewInspectors"/>; otherwise usually null.</summary>
    public string? ObjectId { get; }
}

/// <summary>The outcome of <see cref="DrawEngine.Verify"/>. Immutable; thread-safe.</summary>
/// <param name="Ok">True only when the commitment holds and the recomputed result equals the published one entry by
/// entry.</param>
/// <param name="FirstDifference">Null when ok; otherwise the first difference found (commitment, missing result, refused
/// draw, task count, or task n's object, mode or inspectors, with both values).</param>
/// <param name="TaskIndex">The 0-based index of the first differing task, when the difference is in a task.</param>
public sealed record DrawVerification(bool Ok, string? FirstDifference, int? TaskIndex)
{
    /// <summary>The field of the first difference: <c>object</c>, <c>mode</c> or <c>inspectors</c> of task
    /// <see cref="TaskIndex"/> (JSON path <c>result.tasks[TaskIndex].Field</c>), <c>tasks</c> when only the task count
    /// differs, <c>result</c> when the plan has no published result; null when ok or when the draw was refused.</summary>
    public string? Field { get; init; }

    /// <summary>Why the recomputation was refused (<see cref="DrawException.Reason"/>), when it was; else null. Lets a
    /// caller tell a plan that cannot be recomputed (<see cref="DrawFailure.InvalidPlan"/>,
    /// <see cref="DrawFailure.SeedMissing"/>) from one whose published secret does not open its commitment.</summary>
    public DrawFailure? Refusal { get; init; }
}

/// <summary>One stratum of a draw and how its count was found (the "explain" output). Immutable; thread-safe.</summary>
/// <param name="Class">The object class.</param>
/// <param name="Grade">The credit grade.</param>
/// <param name="ObjectIndices">Indices into <see cref="DrawPlan.Objects"/> of the stratum's objects, in published order.</param>
/// <param name="N">Objects in the stratum.</param>
/// <param name="Ratio">The class ratio (key, special); null for general (a share of the general total instead).</param>
/// <param name="Multiplier">The grade multiplier of the plan's rules (for key, values below 1 are applied as 1).</param>
/// <param name="M">Objects drawn from the stratum.</param>
/// <param name="Rule">The computation in words and figures, e.g. <c>ceil(7 × 0.25 × 1) = ceil(1.75) = 2</c>.</param>
public sealed record DrawStratum(ObjectClass Class, DrawGrade Grade, IReadOnlyList<int> ObjectIndices, int N,
    decimal? Ratio, decimal Multiplier, int M, string Rule);

/// <summary>
/// The 双随机 draw (issue 19 P1; docs/inspections.md "The draw (P1)"): a pure function of the published plan (ordered
/// lists, rules, commitment). Steps:
/// <list type="number">
/// <item>Check: the plan is well formed; secret and public value present; SHA-256(secret bytes) equals the commitment
/// hash — else <see cref="DrawException"/>, no draw.</item>
/// <item>Seed (<see cref="SeedMaterial"/>): "SmartEnv draw v1" ‖ 0x00 ‖ SHA-256(<see cref="DrawPlanJson.CanonicalInput"/>)
/// ‖ secret bytes ‖ UTF-8(public value).</item>
/// <item>PRNG: <see cref="HmacDrbg"/> (NIST SP 800-90A Rev. 1 §10.1.2, HMAC-SHA-256) instantiated with entropy = the seed
/// material, empty nonce and personalization; words from 32-byte Generate calls (<see cref="DrbgWordSource"/>).</item>
/// <item>Strata in the order class (key, special, general) then grade (诚信, 良好, 警示, 不良, none); counts by
/// <see cref="Explain"/>; within a stratum partial Fisher–Yates (<see cref="DrawRandom.SelectIndices"/>) over its
/// objects in published order, with unbiased integers (<see cref="DrawRandom.Below"/>, never modulo).</item>
/// <item>Inspectors per task, task by task in draw order (see <see cref="Run"/>).</item>
/// </list>
/// Sources: supervision.md §6 (ratios [S]/[U], recusal 行政处罚法 Art. 43 [P†], positive list [S]); grade multipliers [U]
/// SmartEnv local policy; every figure comes from the plan's rules (defaults: <see cref="DrawRules"/>, draw-rules.tsv).
/// Pure (no clock, no I/O); static; thread-safe.
/// </summary>
public static class DrawEngine
{
    /// <summary>The domain-separation prefix of the seed material (ASCII, then one 0x00 byte).</summary>
    public const string SeedLabel = "SmartEnv draw v1";

    /// <summary>Shortest secret accepted, in bytes (128 bits; 32 bytes recommended). SmartEnv rule, part of the algorithm
    /// "SmartEnv draw v1" (not a policy figure of draw-rules.tsv: every verifier must reach the same verdict).</summary>
    public const int MinSecretBytes = 16;

    /// <summary>Most decimal places a grade multiplier may have (exact integer arithmetic of the general split); part of
    /// the algorithm "SmartEnv draw v1".</summary>
    public const int MultiplierDecimals = 4;

    /// <summary>SHA-256 of the plan's canonical input (<see cref="DrawPlanJson.CanonicalInput"/>).</summary>
    /// <param name="plan">A plan.</param>
    /// <returns>32 bytes.</returns>
    /// <exception cref="ArgumentException">As <see cref="DrawPlanJson.CanonicalInput"/>.</exception>
    public static byte[] InputHash(DrawPlan plan) => SHA256.HashData(DrawPlanJson.CanonicalInput(plan));

    /// <summary>
    /// The seed material: ASCII <see cref="SeedLabel"/> ‖ 0x00 ‖ <paramref name="inputHash"/> (32 bytes) ‖
    /// <paramref name="secret"/> ‖ UTF-8 of <paramref name="publicValue"/> (as entered, no normalization). The secret's
    /// length is fixed by the commitment (its hash is inside the input hash), so the concatenation is unambiguous.
    /// </summary>
    /// <param name="inputHash">SHA-256 of the canonical input.</param>
    /// <param name="secret">The revealed secret's bytes.</param>
    /// <param name="publicValue">The public value.</param>
    /// <returns>The bytes given to <see cref="HmacDrbg"/> as entropy input.</returns>
    /// <exception cref="ArgumentException"><paramref name="inputHash"/> is not 32 bytes.</exception>
    public static byte[] SeedMaterial(ReadOnlySpan<byte> inputHash, ReadOnlySpan<byte> secret, string publicValue)
    {
        ArgumentNullException.ThrowIfNull(publicValue);
        if (inputHash.Length != 32) throw new ArgumentException("the input hash is 32 bytes", nameof(inputHash));
        var label = Encoding.ASCII.GetBytes(SeedLabel);
        var pv = Encoding.UTF8.GetBytes(publicValue);
        var seed = new byte[label.Length + 1 + 32 + secret.Length + pv.Length];
        var s = seed.AsSpan();
        label.CopyTo(s);
        s[label.Length] = 0;
        inputHash.CopyTo(s[(label.Length + 1)..]);
        secret.CopyTo(s[(label.Length + 33)..]);
        pv.CopyTo(s[(label.Length + 33 + secret.Length)..]);
        return seed;
    }

    /// <summary>The commitment hash of a secret: lowercase hex SHA-256 of its bytes.</summary>
    /// <param name="secretHex">The secret, lowercase hex.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="FormatException">Not lowercase hex of even length.</exception>
    public static string CommitmentHash(string secretHex) => Convert.ToHexStringLower(SHA256.HashData(SecretBytes(secretHex)));

    /// <summary>What is wrong with <paramref name="r"/> for a draw, or null when nothing: ratios 0 &lt; r ≤ 1; units per
    /// inspector in (0, 10^6]; multipliers 0 &lt; x ≤ 100 with at most <see cref="MultiplierDecimals"/> decimals; at least 2
    /// inspectors per task (issue 19's acceptance criterion "≥ 2 inspectors"; the default is the row
    /// <c>inspectors.per_task</c> of draw-rules.tsv); a version.</summary>
    /// <param name="r">Rules.</param>
    /// <returns>A message naming the figure, or null.</returns>
    public static string? RuleProblem(DrawRuleSet r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (string.IsNullOrEmpty(r.Version)) return "rules.version is empty";
        if (r.KeyRatio <= 0 || r.KeyRatio > 1) return $"keyRatio {Num(r.KeyRatio)} is not in (0, 1]";
        if (r.SpecialRatio <= 0 || r.SpecialRatio > 1) return $"specialRatio {Num(r.SpecialRatio)} is not in (0, 1]";
        if (r.GeneralUnitsPerInspectorYear <= 0 || r.GeneralUnitsPerInspectorYear > 1_000_000)
            return $"generalUnitsPerInspectorYear {Num(r.GeneralUnitsPerInspectorYear)} is not in (0, 1000000]";
        foreach (var g in Enum.GetValues<DrawGrade>())
        {
            var m = r.Multiplier(g);
            if (m <= 0 || m > 100 || decimal.Round(m, MultiplierDecimals) != m)
                return $"multiplier {DrawPlanJson.GradeToken(g) ?? "none"} {Num(m)} is not in (0, 100] with at most {MultiplierDecimals} decimals";
        }
        if (r.InspectorsPerTask < 2) return $"inspectorsPerTask {r.InspectorsPerTask} is less than 2";
        return null;
    }

    /// <summary>
    /// The strata and their counts (the explain output), in draw order; empty strata are left out.
    /// <list type="bullet">
    /// <item>key: m = min(N, ceil(N × keyRatio × max(multiplier, 1))) — the key ratio is a legal minimum per quarter
    /// (supervision.md §6 [S]), so a multiplier below 1 never lowers it.</item>
    /// <item>special: m = min(N, ceil(N × specialRatio × multiplier)).</item>
    /// <item>general: total G = min(N_general, ceil(I × unitsPerInspectorYear / 4)), I = inspectors in the plan; split
    /// over the general grade strata in proportion to the weights w = N × multiplier by largest remainder (Hamilton),
    /// exact rational arithmetic: a stratum whose quota G'·w/W reaches its N gets N and leaves (repeat with the rest
    /// G'); then each remaining stratum gets floor(quota) and the G' − Σ floor left go one each to the largest
    /// remainders, ties to the earlier stratum.</item>
    /// </list>
    /// Fractions always round up ("at least") for key and special.
    /// </summary>
    /// <param name="plan">A plan (secret and result not needed).</param>
    /// <returns>The non-empty strata in order.</returns>
    /// <exception cref="DrawException"><see cref="DrawFailure.InvalidPlan"/>: see <see cref="Run"/>.</exception>
    public static IReadOnlyList<DrawStratum> Explain(DrawPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (PlanProblem(plan) is { } problem) throw new DrawException(DrawFailure.InvalidPlan, $"draw plan: {problem}");
        var r = plan.Rules;
        var groups = new List<int>[3, 5];
        for (var c = 0; c < 3; c++)
            for (var g = 0; g < 5; g++) groups[c, g] = [];
        for (var i = 0; i < plan.Objects.Count; i++) groups[(int)plan.Objects[i].Class, (int)plan.Objects[i].Grade].Add(i);

        var strata = new List<DrawStratum>();
        foreach (var cls in new[] { ObjectClass.Key, ObjectClass.Special })
        {
            var ratio = cls == ObjectClass.Key ? r.KeyRatio : r.SpecialRatio;
            for (var g = 0; g < 5; g++)
            {
                var members = groups[(int)cls, g];
                if (members.Count == 0) continue;
                var grade = (DrawGrade)g;
                var mult = r.Multiplier(grade);
                var applied = cls == ObjectClass.Key ? Math.Max(mult, 1m) : mult;
                var n = members.Count;
                var product = n * ratio * applied;
                var m = (int)Math.Min(n, Math.Ceiling(product));
                var rule = $"{DrawPlanJson.ClassToken(cls)}/{DrawPlanJson.GradeToken(grade) ?? "none"}: m = min(N, ceil(N × ratio × "
                    + (cls == ObjectClass.Key ? "max(multiplier, 1)" : "multiplier") + $")) = min({n}, ceil({n} × {Num(ratio)} × {Num(applied)})) = min({n}, ceil({Num(product)})) = {m}";
                strata.Add(new DrawStratum(cls, grade, members, n, ratio, mult, m, rule));
            }
        }

        var general = Enumerable.Range(0, 5).Where(g => groups[2, g].Count > 0).ToList();
        if (general.Count > 0)
        {
            var nGeneral = general.Sum(g => groups[2, g].Count);
            var inspectors = plan.Inspectors.Count;
            var raw = inspectors * r.GeneralUnitsPerInspectorYear / 4m;
            var total = (int)Math.Min(nGeneral, Math.Ceiling(raw));
            var scale = (decimal)BigInteger.Pow(10, MultiplierDecimals);
            var w = general.ToDictionary(g => g, g => new BigInteger(groups[2, g].Count * r.Multiplier((DrawGrade)g) * scale));
            var m = general.ToDictionary(g => g, _ => 0);
            var capped = new HashSet<int>();
            var active = new List<int>(general);
            BigInteger rest = total;
            while (active.Count > 0)
            {
                var wSum = active.Aggregate(BigInteger.Zero, (a, g) => a + w[g]);
                var full = active.Where(g => rest * w[g] >= groups[2, g].Count * wSum).ToList();
                if (full.Count == 0) break;
                foreach (var g in full)
                {
                    m[g] = groups[2, g].Count;
                    rest -= m[g];
                    capped.Add(g);
                    active.Remove(g);
                }
            }
            var quota = new Dictionary<int, string>();
            if (active.Count > 0)
            {
                var wSum = active.Aggregate(BigInteger.Zero, (a, g) => a + w[g]);
                var remainders = new List<(int G, BigInteger Rem)>();
                var left = rest;
                foreach (var g in active)
                {
                    var num = rest * w[g];
                    var fl = BigInteger.Divide(num, wSum);
                    m[g] = (int)fl;
                    left -= fl;
                    remainders.Add((g, num - fl * wSum));
                    quota[g] = $"{rest} × {Num((decimal)w[g] / scale)} / {Num((decimal)wSum / scale)} = {Num((decimal)num / (decimal)wSum)}";
                }
                foreach (var (g, _) in remainders.OrderByDescending(x => x.Rem).ThenBy(x => x.G).Take((int)left))
                    m[g]++;
            }
            foreach (var g in general)
            {
                var grade = (DrawGrade)g;
                var n = groups[2, g].Count;
                var mult = r.Multiplier(grade);
                var head = $"general/{DrawPlanJson.GradeToken(grade) ?? "none"}: G = min(N_general, ceil(I × units / 4)) = min({nGeneral}, ceil({inspectors} × {Num(r.GeneralUnitsPerInspectorYear)} / 4)) = {total}; weight w = N × multiplier = {n} × {Num(mult)} = {Num(n * mult)}";
                var tail = capped.Contains(g)
                    ? $"; quota reaches N: m = N = {n}"
                    : $"; quota G' × w / W = {quota[g]}; largest remainder: m = {m[g]}";
                strata.Add(new DrawStratum(ObjectClass.General, grade, groups[2, g], n, null, mult, m[g], head + tail));
            }
        }
        return strata;
    }

    /// <summary>
    /// Draws the plan. After the checks and the seed (see the class summary), the strata are drawn in order and each
    /// selected object becomes a task (mode off-site for a positive-list object, else on-site). Then, task by task in
    /// draw order, <see cref="DrawRuleSet.InspectorsPerTask"/> inspectors are picked: eligible = the inspectors in
    /// published order who did not declare a conflict with the object and (when <see cref="DrawRuleSet.RecuseLastTime"/>)
    /// are not among its last inspectors; for each pick, candidates = eligible not yet on the task; for the 2nd and later
    /// picks with <see cref="DrawRuleSet.DifferentDepartments"/>, those of a department not yet on the task if there is
    /// any; then only those with the fewest tasks so far; pick candidates[Below(count)]; the pick's task count + 1.
    /// </summary>
    /// <param name="plan">A plan with commitment secret and public value (its result, if any, is ignored).</param>
    /// <returns>The result (tasks in draw order).</returns>
    /// <exception cref="DrawException"><see cref="DrawFailure.InvalidPlan"/> (empty or duplicate object/inspector id,
    /// quarter not YYYYQn, commitment hash not 64 lowercase hex, secret not lowercase hex of at least
    /// <see cref="MinSecretBytes"/> bytes, a rule of <see cref="RuleProblem"/>); <see cref="DrawFailure.SeedMissing"/>
    /// (secret or public value null or empty); <see cref="DrawFailure.CommitmentMismatch"/>;
    /// <see cref="DrawFailure.TooFewInspectors"/> naming the object. Never a partial result.</exception>
    public static DrawResult Run(DrawPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var strata = Explain(plan);
        var c = plan.Commitment;
        if (string.IsNullOrEmpty(c.Secret)) throw new DrawException(DrawFailure.SeedMissing, "draw: the secret is not revealed (commitment.secret is empty)");
        if (string.IsNullOrEmpty(c.PublicValue)) throw new DrawException(DrawFailure.SeedMissing, "draw: the public value is not entered (commitment.publicValue is empty)");
        byte[] secret;
        try { secret = SecretBytes(c.Secret); }
        catch (FormatException e) { throw new DrawException(DrawFailure.InvalidPlan, $"draw: commitment.secret {e.Message}"); }
        if (secret.Length < MinSecretBytes)
            throw new DrawException(DrawFailure.InvalidPlan, $"draw: commitment.secret is {secret.Length} bytes, at least {MinSecretBytes} needed");
        var actual = Convert.ToHexStringLower(SHA256.HashData(secret));
        if (actual != c.Hash)
            throw new DrawException(DrawFailure.CommitmentMismatch, $"draw: sha256(secret) = {actual} differs from the published commitment hash {c.Hash}; no draw");

        var source = new DrbgWordSource(new HmacDrbg(SeedMaterial(InputHash(plan), secret, c.PublicValue), [], []));
        var selected = new List<int>();
        foreach (var s in strata)
            foreach (var i in DrawRandom.SelectIndices(source, s.N, s.M)) selected.Add(s.ObjectIndices[i]);

        var r = plan.Rules;
        var insp = plan.Inspectors;
        var load = new int[insp.Count];
        var tasks = new List<DrawTask>(selected.Count);
        foreach (var oi in selected)
        {
            var o = plan.Objects[oi];
            var eligible = Eligible(plan, o);
            if (eligible.Count < r.InspectorsPerTask)
                throw new DrawException(DrawFailure.TooFewInspectors,
                    $"draw: object {o.Id} ({o.Name}) has {eligible.Count} eligible inspectors (after conflicts"
                    + (r.RecuseLastTime ? " and last-time recusal" : "") + $"), {r.InspectorsPerTask} needed; no result", o.Id);
            var picked = new List<int>(r.InspectorsPerTask);
            for (var p = 0; p < r.InspectorsPerTask; p++)
            {
                var cand = eligible.Where(i => !picked.Contains(i)).ToList();
                if (r.DifferentDepartments && p > 0)
                {
                    var fresh = cand.Where(i => picked.All(q => !string.Equals(insp[q].Department, insp[i].Department, StringComparison.Ordinal))).ToList();
                    if (fresh.Count > 0) cand = fresh;
                }
                var min = cand.Min(i => load[i]);
                cand = cand.Where(i => load[i] == min).ToList();
                var choice = cand[DrawRandom.Below(source, cand.Count)];
                picked.Add(choice);
                load[choice]++;
            }
            tasks.Add(new DrawTask(o.Id, o.PositiveList ? TaskMode.OffSite : TaskMode.OnSite, [.. picked.Select(i => insp[i].Id)]));
        }
        return new DrawResult(tasks);
    }

    /// <summary>The indices (list order) of the inspectors eligible for <paramref name="o"/>: not declaring a conflict with
    /// it and, with <see cref="DrawRuleSet.RecuseLastTime"/>, not among its last inspectors. The one eligibility rule, read by
    /// <see cref="Run"/> and <see cref="Understaffed"/>. Pure; thread-safe.</summary>
    private static List<int> Eligible(DrawPlan plan, DrawObject o)
    {
        var eligible = new List<int>();
        for (var i = 0; i < plan.Inspectors.Count; i++)
        {
            if (plan.Inspectors[i].Conflicts.Contains(o.Id, StringComparer.Ordinal)) continue;
            if (plan.Rules.RecuseLastTime && o.LastInspectors.Contains(plan.Inspectors[i].Id, StringComparer.Ordinal)) continue;
            eligible.Add(i);
        }
        return eligible;
    }

    /// <summary>The objects that could not be staffed if drawn — fewer eligible inspectors (after conflicts and last-time
    /// recusal) than <see cref="DrawRuleSet.InspectorsPerTask"/> — with their eligible count, in list order. Needs no
    /// seed: a plan whose list is not empty here would fail <see cref="Run"/> whenever such an object is drawn, so the
    /// platform refuses to freeze it. Pure; thread-safe.</summary>
    /// <param name="plan">The plan (its result is ignored).</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static IReadOnlyList<(DrawObject Object, int Eligible)> Understaffed(DrawPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Objects.Select(o => (o, Eligible(plan, o).Count)).Where(x => x.Item2 < plan.Rules.InspectorsPerTask)];
    }

    /// <summary>
    /// Re-runs the draw from the published inputs and compares with the published result, entry by entry. Checks in
    /// order: a published result exists; the draw runs (commitment holds, plan valid, inspectors suffice); same number of
    /// tasks; then per task its object, mode and inspectors. The CLI exits 0 only when <see cref="DrawVerification.Ok"/>.
    /// </summary>
    /// <param name="plan">The published plan with its result.</param>
    /// <returns>Ok, or the first difference.</returns>
    public static DrawVerification Verify(DrawPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Result is null) return new(false, "the plan has no published result", null) { Field = "result" };
        DrawResult expected;
        try { expected = Run(plan); }
        catch (DrawException e) { return new(false, e.Message, null) { Refusal = e.Reason }; }
        var got = plan.Result.Tasks;
        var want = expected.Tasks;
        for (var i = 0; i < Math.Min(got.Count, want.Count); i++)
        {
            if (got[i].ObjectId != want[i].ObjectId)
                return new(false, $"task {i + 1}: object published {got[i].ObjectId}, recomputed {want[i].ObjectId}", i) { Field = "object" };
            if (got[i].Mode != want[i].Mode)
                return new(false, $"task {i + 1} ({want[i].ObjectId}): mode published {DrawPlanJson.ModeToken(got[i].Mode)}, recomputed {DrawPlanJson.ModeToken(want[i].Mode)}", i) { Field = "mode" };
            if (!got[i].InspectorIds.SequenceEqual(want[i].InspectorIds, StringComparer.Ordinal))
                return new(false, $"task {i + 1} ({want[i].ObjectId}): inspectors published [{string.Join(", ", got[i].InspectorIds)}], recomputed [{string.Join(", ", want[i].InspectorIds)}]", i) { Field = "inspectors" };
        }
        if (got.Count != want.Count)
            return new(false, $"published {got.Count} tasks, recomputed {want.Count}", Math.Min(got.Count, want.Count)) { Field = "tasks" };
        return new(true, null, null);
    }

    private static string? PlanProblem(DrawPlan p)
    {
        if (string.IsNullOrEmpty(p.Plan.Id)) return "plan.id is empty";
        var q = p.Plan.Quarter;
        if (q is null || q.Length != 6 || !q[..4].All(char.IsAsciiDigit) || q[4] != 'Q' || q[5] < '1' || q[5] > '4')
            return $"plan.quarter '{q}' is not YYYYQn";
        if (RuleProblem(p.Rules) is { } rp) return "rules: " + rp;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < p.Objects.Count; i++)
        {
            var o = p.Objects[i];
            if (string.IsNullOrEmpty(o.Id)) return $"objects[{i}].id is empty";
            if (!ids.Add(o.Id)) return $"objects[{i}].id {o.Id} appears twice";
            if (!Enum.IsDefined(o.Class) || !Enum.IsDefined(o.Grade)) return $"objects[{i}] ({o.Id}) has an undefined class or grade";
            if (o.LastInspectors is null) return $"objects[{i}].lastInspectors is null";
        }
        ids.Clear();
        for (var i = 0; i < p.Inspectors.Count; i++)
        {
            var x = p.Inspectors[i];
            if (string.IsNullOrEmpty(x.Id)) return $"inspectors[{i}].id is empty";
            if (!ids.Add(x.Id)) return $"inspectors[{i}].id {x.Id} appears twice";
            if (x.Department is null) return $"inspectors[{i}].department is null";
            if (x.Conflicts is null) return $"inspectors[{i}].conflicts is null";
        }
        var h = p.Commitment.Hash;
        if (h is null || h.Length != 64 || !h.All(ch => char.IsAsciiDigit(ch) || ch is >= 'a' and <= 'f'))
            return "commitment.hash is not 64 lowercase hex digits";
        return null;
    }

    private static byte[] SecretBytes(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length % 2 != 0 || !hex.All(ch => char.IsAsciiDigit(ch) || ch is >= 'a' and <= 'f'))
            throw new FormatException("is not lowercase hex of even length");
        return Convert.FromHexString(hex);
    }

    private static string Num(decimal d) => DrawPlanJson.CanonicalNumber(d);
}
