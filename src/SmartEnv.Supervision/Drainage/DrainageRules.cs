using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartEnv.Supervision.Drainage;

/// <summary>One row of <c>drainage-rules.tsv</c>.</summary>
/// <param name="Kind">type, river, status, code or target.</param>
/// <param name="Key">Stable ASCII key (stored in the database).</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Value">Value (code format regex, target figure) or empty.</param>
/// <param name="Confidence">P, S, U or SmartEnv.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record DrainageRule(string Kind, string Key, string NameZh, string Value, string Confidence, string Source);

/// <summary>整治 progress of a set of outlets (plan target: all 整治 and 规范化 by <see cref="DrainageRules.TargetYear"/>).</summary>
/// <param name="Total">Outlets counted.</param>
/// <param name="Untreated">未整治.</param>
/// <param name="InProgress">整治中.</param>
/// <param name="Treated">已整治 (not yet 规范化).</param>
/// <param name="Normalized">已规范化.</param>
public sealed record DrainageProgress(int Total, int Untreated, int InProgress, int Treated, int Normalized)
{
    /// <summary>Outlets whose 整治 is done (已整治 + 已规范化).</summary>
    public int Done => Treated + Normalized;

    /// <summary>Share done in percent, one decimal, half away from zero; null without outlets.</summary>
    public decimal? DonePercent => Total == 0 ? null : Math.Round(100m * Done / Total, 1, MidpointRounding.AwayFromZero);

    /// <summary>Share 规范化 in percent (the plan's end state), one decimal; null without outlets.</summary>
    public decimal? NormalizedPercent => Total == 0 ? null : Math.Round(100m * Normalized / Total, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The rules of 入河排水口 (issue 20 part A; docs/drainage.md): outlet types, receiving waters the plan names, the 整治
/// status ladder, the code format and the plan target, all rows of the embedded <c>drainage-rules.tsv</c> with confidence
/// and source (no rule in code). Code format: a regular expression of the table (a SmartEnv format until an official
/// coding rule is read); uniqueness is the registry's. Immutable; thread-safe.
/// </summary>
public sealed class DrainageRules
{
    /// <summary>Status keys in ladder order.</summary>
    public const string Untreated = "untreated", InProgress = "in_progress", Treated = "treated", Normalized = "normalized";

    private static readonly Lazy<DrainageRules> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.drainage-rules.tsv";
        using var s = typeof(DrainageRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    /// <summary>The embedded rules.</summary>
    public static DrainageRules Default => DefaultLazy.Value;

    private DrainageRules(IReadOnlyList<DrainageRule> rows, string version)
    {
        Rows = rows;
        Version = version;
        Types = [.. rows.Where(r => r.Kind == "type")];
        Rivers = [.. rows.Where(r => r.Kind == "river")];
        Statuses = [.. rows.Where(r => r.Kind == "status")];
        var format = rows.SingleOrDefault(r => r.Kind == "code" && r.Key == "format")?.Value
            ?? throw new FormatException("drainage rules: no code/format row");
        CodeFormat = new Regex(format, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        TargetYear = int.Parse(rows.Single(r => r.Kind == "target" && r.Key == "year").Value, CultureInfo.InvariantCulture);
        if (!Statuses.Select(s => s.Key).SequenceEqual([Untreated, InProgress, Treated, Normalized]))
            throw new FormatException("drainage rules: status rows must be untreated, in_progress, treated, normalized in that order");
    }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<DrainageRule> Rows { get; }

    /// <summary><c>drainage-rules@</c> and the first 8 hex digits of the file's SHA-256.</summary>
    public string Version { get; }

    /// <summary>Outlet types.</summary>
    public IReadOnlyList<DrainageRule> Types { get; }

    /// <summary>Receiving waters (the plan's named rivers, then 其他水体).</summary>
    public IReadOnlyList<DrainageRule> Rivers { get; }

    /// <summary>整治 statuses in ladder order.</summary>
    public IReadOnlyList<DrainageRule> Statuses { get; }

    /// <summary>The code format.</summary>
    public Regex CodeFormat { get; }

    /// <summary>The plan's year for all outlets 整治 and 规范化 (PLAN line 414).</summary>
    public int TargetYear { get; }

    /// <summary>Parses a rules file (format of the embedded table).</summary>
    /// <param name="reader">The file.</param>
    /// <exception cref="FormatException">A bad row, a duplicate key, an unknown confidence, a missing row.</exception>
    public static DrainageRules Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        var rows = new List<DrainageRule>();
        var seen = new HashSet<(string, string)>();
        var lineNo = 0;
        var header = false;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            if (!header) { header = true; continue; }
            if (f.Length != 6) throw new FormatException($"drainage rules line {lineNo}: 6 columns expected, got {f.Length}");
            if (f[0] is not ("type" or "river" or "status" or "code" or "target")) throw new FormatException($"drainage rules line {lineNo}: unknown kind '{f[0]}'");
            if (f[4] is not ("P" or "S" or "U" or "SmartEnv")) throw new FormatException($"drainage rules line {lineNo}: unknown confidence '{f[4]}'");
            if (!seen.Add((f[0], f[1]))) throw new FormatException($"drainage rules line {lineNo}: duplicate {f[0]} {f[1]}");
            rows.Add(new DrainageRule(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new DrainageRules(rows, "drainage-rules@" + sha);
    }

    /// <summary>The type row of a key or Chinese name (trimmed), or null.</summary>
    /// <param name="keyOrName">e.g. <c>wwtp</c> or <c>城镇污水处理厂排污口</c>.</param>
    public DrainageRule? FindType(string? keyOrName) => Find(Types, keyOrName);

    /// <summary>The river row of a key or Chinese name (trimmed), or null.</summary>
    /// <param name="keyOrName">e.g. <c>panxi</c> or <c>盘溪河</c>.</param>
    public DrainageRule? FindRiver(string? keyOrName) => Find(Rivers, keyOrName);

    /// <summary>The status row of a key or Chinese name (trimmed), or null.</summary>
    /// <param name="keyOrName">e.g. <c>treated</c> or <c>已整治</c>.</param>
    public DrainageRule? FindStatus(string? keyOrName) => Find(Statuses, keyOrName);

    private static DrainageRule? Find(IReadOnlyList<DrainageRule> rows, string? keyOrName)
    {
        var s = keyOrName?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        return rows.FirstOrDefault(r => r.Key == s || r.NameZh == s);
    }

    /// <summary>Why a code is not valid by the format (null when it is). Uniqueness is checked by the registry.</summary>
    /// <param name="code">The code as given (not trimmed: surrounding spaces are an error).</param>
    public string? CodeError(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "code is required";
        return CodeFormat.IsMatch(code) ? null : $"code '{code}' does not match the format {CodeFormat} (drainage-rules.tsv code/format)";
    }

    /// <summary>Counts outlets by status key.</summary>
    /// <param name="statusKeys">One status key per outlet.</param>
    /// <exception cref="ArgumentException">A key that is no status.</exception>
    public DrainageProgress Progress(IEnumerable<string> statusKeys)
    {
        ArgumentNullException.ThrowIfNull(statusKeys);
        int u = 0, i = 0, t = 0, n = 0;
        foreach (var k in statusKeys)
        {
            switch (k)
            {
                case Untreated: u++; break;
                case InProgress: i++; break;
                case Treated: t++; break;
                case Normalized: n++; break;
                default: throw new ArgumentException($"'{k}' is no 整治 status", nameof(statusKeys));
            }
        }
        return new DrainageProgress(u + i + t + n, u, i, t, n);
    }
}
