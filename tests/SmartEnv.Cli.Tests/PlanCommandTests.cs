using System.Text.Json;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

public class PlanCommandTests
{
    private static string Dir => RepoPaths.SharedFile("data/plan");

    [Fact]
    public void Projects_json_has_the_issue_shape_and_the_printed_total()
    {
        var r = CliRunner.Run("", "plan", "projects", "--input", Dir, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var projects = doc.RootElement.GetProperty("projects");
        Assert.Equal(50, projects.GetArrayLength());
        var totals = doc.RootElement.GetProperty("totals");
        Assert.Equal("1012771.29", totals.GetProperty("overall").GetString());
        Assert.Equal("137627.22", totals.GetProperty("by_category").GetProperty("环境改善与污染防治重大工程").GetString());
        Assert.Equal("6997.07", totals.GetProperty("by_category").GetProperty("监管能力提升重大工程").GetString());
        var p3 = projects[2].GetProperty("investment");
        Assert.Equal("4186（34880*12%）", p3.GetProperty("raw").GetString());
        Assert.Equal("4186", p3.GetProperty("amount").GetString());
        Assert.Equal("34880*12%", p3.GetProperty("note").GetString());
        Assert.Contains("溉澜溪", r.Out, StringComparison.Ordinal); // Chinese unescaped
    }

    [Fact]
    public void Projects_filter_by_category_totals_the_filtered_list()
    {
        var r = CliRunner.Run("", "plan", "projects", "--input", Dir, "--category", "低碳");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("合计: 3个 3900万元", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicators_json_shows_status_rule_and_history()
    {
        var values = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(values,
            [
                "indicator\tyear\tvalue\tsource\tby\tat\tevidence\tnote",
                "9\t2021\t87.1\treported\t区生态环境局\t2022-01-10\t江北环〔2022〕3号\t",
                "9\t2021\t89.3\treported\t区生态环境局\t2022-02-01\t江北环〔2022〕9号\t复核更正",
                "13\t2021\t36\tcomputed\tsmartenv air assess\t2022-01-05T00:00:00Z\t1420A 唐家沱\t",
            ]);
            var r = CliRunner.Run("", "plan", "indicators", "--input", Dir, "--year", "2021", "--values", values, "--json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var list = doc.RootElement.GetProperty("indicators");
            Assert.Equal(17, list.GetArrayLength());
            var gd = list[8];
            Assert.Equal("met", gd.GetProperty("status").GetString());
            Assert.Equal("89.3", gd.GetProperty("value").GetString());
            Assert.Equal(2, gd.GetProperty("history").GetArrayLength());
            Assert.Equal("87.1", gd.GetProperty("history")[0].GetProperty("value").GetString());
            Assert.Equal("≥", gd.GetProperty("comparator").GetString());
            var pm = list[12];
            Assert.Equal("at_risk", pm.GetProperty("status").GetString()); // 36 > 35 in 2021, before the target year
            Assert.Equal("computed", pm.GetProperty("source").GetString());
            Assert.Contains("≤35", pm.GetProperty("rule_text").GetString(), StringComparison.Ordinal);
            Assert.Equal("no_target", list[0].GetProperty("status").GetString());
            Assert.True(list[0].GetProperty("target").GetProperty("awaiting_municipal").GetBoolean());
        }
        finally { File.Delete(values); }
    }

    [Fact]
    public void Bad_values_file_fails_with_line_and_column()
    {
        var values = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(values, ["indicator\tyear\tvalue\tsource\tby\tat\tevidence\tnote", "99\t2021\tabc\treported\tx\t2022-01-01\te\t"]);
            var r = CliRunner.Run("", "plan", "indicators", "--input", Dir, "--year", "2021", "--values", values);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(":2 [indicator]", r.Err, StringComparison.Ordinal);
            Assert.Contains(":2 [value]", r.Err, StringComparison.Ordinal);
            Assert.Equal("", r.Out);
        }
        finally { File.Delete(values); }
    }

    [Fact]
    public void Export_then_read_the_workbook_back()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plan-cli-{Guid.NewGuid():N}.xlsx");
        try
        {
            var r = CliRunner.Run("", "plan", "export", "--input", Dir, "--xlsx", file);
            Assert.Equal(0, r.ExitCode);
            Assert.True(File.Exists(file));
            var back = CliRunner.Run("", "plan", "projects", "--input", file, "--json");
            Assert.Equal(0, back.ExitCode);
            Assert.Equal(CliRunner.Run("", "plan", "projects", "--input", Dir, "--json").Out, back.Out);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Check_lists_the_pm25_and_good_day_contradictions()
    {
        var r = CliRunner.Run("", "plan", "check", "--input", Dir, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var codes = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() == "contradiction").Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("pm25-2020", codes);
        Assert.Contains("good-days-2020", codes);
    }

    [Fact]
    public void Missing_input_folder_is_an_error()
    {
        var r = CliRunner.Run("", "plan", "projects", "--input", "/nonexistent/plan");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error:", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_path_that_is_a_folder_is_an_error_not_a_stack_trace()
    {
        var r = CliRunner.Run("", "plan", "indicators", "--input", Dir, "--year", "2021", "--values", Path.GetTempPath());
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error: ", r.Err);
        Assert.DoesNotContain("Unhandled", r.Err);
    }

    [Fact]
    public void Values_row_with_an_extra_cell_is_an_error()
    {
        var values = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(values, ["indicator\tyear\tvalue\tsource\tby\tat\tevidence\tnote", "9\t2021\t91\treported\tx\t2022-01-10\t年报\t\t92"]);
            var r = CliRunner.Run("", "plan", "indicators", "--input", Dir, "--year", "2021", "--values", values);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(":2: 9 cells, the header has 8", r.Err, StringComparison.Ordinal);
            Assert.Equal("", r.Out);
        }
        finally { File.Delete(values); }
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99999")]
    public void Year_outside_the_plan_range_is_a_usage_error(string year)
    {
        var r = CliRunner.Run("", "plan", "indicators", "--input", Dir, "--year", year);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: --year {year} is outside", r.Err);
        Assert.Equal("", r.Out);
    }
}
