using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests.Air;

public class AirCommandTests
{
    private static string Chongqing => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");

    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"smartenv-air-{Guid.NewGuid():N}{ext}");

    /// <summary>
    /// Acceptance through the CLI: `air hourly` over the Chongqing 2019 file reproduces the published AQI of every
    /// station-hour whose six 1-h pollutants are present. The published AQI and the six cells are read here independently
    /// (plain parsing of the wide format, not the SmartEnv reader).
    /// </summary>
    [Fact]
    public void HourlyReproducesPublishedChongqingAqi()
    {
        var outPath = Temp(".csv");
        try
        {
            var r = CliRunner.Run("", "air", "hourly", "--format", "cnemc-sites", "--input", Chongqing, "--out", outPath);
            Assert.Equal(0, r.ExitCode);
            var computed = new Dictionary<(string, string, string), string>();
            foreach (var line in File.ReadLines(outPath).Skip(1))
            {
                var f = line.Split(',');
                computed[(f[0], f[1], f[2])] = f[3];
            }
            Assert.Equal("station,date,hour,aqi,level,primary_pollutants", File.ReadLines(outPath).First());

            var six = new[] { "PM2.5", "PM10", "SO2", "NO2", "O3", "CO" };
            var cells = new Dictionary<(string, string, string), Dictionary<string, string>>();
            using (var gz = new StreamReader(new GZipStream(File.OpenRead(Chongqing), CompressionMode.Decompress)))
            {
                var header = gz.ReadLine()!.Split(',');
                while (gz.ReadLine() is { } line)
                {
                    var f = line.Split(',');
                    if (f[2] != "AQI" && !six.Contains(f[2])) continue;
                    for (var i = 3; i < header.Length; i++)
                    {
                        var v = i < f.Length ? f[i] : "";
                        if (v.Length == 0) continue;
                        var key = (header[i], f[0], f[1]);
                        if (!cells.TryGetValue(key, out var d)) cells[key] = d = [];
                        d[f[2]] = v;
                    }
                }
            }
            int complete = 0, match = 0;
            foreach (var (key, d) in cells)
            {
                if (!six.All(d.ContainsKey)) continue;
                complete++;
                if (computed.TryGetValue(key, out var aqi) && aqi == d["AQI"]) match++;
            }
            Assert.Equal(130_795, complete);
            Assert.Equal(complete, match);
        }
        finally { File.Delete(outPath); }
    }

    [Fact]
    public void AssessTangjiatuo2019()
    {
        var daily = Temp(".csv");
        try
        {
            var r = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", Chongqing, "--station", "1420A",
                "--from", "2019-01-01", "--to", "2019-12-31", "--out-daily", daily);
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var o = doc.RootElement;
            Assert.Equal(365, o.GetProperty("days").GetInt32());
            var valid = o.GetProperty("valid_aqi_days").GetInt32();
            var good = o.GetProperty("good_days").GetInt32();
            Assert.InRange(valid, 200, 365);
            Assert.Equal(Math.Round(100m * good / valid, 1, MidpointRounding.ToEven), o.GetProperty("good_day_ratio_percent").GetDecimal());
            Assert.Equal(valid, o.GetProperty("days_per_level").EnumerateObject().Sum(p => p.Value.GetInt32()));
            Assert.Equal(365 - valid, o.GetProperty("excluded_days").GetArrayLength());
            // 2019-04-08 is absent from the file (SOURCES.md §2): excluded with no data.
            Assert.Contains(o.GetProperty("excluded_days").EnumerateArray(), d => d.GetProperty("date").GetString() == "2019-04-08");
            var lines = File.ReadAllLines(daily);
            Assert.Equal(366, lines.Length);
            Assert.StartsWith("date,so2_24h,no2_24h,co_24h,o3_1h,o3_8h,pm10_24h,pm25_24h,aqi,level", lines[0]);
            Assert.Equal("GB 3095-2012 Table 1", o.GetProperty("composite_index").GetProperty("standard").GetString());
        }
        finally { File.Delete(daily); }
    }

    [Fact]
    public void AssessHandComputedDay()
    {
        // One station, 2019-03-01 hours 01…24 (hour 24 = label 20190302 0): constant SO2 10, NO2 40, CO 0.8, O3 100,
        // PM10 80, PM2.5 50 → daily IAQI PM2.5 50+50/40·15 = 68.75 → 69 = AQI, 良; composite 10/60+40/40+0.8/4+100/160+80/70+50/35 = 4.56.
        var input = Temp(".csv");
        var sb = new StringBuilder("date,hour,type,9999A\n");
        for (var h = 1; h <= 24; h++)
        {
            var (date, hour) = h == 24 ? ("20190302", 0) : ("20190301", h);
            foreach (var (t, v) in new[] { ("SO2", "10"), ("NO2", "40"), ("CO", "0.8"), ("O3", "100"), ("PM10", "80"), ("PM2.5", "50") })
                sb.Append($"{date},{hour},{t},{v}\n");
        }
        File.WriteAllText(input, sb.ToString());
        try
        {
            var r = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", input, "--from", "2019-03-01", "--to", "2019-03-01");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var o = doc.RootElement;
            Assert.Equal(1, o.GetProperty("valid_aqi_days").GetInt32());
            Assert.Equal(100.0m, o.GetProperty("good_day_ratio_percent").GetDecimal());
            Assert.Equal(1, o.GetProperty("primary_pollutant_days").GetProperty("pm25_24h").GetInt32());
            Assert.Equal(4.56m, o.GetProperty("composite_index").GetProperty("value").GetDecimal());
            Assert.Equal(50m, o.GetProperty("statistics").GetProperty("pm25_24h").GetProperty("mean").GetDecimal());
        }
        finally { File.Delete(input); }
    }

    [Fact]
    public void AssessCityAveragesStationsAndPrsaWorks()
    {
        var dongsi = RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Dongsi_20130301-20170228.csv.gz");
        var tiantan = RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Tiantan_20130301-20170228.csv.gz");
        var r = CliRunner.Run("", "air", "assess", "--format", "prsa", "--input", dongsi, tiantan, "--city", "北京", "--from", "2014-01-01", "--to", "2014-12-31");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("city", doc.RootElement.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("subject").GetProperty("stations").GetArrayLength());
        Assert.Equal(["CNEMC-2014"], doc.RootElement.GetProperty("regimes").EnumerateArray().Select(x => x.GetString()));
        // Two stations without --city is ambiguous.
        var amb = CliRunner.Run("", "air", "assess", "--format", "prsa", "--input", dongsi, tiantan, "--from", "2014-01-01", "--to", "2014-01-31");
        Assert.Equal(2, amb.ExitCode);
    }

    [Fact]
    public void CityFromStationListSkipsControlPoint()
    {
        var r = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", Chongqing, "--city", "重庆",
            "--station-list", RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/StationList-2020.01.01.csv"),
            "--from", "2019-07-01", "--to", "2019-07-31");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var stations = doc.RootElement.GetProperty("subject").GetProperty("stations").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(16, stations.Count);
        Assert.DoesNotContain("1414A", stations); // 缙云山（对照点）
    }

    /// <summary>
    /// `air hourly` under the HJ 633-2012 text uses the moving means of each station's preceding hours (the same rule as
    /// the stored AQI, AirAveraging.RealTimeInputs). Hand-worked: 24 hours k = 1…24 of natural day 2013-06-01 with SO2 10,
    /// NO2 20, CO 0.5, PM10 60, PM2.5 40 + k, O3 100 + 5k. Last hour (20130602, 0): PM2.5 24-h mean 1260/24 = 52.5 → 52 →
    /// IAQI 72; O3 8-h mean 1620/8 = 202.5 → 202 → 100 + 42·50/55 = 138.2 → 139; O3 1h 220 → 110. AQI 139, primary o3_8h.
    /// First hour (20130601, 1): no 24-h or 8-h mean yet (1 valid hour) → only the 1-h IAQIs: O3 105 → 105·50/160 = 32.8 → 33.
    /// </summary>
    [Fact]
    public void HourlyUsesTheMovingMeansOfEachStationUnderTheHj633_2012Text()
    {
        var input = Temp(".csv");
        var output = Temp(".csv");
        var csv = new StringBuilder("date,hour,type,9001A\n");
        for (var k = 1; k <= 24; k++)
        {
            var (d, h) = k == 24 ? ("20130602", 0) : ("20130601", k);
            foreach (var (type, v) in new[] { ("SO2", 10m), ("NO2", 20m), ("CO", 0.5m), ("PM10", 60m), ("PM2.5", 40m + k), ("O3", 100m + 5 * k) })
                csv.Append($"{d},{h},{type},{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        }
        File.WriteAllText(input, csv.ToString());
        try
        {
            var r = CliRunner.Run("", "air", "hourly", "--format", "cnemc-sites", "--input", input, "--out", output);
            Assert.Equal(0, r.ExitCode);
            var lines = File.ReadAllLines(output);
            Assert.Equal(25, lines.Length);
            Assert.Equal("9001A,20130601,1,33,1,", lines[1]);
            Assert.Equal("9001A,20130602,0,139,3,o3_8h", lines[24]);
        }
        finally { File.Delete(input); File.Delete(output); }
    }

    [Fact]
    public void HourlyRefusesInputsOutOfTimeOrder()
    {
        var output = Temp(".csv");
        var day1 = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz");
        var day2 = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190102.csv.gz");
        var r = CliRunner.Run("", "air", "hourly", "--format", "cnemc-sites", "--input", day2, day1, "--station", "1420A", "--out", output);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("china_sites_20190101.csv.gz: station 1420A hour 20190101 0 is not after its previous hour", r.Err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void MalformedInputFailsWithPositionAndNoOutputFile()
    {
        var input = Temp(".csv");
        var output = Temp(".csv");
        File.WriteAllText(input, "date,hour,type,1420A\n20190101,1,PM10,61\n20190101,2,PM10,6x1\n");
        try
        {
            var r = CliRunner.Run("", "air", "hourly", "--format", "cnemc-sites", "--input", input, "--out", output);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(":3:4:", r.Err);
            Assert.False(File.Exists(output));
        }
        finally { File.Delete(input); }
    }

    [Theory]
    [InlineData("date,hour,type,1420A\n20190101,1,PM10,61\n", "error: no data for station NOPE in the input", "--station", "1420A", "NOPE")]
    [InlineData("date,hour,type,1420A\n", "error: no station-hour in the input")]
    [InlineData("", ": empty file")]
    public void HourlyWithNothingToWriteFailsAndWritesNothing(string csv, string message, params string[] extra)
    {
        var input = Temp(".csv");
        var output = Temp(".csv");
        File.WriteAllText(input, csv);
        try
        {
            var r = CliRunner.Run("", ["air", "hourly", "--format", "cnemc-sites", "--input", input, "--out", output, .. extra]);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(message, r.Err);
            Assert.False(File.Exists(output));
        }
        finally { File.Delete(input); }
    }

    [Fact]
    public void TruncatedGzipFailsAndWritesNothing()
    {
        var input = Temp(".csv.gz");
        var output = Temp(".csv");
        var bytes = File.ReadAllBytes(RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz"));
        File.WriteAllBytes(input, bytes[..(bytes.Length / 2)]);
        try
        {
            var r = CliRunner.Run("", "air", "hourly", "--format", "cnemc-sites", "--input", input, "--out", output);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("corrupt or truncated gzip data", r.Err);
            Assert.False(File.Exists(output));
        }
        finally { File.Delete(input); }
    }

    [Fact]
    public void AssessNamedStationWithoutDataIsAnError()
    {
        var r = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz"),
            "--station", "1420A", "NOPE", "--from", "2019-01-01", "--to", "2019-01-01");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: no data for station NOPE in the input\n", r.Err);
    }

    [Fact]
    public void StationListWithoutCityIsAUsageError()
    {
        var r = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", Chongqing, "--station", "1420A",
            "--station-list", RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/StationList-2020.01.01.csv"), "--from", "2019-01-01", "--to", "2019-01-01");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --station-list is used with --city NAME\n", r.Err);
    }

    [Fact]
    public void AssessPeriodOutsideTheDataIsAnErrorNotAnEmptySummary()
    {
        var daily = Temp(".csv");
        var r = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz"),
            "--station", "1420A", "--from", "2030-01-01", "--to", "2030-01-31", "--out-daily", daily);
        Assert.Equal(1, r.ExitCode);
        // The file's labels 20190101 hours 0…23: hour 0 closes natural day 2018-12-31.
        Assert.Equal("error: no hour of the input lies in 2030-01-01..2030-01-31 (the input covers 2018-12-31..2019-01-01)\n", r.Err);
        Assert.Equal("", r.Out);
        Assert.False(File.Exists(daily));
    }

    [Fact]
    public void OutputThatIsAnInputIsRefusedAndTheInputKept()
    {
        var input = Temp(".csv");
        const string csv = "date,hour,type,1420A\n20190101,1,PM10,61\n";
        File.WriteAllText(input, csv);
        try
        {
            var r = CliRunner.Run("", "air", "hourly", "--format", "cnemc-sites", "--input", input, "--out", input);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("is also an --input", r.Err);
            Assert.Equal(csv, File.ReadAllText(input));
            var w = CliRunner.Run("", "water", "assess", "--format", "cnemc-water", "--input", input, "--out", input);
            Assert.Equal(2, w.ExitCode);
            Assert.Equal(csv, File.ReadAllText(input));
        }
        finally { File.Delete(input); }
    }
}
