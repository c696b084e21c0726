using System.Reflection;
using System.Text.Json;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;
using SmartEnv.Standards.Air;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The output contract (docs/api.md "Output contract", issue 12 point 5) as written in the docs: enum spellings checked
/// against the table there, and a scan of every public output record of the API and the contract folder for the two
/// shapes the issue found (a <c>Colour</c> property; primary/main pollutants as a joined string).
/// </summary>
public sealed class OutputContractShapeTests
{
    [Fact]
    public void Enum_values_are_written_as_the_docs_spell_them()
    {
        string W<T>(T v) => JsonSerializer.Serialize(v, ContractJson.Options);
        Assert.Equal("\"at_risk\"", W(IndicatorStatus.AtRisk));
        Assert.Equal("\"linear_path\"", W(TargetRule.LinearPath));
        Assert.Equal("\"cumulative5_year\"", W(PlanValueKind.Cumulative5Year));
        Assert.Equal("\"so2_fixed200\"", W(IaqiNote.So2Fixed200));
        Assert.Equal("\"air_aqi_exceeded\"", W(AlertRule.AirAqiExceeded));
        // The helper used where a record holds the key as a string spells it the same way.
        Assert.Equal("at_risk", ContractJson.EnumValue(IndicatorStatus.AtRisk));
        Assert.Equal("cumulative5_year", ContractJson.EnumValue(PlanValueKind.Cumulative5Year));
        // Reading accepts the same spelling.
        Assert.Equal(IndicatorStatus.OnTrack, JsonSerializer.Deserialize<IndicatorStatus>("\"on_track\"", ContractJson.Options));
    }

    [Fact]
    public void Lists_are_arrays_and_a_csv_cell_joins_with_semicolon()
    {
        var json = JsonSerializer.Serialize(HourlyAqiDto.From(new DateTimeOffset(2019, 6, 1, 5, 0, 0, TimeSpan.Zero), 150, new[] { "pm25_1h", "pm10_1h" }, true, "CNEMC-2014", null), ContractJson.Options);
        Assert.Equal("{\"hour_start\":\"2019-06-01T05:00:00+00:00\",\"aqi\":150,\"level\":3,\"category\":{\"zh\":\"轻度污染\",\"en\":\"Lightly polluted\"},"
            + "\"color\":\"#FF7E00\",\"primary_pollutants\":[\"pm25_1h\",\"pm10_1h\"],\"complete\":true,\"regime\":\"CNEMC-2014\",\"excluded\":null,"
            + "\"reviewed\":true,\"review_excluded_hours\":0}", json);
        Assert.Equal(";", ContractJson.ListSeparator);
        Assert.Equal("pm25_1h;pm10_1h", ContractJson.JoinList(["pm25_1h", "pm10_1h"]));
        Assert.Equal(["氨氮", "总磷"], ContractJson.SplitList("氨氮;总磷"));
        Assert.Empty(ContractJson.SplitList(null));
    }

    [Fact]
    public void No_output_record_has_a_colour_or_a_joined_pollutant_string()
    {
        var types = typeof(ContractJson).Assembly.GetTypes()
            .Where(t => t.IsPublic || t.IsNestedPublic)
            .Where(t => t.Namespace is "SmartEnv.Web.Contracts" or "SmartEnv.Web.Apis")
            .Where(t => t.GetMethod("<Clone>$") is not null) // records
            .ToList();
        Assert.Contains(typeof(PlanIndicatorDto), types);
        var bad = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.Name.Contains("Colour", StringComparison.Ordinal)
                    || (p.Name.EndsWith("Pollutants", StringComparison.Ordinal) && p.PropertyType == typeof(string)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.Empty(bad);
    }
}
