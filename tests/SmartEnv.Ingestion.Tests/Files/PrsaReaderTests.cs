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
}
