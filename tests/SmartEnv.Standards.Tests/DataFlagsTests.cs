using System.Text.RegularExpressions;
using SmartEnv.Standards.Common;
using SmartEnv.Tests;

namespace SmartEnv.Standards.Tests;

/// <summary>
/// The flag → validity rule (<see cref="DataFlags"/>) against HJ 212-2017 §6.6.4 table 8 as quoted in
/// <c>shared/reference/online-monitoring-rates.md</c> §3.1, and the uses decided in docs/standards-air.md.
/// </summary>
public class DataFlagsTests
{
    /// <summary>The rows "| N | 在线监控（监测）仪器仪表工作正常 |" of the reference file's §3.1 table.</summary>
    private static List<(string Flag, string Meaning)> ReferenceTable8()
    {
        var text = File.ReadAllText(RepoPaths.SharedFile("reference/online-monitoring-rates.md"));
        var section = text[text.IndexOf("### 3.1", StringComparison.Ordinal)..text.IndexOf("### 3.2", StringComparison.Ordinal)];
        return Regex.Matches(section, @"^\| ([A-Z]) \| (.+?) \|\s*$", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim())).ToList();
    }

    [Fact]
    public void The_table_is_HJ_212_table_8_letter_for_letter_and_word_for_word()
    {
        var reference = ReferenceTable8();
        Assert.Equal(8, reference.Count);
        Assert.Equal(reference, DataFlags.Table.Select(r => (r.Flag, r.MeaningZh)).ToList());
        Assert.All(DataFlags.Table, r => Assert.Contains("HJ 212-2017 §6.6.4 表8", r.Basis));
    }

    [Theory]
    [InlineData(null, DataFlagUse.Valid)]     // file imports carry no flag
    [InlineData("", DataFlagUse.Valid)]
    [InlineData("N", DataFlagUse.Valid)]
    [InlineData(" n ", DataFlagUse.Valid)]    // case and blanks are not the device's meaning
    [InlineData("F", DataFlagUse.Invalid)]
    [InlineData("M", DataFlagUse.Invalid)]
    [InlineData("S", DataFlagUse.Invalid)]    // hand-typed set value: not a measurement (our choice)
    [InlineData("D", DataFlagUse.Invalid)]
    [InlineData("d", DataFlagUse.Invalid)]
    [InlineData("C", DataFlagUse.Invalid)]
    [InlineData("T", DataFlagUse.LowerBound)] // over range: a floor, not the value (our choice)
    [InlineData("B", DataFlagUse.Invalid)]
    [InlineData("X", DataFlagUse.Invalid)]    // outside table 8 (extension letter of unknown meaning)
    [InlineData("N℃", DataFlagUse.Invalid)]   // a field report's garbled flag is not N
    public void Only_N_or_no_flag_is_a_measured_concentration(string? flag, DataFlagUse use)
    {
        Assert.Equal(use, DataFlags.Use(flag));
        Assert.Equal(use == DataFlagUse.Valid, DataFlags.IsValid(flag));
    }

    [Fact]
    public void Faults_are_the_flags_that_say_the_instrument_is_not_measuring()
    {
        Assert.Equal(["F", "D", "B"], DataFlags.Table.Where(r => r.Fault).Select(r => r.Flag));
        Assert.False(DataFlags.IsFault("X"));
        Assert.False(DataFlags.IsFault(null));
    }
}
