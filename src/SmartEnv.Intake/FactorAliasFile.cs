using System.Reflection;
using SmartEnv.Hj212.Codes;

namespace SmartEnv.Intake;

/// <summary>
/// The factor-alias tables of the gateway and of <c>import --format hj212-log</c> (docs/hj212.md "Factor aliases"):
/// the defaults shipped in <c>Resources/factor-aliases.tsv</c>, overridden and extended by a bureau's file. Thread-safe.
/// </summary>
public static class FactorAliasFile
{
    private static readonly Lazy<Hj212FactorAliases> DefaultTable = new(() =>
    {
        using var s = typeof(FactorAliasFile).Assembly.GetManifestResourceStream("SmartEnv.Intake.Resources.factor-aliases.tsv")
            ?? throw new InvalidOperationException("factor-aliases.tsv is not embedded");
        using var r = new StreamReader(s);
        return Hj212FactorAliases.Parse(r.ReadToEnd(), "factor-aliases.tsv (shipped)");
    });

    /// <summary>The shipped defaults.</summary>
    public static Hj212FactorAliases Defaults => DefaultTable.Value;

    /// <summary>The defaults, then the rows of <paramref name="path"/> (UTF-8 TSV) when given.</summary>
    /// <param name="path">A bureau's alias file, or null for the defaults only.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">A row is invalid (the message names file and line).</exception>
    public static Hj212FactorAliases Load(string? path) =>
        path is null ? Defaults : Defaults.Then(Hj212FactorAliases.Parse(File.ReadAllText(path), path));
}
