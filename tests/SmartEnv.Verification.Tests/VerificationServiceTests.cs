using System.IO.Compression;
using System.Text;
using SmartEnv.Ingestion.Files;
using SmartEnv.Tests;
using SmartEnv.Verifications.Files;

namespace SmartEnv.Verifications.Tests;

/// <summary>Readers and the service: mapped CSV (the hand-built three-example file), errors with line and column, PRSA,
/// formats, and the Excel report.</summary>
public class VerificationServiceTests
{
    private const string AirMap = "site=站点,time=时间,aqi=AQI,so2=SO2,so2_24h=SO2_24h,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5";

    private static VerificationInput Text(string name, string text, Encoding? encoding = null) =>
        new(name, () => new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(text)));

    private static VerificationInput DataFile(string name) =>
        new(name, () => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", name)));

    [Fact]
    public void Hand_built_csv_gives_the_three_findings()
    {
        // The rows of AirAcceptanceTests as a file (Data/three-examples.csv); the same findings, worked by hand there.
        var r = VerificationService.Run(new VerificationRequest("air", "csv", [DataFile("three-examples.csv")], Map: AirMap));
        Assert.Equal((13, 13, 4), (r.Rows, r.Compared, r.Matched));
        Assert.Equal(["rounding-nearest", "so2-24h-breakpoints-on-1h", "rounding-floor"], r.Findings.Select(f => f.Cause));
        Assert.Equal([3, 3, 3], r.Findings.Select(f => f.Rows));
        Assert.Equal("three-examples.csv:2", r.Mismatches[0].Location);
    }

    [Fact]
    public void Gbk_csv_is_read()
    {
        // PM2.5 40 → 57 (56.25 rounded up), the others as in AirRows (max 30); published 57: match.
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var r = VerificationService.Run(new VerificationRequest("air", "csv",
            [Text("gbk.csv", "站点,时间,AQI,SO2,NO2,CO,O3,PM10,PM2.5\n唐家沱,2019-03-01 01:00,57,5,10,0.5,20,30,40\n", gbk)],
            Map: "site=站点,time=时间,aqi=AQI,so2=SO2,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5"));
        Assert.Equal(100m, r.MatchRate);
    }

    [Theory]
    [InlineData("站点,时间,AQI,PM2.5\nA,2019-03-01 01:00,57,4x\n", 2, 4, "not a number")]
    [InlineData("站点,时间,AQI,PM2.5\nA,2019-03-01 01:00,57,40\nA,2019-13-01 01:00,57,40\n", 3, 2, "time")]
    [InlineData("站点,时间,AQI,PM2.5\nA,2019-03-01 01:00,57.5,40\n", 2, 3, "whole number")]
    [InlineData("站点,时间,AQI,PM2.5\nA,2019-03-01 01:00,57,-1\n", 2, 4, "negative")]
    [InlineData("站点,时间,AQI\nA,2019-03-01 01:00,57\n", 1, 0, "PM2.5")]
    public void Bad_rows_are_errors_with_line_and_column(string text, int line, int column, string problem)
    {
        var e = Assert.ThrowsAny<DataFileFormatException>(() => VerificationService.Run(new VerificationRequest("air", "csv",
            [Text("bad.csv", text)], Map: "site=站点,time=时间,aqi=AQI,pm25=PM2.5")));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Figure_only_maps_are_valid() =>
        Assert.Equal(new HashSet<string> { "time", "primary", "iaqi_o3_8h", "level", "category" },
            VerificationService.Validate(new VerificationRequest("air", "csv", [Text("x.csv", "")], Map: "time=T,primary=P,iaqi_o3_8h=O,level=L,category=C")).Map!.Fields.Keys.ToHashSet());

    [Theory]
    [InlineData("站点,时间,PM2.5,级别,类别,首要,IAQI\nA,2019-03-01 01:00,40,七级,良,PM2.5,57\n", 2, 4, "level '七级'")]
    [InlineData("站点,时间,PM2.5,级别,类别,首要,IAQI\nA,2019-03-01 01:00,40,二级,差,PM2.5,57\n", 2, 5, "category '差'")]
    [InlineData("站点,时间,PM2.5,级别,类别,首要,IAQI\nA,2019-03-01 01:00,40,二级,良,PM2.5、TSP,57\n", 2, 6, "primary pollutant 'TSP'")]
    [InlineData("站点,时间,PM2.5,级别,类别,首要,IAQI\nA,2019-03-01 01:00,40,二级,良,PM2.5,56.5\n", 2, 7, "whole number")]
    public void Bad_figures_are_errors_with_line_and_column(string text, int line, int column, string problem)
    {
        var e = Assert.ThrowsAny<DataFileFormatException>(() => VerificationService.Run(new VerificationRequest("air", "csv",
            [Text("bad.csv", text)], Map: "site=站点,time=时间,pm25=PM2.5,level=级别,category=类别,primary=首要,iaqi_pm25=IAQI")));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("air", "cnemc-water", null, null, "reads --format")]
    [InlineData("soil", "csv", null, null, "unknown domain")]
    [InlineData("air", "csv", null, null, "--map")]
    [InlineData("air", "csv", "time=T", null, "published figure")]
    [InlineData("air", "csv", "time=T,aqi=A,foo=B", null, "unknown field")]
    [InlineData("air", "csv", "time=T,iaqi_tsp=A", null, "unknown field")]
    [InlineData("air", "csv", "time=T,pm25=P", null, "published figure")]
    [InlineData("air", "china-sites", null, "HJ633-1999", "unknown regime")]
    [InlineData("water", "csv", "time=T,class=C", "HJ633-2012", "air only")]
    public void Usage_errors(string domain, string format, string? map, string? regime, string problem)
    {
        var e = Assert.Throws<VerificationUsageException>(() => VerificationService.Validate(new VerificationRequest(domain, format,
            [Text("x.csv", "")], regime, map)));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Prsa_has_no_published_figures()
    {
        var path = RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Aotizhongxin_20130301-20170228.csv.gz");
        var r = VerificationService.Run(new VerificationRequest("air", "prsa", [new VerificationInput("prsa.csv.gz", () => File.OpenRead(path))]));
        // 2013-03-01 … 2017-02-28 hourly: 1461 days × 24 = 35,064 rows (SOURCES.md §1).
        Assert.Equal(35064, r.Rows);
        Assert.Equal(0, r.Compared);
        Assert.Null(r.MatchRate);
        Assert.Equal(VerificationService.NothingToVerify, r.Message);
    }

    [Fact]
    public void Water_and_noise_csv()
    {
        // TP 0.204 → Ⅳ (> 0.2); published Ⅲ → water-input-rounding (see WaterNoiseVerifierTests).
        var w = VerificationService.Run(new VerificationRequest("water", "csv",
            [Text("w.csv", "断面,时间,类别,pH,溶解氧,高锰酸盐指数,氨氮,总磷\nS1,2020-05-01 08:00,Ⅲ,7.5,8,3,0.4,0.204\n")],
            Map: "site=断面,time=时间,class=类别,ph=pH,do=溶解氧,codmn=高锰酸盐指数,nh3n=氨氮,tp=总磷"));
        Assert.Equal("water-input-rounding", Assert.Single(w.Findings).Cause);
        // Zone 2 day limit 60: Ld 60.4 published 达标 → noise-input-rounding.
        var n = VerificationService.Run(new VerificationRequest("noise", "csv",
            [Text("n.csv", "点位,时间,功能区,昼间,昼间评价\nN1,2020-05-01,2类,60.4,达标\n")],
            Map: "site=点位,time=时间,zone=功能区,ld=昼间,day=昼间评价"));
        Assert.Equal("noise-input-rounding", Assert.Single(n.Findings).Cause);
    }

    [Fact]
    public void Excel_has_the_three_sheets()
    {
        var r = VerificationService.Run(new VerificationRequest("air", "csv", [DataFile("three-examples.csv")], Map: AirMap));
        using var ms = new MemoryStream();
        VerificationExcel.Write(ms, r);
        ms.Position = 0;
        using var zip = new ZipArchive(ms, ZipArchiveMode.Read);
        var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
        Assert.Contains("概要", workbook);
        Assert.Contains("发现", workbook);
        Assert.Contains("不一致明细", workbook);
        // 9 mismatches + header in the third sheet.
        var sheet3 = new StreamReader(zip.GetEntry("xl/worksheets/sheet3.xml")!.Open()).ReadToEnd();
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(sheet3, "<x:row |<row ").Count);
    }
}
