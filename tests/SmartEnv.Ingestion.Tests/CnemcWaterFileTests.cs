using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Water;
using SmartEnv.Tests;

namespace SmartEnv.Ingestion.Tests;

public class CnemcWaterFileTests
{
    public static string DataFile => RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz");

    private static readonly Lazy<IReadOnlyList<CnemcWaterRow>> All = new(() => CnemcWaterFile.Read(DataFile));
    public static IReadOnlyList<CnemcWaterRow> Rows => All.Value;

    [Fact]
    public void Reads_every_row_of_the_gz_file()
    {
        Assert.Equal(46_183, Rows.Count);                       // SOURCES.md §5
        Assert.Equal(2, Rows[0].LineNumber);
        // Published class cell counts (counted with zcat | cut independently of this reader).
        Assert.Equal(18_982, Rows.Count(r => r.PublishedClass == WaterClass.II));
        Assert.Equal(11_407, Rows.Count(r => r.PublishedClass == WaterClass.III));
        Assert.Equal(4_969, Rows.Count(r => r.PublishedClass == WaterClass.I));
        Assert.Equal(4_932, Rows.Count(r => r.PublishedClass == WaterClass.IV));
        Assert.Equal(1_098, Rows.Count(r => r.PublishedClass == WaterClass.V));
        Assert.Equal(1_169, Rows.Count(r => r.PublishedClass == WaterClass.WorseThanV));
        Assert.Equal(3_624, Rows.Count(r => r.PublishedKind == CnemcPublishedClassKind.Maintenance));
        Assert.Equal(2, Rows.Count(r => r.PublishedKind == CnemcPublishedClassKind.NotEvaluated));
        Assert.Equal(1_698, Rows.Select(r => r.SectionKey).Distinct().Count());
    }

    [Fact]
    public void Reads_markers_and_cuntan()
    {
        var first = Rows[0]; // ,上海市,长江流域,七效港西桥,*,*,--,...,*,*,维护
        Assert.Null(first.Time);
        Assert.Equal(CnemcPublishedClassKind.Maintenance, first.PublishedKind);
        Assert.Equal(CnemcWaterMarker.NotMeasured, first.PH.Marker);
        Assert.Equal(CnemcWaterMarker.NotApplicable, first.Chlorophyll.Marker);
        Assert.Equal("维护", first.SiteStatus);

        var cuntan = Rows.Where(r => r.Province == "重庆市" && r.Section == "寸滩").ToList();
        var r0 = cuntan[0]; // 2021-04-01 08:00,重庆市,长江流域,寸滩,04-01 08:00,Ⅳ,18.2,8.11,8.71,432.1,28.9,7.19,0.130,0.233,2.88,*,*,正常
        Assert.Equal(new DateTime(2021, 4, 1, 8, 0, 0), r0.Time);
        Assert.Equal(WaterClass.IV, r0.PublishedClass);
        Assert.Equal(0.233m, r0.TotalPhosphorus.Value);
        Assert.Equal("0.130", r0.AmmoniaNitrogen.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
        Assert.Equal(28, cuntan.Count);                                  // grep -c of the section
        Assert.Equal(25, cuntan.Select(r => r.Time).Distinct().Count()); // three repeated 00:00 rows
    }

    [Fact]
    public void Bad_number_names_line_and_column()
    {
        var csv = "datetime_cst,省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n"
                  + "2021-04-01 08:00,重庆市,长江流域,寸滩,04-01 08:00,Ⅳ,18.2,8.11,8.71,432.1,28.9,7.19,0.130,0.233,2.88,*,*,正常\n"
                  + "2021-04-01 12:00,重庆市,长江流域,寸滩,04-01 12:00,Ⅱ,18.2,8.09,x8.66,437.5,25.4,2.35,0.167,0.078,1.66,*,*,正常\n";
        var ex = Assert.Throws<CnemcWaterFormatException>(() => CnemcWaterFile.Read(new StringReader(csv)));
        Assert.Equal(3, ex.Line);
        Assert.Contains("溶解氧(mg/L)", ex.Message);
        Assert.Contains("x8.66", ex.Message);
    }

    [Fact]
    public void Bad_class_and_missing_column_are_errors()
    {
        const string header = "datetime_cst,省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n";
        var bad = header + "2021-04-01 08:00,重庆市,长江流域,寸滩,04-01 08:00,VI,18.2,8.11,8.71,432.1,28.9,7.19,0.130,0.233,2.88,*,*,正常\n";
        Assert.Contains("水质类别", Assert.Throws<CnemcWaterFormatException>(() => CnemcWaterFile.Read(new StringReader(bad))).Message);
        var noCol = header.Replace(",总磷(mg/L)", "") + "\n";
        Assert.Contains("总磷(mg/L)", Assert.Throws<CnemcWaterFormatException>(() => CnemcWaterFile.Read(new StringReader(noCol))).Message);
        var shortRow = header + "2021-04-01 08:00,重庆市,长江流域,寸滩,04-01 08:00,Ⅳ,18.2\n";
        var ex = Assert.Throws<CnemcWaterFormatException>(() => CnemcWaterFile.Read(new StringReader(shortRow)));
        Assert.Equal(2, ex.Line);
        Assert.StartsWith("line 2:", ex.Message);
        var dash = header + "2021-04-01 08:00,重庆市,长江流域,寸滩,04-01 08:00,-,18.2,8.11,8.71,432.1,28.9,7.19,0.130,0.233,2.88,*,*,正常\n";
        Assert.Equal(CnemcPublishedClassKind.NotEvaluated, CnemcWaterFile.Read(new StringReader(dash))[0].PublishedKind);
    }
}

public class CnemcWaterSectionListTests
{
    [Fact]
    public void Parses_comma_or_tab_and_skips_comments()
    {
        var set = CnemcWaterAssessment.ParseSectionList(new StringReader("# lakes\n安徽省,忠庙\n\n江苏省\t老山乡\n"));
        Assert.Equal(2, set.Count);
        Assert.Contains(("江苏省", "老山乡"), set);
    }

    [Fact]
    public void Bad_line_names_its_number() =>
        Assert.Contains("line 2", Assert.Throws<FormatException>(() => CnemcWaterAssessment.ParseSectionList(new StringReader("安徽省,忠庙\n忠庙\n"))).Message);
}
