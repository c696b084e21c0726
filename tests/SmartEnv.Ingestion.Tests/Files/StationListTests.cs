using System.Text;
using SmartEnv.Ingestion.Files;

namespace SmartEnv.Ingestion.Tests.Files;

public class StationListTests
{
    private static IReadOnlyList<CnemcStation> Read(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stations-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try { return AirHourFiles.ReadStationList(path); }
        finally { File.Delete(path); }
    }

    private const string List = "监测点编码,监测点名称,城市,经度,纬度\n1420A,唐家沱,重庆,106.6,29.6\n1414A,缙云山（对照点）,重庆,106.4,29.8\n";

    [Fact]
    public void BlankLinesAreSkipped()
    {
        var s = Read(Encoding.UTF8.GetBytes(List + "\n\n"));
        Assert.Equal(["1420A", "1414A"], s.Select(x => x.Code));
        Assert.True(s[1].IsControlPoint);
    }

    [Fact]
    public void GbkHeaderIsAFormatErrorNotAnException()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // 监测点名称 and 城市 … decode from GBK bytes to the same replacement runs, which Sep refuses as a doubled name.
        var e = Assert.Throws<DataFileFormatException>(() => Read(Encoding.GetEncoding("GBK").GetBytes(List)));
        Assert.Contains(":1: bad header (is the file UTF-8?)", e.Message);
    }
}
