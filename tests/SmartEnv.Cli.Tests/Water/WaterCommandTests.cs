using System.Text.Json;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests.Water;

public class WaterCommandTests
{
    private static JsonElement Line(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Classify_gives_class_items_multiples_main_pollutants_and_word()
    {
        // DO 4.0 Ⅳ; COD 35 Ⅴ (0.75); NH3-N 1.9 Ⅴ (0.90); TP 0.45 劣Ⅴ (1.25).
        var r = CliRunner.Run("{\"ph\":7.2,\"do\":4.0,\"cod\":35,\"nh3n\":1.9,\"tp\":0.45,\"target_class\":\"Ⅲ\"}\n", "water", "classify", "--jsonl");
        Assert.Equal(0, r.ExitCode);
        var o = Line(r.Out);
        Assert.Equal("劣Ⅴ", o.GetProperty("class").GetString());
        Assert.Equal("重度污染", o.GetProperty("quality").GetString());
        Assert.Equal(["tp", "nh3n", "cod"], o.GetProperty("main_pollutants").EnumerateArray().Select(x => x.GetString()!).ToArray());
        var cod = o.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == "cod");
        Assert.Equal(0.75m, cod.GetProperty("exceeding_multiple").GetDecimal());
        Assert.False(o.GetProperty("meets_target").GetBoolean());
    }

    [Fact]
    public void Classify_auto5_lake_uses_lake_tp()
    {
        var r = CliRunner.Run("{\"ph\":8.1,\"do\":8.7,\"codmn\":1.9,\"nh3n\":0.1,\"tp\":0.03}\n", "water", "classify", "--item-set", "auto-5", "--waterbody", "lake", "--jsonl");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Ⅲ", Line(r.Out).GetProperty("class").GetString()); // lake TP 0.025 < 0.03 ≤ 0.05
        var river = CliRunner.Run("{\"ph\":8.1,\"do\":8.7,\"codmn\":1.9,\"nh3n\":0.1,\"tp\":0.03}\n", "water", "classify", "--item-set", "auto-5", "--jsonl");
        Assert.Equal("Ⅱ", Line(river.Out).GetProperty("class").GetString());
    }

    [Fact]
    public void Classify_reports_bad_lines_with_their_number_and_continues()
    {
        var r = CliRunner.Run("{\"cod\":10}\n{\"cod\":\"abc\"}\nnot json\n", "water", "classify", "--jsonl");
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("line 2", r.Err);
        Assert.Contains("line 3", r.Err);
    }

    [Fact]
    public void Unknown_item_set_is_a_usage_error()
    {
        var r = CliRunner.Run("", "water", "classify", "--item-set", "gb9999", "--jsonl");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("gb9999", r.Err);
    }

    [Fact]
    public void Assess_cnemc_file_for_cuntan()
    {
        var file = RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz");
        var csv = Path.Combine(Path.GetTempPath(), $"smartenv-water-{Guid.NewGuid():N}.csv");
        try
        {
            var r = CliRunner.Run("", "water", "assess", "--format", "cnemc-water", "--input", file, "--section", "寸滩",
                "--from", "2021-04-01", "--to", "2021-04-05", "--period", "day", "--out", csv);
            Assert.Equal(0, r.ExitCode);
            var days = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Line).ToArray();
            Assert.Equal(5, days.Length);
            // Hand-worked 04-01 (4 samples): TP mean 0.11775 → Ⅲ; the other days Ⅱ (docs/standards-water.md).
            Assert.Equal(["Ⅲ", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅱ"], days.Select(d => d.GetProperty("class").GetString()!).ToArray());
            Assert.Equal("2021-04-01", days[0].GetProperty("period_start").GetString());
            var lines = File.ReadAllLines(csv);
            Assert.StartsWith("line,datetime_cst,province,basin,section,site_status,published_class,computed_class,match", lines[0]);
            Assert.Equal(1 + 28, lines.Length);   // all 寸滩 rows, duplicates and maintenance rows included
            Assert.Contains(lines, l => l.Contains("2021-04-01 08:00") && l.Contains(",Ⅳ,Ⅳ,yes,"));
            Assert.Equal(2, lines.Count(l => l.Contains(",维护,*,")));
            Assert.Contains("26 equal", r.Err);
        }
        finally { File.Delete(csv); }
    }

    [Fact]
    public void Assess_requires_known_format_and_existing_file()
    {
        var bad = CliRunner.Run("", "water", "assess", "--format", "xls", "--input", "x", "--out", "y.csv");
        Assert.Equal(2, bad.ExitCode);
        var missing = CliRunner.Run("", "water", "assess", "--format", "cnemc-water", "--input", "/nonexistent/file.csv", "--out", Path.Combine(Path.GetTempPath(), "never.csv"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error", missing.Err);
    }
}
