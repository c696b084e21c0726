using System.Text;
using SmartEnv.Ingestion.Files;
using SmartEnv.Tests;

namespace SmartEnv.Ingestion.Tests.Files;

public class PrsaReaderTests
{
    [Fact]
    public void ReadsTheDongsiFile()
    {
        var rows = PrsaReader.ReadFile(RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Dongsi_20130301-20170228.csv.gz")).ToList();
        Assert.Equal(35_064, rows.Count); // SOURCES.md §1
        // First data row: 1,2013,3,1,0,9,9,3,17,300,89,…,"Dongsi"
        var r = rows[0];
        Assert.Equal(("Dongsi", new DateOnly(2013, 3, 1), 0), (r.Station, r.Date, r.Hour));
        Assert.Equal((9m, 9m, 3m, 17m, 0.3m, 89m), (r.Pm25!.Value, r.Pm10!.Value, r.So2!.Value, r.No2!.Value, r.Co!.Value, r.O3!.Value));
        Assert.Contains(rows, x => x.Pm25 is null); // NA cells
    }

    [Fact]
    public void NaIsMissingAndBadNumbersNameTheCell()
    {
        const string head = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"station\"\n";
        var ok = PrsaReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(head + "1,2014,2,3,5,NA,10,2,3,1200,NA,\"Tiantan\"\n")), "mem").Single();
        Assert.Null(ok.Pm25);
        Assert.Equal(1.2m, ok.Co);
        var e = Assert.Throws<DataFileFormatException>(() =>
            PrsaReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(head + "1,2014,2,3,5,abc,10,2,3,1200,4,\"Tiantan\"\n")), "mem").ToList());
        Assert.StartsWith("mem:2:6:", e.Message);
        var missing = Assert.Throws<DataFileFormatException>(() =>
            PrsaReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("\"No\",\"year\"\n1,2014\n")), "mem").ToList());
        Assert.Contains("missing column 'month'", missing.Message);
    }

    private const string Head = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"station\"\n";

    private static List<PrsaHour> Read(string text) => PrsaReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "mem").ToList();

    [Theory]
    [InlineData("1,2014,2,3,5,7,10,2,3,1200,4,\"Tiantan\",extra\n", "mem:2: 13 cells, the header has 12")]
    [InlineData("1,2014,2,3,5,7,10,2,3,1200,4\n", "mem:2: 11 cells, the header has 12")]
    [InlineData("1,20140,2,3,5,7,10,2,3,1200,4,\"Tiantan\"\n", "mem:2: invalid date/hour 20140-2-3 5")]
    [InlineData("1,2014,2,3,5,79228162514264337593543950335,10,2,3,1200,4,\"Tiantan\"\n", "mem:2:6: '79228162514264337593543950335' is out of range (10^15 or more) (PM2.5)")]
    public void BadRowsNameTheLine(string row, string message)
    {
        var e = Assert.Throws<DataFileFormatException>(() => Read(Head + row));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void BlankLinesAreSkipped()
    {
        var rows = Read(Head + "1,2014,2,3,5,7,10,2,3,1200,4,\"Tiantan\"\n\n2,2014,2,3,6,8,10,2,3,1200,4,\"Tiantan\"\n\n\n");
        Assert.Equal([5, 6], rows.Select(r => r.Hour));
    }

    [Fact]
    public void DuplicateHeaderNamesAreAFormatError()
    {
        var e = Assert.Throws<DataFileFormatException>(() => Read("\"year\",\"year\"\n1,2\n"));
        Assert.StartsWith("mem:1: bad header", e.Message);
    }
}
