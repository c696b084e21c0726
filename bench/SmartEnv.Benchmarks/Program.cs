using BenchmarkDotNet.Running;

namespace SmartEnv.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/SmartEnv.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line (BenchmarkDotNet switcher).</summary>
    /// <param name="args">BenchmarkDotNet arguments, e.g. <c>--filter '*Hj212*' --job short</c>.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
