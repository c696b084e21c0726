using System.Xml.Linq;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// The layering of README "Layout", read from the project files: pure libraries reference no store and no job; the
/// gateway is transport only; only the composition root and the front ends above it reference the gateway.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> References = Directory
        .GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
        .ToDictionary(
            p => Path.GetFileNameWithoutExtension(p),
            p => XDocument.Load(p).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray());

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(References[project]);
        while (todo.TryPop(out var p))
            if (seen.Add(p)) foreach (var r in References[p]) todo.Push(r);
        return seen;
    }

    [Theory]
    [InlineData("SmartEnv.Standards")]
    [InlineData("SmartEnv.Hj212")]
    [InlineData("SmartEnv.Ingestion")]
    [InlineData("SmartEnv.Planning")]
    [InlineData("SmartEnv.Supervision")]
    [InlineData("SmartEnv.Verification")] // issue 22: pure recomputation of published figures
    [InlineData("SmartEnv.Verification.Files")] // issue 22: its readers and Excel report stand on pure libraries only (no store)
    public void Pure_libraries_reference_only_pure_libraries(string project)
    {
        string[] pure = ["SmartEnv.Standards", "SmartEnv.Hj212", "SmartEnv.Ingestion", "SmartEnv.Planning", "SmartEnv.Supervision", "SmartEnv.Verification"];
        Assert.All(Closure(project), r => Assert.Contains(r, pure));
    }

    [Fact]
    public void The_gateway_is_transport_only_and_only_the_host_references_it()
    {
        Assert.Equal(["SmartEnv.Hj212", "SmartEnv.Telemetry"], References["SmartEnv.Gateway"]);
        Assert.Empty(References["SmartEnv.Telemetry"]); // instruments and event ids only (issue 15)
        var direct = References.Where(kv => kv.Value.Contains("SmartEnv.Gateway")).Select(kv => kv.Key).ToArray();
        Assert.Equal(["SmartEnv.Host"], direct);
    }

    [Theory]
    [InlineData("SmartEnv.Intake")]
    [InlineData("SmartEnv.Imports")]
    [InlineData("SmartEnv.Evaluation")]
    [InlineData("SmartEnv.Alerts")]
    [InlineData("SmartEnv.PlanTracking")]
    [InlineData("SmartEnv.Simulation")]
    [InlineData("SmartEnv.Accounts")]
    [InlineData("SmartEnv.Sources")]
    [InlineData("SmartEnv.Compliance")]
    [InlineData("SmartEnv.Waste")]
    [InlineData("SmartEnv.Complaints")]
    [InlineData("SmartEnv.Inspections")]
    [InlineData("SmartEnv.Credit")]
    [InlineData("SmartEnv.Construction")]
    [InlineData("SmartEnv.Drainage")]
    [InlineData("SmartEnv.Emergency")]
    [InlineData("SmartEnv.Scheduling")]
    [InlineData("SmartEnv.Web")]
    public void Jobs_and_the_web_do_not_reach_the_transport_or_the_composition_root(string project)
    {
        var closure = Closure(project);
        Assert.DoesNotContain("SmartEnv.Gateway", closure);
        Assert.DoesNotContain("SmartEnv.Host", closure);
        Assert.DoesNotContain("SmartEnv.Cli", closure);
    }

    [Fact]
    public void Accounts_stand_on_the_store_only()
    {
        Assert.Equal(["SmartEnv.Storage"], References["SmartEnv.Accounts"]);
    }

    [Theory]
    [InlineData("SmartEnv.Sources")]
    [InlineData("SmartEnv.Compliance")]
    [InlineData("SmartEnv.Waste")]
    [InlineData("SmartEnv.Complaints")]
    [InlineData("SmartEnv.Inspections")]
    [InlineData("SmartEnv.Credit")]
    [InlineData("SmartEnv.Construction")]
    [InlineData("SmartEnv.Drainage")]
    [InlineData("SmartEnv.Emergency")]
    public void Supervision_jobs_stand_on_their_rules_and_the_store(string project)
    {
        // A job module may also put a job on the platform scheduler (issue 20: construction-monthly-review).
        Assert.Equal(["SmartEnv.Standards", "SmartEnv.Storage", "SmartEnv.Supervision"],
            References[project].Where(r => r != "SmartEnv.Scheduling").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_scheduler_stands_on_the_store_only()
    {
        // The platform scheduler (issue 20) knows no module: jobs reference it, never the other way round.
        Assert.Equal(["SmartEnv.Standards", "SmartEnv.Storage"], References["SmartEnv.Scheduling"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void There_is_no_grab_bag_project()
    {
        Assert.False(References.ContainsKey("SmartEnv.Pipeline"));
    }
}
