using System.Security.Cryptography;
using System.Text;
using SmartEnv.Cli.Commands;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Supervision.Inspections.Draw;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 19 acceptance for the command line (P5a): <c>smartenv draw run|verify|commitment|secret|explain</c> on the example
/// plan <c>docs/examples/draw-plan-2025Q1.json</c>. Same input twice → byte-identical output; one byte of the secret (with
/// its new commitment) or one list entry changed → a different result; verify → 0 on the output, 1 naming the first
/// difference after one inspector id of the result is tampered with; a wrong secret → 2 and no output file; malformed
/// JSON → 2 naming line and column. Files are written only to a temp folder, removed afterwards.
/// </summary>
public sealed class DrawCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("smartenv-draw-").FullName;

    private static string Example => Path.Combine(RepoPaths.Root, "docs", "examples", "draw-plan-2025Q1.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Temp(string name) => Path.Combine(_dir, name);

    private string WritePlan(string name, DrawPlan plan)
    {
        var p = Temp(name);
        File.WriteAllBytes(p, DrawPlanJson.WriteUtf8(plan));
        return p;
    }

    private static DrawPlan ExamplePlan() => DrawPlanJson.Read(File.ReadAllText(Example));

    private static string ResultOf(string planJson) => DrawPlanJson.Write(DrawPlanJson.Read(planJson) with
    {
        Plan = new("x", "x", "2025Q1", new DateOnly(2025, 1, 1)), Objects = [], Inspectors = [], Commitment = new(new string('0', 64), null, null),
    });

    private static void NoStackTrace(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Fact]
    public void The_example_plan_is_inputs_only_with_valid_fictional_USCCs_and_the_default_rule_version()
    {
        var plan = ExamplePlan();
        Assert.Null(plan.Result);
        Assert.NotEmpty(plan.Objects);
        foreach (var o in plan.Objects)
        {
            Assert.Null(Uscc.Check(o.Id));
            Assert.Empty(Uscc.Warnings(o.Id));
            Assert.Contains("虚构", o.Name);
        }
        Assert.Equal(DrawRules.Default.Version, plan.Rules.Version);
        Assert.Equal(DrawEngine.CommitmentHash(plan.Commitment.Secret!), plan.Commitment.Hash);
        // Every class and several grades occur, so explain shows real strata.
        Assert.Equal(3, plan.Objects.Select(o => o.Class).Distinct().Count());
        Assert.Equal(5, plan.Objects.Select(o => o.Grade).Distinct().Count());
    }

    [Fact]
    public void Run_twice_gives_byte_identical_output_on_stdout_and_in_files()
    {
        var a = CliRunner.Run("", "draw", "run", Example);
        var b = CliRunner.Run("", "draw", "run", Example);
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(a.Out, b.Out);
        Assert.Contains("抽取完成 drawn: SJ-2025Q1", a.Err);

        Assert.Equal(0, CliRunner.Run("", "draw", "run", Example, "--out", Temp("a.json")).ExitCode);
        Assert.Equal(0, CliRunner.Run("", "draw", "run", Example, "--out", Temp("b.json")).ExitCode);
        var fa = File.ReadAllBytes(Temp("a.json"));
        Assert.Equal(fa, File.ReadAllBytes(Temp("b.json")));
        // The file is exactly the canonical form (stdout adds one newline), with a result.
        Assert.Equal(fa, Encoding.UTF8.GetBytes(a.Out.TrimEnd('\n')));
        var drawn = DrawPlanJson.Read(new MemoryStream(fa));
        Assert.Equal(fa, DrawPlanJson.WriteUtf8(drawn));
        Assert.NotEmpty(drawn.Result!.Tasks);
        Assert.All(drawn.Result.Tasks, t => Assert.Equal(2, t.InspectorIds.Distinct().Count()));
        Assert.Empty(Directory.GetFiles(_dir, ".*tmp*"));
        // The documented output of the example (docs/inspections.md "Command line"): pins the whole algorithm end to end.
        Assert.Equal("2e5adc397531e498390a74c9e1f7b097e983a89af65034dbb4b52ef8e8fde60c", Convert.ToHexStringLower(SHA256.HashData(fa)));
    }

    [Fact]
    public void One_byte_of_the_secret_with_its_commitment_changes_the_result()
    {
        var plan = ExamplePlan();
        var s = plan.Commitment.Secret!;
        var secret2 = s[..^2] + (s[^2..] == "00" ? "01" : "00");
        var changed = plan with { Commitment = plan.Commitment with { Secret = secret2, Hash = DrawEngine.CommitmentHash(secret2) } };
        var a = CliRunner.Run("", "draw", "run", Example);
        var b = CliRunner.Run("", "draw", "run", WritePlan("secret.json", changed));
        Assert.Equal(0, b.ExitCode);
        Assert.NotEqual(ResultOf(a.Out), ResultOf(b.Out));
    }

    [Fact]
    public void One_list_entry_changed_changes_the_result()
    {
        var plan = ExamplePlan();
        var a = ResultOf(CliRunner.Run("", "draw", "run", Example).Out);
        // One object's name (a character), one inspector's department: each is a list entry of the published input.
        var renamed = plan with { Objects = [.. plan.Objects.Select((o, i) => i == 5 ? o with { Name = o.Name + "。" } : o)] };
        var moved = plan with { Inspectors = [.. plan.Inspectors.Select((x, i) => i == 3 ? x with { Department = "执法三队" } : x)] };
        foreach (var (name, p) in new[] { ("renamed.json", renamed), ("moved.json", moved) })
        {
            var r = CliRunner.Run("", "draw", "run", WritePlan(name, p));
            Assert.Equal(0, r.ExitCode);
            Assert.NotEqual(a, ResultOf(r.Out));
        }
    }

    [Fact]
    public void Verify_exits_0_on_the_output_and_1_naming_the_first_difference_after_one_inspector_id_is_tampered_with()
    {
        var published = Temp("published.json");
        Assert.Equal(0, CliRunner.Run("", "draw", "run", Example, "--out", published).ExitCode);
        var ok = CliRunner.Run("", "draw", "verify", published);
        Assert.Equal(0, ok.ExitCode);
        Assert.StartsWith(DrawCommand.Identical + "\n", ok.Out);
        Assert.Equal("", ok.Err);

        // Change the second inspector id of the third task in the published text, to one that is not on the task.
        var text = File.ReadAllText(published);
        var plan = DrawPlanJson.Read(text);
        var task = plan.Result!.Tasks[2];
        var replacement = plan.Inspectors.Select(i => i.Id).First(id => !task.InspectorIds.Contains(id));
        var anchor = $"{{\"object\":\"{task.ObjectId}\",\"mode\":";
        var at = text.IndexOf(anchor, StringComparison.Ordinal);
        var idAt = text.IndexOf($"\"{task.InspectorIds[1]}\"", at, StringComparison.Ordinal);
        var tampered = text[..(idAt + 1)] + replacement + text[(idAt + 1 + task.InspectorIds[1].Length)..];
        File.WriteAllText(Temp("tampered.json"), tampered);

        var bad = CliRunner.Run("", "draw", "verify", Temp("tampered.json"));
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith(DrawCommand.NotIdentical + "\n", bad.Out);
        Assert.Contains("task 3, result.tasks[2].inspectors", bad.Out);
        Assert.Contains($"inspectors published [{task.InspectorIds[0]}, {replacement}], recomputed [{task.InspectorIds[0]}, {task.InspectorIds[1]}]", bad.Out);
        NoStackTrace(bad);

        // A published secret that does not open the commitment does not verify either (exit 1, named).
        var wrong = plan with { Commitment = plan.Commitment with { Secret = new string('a', 64) } };
        var w = CliRunner.Run("", "draw", "verify", WritePlan("wrong-secret-published.json", wrong));
        Assert.Equal(1, w.ExitCode);
        Assert.Contains("commitment", w.Out);

        // A plan with no result cannot be verified: exit 2.
        var none = CliRunner.Run("", "draw", "verify", Example);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no published result", none.Err);
    }

    [Fact]
    public void A_wrong_secret_exits_2_with_a_clear_message_and_writes_nothing()
    {
        var plan = ExamplePlan();
        var s = plan.Commitment.Secret!;
        var wrong = plan with { Commitment = plan.Commitment with { Secret = s[..^2] + (s[^2..] == "00" ? "01" : "00") } };
        var input = WritePlan("wrong.json", wrong);
        var output = Temp("out.json");
        var r = CliRunner.Run("", "draw", "run", input, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("秘密值与公布的承诺值不符", r.Err);
        Assert.Contains("the secret does not match the published commitment", r.Err);
        Assert.False(File.Exists(output));
        Assert.Equal(["wrong.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        NoStackTrace(r);

        // To stdout: nothing on stdout either.
        var r2 = CliRunner.Run("", "draw", "run", input);
        Assert.Equal(2, r2.ExitCode);
        Assert.Equal("", r2.Out);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("run")]
    [InlineData("explain")]
    public void Malformed_JSON_exits_2_naming_line_and_column(string sub)
    {
        // Line 3 of the example ("    "id": "SJ-2025Q1",") with its comma removed: the reader stops at the next property.
        var lines = File.ReadAllText(Example).Split('\n');
        Assert.Equal("    \"id\": \"SJ-2025Q1\",", lines[2]);
        lines[2] = lines[2].TrimEnd(',');
        File.WriteAllText(Temp("broken.json"), string.Join('\n', lines));
        var r = CliRunner.Run("", "draw", sub, Temp("broken.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("计划文件格式错误 malformed plan file", r.Err);
        Assert.Contains("not valid JSON at line 4, column 5", r.Err);
        Assert.DoesNotContain("LineNumber", r.Err);
        NoStackTrace(r);
    }

    [Fact]
    public void A_plan_that_is_JSON_but_not_a_plan_exits_2_naming_the_path_and_a_missing_file_exits_2()
    {
        var text = File.ReadAllText(Example).Replace("\"class\": \"special\"", "\"class\": \"speciall\"");
        File.WriteAllText(Temp("schema.json"), text);
        var r = CliRunner.Run("", "draw", "verify", Temp("schema.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("objects[8].class 'speciall'", r.Err);
        NoStackTrace(r);

        var missing = CliRunner.Run("", "draw", "run", Temp("nope.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("无法读取计划文件 cannot read the plan file", missing.Err);
        NoStackTrace(missing);

        File.WriteAllBytes(Temp("latin1.json"), [.. Encoding.UTF8.GetBytes("{\"plan\":\""), 0xE9, .. "\"}"u8.ToArray()]);
        var notUtf8 = CliRunner.Run("", "draw", "run", Temp("latin1.json"));
        Assert.Equal(2, notUtf8.ExitCode);
        Assert.Contains("not valid UTF-8", notUtf8.Err);
    }

    [Fact]
    public void Run_reads_standard_input_with_a_dash()
    {
        var fromFile = CliRunner.Run("", "draw", "run", Example);
        var fromStdin = CliRunner.RunBytes(File.ReadAllBytes(Example), "draw", "run", "-");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal(fromFile.Out, fromStdin.Out);
    }

    [Fact]
    public void Commitment_prints_the_sha256_of_the_secret_bytes()
    {
        // docs/inspections.md worked example 1: secret = bytes 00 01 … 1f.
        var secret = Convert.ToHexStringLower([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var r = CliRunner.Run("", "draw", "commitment", secret);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd\n", r.Out);
        Assert.Equal(r.Out, CliRunner.Run("", "draw", "commit-hash", secret).Out);
        Assert.Equal(ExamplePlan().Commitment.Hash + "\n", CliRunner.Run("", "draw", "commitment", ExamplePlan().Commitment.Secret!).Out);

        foreach (var bad in new[] { secret.ToUpperInvariant(), secret[..^1], "00ff", "xyz0" })
        {
            var e = CliRunner.Run("", "draw", "commitment", bad);
            Assert.Equal(2, e.ExitCode);
            Assert.Equal("", e.Out);
            Assert.StartsWith("错误 error: ", e.Err);
        }
    }

    [Fact]
    public void Secret_prints_32_fresh_random_bytes_whose_commitment_works()
    {
        var a = CliRunner.Run("", "draw", "secret");
        var b = CliRunner.Run("", "draw", "secret");
        Assert.Equal(0, a.ExitCode);
        Assert.Matches("^[0-9a-f]{64}\n$", a.Out);
        Assert.NotEqual(a.Out, b.Out);
        var s = a.Out.Trim();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(s))) + "\n", CliRunner.Run("", "draw", "commitment", s).Out);
    }

    [Fact]
    public void Explain_prints_version_multipliers_and_the_count_of_every_stratum()
    {
        var plan = ExamplePlan();
        var r = CliRunner.Run("", "draw", "explain", Example);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"规则版本 rule version: {plan.Rules.Version}", r.Out);
        Assert.Contains("信用等级系数 grade multipliers: 诚信 honest 0.5, 良好 good 1, 警示 warning 1.5, 不良 bad 2, 未评价 none 1", r.Out);
        var strata = DrawEngine.Explain(plan);
        foreach (var s in strata)
            Assert.Contains($"N = {s.N}, m = {s.M}; {s.Rule}", r.Out);
        Assert.Contains($"合计 total: {strata.Sum(s => s.M)} 项任务 tasks", r.Out);
        // The explained total is the number of tasks the draw makes.
        var drawn = DrawPlanJson.Read(CliRunner.Run("", "draw", "run", Example).Out);
        Assert.Equal(strata.Sum(s => s.M), drawn.Result!.Tasks.Count);
    }

    [Fact]
    public void Too_few_eligible_inspectors_exits_2_naming_the_object()
    {
        var plan = ExamplePlan();
        // Every inspector but the first declares a conflict with every key object: the first key task has one eligible
        // inspector, two are needed.
        var keys = plan.Objects.Where(o => o.Class == ObjectClass.Key).Select(o => o.Id).ToList();
        var blocked = plan with { Inspectors = [.. plan.Inspectors.Select((x, i) => i == 0 ? x : x with { Conflicts = [.. x.Conflicts, .. keys] })] };
        var r = CliRunner.Run("", "draw", "run", WritePlan("blocked.json", blocked), "--out", Temp("never.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("可选执法人员不足", r.Err);
        Assert.Contains("too few eligible inspectors for 91500105", r.Err);
        Assert.False(File.Exists(Temp("never.json")));
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("run")]
    [InlineData("commitment")]
    public void A_usage_error_under_draw_exits_2_never_1(string sub)
    {
        Assert.Equal(2, CliRunner.Run("", "draw", sub).ExitCode);
        Assert.Equal(2, CliRunner.Run("", "draw", sub, "a", "b", "--nope").ExitCode);
    }
}
