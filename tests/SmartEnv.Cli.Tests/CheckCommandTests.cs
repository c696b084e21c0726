using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv check uscc|permit-number</c> (plan §4 rows "GB 32100" and "check CLI"). Expected check characters
/// are worked by hand in UsccTests / supervision.md §1.5; the 50 generated codes get their check character from the
/// GB 32100 formula written out here, not from the code under test.</summary>
public class CheckCommandTests
{
    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void Uscc_prints_one_object_per_code_and_exits_1_when_any_is_invalid()
    {
        var r = CliRunner.Run("", "check", "uscc", "91350100M000100Y43", "91350100M000100Y4Z");
        Assert.Equal(1, r.ExitCode);
        var rows = Lines(r.Out);
        Assert.Equal(2, rows.Count);
        Assert.Equal("91350100M000100Y43", rows[0].GetProperty("input").GetString());
        Assert.True(rows[0].GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("reason").ValueKind);
        Assert.Equal(0, rows[0].GetProperty("warnings").GetArrayLength());
        Assert.Equal("91350100M000100Y4Z", rows[1].GetProperty("input").GetString());
        Assert.False(rows[1].GetProperty("valid").GetBoolean());
        var reason = rows[1].GetProperty("reason").GetString()!;
        Assert.StartsWith("position 18: ", reason, StringComparison.Ordinal);
        Assert.Contains("expected '3'", reason, StringComparison.Ordinal); // Σ 1640, mod 31 = 28, 31 − 28 = 3
        Assert.Equal(["input", "valid", "reason", "warnings"], rows[1].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Jsonl_reads_one_code_per_line_with_the_same_output()
    {
        var args = CliRunner.Run("", "check", "uscc", "91350100M000100Y43", "91350100M000100Y4Z");
        var stdin = CliRunner.Run("\uFEFF91350100M000100Y43\r\n91350100M000100Y4Z\n", "check", "uscc", "--jsonl");
        Assert.Equal(1, stdin.ExitCode);
        Assert.Equal(args.Out, stdin.Out);
    }

    [Fact]
    public void All_valid_exits_0_and_warnings_do_not_invalidate()
    {
        // 91350100M000100Y56: GB 11714 of M000100Y is 4 (not 5) but Σ 1668 → 31 − 25 = 6 holds (UsccTests).
        var r = CliRunner.Run("", "check", "uscc", "91130200699229617X", "911302307808371268", "91350100M000100Y56");
        Assert.Equal(0, r.ExitCode);
        var rows = Lines(r.Out);
        Assert.All(rows, x => Assert.True(x.GetProperty("valid").GetBoolean()));
        var w = Assert.Single(rows[2].GetProperty("warnings").EnumerateArray());
        Assert.StartsWith("position 17: GB 11714 check of M000100Y is 4", w.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_stdin_line_is_answered_in_its_place()
    {
        var r = CliRunner.Run("91130200699229617X\n\n911302307808371268\n", "check", "uscc", "--jsonl");
        Assert.Equal(1, r.ExitCode);
        var rows = Lines(r.Out);
        Assert.Equal(3, rows.Count);
        Assert.Equal("", rows[1].GetProperty("input").GetString());
        Assert.False(rows[1].GetProperty("valid").GetBoolean());
        Assert.True(rows[2].GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("91130200699229617X001P", true, true, null)]
    [InlineData("91130200699229617X001Q", true, false, null)]
    [InlineData("91130200699229617Y001P", false, false, "expected 'X'")] // USCC part: Σ 1304 → 'X'
    [InlineData("91130200699229617X01P", false, false, "got 21")]
    public void Permit_numbers(string number, bool valid, bool letterIsP, string? reason)
    {
        var r = CliRunner.Run("", "check", "permit-number", number);
        Assert.Equal(valid ? 0 : 1, r.ExitCode);
        var row = Assert.Single(Lines(r.Out));
        Assert.Equal(number, row.GetProperty("input").GetString());
        Assert.Equal(valid, row.GetProperty("valid").GetBoolean());
        if (reason is null) Assert.Equal(JsonValueKind.Null, row.GetProperty("reason").ValueKind);
        else Assert.Contains(reason, row.GetProperty("reason").GetString(), StringComparison.Ordinal);
        if (valid)
        {
            Assert.Equal("91130200699229617X", row.GetProperty("uscc").GetString());
            Assert.Equal(1, row.GetProperty("site_sequence").GetInt32());
            Assert.Equal(letterIsP, row.GetProperty("letter_is_p").GetBoolean());
            // A letter other than P is valid and noted.
            Assert.Equal(letterIsP ? 0 : 1, row.GetProperty("warnings").GetArrayLength());
        }
        else Assert.Equal(JsonValueKind.Null, row.GetProperty("letter_is_p").ValueKind);
    }

    [Fact]
    public void Permit_numbers_from_stdin()
    {
        var r = CliRunner.Run("91130200699229617X001P\n91500105MA5U0A1661001P\n", "check", "permit-number", "--jsonl");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["91130200699229617X", "91500105MA5U0A1661"], Lines(r.Out).Select(x => x.GetProperty("uscc").GetString()));
    }

    // The filer checks held-back real codes with `check uscc --jsonl < codes.txt`: the contract (one object per line, same
    // order, valid for every real code) on 50 generated codes. Check character by the GB 32100 §5 formula written here:
    // C18 = 31 − (Σ value·3^(i−1) mod 31), 31 → 0.
    [Fact]
    public void Fifty_generated_valid_codes_are_all_valid_in_order()
    {
        const string set = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var rnd = new Random(16);
        var codes = new List<string>();
        for (var n = 0; n < 50; n++)
        {
            var c = new char[17];
            c[0] = "123456789ANY"[rnd.Next(12)];
            c[1] = set[rnd.Next(set.Length)]; // any category: unknown ones only warn
            c[2] = '5'; c[3] = '0';           // Chongqing 50xxxx
            for (var i = 4; i < 8; i++) c[i] = (char)('0' + rnd.Next(10));
            for (var i = 8; i < 17; i++) c[i] = set[rnd.Next(set.Length)]; // GB 11714 position 17 may be wrong: a warning only
            int sum = 0, w = 1;
            for (var i = 0; i < 17; i++) { sum += set.IndexOf(c[i], StringComparison.Ordinal) * w; w = w * 3 % 31; }
            var check = (31 - sum % 31) % 31;
            codes.Add(new string(c) + set[check]);
        }
        var r = CliRunner.Run(string.Join("\n", codes) + "\n", "check", "uscc", "--jsonl");
        Assert.Equal(0, r.ExitCode);
        var rows = Lines(r.Out);
        Assert.Equal(codes, rows.Select(x => x.GetProperty("input").GetString()));
        Assert.All(rows, x => Assert.True(x.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("", "check", "uscc").ExitCode);
        Assert.Equal(2, CliRunner.Run("91130200699229617X\n", "check", "uscc", "--jsonl", "91130200699229617X").ExitCode);
        Assert.Equal(2, CliRunner.Run("", "check", "permit-number").ExitCode);
    }
}
