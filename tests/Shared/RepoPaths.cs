namespace SmartEnv.Tests;

/// <summary>
/// Locates the repository root and the workplace's <c>shared/</c> folder (reference tables and real data) from a test.
/// <c>shared/</c> sits beside the clone (<c>../shared</c>); <c>SMARTENV_SHARED</c> overrides it.
/// </summary>
public static class RepoPaths
{
    /// <summary>The folder holding <c>SmartEnv.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>shared/</c> folder (reference/, data/, seed/).</summary>
    public static string Shared { get; } = FindShared();

    /// <summary>A path below <c>shared/</c>, e.g. <c>Shared("reference/aqi-vectors.tsv")</c>; fails the test if it is absent.</summary>
    public static string SharedFile(string relative)
    {
        var p = Path.Combine(Shared, relative);
        if (!File.Exists(p) && !Directory.Exists(p))
            throw new FileNotFoundException($"shared file not found: {p} (set SMARTENV_SHARED to the shared/ folder)", p);
        return p;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartEnv.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SmartEnv.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("SMARTENV_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        var candidate = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        if (Directory.Exists(candidate)) return candidate;
        // Worktrees live one level deeper (e.g. /work/wt/NAME): walk up until a shared/ sibling appears.
        var dir = new DirectoryInfo(Root).Parent;
        while (dir is not null)
        {
            var s = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(s, "reference"))) return s;
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException($"shared/ not found beside {Root}; set SMARTENV_SHARED");
    }
}
