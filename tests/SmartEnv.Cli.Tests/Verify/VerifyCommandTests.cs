using System.Text.Json;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests.Verify;

/// <summary>
/// <c>smartenv verify</c> (issue 22): output, JSON and Excel files, exit codes. The rows are the three examples,
/// worked by hand in tests/SmartEnv.Verification.Tests (AirRows, AirAcceptanceTests): round-to-nearest on 2019-03-01
/// (3 station-hours at 2 stations), SO2 1 h &gt; 800 on the 24-h breakpoints on 2019-06-10 (3), truncation on 2019-09-01 (3).
/// </summary>
public class VerifyCommandTests
{
    private const string Csv = "站点,时间,AQI,SO2,SO2_24h,NO2,CO,O3,PM10,PM2.5\n" +
        "A,2019-03-01 01:00,56,5,,10,0.5,20,30,40\n" +
        "B,2019-03-01 01:00,59,5,,10,0.5,20,30,42\n" +
        "A,2019-03-01 02:00,58,5,,10,0.5,20,30,41\n" +
        "B,2019-03-01 02:00,56,5,,10,0.5,20,30,40\n" +
        "A,2019-03-01 03:00,61,5,,10,0.5,20,30,44\n" +
        "B,2019-03-01 03:00,60,5,,10,0.5,20,30,43\n" +
        "C,2019-06-10 01:00,213,900,200,10,0.5,20,30,20\n" +
        "C,2019-06-10 02:00,60,5,,10,0.5,20,30,43\n" +
        "C,2019-06-10 03:00,225,1000,250,10,0.5,20,30,20\n" +
        "C,2019-06-10 04:00,207,850,300,10,0.5,20,30,20\n" +
        "D,2019-09-01 01:00,56,5,,10,0.5,20,30,40\n" +
        "D,2019-09-01 02:00,57,5,,10,0.5,20,30,41\n" +
        "D,2019-09-01 03:00,61,5,,10,0.5,20,30,44\n";

    private const string Map = "site=站点,time=时间,aqi=AQI,so2=SO2,so2_24h=SO2_24h,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5";

    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"smartenv-verify-{Guid.NewGuid():N}{ext}");

    [Fact]
    public void Prints_findings_and_writes_json_and_excel()
    {
        var input = Temp(".csv");
        var json = Temp(".json");
        var xlsx = Temp(".xlsx");
        try
        {
            File.WriteAllText(input, Csv);
            var r = CliRunner.Run("", "verify", "air", "--format", "csv", "--input", input, "--map", Map, "--json", json, "--excel", xlsx);
            Assert.Equal(0, r.ExitCode);
            // 13 rows, 4 match (30.77 %), 9 mismatches in 3 findings.
            Assert.Contains("读取 13 行，核验 13 行，一致 4 行（30.77 %），不一致 9 行，发现 3 条", r.Out);
            Assert.Contains("- [rounding-nearest] 2019-03-01 01:00 至 2019-03-01 03:00，2 个站点 3 个站点小时", r.Out);
            var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
            Assert.Equal(["rounding-nearest", "so2-24h-breakpoints-on-1h", "rounding-floor"],
                doc.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("cause").GetString()));
            Assert.Equal(9, doc.GetProperty("mismatches").GetArrayLength());
            Assert.True(new FileInfo(xlsx).Length > 0);

            var en = CliRunner.Run("", "verify", "air", "--format", "csv", "--input", input, "--map", Map, "--lang", "en");
            Assert.Contains("13 rows read, 13 compared, 4 match (30.77 %)", en.Out);
            Assert.Contains("consistent with SO2 1-h value on the 24-h breakpoints", en.Out);
        }
        finally
        {
            foreach (var f in new[] { input, json, xlsx }) if (File.Exists(f)) File.Delete(f);
        }
    }

    [Fact]
    public void Exit_codes()
    {
        var input = Temp(".csv");
        try
        {
            File.WriteAllText(input, Csv.Replace(",30,41\n", ",30,4x\n", StringComparison.Ordinal));
            var bad = CliRunner.Run("", "verify", "air", "--format", "csv", "--input", input, "--map", Map);
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains(".csv:4:10: pm25_1h '4x' is not a number", bad.Err);
            Assert.Equal(2, CliRunner.Run("", "verify", "air", "--format", "cnemc-water", "--input", input).ExitCode);
            Assert.Equal(2, CliRunner.Run("", "verify", "air", "--format", "csv", "--input", input).ExitCode);
            var prsa = RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Aotizhongxin_20130301-20170228.csv.gz");
            var p = CliRunner.Run("", "verify", "air", "--format", "prsa", "--input", prsa, "--lang", "en");
            Assert.Equal(3, p.ExitCode);
            Assert.Contains("no published figures to verify", p.Out);
        }
        finally
        {
            if (File.Exists(input)) File.Delete(input);
        }
    }

    [Fact]
    public void Every_mapped_figure_is_compared_and_its_mismatch_is_in_the_json()
    {
        // Background SO2 5 → 2, NO2 10 → 5, CO 0.5 → 5, O3 20 → 7, PM10 30 → 30 (HJ 633-2012 Table 1, CNEMC-2014).
        // A 01:00 PM2.5 40 → 56.25 → 57: IAQI PM2.5 published 56 (mismatch, −1); the rest match.
        // A 02:00 PM2.5 35 → 50 = 一级 优, no primary: published 二级, 良, PM2.5 → three mismatches (level, category, primary).
        // A 03:00 PM2.5 41 → 57.5 → 58: AQI published 57 (mismatch, floor); the rest match (Roman II = level 2).
        // B 01:00 PM2.5 43 → 60 exactly: everything matches.
        // Rows 4, matching rows 1 (25.00 %), 5 mismatches; findings: aqi, iaqi:pm25_1h, level (unexplained),
        // category (unexplained), primary (primary-below-51) = 5.
        const string csv = "站点,时间,AQI,SO2,NO2,CO,O3,PM10,PM2.5,IAQI_PM25,IAQI_SO2,级别,类别,首要污染物\n" +
            "A,2019-03-01 01:00,57,5,10,0.5,20,30,40,56,2,二级,良,PM2.5\n" +
            "B,2019-03-01 01:00,60,5,10,0.5,20,30,43,60,2,Ⅱ,良,PM2.5\n" +
            "A,2019-03-01 02:00,50,5,10,0.5,20,30,35,50,2,二级,良,PM2.5\n" +
            "A,2019-03-01 03:00,57,5,10,0.5,20,30,41,58,2,II,良,PM2.5\n";
        const string map = "site=站点,time=时间,aqi=AQI,so2=SO2,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5,iaqi_pm25=IAQI_PM25,iaqi_so2=IAQI_SO2," +
            "level=级别,category=类别,primary=首要污染物";
        var input = Temp(".csv");
        var json = Temp(".json");
        try
        {
            File.WriteAllText(input, csv);
            var r = CliRunner.Run("", "verify", "air", "--format", "csv", "--input", input, "--map", map, "--json", json);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("读取 4 行，核验 4 行，一致 1 行（25.00 %），不一致 5 行，发现 5 条", r.Out);
            var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
            var m = doc.GetProperty("mismatches").EnumerateArray()
                .Select(x => (x.GetProperty("figure").GetString(), x.GetProperty("published").GetString(), x.GetProperty("ours").GetString())).ToList();
            Assert.Equal([("iaqi:pm25_1h", "56", "57"), ("level", "2", "1"), ("category", "良", "优"), ("primary", "pm25_1h", "-"), ("aqi", "57", "58")], m);
            var findings = doc.GetProperty("findings").EnumerateArray()
                .ToDictionary(f => f.GetProperty("figure").GetString()!, f => f.GetProperty("cause").GetString());
            Assert.Equal(5, findings.Count);
            Assert.Equal("primary-below-51", findings["primary"]);
            Assert.Equal("unexplained", findings["level"]);
            Assert.Equal("unexplained", findings["category"]);
            Assert.Equal("rounding-floor", findings["aqi"]); // 57.5: floor 57, nearest 58
        }
        finally
        {
            foreach (var f in new[] { input, json }) if (File.Exists(f)) File.Delete(f);
        }
    }
}
