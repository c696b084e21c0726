namespace SmartEnv.Cli.Tests;

/// <summary>Issue 16 P4: <c>serve --source-rules FILE</c> refuses a broken rule file before opening any store (exit 2, the
/// parser's message naming the missing key), like <c>--factor-aliases</c>.</summary>
public class ServeSourceRulesTests
{
    [Fact]
    public void A_rule_file_without_a_required_key_is_refused_naming_it()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-rules-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var rules = Path.Combine(dir, "my-rules.tsv");
            File.WriteAllText(rules, "key\tvalue\tconfidence\tsource\nflag.N.judged\ttrue\tconfirmed\tHJ 212-2017 table 8\n");
            var r = CliRunner.Run("", "serve", "--data-dir", Path.Combine(dir, "data"), "--source-rules", rules);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("error: --source-rules: my-rules.tsv: key ", r.Err);
            Assert.Contains(" is missing", r.Err);
            Assert.False(Directory.Exists(Path.Combine(dir, "data")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
