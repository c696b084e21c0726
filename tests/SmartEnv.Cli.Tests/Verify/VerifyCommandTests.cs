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
}
