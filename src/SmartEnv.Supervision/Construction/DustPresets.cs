using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartEnv.Standards.Common;

namespace SmartEnv.Supervision.Construction;

/// <summary>Particulate parameter a construction-site dust threshold applies to. Stored snake-case (<c>pm10</c>, <c>tsp</c>,
/// <c>pm25</c>). Thread-safe (an enum).</summary>
public enum DustParameter
{
    /// <summary>PM10, HJ 212 factor code <c>a34002</c>.</summary>
    Pm10,
    /// <summary>Total suspended particulate TSP, HJ 212 factor code <c>a34001</c>.</summary>
    Tsp,
    /// <summary>PM2.5, HJ 212 factor code <c>a34004</c>.</summary>
    Pm25,
}

/// <summary>Construction phase (施工阶段) of a site: 土方 earthwork, 基础 foundation, 主体 structure, 装饰 decoration. Some
/// presets depend on it (Shaanxi DB61/1078-2017). Thread-safe (an enum).</summary>
public enum ConstructionPhase
{
    /// <summary>土方 earthwork.</summary>
    Earthwork,
    /// <summary>基础 foundation.</summary>
    Foundation,
    /// <summary>主体 main structure.</summary>
    Structure,
    /// <summary>装饰 decoration / fitting out.</summary>
    Decoration,
}

/// <summary>Helpers for <see cref="DustParameter"/>. Thread-safe (static, stateless).</summary>
public static class DustParameters
{
    /// <summary>The HJ 212-2017 App. B factor code of <paramref name="p"/> (a34002 PM10, a34001 TSP, a34004 PM2.5).</summary>
    /// <param name="p">A parameter.</param>
    public static string FactorCode(DustParameter p) => p switch
    {
        DustParameter.Pm10 => "a34002",
        DustParameter.Tsp => "a34001",
        _ => "a34004",
    };

    /// <summary>The parameter of an HJ 212 factor code, or null for any other code.</summary>
    /// <param name="code">A factor code as stored.</param>
    public static DustParameter? OfFactorCode(string? code) => code switch
    {
        "a34002" => DustParameter.Pm10,
        "a34001" => DustParameter.Tsp,
        "a34004" => DustParameter.Pm25,
        _ => null,
    };
}

/// <summary>One row of <c>construction-dust-presets.tsv</c>: another province's numeric dust limit, kept as a reference a
/// site's threshold may be copied from (外省参考) — never a Chongqing standard. Immutable; thread-safe.</summary>
/// <param name="Preset">Preset key, e.g. <c>hebei-db13-2934-2019</c>.</param>
/// <param name="Parameter">The parameter limited.</param>
/// <param name="Phase">The phase the row applies to, or null for every phase.</param>
/// <param name="LimitUgM3">The limit converted to μg/m³ (the unit thresholds are stored and compared in).</param>
/// <param name="LimitAsWritten">The limit as the source writes it, e.g. <c>0.8 mg/m³</c>.</param>
/// <param name="Averaging">The source's averaging time (<c>hour</c>, <c>5min</c>); the platform compares hourly means.</param>
/// <param name="Confidence">Confidence label (all shipped rows: U).</param>
/// <param name="Source">The standard and where the figure was read.</param>
public sealed record DustPreset(string Preset, DustParameter Parameter, ConstructionPhase? Phase, decimal LimitUgM3, string LimitAsWritten,
    string Averaging, string Confidence, string Source);

/// <summary>
/// The dust threshold presets of <c>Resources/construction-dust-presets.tsv</c> (embedded as
/// <c>SmartEnv.Supervision.Resources.construction-dust-presets.tsv</c>; supervision.md §9). Chongqing has no numeric dust
/// limit [U], so a site's thresholds are its own configuration; a preset only fills them. File format: UTF-8,
/// tab-separated, header <c>preset parameter phase limit unit averaging confidence source</c>; <c>#</c> and blank lines
/// ignored. Immutable; thread-safe.
/// </summary>
public sealed class DustPresets
{
    private static readonly Lazy<DustPresets> DefaultLazy = new(() => Load(RuleFiles.Open("construction-dust-presets.tsv")));

    private DustPresets(IReadOnlyList<DustPreset> rows, string version)
    {
        Rows = rows;
        Version = version;
    }

    /// <summary>The embedded presets.</summary>
    public static DustPresets Default => DefaultLazy.Value;

    /// <summary>Every row in file order.</summary>
    public IReadOnlyList<DustPreset> Rows { get; }

    /// <summary><c>construction-dust-presets@</c> + 8 hex digits of the SHA-256 of the file text.</summary>
    public string Version { get; }

    /// <summary>Distinct preset keys in file order.</summary>
    public IReadOnlyList<string> Keys => [.. Rows.Select(r => r.Preset).Distinct(StringComparer.Ordinal)];

    /// <summary>The thresholds a preset gives a site in <paramref name="phase"/>: per parameter the row of that phase, else
    /// the row for every phase. Empty when the preset has no row for the phase.</summary>
    /// <param name="preset">A key of <see cref="Keys"/>.</param>
    /// <param name="phase">The site's phase.</param>
    /// <exception cref="KeyNotFoundException">Unknown preset.</exception>
    public IReadOnlyList<DustPreset> For(string preset, ConstructionPhase phase)
    {
        var rows = Rows.Where(r => r.Preset == preset).ToList();
        if (rows.Count == 0) throw new KeyNotFoundException($"dust preset '{preset}' is not in construction-dust-presets.tsv");
        return [.. rows.GroupBy(r => r.Parameter).Select(g => g.FirstOrDefault(r => r.Phase == phase) ?? g.FirstOrDefault(r => r.Phase is null))
            .Where(r => r is not null).Select(r => r!)];
    }

    /// <summary>Parses a presets file.</summary>
    /// <param name="reader">The file text.</param>
    /// <exception cref="FormatException">A malformed row (the message names the line).</exception>
    public static DustPresets Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        var rows = new List<DustPreset>();
        var header = false;
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            if (!header)
            {
                if (string.Join('\t', c) != "preset\tparameter\tphase\tlimit\tunit\taveraging\tconfidence\tsource") throw new FormatException($"line {n}: unexpected header");
                header = true;
                continue;
            }
            if (c.Length != 8) throw new FormatException($"line {n}: 8 columns expected, got {c.Length}");
            var parameter = c[1] switch { "pm10" => DustParameter.Pm10, "tsp" => DustParameter.Tsp, "pm25" => DustParameter.Pm25, _ => throw new FormatException($"line {n}: parameter '{c[1]}'") };
            ConstructionPhase? phase = c[2] switch
            {
                "all" => null, "earthwork" => ConstructionPhase.Earthwork, "foundation" => ConstructionPhase.Foundation,
                "structure" => ConstructionPhase.Structure, "decoration" => ConstructionPhase.Decoration,
                _ => throw new FormatException($"line {n}: phase '{c[2]}'"),
            };
            if (!decimal.TryParse(c[3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var limit) || limit <= 0)
                throw new FormatException($"line {n}: limit '{c[3]}'");
            if (!MeasurementUnit.TryParse(c[4], out var unit) || !unit.IsCompatibleWith(MeasurementUnit.MicrogramPerCubicMetre))
                throw new FormatException($"line {n}: unit '{c[4]}' is not a mass concentration in air");
            if (c[6] is not ("S" or "U" or "P")) throw new FormatException($"line {n}: confidence '{c[6]}'");
            rows.Add(new DustPreset(c[0], parameter, phase, unit.ConvertTo(limit, MeasurementUnit.MicrogramPerCubicMetre), c[3] + " " + unit.Symbol, c[5], c[6], c[7]));
        }
        if (!header) throw new FormatException("no header");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new DustPresets(rows, "construction-dust-presets@" + hash);
    }
}

/// <summary>Opens the embedded rule files. Thread-safe (static).</summary>
internal static class RuleFiles
{
    internal static StringReader Open(string file)
    {
        var name = "SmartEnv.Supervision.Resources." + file;
        using var s = typeof(RuleFiles).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return new StringReader(r.ReadToEnd());
    }
}
