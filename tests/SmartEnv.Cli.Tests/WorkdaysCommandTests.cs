using System.Text.Json;

namespace SmartEnv.Cli.Tests;

/// <summary><c>smartenv workdays add|between</c> and <c>smartenv hw code</c> (issue 17 P1). Dates counted by hand from the
/// State Council notices (see tests/SmartEnv.Supervision.Tests/Calendar/WorkdayCalendarTests.cs).</summary>
public class WorkdaysCommandTests
{
    // Issue 17 acceptance: 〔2023〕7号 — 10-01…10-07 off, Sat 10-12 worked; from Mon 09-30: 10-08, 09, 10, 11, 12.
    [Fact]
    public void Add_2024_09_30_5_prints_2024_10_12()
    {
        var r = CliRunner.Run("", "workdays", "add", "2024-09-30", "5");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2024-10-12\n", r.Out);
        Assert.Equal("", r.Err);
    }

    // 2020: 〔2020〕1号 extended 春节 to 02-02, Sat 02-01 not worked: Thu 01-23 + 3 → Mon 02-03, 02-04, Wed 02-05.
    [Fact]
    public void Add_follows_the_2020_extension() => Assert.Equal("2020-02-05\n", CliRunner.Run("", "workdays", "add", "2020-01-23", "3").Out);

    [Fact]
    public void Between_counts_days_after_A_up_to_B()
    {
        Assert.Equal("5\n", CliRunner.Run("", "workdays", "between", "2024-09-30", "2024-10-12").Out);
        Assert.Equal("0\n", CliRunner.Run("", "workdays", "between", "2024-10-12", "2024-09-30").Out);
        // 2024: 262 weekdays − 19 weekday holidays + 8 weekend days worked = 251 (worked in WorkdayCalendarTests).
        Assert.Equal("251\n", CliRunner.Run("", "workdays", "between", "2023-12-31", "2024-12-31").Out);
    }

    [Fact]
    public void A_year_beyond_the_table_exits_1_with_a_clear_message()
    {
        var r = CliRunner.Run("", "workdays", "add", "2026-12-29", "5");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("no holiday notice loaded for 2027", r.Err);
        Assert.Contains("2019–2026", r.Err);
        var before = CliRunner.Run("", "workdays", "between", "2018-12-01", "2019-01-10");
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("no holiday notice loaded for 2018", before.Err);
    }

    [Theory]
    [InlineData("add", "2024/09/30", "5", "yyyy-MM-dd")]
    [InlineData("add", "2024-09-30", "0", "≥ 1")]
    [InlineData("add", "2024-09-30", "-1", "≥ 1")]
    [InlineData("add", "2024-09-30", "x", "≥ 1")]
    [InlineData("between", "2024-09-30", "tomorrow", "yyyy-MM-dd")]
    public void Bad_input_is_a_usage_error(string sub, string a, string b, string part)
    {
        var r = CliRunner.Run("", "workdays", sub, a, b);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(part, r.Err);
    }

    [Fact]
    public void Hw_code_prints_the_entries_as_json()
    {
        var r = CliRunner.Run("", "hw", "code", "900-041-49", "900-249-08", "900-000-08", "--version", "2021");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        // hw-codes.tsv row 900-041-49: HW49 其他废物, 非特定行业, hazard T/In ("/": one or more of them).
        Assert.Equal(("900-041-49", "HW49", "其他废物", "T/In", "any_of"),
            (lines[0].GetProperty("code").GetString(), lines[0].GetProperty("category").GetString(), lines[0].GetProperty("category_name_zh").GetString(),
             lines[0].GetProperty("hazard").GetString(), lines[0].GetProperty("hazard_join").GetString()));
        Assert.Equal("含有或沾染毒性、感染性危险废物的废弃包装物、容器、过滤吸附介质", lines[0].GetProperty("description_zh").GetString());
        Assert.Equal(["毒性", "感染性"], lines[0].GetProperty("hazard_items_zh").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(lines[0].GetProperty("hazard_certain").EnumerateArray());
        // 900-249-08: T，I ("，": has T, may have I).
        Assert.Equal(("first_certain", "T"), (lines[1].GetProperty("hazard_join").GetString(), lines[1].GetProperty("hazard_certain")[0].GetString()));
        Assert.True(lines[2].GetProperty("unlisted").GetBoolean());
        Assert.Equal("废矿物油与含矿物油废物", lines[2].GetProperty("category_name_zh").GetString());
        Assert.Equal("2021", lines[2].GetProperty("list_version").GetString());
    }

    [Fact]
    public void Hw_code_refuses_bad_codes_with_the_reason_and_exit_1()
    {
        var r = CliRunner.Run("", "hw", "code", "900-041-49", "90004149", "900-000-42", "900-040-49");
        Assert.Equal(1, r.ExitCode);
        var lines = r.Out.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("900-041-49", lines[0].GetProperty("code").GetString());
        Assert.Contains("write it as 900-041-49", lines[1].GetProperty("error").GetString());
        Assert.Contains("category HW42 does not exist", lines[2].GetProperty("error").GetString());
        Assert.Contains("not listed in the 2021 list", lines[3].GetProperty("error").GetString());
        Assert.Contains("90004149: ", r.Err);
        Assert.Contains("list version '2025' is not loaded", CliRunner.Run("", "hw", "code", "900-041-49", "--version", "2025").Out);
    }
}
