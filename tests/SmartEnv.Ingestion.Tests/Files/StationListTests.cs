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
    public void AGbkListIsReadAsGbk()
    {
        // Issue 14 item 8: a list saved by Chinese-locale Excel (GBK) is detected and read as written (before: "bad
        // header (is the file UTF-8?)", the GBK bytes having been decoded as UTF-8 replacement characters).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var s = Read(Encoding.GetEncoding("GBK").GetBytes(List));
        Assert.Equal([("1420A", "唐家沱", "重庆"), ("1414A", "缙云山（对照点）", "重庆")], s.Select(x => (x.Code, x.Name, x.City)));
    }

    [Fact]
    public void BytesInNoEncodingAreAFormatErrorNamingTheLine()
    {
        var e = Assert.Throws<DataFileLimitException>(() => Read([.. Encoding.UTF8.GetBytes(List), 0x31, 0xFF, 0x0A]));
        Assert.Equal(("encoding", 4), (e.Limit, e.Line));
    }
}
