using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using SmartEnv.Imports;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Projects;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The UI texts (issue #12 point 6, docs/ui.md "Texts"): the committed generated files (<c>Ui/Texts.g.cs</c>, the
/// <c>.resx</c> pairs) are the output of <c>Resources/Ui/gen.py</c> for the committed <c>*.tsv</c> (so a tsv edited
/// without regenerating fails here), every key resolves in zh-CN and en-US through the embedded resources, and every value
/// of every enum shown through a typed lookup has both texts.
/// </summary>
public sealed class TextsTests
{
    private static readonly string UiDir = Path.Combine(RepoPaths.Root, "src", "SmartEnv.Web", "Resources", "Ui");
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    private static IEnumerable<string> Tables() => Directory.GetFiles(UiDir, "*.tsv")
        .Where(f => Path.GetFileName(f) is not ("keymap.tsv" or "texts.tsv")).OrderBy(f => f, StringComparer.Ordinal);

    private static string ClassOf(string tsv) =>
        string.Concat(Path.GetFileNameWithoutExtension(tsv).Split('-', '_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static List<string[]> Rows(string tsv) => File.ReadAllLines(tsv)
        .Where(l => l.Trim().Length > 0 && !l.StartsWith('#') && !l.StartsWith('@')).Select(l => l.Split('\t')).ToList();

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Generated_files_were_made_from_the_committed_tables()
    {
        var cs = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "SmartEnv.Web", "Ui", "Texts.g.cs"));
        var tables = Tables().ToList();
        Assert.True(tables.Count >= 10, "one table per area");
        Assert.False(File.Exists(Path.Combine(UiDir, "texts.tsv")), "the single table is split; run convert_keys.py");
        Assert.Equal(tables.Count, cs.Split('\n').Count(l => l.StartsWith("// source-sha256 ", StringComparison.Ordinal)));
        foreach (var tsv in tables)
        {
            var name = Path.GetFileName(tsv);
            var sha = Sha(tsv);
            Assert.True(cs.Contains($"// source-sha256 {name}: {sha}\n", StringComparison.Ordinal),
                $"{name} changed after Ui/Texts.g.cs was generated: run python3 src/SmartEnv.Web/Resources/Ui/gen.py");
            var rows = Rows(tsv);
            foreach (var (suffix, column) in new[] { ("", 1), (".en-US", 2) })
            {
                var resx = Path.Combine(UiDir, ClassOf(tsv) + suffix + ".resx");
                var text = File.ReadAllText(resx);
                Assert.True(text.Contains($"source-sha256: {sha} ", StringComparison.Ordinal), $"{resx} is not generated from the current {name}");
                var data = XDocument.Parse(text).Root!.Elements("data").Select(d => (Key: (string)d.Attribute("name")!, Value: d.Element("value")!.Value)).ToList();
                Assert.Equal(rows.Select(r => (r[0], r[column])), data);
            }
        }
        // Six resx pairs per…: no resx left over from a removed table.
        Assert.Equal(tables.Count * 2, Directory.GetFiles(UiDir, "*.resx").Length);
    }

    [Fact]
    public void Every_key_resolves_in_both_cultures_to_the_text_of_its_table()
    {
        var tables = Tables().ToDictionary(ClassOf, Rows);
        Assert.Equal(tables.Keys.Order(StringComparer.Ordinal), Texts.Areas.Select(a => a.Area).Order(StringComparer.Ordinal));
        foreach (var (area, resources, keys) in Texts.Areas)
        {
            var rows = tables[area];
            Assert.Equal(rows.Select(r => r[0]), keys);
            foreach (var r in rows)
            {
                Assert.Equal(r[1], resources.GetString(r[0], Zh));
                Assert.Equal(r[2], resources.GetString(r[0], En));
            }
        }
    }

    [Fact]
    public void Every_enum_value_shown_through_a_lookup_has_zh_and_en_text()
    {
        Assert.Contains(Texts.EnumLookups, l => l.EnumType == typeof(AlertRule));
        Assert.Contains(Texts.EnumLookups, l => l.EnumType == typeof(QuarantineReason));
        foreach (var lookup in Texts.EnumLookups)
            foreach (var value in Enum.GetValues(lookup.EnumType))
            {
                var key = lookup.KeyOf(value);
                Assert.True(key is not null, $"{lookup.EnumType.Name}.{value} has no row in its tsv");
                Assert.False(string.IsNullOrWhiteSpace(lookup.Resources.GetString(key, Zh)), $"{key}: no zh-CN text");
                Assert.False(string.IsNullOrWhiteSpace(lookup.Resources.GetString(key, En)), $"{key}: no en-US text");
            }
    }

    [Fact]
    public void Every_id_of_a_string_keyed_group_has_text()
    {
        // The ids come from their owners (enums serialized snake_case, import formats, trend windows), not from the tables.
        Assert.Subset(Texts.Plan.StageKeys.ToHashSet(), PlanService.StageKeys.ToHashSet());
        Assert.Subset(Texts.Plan.ScheduleKeys.ToHashSet(), PlanService.ScheduleKeys.ToHashSet());
        Assert.Subset(Texts.Plan.StatusKeys.ToHashSet(),
            Enum.GetValues<IndicatorStatus>().Select(s => SnakeCaseEnumConverter<IndicatorStatus>.ToSnake(s.ToString())).ToHashSet());
        Assert.Subset(Texts.Plan.GradeKeys.ToHashSet(),
            Enum.GetValues<EvaluationGrade>().Select(s => SnakeCaseEnumConverter<EvaluationGrade>.ToSnake(s.ToString())).ToHashSet());
        Assert.Subset(Texts.Data.ImportFormatKeys.ToHashSet(), FileImport.Formats.ToHashSet());
        Assert.Equal(WaterTrendWindows.Keys, Texts.Water.WindowKeys);
        // Issue 22, the 核验 tab: every format any domain reads, and the three domains.
        Assert.Equal(SmartEnv.Verifications.Files.VerificationService.Formats.Values.SelectMany(f => f).Distinct().Order(StringComparer.Ordinal),
            Texts.Verify.FormatKeys.Order(StringComparer.Ordinal));
        Assert.Equal(SmartEnv.Web.Ui.VerifyUiService.Domains, Texts.Verify.DomainNameKeys);
        // HJ 633-2012 Table 2: six AQI levels, each with its health effect and advice.
        Assert.Equal([1, 2, 3, 4, 5, 6], Texts.Public.HealthNumbers);
        Assert.Equal([1, 2, 3, 4, 5, 6], Texts.Public.AdviceNumbers);
    }

    [Fact]
    public void Typed_members_read_the_current_ui_culture()
    {
        var before = CultureInfo.CurrentUICulture;
        var beforeCulture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = Zh;
            Assert.Equal("设备离线", Texts.Alerts.Rule(AlertRule.DeviceOffline));
            Assert.Equal("国家空气质量监测站点小时数据", Texts.Data.ImportFormat("cnemc-sites"));
            Assert.Equal("no-such-format", Texts.Data.ImportFormat("no-such-format"));
            Assert.Equal("各类人群可正常活动", Texts.Public.Advice(1));
            Assert.Equal("存在风险", Texts.Plan.Status("at_risk"));
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = En;
            Assert.Equal("Device offline", Texts.Alerts.Rule(AlertRule.DeviceOffline));
            Assert.Equal("hour ending 2026-01-02 03:00", Texts.Common.HourEnding("2026-01-02 03:00"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            CultureInfo.CurrentCulture = beforeCulture;
        }
    }
}
