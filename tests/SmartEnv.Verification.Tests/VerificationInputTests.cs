using System.Text;
using SmartEnv.Ingestion.Files;
using SmartEnv.Verifications.Files;

namespace SmartEnv.Verifications.Tests;

/// <summary>Input errors found by the tester: a row shorter than the header (plain CSV and china_sites) and a station-hour
/// given twice. Lines and columns counted by hand (header = line 1, columns from 1).</summary>
public class VerificationInputTests
{
    private const string AirMap = "site=站点,time=时间,aqi=AQI,so2=SO2,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5";
    private const string Header = "站点,时间,AQI,SO2,NO2,CO,O3,PM10,PM2.5";

    private static VerificationReport Csv(string text) => VerificationService.Run(new VerificationRequest("air", "csv",
        [new VerificationInput("in.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(text)))], Map: AirMap));

    private static VerificationReport Sites(string text) => VerificationService.Run(new VerificationRequest("air", "china-sites",
        [new VerificationInput("sites.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(text)))]));

    [Fact]
    public void Short_csv_row_is_an_error_at_its_first_missing_column()
    {
        // Header 9 cells; line 3 has 4 cells → column 5 (the first missing one). Line 2 is complete (57 = PM2.5 40 by hand,
        // AirRows) so the error is the short row, not the file.
        var e = Assert.ThrowsAny<DataFileFormatException>(() => Csv(
            $"{Header}\nA,2019-03-01 01:00,57,5,10,0.5,20,30,40\nA,2019-03-01 02:00,57,5\n"));
        Assert.Equal((3, 5), (e.Line, e.Column));
        Assert.Contains("4 cells", e.Message);
        Assert.Contains("9", e.Message);
        // Boundary: exactly the header's width (9 cells) is read and compared (1 row, match).
        var r = Csv($"{Header}\nA,2019-03-01 01:00,57,5,10,0.5,20,30,40\n");
        Assert.Equal((1, 1, 1), (r.Rows, r.Compared, r.Matched));
        // One cell short (8 of 9) is already an error, at column 9.
        e = Assert.ThrowsAny<DataFileFormatException>(() => Csv($"{Header}\nA,2019-03-01 01:00,57,5,10,0.5,20,30\n"));
        Assert.Equal((2, 9), (e.Line, e.Column));
    }

    [Fact]
    public void Short_china_sites_row_is_an_error()
    {
        // Header date,hour,type + 2 stations = 5 cells; the PM2.5 row of line 3 has 4 cells → column 5.
        var e = Assert.ThrowsAny<DataFileFormatException>(() => Sites(
            "date,hour,type,1001A,1002A\n20190301,1,AQI,57,57\n20190301,1,PM2.5,40\n"));
        Assert.Equal((3, 5), (e.Line, e.Column));
        Assert.Contains("sites.csv", e.Message);
    }

    [Fact]
    public void Same_station_hour_twice_is_an_error_naming_both_lines()
    {
        // Lines 2 and 4: station A, 2019-03-01 01:00, published 57 and 64 → error at line 4 naming lines 2 and 4.
        var e = Assert.ThrowsAny<DataFileFormatException>(() => Csv(
            $"{Header}\nA,2019-03-01 01:00,57,5,10,0.5,20,30,40\nB,2019-03-01 01:00,57,5,10,0.5,20,30,40\nA,2019-03-01 01:00,64,5,10,0.5,20,30,40\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("lines 2 and 4", e.Message);
        // Same station, next hour, and another station at the same hour are not duplicates (3 rows read).
        var r = Csv($"{Header}\nA,2019-03-01 01:00,57,5,10,0.5,20,30,40\nB,2019-03-01 01:00,57,5,10,0.5,20,30,40\nA,2019-03-01 02:00,57,5,10,0.5,20,30,40\n");
        Assert.Equal(3, r.Rows);
    }

    [Fact]
    public void Same_china_sites_hour_twice_is_an_error()
    {
        // Hour 1 (lines 2–3), hour 2 (line 4), hour 1 again (line 5): station 1001A hour 1 twice, AQI lines 2 and 5.
        var e = Assert.ThrowsAny<DataFileFormatException>(() => Sites(
            "date,hour,type,1001A\n20190301,1,AQI,57\n20190301,1,PM2.5,40\n20190301,2,AQI,57\n20190301,1,AQI,64\n"));
        Assert.Equal(5, e.Line);
        Assert.Contains("lines 2 and 5", e.Message);
    }
}
