using System.IO.Compression;
using System.Text;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Tests;

namespace SmartEnv.Ingestion.Tests.Files;

public class CnemcSitesReaderTests
{
    private static string Chongqing => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");

    /// <summary>
    /// Acceptance: the published hourly AQI of the Chongqing 2019 file is reproduced from the concentration rows for
    /// every station-hour whose six 1-h pollutants are present (SOURCES.md §2: HJ 633-2012 Table 1 with PM 1-h values on
    /// the 24-h breakpoints = CNEMC-2014), with the inputs of <see cref="AirAveraging.RealTimeInputs"/> over each station's
    /// last 24 hours. One pass over the gz.
    /// </summary>
    [Fact]
    public void Chongqing2019PublishedAqiIsReproduced()
    {
        int six = 0, sixMatch = 0, allFifteen = 0, allFifteenMatch = 0, stationHours = 0;
        var mismatches = new List<string>();
        var windows = new Dictionary<string, AirHourWindow>();
        foreach (var h in CnemcSitesReader.ReadFile(Chongqing))
        {
            stationHours++;
            if (!windows.TryGetValue(h.Station, out var window)) windows[h.Station] = window = new AirHourWindow();
            var hours = window.Push(h.ToAirHour());
            if (!h.HasSixPollutants) continue;
            var regime = AqiRegime.ForDate(HourEnding.NaturalDay(h.Date, h.Hour));
            Assert.Same(AqiRegime.Cnemc2014, regime);
            // The one real-time input rule (moving means only where the regime needs them: SO2 > 800 under CNEMC-2014).
            var r = AqiCalculator.Hourly(AirAveraging.RealTimeInputs(hours, regime), regime);
            var published = h[CnemcType.Aqi];
            var match = published is not null && r.Aqi == published && r.Complete;
            six++;
            if (match) sixMatch++;
            else if (mismatches.Count < 10) mismatches.Add($"{h.Station} {h.Date} {h.Hour}: published {published}, computed {r.Aqi}");
            if (h.Values.All(v => v is not null))
            {
                allFifteen++;
                if (match) allFifteenMatch++;
            }
        }
        Assert.Empty(mismatches);
        // Station-hours with all 15 type rows present (the population SOURCES.md §2 counts): 130,636.
        Assert.Equal(130_636, allFifteen);
        Assert.Equal(130_636, allFifteenMatch);
        // Station-hours with the six 1-h pollutants present (O3_8h may be missing; it is not part of the hourly AQI): 130,795.
        Assert.Equal(130_795, six);
        Assert.Equal(130_795, sixMatch);
        Assert.Equal(141_108, stationHours); // station-hours with at least one non-empty cell
    }

    private static MemoryStream Text(string s) => new(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void ReadsHoursRepeatedHeadersShortRowsAndCrlf()
    {
        const string csv = "date,hour,type,1001A,1002A\r\n" +
                           "20190101,0,AQI,64,\r\n20190101,0,PM2.5,46,\r\n20190101,0,CO,0.7,1.2\r\n" +
                           "20190101,1,AQI,70\r\n20190101,1,NEW_TYPE,5,6\r\n" +
                           "date,hour,type,1002A\r\n20190101,2,SO2,9\r\n";
        var hours = CnemcSitesReader.Read(Text(csv), "mem").ToList();
        Assert.Equal(4, hours.Count);
        Assert.Equal(("1001A", 0, 64m, 46m, 0.7m), (hours[0].Station, hours[0].Hour, hours[0][CnemcType.Aqi]!.Value, hours[0][CnemcType.Pm25]!.Value, hours[0][CnemcType.Co]!.Value));
        Assert.Equal(("1002A", 0, 1.2m), (hours[1].Station, hours[1].Hour, hours[1][CnemcType.Co]!.Value));
        Assert.Null(hours[1][CnemcType.Aqi]);
        Assert.Equal(("1001A", 1, 70m), (hours[2].Station, hours[2].Hour, hours[2][CnemcType.Aqi]!.Value));
        Assert.Equal(("1002A", 2, 9m), (hours[3].Station, hours[3].Hour, hours[3][CnemcType.So2]!.Value));
    }

    [Fact]
    public void StationFilterKeepsOnlyNamedStations()
    {
        const string csv = "date,hour,type,1001A,1002A\n20190101,1,AQI,64,70\n";
        var h = Assert.Single(CnemcSitesReader.Read(Text(csv), "mem", new HashSet<string> { "1002A" }));
        Assert.Equal("1002A", h.Station);
    }

    [Theory]
    [InlineData("date,hour,type,1001A\n20190101,1,AQI,x6\n", "mem:2:4:")]
    [InlineData("date,hour,type,1001A\n2019011,1,AQI,6\n", "mem:2:1:")]
    [InlineData("date,hour,type,1001A\n20190101,24,AQI,6\n", "mem:2:2:")]
    [InlineData("20190101,1,AQI,6\n", "mem:1:")]
    [InlineData("date,hour,type,1001A,1002A,1001A\n20190101,1,AQI,6,7,8\n", "mem:1:6: station 1001A appears twice")]
    [InlineData("", "mem:1: empty file")]
    [InlineData("date,hour,type,1001A\n20190101,1,PM2.5,79228162514264337593543950335\n", "mem:2:4: '79228162514264337593543950335' is out of range")]
    [InlineData("\n\n", "mem:1: empty file")]
    public void BadInputNamesLineAndColumn(string csv, string prefix)
    {
        var e = Assert.Throws<DataFileFormatException>(() => CnemcSitesReader.Read(Text(csv), "mem").ToList());
        Assert.StartsWith(prefix, e.Message);
    }

    [Fact]
    public void GzipIsDetectedByMagicBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnemc-{Guid.NewGuid():N}.csv");
        try
        {
            using (var fs = File.Create(path))
            using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
                gz.Write(Encoding.UTF8.GetBytes("date,hour,type,1420A\n20190101,1,PM10,61\n"));
            var h = Assert.Single(CnemcSitesReader.ReadFile(path));
            Assert.Equal(61m, h[CnemcType.Pm10]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NationalDailyFileHasAllStationColumns()
    {
        var stations = CnemcSitesReader.ReadFile(RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz"))
            .Select(h => h.Station).Distinct().Count();
        Assert.InRange(stations, 1_400, 1_605);
    }

    private static string GzipFile(string text, int? keepBytes = null, (int At, byte Value)? patch = null)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        var bytes = ms.ToArray();
        if (keepBytes is { } k) bytes = bytes[..k];
        if (patch is { } p) bytes[p.At] = p.Value;
        var path = Path.Combine(Path.GetTempPath(), $"cnemc-{Guid.NewGuid():N}.csv.gz");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string ManyHours()
    {
        var sb = new StringBuilder("date,hour,type,1420A\n");
        for (var d = 1; d <= 28; d++)
            for (var h = 0; h < 24; h++)
                sb.Append($"201902{d:00},{h},PM10,{(d * 31 + h * 7) % 200}\n");
        return sb.ToString();
    }

    /// <summary>A .gz cut short must fail naming the file, not yield the hours before the cut as if complete.</summary>
    [Fact]
    public void TruncatedGzipFailsInsteadOfEndingEarly()
    {
        var full = GzipFile(ManyHours());
        var size = (int)new FileInfo(full).Length;
        var cut = GzipFile(ManyHours(), keepBytes: size / 2);
        var tail = GzipFile(ManyHours(), keepBytes: size - 4); // only the trailer (ISIZE) is missing
        try
        {
            Assert.Equal(28 * 24, CnemcSitesReader.ReadFile(full).Count());
            foreach (var path in new[] { cut, tail })
            {
                var e = Assert.Throws<DataFileFormatException>(() => CnemcSitesReader.ReadFile(path).ToList());
                Assert.StartsWith(Path.GetFileName(path) + ": corrupt or truncated gzip data", e.Message);
            }
        }
        finally { File.Delete(full); File.Delete(cut); File.Delete(tail); }
    }

    [Fact]
    public void CorruptGzipIsAFormatErrorNamingTheFile()
    {
        var path = GzipFile(ManyHours(), patch: (12, 0xFF));
        try
        {
            var e = Assert.Throws<DataFileFormatException>(() => CnemcSitesReader.ReadFile(path).ToList());
            Assert.StartsWith(Path.GetFileName(path) + ": corrupt or truncated gzip data", e.Message);
        }
        finally { File.Delete(path); }
    }
}
