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

    [Theory]
    [InlineData("{\"ph\":7,\"ph\":12}", "key 'ph' appears twice")]
    [InlineData("{\"waterbody\":5,\"ph\":7}", "'waterbody' must be a string")]
    [InlineData("{\"target_class\":3,\"ph\":7}", "'target_class' must be a string")]
    [InlineData("{\"ph\":1e400}", "'ph': 1e400 is out of range")]
    [InlineData("{\"do\":-1}", "'do': -1 is out of range")]
    [InlineData("{\"ph\":15}", "'ph': 15 is out of range (pH 0–14)")]
    [InlineData("{\"tp\":79228162514264337593543950335}", "'tp': 79228162514264337593543950335 is out of range")]
    public void Classify_bad_values_name_the_key_and_other_lines_go_on(string bad, string message)
    {
        var r = CliRunner.Run(bad + "\n{\"ph\":7.2,\"tp\":0.15}\n", "water", "classify", "--item-set", "ph,tp", "--jsonl");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"line 1: {message}", r.Err.TrimEnd('\n').Split('\n').Single());
        Assert.Equal("Ⅲ", Line(r.Out).GetProperty("class").GetString()); // TP 0.1 < 0.15 ≤ 0.2
    }

    [Fact]
    public void Classify_lists_known_items_outside_the_item_set_as_ignored()
    {
        var r = CliRunner.Run("\uFEFF{\"ph\":7.2,\"tp\":0.15,\"pb\":0.2}\n", "water", "classify", "--item-set", "auto-5", "--jsonl");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["pb"], Line(r.Out).GetProperty("ignored_keys").EnumerateArray().Select(x => x.GetString()!).ToArray());
    }

    private static string Sample => RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz");

    [Theory]
    [InlineData(2, "error: --to is not after --from", "--from", "2021-04-05", "--to", "2021-04-01")]
    [InlineData(1, "error: no section '重庆市/不存在' in the input", "--section", "重庆市/不存在")]
    [InlineData(1, "error: no row lies in the --from/--to range", "--from", "2022-01-01")]
    public void Assess_selection_that_cannot_match_is_an_error_and_writes_nothing(int code, string message, params string[] extra)
    {
        var outFile = Path.Combine(Path.GetTempPath(), $"water-{Guid.NewGuid():N}.csv");
        var r = CliRunner.Run("", ["water", "assess", "--format", "cnemc-water", "--input", Sample, "--out", outFile, .. extra]);
        Assert.Equal(code, r.ExitCode);
        Assert.Equal(message + "\n", r.Err);
        Assert.Equal("", r.Out);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void Assess_out_csv_quotes_names_holding_commas()
    {
        var input = Path.Combine(Path.GetTempPath(), $"water-in-{Guid.NewGuid():N}.csv");
        var outFile = Path.Combine(Path.GetTempPath(), $"water-out-{Guid.NewGuid():N}.csv");
        File.WriteAllText(input, "datetime_cst,省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n"
            + "2021-04-01 08:00,重庆市,长江流域,\"寸滩,上\",04-01 08:00,Ⅳ,18.2,8.11,8.71,432.1,28.9,7.19,0.130,0.233,2.88,*,*,正常\n");
        try
        {
            var r = CliRunner.Run("", "water", "assess", "--format", "cnemc-water", "--input", input, "--out", outFile);
            Assert.Equal(0, r.ExitCode);
            var lines = File.ReadAllLines(outFile);
            Assert.Equal("2,2021-04-01 08:00,重庆市,长江流域,\"寸滩,上\",正常,Ⅳ,Ⅳ,yes,river,8.11,8.71,7.19,0.130,0.233,codmn;tp,", lines[1]);
        }
        finally { File.Delete(input); File.Delete(outFile); }
    }
}
