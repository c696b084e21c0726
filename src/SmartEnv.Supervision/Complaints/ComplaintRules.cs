using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Complaints;

/// <summary>How a period of <see cref="ComplaintRules"/> is counted (column <c>day_kind</c> of
/// <c>complaint-rules.tsv</c>). Thread-safe (an enum).</summary>
public enum DayKind
{
    /// <summary>Calendar days (日): every day counts; the last day may roll forward to a working day
    /// (<see cref="ComplaintRules.RollForwardToWorkday"/>).</summary>
    Calendar,
    /// <summary>Working days (工作日) of <see cref="SmartEnv.Supervision.Calendar.WorkdayCalendar"/>.</summary>
    Workday,
}

/// <summary>One row of <c>complaint-rules.tsv</c>. Immutable; thread-safe.</summary>
/// <param name="Key">The key, e.g. <c>handling.days</c>.</param>
/// <param name="Value">The figure (decimal; a flag is 1 or 0).</param>
/// <param name="Unit">Its unit as written (day, working day, m, byte, pixel, …).</param>
/// <param name="DayKind">How a period is counted; null for a row that is not a period.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv (supervision.md legend; SmartEnv = a SmartEnv rule, no official figure).</param>
/// <param name="Source">The regulation and article, or the reason for a SmartEnv rule.</param>
public sealed record ComplaintRule(string Key, decimal Value, string Unit, DayKind? DayKind, string Confidence, string Source);

/// <summary>
/// Every figure of the complaint and petition rules (issue 18) as data: <c>Resources/complaint-rules.tsv</c> (embedded as
/// <c>SmartEnv.Supervision.Resources.complaint-rules.tsv</c>), each row with its unit, day kind, confidence and source
/// (supervision.md §5: 《环保举报热线工作管理办法》 部令第15号 and 《信访工作条例》 2022 Art. 22, 23, 34, 35, 36). Code reads the
/// typed properties; the row (<see cref="this[string]"/>) gives the source for docs and evidence. The unconfirmed
/// roll-forward rule [U] and the SmartEnv limits (duplicates, sizes, rates) are rows, so each stays a file edit away.
/// <para>File format: UTF-8, tab-separated, header <c>key value unit day_kind confidence source</c>; <c>#</c> lines and
/// blank lines ignored; <c>day_kind</c> is <c>calendar</c> or <c>workday</c> for a period (keys ending in <c>days</c>) and <c>-</c> otherwise. Every key of <see cref="RequiredKeys"/> must be present exactly once; unknown
/// keys are refused.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class ComplaintRules
{
    /// <summary>The keys a rules file must hold.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "acceptance.answer_days", "handling.days", "extension.max_days", "review.request_days", "review.decision_days",
        "recheck.request_days", "recheck.decision_days", "objection.workdays", "deadline.roll_forward",
        "duplicate.radius_m", "duplicate.window_days", "text.max_chars", "photos.max", "photo.max_bytes",
        "photo.max_pixels", "photo.long_edge", "public.submissions_per_address_per_hour",
        "query.attempts_per_address_per_hour", "public.refusals_per_address_per_hour",
    ];

    /// <summary>The confidence labels a row may carry.</summary>
    public static readonly IReadOnlyList<string> Confidences = ["P", "P†", "S", "U", "SmartEnv"];

    private static readonly Lazy<ComplaintRules> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.complaint-rules.tsv";
        using var s = typeof(ComplaintRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly Dictionary<string, ComplaintRule> _rules;

    private ComplaintRules(Dictionary<string, ComplaintRule> rules, string version)
    {
        _rules = rules;
        Version = version;
        AcceptanceAnswerDays = Int("acceptance.answer_days", 1, 366);
        HandlingDays = Int("handling.days", 1, 366);
        ExtensionMaxDays = Int("extension.max_days", 0, 366);
        ReviewRequestDays = Int("review.request_days", 1, 366);
        ReviewDecisionDays = Int("review.decision_days", 1, 366);
        RecheckRequestDays = Int("recheck.request_days", 1, 366);
        RecheckDecisionDays = Int("recheck.decision_days", 1, 366);
        OutOfRemitObjectionWorkdays = Int("objection.workdays", 1, 100);
        RollForwardToWorkday = Int("deadline.roll_forward", 0, 1) == 1;
        DuplicateRadiusMetres = (double)Dec("duplicate.radius_m", 0m, 100_000m);
        DuplicateWindowDays = Int("duplicate.window_days", 0, 366);
        TextMaxChars = Int("text.max_chars", 1, 1_000_000);
        PhotosMax = Int("photos.max", 0, 100);
        PhotoMaxBytes = Int("photo.max_bytes", 1, int.MaxValue);
        PhotoMaxPixels = Int("photo.max_pixels", 1, int.MaxValue);
        PhotoLongEdge = Int("photo.long_edge", 16, 100_000);
        PublicSubmissionsPerAddressPerHour = Int("public.submissions_per_address_per_hour", 1, 1_000_000);
        QueryAttemptsPerAddressPerHour = Int("query.attempts_per_address_per_hour", 1, 1_000_000);
        PublicRefusalsPerAddressPerHour = Int("public.refusals_per_address_per_hour", 1, 1_000_000);
    }

    /// <summary>The embedded <c>complaint-rules.tsv</c>.</summary>
    public static ComplaintRules Default => DefaultLazy.Value;

    /// <summary><c>complaint-rules@</c> + the first 8 hex digits of the SHA-256 of the file's UTF-8 text; stored with every
    /// deadline computed from these rules.</summary>
    public string Version { get; }

    /// <summary>Every row, in key order.</summary>
    public IReadOnlyList<ComplaintRule> All => [.. _rules.Values.OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The row of <paramref name="key"/>.</summary>
    /// <param name="key">A key of <see cref="RequiredKeys"/>.</param>
    /// <exception cref="KeyNotFoundException">No such key.</exception>
    public ComplaintRule this[string key] => _rules.TryGetValue(key, out var r) ? r : throw new KeyNotFoundException($"complaint rules: no key '{key}'");

    /// <summary>15 days: the answer whether a complaint is accepted, counted from registration (条例 Art. 22–23 [P†];
    /// the 办法's 15 days [U]).</summary>
    public int AcceptanceAnswerDays { get; }

    /// <summary>60 days: handling, counted from acceptance (条例 Art. 34 [P†]).</summary>
    public int HandlingDays { get; }

    /// <summary>30 days: the longest extension of <see cref="HandlingDays"/>, approved by the head (条例 Art. 34 [P†]).</summary>
    public int ExtensionMaxDays { get; }

    /// <summary>30 days: the reporter may ask for 复查 within this of the written reply (条例 Art. 35 [P†]).</summary>
    public int ReviewRequestDays { get; }

    /// <summary>30 days: the 复查 decision is due within this of the request (条例 Art. 35 [P†]).</summary>
    public int ReviewDecisionDays { get; }

    /// <summary>30 days: the reporter may ask for 复核 within this of the 复查 decision (条例 Art. 36 [P†]).</summary>
    public int RecheckRequestDays { get; }

    /// <summary>30 days: the 复核 decision is due within this of the request (条例 Art. 36 [P†]).</summary>
    public int RecheckDecisionDays { get; }

    /// <summary>5 working days: objection to a forwarded case outside the remit (条例 Art. 23 [P†]).</summary>
    public int OutOfRemitObjectionWorkdays { get; }

    /// <summary>True: a calendar-day period whose last day is not a working day ends on the next working day — [U], by
    /// analogy to the period rule of the Civil Procedure Law; no complaint text says so.</summary>
    public bool RollForwardToWorkday { get; }

    /// <summary>300 m: complaints sharing a top-level pollution type this close are proposed as duplicates (SmartEnv rule).</summary>
    public double DuplicateRadiusMetres { get; }

    /// <summary>7 days: duplicates are proposed only when the two complaints are at most this far apart in time
    /// (SmartEnv rule).</summary>
    public int DuplicateWindowDays { get; }

    /// <summary>2000 characters (UTF-16 code units as .NET counts them): the longest complaint text (SmartEnv rule).</summary>
    public int TextMaxChars { get; }

    /// <summary>4: photos per public submission (SmartEnv rule).</summary>
    public int PhotosMax { get; }

    /// <summary>10 MiB (10 485 760 bytes): the largest photo upload (SmartEnv rule).</summary>
    public long PhotoMaxBytes { get; }

    /// <summary>40 000 000 pixels (40 MP): the largest decoded image (SmartEnv rule, against decompression bombs).</summary>
    public long PhotoMaxPixels { get; }

    /// <summary>1600 pixels: the long edge of a stored (re-encoded) photo (SmartEnv rule).</summary>
    public int PhotoLongEdge { get; }

    /// <summary>5: public submissions per client address per hour that register a case (SmartEnv rule); a refused form
    /// counts against <see cref="PublicRefusalsPerAddressPerHour"/> instead.</summary>
    public int PublicSubmissionsPerAddressPerHour { get; }

    /// <summary>20: refused public forms per client address per hour before the form answers "too many" (SmartEnv rule).</summary>
    public int PublicRefusalsPerAddressPerHour { get; }

    /// <summary>30: query-code lookups per client address per hour (SmartEnv rule).</summary>
    public int QueryAttemptsPerAddressPerHour { get; }

    /// <summary>The figure of a period row and how it is counted.</summary>
    /// <param name="key">A period key (e.g. <c>handling.days</c>).</param>
    /// <returns>The whole number of days and the row's day kind.</returns>
    /// <exception cref="KeyNotFoundException">No such key.</exception>
    /// <exception cref="InvalidOperationException">The row is not a period (day_kind <c>-</c>).</exception>
    public (int Days, DayKind Kind) Period(string key)
    {
        var r = this[key];
        if (r.DayKind is not { } kind) throw new InvalidOperationException($"complaint rules: '{key}' is not a period");
        return ((int)r.Value, kind);
    }

    /// <summary>Reads a rules file.</summary>
    /// <param name="tsv">The file's text.</param>
    /// <exception cref="FormatException">The message names the line or key: a wrong header, a row without 6 columns, a
    /// value that is not a decimal (invariant, '.' separator), a day kind other than calendar/workday/-, a period key
    /// without a day kind or another key with one, an unknown confidence, an empty unit or source, a duplicate or
    /// unknown key, a missing required key, or a value out of its range (whole numbers for counts and periods).</exception>
    public static ComplaintRules Load(TextReader tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var text = tsv.ReadToEnd();
        var rules = new Dictionary<string, ComplaintRule>(StringComparer.Ordinal);
        var header = true;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 6) throw new FormatException($"complaint-rules line {lineNo}: {f.Length} columns, 6 expected (key value unit day_kind confidence source)");
            if (header)
            {
                if (!f.SequenceEqual(["key", "value", "unit", "day_kind", "confidence", "source"]))
                    throw new FormatException($"complaint-rules line {lineNo}: the header must be key value unit day_kind confidence source");
                header = false;
                continue;
            }
            if (!RequiredKeys.Contains(f[0])) throw new FormatException($"complaint-rules line {lineNo}: unknown key '{f[0]}'");
            if (!decimal.TryParse(f[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"complaint-rules line {lineNo}: '{f[0]}' = '{f[1]}' is not a decimal number");
            DayKind? kind = f[3] switch
            {
                "calendar" => DayKind.Calendar,
                "workday" => DayKind.Workday,
                "-" => null,
                _ => throw new FormatException($"complaint-rules line {lineNo}: day_kind '{f[3]}' is not calendar, workday or -"),
            };
            var isPeriod = f[0].EndsWith("days", StringComparison.Ordinal);
            if (isPeriod != kind.HasValue)
                throw new FormatException($"complaint-rules line {lineNo}: '{f[0]}' " + (isPeriod ? "is a period and needs day_kind calendar or workday" : "is not a period; its day_kind must be -"));
            if (!Confidences.Contains(f[4]))
                throw new FormatException($"complaint-rules line {lineNo}: confidence '{f[4]}' is not one of {string.Join(", ", Confidences)}");
            if (f[2].Length == 0 || f[5].Length == 0)
                throw new FormatException($"complaint-rules line {lineNo}: '{f[0]}' has an empty unit or source");
            if (!rules.TryAdd(f[0], new ComplaintRule(f[0], value, f[2], kind, f[4], f[5])))
                throw new FormatException($"complaint-rules line {lineNo}: key '{f[0]}' appears twice");
        }
        foreach (var k in RequiredKeys)
            if (!rules.ContainsKey(k)) throw new FormatException($"complaint-rules: required key '{k}' missing");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new ComplaintRules(rules, $"complaint-rules@{hash}");
    }

    private int Int(string key, int min, int max)
    {
        var v = _rules[key].Value;
        if (v != decimal.Truncate(v) || v < min || v > max)
            throw new FormatException($"complaint-rules: '{key}' = {v.ToString(CultureInfo.InvariantCulture)} is not a whole number {min}…{max}");
        return (int)v;
    }

    private decimal Dec(string key, decimal min, decimal max)
    {
        var v = _rules[key].Value;
        if (v < min || v > max)
            throw new FormatException($"complaint-rules: '{key}' = {v.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}…{max.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }
}
